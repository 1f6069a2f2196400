// The operations of the nursery's care of the child: transition plans,
// authorised adults and the leave book, the health schedule and a child's
// health plan, school and daycare enrolments, and pregnancy outcomes.
#include "http/operation.h"
#include "json/nursery_care_json.h"
#include "json/nursery_json.h"
#include "json/record_json.h"
#include "service/nursery_care_service.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

NurseryCareService Care(const Call& call) { return NurseryCareService(call.services.context); }

Result<Reply> SaveTransitionPlan(Call& call) {
  const Body& body = call.body;
  TransitionPlanRequest plan;
  plan.destination = body.Text("destination");
  plan.receiving_party = body.Text("receiving_party");
  plan.consulted = body.Text("consulted");
  for (const Body& step : body.Elements("steps")) {
    plan.steps.push_back({step.Text("on"), step.Text("description")});
  }
  plan.visit_parent_id = body.OptionalInteger("visit_parent_id");
  plan.visit_frequency = body.OptionalText("visit_frequency");
  VINCULO_ASSIGN_OR_RETURN(TransitionPlanView saved,
                           Care(call).SaveTransitionPlan(call.user(), call.id(), plan));
  return JsonReply(TransitionPlanToJson(saved));
}

Result<Reply> AddAuthorisedAdult(Call& call) {
  AuthorisedAdultRequest adult{call.body.Text("full_name"), call.body.Text("relationship"),
                               call.body.Text("document_id")};
  VINCULO_ASSIGN_OR_RETURN(AuthorisedAdultRow stored,
                           Care(call).AddAuthorisedAdult(call.user(), call.id(), adult));
  return JsonReply(AuthorisedAdultToJson(stored), 201);
}

Result<Reply> StartLeave(Call& call) {
  const Body& body = call.body;
  LeaveRequest leave{body.Integer("adult_id"), body.Text("reason"), body.Text("left_at"),
                     body.Text("due_back_at"), body.Text("note")};
  VINCULO_ASSIGN_OR_RETURN(LeaveRow stored, Care(call).StartLeave(call.user(), call.id(), leave));
  return JsonReply(LeaveToJson(stored), 201);
}

Result<Reply> Leaves(Call& call) {
  LeaveQuery query;
  query.facility_id = call.QueryInteger("facility_id");
  query.child_id = call.QueryInteger("child_id");
  query.overdue_only = call.QueryBool("overdue").value_or(false);
  if (call.HasQuery("as_of")) query.as_of = call.QueryText("as_of");
  VINCULO_ASSIGN_OR_RETURN(std::vector<LeaveView> leaves, Care(call).Leaves(call.user(), query));
  return ItemsReply(leaves, LeaveViewToJson);
}

Result<Reply> AddScheduleEntry(Call& call) {
  ScheduleEntryRequest entry{call.body.Text("kind"), call.body.Text("name"),
                             call.body.Integer("age_months")};
  VINCULO_ASSIGN_OR_RETURN(HealthScheduleRow stored,
                           Care(call).AddScheduleEntry(call.user(), entry));
  return JsonReply(ScheduleEntryToJson(stored), 201);
}

Handler SetScheduleEntryActive(bool active) {
  return [active](Call& call) -> Result<Reply> {
    VINCULO_ASSIGN_OR_RETURN(HealthScheduleRow entry,
                             Care(call).SetScheduleEntryActive(call.user(), call.id(), active));
    return JsonReply(ScheduleEntryToJson(entry));
  };
}

Result<Reply> RecordAppointment(Call& call) {
  const Body& body = call.body;
  AppointmentRequest appointment;
  appointment.schedule_id = body.OptionalInteger("schedule_id");
  appointment.kind = body.Text("kind");
  appointment.name = body.Text("name");
  appointment.due_on = body.OptionalText("due_on");
  appointment.done_on = body.OptionalText("done_on");
  appointment.note = body.Text("note");
  VINCULO_ASSIGN_OR_RETURN(AppointmentRow stored,
                           Care(call).RecordAppointment(call.user(), call.id(), appointment));
  return JsonReply(AppointmentToJson(stored), 201);
}

Result<Reply> Enrol(Call& call) {
  const Body& body = call.body;
  EnrolmentRequest enrolment{body.Text("setting"), body.Text("institution"), body.Text("level"),
                             body.Text("started_on")};
  VINCULO_ASSIGN_OR_RETURN(SchoolEnrolmentRow stored,
                           Care(call).Enrol(call.user(), call.id(), enrolment));
  return JsonReply(SchoolEnrolmentToJson(stored), 201);
}

Result<Reply> RecordPregnancyOutcome(Call& call) {
  PregnancyOutcomeRequest outcome{call.body.Text("outcome"), call.body.OptionalInteger("child_id"),
                                  call.body.Text("on")};
  VINCULO_ASSIGN_OR_RETURN(PregnancyRow stored,
                           Care(call).RecordPregnancyOutcome(call.user(), call.id(), outcome));
  return JsonReply(PregnancyToJson(stored));
}

// Transition plans.
std::vector<Operation> TransitionPlanOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/children/{id}/transition-plan",
       .operation_id = "getTransitionPlan",
       .tag = "Nursery",
       .summary = "A child's transition plan",
       .description =
           "The plan with its steps and the visit requirements its approval created; 404 when the "
           "child has none. Scoped like the child: a nursery officer sees her facility's children, "
           "a child out of scope answers 404; auditors see figures only and get 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply = "TransitionPlan",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(TransitionPlanView plan,
                                  Care(call).TransitionPlan(call.user(), call.id()));
         return JsonReply(TransitionPlanToJson(plan));
       }},
      {.method = "POST",
       .path = "/api/v1/children/{id}/transition-plan",
       .operation_id = "saveTransitionPlan",
       .tag = "Nursery",
       .summary = "Create or replace a child's transition plan",
       .description =
           "Saves the plan as a draft (a changed approved plan needs approval again). Plans are "
           "required from 90 days before the age-out: the board flags children that close without "
           "an approved plan (needs_plan). The child must live inside. Administrators, social "
           "workers and nursery officers who can see the child; bad input is 422 naming the field "
           "and changes nothing. Written to the audit log.",
       .request = "TransitionPlanRequest",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .body = BodyKind::kFields,
       .fields =
           {Required("destination", V::kText),
            Optional("receiving_party", V::kText,
                     "The person or organisation receiving the child."),
            Optional("consulted", V::kText,
                     "Who was consulted (the mother, staff, the receiving family...)."),
            Objects("steps", {Required("on", V::kDate), Required("description", V::kText)})
                .Shape("each step must be {on: YYYY-MM-DD, description: text}"),
            Optional("visit_parent_id", V::kId,
                     "After the move, the parent the child keeps visiting (with visit_frequency)."),
            Optional("visit_frequency", V::kText)},
       .reply = "TransitionPlan",
       .errors = {409},
       .handler = SaveTransitionPlan},
      {.method = "POST",
       .path = "/api/v1/transition-plans/{id}/approve",
       .operation_id = "approveTransitionPlan",
       .tag = "Nursery",
       .summary = "Approve a transition plan",
       .description = "Approves a draft once (a second approval is 409) and, when the plan names "
                      "visits, creates the visit requirement (child, parent, frequency, from the "
                      "last step) for the visits module. Administrators, programme coordinators "
                      "and nursery officers who can see the child. Written to the audit log.",
       .roles = RolesWith(Permission::kApproveTransitionPlan),
       .reply = "TransitionPlan",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(TransitionPlanView approved,
                                  Care(call).ApproveTransitionPlan(call.user(), call.id()));
         return JsonReply(TransitionPlanToJson(approved));
       }},
  };
}

// Authorised adults and the leave book.
std::vector<Operation> LeaveOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/children/{id}/authorised-adults",
       .operation_id = "listAuthorisedAdults",
       .tag = "Nursery",
       .summary = "Adults authorised to take a child out",
       .description =
           "The child's authorised list; document_id only for administrators, social workers and "
           "nursery officers. Scoped like the child: a nursery officer sees her facility's "
           "children, a child out of scope answers 404; auditors see figures only and get 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply = "items:AuthorisedAdult",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto adults, Care(call).AuthorisedAdults(call.user(), call.id()));
         return ItemsReply(adults, AuthorisedAdultToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/children/{id}/authorised-adults",
       .operation_id = "addAuthorisedAdult",
       .tag = "Nursery",
       .summary = "Authorise an adult to take a child out",
       .description =
           "Adds an adult (name, relationship, identity document) to the list of a child living "
           "inside. Administrators, social workers and nursery officers who can see the child; bad "
           "input is 422 naming the field and changes nothing. Written to the audit log.",
       .request = "AuthorisedAdultRequest",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .body = BodyKind::kFields,
       .fields =
           {Optional("full_name", V::kText), Optional("relationship", V::kText),
            Optional(
                "document_id", V::kText,
                "Restricted: shown only to administrators, social workers and nursery officers.")},
       .status = 201,
       .reply = "AuthorisedAdult",
       .errors = {409},
       .handler = AddAuthorisedAdult},
      {.method = "POST",
       .path = "/api/v1/authorised-adults/{id}/revoke",
       .operation_id = "revokeAuthorisedAdult",
       .tag = "Nursery",
       .summary = "Take an adult off a child's authorised list",
       .description =
           "The adult stays in the history of past leaves (active false) and can no longer take "
           "the child out. Administrators, social workers and nursery officers who can see the "
           "child; another facility's adult answers 404. Written to the audit log.",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .reply = "AuthorisedAdult",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(AuthorisedAdultRow revoked,
                                  Care(call).RevokeAuthorisedAdult(call.user(), call.id()));
         return JsonReply(AuthorisedAdultToJson(revoked));
       }},
      {.method = "POST",
       .path = "/api/v1/children/{id}/leaves",
       .operation_id = "startLeave",
       .tag = "Nursery",
       .summary = "Record a child leaving on temporary leave, or book one ahead",
       .description =
           "A weekend with relatives, hospital or court. A left_at later than now books the leave "
           "ahead (state booked until it begins; issue 15), at most 366 days ahead. Refused (422 "
           "naming the field, nothing changes): an adult not on the child's authorised list "
           "(adult_id), a return time before leaving (due_back_at), a start too far ahead "
           "(left_at), a child not living inside (child_id); a child with a leave booked or out "
           "already is 409 naming child_id. Administrators, social workers "
           "and nursery officers who can see the child; bad input is 422 naming the field and "
           "changes nothing. Written to the audit log.",
       .request = "LeaveRequest",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .body = BodyKind::kFields,
       .fields = {Required("adult_id", V::kId, "An active adult on the child's authorised list."),
                  Required("reason", V::kText),
                  Required("left_at", V::kText, "Later than now books the leave ahead."),
                  Required("due_back_at", V::kText, "After left_at."), Optional("note", V::kText)},
       .status = 201,
       .reply = "Leave",
       .errors = {409},
       .handler = StartLeave},
      {.method = "POST",
       .path = "/api/v1/leaves/{id}/return",
       .operation_id = "returnFromLeave",
       .tag = "Nursery",
       .summary = "Record a child's return from leave",
       .description = "A return before the leave began or in the future is 422 naming returned_at; "
                      "a second return is 409. Administrators, social workers and nursery officers "
                      "who can see the child; bad input is 422 naming the field and changes "
                      "nothing. Written to the audit log.",
       .request = "ReturnRequest",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .body = BodyKind::kFields,
       .fields = {Required("returned_at", V::kText, "Not before left_at, not in the future.")},
       .reply = "Leave",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             LeaveRow stored,
             Care(call).ReturnFromLeave(call.user(), call.id(), call.body.Text("returned_at")));
         return JsonReply(LeaveToJson(stored));
       }},
      {.method = "POST",
       .path = "/api/v1/leaves/{id}/cancel",
       .operation_id = "cancelBookedLeave",
       .tag = "Nursery",
       .summary = "Cancel a leave booked ahead",
       .description = "Only before it begins (then it never happened; the audit log keeps the "
                      "booking and its cancellation); a leave that has begun is 409 naming "
                      "left_at: record the return instead. Administrators, social workers and "
                      "nursery officers who can see the child. Written to the audit log.",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .status = 204,
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_RETURN_IF_ERROR(Care(call).CancelBookedLeave(call.user(), call.id()));
         return NoContent();
       }},
      {.method = "GET",
       .path = "/api/v1/nursery/leaves",
       .operation_id = "listLeaves",
       .tag = "Nursery",
       .summary = "The leave book",
       .description =
           "Every leave of the children the caller may see, newest first, with its state at as_of "
           "(booked, out, overdue, returned). overdue=true lists only the children not back in "
           "time: the alert list. Scoped like the child: a nursery officer sees her facility's "
           "children, a "
           "child out of scope answers 404; auditors see figures only and get 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .query = {Optional("facility_id", V::kId, "Only this facility."),
                 Optional("child_id", V::kId, "Only this child."),
                 Optional("overdue", V::kBoolean,
                          "Only leaves not returned and due back before as_of."),
                 Optional("as_of", V::kText, "The time states are computed at (default: now).")},
       .reply = "items:LeaveBookEntry",
       .errors = {404},
       .handler = Leaves},
  };
}

// Health, school and pregnancy outcomes.
std::vector<Operation> HealthOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/nursery/health-schedule",
       .operation_id = "listHealthSchedule",
       .tag = "Nursery",
       .summary = "The paediatric schedule",
       .description = "Check-ups and vaccinations by age in months, active or retired. Shipped "
                      "with a default (check-ups at 1 to 48 months, the common infant vaccines); "
                      "administrators adapt it. Every role that sees children, and auditors.",
       .reply = "items:HealthScheduleEntry",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto schedule, Care(call).HealthSchedule(call.user()));
         return ItemsReply(schedule, ScheduleEntryToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/nursery/health-schedule",
       .operation_id = "addHealthScheduleEntry",
       .tag = "Nursery",
       .summary = "Add to the paediatric schedule",
       .description = "Administrators only. Written to the audit log.",
       .request = "HealthScheduleRequest",
       .roles = RolesWith(Permission::kKeepHealthSchedule),
       .body = BodyKind::kFields,
       .fields = {Required("kind", V::kText), Optional("name", V::kText),
                  Required("age_months", V::kInteger)},
       .status = 201,
       .reply = "HealthScheduleEntry",
       .errors = {409},
       .handler = AddScheduleEntry},
      {.method = "POST",
       .path = "/api/v1/nursery/health-schedule/{id}/retire",
       .operation_id = "retireHealthScheduleEntry",
       .tag = "Nursery",
       .summary = "Retire a schedule entry",
       .description =
           "A retired entry no longer appears in children's health plans unless an appointment was "
           "recorded for it. Administrators only. Written to the audit log.",
       .roles = RolesWith(Permission::kKeepHealthSchedule),
       .reply = "HealthScheduleEntry",
       .handler = SetScheduleEntryActive(false)},
      {.method = "POST",
       .path = "/api/v1/nursery/health-schedule/{id}/restore",
       .operation_id = "restoreHealthScheduleEntry",
       .tag = "Nursery",
       .summary = "Restore a schedule entry",
       .description =
           "A retired entry no longer appears in children's health plans unless an appointment was "
           "recorded for it. Administrators only. Written to the audit log.",
       .roles = RolesWith(Permission::kKeepHealthSchedule),
       .reply = "HealthScheduleEntry",
       .handler = SetScheduleEntryActive(true)},
      {.method = "GET",
       .path = "/api/v1/children/{id}/health",
       .operation_id = "getHealthPlan",
       .tag = "Nursery",
       .summary = "A child's health plan",
       .description =
           "The schedule applied to the child's date of birth, merged with the appointments "
           "recorded, each with its status at as_of: done, overdue, due (within 30 days), "
           "upcoming, or before_registration: an entry due before the child was registered "
           "(her first placement) with no appointment entered for it, never counted overdue "
           "(issue 15: the schedule starts from registration unless earlier history is "
           "entered). Scoped like the child: a nursery officer sees her facility's children, a "
           "child out of scope answers 404; auditors see figures only and get 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .query = {Optional("as_of", V::kDate, "Compute statuses on this date (default: today).")},
       .reply = "items:HealthItem",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             auto items, Care(call).HealthPlan(call.user(), call.id(), call.QueryDate("as_of")));
         return ItemsReply(items, HealthItemToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/children/{id}/appointments",
       .operation_id = "recordAppointment",
       .tag = "Nursery",
       .summary = "Record a check-up, vaccination or other appointment",
       .description = "For a schedule entry (schedule_id) or any other appointment (kind, name, "
                      "due_on); done_on when it took place. Administrators, social workers and "
                      "nursery officers who can see the child; bad input is 422 naming the field "
                      "and changes nothing. Written to the audit log.",
       .request = "AppointmentRequest",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .body = BodyKind::kFields,
       .fields = {Optional("schedule_id", V::kId,
                           "A schedule entry: kind and name come from it, due_on defaults to birth "
                           "plus its age."),
                  Optional("kind", V::kText), Optional("name", V::kText),
                  Optional("due_on", V::kDate), Optional("done_on", V::kDate, "Not in the future."),
                  Optional("note", V::kText)},
       .status = 201,
       .reply = "Appointment",
       .errors = {409},
       .handler = RecordAppointment},
      {.method = "GET",
       .path = "/api/v1/children/{id}/schooling",
       .operation_id = "listEnrolments",
       .tag = "Nursery",
       .summary = "A child's daycare and school enrolments",
       .description =
           "By start date. Scoped like the child: a nursery officer sees her facility's children, "
           "a child out of scope answers 404; auditors see figures only and get 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply = "items:Enrolment",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Care(call).SchoolEnrolments(call.user(), call.id()));
         return ItemsReply(rows, SchoolEnrolmentToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/children/{id}/schooling",
       .operation_id = "enrolChild",
       .tag = "Nursery",
       .summary = "Enrol a child in daycare or school",
       .description =
           "Daycare from birth, school from three years of age (422 naming setting). "
           "Administrators, social workers and nursery officers who can see the child; bad input "
           "is 422 naming the field and changes nothing. Written to the audit log.",
       .request = "EnrolmentRequest",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .body = BodyKind::kFields,
       .fields = {Required("setting", V::kText, "School from three years of age."),
                  Optional("institution", V::kText), Optional("level", V::kText),
                  Required("started_on", V::kDate)},
       .status = 201,
       .reply = "Enrolment",
       .errors = {409},
       .handler = Enrol},
      {.method = "POST",
       .path = "/api/v1/pregnancies/{id}/outcome",
       .operation_id = "recordPregnancyOutcome",
       .tag = "Nursery",
       .summary = "Mark a pregnancy born or ended",
       .description = "A born pregnancy links the newborn's record (born on `on`); either way it "
                      "leaves the forecast, which counts expected pregnancies only. A second "
                      "outcome is 409. Administrators, social workers and nursery officers who can "
                      "see the mother. Written to the audit log.",
       .request = "PregnancyOutcomeRequest",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .body = BodyKind::kFields,
       .fields = {Required("outcome", V::kText),
                  Optional("child_id", V::kId,
                           "Required when born: the newborn's record, born on `on`."),
                  Required("on", V::kDate, "Not in the future.")},
       .reply = "Pregnancy",
       .errors = {409},
       .handler = RecordPregnancyOutcome},
  };
}

}  // namespace

std::vector<Operation> NurseryCareOperations() {
  return Concatenated({TransitionPlanOperations, LeaveOperations, HealthOperations});
}

}  // namespace vinculo::http_internal
