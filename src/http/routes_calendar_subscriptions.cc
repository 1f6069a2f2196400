// Calendar subscriptions (issue 18): a user's secret URL per iCalendar feed,
// and the feed answered under it without an Authorization header.
#include <limits>

#include "http/operation.h"
#include "json/calendar_subscription_json.h"
#include "service/calendar_subscriptions.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

constexpr const char* kFeedPathPrefix = kCalendarFeedPathPrefix;
constexpr const char* kFeedPathSuffix = kCalendarFeedPathSuffix;

// The operationId of each feed's own row: its roles are the subscription's
// role gate, so who may read a feed is said once, in its row.
const char* FeedOperationId(CalendarFeed feed) {
  switch (feed) {
    case CalendarFeed::kFacility:
      return "facilityVisitCalendar";
    case CalendarFeed::kEscort:
      return "escortCalendar";
    case CalendarFeed::kFacilitator:
      return "getFacilitatorCalendar";
  }
  return "";
}

bool RoleMayReadFeed(Role role, CalendarFeed feed) {
  const std::string operation_id = FeedOperationId(feed);
  for (const Operation& operation : AllOperations()) {
    if (operation.operation_id == operation_id) return RoleMayCall(operation, role);
  }
  return false;
}

CalendarSubscriptionService Subscriptions(const Call& call) {
  return CalendarSubscriptionService(call.services.context, RoleMayReadFeed);
}

Result<Reply> Create(Call& call) {
  VINCULO_ASSIGN_OR_RETURN(CalendarFeed feed, ParseCalendarFeed(call.body.Text("feed")));
  VINCULO_ASSIGN_OR_RETURN(
      NewCalendarSubscription created,
      Subscriptions(call).Create(call.user(), feed, call.body.Integer("subject_id")));
  Reply reply = JsonReply(NewCalendarSubscriptionToJson(created), 201);
  // The answer holds a secret: no cache keeps it.
  reply.headers.push_back({"Cache-Control", "no-store"});
  return reply;
}

}  // namespace

std::vector<Operation> CalendarSubscriptionOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/calendar-subscriptions",
       .operation_id = "listCalendarSubscriptions",
       .tag = "Calendars",
       .summary = "My calendar subscriptions",
       .description = "The signed-in user's own subscriptions, revoked ones too, oldest first. "
                      "Tokens are never shown again: only their hashes are stored.",
       .reply = "items:CalendarSubscription",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Subscriptions(call).List(call.user()));
         return ItemsReply(rows, CalendarSubscriptionToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/calendar-subscriptions",
       .operation_id = "createCalendarSubscription",
       .tag = "Calendars",
       .summary = "Subscribe to a calendar feed",
       .description =
           "A new secret URL (path) for one feed: a facility's visiting sessions "
           "(facilityVisitCalendar), an escort's trips (escortCalendar) or a facilitator's "
           "workshop sessions (getFacilitatorCalendar). Only who may read that feed now may "
           "subscribe to it (its own roles, else 403; a subject not hers, 404). The token (256 "
           "random bits) is in this answer only. Written to the audit log.",
       .request = "CalendarSubscriptionRequest",
       .body = BodyKind::kFields,
       .fields = {Required("feed", V::kText).OneOf({"facility", "escort", "facilitator"}),
                  Required("subject_id", V::kId,
                           "The facility, the escort or the facilitator (a user id).")
                      .Range(1, std::numeric_limits<long long>::max())},
       .status = 201,
       .reply = "NewCalendarSubscription",
       .errors = {404},
       .handler = Create},
      {.method = "DELETE",
       .path = "/api/v1/calendar-subscriptions/{id}",
       .operation_id = "revokeCalendarSubscription",
       .tag = "Calendars",
       .summary = "Revoke a calendar subscription",
       .description = "Its URL answers 404 from now on. Only one's own live subscriptions (any "
                      "other, or one already revoked, 404). Written to the audit log.",
       .status = 204,
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_RETURN_IF_ERROR(Subscriptions(call).Revoke(call.user(), call.id()));
         return NoContent();
       }},
      {.method = "GET",
       .path = std::string(kFeedPathPrefix) + "{token}" + kFeedPathSuffix,
       .operation_id = "getSubscribedCalendar",
       .tag = "Calendars",
       .summary = "A subscribed iCalendar feed (no sign-in)",
       .description =
           "The feed of the subscription whose token is in the path, as its owner may read it at "
           "the time of the request: no Authorization header. An unknown or revoked token, a "
           "disabled owner, or a feed its owner may no longer read (role or scope changed) all "
           "answer the same 404. Every fetch is written to the audit log.",
       .gate = Gate::kPublic,
       .reply_type = "text/calendar",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             std::string ics, Subscriptions(call).Feed(call.token, RemoteAddress(call.request)));
         Reply reply = RawReply(std::move(ics), "text/calendar; charset=utf-8");
         reply.headers.push_back({"Cache-Control", "private, no-cache"});
         reply.headers.push_back({"Referrer-Policy", "no-referrer"});
         return reply;
       }},
  };
}

}  // namespace vinculo::http_internal
