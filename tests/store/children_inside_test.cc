// nursery_store::ForEachChildInside reads the children living inside with their
// facility, jurisdiction, admission and latest approved extension in four
// statements merged in memory. This compares what it gives, for each scope,
// with the same data read by one plain join written out here, on both engines.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <tuple>

#include "service/nursery_service.h"
#include "store/nursery_store.h"
#include "store/sql_util.h"
#include "support/nursery_world.h"

namespace vinculo::testing {
namespace {

using BoardTuple =
    std::tuple<long long, std::string, std::string, std::string, std::string, long long,
               std::string, long long, long long, std::string, std::string, std::string, long long,
               std::string, std::string, long long>;

BoardTuple TupleOf(const ChildInsideRow& row) {
  return {row.child_id,         row.pseudonym,
          row.given_names,      row.family_names,
          row.date_of_birth,    row.facility_id,
          row.facility,         row.facility_max_age_months.value_or(-1),
          row.jurisdiction_id,  row.jurisdiction,
          row.admitted_on,      row.review_date.value_or("-"),
          row.extension_id,     row.extension_new_date,
          row.extension_reason, row.extension_approved_by};
}

// The reference: one join, every child inside of every facility, in id order.
std::vector<BoardTuple> JoinedReference(Txn& txn) {
  std::vector<BoardTuple> rows;
  soci::rowset<soci::row> result =
      (txn.session().prepare
       << "SELECT c.id, c.pseudonym, c.given_names, c.family_names, c.date_of_birth, f.id, f.name, "
          "COALESCE(f.nursery_max_age_months, -1), j.id, j.code, "
          "COALESCE(a.admitted_on, c.date_of_birth), COALESCE(a.review_date, '-'), "
          "COALESCE(e.id, 0), COALESCE(e.new_age_out_date, ''), COALESCE(e.reason, ''), "
          "COALESCE(e.approved_by_user_id, 0) "
          "FROM children c JOIN facilities f ON f.id = c.facility_id "
          "JOIN jurisdictions j ON j.id = f.jurisdiction_id "
          "LEFT JOIN nursery_admissions a ON a.child_id = c.id "
          "LEFT JOIN (SELECT child_id, MAX(id) AS id FROM coresidence_extensions "
          "WHERE status = 'approved' GROUP BY child_id) le ON le.child_id = c.id "
          "LEFT JOIN coresidence_extensions e ON e.id = le.id "
          "WHERE c.archived = 0 AND c.placement = 'inside_with_mother' ORDER BY c.id");
  for (const soci::row& row : result) {
    using store_internal::GetInteger;
    using store_internal::GetText;
    rows.emplace_back(GetInteger(row, 0), GetText(row, 1), GetText(row, 2), GetText(row, 3),
                      GetText(row, 4), GetInteger(row, 5), GetText(row, 6), GetInteger(row, 7),
                      GetInteger(row, 8), GetText(row, 9), GetText(row, 10), GetText(row, 11),
                      GetInteger(row, 12), GetText(row, 13), GetText(row, 14), GetInteger(row, 15));
  }
  return rows;
}

class ChildrenInsideTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    children_ = AddNursery(*world_);
    ASSERT_GT(children_.calm_b, 0);
    NurseryService nursery(world_->context);
    const Actor admin = world_->actor("admin");
    // An admission with a review date; the other children were born inside.
    ASSERT_TRUE(
        nursery.RecordAdmission(admin, children_.notice_a, {"2024-05-02", "2027-01-15"}).ok());
    // Two approved extensions for one child (the later one counts), then a
    // request still pending (it does not); a refused one for another child.
    for (const char* date : {"2027-06-01", "2027-09-01"}) {
      auto requested =
          nursery.RequestExtension(admin, children_.overdue_a, {"Tratamiento médico", date});
      ASSERT_TRUE(requested.ok()) << requested.status().ToString();
      ASSERT_TRUE(nursery.DecideExtension(admin, requested->id, {true, ""}).ok());
    }
    ASSERT_TRUE(
        nursery.RequestExtension(admin, children_.overdue_a, {"Pendiente", "2028-01-01"}).ok());
    auto refused = nursery.RequestExtension(admin, children_.calm_b, {"Rechazada", "2029-01-01"});
    ASSERT_TRUE(refused.ok());
    ASSERT_TRUE(nursery.DecideExtension(admin, refused->id, {false, "Sin fundamento"}).ok());
  }

  std::vector<BoardTuple> Read(const std::string& as, ChildrenInsideFilter filter = {}) {
    std::vector<BoardTuple> rows;
    Status status = world_->context.store->Read([&](Txn& txn) {
      return nursery_store::ForEachChildInside(
          txn, filter, world_->actor(as),
          [&](const ChildInsideRow& row) { rows.push_back(TupleOf(row)); });
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return rows;
  }

  std::vector<BoardTuple> Reference(std::optional<long long> facility_id = std::nullopt) {
    std::vector<BoardTuple> rows;
    Status status = world_->context.store->Read([&](Txn& txn) {
      rows = JoinedReference(txn);
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    if (facility_id) {
      std::erase_if(rows, [&](const BoardTuple& row) { return std::get<5>(row) != *facility_id; });
    }
    return rows;
  }

  std::unique_ptr<World> world_;
  NurseryChildren children_;
};

TEST_F(ChildrenInsideTest, TheMergedReadGivesWhatOneJoinGivesForEveryScope) {
  const std::vector<BoardTuple> everyone = Reference();
  ASSERT_EQ(everyone.size(), 4u);
  EXPECT_EQ(Read("admin"), everyone);
  EXPECT_EQ(Read("nursery_officer_a"), Reference(world_->facility_a));
  EXPECT_EQ(Read("nursery_officer_b"), Reference(world_->facility_b));
  ChildrenInsideFilter only_b;
  only_b.facility_id = world_->facility_b;
  EXPECT_EQ(Read("admin", only_b), Reference(world_->facility_b));
  // An officer of facility A asking for facility B gets nothing.
  EXPECT_TRUE(Read("nursery_officer_a", only_b).empty());
}

TEST_F(ChildrenInsideTest, TheLatestApprovedExtensionAndTheAdmissionAreOnTheirChild) {
  const std::vector<BoardTuple> rows = Read("admin");
  ASSERT_EQ(rows.size(), 4u);
  for (const BoardTuple& row : rows) {
    SCOPED_TRACE(std::get<0>(row));
    if (std::get<0>(row) == children_.overdue_a) {
      EXPECT_GT(std::get<12>(row), 0);
      EXPECT_EQ(std::get<13>(row), "2027-09-01");
      EXPECT_EQ(std::get<14>(row), "Tratamiento médico");
    } else {
      EXPECT_EQ(std::get<12>(row), 0);
      EXPECT_EQ(std::get<13>(row), "");
    }
    if (std::get<0>(row) == children_.notice_a) {
      EXPECT_EQ(std::get<10>(row), "2024-05-02");
      EXPECT_EQ(std::get<11>(row), "2027-01-15");
    } else {
      EXPECT_EQ(std::get<10>(row), std::get<4>(row));  // born inside: since birth
      EXPECT_EQ(std::get<11>(row), "-");
    }
  }
}

// Issue 14: a scoped board reads its children in scope first (for a
// facility's officer, the children inside her facility and the children
// inside whose parent is held there, each side limited to children inside),
// then their admissions and extensions by id. For every actor and both
// filters, it must give the reference join's rows of exactly the children a
// read by id lets her see (the scope's other shape, Txn::Visible), on the
// edges of an officer's scope: a child inside B whose father is held in A
// (on A's board, with her own admission), a child inside B whose link to a
// mother held in A is archived (not), a child living with relatives whose
// father is held in A (not inside), an archived child inside A (gone).
TEST_F(ChildrenInsideTest, Issue14_EveryScopeReadsTheChildrenInsideItSeesWithTheirOwnFacts) {
  const Actor admin = world_->actor("admin");
  const Record father_a = world_->AddParent("A", "male");
  world_->Link(father_a.id, children_.calm_b, "father");
  NurseryService nursery(world_->context);
  ASSERT_TRUE(nursery.RecordAdmission(admin, children_.calm_b, {"2025-02-01", "2027-06-30"}).ok());
  auto approved = nursery.RequestExtension(admin, children_.calm_b, {"Lactancia", "2028-06-01"});
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  ASSERT_TRUE(nursery.DecideExtension(admin, approved->id, {true, ""}).ok());
  const long long unlinked_b = ChildInside(*world_, world_->facility_b, "Sisa", "2025-06-01");
  const Record mother_a = world_->AddParent("A", "female");
  const Record archived_link = world_->Link(mother_a.id, unlinked_b, "mother");
  ASSERT_TRUE(
      world_->records
          ->SetArchived(admin, ParentChildLinkKind(), archived_link.id, archived_link.version, true)
          .ok());
  const Record with_relatives = world_->AddChild("A", "Amaru");
  world_->Link(father_a.id, with_relatives.id, "father");
  const long long gone_a = ChildInside(*world_, world_->facility_a, "Pacha", "2025-03-01");
  auto gone = world_->records->Get(admin, ChildKind(), gone_a);
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  ASSERT_TRUE(world_->records->SetArchived(admin, ChildKind(), gone_a, gone->version, true).ok());

  const std::vector<BoardTuple> everyone = Reference();
  ASSERT_EQ(everyone.size(), 5u);  // the four, and unlinked_b
  int compared = 0;
  for (const auto& [name, actor] : world_->actors) {
    if (KindAccess(actor.role, ChildKind()) == Access::kNone) continue;
    for (std::optional<long long> facility :
         {std::optional<long long>(), std::optional<long long>(world_->facility_a),
          std::optional<long long>(world_->facility_b)}) {
      SCOPED_TRACE(name + (facility ? ", facility " + std::to_string(*facility) : ""));
      std::vector<BoardTuple> expected;
      Status status = world_->context.store->Read([&](Txn& txn) -> Status {
        for (const BoardTuple& row : Reference(facility)) {
          VINCULO_ASSIGN_OR_RETURN(bool visible, txn.Visible(ChildKind(), std::get<0>(row), actor));
          if (visible) expected.push_back(row);
        }
        return Status::Ok();
      });
      ASSERT_TRUE(status.ok()) << status.ToString();
      ChildrenInsideFilter filter;
      filter.facility_id = facility;
      EXPECT_EQ(Read(name, filter), expected);
      ++compared;
    }
  }
  EXPECT_GT(compared, 15);
  // The edges, spelled out for facility A's officer.
  std::vector<long long> board_a;
  for (const BoardTuple& row : Read("nursery_officer_a")) board_a.push_back(std::get<0>(row));
  EXPECT_EQ(board_a, (std::vector<long long>{children_.overdue_a, children_.critical_a,
                                             children_.notice_a, children_.calm_b}));
  for (const BoardTuple& row : Read("nursery_officer_a")) {
    if (std::get<0>(row) != children_.calm_b) continue;
    EXPECT_EQ(std::get<10>(row), "2025-02-01");
    EXPECT_EQ(std::get<12>(row), approved->id);
    EXPECT_EQ(std::get<13>(row), "2028-06-01");
  }
}

// Issue 14: one facility's children are fetched a few hundred at a time (the
// batch of a facility's read is smaller than a whole board's, so that the 150
// nurseries of an administrator's home do not each allocate a whole board's
// buffers). A facility with more children inside than one such fetch gives
// every one of them, as the join does.
TEST_F(ChildrenInsideTest, Issue14_AFacilityWithMoreChildrenThanOneFetchGivesThemAll) {
  for (int child_idx = 0; child_idx < 300; ++child_idx) {
    ASSERT_GT(ChildInside(*world_, world_->facility_b, "Killa", "2025-04-01"), 0);
  }
  ChildrenInsideFilter only_b;
  only_b.facility_id = world_->facility_b;
  const std::vector<BoardTuple> expected = Reference(world_->facility_b);
  ASSERT_GT(expected.size(), 300u);
  EXPECT_EQ(Read("admin", only_b), expected);
  EXPECT_EQ(Read("nursery_officer_b", only_b), expected);
  EXPECT_EQ(Read("admin").size(), Reference().size());
}

}  // namespace
}  // namespace vinculo::testing
