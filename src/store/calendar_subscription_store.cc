#include "store/calendar_subscription_store.h"

#include <soci/soci.h>

#include "store/sql_util.h"

namespace vinculo {

using store_internal::GetInteger;
using store_internal::GetOptionalText;
using store_internal::GetText;
using store_internal::Params;

namespace {

constexpr const char* kColumns =
    "id, user_id, feed, subject_id, token_hash, created_at, revoked_at";

CalendarSubscriptionRow ReadRow(const soci::row& row) {
  CalendarSubscriptionRow read;
  read.id = GetInteger(row, 0);
  read.user_id = GetInteger(row, 1);
  read.feed = GetText(row, 2);
  read.subject_id = GetInteger(row, 3);
  read.token_hash = GetText(row, 4);
  read.created_at = GetText(row, 5);
  read.revoked_at = GetOptionalText(row, 6);
  return read;
}

}  // namespace

Result<CalendarSubscriptionRow> InsertCalendarSubscription(Txn& txn,
                                                           const CalendarSubscriptionRow& row) {
  try {
    Params params;
    const std::string query =
        "INSERT INTO calendar_subscriptions (user_id, feed, subject_id, token_hash, created_at) "
        "VALUES (" +
        params.AddInteger(row.user_id) + ", " + params.Add(row.feed) + ", " +
        params.AddInteger(row.subject_id) + ", " + params.Add(row.token_hash) + ", " +
        params.Add(row.created_at) + ") RETURNING id";
    CalendarSubscriptionRow stored = row;
    stored.revoked_at.reset();
    txn.session() << query, soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "storing a calendar subscription");
  }
}

Result<std::optional<CalendarSubscriptionRow>> FindLiveCalendarSubscription(
    Txn& txn, const std::string& token_hash) {
  try {
    Params params;
    const std::string query =
        std::string("SELECT ") + kColumns +
        " FROM calendar_subscriptions WHERE token_hash = " + params.Add(token_hash) +
        " AND revoked_at IS NULL";
    auto rows =
        store_internal::Select<CalendarSubscriptionRow>(txn, query, params, ReadRow);
    if (rows.empty()) return std::optional<CalendarSubscriptionRow>();
    return std::optional<CalendarSubscriptionRow>(std::move(rows.front()));
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a calendar subscription");
  }
}

Result<std::vector<CalendarSubscriptionRow>> CalendarSubscriptionsOf(Txn& txn, long long user_id) {
  try {
    Params params;
    const std::string query =
        std::string("SELECT ") + kColumns +
        " FROM calendar_subscriptions WHERE user_id = " + params.AddInteger(user_id) +
        " ORDER BY id";
    return store_internal::Select<CalendarSubscriptionRow>(txn, query, params, ReadRow);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "listing calendar subscriptions");
  }
}

Status RevokeCalendarSubscription(Txn& txn, long long user_id, long long id,
                                  const std::string& now) {
  try {
    Params params;
    const std::string query = "UPDATE calendar_subscriptions SET revoked_at = " + params.Add(now) +
                              " WHERE id = " + params.AddInteger(id) +
                              " AND user_id = " + params.AddInteger(user_id) +
                              " AND revoked_at IS NULL";
    if (store_internal::ExecuteWith(txn, query, params) != 1) {
      return NotFound("no calendar subscription " + std::to_string(id));
    }
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "revoking a calendar subscription");
  }
}

}  // namespace vinculo
