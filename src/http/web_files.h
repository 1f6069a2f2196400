// The web UI's files (web/dist): the app's hashed files under /assets/, the
// service worker at /sw.js, and index.html for every other path outside
// /api/ (a single-page app). Files under /assets/ are sent as the build
// wrote them: NAME.br or NAME.gz when the build compressed NAME
// (web/vite-compress.ts) and the browser accepts that encoding, never
// compressed again per request.
#pragma once

#include <string>
#include <string_view>

namespace httplib {
class Server;
}

namespace vinculo::http_internal {

// Registers the routes above when `web_dir` is a folder; otherwise a small
// page at "/" pointing to the API's document.
void RegisterWebFiles(httplib::Server& server, const std::string& web_dir);

// Which of the build's encodings to send for an Accept-Encoding header:
// "br" when accepted and `has_brotli`, else "gzip" when accepted and
// `has_gzip`, else "" (the file as it is). A coding with q=0 is not accepted;
// "*" accepts both.
std::string_view ChooseEncoding(std::string_view accept_encoding, bool has_brotli, bool has_gzip);

}  // namespace vinculo::http_internal
