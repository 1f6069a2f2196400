// Internal to src/http: the Idempotency-Key header of an authenticated POST
// (issue 14). Router::Authed hands every request here; the logic lives in
// service/idempotency.h, the HTTP side (which header, what is replayed) here.
#pragma once

#include <httplib.h>

#include <functional>

#include "domain/access.h"
#include "service/context.h"

namespace vinculo::http_internal {

// When `request` is a POST with an Idempotency-Key header: runs `run` (which
// writes `response`) the first time the user sends the key, and otherwise
// writes the first answer again (with the header Idempotent-Replayed: true)
// without running it; a bad key or one reused for another request answers 422.
// Returns false, doing nothing, for any other request: the caller runs it.
bool RunIdempotently(const ServiceContext& context, const httplib::Request& request,
                     httplib::Response& response, const Actor& actor,
                     const std::function<void()>& run);

}  // namespace vinculo::http_internal
