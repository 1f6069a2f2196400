#include "service/idempotency.h"

#include <thread>

#include "service/secrets.h"

namespace vinculo {
namespace {

constexpr std::chrono::milliseconds kPollInterval{20};

Status CheckKey(const std::string& key) {
  if (key.empty() || key.size() > kIdempotencyKeyMaxLength) {
    return InvalidArgument("Idempotency-Key", "must be 1 to 255 characters");
  }
  for (char letter : key) {
    if (letter < 0x21 || letter > 0x7e) {
      return InvalidArgument("Idempotency-Key", "must be printable ASCII without spaces");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<IdempotentAnswer>> IdempotencyService::Begin(long long user_id,
                                                                  const std::string& key,
                                                                  const std::string& request_text) {
  VINCULO_RETURN_IF_ERROR(CheckKey(key));
  const std::string request_hash = TokenHash(request_text);
  const auto deadline = std::chrono::steady_clock::now() + kIdempotencyWait;
  while (true) {
    std::optional<IdempotencyRow> held;
    bool claimed = false;
    VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
      const auto now = context_.clock->Now();
      VINCULO_ASSIGN_OR_RETURN(
          claimed, ClaimIdempotencyKey(txn, user_id, key, request_hash, FormatTimestamp(now),
                                       FormatTimestamp(now + kIdempotencyKeyLifetime)));
      if (claimed) return Status::Ok();
      VINCULO_ASSIGN_OR_RETURN(held, FindIdempotencyKey(txn, user_id, key));
      return Status::Ok();
    }));
    if (claimed) return std::optional<IdempotentAnswer>();
    if (held) {
      if (held->request_hash != request_hash) {
        return InvalidArgument("Idempotency-Key",
                               "was first used for another request (method, path or body); "
                               "use a new key for a new request");
      }
      if (held->status) {
        return std::optional<IdempotentAnswer>(IdempotentAnswer{
            *held->status, held->content_type, held->body, held->location, held->etag});
      }
    }
    // The first request with this key is still running (or its key was
    // released meanwhile: claim again).
    if (std::chrono::steady_clock::now() >= deadline) {
      return Conflict(
          "a request with this Idempotency-Key is still being "
          "processed; retry later",
          "Idempotency-Key");
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

Status IdempotencyService::Finish(long long user_id, const std::string& key,
                                  const IdempotentAnswer& answer) {
  IdempotencyRow row;
  row.user_id = user_id;
  row.key = key;
  row.status = answer.status;
  row.content_type = answer.content_type;
  row.body = answer.body;
  row.location = answer.location;
  row.etag = answer.etag;
  return context_.store->Write([&](Txn& txn) { return CompleteIdempotencyKey(txn, row); });
}

Status IdempotencyService::Abandon(long long user_id, const std::string& key) {
  return context_.store->Write([&](Txn& txn) { return ReleaseIdempotencyKey(txn, user_id, key); });
}

}  // namespace vinculo
