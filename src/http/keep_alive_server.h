// KeepAliveServer: cpp-httplib's Server with a leaner loop for each
// connection, and the edge's bounds on what a connection may cost.
//
// httplib 0.11 makes eleven system calls for a small keep-alive request: a
// 10 ms poll (then a 1 ms sleep when nothing came) while waiting for the
// request, a poll before the read, the read, getpeername and getsockname for
// every request, and for each of the two writes (headers, then body: two TCP
// segments with TCP_NODELAY) a poll for writability, a zero-timeout poll to
// see whether the peer is still there, and the send.
//
// This loop makes three: one poll while waiting (in 50 ms slices, so that
// stop() still ends idle connections quickly), one recv, and one send of the
// whole response. Everything above the socket (parsing, routing, error
// handling) is httplib's own `process_request`; only the Stream it reads and
// writes is ours:
//   - writes are buffered and sent when the request is answered, when the
//     buffer passes 64 KiB (large exports stream as before), or before any
//     read, so an interim answer such as "100 Continue" is never held back;
//   - reads use the socket's receive timeout, which httplib sets on accept;
//   - the peer's and our own address are asked of the kernel once per
//     connection.
// See docs/benchmarks.md for what it changed.
//
// Bounds (issue 13, docs/security.md): a request's line and headers must
// arrive whole within `EdgeLimits::header_timeout` and `max_header_bytes`,
// its body within `body_timeout` and the budget the edge guard gives it
// (ConnectionControl::LimitBody), whatever the transfer encoding. Connections
// are counted per client address and in total; past either cap a connection
// is answered 503 with Retry-After at once and closed. Each connection has a
// thread of its own (ConnectionWorkers grows the pool up to the total cap),
// so slow or idle clients never hold a normal client's request in a queue.
// Internal to src/http.
#pragma once

#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace vinculo::http_internal {

struct EdgeLimits {
  // Connections open at once, in total and from one client address.
  int max_connections = 1500;
  int max_connections_per_address = 400;
  // Worker threads kept when idle; more are started up to max_connections.
  int core_threads = 96;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  // The request line and all headers together.
  size_t max_header_bytes = 64 * 1024;
  size_t max_body_bytes = 1 << 20;
};

// What the edge guard (a pre-routing handler) may ask of the connection
// whose request the calling thread is serving.
class ConnectionControl {
 public:
  virtual ~ConnectionControl() = default;
  // From now on this request may read at most `bytes` more (its body with
  // any chunk framing), within EdgeLimits::body_timeout.
  virtual void LimitBody(size_t bytes) = 0;
  // Closes the connection once the current answer is sent (an unread body
  // must not be taken for the next request).
  virtual void CloseAfterAnswer() = 0;
  // Why the last read failed, for the error handler's status.
  virtual bool OverBudget() const = 0;
  virtual bool TimedOut() const = 0;
  virtual bool ReadingBody() const = 0;
};

// The connection served by this thread; nullptr outside a request.
ConnectionControl* CurrentConnection();

class KeepAliveServer : public httplib::Server {
 public:
  explicit KeepAliveServer(EdgeLimits limits);
  const EdgeLimits& limits() const { return limits_; }
  // Connections open now (tests and the measurement script read it).
  int open_connections() const;

 private:
  // Overrides httplib's (private virtual) per-connection loop.
  bool process_and_close_socket(socket_t sock) override;
  // Counts a new connection from `address`; false past a cap.
  bool Admit(const std::string& address);
  void Release(const std::string& address);

  EdgeLimits limits_;
  mutable std::mutex connections_mutex_;
  int open_connections_ = 0;                     // GUARDED_BY(connections_mutex_)
  std::map<std::string, int> open_per_address_;  // GUARDED_BY(connections_mutex_)
};

}  // namespace vinculo::http_internal
