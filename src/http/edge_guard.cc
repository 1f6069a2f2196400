#include "http/edge_guard.h"

#include <charconv>
#include <memory>
#include <string_view>

#include "common/status.h"
#include "http/problem.h"
#include "http/reply_body.h"

namespace vinculo::http_internal {
namespace {

using HandlerResponse = httplib::Server::HandlerResponse;

// What a chunked body may add to its content in chunk sizes, extensions and
// line ends before it is refused: 64 KiB is 1 MiB sent in 16-byte chunks.
constexpr size_t kChunkFramingAllowance = 64 * 1024;

bool EqualsIgnoringCase(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) return false;
  for (size_t index = 0; index < left.size(); ++index) {
    if (std::tolower(static_cast<unsigned char>(left[index])) !=
        std::tolower(static_cast<unsigned char>(right[index]))) {
      return false;
    }
  }
  return true;
}

HandlerResponse Refuse(httplib::Response& response, int http_status, const std::string& detail) {
  response.status = http_status;
  response.set_header("Connection", "close");
  // Never compressed: a refusal costs the server as little as it can.
  SendAsItIs(response,
             std::make_shared<const std::string>(ProblemJsonForHttpStatus(http_status, detail)),
             "application/problem+json");
  if (ConnectionControl* connection = CurrentConnection()) connection->CloseAfterAnswer();
  return HandlerResponse::Handled;
}

bool IsUnsafeMethod(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool HasBearerToken(const httplib::Request& request) {
  return request.get_header_value("Authorization").rfind("Bearer ", 0) == 0;
}

// "https://host:port" -> "host:port".
std::string_view OriginAuthority(std::string_view origin) {
  const size_t scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return {};
  origin.remove_prefix(scheme_end + 3);
  return origin.substr(0, origin.find('/'));
}

}  // namespace

HandlerResponse GuardRequest(const EdgeLimits& limits, const httplib::Request& request,
                             httplib::Response& response) {
  const bool chunked = request.has_header("Transfer-Encoding");
  if (chunked) {
    if (request.get_header_value_count("Transfer-Encoding") != 1 ||
        !EqualsIgnoringCase(request.get_header_value("Transfer-Encoding"), "chunked")) {
      return Refuse(response, 501, "Transfer-Encoding may only be chunked");
    }
    if (request.has_header("Content-Length")) {
      return Refuse(response, 400, "send Content-Length or Transfer-Encoding, not both");
    }
  }
  size_t body_budget = limits.max_body_bytes;
  if (request.has_header("Content-Length")) {
    const std::string text = request.get_header_value("Content-Length");
    unsigned long long length = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), length);
    if (request.get_header_value_count("Content-Length") != 1 || text.empty() ||
        error == std::errc::invalid_argument || end != text.data() + text.size()) {
      return Refuse(response, 400, "Content-Length must be one number of bytes");
    }
    if (error == std::errc::result_out_of_range || length > limits.max_body_bytes) {
      return Refuse(response, 413,
                    "the request body is larger than the server accepts (" +
                        std::to_string(limits.max_body_bytes) + " bytes)");
    }
    body_budget = static_cast<size_t>(length);
  } else if (chunked) {
    body_budget = limits.max_body_bytes + kChunkFramingAllowance;
  }
  if (request.has_header("Content-Encoding") &&
      !EqualsIgnoringCase(request.get_header_value("Content-Encoding"), "identity")) {
    return Refuse(response, 415, "request bodies may not be compressed (Content-Encoding)");
  }
  if (IsUnsafeMethod(request.method) && !HasBearerToken(request)) {
    const std::string site = request.get_header_value("Sec-Fetch-Site");
    const std::string origin = request.get_header_value("Origin");
    const bool cross_site = !site.empty() && site != "same-origin" && site != "none";
    const bool foreign_origin =
        !origin.empty() && OriginAuthority(origin) != request.get_header_value("Host");
    if (cross_site || foreign_origin) {
      return Refuse(response, 403,
                    "a write from another site is not accepted; use the application's own "
                    "pages or a Bearer token");
    }
  }
  // httplib would answer every range of a multi-range request, each a copy
  // of its part: 1,500 ranges of a 4 KiB file were 525 MB. One is enough for
  // resuming a download; with more, the whole file is sent (RFC 9110 allows
  // ignoring Range). httplib parsed them into this request, which it owns.
  if (request.ranges.size() > 1) {
    auto& owned = const_cast<httplib::Request&>(request);
    owned.ranges.clear();
    owned.headers.erase("Range");
  }
  if (ConnectionControl* connection = CurrentConnection()) connection->LimitBody(body_budget);
  return HandlerResponse::Unhandled;
}

void ExplainReadFailure(httplib::Response& response) {
  const ConnectionControl* connection = CurrentConnection();
  if (!connection || response.status != 400) return;
  if (connection->TimedOut()) {
    response.status = 408;
  } else if (connection->OverBudget()) {
    response.status = connection->ReadingBody() ? 413 : 431;
  }
}

std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool secure_cookies) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'"},
      {"X-Frame-Options", "DENY"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (secure_cookies) {
    headers.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  return headers;
}

}  // namespace vinculo::http_internal
