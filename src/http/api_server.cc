#include "http/api_server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "common/thread_cache.h"
#include "http/edge_guard.h"
#include "http/idempotent_request.h"
#include "http/keep_alive_server.h"
#include "http/listen_backlog.h"
#include "http/operation.h"
#include "http/problem.h"
#include "http/reply_body.h"
#include "http/server_metrics.h"
#include "http/web_files.h"
#include "json/record_json.h"

namespace vinculo {
namespace http_internal {

namespace {
constexpr const char* kSessionCookie = "vinculo_session";
// A request that allocates more than this hands its thread's cache back
// (Router::Add). Measured on the national dataset (bytes allocated by the
// handler's thread): a child's read 14 KB, a search 270 KB, a list of 50
// 470 KB, a visit record 516 KB; the dashboard 3.7 MB, a prison's board
// 15.7 MB, an administrator's home 169 MB.
constexpr std::uint64_t kLargeRequestBytes = 1 << 20;
}  // namespace

void Send(httplib::Response& response, const Result<Reply>& reply) {
  if (!reply.ok()) {
    const Status& status = reply.status();
    if (status.code() == StatusCode::kInternal || status.code() == StatusCode::kUnavailable) {
      spdlog::error("request failed: {}", status.ToString());
    }
    response.status = HttpStatusFor(status.code());
    if (status.code() == StatusCode::kUnauthenticated) {
      response.set_header("WWW-Authenticate", "Bearer realm=\"vinculo\"");
    }
    if (status.code() == StatusCode::kTooManyAttempts ||
        status.code() == StatusCode::kUnavailable) {
      response.set_header("Retry-After", std::to_string(std::max(1, status.retry_after_seconds())));
    }
    response.set_content(ProblemJson(status), "application/problem+json");
    return;
  }
  response.status = reply->status;
  if (reply->etag_version) {
    response.set_header("ETag", "\"" + std::to_string(*reply->etag_version) + "\"");
  }
  if (!reply->location.empty()) response.set_header("Location", reply->location);
  for (const auto& [name, value] : reply->headers) response.set_header(name, value);
  if (!reply->raw_content_type.empty()) {
    response.set_content(reply->raw_body, reply->raw_content_type.c_str());
  } else if (reply->has_body) {
    response.set_content(reply->body.dump(), "application/json");
  }
}

std::string RemoteAddress(const httplib::Request& request) { return request.remote_addr; }

std::string SessionToken(const httplib::Request& request) {
  const std::string authorization = request.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() > kBearer.size() &&
      authorization.compare(0, kBearer.size(), kBearer) == 0) {
    return authorization.substr(kBearer.size());
  }
  const std::string cookies = request.get_header_value("Cookie");
  const std::string key = std::string(kSessionCookie) + "=";
  size_t pos = 0;
  while (pos < cookies.size()) {
    size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    size_t start = cookies.find_first_not_of(' ', pos);
    if (start != std::string::npos && start < end && cookies.compare(start, key.size(), key) == 0) {
      return cookies.substr(start + key.size(), end - start - key.size());
    }
    pos = end + 1;
  }
  return {};
}

Status RequireJsonContentType(const httplib::Request& request) {
  const std::string content_type = request.get_header_value("Content-Type");
  if (content_type.rfind("application/json", 0) != 0) {
    return Status(StatusCode::kMalformed, "send the body as Content-Type: application/json");
  }
  return Status::Ok();
}

Result<nlohmann::json> JsonBody(const httplib::Request& request) {
  VINCULO_RETURN_IF_ERROR(RequireJsonContentType(request));
  return ParseJsonObject(request.body);
}

Result<long long> IfMatchVersion(const httplib::Request& request) {
  std::string tag = request.get_header_value("If-Match");
  if (tag.empty()) {
    return Status(StatusCode::kPreconditionRequired,
                  "send If-Match with the ETag you read, so that a change by someone else is not "
                  "overwritten");
  }
  if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"')
    tag = tag.substr(1, tag.size() - 2);
  long long version = 0;
  auto [end, error] = std::from_chars(tag.data(), tag.data() + tag.size(), version);
  if (error != std::errc() || end != tag.data() + tag.size() || version <= 0) {
    return Status(StatusCode::kPreconditionFailed,
                  "If-Match does not hold a version of this record");
  }
  return version;
}

Result<long long> PathId(const httplib::Request& request, int index) {
  const std::string text = request.matches[index];
  long long id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return NotFound("no record with id " + text);
  }
  return id;
}

std::string SessionCookie(const std::string& token, long long max_age_seconds, bool secure) {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds) +
         (secure ? "; Secure" : "");
}

// Issue 13: a signed-in user refused (not allowed, or not hers to see, which
// reads as not found) is an audit event, so that someone walking other
// organisations' ids shows in the log.
// The refusal may come as a Status or, from the role gate and the request
// decoder, as a problem reply already made: both are looked at by their HTTP
// status.
void AuditRefusal(const ServiceContext& context, const Actor& actor,
                  const httplib::Request& request, const Result<Reply>& reply) {
  const int status = reply.ok() ? reply->status : HttpStatusFor(reply.status().code());
  if (status != 403 && status != 404) return;
  if (!context.audit) return;
  const StatusCode code = status == 403 ? StatusCode::kForbidden : StatusCode::kNotFound;
  context.audit->RecordRead(
      AuditEventFor(actor, context.Now(), "refused", "http", 0,
                    request.method + " " + request.path + ": " + StatusCodeName(code)));
}

void Router::Add(const char* method, const std::string& pattern, httplib::Server::Handler handler) {
  if (gate_) {
    handler = [gate = gate_, handler = std::move(handler)](const httplib::Request& request,
                                                           httplib::Response& response) {
      const RequestGate::Pass pass(*gate);
      handler(request, response);
    };
  }
  // Issue 14: a handler that allocated much (a board, the dashboard, a home) leaves
  // its thread's allocator cache full, and the thread then waits for its next
  // request, one of 96, keeping it; handed back, the memory serves every
  // thread. The small reads (a child, a few kilobytes) keep their cache.
  handler = [handler = std::move(handler)](const httplib::Request& request,
                                           httplib::Response& response) {
    const std::uint64_t allocated_before = ThreadAllocatedBytes();
    handler(request, response);
    // The reply leaves compressed by us, never by httplib (http/reply_body.h).
    SendWrittenBody(request, response);
    if (ThreadAllocatedBytes() - allocated_before > kLargeRequestBytes) ReturnThreadCache();
  };
  const std::string verb = method;
  if (verb == "GET") {
    server_.Get(pattern, std::move(handler));
  } else if (verb == "POST") {
    server_.Post(pattern, std::move(handler));
  } else if (verb == "PATCH") {
    server_.Patch(pattern, std::move(handler));
  } else if (verb == "PUT") {
    server_.Put(pattern, std::move(handler));
  } else if (verb == "DELETE") {
    server_.Delete(pattern, std::move(handler));
  }
}

void Router::Public(const char* method, const std::string& pattern, PublicHandler handler) {
  Add(method, pattern,
      [handler = std::move(handler)](const httplib::Request& request, httplib::Response& response) {
        Send(response, handler(request, response));
      });
}

void Router::Authed(const char* method, const std::string& pattern, ActorHandler handler) {
  Add(method, pattern,
      [this, handler = std::move(handler)](const httplib::Request& request,
                                           httplib::Response& response) {
        auto actor = services_.auth.Authenticate(SessionToken(request), RemoteAddress(request));
        if (!actor.ok()) {
          Send(response, actor.status());
          return;
        }
        auto run = [&] {
          Result<Reply> reply = handler(request, *actor);
          AuditRefusal(services_.context, *actor, request, reply);
          Send(response, reply);
        };
        if (!RunIdempotently(services_.context, request, response, *actor, run)) run();
      });
}

}  // namespace http_internal

namespace {
// SO_REUSEADDR only: a restart may bind while old connections sit in
// TIME_WAIT, but a port another process listens on is refused.
void ExclusivePortOptions(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<void*>(&yes), sizeof(yes));
}
}  // namespace

using http_internal::JsonReply;
using http_internal::Reply;

struct ApiServer::Impl {
  explicit Impl(ServiceContext context, const ApiOptions& options)
      : server(EdgeLimitsFor(options)),
        services{context, RecordService(context), AuthService(context), FiguresService(context),
                 options},
        gate(options.active_requests > 0
                 ? std::make_unique<http_internal::RequestGate>(
                       static_cast<size_t>(options.active_requests),
                       std::chrono::milliseconds(options.request_queue_wait_ms))
                 : nullptr),
        router(server, services, gate.get()) {}
  static http_internal::EdgeLimits EdgeLimitsFor(const ApiOptions& options) {
    http_internal::EdgeLimits limits;
    limits.core_threads = options.threads;
    limits.max_body_bytes = options.max_body_bytes;
    limits.max_connections = options.max_connections;
    limits.max_connections_per_address = options.max_connections_per_address;
    limits.header_timeout = std::chrono::milliseconds(options.header_timeout_ms);
    limits.body_timeout = std::chrono::milliseconds(options.body_timeout_ms);
    return limits;
  }
  http_internal::KeepAliveServer server;
  http_internal::Services services;
  std::unique_ptr<http_internal::RequestGate> gate;
  http_internal::Router router;
};

ApiServer::ApiServer(ServiceContext context, ApiOptions options)
    : impl_(std::make_unique<Impl>(context, options)), options_(std::move(options)) {
  // Sessions revoked on any server sharing a PostgreSQL database end here at once.
  impl_->services.auth.ListenForRevocations();
  httplib::Server& server = impl_->server;
  // Without TCP_NODELAY small responses wait on Nagle's algorithm (about 300
  // requests/s instead of tens of thousands).
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(options_.max_body_bytes);
  server.set_keep_alive_max_count(10000);
  server.set_read_timeout(std::chrono::seconds(30));
  httplib::Headers default_headers{{"Cache-Control", "no-store"}};
  for (auto& header : http_internal::SecurityHeaders(options_.secure_cookies)) {
    default_headers.insert(std::move(header));
  }
  server.set_default_headers(std::move(default_headers));
  // Bounds on every request before its body is read (issue 13).
  server.set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        return http_internal::GuardRequest(impl_->server.limits(), request, response);
      });
  // Statuses httplib answers itself (no route: 404, body too large: 413)
  // get a problem body too; ours already have one (sent by SendBody or
  // SendAsItIs, so with a Content-Type and no body left in `body`).
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty() || response.has_header("Content-Type")) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        http_internal::ExplainReadFailure(response);
        http_internal::SendBody(request, response, ProblemJsonForHttpStatus(response.status),
                                "application/problem+json");
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& exception) {
          what = exception.what();
        } catch (...) {
        }
        // The route, not the path: a calendar subscription's secret stays out of the log.
        spdlog::error("unhandled exception in {} {}: {}", request.method,
                      http_internal::RouteOf(request.path), what);
        response.status = 500;
        http_internal::SendBody(request, response, ProblemJson(Internal(what)),
                                "application/problem+json");
      });

  // Issue 18: the port is this server's alone. httplib's default sets
  // SO_REUSEPORT, with which a second `vinculo serve` on a busy port started
  // silently and the kernel split the requests between the two databases.
  server.set_socket_options(ExclusivePortOptions);
  http_internal::InstallServerMetrics(server, impl_->services.context, options_);

  // Every operation of the API, from the modules' tables (http/operation.h).
  http_internal::RegisterOperations(impl_->router);

  http_internal::RegisterWebFiles(server, options_.web_dir);
}

ApiServer::~ApiServer() { Stop(); }

Status ApiServer::Bind() {
  httplib::Server& server = impl_->server;
  if (options_.port == 0) {
    bound_port_ = server.bind_to_any_port(options_.host);
  } else {
    bound_port_ = server.bind_to_port(options_.host, options_.port) ? options_.port : -1;
  }
  if (bound_port_ <= 0) {
    return Status(StatusCode::kUnavailable, "cannot listen on " + options_.host + ":" +
                                                std::to_string(options_.port) +
                                                " (is another server using the port?)");
  }
  if (!WidenListenBacklog(bound_port_)) {
    spdlog::warn(
        "could not widen the listen backlog of port {}; bursts of new connections may "
        "wait a second",
        bound_port_);
  }
  return Status::Ok();
}

Status ApiServer::Run() {
  const bool stopped_cleanly = impl_->server.listen_after_bind();
  // The connections are closed: every access line is in the buffer.
  http_internal::FlushAccessLog();
  if (!stopped_cleanly) return Status(StatusCode::kUnavailable, "the server stopped unexpectedly");
  return Status::Ok();
}

void ApiServer::Stop() {
  if (impl_ && impl_->server.is_running()) impl_->server.stop();
}

}  // namespace vinculo
