#include "json/nursery_json.h"

#include <nlohmann/json.hpp>

#include "domain/ageout_reasons.h"
#include "json/reply_shape.h"
#include "service/figures.h"

namespace vinculo {

namespace {
namespace rs = reply_schema;

nlohmann::json AgeOutBasisSchema() {
  return rs::Choice({"jurisdiction_rule", "facility_override", "review_date", "extension"});
}

// The replies whose document schema comes from their shape (issue 17).
const ReplyShape<AgeOutDecisionRow>& AgeOutDecisionShape() {
  static const ReplyShape<AgeOutDecisionRow> shape(
      {
          {"id", rs::Id(), MemberOf(&AgeOutDecisionRow::id)},
          {"version", rs::Integer(), MemberOf(&AgeOutDecisionRow::version)},
          {"age_out_date", rs::Day(), MemberOf(&AgeOutDecisionRow::age_out_date)},
          {"basis", AgeOutBasisSchema(), MemberOf(&AgeOutDecisionRow::basis)},
          {"rule_id", rs::Nullable(rs::Id()),
           [](const AgeOutDecisionRow& row) { return OrNull(row.rule_id); }},
          {"extension_id", rs::Nullable(rs::Id()),
           [](const AgeOutDecisionRow& row) { return OrNull(row.extension_id); }},
          {"policy", rs::Choice({"rule_at_admission", "rule_in_force"}),
           MemberOf(&AgeOutDecisionRow::policy)},
          {"occasion",
           rs::Described(
               rs::Choice({"admission", "placement", "extension", "proposal", "existing"}),
               "existing: kept by the system for a child already inside before decisions were "
               "kept, from the rules as they stood before the first change."),
           MemberOf(&AgeOutDecisionRow::occasion)},
          {"decided_by_user_id", rs::Nullable(rs::Id()),
           [](const AgeOutDecisionRow& row) { return OrNull(row.decided_by); }},
          {"decided_at", rs::Text(), MemberOf(&AgeOutDecisionRow::decided_at)},
      },
      "The age-out decision kept for a child's stay inside: written with her admission, "
      "placement inside or approved extension, or by accepting a proposal.");
  return shape;
}

const ReplyShape<AgeOutProposalRow>& AgeOutProposalShape() {
  static const ReplyShape<AgeOutProposalRow> shape(
      {
          {"id", rs::Id(), MemberOf(&AgeOutProposalRow::id)},
          {"version", rs::Integer(), MemberOf(&AgeOutProposalRow::version)},
          {"child_id", rs::Id(), MemberOf(&AgeOutProposalRow::child_id)},
          {"decision_id", rs::Id(), MemberOf(&AgeOutProposalRow::decision_id)},
          {"kept_date", rs::Day(), MemberOf(&AgeOutProposalRow::kept_date)},
          {"kept_rule_id", rs::Nullable(rs::Id()),
           [](const AgeOutProposalRow& row) { return OrNull(row.kept_rule_id); }},
          {"proposed_date", rs::Day(), MemberOf(&AgeOutProposalRow::proposed_date)},
          {"proposed_basis", AgeOutBasisSchema(), MemberOf(&AgeOutProposalRow::proposed_basis)},
          {"proposed_rule_id", rs::Nullable(rs::Id()),
           [](const AgeOutProposalRow& row) { return OrNull(row.proposed_rule_id); }},
          {"proposed_max_age_months", rs::Nullable(rs::Integer()),
           [](const AgeOutProposalRow& row) { return OrNull(row.proposed_max_age_months); }},
          {"proposed_source", rs::Text(), MemberOf(&AgeOutProposalRow::proposed_source)},
          {"reason",
           rs::Described(rs::Text(), "Why it was made, in English (the audit trail's words)."),
           MemberOf(&AgeOutProposalRow::reason)},
          {"reason_code",
           rs::Described(rs::Choice({"rule_added", "rule_changed", "rule_archived", "rule_restored",
                                     "birth_date_corrected", "facility_limit_changed", "other"}),
                         "The same reason as a stable code, for a translated text."),
           [](const AgeOutProposalRow& row) {
             return nlohmann::json(ReasonCodeOf(row.reason).code);
           }},
          {"reason_rule_id",
           rs::Described(rs::Nullable(rs::Id()), "The rule version a rule_* reason names."),
           [](const AgeOutProposalRow& row) { return OrNull(ReasonCodeOf(row.reason).rule_id); }},
          {"status", rs::Choice({"pending", "accepted", "rejected", "withdrawn"}),
           [](const AgeOutProposalRow& row) {
             return nlohmann::json(AgeOutProposalStatusName(row.status));
           }},
          {"created_at", rs::Text(), MemberOf(&AgeOutProposalRow::created_at)},
          {"updated_at", rs::Text(), MemberOf(&AgeOutProposalRow::updated_at)},
          {"decided_by_user_id", rs::Nullable(rs::Id()),
           [](const AgeOutProposalRow& row) { return OrNull(row.decided_by); }},
          {"decided_at", rs::Nullable(rs::Text()),
           [](const AgeOutProposalRow& row) { return OrNull(row.decided_at); }},
      },
      "What a change of the co-residence rules would make of a child's kept age-out decision. "
      "At most one pending per child: a later change replaces it (its version goes up); a new "
      "decision withdraws it.");
  return shape;
}

// An object schema whose value may be null (the board's inline objects).
nlohmann::json NullableAllOf(const std::string& name, const std::string& description) {
  return {{"nullable", true}, {"description", description}, {"allOf", {rs::Ref(name)}}};
}

// A child's leave not yet returned, on her age-out row.
const ReplyShape<AgeOutRow::Leave>& AgeOutLeaveShape() {
  using Row = AgeOutRow::Leave;
  static const ReplyShape<Row> shape({
      {"id", rs::Id(), MemberOf(&Row::id)},
      {"state", rs::Choice({"booked", "out", "overdue"}), MemberOf(&Row::state)},
      {"left_at", rs::Text(), MemberOf(&Row::left_at)},
      {"due_back_at", rs::Text(), MemberOf(&Row::due_back_at)},
  });
  return shape;
}

// The rule, facility limit, review date or extension a child's age-out comes
// from; a rule or an extension id of 0 (none) is written null.
const ReplyShape<AgeOut>& AgeOutRuleShape() {
  const auto id_or_null = [](long long AgeOut::*member) {
    return [member](const AgeOut& age_out) {
      return age_out.*member ? nlohmann::json(age_out.*member) : nlohmann::json(nullptr);
    };
  };
  static const ReplyShape<AgeOut> shape({
      {"basis", AgeOutBasisSchema(),
       [](const AgeOut& age_out) { return nlohmann::json(AgeOutBasisName(age_out.basis)); }},
      {"rule_id", rs::Nullable(rs::Id()), id_or_null(&AgeOut::rule_id)},
      {"extension_id", rs::Nullable(rs::Id()), id_or_null(&AgeOut::extension_id)},
      {"max_age_months",
       {{"type", "integer"}, {"nullable", true}},
       [](const AgeOut& age_out) { return OrNull(age_out.max_age_months); }},
      {"source",
       rs::Described(rs::Text(),
                     "The rule's kind and source, the facility limit, or the extension's reason."),
       MemberOf(&AgeOut::source)},
  });
  return shape;
}

const ReplyShape<AgeOutRow>& AgeOutRowShape() {
  static const ReplyShape<AgeOutRow> shape({
      {"child_id", rs::Id(), MemberOf(&AgeOutRow::child_id)},
      {"pseudonym", rs::Text(), MemberOf(&AgeOutRow::pseudonym)},
      {"name", rs::Described(rs::Nullable(rs::Text()), "Null for auditors."),
       [](const AgeOutRow& row) { return OrNull(row.name); }},
      {"facility_id", rs::Id(), MemberOf(&AgeOutRow::facility_id)},
      {"facility", rs::Text(), MemberOf(&AgeOutRow::facility)},
      {"date_of_birth", rs::Day(), MemberOf(&AgeOutRow::date_of_birth)},
      {"alert_level", rs::Choice({"overdue", "critical", "warning", "notice", "none", "unknown"}),
       MemberOf(&AgeOutRow::alert_level)},
      {"transition_plan",
       rs::Described(rs::Choice({"missing", "draft", "approved"}), "The child's transition plan."),
       [](const AgeOutRow& row) { return nlohmann::json(row.TransitionPlanShown()); }},
      {"needs_plan",
       rs::Described({{"type", "boolean"}},
                     "Within the plan threshold (default 90 days) of the age-out, or past it, "
                     "without an approved transition plan."),
       MemberOf(&AgeOutRow::needs_plan)},
      {"leave",
       rs::Described(rs::Nullable(AgeOutLeaveShape().Schema()),
                     "The child's leave not yet returned, with its state now (issue 15): booked, "
                     "out or overdue; null when she is in."),
       [](const AgeOutRow& row) {
         return row.leave ? AgeOutLeaveShape().ToJson(*row.leave) : nlohmann::json(nullptr);
       }},
      {"decision",
       NullableAllOf("AgeOutDecision",
                     "The kept age-out decision the date comes from (issue 15); null for a child "
                     "kept before decisions were, computed until the first change of her "
                     "jurisdiction's rules."),
       [](const AgeOutRow& row) {
         return row.decision ? AgeOutDecisionShape().ToJson(*row.decision)
                             : nlohmann::json(nullptr);
       }},
      {"proposal",
       NullableAllOf("AgeOutProposal",
                     "A change of the rules that would move the date, waiting for a person; null "
                     "when none."),
       [](const AgeOutRow& row) {
         return row.proposal ? AgeOutProposalShape().ToJson(*row.proposal)
                             : nlohmann::json(nullptr);
       }},
      {"age_out_date", rs::Nullable(rs::Day()),
       [](const AgeOutRow& row) {
         return row.age_out ? nlohmann::json(FormatDate(row.age_out->age_out_date))
                            : nlohmann::json(nullptr);
       }},
      {"days_remaining",
       rs::Described({{"type", "integer"}, {"nullable", true}},
                     "Days from as_of to the age-out date; negative when overdue."),
       [](const AgeOutRow& row) {
         return row.age_out ? nlohmann::json(row.age_out->days_remaining) : nlohmann::json(nullptr);
       }},
      {"rule", rs::Nullable(AgeOutRuleShape().Schema()),
       [](const AgeOutRow& row) {
         return row.age_out ? AgeOutRuleShape().ToJson(*row.age_out) : nlohmann::json(nullptr);
       }},
      // Only when the age-out cannot be computed.
      {"problem",
       rs::Described(rs::Text(), "Why the age-out cannot be computed (alert_level unknown)."),
       [](const AgeOutRow& row) { return row.age_out ? Absent() : nlohmann::json(row.problem); },
       false},
  });
  return shape;
}

const ReplyShape<ExtensionRow>& ExtensionShape() {
  static const ReplyShape<ExtensionRow> shape({
      {"id", rs::Id(), MemberOf(&ExtensionRow::id)},
      {"child_id", rs::Id(), MemberOf(&ExtensionRow::child_id)},
      {"requested_on", rs::Day(), MemberOf(&ExtensionRow::requested_on)},
      {"requested_by_user_id", rs::Id(), MemberOf(&ExtensionRow::requested_by_user_id)},
      {"reason", rs::Text(), MemberOf(&ExtensionRow::reason)},
      {"new_age_out_date", rs::Day(), MemberOf(&ExtensionRow::new_age_out_date)},
      {"status", rs::Choice({"requested", "approved", "refused"}),
       [](const ExtensionRow& row) { return nlohmann::json(ExtensionStatusName(row.status)); }},
      {"decided_by_user_id", rs::Nullable(rs::Id()),
       [](const ExtensionRow& row) { return OrNull(row.approved_by_user_id); }},
      {"decided_on", rs::Nullable(rs::Day()),
       [](const ExtensionRow& row) { return OrNull(row.approved_on); }},
      {"decision_note", rs::Text(), MemberOf(&ExtensionRow::decision_note)},
      {"created_at", rs::Instant(), MemberOf(&ExtensionRow::created_at)},
  });
  return shape;
}

const ReplyShape<NurseryAdmission>& AdmissionShape() {
  static const ReplyShape<NurseryAdmission> shape({
      {"id", rs::Id(), MemberOf(&NurseryAdmission::id)},
      {"child_id", rs::Id(), MemberOf(&NurseryAdmission::child_id)},
      {"facility_id", rs::Id(), MemberOf(&NurseryAdmission::facility_id)},
      {"admitted_on", rs::Day(), MemberOf(&NurseryAdmission::admitted_on)},
      {"review_date", rs::Nullable(rs::Day()),
       [](const NurseryAdmission& row) { return OrNull(row.review_date); }},
  });
  return shape;
}

const ReplyShape<PregnancyRow>& PregnancyShape() {
  static const ReplyShape<PregnancyRow> shape({
      {"id", rs::Id(), MemberOf(&PregnancyRow::id)},
      {"parent_id", rs::Id(), MemberOf(&PregnancyRow::parent_id)},
      {"facility_id", rs::Id(), MemberOf(&PregnancyRow::facility_id)},
      {"due_date", rs::Day(), MemberOf(&PregnancyRow::due_date)},
      {"registered_on", rs::Day(), MemberOf(&PregnancyRow::registered_on)},
      {"status", rs::Choice({"expected", "born", "ended"}),
       [](const PregnancyRow& row) { return nlohmann::json(PregnancyStatusName(row.status)); }},
      {"child_id", rs::Described(rs::Nullable(rs::Id()), "The newborn's record once born."),
       [](const PregnancyRow& row) { return OrNull(row.child_id); }},
      {"outcome_on", rs::Described(rs::Nullable(rs::Day()), "When it was born or ended."),
       [](const PregnancyRow& row) { return OrNull(row.outcome_on); }},
      {"created_at", rs::Instant(), MemberOf(&PregnancyRow::created_at)},
  });
  return shape;
}

// A month's forecast of one nursery; for auditors each count from 1 to 4 is
// null (SmallCell).
const ReplyShape<ForecastMonth>& ForecastMonthShape() {
  using Row = ForecastMonth;
  static const auto count = [](long long Row::*member) {
    return [member](const Row& month) {
      auto shown = SmallCell(month.*member, month.suppress_small_cells);
      return shown ? nlohmann::json(*shown) : nlohmann::json(nullptr);
    };
  };
  static const nlohmann::json kCount = rs::Nullable({{"type", "integer"}});
  static const ReplyShape<Row> shape({
      {"facility_id", rs::Id(), MemberOf(&Row::facility_id)},
      {"facility", rs::Text(), MemberOf(&Row::facility)},
      {"month", {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}$"}}, MemberOf(&Row::month)},
      {"children", kCount, count(&Row::children)},
      {"cribs", rs::Described(kCount, "Children under 24 months."), count(&Row::cribs)},
      {"beds", rs::Described(kCount, "Children of 24 months and over."), count(&Row::beds)},
      {"age_outs", kCount, count(&Row::age_outs)},
      {"expected_births", kCount, count(&Row::expected_births)},
  });
  return shape;
}

}  // namespace

std::vector<std::pair<std::string, nlohmann::json>> NurseryReplySchemas() {
  return {{"AgeOutRow", AgeOutRowShape().Schema()},
          {"AgeOutDecision", AgeOutDecisionShape().Schema()},
          {"AgeOutProposal", AgeOutProposalShape().Schema()},
          {"Extension", ExtensionShape().Schema()},
          {"Admission", AdmissionShape().Schema()},
          {"Pregnancy", PregnancyShape().Schema()},
          {"ForecastMonth", ForecastMonthShape().Schema()}};
}

nlohmann::json AgeOutRowToJson(const AgeOutRow& row) { return AgeOutRowShape().ToJson(row); }

nlohmann::json AgeOutDecisionToJson(const AgeOutDecisionRow& decision) {
  return AgeOutDecisionShape().ToJson(decision);
}

nlohmann::json AgeOutProposalToJson(const AgeOutProposalRow& proposal) {
  return AgeOutProposalShape().ToJson(proposal);
}

nlohmann::json ExtensionToJson(const ExtensionRow& extension) {
  return ExtensionShape().ToJson(extension);
}

nlohmann::json AdmissionToJson(const NurseryAdmission& admission) {
  return AdmissionShape().ToJson(admission);
}

nlohmann::json PregnancyToJson(const PregnancyRow& pregnancy) {
  return PregnancyShape().ToJson(pregnancy);
}

nlohmann::json ForecastMonthToJson(const ForecastMonth& month) {
  return ForecastMonthShape().ToJson(month);
}

}  // namespace vinculo
