#include "http/server_metrics.h"

#include <httplib.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "http/api_server.h"
#include "http/reply_body.h"
#include "service/audit_log.h"

namespace vinculo::http_internal {
namespace {

// Upper bounds of the latency histogram, in seconds: the API's reads take a
// millisecond or less, a monthly plan or a report several seconds.
constexpr std::array<double, 13> kLatencyBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,    0.25,  0.5,    1.0,   2.5,  10.0};
// Distinct routes counted before the rest are counted as "other", so that
// a scan of made-up paths cannot grow the counters without bound.
constexpr size_t kMaxRoutes = 256;

thread_local std::chrono::steady_clock::time_point request_start{};

// How late an access line may reach standard error: the lines are buffered
// and written together, so that a request costs no system call and no wait
// behind another request's write (spdlog's stderr sink writes each line under
// one lock: about 10 % of a child GET's CPU at saturation, issue 13's p99).
constexpr std::chrono::seconds kAccessLogFlushInterval{1};
constexpr size_t kAccessLogBufferBytes = 64 * 1024;

// Standard error through a stdio buffer of its own (a duplicate descriptor:
// stderr's FILE stays unbuffered for the other log lines).
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  BufferedStderrSink() {
    const int fd = ::dup(STDERR_FILENO);
    file_ = fd >= 0 ? ::fdopen(fd, "w") : nullptr;
    if (!file_ && fd >= 0) ::close(fd);
    if (file_) std::setvbuf(file_, nullptr, _IOFBF, kAccessLogBufferBytes);
  }
  ~BufferedStderrSink() override {
    if (file_) std::fclose(file_);
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(message, formatted);
    std::fwrite(formatted.data(), 1, formatted.size(), file_ ? file_ : stderr);
  }
  void flush_() override { std::fflush(file_ ? file_ : stderr); }

 private:
  std::FILE* file_ = nullptr;
};

// One per process, registered so that spdlog's pattern and level apply and
// its periodic flusher writes the buffer out.
spdlog::logger& AccessLogger() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto created =
        std::make_shared<spdlog::logger>("access", std::make_shared<BufferedStderrSink>());
    spdlog::initialize_logger(created);
    spdlog::flush_every(kAccessLogFlushInterval);
    return created;
  }();
  return *logger;
}

struct LatencyHistogram {
  std::array<unsigned long long, kLatencyBuckets.size()> buckets{};
  unsigned long long count = 0;
  double sum_seconds = 0;
};

class Counters {
 public:
  void Record(const std::string& method, std::string route, int status, double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!latency_.count({method, route}) && latency_.size() >= kMaxRoutes) route = "other";
    ++requests_[{method, route, status}];
    LatencyHistogram& histogram = latency_[{method, route}];
    for (size_t bucket_idx = 0; bucket_idx < kLatencyBuckets.size(); ++bucket_idx) {
      if (seconds <= kLatencyBuckets[bucket_idx]) ++histogram.buckets[bucket_idx];
    }
    ++histogram.count;
    histogram.sum_seconds += seconds;
    if (status >= 500) ++server_errors_;
  }

  // The Prometheus text exposition format, version 0.0.4.
  std::string Exposition(const ServiceContext& context) const {
    std::string out;
    char number[64];
    const auto label = [](const std::string& text) {
      std::string escaped;
      for (char c : text) {
        if (c == '\\' || c == '"') escaped += '\\';
        if (c == '\n') {
          escaped += "\\n";
          continue;
        }
        escaped += c;
      }
      return escaped;
    };
    std::lock_guard<std::mutex> lock(mutex_);
    out +=
        "# HELP vinculo_http_requests_total HTTP requests answered, by method, route and "
        "status.\n# TYPE vinculo_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
      const auto& [method, route, status] = key;
      out += "vinculo_http_requests_total{method=\"" + label(method) + "\",route=\"" +
             label(route) + "\",status=\"" + std::to_string(status) + "\"} " +
             std::to_string(count) + "\n";
    }
    out +=
        "# HELP vinculo_http_server_errors_total HTTP requests answered with a 5xx status.\n"
        "# TYPE vinculo_http_server_errors_total counter\nvinculo_http_server_errors_total " +
        std::to_string(server_errors_) + "\n";
    out +=
        "# HELP vinculo_http_request_duration_seconds Time from a request's first bytes to its "
        "answer.\n# TYPE vinculo_http_request_duration_seconds histogram\n";
    for (const auto& [key, histogram] : latency_) {
      const std::string labels =
          "method=\"" + label(key.first) + "\",route=\"" + label(key.second) + "\"";
      for (size_t bucket_idx = 0; bucket_idx < kLatencyBuckets.size(); ++bucket_idx) {
        std::snprintf(number, sizeof(number), "%g", kLatencyBuckets[bucket_idx]);
        out += "vinculo_http_request_duration_seconds_bucket{" + labels + ",le=\"" + number +
               "\"} " + std::to_string(histogram.buckets[bucket_idx]) + "\n";
      }
      out += "vinculo_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
             std::to_string(histogram.count) + "\n";
      std::snprintf(number, sizeof(number), "%.9g", histogram.sum_seconds);
      out += "vinculo_http_request_duration_seconds_sum{" + labels + "} " + number + "\n";
      out += "vinculo_http_request_duration_seconds_count{" + labels + "} " +
             std::to_string(histogram.count) + "\n";
    }
    const Store::PoolUse pool = context.store->pool_use();
    out +=
        "# HELP vinculo_db_pool_connections Database connections in the pool.\n"
        "# TYPE vinculo_db_pool_connections gauge\nvinculo_db_pool_connections " +
        std::to_string(pool.size) +
        "\n# HELP vinculo_db_pool_in_use Database connections lent to a request or the audit "
        "writer.\n# TYPE vinculo_db_pool_in_use gauge\nvinculo_db_pool_in_use " +
        std::to_string(pool.in_use) + "\n";
    out +=
        "# HELP vinculo_audit_queue_events Read events waiting to be written to the audit "
        "log.\n# TYPE vinculo_audit_queue_events gauge\nvinculo_audit_queue_events " +
        std::to_string(context.audit ? context.audit->QueuedEvents() : 0) + "\n";
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, unsigned long long> requests_;
  std::map<std::pair<std::string, std::string>, LatencyHistogram> latency_;
  unsigned long long server_errors_ = 0;
};

bool FromLoopback(const httplib::Request& request) {
  // Behind a reverse proxy on the same machine every request comes from
  // loopback; a forwarded one is the proxy's client's, not ours.
  if (request.has_header("X-Forwarded-For") || request.has_header("Forwarded")) return false;
  const std::string& address = request.remote_addr;
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// Compares without leaking, through its duration, how much of a token matched.
bool SameToken(const std::string& given, const std::string& expected) {
  if (given.size() != expected.size()) return false;
  unsigned char difference = 0;
  for (size_t char_idx = 0; char_idx < given.size(); ++char_idx) {
    difference |= static_cast<unsigned char>(given[char_idx] ^ expected[char_idx]);
  }
  return difference == 0;
}

}  // namespace

// The prefix of a subscribed calendar's path (routes_calendar_subscriptions.cc).
constexpr std::string_view kCalendarsRoute = "/api/v1/calendars";

std::string RouteOf(std::string_view path) {
  const size_t query = path.find('?');
  if (query != std::string_view::npos) path = path.substr(0, query);
  if (path.rfind("/api/", 0) != 0) return path == "/metrics" ? "/metrics" : "/static";
  std::string route;
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start + 1);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);  // "/name"
    const bool numeric =
        segment.size() > 1 && segment.find_first_not_of("0123456789", 1) == std::string_view::npos;
    // A calendar subscription's secret never reaches the metrics or the access log.
    const bool secret = route == kCalendarsRoute && start > 0;
    route += numeric  ? std::string("/{id}")
             : secret ? std::string("/{token}.ics")
                      : std::string(segment);
    start = end;
  }
  return route;
}

void MarkRequestStart() { request_start = std::chrono::steady_clock::now(); }

void FlushAccessLog() { AccessLogger().flush(); }

void InstallServerMetrics(httplib::Server& server, const ServiceContext& context,
                          const ApiOptions& options) {
  auto counters = std::make_shared<Counters>();
  const bool access_log = options.access_log;
  server.set_logger(
      [counters, access_log](const httplib::Request& request, const httplib::Response& response) {
        const auto now = std::chrono::steady_clock::now();
        const double seconds = request_start.time_since_epoch().count() == 0
                                   ? 0.0
                                   : std::chrono::duration<double>(now - request_start).count();
        const std::string route = RouteOf(request.path);
        counters->Record(request.method, route, response.status, seconds);
        if (access_log) {
          // The bytes sent: replies leave with their length (http/reply_body.h).
          std::string bytes = response.get_header_value("Content-Length");
          if (!response.body.empty() || bytes.empty()) bytes = std::to_string(response.body.size());
          AccessLogger().info("access method={} route={} status={} duration_ms={:.3f} bytes={}",
                              request.method, route, response.status, seconds * 1000.0, bytes);
        }
      });
  const std::string token = options.metrics_token;
  server.Get("/metrics", [counters, context, token](const httplib::Request& request,
                                                    httplib::Response& response) {
    const std::string authorization = request.get_header_value("Authorization");
    const bool token_ok = !token.empty() && authorization.rfind("Bearer ", 0) == 0 &&
                          SameToken(authorization.substr(7), token);
    if (!token_ok && !(token.empty() && FromLoopback(request))) {
      response.status = 404;
      return;  // the error handler writes the problem body
    }
    SendBody(request, response, counters->Exposition(context), "text/plain; version=0.0.4");
  });
}

}  // namespace vinculo::http_internal
