// A space hosts a workshop or a visiting session, never both, through the API
// on both engines: a cohort whose session would fall on a visiting session of
// a month not yet listed is refused (problem+json naming start_date, nothing
// stored); a dry-run move reports the visiting session; a template on a space
// a workshop session holds is refused naming space_id; other times are fine.
// The clock is fixed at 2026-11-23 (a Monday).
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "support/workshop_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class WorkshopVisitClashApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    fixture_ = AddWorkshopWorld(*world_);
    ASSERT_GT(fixture_.default_course, 0);
  }

  std::string Templates() {
    return "/api/v1/facilities/" + std::to_string(world_->facility_a) + "/session-templates";
  }

  json Saturdays(const std::string& start, const std::string& end) {
    return {{"space_id", fixture_.patio_a}, {"pattern", "weekly"},  {"weekday", 6},
            {"valid_from", "2026-11-23"},   {"start_time", start},  {"end_time", end},
            {"capacity_families", 4},       {"capacity_people", 12}};
  }

  // The default course every 15 days from Monday 2026-11-30: its sixth
  // session falls on Saturday 2027-02-13.
  json Cohort(const std::string& start, const std::string& end) {
    return {{"course_id", fixture_.default_course},
            {"facility_id", world_->facility_a},
            {"group_kind", "women"},
            {"facilitator_user_id", fixture_.facilitator},
            {"space_id", fixture_.patio_a},
            {"start_date", "2026-11-30"},
            {"start_time", start},
            {"end_time", end}};
  }

  size_t CohortCount() {
    HttpAnswer cohorts = Get("/api/v1/workshops/cohorts", "coordinator_a");
    EXPECT_EQ(cohorts.status, 200) << cohorts.raw;
    return cohorts.body["items"].size();
  }

  WorkshopFixture fixture_;
};

TEST_F(WorkshopVisitClashApiTest, WorkshopsAndVisitingSessionsNeverShareTheSpace) {
  HttpAnswer visits = Post(Templates(), "visits_officer_a", Saturdays("10:00", "12:00"));
  ASSERT_EQ(visits.status, 201) << visits.raw;

  const size_t cohorts = CohortCount();
  HttpAnswer refused =
      Post("/api/v1/workshops/cohorts", "social_worker_a", Cohort("09:00", "11:00"));
  EXPECT_EQ(refused.status, 409) << refused.raw;
  EXPECT_EQ(refused.content_type, "application/problem+json");
  EXPECT_EQ(refused.body["field"], "start_date");
  EXPECT_NE(refused.body["detail"].get<std::string>().find("2027-02-13"), std::string::npos)
      << refused.raw;
  EXPECT_NE(refused.body["detail"].get<std::string>().find("visit_session"), std::string::npos)
      << refused.raw;
  EXPECT_EQ(CohortCount(), cohorts);

  HttpAnswer created =
      Post("/api/v1/workshops/cohorts", "social_worker_a", Cohort("14:00", "16:00"));
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(CohortCount(), cohorts + 1);
  const long long session = created.body["sessions"][0]["id"];
  const std::string move = "/api/v1/workshops/sessions/" + std::to_string(session) + "/move";

  // Onto Saturday 2027-03-06 at 11:00, a month nobody has listed yet.
  HttpAnswer preview = Post(move + "?dry_run=true", "social_worker_a",
                            {{"session_date", "2027-03-06"}, {"start_time", "11:00"}});
  ASSERT_EQ(preview.status, 200) << preview.raw;
  EXPECT_FALSE(preview.body["saved"]);
  ASSERT_EQ(preview.body["clashes"].size(), 1u) << preview.raw;
  EXPECT_EQ(preview.body["clashes"][0]["kind"], "space");
  EXPECT_EQ(preview.body["clashes"][0]["other_source"], "visit_session");
  HttpAnswer march = Get(
      "/api/v1/facilities/" + std::to_string(world_->facility_a) + "/visit-sessions?month=2027-03",
      "visits_officer_a");
  ASSERT_EQ(march.status, 200) << march.raw;
  long long visit_session = 0;
  for (const json& item : march.body["items"]) {
    if (item["date"] == "2027-03-06" && item["space_id"] == fixture_.patio_a) {
      visit_session = item["id"];
    }
  }
  ASSERT_GT(visit_session, 0) << march.raw;
  EXPECT_EQ(preview.body["clashes"][0]["other_id"], visit_session);
  HttpAnswer still = Get("/api/v1/workshops/cohorts/" + created.body["id"].dump(), "coordinator_a");
  EXPECT_EQ(still.body["sessions"][0]["session_date"], "2026-11-30");
  HttpAnswer free =
      Post(move, "social_worker_a", {{"session_date", "2027-03-06"}, {"start_time", "12:00"}});
  ASSERT_EQ(free.status, 200) << free.raw;
  EXPECT_TRUE(free.body["saved"]);

  // The cohort's Saturday 2027-02-13, 14:00-16:00, holds the patio.
  HttpAnswer listed = Get(Templates(), "visits_officer_a");
  const size_t templates = listed.body["items"].size();
  HttpAnswer taken = Post(Templates(), "visits_officer_a", Saturdays("13:00", "15:00"));
  EXPECT_EQ(taken.status, 409) << taken.raw;
  EXPECT_EQ(taken.content_type, "application/problem+json");
  EXPECT_EQ(taken.body["field"], "space_id");
  EXPECT_NE(taken.body["detail"].get<std::string>().find("2027-02-13 from 14:00 to 16:00"),
            std::string::npos)
      << taken.raw;
  EXPECT_EQ(Get(Templates(), "visits_officer_a").body["items"].size(), templates);
  EXPECT_EQ(Post(Templates(), "visits_officer_a", Saturdays("16:00", "18:00")).status, 201);
}

}  // namespace
}  // namespace vinculo::testing
