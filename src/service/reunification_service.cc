#include "service/reunification_service.h"

#include <utility>

#include "domain/reunification.h"
#include "service/record_service.h"

namespace vinculo {
namespace {

namespace rs = reunification_store;

// At most this many plans or released families in one list.
constexpr int kReunificationListLimit = 500;
// A step's description: a paragraph.
constexpr size_t kStepDescriptionMaxBytes = 2000;

Status CheckReader(const Actor& actor) {
  if (!SeesCaseRecords(actor.role)) return Forbidden("auditors see figures only");
  return Status::Ok();
}

Status CheckWriter(const Actor& actor) {
  if (!Allows(actor.role, Permission::kWriteReunification)) {
    return Forbidden(std::string("the role ") + RoleName(actor.role) +
                     " may not change reunification plans");
  }
  return Status::Ok();
}

ReunificationStep WithOverdue(rs::StepRow row, const Date& today) {
  ReunificationStep step;
  auto due = ParseDate(row.due_on, "due_on");
  step.overdue = due.ok() && IsStepOverdue(row.status, *due, today);
  step.row = std::move(row);
  return step;
}

// Who may own a step: an enabled user of the plan's organisation (a plan
// without one: of the actor's facility; any user for an installation
// administrator).
bool MayOwnStep(const Actor& actor, const rs::PlanRow& plan, const User& user) {
  if (user.disabled) return false;
  if (plan.organisation_id) return user.organisation_id == plan.organisation_id;
  if (actor.IsGlobal()) return true;
  return actor.facility_id && user.facility_id == actor.facility_id;
}

Status CheckOwner(Txn& txn, const Actor& actor, const rs::PlanRow& plan,
                  std::optional<long long> owner_user_id) {
  if (!owner_user_id) {
    return InvalidArgument("owner_user_id", "a step needs an owner (a user of the organisation)")
        .Because(Refusal::kValueRequired);
  }
  auto user = txn.GetUser(*owner_user_id);
  const bool fits = user.ok() && MayOwnStep(actor, plan, *user);
  if (!fits) {
    if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
    return InvalidArgument("owner_user_id", "no enabled user " + std::to_string(*owner_user_id) +
                                                " of the plan's organisation");
  }
  return Status::Ok();
}

Status CheckStepFields(const std::string& kind, const std::string& description,
                       const std::string& due_on) {
  VINCULO_RETURN_IF_ERROR(ParseStepKind(kind).status());
  if (description.empty()) {
    return InvalidArgument("description", "a step needs a description")
        .Because(Refusal::kValueRequired);
  }
  if (description.size() > kStepDescriptionMaxBytes) {
    return InvalidArgument("description",
                           "is longer than " + std::to_string(kStepDescriptionMaxBytes) + " bytes")
        .Because(Refusal::kTextTooLong);
  }
  return ParseDate(due_on, "due_on").status();
}

// The plan and its parent, as the actor may see them.
struct PlanAndParent {
  rs::PlanRow plan;
  Record parent;
};

Result<PlanAndParent> VisiblePlan(Txn& txn, const Actor& actor, long long plan_id) {
  VINCULO_ASSIGN_OR_RETURN(std::optional<rs::PlanRow> plan, rs::GetPlan(txn, plan_id));
  if (!plan) return NotFound("no reunification plan " + std::to_string(plan_id));
  auto parent = txn.Get(ParentKind(), plan->parent_id, actor);
  if (!parent.ok()) {
    if (parent.status().code() == StatusCode::kNotFound) {
      return NotFound("no reunification plan " + std::to_string(plan_id));
    }
    return parent.status();
  }
  return PlanAndParent{std::move(*plan), std::move(*parent)};
}

Result<ReunificationPlan> ReadPlan(Txn& txn, rs::PlanRow plan, Record parent, const Date& today) {
  ReunificationPlan view;
  VINCULO_ASSIGN_OR_RETURN(std::vector<rs::StepRow> steps, rs::StepsOf(txn, plan.id));
  for (rs::StepRow& row : steps) {
    view.steps.push_back(WithOverdue(std::move(row), today));
    if (view.steps.back().overdue) ++view.overdue_steps;
  }
  view.plan = std::move(plan);
  view.parent = std::move(parent);
  return view;
}

Status CheckOrganisationReader(const Actor& actor, long long organisation_id) {
  if (actor.IsGlobal() || actor.organisation_id == organisation_id) return Status::Ok();
  return NotFound("no organisation " + std::to_string(organisation_id));
}

}  // namespace

Status CheckPlacementWithReleasedParent(Txn& txn, const Actor& actor, long long child_id,
                                        const FieldValues& values) {
  auto placement = values.find("placement");
  if (placement == values.end() || IsNull(placement->second) ||
      ValueToText(placement->second) != kPlacementWithReleasedParent) {
    return Status::Ok();
  }
  VINCULO_ASSIGN_OR_RETURN(bool has_parent, rs::HasReleasedParent(txn, actor, child_id));
  if (!has_parent) {
    return InvalidArgument("placement",
                           "a child placed with a released parent needs a parent linked to her "
                           "whose release is recorded")
        .Because(Refusal::kNoReleasedParent);
  }
  return Status::Ok();
}

Result<int> FollowUpDaysOf(Txn& txn, std::optional<long long> organisation_id) {
  if (!organisation_id) return kFollowUpDefaultDays;
  VINCULO_ASSIGN_OR_RETURN(std::optional<rs::FollowUpSettingsRow> settings,
                           rs::FollowUpSettingsOf(txn, *organisation_id));
  if (!settings) return kFollowUpDefaultDays;
  return static_cast<int>(settings->follow_up_days);
}

Result<ReunificationPlan> ReunificationService::CreatePlan(const Actor& actor, long long parent_id,
                                                           const std::string& note) {
  VINCULO_RETURN_IF_ERROR(CheckWriter(actor));
  ReunificationPlan view;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record parent, txn.Get(ParentKind(), parent_id, actor));
    if (parent.Text("custody_status") != "incarcerated") {
      return Conflict("a reunification plan is made while the parent is in custody",
                      "custody_status");
    }
    rs::PlanRow row;
    row.parent_id = parent_id;
    row.organisation_id =
        actor.organisation_id ? actor.organisation_id : parent.Integer("organisation_id");
    row.note = note;
    row.created_by = actor.user_id;
    row.created_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(rs::PlanRow stored, rs::InsertPlan(txn, row));
    VINCULO_RETURN_IF_ERROR(txn.AppendAudit(
        {AuditEventFor(actor, context_.Now(), "reunification_plan", "parents", parent_id,
                       "plan " + std::to_string(stored.id) + " opened")}));
    view.plan = std::move(stored);
    view.parent = std::move(parent);
    return Status::Ok();
  }));
  RecordService(context_).Present(actor, ParentKind(), view.parent);
  return view;
}

Result<ReunificationPlan> ReunificationService::PlanOf(const Actor& actor, long long parent_id) {
  VINCULO_RETURN_IF_ERROR(CheckReader(actor));
  ReunificationPlan view;
  const Date today = context_.Today();
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record parent, txn.Get(ParentKind(), parent_id, actor));
    VINCULO_ASSIGN_OR_RETURN(std::optional<rs::PlanRow> plan, rs::OpenPlanOf(txn, parent_id));
    if (!plan) {
      return NotFound("parent " + std::to_string(parent_id) + " has no open reunification plan");
    }
    VINCULO_ASSIGN_OR_RETURN(view, ReadPlan(txn, std::move(*plan), std::move(parent), today));
    return Status::Ok();
  }));
  context_.audit->RecordRead(
      AuditEventFor(actor, context_.Now(), "read", "parents", parent_id, "reunification_plan"));
  RecordService(context_).Present(actor, ParentKind(), view.parent);
  return view;
}

Result<ReunificationPlan> ReunificationService::Plan(const Actor& actor, long long plan_id) {
  VINCULO_RETURN_IF_ERROR(CheckReader(actor));
  ReunificationPlan view;
  const Date today = context_.Today();
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(PlanAndParent found, VisiblePlan(txn, actor, plan_id));
    VINCULO_ASSIGN_OR_RETURN(view,
                             ReadPlan(txn, std::move(found.plan), std::move(found.parent), today));
    return Status::Ok();
  }));
  context_.audit->RecordRead(AuditEventFor(actor, context_.Now(), "read", "parents",
                                           view.plan.parent_id, "reunification_plan"));
  RecordService(context_).Present(actor, ParentKind(), view.parent);
  return view;
}

Result<ReunificationPlan> ReunificationService::ClosePlan(const Actor& actor, long long plan_id,
                                                          long long expected_version) {
  VINCULO_RETURN_IF_ERROR(CheckWriter(actor));
  ReunificationPlan view;
  const Date today = context_.Today();
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(PlanAndParent found, VisiblePlan(txn, actor, plan_id));
    VINCULO_ASSIGN_OR_RETURN(rs::PlanRow closed,
                             rs::ClosePlan(txn, plan_id, expected_version, context_.Now()));
    VINCULO_RETURN_IF_ERROR(txn.AppendAudit(
        {AuditEventFor(actor, context_.Now(), "reunification_plan", "parents", closed.parent_id,
                       "plan " + std::to_string(plan_id) + " closed")}));
    VINCULO_ASSIGN_OR_RETURN(view,
                             ReadPlan(txn, std::move(closed), std::move(found.parent), today));
    return Status::Ok();
  }));
  RecordService(context_).Present(actor, ParentKind(), view.parent);
  return view;
}

Result<ReunificationStep> ReunificationService::AddStep(const Actor& actor, long long plan_id,
                                                        const NewReunificationStep& step) {
  VINCULO_RETURN_IF_ERROR(CheckWriter(actor));
  ReunificationStep added;
  const Date today = context_.Today();
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(PlanAndParent found, VisiblePlan(txn, actor, plan_id));
    if (found.plan.status != ReunificationPlanStatus::kOpen) {
      return Conflict("the plan is closed", "status");
    }
    VINCULO_RETURN_IF_ERROR(CheckStepFields(step.kind, step.description, step.due_on));
    VINCULO_RETURN_IF_ERROR(CheckOwner(txn, actor, found.plan, step.owner_user_id));
    rs::StepRow row;
    row.plan_id = plan_id;
    row.kind = step.kind;
    row.description = step.description;
    row.owner_user_id = *step.owner_user_id;
    row.due_on = step.due_on;
    row.status = step.status;
    row.created_by = actor.user_id;
    row.created_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(rs::StepRow stored, rs::InsertStep(txn, row));
    VINCULO_RETURN_IF_ERROR(txn.AppendAudit({AuditEventFor(
        actor, context_.Now(), "reunification_step", "parents", found.plan.parent_id,
        "plan " + std::to_string(plan_id) + " step " + std::to_string(stored.id) + " added (" +
            stored.kind + ", " + StepStatusName(stored.status) + ")")}));
    added = WithOverdue(std::move(stored), today);
    return Status::Ok();
  }));
  return added;
}

Result<ReunificationStep> ReunificationService::ChangeStep(const Actor& actor, long long step_id,
                                                           long long expected_version,
                                                           const ReunificationStepChange& change) {
  VINCULO_RETURN_IF_ERROR(CheckWriter(actor));
  ReunificationStep changed;
  const Date today = context_.Today();
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(std::optional<rs::StepRow> current, rs::GetStep(txn, step_id));
    if (!current) return NotFound("no reunification step " + std::to_string(step_id));
    auto found = VisiblePlan(txn, actor, current->plan_id);
    if (!found.ok()) {
      if (found.status().code() == StatusCode::kNotFound) {
        return NotFound("no reunification step " + std::to_string(step_id));
      }
      return found.status();
    }
    if (found->plan.status != ReunificationPlanStatus::kOpen) {
      return Conflict("the plan is closed", "status");
    }
    rs::StepRow row = *current;
    if (change.kind) row.kind = *change.kind;
    if (change.description) row.description = *change.description;
    if (change.due_on) row.due_on = *change.due_on;
    if (change.status) row.status = *change.status;
    if (change.owner_user_id) row.owner_user_id = *change.owner_user_id;
    VINCULO_RETURN_IF_ERROR(CheckStepFields(row.kind, row.description, row.due_on));
    if (change.owner_user_id) {
      VINCULO_RETURN_IF_ERROR(CheckOwner(txn, actor, found->plan, change.owner_user_id));
    }
    VINCULO_ASSIGN_OR_RETURN(rs::StepRow stored,
                             rs::UpdateStep(txn, row, expected_version, context_.Now()));
    VINCULO_RETURN_IF_ERROR(txn.AppendAudit({AuditEventFor(
        actor, context_.Now(), "reunification_step", "parents", found->plan.parent_id,
        "plan " + std::to_string(row.plan_id) + " step " + std::to_string(step_id) + " changed (" +
            StepStatusName(stored.status) + ")")}));
    changed = WithOverdue(std::move(stored), today);
    return Status::Ok();
  }));
  return changed;
}

Result<std::vector<StepOwner>> ReunificationService::Owners(const Actor& actor, long long plan_id) {
  VINCULO_RETURN_IF_ERROR(CheckWriter(actor));
  std::vector<StepOwner> owners;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(PlanAndParent found, VisiblePlan(txn, actor, plan_id));
    VINCULO_ASSIGN_OR_RETURN(std::vector<User> users, txn.ListUsers(Actor::System()));
    for (const User& user : users) {
      if (MayOwnStep(actor, found.plan, user)) {
        owners.push_back({user.id, user.display_name, RoleName(user.role)});
      }
    }
    return Status::Ok();
  }));
  return owners;
}

Result<std::vector<ReunificationPlanSummary>> ReunificationService::Plans(const Actor& actor,
                                                                          bool include_closed) {
  VINCULO_RETURN_IF_ERROR(CheckReader(actor));
  std::vector<ReunificationPlanSummary> plans;
  const Date today = context_.Today();
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(std::vector<rs::PlanListRow> rows,
                             rs::ListPlans(txn, actor, include_closed, kReunificationListLimit));
    for (rs::PlanListRow& row : rows) {
      ReunificationPlanSummary summary;
      VINCULO_ASSIGN_OR_RETURN(std::vector<rs::StepRow> steps, rs::StepsOf(txn, row.plan.id));
      for (rs::StepRow& step : steps) {
        ++summary.steps;
        if (step.status == StepStatus::kPending || step.status == StepStatus::kInProgress) {
          ++summary.open_steps;
        }
        if (WithOverdue(std::move(step), today).overdue) ++summary.overdue_steps;
      }
      summary.row = std::move(row);
      plans.push_back(std::move(summary));
    }
    return Status::Ok();
  }));
  for (const ReunificationPlanSummary& summary : plans) {
    context_.audit->RecordRead(AuditEventFor(actor, context_.Now(), "list", "parents",
                                             summary.row.plan.parent_id, "reunification_plans"));
  }
  return plans;
}

Result<rs::FollowUpContactRow> ReunificationService::RecordFollowUp(
    const Actor& actor, long long parent_id, const FollowUpContactRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckWriter(actor));
  VINCULO_ASSIGN_OR_RETURN(Date on, ParseDate(request.contacted_on, "contacted_on"));
  if (on > context_.Today()) {
    return InvalidArgument("contacted_on", "a contact cannot be recorded ahead of time")
        .Because(Refusal::kDateInFuture);
  }
  VINCULO_RETURN_IF_ERROR(ParseFollowUpKind(request.kind).status());
  rs::FollowUpContactRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record parent, txn.Get(ParentKind(), parent_id, actor));
    const auto released_on = parent.Text("released_on");
    if (parent.Text("custody_status") != "released" || !released_on) {
      return Conflict("follow-up contacts are for families after release", "custody_status");
    }
    if (request.contacted_on < *released_on) {
      return InvalidArgument("contacted_on", "is before the release on " + *released_on);
    }
    rs::FollowUpContactRow row;
    row.parent_id = parent_id;
    row.contacted_on = request.contacted_on;
    row.kind = request.kind;
    row.note = request.note;
    row.recorded_by = actor.user_id;
    row.created_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(stored, rs::InsertFollowUpContact(txn, row));
    return txn.AppendAudit(
        {AuditEventFor(actor, context_.Now(), "follow_up_contact", "parents", parent_id,
                       "contact " + std::to_string(stored.id) + " on " + stored.contacted_on +
                           " (" + stored.kind + ")")});
  }));
  return stored;
}

Result<std::vector<rs::FollowUpContactRow>> ReunificationService::FollowUps(const Actor& actor,
                                                                            long long parent_id) {
  VINCULO_RETURN_IF_ERROR(CheckReader(actor));
  std::vector<rs::FollowUpContactRow> rows;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(ParentKind(), parent_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(rows, rs::FollowUpContactsOf(txn, parent_id));
    return Status::Ok();
  }));
  context_.audit->RecordRead(
      AuditEventFor(actor, context_.Now(), "read", "parents", parent_id, "follow_up_contacts"));
  return rows;
}

Result<FollowUpList> ReunificationService::FollowUpsDue(const Actor& actor) {
  VINCULO_RETURN_IF_ERROR(CheckReader(actor));
  FollowUpList list;
  const Date today = context_.Today();
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(list.follow_up_days, FollowUpDaysOf(txn, actor.organisation_id));
    VINCULO_ASSIGN_OR_RETURN(
        std::vector<rs::ReleasedParentRow> rows,
        rs::ReleasedParents(txn, actor, FormatDate(AddDays(today, -list.follow_up_days)),
                            kReunificationListLimit));
    for (rs::ReleasedParentRow& row : rows) {
      auto released = ParseDate(row.released_on, "released_on");
      if (!released.ok()) continue;
      std::optional<Date> last;
      if (row.last_contacted_on) {
        if (auto parsed = ParseDate(*row.last_contacted_on, "contacted_on"); parsed.ok()) {
          last = *parsed;
        }
      }
      const FollowUpState state = FollowUpOn(*released, last, list.follow_up_days, today);
      if (!state.within_period) continue;
      list.families.push_back({std::move(row), FormatDate(state.follow_up_until), state.due});
    }
    return Status::Ok();
  }));
  for (const FollowUpDue& family : list.families) {
    context_.audit->RecordRead(AuditEventFor(actor, context_.Now(), "list", "parents",
                                             family.row.parent_id, "follow_ups_due"));
  }
  return list;
}

Result<rs::FollowUpSettingsRow> ReunificationService::Settings(const Actor& actor,
                                                               long long organisation_id) {
  VINCULO_RETURN_IF_ERROR(CheckReader(actor));
  VINCULO_RETURN_IF_ERROR(CheckOrganisationReader(actor, organisation_id));
  rs::FollowUpSettingsRow settings{organisation_id, 1, kFollowUpDefaultDays, true};
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(OrganisationKind(), organisation_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(std::optional<rs::FollowUpSettingsRow> stored,
                             rs::FollowUpSettingsOf(txn, organisation_id));
    if (stored) settings = *stored;
    return Status::Ok();
  }));
  return settings;
}

Result<rs::FollowUpSettingsRow> ReunificationService::PutSettings(const Actor& actor,
                                                                  long long organisation_id,
                                                                  long long expected_version,
                                                                  long long follow_up_days) {
  if (!Allows(actor.role, Permission::kSetFollowUpPeriod)) {
    return Forbidden("only administrators and coordinators set the follow-up period");
  }
  VINCULO_RETURN_IF_ERROR(CheckOrganisationReader(actor, organisation_id));
  VINCULO_RETURN_IF_ERROR(CheckFollowUpDays(follow_up_days));
  rs::FollowUpSettingsRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(OrganisationKind(), organisation_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(
        stored, rs::PutFollowUpSettings(txn, organisation_id, expected_version, follow_up_days,
                                        actor.user_id, context_.Now()));
    return txn.AppendAudit(
        {AuditEventFor(actor, context_.Now(), "update", "organisations", organisation_id,
                       "follow_up_days " + std::to_string(follow_up_days))});
  }));
  return stored;
}

}  // namespace vinculo
