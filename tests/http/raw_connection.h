// A plain TCP client for the HTTP suites that need the wire itself: raw
// bytes out, raw HTTP responses in, optionally from another loopback address
// (127.0.0.N) so that per-address limits can be tried.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace vinculo::testing {

// A plain TCP client that writes raw bytes and reads raw HTTP responses.
class RawConnection {
 public:
  // `from`: the local loopback address to connect from ("127.0.0.2").
  explicit RawConnection(int port, const char* from = nullptr) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (from) {
      sockaddr_in local{};
      local.sin_family = AF_INET;
      ::inet_pton(AF_INET, from, &local.sin_addr);
      ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof(local));
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }

  bool Send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }

  // Reads until `count` whole responses (headers + Content-Length body) are
  // here, or `timeout` passes. Returns them, each headers and body.
  std::vector<std::string> ReadResponses(size_t count, std::chrono::milliseconds timeout) {
    std::vector<std::string> responses;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (responses.size() < count) {
      if (auto whole = TakeResponse()) {
        responses.push_back(*whole);
        continue;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd descriptor{fd_, POLLIN, 0};
      if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) break;
      char chunk[16384];
      const ssize_t got = ::recv(fd_, chunk, sizeof(chunk), 0);
      if (got <= 0) break;
      buffer_.append(chunk, static_cast<size_t>(got));
    }
    return responses;
  }

  // True when the server closed the connection within `timeout`.
  bool ClosedWithin(std::chrono::milliseconds timeout) {
    pollfd descriptor{fd_, POLLIN, 0};
    if (::poll(&descriptor, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char byte = 0;
    return ::recv(fd_, &byte, 1, 0) == 0;
  }

 private:
  std::optional<std::string> TakeResponse() {
    const size_t end_of_headers = buffer_.find("\r\n\r\n");
    if (end_of_headers == std::string::npos) return std::nullopt;
    size_t body_length = 0;
    const std::string headers = buffer_.substr(0, end_of_headers);
    const size_t length_at = headers.find("Content-Length: ");
    if (length_at != std::string::npos) {
      body_length = std::stoul(headers.substr(length_at + 16));
    }
    const size_t total = end_of_headers + 4 + body_length;
    if (buffer_.size() < total) return std::nullopt;
    std::string response = buffer_.substr(0, total);
    buffer_.erase(0, total);
    return response;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

inline std::string StatusLine(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

inline std::string Body(const std::string& response) {
  return response.substr(response.find("\r\n\r\n") + 4);
}

}  // namespace vinculo::testing
