// What an operator sees of a running server: one access-log line per request
// and the Prometheus counters served at GET /metrics. Neither carries
// personal data: a request is logged and counted by its method, its route
// (the path with every numeric segment replaced by {id}, without the query
// string, so a searched name never reaches a log) and its status.
//
// InstallServerMetrics hooks both into an httplib server (its logger, and one
// GET /metrics route) and owns the counters; thread-safe. The duration of a
// request runs from MarkRequestStart(), which the connection loop calls on
// the worker thread when the request's first bytes arrive
// (keep_alive_server.cc), to the moment its answer is ready. Internal to
// src/http.
#pragma once

#include <string>
#include <string_view>

namespace httplib {
class Server;
}

namespace vinculo {
struct ServiceContext;
struct ApiOptions;
}  // namespace vinculo

namespace vinculo::http_internal {

// The route a path is counted under: "/api/v1/children/{id}" for
// "/api/v1/children/42?q=Ana"; every path outside /api/ is "/static"; a
// subscribed calendar's secret is "/api/v1/calendars/{token}.ics".
std::string RouteOf(std::string_view path);

// Stamps the start of the request the calling thread is about to read.
void MarkRequestStart();

// Writes out the access lines still buffered (they reach standard error in
// batches, at most a second late); the server calls it when it stops.
void FlushAccessLog();

// Adds the access log and GET /metrics to `server`. /metrics answers a
// request from a loopback address, or from anywhere with
// `Authorization: Bearer <options.metrics_token>` when that token is set;
// anything else is answered 404, as if there were no such route.
void InstallServerMetrics(httplib::Server& server, const ServiceContext& context,
                          const ApiOptions& options);

}  // namespace vinculo::http_internal
