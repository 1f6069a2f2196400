#include "common/status.h"

namespace vinculo {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kMalformed:
      return "malformed";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kConflict:
      return "conflict";
    case StatusCode::kForbidden:
      return "forbidden";
    case StatusCode::kUnauthenticated:
      return "unauthenticated";
    case StatusCode::kPreconditionFailed:
      return "precondition_failed";
    case StatusCode::kPreconditionRequired:
      return "precondition_required";
    case StatusCode::kInfeasible:
      return "infeasible";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kTooManyAttempts:
      return "too_many_attempts";
    case StatusCode::kInternal:
      return "internal";
  }
  return "unknown";
}

namespace {
const char* Category(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "Invalid Argument";
    case StatusCode::kMalformed:
      return "Malformed Input";
    case StatusCode::kNotFound:
      return "Not Found";
    case StatusCode::kConflict:
      return "Conflict";
    case StatusCode::kForbidden:
      return "Forbidden";
    case StatusCode::kUnauthenticated:
      return "Unauthenticated";
    case StatusCode::kPreconditionFailed:
      return "Stale Version";
    case StatusCode::kPreconditionRequired:
      return "Version Required";
    case StatusCode::kInfeasible:
      return "Infeasible";
    case StatusCode::kUnavailable:
      return "Unavailable";
    case StatusCode::kTooManyAttempts:
      return "Too Many Attempts";
    case StatusCode::kInternal:
      return "Internal Error";
  }
  return "Error";
}
}  // namespace

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out = Category(code_);
  out += ": ";
  // Messages that already name the field ("line 4: date_of_birth: ...") are not prefixed again.
  if (!field_.empty() && message_.find(field_ + ": ") == std::string::npos) {
    out += field_;
    out += ": ";
  }
  out += message_;
  // The CLI prints every field at fault, one after the other.
  for (const FieldError& more : more_errors_) {
    out += "; ";
    out += more.field;
    out += ": ";
    out += more.message;
  }
  return out;
}

Status& Status::AlsoAt(std::string field, std::string message, std::string code) {
  if (field == field_) return *this;
  for (const FieldError& known : more_errors_) {
    if (known.field == field) return *this;
  }
  more_errors_.push_back({std::move(field), std::move(message), std::move(code)});
  return *this;
}

Status& Status::Collect(Status error, std::string_view code) {
  if (error.ok()) return *this;
  if (ok()) return *this = std::move(error);
  return AlsoAt(error, code);
}

Status& Status::AlsoAt(const Status& other, std::string_view code) {
  AlsoAt(other.field(), other.message(),
         other.refusal() != Refusal::kNone ? RefusalCode(other.refusal()) : std::string(code));
  for (const FieldError& more : other.more_errors()) AlsoAt(more.field, more.message, more.code);
  return *this;
}

}  // namespace vinculo
