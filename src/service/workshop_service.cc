#include "service/workshop_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "service/facility_rights.h"
#include "service/visit_calendar.h"
#include "service/workshop_internal.h"
#include "store/row_lock.h"
#include "store/workshop_store.h"

namespace vinculo {

namespace workshop_internal {

// Administrators, coordinators and social workers of the cohort's
// organisation manage it; a global administrator manages every cohort.
bool CanManage(const Actor& actor, long long organisation_id) {
  if (actor.IsGlobal()) return true;
  return Allows(actor.role, Permission::kManageWorkshops) && actor.organisation_id &&
         *actor.organisation_id == organisation_id;
}

// Managers, and the prison's own staff for the cohorts held there.
bool CanSeeSchedule(const Actor& actor, const CohortRow& cohort) {
  if (CanManage(actor, cohort.organisation_id)) return true;
  return Allows(actor.role, Permission::kSeeCaseRecords) && actor.facility_id &&
         *actor.facility_id == cohort.facility_id;
}

Status AuditorsSeeFiguresOnly(const Actor& actor) {
  if (!Allows(actor.role, Permission::kSeeCaseRecords)) {
    return Forbidden("auditors see workshop figures only, not cohorts, sessions or parents");
  }
  return Status::Ok();
}

// The cohort if the actor may see it (kNotFound otherwise, as for a missing
// one); kForbidden when `manage` is asked and she only sees the schedule.
Result<CohortRow> VisibleCohort(Txn& txn, const Actor& actor, long long cohort_id, bool manage) {
  VINCULO_RETURN_IF_ERROR(AuditorsSeeFiguresOnly(actor));
  auto cohort = workshop_store::GetCohort(txn, cohort_id);
  if (!cohort.ok() || !CanSeeSchedule(actor, *cohort)) {
    return NotFound("no cohort with id " + std::to_string(cohort_id));
  }
  if (manage && !CanManage(actor, cohort->organisation_id)) {
    return Forbidden(
        "prison staff see the workshop schedule; the organisation's facilitators "
        "manage the cohort");
  }
  return cohort;
}

Result<ManagedSession> SessionToManage(Txn& txn, const Actor& actor, long long session_id) {
  const std::string missing = "no workshop session with id " + std::to_string(session_id);
  auto session = workshop_store::GetWorkshopSession(txn, session_id);
  if (!session.ok()) return NotFound(missing);
  auto cohort = VisibleCohort(txn, actor, session->cohort_id, true);
  if (!cohort.ok()) {
    if (cohort.status().code() == StatusCode::kNotFound) return NotFound(missing);
    return cohort.status();
  }
  return ManagedSession{std::move(*session), std::move(*cohort)};
}

// Moves the first waiting parents up while the cohort has room.
Status PromoteWaiting(Txn& txn, const CohortRow& cohort, const std::string& today,
                      const std::string& now) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentRow> enrolments,
                           workshop_store::CohortEnrolments(txn, cohort.id));
  long long enrolled = std::count_if(
      enrolments.begin(), enrolments.end(),
      [](const EnrolmentRow& row) { return row.status == EnrolmentStatus::kEnrolled; });
  for (EnrolmentRow& enrolment : enrolments) {
    if (enrolled >= cohort.capacity) break;
    if (enrolment.status != EnrolmentStatus::kWaiting) continue;
    enrolment.status = EnrolmentStatus::kEnrolled;
    enrolment.enrolled_on = today;
    VINCULO_RETURN_IF_ERROR(workshop_store::UpdateEnrolment(txn, enrolment, now));
    ++enrolled;
  }
  return Status::Ok();
}

// Progress of every enrolment of a cohort, in enrolment order.
Result<std::vector<EnrolmentProgress>> ProgressOf(Txn& txn, const CohortRow& cohort) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentRow> enrolments,
                           workshop_store::CohortEnrolments(txn, cohort.id));
  WorkshopSessionFilter filter;
  filter.cohort_id = cohort.id;
  VINCULO_ASSIGN_OR_RETURN(std::vector<WorkshopSessionRow> sessions,
                           workshop_store::WorkshopSessions(txn, filter));
  const int total = static_cast<int>(
      std::count_if(sessions.begin(), sessions.end(), [](const WorkshopSessionRow& session) {
        return session.status == WorkshopSessionStatus::kScheduled;
      }));
  VINCULO_ASSIGN_OR_RETURN(std::vector<AttendanceRow> marks,
                           workshop_store::CohortAttendance(txn, cohort.id));
  std::map<long long, EnrolmentProgress> by_enrolment;
  std::vector<EnrolmentProgress> progress;
  int waiting = 0;
  for (const EnrolmentRow& enrolment : enrolments) {
    EnrolmentProgress row;
    row.enrolment = enrolment;
    row.sessions_total = total;
    if (enrolment.status == EnrolmentStatus::kWaiting) row.waiting_position = ++waiting;
    by_enrolment[enrolment.id] = row;
  }
  for (const AttendanceRow& mark : marks) {
    auto found = by_enrolment.find(mark.enrolment_id);
    if (found == by_enrolment.end()) continue;
    switch (mark.status) {
      case AttendanceMark::kPresent:
        ++found->second.present;
        break;
      case AttendanceMark::kAbsent:
        ++found->second.absent;
        break;
      case AttendanceMark::kExcused:
        ++found->second.excused;
        break;
    }
  }
  for (const EnrolmentRow& enrolment : enrolments) {
    EnrolmentProgress& row = by_enrolment[enrolment.id];
    // Completion: at least completion_percent of the course's sessions attended.
    row.completed = total > 0 && row.present * 100LL >= 1LL * cohort.completion_percent * total;
    progress.push_back(row);
  }
  return progress;
}

}  // namespace workshop_internal

using workshop_internal::AuditorsSeeFiguresOnly;
using workshop_internal::CanManage;
using workshop_internal::CanSeeSchedule;
using workshop_internal::ManagedSession;
using workshop_internal::ProgressOf;
using workshop_internal::PromoteWaiting;
using workshop_internal::SessionToManage;
using workshop_internal::VisibleCohort;

namespace {

constexpr int kMinutesPerDay = 24 * 60;
const std::set<std::string> kGroupKinds = {"women", "men", "mixed"};

std::string ClockOf(int minute) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
  return text;
}

Status CheckTimes(int start_minute, int end_minute) {
  if (start_minute < 0 || start_minute >= kMinutesPerDay) {
    return InvalidArgument("start_minute", "must be a minute of the day, 0 to 1439");
  }
  if (end_minute <= start_minute || end_minute > kMinutesPerDay) {
    return InvalidArgument("end_minute", "must be after start_minute and within the day");
  }
  return Status::Ok();
}

Status CheckTopics(const std::vector<CourseTopicRow>& topics) {
  if (topics.empty()) return InvalidArgument("topics", "a course needs at least one session");
  if (topics.size() > 200) return InvalidArgument("topics", "a course has at most 200 sessions");
  for (const CourseTopicRow& topic : topics) {
    if (topic.topic_es.empty() || topic.topic_en.empty()) {
      return InvalidArgument("topics", "every session needs a topic in Spanish and in English");
    }
  }
  return Status::Ok();
}

std::vector<CourseTopicRow> Numbered(std::vector<CourseTopicRow> topics) {
  for (size_t topic_idx = 0; topic_idx < topics.size(); ++topic_idx) {
    topics[topic_idx].position = static_cast<int>(topic_idx) + 1;
  }
  return topics;
}

struct Place {
  double latitude = 0;
  double longitude = 0;
  bool known = false;
};

Result<Place> FacilityPlace(Txn& txn, long long facility_id) {
  VINCULO_ASSIGN_OR_RETURN(Record facility, txn.Get(FacilityKind(), facility_id, Actor::System()));
  Place place;
  auto latitude = facility.Number("latitude");
  auto longitude = facility.Number("longitude");
  if (latitude && longitude) place = {*latitude, *longitude, true};
  return place;
}

// One session as the clash checks see it.
struct Slot {
  long long session_id = 0;  // the session being moved; 0 for a new one
  long long facility_id = 0;
  long long space_id = 0;
  long long facilitator_user_id = 0;
  std::string date;
  int start_minute = 0;
  int end_minute = 0;
};

// Everything `slot` would clash with: a closure of its facility, another
// booking of its space, or another session of its facilitator too close in
// time (travel between two facilities counts).
Result<std::vector<WorkshopClash>> ClashesOf(Txn& txn, const Slot& slot, double speed_kmh,
                                             const std::set<std::string>& closures) {
  std::vector<WorkshopClash> clashes;
  if (closures.count(slot.date)) {
    WorkshopClash clash;
    clash.kind = "closure";
    clash.session_date = slot.date;
    clash.message = "the facility is closed on " + slot.date;
    clashes.push_back(std::move(clash));
  }
  const DayBooking wanted{slot.start_minute, slot.end_minute};
  VINCULO_ASSIGN_OR_RETURN(std::vector<SpaceBooking> bookings,
                           workshop_store::SpaceBookingsOn(txn, slot.space_id, slot.date));
  for (const SpaceBooking& booking : bookings) {
    if (booking.source == "workshop_session" && booking.id == slot.session_id) continue;
    if (!BookingsClash(wanted, {booking.start_minute, booking.end_minute}, 0)) continue;
    WorkshopClash clash;
    clash.kind = "space";
    clash.session_date = slot.date;
    clash.other_id = booking.id;
    clash.other_source = booking.source;
    clash.other_facility_id = slot.facility_id;
    clash.other_start_minute = booking.start_minute;
    clash.other_end_minute = booking.end_minute;
    clash.message = "the space is booked on " + slot.date + " from " +
                    ClockOf(booking.start_minute) + " to " + ClockOf(booking.end_minute) + " (" +
                    booking.source + " " + std::to_string(booking.id) + ")";
    clashes.push_back(std::move(clash));
  }
  WorkshopSessionFilter filter;
  filter.facilitator_user_id = slot.facilitator_user_id;
  filter.from = slot.date;
  filter.to = slot.date;
  VINCULO_ASSIGN_OR_RETURN(std::vector<WorkshopSessionRow> same_day,
                           workshop_store::WorkshopSessions(txn, filter));
  std::optional<Place> here;
  for (const WorkshopSessionRow& other : same_day) {
    if (other.id == slot.session_id || other.status != WorkshopSessionStatus::kScheduled) continue;
    int gap = 0;
    if (other.facility_id != slot.facility_id) {
      if (!here) {
        VINCULO_ASSIGN_OR_RETURN(here, FacilityPlace(txn, slot.facility_id));
      }
      VINCULO_ASSIGN_OR_RETURN(Place there, FacilityPlace(txn, other.facility_id));
      if (here->known && there.known) {
        gap = TravelMinutes(
            GreatCircleKm(here->latitude, here->longitude, there.latitude, there.longitude),
            speed_kmh);
      }
    }
    if (!BookingsClash(wanted, {other.start_minute, other.end_minute}, gap)) continue;
    WorkshopClash clash;
    clash.kind = "facilitator";
    clash.session_date = slot.date;
    clash.other_id = other.id;
    clash.other_source = "workshop_session";
    clash.other_facility_id = other.facility_id;
    clash.other_start_minute = other.start_minute;
    clash.other_end_minute = other.end_minute;
    clash.travel_minutes = gap;
    clash.message = "the facilitator leads session " + std::to_string(other.id) + " at facility " +
                    std::to_string(other.facility_id) + " on " + slot.date + " from " +
                    ClockOf(other.start_minute) + " to " + ClockOf(other.end_minute) +
                    (gap ? " and needs " + std::to_string(gap) + " minutes to travel" : "");
    clashes.push_back(std::move(clash));
  }
  return clashes;
}

Result<std::set<std::string>> ClosureSet(Txn& txn, long long facility_id, const std::string& from) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<std::string> dates,
                           workshop_store::Closures(txn, facility_id, from));
  return std::set<std::string>(dates.begin(), dates.end());
}

Result<CohortView> ViewOf(Txn& txn, const CohortRow& cohort) {
  CohortView view;
  view.cohort = cohort;
  VINCULO_ASSIGN_OR_RETURN(CourseRow course, workshop_store::GetCourse(txn, cohort.course_id));
  view.course_title_es = course.title_es;
  view.course_title_en = course.title_en;
  VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentRow> enrolments,
                           workshop_store::CohortEnrolments(txn, cohort.id));
  for (const EnrolmentRow& enrolment : enrolments) {
    if (enrolment.status == EnrolmentStatus::kEnrolled) ++view.enrolled;
    if (enrolment.status == EnrolmentStatus::kWaiting) ++view.waiting;
  }
  WorkshopSessionFilter filter;
  filter.cohort_id = cohort.id;
  VINCULO_ASSIGN_OR_RETURN(view.sessions, workshop_store::WorkshopSessions(txn, filter));
  return view;
}

// The parent's sex and wing fit the cohort's group.
Status CheckGroup(Txn& txn, const CohortRow& cohort, const Record& parent) {
  const std::string sex = parent.Text("sex").value_or("");
  if (cohort.group_kind == "women" && sex != "female") {
    return InvalidArgument("parent_id", "this cohort is for women; the parent is not a woman")
        .Because(Refusal::kCohortForWomen);
  }
  if (cohort.group_kind == "men" && sex != "male") {
    return InvalidArgument("parent_id", "this cohort is for men; the parent is not a man")
        .Because(Refusal::kCohortForMen);
  }
  if (auto wing_id = parent.Integer("wing_id"); wing_id && cohort.group_kind != "mixed") {
    VINCULO_ASSIGN_OR_RETURN(Record wing, txn.Get(WingKind(), *wing_id, Actor::System()));
    const std::string gender = wing.Text("gender").value_or("");
    if (gender != "mixed" && gender != cohort.group_kind) {
      return InvalidArgument("parent_id", "the parent is held in a " + gender +
                                              "'s wing; this cohort is for " + cohort.group_kind)
          .Because(Refusal::kParentWing);
    }
  }
  return Status::Ok();
}

}  // namespace

AuditEvent WorkshopService::Event(const Actor& actor, const char* action, const char* kind,
                                  long long id, std::string detail) const {
  return AuditEventFor(actor, context_.Now(), action, kind, id, std::move(detail));
}

Result<std::vector<CourseRow>> WorkshopService::Courses(const Actor& actor) {
  VINCULO_RETURN_IF_ERROR(AuditorsSeeFiguresOnly(actor));
  std::vector<CourseRow> courses;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(courses, workshop_store::Courses(txn));
    return Status::Ok();
  }));
  return courses;
}

Result<CourseRow> WorkshopService::CreateCourse(const Actor& actor, const CourseRequest& request) {
  if (!Allows(actor.role, Permission::kEditWorkshopCourses)) {
    return Forbidden("administrators and programme coordinators edit courses");
  }
  if (request.code.empty())
    return InvalidArgument("code", "is required").Because(Refusal::kValueRequired);
  if (request.title_es.empty())
    return InvalidArgument("title_es", "is required").Because(Refusal::kValueRequired);
  if (request.title_en.empty())
    return InvalidArgument("title_en", "is required").Because(Refusal::kValueRequired);
  VINCULO_RETURN_IF_ERROR(CheckTopics(request.topics));
  CourseRow course{
      0, 1, request.code, request.title_es, request.title_en, Numbered(request.topics)};
  CourseRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(stored, workshop_store::InsertCourse(txn, course, context_.Now()));
    return txn.AppendAudit({Event(actor, "create", "workshop_courses", stored.id, course.code)});
  }));
  return stored;
}

Result<CourseRow> WorkshopService::ReplaceTopics(const Actor& actor, long long course_id,
                                                 long long expected_version,
                                                 const std::vector<CourseTopicRow>& topics) {
  if (!Allows(actor.role, Permission::kEditWorkshopCourses)) {
    return Forbidden("administrators and programme coordinators edit courses");
  }
  VINCULO_RETURN_IF_ERROR(CheckTopics(topics));
  CourseRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(workshop_store::GetCourse(txn, course_id).status());
    // A course is installation-wide: rewriting its topics changes every
    // cohort that runs it. Only an installation administrator does that
    // when another organisation's cohorts use it (issue 13).
    if (!actor.IsGlobal()) {
      CohortFilter using_course;
      using_course.course_id = course_id;
      VINCULO_ASSIGN_OR_RETURN(std::vector<CohortRow> cohorts,
                               workshop_store::Cohorts(txn, using_course));
      for (const CohortRow& cohort : cohorts) {
        if (!actor.organisation_id || cohort.organisation_id != *actor.organisation_id) {
          return Forbidden(
              "other organisations' cohorts run this course; only an installation "
              "administrator changes its topics",
              "course_id");
        }
      }
    }
    VINCULO_ASSIGN_OR_RETURN(stored,
                             workshop_store::ReplaceCourseTopics(txn, course_id, expected_version,
                                                                 Numbered(topics), context_.Now()));
    return txn.AppendAudit({Event(actor, "update", "workshop_courses", course_id, "topics")});
  }));
  return stored;
}

Status WorkshopService::SetMixedGroupsAllowed(const Actor& actor, long long facility_id,
                                              bool allowed) {
  if (!Allows(actor.role, Permission::kSetFacilityWorkshopRules)) {
    return Forbidden("administrators set whether a facility allows mixed groups");
  }
  return context_.store->Write([&](Txn& txn) -> Status {
    auto facility = txn.Get(FacilityKind(), facility_id, actor);
    if (!facility.ok()) return NotFound("no facility with id " + std::to_string(facility_id));
    VINCULO_RETURN_IF_ERROR(MayActForFacility(actor, *facility));
    VINCULO_RETURN_IF_ERROR(
        workshop_store::SetMixedGroupsAllowed(txn, facility_id, allowed, context_.Now()));
    return txn.AppendAudit({Event(actor, "update", "facility_workshop_settings", facility_id,
                                  allowed ? "mixed_groups_allowed" : "mixed_groups_refused")});
  });
}

Status WorkshopService::AddClosure(const Actor& actor, long long facility_id,
                                   const std::string& closed_on, const std::string& reason) {
  if (!Allows(actor.role, Permission::kSetFacilityWorkshopRules)) {
    return Forbidden("administrators record facility closures");
  }
  VINCULO_ASSIGN_OR_RETURN(Date date, ParseDate(closed_on, "closed_on"));
  return context_.store->Write([&](Txn& txn) -> Status {
    auto facility = txn.Get(FacilityKind(), facility_id, actor);
    if (!facility.ok()) return NotFound("no facility with id " + std::to_string(facility_id));
    VINCULO_RETURN_IF_ERROR(MayActForFacility(actor, *facility));
    VINCULO_RETURN_IF_ERROR(
        workshop_store::InsertClosure(txn, facility_id, FormatDate(date), reason, context_.Now()));
    return txn.AppendAudit(
        {Event(actor, "create", "facility_closures", facility_id, FormatDate(date))});
  });
}

Result<CohortView> WorkshopService::CreateCohort(const Actor& actor, const CohortRequest& request) {
  VINCULO_RETURN_IF_ERROR(AuditorsSeeFiguresOnly(actor));
  if (!Allows(actor.role, Permission::kManageWorkshops)) {
    return Forbidden(std::string("a ") + RoleName(actor.role) +
                     " cannot form workshop cohorts; facilitators and coordinators can");
  }
  if (!kGroupKinds.count(request.group_kind)) {
    return InvalidArgument("group_kind", "must be women, men or mixed");
  }
  VINCULO_ASSIGN_OR_RETURN(Date start, ParseDate(request.start_date, "start_date"));
  if (request.recurrence_days < 1 || request.recurrence_days > kMaxRecurrenceDays) {
    return InvalidArgument("recurrence_days", "must be a whole number of days from 1 to " +
                                                  std::to_string(kMaxRecurrenceDays));
  }
  VINCULO_RETURN_IF_ERROR(CheckTimes(request.start_minute, request.end_minute));
  if (request.completion_percent < 1 || request.completion_percent > 100) {
    return InvalidArgument("completion_percent", "must be a percentage from 1 to 100");
  }
  CohortView view;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    // The space, then the facilitator: their bookings are checked for clashes
    // below (docs/operations.md, the order of locks).
    VINCULO_RETURN_IF_ERROR(LockRow(txn, "spaces", request.space_id));
    VINCULO_RETURN_IF_ERROR(LockRow(txn, "users", request.facilitator_user_id));
    auto course = workshop_store::GetCourse(txn, request.course_id);
    if (!course.ok()) return InvalidArgument("course_id", "no such course");
    auto facility = txn.Get(FacilityKind(), request.facility_id, Actor::System());
    if (!facility.ok() || facility->archived) {
      return InvalidArgument("facility_id", "no open facility with that id");
    }
    if (request.group_kind == "mixed") {
      VINCULO_ASSIGN_OR_RETURN(bool mixed,
                               workshop_store::MixedGroupsAllowed(txn, request.facility_id));
      if (!mixed) {
        return InvalidArgument("group_kind",
                               "this facility does not allow mixed groups; form one for women "
                               "and one for men")
            .Because(Refusal::kMixedGroupsNotAllowed);
      }
    }
    auto facilitator = txn.GetUser(request.facilitator_user_id);
    if (!facilitator.ok() || facilitator->disabled || facilitator->role != Role::kSocialWorker ||
        !facilitator->organisation_id) {
      return InvalidArgument("facilitator_user_id",
                             "the facilitator must be an active social worker of an organisation")
          .Because(Refusal::kFacilitatorNotSocialWorker);
    }
    if (!CanManage(actor, *facilitator->organisation_id)) {
      return InvalidArgument("facilitator_user_id",
                             "no facilitator of your organisation with "
                             "that id");
    }
    auto space = txn.Get(SpaceKind(), request.space_id, Actor::System());
    if (!space.ok() || space->archived ||
        space->Integer("facility_id").value_or(0) != request.facility_id) {
      return InvalidArgument("space_id", "no open space with that id in the facility");
    }
    const long long capacity = space->Integer("capacity_people").value_or(0);
    if (capacity < 1) {
      return InvalidArgument("space_id", "the space holds fewer than one person (capacity " +
                                             std::to_string(capacity) + ")")
          .Because(Refusal::kSpaceTooSmall);
    }
    VINCULO_ASSIGN_OR_RETURN(std::set<std::string> closures,
                             ClosureSet(txn, request.facility_id, FormatDate(start)));
    std::set<Date> closed_dates;
    for (const std::string& text : closures) {
      VINCULO_ASSIGN_OR_RETURN(Date closed, ParseDate(text, "closed_on"));
      closed_dates.insert(closed);
    }
    VINCULO_ASSIGN_OR_RETURN(std::vector<Date> dates,
                             SessionDates(start, request.recurrence_days,
                                          static_cast<int>(course->topics.size()), closed_dates));
    CohortRow cohort;
    cohort.course_id = request.course_id;
    cohort.facility_id = request.facility_id;
    cohort.organisation_id = *facilitator->organisation_id;
    cohort.group_kind = request.group_kind;
    cohort.facilitator_user_id = request.facilitator_user_id;
    cohort.space_id = request.space_id;
    cohort.capacity = capacity;
    cohort.start_date = FormatDate(start);
    cohort.recurrence_days = request.recurrence_days;
    cohort.start_minute = request.start_minute;
    cohort.end_minute = request.end_minute;
    cohort.completion_percent = request.completion_percent;
    cohort.status = CohortStatus::kRunning;
    cohort.created_at = context_.Now();
    // Visiting sessions are materialised lazily; those of the cohort's dates
    // are created now so that the space check below sees them.
    if (!dates.empty()) {
      VINCULO_RETURN_IF_ERROR(MaterialiseVisitSessions(txn, cohort.facility_id, dates.front(),
                                                       dates.back(), context_.Now()));
    }
    VINCULO_ASSIGN_OR_RETURN(CohortRow stored, workshop_store::InsertCohort(txn, cohort));
    // Sessions are written one by one and each checked against everything
    // already booked, so the cohort's own sessions count too.
    for (size_t date_idx = 0; date_idx < dates.size(); ++date_idx) {
      Slot slot{0,
                cohort.facility_id,
                cohort.space_id,
                cohort.facilitator_user_id,
                FormatDate(dates[date_idx]),
                cohort.start_minute,
                cohort.end_minute};
      VINCULO_ASSIGN_OR_RETURN(std::vector<WorkshopClash> clashes,
                               ClashesOf(txn, slot, options_.travel_speed_kmh, closures));
      if (!clashes.empty()) {
        return Conflict("session " + std::to_string(date_idx + 1) + " on " + slot.date +
                            " clashes: " + clashes.front().message,
                        "start_date")
            .Because(Refusal::kScheduleClash);
      }
      WorkshopSessionRow session;
      session.cohort_id = stored.id;
      session.position = static_cast<int>(date_idx) + 1;
      session.facility_id = cohort.facility_id;
      session.space_id = cohort.space_id;
      session.facilitator_user_id = cohort.facilitator_user_id;
      session.session_date = slot.date;
      session.start_minute = cohort.start_minute;
      session.end_minute = cohort.end_minute;
      session.status = WorkshopSessionStatus::kScheduled;
      VINCULO_RETURN_IF_ERROR(workshop_store::InsertWorkshopSession(txn, session).status());
    }
    VINCULO_ASSIGN_OR_RETURN(view, ViewOf(txn, stored));
    return txn.AppendAudit(
        {Event(actor, "create", "workshop_cohorts", stored.id,
               "facility " + std::to_string(cohort.facility_id) + ", " + cohort.group_kind)});
  }));
  return view;
}

Result<CohortView> WorkshopService::GetCohort(const Actor& actor, long long cohort_id) {
  CohortView view;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(CohortRow cohort, VisibleCohort(txn, actor, cohort_id, false));
    VINCULO_ASSIGN_OR_RETURN(view, ViewOf(txn, cohort));
    return Status::Ok();
  }));
  return view;
}

Result<std::vector<CohortView>> WorkshopService::Cohorts(const Actor& actor,
                                                         std::optional<long long> facility_id) {
  VINCULO_RETURN_IF_ERROR(AuditorsSeeFiguresOnly(actor));
  std::vector<CohortView> views;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    CohortFilter filter;
    filter.facility_id = facility_id;
    VINCULO_ASSIGN_OR_RETURN(std::vector<CohortRow> cohorts, workshop_store::Cohorts(txn, filter));
    for (const CohortRow& cohort : cohorts) {
      if (!CanSeeSchedule(actor, cohort)) continue;
      VINCULO_ASSIGN_OR_RETURN(CohortView view, ViewOf(txn, cohort));
      views.push_back(std::move(view));
    }
    return Status::Ok();
  }));
  return views;
}

Result<EnrolmentProgress> WorkshopService::Enrol(const Actor& actor, long long cohort_id,
                                                 long long parent_id) {
  EnrolmentProgress result;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    // The cohort's row first: its places are counted below (docs/operations.md).
    VINCULO_RETURN_IF_ERROR(LockRow(txn, "workshop_cohorts", cohort_id));
    VINCULO_ASSIGN_OR_RETURN(CohortRow cohort, VisibleCohort(txn, actor, cohort_id, true));
    if (cohort.status != CohortStatus::kRunning) {
      return Conflict("the cohort has closed", "cohort_id");
    }
    auto parent = txn.Get(ParentKind(), parent_id, actor);
    if (!parent.ok() || parent->archived) {
      return InvalidArgument("parent_id", "no parent");
    }
    if (parent->Text("custody_status").value_or("") != "incarcerated") {
      return InvalidArgument("parent_id", "the parent is no longer in prison")
          .Because(Refusal::kParentReleased);
    }
    if (parent->Integer("facility_id").value_or(0) != cohort.facility_id) {
      return InvalidArgument("parent_id", "the parent is held in another facility")
          .Because(Refusal::kParentOtherFacility);
    }
    VINCULO_RETURN_IF_ERROR(CheckGroup(txn, cohort, *parent));
    VINCULO_ASSIGN_OR_RETURN(bool known, workshop_store::ParentKnownToOrganisation(
                                             txn, parent_id, cohort.organisation_id));
    if (!known) {
      return InvalidArgument("parent_id",
                             "the parent has no child known to the programme of this cohort")
          .Because(Refusal::kParentNoChild);
    }
    VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentRow> enrolments,
                             workshop_store::CohortEnrolments(txn, cohort.id));
    const long long enrolled = std::count_if(
        enrolments.begin(), enrolments.end(),
        [](const EnrolmentRow& row) { return row.status == EnrolmentStatus::kEnrolled; });
    const std::string today = FormatDate(context_.Today());
    VINCULO_ASSIGN_OR_RETURN(std::optional<EnrolmentRow> existing,
                             workshop_store::FindEnrolment(txn, cohort.id, parent_id));
    EnrolmentRow enrolment;
    if (existing) {
      if (HoldsPlace(existing->status)) {
        return Conflict(std::string("the parent is already ") +
                            EnrolmentStatusName(existing->status) + " in this cohort",
                        "parent_id")
            .Because(Refusal::kParentAlreadyEnrolled);
      }
      enrolment = *existing;  // she comes back: her attendance is kept
    }
    enrolment.cohort_id = cohort.id;
    enrolment.parent_id = parent_id;
    enrolment.status =
        enrolled < cohort.capacity ? EnrolmentStatus::kEnrolled : EnrolmentStatus::kWaiting;
    enrolment.enrolled_on =
        enrolment.status == EnrolmentStatus::kEnrolled ? std::optional(today) : std::nullopt;
    enrolment.ended_on.reset();
    enrolment.end_reason.clear();
    enrolment.created_at = context_.Now();
    if (existing) {
      VINCULO_RETURN_IF_ERROR(workshop_store::UpdateEnrolment(txn, enrolment, context_.Now()));
    } else {
      VINCULO_ASSIGN_OR_RETURN(enrolment, workshop_store::InsertEnrolment(txn, enrolment));
    }
    VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentProgress> progress, ProgressOf(txn, cohort));
    for (const EnrolmentProgress& row : progress) {
      if (row.enrolment.id == enrolment.id) result = row;
    }
    return txn.AppendAudit(
        {Event(actor, enrolment.status == EnrolmentStatus::kEnrolled ? "enrol" : "wait", "parents",
               parent_id, "cohort " + std::to_string(cohort.id))});
  }));
  return result;
}

Result<EnrolmentProgress> WorkshopService::Withdraw(const Actor& actor, long long cohort_id,
                                                    long long parent_id) {
  EnrolmentProgress result;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    // The cohort's row first: its places are counted below (docs/operations.md).
    VINCULO_RETURN_IF_ERROR(LockRow(txn, "workshop_cohorts", cohort_id));
    VINCULO_ASSIGN_OR_RETURN(CohortRow cohort, VisibleCohort(txn, actor, cohort_id, true));
    VINCULO_ASSIGN_OR_RETURN(std::optional<EnrolmentRow> existing,
                             workshop_store::FindEnrolment(txn, cohort.id, parent_id));
    if (!existing || !HoldsPlace(existing->status)) {
      return NotFound("the parent holds no place in this cohort");
    }
    const std::string today = FormatDate(context_.Today());
    existing->status = EnrolmentStatus::kWithdrawn;
    existing->ended_on = today;
    existing->end_reason = "left the course";
    VINCULO_RETURN_IF_ERROR(workshop_store::UpdateEnrolment(txn, *existing, context_.Now()));
    VINCULO_RETURN_IF_ERROR(PromoteWaiting(txn, cohort, today, context_.Now()));
    VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentProgress> progress, ProgressOf(txn, cohort));
    for (const EnrolmentProgress& row : progress) {
      if (row.enrolment.id == existing->id) result = row;
    }
    return txn.AppendAudit(
        {Event(actor, "withdraw", "parents", parent_id, "cohort " + std::to_string(cohort.id))});
  }));
  return result;
}

Result<std::vector<EnrolmentProgress>> WorkshopService::Enrolments(const Actor& actor,
                                                                   long long cohort_id) {
  std::vector<EnrolmentProgress> progress;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(CohortRow cohort, VisibleCohort(txn, actor, cohort_id, true));
    VINCULO_ASSIGN_OR_RETURN(progress, ProgressOf(txn, cohort));
    return Status::Ok();
  }));
  if (context_.audit) {
    context_.audit->RecordRead(Event(actor, "list", "workshop_enrolments", cohort_id,
                                     std::to_string(progress.size()) + " parents"));
  }
  return progress;
}

Result<ParentWorkshops> WorkshopService::OfParent(const Actor& actor, long long parent_id) {
  VINCULO_RETURN_IF_ERROR(AuditorsSeeFiguresOnly(actor));
  ParentWorkshops answer;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record parent, txn.Get(ParentKind(), parent_id, actor));
    VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentRow> enrolments,
                             workshop_store::ParentEnrolments(txn, parent_id));
    std::set<long long> unfinished_courses;
    std::set<long long> own_cohorts;
    for (const EnrolmentRow& enrolment : enrolments) {
      VINCULO_ASSIGN_OR_RETURN(CohortRow cohort,
                               workshop_store::GetCohort(txn, enrolment.cohort_id));
      if (!CanSeeSchedule(actor, cohort)) continue;
      own_cohorts.insert(cohort.id);
      VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentProgress> progress, ProgressOf(txn, cohort));
      for (const EnrolmentProgress& row : progress) {
        if (row.enrolment.id != enrolment.id) continue;
        if ((enrolment.status == EnrolmentStatus::kTransferred ||
             enrolment.status == EnrolmentStatus::kReleased) &&
            !row.completed) {
          unfinished_courses.insert(cohort.course_id);
        }
        answer.enrolments.push_back(row);
      }
    }
    // A course she could not finish, running where she is now held.
    const long long facility_id = parent.Integer("facility_id").value_or(0);
    if (parent.Text("custody_status").value_or("") != "incarcerated") return Status::Ok();
    const std::string today = FormatDate(context_.Today());
    for (long long course_id : unfinished_courses) {
      CohortFilter filter;
      filter.facility_id = facility_id;
      filter.course_id = course_id;
      filter.status = CohortStatus::kRunning;
      VINCULO_ASSIGN_OR_RETURN(std::vector<CohortRow> cohorts,
                               workshop_store::Cohorts(txn, filter));
      for (const CohortRow& cohort : cohorts) {
        if (own_cohorts.count(cohort.id) || !CanSeeSchedule(actor, cohort)) continue;
        if (!CheckGroup(txn, cohort, parent).ok()) continue;
        VINCULO_ASSIGN_OR_RETURN(CohortView view, ViewOf(txn, cohort));
        if (view.sessions.empty() || view.sessions.back().session_date < today) continue;
        answer.offers.push_back(std::move(view));
      }
    }
    return Status::Ok();
  }));
  if (context_.audit) {
    context_.audit->RecordRead(Event(actor, "read", "parents", parent_id, "workshops"));
  }
  return answer;
}

Result<std::vector<SessionView>> WorkshopService::Sessions(const Actor& actor,
                                                           const SessionQuery& query) {
  VINCULO_RETURN_IF_ERROR(AuditorsSeeFiguresOnly(actor));
  if (query.from && query.to && *query.to < *query.from) {
    return InvalidArgument("to", "is before from");
  }
  std::vector<SessionView> views;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    WorkshopSessionFilter filter;
    filter.facility_id = query.facility_id;
    filter.facilitator_user_id = query.facilitator_user_id;
    if (query.from) filter.from = FormatDate(*query.from);
    if (query.to) filter.to = FormatDate(*query.to);
    VINCULO_ASSIGN_OR_RETURN(std::vector<WorkshopSessionRow> sessions,
                             workshop_store::WorkshopSessions(txn, filter));
    std::map<long long, std::optional<CohortRow>> cohorts;
    std::map<long long, CourseRow> courses;
    for (const WorkshopSessionRow& session : sessions) {
      auto& cohort = cohorts[session.cohort_id];
      if (!cohort) {
        VINCULO_ASSIGN_OR_RETURN(cohort, workshop_store::GetCohort(txn, session.cohort_id));
      }
      if (!CanSeeSchedule(actor, *cohort)) continue;
      if (!courses.count(cohort->course_id)) {
        VINCULO_ASSIGN_OR_RETURN(courses[cohort->course_id],
                                 workshop_store::GetCourse(txn, cohort->course_id));
      }
      const CourseRow& course = courses[cohort->course_id];
      SessionView view;
      view.session = session;
      view.group_kind = cohort->group_kind;
      view.course_title_es = course.title_es;
      view.course_title_en = course.title_en;
      for (const CourseTopicRow& topic : course.topics) {
        if (topic.position == session.position) {
          view.topic_es = topic.topic_es;
          view.topic_en = topic.topic_en;
        }
      }
      views.push_back(std::move(view));
    }
    return Status::Ok();
  }));
  return views;
}

Result<MoveOutcome> WorkshopService::MoveSession(const Actor& actor, long long session_id,
                                                 const MoveRequest& request) {
  VINCULO_ASSIGN_OR_RETURN(Date date, ParseDate(request.session_date, "session_date"));
  if (date < context_.Today()) {
    return InvalidArgument("session_date", "a session cannot be moved into the past");
  }
  MoveOutcome outcome;
  Status status = context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(ManagedSession managed, SessionToManage(txn, actor, session_id));
    const WorkshopSessionRow* session = &managed.session;
    VINCULO_RETURN_IF_ERROR(LockRow(txn, "spaces", session->space_id));
    VINCULO_RETURN_IF_ERROR(LockRow(txn, "users", session->facilitator_user_id));
    const int start_minute = request.start_minute.value_or(session->start_minute);
    const int end_minute = request.end_minute.value_or(
        request.start_minute ? start_minute + (session->end_minute - session->start_minute)
                             : session->end_minute);
    VINCULO_RETURN_IF_ERROR(CheckTimes(start_minute, end_minute));
    Slot slot{
        session->id,      session->facility_id, session->space_id, session->facilitator_user_id,
        FormatDate(date), start_minute,         end_minute};
    VINCULO_RETURN_IF_ERROR(
        MaterialiseVisitSessions(txn, session->facility_id, date, date, context_.Now()));
    VINCULO_ASSIGN_OR_RETURN(std::set<std::string> closures,
                             ClosureSet(txn, session->facility_id, slot.date));
    VINCULO_ASSIGN_OR_RETURN(outcome.clashes,
                             ClashesOf(txn, slot, options_.travel_speed_kmh, closures));
    outcome.session = *session;
    outcome.session.session_date = slot.date;
    outcome.session.start_minute = start_minute;
    outcome.session.end_minute = end_minute;
    if (request.dry_run) return Status::Ok();
    if (!outcome.clashes.empty()) {
      return Conflict("the session would clash: " + outcome.clashes.front().message, "session_date")
          .Because(Refusal::kScheduleClash);
    }
    VINCULO_ASSIGN_OR_RETURN(
        outcome.session, workshop_store::MoveWorkshopSession(txn, session->id, session->version,
                                                             slot.date, start_minute, end_minute));
    outcome.saved = true;
    return txn.AppendAudit({Event(actor, "move", "workshop_sessions", session->id,
                                  slot.date + " " + ClockOf(start_minute))});
  });
  if (!status.ok()) return status;
  return outcome;
}

}  // namespace vinculo
