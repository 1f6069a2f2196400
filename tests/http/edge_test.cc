// Issue 13: the HTTP edge bounds what a request may cost before anyone signs
// in. Each test is an attack found from outside against the server as it
// was, tried again on a real server over loopback.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "raw_connection.h"
#include "service/secrets.h"

namespace vinculo::testing {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

const std::string kHealthRequest = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

long long ElapsedMs(SteadyClock::time_point since) {
  return std::chrono::duration_cast<milliseconds>(SteadyClock::now() - since).count();
}

// The process's resident memory now, in MiB (/proc/self/statm).
double ResidentMiB() {
  std::ifstream statm("/proc/self/statm");
  long long pages = 0;
  long long resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

// An ApiServer with the edge options a test chooses, and a web folder holding
// one 4.5 KB asset.
class EdgeTest : public ApiTest {
 protected:
  void SetUp() override {}
  void Start(ApiOptions options) {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    web_dir_ = std::filesystem::temp_directory_path() /
               ("vinculo-edge-" + std::to_string(::getpid()) + "-" +
                std::to_string(SteadyClock::now().time_since_epoch().count()));
    std::filesystem::create_directories(web_dir_ / "assets");
    std::ofstream(web_dir_ / "index.html") << "<!doctype html><title>Vínculo</title>";
    std::ofstream(web_dir_ / "assets" / "app.js") << std::string(4500, 'x');
    options.port = 0;
    options.web_dir = web_dir_.string();
    server_ = std::make_unique<ApiServer>(world_->context, options);
    ASSERT_TRUE(server_->Bind().ok());
    port_ = server_->port();
    server_thread_ = std::thread([this] { server_->Run(); });
  }
  void StartDefault() {
    ApiOptions options;
    options.threads = 8;
    Start(options);
  }
  void TearDown() override {
    ApiTest::TearDown();
    if (!web_dir_.empty()) std::filesystem::remove_all(web_dir_);
  }

  // One request on a fresh connection; its response, or "" after `timeout`.
  std::string Exchange(const std::string& request, milliseconds timeout = milliseconds(5000)) {
    RawConnection connection(port_);
    if (!connection.connected() || !connection.Send(request)) return {};
    auto responses = connection.ReadResponses(1, timeout);
    return responses.empty() ? std::string() : responses[0];
  }

  std::filesystem::path web_dir_;
};

TEST_F(EdgeTest, Issue13_ManyRangesGetTheWholeFileOnce) {
  StartDefault();
  // 4.5 KB of header asking for the whole file 1,501 times.
  std::string ranges = "bytes=0-";
  for (int range = 0; range < 1500; ++range) ranges += ",0-";
  httplib::Client client("127.0.0.1", port_);
  auto response = client.Get("/assets/app.js", {{"Range", ranges}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body.size(), 4500u) << "a multi-range request is answered once, whole";
  // One range is still honoured (a resumed download).
  auto one = client.Get("/assets/app.js", {{"Range", "bytes=100-199"}});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 206);
  EXPECT_EQ(one->body.size(), 100u);
}

TEST_F(EdgeTest, Issue13_AChunkedBodyOverTheLimitIsRefused) {
  StartDefault();
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n"));
  const auto started = SteadyClock::now();
  const std::string chunk = std::string(64 * 1024, ' ');
  char size_line[32];
  std::snprintf(size_line, sizeof(size_line), "%zx\r\n", chunk.size());
  // 4 MiB offered in 64 KiB chunks; the server must stop reading past 1 MiB.
  for (int index = 0; index < 64; ++index) {
    if (!connection.Send(size_line + chunk + "\r\n")) break;
  }
  auto responses = connection.ReadResponses(1, milliseconds(5000));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(StatusLine(responses[0]), "HTTP/1.1 413 Payload Too Large") << responses[0];
  EXPECT_NE(responses[0].find("application/problem+json"), std::string::npos);
  EXPECT_LT(ElapsedMs(started), 5000);
}

TEST_F(EdgeTest, Issue13_AHugeOrNegativeContentLengthIsRefusedAtOnce) {
  StartDefault();
  for (const char* length : {"1000000000000", "99999999999999999999999", "2097152"}) {
    const auto started = SteadyClock::now();
    const std::string response =
        Exchange(std::string("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                             "Content-Type: application/json\r\nContent-Length: ") +
                     length + "\r\n\r\n{}",
                 milliseconds(3000));
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 413 Payload Too Large") << length;
    EXPECT_LT(ElapsedMs(started), 1000) << length;
  }
  for (const char* length : {"-1", "12abc", "1, 2"}) {
    const auto started = SteadyClock::now();
    const std::string response =
        Exchange(std::string("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                             "Content-Type: application/json\r\nContent-Length: ") +
                     length + "\r\n\r\n{}",
                 milliseconds(3000));
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 400 Bad Request") << length;
    EXPECT_NE(response.find("Content-Length"), std::string::npos) << response;
    EXPECT_LT(ElapsedMs(started), 1000) << length;
  }
}

TEST_F(EdgeTest, Issue13_CompressedAndOddlyEncodedBodiesAreRefused) {
  StartDefault();
  EXPECT_EQ(StatusLine(Exchange("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                "Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
                                "Content-Length: 2\r\n\r\n{}")),
            "HTTP/1.1 415 Unsupported Media Type");
  EXPECT_EQ(StatusLine(Exchange("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n"
                                "\r\n")),
            "HTTP/1.1 501 Not Implemented");
  EXPECT_EQ(StatusLine(Exchange("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                                "Content-Length: 2\r\n\r\n{}")),
            "HTTP/1.1 400 Bad Request");
}

TEST_F(EdgeTest, Issue13_DeeplyNestedJsonIsRefusedBeforeParsing) {
  StartDefault();
  const double before = ResidentMiB();
  auto answer = Call("POST", "/api/v1/auth/login", "", std::string((1 << 20) - 16, '['));
  EXPECT_EQ(answer.status, 400);
  EXPECT_NE(answer.raw.find("deeper than 64"), std::string::npos) << answer.raw;
  // Parsing it used to cost about 70 MB.
  EXPECT_LT(ResidentMiB() - before, 30.0);
}

TEST_F(EdgeTest, Issue13_ANumberBeyondADoubleIsA400NotA500) {
  StartDefault();
  auto answer = Call("POST", "/api/v1/auth/login", "", R"({"username":"admin","password":1e999})");
  EXPECT_EQ(answer.status, 400) << answer.raw;
  EXPECT_EQ(answer.content_type, "application/problem+json");
}

// Found by the request fuzz target (fuzz/fuzz_request.cc): a member with an
// empty name was refused without naming any field.
TEST_F(EdgeTest, Issue13_AMemberWithAnEmptyNameIsNamedInTheRefusal) {
  StartDefault();
  auto answer =
      Call("POST", "/api/v1/auth/login", "", R"({"username":"admin","password":"x","":1})");
  EXPECT_EQ(answer.status, 422) << answer.raw;
  EXPECT_EQ(answer.body.value("field", ""), "\"\"") << answer.raw;
  EXPECT_EQ(answer.body.value("code", ""), "field_unknown") << answer.raw;
}

TEST_F(EdgeTest, Issue13_AQueryThatIsNotUtf8IsA422NotA500) {
  StartDefault();
  auto answer = Get("/api/v1/children?organisation_id=%ff", "coordinator_a");
  EXPECT_EQ(answer.status, 422) << answer.raw;
  EXPECT_EQ(answer.content_type, "application/problem+json");
  EXPECT_EQ(answer.body.value("field", ""), "organisation_id") << answer.raw;
}

TEST_F(EdgeTest, Issue13_SlowHeadersAreCutOffAndBlockNobody) {
  ApiOptions options;
  options.threads = 8;
  options.header_timeout_ms = 1500;
  Start(options);
  // Five times the core workers, each sending part of a request line and
  // then nothing: they used to hold every worker for 30 s.
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int index = 0; index < 40; ++index) {
    slow.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(slow.back()->Send("GET /api/v1/hea"));
  }
  std::this_thread::sleep_for(milliseconds(200));
  const auto started = SteadyClock::now();
  const std::string response = Exchange(kHealthRequest, milliseconds(3000));
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 200 OK");
  EXPECT_LT(ElapsedMs(started), 500);
  // Past the header timeout each slow connection is answered 408 and closed.
  auto late = slow.front()->ReadResponses(1, milliseconds(4000));
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(StatusLine(late[0]), "HTTP/1.1 408 Request Timeout");
  EXPECT_TRUE(slow.front()->ClosedWithin(milliseconds(1000)));
}

TEST_F(EdgeTest, Issue13_ABodyThatStopsHalfwayIsCutOff) {
  ApiOptions options;
  options.threads = 8;
  options.body_timeout_ms = 1000;
  Start(options);
  RawConnection connection(port_);
  ASSERT_TRUE(connection.Send(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 100\r\n\r\n{\"user"));
  const auto started = SteadyClock::now();
  auto responses = connection.ReadResponses(1, milliseconds(5000));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(StatusLine(responses[0]), "HTTP/1.1 408 Request Timeout");
  EXPECT_LT(ElapsedMs(started), 3000);
}

TEST_F(EdgeTest, Issue13_ConnectionsPastTheCapOfAnAddressAreRefusedAtOnce) {
  ApiOptions options;
  options.threads = 4;
  options.max_connections_per_address = 20;
  Start(options);
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int index = 0; index < 20; ++index) {
    idle.push_back(std::make_unique<RawConnection>(port_, "127.0.0.1"));
  }
  std::this_thread::sleep_for(milliseconds(300));
  RawConnection extra(port_, "127.0.0.1");
  ASSERT_TRUE(extra.connected());
  const auto started = SteadyClock::now();
  std::string answer;
  auto responses = extra.ReadResponses(1, milliseconds(2000));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(StatusLine(responses[0]), "HTTP/1.1 503 Service Unavailable");
  EXPECT_NE(responses[0].find("Retry-After: 1"), std::string::npos);
  EXPECT_LT(ElapsedMs(started), 500);
  // Another address is served as usual.
  RawConnection other(port_, "127.0.0.2");
  ASSERT_TRUE(other.Send(kHealthRequest));
  auto served = other.ReadResponses(1, milliseconds(2000));
  ASSERT_EQ(served.size(), 1u);
  EXPECT_EQ(StatusLine(served[0]), "HTTP/1.1 200 OK");
}

// The target of issue 13: 1,000 idle connections from five addresses, and a
// normal client still answered within 100 ms, with memory bounded. The
// figures go to docs/security.md.
TEST_F(EdgeTest, Issue13_AThousandIdleConnectionsLeaveRoomForANormalClient) {
  rlimit files{};
  getrlimit(RLIMIT_NOFILE, &files);
  if (files.rlim_cur < 2600) GTEST_SKIP() << "needs 2,600 file descriptors";
  ApiOptions options;
  options.threads = 16;
  Start(options);
  // The anchor: the same request on the same server with no idle connection,
  // so that a machine busy with other work does not read as a blocked server
  // (what was found: every client blocked for about 36 s).
  auto health_latencies_ms = [&] {
    std::vector<long long> latencies;
    for (int round = 0; round < 5; ++round) {
      const auto started = SteadyClock::now();
      const std::string response = Exchange(kHealthRequest, milliseconds(3000));
      latencies.push_back(ElapsedMs(started));
      EXPECT_EQ(StatusLine(response), "HTTP/1.1 200 OK");
    }
    std::sort(latencies.begin(), latencies.end());
    return latencies;
  };
  const long long anchor_ms = health_latencies_ms()[2];
  const double before = ResidentMiB();
  std::vector<std::unique_ptr<RawConnection>> idle;
  const char* addresses[] = {"127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14", "127.0.0.15"};
  for (int index = 0; index < 1000; ++index) {
    idle.push_back(std::make_unique<RawConnection>(port_, addresses[index % 5]));
    ASSERT_TRUE(idle.back()->connected());
    // Half send nothing, half a never-finished request line.
    if (index % 2 == 1) idle.back()->Send("GET /api/v1/");
  }
  std::this_thread::sleep_for(milliseconds(500));
  const std::vector<long long> latencies = health_latencies_ms();
  const double grown = ResidentMiB() - before;
  std::printf(
      "1,000 idle connections: health in %lld ms (median of 5, max %lld; %lld ms without "
      "them); resident memory +%.1f MiB\n",
      latencies[2], latencies[4], anchor_ms, grown);
  // Within 100 ms, or within the anchor's time several times over on a
  // machine too busy to answer anything in 100 ms.
  EXPECT_LT(latencies[2], std::max<long long>(100, 4 * anchor_ms));
  EXPECT_LT(grown, 200.0);
}

TEST_F(EdgeTest, Issue13_PasswordHashingPastItsSlotsIsA429WithRetryAfter) {
  StartDefault();
  SetPasswordHashingSlotsForTests(0);
  httplib::Client client("127.0.0.1", port_);
  auto response = client.Post("/api/v1/auth/login",
                              R"({"username":"coordinator_a","password":"correct-horse-9"})",
                              "application/json");
  SetPasswordHashingSlotsForTests(kPasswordHashingSlots);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(response->get_header_value("Retry-After"), "1");
  EXPECT_FALSE(TokenFor("coordinator_a").empty()) << "with slots free again, sign-in works";
}

TEST_F(EdgeTest, Issue13_EveryAnswerCarriesTheSecurityHeaders) {
  StartDefault();
  httplib::Client client("127.0.0.1", port_);
  for (const char* path : {"/api/v1/health", "/api/v1/nothing", "/assets/app.js", "/children"}) {
    auto response = client.Get(path);
    ASSERT_TRUE(response) << path;
    const std::string csp = response->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(response->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(response->get_header_value("Referrer-Policy"), "no-referrer") << path;
    EXPECT_FALSE(response->has_header("Strict-Transport-Security")) << "not behind HTTPS";
  }
}

TEST_F(EdgeTest, Issue13_HstsIsSentWhenServedBehindHttps) {
  ApiOptions options;
  options.threads = 4;
  options.secure_cookies = true;
  Start(options);
  httplib::Client client("127.0.0.1", port_);
  auto response = client.Get("/api/v1/health");
  ASSERT_TRUE(response);
  EXPECT_NE(response->get_header_value("Strict-Transport-Security").find("max-age="),
            std::string::npos);
}

TEST_F(EdgeTest, Issue13_ACookieWriteFromAnotherSiteIsRefused) {
  StartDefault();
  const std::string token = TokenFor("coordinator_a");
  const std::string body = R"({"language":"en"})";
  httplib::Client client("127.0.0.1", port_);
  const httplib::Headers cookie = {{"Cookie", "vinculo_session=" + token}, {"If-Match", "\"1\""}};
  auto with = [&](httplib::Headers extra) {
    httplib::Headers headers = cookie;
    for (auto& header : extra) headers.insert(header);
    return client.Patch("/api/v1/auth/me", headers, body, "application/json");
  };
  auto foreign_origin = with({{"Origin", "https://evil.example"}});
  ASSERT_TRUE(foreign_origin);
  EXPECT_EQ(foreign_origin->status, 403);
  auto cross_site = with({{"Sec-Fetch-Site", "cross-site"}});
  ASSERT_TRUE(cross_site);
  EXPECT_EQ(cross_site->status, 403);
  auto same_origin = with(
      {{"Sec-Fetch-Site", "same-origin"}, {"Origin", "http://127.0.0.1:" + std::to_string(port_)}});
  ASSERT_TRUE(same_origin);
  EXPECT_EQ(same_origin->status, 200) << same_origin->body;
  // A Bearer client is no browser's ambient credential: not checked.
  auto bearer = client.Patch(
      "/api/v1/auth/me", {{"Authorization", "Bearer " + token}, {"Origin", "https://x.example"}},
      body, "application/json");
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer->status, 200);
}

}  // namespace
}  // namespace vinculo::testing
