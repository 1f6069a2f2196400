// Issue 19: siblings visiting one parent go together or not at all, unless a
// coordinator splits them on purpose. The split is recorded per requirement
// and month (stored, audited, in the plan's notes); only roles that may plan
// record it; bad input is a 422 naming the field and stores nothing. The
// clock is fixed at 2026-11-23; children 1 and 2 are siblings through the mother.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "api_fixture.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class SiblingSplitApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
  }
  std::string Organisation(const std::string& rest) {
    return "/api/v1/organisations/" + std::to_string(world_->organisation_a) + rest;
  }
  // The requirement of child_2 visiting the mother (created with the plan's requirements).
  long long SecondSiblingRequirement() {
    HttpAnswer generated =
        Post(Organisation("/visit-requirements/generate"), "coordinator_a", json::object());
    EXPECT_EQ(generated.status, 200) << generated.raw;
    HttpAnswer listed = Get(Organisation("/visit-requirements"), "coordinator_a");
    for (const json& row : listed.body["items"]) {
      if (row["child_id"] == programme_.child_2 && row["parent_id"] == programme_.mother) {
        return row["id"].get<long long>();
      }
    }
    ADD_FAILURE() << "no requirement of child 2 and the mother: " << listed.raw;
    return 0;
  }
  long long Count(const std::string& query) {
    world_->context.audit->Flush();
    long long count = 0;
    Status read = world_->context.store->Read([&](Txn& txn) -> Status {
      txn.session() << query, soci::into(count);
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return count;
  }
  VisitProgramme programme_;
};

TEST_F(SiblingSplitApiTest, Issue19_SiblingsGoTogetherUnlessACoordinatorSplitsThem) {
  // Without a split, the two siblings visit their mother in one session and
  // one trip, or neither goes.
  HttpAnswer plan = Post(Organisation("/plans"), "coordinator_a", {{"month", "2026-12"}});
  ASSERT_EQ(plan.status, 201) << plan.raw;
  std::map<long long, std::pair<long long, long long>> mother_visits;  // child -> (session, trip)
  for (const json& visit : plan.body["visits"]) {
    if (visit["parent_id"] != programme_.mother) continue;
    mother_visits[visit["child_id"].get<long long>()] = {visit["session_id"].get<long long>(),
                                                         visit["trip_id"].get<long long>()};
  }
  ASSERT_EQ(mother_visits.size(), 2u) << plan.raw;
  EXPECT_EQ(mother_visits[programme_.child_1], mother_visits[programme_.child_2]);

  const long long requirement = SecondSiblingRequirement();
  ASSERT_GT(requirement, 0);
  const std::string path =
      "/api/v1/visit-requirements/" + std::to_string(requirement) + "/sibling-splits";
  const json good = {{"month", "2026-12"}, {"reason", "court order: visits apart this month"}};
  // Roles that may not plan, and another organisation.
  EXPECT_EQ(Post(path, "caregiver_a", good).status, 403);
  EXPECT_EQ(Post(path, "coordinator_b", good).status, 404);
  // Bad input names the field.
  HttpAnswer bad_month = Post(path, "coordinator_a", {{"month", "2026-13"}, {"reason", "x"}});
  EXPECT_EQ(bad_month.status, 422) << bad_month.raw;
  EXPECT_EQ(bad_month.body["field"], "month");
  HttpAnswer no_reason = Post(path, "coordinator_a", {{"month", "2026-12"}, {"reason", "  "}});
  EXPECT_EQ(no_reason.status, 422) << no_reason.raw;
  EXPECT_EQ(no_reason.body["field"], "reason");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sibling_splits"), 0);

  HttpAnswer split = Post(path, "coordinator_a", good);
  ASSERT_EQ(split.status, 201) << split.raw;
  EXPECT_EQ(split.body["requirement_id"], requirement);
  EXPECT_EQ(split.body["child_id"], programme_.child_2);
  EXPECT_EQ(split.body["month"], "2026-12");
  EXPECT_EQ(Post(path, "coordinator_a", good).status, 409);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sibling_splits"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'split_siblings'"), 1);

  // The next plan of the month says so.
  HttpAnswer replanned = Post(Organisation("/plans"), "coordinator_a", {{"month", "2026-12"}});
  ASSERT_EQ(replanned.status, 201) << replanned.raw;
  bool noted = false;
  for (const json& note : replanned.body["notes"]) {
    noted = noted || note.get<std::string>().find("split on purpose") != std::string::npos;
  }
  EXPECT_TRUE(noted) << replanned.raw;
  // Another month is not split.
  HttpAnswer january = Post(Organisation("/plans"), "coordinator_a", {{"month", "2027-01"}});
  ASSERT_EQ(january.status, 201) << january.raw;
  for (const json& note : january.body["notes"]) {
    EXPECT_EQ(note.get<std::string>().find("split on purpose"), std::string::npos);
  }
}

}  // namespace
}  // namespace vinculo::testing
