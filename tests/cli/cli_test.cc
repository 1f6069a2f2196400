// The `vinculo` binary as an operator runs it: help, init, users, CSV import
// and export with their exit codes, and serve answering on a loopback port.
// Each test runs once per engine against a fresh database.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/exit_codes.h"
#include "support/test_database.h"

namespace vinculo::testing {
namespace {

struct CommandRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

CommandRun Vinculo(const std::string& arguments, const std::string& input = "") {
  std::string command = std::string(VINCULO_BINARY) + " " + arguments + " 2>&1";
  std::string input_path;
  if (!input.empty()) {
    input_path =
        std::filesystem::temp_directory_path() / ("vinculo_stdin_" + std::to_string(getpid()));
    std::ofstream(input_path) << input;
    command += " < " + input_path;
  }
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer;
  size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.out.append(buffer.data(), read);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (!input_path.empty()) std::filesystem::remove(input_path);
  return run;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = TestDatabase::Create(1);
    ASSERT_NE(database_, nullptr);
    database_->Close();
    db_ = "--db " + Quote(database_->target());
  }
  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path =
        (std::filesystem::temp_directory_path() / (std::to_string(getpid()) + "_" + name)).string();
    std::ofstream(path, std::ios::binary) << text;
    files_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const std::string& path : files_) std::filesystem::remove(path);
  }
  std::unique_ptr<TestDatabase> database_;
  std::string db_;
  std::vector<std::string> files_;
};

TEST_F(CliTest, HelpListsEverySubcommand) {
  CommandRun help = Vinculo("--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* command : {"serve", "init", "migrate", "user", "import", "export", "ageouts"}) {
    EXPECT_NE(help.out.find(command), std::string::npos) << command;
  }
  CommandRun user_help = Vinculo("user add --help");
  EXPECT_EQ(user_help.exit_code, 0);
  EXPECT_NE(user_help.out.find("--password-stdin"), std::string::npos);
  EXPECT_EQ(Vinculo("frobnicate").exit_code, kExitUsage);
  EXPECT_EQ(Vinculo("serve --port notanumber").exit_code, kExitUsage);
}

TEST_F(CliTest, InitLoadsTheRuleSetAndUsersCanBeAdded) {
  CommandRun init = Vinculo("init " + db_);
  ASSERT_EQ(init.exit_code, 0) << init.out;
  EXPECT_NE(init.out.find("co-residence rules"), std::string::npos) << init.out;
  CommandRun again = Vinculo("init " + db_);
  EXPECT_EQ(again.exit_code, 0) << again.out;

  CommandRun no_stdin = Vinculo("user add " + db_ + " --username ana --role auditor");
  EXPECT_EQ(no_stdin.exit_code, kExitInvalidInput) << no_stdin.out;
  CommandRun added = Vinculo("user add " + db_ + " --username ana --role auditor --password-stdin",
                             "una-clave-bastante-larga\n");
  EXPECT_EQ(added.exit_code, 0) << added.out;
  CommandRun taken = Vinculo("user add " + db_ + " --username ana --role auditor --password-stdin",
                             "una-clave-bastante-larga\n");
  EXPECT_EQ(taken.exit_code, kExitConflict) << taken.out;
  CommandRun bad_role =
      Vinculo("user add " + db_ + " --username eva --role warden --password-stdin",
              "una-clave-bastante-larga\n");
  EXPECT_EQ(bad_role.exit_code, kExitInvalidInput) << bad_role.out;
  EXPECT_NE(bad_role.out.find("role"), std::string::npos);
}

// Issue 13: "nobody can change her own password", from the command line too:
// `vinculo password` reads the current password and the new one from stdin;
// a wrong current one or a guessable new one is refused with the field named
// and a non-zero exit, and the old password no longer works afterwards.
TEST_F(CliTest, Issue13_AUserChangesHerOwnPasswordFromTheCommandLine) {
  ASSERT_EQ(Vinculo("init " + db_).exit_code, 0);
  ASSERT_EQ(Vinculo("user add " + db_ + " --username ana --role auditor --password-stdin",
                    "una-clave-bastante-larga\n")
                .exit_code,
            0);
  const std::string change = "password " + db_ + " --username ana";
  CommandRun wrong = Vinculo(change, "otra-cosa-distinta\nGirasol-Tranvia-2031\n");
  EXPECT_EQ(wrong.exit_code, kExitInvalidInput) << wrong.out;
  EXPECT_NE(wrong.out.find("current_password"), std::string::npos) << wrong.out;
  CommandRun guessable = Vinculo(change, "una-clave-bastante-larga\n1234567890\n");
  EXPECT_EQ(guessable.exit_code, kExitInvalidInput) << guessable.out;
  EXPECT_NE(guessable.out.find("password"), std::string::npos) << guessable.out;
  CommandRun changed = Vinculo(change, "una-clave-bastante-larga\nGirasol-Tranvia-2031\n");
  EXPECT_EQ(changed.exit_code, 0) << changed.out;
  EXPECT_NE(changed.out.find("Changed the password of ana"), std::string::npos) << changed.out;
  EXPECT_EQ(Vinculo(change, "una-clave-bastante-larga\nOtra-Clave-Segura-98\n").exit_code,
            kExitInvalidInput)
      << "the old password still works";
  EXPECT_EQ(Vinculo(change, "Girasol-Tranvia-2031\nOtra-Clave-Segura-98\n").exit_code, 0);
}

TEST_F(CliTest, CsvImportIsAllOrNothingAndRoundTripsAccents) {
  ASSERT_EQ(Vinculo("init " + db_).exit_code, 0);
  const std::string organisations = WriteFile(
      "organisations.csv",
      "name,kind\r\n\"Aldea Ñawpa, \"\"Sur\"\" (demo)\",care_organisation\r\nCasa Ángeles,ngo\r\n");
  CommandRun imported = Vinculo("import " + db_ + " --kind organisations --file " + organisations);
  ASSERT_EQ(imported.exit_code, 0) << imported.out;

  const std::string broken =
      WriteFile("children.csv",
                "given_names,family_names,date_of_birth,sex,placement,organisation_id\n"
                "Ñusta,Quispe,2020-01-01,female,relatives,1\n"
                "José,Núñez,2019-05-05,male,relatives,1\n"
                "Killa,Mamani,2025-02-30,female,relatives,1\n");
  CommandRun refused = Vinculo("import " + db_ + " --kind children --file " + broken);
  EXPECT_EQ(refused.exit_code, kExitInvalidInput) << refused.out;
  EXPECT_NE(refused.out.find("line 4"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("date_of_birth"), std::string::npos) << refused.out;
  CommandRun none = Vinculo("export " + db_ + " --kind children");
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out.find("\r\n") + 2, none.out.size()) << "only the header: " << none.out;

  CommandRun exported = Vinculo("export " + db_ + " --kind organisations");
  ASSERT_EQ(exported.exit_code, 0);
  EXPECT_NE(exported.out.find("\"Aldea Ñawpa, \"\"Sur\"\" (demo)\""), std::string::npos)
      << exported.out;
  EXPECT_NE(exported.out.find("Casa Ángeles"), std::string::npos);
  EXPECT_EQ(Vinculo("import " + db_ + " --kind dragons --file " + broken).exit_code,
            kExitInvalidInput);
  EXPECT_EQ(Vinculo("import " + db_ + " --kind children --file /nonexistent.csv").exit_code,
            kExitNotFound);
}

TEST_F(CliTest, ServeRefusesAnUninitialisedDatabaseAndServesAnInitialisedOne) {
  const std::string empty_db = (std::filesystem::temp_directory_path() /
                                ("vinculo_empty_" + std::to_string(getpid()) + ".db"))
                                   .string();
  CommandRun refused = Vinculo("serve --db " + empty_db + " --port 0");
  EXPECT_EQ(refused.exit_code, kExitNotFound) << refused.out;
  EXPECT_NE(refused.out.find("vinculo init"), std::string::npos);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(empty_db + suffix);
  CommandRun unreachable =
      Vinculo("serve --db 'host=127.0.0.1 port=1 dbname=nothing connect_timeout=2' --port 0");
  EXPECT_EQ(unreachable.exit_code, kExitUnavailable) << unreachable.out;
}

TEST_F(CliTest, AgeOutsListsTheDemoNurseryAsJsonSortedByDaysRemaining) {
  std::string init;  // the demo as `vinculo init --demo` makes it, made once and copied
  auto demo = TestDatabase::CreateWithDemo(VINCULO_BINARY, init);
  ASSERT_NE(demo, nullptr);
  const std::string db = "--db " + Quote(demo->target());
  CommandRun run = Vinculo("ageouts " + db + " --json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const nlohmann::json rows = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(rows.is_array()) << run.out;
  // The demo's Mexican nursery holds 20 children.
  ASSERT_EQ(rows.size(), 20u);
  long long previous = std::numeric_limits<long long>::min();
  int approved_plans = 0;
  for (const nlohmann::json& row : rows) {
    for (const char* field : {"child_id", "pseudonym", "name", "facility_id", "facility",
                              "date_of_birth", "age_out_date", "days_remaining", "rule",
                              "alert_level", "transition_plan", "needs_plan"}) {
      EXPECT_TRUE(row.contains(field)) << field;
    }
    // The demo's one transition plan is approved, for the nursery's oldest child.
    approved_plans += row["transition_plan"] == "approved";
    EXPECT_EQ(row["rule"]["max_age_months"], 36);  // Mexico's limit
    EXPECT_GE(row["days_remaining"].get<long long>(), previous);
    previous = row["days_remaining"].get<long long>();
  }
  EXPECT_EQ(approved_plans, 1);

  CommandRun soon = Vinculo("ageouts " + db + " --json --within 200 --as-of 2030-01-01");
  ASSERT_EQ(soon.exit_code, 0) << soon.out;
  for (const nlohmann::json& row : nlohmann::json::parse(soon.out)) {
    EXPECT_LE(row["days_remaining"].get<long long>(), 200);
  }
  CommandRun table = Vinculo("ageouts " + db);
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("20 children living inside."), std::string::npos) << table.out;
  EXPECT_EQ(Vinculo("ageouts " + db + " --as-of 2026-02-30").exit_code, kExitInvalidInput);
  EXPECT_EQ(Vinculo("ageouts " + db + " --within -1").exit_code, kExitUsage);
}

}  // namespace
}  // namespace vinculo::testing
