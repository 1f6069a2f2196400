// Issue 15, "each admission keeps its age-out decision", through
// RecordService and NurseryService on a real database (SQLite or
// PostgreSQL). The nursery world: Peru lets a child stay to 36 months (a rule
// from 1900-01-01); Wayta, born 2024-04-01 and living inside since birth in
// facility A, ages out on 2027-04-01. A back-dated law of 24 months from
// 2024-01-01 would make it 2026-04-01: it must not move her date, only
// propose it. The clock is fixed at 2026-11-23.
#include <gtest/gtest.h>

#include "service/nursery_service.h"
#include "service/rule_set.h"
#include "store/ageout_store.h"
#include "support/nursery_world.h"

namespace vinculo::testing {
namespace {

class Issue15AgeOutDecisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    children_ = AddNursery(*world_);
    ASSERT_GT(children_.calm_b, 0);
    nursery_ = std::make_unique<NurseryService>(world_->context);
  }

  // A Peruvian rule version of `months` from `from` (absent: open-ended).
  Result<Record> AddPeruRule(long long months, std::optional<std::string> from,
                             long long jurisdiction_id = 0) {
    FieldValues rule = {
        {"jurisdiction_id", jurisdiction_id ? jurisdiction_id : world_->jurisdiction_pe},
        {"allowed", true},
        {"max_age_months", months},
        {"rule_kind", std::string("law")},
        {"extension_possible", std::string("no")},
        {"source", std::string("Ley sintética retroactiva")}};
    if (from) rule["effective_from"] = *from;
    return world_->records->Create(world_->actor("admin"), CoresidenceRuleKind(), rule);
  }

  // The child's age-out date on the board as `as` sees it ("" when absent).
  std::string BoardDate(long long child_id, const std::string& as = "admin") {
    auto board = nursery_->AgeOutBoard(world_->actor(as), {});
    EXPECT_TRUE(board.ok()) << board.status().ToString();
    if (!board.ok()) return "";
    for (const AgeOutRow& row : *board) {
      if (row.child_id == child_id && row.age_out) return FormatDate(row.age_out->age_out_date);
    }
    return "";
  }

  // The child's own record, as the HTTP read gives it (NurseryService::ChildAgeOut).
  std::optional<AgeOutRow> OnHerRecord(long long child_id) {
    auto child = world_->records->Get(world_->actor("admin"), ChildKind(), child_id);
    EXPECT_TRUE(child.ok()) << child.status().ToString();
    if (!child.ok()) return std::nullopt;
    auto row = nursery_->ChildAgeOut(world_->actor("admin"), *child);
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row.ok() ? *row : std::nullopt;
  }

  std::vector<AgeOutProposalRow> Proposals(const std::string& as,
                                           std::optional<std::string> status = "pending") {
    AgeOutProposalQuery query;
    query.status = status;
    auto proposals = nursery_->AgeOutProposals(world_->actor(as), query);
    EXPECT_TRUE(proposals.ok()) << proposals.status().ToString();
    return proposals.ok() ? *proposals : std::vector<AgeOutProposalRow>{};
  }

  long long RulesOf(long long jurisdiction_id) {
    ListQuery query;
    query.filters["jurisdiction_id"] = jurisdiction_id;
    auto page = world_->records->List(world_->actor("admin"), CoresidenceRuleKind(), query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? static_cast<long long>(page->items.size()) : -1;
  }

  std::unique_ptr<World> world_;
  NurseryChildren children_;
  std::unique_ptr<NurseryService> nursery_;
};

TEST_F(Issue15AgeOutDecisionTest, Issue15_EachChildInsideKeepsHerDecisionFromHerAdmission) {
  auto row = OnHerRecord(children_.notice_a);
  ASSERT_TRUE(row && row->age_out && row->decision);
  EXPECT_EQ(FormatDate(row->age_out->age_out_date), "2027-04-01");
  EXPECT_EQ(row->decision->age_out_date, "2027-04-01");
  EXPECT_EQ(row->decision->policy, "rule_at_admission");
  EXPECT_EQ(row->decision->occasion, "placement");
  EXPECT_TRUE(row->decision->rule_id);
  EXPECT_FALSE(row->proposal);

  // Recording her admission decides again, in the same write.
  ASSERT_TRUE(nursery_
                  ->RecordAdmission(world_->actor("nursery_officer_a"), children_.notice_a,
                                    {"2024-05-01", std::nullopt})
                  .ok());
  row = OnHerRecord(children_.notice_a);
  ASSERT_TRUE(row && row->decision);
  EXPECT_EQ(row->decision->occasion, "admission");
  EXPECT_EQ(row->decision->decided_by, world_->actor("nursery_officer_a").user_id);
}

TEST_F(Issue15AgeOutDecisionTest,
       Issue15_ABackDatedLawChangeLeavesTheDecisionUnchangedAndMakesOneProposal) {
  auto rule = AddPeruRule(24, "2024-01-01");
  ASSERT_TRUE(rule.ok()) << rule.status().ToString();

  EXPECT_EQ(BoardDate(children_.notice_a), "2027-04-01");
  auto row = OnHerRecord(children_.notice_a);
  ASSERT_TRUE(row && row->age_out && row->proposal);
  EXPECT_EQ(FormatDate(row->age_out->age_out_date), "2027-04-01");
  EXPECT_EQ(row->proposal->kept_date, "2027-04-01");
  EXPECT_EQ(row->proposal->proposed_date, "2026-04-01");

  // Only Wayta: Killa and Inti were inside before the new law's date.
  const std::vector<AgeOutProposalRow> pending = Proposals("admin");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].child_id, children_.notice_a);
  EXPECT_EQ(pending[0].proposed_rule_id, rule->id);
  EXPECT_EQ(pending[0].reason, "rule version " + std::to_string(rule->id) + " added");
  EXPECT_EQ(pending[0].status, AgeOutProposalStatus::kPending);
}

TEST_F(Issue15AgeOutDecisionTest, Issue15_AcceptingTheProposalMovesTheDate) {
  ASSERT_TRUE(AddPeruRule(24, "2024-01-01").ok());
  const std::vector<AgeOutProposalRow> pending = Proposals("nursery_officer_a");
  ASSERT_EQ(pending.size(), 1u);
  auto accepted = nursery_->DecideAgeOutProposal(world_->actor("nursery_officer_a"), pending[0].id,
                                                 pending[0].version, true);
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->status, AgeOutProposalStatus::kAccepted);
  EXPECT_EQ(BoardDate(children_.notice_a), "2026-04-01");
  auto row = OnHerRecord(children_.notice_a);
  ASSERT_TRUE(row && row->decision);
  EXPECT_EQ(row->decision->age_out_date, "2026-04-01");
  EXPECT_EQ(row->decision->occasion, "proposal");
  EXPECT_FALSE(row->proposal);
  EXPECT_TRUE(Proposals("admin").empty());

  // Decided once: a second decision is a conflict.
  auto again = nursery_->DecideAgeOutProposal(world_->actor("admin"), pending[0].id,
                                              accepted->version, false);
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
}

// Issue 15: the whole-installation board and forecast read the kept
// decisions through a cache (service/kept_decisions.h) that holds them until
// they change. A second server (its own Store on the same database) and the
// first each show a decision changed by the other on their very next board,
// and every row's decision is the one the database holds (read child by
// child, without the cache).
TEST_F(Issue15AgeOutDecisionTest, Issue15_EveryServersBoardShowsAChangedDecisionAtOnce) {
  auto second_store = Store::Open(world_->database->target());
  ASSERT_TRUE(second_store.ok()) << second_store.status().ToString();
  ServiceContext second_context = world_->context;
  second_context.store = second_store->get();
  NurseryService second(second_context);
  const auto date_on = [&](NurseryService& service, long long child_id) {
    auto board = service.AgeOutBoard(world_->actor("admin"), {});
    EXPECT_TRUE(board.ok()) << board.status().ToString();
    std::string date;
    for (const AgeOutRow& row : board.ok() ? *board : std::vector<AgeOutRow>{}) {
      if (row.child_id == child_id && row.age_out) date = FormatDate(row.age_out->age_out_date);
    }
    return date;
  };
  // Both servers have read the board (and kept the decisions).
  EXPECT_EQ(date_on(*nursery_, children_.notice_a), "2027-04-01");
  EXPECT_EQ(date_on(second, children_.notice_a), "2027-04-01");

  // The law changes and the first server accepts the proposal: the second's
  // next board shows the new date.
  ASSERT_TRUE(AddPeruRule(24, "2024-01-01").ok());
  const std::vector<AgeOutProposalRow> pending = Proposals("admin");
  ASSERT_EQ(pending.size(), 1u);
  ASSERT_TRUE(
      nursery_
          ->DecideAgeOutProposal(world_->actor("admin"), pending[0].id, pending[0].version, true)
          .ok());
  EXPECT_EQ(date_on(second, children_.notice_a), "2026-04-01");
  EXPECT_EQ(date_on(*nursery_, children_.notice_a), "2026-04-01");

  // The second server records an admission: the first sees who decided.
  NurseryService second_nursery(second_context);
  ASSERT_TRUE(second_nursery
                  .RecordAdmission(world_->actor("nursery_officer_a"), children_.notice_a,
                                   {"2024-05-01", std::nullopt})
                  .ok());
  auto board = nursery_->AgeOutBoard(world_->actor("admin"), {});
  ASSERT_TRUE(board.ok()) << board.status().ToString();
  int checked = 0;
  for (const AgeOutRow& row : *board) {
    std::optional<AgeOutDecisionRow> stored;
    ASSERT_TRUE(world_->database->store()
                    .Read([&](Txn& txn) -> Status {
                      VINCULO_ASSIGN_OR_RETURN(stored, ageout_store::DecisionOf(txn, row.child_id));
                      return Status::Ok();
                    })
                    .ok());
    ASSERT_EQ(row.decision != nullptr, stored.has_value()) << row.child_id;
    if (!stored) continue;
    EXPECT_EQ(row.decision->version, stored->version) << row.child_id;
    EXPECT_EQ(row.decision->age_out_date, stored->age_out_date) << row.child_id;
    EXPECT_EQ(row.decision->occasion, stored->occasion) << row.child_id;
    ++checked;
  }
  EXPECT_GE(checked, 3);
  for (const AgeOutRow& row : *board) {
    if (row.child_id != children_.notice_a) continue;
    ASSERT_TRUE(row.decision);
    EXPECT_EQ(row.decision->occasion, "admission");
    EXPECT_EQ(row.decision->decided_by, world_->actor("nursery_officer_a").user_id);
  }
}

// Issue 15: a corrected date of birth does not move a kept date silently
// either: it stays, and a proposal for that child alone says what the
// correction would make of it, as a law change does.
TEST_F(Issue15AgeOutDecisionTest, Issue15_ACorrectedDateOfBirthIsProposedNotApplied) {
  auto wayta = world_->records->Get(world_->actor("admin"), ChildKind(), children_.notice_a);
  ASSERT_TRUE(wayta.ok()) << wayta.status().ToString();
  auto corrected =
      world_->records->Update(world_->actor("admin"), ChildKind(), children_.notice_a,
                              wayta->version, {{"date_of_birth", std::string("2024-06-01")}});
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  EXPECT_EQ(BoardDate(children_.notice_a), "2027-04-01");
  const std::vector<AgeOutProposalRow> pending = Proposals("admin");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].child_id, children_.notice_a);
  EXPECT_EQ(pending[0].kept_date, "2027-04-01");
  EXPECT_EQ(pending[0].proposed_date, "2027-06-01");
  EXPECT_EQ(pending[0].reason, "date of birth corrected");
  ASSERT_TRUE(nursery_
                  ->DecideAgeOutProposal(world_->actor("nursery_officer_a"), pending[0].id,
                                         pending[0].version, true)
                  .ok());
  EXPECT_EQ(BoardDate(children_.notice_a), "2027-06-01");

  // Other fields of hers make no proposal.
  auto again = world_->records->Get(world_->actor("admin"), ChildKind(), children_.notice_a);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(world_->records
                  ->Update(world_->actor("admin"), ChildKind(), children_.notice_a, again->version,
                           {{"school_name", std::string("Wawa Wasi Sintético")}})
                  .ok());
  EXPECT_TRUE(Proposals("admin").empty());
}

// Issue 15: a facility's own lower age limit is reviewed for its children
// only, like a law change: kept dates stay, proposals say the new ones.
TEST_F(Issue15AgeOutDecisionTest, Issue15_AFacilitysOwnLimitIsProposedForItsChildren) {
  auto facility = world_->records->Get(world_->actor("admin"), FacilityKind(), world_->facility_a);
  ASSERT_TRUE(facility.ok()) << facility.status().ToString();
  auto changed = world_->records->Update(world_->actor("admin"), FacilityKind(), world_->facility_a,
                                         facility->version, {{"nursery_max_age_months", 24LL}});
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(BoardDate(children_.notice_a), "2027-04-01");
  const std::vector<AgeOutProposalRow> pending = Proposals("admin");
  ASSERT_FALSE(pending.empty());
  bool wayta = false;
  for (const AgeOutProposalRow& proposal : pending) {
    EXPECT_NE(proposal.child_id, children_.calm_b) << "a child of facility B";
    EXPECT_EQ(proposal.reason, "the facility's own age limit changed");
    if (proposal.child_id == children_.notice_a) {
      wayta = true;
      EXPECT_EQ(proposal.proposed_date, "2026-04-01");
    }
  }
  EXPECT_TRUE(wayta);
}

TEST_F(Issue15AgeOutDecisionTest, Issue15_RejectingTheProposalKeepsTheDate) {
  ASSERT_TRUE(AddPeruRule(24, "2024-01-01").ok());
  const std::vector<AgeOutProposalRow> pending = Proposals("admin");
  ASSERT_EQ(pending.size(), 1u);
  auto rejected = nursery_->DecideAgeOutProposal(world_->actor("admin"), pending[0].id,
                                                 pending[0].version, false);
  ASSERT_TRUE(rejected.ok()) << rejected.status().ToString();
  EXPECT_EQ(rejected->status, AgeOutProposalStatus::kRejected);
  EXPECT_EQ(BoardDate(children_.notice_a), "2027-04-01");
  EXPECT_EQ(Proposals("admin", "rejected").size(), 1u);
  auto row = OnHerRecord(children_.notice_a);
  ASSERT_TRUE(row);
  EXPECT_FALSE(row->proposal);
}

TEST_F(Issue15AgeOutDecisionTest, Issue15_ASecondChangeReplacesThePendingProposal) {
  auto first = AddPeruRule(24, "2024-01-01");
  ASSERT_TRUE(first.ok());
  const std::vector<AgeOutProposalRow> before = Proposals("admin");
  ASSERT_EQ(before.size(), 1u);
  // A second back-dated version, 30 months from 2024-03-01.
  auto second = AddPeruRule(30, "2024-03-01");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  const std::vector<AgeOutProposalRow> after = Proposals("admin");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, before[0].id);
  EXPECT_EQ(after[0].version, before[0].version + 1);
  EXPECT_EQ(after[0].proposed_date, "2026-10-01");
  EXPECT_EQ(after[0].proposed_rule_id, second->id);
  EXPECT_EQ(after[0].reason, "rule version " + std::to_string(second->id) + " added");
  EXPECT_EQ(BoardDate(children_.notice_a), "2027-04-01");

  // Deciding on what one saw before the second change: 412, nothing changes.
  auto stale =
      nursery_->DecideAgeOutProposal(world_->actor("admin"), before[0].id, before[0].version, true);
  EXPECT_EQ(stale.status().code(), StatusCode::kPreconditionFailed);
  EXPECT_EQ(BoardDate(children_.notice_a), "2027-04-01");

  // Archiving the second version goes back to the first's proposal.
  auto archived = world_->records->SetArchived(world_->actor("admin"), CoresidenceRuleKind(),
                                               second->id, second->version, true);
  ASSERT_TRUE(archived.ok()) << archived.status().ToString();
  const std::vector<AgeOutProposalRow> third = Proposals("admin");
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0].proposed_date, "2026-04-01");
  EXPECT_EQ(third[0].reason, "rule version " + std::to_string(second->id) + " archived");
  // And archiving the first too leaves nothing to propose: withdrawn.
  auto first_archived = world_->records->SetArchived(world_->actor("admin"), CoresidenceRuleKind(),
                                                     first->id, first->version, true);
  ASSERT_TRUE(first_archived.ok()) << first_archived.status().ToString();
  EXPECT_TRUE(Proposals("admin").empty());
  EXPECT_EQ(Proposals("admin", "withdrawn").size(), 1u);
}

TEST_F(Issue15AgeOutDecisionTest, Issue15_AChildKeptBeforeDecisionsGetsHersBeforeTheFirstChange) {
  // As after migration 25 on an installation with children inside.
  ASSERT_TRUE(world_->context.store
                  ->Write([](Txn& txn) { return txn.Execute("DELETE FROM ageout_decisions"); })
                  .ok());
  auto row = OnHerRecord(children_.notice_a);
  ASSERT_TRUE(row && row->age_out);
  EXPECT_FALSE(row->decision);
  EXPECT_EQ(FormatDate(row->age_out->age_out_date), "2027-04-01");

  ASSERT_TRUE(AddPeruRule(24, "2024-01-01").ok());
  EXPECT_EQ(BoardDate(children_.notice_a), "2027-04-01");
  row = OnHerRecord(children_.notice_a);
  ASSERT_TRUE(row && row->decision && row->proposal);
  EXPECT_EQ(row->decision->occasion, "existing");
  EXPECT_FALSE(row->decision->decided_by);
  EXPECT_EQ(row->proposal->proposed_date, "2026-04-01");
}

TEST_F(Issue15AgeOutDecisionTest, Issue15_AnotherFacilitysProposalsReadAsNotFound) {
  ASSERT_TRUE(AddPeruRule(24, "2024-01-01").ok());
  const std::vector<AgeOutProposalRow> pending = Proposals("nursery_officer_a");
  ASSERT_EQ(pending.size(), 1u);
  for (const char* stranger : {"nursery_officer_b", "coordinator_b"}) {
    SCOPED_TRACE(stranger);
    EXPECT_TRUE(Proposals(stranger, std::nullopt).empty());
  }
  auto decided = nursery_->DecideAgeOutProposal(world_->actor("nursery_officer_b"), pending[0].id,
                                                pending[0].version, true);
  EXPECT_EQ(decided.status().code(), StatusCode::kNotFound);
  // Roles that do not change co-residence cannot decide at all.
  EXPECT_EQ(nursery_
                ->DecideAgeOutProposal(world_->actor("visits_officer_a"), pending[0].id,
                                       pending[0].version, true)
                .status()
                .code(),
            StatusCode::kForbidden);
  EXPECT_EQ(BoardDate(children_.notice_a), "2027-04-01");
  EXPECT_EQ(Proposals("admin").size(), 1u);
}

TEST_F(Issue15AgeOutDecisionTest, Issue15_ARuleVersionMayBeOpenEndedInThePastButOnlyOne) {
  const Actor& admin = world_->actor("admin");
  auto chile = world_->records->Create(
      admin, JurisdictionKind(),
      {{"code", std::string("CL")}, {"name", std::string("Chile (sintético)")}});
  ASSERT_TRUE(chile.ok());
  auto open = AddPeruRule(24, std::nullopt, chile->id);
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_FALSE(open->Text("effective_from"));

  auto second = AddPeruRule(30, std::nullopt, chile->id);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(second.status().field(), "effective_from");
  auto nonsense = AddPeruRule(30, "2024-02-30", chile->id);
  EXPECT_EQ(nonsense.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(nonsense.status().field(), "effective_from");
  EXPECT_EQ(RulesOf(chile->id), 1);

  // A later dated version beside it; a prison there; a child born in 2015
  // lives under the open-ended one.
  ASSERT_TRUE(AddPeruRule(36, "2020-01-01", chile->id).ok());
  auto prison = world_->records->Create(admin, FacilityKind(),
                                        {{"name", std::string("Penal Sintético de Chile")},
                                         {"kind", std::string("prison")},
                                         {"jurisdiction_id", chile->id},
                                         {"official_capacity", 80LL},
                                         {"current_population", 70LL},
                                         {"has_nursery", true}});
  ASSERT_TRUE(prison.ok());
  auto child = world_->records->Create(admin, ChildKind(),
                                       {{"given_names", std::string("Millaray")},
                                        {"family_names", std::string("Sintética")},
                                        {"date_of_birth", std::string("2019-06-01")},
                                        {"sex", std::string("female")},
                                        {"placement", std::string("inside_with_mother")},
                                        {"facility_id", prison->id}});
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  auto row = OnHerRecord(child->id);
  ASSERT_TRUE(row && row->age_out) << (row ? row->problem : "");
  EXPECT_EQ(FormatDate(row->age_out->age_out_date), "2021-06-01");
  EXPECT_EQ(row->age_out->rule_id, open->id);

  // The CSV: an empty effective_from is open-ended; two of one jurisdiction
  // are refused, naming the column, and nothing is written.
  const std::string header =
      "jurisdiction_code,jurisdiction_name,max_age_months,allowed,rule_kind,extension_possible,"
      "notes,source,effective_from\n";
  auto loaded = LoadCoresidenceRules(*world_->records, admin,
                                     header + "UY,Uruguay (sintético),48,yes,law,no,,Ley,\n");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->rules_created, 1);
  auto twice = LoadCoresidenceRules(*world_->records, admin,
                                    header + "PY,Paraguay (sintético),48,yes,law,no,,Ley,\n" +
                                        "PY,Paraguay (sintético),36,yes,law,no,,Ley,\n");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(twice.status().field(), "effective_from");
  auto beside_stored = LoadCoresidenceRules(
      *world_->records, admin, header + "CL,Chile (sintético),30,yes,law,no,,Otra ley,\n");
  ASSERT_FALSE(beside_stored.ok());
  EXPECT_EQ(RulesOf(chile->id), 2);
}

}  // namespace
}  // namespace vinculo::testing
