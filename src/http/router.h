// Internal to src/http: the pieces every route file shares. A Router wraps
// httplib's regex routes with authentication, problem+json errors, JSON
// bodies, ETags and If-Match, so a route body is only "call the service,
// shape the answer".
#pragma once

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

#include "http/api_server.h"
#include "http/request_gate.h"
#include "service/figures.h"

namespace vinculo::http_internal {

struct Reply {
  int status = 200;
  nlohmann::json body;
  bool has_body = true;
  std::optional<long long> etag_version;  // sets ETag: "<version>"
  std::string location;
  std::vector<std::pair<std::string, std::string>> headers;
  // A non-JSON answer (a PDF, CSV, iCalendar): sent as is when set.
  std::string raw_content_type;
  std::string raw_body;
};

inline Reply JsonReply(nlohmann::json body, int status = 200) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

// {"items": [...]} with each element encoded by `encode`.
template <typename Element, typename Encode>
Reply ItemsReply(const std::vector<Element>& elements, Encode encode) {
  nlohmann::json items = nlohmann::json::array();
  for (const Element& element : elements) items.push_back(encode(element));
  return JsonReply({{"items", std::move(items)}});
}

inline Reply NoContent() {
  Reply reply;
  reply.status = 204;
  reply.has_body = false;
  return reply;
}

struct Services {
  ServiceContext context;
  RecordService records;
  AuthService auth;
  FiguresService figures;
  ApiOptions options;
};

using PublicHandler = std::function<Result<Reply>(const httplib::Request&, httplib::Response&)>;
using ActorHandler = std::function<Result<Reply>(const httplib::Request&, const Actor&)>;

class Router {
 public:
  // `gate`, when set, bounds the handlers running at once (request_gate.h).
  Router(httplib::Server& server, Services& services, RequestGate* gate)
      : server_(server), services_(services), gate_(gate) {}
  Services& services() { return services_; }

  void Public(const char* method, const std::string& pattern, PublicHandler handler);
  void Authed(const char* method, const std::string& pattern, ActorHandler handler);

 private:
  void Add(const char* method, const std::string& pattern, httplib::Server::Handler handler);
  httplib::Server& server_;
  Services& services_;
  RequestGate* gate_;
};

// Writes a reply or a problem.
void Send(httplib::Response& response, const Result<Reply>& reply);
std::string RemoteAddress(const httplib::Request& request);
// The session token from the Authorization header or the cookie.
std::string SessionToken(const httplib::Request& request);
// The request body as a JSON object; kMalformed unless the Content-Type is
// application/json (which also keeps cross-site HTML forms out).
Result<nlohmann::json> JsonBody(const httplib::Request& request);
Status RequireJsonContentType(const httplib::Request& request);
// The version in If-Match ("3" or W/"3"); kPreconditionRequired when absent.
Result<long long> IfMatchVersion(const httplib::Request& request);
// Path capture `index` as a positive id; kNotFound otherwise.
Result<long long> PathId(const httplib::Request& request, int index);
std::string SessionCookie(const std::string& token, long long max_age_seconds, bool secure);

}  // namespace vinculo::http_internal
