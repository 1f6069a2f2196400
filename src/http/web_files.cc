#include "http/web_files.h"

#include <httplib.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>

#include "http/reply_body.h"

namespace vinculo::http_internal {
namespace {

constexpr const char* kImmutable = "public, max-age=31536000, immutable";
constexpr const char* kRevalidate = "no-cache";

// By extension; anything else is application/octet-stream.
std::string ContentTypeOf(const std::string& name) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"}};
  const std::string extension = std::filesystem::path(name).extension().string();
  for (const auto& [known, type] : kTypes) {
    if (extension == known) return type;
  }
  return "application/octet-stream";
}

// The whole file, or nothing when it cannot be read.
std::shared_ptr<const std::string> ReadWhole(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return nullptr;
  return std::make_shared<const std::string>(std::istreambuf_iterator<char>(file),
                                             std::istreambuf_iterator<char>());
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool EqualsIgnoringCase(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) return false;
  for (std::size_t index = 0; index < left.size(); ++index) {
    if (std::tolower(static_cast<unsigned char>(left[index])) !=
        std::tolower(static_cast<unsigned char>(right[index]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view ChooseEncoding(std::string_view accept_encoding, bool has_brotli, bool has_gzip) {
  bool brotli = false;
  bool gzip = false;
  while (!accept_encoding.empty()) {
    const std::size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    const std::size_t semicolon = item.find(';');
    const std::string_view coding = Trim(item.substr(0, semicolon));
    bool refused = false;
    if (semicolon != std::string_view::npos) {
      std::string_view weight = Trim(item.substr(semicolon + 1));
      if (weight.size() >= 2 && (weight[0] == 'q' || weight[0] == 'Q') && weight[1] == '=') {
        weight = Trim(weight.substr(2));
        refused = !weight.empty() && weight.find_first_not_of("0.") == std::string_view::npos;
      }
    }
    if (refused) continue;
    if (EqualsIgnoringCase(coding, "br") || coding == "*") brotli = true;
    if (EqualsIgnoringCase(coding, "gzip") || coding == "*") gzip = true;
  }
  if (brotli && has_brotli) return "br";
  if (gzip && has_gzip) return "gzip";
  return "";
}

void RegisterWebFiles(httplib::Server& server, const std::string& web_dir) {
  if (web_dir.empty() || !std::filesystem::is_directory(web_dir)) {
    server.Get("/", [](const httplib::Request& request, httplib::Response& response) {
      SendBody(request, response,
               "<!doctype html><html lang=\"es\"><meta charset=\"utf-8\"><title>Vínculo</title>"
               "<h1>Vínculo</h1><p>API: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a></p>"
               "</html>",
               "text/html; charset=utf-8");
    });
    return;
  }
  const std::filesystem::path root(web_dir);
  // Vite names the files under /assets/ by their content hash: they never
  // change, so browsers keep them a year. One flat folder: a name with a
  // slash or starting with a dot (no "..") is not one of them.
  const std::filesystem::path assets = root / "assets";
  server.Get(R"(/assets/([A-Za-z0-9_-][A-Za-z0-9._-]*))",
             [assets](const httplib::Request& request, httplib::Response& response) {
               const std::string name = request.matches[1];
               const std::filesystem::path plain = assets / name;
               std::error_code error;
               if (!std::filesystem::is_regular_file(plain, error)) {
                 response.status = 404;
                 return;
               }
               const std::string_view encoding =
                   ChooseEncoding(request.get_header_value("Accept-Encoding"),
                                  std::filesystem::is_regular_file(assets / (name + ".br"), error),
                                  std::filesystem::is_regular_file(assets / (name + ".gz"), error));
               std::shared_ptr<const std::string> body;
               if (encoding == "br") body = ReadWhole(assets / (name + ".br"));
               if (encoding == "gzip") body = ReadWhole(assets / (name + ".gz"));
               if (body) response.set_header("Content-Encoding", std::string(encoding));
               if (!body) body = ReadWhole(plain);
               if (!body) {
                 response.status = 404;
                 return;
               }
               response.headers.erase("Cache-Control");  // the server's no-store
               response.set_header("Cache-Control", kImmutable);
               // Caches keep one copy per encoding.
               response.set_header("Vary", "Accept-Encoding");
               SendAsItIs(response, std::move(body), ContentTypeOf(name));
             });
  // The service worker (issue 16: the app opens offline) must be served
  // from the root to control the whole app, as JavaScript, and revalidated
  // so that a new build replaces it. Absent from an older build: 404.
  const std::filesystem::path worker = root / "sw.js";
  server.Get("/sw.js", [worker](const httplib::Request& request, httplib::Response& response) {
    std::shared_ptr<const std::string> script = ReadWhole(worker);
    if (!script) {
      response.status = 404;
      return;
    }
    response.headers.erase("Cache-Control");
    response.set_header("Cache-Control", kRevalidate);
    SendBody(request, response, *script, "text/javascript; charset=utf-8");
  });
  // A single-page app: paths outside /api/ and /assets/ get index.html,
  // and the app routes them in the browser.
  const std::filesystem::path index = root / "index.html";
  server.Get(R"(/(?!api/|assets/).*)",
             [index](const httplib::Request& request, httplib::Response& response) {
               std::shared_ptr<const std::string> html = ReadWhole(index);
               response.headers.erase("Cache-Control");
               response.set_header("Cache-Control", kRevalidate);
               SendBody(request, response, html ? *html : std::string(), "text/html; charset=utf-8");
             });
}

}  // namespace vinculo::http_internal
