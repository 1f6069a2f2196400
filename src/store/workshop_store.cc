// The workshop tables (migration 6): courses and topics, facility settings
// and closures, cohorts, sessions, enrolments and attendance.
#include "store/workshop_store.h"

#include <soci/soci.h>

#include <string>
#include <vector>

#include "store/sql_util.h"

namespace vinculo::workshop_store {
using store_internal::ExecuteWith;
using store_internal::GetInteger;
using store_internal::GetOptionalText;
using store_internal::GetText;
using store_internal::Params;
using store_internal::ReadEnum;
using store_internal::Select;
using store_internal::SelectChecked;

namespace {

constexpr const char* kCohortColumns =
    "id, version, course_id, facility_id, organisation_id, group_kind, facilitator_user_id, "
    "space_id, capacity, start_date, recurrence_days, start_minute, end_minute, "
    "completion_percent, status, created_at";

Result<CohortRow> ReadCohort(const soci::row& row) {
  CohortRow cohort;
  cohort.id = GetInteger(row, 0);
  cohort.version = GetInteger(row, 1);
  cohort.course_id = GetInteger(row, 2);
  cohort.facility_id = GetInteger(row, 3);
  cohort.organisation_id = GetInteger(row, 4);
  cohort.group_kind = GetText(row, 5);
  cohort.facilitator_user_id = GetInteger(row, 6);
  cohort.space_id = GetInteger(row, 7);
  cohort.capacity = GetInteger(row, 8);
  cohort.start_date = GetText(row, 9);
  cohort.recurrence_days = static_cast<int>(GetInteger(row, 10));
  cohort.start_minute = static_cast<int>(GetInteger(row, 11));
  cohort.end_minute = static_cast<int>(GetInteger(row, 12));
  cohort.completion_percent = static_cast<int>(GetInteger(row, 13));
  VINCULO_ASSIGN_OR_RETURN(cohort.status,
                           ReadEnum(row, 14, ParseCohortStatus, "workshop_cohorts.status"));
  cohort.created_at = GetText(row, 15);
  return cohort;
}

constexpr const char* kSessionColumns =
    "id, version, cohort_id, position, facility_id, space_id, facilitator_user_id, session_date, "
    "start_minute, end_minute, status";

Result<WorkshopSessionRow> ReadSession(const soci::row& row) {
  WorkshopSessionRow session;
  session.id = GetInteger(row, 0);
  session.version = GetInteger(row, 1);
  session.cohort_id = GetInteger(row, 2);
  session.position = static_cast<int>(GetInteger(row, 3));
  session.facility_id = GetInteger(row, 4);
  session.space_id = GetInteger(row, 5);
  session.facilitator_user_id = GetInteger(row, 6);
  session.session_date = GetText(row, 7);
  session.start_minute = static_cast<int>(GetInteger(row, 8));
  session.end_minute = static_cast<int>(GetInteger(row, 9));
  VINCULO_ASSIGN_OR_RETURN(
      session.status, ReadEnum(row, 10, ParseWorkshopSessionStatus, "workshop_sessions.status"));
  return session;
}

constexpr const char* kEnrolmentColumns =
    "id, cohort_id, parent_id, status, enrolled_on, ended_on, end_reason, created_at";

Result<EnrolmentRow> ReadEnrolment(const soci::row& row) {
  EnrolmentRow enrolment;
  enrolment.id = GetInteger(row, 0);
  enrolment.cohort_id = GetInteger(row, 1);
  enrolment.parent_id = GetInteger(row, 2);
  VINCULO_ASSIGN_OR_RETURN(enrolment.status,
                           ReadEnum(row, 3, ParseEnrolmentStatus, "workshop_enrolments.status"));
  enrolment.enrolled_on = GetOptionalText(row, 4);
  enrolment.ended_on = GetOptionalText(row, 5);
  enrolment.end_reason = GetText(row, 6);
  enrolment.created_at = GetText(row, 7);
  return enrolment;
}

Status InsertTopics(soci::session& sql, long long course_id,
                    const std::vector<CourseTopicRow>& topics) {
  for (const CourseTopicRow& topic : topics) {
    Params params;
    ExecuteWith(sql,
                "INSERT INTO workshop_course_topics (course_id, position, topic_es, topic_en) "
                "VALUES (" +
                    params.AddInteger(course_id) + ", " + params.AddInteger(topic.position) + ", " +
                    params.Add(topic.topic_es) + ", " + params.Add(topic.topic_en) + ")",
                params);
  }
  return Status::Ok();
}

}  // namespace

Result<CourseRow> InsertCourse(Txn& txn, const CourseRow& course, const std::string& now) {
  try {
    Params params;
    CourseRow stored = course;
    stored.version = 1;
    txn.session()
        << "INSERT INTO workshop_courses (created_at, updated_at, code, title_es, title_en) "
           "VALUES (" +
               params.Add(now) + ", " + params.Add(now) + ", " + params.Add(course.code) + ", " +
               params.Add(course.title_es) + ", " + params.Add(course.title_en) + ") RETURNING id",
        soci::use(params.values()), soci::into(stored.id);
    VINCULO_RETURN_IF_ERROR(InsertTopics(txn.session(), stored.id, course.topics));
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "creating a course");
  }
}

Result<CourseRow> ReplaceCourseTopics(Txn& txn, long long course_id, long long expected_version,
                                      const std::vector<CourseTopicRow>& topics,
                                      const std::string& now) {
  try {
    Params params;
    const long long updated = ExecuteWith(
        txn,
        "UPDATE workshop_courses SET version = version + 1, updated_at = " + params.Add(now) +
            " WHERE id = " + params.AddInteger(course_id) +
            " AND version = " + params.AddInteger(expected_version),
        params);
    if (updated == 0) {
      return Status(
          StatusCode::kPreconditionFailed,
          "the course was changed by someone else; reload it and apply your change again");
    }
    Params remove;
    ExecuteWith(
        txn,
        "DELETE FROM workshop_course_topics WHERE course_id = " + remove.AddInteger(course_id),
        remove);
    VINCULO_RETURN_IF_ERROR(InsertTopics(txn.session(), course_id, topics));
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "changing a course");
  }
  return GetCourse(txn, course_id);
}

Result<std::vector<CourseRow>> Courses(Txn& txn) {
  try {
    Params params;
    std::vector<CourseRow> courses = Select<CourseRow>(
        txn,
        "SELECT id, version, code, title_es, title_en FROM workshop_courses WHERE archived = 0 "
        "ORDER BY id",
        params, [](const soci::row& row) {
          CourseRow course;
          course.id = GetInteger(row, 0);
          course.version = GetInteger(row, 1);
          course.code = GetText(row, 2);
          course.title_es = GetText(row, 3);
          course.title_en = GetText(row, 4);
          return course;
        });
    for (CourseRow& course : courses) {
      Params topic_params;
      course.topics = Select<CourseTopicRow>(
          txn,
          "SELECT position, topic_es, topic_en FROM workshop_course_topics WHERE course_id = " +
              topic_params.AddInteger(course.id) + " ORDER BY position",
          topic_params, [](const soci::row& row) {
            CourseTopicRow topic;
            topic.position = static_cast<int>(GetInteger(row, 0));
            topic.topic_es = GetText(row, 1);
            topic.topic_en = GetText(row, 2);
            return topic;
          });
    }
    return courses;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading courses");
  }
}

Result<CourseRow> GetCourse(Txn& txn, long long id) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<CourseRow> courses, Courses(txn));
  for (CourseRow& course : courses) {
    if (course.id == id) return std::move(course);
  }
  return NotFound("no course with id " + std::to_string(id));
}

Result<bool> MixedGroupsAllowed(Txn& txn, long long facility_id) {
  try {
    Params params;
    std::vector<long long> values = Select<long long>(
        txn,
        "SELECT mixed_groups_allowed FROM facility_workshop_settings WHERE facility_id = " +
            params.AddInteger(facility_id),
        params, [](const soci::row& row) { return GetInteger(row, 0); });
    return !values.empty() && values.front() != 0;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a facility's workshop settings");
  }
}

Status SetMixedGroupsAllowed(Txn& txn, long long facility_id, bool allowed,
                             const std::string& now) {
  try {
    Params update;
    const long long updated =
        ExecuteWith(txn,
                    "UPDATE facility_workshop_settings SET mixed_groups_allowed = " +
                        update.AddInteger(allowed ? 1 : 0) + ", updated_at = " + update.Add(now) +
                        " WHERE facility_id = " + update.AddInteger(facility_id),
                    update);
    if (updated == 0) {
      Params insert;
      ExecuteWith(txn,
                  "INSERT INTO facility_workshop_settings (facility_id, mixed_groups_allowed, "
                  "updated_at) VALUES (" +
                      insert.AddInteger(facility_id) + ", " + insert.AddInteger(allowed ? 1 : 0) +
                      ", " + insert.Add(now) + ")",
                  insert);
    }
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "changing a facility's workshop settings");
  }
}

Status InsertClosure(Txn& txn, long long facility_id, const std::string& closed_on,
                     const std::string& reason, const std::string& now) {
  try {
    Params params;
    ExecuteWith(txn,
                "INSERT INTO facility_closures (facility_id, closed_on, reason, created_at) "
                "VALUES (" +
                    params.AddInteger(facility_id) + ", " + params.Add(closed_on) + ", " +
                    params.Add(reason) + ", " + params.Add(now) + ")",
                params);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording a facility closure");
  }
}

Result<std::vector<std::string>> Closures(Txn& txn, long long facility_id,
                                          const std::string& from) {
  try {
    Params params;
    return Select<std::string>(txn,
                               "SELECT closed_on FROM facility_closures WHERE facility_id = " +
                                   params.AddInteger(facility_id) +
                                   " AND closed_on >= " + params.Add(from) + " ORDER BY closed_on",
                               params, [](const soci::row& row) { return GetText(row, 0); });
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading facility closures");
  }
}

Result<CohortRow> InsertCohort(Txn& txn, const CohortRow& cohort) {
  try {
    Params params;
    CohortRow stored = cohort;
    stored.version = 1;
    txn.session()
        << "INSERT INTO workshop_cohorts (created_at, updated_at, course_id, facility_id, "
           "organisation_id, group_kind, facilitator_user_id, space_id, capacity, start_date, "
           "recurrence_days, start_minute, end_minute, completion_percent, status) VALUES (" +
               params.Add(cohort.created_at) + ", " + params.Add(cohort.created_at) + ", " +
               params.AddInteger(cohort.course_id) + ", " + params.AddInteger(cohort.facility_id) +
               ", " + params.AddInteger(cohort.organisation_id) + ", " +
               params.Add(cohort.group_kind) + ", " +
               params.AddInteger(cohort.facilitator_user_id) + ", " +
               params.AddInteger(cohort.space_id) + ", " + params.AddInteger(cohort.capacity) +
               ", " + params.Add(cohort.start_date) + ", " +
               params.AddInteger(cohort.recurrence_days) + ", " +
               params.AddInteger(cohort.start_minute) + ", " +
               params.AddInteger(cohort.end_minute) + ", " +
               params.AddInteger(cohort.completion_percent) + ", " +
               params.Add(CohortStatusName(cohort.status)) + ") RETURNING id",
        soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "creating a cohort");
  }
}

Result<CohortRow> GetCohort(Txn& txn, long long id) {
  try {
    Params params;
    VINCULO_ASSIGN_OR_RETURN(
        std::vector<CohortRow> cohorts,
        SelectChecked<CohortRow>(txn,
                                 std::string("SELECT ") + kCohortColumns +
                                     " FROM workshop_cohorts WHERE id = " + params.AddInteger(id),
                                 params, ReadCohort));
    if (cohorts.empty()) return NotFound("no cohort with id " + std::to_string(id));
    return cohorts.front();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a cohort");
  }
}

Result<std::vector<CohortRow>> Cohorts(Txn& txn, const CohortFilter& filter) {
  try {
    Params params;
    std::string where = " WHERE 1=1";
    if (filter.facility_id) where += " AND facility_id = " + params.AddInteger(*filter.facility_id);
    if (filter.organisation_id) {
      where += " AND organisation_id = " + params.AddInteger(*filter.organisation_id);
    }
    if (filter.course_id) where += " AND course_id = " + params.AddInteger(*filter.course_id);
    if (filter.facilitator_user_id) {
      where += " AND facilitator_user_id = " + params.AddInteger(*filter.facilitator_user_id);
    }
    if (filter.status) where += " AND status = " + params.Add(CohortStatusName(*filter.status));
    return SelectChecked<CohortRow>(
        txn,
        std::string("SELECT ") + kCohortColumns + " FROM workshop_cohorts" + where + " ORDER BY id",
        params, ReadCohort);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "listing cohorts");
  }
}

Result<WorkshopSessionRow> InsertWorkshopSession(Txn& txn, const WorkshopSessionRow& session) {
  try {
    Params params;
    WorkshopSessionRow stored = session;
    stored.version = 1;
    txn.session()
        << "INSERT INTO workshop_sessions (cohort_id, position, facility_id, space_id, "
           "facilitator_user_id, session_date, start_minute, end_minute, status) VALUES (" +
               params.AddInteger(session.cohort_id) + ", " + params.AddInteger(session.position) +
               ", " + params.AddInteger(session.facility_id) + ", " +
               params.AddInteger(session.space_id) + ", " +
               params.AddInteger(session.facilitator_user_id) + ", " +
               params.Add(session.session_date) + ", " + params.AddInteger(session.start_minute) +
               ", " + params.AddInteger(session.end_minute) + ", " +
               params.Add(WorkshopSessionStatusName(session.status)) + ") RETURNING id",
        soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "scheduling a workshop session");
  }
}

Result<WorkshopSessionRow> GetWorkshopSession(Txn& txn, long long id) {
  try {
    Params params;
    VINCULO_ASSIGN_OR_RETURN(std::vector<WorkshopSessionRow> sessions,
                             SelectChecked<WorkshopSessionRow>(
                                 txn,
                                 std::string("SELECT ") + kSessionColumns +
                                     " FROM workshop_sessions WHERE id = " + params.AddInteger(id),
                                 params, ReadSession));
    if (sessions.empty()) return NotFound("no workshop session with id " + std::to_string(id));
    return sessions.front();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a workshop session");
  }
}

Result<std::vector<WorkshopSessionRow>> WorkshopSessions(Txn& txn,
                                                         const WorkshopSessionFilter& filter) {
  try {
    Params params;
    std::string where = " WHERE 1=1";
    if (filter.facility_id) where += " AND facility_id = " + params.AddInteger(*filter.facility_id);
    if (filter.facilitator_user_id) {
      where += " AND facilitator_user_id = " + params.AddInteger(*filter.facilitator_user_id);
    }
    if (filter.cohort_id) where += " AND cohort_id = " + params.AddInteger(*filter.cohort_id);
    if (!filter.from.empty()) where += " AND session_date >= " + params.Add(filter.from);
    if (!filter.to.empty()) where += " AND session_date <= " + params.Add(filter.to);
    return SelectChecked<WorkshopSessionRow>(txn,
                                             std::string("SELECT ") + kSessionColumns +
                                                 " FROM workshop_sessions" + where +
                                                 " ORDER BY session_date, start_minute, id",
                                             params, ReadSession);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "listing workshop sessions");
  }
}

Result<WorkshopSessionRow> MoveWorkshopSession(Txn& txn, long long id, long long expected_version,
                                               const std::string& session_date, int start_minute,
                                               int end_minute) {
  try {
    Params params;
    const long long updated = ExecuteWith(
        txn,
        "UPDATE workshop_sessions SET version = version + 1, session_date = " +
            params.Add(session_date) + ", start_minute = " + params.AddInteger(start_minute) +
            ", end_minute = " + params.AddInteger(end_minute) + " WHERE id = " +
            params.AddInteger(id) + " AND version = " + params.AddInteger(expected_version),
        params);
    if (updated == 0) {
      return Status(StatusCode::kPreconditionFailed,
                    "the session was changed by someone else; reload it and move it again");
    }
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "moving a workshop session");
  }
  return GetWorkshopSession(txn, id);
}

// The one place that knows what can occupy a space: scheduled workshop
// sessions and open visiting sessions (visit_sessions). Visiting sessions are
// materialised lazily from templates, so callers materialise the dates they
// check first (MaterialiseVisitSessions in service/visit_calendar.h).
Result<std::vector<SpaceBooking>> SpaceBookingsOn(Txn& txn, long long space_id,
                                                  const std::string& date) {
  try {
    Params params;
    return Select<SpaceBooking>(
        txn,
        "SELECT 'workshop_session', id, session_date, start_minute, end_minute "
        "FROM workshop_sessions WHERE status = 'scheduled' AND space_id = " +
            params.AddInteger(space_id) + " AND session_date = " + params.Add(date) +
            " UNION ALL SELECT 'visit_session', id, session_date, start_minute, end_minute "
            "FROM visit_sessions WHERE status = 'open' AND space_id = " +
            params.AddInteger(space_id) + " AND session_date = " + params.Add(date) +
            " ORDER BY 4, 2",
        params, [](const soci::row& row) {
          SpaceBooking booking;
          booking.source = GetText(row, 0);
          booking.id = GetInteger(row, 1);
          booking.session_date = GetText(row, 2);
          booking.start_minute = static_cast<int>(GetInteger(row, 3));
          booking.end_minute = static_cast<int>(GetInteger(row, 4));
          return booking;
        });
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a space's bookings");
  }
}

Result<bool> ParentKnownToOrganisation(Txn& txn, long long parent_id, long long organisation_id) {
  try {
    Params params;
    auto counts = Select<long long>(
        txn,
        "SELECT COUNT(*) FROM parent_child_links l JOIN children c ON c.id = l.child_id "
        "WHERE l.archived = 0 AND c.archived = 0 AND l.parent_id = " +
            params.AddInteger(parent_id) +
            " AND c.organisation_id = " + params.AddInteger(organisation_id),
        params, [](const soci::row& row) { return GetInteger(row, 0); });
    return !counts.empty() && counts.front() > 0;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a parent's children");
  }
}

Result<EnrolmentRow> InsertEnrolment(Txn& txn, const EnrolmentRow& enrolment) {
  try {
    Params params;
    EnrolmentRow stored = enrolment;
    txn.session() << "INSERT INTO workshop_enrolments (cohort_id, parent_id, status, enrolled_on, "
                     "ended_on, end_reason, created_at, updated_at) VALUES (" +
                         params.AddInteger(enrolment.cohort_id) + ", " +
                         params.AddInteger(enrolment.parent_id) + ", " +
                         params.Add(EnrolmentStatusName(enrolment.status)) + ", " +
                         params.AddOptional(enrolment.enrolled_on) + ", " +
                         params.AddOptional(enrolment.ended_on) + ", " +
                         params.Add(enrolment.end_reason) + ", " +
                         params.Add(enrolment.created_at) + ", " +
                         params.Add(enrolment.created_at) + ") RETURNING id",
        soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "enrolling a parent");
  }
}

Result<std::optional<EnrolmentRow>> FindEnrolment(Txn& txn, long long cohort_id,
                                                  long long parent_id) {
  try {
    Params params;
    VINCULO_ASSIGN_OR_RETURN(
        std::vector<EnrolmentRow> rows,
        SelectChecked<EnrolmentRow>(
            txn,
            std::string("SELECT ") + kEnrolmentColumns +
                " FROM workshop_enrolments WHERE cohort_id = " + params.AddInteger(cohort_id) +
                " AND parent_id = " + params.AddInteger(parent_id),
            params, ReadEnrolment));
    if (rows.empty()) return std::optional<EnrolmentRow>();
    return std::optional<EnrolmentRow>(rows.front());
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading an enrolment");
  }
}

Result<std::vector<EnrolmentRow>> CohortEnrolments(Txn& txn, long long cohort_id) {
  try {
    Params params;
    return SelectChecked<EnrolmentRow>(txn,
                                       std::string("SELECT ") + kEnrolmentColumns +
                                           " FROM workshop_enrolments WHERE cohort_id = " +
                                           params.AddInteger(cohort_id) + " ORDER BY id",
                                       params, ReadEnrolment);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a cohort's enrolments");
  }
}

Result<std::vector<EnrolmentRow>> ParentEnrolments(Txn& txn, long long parent_id) {
  try {
    Params params;
    return SelectChecked<EnrolmentRow>(txn,
                                       std::string("SELECT ") + kEnrolmentColumns +
                                           " FROM workshop_enrolments WHERE parent_id = " +
                                           params.AddInteger(parent_id) + " ORDER BY id",
                                       params, ReadEnrolment);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a parent's enrolments");
  }
}

Status UpdateEnrolment(Txn& txn, const EnrolmentRow& enrolment, const std::string& now) {
  try {
    Params params;
    ExecuteWith(txn,
                "UPDATE workshop_enrolments SET status = " +
                    params.Add(EnrolmentStatusName(enrolment.status)) +
                    ", enrolled_on = " + params.AddOptional(enrolment.enrolled_on) +
                    ", ended_on = " + params.AddOptional(enrolment.ended_on) + ", end_reason = " +
                    params.Add(enrolment.end_reason) + ", updated_at = " + params.Add(now) +
                    " WHERE id = " + params.AddInteger(enrolment.id),
                params);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "changing an enrolment");
  }
}

Status UpsertAttendance(Txn& txn, const AttendanceRow& attendance) {
  try {
    Params update;
    const long long updated =
        ExecuteWith(txn,
                    "UPDATE workshop_attendance SET status = " +
                        update.Add(AttendanceMarkName(attendance.status)) +
                        ", absence_reason = " + update.Add(attendance.absence_reason) +
                        ", recorded_by = " + update.AddInteger(attendance.recorded_by) +
                        ", recorded_at = " + update.Add(attendance.recorded_at) +
                        " WHERE session_id = " + update.AddInteger(attendance.session_id) +
                        " AND enrolment_id = " + update.AddInteger(attendance.enrolment_id),
                    update);
    if (updated == 0) {
      Params insert;
      ExecuteWith(txn,
                  "INSERT INTO workshop_attendance (session_id, enrolment_id, status, "
                  "absence_reason, recorded_by, recorded_at) VALUES (" +
                      insert.AddInteger(attendance.session_id) + ", " +
                      insert.AddInteger(attendance.enrolment_id) + ", " +
                      insert.Add(AttendanceMarkName(attendance.status)) + ", " +
                      insert.Add(attendance.absence_reason) + ", " +
                      insert.AddInteger(attendance.recorded_by) + ", " +
                      insert.Add(attendance.recorded_at) + ")",
                  insert);
    }
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording attendance");
  }
}

Result<std::vector<AttendanceRow>> CohortAttendance(Txn& txn, long long cohort_id) {
  try {
    Params params;
    return SelectChecked<AttendanceRow>(
        txn,
        "SELECT a.id, a.session_id, a.enrolment_id, a.status, a.absence_reason, a.recorded_by, "
        "a.recorded_at FROM workshop_attendance a JOIN workshop_sessions s ON s.id = "
        "a.session_id WHERE s.cohort_id = " +
            params.AddInteger(cohort_id) + " ORDER BY a.session_id, a.enrolment_id",
        params, [](const soci::row& row) -> Result<AttendanceRow> {
          AttendanceRow attendance;
          attendance.id = GetInteger(row, 0);
          attendance.session_id = GetInteger(row, 1);
          attendance.enrolment_id = GetInteger(row, 2);
          VINCULO_ASSIGN_OR_RETURN(attendance.status, ReadEnum(row, 3, ParseAttendanceMark,
                                                               "workshop_attendance.status"));
          attendance.absence_reason = GetText(row, 4);
          attendance.recorded_by = GetInteger(row, 5);
          attendance.recorded_at = GetText(row, 6);
          return attendance;
        });
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading attendance");
  }
}

}  // namespace vinculo::workshop_store
