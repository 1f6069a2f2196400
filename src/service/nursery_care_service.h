// NurseryCareService: the care of a child living inside a prison nursery, for
// a signed-in Actor. Transition plans (where the child goes at age-out, the
// steps of a gradual separation, who was consulted, and the visits that keep
// the bond, which an approval hands to the visits module as a visit
// requirement); the adults authorised to take the child out and the leave
// book (weekend with relatives, hospital, court) with overdue returns; the
// paediatric schedule, appointments with their due/overdue/done status; and
// daycare or school enrolment. Also the outcome of a pregnancy (born, with the
// new child's record, or ended), which takes it out of the forecast.
//
// Scope: everything hangs off a child, and a child is as visible as its
// ScopeRule allows (a nursery officer sees her facility's children); a child
// outside the actor's scope answers kNotFound. Auditors see figures only: every
// named list here is kForbidden for them. Writes are for administrators,
// social workers and nursery officers (plans are approved by administrators,
// programme coordinators and nursery officers; the health schedule is edited
// by administrators only); each write is one transaction with its audit event,
// and a refused write changes nothing.
// Thread-safe: holds no mutable state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.h"
#include "store/nursery_care_store.h"
#include "store/nursery_store.h"

namespace vinculo {

struct NurseryCareOptions {
  // An appointment not done is "due" from this many days before its date.
  int due_soon_days = 30;
};

struct TransitionPlanRequest {
  std::string destination;  // relatives | care_organisation | state_care
  std::string receiving_party;
  std::string consulted;
  std::vector<TransitionStepRow> steps;  // at least one; sorted by date on save
  std::optional<long long> visit_parent_id;
  std::optional<std::string> visit_frequency;  // weekly | fortnightly | monthly
};

// A plan with the visit requirements its approval created.
struct TransitionPlanView {
  TransitionPlanRow plan;
  std::vector<VisitRequirementRow> visit_requirements;
};

struct AuthorisedAdultRequest {
  std::string full_name;
  std::string relationship;
  std::string document_id;
};

struct LeaveRequest {
  long long adult_id = 0;
  std::string reason;       // weekend_with_relatives | hospital | court | other
  std::string left_at;      // YYYY-MM-DDTHH:MM:SSZ; later than now books the leave ahead
  std::string due_back_at;  // after left_at
  std::string note;
};

struct LeaveQuery {
  std::optional<long long> facility_id;
  std::optional<long long> child_id;
  bool overdue_only = false;
  std::optional<std::string> as_of;  // timestamp; default now
};

// A line of the leave book with its state at the query's time.
struct LeaveView {
  LeaveRow leave;
  std::string state;  // LeaveStateAt
};

// A leave's state at `as_of` (a timestamp), from its dates and recorded
// return (issue 15): booked (begins after as_of), out, overdue (not back by
// due_back_at) or returned. The one rule of the leave book and the board.
const char* LeaveStateAt(const LeaveRow& leave, const std::string& as_of);
// How far ahead a leave may be booked.
inline constexpr int kLeaveBookingDaysAhead = 366;

struct ScheduleEntryRequest {
  std::string kind;  // checkup | vaccine
  std::string name;
  long long age_months = 0;  // 0..216
};

struct AppointmentRequest {
  std::optional<long long> schedule_id;  // kind and name come from the schedule
  std::string kind;                      // checkup | vaccine | other, without schedule_id
  std::string name;
  std::optional<std::string> due_on;  // default: birth + the schedule's age
  std::optional<std::string> done_on;
  std::string note;
};

// One line of a child's health plan: a schedule entry (with the latest
// appointment recorded for it) or an appointment outside the schedule.
struct HealthItem {
  std::optional<long long> schedule_id;
  std::optional<long long> appointment_id;
  std::string kind;
  std::string name;
  std::string due_on;
  std::optional<std::string> done_on;
  // done | overdue | due | upcoming, or before_registration: a schedule
  // entry due before the child was registered with no history entered for it
  // (issue 15), never counted overdue.
  std::string status;
};

struct EnrolmentRequest {
  std::string setting;  // daycare | school
  std::string institution;
  std::string level;
  std::string started_on;
};

struct PregnancyOutcomeRequest {
  std::string outcome;                // born | ended
  std::optional<long long> child_id;  // required when born
  std::string on;                     // YYYY-MM-DD, not in the future
};

class NurseryCareService {
 public:
  explicit NurseryCareService(ServiceContext context, NurseryCareOptions options = {})
      : context_(context), options_(options) {}

  // Creates or replaces the child's plan as a draft (a replaced approved plan
  // needs approval again). kInvalidArgument naming the field (destination,
  // receiving_party, consulted, steps, visit_parent_id, visit_frequency,
  // child_id when the child does not live inside); kNotFound when the child
  // is not visible; kForbidden for other roles.
  Result<TransitionPlanView> SaveTransitionPlan(const Actor& actor, long long child_id,
                                                const TransitionPlanRequest& request);
  // kNotFound when the child is not visible or has no plan.
  Result<TransitionPlanView> TransitionPlan(const Actor& actor, long long child_id);
  // Approves a draft and creates its visit requirement; kConflict when it is
  // approved already; kNotFound when its child is not visible.
  Result<TransitionPlanView> ApproveTransitionPlan(const Actor& actor, long long plan_id);

  // The child's authorised list. document_id is emptied for roles that do
  // not manage the list.
  Result<AuthorisedAdultRow> AddAuthorisedAdult(const Actor& actor, long long child_id,
                                                const AuthorisedAdultRequest& request);
  Result<std::vector<AuthorisedAdultRow>> AuthorisedAdults(const Actor& actor, long long child_id);
  // Takes an adult off the list (kept for the history of past leaves); they
  // can no longer take the child out. kNotFound when the child is not visible.
  Result<AuthorisedAdultRow> RevokeAuthorisedAdult(const Actor& actor, long long adult_id);

  // Records a child leaving, or books a leave ahead (left_at later than now,
  // at most kLeaveBookingDaysAhead). kInvalidArgument naming adult_id (not on
  // the child's active authorised list), reason, left_at, due_back_at or
  // child_id (not living inside); kConflict naming child_id when a leave of
  // hers is booked or out already (one open leave per child).
  Result<LeaveRow> StartLeave(const Actor& actor, long long child_id, const LeaveRequest& request);
  // kInvalidArgument naming returned_at (before the leave began, or in the
  // future); kConflict when it has returned already.
  Result<LeaveRow> ReturnFromLeave(const Actor& actor, long long leave_id,
                                   const std::string& returned_at);
  // Cancels a booked leave that has not begun; kConflict naming left_at once
  // it has begun; kNotFound when its child is not visible.
  Status CancelBookedLeave(const Actor& actor, long long leave_id);
  // The leave book (history), newest first, or only the overdue returns.
  Result<std::vector<LeaveView>> Leaves(const Actor& actor, const LeaveQuery& query);

  // Every schedule entry; readable by every role that sees children.
  Result<std::vector<HealthScheduleRow>> HealthSchedule(const Actor& actor);
  // Administrators only.
  Result<HealthScheduleRow> AddScheduleEntry(const Actor& actor,
                                             const ScheduleEntryRequest& request);
  Result<HealthScheduleRow> SetScheduleEntryActive(const Actor& actor, long long entry_id,
                                                   bool active);
  Result<AppointmentRow> RecordAppointment(const Actor& actor, long long child_id,
                                           const AppointmentRequest& request);
  // The child's schedule applied to its date of birth, merged with the
  // appointments recorded, each with its status on `as_of` (default today).
  Result<std::vector<HealthItem>> HealthPlan(const Actor& actor, long long child_id,
                                             std::optional<Date> as_of);

  // kInvalidArgument naming setting (school before 3 years of age),
  // institution, level or started_on.
  Result<SchoolEnrolmentRow> Enrol(const Actor& actor, long long child_id,
                                   const EnrolmentRequest& request);
  Result<std::vector<SchoolEnrolmentRow>> SchoolEnrolments(const Actor& actor, long long child_id);

  // kInvalidArgument naming outcome, child_id or on; kConflict when the
  // pregnancy already has an outcome; kNotFound when its mother is not visible.
  Result<PregnancyRow> RecordPregnancyOutcome(const Actor& actor, long long pregnancy_id,
                                              const PregnancyOutcomeRequest& request);

 private:
  AuditEvent Event(const Actor& actor, const char* action, const char* kind, long long id,
                   std::string detail = {}) const;

  ServiceContext context_;
  NurseryCareOptions options_;
};

}  // namespace vinculo
