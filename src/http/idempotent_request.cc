#include "http/idempotent_request.h"

#include <spdlog/spdlog.h>

#include "http/router.h"
#include "service/idempotency.h"

namespace vinculo::http_internal {
namespace {

constexpr const char* kKeyHeader = "Idempotency-Key";

// JSON answers are kept; a PDF or other bytes are not (a retry runs again).
bool Replayable(const httplib::Response& response) {
  if (response.status >= 500) return false;
  const std::string type = response.get_header_value("Content-Type");
  return response.body.empty() || type.find("json") != std::string::npos;
}

}  // namespace

bool RunIdempotently(const ServiceContext& context, const httplib::Request& request,
                     httplib::Response& response, const Actor& actor,
                     const std::function<void()>& run) {
  if (request.method != "POST" || !request.has_header(kKeyHeader)) return false;
  const std::string key = request.get_header_value(kKeyHeader);
  IdempotencyService idempotency(context);
  auto first = idempotency.Begin(actor.user_id, key,
                                 request.method + " " + request.path + "\n" + request.body);
  if (!first.ok()) {
    Send(response, first.status());
    return true;
  }
  if (*first) {
    const IdempotentAnswer& answer = **first;
    response.status = answer.status;
    if (!answer.location.empty()) response.set_header("Location", answer.location);
    if (!answer.etag.empty()) response.set_header("ETag", answer.etag);
    response.set_header("Idempotent-Replayed", "true");
    if (!answer.body.empty() || !answer.content_type.empty()) {
      response.set_content(answer.body, answer.content_type.c_str());
    }
    return true;
  }
  run();
  Status kept = Status::Ok();
  if (Replayable(response)) {
    kept = idempotency.Finish(
        actor.user_id, key,
        {response.status, response.get_header_value("Content-Type"), response.body,
         response.get_header_value("Location"), response.get_header_value("ETag")});
  }
  if (!Replayable(response) || !kept.ok()) {
    if (!kept.ok()) spdlog::error("idempotency key not kept: {}", kept.ToString());
    (void)idempotency.Abandon(actor.user_id, key);
  }
  return true;
}

}  // namespace vinculo::http_internal
