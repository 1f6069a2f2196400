#include "service/nursery_care_service.h"

#include <algorithm>
#include <map>

#include "store/nursery_care_store.h"
#include "store/row_lock.h"

namespace vinculo {

const char* LeaveStateAt(const LeaveRow& leave, const std::string& as_of) {
  // A leave returned later than as_of is still history: it has returned.
  if (leave.returned_at) return "returned";
  if (leave.left_at > as_of) return "booked";
  return leave.due_back_at < as_of ? "overdue" : "out";
}

namespace {

// Whether `leave` would be away while `open` (not returned) is.
bool LeavesOverlap(const LeaveRow& open, const LeaveRow& leave, const std::string& as_of) {
  // A leave not returned lasts to its due time, or to now when it is overdue
  // (she is still out). ISO UTC timestamps compare as text.
  const std::string& ends =
      open.left_at <= as_of && open.due_back_at < as_of ? as_of : open.due_back_at;
  return leave.left_at < ends && open.left_at < leave.due_back_at;
}

constexpr size_t kMaxText = 2000;
// School (pre-school included) from three years of age; daycare from birth.
constexpr int kSchoolAgeMonths = 36;
constexpr long long kMaxScheduleMonths = 216;

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool OneOf(const std::string& value, std::initializer_list<const char*> allowed) {
  for (const char* option : allowed) {
    if (value == option) return true;
  }
  return false;
}

std::string Joined(std::initializer_list<const char*> allowed) {
  std::string text;
  for (const char* option : allowed) text += (text.empty() ? "" : ", ") + std::string(option);
  return text;
}

// A required, trimmed text of at most kMaxText characters.
Result<std::string> RequiredText(const std::string& value, const char* field) {
  std::string text = Trimmed(value);
  if (text.empty()) return InvalidArgument(field, "is required").Because(Refusal::kValueRequired);
  if (text.size() > kMaxText) {
    return InvalidArgument(field, "is longer than " + std::to_string(kMaxText) + " characters")
        .Because(Refusal::kTextTooLong);
  }
  return text;
}

Result<std::string> Enumerated(const std::string& value, const char* field,
                               std::initializer_list<const char*> allowed) {
  if (!OneOf(value, allowed)) return InvalidArgument(field, "must be one of " + Joined(allowed));
  return value;
}

// A canonical timestamp (YYYY-MM-DDTHH:MM:SSZ), or kInvalidArgument naming `field`.
Result<std::string> Timestamp(const std::string& text, const char* field) {
  auto at = ParseTimestamp(text, field);
  if (!at.ok()) return at.status();
  return FormatTimestamp(*at);
}

// Auditors see figures only; other roles need read access to children.
Status CheckCaseReader(const Actor& actor) {
  if (!SeesCaseRecords(actor.role)) {
    return Forbidden("auditors see figures only, never a child's care records");
  }
  if (KindAccess(actor.role, ChildKind()) == Access::kNone) {
    return Forbidden(std::string("a ") + RoleName(actor.role) + " cannot see children");
  }
  return Status::Ok();
}

Status CheckCaseWriter(const Actor& actor) {
  if (Allows(actor.role, Permission::kWriteNurseryCase)) return Status::Ok();
  return Forbidden(std::string("a ") + RoleName(actor.role) +
                   " cannot change a nursery child's care records; an administrator, social "
                   "worker or nursery officer can");
}

Status CheckPlanApprover(const Actor& actor) {
  if (Allows(actor.role, Permission::kApproveTransitionPlan)) return Status::Ok();
  return Forbidden(std::string("a ") + RoleName(actor.role) +
                   " cannot approve a transition plan; an administrator, programme "
                   "coordinator or nursery officer can");
}

// Who manages the authorised list, and so may read document ids.
bool SeesDocumentIds(Role role) { return Allows(role, Permission::kWriteNurseryCase); }

Status RequireInside(const Record& child) {
  if (child.Text("placement").value_or("") != "inside_with_mother" ||
      !child.Integer("facility_id")) {
    return InvalidArgument("child_id", "the child does not live inside with the mother")
        .Because(Refusal::kChildNotInside);
  }
  return Status::Ok();
}

std::string HealthStatus(const std::string& due_on, const std::optional<std::string>& done_on,
                         const std::string& today, const std::string& soon) {
  if (done_on) return "done";
  if (due_on < today) return "overdue";
  if (due_on <= soon) return "due";
  return "upcoming";
}

}  // namespace

AuditEvent NurseryCareService::Event(const Actor& actor, const char* action, const char* kind,
                                     long long id, std::string detail) const {
  return AuditEventFor(actor, context_.Now(), action, kind, id, std::move(detail));
}

// --- Transition plans ---

Result<TransitionPlanView> NurseryCareService::SaveTransitionPlan(
    const Actor& actor, long long child_id, const TransitionPlanRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  TransitionPlanRow plan;
  plan.child_id = child_id;
  VINCULO_ASSIGN_OR_RETURN(plan.destination,
                           Enumerated(request.destination, "destination",
                                      {"relatives", "care_organisation", "state_care"}));
  VINCULO_ASSIGN_OR_RETURN(plan.receiving_party,
                           RequiredText(request.receiving_party, "receiving_party"));
  VINCULO_ASSIGN_OR_RETURN(plan.consulted, RequiredText(request.consulted, "consulted"));
  if (request.steps.empty()) {
    return InvalidArgument("steps", "a plan needs at least one step of the separation")
        .Because(Refusal::kPlanNeedsStep);
  }
  for (const TransitionStepRow& step : request.steps) {
    VINCULO_ASSIGN_OR_RETURN(Date on, ParseDate(step.step_on, "steps"));
    VINCULO_ASSIGN_OR_RETURN(std::string description, RequiredText(step.description, "steps"));
    plan.steps.push_back({FormatDate(on), std::move(description)});
  }
  std::stable_sort(plan.steps.begin(), plan.steps.end(),
                   [](const TransitionStepRow& left, const TransitionStepRow& right) {
                     return left.step_on < right.step_on;
                   });
  if (request.visit_parent_id.has_value() != request.visit_frequency.has_value()) {
    return InvalidArgument(request.visit_parent_id ? "visit_frequency" : "visit_parent_id",
                           "the visits after the move need both a parent and a frequency")
        .Because(Refusal::kPlanVisitIncomplete);
  }
  if (request.visit_frequency) {
    VINCULO_ASSIGN_OR_RETURN(plan.visit_frequency,
                             Enumerated(*request.visit_frequency, "visit_frequency",
                                        {"weekly", "fortnightly", "monthly"}));
  }
  plan.visit_parent_id = request.visit_parent_id;
  plan.status = TransitionPlanStatus::kDraft;
  plan.recorded_by = actor.user_id;
  plan.created_at = context_.Now();
  plan.updated_at = plan.created_at;

  TransitionPlanView view;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    VINCULO_RETURN_IF_ERROR(RequireInside(child));
    if (plan.visit_parent_id) {
      VINCULO_ASSIGN_OR_RETURN(bool visible,
                               txn.Visible(ParentKind(), *plan.visit_parent_id, actor));
      if (!visible) return InvalidArgument("visit_parent_id", "no parent");
    }
    VINCULO_ASSIGN_OR_RETURN(view.plan, nursery_care_store::SaveTransitionPlan(txn, plan));
    view.plan.steps = plan.steps;
    VINCULO_ASSIGN_OR_RETURN(view.visit_requirements,
                             nursery_care_store::VisitRequirements(txn, child_id));
    return txn.AppendAudit({Event(actor, "save", "transition_plans", view.plan.id,
                                  "child " + std::to_string(child_id) + ", " + plan.destination)});
  }));
  return view;
}

Result<TransitionPlanView> NurseryCareService::TransitionPlan(const Actor& actor,
                                                              long long child_id) {
  VINCULO_RETURN_IF_ERROR(CheckCaseReader(actor));
  TransitionPlanView view;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    VINCULO_ASSIGN_OR_RETURN(std::optional<TransitionPlanRow> plan,
                             nursery_care_store::TransitionPlanOf(txn, child_id));
    if (!plan) return NotFound("child " + std::to_string(child_id) + " has no transition plan");
    view.plan = std::move(*plan);
    VINCULO_ASSIGN_OR_RETURN(view.visit_requirements,
                             nursery_care_store::VisitRequirements(txn, child_id));
    return Status::Ok();
  }));
  if (context_.audit) {
    context_.audit->RecordRead(Event(actor, "read", "children", child_id,
                                     "transition plan " + std::to_string(view.plan.id)));
  }
  return view;
}

Result<TransitionPlanView> NurseryCareService::ApproveTransitionPlan(const Actor& actor,
                                                                     long long plan_id) {
  VINCULO_RETURN_IF_ERROR(CheckPlanApprover(actor));
  TransitionPlanView view;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(TransitionPlanRow plan,
                             nursery_care_store::GetTransitionPlan(txn, plan_id));
    // A plan is as visible as its child: not yours is not found.
    VINCULO_ASSIGN_OR_RETURN(bool visible, txn.Visible(ChildKind(), plan.child_id, actor));
    if (!visible) return NotFound("no transition plan " + std::to_string(plan_id));
    VINCULO_RETURN_IF_ERROR(nursery_care_store::ApproveTransitionPlan(
        txn, plan_id, actor.user_id, FormatDate(context_.Today()), context_.Now()));
    if (plan.visit_parent_id && plan.visit_frequency) {
      // The visits start with the move: the date of the last step.
      VisitRequirementRow requirement;
      requirement.plan_id = plan_id;
      requirement.child_id = plan.child_id;
      requirement.parent_id = *plan.visit_parent_id;
      requirement.frequency = *plan.visit_frequency;
      requirement.starts_on =
          plan.steps.empty() ? FormatDate(context_.Today()) : plan.steps.back().step_on;
      requirement.created_at = context_.Now();
      VINCULO_RETURN_IF_ERROR(
          nursery_care_store::InsertVisitRequirement(txn, requirement).status());
    }
    VINCULO_ASSIGN_OR_RETURN(view.plan, nursery_care_store::GetTransitionPlan(txn, plan_id));
    VINCULO_ASSIGN_OR_RETURN(view.visit_requirements,
                             nursery_care_store::VisitRequirements(txn, plan.child_id));
    return txn.AppendAudit({Event(actor, "approve", "transition_plans", plan_id,
                                  "child " + std::to_string(plan.child_id))});
  }));
  return view;
}

// --- Authorised adults and the leave book ---

Result<AuthorisedAdultRow> NurseryCareService::AddAuthorisedAdult(
    const Actor& actor, long long child_id, const AuthorisedAdultRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  AuthorisedAdultRow adult;
  adult.child_id = child_id;
  VINCULO_ASSIGN_OR_RETURN(adult.full_name, RequiredText(request.full_name, "full_name"));
  VINCULO_ASSIGN_OR_RETURN(adult.relationship, RequiredText(request.relationship, "relationship"));
  VINCULO_ASSIGN_OR_RETURN(adult.document_id, RequiredText(request.document_id, "document_id"));
  adult.recorded_by = actor.user_id;
  adult.created_at = context_.Now();
  AuthorisedAdultRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    VINCULO_RETURN_IF_ERROR(RequireInside(child));
    VINCULO_ASSIGN_OR_RETURN(stored, nursery_care_store::InsertAuthorisedAdult(txn, adult));
    return txn.AppendAudit({Event(actor, "create", "authorised_adults", stored.id,
                                  "child " + std::to_string(child_id))});
  }));
  return stored;
}

Result<std::vector<AuthorisedAdultRow>> NurseryCareService::AuthorisedAdults(const Actor& actor,
                                                                             long long child_id) {
  VINCULO_RETURN_IF_ERROR(CheckCaseReader(actor));
  std::vector<AuthorisedAdultRow> adults;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    VINCULO_ASSIGN_OR_RETURN(adults, nursery_care_store::AuthorisedAdults(txn, child_id));
    return Status::Ok();
  }));
  if (!SeesDocumentIds(actor.role)) {
    for (AuthorisedAdultRow& adult : adults) adult.document_id.clear();
  }
  if (context_.audit) {
    context_.audit->RecordRead(Event(actor, "read", "children", child_id, "authorised adults"));
  }
  return adults;
}

Result<AuthorisedAdultRow> NurseryCareService::RevokeAuthorisedAdult(const Actor& actor,
                                                                     long long adult_id) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  AuthorisedAdultRow revoked;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(AuthorisedAdultRow adult,
                             nursery_care_store::GetAuthorisedAdult(txn, adult_id));
    VINCULO_ASSIGN_OR_RETURN(bool visible, txn.Visible(ChildKind(), adult.child_id, actor));
    if (!visible) return NotFound("no authorised adult " + std::to_string(adult_id));
    VINCULO_RETURN_IF_ERROR(nursery_care_store::SetAuthorisedAdultActive(txn, adult_id, false));
    VINCULO_ASSIGN_OR_RETURN(revoked, nursery_care_store::GetAuthorisedAdult(txn, adult_id));
    return txn.AppendAudit({Event(actor, "revoke", "authorised_adults", adult_id,
                                  "child " + std::to_string(adult.child_id))});
  }));
  return revoked;
}

Result<LeaveRow> NurseryCareService::StartLeave(const Actor& actor, long long child_id,
                                                const LeaveRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  LeaveRow leave;
  leave.child_id = child_id;
  leave.adult_id = request.adult_id;
  VINCULO_ASSIGN_OR_RETURN(leave.reason,
                           Enumerated(request.reason, "reason",
                                      {"weekend_with_relatives", "hospital", "court", "other"}));
  VINCULO_ASSIGN_OR_RETURN(leave.left_at, Timestamp(request.left_at, "left_at"));
  VINCULO_ASSIGN_OR_RETURN(leave.due_back_at, Timestamp(request.due_back_at, "due_back_at"));
  // A leave may be booked ahead (issue 15), within a year.
  const std::string latest_start =
      FormatDate(AddDays(context_.Today(), kLeaveBookingDaysAhead)) + "T23:59:59Z";
  if (leave.left_at > latest_start) {
    return InvalidArgument("left_at", "a leave can be booked at most " +
                                          std::to_string(kLeaveBookingDaysAhead) + " days ahead")
        .Because(Refusal::kLeaveTooFarAhead);
  }
  if (leave.due_back_at <= leave.left_at) {
    return InvalidArgument("due_back_at", "must be after the leave begins (" + leave.left_at + ")")
        .Because(Refusal::kLeaveDueBeforeStart);
  }
  leave.note = Trimmed(request.note);
  if (leave.note.size() > kMaxText) return InvalidArgument("note", "is too long");
  leave.recorded_by = actor.user_id;
  leave.created_at = context_.Now();
  LeaveRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    VINCULO_RETURN_IF_ERROR(RequireInside(child));
    leave.facility_id = *child.Integer("facility_id");
    auto adult = nursery_care_store::GetAuthorisedAdult(txn, request.adult_id);
    if (!adult.ok() && adult.status().code() != StatusCode::kNotFound) return adult.status();
    if (!adult.ok() || adult->child_id != child_id || !adult->active) {
      return InvalidArgument("adult_id", "adult " + std::to_string(request.adult_id) +
                                             " is not on this child's authorised list")
          .Because(Refusal::kLeavePersonNotAuthorised);
    }
    // A leave may be booked ahead while the child is out on another (issue
    // 15), never over it: the child's row lock makes two bookings at once
    // take turns, so the second sees the first.
    VINCULO_RETURN_IF_ERROR(LockRow(txn, "children", child_id));
    LeaveFilter open_filter;
    open_filter.child_id = child_id;
    open_filter.open_only = true;
    VINCULO_ASSIGN_OR_RETURN(std::vector<LeaveRow> open,
                             nursery_care_store::Leaves(txn, open_filter, Actor::System()));
    const std::string now = context_.Now();
    for (const LeaveRow& other : open) {
      if (!LeavesOverlap(other, leave, now)) continue;
      return Conflict("the child has leave " + std::to_string(other.id) + " (" +
                          LeaveStateAt(other, now) + ", from " + other.left_at + ", due back " +
                          other.due_back_at + ") not returned at that time",
                      "child_id")
          .Because(Refusal::kLeaveAlreadyOut);
    }
    VINCULO_ASSIGN_OR_RETURN(stored, nursery_care_store::InsertLeave(txn, leave));
    stored.adult_name = adult->full_name;
    return txn.AppendAudit({Event(actor, "leave", "children", child_id,
                                  "leave " + std::to_string(stored.id) + ", " + leave.reason)});
  }));
  return stored;
}

Result<LeaveRow> NurseryCareService::ReturnFromLeave(const Actor& actor, long long leave_id,
                                                     const std::string& returned_at) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  VINCULO_ASSIGN_OR_RETURN(std::string returned, Timestamp(returned_at, "returned_at"));
  if (returned > context_.Now())
    return InvalidArgument("returned_at", "cannot be in the future")
        .Because(Refusal::kDateInFuture);
  LeaveRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(LeaveRow leave, nursery_care_store::GetLeave(txn, leave_id));
    VINCULO_ASSIGN_OR_RETURN(bool visible, txn.Visible(ChildKind(), leave.child_id, actor));
    if (!visible) return NotFound("no leave " + std::to_string(leave_id));
    if (returned < leave.left_at) {
      return InvalidArgument("returned_at", "is before the leave began (" + leave.left_at + ")")
          .Because(Refusal::kLeaveReturnBeforeStart);
    }
    VINCULO_RETURN_IF_ERROR(nursery_care_store::ReturnLeave(txn, leave_id, returned));
    VINCULO_ASSIGN_OR_RETURN(stored, nursery_care_store::GetLeave(txn, leave_id));
    return txn.AppendAudit(
        {Event(actor, "return", "children", leave.child_id, "leave " + std::to_string(leave_id))});
  }));
  return stored;
}

Status NurseryCareService::CancelBookedLeave(const Actor& actor, long long leave_id) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  return context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(LeaveRow leave, nursery_care_store::GetLeave(txn, leave_id));
    VINCULO_ASSIGN_OR_RETURN(bool visible, txn.Visible(ChildKind(), leave.child_id, actor));
    if (!visible) return NotFound("no leave " + std::to_string(leave_id));
    VINCULO_RETURN_IF_ERROR(nursery_care_store::CancelBookedLeave(txn, leave_id, context_.Now()));
    return txn.AppendAudit(
        {Event(actor, "cancel_leave", "children", leave.child_id,
               "leave " + std::to_string(leave_id) + " booked from " + leave.left_at)});
  });
}

Result<std::vector<LeaveView>> NurseryCareService::Leaves(const Actor& actor,
                                                          const LeaveQuery& query) {
  VINCULO_RETURN_IF_ERROR(CheckCaseReader(actor));
  std::string as_of = context_.Now();
  if (query.as_of) {
    VINCULO_ASSIGN_OR_RETURN(as_of, Timestamp(*query.as_of, "as_of"));
  }
  LeaveFilter filter;
  filter.facility_id = query.facility_id;
  filter.child_id = query.child_id;
  if (query.overdue_only) filter.overdue_at = as_of;
  std::vector<LeaveRow> leaves;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    if (query.child_id) {
      VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), *query.child_id, actor));
    }
    VINCULO_ASSIGN_OR_RETURN(leaves, nursery_care_store::Leaves(txn, filter, actor));
    return Status::Ok();
  }));
  std::vector<LeaveView> views;
  views.reserve(leaves.size());
  for (LeaveRow& leave : leaves) {
    const char* state = LeaveStateAt(leave, as_of);
    views.push_back({std::move(leave), state});
  }
  if (context_.audit) {
    // In each child's own trail (issue 13), as a list reads each record.
    for (const LeaveView& view : views) {
      context_.audit->RecordRead(Event(actor, "list", "children", view.leave.child_id,
                                       "leave " + std::to_string(view.leave.id)));
    }
  }
  return views;
}

// --- Health and school ---

Result<std::vector<HealthScheduleRow>> NurseryCareService::HealthSchedule(const Actor& actor) {
  if (KindAccess(actor.role, ChildKind()) == Access::kNone && SeesCaseRecords(actor.role)) {
    return Forbidden(std::string("a ") + RoleName(actor.role) + " cannot see children");
  }
  std::vector<HealthScheduleRow> schedule;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(schedule, nursery_care_store::HealthSchedule(txn));
    return Status::Ok();
  }));
  return schedule;
}

Result<HealthScheduleRow> NurseryCareService::AddScheduleEntry(
    const Actor& actor, const ScheduleEntryRequest& request) {
  // The schedule is the installation's, shared by every organisation.
  if (!actor.IsGlobal()) {
    return Forbidden("only an installation administrator edits the health schedule");
  }
  HealthScheduleRow entry;
  VINCULO_ASSIGN_OR_RETURN(entry.kind, Enumerated(request.kind, "kind", {"checkup", "vaccine"}));
  VINCULO_ASSIGN_OR_RETURN(entry.name, RequiredText(request.name, "name"));
  if (request.age_months < 0 || request.age_months > kMaxScheduleMonths) {
    return InvalidArgument("age_months", "must be a whole number of months from 0 to " +
                                             std::to_string(kMaxScheduleMonths))
        .Because(Refusal::kMonthsInvalid);
  }
  entry.age_months = request.age_months;
  entry.created_at = context_.Now();
  HealthScheduleRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(stored, nursery_care_store::InsertScheduleEntry(txn, entry));
    return txn.AppendAudit({Event(actor, "create", "health_schedule", stored.id, entry.name)});
  }));
  return stored;
}

Result<HealthScheduleRow> NurseryCareService::SetScheduleEntryActive(const Actor& actor,
                                                                     long long entry_id,
                                                                     bool active) {
  // The schedule is the installation's, shared by every organisation.
  if (!actor.IsGlobal()) {
    return Forbidden("only an installation administrator edits the health schedule");
  }
  HealthScheduleRow changed;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(nursery_care_store::SetScheduleEntryActive(txn, entry_id, active));
    VINCULO_ASSIGN_OR_RETURN(std::vector<HealthScheduleRow> schedule,
                             nursery_care_store::HealthSchedule(txn));
    for (const HealthScheduleRow& entry : schedule) {
      if (entry.id == entry_id) changed = entry;
    }
    return txn.AppendAudit(
        {Event(actor, active ? "restore" : "retire", "health_schedule", entry_id, changed.name)});
  }));
  return changed;
}

Result<AppointmentRow> NurseryCareService::RecordAppointment(const Actor& actor, long long child_id,
                                                             const AppointmentRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  AppointmentRow appointment;
  appointment.child_id = child_id;
  appointment.schedule_id = request.schedule_id;
  std::optional<Date> due_on;
  if (request.due_on) {
    VINCULO_ASSIGN_OR_RETURN(due_on, ParseDate(*request.due_on, "due_on"));
  }
  if (request.done_on) {
    VINCULO_ASSIGN_OR_RETURN(Date done, ParseDate(*request.done_on, "done_on"));
    if (done > context_.Today())
      return InvalidArgument("done_on", "cannot be in the future").Because(Refusal::kDateInFuture);
    appointment.done_on = FormatDate(done);
  }
  if (!request.schedule_id) {
    VINCULO_ASSIGN_OR_RETURN(appointment.kind,
                             Enumerated(request.kind, "kind", {"checkup", "vaccine", "other"}));
    VINCULO_ASSIGN_OR_RETURN(appointment.name, RequiredText(request.name, "name"));
    if (!due_on)
      return InvalidArgument("due_on", "is required without a schedule_id")
          .Because(Refusal::kValueRequired);
  }
  appointment.note = Trimmed(request.note);
  if (appointment.note.size() > kMaxText) return InvalidArgument("note", "is too long");
  appointment.recorded_by = actor.user_id;
  appointment.created_at = context_.Now();
  AppointmentRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    VINCULO_ASSIGN_OR_RETURN(Date born,
                             ParseDate(child.Text("date_of_birth").value_or(""), "date_of_birth"));
    if (request.schedule_id) {
      VINCULO_ASSIGN_OR_RETURN(std::vector<HealthScheduleRow> schedule,
                               nursery_care_store::HealthSchedule(txn));
      auto entry = std::find_if(schedule.begin(), schedule.end(),
                                [&](const auto& row) { return row.id == *request.schedule_id; });
      if (entry == schedule.end()) {
        return InvalidArgument("schedule_id",
                               "no health schedule entry " + std::to_string(*request.schedule_id));
      }
      appointment.kind = entry->kind;
      appointment.name = entry->name;
      if (!due_on) due_on = AddMonths(born, static_cast<int>(entry->age_months));
    }
    if (*due_on < born)
      return InvalidArgument("due_on", "cannot be before the child was born")
          .Because(Refusal::kDateBeforeBirth);
    appointment.due_on = FormatDate(*due_on);
    VINCULO_ASSIGN_OR_RETURN(stored, nursery_care_store::InsertAppointment(txn, appointment));
    return txn.AppendAudit({Event(actor, "create", "health_appointments", stored.id,
                                  "child " + std::to_string(child_id) + ", " + appointment.name)});
  }));
  return stored;
}

Result<std::vector<HealthItem>> NurseryCareService::HealthPlan(const Actor& actor,
                                                               long long child_id,
                                                               std::optional<Date> as_of) {
  VINCULO_RETURN_IF_ERROR(CheckCaseReader(actor));
  const Date today = as_of.value_or(context_.Today());
  const std::string today_text = FormatDate(today);
  const std::string soon = FormatDate(AddDays(today, options_.due_soon_days));
  std::vector<HealthItem> items;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    VINCULO_ASSIGN_OR_RETURN(Date born,
                             ParseDate(child.Text("date_of_birth").value_or(""), "date_of_birth"));
    VINCULO_ASSIGN_OR_RETURN(std::vector<HealthScheduleRow> schedule,
                             nursery_care_store::HealthSchedule(txn));
    VINCULO_ASSIGN_OR_RETURN(std::vector<AppointmentRow> appointments,
                             nursery_care_store::Appointments(txn, child_id));
    // The schedule starts from the child's registration with us (issue 15):
    // her first placement, else the record's creation. What fell due before
    // is not ours to call overdue unless its history is entered (an
    // appointment recorded for that entry).
    std::string registered_on = child.created_at.substr(0, 10);
    VINCULO_ASSIGN_OR_RETURN(std::vector<Placement> placements, txn.Placements(child_id));
    for (const Placement& placement : placements) {
      registered_on = std::min(registered_on, placement.started_on);
    }
    // The latest appointment recorded for each schedule entry stands for it.
    std::map<long long, const AppointmentRow*> by_entry;
    for (const AppointmentRow& appointment : appointments) {
      if (appointment.schedule_id) by_entry[*appointment.schedule_id] = &appointment;
    }
    for (const HealthScheduleRow& entry : schedule) {
      auto recorded = by_entry.find(entry.id);
      if (!entry.active && recorded == by_entry.end()) continue;
      HealthItem item;
      item.schedule_id = entry.id;
      item.kind = entry.kind;
      item.name = entry.name;
      item.due_on = FormatDate(AddMonths(born, static_cast<int>(entry.age_months)));
      if (recorded != by_entry.end()) {
        item.appointment_id = recorded->second->id;
        item.due_on = recorded->second->due_on;
        item.done_on = recorded->second->done_on;
      }
      item.status = recorded == by_entry.end() && item.due_on < registered_on
                        ? "before_registration"
                        : HealthStatus(item.due_on, item.done_on, today_text, soon);
      items.push_back(std::move(item));
    }
    for (const AppointmentRow& appointment : appointments) {
      if (appointment.schedule_id) continue;
      HealthItem item;
      item.appointment_id = appointment.id;
      item.kind = appointment.kind;
      item.name = appointment.name;
      item.due_on = appointment.due_on;
      item.done_on = appointment.done_on;
      item.status = HealthStatus(item.due_on, item.done_on, today_text, soon);
      items.push_back(std::move(item));
    }
    return Status::Ok();
  }));
  std::stable_sort(items.begin(), items.end(), [](const HealthItem& left, const HealthItem& right) {
    return left.due_on < right.due_on;
  });
  if (context_.audit) {
    context_.audit->RecordRead(Event(actor, "read", "children", child_id, "health"));
  }
  return items;
}

Result<SchoolEnrolmentRow> NurseryCareService::Enrol(const Actor& actor, long long child_id,
                                                     const EnrolmentRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  SchoolEnrolmentRow enrolment;
  enrolment.child_id = child_id;
  VINCULO_ASSIGN_OR_RETURN(enrolment.setting,
                           Enumerated(request.setting, "setting", {"daycare", "school"}));
  VINCULO_ASSIGN_OR_RETURN(enrolment.institution, RequiredText(request.institution, "institution"));
  VINCULO_ASSIGN_OR_RETURN(enrolment.level, RequiredText(request.level, "level"));
  VINCULO_ASSIGN_OR_RETURN(Date started, ParseDate(request.started_on, "started_on"));
  enrolment.started_on = FormatDate(started);
  enrolment.recorded_by = actor.user_id;
  enrolment.created_at = context_.Now();
  SchoolEnrolmentRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    VINCULO_ASSIGN_OR_RETURN(Date born,
                             ParseDate(child.Text("date_of_birth").value_or(""), "date_of_birth"));
    if (started < born) {
      return InvalidArgument("started_on", "cannot be before the child was born")
          .Because(Refusal::kDateBeforeBirth);
    }
    if (enrolment.setting == "school" && WholeMonthsBetween(born, started) < kSchoolAgeMonths) {
      return InvalidArgument("setting", "school is from three years of age; use daycare")
          .Because(Refusal::kSchoolAge);
    }
    VINCULO_ASSIGN_OR_RETURN(stored, nursery_care_store::InsertSchoolEnrolment(txn, enrolment));
    return txn.AppendAudit({Event(actor, "create", "school_enrolments", stored.id,
                                  "child " + std::to_string(child_id))});
  }));
  return stored;
}

Result<std::vector<SchoolEnrolmentRow>> NurseryCareService::SchoolEnrolments(const Actor& actor,
                                                                             long long child_id) {
  VINCULO_RETURN_IF_ERROR(CheckCaseReader(actor));
  std::vector<SchoolEnrolmentRow> enrolments;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    VINCULO_ASSIGN_OR_RETURN(enrolments, nursery_care_store::SchoolEnrolments(txn, child_id));
    return Status::Ok();
  }));
  if (context_.audit) {
    context_.audit->RecordRead(Event(actor, "read", "children", child_id, "schooling"));
  }
  return enrolments;
}

Result<PregnancyRow> NurseryCareService::RecordPregnancyOutcome(
    const Actor& actor, long long pregnancy_id, const PregnancyOutcomeRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  VINCULO_ASSIGN_OR_RETURN(std::string outcome_text,
                           Enumerated(request.outcome, "outcome", {"born", "ended"}));
  VINCULO_ASSIGN_OR_RETURN(PregnancyStatus outcome, ParsePregnancyStatus(outcome_text));
  VINCULO_ASSIGN_OR_RETURN(Date on, ParseDate(request.on, "on"));
  if (on > context_.Today())
    return InvalidArgument("on", "cannot be in the future").Because(Refusal::kDateInFuture);
  if (outcome == PregnancyStatus::kBorn && !request.child_id) {
    return InvalidArgument("child_id", "a birth is recorded with the new child's record");
  }
  if (outcome == PregnancyStatus::kEnded && request.child_id) {
    return InvalidArgument("child_id", "an ended pregnancy has no child");
  }
  PregnancyRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(PregnancyRow pregnancy,
                             nursery_care_store::GetPregnancy(txn, pregnancy_id));
    VINCULO_ASSIGN_OR_RETURN(bool visible, txn.Visible(ParentKind(), pregnancy.parent_id, actor));
    if (!visible) return NotFound("no pregnancy " + std::to_string(pregnancy_id));
    if (request.child_id) {
      auto child = txn.Get(ChildKind(), *request.child_id, actor);
      if (!child.ok()) {
        if (child.status().code() == StatusCode::kNotFound) {
          return InvalidArgument("child_id", "no child");
        }
        return child.status();
      }
      if (child->Text("date_of_birth").value_or("") != FormatDate(on)) {
        return InvalidArgument("child_id", "the child was not born on " + FormatDate(on));
      }
    }
    VINCULO_RETURN_IF_ERROR(nursery_care_store::SetPregnancyOutcome(
        txn, pregnancy_id, outcome, request.child_id, FormatDate(on)));
    VINCULO_ASSIGN_OR_RETURN(stored, nursery_care_store::GetPregnancy(txn, pregnancy_id));
    return txn.AppendAudit(
        {Event(actor, outcome == PregnancyStatus::kBorn ? "born" : "end", "pregnancies",
               pregnancy_id, "parent " + std::to_string(pregnancy.parent_id))});
  }));
  return stored;
}

}  // namespace vinculo
