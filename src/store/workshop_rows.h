// Rows of the workshop tables (migration 6) as the store reads and writes
// them: courses and their ordered topics, facility closures, cohorts, their
// generated sessions, enrolments (with the waiting list) and attendance.
// Plain value types; dates are ISO text and times minutes after midnight.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/workshop_calendar.h"

namespace vinculo {

struct CourseTopicRow {
  int position = 0;  // 1-based order of the session in the course
  std::string topic_es;
  std::string topic_en;
};

struct CourseRow {
  long long id = 0;
  long long version = 1;
  std::string code;
  std::string title_es;
  std::string title_en;
  std::vector<CourseTopicRow> topics;
};

struct CohortRow {
  long long id = 0;
  long long version = 1;
  long long course_id = 0;
  long long facility_id = 0;
  long long organisation_id = 0;
  std::string group_kind;  // women | men | mixed
  long long facilitator_user_id = 0;
  long long space_id = 0;
  long long capacity = 0;  // the space's capacity when the cohort was formed
  std::string start_date;
  int recurrence_days = 15;
  int start_minute = 0;
  int end_minute = 0;
  int completion_percent = 75;
  CohortStatus status = CohortStatus::kRunning;
  std::string created_at;
};

struct CohortFilter {
  std::optional<long long> facility_id;
  std::optional<long long> organisation_id;
  std::optional<long long> course_id;
  std::optional<long long> facilitator_user_id;
  std::optional<CohortStatus> status;
};

struct WorkshopSessionRow {
  long long id = 0;
  long long version = 1;
  long long cohort_id = 0;
  int position = 0;
  long long facility_id = 0;
  long long space_id = 0;
  long long facilitator_user_id = 0;
  std::string session_date;
  int start_minute = 0;
  int end_minute = 0;
  WorkshopSessionStatus status = WorkshopSessionStatus::kScheduled;
};

struct WorkshopSessionFilter {
  std::optional<long long> facility_id;
  std::optional<long long> facilitator_user_id;
  std::optional<long long> cohort_id;
  std::string from;  // inclusive, YYYY-MM-DD; empty: no bound
  std::string to;    // inclusive
};

// What occupies a space on one day: a workshop session today; visiting
// sessions join this list when the visits module is merged.
struct SpaceBooking {
  std::string source;  // "workshop_session" or "visit_session"
  long long id = 0;
  std::string session_date;
  int start_minute = 0;
  int end_minute = 0;
};

struct EnrolmentRow {
  long long id = 0;
  long long cohort_id = 0;
  long long parent_id = 0;
  EnrolmentStatus status = EnrolmentStatus::kEnrolled;
  std::optional<std::string> enrolled_on;
  std::optional<std::string> ended_on;
  std::string end_reason;
  std::string created_at;
};

struct AttendanceRow {
  long long id = 0;
  long long session_id = 0;
  long long enrolment_id = 0;
  AttendanceMark status = AttendanceMark::kPresent;
  std::string absence_reason;  // court | health | transferred | lockdown | other
  long long recorded_by = 0;
  std::string recorded_at;
};

}  // namespace vinculo
