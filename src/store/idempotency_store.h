// Idempotency keys (issue 14): the first answer to a POST sent with an
// Idempotency-Key header, kept in the database so that a retry reaching any
// server of the installation gets that same answer. A row is claimed (no
// answer yet) before the request runs and completed with its answer after.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "store/store.h"

namespace vinculo {

struct IdempotencyRow {
  long long user_id = 0;
  std::string key;
  std::string request_hash;   // of the method, path and body the key was first used with
  std::optional<int> status;  // absent while the first request is still running
  std::string content_type;
  std::string body;
  std::string location;
  std::string etag;
  std::string created_at;
  std::string expires_at;
};

// Removes every key expired at `now`, then claims (user_id, key) for a request
// with `request_hash`. True when this call claimed it; false when the key is
// already held (read it with FindIdempotencyKey). Two claims at once: exactly
// one is true (the primary key decides, on both engines).
Result<bool> ClaimIdempotencyKey(Txn& txn, long long user_id, const std::string& key,
                                 const std::string& request_hash, const std::string& now,
                                 const std::string& expires_at);
Result<std::optional<IdempotencyRow>> FindIdempotencyKey(Txn& txn, long long user_id,
                                                         const std::string& key);
// Stores the answer of a claimed key.
Status CompleteIdempotencyKey(Txn& txn, const IdempotencyRow& answer);
// Gives a claimed key up (the request failed in a way a retry may fix).
Status ReleaseIdempotencyKey(Txn& txn, long long user_id, const std::string& key);

}  // namespace vinculo
