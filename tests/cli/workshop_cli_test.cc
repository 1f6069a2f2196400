// `vinculo workshops calendar` as an operator runs it, on both engines: a
// facility's sessions between two dates as JSON or a table, and the exit codes
// of bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/exit_codes.h"
#include "service/workshop_service.h"
#include "support/workshop_world.h"

namespace vinculo::testing {
namespace {

struct CalendarRun {
  int exit_code = -1;
  std::string out;  // stdout only
};

CalendarRun Vinculo(const std::string& arguments) {
  const std::string command = std::string(VINCULO_BINARY) + " " + arguments + " 2>/dev/null";
  CalendarRun run;
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

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char letter : text) quoted += letter == '\'' ? std::string("'\\''") : std::string(1, letter);
  return quoted + "'";
}

class WorkshopCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    fixture_ = AddWorkshopWorld(*world_);
    WorkshopService workshops(world_->context);
    CohortRequest request;
    request.course_id = fixture_.short_course;
    request.facility_id = world_->facility_a;
    request.group_kind = "women";
    request.facilitator_user_id = fixture_.facilitator;
    request.space_id = fixture_.chapel_a;
    request.start_date = "2026-11-20";  // 11-20, 12-05, 12-20, 2027-01-04
    auto cohort = workshops.CreateCohort(world_->actor("social_worker_a"), request);
    ASSERT_TRUE(cohort.ok()) << cohort.status().ToString();
    ASSERT_TRUE(world_->audit->Flush().ok());
    db_ = "--db " + Quote(world_->database->target());
  }

  std::unique_ptr<World> world_;
  WorkshopFixture fixture_;
  std::string db_;
};

TEST_F(WorkshopCliTest, TheCalendarListsAFacilitysSessionsBetweenTwoDatesAsJson) {
  CalendarRun run =
      Vinculo("workshops calendar " + db_ + " --facility " + std::to_string(world_->facility_a) +
              " --from 2026-12-01 --to 2027-01-31 --json");
  ASSERT_EQ(run.exit_code, kExitOk) << run.out;
  const nlohmann::json sessions = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(sessions.is_array()) << run.out;
  ASSERT_EQ(sessions.size(), 3u);
  EXPECT_EQ(sessions[0]["session_date"], "2026-12-05");
  EXPECT_EQ(sessions[2]["session_date"], "2027-01-04");
  EXPECT_EQ(sessions[0]["topic_es"], "Tema 2");
  EXPECT_EQ(sessions[0]["start_time"], "09:00");
  EXPECT_EQ(sessions[0]["group_kind"], "women");

  CalendarRun other =
      Vinculo("workshops calendar " + db_ + " --facility " + std::to_string(world_->facility_b) +
              " --from 2026-12-01 --to 2027-01-31 --json");
  ASSERT_EQ(other.exit_code, kExitOk) << other.out;
  EXPECT_EQ(nlohmann::json::parse(other.out, nullptr, false), nlohmann::json::array());

  CalendarRun table =
      Vinculo("workshops calendar " + db_ + " --facility " + std::to_string(world_->facility_a) +
              " --from 2026-11-01 --to 2026-11-30");
  ASSERT_EQ(table.exit_code, kExitOk) << table.out;
  EXPECT_NE(table.out.find("2026-11-20  09:00-11:00"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("1 workshop sessions."), std::string::npos) << table.out;
}

TEST_F(WorkshopCliTest, BadDatesAndMissingOptionsHaveTheirExitCodes) {
  const std::string facility = " --facility " + std::to_string(world_->facility_a);
  EXPECT_EQ(Vinculo("workshops calendar " + db_ + facility + " --from 2026-02-30 --to 2026-12-31")
                .exit_code,
            kExitInvalidInput);
  EXPECT_EQ(Vinculo("workshops calendar " + db_ + facility + " --from 2026-12-31 --to 2026-12-01")
                .exit_code,
            kExitInvalidInput);
  EXPECT_EQ(Vinculo("workshops calendar " + db_ + " --from 2026-12-01 --to 2026-12-31").exit_code,
            kExitUsage);
}

}  // namespace
}  // namespace vinculo::testing
