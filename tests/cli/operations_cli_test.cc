// Issue 18: `vinculo serve` as an operator runs it, the real binary on a
// loopback port: SIGTERM drains the request in flight, flushes the audit log
// and exits 0; a busy port is refused; logs and the access log go to
// standard error and name routes, not people; /metrics answers Prometheus
// from loopback or with its token. Each test runs once per engine.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#include "cli/exit_codes.h"
#include "common/csv.h"
#include "support/spreadsheet_reader.h"
#include "support/test_database.h"

namespace vinculo::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string ReadAll(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Runs a shell command to its end; stdout and stderr together.
std::pair<int, std::string> RunToEnd(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return {-1, out};
  std::array<char, 4096> buffer;
  size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), read);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// One `vinculo serve` process with its standard output and error in files.
class ServerProcess {
 public:
  ServerProcess(const std::string& arguments, const std::string& environment = "") {
    const std::string stem =
        (std::filesystem::temp_directory_path() /
         ("vinculo_ops_" + std::to_string(getpid()) + "_" + std::to_string(counter_++)))
            .string();
    stdout_path_ = stem + ".out";
    stderr_path_ = stem + ".err";
    const std::string command = environment + " exec " + std::string(VINCULO_BINARY) + " serve " +
                                arguments + " >" + stdout_path_ + " 2>" + stderr_path_;
    pid_ = fork();
    if (pid_ == 0) {
      execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~ServerProcess() {
    if (pid_ > 0 && !exit_status_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove(stdout_path_);
    std::filesystem::remove(stderr_path_);
  }

  // The port from the banner, once the server listens; 0 if it exited or
  // took longer than 30 s.
  int WaitForPort() {
    const std::regex banner(R"(serving on http://[^:]+:(\d+)/)");
    const auto deadline = steady_clock::now() + std::chrono::seconds(30);
    while (steady_clock::now() < deadline) {
      std::smatch match;
      const std::string out = ReadAll(stdout_path_);
      if (std::regex_search(out, match, banner)) return std::stoi(match[1]);
      if (WaitForExit(milliseconds(50))) return 0;
    }
    return 0;
  }

  // The exit code once the process ended within `timeout`, -1 if a signal
  // ended it; nullopt while it still runs.
  std::optional<int> WaitForExit(milliseconds timeout) {
    const auto deadline = steady_clock::now() + timeout;
    while (!exit_status_) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        break;
      }
      if (steady_clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(milliseconds(10));
    }
    return exit_status_;
  }

  void Signal(int signal) { kill(pid_, signal); }
  std::string Stdout() const { return ReadAll(stdout_path_); }
  std::string Stderr() const { return ReadAll(stderr_path_); }

 private:
  static inline int counter_ = 0;
  pid_t pid_ = -1;
  std::optional<int> exit_status_;
  std::string stdout_path_;
  std::string stderr_path_;
};

class OperationsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The demo as `vinculo init --demo` makes it, made once and copied.
    std::string out;
    database_ = TestDatabase::CreateWithDemo(VINCULO_BINARY, out);
    ASSERT_NE(database_, nullptr);
    db_ = "--db " + Quote(database_->target());
    std::smatch match;
    ASSERT_TRUE(std::regex_search(out, match, std::regex(R"(Sign in as: (\S+) / (\S+))"))) << out;
    username_ = match[1];
    password_ = match[2];
  }

  std::string SignIn(int port) {
    httplib::Client client("127.0.0.1", port);
    nlohmann::json body = {{"username", username_}, {"password", password_}};
    auto answer = client.Post("/api/v1/auth/login", body.dump(), "application/json");
    if (!answer || answer->status != 200) return {};
    return nlohmann::json::parse(answer->body)["token"];
  }

  std::unique_ptr<TestDatabase> database_;
  std::string db_;
  std::string username_;
  std::string password_;
};

// A TCP connection to the server, written and read by hand so that a request
// can be left half sent.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    socket_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(socket_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    timeval timeout{10, 0};
    setsockopt(socket_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }
  ~RawConnection() { close(socket_); }
  bool connected() const { return connected_; }
  void Send(const std::string& text) { send(socket_, text.data(), text.size(), MSG_NOSIGNAL); }
  std::string ReceiveUntilClosed() {
    std::string text;
    std::array<char, 4096> buffer;
    ssize_t count = 0;
    while ((count = recv(socket_, buffer.data(), buffer.size(), 0)) > 0)
      text.append(buffer.data(), count);
    return text;
  }

 private:
  int socket_ = -1;
  bool connected_ = false;
};

TEST_F(OperationsCliTest, Issue18_SigtermFinishesTheRequestInFlightFlushesTheAuditAndExitsZero) {
  ServerProcess server(db_ + " --port 0 --threads 4");
  const int port = server.WaitForPort();
  ASSERT_GT(port, 0) << server.Stderr();
  const std::string token = SignIn(port);
  ASSERT_FALSE(token.empty());

  // A read of a child: its audit line is queued for the background writer.
  httplib::Client client("127.0.0.1", port);
  auto child = client.Get("/api/v1/children/1", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(child);
  ASSERT_EQ(child->status, 200) << child->body;

  // A request in flight: headers and half the body sent when SIGTERM comes.
  RawConnection in_flight(port);
  ASSERT_TRUE(in_flight.connected());
  const std::string body = nlohmann::json{{"username", username_}, {"password", password_}}.dump();
  in_flight.Send(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, body.size() / 2));
  std::this_thread::sleep_for(milliseconds(300));
  server.Signal(SIGTERM);
  std::this_thread::sleep_for(milliseconds(300));
  // No new connections once the signal came...
  EXPECT_FALSE(RawConnection(port).connected());
  EXPECT_FALSE(server.WaitForExit(milliseconds(0))) << "exited with a request in flight";
  // ...but the one in flight is answered.
  in_flight.Send(body.substr(body.size() / 2));
  const std::string answer = in_flight.ReceiveUntilClosed();
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;

  const auto exit_code = server.WaitForExit(milliseconds(10000));
  ASSERT_TRUE(exit_code) << "still running 10 s after SIGTERM";
  EXPECT_EQ(*exit_code, kExitOk) << server.Stderr();
  EXPECT_NE(server.Stderr().find("SIGTERM received"), std::string::npos) << server.Stderr();

  ASSERT_TRUE(database_->Reopen(1).ok());
  std::vector<AuditEvent> trail;
  ASSERT_TRUE(database_->store()
                  .Read([&](Txn& txn) {
                    auto read = txn.AuditTrail("children", 1, 100);
                    if (!read.ok()) return read.status();
                    trail = *read;
                    return Status::Ok();
                  })
                  .ok());
  bool read_audited = false;
  for (const AuditEvent& event : trail) read_audited |= event.action == "read";
  EXPECT_TRUE(read_audited) << "the read of child 1 was not in the audit log after SIGTERM";
}

TEST_F(OperationsCliTest, Issue18_SigintStopsAnIdleServerWithExitZero) {
  ServerProcess server(db_ + " --port 0");
  ASSERT_GT(server.WaitForPort(), 0) << server.Stderr();
  server.Signal(SIGINT);
  const auto exit_code = server.WaitForExit(milliseconds(10000));
  ASSERT_TRUE(exit_code);
  EXPECT_EQ(*exit_code, kExitOk) << server.Stderr();
}

TEST_F(OperationsCliTest, Issue18_ASecondServerOnABusyPortIsRefused) {
  ServerProcess first(db_ + " --port 0");
  const int port = first.WaitForPort();
  ASSERT_GT(port, 0) << first.Stderr();
  ServerProcess second(db_ + " --port " + std::to_string(port));
  const auto exit_code = second.WaitForExit(milliseconds(20000));
  ASSERT_TRUE(exit_code) << "a second server started on busy port " << port;
  EXPECT_EQ(*exit_code, kExitUnavailable) << second.Stderr();
  EXPECT_NE(second.Stderr().find("cannot listen on 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << second.Stderr();
  // The first one still serves.
  httplib::Client client("127.0.0.1", port);
  auto health = client.Get("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(OperationsCliTest, Issue18_LogsGoToStderrAndTheAccessLogNamesRoutesNotPeople) {
  ServerProcess server(db_ + " --port 0");
  const int port = server.WaitForPort();
  ASSERT_GT(port, 0) << server.Stderr();
  const std::string token = SignIn(port);
  httplib::Client client("127.0.0.1", port);
  auto found = client.Get("/api/v1/children?q=%C3%81ngela", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(found);
  auto child = client.Get("/api/v1/children/3", {{"Authorization", "Bearer " + token},
                                                 {"Accept-Encoding", "identity"}});
  ASSERT_TRUE(child);
  auto missing = client.Get("/api/v1/children/999999", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(missing);
  server.Signal(SIGTERM);
  ASSERT_TRUE(server.WaitForExit(milliseconds(10000)));

  const std::string out = server.Stdout();
  const std::string err = server.Stderr();
  // Standard output holds the banner only.
  EXPECT_EQ(out.find("access"), std::string::npos) << out;
  EXPECT_EQ(out.find(" info "), std::string::npos) << out;
  EXPECT_NE(err.find(" info access method=POST route=/api/v1/auth/login status=200 duration_ms="),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("access method=GET route=/api/v1/children status=200"), std::string::npos)
      << err;
  EXPECT_NE(err.find("access method=GET route=/api/v1/children/{id} status=200"), std::string::npos)
      << err;
  // The bytes sent, also for a reply sent with its length (http/reply_body.h).
  EXPECT_NE(err.find(" bytes=" + std::to_string(child->body.size()) + "\n"), std::string::npos)
      << err;
  EXPECT_NE(err.find("access method=GET route=/api/v1/children/{id} status=404"), std::string::npos)
      << err;
  // No searched name, no query string, no address, no token.
  for (const std::string& personal :
       {std::string("ngela"), std::string("q="), std::string("127.0.0.1"), token, username_}) {
    EXPECT_EQ(err.find(personal), std::string::npos) << personal << " in\n" << err;
  }

  // --log-level warn silences info lines, the access log with them.
  ServerProcess quiet(db_ + " --port 0 --log-level warn");
  const int quiet_port = quiet.WaitForPort();
  ASSERT_GT(quiet_port, 0);
  httplib::Client(std::string("127.0.0.1"), quiet_port).Get("/api/v1/health");
  quiet.Signal(SIGTERM);
  ASSERT_TRUE(quiet.WaitForExit(milliseconds(10000)));
  EXPECT_EQ(quiet.Stderr().find("access"), std::string::npos) << quiet.Stderr();
}

TEST_F(OperationsCliTest, Issue18_MetricsAnswerLoopbackOrTheTokenInPrometheusText) {
  {
    ServerProcess server(db_ + " --port 0");
    const int port = server.WaitForPort();
    ASSERT_GT(port, 0) << server.Stderr();
    httplib::Client client("127.0.0.1", port);
    ASSERT_TRUE(client.Get("/api/v1/health"));
    ASSERT_TRUE(client.Get("/api/v1/children/1"));  // 401: no session
    auto metrics = client.Get("/metrics");
    ASSERT_TRUE(metrics);
    ASSERT_EQ(metrics->status, 200) << metrics->body;
    EXPECT_EQ(metrics->get_header_value("Content-Type"), "text/plain; version=0.0.4");
    const std::string& text = metrics->body;
    for (const char* line :
         {"vinculo_http_requests_total{method=\"GET\",route=\"/api/v1/health\",status=\"200\"} 1\n",
          "vinculo_http_requests_total{method=\"GET\",route=\"/api/v1/children/{id}\","
          "status=\"401\"} 1\n",
          "# TYPE vinculo_http_request_duration_seconds histogram\n",
          "vinculo_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/health\","
          "le=\"+Inf\"} 1\n",
          "vinculo_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/health\"} "
          "1\n",
          "vinculo_http_server_errors_total 0\n", "vinculo_audit_queue_events ",
          "vinculo_db_pool_in_use 0\n"}) {
      EXPECT_NE(text.find(line), std::string::npos) << line << "\nnot in\n" << text;
    }
    EXPECT_TRUE(std::regex_search(text, std::regex(R"(vinculo_db_pool_connections [1-9]\d*\n)")))
        << text;
    // Through a reverse proxy on this machine the client is not loopback.
    auto proxied = client.Get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}});
    ASSERT_TRUE(proxied);
    EXPECT_EQ(proxied->status, 404);
    server.Signal(SIGTERM);
    ASSERT_TRUE(server.WaitForExit(milliseconds(10000)));
  }
  ServerProcess server(db_ + " --port 0", "VINCULO_METRICS_TOKEN=s3cr3t-metrics-token");
  const int port = server.WaitForPort();
  ASSERT_GT(port, 0) << server.Stderr();
  httplib::Client client("127.0.0.1", port);
  auto without = client.Get("/metrics");
  ASSERT_TRUE(without);
  EXPECT_EQ(without->status, 404);
  auto wrong = client.Get("/metrics", {{"Authorization", "Bearer s3cr3t-metrics-tokem"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 404);
  auto with = client.Get("/metrics", {{"Authorization", "Bearer s3cr3t-metrics-token"}});
  ASSERT_TRUE(with);
  EXPECT_EQ(with->status, 200);
  EXPECT_NE(with->body.find("vinculo_http_requests_total"), std::string::npos);
}

// Reads a feed with python3-icalendar (Debian's, not our writer) and returns
// "<UTC start> <TZID>" per event, one a line.
std::string EventsInUtc(const std::string& feed) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("vinculo_feed_" + std::to_string(getpid()) + ".ics"))
                               .string();
  std::ofstream(path, std::ios::binary) << feed;
  const std::string script =
      "import sys, datetime, icalendar\n"
      "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
      "for ev in cal.walk('VEVENT'):\n"
      "    start = ev.decoded('DTSTART')\n"
      "    assert start.tzinfo is not None, 'floating time'\n"
      "    print(start.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ'),\n"
      "          ev['DTSTART'].params.get('TZID'))\n";
  auto [code, out] = RunToEnd("/usr/bin/python3 -c " + Quote(script) + " " + path);
  std::filesystem::remove(path);
  return code == 0 ? out : "python3-icalendar failed: " + out;
}

TEST_F(OperationsCliTest, Issue18_FeedsCarryEachFacilitysZoneAtTheRightInstants) {
  ServerProcess server(db_ + " --port 0");
  const int port = server.WaitForPort();
  ASSERT_GT(port, 0) << server.Stderr();
  const httplib::Headers auth = {{"Authorization", "Bearer " + SignIn(port)}};
  httplib::Client client("127.0.0.1", port);
  auto facilities = client.Get("/api/v1/facilities?limit=50", auth);
  ASSERT_TRUE(facilities);
  long long oaxaca = 0;
  long long peru = 0;
  const nlohmann::json listed = nlohmann::json::parse(facilities->body);
  for (const auto& facility : listed["items"]) {
    const std::string name = facility["name"];
    if (name.find("Oaxaca") != std::string::npos && facility["kind"] == "prison") {
      oaxaca = facility["id"];
    } else if (!peru && name.find("Oaxaca") == std::string::npos) {
      peru = facility["id"];
    }
  }
  ASSERT_GT(oaxaca, 0) << facilities->body;
  // Saturday visits at the Oaxaca prison, 09:00 to 11:00 local time.
  const nlohmann::json timetable = {{"pattern", "weekly"},        {"weekday", 6},
                                    {"valid_from", "2020-01-01"}, {"start_time", "09:00"},
                                    {"end_time", "11:00"},        {"capacity_families", 10},
                                    {"capacity_people", 40}};
  auto created = client.Post("/api/v1/facilities/" + std::to_string(oaxaca) + "/session-templates",
                             auth, timetable.dump(), "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;

  // Oaxaca keeps Mexico City's time, UTC-6 all year since 2022: 09:00 is 15:00 UTC.
  auto feed = client.Get("/api/v1/facilities/" + std::to_string(oaxaca) + "/visit-calendar", auth);
  ASSERT_TRUE(feed);
  ASSERT_EQ(feed->status, 200) << feed->body;
  EXPECT_NE(feed->body.find("BEGIN:VTIMEZONE\r\nTZID:America/Mexico_City\r\n"), std::string::npos)
      << feed->body.substr(0, 600);
  std::string events = EventsInUtc(feed->body);
  std::istringstream oaxaca_lines(events);
  int sessions = 0;
  for (std::string line; std::getline(oaxaca_lines, line);) {
    ++sessions;
    EXPECT_NE(line.find("T15:00Z America/Mexico_City"), std::string::npos) << line;
  }
  EXPECT_GT(sessions, 0) << events;

  // A Peruvian facility's sessions, in Lima's time, UTC-5: 09:00 is 14:00 UTC.
  ASSERT_GT(peru, 0);
  auto peru_timetable = timetable;
  auto created_peru =
      client.Post("/api/v1/facilities/" + std::to_string(peru) + "/session-templates", auth,
                  peru_timetable.dump(), "application/json");
  ASSERT_TRUE(created_peru);
  auto peru_feed =
      client.Get("/api/v1/facilities/" + std::to_string(peru) + "/visit-calendar", auth);
  ASSERT_TRUE(peru_feed);
  ASSERT_EQ(peru_feed->status, 200) << peru_feed->body;
  events = EventsInUtc(peru_feed->body);
  std::istringstream peru_lines(events);
  sessions = 0;
  for (std::string line; std::getline(peru_lines, line);) {
    if (line.find("T14:00Z America/Lima") != std::string::npos) ++sessions;
    EXPECT_NE(line.find("America/Lima"), std::string::npos) << line;
  }
  EXPECT_GT(sessions, 0) << events;

  // The facilitator's workshop feed comes from the same writer: zoned times, never floating.
  auto cohorts = client.Get("/api/v1/workshops/cohorts", auth);
  ASSERT_TRUE(cohorts);
  std::smatch facilitator;
  ASSERT_TRUE(std::regex_search(cohorts->body, facilitator,
                                std::regex(R"re("facilitator_user_id":(\d+))re")))
      << cohorts->body.substr(0, 400);
  auto workshops =
      client.Get("/api/v1/workshops/facilitators/" + facilitator[1].str() + "/calendar.ics", auth);
  ASSERT_TRUE(workshops);
  ASSERT_EQ(workshops->status, 200) << workshops->body;
  events = EventsInUtc(workshops->body);
  EXPECT_EQ(events.find("failed"), std::string::npos) << events;
  EXPECT_NE(events.find(" America/"), std::string::npos) << events;
}

// Where two snapshots first differ, for a readable failure.
std::string FirstDifference(const std::string& a, const std::string& b) {
  size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  const size_t from = at > 200 ? at - 200 : 0;
  return "at byte " + std::to_string(at) + ":\n<<<" + a.substr(from, 400) + "\n===\n" +
         b.substr(from, 400) + ">>>";
}

// Every row of every table, table by table in a stable order, read with the
// engine's own client (sqlite3, psql): shares no code with the backup.
std::string EveryRecord(const std::string& target) {
  const bool postgres = TestEngineName() == "postgres";
  const std::string client = postgres ? "psql -X -q -A -t -d " + Quote(target) + " -c"
                                      : "sqlite3 -readonly " + Quote(target);
  auto [code, tables] = RunToEnd(
      client + " " +
      Quote(postgres ? "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                       "current_schema() ORDER BY 1"
                     : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"));
  if (code != 0) return "cannot list tables: " + tables;
  std::string all;
  std::istringstream names(tables);
  for (std::string table; std::getline(names, table);) {
    if (table.empty() || table.rfind("sqlite_", 0) == 0) continue;
    auto [table_code, rows] =
        RunToEnd(client + " " +
                 Quote("SELECT * FROM " + table + " AS r ORDER BY " +
                       (postgres ? std::string("r::text") : std::string("rowid"))));
    all += "== " + table + " (" + std::to_string(table_code) + ")\n" + rows;
  }
  return all;
}

TEST_F(OperationsCliTest, Issue18_BackupWhileServingRestoresEveryRecordAndRefusesBadFiles) {
  const std::string backup_path = (std::filesystem::temp_directory_path() /
                                   ("vinculo_backup_" + std::to_string(getpid()) + ".bak"))
                                      .string();
  std::string before;
  {
    ServerProcess server(db_ + " --port 0");
    const int port = server.WaitForPort();
    ASSERT_GT(port, 0) << server.Stderr();
    const httplib::Headers auth = {{"Authorization", "Bearer " + SignIn(port)}};
    httplib::Client client("127.0.0.1", port);
    ASSERT_TRUE(client.Get("/api/v1/children?limit=50", auth));
    std::this_thread::sleep_for(milliseconds(600));  // the audit writer's batch lands
    auto [code, out] =
        RunToEnd(std::string(VINCULO_BINARY) + " backup " + db_ + " --out " + Quote(backup_path));
    ASSERT_EQ(code, 0) << out;
    EXPECT_NE(out.find("Backed up"), std::string::npos) << out;
    // Still serving after the copy.
    auto health = client.Get("/api/v1/health");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    server.Signal(SIGTERM);
    ASSERT_TRUE(server.WaitForExit(milliseconds(10000)));
  }
  before = EveryRecord(database_->target());
  ASSERT_NE(before.find("== children (0)"), std::string::npos) << before.substr(0, 2000);

  // A change after the backup, then the restore: the change is gone, every
  // record is as it was.
  auto [added_code, added] =
      RunToEnd("printf 'una-clave-bastante-larga\\n' | " + std::string(VINCULO_BINARY) +
               " user add " + db_ + " --username despues --role auditor --password-stdin");
  ASSERT_EQ(added_code, 0) << added;
  ASSERT_NE(EveryRecord(database_->target()), before);
  auto [restored_code, restored] =
      RunToEnd(std::string(VINCULO_BINARY) + " restore " + db_ + " --file " + Quote(backup_path));
  ASSERT_EQ(restored_code, 0) << restored;
  {
    const std::string after = EveryRecord(database_->target());
    EXPECT_TRUE(after == before) << FirstDifference(after, before);
  }

  if (TestEngineName() == "sqlite") {
    // A truncated file and one from a newer schema are refused; nothing changes.
    const std::string truncated = backup_path + ".half";
    const std::string newer = backup_path + ".newer";
    std::filesystem::copy_file(backup_path, truncated);
    std::filesystem::resize_file(truncated, std::filesystem::file_size(backup_path) / 2);
    std::filesystem::copy_file(backup_path, newer);
    ASSERT_EQ(RunToEnd("sqlite3 " + Quote(newer) +
                       " \"INSERT INTO schema_migrations VALUES (999, 'from the future', 'x')\"")
                  .first,
              0);
    auto [half_code, half] =
        RunToEnd(std::string(VINCULO_BINARY) + " restore " + db_ + " --file " + Quote(truncated));
    EXPECT_EQ(half_code, kExitInvalidInput) << half;
    EXPECT_NE(half.find("truncated"), std::string::npos) << half;
    auto [newer_code, newer_out] =
        RunToEnd(std::string(VINCULO_BINARY) + " restore " + db_ + " --file " + Quote(newer));
    EXPECT_EQ(newer_code, kExitConflict) << newer_out;
    EXPECT_NE(newer_out.find("newer"), std::string::npos) << newer_out;
    {
      const std::string after = EveryRecord(database_->target());
      EXPECT_TRUE(after == before) << FirstDifference(after, before);
    }
    std::filesystem::remove(truncated);
    std::filesystem::remove(newer);
  }
  std::filesystem::remove(backup_path);
}

TEST_F(OperationsCliTest, Issue18_ExportsForSpreadsheetsCarryABomAndDecimalCommas) {
  const std::string binary = std::string(VINCULO_BINARY) + " export " + db_ + " --kind facilities";
  auto [code, csv] = RunToEnd(binary + " --bom --separator semicolon");
  ASSERT_EQ(code, 0) << csv;
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF") << csv;
  std::istringstream lines(csv.substr(3));
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header.rfind("id;name;", 0), 0u) << header;
  // The latitude column of every facility holds a decimal comma, never a point.
  std::vector<std::string> columns;
  std::stringstream header_cells(header);
  for (std::string cell; std::getline(header_cells, cell, ';');) columns.push_back(cell);
  const auto latitude = std::find(columns.begin(), columns.end(), "latitude") - columns.begin();
  ASSERT_LT(static_cast<size_t>(latitude), columns.size()) << header;
  int rows = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find('"') != std::string::npos) continue;  // a quoted cell may hold ';'
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ';');) cells.push_back(cell);
    ASSERT_GT(cells.size(), static_cast<size_t>(latitude)) << line;
    if (cells[latitude].empty()) continue;
    ++rows;
    EXPECT_NE(cells[latitude].find(','), std::string::npos) << line;
    EXPECT_EQ(cells[latitude].find('.'), std::string::npos) << line;
  }
  EXPECT_GT(rows, 0) << csv;

  // The default stays RFC 4180 (what import reads), and a bad separator is refused.
  auto [plain_code, plain] = RunToEnd(binary);
  ASSERT_EQ(plain_code, 0);
  EXPECT_EQ(plain.rfind("id,name,", 0), 0u) << plain.substr(0, 80);
  auto [bad_code, bad] = RunToEnd(binary + " --separator tab");
  EXPECT_EQ(bad_code, kExitInvalidInput) << bad;
  EXPECT_NE(bad.find("separator"), std::string::npos) << bad;
}

// The read events of child 1 now in the audit log.
size_t ReadsOfChildOne(TestDatabase& database) {
  size_t reads = 0;
  if (!database.Reopen(1).ok()) return 0;
  Status status = database.store().Read([&](Txn& txn) {
    auto trail = txn.AuditTrail("children", 1, 1000);
    if (!trail.ok()) return trail.status();
    for (const AuditEvent& event : *trail) reads += event.action == "read" ? 1 : 0;
    return Status::Ok();
  });
  database.Close();
  return status.ok() ? reads : 0;
}

// An audit journal's path in the temporary folder; its slots and their locks
// are removed with it, however the test ends.
struct TempJournal {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("vinculo_journal_" + std::to_string(getpid()) + "_" +
                       std::to_string(steady_clock::now().time_since_epoch().count())))
                         .string();
  ~TempJournal() {
    for (const std::string& slot : {path, path + ".1"}) {
      std::filesystem::remove(slot);
      std::filesystem::remove(slot + ".lock");
    }
  }
};

// Issue 13: a read that was answered is in the audit log even when the server
// is killed before its batch is written: it was journaled before the answer,
// and the next server to start writes it.
TEST_F(OperationsCliTest, Issue13_AnAnsweredReadSurvivesASigkillOfTheServer) {
  const TempJournal journal;
  // Reads stay queued ten minutes: when the kill comes only the journal has them.
  const std::string arguments =
      db_ + " --port 0 --threads 4 --audit-batch-ms 600000 --audit-journal " + Quote(journal.path);
  const size_t before = ReadsOfChildOne(*database_);
  {
    ServerProcess server(arguments);
    const int port = server.WaitForPort();
    ASSERT_GT(port, 0) << server.Stderr();
    const std::string token = SignIn(port);
    httplib::Client client("127.0.0.1", port);
    auto child = client.Get("/api/v1/children/1", {{"Authorization", "Bearer " + token}});
    ASSERT_TRUE(child);
    ASSERT_EQ(child->status, 200) << child->body;
    server.Signal(SIGKILL);
    ASSERT_TRUE(server.WaitForExit(milliseconds(10000)));
  }
  EXPECT_EQ(ReadsOfChildOne(*database_), before) << "the batch was written before the kill";
  {
    ServerProcess next(arguments);
    ASSERT_GT(next.WaitForPort(), 0) << next.Stderr();
    EXPECT_NE(next.Stderr().find("1 read events of a server that stopped"), std::string::npos)
        << next.Stderr();
    next.Signal(SIGTERM);
    ASSERT_TRUE(next.WaitForExit(milliseconds(10000)));
  }
  EXPECT_EQ(ReadsOfChildOne(*database_), before + 1);
}

// Two servers journal side by side (one slot each); when one is killed, the
// next server to start takes its slot and writes what it left, while the
// other keeps serving.
TEST_F(OperationsCliTest, Issue13_AKilledServersJournalIsTakenOverBesideARunningOne) {
  const TempJournal journal;
  const std::string arguments =
      db_ + " --port 0 --threads 4 --audit-batch-ms 600000 --audit-journal " + Quote(journal.path);
  const size_t before = ReadsOfChildOne(*database_);
  ServerProcess first(arguments);
  ASSERT_GT(first.WaitForPort(), 0) << first.Stderr();
  {
    ServerProcess second(arguments);
    const int port = second.WaitForPort();
    ASSERT_GT(port, 0) << second.Stderr();
    EXPECT_TRUE(std::filesystem::exists(journal.path + ".1"))
        << "the second server took no slot of its own";
    const std::string token = SignIn(port);
    httplib::Client client("127.0.0.1", port);
    for (int read = 0; read < 3; ++read) {
      auto child = client.Get("/api/v1/children/1", {{"Authorization", "Bearer " + token}});
      ASSERT_TRUE(child);
      ASSERT_EQ(child->status, 200) << child->body;
    }
    second.Signal(SIGKILL);
    ASSERT_TRUE(second.WaitForExit(milliseconds(10000)));
  }
  {
    ServerProcess third(arguments);
    ASSERT_GT(third.WaitForPort(), 0) << third.Stderr();
    EXPECT_NE(third.Stderr().find("3 read events of a server that stopped"), std::string::npos)
        << third.Stderr();
    EXPECT_EQ(ReadsOfChildOne(*database_), before + 3);
    third.Signal(SIGTERM);
    ASSERT_TRUE(third.WaitForExit(milliseconds(10000)));
  }
  first.Signal(SIGTERM);
  ASSERT_TRUE(first.WaitForExit(milliseconds(10000)));
}

// --- Issue 18: the monthly programme report, read by other people's software ---

// The demo's village and last month (the demo has three months of visits
// made before today).
struct ReportTarget {
  long long village = 0;
  long long other_organisation = 0;
  std::string last_month;
  std::string next_month;
};

ReportTarget DemoReportTarget(TestDatabase& database) {
  ReportTarget target;
  if (!database.Reopen(1).ok()) return target;
  Status status = database.store().Read([&](Txn& txn) -> Status {
    ListQuery query;
    query.limit = 50;
    auto organisations = txn.List(OrganisationKind(), query, Actor::System());
    if (!organisations.ok()) return organisations.status();
    for (const Record& organisation : organisations->items) {
      if (organisation.Text("kind") == "care_organisation")
        target.village = organisation.id;
      else
        target.other_organisation = organisation.id;
    }
    return Status::Ok();
  });
  database.Close();
  const Date today = UtcDate(std::chrono::system_clock::now());
  const Date first{today.year, today.month, 1};
  target.last_month = FormatDate(AddMonths(first, -1)).substr(0, 7);
  target.next_month = FormatDate(AddMonths(first, 1)).substr(0, 7);
  return status.ok() ? target : ReportTarget{};
}

// A file in the temporary folder, removed however the test ends.
struct TempFile {
  explicit TempFile(const std::string& suffix)
      : path((std::filesystem::temp_directory_path() /
              ("vinculo_report_" + std::to_string(getpid()) + "_" + std::to_string(counter++) +
               suffix))
                 .string()) {}
  ~TempFile() { std::filesystem::remove(path); }
  static inline int counter = 0;
  std::string path;
};

// pdftotext's reading of a PDF, lines joined by spaces.
std::string PdfText(const std::string& path) {
  // poppler warns on standard error about libharu's ToUnicode maps; only the text counts.
  std::string text = RunToEnd("(pdftotext -enc UTF-8 " + Quote(path) + " - 2>/dev/null)").second;
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

TEST_F(OperationsCliTest, Issue18_TheMonthlyReportPdfReadsInPopplerWithAccentsAndEmbeddedFonts) {
  const ReportTarget target = DemoReportTarget(*database_);
  ASSERT_GT(target.village, 0);
  const std::string report = std::string(VINCULO_BINARY) + " report " + db_ + " --org " +
                             std::to_string(target.village) + " --month " + target.last_month;
  TempFile spanish(".pdf");
  auto [code, out] = RunToEnd(report + " --format pdf --out " + Quote(spanish.path));
  ASSERT_EQ(code, 0) << out;
  ASSERT_EQ(ReadAll(spanish.path).substr(0, 5), "%PDF-");
  const std::string text = PdfText(spanish.path);
  for (const char* expected :
       {"Informe mensual del programa", "Aldea Infantil Sintética Ayacucho (demo)",
        "Visitas por niña o niño", "Ánimo antes de la visita (1-5)", "Ánimo después de la visita",
        "Niñas y niños en contacto mensual con cada madre o padre", "Kilómetros por visita",
        "Visitas realizadas por mes", "Definiciones"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find('?'), std::string::npos) << text;
  // The definitions page speaks the report's language too.
  EXPECT_NE(text.find("visitas de los planes publicados del mes"), std::string::npos) << text;
  EXPECT_EQ(text.find("visits of the month's published plans"), std::string::npos) << text;
  // No child's name or pseudonym: only counts.
  EXPECT_EQ(text.find("NNA-"), std::string::npos) << text;
  // Every font DejaVu, every one embedded.
  const std::string fonts = RunToEnd("pdffonts " + Quote(spanish.path)).second;
  std::istringstream lines(fonts);
  int dejavu = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("DejaVu") == std::string::npos) continue;
    ++dejavu;
    EXPECT_NE(line.find(" yes "), std::string::npos) << line;
  }
  EXPECT_EQ(dejavu, 2) << fonts;

  TempFile english(".pdf");
  auto [english_code, english_out] =
      RunToEnd(report + " --format pdf --lang en --out " + Quote(english.path));
  ASSERT_EQ(english_code, 0) << english_out;
  const std::string english_text = PdfText(english.path);
  EXPECT_NE(english_text.find("Monthly programme report"), std::string::npos) << english_text;
  EXPECT_NE(english_text.find("Mood before the visit (1-5)"), std::string::npos) << english_text;
  EXPECT_NE(english_text.find("visits of the month's published plans"), std::string::npos)
      << english_text;

  // The first page, as the reader sees it, among the screenshots (SQLite run).
  if (TestEngineName() == "sqlite") {
    const std::string artifacts = std::string(VINCULO_SOURCE_DIR) + "/test-artifacts";
    std::filesystem::create_directories(artifacts);
    auto [png_code, png_out] =
        RunToEnd("pdftoppm -png -r 80 -f 1 -l 1 -singlefile " + Quote(spanish.path) + " " +
                 Quote(artifacts + "/report-monthly-demo"));
    EXPECT_EQ(png_code, 0) << png_out;
    EXPECT_TRUE(std::filesystem::exists(artifacts + "/report-monthly-demo.png"));
  }
}

// The measures of a report's CSV: code -> value (empty when withheld).
std::map<std::string, std::string> MeasureValues(const CsvTable& table) {
  std::map<std::string, std::string> values;
  const int section = CsvColumn(table, "section");
  const int code = CsvColumn(table, "code");
  const int value = CsvColumn(table, "value");
  for (const auto& row : table.rows) {
    if (row[section] == "measure") values[row[code]] = row[value];
  }
  return values;
}

TEST_F(OperationsCliTest, Issue18_TheMonthlyReportCsvAndXlsxReadInASpreadsheetAlike) {
  const ReportTarget target = DemoReportTarget(*database_);
  ASSERT_GT(target.village, 0);
  const std::string report = std::string(VINCULO_BINARY) + " report " + db_ + " --org " +
                             std::to_string(target.village) + " --month " + target.last_month;
  TempFile csv_file(".csv");
  auto [code, out] = RunToEnd(report + " --format csv --out " + Quote(csv_file.path));
  ASSERT_EQ(code, 0) << out;
  const std::string csv = ReadAll(csv_file.path);
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF") << "a byte order mark for Excel";
  auto table = ParseCsv(csv.substr(3));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const auto measures = MeasureValues(*table);
  ASSERT_EQ(measures.size(), 13u);
  // The demo's last month: visits made, scored before and after.
  ASSERT_FALSE(measures.at("visits_per_child").empty()) << csv;
  EXPECT_GT(std::stod(measures.at("visits_per_child")), 0) << csv;
  ASSERT_FALSE(measures.at("mood_after_mean").empty()) << csv;
  EXPECT_GE(std::stod(measures.at("mood_after_mean")), 1);
  EXPECT_LE(std::stod(measures.at("mood_after_mean")), 5);
  EXPECT_NE(csv.find("Visitas por niña o niño"), std::string::npos);

  // The XLSX through LibreOffice's headless conversion (its first sheet, the measures).
  TempFile xlsx(".xlsx");
  auto [xlsx_code, xlsx_out] = RunToEnd(report + " --format xlsx --out " + Quote(xlsx.path));
  ASSERT_EQ(xlsx_code, 0) << xlsx_out;
  std::string lo_out;
  const std::string sheet = XlsxFirstSheetAsCsv(ReadAll(xlsx.path), &lo_out);
  ASSERT_FALSE(sheet.empty()) << lo_out;
  EXPECT_NE(sheet.find("Informe mensual del programa"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("Visitas por niña o niño"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("Ánimo antes de la visita"), std::string::npos) << sheet;
  // The same visits per child as the CSV, to the spreadsheet's two decimals.
  const size_t row = sheet.find("visits_per_child,");
  ASSERT_NE(row, std::string::npos) << sheet;
  std::vector<std::string> cells;
  std::stringstream line(sheet.substr(row, sheet.find('\n', row) - row));
  for (std::string cell; std::getline(line, cell, ',');) cells.push_back(cell);
  ASSERT_GE(cells.size(), 5u) << sheet;
  EXPECT_NEAR(std::stod(cells[4]), std::stod(measures.at("visits_per_child")), 0.006) << sheet;
}

TEST_F(OperationsCliTest, Issue18_BadReportRequestsAreRefusedAndWriteNothing) {
  const ReportTarget target = DemoReportTarget(*database_);
  ASSERT_GT(target.village, 0);
  TempFile out(".pdf");
  std::ofstream(out.path) << "the previous report";
  const std::string report =
      std::string(VINCULO_BINARY) + " report " + db_ + " --out " + Quote(out.path) + " --org ";
  const std::string village = std::to_string(target.village);
  struct Case {
    std::string arguments;
    int exit_code;
    std::string names;
  };
  const std::vector<Case> cases = {
      {village + " --month " + target.next_month + " --format pdf", kExitInvalidInput, "month"},
      {village + " --month 2026-13 --format pdf", kExitInvalidInput, "month"},
      {village + " --month " + target.last_month + " --format docx", kExitInvalidInput, "format"},
      {village + " --month " + target.last_month + " --format pdf --lang fr", kExitInvalidInput,
       "lang"},
      {village + " --month " + target.last_month + " --format pdf --small-cell-threshold 0",
       kExitInvalidInput, "small_cell_threshold"},
      {"999999 --month " + target.last_month + " --format pdf", kExitNotFound, "organisation"},
  };
  for (const Case& bad : cases) {
    auto [code, message] = RunToEnd(report + bad.arguments);
    EXPECT_EQ(code, bad.exit_code) << bad.arguments << "\n" << message;
    EXPECT_NE(message.find(bad.names), std::string::npos) << bad.arguments << "\n" << message;
    EXPECT_EQ(ReadAll(out.path), "the previous report") << bad.arguments;
  }
  // No temporary file left beside --out.
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(out.path).parent_path())) {
    EXPECT_EQ(entry.path().filename().string().rfind(".vinculo-output-", 0), std::string::npos)
        << entry.path();
  }
}

// Issue 18: every list export also as XLSX. The demo's facilities (accents,
// decimals, integers, empty cells) exported both ways: LibreOffice reads from
// the workbook exactly the cells of the CSV. A bad format is exit 65 and leaves
// the previous file as it was.
TEST_F(OperationsCliTest, Issue18_AListExportAsXlsxReadsInLibreOfficeAsTheCsvDoes) {
  const std::string export_command =
      std::string(VINCULO_BINARY) + " export " + db_ + " --kind facilities --output ";
  TempFile csv_file(".csv");
  auto [csv_code, csv_out] = RunToEnd(export_command + Quote(csv_file.path));
  ASSERT_EQ(csv_code, 0) << csv_out;
  TempFile xlsx_file(".xlsx");
  auto [code, out] = RunToEnd(export_command + Quote(xlsx_file.path) + " --format xlsx");
  ASSERT_EQ(code, 0) << out;
  const std::string bytes = ReadAll(xlsx_file.path);
  ASSERT_EQ(bytes.substr(0, 2), "PK") << "an XLSX workbook is a zip archive";

  std::string lo_out;
  const std::string sheet = XlsxFirstSheetAsCsv(bytes, &lo_out);
  ASSERT_FALSE(sheet.empty()) << lo_out;
  auto from_xlsx = ParseCsv(sheet);
  ASSERT_TRUE(from_xlsx.ok()) << from_xlsx.status().ToString() << "\n" << sheet;
  auto from_csv = ParseCsv(ReadAll(csv_file.path));
  ASSERT_TRUE(from_csv.ok()) << from_csv.status().ToString();
  EXPECT_EQ(from_xlsx->header, from_csv->header);
  ASSERT_GE(from_csv->rows.size(), 3u);
  ASSERT_EQ(from_xlsx->rows.size(), from_csv->rows.size()) << sheet;
  for (size_t row = 0; row < from_csv->rows.size(); ++row) {
    EXPECT_EQ(from_xlsx->rows[row], from_csv->rows[row]) << "row " << row;
  }
  EXPECT_NE(sheet.find("Sintético"), std::string::npos) << sheet;

  auto [bad_code, bad_out] = RunToEnd(export_command + Quote(xlsx_file.path) + " --format docx");
  EXPECT_EQ(bad_code, kExitInvalidInput) << bad_out;
  EXPECT_NE(bad_out.find("format"), std::string::npos) << bad_out;
  EXPECT_EQ(ReadAll(xlsx_file.path), bytes) << "the previous export is untouched";
}

TEST_F(OperationsCliTest, Issue18_TheMonthlyReportOverHttpFollowsWhoAsks) {
  const ReportTarget target = DemoReportTarget(*database_);
  ASSERT_GT(target.village, 0);
  ServerProcess server(db_ + " --port 0 --threads 4");
  const int port = server.WaitForPort();
  ASSERT_GT(port, 0) << server.Stderr();
  httplib::Client client("127.0.0.1", port);
  // The village's coordinator, signed in with the demo password.
  nlohmann::json login = {{"username", "coordinadora"}, {"password", password_}};
  auto signed_in = client.Post("/api/v1/auth/login", login.dump(), "application/json");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 200) << signed_in->body;
  const httplib::Headers auth = {
      {"Authorization",
       "Bearer " + nlohmann::json::parse(signed_in->body)["token"].get<std::string>()}};
  const std::string path =
      "/api/v1/organisations/" + std::to_string(target.village) + "/reports/monthly?month=";

  auto pdf = client.Get(path + target.last_month + "&format=pdf", auth);
  ASSERT_TRUE(pdf);
  ASSERT_EQ(pdf->status, 200) << pdf->body;
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_NE(pdf->get_header_value("Content-Disposition").find("informe-" + target.last_month),
            std::string::npos);
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
  auto xlsx = client.Get(path + target.last_month + "&format=xlsx&lang=en", auth);
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK") << "an XLSX is a zip";

  struct Refusal {
    std::string query;
    int status;
    std::string field;
  };
  for (const Refusal& bad :
       std::vector<Refusal>{{target.next_month + "&format=pdf", 422, "month"},
                            {target.last_month + "&format=docx", 422, "format"},
                            {target.last_month + "&format=pdf&small_cell_threshold=0", 422,
                             "small_cell_threshold"}}) {
    auto answer = client.Get(path + bad.query, auth);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, bad.status) << bad.query << " " << answer->body;
    EXPECT_EQ(answer->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_EQ(nlohmann::json::parse(answer->body).value("field", ""), bad.field) << answer->body;
  }
  auto future = client.Get(path + target.next_month + "&format=pdf", auth);
  EXPECT_EQ(nlohmann::json::parse(future->body).value("code", ""), "date_in_future")
      << future->body;
  // Another organisation reads as one that does not exist.
  auto other = client.Get("/api/v1/organisations/" + std::to_string(target.other_organisation) +
                              "/reports/monthly?month=" + target.last_month + "&format=pdf",
                          auth);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404) << other->body;
  auto missing = client.Get(
      "/api/v1/organisations/999999/reports/monthly?month=" + target.last_month + "&format=pdf",
      auth);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  // Both answers say the same thing, but for the id.
  std::string other_detail = nlohmann::json::parse(other->body).value("detail", "");
  const std::string other_id = std::to_string(target.other_organisation);
  ASSERT_NE(other_detail.find(other_id), std::string::npos) << other->body;
  other_detail.replace(other_detail.find(other_id), other_id.size(), "999999");
  EXPECT_EQ(other_detail, nlohmann::json::parse(missing->body).value("detail", ""))
      << missing->body;
  server.Signal(SIGTERM);
  ASSERT_TRUE(server.WaitForExit(milliseconds(10000)));
}

TEST_F(OperationsCliTest,
       Issue18_TheFacilityReportShowsCapacityVisitsAndWorkshopsToThoseWhoActForIt) {
  const ReportTarget target = DemoReportTarget(*database_);
  ASSERT_GT(target.village, 0);
  // The overcrowded Peruvian prison is the demo's first facility (630 places,
  // 2,760 people held).
  TempFile csv_file(".csv");
  auto [code, out] =
      RunToEnd(std::string(VINCULO_BINARY) + " report " + db_ + " --facility 1 --month " +
               target.last_month + " --format csv --out " + Quote(csv_file.path));
  ASSERT_EQ(code, 0) << out;
  auto table = ParseCsv(ReadAll(csv_file.path).substr(3));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  std::map<std::string, std::string> activity;
  for (const auto& row : table->rows) {
    if (row[CsvColumn(*table, "section")] == "activity") {
      activity[row[CsvColumn(*table, "code")]] = row[CsvColumn(*table, "value")];
    }
  }
  EXPECT_EQ(activity["official_capacity"], "630");
  EXPECT_EQ(activity["current_population"], "2760");
  EXPECT_EQ(activity["occupancy_percent"], "438.1");
  ASSERT_FALSE(activity["visits_received"].empty());
  EXPECT_GT(std::stoi(activity["visits_received"]), 0);

  ServerProcess server(db_ + " --port 0 --threads 4");
  const int port = server.WaitForPort();
  ASSERT_GT(port, 0) << server.Stderr();
  httplib::Client client("127.0.0.1", port);
  const auto headers_of = [&](const std::string& username) {
    nlohmann::json login = {{"username", username}, {"password", password_}};
    auto signed_in = client.Post("/api/v1/auth/login", login.dump(), "application/json");
    EXPECT_TRUE(signed_in && signed_in->status == 200) << username;
    return httplib::Headers{
        {"Authorization",
         "Bearer " + nlohmann::json::parse(signed_in->body)["token"].get<std::string>()}};
  };
  const std::string query = "/reports/monthly?month=" + target.last_month + "&format=pdf";
  // The visits officer of the first prison reads hers; the village's
  // coordinator does not act for a prison the authority runs.
  const auto officer = headers_of("visitas");
  auto own = client.Get("/api/v1/facilities/1" + query, officer);
  ASSERT_TRUE(own);
  ASSERT_EQ(own->status, 200) << own->body;
  TempFile pdf(".pdf");
  std::ofstream(pdf.path, std::ios::binary) << own->body;
  const std::string text = PdfText(pdf.path);
  EXPECT_NE(text.find("Informe mensual del establecimiento"), std::string::npos) << text;
  EXPECT_NE(text.find("Establecimiento Penitenciario Sintético de Huamanga"), std::string::npos);
  EXPECT_NE(text.find("Población actual"), std::string::npos) << text;
  auto other = client.Get("/api/v1/facilities/3" + query, officer);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404) << other->body;
  EXPECT_EQ(nlohmann::json::parse(other->body).value("field", ""), "facility_id");
  auto coordinator = client.Get("/api/v1/facilities/1" + query, headers_of("coordinadora"));
  ASSERT_TRUE(coordinator);
  EXPECT_EQ(coordinator->status, 404) << coordinator->body;
  auto caregiver = client.Get("/api/v1/facilities/1" + query, headers_of("cuidadora"));
  ASSERT_TRUE(caregiver);
  EXPECT_EQ(caregiver->status, 403) << caregiver->body;
  server.Signal(SIGTERM);
  ASSERT_TRUE(server.WaitForExit(milliseconds(10000)));
}

TEST_F(OperationsCliTest, Issue18_OpenDataPerJurisdictionWithholdsSmallCellsAndTotals) {
  const ReportTarget target = DemoReportTarget(*database_);
  ASSERT_GT(target.village, 0);
  // The jurisdiction of the demo's first prison (Peru: two prisons).
  long long peru = 0;
  ASSERT_TRUE(database_->Reopen(1).ok());
  ASSERT_TRUE(database_->store()
                  .Read([&](Txn& txn) -> Status {
                    auto facility = txn.Get(FacilityKind(), 1, Actor::System());
                    if (!facility.ok()) return facility.status();
                    peru = facility->Integer("jurisdiction_id").value_or(0);
                    return Status::Ok();
                  })
                  .ok());
  database_->Close();
  ASSERT_GT(peru, 0);
  TempFile out(".csv");
  const std::string report = std::string(VINCULO_BINARY) + " report " + db_ + " --month " +
                             target.last_month + " --out " + Quote(out.path);
  auto [code, message] =
      RunToEnd(report + " --jurisdiction " + std::to_string(peru) + " --format csv");
  ASSERT_EQ(code, 0) << message;
  const std::string csv = ReadAll(out.path);
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  auto table = ParseCsv(csv.substr(3));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 3u) << csv;  // two prisons and the total
  const auto cell = [&](size_t row_idx, const char* column) {
    return table->rows[row_idx][CsvColumn(*table, column)];
  };
  EXPECT_EQ(cell(0, "official_capacity"), "630");
  EXPECT_EQ(cell(2, "facility"), "total");
  EXPECT_EQ(cell(2, "official_capacity"), "870");  // 630 + 240
  EXPECT_EQ(cell(2, "current_population"), "3370");
  EXPECT_EQ(cell(2, "small_cell_threshold"), "5");
  // Every count of people is either withheld (empty) or 0 or at least 5.
  for (size_t row_idx = 0; row_idx < table->rows.size(); ++row_idx) {
    for (const char* column : {"parents_on_record", "children_inside", "visits_received",
                               "visits_missed", "children_visiting", "workshop_places"}) {
      const std::string value = cell(row_idx, column);
      if (value.empty() || value == "0") continue;
      EXPECT_GE(std::stoll(value), 5) << column << " " << csv;
    }
  }
  // Asking for less suppression changes nothing: open data keeps 5.
  TempFile lower(".csv");
  auto [lower_code, lower_message] =
      RunToEnd(std::string(VINCULO_BINARY) + " report " + db_ + " --month " + target.last_month +
               " --out " + Quote(lower.path) + " --jurisdiction " + std::to_string(peru) +
               " --format csv --small-cell-threshold 1");
  ASSERT_EQ(lower_code, 0) << lower_message;
  EXPECT_NE(ReadAll(lower.path).find(",5\r\n"), std::string::npos) << ReadAll(lower.path);
  // The same open data as XLSX: LibreOffice reads the CSV's cells from it.
  TempFile workbook(".xlsx");
  auto [xlsx_code, xlsx_message] = RunToEnd(
      std::string(VINCULO_BINARY) + " report " + db_ + " --month " + target.last_month + " --out " +
      Quote(workbook.path) + " --jurisdiction " + std::to_string(peru) + " --format xlsx");
  ASSERT_EQ(xlsx_code, 0) << xlsx_message;
  std::string lo_out;
  auto from_xlsx = ParseCsv(XlsxFirstSheetAsCsv(ReadAll(workbook.path), &lo_out));
  ASSERT_TRUE(from_xlsx.ok()) << from_xlsx.status().ToString() << lo_out;
  EXPECT_EQ(from_xlsx->header, table->header);
  EXPECT_EQ(from_xlsx->rows, table->rows);
  // Open data is CSV or XLSX, and an unknown jurisdiction is not found; nothing written.
  std::ofstream(out.path) << "before";
  auto [pdf_code, pdf_message] =
      RunToEnd(report + " --jurisdiction " + std::to_string(peru) + " --format pdf");
  EXPECT_EQ(pdf_code, kExitInvalidInput) << pdf_message;
  EXPECT_NE(pdf_message.find("format"), std::string::npos) << pdf_message;
  auto [missing_code, missing_message] = RunToEnd(report + " --jurisdiction 999999 --format csv");
  EXPECT_EQ(missing_code, kExitNotFound) << missing_message;
  EXPECT_EQ(ReadAll(out.path), "before");
}

}  // namespace
}  // namespace vinculo::testing
