#include "http/problem.h"

#include <nlohmann/json.hpp>

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

std::string ProblemJson(const Status& status, std::string_view code) {
  const int http_status = HttpStatusFor(status.code());
  nlohmann::json problem = {
      {"type", std::string("/problems/") + StatusCodeName(status.code())},
      {"title", Title(http_status)},
      {"status", http_status},
      // Internal errors never leak details (SQL, paths) to the client.
      {"detail", status.code() == StatusCode::kInternal
                     ? std::string("something went wrong on the server; it has been logged")
                     : status.message()},
      {"code", ProblemCode(status, code)},
  };
  if (!status.field().empty()) {
    problem["field"] = status.field();
    // Every field at fault, the first being `field`, each with its own code.
    nlohmann::json errors = nlohmann::json::array(
        {{{"field", status.field()}, {"message", status.message()}, {"code", problem["code"]}}});
    for (const Status::FieldError& more : status.more_errors()) {
      errors.push_back({{"field", more.field},
                        {"message", more.message},
                        {"code", more.code.empty() ? StatusCodeName(status.code()) : more.code}});
    }
    problem["errors"] = std::move(errors);
  }
  // A message may quote what the client sent (a query value such as %ff):
  // bytes that are not UTF-8 become U+FFFD rather than an exception.
  return problem.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
  nlohmann::json problem = {{"type", "about:blank"},
                            {"title", Title(http_status)},
                            {"status", http_status},
                            {"detail", detail},
                            {"code", code}};
  return problem.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace vinculo
