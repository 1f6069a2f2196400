// The nursery API end to end on both engines: the age-out board with its
// scoping, extensions, pregnancies and the forecast, with problem+json errors
// that name the field. The clock is fixed at 2026-11-23.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "support/nursery_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class NurseryApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    children_ = AddNursery(*world_);
    ASSERT_GT(children_.calm_b, 0);
  }
  NurseryChildren children_;
};

std::vector<long long> ChildIds(const json& items) {
  std::vector<long long> ids;
  for (const json& item : items) ids.push_back(item["child_id"].get<long long>());
  return ids;
}

TEST_F(NurseryApiTest, TheBoardOfANurseryOfficerIsHerFacilitySortedWithAlertLevels) {
  HttpAnswer answer = Get("/api/v1/nursery/ageouts", "nursery_officer_a");
  ASSERT_EQ(answer.status, 200) << answer.raw;
  const json& items = answer.body["items"];
  EXPECT_EQ(ChildIds(items), (std::vector<long long>{children_.overdue_a, children_.critical_a,
                                                     children_.notice_a}));
  EXPECT_EQ(items[0]["alert_level"], "overdue");
  EXPECT_EQ(items[0]["days_remaining"], -22);
  EXPECT_EQ(items[0]["age_out_date"], "2026-11-01");
  EXPECT_EQ(items[0]["name"], "Killa Quispe Huamán");
  EXPECT_EQ(items[0]["rule"]["basis"], "jurisdiction_rule");
  EXPECT_EQ(items[0]["rule"]["max_age_months"], 36);
  EXPECT_EQ(items[1]["alert_level"], "critical");
  EXPECT_EQ(items[2]["alert_level"], "notice");

  HttpAnswer other = Get("/api/v1/nursery/ageouts", "nursery_officer_b");
  ASSERT_EQ(other.status, 200) << other.raw;
  EXPECT_EQ(ChildIds(other.body["items"]), (std::vector<long long>{children_.calm_b}));

  HttpAnswer within =
      Get("/api/v1/nursery/ageouts?within_days=10&as_of=2026-11-23", "nursery_officer_a");
  ASSERT_EQ(within.status, 200) << within.raw;
  EXPECT_EQ(ChildIds(within.body["items"]),
            (std::vector<long long>{children_.overdue_a, children_.critical_a}));
}

TEST_F(NurseryApiTest, AnAuditorGetsFiguresButNotTheBoardOfChildren) {
  HttpAnswer board = Get("/api/v1/nursery/ageouts", "auditor");
  EXPECT_EQ(board.status, 403) << board.raw;
  EXPECT_EQ(board.raw.find("NNA-"), std::string::npos);
  HttpAnswer forecast = Get("/api/v1/nursery/forecast?from=2026-12&months=3", "auditor");
  ASSERT_EQ(forecast.status, 200) << forecast.raw;
  EXPECT_EQ(forecast.raw.find("NNA-"), std::string::npos);
  EXPECT_EQ(forecast.raw.find("Quispe"), std::string::npos);
}

TEST_F(NurseryApiTest, BadBoardParametersAreProblemsNamingTheField) {
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"within_days=-3", "within_days"},
                                                        {"as_of=2026-02-30", "as_of"},
                                                        {"facility_id=abc", "facility_id"},
                                                        {"colour=red", "colour"}}) {
    HttpAnswer answer = Get("/api/v1/nursery/ageouts?" + query, "nursery_officer_a");
    EXPECT_EQ(answer.status, 422) << query << " " << answer.raw;
    EXPECT_EQ(answer.content_type, "application/problem+json");
    EXPECT_EQ(answer.body.value("field", ""), field) << query;
  }
}

TEST_F(NurseryApiTest, AnExtensionWithoutReasonIsRefusedThenOneIsApproved) {
  const std::string path =
      "/api/v1/children/" + std::to_string(children_.overdue_a) + "/extensions";
  HttpAnswer refused = Post(path, "nursery_officer_a", {{"new_age_out_date", "2027-11-01"}});
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.body["field"], "reason");
  EXPECT_EQ(Get("/api/v1/nursery/ageouts", "nursery_officer_a").body["items"][0]["child_id"],
            children_.overdue_a);

  HttpAnswer hidden = Post(path, "nursery_officer_b",
                           {{"reason", "tratamiento"}, {"new_age_out_date", "2027-11-01"}});
  EXPECT_EQ(hidden.status, 404) << hidden.raw;
  HttpAnswer caregiver =
      Post(path, "caregiver_a", {{"reason", "tratamiento"}, {"new_age_out_date", "2027-11-01"}});
  EXPECT_EQ(caregiver.status, 403) << caregiver.raw;

  HttpAnswer requested = Post(path, "nursery_officer_a",
                              {{"reason", "tratamiento"}, {"new_age_out_date", "2027-11-01"}});
  ASSERT_EQ(requested.status, 201) << requested.raw;
  EXPECT_EQ(requested.body["status"], "requested");
  const std::string decision =
      "/api/v1/extensions/" + std::to_string(requested.body["id"].get<long long>()) + "/decision";
  EXPECT_EQ(Post(decision, "nursery_officer_a", {{"decision", "maybe"}}).body["field"], "decision");
  EXPECT_EQ(Post(decision, "nursery_officer_a", {{"decision", "refused"}}).body["field"], "note");
  HttpAnswer approved = Post(decision, "social_worker_a", {{"decision", "approved"}});
  // The social worker of organisation A does not see a child with no organisation.
  EXPECT_EQ(approved.status, 404) << approved.raw;
  approved = Post(decision, "nursery_officer_a", {{"decision", "approved"}});
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_EQ(approved.body["status"], "approved");
  EXPECT_EQ(Post(decision, "nursery_officer_a", {{"decision", "approved"}}).status, 409);

  const json items = Get("/api/v1/nursery/ageouts", "nursery_officer_a").body["items"];
  EXPECT_EQ(items.back()["child_id"], children_.overdue_a);
  EXPECT_EQ(items.back()["rule"]["basis"], "extension");
  EXPECT_EQ(items.back()["age_out_date"], "2027-11-01");
}

TEST_F(NurseryApiTest, PregnanciesAndTheForecast) {
  HttpAnswer past = Post("/api/v1/pregnancies", "nursery_officer_b",
                         {{"parent_id", children_.mother_b}, {"due_date", "2026-10-01"}});
  EXPECT_EQ(past.status, 422) << past.raw;
  EXPECT_EQ(past.body["field"], "due_date");
  HttpAnswer registered = Post("/api/v1/pregnancies", "nursery_officer_b",
                               {{"parent_id", children_.mother_b}, {"due_date", "2027-02-10"}});
  ASSERT_EQ(registered.status, 201) << registered.raw;
  EXPECT_EQ(registered.body["status"], "expected");

  HttpAnswer forecast = Get("/api/v1/nursery/forecast?from=2026-12&months=4", "nursery_officer_b");
  ASSERT_EQ(forecast.status, 200) << forecast.raw;
  const json& items = forecast.body["items"];
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0]["month"], "2026-12");
  EXPECT_EQ(items[0]["cribs"], 1);
  EXPECT_EQ(items[2]["expected_births"], 1);
  EXPECT_EQ(items[3]["children"], 2);
  EXPECT_EQ(items[3]["cribs"], 1);
  EXPECT_EQ(items[3]["beds"], 1);

  EXPECT_EQ(Get("/api/v1/nursery/forecast?from=2026-13", "nursery_officer_b").body["field"],
            "from");
  EXPECT_EQ(Get("/api/v1/nursery/forecast?months=99", "nursery_officer_b").body["field"], "months");
  EXPECT_EQ(Get("/api/v1/nursery/forecast?facility_id=" + std::to_string(world_->facility_a),
                "nursery_officer_b")
                .status,
            404);
}

TEST_F(NurseryApiTest, AnAdmissionIsRecordedAndBadDatesNameTheField) {
  const std::string path = "/api/v1/children/" + std::to_string(children_.notice_a) + "/admission";
  HttpAnswer future = Post(path, "nursery_officer_a", {{"admitted_on", "2027-01-01"}});
  EXPECT_EQ(future.status, 422) << future.raw;
  EXPECT_EQ(future.body["field"], "admitted_on");
  HttpAnswer missing = Post(path, "nursery_officer_a", {{"review_date", "2027-01-01"}});
  EXPECT_EQ(missing.body["field"], "admitted_on");
  HttpAnswer unknown = Post(path, "nursery_officer_a", {{"admitted_on", "2024-06-01"}, {"x", 1}});
  EXPECT_EQ(unknown.body["field"], "x");
  EXPECT_EQ(Post(path, "nursery_officer_b", {{"admitted_on", "2024-06-01"}}).status, 404);
  HttpAnswer recorded = Post(path, "nursery_officer_a",
                             {{"admitted_on", "2024-06-01"}, {"review_date", "2026-12-15"}});
  ASSERT_EQ(recorded.status, 200) << recorded.raw;
  EXPECT_EQ(recorded.body["admitted_on"], "2024-06-01");
  EXPECT_EQ(recorded.body["review_date"], "2026-12-15");
}

}  // namespace
}  // namespace vinculo::testing
