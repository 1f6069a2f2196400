// Issue 16: search as people type, done by the database on both engines:
// accent- and case-insensitive, on parts of names, a full name over two
// fields, a pseudonym and a prisoner number; within the searcher's scope;
// kept true when a name changes; rows without search text filled.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/world.h"

namespace vinculo::testing {
namespace {

class Issue16SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
  }

  // The ids `actor` finds for `search` among `kind`'s records.
  std::vector<long long> Found(const std::string& actor, const RecordKind& kind,
                               const std::string& search) {
    ListQuery query;
    query.search = search;
    query.limit = 200;
    auto page = world_->records->List(world_->actor(actor), kind, query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<long long> ids;
    if (page.ok()) {
      for (const Record& record : page->items) ids.push_back(record.id);
    }
    return ids;
  }

  Record Child(const std::string& organisation, const std::string& given,
               const std::string& family) {
    Record child = world_->AddChild(organisation, given);
    auto changed = world_->records->Update(
        world_->actor(organisation == "A" ? "coordinator_a" : "coordinator_b"), ChildKind(),
        child.id, child.version, {{"family_names", family}});
    EXPECT_TRUE(changed.ok()) << changed.status().ToString();
    return changed.ok() ? *changed : child;
  }

  std::unique_ptr<World> world_;
};

using Ids = std::vector<long long>;

TEST_F(Issue16SearchTest, Issue16_AccentsAndCaseDoNotMatter) {
  const Record angela = Child("A", "Ángela", "Huamán Quispe");
  const Record mateo = Child("A", "Mateo", "Ayala Rojas");
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "Angela"), Ids{angela.id});
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "ÁNGELA"), Ids{angela.id});
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "huaman"), Ids{angela.id});
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "HUAMÁN"), Ids{angela.id});
  // Decomposed input (A + combining acute), as some phone keyboards send it.
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "A\xCC\x81ngela"), Ids{angela.id});
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "ayala"), Ids{mateo.id});
}

TEST_F(Issue16SearchTest, Issue16_PartsOfNamesAndAFullNameOverTwoFields) {
  const Record mateo = Child("A", "Mateo", "Ayala Rojas");
  const Record other = Child("A", "Mateo", "Condori");
  // The beginning of a word.
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "aya"), Ids{mateo.id});
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "mat"), (Ids{mateo.id, other.id}));
  // Given and family names together, in either order, each word required.
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "Mateo Ayala"), Ids{mateo.id});
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "rojas  mateo"), Ids{mateo.id});
  EXPECT_TRUE(Found("coordinator_a", ChildKind(), "Mateo Quispe").empty());
  // Inside a word is not a beginning: "yala" is not a name anyone types.
  EXPECT_TRUE(Found("coordinator_a", ChildKind(), "yala").empty());
}

TEST_F(Issue16SearchTest, Issue16_APseudonymAndAPrisonerNumberAreFound) {
  const Record child = Child("A", "Rosa", "Quispe");
  Child("A", "Rosa", "Mamani");
  const std::string pseudonym = *child.Text("pseudonym");
  EXPECT_EQ(Found("coordinator_a", ChildKind(), pseudonym), Ids{child.id});
  std::string lower = pseudonym;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  EXPECT_EQ(Found("coordinator_a", ChildKind(), lower), Ids{child.id});
  EXPECT_EQ(Found("coordinator_a", ChildKind(), pseudonym.substr(4)), Ids{child.id});

  const Record parent = world_->AddParent("A");
  auto numbered =
      world_->records->Update(world_->actor("admin"), ParentKind(), parent.id, parent.version,
                              {{"prisoner_number", std::string("PE-00731")}});
  ASSERT_TRUE(numbered.ok()) << numbered.status().ToString();
  world_->AddParent("A");
  EXPECT_EQ(Found("admin", ParentKind(), "pe-00731"), Ids{parent.id});
  EXPECT_EQ(Found("admin", ParentKind(), "00731"), Ids{parent.id});
}

TEST_F(Issue16SearchTest, Issue16_ASearchStaysWithinTheSearchersScope) {
  const Record mine = Child("A", "Ángela", "Huamán");
  const Record theirs = Child("B", "Ángela", "Huamán");
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "angela huaman"), Ids{mine.id});
  EXPECT_EQ(Found("coordinator_b", ChildKind(), "angela huaman"), Ids{theirs.id});
  EXPECT_EQ(Found("admin", ChildKind(), "angela huaman"), (Ids{mine.id, theirs.id}));
}

TEST_F(Issue16SearchTest, Issue16_ARenamedChildIsFoundByHerNewNameOnly) {
  const Record child = Child("A", "Ángela", "Huamán");
  auto renamed = world_->records->Update(world_->actor("coordinator_a"), ChildKind(), child.id,
                                         child.version, {{"given_names", std::string("Yésica")}});
  ASSERT_TRUE(renamed.ok()) << renamed.status().ToString();
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "yesica huaman"), Ids{child.id});
  EXPECT_TRUE(Found("coordinator_a", ChildKind(), "angela").empty());
  // A change of another field leaves the words as they were.
  auto moved = world_->records->Update(
      world_->actor("coordinator_a"), ChildKind(), child.id, renamed->version,
      {{"school_name", std::string("I.E. Señor de los Milagros")}});
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "yesica"), Ids{child.id});
  EXPECT_TRUE(Found("coordinator_a", ChildKind(), "milagros").empty());
}

TEST_F(Issue16SearchTest, Issue16_SqlInASearchIsJustWords) {
  const Record child = Child("A", "Ángela", "Huamán");
  EXPECT_TRUE(Found("coordinator_a", ChildKind(), "'; DROP TABLE children; --").empty());
  EXPECT_TRUE(Found("coordinator_a", ChildKind(), "%' OR '1'='1").empty());
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "angela"), Ids{child.id});
}

TEST_F(Issue16SearchTest, Issue16_RowsWithoutSearchTextAreFilled) {
  const Record child = Child("A", "Ángela", "Huamán");
  Store& store = world_->database->store();
  long long filled = 0;
  ASSERT_TRUE(store
                  .Write([&](Txn& txn) -> Status {
                    VINCULO_RETURN_IF_ERROR(txn.Execute("UPDATE children SET search_text = NULL"));
                    VINCULO_ASSIGN_OR_RETURN(filled, txn.FillMissingSearchText());
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_GE(filled, 1);
  EXPECT_EQ(Found("coordinator_a", ChildKind(), "angela"), Ids{child.id});
  // Nothing left to fill.
  ASSERT_TRUE(store
                  .Write([&](Txn& txn) -> Status {
                    VINCULO_ASSIGN_OR_RETURN(filled, txn.FillMissingSearchText());
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(filled, 0);
}

}  // namespace
}  // namespace vinculo::testing
