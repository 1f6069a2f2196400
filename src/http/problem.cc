#include "http/problem.h"

#include <nlohmann/json.hpp>

#include "json/reply_shape.h"

namespace vinculo {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 422;
    case StatusCode::kMalformed:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kConflict:
      return 409;
    case StatusCode::kForbidden:
      return 403;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPreconditionFailed:
      return 412;
    case StatusCode::kPreconditionRequired:
      return 428;
    case StatusCode::kInfeasible:
      return 422;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kTooManyAttempts:
      return 429;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {
const char* Title(int http_status) {
  switch (http_status) {
    case 400:
      return "Malformed request";
    case 401:
      return "Sign in required";
    case 403:
      return "Not allowed";
    case 404:
      return "Not found";
    case 405:
      return "Method not allowed";
    case 408:
      return "Request too slow";
    case 409:
      return "Conflict";
    case 412:
      return "Changed by someone else";
    case 413:
      return "Request body too large";
    case 415:
      return "Unsupported media type";
    case 416:
      return "Range not satisfiable";
    case 422:
      return "Invalid field";
    case 428:
      return "Version required";
    case 429:
      return "Too many attempts";
    case 431:
      return "Request headers too large";
    case 501:
      return "Not implemented";
    case 503:
      return "Service unavailable";
    default:
      return http_status >= 500 ? "Internal error" : "Request failed";
  }
}
}  // namespace

namespace {
// A service's own reason first, then the decoder's, then the status code's name.
std::string ProblemCode(const Status& status, std::string_view code) {
  if (status.refusal() != Refusal::kNone) return RefusalCode(status.refusal());
  if (!code.empty()) return std::string(code);
  return StatusCodeName(status.code());
}
}  // namespace

const std::vector<std::string>& ProblemCodes() {
  static const std::vector<std::string> kCodes = [] {
    // The request decoder's (http/operation.cc) and the HTTP library's own.
    std::vector<std::string> codes = {
        "field_required",     "field_unknown",         "field_type",       "field_range",
        "field_choice",       "field_format",          "field_invalid",    "parameter_unknown",
        "parameter_required", "parameter_invalid",     "version_required", "version_invalid",
        "body_not_json",      "content_type_not_json", "no_such_endpoint", "body_too_large",
        "request_unreadable", "method_not_allowed",    "request_timeout",  "too_many_requests",
        "headers_too_large"};
    for (StatusCode code :
         {StatusCode::kInvalidArgument, StatusCode::kMalformed, StatusCode::kNotFound,
          StatusCode::kConflict, StatusCode::kForbidden, StatusCode::kUnauthenticated,
          StatusCode::kPreconditionFailed, StatusCode::kPreconditionRequired,
          StatusCode::kInfeasible, StatusCode::kUnavailable, StatusCode::kInternal,
          StatusCode::kTooManyAttempts}) {
      codes.emplace_back(StatusCodeName(code));
    }
    for (Refusal refusal : AllRefusals()) codes.emplace_back(RefusalCode(refusal));
    return codes;
  }();
  return kCodes;
}

namespace {

namespace rs = reply_schema;

// One problem as sent: `field` and `errors` only when a field is at fault.
struct Problem {
  std::string type;
  std::string title;
  int status = 0;
  std::string detail;
  std::string code;
  std::string field{};                       // "" for none
  std::vector<Status::FieldError> errors{};  // every field at fault, the first being `field`
};

const ReplyShape<Status::FieldError>& FieldErrorShape() {
  using Row = Status::FieldError;
  static const ReplyShape<Row> shape({
      {"field", rs::Text(), MemberOf(&Row::field)},
      {"message", rs::Text(), MemberOf(&Row::message)},
      {"code",
       rs::Described(rs::Text(), "The stable reason for this field, as the problem's own `code`."),
       MemberOf(&Row::code)},
  });
  return shape;
}

const ReplyShape<Problem>& ProblemShape() {
  static const ReplyShape<Problem> shape(
      {
          {"type",
           rs::Described(rs::Text(),
                         "/problems/<code>, where code is one of invalid_argument, malformed, "
                         "not_found, conflict, forbidden, unauthenticated, precondition_failed, "
                         "precondition_required, infeasible, unavailable, internal; about:blank "
                         "for errors the HTTP layer answers itself (unknown path, body too "
                         "large)."),
           MemberOf(&Problem::type)},
          {"title", rs::Described(rs::Text(), "Short, fixed per HTTP status."),
           MemberOf(&Problem::title)},
          {"status", rs::Described({{"type", "integer"}}, "The HTTP status."),
           MemberOf(&Problem::status)},
          {"detail", rs::Described(rs::Text(), "What went wrong, for people."),
           MemberOf(&Problem::detail)},
          {"field",
           rs::Described(rs::Text(), "The field or query parameter at fault, when there is one."),
           [](const Problem& problem) {
             return problem.field.empty() ? Absent() : nlohmann::json(problem.field);
           },
           false},
          {"errors",
           rs::Described(rs::ListOf(FieldErrorShape().Schema()),
                         "Present with field: one entry per field at fault, all of them at once "
                         "(the first is `field`), so that a form can mark every one."),
           [](const Problem& problem) {
             if (problem.field.empty()) return Absent();
             nlohmann::json errors = nlohmann::json::array();
             for (const Status::FieldError& error : problem.errors) {
               errors.push_back(FieldErrorShape().ToJson(error));
             }
             return errors;
           },
           false},
          // Every refusal's stable code, for clients to translate.
          {"code",
           rs::Described(rs::Choice(ProblemCodes()),
                         "A stable machine-readable code for the refusal: the request decoder's "
                         "own (field_required, field_unknown, field_type, field_range, "
                         "field_choice, field_format, parameter_..., version_required, "
                         "version_invalid, body_not_json, ...) or the status code's name "
                         "(not_found, conflict, forbidden, invalid_argument, ...)."),
           MemberOf(&Problem::code)},
      },
      "An RFC 9457 (formerly 7807) problem, sent as application/problem+json for every error.");
  return shape;
}

// A message may quote what the client sent (a query value such as %ff):
// bytes that are not UTF-8 become U+FFFD rather than an exception.
std::string ProblemText(const Problem& problem) {
  return ProblemShape().ToJson(problem).dump(-1, ' ', false,
                                             nlohmann::json::error_handler_t::replace);
}

}  // namespace

nlohmann::json ProblemSchema() { return ProblemShape().Schema(); }

std::string ProblemJson(const Status& status, std::string_view code) {
  const int http_status = HttpStatusFor(status.code());
  Problem problem{
      .type = std::string("/problems/") + StatusCodeName(status.code()),
      .title = Title(http_status),
      .status = http_status,
      // Internal errors never leak details (SQL, paths) to the client.
      .detail = status.code() == StatusCode::kInternal
                    ? std::string("something went wrong on the server; it has been logged")
                    : status.message(),
      .code = ProblemCode(status, code),
      .field = status.field(),
  };
  if (!problem.field.empty()) {
    problem.errors.push_back({status.field(), status.message(), problem.code});
    for (const Status::FieldError& more : status.more_errors()) {
      problem.errors.push_back({more.field, more.message,
                                more.code.empty() ? StatusCodeName(status.code()) : more.code});
    }
  }
  return ProblemText(problem);
}

std::string ProblemJsonForHttpStatus(int http_status, const std::string& given_detail) {
  std::string detail;
  std::string code;
  switch (http_status) {
    case 404:
      detail = "there is no such endpoint; see /api/v1/openapi.json";
      code = "no_such_endpoint";
      break;
    case 413:
      detail = "the request body is larger than the server accepts (1 MiB)";
      code = "body_too_large";
      break;
    case 400:
      detail = "the request could not be read";
      code = "request_unreadable";
      break;
    case 405:
      detail = Title(http_status);
      code = "method_not_allowed";
      break;
    case 408:
      detail = "the request did not arrive in time";
      code = "request_timeout";
      break;
    case 429:
      detail = Title(http_status);
      code = "too_many_requests";
      break;
    case 431:
      detail = "the request line and headers are larger than the server accepts";
      code = "headers_too_large";
      break;
    case 503:
      detail = Title(http_status);
      code = "unavailable";
      break;
    default:
      detail = Title(http_status);
      code = http_status >= 500 ? "internal" : "request_unreadable";
      break;
  }
  // The edge guard (http/edge_guard.h) gives its own detail.
  if (!given_detail.empty()) detail = given_detail;
  return ProblemText({.type = "about:blank",
                      .title = Title(http_status),
                      .status = http_status,
                      .detail = detail,
                      .code = code});
}

}  // namespace vinculo
