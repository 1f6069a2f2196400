// The workshop tables (migration 6): courses and topics, facility settings
// and closures, cohorts, sessions, enrolments and attendance. Free functions
// over a Txn, like visit_store.h, so that store.h does not grow with every
// module (docs/architecture.md). Same contract as Txn's methods: called
// inside Store::Read or Store::Write, errors as values (driver errors become
// kConflict, kUnavailable, ...). No scoping here: WorkshopService decides who
// may see which cohort or facility before calling.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "store/workshop_rows.h"

namespace vinculo::workshop_store {

// Inserts a course with its topics (positions 1..n); kConflict on a taken code.
Result<CourseRow> InsertCourse(Txn& txn, const CourseRow& course, const std::string& now);
// Replaces a course's topics if its version is `expected_version`; bumps it.
Result<CourseRow> ReplaceCourseTopics(Txn& txn, long long course_id, long long expected_version,
                                      const std::vector<CourseTopicRow>& topics,
                                      const std::string& now);
Result<CourseRow> GetCourse(Txn& txn, long long id);  // kNotFound when absent
Result<std::vector<CourseRow>> Courses(Txn& txn);
Result<bool> MixedGroupsAllowed(Txn& txn, long long facility_id);
Status SetMixedGroupsAllowed(Txn& txn, long long facility_id, bool allowed, const std::string& now);
// kConflict when the facility is already closed that day.
Status InsertClosure(Txn& txn, long long facility_id, const std::string& closed_on,
                     const std::string& reason, const std::string& now);
// Closure dates of a facility on or after `from`, in order.
Result<std::vector<std::string>> Closures(Txn& txn, long long facility_id, const std::string& from);
Result<CohortRow> InsertCohort(Txn& txn, const CohortRow& cohort);
Result<CohortRow> GetCohort(Txn& txn, long long id);  // kNotFound when absent
Result<std::vector<CohortRow>> Cohorts(Txn& txn, const CohortFilter& filter);
Result<WorkshopSessionRow> InsertWorkshopSession(Txn& txn, const WorkshopSessionRow& session);
Result<WorkshopSessionRow> GetWorkshopSession(Txn& txn, long long id);  // kNotFound when absent
// Sessions in date, start and id order.
Result<std::vector<WorkshopSessionRow>> WorkshopSessions(Txn& txn,
                                                         const WorkshopSessionFilter& filter);
// Moves a session if its version is `expected_version`; kPreconditionFailed otherwise.
Result<WorkshopSessionRow> MoveWorkshopSession(Txn& txn, long long id, long long expected_version,
                                               const std::string& session_date, int start_minute,
                                               int end_minute);
// Everything that occupies `space_id` on `date` (YYYY-MM-DD), by start time.
Result<std::vector<SpaceBooking>> SpaceBookingsOn(Txn& txn, long long space_id,
                                                  const std::string& date);
// Whether the parent has a link to a child of `organisation_id`.
Result<bool> ParentKnownToOrganisation(Txn& txn, long long parent_id, long long organisation_id);
Result<EnrolmentRow> InsertEnrolment(Txn& txn, const EnrolmentRow& enrolment);
Result<std::optional<EnrolmentRow>> FindEnrolment(Txn& txn, long long cohort_id,
                                                  long long parent_id);
Result<std::vector<EnrolmentRow>> CohortEnrolments(Txn& txn, long long cohort_id);  // id order
Result<std::vector<EnrolmentRow>> ParentEnrolments(Txn& txn, long long parent_id);  // id order
Status UpdateEnrolment(Txn& txn, const EnrolmentRow& enrolment, const std::string& now);
// Inserts or replaces the mark of one enrolment at one session.
Status UpsertAttendance(Txn& txn, const AttendanceRow& attendance);
// Every mark of every session of a cohort.
Result<std::vector<AttendanceRow>> CohortAttendance(Txn& txn, long long cohort_id);

}  // namespace vinculo::workshop_store
