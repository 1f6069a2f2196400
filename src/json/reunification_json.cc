#include "json/reunification_json.h"

#include <nlohmann/json.hpp>

namespace vinculo {
namespace {

using nlohmann::json;

json OptionalText(const std::optional<std::string>& text) {
  return text ? json(*text) : json(nullptr);
}

json ParentOf(const Record& parent) {
  return {{"id", parent.id},
          {"name", parent.Text("given_names").value_or("") + " " +
                       parent.Text("family_names").value_or("")},
          {"custody_status", OptionalText(parent.Text("custody_status"))},
          {"expected_release_date", OptionalText(parent.Text("expected_release_date"))},
          {"released_on", OptionalText(parent.Text("released_on"))}};
}

}  // namespace

json ReunificationStepToJson(const ReunificationStep& step) {
  const reunification_store::StepRow& row = step.row;
  return {{"id", row.id},
          {"plan_id", row.plan_id},
          {"kind", row.kind},
          {"description", row.description},
          {"owner", {{"id", row.owner_user_id}, {"name", row.owner_name}}},
          {"due_on", row.due_on},
          {"status", StepStatusName(row.status)},
          {"overdue", step.overdue},
          {"version", row.version},
          {"updated_at", row.updated_at}};
}

json ReunificationPlanToJson(const ReunificationPlan& plan) {
  json steps = json::array();
  for (const ReunificationStep& step : plan.steps) steps.push_back(ReunificationStepToJson(step));
  return {{"id", plan.plan.id},
          {"parent", ParentOf(plan.parent)},
          {"status", ReunificationPlanStatusName(plan.plan.status)},
          {"note", plan.plan.note},
          {"version", plan.plan.version},
          {"created_at", plan.plan.created_at},
          {"closed_at", OptionalText(plan.plan.closed_at)},
          {"overdue_steps", plan.overdue_steps},
          {"steps", std::move(steps)}};
}

json ReunificationPlanSummaryToJson(const ReunificationPlanSummary& summary) {
  const reunification_store::PlanListRow& row = summary.row;
  return {{"id", row.plan.id},
          {"parent",
           {{"id", row.plan.parent_id},
            {"name", row.given_names + " " + row.family_names},
            {"custody_status", CustodyStatusName(row.custody_status)},
            {"expected_release_date", OptionalText(row.expected_release_date)},
            {"released_on", OptionalText(row.released_on)}}},
          {"status", ReunificationPlanStatusName(row.plan.status)},
          {"version", row.plan.version},
          {"steps", summary.steps},
          {"open_steps", summary.open_steps},
          {"overdue_steps", summary.overdue_steps}};
}

json StepOwnerToJson(const StepOwner& owner) {
  return {{"id", owner.user_id}, {"name", owner.name}, {"role", owner.role}};
}

json FollowUpContactToJson(const reunification_store::FollowUpContactRow& row) {
  return {{"id", row.id},
          {"parent_id", row.parent_id},
          {"contacted_on", row.contacted_on},
          {"kind", row.kind},
          {"note", row.note},
          {"recorded_by", row.recorded_by},
          {"created_at", row.created_at}};
}

json FollowUpListToJson(const FollowUpList& list) {
  json items = json::array();
  for (const FollowUpDue& family : list.families) {
    const reunification_store::ReleasedParentRow& row = family.row;
    items.push_back(
        {{"parent", {{"id", row.parent_id}, {"name", row.given_names + " " + row.family_names}}},
         {"released_on", row.released_on},
         {"follow_up_until", family.follow_up_until},
         {"last_contacted_on", OptionalText(row.last_contacted_on)},
         {"contacts", row.contacts},
         {"due", family.due}});
  }
  return {{"follow_up_days", list.follow_up_days}, {"items", std::move(items)}};
}

json FollowUpSettingsToJson(const reunification_store::FollowUpSettingsRow& row) {
  return {{"organisation_id", row.organisation_id},
          {"follow_up_days", row.follow_up_days},
          {"version", row.version},
          {"defaults", row.defaults}};
}

}  // namespace vinculo
