#include "http/keep_alive_server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>

#include "http/server_metrics.h"

namespace vinculo::http_internal {
namespace {

// How long one wait for the next request sleeps before looking whether the
// server is stopping.
constexpr int kWaitSliceMs = 50;
// Buffered response bytes past which they are sent before the response ends.
constexpr size_t kSendThreshold = 64 * 1024;
constexpr size_t kReceiveBufferSize = 4096;

struct Endpoint {
  std::string ip;
  int port = 0;
};

// `lookup` is getpeername or getsockname.
Endpoint AddressOf(socket_t sock, int (*lookup)(int, sockaddr*, socklen_t*)) {
  Endpoint endpoint;
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (lookup(sock, reinterpret_cast<sockaddr*>(&address), &length) != 0) return endpoint;
  if (address.ss_family == AF_INET) {
    endpoint.port = ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
  } else if (address.ss_family == AF_INET6) {
    endpoint.port = ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
  } else {
    return endpoint;
  }
  std::array<char, NI_MAXHOST> host{};
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host.data(),
                  static_cast<socklen_t>(host.size()), nullptr, 0, NI_NUMERICHOST) == 0) {
    endpoint.ip = host.data();
  }
  return endpoint;
}

// Waits until `sock` has `events` or `timeout_ms` passes; > 0 when ready.
int PollFor(socket_t sock, short events, int timeout_ms) {
  pollfd descriptor{sock, events, 0};
  int ready = 0;
  do {
    ready = poll(&descriptor, 1, timeout_ms);
  } while (ready < 0 && errno == EINTR);
  return ready;
}

class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(socket_t sock, time_t read_timeout_sec, time_t write_timeout_sec)
      : sock_(sock),
        read_timeout_ms_(static_cast<int>(read_timeout_sec * 1000)),
        write_timeout_ms_(static_cast<int>(write_timeout_sec * 1000)) {}

  // True when a request's first bytes are here (or already buffered); false
  // when the peer closed, `timeout_sec` passed without a request, or
  // `stopping` became true.
  template <typename Stopping>
  bool WaitForRequest(time_t timeout_sec, const Stopping& stopping) {
    if (received_offset_ < received_size_) return true;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_sec);
    while (!stopping()) {
      const int ready = PollFor(sock_, POLLIN, kWaitSliceMs);
      if (ready > 0) return true;
      if (ready < 0 || std::chrono::steady_clock::now() >= deadline) return false;
    }
    return false;
  }

  bool is_readable() const override {
    return received_offset_ < received_size_ || PollFor(sock_, POLLIN, read_timeout_ms_) > 0;
  }

  bool is_writable() const override { return PollFor(sock_, POLLOUT, write_timeout_ms_) > 0; }

  ssize_t read(char* ptr, size_t size) override {
    if (received_offset_ == received_size_) {
      // Whatever the peer is waiting for goes out before we wait for it.
      if (!Flush()) return -1;
      received_offset_ = 0;
      received_size_ = 0;
      if (size >= received_.size()) return Receive(ptr, size);
      const ssize_t count = Receive(received_.data(), received_.size());
      if (count <= 0) return count;
      received_size_ = static_cast<size_t>(count);
    }
    const size_t count = std::min(size, received_size_ - received_offset_);
    std::memcpy(ptr, received_.data() + received_offset_, count);
    received_offset_ += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* ptr, size_t size) override {
    pending_.append(ptr, size);
    if (pending_.size() >= kSendThreshold && !Flush()) return -1;
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    if (!remote_) remote_ = AddressOf(sock_, getpeername);
    ip = remote_->ip;
    port = remote_->port;
  }

  void get_local_ip_and_port(std::string& ip, int& port) const override {
    if (!local_) local_ = AddressOf(sock_, getsockname);
    ip = local_->ip;
    port = local_->port;
  }

  socket_t socket() const override { return sock_; }

  // Sends what is buffered. The socket's send timeout (set by httplib on
  // accept) bounds a peer that stops reading.
  bool Flush() {
    size_t sent = 0;
    while (sent < pending_.size()) {
      const ssize_t count =
          send(sock_, pending_.data() + sent, pending_.size() - sent, MSG_NOSIGNAL);
      if (count < 0 && errno == EINTR) continue;
      if (count <= 0) {
        pending_.clear();
        return false;
      }
      sent += static_cast<size_t>(count);
    }
    pending_.clear();
    return true;
  }

 private:
  ssize_t Receive(char* ptr, size_t size) {
    ssize_t count = 0;
    do {
      count = recv(sock_, ptr, size, 0);
    } while (count < 0 && errno == EINTR);
    return count;
  }

  socket_t sock_;
  int read_timeout_ms_;
  int write_timeout_ms_;
  std::array<char, kReceiveBufferSize> received_{};
  size_t received_offset_ = 0;
  size_t received_size_ = 0;
  std::string pending_;
  mutable std::optional<Endpoint> remote_;
  mutable std::optional<Endpoint> local_;
};

}  // namespace

bool KeepAliveServer::process_and_close_socket(socket_t sock) {
  bool answered = false;
  {
    ConnectionStream stream(sock, read_timeout_sec_, write_timeout_sec_);
    const auto stopping = [this] { return svr_sock_ == INVALID_SOCKET; };
    size_t remaining = keep_alive_max_count_;
    while (remaining > 0 && stream.WaitForRequest(keep_alive_timeout_sec_, stopping)) {
      const bool close_connection = remaining == 1;
      bool connection_closed = false;
      MarkRequestStart();  // the access log's and /metrics' duration
      answered = process_request(stream, close_connection, connection_closed, nullptr);
      if (!stream.Flush()) answered = false;
      if (!answered || connection_closed) break;
      --remaining;
    }
  }
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return answered;
}

}  // namespace vinculo::http_internal
