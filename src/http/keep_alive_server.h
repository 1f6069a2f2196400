// KeepAliveServer: cpp-httplib's Server with a leaner loop for each
// connection. httplib 0.11 makes eleven system calls for a small keep-alive
// request: a 10 ms poll (then a 1 ms sleep when nothing came) while waiting
// for the request, a poll before the read, the read, getpeername and
// getsockname for every request, and for each of the two writes (headers,
// then body: two TCP segments with TCP_NODELAY) a poll for writability, a
// zero-timeout poll to see whether the peer is still there, and the send.
//
// This loop makes three: one poll while waiting (in 50 ms slices, so that
// stop() still ends idle connections quickly), one recv, and one send of the
// whole response. Everything above the socket (parsing, routing, limits,
// error handling) is httplib's own `process_request`; only the Stream it
// reads and writes is ours:
//   - writes are buffered and sent when the request is answered, when the
//     buffer passes 64 KiB (large exports stream as before), or before any
//     read, so an interim answer such as "100 Continue" is never held back;
//   - reads use the socket's receive timeout, which httplib sets on accept;
//   - the peer's and our own address are asked of the kernel once per
//     connection.
// See docs/benchmarks.md for what it changed. Internal to src/http.
#pragma once

#include <httplib.h>

namespace vinculo::http_internal {

class KeepAliveServer : public httplib::Server {
 private:
  // Overrides httplib's (private virtual) per-connection loop.
  bool process_and_close_socket(socket_t sock) override;
};

}  // namespace vinculo::http_internal
