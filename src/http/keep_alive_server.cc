#include "http/keep_alive_server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "http/server_metrics.h"

namespace vinculo::http_internal {
namespace {

// How long one wait for the next request sleeps before looking whether the
// server is stopping.
constexpr int kWaitSliceMs = 50;
// Buffered response bytes past which they are sent before the response ends.
constexpr size_t kSendThreshold = 64 * 1024;
constexpr size_t kReceiveBufferSize = 4096;
// Threads above the core count end after this long without a connection.
constexpr auto kSpareWorkerIdle = std::chrono::seconds(30);

using SteadyClock = std::chrono::steady_clock;

// Set while the listener thread itself runs a connection that no worker can
// take: that connection is refused at once.
thread_local bool t_refuse_connection = false;
thread_local ConnectionControl* t_current_connection = nullptr;

// After a refusal, what the peer still sends is read and dropped for at most
// this long and this much before the socket closes, so that the peer reads
// the answer instead of a reset ("lingering close").
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerBytes = 8 << 20;

// A whole answer written by the loop itself, when httplib wrote none: a
// problem+json body with `detail`, and Connection: close.
std::string CannedAnswer(const char* status_line, const char* title, int status, const char* detail,
                         const char* extra_headers = "") {
  const std::string body = std::string(R"({"type":"about:blank","title":")") + title +
                           R"(","status":)" + std::to_string(status) + R"(,"detail":")" + detail +
                           "\"}";
  return std::string("HTTP/1.1 ") + status_line + "\r\nContent-Type: application/problem+json\r\n" +
         extra_headers + "Connection: close\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

// The answer to a connection past a cap, sent without waiting for anything.
const std::string& Refusal() {
  static const std::string kRefusal = CannedAnswer(
      "503 Service Unavailable", "Service unavailable", 503,
      "too many connections from this address or in total; try again", "Retry-After: 1\r\n");
  return kRefusal;
}

void Refuse(socket_t sock) {
  (void)send(sock, Refusal().data(), Refusal().size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  shutdown(sock, SHUT_RDWR);
  close(sock);
}

// Ends our side, then drops what the peer still sends (bounded) until it
// closes, so that the answer already sent is read rather than reset.
void LingeringClose(socket_t sock) {
  shutdown(sock, SHUT_WR);
  const auto deadline = SteadyClock::now() + kLingerTime;
  std::array<char, 16384> sink{};
  size_t dropped = 0;
  while (dropped < kLingerBytes) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) break;
    pollfd descriptor{sock, POLLIN, 0};
    if (poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) break;
    const ssize_t count = recv(sock, sink.data(), sink.size(), MSG_DONTWAIT);
    if (count <= 0 && !(count < 0 && (errno == EINTR || errno == EAGAIN))) break;
    if (count > 0) dropped += static_cast<size_t>(count);
  }
}

// httplib's TaskQueue with a thread for every connection: `core` threads wait
// for connections, more start while every thread is busy, up to `max` busy
// at once; past that the connection runs on the listener thread with
// t_refuse_connection set, which refuses it at once. Spare threads end after
// kSpareWorkerIdle without work. Thread-safe.
class ConnectionWorkers final : public httplib::TaskQueue {
 public:
  ConnectionWorkers(size_t core, size_t max) : core_(core), max_(std::max(core, max)) {
    std::lock_guard lock(mutex_);
    for (size_t index = 0; index < core_; ++index) StartThread(/*core=*/true);
  }
  ~ConnectionWorkers() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::unique_lock lock(mutex_);
    if (busy_ + jobs_.size() >= max_) {
      lock.unlock();
      t_refuse_connection = true;
      fn();
      t_refuse_connection = false;
      return;
    }
    jobs_.push_back(std::move(fn));
    if (jobs_.size() > idle_) StartThread(/*core=*/false);
    work_ready_.notify_one();
  }

  void shutdown() override {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    work_ready_.notify_all();
    all_ended_.wait(lock, [this] { return live_ == 0; });
  }

 private:
  void StartThread(bool core) {  // with mutex_ held
    ++live_;
    std::thread([this, core] { Work(core); }).detach();
  }

  void Work(bool core) {
    std::unique_lock lock(mutex_);
    while (true) {
      ++idle_;
      const auto ready = [this] { return !jobs_.empty() || stopping_; };
      bool woke = true;
      if (core) {
        work_ready_.wait(lock, ready);
      } else {
        woke = work_ready_.wait_for(lock, kSpareWorkerIdle, ready);
      }
      --idle_;
      if (jobs_.empty()) {
        if (stopping_ || !woke) break;
        continue;
      }
      std::function<void()> job = std::move(jobs_.front());
      jobs_.pop_front();
      ++busy_;
      lock.unlock();
      job();
      lock.lock();
      --busy_;
    }
    --live_;
    if (live_ == 0) all_ended_.notify_all();
  }

  const size_t core_;
  const size_t max_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable all_ended_;
  std::deque<std::function<void()>> jobs_;  // GUARDED_BY(mutex_)
  size_t live_ = 0;                         // GUARDED_BY(mutex_)
  size_t idle_ = 0;                         // GUARDED_BY(mutex_)
  size_t busy_ = 0;                         // GUARDED_BY(mutex_)
  bool stopping_ = false;                   // GUARDED_BY(mutex_)
};

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

class ConnectionStream final : public httplib::Stream, public ConnectionControl {
 public:
  ConnectionStream(socket_t sock, time_t read_timeout_sec, time_t write_timeout_sec,
                   const EdgeLimits& limits)
      : sock_(sock),
        read_timeout_ms_(static_cast<int>(read_timeout_sec * 1000)),
        write_timeout_ms_(static_cast<int>(write_timeout_sec * 1000)),
        limits_(limits) {}

  // A new request begins: its line and headers get the header budget.
  void StartRequest() {
    written_ = false;
    budget_ = limits_.max_header_bytes;
    deadline_ = SteadyClock::now() + limits_.header_timeout;
    reading_body_ = false;
    over_budget_ = false;
    timed_out_ = false;
  }

  void LimitBody(size_t bytes) override {
    budget_ = bytes;
    deadline_ = SteadyClock::now() + limits_.body_timeout;
    reading_body_ = true;
  }
  void CloseAfterAnswer() override { close_after_answer_ = true; }
  bool OverBudget() const override { return over_budget_; }
  bool TimedOut() const override { return timed_out_; }
  bool ReadingBody() const override { return reading_body_; }
  // True when the connection must end after this answer.
  bool MustClose() const { return close_after_answer_ || over_budget_ || timed_out_; }
  // Whether this request has had any answer written.
  bool Answered() const { return written_; }
  void SetRemote(Endpoint remote) { remote_ = std::move(remote); }

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
    if (budget_ == 0) {
      over_budget_ = true;
      return -1;
    }
    size = std::min(size, budget_);
    const ssize_t count = ReadBuffered(ptr, size);
    if (count > 0) budget_ -= static_cast<size_t>(count);
    return count;
  }

  ssize_t ReadBuffered(char* ptr, size_t size) {
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
    written_ = true;
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
  // One recv that gives up at the request's deadline: data already here is
  // taken without a poll; otherwise we wait for it until the deadline.
  ssize_t Receive(char* ptr, size_t size) {
    while (true) {
      const ssize_t count = recv(sock_, ptr, size, MSG_DONTWAIT);
      if (count >= 0) return count;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return count;
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - SteadyClock::now());
      if (left.count() <= 0) {
        timed_out_ = true;
        return -1;
      }
      const int ready =
          PollFor(sock_, POLLIN, static_cast<int>(std::min<long long>(left.count(), INT32_MAX)));
      if (ready < 0) return -1;
      if (ready == 0) {
        timed_out_ = true;
        return -1;
      }
    }
  }

  socket_t sock_;
  int read_timeout_ms_;
  int write_timeout_ms_;
  const EdgeLimits& limits_;
  size_t budget_ = 0;
  SteadyClock::time_point deadline_;
  bool reading_body_ = false;
  bool over_budget_ = false;
  bool timed_out_ = false;
  bool close_after_answer_ = false;
  bool written_ = false;
  std::array<char, kReceiveBufferSize> received_{};
  size_t received_offset_ = 0;
  size_t received_size_ = 0;
  std::string pending_;
  mutable std::optional<Endpoint> remote_;
  mutable std::optional<Endpoint> local_;
};

}  // namespace

ConnectionControl* CurrentConnection() { return t_current_connection; }

KeepAliveServer::KeepAliveServer(EdgeLimits limits) : limits_(limits) {
  new_task_queue = [this] {
    return new ConnectionWorkers(static_cast<size_t>(limits_.core_threads),
                                 static_cast<size_t>(limits_.max_connections));
  };
}

int KeepAliveServer::open_connections() const {
  std::lock_guard lock(connections_mutex_);
  return open_connections_;
}

bool KeepAliveServer::Admit(const std::string& address) {
  std::lock_guard lock(connections_mutex_);
  int& from_address = open_per_address_[address];
  if (open_connections_ >= limits_.max_connections ||
      from_address >= limits_.max_connections_per_address) {
    if (from_address == 0) open_per_address_.erase(address);
    return false;
  }
  ++from_address;
  ++open_connections_;
  return true;
}

void KeepAliveServer::Release(const std::string& address) {
  std::lock_guard lock(connections_mutex_);
  --open_connections_;
  auto it = open_per_address_.find(address);
  if (it != open_per_address_.end() && --it->second == 0) open_per_address_.erase(it);
}

bool KeepAliveServer::process_and_close_socket(socket_t sock) {
  if (t_refuse_connection) {
    Refuse(sock);
    return false;
  }
  Endpoint remote = AddressOf(sock, getpeername);
  const std::string address = remote.ip;
  if (!Admit(address)) {
    Refuse(sock);
    return false;
  }
  bool answered = false;
  {
    ConnectionStream stream(sock, read_timeout_sec_, write_timeout_sec_, limits_);
    stream.SetRemote(std::move(remote));
    t_current_connection = &stream;
    const auto stopping = [this] { return svr_sock_ == INVALID_SOCKET; };
    size_t remaining = keep_alive_max_count_;
    while (remaining > 0 && stream.WaitForRequest(keep_alive_timeout_sec_, stopping)) {
      stream.StartRequest();
      const bool close_connection = remaining == 1;
      bool connection_closed = false;
      MarkRequestStart();  // the access log's and /metrics' duration
      answered = process_request(stream, close_connection, connection_closed, nullptr);
      // httplib gives up silently when the request line itself is cut off
      // (too slow, or longer than the header budget): say why.
      if (!stream.Answered() && (stream.TimedOut() || stream.OverBudget())) {
        static const std::string kTooSlow = CannedAnswer("408 Request Timeout", "Request too slow",
                                                         408, "the request did not arrive in time");
        static const std::string kTooLong =
            CannedAnswer("431 Request Header Fields Too Large", "Request headers too large", 431,
                         "the request line and headers are larger than the server accepts");
        const std::string& answer = stream.TimedOut() ? kTooSlow : kTooLong;
        stream.write(answer.data(), answer.size());
      }
      if (!stream.Flush()) answered = false;
      if (!answered || connection_closed || stream.MustClose()) break;
      --remaining;
    }
    t_current_connection = nullptr;
    if (stream.MustClose()) LingeringClose(sock);
  }
  Release(address);
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return answered;
}

}  // namespace vinculo::http_internal
