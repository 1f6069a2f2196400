// The one place where a Status becomes an HTTP status and an RFC 9457
// (formerly 7807) application/problem+json body. Internal errors reach the
// client as a short generic message; the details stay in the server log.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace vinculo {

int HttpStatusFor(StatusCode code);
// {"type","title","status","detail","code","field"?,"errors"?:[{"field","message"}]}.
// `code` is the refusal's stable machine-readable code: the request decoder's
// own (field_required, ...) or, by default, the status code's name
// (not_found, conflict, ...). Every code is in ProblemCodes().
std::string ProblemJson(const Status& status, std::string_view code = {});
// Every code a problem can carry, for the document.
const std::vector<std::string>& ProblemCodes();
// The document's Problem schema, from the shape both functions above and
// below write with (json/reply_shape.h).
nlohmann::json ProblemSchema();
// For statuses produced by the HTTP library itself (404 route, 413 body) or
// by the edge guard (http/edge_guard.h), which gives its own `detail`.
std::string ProblemJsonForHttpStatus(int http_status, const std::string& detail = {});

}  // namespace vinculo
