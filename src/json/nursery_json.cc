#include "json/nursery_json.h"

#include <nlohmann/json.hpp>

#include "domain/ageout_reasons.h"
#include "service/figures.h"

namespace vinculo {

namespace {
template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json AgeOutRowToJson(const AgeOutRow& row) {
  nlohmann::json json = {{"child_id", row.child_id},       {"pseudonym", row.pseudonym},
                         {"name", OrNull(row.name)},       {"facility_id", row.facility_id},
                         {"facility", row.facility},       {"date_of_birth", row.date_of_birth},
                         {"alert_level", row.alert_level}, {"transition_plan", row.TransitionPlanShown()},
                         {"needs_plan", row.needs_plan}};
  json["leave"] = nullptr;
  if (row.leave) {
    json["leave"] = {{"id", row.leave->id},
                     {"state", row.leave->state},
                     {"left_at", row.leave->left_at},
                     {"due_back_at", row.leave->due_back_at}};
  }
  json["decision"] = row.decision ? AgeOutDecisionToJson(*row.decision) : nlohmann::json(nullptr);
  json["proposal"] = row.proposal ? AgeOutProposalToJson(*row.proposal) : nlohmann::json(nullptr);
  if (row.age_out) {
    const AgeOut& age_out = *row.age_out;
    json["age_out_date"] = FormatDate(age_out.age_out_date);
    json["days_remaining"] = age_out.days_remaining;
    json["rule"] = {
        {"basis", AgeOutBasisName(age_out.basis)},
        {"rule_id", age_out.rule_id ? nlohmann::json(age_out.rule_id) : nlohmann::json(nullptr)},
        {"extension_id",
         age_out.extension_id ? nlohmann::json(age_out.extension_id) : nlohmann::json(nullptr)},
        {"max_age_months", OrNull(age_out.max_age_months)},
        {"source", age_out.source}};
  } else {
    json["age_out_date"] = nullptr;
    json["days_remaining"] = nullptr;
    json["rule"] = nullptr;
    json["problem"] = row.problem;
  }
  return json;
}

nlohmann::json AgeOutDecisionToJson(const AgeOutDecisionRow& decision) {
  return {{"id", decision.id},
          {"version", decision.version},
          {"age_out_date", decision.age_out_date},
          {"basis", decision.basis},
          {"rule_id", OrNull(decision.rule_id)},
          {"extension_id", OrNull(decision.extension_id)},
          {"policy", decision.policy},
          {"occasion", decision.occasion},
          {"decided_by_user_id", OrNull(decision.decided_by)},
          {"decided_at", decision.decided_at}};
}

nlohmann::json AgeOutProposalToJson(const AgeOutProposalRow& proposal) {
  const AgeOutReasonCode reason = ReasonCodeOf(proposal.reason);
  return {{"id", proposal.id},
          {"version", proposal.version},
          {"child_id", proposal.child_id},
          {"decision_id", proposal.decision_id},
          {"kept_date", proposal.kept_date},
          {"kept_rule_id", OrNull(proposal.kept_rule_id)},
          {"proposed_date", proposal.proposed_date},
          {"proposed_basis", proposal.proposed_basis},
          {"proposed_rule_id", OrNull(proposal.proposed_rule_id)},
          {"proposed_max_age_months", OrNull(proposal.proposed_max_age_months)},
          {"proposed_source", proposal.proposed_source},
          {"reason", proposal.reason},
          {"reason_code", reason.code},
          {"reason_rule_id", OrNull(reason.rule_id)},
          {"status", AgeOutProposalStatusName(proposal.status)},
          {"created_at", proposal.created_at},
          {"updated_at", proposal.updated_at},
          {"decided_by_user_id", OrNull(proposal.decided_by)},
          {"decided_at", OrNull(proposal.decided_at)}};
}

nlohmann::json ExtensionToJson(const ExtensionRow& extension) {
  return {{"id", extension.id},
          {"child_id", extension.child_id},
          {"requested_on", extension.requested_on},
          {"requested_by_user_id", extension.requested_by_user_id},
          {"reason", extension.reason},
          {"new_age_out_date", extension.new_age_out_date},
          {"status", ExtensionStatusName(extension.status)},
          {"decided_by_user_id", OrNull(extension.approved_by_user_id)},
          {"decided_on", OrNull(extension.approved_on)},
          {"decision_note", extension.decision_note},
          {"created_at", extension.created_at}};
}

nlohmann::json AdmissionToJson(const NurseryAdmission& admission) {
  return {{"id", admission.id},
          {"child_id", admission.child_id},
          {"facility_id", admission.facility_id},
          {"admitted_on", admission.admitted_on},
          {"review_date", OrNull(admission.review_date)}};
}

nlohmann::json PregnancyToJson(const PregnancyRow& pregnancy) {
  return {{"id", pregnancy.id},
          {"parent_id", pregnancy.parent_id},
          {"facility_id", pregnancy.facility_id},
          {"due_date", pregnancy.due_date},
          {"registered_on", pregnancy.registered_on},
          {"status", PregnancyStatusName(pregnancy.status)},
          {"child_id", OrNull(pregnancy.child_id)},
          {"outcome_on", OrNull(pregnancy.outcome_on)},
          {"created_at", pregnancy.created_at}};
}

nlohmann::json ForecastMonthToJson(const ForecastMonth& month) {
  const auto cell = [&](long long count) -> nlohmann::json {
    auto shown = SmallCell(count, month.suppress_small_cells);
    return shown ? nlohmann::json(*shown) : nlohmann::json(nullptr);
  };
  return {{"facility_id", month.facility_id},
          {"facility", month.facility},
          {"month", month.month},
          {"children", cell(month.children)},
          {"cribs", cell(month.cribs)},
          {"beds", cell(month.beds)},
          {"age_outs", cell(month.age_outs)},
          {"expected_births", cell(month.expected_births)}};
}

}  // namespace vinculo
