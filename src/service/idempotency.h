// Retries never duplicate (issue 14): a POST sent with an Idempotency-Key
// header runs once per user and key; a retry, also one arriving while the
// first is still running (on this server or another of the installation),
// gets the first answer and writes nothing. The same key with another method,
// path or body is refused (kInvalidArgument naming the header: 422). Keys
// expire kIdempotencyKeyLifetime after their first use (docs/operations.md).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "service/context.h"
#include "store/idempotency_store.h"

namespace vinculo {

inline constexpr std::chrono::hours kIdempotencyKeyLifetime{24};
// How long a retry waits for the first request with its key to finish.
inline constexpr std::chrono::seconds kIdempotencyWait{10};
inline constexpr size_t kIdempotencyKeyMaxLength = 255;

// The answer a retry replays.
struct IdempotentAnswer {
  int status = 0;
  std::string content_type;
  std::string body;
  std::string location;
  std::string etag;
};

class IdempotencyService {
 public:
  explicit IdempotencyService(ServiceContext context) : context_(context) {}

  // Claims `key` for the request whose method, path and body are
  // `request_text`. No value: the caller runs the request and then calls
  // Finish or Abandon. A value: the first request's answer, to send as is.
  Result<std::optional<IdempotentAnswer>> Begin(long long user_id, const std::string& key,
                                                const std::string& request_text);
  // Keeps the answer for the key's lifetime.
  Status Finish(long long user_id, const std::string& key, const IdempotentAnswer& answer);
  // Gives the key up, so that a retry runs the request again (the first
  // attempt failed in a way a retry may fix: the database was unavailable).
  Status Abandon(long long user_id, const std::string& key);

 private:
  ServiceContext context_;
};

}  // namespace vinculo
