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

std::string ProblemJson(const Status& status) {
  const int http_status = HttpStatusFor(status.code());
  nlohmann::json problem = {
      {"type", std::string("/problems/") + StatusCodeName(status.code())},
      {"title", Title(http_status)},
      {"status", http_status},
      // Internal errors never leak details (SQL, paths) to the client.
      {"detail", status.code() == StatusCode::kInternal
                     ? std::string("something went wrong on the server; it has been logged")
                     : status.message()},
  };
  if (!status.field().empty()) {
    problem["field"] = status.field();
    problem["errors"] =
        nlohmann::json::array({{{"field", status.field()}, {"message", status.message()}}});
  }
  // A message may quote what the client sent (a query value such as %ff):
  // bytes that are not UTF-8 become U+FFFD rather than an exception.
  return problem.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ProblemJsonForHttpStatus(int http_status, const std::string& given_detail) {
  std::string detail = given_detail;
  if (detail.empty()) switch (http_status) {
      case 404:
        detail = "there is no such endpoint; see /api/v1/openapi.json";
        break;
      case 413:
        detail = "the request body is larger than the server accepts (1 MiB)";
        break;
      case 400:
        detail = "the request could not be read";
        break;
      case 408:
        detail = "the request did not arrive in time";
        break;
      case 431:
        detail = "the request line and headers are larger than the server accepts";
        break;
      default:
        detail = Title(http_status);
        break;
    }
  nlohmann::json problem = {{"type", "about:blank"},
                            {"title", Title(http_status)},
                            {"status", http_status},
                            {"detail", detail}};
  return problem.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace vinculo
