// Calendar subscriptions (issue 18): a secret, revocable URL per user and
// iCalendar feed, so that a calendar application can subscribe without
// signing in.
//
// A token is 32 random bytes (libsodium, as for sessions) in base64url; only
// its BLAKE2b hash is stored. The feed served under a token is rendered for
// its owner as she is at the time of the fetch: a disabled account, a role
// that may no longer read the feed or a facility, escort or facilitator she no
// longer sees reads exactly as an unknown or revoked token (kNotFound), which
// never says whose token it was. Creating and revoking are audited in the
// write's transaction; every fetch is audited as a read of the subscription.
// Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/context.h"

namespace vinculo {

// The feeds one may subscribe to, each one iCalendar operation of the API.
enum class CalendarFeed {
  kFacility,     // a facility's visiting sessions (VisitService::FacilityCalendar)
  kEscort,       // an escort's trips (VisitService::EscortCalendar)
  kFacilitator,  // a facilitator's workshop sessions (WorkshopService::FacilitatorCalendar)
};

const char* CalendarFeedName(CalendarFeed feed);  // "facility", "escort", "facilitator"
// kInvalidArgument naming `feed` for any other text.
Result<CalendarFeed> ParseCalendarFeed(std::string_view text);
const std::vector<CalendarFeed>& AllCalendarFeeds();

struct CalendarSubscription {
  long long id = 0;
  CalendarFeed feed = CalendarFeed::kFacility;
  long long subject_id = 0;  // the facility, escort or facilitator (a user id)
  std::string created_at;
  std::optional<std::string> revoked_at;
};

// A new subscription and its token: the only time the token is seen.
struct NewCalendarSubscription {
  CalendarSubscription subscription;
  std::string token;
};

class CalendarSubscriptionService {
 public:
  // Whether a role may call a feed's operation at all (the role gate of the
  // feed's own row in the HTTP table, so the rule keeps one home).
  using RoleGate = std::function<bool(Role, CalendarFeed)>;

  CalendarSubscriptionService(ServiceContext context, RoleGate role_may_read)
      : context_(context), role_may_read_(std::move(role_may_read)) {}

  // A new token for `feed` of `subject_id`. The actor must be able to read
  // that feed now: kForbidden when her role may not read it at all,
  // kNotFound when the subject is not hers to see (as the feed itself
  // answers). Audited ("calendar_subscription_created").
  Result<NewCalendarSubscription> Create(const Actor& actor, CalendarFeed feed,
                                         long long subject_id);
  // The actor's own subscriptions, revoked ones too, oldest first.
  Result<std::vector<CalendarSubscription>> List(const Actor& actor);
  // Revokes one of the actor's own live subscriptions; kNotFound for one
  // that is not hers, unknown or already revoked. Audited.
  Status Revoke(const Actor& actor, long long subscription_id);
  // The iCalendar text behind `token`, as its owner may see it now; kNotFound
  // for an unknown or revoked token and for any feed its owner may no longer
  // read (one answer for all). Driver failures keep their own code.
  Result<std::string> Feed(const std::string& token, const std::string& remote_address);

 private:
  Result<std::string> Render(const Actor& actor, CalendarFeed feed, long long subject_id);

  ServiceContext context_;
  RoleGate role_may_read_;
};

}  // namespace vinculo
