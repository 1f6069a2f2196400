// Status and Result<T>: errors as values below the HTTP and CLI edges.
//
// A Status is a code, a human message and, for input errors, the name of the
// field at fault (and, when a request breaks several rules, the other fields
// at fault too, so that a form can show every error at once). Result<T> holds either a T or a
// non-OK Status. Both are plain values: copyable, movable, and safe to pass between threads (no
// shared state). The two edges map codes to the outside world in exactly one place each:
// http/problem.cc (HTTP status + problem+json) and cli/exit_codes.h.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/refusal.h"

namespace vinculo {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,       // a field value breaks a rule (names the field)
  kMalformed,             // the request itself cannot be read (bad JSON, bad CSV row)
  kNotFound,              // no such record, or not visible to the caller
  kConflict,              // unique key taken, state does not allow the change
  kForbidden,             // authenticated, but the role or scope does not allow it
  kUnauthenticated,       // no valid session
  kPreconditionFailed,    // stale version (If-Match does not match)
  kPreconditionRequired,  // an update without If-Match
  kInfeasible,            // a plan or schedule cannot satisfy the hard rules
  kUnavailable,           // the database or another dependency cannot be reached
  kTooManyAttempts,       // throttled (sign-ins, concurrent hashing); retry_after_seconds says when
  kInternal,              // a bug or an unexpected failure; details only in the log
};

// Returns the stable lower_snake name of a code ("invalid_argument"), used in
// problem+json `type` URIs and in CLI messages.
const char* StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field at fault ("date_of_birth", "parent_id"), empty if none.
  const std::string& field() const { return field_; }
  // Further fields at fault beyond field(), in the order found; empty when one
  // field (or none) is at fault.
  struct FieldError {
    std::string field;
    std::string message;
    std::string code;  // the stable reason (problem+json), empty when none
  };
  const std::vector<FieldError>& more_errors() const { return more_errors_; }
  // Adds another field at fault (ignored when it is field() or already listed).
  Status& AlsoAt(std::string field, std::string message, std::string code = {});
  // Adds `other`'s field and its more_errors, with `code` when `other` has no refusal.
  Status& AlsoAt(const Status& other, std::string_view code = {});
  // Collects the refusals of a whole form: the first becomes this status, the
  // later ones ride along as more_errors (AlsoAt); an OK `error` changes nothing.
  Status& Collect(Status error, std::string_view code = {});
  // For kTooManyAttempts and kUnavailable: seconds after which a retry may
  // succeed (HTTP Retry-After); 0 when unknown.
  int retry_after_seconds() const { return retry_after_seconds_; }
  Status& WithRetryAfter(int seconds) {
    retry_after_seconds_ = seconds;
    return *this;
  }

  // The stable reason of a refusal (problem+json `code`), kNone when the
  // status code says enough.
  Refusal refusal() const { return refusal_; }
  Status& Because(Refusal refusal) {
    refusal_ = refusal;
    return *this;
  }
  // "Invalid Argument: date_of_birth: is in the future" style, for logs and the CLI.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
  int retry_after_seconds_ = 0;
  Refusal refusal_ = Refusal::kNone;
  std::vector<FieldError> more_errors_;
};

inline Status InvalidArgument(std::string field, std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(message), std::move(field));
}
inline Status NotFound(std::string message) {
  return Status(StatusCode::kNotFound, std::move(message));
}
inline Status Forbidden(std::string message, std::string field = {}) {
  return Status(StatusCode::kForbidden, std::move(message), std::move(field));
}
inline Status Conflict(std::string message, std::string field = {}) {
  return Status(StatusCode::kConflict, std::move(message), std::move(field));
}
inline Status Internal(std::string message) {
  return Status(StatusCode::kInternal, std::move(message));
}

// Holds a T or a non-OK Status. Accessing value() on an error is a programmer
// error (asserted), never a way to report user input problems.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace vinculo

// Returns early from the enclosing function with the Status of `expr` if it failed.
#define VINCULO_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::vinculo::Status vinculo_status_ = (expr);        \
    if (!vinculo_status_.ok()) return vinculo_status_; \
  } while (0)

#define VINCULO_CONCAT_INNER(a, b) a##b
#define VINCULO_CONCAT(a, b) VINCULO_CONCAT_INNER(a, b)
// Declares `lhs` from a Result<T> expression, or returns its Status on error.
#define VINCULO_ASSIGN_OR_RETURN(lhs, expr)                    \
  auto VINCULO_CONCAT(vinculo_result_, __LINE__) = (expr);     \
  if (!VINCULO_CONCAT(vinculo_result_, __LINE__).ok())         \
    return VINCULO_CONCAT(vinculo_result_, __LINE__).status(); \
  lhs = std::move(VINCULO_CONCAT(vinculo_result_, __LINE__)).value()
