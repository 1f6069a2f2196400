#include "service/calendar_subscriptions.h"

#include "service/auth_service.h"
#include "service/secrets.h"
#include "service/visit_service.h"
#include "service/workshop_service.h"
#include "store/calendar_subscription_store.h"

namespace vinculo {

namespace {

constexpr const char* kAuditKind = "calendar_subscriptions";
// A token longer than this is no token of ours (43 characters), and is not hashed.
constexpr size_t kLongestToken = 128;

Status NoSuchSubscription() { return NotFound("no such calendar subscription"); }

CalendarSubscription FromRow(const CalendarSubscriptionRow& row) {
  CalendarSubscription subscription;
  subscription.id = row.id;
  // The schema's CHECK keeps the feed one of the three names.
  auto feed = ParseCalendarFeed(row.feed);
  if (feed.ok()) subscription.feed = *feed;
  subscription.subject_id = row.subject_id;
  subscription.created_at = row.created_at;
  subscription.revoked_at = row.revoked_at;
  return subscription;
}

std::string Detail(CalendarFeed feed, long long subject_id) {
  return std::string("feed ") + CalendarFeedName(feed) + " " + std::to_string(subject_id);
}

}  // namespace

const char* CalendarFeedName(CalendarFeed feed) {
  switch (feed) {
    case CalendarFeed::kFacility:
      return "facility";
    case CalendarFeed::kEscort:
      return "escort";
    case CalendarFeed::kFacilitator:
      return "facilitator";
  }
  return "facility";
}

const std::vector<CalendarFeed>& AllCalendarFeeds() {
  static const std::vector<CalendarFeed> kFeeds = {CalendarFeed::kFacility, CalendarFeed::kEscort,
                                                   CalendarFeed::kFacilitator};
  return kFeeds;
}

Result<CalendarFeed> ParseCalendarFeed(std::string_view text) {
  for (CalendarFeed feed : AllCalendarFeeds()) {
    if (text == CalendarFeedName(feed)) return feed;
  }
  return InvalidArgument("feed", "must be one of facility, escort, facilitator");
}

Result<std::string> CalendarSubscriptionService::Render(const Actor& actor, CalendarFeed feed,
                                                        long long subject_id) {
  if (!role_may_read_(actor.role, feed)) {
    return Forbidden(std::string("the role ") + RoleName(actor.role) + " may not read the " +
                     CalendarFeedName(feed) + " calendar");
  }
  switch (feed) {
    case CalendarFeed::kFacility:
      return VisitService(context_).FacilityCalendar(actor, subject_id);
    case CalendarFeed::kEscort:
      return VisitService(context_).EscortCalendar(actor, subject_id);
    case CalendarFeed::kFacilitator:
      return WorkshopService(context_).FacilitatorCalendar(actor, subject_id);
  }
  return NoSuchSubscription();
}

Result<NewCalendarSubscription> CalendarSubscriptionService::Create(const Actor& actor,
                                                                    CalendarFeed feed,
                                                                    long long subject_id) {
  if (actor.user_id <= 0) return Forbidden("a calendar subscription belongs to a signed-in user");
  // The feed as she would read it now: what she may not read, she may not subscribe to.
  VINCULO_RETURN_IF_ERROR(Render(actor, feed, subject_id).status());
  NewCalendarSubscription created;
  created.token = NewSessionToken();
  CalendarSubscriptionRow row;
  row.user_id = actor.user_id;
  row.feed = CalendarFeedName(feed);
  row.subject_id = subject_id;
  row.token_hash = TokenHash(created.token);
  row.created_at = context_.Now();
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(CalendarSubscriptionRow stored, InsertCalendarSubscription(txn, row));
    created.subscription = FromRow(stored);
    return txn.AppendAudit({AuditEventFor(actor, row.created_at, "calendar_subscription_created",
                                          kAuditKind, stored.id, Detail(feed, subject_id))});
  }));
  return created;
}

Result<std::vector<CalendarSubscription>> CalendarSubscriptionService::List(const Actor& actor) {
  std::vector<CalendarSubscription> subscriptions;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(auto rows, CalendarSubscriptionsOf(txn, actor.user_id));
    for (const CalendarSubscriptionRow& row : rows) subscriptions.push_back(FromRow(row));
    return Status::Ok();
  }));
  return subscriptions;
}

Status CalendarSubscriptionService::Revoke(const Actor& actor, long long subscription_id) {
  const std::string now = context_.Now();
  return context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(RevokeCalendarSubscription(txn, actor.user_id, subscription_id, now));
    return txn.AppendAudit(
        {AuditEventFor(actor, now, "calendar_subscription_revoked", kAuditKind, subscription_id)});
  });
}

Result<std::string> CalendarSubscriptionService::Feed(const std::string& token,
                                                      const std::string& remote_address) {
  if (token.empty() || token.size() > kLongestToken) return NoSuchSubscription();
  const std::string token_hash = TokenHash(token);
  std::optional<CalendarSubscriptionRow> found;
  Actor owner;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(found, FindLiveCalendarSubscription(txn, token_hash));
    if (!found) return NoSuchSubscription();
    auto user = txn.GetUser(found->user_id);
    if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
    if (!user.ok() || user->disabled) return NoSuchSubscription();
    owner = AuthService::ActorFor(*user, remote_address);
    return Status::Ok();
  }));
  const CalendarSubscription subscription = FromRow(*found);
  auto feed = Render(owner, subscription.feed, subscription.subject_id);
  if (!feed.ok()) {
    const StatusCode code = feed.status().code();
    // Whatever she may no longer see reads as an unknown token.
    if (code == StatusCode::kNotFound || code == StatusCode::kForbidden) {
      return NoSuchSubscription();
    }
    return feed.status();
  }
  context_.audit->RecordRead(AuditEventFor(owner, context_.Now(), "calendar_fetch", kAuditKind,
                                           subscription.id,
                                           Detail(subscription.feed, subscription.subject_id)));
  return feed;
}

}  // namespace vinculo
