// Issue 14: two `vinculo serve` processes on one PostgreSQL behind HAProxy
// (round robin), all started and stopped here on loopback ports. Through the
// balancer, so that competing requests land on different servers: one
// published plan per month, workshop places, one open leave per child, and an
// Idempotency-Key replayed across servers. Pinned to each server: a logout, a
// disabled account and a changed role on one server hold on the other at its
// next request. Afterwards `vinculo audit verify` finds the audit chain whole.
// Each test checks from the servers' access logs that both servers answered.
// PostgreSQL only (one process serves a SQLite file).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

#include "api_fixture.h"
#include "http/concurrent_calls.h"
#include "support/nursery_world.h"
#include "support/supply_world.h"
#include "support/visit_world.h"
#include "support/workshop_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A session notice reaches the other server within the time PostgreSQL takes
// to deliver it: milliseconds, far under the cache's 5 s.
constexpr milliseconds kNoticeBound{500};

std::string ReadAll(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// A child process (`argv`), its standard output and error in `log`; killed
// and reaped when destroyed.
class Process {
 public:
  Process(std::vector<std::string> argv, std::string log) : log_(std::move(log)) {
    pid_ = fork();
    if (pid_ == 0) {
      FILE* out = freopen(log_.c_str(), "w", stdout);
      if (!out || dup2(fileno(stdout), STDERR_FILENO) < 0) _exit(126);
      std::vector<char*> args;
      for (std::string& arg : argv) args.push_back(arg.data());
      args.push_back(nullptr);
      execvp(args[0], args.data());
      _exit(127);
    }
  }
  ~Process() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    const auto deadline = steady_clock::now() + std::chrono::seconds(10);
    while (waitpid(pid_, nullptr, WNOHANG) == 0) {
      if (steady_clock::now() > deadline) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        break;
      }
      std::this_thread::sleep_for(milliseconds(10));
    }
  }
  std::string Log() const { return ReadAll(log_); }
  bool Running() { return waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
  std::string log_;
};

// Whether something answers HTTP GET `path` on `port` with 200, within 30 s.
bool WaitUntilServing(int port, const std::string& path) {
  const auto deadline = steady_clock::now() + std::chrono::seconds(30);
  while (steady_clock::now() < deadline) {
    httplib::Client client("127.0.0.1", port);
    auto answer = client.Get(path);
    if (answer && answer->status == 200) return true;
    std::this_thread::sleep_for(milliseconds(50));
  }
  return false;
}

class Issue14MultiServerTest : public ApiTest {
 protected:
  void SetUp() override {
    if (TestEngineName() != "postgres") GTEST_SKIP() << "PostgreSQL only";
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    folder_ = std::filesystem::temp_directory_path() /
              ("vinculo_multiserver_" + std::to_string(getpid()) + "_" +
               std::to_string(steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override {
    balancer_.reset();
    servers_.clear();
    ApiTest::TearDown();
    if (!folder_.empty()) std::filesystem::remove_all(folder_);
  }

  // Starts two servers and HAProxy in front; the fixture's calls then go
  // through the balancer. Call after the world is built.
  void StartServers() {
    for (int server_idx = 0; server_idx < 2; ++server_idx) {
      const int port = FreePort();
      server_ports_.push_back(port);
      servers_.push_back(std::make_unique<Process>(
          std::vector<std::string>{VINCULO_BINARY, "serve", "--db", world_->database->target(),
                                   "--port", std::to_string(port), "--threads", "16"},
          (folder_ / ("server" + std::to_string(server_idx) + ".log")).string()));
    }
    for (int port : server_ports_) ASSERT_TRUE(WaitUntilServing(port, "/api/v1/health"));
    const int balancer_port = FreePort();
    const std::string config = (folder_ / "haproxy.cfg").string();
    std::ofstream(config) << "global\n  maxconn 512\n"
                          << "defaults\n  mode http\n  timeout connect 2s\n"
                          << "  timeout client 30s\n  timeout server 30s\n"
                          << "frontend vinculo\n  bind 127.0.0.1:" << balancer_port << "\n"
                          << "  default_backend servers\n"
                          << "backend servers\n  balance roundrobin\n"
                          << "  server a 127.0.0.1:" << server_ports_[0] << "\n"
                          << "  server b 127.0.0.1:" << server_ports_[1] << "\n";
    balancer_ = std::make_unique<Process>(std::vector<std::string>{"haproxy", "-db", "-f", config},
                                          (folder_ / "haproxy.log").string());
    ASSERT_TRUE(WaitUntilServing(balancer_port, "/api/v1/health")) << balancer_->Log();
    port_ = balancer_port;
    tokens_.clear();
  }

  // A call to one server, bypassing the balancer.
  HttpAnswer On(int server_idx, const std::string& method, const std::string& path,
                const std::string& token, const std::string& body = "",
                httplib::Headers headers = {}) {
    const int balancer = port_;
    port_ = server_ports_[server_idx];
    HttpAnswer answer = Call(method, path, token, body, std::move(headers));
    port_ = balancer;
    return answer;
  }
  // GET /auth/me on one server until its answer differs from (200, `role`),
  // for at most kNoticeBound.
  HttpAnswer MeOnceNot(int server_idx, const std::string& token, const std::string& role) {
    const auto started = steady_clock::now();
    HttpAnswer answer;
    do {
      answer = On(server_idx, "GET", "/api/v1/auth/me", token);
      if (answer.status != 200 || answer.body.value("role", "") != role) break;
    } while (steady_clock::now() - started < kNoticeBound);
    EXPECT_LT(steady_clock::now() - started, kNoticeBound);
    return answer;
  }
  std::string SignInOn(int server_idx, const std::string& username) {
    HttpAnswer answer = On(server_idx, "POST", "/api/v1/auth/login", "",
                           json{{"username", username}, {"password", kPassword}}.dump());
    EXPECT_EQ(answer.status, 200) << answer.raw;
    return answer.body.value("token", "");
  }
  // Requests each server logged for `route` (its access log).
  std::vector<int> Served(const std::string& route) {
    std::vector<int> counts;
    for (size_t server_idx = 0; server_idx < servers_.size(); ++server_idx) {
      const std::string log =
          ReadAll((folder_ / ("server" + std::to_string(server_idx) + ".log")).string());
      int count = 0;
      for (size_t at = log.find(route); at != std::string::npos; at = log.find(route, at + 1)) {
        ++count;
      }
      counts.push_back(count);
    }
    return counts;
  }
  // Access lines reach the log in batches, at most a second late: waits for
  // both servers' lines up to three seconds.
  void ExpectBothServed(const std::string& route) {
    std::vector<int> counts = Served(route);
    const auto deadline = steady_clock::now() + std::chrono::seconds(3);
    while ((counts.size() != 2 || counts[0] == 0 || counts[1] == 0) &&
           steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(50));
      counts = Served(route);
    }
    ASSERT_EQ(counts.size(), 2u);
    EXPECT_GT(counts[0], 0) << route << " never reached server a";
    EXPECT_GT(counts[1], 0) << route << " never reached server b";
  }
  void ExpectAuditChainWhole() {
    const std::string command = std::string(VINCULO_BINARY) + " audit verify --db '" +
                                world_->database->target() + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string out;
    char buffer[512];
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    EXPECT_EQ(pclose(pipe), 0) << out;
    EXPECT_NE(out.find("The audit log is whole"), std::string::npos) << out;
  }

  std::filesystem::path folder_;
  std::vector<int> server_ports_;
  std::vector<std::unique_ptr<Process>> servers_;
  std::unique_ptr<Process> balancer_;
};

TEST_F(Issue14MultiServerTest, Issue14_DraftsPublishedAtOnceOnTwoServersAreOnePublishedPlan) {
  const VisitProgramme programme = AddVisitProgramme(*world_);
  ASSERT_GT(programme.template_id, 0);
  StartServers();
  const std::string plans =
      "/api/v1/organisations/" + std::to_string(world_->organisation_a) + "/plans";
  constexpr int kDrafts = 4;
  const std::string token = TokenFor("coordinator_a");
  for (const char* month : {"2027-01", "2027-02", "2027-03", "2027-04", "2027-05"}) {
    SCOPED_TRACE(month);
    std::vector<long long> drafts;
    for (int draft_idx = 0; draft_idx < kDrafts; ++draft_idx) {
      HttpAnswer plan = Post(plans, "coordinator_a", {{"month", month}});
      ASSERT_EQ(plan.status, 201) << plan.raw;
      drafts.push_back(plan.body["id"].get<long long>());
    }
    std::vector<HttpAnswer> answers = AtOnce(kDrafts, [&](int call_idx) {
      return Call("POST", "/api/v1/plans/" + std::to_string(drafts[call_idx]) + "/publish", token,
                  "{}");
    });
    EXPECT_EQ(CountStatus(answers, 200), 1) << Raw(answers);
    EXPECT_EQ(CountStatus(answers, 409), kDrafts - 1) << Raw(answers);
  }
  ExpectBothServed("/publish");
  ExpectAuditChainWhole();
}

TEST_F(Issue14MultiServerTest, Issue14_TenEnrolmentsOnTwoServersIntoThreePlacesEnrolThree) {
  const WorkshopFixture fixture = AddWorkshopWorld(*world_);
  ASSERT_GT(fixture.short_course, 0);
  std::vector<long long> mothers = fixture.mothers_a;
  while (mothers.size() < 10) {
    const long long mother = world_->AddParent("A", "female").id;
    world_->Link(mother, world_->AddChild("A").id, "mother");
    mothers.push_back(mother);
  }
  StartServers();
  HttpAnswer cohort = Post("/api/v1/workshops/cohorts", "social_worker_a",
                           {{"course_id", fixture.short_course},
                            {"facility_id", world_->facility_a},
                            {"group_kind", "women"},
                            {"facilitator_user_id", fixture.facilitator},
                            {"space_id", fixture.chapel_a},
                            {"start_date", "2027-02-01"},
                            {"start_time", "09:30"},
                            {"end_time", "11:30"}});
  ASSERT_EQ(cohort.status, 201) << cohort.raw;
  ASSERT_EQ(cohort.body["capacity"], 3);
  const std::string enrolments = "/api/v1/workshops/cohorts/" +
                                 std::to_string(cohort.body["id"].get<long long>()) + "/enrolments";
  const std::string token = TokenFor("social_worker_a");
  std::vector<HttpAnswer> answers = AtOnce(10, [&](int call_idx) {
    return Call("POST", enrolments, token, json{{"parent_id", mothers[call_idx]}}.dump());
  });
  ASSERT_EQ(CountStatus(answers, 201), 10) << Raw(answers);
  int enrolled = 0;
  for (const HttpAnswer& answer : answers) enrolled += answer.body["status"] == "enrolled";
  EXPECT_EQ(enrolled, 3) << Raw(answers);
  HttpAnswer stored = Get(enrolments, "social_worker_a");
  int stored_enrolled = 0;
  for (const json& row : stored.body["items"]) stored_enrolled += row["status"] == "enrolled";
  EXPECT_EQ(stored_enrolled, 3) << stored.raw;
  ExpectBothServed("/enrolments");
  ExpectAuditChainWhole();
}

TEST_F(Issue14MultiServerTest, Issue14_LeavesOfOneChildStartedOnTwoServersOpenOneLeave) {
  const NurseryChildren children = AddNursery(*world_);
  ASSERT_GT(children.overdue_a, 0);
  StartServers();
  const std::string child = "/api/v1/children/" + std::to_string(children.overdue_a);
  HttpAnswer adult = Post(child + "/authorised-adults", "nursery_officer_a",
                          {{"full_name", "Carmen Sintética"},
                           {"relationship", "abuela"},
                           {"document_id", "DNI 00000001"}});
  ASSERT_EQ(adult.status, 201) << adult.raw;
  const json leave = {{"adult_id", adult.body["id"]},
                      {"reason", "weekend_with_relatives"},
                      {"left_at", "2026-11-20T08:00:00Z"},
                      {"due_back_at", "2026-11-22T18:00:00Z"}};
  const std::string token = TokenFor("nursery_officer_a");
  constexpr int kClients = 6;
  constexpr int kRounds = 5;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::vector<HttpAnswer> answers =
        AtOnce(kClients, [&](int) { return Call("POST", child + "/leaves", token, leave.dump()); });
    ASSERT_EQ(CountStatus(answers, 201), 1) << Raw(answers);
    EXPECT_EQ(CountStatus(answers, 409), kClients - 1) << Raw(answers);
    for (const HttpAnswer& answer : answers) {
      if (answer.status != 201) continue;
      ASSERT_EQ(
          Call("POST",
               "/api/v1/leaves/" + std::to_string(answer.body["id"].get<long long>()) + "/return",
               token, json{{"returned_at", "2026-11-23T08:00:00Z"}}.dump())
              .status,
          200);
    }
  }
  HttpAnswer book = Get("/api/v1/nursery/leaves?child_id=" + std::to_string(children.overdue_a),
                        "nursery_officer_a");
  EXPECT_EQ(book.body["items"].size(), static_cast<size_t>(kRounds)) << book.raw;
  ExpectBothServed("/leaves");
  ExpectAuditChainWhole();
}

TEST_F(Issue14MultiServerTest, Issue14_AnIdempotencyKeyIsReplayedAcrossServers) {
  AddSupplyChildren(*world_);
  const long long crib = CatalogueItemId(*world_, "crib");
  StartServers();
  const std::string donations =
      "/api/v1/facilities/" + std::to_string(world_->facility_a) + "/donations";
  const std::string body =
      json{{"item_id", crib}, {"quantity", 2}, {"donor_type", "family"}}.dump();
  const std::string token = TokenFor("nursery_officer_a");
  // A triple tap, spread over both servers, then a retry on each server.
  std::vector<HttpAnswer> taps = AtOnce(3, [&](int) {
    return Call("POST", donations, token, body, {{"Idempotency-Key", "tap-across-servers"}});
  });
  for (int server_idx = 0; server_idx < 2; ++server_idx) {
    taps.push_back(On(server_idx, "POST", donations, token, body,
                      {{"Idempotency-Key", "tap-across-servers"}}));
  }
  ASSERT_EQ(CountStatus(taps, 201), static_cast<int>(taps.size())) << Raw(taps);
  for (const HttpAnswer& tap : taps) EXPECT_EQ(tap.body["id"], taps[0].body["id"]) << Raw(taps);
  EXPECT_EQ(Get(donations, "nursery_officer_a").body["items"].size(), 1u);
  // Another body with the same key is refused on either server.
  const std::string other =
      json{{"item_id", crib}, {"quantity", 5}, {"donor_type", "family"}}.dump();
  for (int server_idx = 0; server_idx < 2; ++server_idx) {
    EXPECT_EQ(
        On(server_idx, "POST", donations, token, other, {{"Idempotency-Key", "tap-across-servers"}})
            .status,
        422);
  }
  // Twenty different donations at once through both servers: twenty, each
  // with its audit line in one chain.
  std::vector<HttpAnswer> many = AtOnce(20, [&](int call_idx) {
    return Call("POST", donations, token, body,
                {{"Idempotency-Key", "donation-" + std::to_string(call_idx)}});
  });
  EXPECT_EQ(CountStatus(many, 201), 20) << Raw(many);
  EXPECT_EQ(Get(donations, "nursery_officer_a").body["items"].size(), 21u);
  ExpectBothServed("/donations");
  ExpectAuditChainWhole();
}

TEST_F(Issue14MultiServerTest, Issue14_LogoutDisableAndRoleChangeOnOneServerHoldOnTheOtherAtOnce) {
  StartServers();
  // Logout on a, next request on b.
  const std::string caregiver = SignInOn(0, "caregiver_a");
  ASSERT_EQ(On(1, "GET", "/api/v1/auth/me", caregiver).status, 200);
  ASSERT_EQ(On(1, "GET", "/api/v1/auth/me", caregiver).status, 200);  // cached on b
  ASSERT_EQ(On(0, "POST", "/api/v1/auth/logout", caregiver).status, 204);
  EXPECT_EQ(MeOnceNot(1, caregiver, "caregiver").status, 401);

  // A role changed on b, seen on a.
  const std::string admin_b = SignInOn(1, "admin_a");
  const std::string worker = SignInOn(1, "social_worker_a");
  const std::string worker_path =
      "/api/v1/users/" + std::to_string(world_->actor("social_worker_a").user_id);
  ASSERT_EQ(On(0, "GET", "/api/v1/auth/me", worker).body["role"], "social_worker");
  ASSERT_EQ(On(0, "GET", "/api/v1/auth/me", worker).body["role"], "social_worker");
  HttpAnswer read = On(1, "GET", worker_path, admin_b);
  ASSERT_EQ(read.status, 200) << read.raw;
  ASSERT_EQ(On(1, "PATCH", worker_path, admin_b, json{{"role", "auditor"}}.dump(),
               {{"If-Match", read.etag}})
                .status,
            200);
  EXPECT_EQ(MeOnceNot(0, worker, "social_worker").body["role"], "auditor");

  // Disabled on a, refused on b.
  const std::string admin_a = SignInOn(0, "admin_a");
  const std::string officer = SignInOn(0, "caregiver_a");
  const std::string officer_path =
      "/api/v1/users/" + std::to_string(world_->actor("caregiver_a").user_id);
  ASSERT_EQ(On(1, "GET", "/api/v1/auth/me", officer).status, 200);
  ASSERT_EQ(On(1, "GET", "/api/v1/auth/me", officer).status, 200);
  HttpAnswer officer_read = On(0, "GET", officer_path, admin_a);
  ASSERT_EQ(officer_read.status, 200) << officer_read.raw;
  ASSERT_EQ(On(0, "POST", officer_path + "/disable", admin_a, "", {{"If-Match", officer_read.etag}})
                .status,
            200);
  EXPECT_EQ(MeOnceNot(1, officer, "caregiver").status, 401);
  ExpectAuditChainWhole();
}

}  // namespace
}  // namespace vinculo::testing
