// Internal to the parenting workshops' service files (workshop_service.cc,
// workshop_records.cc): who may manage or see a cohort, and the cohort
// reads both need.
#pragma once

#include <string>
#include <vector>

#include "service/workshop_service.h"
#include "store/workshop_store.h"

namespace vinculo::workshop_internal {

// Administrators, coordinators and social workers of the cohort's
// organisation manage it; a global administrator manages every cohort.
bool CanManage(const Actor& actor, long long organisation_id);

// Managers, and the prison's own staff for the cohorts held there.
bool CanSeeSchedule(const Actor& actor, const CohortRow& cohort);

// kForbidden for an auditor (figures only), Ok for anyone else.
Status AuditorsSeeFiguresOnly(const Actor& actor);

// The cohort if the actor may see it (kNotFound otherwise, as for a missing
// one); kForbidden when `manage` is asked and she only sees the schedule.
Result<CohortRow> VisibleCohort(Txn& txn, const Actor& actor, long long cohort_id, bool manage);

// A workshop session and its cohort, when the actor manages that cohort; a
// session of a cohort she may not see reads as a missing session (issue 13:
// not "no cohort with id N", which named the cohort behind it).
struct ManagedSession {
  WorkshopSessionRow session;
  CohortRow cohort;
};
Result<ManagedSession> SessionToManage(Txn& txn, const Actor& actor, long long session_id);

// Moves the first waiting parents up while the cohort has room.
Status PromoteWaiting(Txn& txn, const CohortRow& cohort, const std::string& today,
                      const std::string& now);

// Progress of every enrolment of a cohort, in enrolment order.
Result<std::vector<EnrolmentProgress>> ProgressOf(Txn& txn, const CohortRow& cohort);

}  // namespace vinculo::workshop_internal
