#include "json/reunification_json.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "json/reply_shape.h"

namespace vinculo {
namespace {

using nlohmann::json;

namespace rs = reply_schema;

// The parent a plan is for, from the plan's record of her or a list's row.
struct PlanParent {
  long long id = 0;
  std::string name;
  std::optional<std::string> custody_status;
  std::optional<std::string> expected_release_date;
  std::optional<std::string> released_on;
};

PlanParent ParentOf(const Record& parent) {
  return {parent.id,
          parent.Text("given_names").value_or("") + " " + parent.Text("family_names").value_or(""),
          parent.Text("custody_status"), parent.Text("expected_release_date"),
          parent.Text("released_on")};
}

PlanParent ParentOf(const reunification_store::PlanListRow& row) {
  return {row.plan.parent_id, row.given_names + " " + row.family_names,
          std::string(CustodyStatusName(row.custody_status)), row.expected_release_date,
          row.released_on};
}

// A step's owner: {id, name} as IdAndNameShape, each property described.
const ReplyShape<IdAndName>& OwnerShape() {
  static const ReplyShape<IdAndName> shape({
      {"id", rs::Described(rs::Id(), "A user of the plan's organisation."),
       MemberOf(&IdAndName::id)},
      {"name", rs::Described(rs::Text(), "Her display name."), MemberOf(&IdAndName::name)},
  });
  return shape;
}

// A released family in the follow-up list.
const ReplyShape<FollowUpDue>& FollowUpItemShape() {
  static const ReplyShape<FollowUpDue> shape({
      {"parent", IdAndNameShape().Schema(),
       [](const FollowUpDue& family) {
         const reunification_store::ReleasedParentRow& row = family.row;
         return IdAndNameShape().ToJson({row.parent_id, row.given_names + " " + row.family_names});
       }},
      {"released_on", rs::Day(),
       [](const FollowUpDue& family) { return json(family.row.released_on); }},
      {"follow_up_until", rs::Day(), MemberOf(&FollowUpDue::follow_up_until)},
      {"last_contacted_on", rs::Nullable(rs::Day()),
       [](const FollowUpDue& family) { return OrNull(family.row.last_contacted_on); }},
      {"contacts", rs::Integer(),
       [](const FollowUpDue& family) { return json(family.row.contacts); }},
      {"due", rs::Described(rs::Boolean(), "No contact, nor the release, in the last 30 days."),
       MemberOf(&FollowUpDue::due)},
  });
  return shape;
}

// The replies whose document schema comes from their shape (issue 17).
const ReplyShape<PlanParent>& PlanParentShape() {
  static const ReplyShape<PlanParent> shape(
      {
          {"id", rs::Id(), MemberOf(&PlanParent::id)},
          {"name", rs::Text(), MemberOf(&PlanParent::name)},
          {"custody_status",
           {{"type", "string"}, {"nullable", true}, {"enum", {"incarcerated", "released"}}},
           [](const PlanParent& parent) { return OrNull(parent.custody_status); }},
          {"expected_release_date", rs::Nullable(rs::Day()),
           [](const PlanParent& parent) { return OrNull(parent.expected_release_date); }},
          {"released_on", rs::Nullable(rs::Day()),
           [](const PlanParent& parent) { return OrNull(parent.released_on); }},
      },
      "The parent a reunification plan is for.");
  return shape;
}

const ReplyShape<ReunificationStep>& StepShape() {
  static const ReplyShape<ReunificationStep> shape(
      {
          {"id", rs::Id(), [](const ReunificationStep& step) { return json(step.row.id); }},
          {"plan_id", rs::Id(),
           [](const ReunificationStep& step) { return json(step.row.plan_id); }},
          {"kind",
           rs::Choice({"housing", "income", "school_place", "custody_legal",
                       "contact_before_release", "other"}),
           [](const ReunificationStep& step) { return json(step.row.kind); }},
          {"description", rs::Text(),
           [](const ReunificationStep& step) { return json(step.row.description); }},
          {"owner", OwnerShape().Schema(),
           [](const ReunificationStep& step) {
             return OwnerShape().ToJson({step.row.owner_user_id, step.row.owner_name});
           }},
          {"due_on", rs::Day(),
           [](const ReunificationStep& step) { return json(step.row.due_on); }},
          {"status", rs::Choice({"pending", "in_progress", "done", "cancelled"}),
           [](const ReunificationStep& step) { return json(StepStatusName(step.row.status)); }},
          {"overdue",
           rs::Described(rs::Boolean(), "Due date passed and still pending or in progress."),
           MemberOf(&ReunificationStep::overdue)},
          {"version", rs::Described(rs::Integer(), "Send it in If-Match to change the step."),
           [](const ReunificationStep& step) { return json(step.row.version); }},
          {"updated_at", rs::Instant(),
           [](const ReunificationStep& step) { return json(step.row.updated_at); }},
      },
      "One step of a reunification plan, with its owner, due date and status.");
  return shape;
}

const ReplyShape<ReunificationPlan>& PlanShape() {
  static const ReplyShape<ReunificationPlan> shape(
      {
          {"id", rs::Id(), [](const ReunificationPlan& plan) { return json(plan.plan.id); }},
          {"parent", rs::Ref("ReunificationPlanParent"),
           [](const ReunificationPlan& plan) {
             return PlanParentShape().ToJson(ParentOf(plan.parent));
           }},
          {"status", rs::Choice({"open", "closed"}),
           [](const ReunificationPlan& plan) {
             return json(ReunificationPlanStatusName(plan.plan.status));
           }},
          {"note", rs::Text(), [](const ReunificationPlan& plan) { return json(plan.plan.note); }},
          {"version", rs::Described(rs::Integer(), "Send it in If-Match to close the plan."),
           [](const ReunificationPlan& plan) { return json(plan.plan.version); }},
          {"created_at", rs::Instant(),
           [](const ReunificationPlan& plan) { return json(plan.plan.created_at); }},
          {"closed_at", rs::Nullable(rs::Instant()),
           [](const ReunificationPlan& plan) { return OrNull(plan.plan.closed_at); }},
          {"overdue_steps", rs::Integer(), MemberOf(&ReunificationPlan::overdue_steps)},
          {"steps", rs::ListOf(rs::Ref("ReunificationStep")),
           [](const ReunificationPlan& plan) {
             json steps = json::array();
             for (const ReunificationStep& step : plan.steps) {
               steps.push_back(StepShape().ToJson(step));
             }
             return steps;
           }},
      },
      "A parent's reunification plan (issue 15) with its steps by due date. At most one open "
      "plan per parent.");
  return shape;
}

const ReplyShape<ReunificationPlanSummary>& PlanSummaryShape() {
  static const ReplyShape<ReunificationPlanSummary> shape(
      {
          {"id", rs::Id(),
           [](const ReunificationPlanSummary& summary) { return json(summary.row.plan.id); }},
          {"parent", rs::Ref("ReunificationPlanParent"),
           [](const ReunificationPlanSummary& summary) {
             return PlanParentShape().ToJson(ParentOf(summary.row));
           }},
          {"status", rs::Choice({"open", "closed"}),
           [](const ReunificationPlanSummary& summary) {
             return json(ReunificationPlanStatusName(summary.row.plan.status));
           }},
          {"version", rs::Integer(),
           [](const ReunificationPlanSummary& summary) { return json(summary.row.plan.version); }},
          {"steps", rs::Integer(), MemberOf(&ReunificationPlanSummary::steps)},
          {"open_steps", rs::Described(rs::Integer(), "Pending or in progress."),
           MemberOf(&ReunificationPlanSummary::open_steps)},
          {"overdue_steps", rs::Integer(), MemberOf(&ReunificationPlanSummary::overdue_steps)},
      },
      "A reunification plan in the list, with its steps counted.");
  return shape;
}

const ReplyShape<StepOwner>& StepOwnerShape() {
  static const ReplyShape<StepOwner> shape(
      {
          {"id", rs::Id(), MemberOf(&StepOwner::user_id)},
          {"name", rs::Text(), MemberOf(&StepOwner::name)},
          {"role", rs::Text(), MemberOf(&StepOwner::role)},
      },
      "A user who may own a reunification plan's steps.");
  return shape;
}

const ReplyShape<reunification_store::FollowUpContactRow>& FollowUpContactShape() {
  using Row = reunification_store::FollowUpContactRow;
  static const ReplyShape<Row> shape(
      {
          {"id", rs::Id(), MemberOf(&Row::id)},
          {"parent_id", rs::Id(), MemberOf(&Row::parent_id)},
          {"contacted_on", rs::Day(), MemberOf(&Row::contacted_on)},
          {"kind", rs::Choice({"home_visit", "phone", "office_meeting", "other"}),
           MemberOf(&Row::kind)},
          {"note", rs::Text(), MemberOf(&Row::note)},
          {"recorded_by", rs::Described(rs::Id(), "The user who recorded it."),
           MemberOf(&Row::recorded_by)},
          {"created_at", rs::Instant(), MemberOf(&Row::created_at)},
      },
      "A contact with a family after the parent's release.");
  return shape;
}

const ReplyShape<FollowUpList>& FollowUpListShape() {
  static const ReplyShape<FollowUpList> shape(
      {
          {"follow_up_days",
           rs::Described(rs::Integer(),
                         "The period applied: the reader's organisation's, else 180."),
           MemberOf(&FollowUpList::follow_up_days)},
          {"items", rs::ListOf(FollowUpItemShape().Schema()),
           [](const FollowUpList& list) {
             json items = json::array();
             for (const FollowUpDue& family : list.families) {
               items.push_back(FollowUpItemShape().ToJson(family));
             }
             return items;
           }},
      },
      "Released families within their follow-up period, oldest release first.");
  return shape;
}

const ReplyShape<reunification_store::FollowUpSettingsRow>& FollowUpSettingsShape() {
  using Row = reunification_store::FollowUpSettingsRow;
  static const ReplyShape<Row> shape(
      {
          {"organisation_id", rs::Id(), MemberOf(&Row::organisation_id)},
          {"follow_up_days",
           {{"type", "integer"}, {"format", "int64"}, {"minimum", 0}, {"maximum", 1825}},
           MemberOf(&Row::follow_up_days)},
          {"version",
           rs::Described(rs::Integer(), "Send it in If-Match to change it; 1 for the defaults."),
           MemberOf(&Row::version)},
          {"defaults",
           rs::Described(rs::Boolean(), "True when the organisation set no period of its own."),
           MemberOf(&Row::defaults)},
      },
      "An organisation's follow-up period after a parent's release.");
  return shape;
}

}  // namespace

std::vector<std::pair<std::string, json>> ReunificationReplySchemas() {
  return {{"ReunificationPlan", PlanShape().Schema()},
          {"ReunificationPlanParent", PlanParentShape().Schema()},
          {"ReunificationPlanSummary", PlanSummaryShape().Schema()},
          {"ReunificationStep", StepShape().Schema()},
          {"ReunificationStepOwner", StepOwnerShape().Schema()},
          {"FollowUpContact", FollowUpContactShape().Schema()},
          {"FollowUpList", FollowUpListShape().Schema()},
          {"FollowUpSettings", FollowUpSettingsShape().Schema()}};
}

json ReunificationStepToJson(const ReunificationStep& step) { return StepShape().ToJson(step); }

json ReunificationPlanToJson(const ReunificationPlan& plan) { return PlanShape().ToJson(plan); }

json ReunificationPlanSummaryToJson(const ReunificationPlanSummary& summary) {
  return PlanSummaryShape().ToJson(summary);
}

json StepOwnerToJson(const StepOwner& owner) { return StepOwnerShape().ToJson(owner); }

json FollowUpContactToJson(const reunification_store::FollowUpContactRow& row) {
  return FollowUpContactShape().ToJson(row);
}

json FollowUpListToJson(const FollowUpList& list) { return FollowUpListShape().ToJson(list); }

json FollowUpSettingsToJson(const reunification_store::FollowUpSettingsRow& row) {
  return FollowUpSettingsShape().ToJson(row);
}

}  // namespace vinculo
