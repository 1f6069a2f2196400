// An organisation's travel speed and cost per km through the API on both
// engines: GET gives the defaults (ETag "1") until a coordinator PUTs her own;
// the distance report and a plan built afterwards use them; bad values are
// 422 naming the field, a stale If-Match 412, a missing one 428, and another
// organisation 404, each changing nothing. The clock is fixed at 2026-11-23.
#include <gtest/gtest.h>

#include <cmath>

#include "api_fixture.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class VisitSettingsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
    settings_ = Organisation(world_->organisation_a, "/visit-settings");
  }
  std::string Organisation(long long id, const std::string& rest) {
    return "/api/v1/organisations/" + std::to_string(id) + rest;
  }
  // Child 1 and the mother in the December distance report.
  json Child1ToMother() {
    HttpAnswer report = Get(Organisation(world_->organisation_a, "/visit-distances?month=2026-12"),
                            "coordinator_a");
    EXPECT_EQ(report.status, 200) << report.raw;
    for (const json& pair : report.body["pairs"]) {
      if (pair["child_id"] == programme_.child_1 && pair["parent_id"] == programme_.mother) {
        return pair;
      }
    }
    ADD_FAILURE() << "no pair for child 1 and the mother: " << report.raw;
    return json::object();
  }
  VisitProgramme programme_;
  std::string settings_;
};

int Minutes(double km, double speed_kmh) {
  return static_cast<int>(std::ceil(km / speed_kmh * 60.0 - 1e-9));
}

TEST_F(VisitSettingsApiTest, ACoordinatorSetsTheRatesAndDistancesAndPlansFollowThem) {
  HttpAnswer defaults = Get(settings_, "coordinator_a");
  ASSERT_EQ(defaults.status, 200) << defaults.raw;
  EXPECT_EQ(defaults.etag, "\"1\"");
  EXPECT_EQ(defaults.body["travel_speed_kmh"], 60.0);
  EXPECT_EQ(defaults.body["cost_per_km"], 0.5);
  EXPECT_EQ(defaults.body["defaults"], true);
  EXPECT_TRUE(defaults.body["updated_at"].is_null());

  const json before = Child1ToMother();
  const double km = before["km"];
  EXPECT_EQ(before["travel_minutes"], Minutes(km, 60));
  EXPECT_NEAR(before["travel_cost"].get<double>(), 2 * km * 0.5, 1e-9);

  HttpAnswer changed = Put(settings_, "coordinator_a",
                           {{"travel_speed_kmh", 10}, {"cost_per_km", 2}}, defaults.etag);
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(changed.etag, "\"2\"");
  EXPECT_EQ(changed.body["travel_speed_kmh"], 10.0);
  EXPECT_EQ(changed.body["defaults"], false);
  EXPECT_EQ(changed.body["updated_at"], "2026-11-23T12:00:00Z");
  // Its caregivers read them too.
  HttpAnswer read = Get(settings_, "caregiver_a");
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.etag, "\"2\"");
  EXPECT_EQ(read.body["cost_per_km"], 2.0);
  // Issue 19: the notice and a child's longest day, unchanged when absent.
  EXPECT_EQ(read.body["notice_hours"], 24);
  EXPECT_EQ(read.body["longest_child_day_hours"], 10.0);
  HttpAnswer longer = Put(settings_, "coordinator_a",
                          {{"travel_speed_kmh", 10},
                           {"cost_per_km", 2},
                           {"notice_hours", 48},
                           {"longest_child_day_hours", 9.5}},
                          read.etag);
  ASSERT_EQ(longer.status, 200) << longer.raw;
  EXPECT_EQ(longer.body["notice_hours"], 48);
  EXPECT_EQ(longer.body["longest_child_day_hours"], 9.5);

  const json after = Child1ToMother();
  EXPECT_EQ(after["travel_minutes"], Minutes(km, 10));
  EXPECT_NEAR(after["travel_cost"].get<double>(), 2 * km * 2, 1e-9);

  HttpAnswer plan =
      Post(Organisation(world_->organisation_a, "/plans"), "coordinator_a", {{"month", "2026-12"}});
  ASSERT_EQ(plan.status, 201) << plan.raw;
  ASSERT_FALSE(plan.body["trips"].empty()) << plan.raw;
  for (const json& trip : plan.body["trips"]) {
    EXPECT_NEAR(trip["cost"].get<double>(), 2 * km * 2, 1e-9) << trip;
  }
  HttpAnswer report =
      Get(Organisation(world_->organisation_a, "/visit-distances?month=2026-12"), "coordinator_a");
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(report.body["travel_speed_kmh"], 10.0);
  EXPECT_EQ(report.body["cost_basis"], "draft");
  EXPECT_NEAR(report.body["monthly_travel_cost"].get<double>(),
              2 * km * 2 * static_cast<double>(plan.body["trips"].size()), 1e-6);
}

TEST_F(VisitSettingsApiTest, BadValuesAreRefusedNamingTheFieldAndNothingChanges) {
  const struct {
    json body;
    const char* field;
  } cases[] = {
      {{{"travel_speed_kmh", 0}, {"cost_per_km", 0.5}}, "travel_speed_kmh"},
      {{{"travel_speed_kmh", -20}, {"cost_per_km", 0.5}}, "travel_speed_kmh"},
      {{{"travel_speed_kmh", 250}, {"cost_per_km", 0.5}}, "travel_speed_kmh"},
      {{{"travel_speed_kmh", "rápido"}, {"cost_per_km", 0.5}}, "travel_speed_kmh"},
      {{{"cost_per_km", 0.5}}, "travel_speed_kmh"},
      {{{"travel_speed_kmh", 50}, {"cost_per_km", -1}}, "cost_per_km"},
      {{{"travel_speed_kmh", 50}, {"cost_per_km", true}}, "cost_per_km"},
      {{{"travel_speed_kmh", 50}}, "cost_per_km"},
      {{{"travel_speed_kmh", 50}, {"cost_per_km", 1}, {"currency", "PEN"}}, "currency"},
      // Issue 19: a notice longer than the month, a longest day of 0 or above 24 hours.
      {{{"travel_speed_kmh", 50}, {"cost_per_km", 1}, {"notice_hours", 800}}, "notice_hours"},
      {{{"travel_speed_kmh", 50}, {"cost_per_km", 1}, {"notice_hours", "mañana"}}, "notice_hours"},
      {{{"travel_speed_kmh", 50}, {"cost_per_km", 1}, {"longest_child_day_hours", 0}},
       "longest_child_day_hours"},
      {{{"travel_speed_kmh", 50}, {"cost_per_km", 1}, {"longest_child_day_hours", 25}},
       "longest_child_day_hours"},
  };
  for (const auto& bad : cases) {
    SCOPED_TRACE(bad.body.dump());
    HttpAnswer refused = Put(settings_, "coordinator_a", bad.body, "\"1\"");
    EXPECT_EQ(refused.status, 422) << refused.raw;
    EXPECT_EQ(refused.content_type, "application/problem+json");
    EXPECT_EQ(refused.body["field"], bad.field) << refused.raw;
  }
  // Not JSON at all.
  HttpAnswer garbage = Call("PUT", settings_, TokenFor("coordinator_a"),
                            "{\"travel_speed_kmh\": ", {{"If-Match", "\"1\""}});
  EXPECT_EQ(garbage.status, 400) << garbage.raw;
  // Without If-Match: 428.
  HttpAnswer unguarded = Call("PUT", settings_, TokenFor("coordinator_a"),
                              json{{"travel_speed_kmh", 50}, {"cost_per_km", 1}}.dump());
  EXPECT_EQ(unguarded.status, 428) << unguarded.raw;

  HttpAnswer still = Get(settings_, "coordinator_a");
  EXPECT_EQ(still.etag, "\"1\"");
  EXPECT_EQ(still.body["defaults"], true);
  EXPECT_EQ(still.body["travel_speed_kmh"], 60.0);
}

TEST_F(VisitSettingsApiTest, AnotherOrganisationNeitherReadsNorWritesThem) {
  const json body = {{"travel_speed_kmh", 30}, {"cost_per_km", 1}};
  EXPECT_EQ(Get(settings_, "coordinator_b").status, 404);
  EXPECT_EQ(Put(settings_, "coordinator_b", body, "\"1\"").status, 404);
  // A visits officer's role is not among the readers of an organisation's
  // programme: the role gate refuses her (issue 17).
  EXPECT_EQ(Get(settings_, "visits_officer_a").status, 403);
  EXPECT_EQ(Get(settings_, "auditor").status, 403);
  // The organisation's own readers may not write.
  EXPECT_EQ(Put(settings_, "caregiver_a", body, "\"1\"").status, 403);
  EXPECT_EQ(Put(settings_, "social_worker_a", body, "\"1\"").status, 403);
  HttpAnswer still = Get(settings_, "coordinator_a");
  EXPECT_EQ(still.etag, "\"1\"");
  EXPECT_EQ(still.body["defaults"], true);
  // Organisation B's coordinator sets B's, which A does not see either.
  const std::string other = Organisation(world_->organisation_b, "/visit-settings");
  EXPECT_EQ(Put(other, "coordinator_b", body, "\"1\"").status, 200);
  EXPECT_EQ(Get(other, "coordinator_a").status, 404);
  EXPECT_EQ(Get(settings_, "coordinator_a").body["defaults"], true);
}

// Issue 16: the routes screen lists the overrides it set (GET
// /organisations/{id}/routes), the distances follow them, two bad values are
// both named at once and store nothing, and another organisation reads none.
TEST_F(VisitSettingsApiTest, Issue16_RouteOverridesAreListedForTheOrganisationsReaders) {
  const std::string routes = Organisation(world_->organisation_a, "/routes");
  HttpAnswer none = Get(routes, "coordinator_a");
  ASSERT_EQ(none.status, 200) << none.raw;
  EXPECT_TRUE(none.body["items"].empty()) << none.raw;

  const json bad = {{"home_id", programme_.home},
                    {"facility_id", world_->facility_a},
                    {"travel_minutes", 0},
                    {"cost", -1}};
  HttpAnswer refused = Post(routes, "coordinator_a", bad);
  EXPECT_EQ(refused.status, 422) << refused.raw;
  ASSERT_EQ(refused.body["errors"].size(), 2u) << refused.raw;
  EXPECT_EQ(refused.body["errors"][0]["field"], "travel_minutes");
  EXPECT_EQ(refused.body["errors"][1]["field"], "cost");
  EXPECT_TRUE(Get(routes, "coordinator_a").body["items"].empty());

  const json good = {{"home_id", programme_.home},
                     {"facility_id", world_->facility_a},
                     {"travel_minutes", 95},
                     {"cost", 14.5}};
  HttpAnswer set = Post(routes, "coordinator_a", good);
  ASSERT_EQ(set.status, 200) << set.raw;
  HttpAnswer listed = Get(routes, "social_worker_a");
  ASSERT_EQ(listed.status, 200) << listed.raw;
  ASSERT_EQ(listed.body["items"].size(), 1u) << listed.raw;
  const json& route = listed.body["items"][0];
  EXPECT_EQ(route["id"], set.body["id"]);
  EXPECT_EQ(route["home_id"], programme_.home);
  EXPECT_EQ(route["facility_id"], world_->facility_a);
  EXPECT_EQ(route["travel_minutes"], 95);
  EXPECT_EQ(route["cost"], 14.5);
  EXPECT_EQ(Child1ToMother()["travel_minutes"], 95);
  // Setting it again replaces it: still one override.
  json faster = good;
  faster["travel_minutes"] = 80;
  ASSERT_EQ(Post(routes, "coordinator_a", faster).status, 200);
  HttpAnswer again = Get(routes, "caregiver_a");
  ASSERT_EQ(again.body["items"].size(), 1u) << again.raw;
  EXPECT_EQ(again.body["items"][0]["travel_minutes"], 80);

  EXPECT_EQ(Get(routes, "coordinator_b").status, 404);
  EXPECT_EQ(Get(routes, "auditor").status, 403);
  HttpAnswer theirs = Get(Organisation(world_->organisation_b, "/routes"), "coordinator_b");
  ASSERT_EQ(theirs.status, 200) << theirs.raw;
  EXPECT_TRUE(theirs.body["items"].empty()) << theirs.raw;
}

TEST_F(VisitSettingsApiTest, AStaleIfMatchIsRefusedWith412) {
  HttpAnswer read = Get(settings_, "coordinator_a");
  ASSERT_EQ(read.status, 200);
  HttpAnswer first =
      Put(settings_, "coordinator_a", {{"travel_speed_kmh", 45}, {"cost_per_km", 0.7}}, read.etag);
  ASSERT_EQ(first.status, 200) << first.raw;
  // The organisation's administrator read the defaults before that write.
  HttpAnswer stale =
      Put(settings_, "admin_a", {{"travel_speed_kmh", 90}, {"cost_per_km", 0.1}}, read.etag);
  EXPECT_EQ(stale.status, 412) << stale.raw;
  EXPECT_EQ(stale.content_type, "application/problem+json");
  HttpAnswer now = Get(settings_, "coordinator_a");
  EXPECT_EQ(now.body["travel_speed_kmh"], 45.0);
  EXPECT_EQ(now.etag, "\"2\"");
  HttpAnswer again =
      Put(settings_, "admin_a", {{"travel_speed_kmh", 90}, {"cost_per_km", 0.1}}, now.etag);
  EXPECT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.etag, "\"3\"");
}

}  // namespace
}  // namespace vinculo::testing
