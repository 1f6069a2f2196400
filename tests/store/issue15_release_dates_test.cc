// Issue 15, release dates with history, through the services on a real
// database (SQLite or PostgreSQL): a parent's expected release date keeps
// every value it took (registration, then each change), the family view
// shows the history, and the countdown lists the parents whose release is
// near, soonest first, scoped like parents; bad input changes nothing. The
// clock is fixed at 2026-11-23.
#include <gtest/gtest.h>

#include "domain/family.h"
#include "service/family_service.h"
#include "support/family_world.h"

namespace vinculo::testing {
namespace {

class Issue15ReleaseDatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    family_ = AddSplitFamily(*world_);
    ASSERT_GT(family_.sibling_link, 0);
    families_ = std::make_unique<FamilyService>(world_->context);
  }

  Status MoveRelease(long long parent_id, const std::string& date) {
    auto parent = world_->records->Get(Actor::System(), ParentKind(), parent_id);
    if (!parent.ok()) return parent.status();
    return world_->records
        ->Update(world_->actor("admin"), ParentKind(), parent_id, parent->version,
                 {{"expected_release_date", date}})
        .status();
  }

  std::vector<family_store::ReleaseDateChange> History(long long parent_id) {
    std::vector<family_store::ReleaseDateChange> history;
    EXPECT_TRUE(world_->context.store
                    ->Read([&](Txn& txn) -> Status {
                      auto rows = family_store::ReleaseDateHistory(txn, parent_id);
                      if (!rows.ok()) return rows.status();
                      history = std::move(*rows);
                      return Status::Ok();
                    })
                    .ok());
    return history;
  }

  std::unique_ptr<World> world_;
  SplitFamily family_;
  std::unique_ptr<FamilyService> families_;
};

TEST_F(Issue15ReleaseDatesTest, Issue15_EveryValueOfAnExpectedReleaseDateIsKept) {
  ASSERT_EQ(History(family_.father).size(), 1u);
  EXPECT_EQ(History(family_.father)[0].expected_release_date, "2027-03-15");
  EXPECT_FALSE(History(family_.father)[0].previous_date.has_value());
  ASSERT_TRUE(MoveRelease(family_.father, "2027-09-01").ok());
  ASSERT_TRUE(MoveRelease(family_.father, "2026-12-20").ok());
  // An edit that leaves the date alone adds nothing.
  auto father = world_->records->Get(Actor::System(), ParentKind(), family_.father);
  ASSERT_TRUE(father.ok());
  ASSERT_TRUE(world_->records
                  ->Update(world_->actor("admin"), ParentKind(), family_.father, father->version,
                           {{"prisoner_number", std::string("Q-1234")}})
                  .ok());
  const auto history = History(family_.father);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[1].previous_date, "2027-03-15");
  EXPECT_EQ(history[1].expected_release_date, "2027-09-01");
  EXPECT_EQ(history[2].previous_date, "2027-09-01");
  EXPECT_EQ(history[2].expected_release_date, "2026-12-20");

  auto view = families_->Family(world_->actor("coordinator_a"), family_.child_lima);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  for (const FamilyParent& parent : view->parents) {
    if (parent.record.id != family_.father) continue;
    EXPECT_EQ(parent.release_history.size(), 3u);
    EXPECT_EQ(parent.days_to_release, 27);  // 2026-11-23 to 2026-12-20
  }
}

TEST_F(Issue15ReleaseDatesTest, Issue15_AReleaseDateBeforeAdmissionIsRefusedAndKeepsNoHistory) {
  const Status refused = MoveRelease(family_.father, "2020-01-01");  // admitted 2021-03-15
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.field(), "expected_release_date");
  EXPECT_EQ(History(family_.father).size(), 1u);
}

TEST_F(Issue15ReleaseDatesTest, Issue15_TheCountdownListsParentsWhoseReleaseIsNearSoonestFirst) {
  // Father 2027-03-15 (112 days), mother 2029-05-10 (899 days).
  auto near = families_->ReleaseCountdown(world_->actor("coordinator_a"));
  ASSERT_TRUE(near.ok()) << near.status().ToString();
  ASSERT_EQ(near->size(), 1u);
  EXPECT_EQ((*near)[0].row.parent_id, family_.father);
  EXPECT_EQ((*near)[0].days_to_release, 112);
  EXPECT_EQ((*near)[0].row.facility_id, family_.prison_cusco);
  EXPECT_EQ((*near)[0].row.changes, 0);

  ASSERT_TRUE(MoveRelease(family_.mother, "2027-01-10").ok());
  auto both = families_->ReleaseCountdown(world_->actor("coordinator_a"), 200);
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ((*both)[0].row.parent_id, family_.mother);
  EXPECT_EQ((*both)[0].days_to_release, 48);
  EXPECT_EQ((*both)[0].row.changes, 1);
  EXPECT_EQ((*both)[1].row.parent_id, family_.father);

  // A prison's staff see the parents held there only; the auditor nothing.
  auto prison = families_->ReleaseCountdown(world_->actor("visits_officer_a"), 200);
  ASSERT_TRUE(prison.ok());
  ASSERT_EQ(prison->size(), 1u);
  EXPECT_EQ((*prison)[0].row.parent_id, family_.mother);
  EXPECT_EQ(families_->ReleaseCountdown(world_->actor("auditor")).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(families_->ReleaseCountdown(world_->actor("coordinator_a"), -1).status().field(),
            "within_days");
}

TEST_F(Issue15ReleaseDatesTest, Issue15_AnotherOrganisationSeesOnlyTheParentsOfItsOwnChildren) {
  ASSERT_TRUE(MoveRelease(family_.mother, "2027-01-10").ok());
  // Organisation B cares for the mother's third child, not for the father's.
  auto countdown = families_->ReleaseCountdown(world_->actor("coordinator_b"), 200);
  ASSERT_TRUE(countdown.ok());
  ASSERT_EQ(countdown->size(), 1u);
  EXPECT_EQ((*countdown)[0].row.parent_id, family_.mother);
}

}  // namespace
}  // namespace vinculo::testing
