// Issue 19: what a visiting session's places count is the session's own
// setting: families (the default: a parent with all her children visiting her
// is one place), pairs (one child-parent visit each) or people (children and
// escorts). Three siblings visit their father, who is held alone in facility
// A; one escort with four seats is free on the one Saturday the facility
// receives visits (2026-12-12; the clock is fixed at 2026-11-23). Siblings go
// together or not at all, so whether they go depends only on the unit.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "api_fixture.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class CapacityUnitApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    World& world = *world_;
    auto home = world.records->Create(world.actor("admin"), HomeKind(),
                                      {{"organisation_id", world.organisation_a},
                                       {"name", std::string("Casa Sintética")},
                                       {"latitude", -13.16},
                                       {"longitude", -74.22}});
    ASSERT_TRUE(home.ok()) << home.status().ToString();
    auto staff = world.records->Create(world.actor("admin"), StaffKind(),
                                       {{"organisation_id", world.organisation_a},
                                        {"home_id", home->id},
                                        {"given_names", std::string("Rosa")},
                                        {"family_names", std::string("Sintética")},
                                        {"staff_role", std::string("caregiver")}});
    ASSERT_TRUE(staff.ok()) << staff.status().ToString();
    father_ = world.AddParent("A", "male").id;
    for (const char* name : {"Amaru", "Sami", "Tika"}) {
      const long long child = AddChildAtHome(world, "A", home->id, name);
      ASSERT_GT(child, 0);
      world.Link(father_, child, "father");
    }
    VisitService visits(world.context);
    EscortRequest escort;
    escort.staff_id = staff->id;
    escort.max_children = 4;
    escort.available_dates = {"2026-12-12"};
    auto stored = visits.SetEscort(world.actor("coordinator_a"), world.organisation_a, escort);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  }

  // A template for one Saturday at facility A: `places` counted in `unit`
  // (absent: the default), room for `people`.
  HttpAnswer AddSaturday(long long places, long long people, const char* unit) {
    json body = {{"pattern", "weekly"},         {"weekday", 6},
                 {"valid_from", "2026-12-12"},  {"valid_to", "2026-12-12"},
                 {"start_time", "09:00"},       {"end_time", "11:00"},
                 {"capacity_families", places}, {"capacity_people", people}};
    if (unit) body["capacity_unit"] = unit;
    return Post("/api/v1/facilities/" + std::to_string(world_->facility_a) + "/session-templates",
                "visits_officer_a", body);
  }

  // The children the December plan sends to the father.
  size_t ChildrenVisitingTheFather() {
    HttpAnswer plan =
        Post("/api/v1/organisations/" + std::to_string(world_->organisation_a) + "/plans",
             "coordinator_a", {{"month", "2026-12"}});
    EXPECT_EQ(plan.status, 201) << plan.raw;
    plan_ = plan.body;
    size_t children = 0;
    for (const json& visit : plan.body["visits"]) {
      if (visit["parent_id"] == father_) ++children;
    }
    return children;
  }

  long long Count(const std::string& query) {
    long long count = 0;
    Status read = world_->context.store->Read([&](Txn& txn) -> Status {
      txn.session() << query, soci::into(count);
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return count;
  }

  // Blocks the sessions already made (all, or those of one template), so
  // that the next plan uses only a template added after.
  void BlockSessions(const std::string& where = "") {
    Status blocked = world_->context.store->Write([&](Txn& txn) -> Status {
      txn.session() << "UPDATE visit_sessions SET status = 'blocked'" + where;
      return Status::Ok();
    });
    ASSERT_TRUE(blocked.ok()) << blocked.ToString();
  }

  // Publishes the last plan built and reads the places its template's
  // sessions then have booked.
  long long PublishAndReadBookedPlaces(long long template_id) {
    HttpAnswer published =
        Post("/api/v1/plans/" + std::to_string(plan_["id"].get<long long>()) + "/publish",
             "coordinator_a", json::object());
    EXPECT_EQ(published.status, 200) << published.raw;
    return Count("SELECT booked_families FROM visit_sessions WHERE template_id = " +
                 std::to_string(template_id));
  }

  long long father_ = 0;
  json plan_;
};

TEST_F(CapacityUnitApiTest, Issue19_ThreeSiblingsTakeOnePlaceInASessionCountedInFamilies) {
  HttpAnswer created = AddSaturday(1, 10, nullptr);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["capacity_unit"], "families");
  EXPECT_EQ(ChildrenVisitingTheFather(), 3u) << plan_.dump();
  // Published, the session has one place taken and four people (three children, one escort).
  HttpAnswer published =
      Post("/api/v1/plans/" + std::to_string(plan_["id"].get<long long>()) + "/publish",
           "coordinator_a", json::object());
  ASSERT_EQ(published.status, 200) << published.raw;
  EXPECT_EQ(Count("SELECT booked_families FROM visit_sessions WHERE session_date = '2026-12-12'"),
            1);
  EXPECT_EQ(Count("SELECT booked_people FROM visit_sessions WHERE session_date = '2026-12-12'"), 4);
}

TEST_F(CapacityUnitApiTest, Issue19_ASessionCountedInPairsTakesEachSiblingAsAPlace) {
  HttpAnswer created = AddSaturday(2, 10, "pairs");
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["capacity_unit"], "pairs");
  // Two places, three siblings who go together or not at all: none goes, and
  // the plan says why.
  EXPECT_EQ(ChildrenVisitingTheFather(), 0u) << plan_.dump();
  EXPECT_FALSE(plan_["unscheduled"].empty()) << plan_.dump();

  // With three places they all go, and publishing takes three.
  HttpAnswer wider = AddSaturday(3, 10, "pairs");
  ASSERT_EQ(wider.status, 201) << wider.raw;
  BlockSessions(" WHERE template_id = " + std::to_string(created.body["id"].get<long long>()));
  EXPECT_EQ(ChildrenVisitingTheFather(), 3u) << plan_.dump();
  EXPECT_EQ(PublishAndReadBookedPlaces(wider.body["id"].get<long long>()), 3);
}

TEST_F(CapacityUnitApiTest, Issue19_ASessionCountedInPeopleCountsTheEscortToo) {
  // Three children and their escort are four people.
  HttpAnswer narrow = AddSaturday(3, 10, "people");
  ASSERT_EQ(narrow.status, 201) << narrow.raw;
  EXPECT_EQ(ChildrenVisitingTheFather(), 0u) << plan_.dump();
  BlockSessions();
  HttpAnswer enough = AddSaturday(4, 10, "people");
  ASSERT_EQ(enough.status, 201) << enough.raw;
  EXPECT_EQ(ChildrenVisitingTheFather(), 3u) << plan_.dump();
  EXPECT_EQ(PublishAndReadBookedPlaces(enough.body["id"].get<long long>()), 4);
}

TEST_F(CapacityUnitApiTest, Issue19_AnUnknownCapacityUnitIsRefusedAndStoresNothing) {
  HttpAnswer refused = AddSaturday(2, 10, "households");
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.body["field"], "capacity_unit") << refused.raw;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM visit_session_templates"), 0);
}

}  // namespace
}  // namespace vinculo::testing
