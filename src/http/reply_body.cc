#include "http/reply_body.h"

#include <brotli/encode.h>
#include <httplib.h>
#include <zlib.h>

#include "http/web_files.h"

namespace vinculo::http_internal {

bool IsCompressible(std::string_view content_type) {
  const std::string_view type = content_type.substr(0, content_type.find(';'));
  return type.rfind("text/", 0) == 0 || type == "application/json" ||
         type == "application/problem+json" || type == "application/manifest+json" ||
         type == "application/javascript" || type == "image/svg+xml";
}

std::string BrotliCompressed(std::string_view body) {
  std::string out(BrotliEncoderMaxCompressedSize(body.size()), '\0');
  std::size_t size = out.size();
  if (out.empty() ||
      BrotliEncoderCompress(kReplyBrotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                            body.size(), reinterpret_cast<const uint8_t*>(body.data()), &size,
                            reinterpret_cast<uint8_t*>(out.data())) != BROTLI_TRUE) {
    return {};
  }
  out.resize(size);
  return out;
}

std::string GzipCompressed(std::string_view body) {
  z_stream stream{};
  // 15 + 16: a gzip header and trailer around the deflate stream.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return {};
  }
  std::string out(deflateBound(&stream, body.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = static_cast<uInt>(body.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  const std::size_t size = stream.total_out;
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return {};
  out.resize(size);
  return out;
}

void SendAsItIs(httplib::Response& response, std::shared_ptr<const std::string> body,
                const std::string& content_type) {
  if (body->empty()) {
    // No body to compress: httplib sends an empty one as it is.
    response.set_content(std::string(), content_type.c_str());
    return;
  }
  const std::size_t length = body->size();
  response.set_content_provider(
      length, content_type, [body](std::size_t offset, std::size_t size, httplib::DataSink& sink) {
        sink.write(body->data() + offset, size);
        return true;
      });
}

void SendBody(const httplib::Request& request, httplib::Response& response, std::string body,
              const std::string& content_type) {
  // httplib adds headers beside those of the same name: none is left twice.
  response.body.clear();
  response.headers.erase("Content-Type");
  response.headers.erase("Content-Encoding");
  if (IsCompressible(content_type)) {
    response.headers.erase("Vary");
    response.set_header("Vary", "Accept-Encoding");
    // A range of a compressed body is no range of the reply; none is asked of the API.
    if (body.size() >= kSmallestCompressedReply && !request.has_header("Range")) {
      const std::string_view encoding =
          ChooseEncoding(request.get_header_value("Accept-Encoding"), true, true);
      std::string compressed;
      if (encoding == "br") compressed = BrotliCompressed(body);
      if (encoding == "gzip") compressed = GzipCompressed(body);
      if (!compressed.empty()) {
        response.set_header("Content-Encoding", std::string(encoding));
        body = std::move(compressed);
      }
    }
  }
  SendAsItIs(response, std::make_shared<const std::string>(std::move(body)), content_type);
}

void SendWrittenBody(const httplib::Request& request, httplib::Response& response) {
  if (response.body.empty()) return;
  std::string body = std::move(response.body);
  const std::string content_type = response.get_header_value("Content-Type");
  SendBody(request, response, std::move(body), content_type);
}

}  // namespace vinculo::http_internal
