// How a reply's body leaves the server: compressed here, at a cost chosen
// for an API, or sent as it is; never through httplib's own compression.
//
// Debian's cpp-httplib 0.11 is built with brotli, and compresses every body
// given to set_content itself whenever the client accepts "br", at brotli's
// default quality, 11: 63 ms of CPU for the demo's 24 kB list of children on
// the 2-core machine, against 0.26 ms at quality 5 for a body 12 % larger
// (docs/benchmarks.md, "Replies compressed at brotli's quality 5"). Every
// browser accepts "br", so every reply to the web UI paid that. A body of
// known length given as a content provider is one httplib sends untouched,
// so each reply is sent that way, compressed here first when that pays.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace vinculo::http_internal {

// brotli's quality for replies: about as fast as gzip's default level, and
// smaller (the demo's children list: 2,178 bytes against gzip's 2,409).
inline constexpr int kReplyBrotliQuality = 5;
// Smaller bodies are sent as they are: a header costs about what they save.
inline constexpr std::size_t kSmallestCompressedReply = 1024;

// Text, JSON, CSV, calendars, JavaScript, SVG: what compresses. Spreadsheets,
// PDFs and images are compressed already.
bool IsCompressible(std::string_view content_type);

// `body` as brotli (quality kReplyBrotliQuality) or as gzip (zlib's default
// level); empty if the library failed.
std::string BrotliCompressed(std::string_view body);
std::string GzipCompressed(std::string_view body);

// Sends `body` as it is, with its length; httplib never compresses it.
void SendAsItIs(httplib::Response& response, std::shared_ptr<const std::string> body,
                const std::string& content_type);

// Sends `body` in the encoding the request accepts (brotli, else gzip) when
// its type compresses and it is at least kSmallestCompressedReply bytes, else
// as it is; `Vary: Accept-Encoding` whenever the type compresses.
void SendBody(const httplib::Request& request, httplib::Response& response, std::string body,
              const std::string& content_type);

// The same for a reply a handler wrote with set_content: its body leaves
// through SendBody. A reply with no body, or already sent by SendAsItIs, is
// left alone.
void SendWrittenBody(const httplib::Request& request, httplib::Response& response);

}  // namespace vinculo::http_internal
