// `vinculo plan` as an operator runs it, on both engines: the demo village's
// plan for next month is a stored draft with visits, trips and the first-come
// baseline beside it; bad input exits with the named codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/exit_codes.h"
#include "common/date.h"
#include "support/test_database.h"

namespace vinculo::testing {
namespace {

struct PlanRun {
  int exit_code = -1;
  std::string out;
};

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

PlanRun RunVinculo(const std::string& arguments) {
  const std::string command = std::string(VINCULO_BINARY) + " " + arguments + " 2>&1";
  PlanRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer;
  size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    run.out.append(buffer.data(), read);
  }
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

TEST(VisitsCliTest, PlanBuildsTheDemoVillagesNextMonth) {
  auto database = TestDatabase::Create(1);
  ASSERT_NE(database, nullptr);
  database->Close();
  const std::string db = "--db " + Quote(database->target());
  ASSERT_EQ(RunVinculo("init " + db + " --demo").exit_code, 0);
  const Date today = UtcDate(std::chrono::system_clock::now());
  const std::string month = FormatDate(AddMonths(Date{today.year, today.month, 1}, 1)).substr(0, 7);

  PlanRun run = RunVinculo("plan " + db + " --org 1 --month " + month + " --json --time-limit 10");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const nlohmann::json plan = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(plan.is_object()) << run.out;
  EXPECT_EQ(plan["status"], "draft");
  EXPECT_EQ(plan["month"], month);
  EXPECT_FALSE(plan["visits"].empty());
  EXPECT_FALSE(plan["trips"].empty());
  EXPECT_LE(plan["trips"].size(), plan["baseline"]["trips"].get<size_t>());
  EXPECT_GE(plan["bound"].get<double>() + 1e-6, plan["coverage"].get<double>());

  PlanRun table = RunVinculo("plan " + db + " --org 1 --month " + month);
  EXPECT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("first-come baseline"), std::string::npos) << table.out;
  EXPECT_EQ(RunVinculo("plan " + db + " --org 1 --month 2026-13").exit_code, kExitInvalidInput);
  EXPECT_EQ(RunVinculo("plan " + db + " --org 999 --month " + month).exit_code, kExitNotFound);
  EXPECT_EQ(RunVinculo("plan " + db + " --month " + month).exit_code, kExitUsage);
}

}  // namespace
}  // namespace vinculo::testing
