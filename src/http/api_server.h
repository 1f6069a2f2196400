// ApiServer: the HTTP JSON API under /api/v1 and the web UI's static files,
// on cpp-httplib.
//
// Every route but /health, /openapi.json and /auth/login needs a session:
// the `vinculo_session` cookie (HttpOnly, SameSite=Strict; the web UI) or an
// `Authorization: Bearer` token (API clients). Handlers call the services with
// the resulting Actor; the services decide what that actor may see. Errors
// leave as application/problem+json (http/problem.h). Thread-safe: httplib
// runs handlers on a pool of `threads` workers.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "service/auth_service.h"
#include "service/record_service.h"

namespace vinculo {

struct ApiOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests), see ApiServer::port()
  // Above the number of concurrent keep-alive connections expected: each
  // connection holds a worker while it is open.
  int threads = 96;
  std::string web_dir;          // the built web UI; empty to serve none
  bool secure_cookies = false;  // set behind HTTPS
  size_t max_body_bytes = 1 << 20;
  // Edge bounds (issue 13, docs/security.md): connections open at once in
  // total and from one address (past them: 503 at once), and how long a
  // request's headers and then its body may take to arrive.
  int max_connections = 1500;
  int max_connections_per_address = 400;
  int header_timeout_ms = 10'000;
  // Request handlers running at once (0, the default: no bound; `vinculo
  // serve` sets it, see cli.cc); the others wait in arrival order, at most
  // request_queue_wait_ms (http/request_gate.h). Measured on 2 cores
  // (docs/benchmarks.md): 8 keeps the child GET's p99 under 10 ms more
  // steadily, at up to a fifth of its throughput.
  int active_requests = 0;
  int request_queue_wait_ms = 20;
  int body_timeout_ms = 30'000;
  // One line per request on the log (method, route, status, duration).
  bool access_log = true;
  // When set, GET /metrics needs `Authorization: Bearer <token>`; when not,
  // it answers loopback only (http/server_metrics.h).
  std::string metrics_token;
};

class ApiServer {
 public:
  ApiServer(ServiceContext context, ApiOptions options);
  ~ApiServer();

  // Binds the port; kUnavailable if it is taken.
  Status Bind();
  // Serves until Stop(); returns when the server stops.
  Status Run();
  void Stop();
  int port() const { return bound_port_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  ApiOptions options_;
  int bound_port_ = 0;
};

// The OpenAPI 3 document served at /api/v1/openapi.json, generated from the
// operation tables, the record kinds and docs/openapi-base.json
// (http/openapi.cc).
const std::string& OpenApiDocument();

// Every route the server registers, as {method in lower case, OpenAPI path},
// "{kind}" expanded to each record kind: what the document must list.
std::vector<std::pair<std::string, std::string>> ApiRoutes();

}  // namespace vinculo
