// Fuzz target: the one strict request decoder every HTTP operation goes
// through (DecodeCall, http/operation.cc). The input picks an operation of the
// table and gives it path ids, a query string, an If-Match header and a body.
// Properties: decoding never throws and never answers an internal error; a
// refusal always carries a problem code and, for a field's fault, the field;
// a decoded call has one id per id in the path.
#include <httplib.h>

#include <regex>
#include <string>
#include <vector>

#include "fuzz/fuzz_target.h"
#include "http/operation.h"
#include "http/router.h"
#include "store/store.h"

namespace {

using vinculo::http_internal::AllOperations;
using vinculo::http_internal::Call;
using vinculo::http_internal::DecodeCall;
using vinculo::http_internal::Operation;
using vinculo::http_internal::RoutePattern;
using vinculo::http_internal::Services;

// The next part of the input, up to a NUL byte.
std::string TakePart(const char*& data, const char* end) {
  const char* stop = data;
  while (stop < end && *stop != '\0') ++stop;
  std::string part(data, stop);
  data = stop < end ? stop + 1 : end;
  return part;
}

// The operation's path with each "{...}" replaced by `segment`.
std::string PathWith(const std::string& pattern, const std::string& segment) {
  std::string path;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      const size_t close = pattern.find('}', i);
      path += pattern.compare(i, close - i + 1, "{kind}") == 0 ? std::string("children") : segment;
      i = close;
    } else {
      path += pattern[i];
    }
  }
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  // DecodeCall reads none of the services; they stand on an empty in-memory
  // SQLite store because constructing them asks which engine it is.
  static vinculo::Store* store = [] {
    auto opened = vinculo::Store::Open(":memory:", 1);
    if (!opened.ok()) std::abort();
    return opened->release();
  }();
  static const vinculo::ServiceContext context{store, nullptr, nullptr};
  static Services* services = new Services{context,
                                           vinculo::RecordService(context),
                                           vinculo::AuthService(context),
                                           vinculo::FiguresService(context),
                                           {}};
  const auto& operations = AllOperations();
  static const std::vector<std::regex> routes = [&operations] {
    std::vector<std::regex> patterns;
    for (const Operation& operation : operations) patterns.emplace_back(RoutePattern(operation));
    return patterns;
  }();
  if (size < 1 || operations.empty()) return 0;
  const size_t chosen = bytes[0] % operations.size();
  const Operation& operation = operations[chosen];
  const char* data = reinterpret_cast<const char*>(bytes) + 1;
  const char* end = reinterpret_cast<const char*>(bytes) + size;
  const std::string segment = TakePart(data, end);
  const std::string query = TakePart(data, end);
  const std::string if_match = TakePart(data, end);
  const std::string content_type = TakePart(data, end);
  const std::string body(data, end);

  httplib::Request request;
  request.method = operation.method;
  request.path = PathWith(operation.path, segment);
  if (!std::regex_match(request.path, request.matches, routes[chosen])) return 0;  // a 404
  httplib::detail::parse_query_text(query, request.params);
  if (!if_match.empty()) request.set_header("If-Match", if_match);
  request.set_header("Content-Type", content_type.empty() ? "application/json" : content_type);
  request.body = body;

  Call call{request, *services};
  std::string code;
  vinculo::Status status;
  try {
    status = DecodeCall(operation, call, code);
  } catch (...) {
    FUZZ_CHECK(!"DecodeCall threw");
  }
  if (status.ok()) {
    size_t ids = 0;
    for (size_t at = operation.path.find('{'); at != std::string::npos;
         at = operation.path.find('{', at + 1)) {
      // "{kind}" and "{token}" (a secret, calendar subscriptions) are not ids.
      ids += operation.path.compare(at, 6, "{kind}") == 0 ||
                     operation.path.compare(at, 7, "{token}") == 0
                 ? 0
                 : 1;
    }
    FUZZ_CHECK(call.ids.size() == ids);
  } else {
    if (status.code() == vinculo::StatusCode::kInternal || code.empty() ||
        (status.code() == vinculo::StatusCode::kInvalidArgument && status.field().empty())) {
      std::fprintf(stderr, "%s %s: %s (code %s)\n", operation.method.c_str(),
                   operation.path.c_str(), status.ToString().c_str(), code.c_str());
    }
    FUZZ_CHECK(status.code() != vinculo::StatusCode::kInternal);
    FUZZ_CHECK(!code.empty());
    if (status.code() == vinculo::StatusCode::kInvalidArgument) FUZZ_CHECK(!status.field().empty());
  }
  return 0;
}
