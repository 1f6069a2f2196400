// Caregivers see their own trips, over HTTP on both engines: in a published
// plan with one trip of escort 1 and one of escort 2 (same organisation),
// "caregiver_a" (staff 1) sees only hers, "caregiver_a2" (staff 2) only hers,
// a caregiver linked to no staff record an empty plan; another escort's
// calendar is 404. A user cannot be linked to another organisation's staff
// record (422 naming staff_id, nothing stored). The clock is 2026-11-23.
#include <gtest/gtest.h>

#include <set>

#include "api_fixture.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class CaregiverTripsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
  }

  static std::set<long long> Ids(const json& items, const char* key) {
    std::set<long long> ids;
    for (const json& item : items) ids.insert(item[key].get<long long>());
    return ids;
  }

  VisitProgramme programme_;
};

TEST_F(CaregiverTripsApiTest, EachCaregiverSeesHerOwnTripsAndNoOneElses) {
  const std::string org = "/api/v1/organisations/" + std::to_string(world_->organisation_a);
  HttpAnswer plan = Post(org + "/plans", "coordinator_a", {{"month", "2026-12"}});
  ASSERT_EQ(plan.status, 201) << plan.raw;
  const std::string path = "/api/v1/plans/" + std::to_string(plan.body["id"].get<long long>());
  HttpAnswer published = Post(path + "/publish", "coordinator_a", json::object());
  ASSERT_EQ(published.status, 200) << published.raw;
  for (const json& visit : published.body["visits"]) {
    ASSERT_EQ(
        Post("/api/v1/plan-visits/" + std::to_string(visit["id"].get<long long>()) + "/cancel",
             "coordinator_a", {{"reason", "prueba"}})
            .status,
        200);
  }
  HttpAnswer requirements = Get(org + "/visit-requirements", "coordinator_a");
  ASSERT_EQ(requirements.status, 200);
  HttpAnswer sessions = Get(
      "/api/v1/facilities/" + std::to_string(world_->facility_a) + "/visit-sessions?month=2026-12",
      "coordinator_a");
  ASSERT_EQ(sessions.status, 200);
  long long booked[2] = {0, 0};
  const long long escorts[2] = {programme_.escort_1, programme_.escort_2};
  for (int idx = 0; idx < 2; ++idx) {
    HttpAnswer visit = Post(path + "/visits", "coordinator_a",
                            {{"requirement_id", requirements.body["items"][idx]["id"]},
                             {"session_id", sessions.body["items"][idx]["id"]},
                             {"escort_id", escorts[idx]}});
    ASSERT_EQ(visit.status, 201) << visit.raw;
    booked[idx] = visit.body["id"];
  }

  HttpAnswer coordinator = Get(path, "coordinator_a");
  ASSERT_EQ(coordinator.status, 200);
  EXPECT_TRUE(Ids(coordinator.body["visits"], "id").count(booked[0]));
  EXPECT_TRUE(Ids(coordinator.body["visits"], "id").count(booked[1]));

  for (int idx = 0; idx < 2; ++idx) {
    HttpAnswer mine = Get(path, idx == 0 ? "caregiver_a" : "caregiver_a2");
    ASSERT_EQ(mine.status, 200) << mine.raw;
    EXPECT_EQ(Ids(mine.body["trips"], "escort_id"), (std::set<long long>{escorts[idx]}));
    EXPECT_EQ(Ids(mine.body["visits"], "id").count(booked[idx]), 1u);
    EXPECT_EQ(Ids(mine.body["visits"], "id").count(booked[1 - idx]), 0u);
  }
  HttpAnswer nobody = Get(path, "caregiver_a_unlinked");
  ASSERT_EQ(nobody.status, 200) << nobody.raw;
  EXPECT_TRUE(nobody.body["trips"].empty());
  EXPECT_TRUE(nobody.body["visits"].empty());

  const auto calendar = [&](long long escort, const char* user) {
    return Call("GET", "/api/v1/escorts/" + std::to_string(escort) + "/calendar", TokenFor(user))
        .status;
  };
  EXPECT_EQ(calendar(programme_.escort_1, "caregiver_a"), 200);
  EXPECT_EQ(calendar(programme_.escort_2, "caregiver_a"), 404);
  EXPECT_EQ(calendar(programme_.escort_2, "caregiver_a2"), 200);
  EXPECT_EQ(calendar(programme_.escort_1, "caregiver_a_unlinked"), 404);

  HttpAnswer me = Get("/api/v1/auth/me", "caregiver_a");
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body["staff_id"], programme_.staff_1);
}

// The escorts of an organisation with their dates in a month (the web
// planner names each trip's escort from it): the coordinator reads both, a
// caregiver only herself, an unlinked caregiver nobody; another
// organisation's coordinator gets 404, an auditor 403, and a missing or
// malformed month a problem naming "month".
TEST_F(CaregiverTripsApiTest, EscortsOfAMonthForTheCoordinatorAndOnlyHerselfForACaregiver) {
  const std::string path =
      "/api/v1/organisations/" + std::to_string(world_->organisation_a) + "/escorts";
  HttpAnswer all = Get(path + "?month=2026-12", "coordinator_a");
  ASSERT_EQ(all.status, 200) << all.raw;
  EXPECT_EQ(Ids(all.body["items"], "id"),
            (std::set<long long>{programme_.escort_1, programme_.escort_2}));
  EXPECT_EQ(Ids(all.body["items"], "staff_id"),
            (std::set<long long>{programme_.staff_1, programme_.staff_2}));
  for (const json& escort : all.body["items"]) {
    EXPECT_EQ(escort["available_dates"],
              json({"2026-12-05", "2026-12-12", "2026-12-19", "2026-12-26"}));
    EXPECT_EQ(escort["max_children"], 4);
  }
  HttpAnswer other_month = Get(path + "?month=2027-01", "coordinator_a");
  ASSERT_EQ(other_month.status, 200) << other_month.raw;
  ASSERT_EQ(other_month.body["items"].size(), 2u);
  EXPECT_TRUE(other_month.body["items"][0]["available_dates"].empty());

  HttpAnswer mine = Get(path + "?month=2026-12", "caregiver_a");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  EXPECT_EQ(Ids(mine.body["items"], "id"), (std::set<long long>{programme_.escort_1}));
  HttpAnswer nobody = Get(path + "?month=2026-12", "caregiver_a_unlinked");
  ASSERT_EQ(nobody.status, 200) << nobody.raw;
  EXPECT_TRUE(nobody.body["items"].empty());

  EXPECT_EQ(Get(path + "?month=2026-12", "coordinator_b").status, 404);
  EXPECT_EQ(Get(path + "?month=2026-12", "auditor").status, 403);
  for (const std::string query : {"", "?month=2026-13", "?month=diciembre"}) {
    HttpAnswer refused = Get(path + query, "coordinator_a");
    EXPECT_EQ(refused.status, 422) << query << " " << refused.raw;
    EXPECT_EQ(refused.content_type, "application/problem+json");
    EXPECT_EQ(refused.body["field"], "month") << query;
  }
}

TEST_F(CaregiverTripsApiTest, LinkingAUserToAnotherOrganisationsStaffIsRefused) {
  // A staff record of organisation B (set up directly; admin_a cannot see it).
  auto foreign = world_->records->Create(world_->actor("admin"), StaffKind(),
                                         {{"organisation_id", world_->organisation_b},
                                          {"given_names", std::string("Rosa")},
                                          {"family_names", std::string("Sintética Sur")},
                                          {"staff_role", std::string("caregiver")}});
  ASSERT_TRUE(foreign.ok()) << foreign.status().ToString();
  const json user = {{"username", "cuidadora.ajena"},
                     {"password", kPassword},
                     {"role", "caregiver"},
                     {"organisation_id", world_->organisation_a}};
  HttpAnswer before = Get("/api/v1/users", "admin_a");
  ASSERT_EQ(before.status, 200);
  for (long long staff_id : {foreign->id, 987654321LL}) {
    json body = user;
    body["staff_id"] = staff_id;
    HttpAnswer refused = Post("/api/v1/users", "admin_a", body);
    EXPECT_EQ(refused.status, 422) << refused.raw;
    EXPECT_EQ(refused.content_type, "application/problem+json");
    EXPECT_EQ(refused.body["field"], "staff_id");
  }
  HttpAnswer after = Get("/api/v1/users", "admin_a");
  EXPECT_EQ(after.body["items"].size(), before.body["items"].size());

  json own = user;
  own["username"] = "cuidadora.propia";
  own["staff_id"] = programme_.staff_2;
  HttpAnswer created = Post("/api/v1/users", "admin_a", own);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["staff_id"], programme_.staff_2);
}

}  // namespace
}  // namespace vinculo::testing
