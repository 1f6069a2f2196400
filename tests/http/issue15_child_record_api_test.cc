// Issue 15, on both engines: a child's own record (GET /children/{id})
// carries her age-out date and the rule behind it while she lives inside, the
// same as the nursery board's; null for a child who does not live inside;
// and a child's health schedule starts from her registration: a 7-year-old
// registered today shows nothing overdue, unless earlier history is entered
// for an entry. The nursery world; the clock is 2026-11-23T12:00:00Z.
#include <gtest/gtest.h>

#include <map>

#include "api_fixture.h"
#include "support/nursery_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class ChildRecordApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    children_ = AddNursery(*world_);
    ASSERT_GT(children_.calm_b, 0);
  }
  static std::string ChildPath(long long child_id, const std::string& rest = "") {
    return "/api/v1/children/" + std::to_string(child_id) + rest;
  }
  // A 7-year-old registered today, living with relatives.
  long long SevenYearOld() {
    HttpAnswer created = Post("/api/v1/children", "coordinator_a",
                              {{"given_names", "Killa"},
                               {"family_names", "Sintética Quispe"},
                               {"date_of_birth", "2019-10-02"},
                               {"sex", "female"},
                               {"placement", "relatives"},
                               {"home_address", "Jr. Sintético 45, Ayacucho"}});
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.body.value("id", 0LL);
  }
  // status -> how many items of the child's health plan.
  std::map<std::string, int> HealthCounts(long long child_id) {
    HttpAnswer plan = Get(ChildPath(child_id, "/health"), "social_worker_a");
    EXPECT_EQ(plan.status, 200) << plan.raw;
    std::map<std::string, int> counts;
    for (const json& item : plan.body["items"]) ++counts[item["status"].get<std::string>()];
    return counts;
  }

  NurseryChildren children_;
};

TEST_F(ChildRecordApiTest, Issue15_AChildInsideCarriesTheBoardsAgeOutDateAndRule) {
  HttpAnswer board = Get("/api/v1/nursery/ageouts", "nursery_officer_a");
  ASSERT_EQ(board.status, 200) << board.raw;
  ASSERT_FALSE(board.body["items"].empty());
  for (const json& row : board.body["items"]) {
    SCOPED_TRACE(row.dump());
    HttpAnswer child = Get(ChildPath(row["child_id"]), "nursery_officer_a");
    ASSERT_EQ(child.status, 200) << child.raw;
    EXPECT_EQ(child.body["age_out_date"], row["age_out_date"]);
    if (row["rule"].is_null()) {
      EXPECT_TRUE(child.body["age_out_basis"].is_null());
      EXPECT_FALSE(child.body["age_out_problem"].is_null());
      continue;
    }
    EXPECT_FALSE(child.body["age_out_date"].is_null());
    EXPECT_EQ(child.body["age_out_basis"], row["rule"]["basis"]);
    EXPECT_EQ(child.body["age_out_rule_id"], row["rule"]["rule_id"]);
    EXPECT_EQ(child.body["age_out_max_age_months"], row["rule"]["max_age_months"]);
    EXPECT_EQ(child.body["age_out_source"], row["rule"]["source"]);
    EXPECT_TRUE(child.body["age_out_problem"].is_null());
  }
  // The overdue child's date has passed: the record says so too.
  HttpAnswer overdue = Get(ChildPath(children_.overdue_a), "nursery_officer_a");
  ASSERT_EQ(overdue.status, 200) << overdue.raw;
  ASSERT_TRUE(overdue.body["age_out_date"].is_string()) << overdue.raw;
  EXPECT_LT(overdue.body["age_out_date"].get<std::string>(), "2026-11-23");
  // Out of scope is still 404; a child outside has no age-out.
  EXPECT_EQ(Get(ChildPath(children_.overdue_a), "nursery_officer_b").status, 404);
  HttpAnswer outside = Get(ChildPath(SevenYearOld()), "coordinator_a");
  ASSERT_EQ(outside.status, 200) << outside.raw;
  for (const char* name :
       {"age_out_date", "age_out_basis", "age_out_rule_id", "age_out_source", "age_out_problem"}) {
    EXPECT_TRUE(outside.body.contains(name)) << name;
    EXPECT_TRUE(outside.body[name].is_null()) << name;
  }
}

TEST_F(ChildRecordApiTest, Issue15_ASevenYearOldRegisteredTodayHasNothingOverdue) {
  const long long child = SevenYearOld();
  std::map<std::string, int> counts = HealthCounts(child);
  EXPECT_EQ(counts["overdue"], 0);
  EXPECT_EQ(counts["due"], 0);
  EXPECT_GE(counts["before_registration"], 25);
}

TEST_F(ChildRecordApiTest, Issue15_EnteredHistoryCountsForItsEntries) {
  const long long child = SevenYearOld();
  HttpAnswer schedule = Get("/api/v1/nursery/health-schedule", "social_worker_a");
  ASSERT_EQ(schedule.status, 200) << schedule.raw;
  long long two_months = 0;
  long long twelve_months = 0;
  for (const json& entry : schedule.body["items"]) {
    if (entry["name"] == "Paediatric check-up, 2 months") two_months = entry["id"];
    if (entry["name"] == "Paediatric check-up, 12 months") twelve_months = entry["id"];
  }
  ASSERT_GT(two_months, 0);
  ASSERT_GT(twelve_months, 0);
  const std::string appointments = ChildPath(child, "/appointments");
  // Done at two months; the 12-month check-up entered as missed (no done_on).
  ASSERT_EQ(Post(appointments, "social_worker_a",
                 {{"schedule_id", two_months}, {"done_on", "2019-12-05"}})
                .status,
            201);
  ASSERT_EQ(Post(appointments, "social_worker_a", {{"schedule_id", twelve_months}}).status, 201);
  std::map<std::string, int> counts = HealthCounts(child);
  EXPECT_EQ(counts["done"], 1);
  EXPECT_EQ(counts["overdue"], 1);
  const std::map<std::string, int> fresh = HealthCounts(SevenYearOld());
  EXPECT_EQ(counts["before_registration"], fresh.at("before_registration") - 2);
}

}  // namespace
}  // namespace vinculo::testing
