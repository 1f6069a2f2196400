#include "service/demo_workshops.h"

#include "service/workshop_service.h"
#include "store/workshop_store.h"

namespace vinculo {
namespace {

constexpr int kMothers = 8;
constexpr int kFathers = 10;
const char* const kAbsenceReasons[] = {"court", "health", "lockdown", "other"};

// Every active record of a kind, page by page.
Result<std::vector<Record>> AllOf(Txn& txn, const RecordKind& kind) {
  std::vector<Record> all;
  ListQuery query;
  query.limit = 200;
  while (true) {
    VINCULO_ASSIGN_OR_RETURN(Page page, txn.List(kind, query, Actor::System()));
    for (Record& record : page.items) all.push_back(std::move(record));
    if (!page.next_after_id) break;
    query.after_id = *page.next_after_id;
  }
  return all;
}

}  // namespace

Status CreateDemoWorkshops(ServiceContext context, long long facility_id,
                           long long organisation_id) {
  const Actor system = Actor::System();
  long long chapel = 0;
  long long facilitator = 0;
  std::vector<long long> mothers;
  std::vector<long long> fathers;
  VINCULO_RETURN_IF_ERROR(context.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(std::vector<Record> spaces, AllOf(txn, SpaceKind()));
    for (const Record& space : spaces) {
      if (space.Integer("facility_id") == facility_id && space.Text("kind") == "chapel") {
        chapel = space.id;
      }
    }
    VINCULO_ASSIGN_OR_RETURN(std::vector<User> users, txn.ListUsers(system));
    for (const User& user : users) {
      if (user.role == Role::kSocialWorker && user.organisation_id == organisation_id &&
          !facilitator) {
        facilitator = user.id;
      }
    }
    VINCULO_ASSIGN_OR_RETURN(std::vector<Record> parents, AllOf(txn, ParentKind()));
    for (const Record& parent : parents) {
      if (parent.Integer("facility_id") != facility_id ||
          parent.Text("custody_status") != "incarcerated") {
        continue;
      }
      VINCULO_ASSIGN_OR_RETURN(
          bool known, workshop_store::ParentKnownToOrganisation(txn, parent.id, organisation_id));
      if (!known) continue;
      (parent.Text("sex") == "female" ? mothers : fathers).push_back(parent.id);
    }
    return Status::Ok();
  }));
  if (!chapel) return NotFound("demo workshops: the prison has no chapel");
  if (!facilitator) return NotFound("demo workshops: the village has no psychologist");

  WorkshopService workshops(context);
  VINCULO_ASSIGN_OR_RETURN(std::vector<CourseRow> courses, workshops.Courses(system));
  if (courses.empty()) return NotFound("demo workshops: the default course is missing");
  const Date today = context.Today();
  struct Group {
    const char* kind;
    long long start_days_ago;
    int start_minute;
    std::vector<long long>* parents;
    size_t limit;
  };
  // Mothers on one rhythm, fathers on another, in the same chapel.
  const Group groups[] = {{"women", 45, 9 * 60, &mothers, kMothers},
                          {"men", 38, 14 * 60, &fathers, kFathers}};
  for (const Group& group : groups) {
    CohortRequest request;
    request.course_id = courses.front().id;
    request.facility_id = facility_id;
    request.group_kind = group.kind;
    request.facilitator_user_id = facilitator;
    request.space_id = chapel;
    request.start_date = FormatDate(AddDays(today, -group.start_days_ago));
    request.start_minute = group.start_minute;
    request.end_minute = group.start_minute + 120;
    VINCULO_ASSIGN_OR_RETURN(CohortView cohort, workshops.CreateCohort(system, request));
    std::vector<long long> enrolled;
    for (long long parent_id : *group.parents) {
      if (enrolled.size() >= group.limit) break;
      auto enrolment = workshops.Enrol(system, cohort.cohort.id, parent_id);
      if (enrolment.ok()) enrolled.push_back(parent_id);
    }
    // A fixed pattern of attendance: mostly present, some absences with a
    // reason, the odd excused session.
    for (size_t session_idx = 0; session_idx < cohort.sessions.size(); ++session_idx) {
      const WorkshopSessionRow& session = cohort.sessions[session_idx];
      if (session.session_date >= FormatDate(today) || enrolled.empty()) continue;
      std::vector<AttendanceEntry> entries;
      for (size_t parent_idx = 0; parent_idx < enrolled.size(); ++parent_idx) {
        AttendanceEntry entry;
        entry.parent_id = enrolled[parent_idx];
        const size_t turn = parent_idx + session_idx;
        if (turn % 5 == 3) {
          entry.status = AttendanceMarkName(AttendanceMark::kAbsent);
          entry.absence_reason = kAbsenceReasons[turn % 4];
        } else if (turn % 7 == 6) {
          entry.status = AttendanceMarkName(AttendanceMark::kExcused);
        } else {
          entry.status = AttendanceMarkName(AttendanceMark::kPresent);
        }
        entries.push_back(std::move(entry));
      }
      VINCULO_RETURN_IF_ERROR(workshops.RecordAttendance(system, session.id, entries).status());
    }
  }
  return Status::Ok();
}

}  // namespace vinculo
