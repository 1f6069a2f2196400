// The prison nursery through NurseryService on a real database (SQLite or
// PostgreSQL): the age-out board and its scoping, extensions, pregnancies and
// the forecast. The clock is fixed at 2026-11-23.
#include "service/nursery_service.h"

#include <gtest/gtest.h>

#include "service/nursery_care_service.h"
#include "support/nursery_world.h"

namespace vinculo::testing {
namespace {

class NurseryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    children_ = AddNursery(*world_);
    ASSERT_GT(children_.calm_b, 0);
    nursery_ = std::make_unique<NurseryService>(world_->context);
  }

  std::vector<AgeOutRow> Board(const std::string& as, AgeOutQuery query = {}) {
    auto board = nursery_->AgeOutBoard(world_->actor(as), query);
    EXPECT_TRUE(board.ok()) << board.status().ToString();
    return board.ok() ? *board : std::vector<AgeOutRow>{};
  }

  static std::vector<long long> Ids(const std::vector<AgeOutRow>& board) {
    std::vector<long long> ids;
    for (const AgeOutRow& row : board) ids.push_back(row.child_id);
    return ids;
  }

  std::unique_ptr<World> world_;
  NurseryChildren children_;
  std::unique_ptr<NurseryService> nursery_;
};

TEST_F(NurseryServiceTest, TheBoardIsSortedByDaysRemainingWithAlertLevels) {
  const std::vector<AgeOutRow> board = Board("admin");
  ASSERT_EQ(board.size(), 4u);
  EXPECT_EQ(Ids(board), (std::vector<long long>{children_.overdue_a, children_.critical_a,
                                                children_.notice_a, children_.calm_b}));
  const char* levels[] = {"overdue", "critical", "notice", "none"};
  const long long days[] = {-22, 8, 129, 404};
  const char* dates[] = {"2026-11-01", "2026-12-01", "2027-04-01", "2028-01-01"};
  for (size_t row_idx = 0; row_idx < board.size(); ++row_idx) {
    SCOPED_TRACE(row_idx);
    ASSERT_TRUE(board[row_idx].age_out);
    EXPECT_EQ(board[row_idx].alert_level, levels[row_idx]);
    EXPECT_EQ(board[row_idx].age_out->days_remaining, days[row_idx]);
    EXPECT_EQ(FormatDate(board[row_idx].age_out->age_out_date), dates[row_idx]);
    EXPECT_EQ(board[row_idx].age_out->basis, AgeOutBasis::kJurisdictionRule);
    EXPECT_EQ(board[row_idx].age_out->source, "law: Ley sintética de prueba");
  }
  EXPECT_EQ(board[0].name, "Killa Quispe Huamán");
  EXPECT_EQ(board[3].facility_id, world_->facility_b);
}

TEST_F(NurseryServiceTest, WithinDaysKeepsTheNearAndTheOverdue) {
  AgeOutQuery query;
  query.within_days = 30;
  EXPECT_EQ(Ids(Board("admin", query)),
            (std::vector<long long>{children_.overdue_a, children_.critical_a}));
  query.within_days = -1;
  EXPECT_EQ(nursery_->AgeOutBoard(world_->actor("admin"), query).status().field(), "within_days");
}

TEST_F(NurseryServiceTest, ANurseryOfficerOfFacilityBDoesNotSeeFacilityAsChildren) {
  EXPECT_EQ(Ids(Board("nursery_officer_b")), (std::vector<long long>{children_.calm_b}));
  EXPECT_EQ(
      Ids(Board("nursery_officer_a")),
      (std::vector<long long>{children_.overdue_a, children_.critical_a, children_.notice_a}));
  AgeOutQuery other_facility;
  other_facility.facility_id = world_->facility_a;
  EXPECT_TRUE(Board("nursery_officer_b", other_facility).empty());
}

TEST_F(NurseryServiceTest, AnAuditorGetsTheForecastButNeverTheBoardOfChildren) {
  auto board = nursery_->AgeOutBoard(world_->actor("auditor"), AgeOutQuery{});
  EXPECT_EQ(board.status().code(), StatusCode::kForbidden);
}

TEST_F(NurseryServiceTest, AnExtensionWithoutAReasonIsRefusedAndNothingChanges) {
  ExtensionRequest request;
  request.reason = "   ";
  request.new_age_out_date = "2027-11-01";
  auto refused =
      nursery_->RequestExtension(world_->actor("nursery_officer_a"), children_.overdue_a, request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "reason");
  const std::vector<AgeOutRow> board = Board("admin");
  EXPECT_EQ(board[0].child_id, children_.overdue_a);
  EXPECT_EQ(board[0].age_out->basis, AgeOutBasis::kJurisdictionRule);
}

TEST_F(NurseryServiceTest, AnApprovedExtensionMovesTheAgeOutAndIsAudited) {
  ExtensionRequest request;
  request.reason = "En tratamiento pediátrico hasta el alta";
  request.new_age_out_date = "2027-11-01";
  auto requested =
      nursery_->RequestExtension(world_->actor("nursery_officer_a"), children_.overdue_a, request);
  ASSERT_TRUE(requested.ok()) << requested.status().ToString();
  EXPECT_EQ(requested->status, ExtensionStatus::kRequested);
  // A request changes nothing until it is approved.
  EXPECT_EQ(Board("admin")[0].child_id, children_.overdue_a);

  ExtensionDecision refusal_without_reason;
  EXPECT_EQ(nursery_->DecideExtension(world_->actor("admin"), requested->id, refusal_without_reason)
                .status()
                .field(),
            "note");
  // Another facility's officer cannot see it; a caregiver may not decide.
  ExtensionDecision approve{true, ""};
  EXPECT_EQ(nursery_->DecideExtension(world_->actor("nursery_officer_b"), requested->id, approve)
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(nursery_->DecideExtension(world_->actor("caregiver_a"), requested->id, approve)
                .status()
                .code(),
            StatusCode::kForbidden);

  auto approved = nursery_->DecideExtension(world_->actor("admin"), requested->id, approve);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->status, ExtensionStatus::kApproved);
  EXPECT_EQ(
      nursery_->DecideExtension(world_->actor("admin"), requested->id, approve).status().code(),
      StatusCode::kConflict);

  // 343 days now: after Wayta (129), before Xóchitl (404).
  const std::vector<AgeOutRow> board = Board("admin");
  ASSERT_EQ(board.size(), 4u);
  const AgeOutRow& last = board[2];
  EXPECT_EQ(last.child_id, children_.overdue_a);
  EXPECT_EQ(last.age_out->basis, AgeOutBasis::kExtension);
  EXPECT_EQ(FormatDate(last.age_out->age_out_date), "2027-11-01");
  EXPECT_EQ(last.age_out->source, "En tratamiento pediátrico hasta el alta");

  Status audited = world_->context.store->Read([&](Txn& txn) -> Status {
    auto trail = txn.AuditTrail("coresidence_extensions", requested->id, 10);
    if (!trail.ok()) return trail.status();
    EXPECT_EQ(trail->size(), 2u);
    return Status::Ok();
  });
  EXPECT_TRUE(audited.ok()) << audited.ToString();
}

TEST_F(NurseryServiceTest, AnExtensionForAChildOfAnotherFacilityIsNotFound) {
  ExtensionRequest request{"motivo", "2027-11-01"};
  EXPECT_EQ(
      nursery_->RequestExtension(world_->actor("nursery_officer_b"), children_.overdue_a, request)
          .status()
          .code(),
      StatusCode::kNotFound);
}

TEST_F(NurseryServiceTest, APregnancyWithAPastDueDateIsRefused) {
  auto refused = nursery_->RegisterPregnancy(world_->actor("nursery_officer_b"),
                                             {children_.mother_b, "2026-11-22"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "due_date");
  ForecastQuery query;
  query.from_month = *ParseDate("2026-12-01");
  auto forecast = nursery_->Forecast(world_->actor("admin"), query);
  ASSERT_TRUE(forecast.ok());
  for (const ForecastMonth& month : *forecast) EXPECT_EQ(month.expected_births, 0);
}

TEST_F(NurseryServiceTest, TheForecastCountsChildrenCribsBedsAgeOutsAndBirths) {
  auto pregnancy = nursery_->RegisterPregnancy(world_->actor("nursery_officer_b"),
                                               {children_.mother_b, "2027-02-10"});
  ASSERT_TRUE(pregnancy.ok()) << pregnancy.status().ToString();
  EXPECT_EQ(pregnancy->facility_id, world_->facility_b);

  ForecastQuery query;
  query.from_month = *ParseDate("2026-12-15");
  query.months = 4;
  auto forecast = nursery_->Forecast(world_->actor("admin"), query);
  ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
  ASSERT_EQ(forecast->size(), 8u);  // two facilities, four months

  struct Expected {
    long long facility_id;
    const char* month;
    long long children, cribs, beds, age_outs, births;
  };
  const Expected expected[] = {
      // A: the overdue child has left; the critical one leaves on 1 December.
      {world_->facility_a, "2026-12", 1, 0, 1, 1, 0},
      {world_->facility_a, "2027-01", 1, 0, 1, 0, 0},
      {world_->facility_a, "2027-02", 1, 0, 1, 0, 0},
      {world_->facility_a, "2027-03", 1, 0, 1, 0, 0},
      // B: Xóchitl turns 24 months on 1 January (crib, then bed); a baby due in February.
      {world_->facility_b, "2026-12", 1, 1, 0, 0, 0},
      {world_->facility_b, "2027-01", 1, 0, 1, 0, 0},
      {world_->facility_b, "2027-02", 1, 0, 1, 0, 1},
      {world_->facility_b, "2027-03", 2, 1, 1, 0, 0},
  };
  for (const Expected& row : expected) {
    SCOPED_TRACE(std::string(row.month) + " facility " + std::to_string(row.facility_id));
    const ForecastMonth* found = nullptr;
    for (const ForecastMonth& month : *forecast) {
      if (month.facility_id == row.facility_id && month.month == row.month) found = &month;
    }
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->children, row.children);
    EXPECT_EQ(found->cribs, row.cribs);
    EXPECT_EQ(found->beds, row.beds);
    EXPECT_EQ(found->age_outs, row.age_outs);
    EXPECT_EQ(found->expected_births, row.births);
  }

  // The officer of B forecasts B only.
  auto scoped = nursery_->Forecast(world_->actor("nursery_officer_b"), query);
  ASSERT_TRUE(scoped.ok()) << scoped.status().ToString();
  ASSERT_EQ(scoped->size(), 4u);
  for (const ForecastMonth& month : *scoped) EXPECT_EQ(month.facility_id, world_->facility_b);
}

TEST_F(NurseryServiceTest, AnAdmissionDateDecidesTheRuleUnderTheDefaultPolicy) {
  // Peru lowers its limit to 24 months from 2025-01-01. Wayta (born
  // 2024-04-01) was admitted in 2024: the rule at admission keeps 36 months.
  auto rule = world_->records->Create(world_->actor("admin"), CoresidenceRuleKind(),
                                      {{"jurisdiction_id", world_->jurisdiction_pe},
                                       {"allowed", true},
                                       {"max_age_months", 24LL},
                                       {"rule_kind", std::string("law")},
                                       {"extension_possible", std::string("no")},
                                       {"effective_from", std::string("2025-01-01")},
                                       {"source", std::string("Ley nueva")}});
  ASSERT_TRUE(rule.ok()) << rule.status().ToString();
  auto admission = nursery_->RecordAdmission(world_->actor("nursery_officer_a"), children_.notice_a,
                                             {"2024-06-01", std::nullopt});
  ASSERT_TRUE(admission.ok()) << admission.status().ToString();
  AgeOutQuery query;
  query.facility_id = world_->facility_a;
  for (const AgeOutRow& row : Board("admin", query)) {
    if (row.child_id != children_.notice_a) continue;
    EXPECT_EQ(FormatDate(row.age_out->age_out_date), "2027-04-01");
  }
  // Under the policy "the rule in force applies to everyone inside", the
  // decision kept at her admission follows the new law (issue 15: the policy
  // is part of the kept decision, so it takes a new admission to apply it).
  NurseryOptions in_force;
  in_force.policy = CoresidencePolicy::kRuleInForce;
  NurseryService new_law(world_->context, in_force);
  ASSERT_TRUE(new_law
                  .RecordAdmission(world_->actor("nursery_officer_a"), children_.notice_a,
                                   {"2024-06-01", std::nullopt})
                  .ok());
  auto board = new_law.AgeOutBoard(world_->actor("admin"), query);
  ASSERT_TRUE(board.ok());
  bool seen = false;
  for (const AgeOutRow& row : *board) {
    if (row.child_id != children_.notice_a) continue;
    seen = true;
    EXPECT_EQ(FormatDate(row.age_out->age_out_date), "2026-04-01");
    EXPECT_EQ(row.age_out->source, "law: Ley nueva");
  }
  EXPECT_TRUE(seen);
  // An admission in the future is refused.
  EXPECT_EQ(nursery_
                ->RecordAdmission(world_->actor("nursery_officer_a"), children_.notice_a,
                                  {"2027-01-01", std::nullopt})
                .status()
                .field(),
            "admitted_on");
}

TEST_F(NurseryServiceTest, NoFixedLimitNeedsAReviewDateAndIsListedFirstUntilItHasOne) {
  const Actor& admin = world_->actor("admin");
  auto sweden = world_->records->Create(admin, JurisdictionKind(),
                                        {{"code", std::string("SE")},
                                         {"name", std::string("Sverige")},
                                         {"country_code", std::string("SE")}});
  ASSERT_TRUE(sweden.ok()) << sweden.status().ToString();
  ASSERT_TRUE(world_->records
                  ->Create(admin, CoresidenceRuleKind(),
                           {{"jurisdiction_id", sweden->id},
                            {"allowed", true},
                            {"rule_kind", std::string("practice")},
                            {"extension_possible", std::string("unknown")},
                            {"effective_from", std::string("1900-01-01")},
                            {"source", std::string("Individual assessment")}})
                  .ok());
  auto facility = world_->records->Create(admin, FacilityKind(),
                                          {{"name", std::string("Anstalt (syntetisk)")},
                                           {"kind", std::string("prison")},
                                           {"jurisdiction_id", sweden->id},
                                           {"official_capacity", 80LL},
                                           {"current_population", 70LL}});
  ASSERT_TRUE(facility.ok()) << facility.status().ToString();
  auto child = world_->records->Create(admin, ChildKind(),
                                       {{"given_names", std::string("Astrid")},
                                        {"family_names", std::string("Synt")},
                                        {"date_of_birth", std::string("2025-06-01")},
                                        {"sex", std::string("female")},
                                        {"placement", std::string("inside_with_mother")},
                                        {"facility_id", facility->id}});
  ASSERT_TRUE(child.ok()) << child.status().ToString();

  std::vector<AgeOutRow> board = Board("admin");
  ASSERT_EQ(board.size(), 5u);
  EXPECT_EQ(board[0].child_id, child->id);
  EXPECT_FALSE(board[0].age_out);
  EXPECT_EQ(board[0].alert_level, "unknown");
  EXPECT_NE(board[0].problem.find("review date"), std::string::npos) << board[0].problem;

  auto admission =
      nursery_->RecordAdmission(admin, child->id, {"2025-06-01", std::string("2027-02-01")});
  ASSERT_TRUE(admission.ok()) << admission.status().ToString();
  board = Board("admin");
  bool seen = false;
  for (const AgeOutRow& row : board) {
    if (row.child_id != child->id) continue;
    seen = true;
    ASSERT_TRUE(row.age_out);
    EXPECT_EQ(row.age_out->basis, AgeOutBasis::kReviewDate);
    EXPECT_EQ(FormatDate(row.age_out->age_out_date), "2027-02-01");
    EXPECT_EQ(row.alert_level, "warning");
  }
  EXPECT_TRUE(seen);
}

TEST_F(NurseryServiceTest, ANotAllowedJurisdictionShowsTheReasonOnTheBoard) {
  const Actor& admin = world_->actor("admin");
  auto norway = world_->records->Create(
      admin, JurisdictionKind(), {{"code", std::string("NO")}, {"name", std::string("Norge")}});
  ASSERT_TRUE(norway.ok());
  ASSERT_TRUE(world_->records
                  ->Create(admin, CoresidenceRuleKind(),
                           {{"jurisdiction_id", norway->id},
                            {"allowed", false},
                            {"rule_kind", std::string("law")},
                            {"extension_possible", std::string("no")},
                            {"effective_from", std::string("1900-01-01")},
                            {"source", std::string("SPACE I")}})
                  .ok());
  auto facility = world_->records->Create(admin, FacilityKind(),
                                          {{"name", std::string("Fengsel (syntetisk)")},
                                           {"kind", std::string("prison")},
                                           {"jurisdiction_id", norway->id},
                                           {"official_capacity", 80LL},
                                           {"current_population", 70LL}});
  ASSERT_TRUE(facility.ok());
  auto child =
      world_->records->Create(admin, ChildKind(),
                              {{"given_names", std::string("Ingrid")},
                               {"family_names", std::string("Synt")},
                               {"date_of_birth", std::string("2026-01-01")},
                               {"sex", std::string("female")},
                               {"placement", std::string("inside_with_mother")},
                               {"facility_id", facility->id},
                               // Refused without (issue 15).
                               {"coresidence_exception", std::string("Orden judicial sintética")}});
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  const std::vector<AgeOutRow> board = Board("admin");
  ASSERT_FALSE(board.empty());
  EXPECT_EQ(board[0].child_id, child->id);
  EXPECT_EQ(board[0].problem, "co-residence is not allowed in NO");
}

// Issue 14: an officer's board reads her children in scope once and what it
// shows beside them (plans, leaves) for the facilities they live in. A child
// living inside prison B whose father is held in prison A is on A's officer's
// board with her own plan and leave, and no child of B unlinked to A is; B's
// officer sees the same facts for her.
TEST_F(NurseryServiceTest, AnOfficersBoardShowsEachChildsOwnFactsAcrossFacilities) {
  const Record father = world_->AddParent("A", "male");
  world_->Link(father.id, children_.calm_b, "father");
  const long long other_b = ChildInside(*world_, world_->facility_b, "Sisa", "2025-06-01");
  NurseryCareService care(world_->context);
  TransitionPlanRequest plan;
  plan.destination = "relatives";
  plan.receiving_party = "Abuela paterna (sintética)";
  plan.consulted = "madre; abuela";
  plan.steps = {{"2026-12-10", "Visita de la abuela"}};
  ASSERT_TRUE(
      care.SaveTransitionPlan(world_->actor("nursery_officer_b"), children_.calm_b, plan).ok());
  ASSERT_TRUE(
      care.SaveTransitionPlan(world_->actor("nursery_officer_a"), children_.notice_a, plan).ok());
  auto adult = care.AddAuthorisedAdult(world_->actor("nursery_officer_b"), children_.calm_b,
                                       {"Rosa Sintética", "abuela", "INE 00000002"});
  ASSERT_TRUE(adult.ok()) << adult.status().ToString();
  LeaveRequest leave{adult->id, "weekend_with_relatives", "2026-11-22T09:00:00Z",
                     "2026-11-24T18:00:00Z", ""};
  auto started = care.StartLeave(world_->actor("nursery_officer_b"), children_.calm_b, leave);
  ASSERT_TRUE(started.ok()) << started.status().ToString();

  const std::vector<AgeOutRow> board_a = Board("nursery_officer_a");
  EXPECT_EQ(Ids(board_a), (std::vector<long long>{children_.overdue_a, children_.critical_a,
                                                  children_.notice_a, children_.calm_b}));
  const std::vector<AgeOutRow> board_b = Board("nursery_officer_b");
  EXPECT_EQ(Ids(board_b), (std::vector<long long>{children_.calm_b, other_b}));
  for (const std::vector<AgeOutRow>& board : {board_a, board_b}) {
    for (const AgeOutRow& row : board) {
      SCOPED_TRACE(row.child_id);
      const bool planned = row.child_id == children_.calm_b || row.child_id == children_.notice_a;
      EXPECT_STREQ(row.TransitionPlanShown(), planned ? "draft" : "missing");
      EXPECT_EQ(row.leave.has_value(), row.child_id == children_.calm_b);
      if (row.leave) {
        EXPECT_EQ(row.leave->id, started->id);
      }
    }
  }
}

}  // namespace
}  // namespace vinculo::testing
