// WorkshopService: parenting workshops in prison for a signed-in Actor.
//
// A course (ordered session topics in Spanish and English) runs as a cohort at
// one facility for one group (women, men, or mixed where the facility allows
// it), led by a facilitator (a user with the social worker role) in a space
// whose capacity bounds enrolment; further parents wait in line and move up
// when someone leaves, is released or is transferred. Sessions are generated
// from the start date every N days, skipping facility closures, and are
// refused when the facilitator would be elsewhere (travel between facilities
// counts) or the space is taken. Attendance is marked per session once it has
// happened; completion is a share of the course's sessions attended, and a
// completion certificate is a PDF in the parent's language.
//
// Who may do what: administrators, programme coordinators and social workers
// of the cohort's organisation manage it (a global administrator manages all);
// prison staff see the schedule of their own facility; auditors see figures
// only; everybody else gets kNotFound, as for a cohort that does not exist.
// Every write is one transaction with its audit event. Thread-safe: holds no
// mutable state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/workshop_calendar.h"
#include "service/context.h"
#include "service/spreadsheet.h"
#include "store/workshop_store.h"

namespace vinculo {

struct WorkshopOptions {
  // The facilitator's speed between facilities, for travel-time clashes.
  double travel_speed_kmh = kDefaultTravelSpeedKmh;
};

struct CourseRequest {
  std::string code;
  std::string title_es;
  std::string title_en;
  std::vector<CourseTopicRow> topics;  // positions are assigned 1..n in order
};

struct CohortRequest {
  long long course_id = 0;
  long long facility_id = 0;
  std::string group_kind;  // women | men | mixed
  long long facilitator_user_id = 0;
  long long space_id = 0;
  std::string start_date;  // YYYY-MM-DD
  int recurrence_days = kDefaultRecurrenceDays;
  int start_minute = 9 * 60;  // 09:00
  int end_minute = 11 * 60;   // 11:00
  int completion_percent = 75;
};

// What a session would clash with.
struct WorkshopClash {
  std::string kind;  // closure | space | facilitator
  std::string session_date;
  long long other_id = 0;  // the other booking or session; 0 for a closure
  std::string other_source;
  long long other_facility_id = 0;
  int other_start_minute = 0;
  int other_end_minute = 0;
  int travel_minutes = 0;  // needed between the two facilities
  std::string message;
};

struct CohortView {
  CohortRow cohort;
  std::string course_title_es;
  std::string course_title_en;
  long long enrolled = 0;
  long long waiting = 0;
  std::vector<WorkshopSessionRow> sessions;
};

struct SessionView {
  WorkshopSessionRow session;
  std::string group_kind;
  std::string course_title_es;
  std::string course_title_en;
  std::string topic_es;
  std::string topic_en;
};

struct SessionQuery {
  std::optional<long long> facility_id;
  std::optional<long long> facilitator_user_id;
  std::optional<Date> from;
  std::optional<Date> to;
};

struct MoveRequest {
  std::string session_date;
  std::optional<int> start_minute;  // default: unchanged
  std::optional<int> end_minute;
  bool dry_run = false;
};

struct MoveOutcome {
  WorkshopSessionRow session;  // as saved, or as it would be
  std::vector<WorkshopClash> clashes;
  bool saved = false;
};

struct AttendanceEntry {
  long long parent_id = 0;
  std::string status;  // present | absent | excused
  std::string
      absence_reason;  // required with absent: court | health | transferred | lockdown | other
};

// One parent's place in a cohort and how far along the course she is.
struct EnrolmentProgress {
  EnrolmentRow enrolment;
  int waiting_position = 0;  // 1-based in the waiting list; 0 when not waiting
  int present = 0;
  int absent = 0;
  int excused = 0;
  int sessions_total = 0;
  bool completed = false;
};

struct ParentWorkshops {
  std::vector<EnrolmentProgress> enrolments;
  // Running cohorts at the parent's current facility of a course she left
  // unfinished (transfer or release), which she may join.
  std::vector<CohortView> offers;
};

// Figures of one cohort, or of one facility (cohort_id 0). For auditors a
// count from 1 to 4 is suppressed (absent), as in the summary figures.
struct WorkshopFigureRow {
  long long cohort_id = 0;
  long long facility_id = 0;
  std::string group_kind;  // empty for a facility row
  std::optional<long long> enrolled;
  std::optional<long long> waiting;
  std::optional<long long> completions;
  long long sessions_held = 0;
  std::optional<double> attendance_rate;  // present marks / all marks, 0..1
};

struct WorkshopFigures {
  bool suppressed_small_cells = false;
  std::vector<WorkshopFigureRow> cohorts;
  std::vector<WorkshopFigureRow> facilities;
};

class WorkshopService {
 public:
  explicit WorkshopService(ServiceContext context, WorkshopOptions options = {})
      : context_(context), options_(options) {}

  // Courses are readable by every role but auditors; administrators and
  // programme coordinators write them. kInvalidArgument naming code, title_es,
  // title_en or topics; kConflict when the code is taken.
  Result<std::vector<CourseRow>> Courses(const Actor& actor);
  Result<CourseRow> CreateCourse(const Actor& actor, const CourseRequest& request);
  // kPreconditionFailed when the course changed since `expected_version`.
  Result<CourseRow> ReplaceTopics(const Actor& actor, long long course_id,
                                  long long expected_version,
                                  const std::vector<CourseTopicRow>& topics);

  // Administrators only: whether a facility allows mixed groups, and dates on
  // which it hosts no programme activity.
  Status SetMixedGroupsAllowed(const Actor& actor, long long facility_id, bool allowed);
  Status AddClosure(const Actor& actor, long long facility_id, const std::string& closed_on,
                    const std::string& reason);

  // Forms a cohort and schedules all its sessions. kInvalidArgument naming the
  // field (space_id for a space smaller than one person or in another
  // facility, recurrence_days, group_kind, facilitator_user_id, ...);
  // kConflict naming start_date when a session would clash.
  Result<CohortView> CreateCohort(const Actor& actor, const CohortRequest& request);
  Result<CohortView> GetCohort(const Actor& actor, long long cohort_id);
  Result<std::vector<CohortView>> Cohorts(const Actor& actor, std::optional<long long> facility_id);

  // Enrols an eligible parent (same facility, matching group and wing, a
  // child known to the organisation), or puts her on the waiting list when
  // the space is full. kInvalidArgument naming parent_id when not eligible;
  // kConflict when already enrolled or waiting.
  Result<EnrolmentProgress> Enrol(const Actor& actor, long long cohort_id, long long parent_id);
  // The parent leaves (reason "withdrawn"); the first waiting parent moves up.
  Result<EnrolmentProgress> Withdraw(const Actor& actor, long long cohort_id, long long parent_id);
  Result<std::vector<EnrolmentProgress>> Enrolments(const Actor& actor, long long cohort_id);
  Result<ParentWorkshops> OfParent(const Actor& actor, long long parent_id);

  // Sessions in date order that the actor may see (auditors: kForbidden).
  Result<std::vector<SessionView>> Sessions(const Actor& actor, const SessionQuery& query);
  // Moves one session; with dry_run, or when anything clashes, nothing is
  // saved and the clashes are returned (kConflict without dry_run).
  Result<MoveOutcome> MoveSession(const Actor& actor, long long session_id,
                                  const MoveRequest& request);
  // An iCalendar (RFC 5545) feed of a facilitator's sessions.
  Result<std::string> FacilitatorCalendar(const Actor& actor, long long facilitator_user_id);

  // Marks attendance at a session that has happened (kInvalidArgument naming
  // session_date otherwise), all entries or none.
  Result<std::vector<EnrolmentProgress>> RecordAttendance(
      const Actor& actor, long long session_id, const std::vector<AttendanceEntry>& entries);

  // A completion certificate (PDF bytes) in the parent's language;
  // kInvalidArgument naming parent_id when she did not complete.
  Result<std::string> Certificate(const Actor& actor, long long cohort_id, long long parent_id);

  Result<WorkshopFigures> Figures(const Actor& actor, std::optional<long long> facility_id);
  // The same figures as a sheet (service/spreadsheet.h) for the CSV and XLSX exports, one row
  // per cohort then per facility; a suppressed count is an empty cell.
  Result<Sheet> FiguresSheet(const Actor& actor, std::optional<long long> facility_id);

 private:
  AuditEvent Event(const Actor& actor, const char* action, const char* kind, long long id,
                   std::string detail = {}) const;

  ServiceContext context_;
  WorkshopOptions options_;
};

// Ends the active and waiting places of a parent in cohorts held at another
// facility than `current_facility_id` (she was transferred) or in every
// cohort (released, current_facility_id 0), keeping her attendance, and moves
// each cohort's waiting list up. Runs inside the caller's transaction: the
// parent's transfer or release and this change commit together. `status` is
// kTransferred or kReleased; `on` is the date, `now` the timestamp.
Status EndWorkshopPlaces(Txn& txn, long long parent_id, long long current_facility_id,
                         EnrolmentStatus status, const std::string& on, const std::string& now);

}  // namespace vinculo
