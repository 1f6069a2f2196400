// Issue 14: a scope is written two ways (store/sql_util.h, ScopeShape): a
// correlated EXISTS for reads by id (Txn::Get, Txn::Visible) and an id list
// computed once for scans, pages and counts (Txn::List, Txn::Count,
// Txn::CountBy), which at national scale is 40 times faster. Both must select
// exactly the same rows for every actor and every kind: this test compares,
// on both engines, the ids a paged List returns with the ids Visible accepts,
// and Count with both, over a world with a family split across two prisons,
// two organisations and parents of other organisations' children.
#include <gtest/gtest.h>

#include <set>

#include "support/family_world.h"
#include "support/world.h"

namespace vinculo::testing {
namespace {

class ScopeShapeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    family_ = AddSplitFamily(*world_);
    ASSERT_GT(family_.child_b, 0);
    // A parent held in facility B with a child of organisation A: organisation A
    // sees her through her child, facility B's officer sees the child through her.
    const Record parent_b = world_->AddParent("B");
    const Record child_a = world_->AddChild("A", "Quilla");
    world_->Link(parent_b.id, child_a.id, "mother");
  }

  std::unique_ptr<World> world_;
  SplitFamily family_;
};

TEST_F(ScopeShapeTest, Issue14_ListsCountsAndReadsByIdSeeTheSameRowsForEveryActorAndKind) {
  int compared = 0;
  Status status = world_->context.store->Read([&](Txn& txn) -> Status {
    for (const auto& [name, actor] : world_->actors) {
      for (const RecordKind* kind : AllRecordKinds()) {
        if (KindAccess(actor.role, *kind) == Access::kNone) continue;
        // Every id of the table, as the system sees it.
        std::set<long long> all;
        ListQuery every;
        every.limit = 100000;
        every.archived = ArchivedFilter::kActive;
        VINCULO_ASSIGN_OR_RETURN(Page system_page, txn.List(*kind, every, Actor::System()));
        for (const Record& record : system_page.items) all.insert(record.id);
        // What a read by id lets this actor see (the row shape).
        std::set<long long> by_id;
        for (long long id : all) {
          VINCULO_ASSIGN_OR_RETURN(bool visible, txn.Visible(*kind, id, actor));
          if (visible) by_id.insert(id);
        }
        // What pages of two list (the set shape).
        std::set<long long> listed;
        ListQuery page_query;
        page_query.limit = 2;
        while (true) {
          VINCULO_ASSIGN_OR_RETURN(Page page, txn.List(*kind, page_query, actor));
          for (const Record& record : page.items) listed.insert(record.id);
          if (!page.next_after_id) break;
          page_query.after_id = *page.next_after_id;
        }
        EXPECT_EQ(listed, by_id) << name << " on " << kind->name;
        VINCULO_ASSIGN_OR_RETURN(long long count, txn.Count(*kind, actor));
        EXPECT_EQ(count, static_cast<long long>(by_id.size())) << name << " on " << kind->name;
        ++compared;
      }
    }
    return Status::Ok();
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_GT(compared, 20);
}

}  // namespace
}  // namespace vinculo::testing
