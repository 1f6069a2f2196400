// The edge guard: what every request must satisfy before httplib reads its
// body or routes it (issue 13, docs/security.md). Installed as httplib's
// pre-routing handler by ApiServer; answers the refusals itself as
// problem+json. Thread-safe (stateless but for the limits it is given).
//
//   - Content-Length must be plain digits and at most the body limit: 413 at
//     once for a larger one, before a byte of the body is read; 400 for a
//     negative, malformed or repeated one. The connection then closes, so an
//     unread body is never taken for the next request.
//   - Transfer-Encoding may only be "chunked", and never together with
//     Content-Length (501 / 400); a chunked body, or one read to the end of
//     the connection, gets the same byte budget through ConnectionControl.
//   - Request bodies may not be compressed (415): a small gzip body would
//     inflate past every limit.
//   - At most one byte range: a Range header with several is ignored and the
//     whole file is sent.
//   - A browser write from another site is refused (403): an unsafe method
//     without a Bearer token must carry Sec-Fetch-Site same-origin/none (or
//     none at all), and an Origin header, when present, must be this host.
//     Bearer clients are not browsers' ambient credentials and pass.
// Internal to src/http.
#pragma once

#include <httplib.h>

#include <string>
#include <utility>
#include <vector>

#include "http/keep_alive_server.h"

namespace vinculo::http_internal {

httplib::Server::HandlerResponse GuardRequest(const EdgeLimits& limits,
                                              const httplib::Request& request,
                                              httplib::Response& response);

// For httplib's own error answers: when the connection's read failed on a
// bound, the status that says which (408 too slow, 413 body too large, 431
// headers too large) instead of httplib's 400.
void ExplainReadFailure(httplib::Response& response);

// Headers on every answer: CSP without inline scripts, no framing, no
// sniffing, no referrer, and HSTS when served behind HTTPS.
std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool secure_cookies);

}  // namespace vinculo::http_internal
