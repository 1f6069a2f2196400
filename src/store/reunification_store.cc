#include "store/reunification_store.h"

#include <utility>

#include "store/sql_util.h"
#include "store/visit_store_internal.h"

namespace vinculo::reunification_store {
namespace {

using store_internal::GetInteger;
using store_internal::GetOptionalInteger;
using store_internal::GetOptionalText;
using store_internal::GetText;
using store_internal::Params;
using store_internal::ReadEnum;
using visit_store::internal::Execute;
using visit_store::internal::ForRows;
using visit_store::internal::InList;
using visit_store::internal::InsertReturningId;
using visit_store::internal::KeepRow;

constexpr const char* kPlanColumns =
    "rp.id, rp.parent_id, rp.organisation_id, rp.status, rp.note, rp.version, rp.created_by, "
    "rp.created_at, rp.updated_at, rp.closed_at";
constexpr size_t kPlanColumnCount = 10;

Result<PlanRow> ReadPlan(const soci::row& row) {
  PlanRow plan;
  plan.id = GetInteger(row, 0);
  plan.parent_id = GetInteger(row, 1);
  plan.organisation_id = GetOptionalInteger(row, 2);
  VINCULO_ASSIGN_OR_RETURN(
      plan.status, ReadEnum(row, 3, ParseReunificationPlanStatus, "reunification_plans.status"));
  plan.note = GetOptionalText(row, 4).value_or("");
  plan.version = GetInteger(row, 5);
  plan.created_by = GetInteger(row, 6);
  plan.created_at = GetText(row, 7);
  plan.updated_at = GetText(row, 8);
  plan.closed_at = GetOptionalText(row, 9);
  return plan;
}

Result<std::optional<PlanRow>> OnePlan(Txn& txn, const std::string& where, Params& params) {
  std::optional<PlanRow> plan;
  const std::string query =
      std::string("SELECT ") + kPlanColumns + " FROM reunification_plans rp WHERE " + where;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading a reunification plan",
              [&](const soci::row& row) { return KeepRow(plan, ReadPlan(row)); }));
  return plan;
}

constexpr const char* kStepColumns =
    "s.id, s.plan_id, s.kind, s.description, s.owner_user_id, u.display_name, s.due_on, "
    "s.status, s.version, s.created_by, s.created_at, s.updated_at";
constexpr const char* kStepFrom =
    " FROM reunification_steps s JOIN users u ON u.id = s.owner_user_id ";

Result<StepRow> ReadStep(const soci::row& row, size_t first = 0) {
  StepRow step;
  step.id = GetInteger(row, first + 0);
  step.plan_id = GetInteger(row, first + 1);
  step.kind = GetText(row, first + 2);
  step.description = GetText(row, first + 3);
  step.owner_user_id = GetInteger(row, first + 4);
  step.owner_name = GetText(row, first + 5);
  step.due_on = GetText(row, first + 6);
  VINCULO_ASSIGN_OR_RETURN(step.status,
                           ReadEnum(row, first + 7, ParseStepStatus, "reunification_steps.status"));
  step.version = GetInteger(row, first + 8);
  step.created_by = GetInteger(row, first + 9);
  step.created_at = GetText(row, first + 10);
  step.updated_at = GetText(row, first + 11);
  return step;
}

}  // namespace

Result<PlanRow> InsertPlan(Txn& txn, PlanRow row) {
  Params params;
  const std::string query =
      "INSERT INTO reunification_plans (parent_id, organisation_id, status, note, version, "
      "created_by, created_at, updated_at) VALUES (" +
      params.AddInteger(row.parent_id) + ", " + params.AddOptional(row.organisation_id) +
      ", 'open', " + params.Add(row.note) + ", 1, " + params.AddInteger(row.created_by) + ", " +
      params.Add(row.created_at) + ", " + params.Add(row.created_at) + ") RETURNING id";
  auto id = InsertReturningId(txn, query, params, "creating a reunification plan");
  if (!id.ok()) {
    if (id.status().code() == StatusCode::kConflict) {
      return Conflict("this parent has an open reunification plan already", "parent_id");
    }
    return id.status();
  }
  row.id = *id;
  row.status = ReunificationPlanStatus::kOpen;
  row.version = 1;
  row.updated_at = row.created_at;
  return row;
}

Result<std::optional<PlanRow>> GetPlan(Txn& txn, long long plan_id) {
  Params params;
  const std::string where = "rp.id = " + params.AddInteger(plan_id);
  return OnePlan(txn, where, params);
}

Result<std::optional<PlanRow>> OpenPlanOf(Txn& txn, long long parent_id) {
  Params params;
  const std::string where =
      "rp.parent_id = " + params.AddInteger(parent_id) + " AND rp.status = 'open'";
  return OnePlan(txn, where, params);
}

Result<PlanRow> ClosePlan(Txn& txn, long long plan_id, long long expected_version,
                          const std::string& now) {
  Params params;
  const std::string query =
      "UPDATE reunification_plans SET status = 'closed', closed_at = " + params.Add(now) +
      ", updated_at = " + params.Add(now) +
      ", version = version + 1 WHERE id = " + params.AddInteger(plan_id) +
      " AND status = 'open' AND version = " + params.AddInteger(expected_version);
  VINCULO_ASSIGN_OR_RETURN(long long written,
                           Execute(txn, query, params, "closing a reunification plan"));
  VINCULO_ASSIGN_OR_RETURN(std::optional<PlanRow> plan, GetPlan(txn, plan_id));
  if (!plan) return NotFound("no reunification plan " + std::to_string(plan_id));
  if (written == 0) {
    if (plan->status != ReunificationPlanStatus::kOpen)
      return Conflict("the plan is closed already", "status");
    return Status(
        StatusCode::kPreconditionFailed,
        "the plan was changed by someone else (now version " + std::to_string(plan->version) + ")");
  }
  return *plan;
}

Result<StepRow> InsertStep(Txn& txn, StepRow row) {
  Params params;
  const std::string query =
      "INSERT INTO reunification_steps (plan_id, kind, description, owner_user_id, due_on, "
      "status, version, created_by, created_at, updated_at) VALUES (" +
      params.AddInteger(row.plan_id) + ", " + params.Add(row.kind) + ", " +
      params.Add(row.description) + ", " + params.AddInteger(row.owner_user_id) + ", " +
      params.Add(row.due_on) + ", " + params.Add(StepStatusName(row.status)) + ", 1, " +
      params.AddInteger(row.created_by) + ", " + params.Add(row.created_at) + ", " +
      params.Add(row.created_at) + ") RETURNING id";
  VINCULO_ASSIGN_OR_RETURN(long long id,
                           InsertReturningId(txn, query, params, "adding a reunification step"));
  VINCULO_ASSIGN_OR_RETURN(std::optional<StepRow> stored, GetStep(txn, id));
  if (!stored) return Internal("a reunification step vanished after writing it");
  return *stored;
}

Result<std::optional<StepRow>> GetStep(Txn& txn, long long step_id) {
  Params params;
  std::optional<StepRow> step;
  const std::string query = std::string("SELECT ") + kStepColumns + kStepFrom +
                            "WHERE s.id = " + params.AddInteger(step_id);
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading a reunification step",
              [&](const soci::row& row) { return KeepRow(step, ReadStep(row)); }));
  return step;
}

Result<StepRow> UpdateStep(Txn& txn, const StepRow& row, long long expected_version,
                           const std::string& now) {
  Params params;
  const std::string query = "UPDATE reunification_steps SET kind = " + params.Add(row.kind) +
                            ", description = " + params.Add(row.description) +
                            ", owner_user_id = " + params.AddInteger(row.owner_user_id) +
                            ", due_on = " + params.Add(row.due_on) +
                            ", status = " + params.Add(StepStatusName(row.status)) +
                            ", updated_at = " + params.Add(now) +
                            ", version = version + 1 WHERE id = " + params.AddInteger(row.id) +
                            " AND version = " + params.AddInteger(expected_version);
  VINCULO_ASSIGN_OR_RETURN(long long written,
                           Execute(txn, query, params, "changing a reunification step"));
  VINCULO_ASSIGN_OR_RETURN(std::optional<StepRow> stored, GetStep(txn, row.id));
  if (!stored) return NotFound("no reunification step " + std::to_string(row.id));
  if (written == 0) {
    return Status(StatusCode::kPreconditionFailed,
                  "the step was changed by someone else (now version " +
                      std::to_string(stored->version) + ")");
  }
  return *stored;
}

Result<std::vector<StepRow>> StepsOf(Txn& txn, long long plan_id) {
  Params params;
  std::vector<StepRow> steps;
  const std::string query = std::string("SELECT ") + kStepColumns + kStepFrom +
                            "WHERE s.plan_id = " + params.AddInteger(plan_id) +
                            " ORDER BY s.due_on, s.id";
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading reunification steps",
              [&](const soci::row& row) { return KeepRow(steps, ReadStep(row)); }));
  return steps;
}

Result<std::vector<ParentStep>> OpenPlanStepsOf(Txn& txn,
                                                const std::vector<long long>& parent_ids) {
  std::vector<ParentStep> steps;
  if (parent_ids.empty()) return steps;
  Params params;
  const std::string query = std::string("SELECT rp.parent_id, ") + kStepColumns + kStepFrom +
                            "JOIN reunification_plans rp ON rp.id = s.plan_id WHERE "
                            "rp.status = 'open' AND rp.parent_id IN " +
                            InList(parent_ids, params) + " ORDER BY rp.parent_id, s.due_on, s.id";
  VINCULO_RETURN_IF_ERROR(ForRows(txn, query, params, "reading reunification steps",
                                  [&](const soci::row& row) -> Status {
                                    VINCULO_ASSIGN_OR_RETURN(StepRow step, ReadStep(row, 1));
                                    steps.push_back({GetInteger(row, 0), std::move(step)});
                                    return Status::Ok();
                                  }));
  return steps;
}

Result<std::vector<std::pair<long long, long long>>> OpenPlanIdsOf(
    Txn& txn, const std::vector<long long>& parent_ids) {
  std::vector<std::pair<long long, long long>> ids;
  if (parent_ids.empty()) return ids;
  Params params;
  const std::string query =
      "SELECT parent_id, id FROM reunification_plans WHERE status = 'open' AND parent_id IN " +
      InList(parent_ids, params);
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn, query, params, "reading reunification plans",
      [&](const soci::row& row) { ids.emplace_back(GetInteger(row, 0), GetInteger(row, 1)); }));
  return ids;
}

Result<std::vector<PlanListRow>> ListPlans(Txn& txn, const Actor& actor, bool include_closed,
                                           int limit) {
  Params params;
  std::vector<PlanListRow> rows;
  const std::string query =
      std::string("SELECT ") + kPlanColumns +
      ", p.given_names, p.family_names, p.custody_status, p.expected_release_date, "
      "p.released_on FROM reunification_plans rp JOIN parents p ON p.id = rp.parent_id WHERE "
      "p.archived = 0 AND " +
      (include_closed ? std::string() : std::string("rp.status = 'open' AND ")) +
      store_internal::ScopePredicate(ParentKind(), actor, params, "p") +
      " ORDER BY p.expected_release_date, rp.id LIMIT " + std::to_string(limit);
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn, query, params, "listing reunification plans", [&](const soci::row& row) -> Status {
        PlanListRow read;
        VINCULO_ASSIGN_OR_RETURN(read.plan, ReadPlan(row));
        read.given_names = GetText(row, kPlanColumnCount);
        read.family_names = GetText(row, kPlanColumnCount + 1);
        VINCULO_ASSIGN_OR_RETURN(
            read.custody_status,
            ReadEnum(row, kPlanColumnCount + 2, ParseCustodyStatus, "parents.custody_status"));
        read.expected_release_date = GetOptionalText(row, kPlanColumnCount + 3);
        read.released_on = GetOptionalText(row, kPlanColumnCount + 4);
        rows.push_back(std::move(read));
        return Status::Ok();
      }));
  return rows;
}

Result<bool> HasReleasedParent(Txn& txn, const Actor& actor, long long child_id) {
  Params params;
  long long found = 0;
  const std::string query =
      "SELECT COUNT(*) FROM parent_child_links l JOIN parents p ON p.id = l.parent_id WHERE "
      "l.archived = 0 AND p.archived = 0 AND p.custody_status = 'released' AND l.child_id = " +
      params.AddInteger(child_id) + " AND " +
      store_internal::ScopePredicate(ParentKind(), actor, params, "p");
  VINCULO_RETURN_IF_ERROR(ForRows(txn, query, params, "reading a child's released parents",
                                  [&](const soci::row& row) { found = GetInteger(row, 0); }));
  return found > 0;
}

Result<FollowUpContactRow> InsertFollowUpContact(Txn& txn, FollowUpContactRow row) {
  Params params;
  const std::string query =
      "INSERT INTO follow_up_contacts (parent_id, contacted_on, kind, note, recorded_by, "
      "created_at) VALUES (" +
      params.AddInteger(row.parent_id) + ", " + params.Add(row.contacted_on) + ", " +
      params.Add(row.kind) + ", " + params.Add(row.note) + ", " +
      params.AddInteger(row.recorded_by) + ", " + params.Add(row.created_at) + ") RETURNING id";
  VINCULO_ASSIGN_OR_RETURN(row.id,
                           InsertReturningId(txn, query, params, "recording a follow-up contact"));
  return row;
}

Result<std::vector<FollowUpContactRow>> FollowUpContactsOf(Txn& txn, long long parent_id) {
  Params params;
  std::vector<FollowUpContactRow> rows;
  const std::string query =
      "SELECT id, parent_id, contacted_on, kind, note, recorded_by, created_at FROM "
      "follow_up_contacts WHERE parent_id = " +
      params.AddInteger(parent_id) + " ORDER BY contacted_on DESC, id DESC";
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading follow-up contacts", [&](const soci::row& row) {
        rows.push_back({GetInteger(row, 0), GetInteger(row, 1), GetText(row, 2), GetText(row, 3),
                        GetOptionalText(row, 4).value_or(""), GetInteger(row, 5), GetText(row, 6)});
      }));
  return rows;
}

Result<std::vector<ReleasedParentRow>> ReleasedParents(Txn& txn, const Actor& actor,
                                                       const std::string& released_since,
                                                       int limit) {
  Params params;
  std::vector<ReleasedParentRow> rows;
  const std::string query =
      "SELECT p.id, p.given_names, p.family_names, p.released_on, (SELECT MAX(c.contacted_on) "
      "FROM follow_up_contacts c WHERE c.parent_id = p.id), (SELECT COUNT(*) FROM "
      "follow_up_contacts c WHERE c.parent_id = p.id) FROM parents p WHERE p.archived = 0 AND "
      "p.custody_status = 'released' AND p.released_on IS NOT NULL AND p.released_on >= " +
      params.Add(released_since) + " AND " +
      store_internal::ScopePredicate(ParentKind(), actor, params, "p",
                                     store_internal::ScopeShape::kSet) +
      " ORDER BY p.released_on, p.id LIMIT " + std::to_string(limit);
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading released parents", [&](const soci::row& row) {
        rows.push_back({GetInteger(row, 0), GetText(row, 1), GetText(row, 2), GetText(row, 3),
                        GetOptionalText(row, 4), GetInteger(row, 5)});
      }));
  return rows;
}

Result<std::optional<FollowUpSettingsRow>> FollowUpSettingsOf(Txn& txn, long long organisation_id) {
  Params params;
  std::optional<FollowUpSettingsRow> settings;
  const std::string query =
      "SELECT organisation_id, version, follow_up_days FROM reunification_settings WHERE "
      "organisation_id = " +
      params.AddInteger(organisation_id);
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading follow-up settings", [&](const soci::row& row) {
        settings =
            FollowUpSettingsRow{GetInteger(row, 0), GetInteger(row, 1), GetInteger(row, 2), false};
      }));
  return settings;
}

Result<FollowUpSettingsRow> PutFollowUpSettings(Txn& txn, long long organisation_id,
                                                long long expected_version, long long days,
                                                long long updated_by, const std::string& now) {
  Params params;
  std::string query;
  if (expected_version == 1) {
    // The defaults are version 1: the first write inserts version 2; a
    // concurrent first write inserted already when nothing is inserted here.
    query =
        "INSERT INTO reunification_settings (organisation_id, version, follow_up_days, "
        "updated_by, updated_at) VALUES (" +
        params.AddInteger(organisation_id) + ", 2, " + params.AddInteger(days) + ", " +
        params.AddInteger(updated_by) + ", " + params.Add(now) +
        ") ON CONFLICT (organisation_id) DO NOTHING";
  } else {
    query =
        "UPDATE reunification_settings SET follow_up_days = " + params.AddInteger(days) +
        ", updated_by = " + params.AddInteger(updated_by) + ", updated_at = " + params.Add(now) +
        ", version = version + 1 WHERE organisation_id = " + params.AddInteger(organisation_id) +
        " AND version = " + params.AddInteger(expected_version);
  }
  VINCULO_ASSIGN_OR_RETURN(long long written,
                           Execute(txn, query, params, "writing follow-up settings"));
  if (written == 0) {
    return Status(StatusCode::kPreconditionFailed,
                  "the follow-up settings were changed meanwhile; read them again");
  }
  VINCULO_ASSIGN_OR_RETURN(std::optional<FollowUpSettingsRow> stored,
                           FollowUpSettingsOf(txn, organisation_id));
  if (!stored) return Internal("follow-up settings vanished after writing them");
  return *stored;
}

}  // namespace vinculo::reunification_store
