// The nursery care tables (migration 3): transition plans and their steps,
// visit requirements, authorised adults, the leave book, the health schedule,
// appointments, school enrolments, and pregnancy outcomes. Free functions
// over a Txn, like visit_store.h, so that store.h does not grow with every
// module (docs/architecture.md). Same contract as Txn's methods: called
// inside Store::Read or Store::Write, errors as values (driver errors become
// kConflict, kUnavailable, ...). TransitionPlanStatuses and Leaves scope by
// the actor they are given; the rest read and write by id, after
// NurseryCareService has decided who may.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/access.h"
#include "store/nursery_care_rows.h"
#include "store/nursery_rows.h"
#include "store/store.h"

namespace vinculo::nursery_care_store {

// The child's plan with its steps in order; nullopt when it has none.
Result<std::optional<TransitionPlanRow>> TransitionPlanOf(Txn& txn, long long child_id);
// Inserts or replaces the child's plan and its steps (one plan per child);
// a replaced plan loses its approval.
Result<TransitionPlanRow> SaveTransitionPlan(Txn& txn, const TransitionPlanRow& plan);
Result<TransitionPlanRow> GetTransitionPlan(Txn& txn, long long id);  // kNotFound
// Approves a draft; kConflict naming status when it is approved already.
Status ApproveTransitionPlan(Txn& txn, long long id, long long approved_by,
                             const std::string& approved_on, const std::string& now);
// (child id, plan status) of the children ForEachChildInside would visit
// that have a plan, by child id: one query for the whole board. A global
// actor without a facility filter also gets plans of children not inside.
Result<std::vector<std::pair<long long, TransitionPlanStatus>>> TransitionPlanStatuses(
    Txn& txn, const ChildrenInsideFilter& filter, const Actor& actor);
Result<VisitRequirementRow> InsertVisitRequirement(Txn& txn,
                                                   const VisitRequirementRow& requirement);
Result<std::vector<VisitRequirementRow>> VisitRequirements(Txn& txn, long long child_id);
Result<AuthorisedAdultRow> InsertAuthorisedAdult(Txn& txn, const AuthorisedAdultRow& adult);
Result<std::vector<AuthorisedAdultRow>> AuthorisedAdults(Txn& txn, long long child_id);
Result<AuthorisedAdultRow> GetAuthorisedAdult(Txn& txn, long long id);  // kNotFound
Status SetAuthorisedAdultActive(Txn& txn, long long id, bool active);
Result<LeaveRow> InsertLeave(Txn& txn, const LeaveRow& leave);
Result<LeaveRow> GetLeave(Txn& txn, long long id);  // kNotFound
// The child's leave not yet returned, if any.
Result<std::optional<LeaveRow>> OpenLeaveOf(Txn& txn, long long child_id);
// kConflict naming returned_at when the leave has returned already.
Status ReturnLeave(Txn& txn, long long id, const std::string& returned_at);
// Removes a booked leave that has not begun by `now` (issue 15: it never
// happened; the audit log keeps the booking and its cancellation).
// kConflict naming left_at when it has begun or returned.
Status CancelBookedLeave(Txn& txn, long long id, const std::string& now);
// Leaves of children `actor` may see, newest first.
Result<std::vector<LeaveRow>> Leaves(Txn& txn, const LeaveFilter& filter, const Actor& actor);
// Every schedule entry, active or not, by age.
Result<std::vector<HealthScheduleRow>> HealthSchedule(Txn& txn);
Result<HealthScheduleRow> InsertScheduleEntry(Txn& txn, const HealthScheduleRow& entry);
Status SetScheduleEntryActive(Txn& txn, long long id, bool active);  // kNotFound
Result<AppointmentRow> InsertAppointment(Txn& txn, const AppointmentRow& appointment);
Result<std::vector<AppointmentRow>> Appointments(Txn& txn, long long child_id);
Result<SchoolEnrolmentRow> InsertSchoolEnrolment(Txn& txn, const SchoolEnrolmentRow& enrolment);
Result<std::vector<SchoolEnrolmentRow>> SchoolEnrolments(Txn& txn, long long child_id);
Result<PregnancyRow> GetPregnancy(Txn& txn, long long id);  // kNotFound
// Marks an expected pregnancy born (with the child) or ended; kConflict
// naming status when it already has an outcome.
Status SetPregnancyOutcome(Txn& txn, long long id, PregnancyStatus status,
                           std::optional<long long> child_id, const std::string& on);

}  // namespace vinculo::nursery_care_store
