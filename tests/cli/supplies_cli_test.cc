// `vinculo needs` as an operator runs it, on both engines: the demo nursery's
// needs as a table and as JSON, and the exit codes of bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/exit_codes.h"
#include "support/test_database.h"

namespace vinculo::testing {
namespace {

struct CommandRun {
  int exit_code = -1;
  std::string out;  // stdout
};

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char letter : text) quoted += letter == '\'' ? std::string("'\\''") : std::string(1, letter);
  return quoted + "'";
}

CommandRun Vinculo(const std::string& arguments) {
  const std::string command = std::string(VINCULO_BINARY) + " " + arguments + " 2>/dev/null";
  CommandRun run;
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

TEST(SupplyCli, NeedsPrintsTheDemoNurseryAndRefusesBadInput) {
  std::string init;  // the demo as `vinculo init --demo` makes it, made once and copied
  auto database = TestDatabase::CreateWithDemo(VINCULO_BINARY, init);
  ASSERT_NE(database, nullptr);
  const std::string db = "--db " + Quote(database->target());

  // The demo creates three facilities; the Mexican nursery is the third.
  CommandRun as_json = Vinculo("needs --facility 3 --as-of 2026-11-23 --json " + db);
  ASSERT_EQ(as_json.exit_code, 0) << as_json.out;
  const nlohmann::json needs = nlohmann::json::parse(as_json.out, nullptr, false);
  ASSERT_TRUE(needs.is_object()) << as_json.out;
  EXPECT_NE(needs["facility"].get<std::string>().find("Oaxaca"), std::string::npos);
  EXPECT_EQ(needs["children_inside"], 20);
  EXPECT_EQ(needs["now"]["date"], "2026-11-23");
  EXPECT_EQ(needs["now"]["items"].size(), 11u);

  CommandRun table = Vinculo("needs --facility 3 " + db);
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("shortfall"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("nappies"), std::string::npos) << table.out;

  EXPECT_EQ(Vinculo("needs --facility 99 " + db).exit_code, kExitNotFound);
  EXPECT_EQ(Vinculo("needs --facility 3 --as-of 2026-02-30 " + db).exit_code, kExitInvalidInput);
  EXPECT_EQ(Vinculo("needs " + db).exit_code, kExitUsage);
}

}  // namespace
}  // namespace vinculo::testing
