// Issue 14: PostgreSQL goes away mid-run and comes back. The test starts its
// own throw-away PostgreSQL (scripts/pg.sh), serves a database on it, stops
// the server under a running ApiServer, and checks that a request then gets a
// 503 application/problem+json with Retry-After within about a second (not a
// hang, not a 500), and that when the server is back the next requests are
// answered again without restarting anything. PostgreSQL only.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "http/api_server.h"
#include "http/concurrent_calls.h"
#include "support/test_database.h"

namespace vinculo::testing {
namespace {

using Steady = std::chrono::steady_clock;
constexpr const char* kAdminPassword = "correct-horse-9";

// Runs scripts/pg.sh with `arguments`; its standard output, or nullopt.
std::optional<std::string> PgScript(const std::string& arguments) {
  const std::string command = std::string(VINCULO_SOURCE_DIR) + "/scripts/pg.sh " + arguments;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string output;
  char buffer[256];
  while (fgets(buffer, sizeof buffer, pipe)) output += buffer;
  if (pclose(pipe) != 0) return std::nullopt;
  while (!output.empty() && output.back() == '\n') output.pop_back();
  return output;
}

class Issue14DatabaseAwayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (TestEngineName() != "postgres") GTEST_SKIP() << "PostgreSQL only";
    char pattern[] = "/tmp/vinculo-pg-away.XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    pg_dir_ = pattern;
    auto target = PgScript("start " + pg_dir_ + " " + std::to_string(FreePort()));
    ASSERT_TRUE(target.has_value()) << "could not start a PostgreSQL";
    auto store = Store::Open(*target, 4);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->Migrate().ok());
    clock_ = std::make_unique<SystemClock>();
    audit_ = std::make_unique<AuditLog>(*store_);
    context_ = ServiceContext{store_.get(), clock_.get(), audit_.get()};
    AuthService auth(context_);
    NewUser admin{.username = "admin", .password = kAdminPassword, .role = Role::kAdministrator};
    ASSERT_TRUE(auth.AddUser(Actor::System(), admin).ok());
    ApiOptions options;
    options.port = 0;
    options.threads = 8;
    server_ = std::make_unique<ApiServer>(context_, options);
    ASSERT_TRUE(server_->Bind().ok());
    thread_ = std::thread([this] { server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(std::chrono::seconds(30));
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    audit_.reset();
    store_.reset();
    if (!pg_dir_.empty()) PgScript("stop " + pg_dir_);
  }

  std::string SignIn() {
    nlohmann::json body = {{"username", "admin"}, {"password", kAdminPassword}};
    auto response = client_->Post("/api/v1/auth/login", body.dump(), "application/json");
    if (!response || response->status != 200) return {};
    return nlohmann::json::parse(response->body)["token"].get<std::string>();
  }
  httplib::Result Users(const std::string& token) {
    return client_->Get("/api/v1/users", {{"Authorization", "Bearer " + token}});
  }

  std::string pg_dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<SystemClock> clock_;
  std::unique_ptr<AuditLog> audit_;
  ServiceContext context_;
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(Issue14DatabaseAwayTest,
       Issue14_ADatabaseThatGoesAwayIsA503AtOnceAndServiceResumesByItself) {
  const std::string token = SignIn();
  ASSERT_FALSE(token.empty());
  ASSERT_EQ(Users(token)->status, 200);

  ASSERT_TRUE(PgScript("halt " + pg_dir_).has_value());
  for (const char* path : {"/api/v1/health", "/api/v1/users"}) {
    const auto started = Steady::now();
    auto response = client_->Get(path, {{"Authorization", "Bearer " + token}});
    const auto took = Steady::now() - started;
    ASSERT_TRUE(response) << path << ": no answer";
    EXPECT_EQ(response->status, 503) << path << ": " << response->body;
    EXPECT_EQ(response->get_header_value("Content-Type"), "application/problem+json") << path;
    EXPECT_EQ(response->get_header_value("Retry-After"), "1") << path;
    auto problem = nlohmann::json::parse(response->body, nullptr, false);
    EXPECT_EQ(problem.value("status", 0), 503) << response->body;
    EXPECT_LT(took, std::chrono::milliseconds(1500)) << path;
  }
  // Signing in needs the database too.
  auto refused =
      client_->Post("/api/v1/auth/login", R"({"username":"admin","password":"correct-horse-9"})",
                    "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503) << refused->body;

  ASSERT_TRUE(PgScript("resume " + pg_dir_).has_value());
  // Every pooled connection was lost: each is opened again when next used.
  for (int request = 0; request < 8; ++request) {
    auto response = Users(token);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200) << response->body;
  }
  EXPECT_EQ(client_->Get("/api/v1/health")->status, 200);
  EXPECT_FALSE(SignIn().empty());
}

}  // namespace
}  // namespace vinculo::testing
