// Calendar subscriptions (issue 18): a user's secret token for one iCalendar
// feed, stored as its hash only (service/secrets.h, TokenHash). A row is
// live until revoked; a revoked row is kept, with when it was revoked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/store.h"

namespace vinculo {

struct CalendarSubscriptionRow {
  long long id = 0;
  long long user_id = 0;
  std::string feed;  // "facility", "escort" or "facilitator" (a CHECK in the schema)
  long long subject_id = 0;
  std::string token_hash;
  std::string created_at;
  std::optional<std::string> revoked_at;
};

// Stores `row` (its id is ignored) and returns it with its new id.
Result<CalendarSubscriptionRow> InsertCalendarSubscription(Txn& txn,
                                                           const CalendarSubscriptionRow& row);
// The live (unrevoked) subscription whose token has `token_hash`, if any.
Result<std::optional<CalendarSubscriptionRow>> FindLiveCalendarSubscription(
    Txn& txn, const std::string& token_hash);
// Every subscription of `user_id`, revoked ones too, oldest first.
Result<std::vector<CalendarSubscriptionRow>> CalendarSubscriptionsOf(Txn& txn, long long user_id);
// Revokes `user_id`'s live subscription `id` at `now`; kNotFound when she
// has no such live subscription (another user's reads the same).
Status RevokeCalendarSubscription(Txn& txn, long long user_id, long long id,
                                  const std::string& now);

}  // namespace vinculo
