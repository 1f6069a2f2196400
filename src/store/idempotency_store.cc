#include "store/idempotency_store.h"

#include <soci/soci.h>

#include "store/sql_util.h"

namespace vinculo {

Result<bool> ClaimIdempotencyKey(Txn& txn, long long user_id, const std::string& key,
                                 const std::string& request_hash, const std::string& now,
                                 const std::string& expires_at) {
  try {
    soci::session& sql = txn.session();
    sql << "DELETE FROM idempotency_keys WHERE expires_at <= :now", soci::use(now);
    soci::statement insert = (sql.prepare << "INSERT INTO idempotency_keys (user_id, idem_key, "
                                             "request_hash, "
                                             "created_at, expires_at) VALUES (:user_id, :idem_key, "
                                             ":request_hash, "
                                             ":created_at, :expires_at) ON CONFLICT (user_id, "
                                             "idem_key) DO NOTHING",
                              soci::use(user_id), soci::use(key), soci::use(request_hash),
                              soci::use(now), soci::use(expires_at));
    insert.execute(true);
    return insert.get_affected_rows() == 1;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "claiming an idempotency key");
  }
}

Result<std::optional<IdempotencyRow>> FindIdempotencyKey(Txn& txn, long long user_id,
                                                         const std::string& key) {
  try {
    soci::rowset<soci::row> rows =
        (txn.session().prepare << "SELECT request_hash, status, content_type, "
                                  "body, location, etag, created_at, "
                                  "expires_at FROM idempotency_keys WHERE "
                                  "user_id = :user_id AND idem_key = :key",
         soci::use(user_id), soci::use(key));
    for (const soci::row& row : rows) {
      using store_internal::GetOptionalInteger;
      using store_internal::GetOptionalText;
      IdempotencyRow found;
      found.user_id = user_id;
      found.key = key;
      found.request_hash = store_internal::GetText(row, 0);
      if (auto status = GetOptionalInteger(row, 1)) found.status = static_cast<int>(*status);
      found.content_type = GetOptionalText(row, 2).value_or("");
      found.body = GetOptionalText(row, 3).value_or("");
      found.location = GetOptionalText(row, 4).value_or("");
      found.etag = GetOptionalText(row, 5).value_or("");
      found.created_at = GetOptionalText(row, 6).value_or("");
      found.expires_at = GetOptionalText(row, 7).value_or("");
      return std::optional<IdempotencyRow>(std::move(found));
    }
    return std::optional<IdempotencyRow>();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading an idempotency key");
  }
}

Status CompleteIdempotencyKey(Txn& txn, const IdempotencyRow& answer) {
  try {
    int status = answer.status.value_or(0);
    txn.session() << "UPDATE idempotency_keys SET status = :status, "
                     "content_type = :content_type, "
                     "body = :body, location = :location, etag = :etag WHERE "
                     "user_id = :user_id "
                     "AND idem_key = :idem_key",
        soci::use(status), soci::use(answer.content_type), soci::use(answer.body),
        soci::use(answer.location), soci::use(answer.etag), soci::use(answer.user_id),
        soci::use(answer.key);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "storing an idempotent answer");
  }
}

Status ReleaseIdempotencyKey(Txn& txn, long long user_id, const std::string& key) {
  try {
    txn.session() << "DELETE FROM idempotency_keys WHERE user_id = :user_id "
                     "AND idem_key = :key "
                     "AND status IS NULL",
        soci::use(user_id), soci::use(key);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "releasing an idempotency key");
  }
}

}  // namespace vinculo
