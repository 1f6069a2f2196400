// Parenting workshops after the cohort is running: attendance taken session
// by session, the certificate of a parent who completed the course, the
// facilitator's iCalendar feed, and the figures (with small cells suppressed
// for auditors), as JSON or CSV. Split from workshop_service.cc.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "domain/icalendar.h"
#include "service/calendar_zones.h"
#include "service/figures.h"
#include "service/workshop_certificate.h"
#include "service/workshop_internal.h"
#include "service/workshop_service.h"
#include "store/row_lock.h"
#include "store/workshop_store.h"

namespace vinculo {
using workshop_internal::AuditorsSeeFiguresOnly;
using workshop_internal::CanManage;
using workshop_internal::CanSeeSchedule;
using workshop_internal::ManagedSession;
using workshop_internal::ProgressOf;
using workshop_internal::PromoteWaiting;
using workshop_internal::SessionToManage;
using workshop_internal::VisibleCohort;

namespace {

const std::set<std::string> kAbsenceReasons = {"court", "health", "transferred", "lockdown",
                                               "other"};

std::optional<long long> Suppressed(long long count, bool suppress) {
  if (suppress && count > 0 && count < kSmallCellThreshold) return std::nullopt;
  return count;
}

}  // namespace

// The facilitator's sessions in the one iCalendar writer (domain/icalendar.h),
// each in the time zone of its facility.
Result<std::string> WorkshopService::FacilitatorCalendar(const Actor& actor,
                                                         long long facilitator_user_id) {
  VINCULO_RETURN_IF_ERROR(AuditorsSeeFiguresOnly(actor));
  std::string ics;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    auto facilitator = txn.GetUser(facilitator_user_id);
    const bool allowed =
        facilitator.ok() &&
        (actor.user_id == facilitator_user_id ||
         (facilitator->organisation_id && CanManage(actor, *facilitator->organisation_id)) ||
         actor.IsGlobal());
    if (!allowed) {
      return NotFound("no facilitator with id " + std::to_string(facilitator_user_id));
    }
    WorkshopSessionFilter filter;
    filter.facilitator_user_id = facilitator_user_id;
    VINCULO_ASSIGN_OR_RETURN(std::vector<WorkshopSessionRow> sessions,
                             workshop_store::WorkshopSessions(txn, filter));
    std::map<long long, CohortRow> cohorts;
    std::map<long long, CourseRow> courses;
    std::map<long long, std::string> facilities;
    std::map<long long, std::string> zone_of;  // facility id -> IANA zone
    std::vector<CalendarEvent> events;
    std::vector<CalendarZone> zones;
    for (const WorkshopSessionRow& session : sessions) {
      if (session.status != WorkshopSessionStatus::kScheduled) continue;
      if (!cohorts.count(session.cohort_id)) {
        VINCULO_ASSIGN_OR_RETURN(cohorts[session.cohort_id],
                                 workshop_store::GetCohort(txn, session.cohort_id));
      }
      const CohortRow& cohort = cohorts[session.cohort_id];
      if (!courses.count(cohort.course_id)) {
        VINCULO_ASSIGN_OR_RETURN(courses[cohort.course_id],
                                 workshop_store::GetCourse(txn, cohort.course_id));
      }
      if (!facilities.count(session.facility_id)) {
        VINCULO_ASSIGN_OR_RETURN(Record facility,
                                 txn.Get(FacilityKind(), session.facility_id, Actor::System()));
        facilities[session.facility_id] = facility.Text("name").value_or("");
        VINCULO_ASSIGN_OR_RETURN(CalendarZone zone, FacilityCalendarZone(txn, session.facility_id));
        zone_of[session.facility_id] = zone.tzid;
        zones.push_back(std::move(zone));
      }
      auto date = ParseDate(session.session_date);
      if (!date.ok()) continue;
      const CourseRow& course = courses[cohort.course_id];
      std::string topic;
      for (const CourseTopicRow& row : course.topics) {
        if (row.position == session.position) topic = row.topic_es;
      }
      CalendarEvent event;
      event.uid = "workshop-session-" + std::to_string(session.id) + "@vinculo";
      event.date = *date;
      event.start_minute = static_cast<int>(session.start_minute);
      event.end_minute = static_cast<int>(session.end_minute);
      event.tzid = zone_of[session.facility_id];
      event.sequence = static_cast<int>(session.version - 1);
      event.summary = course.title_es + " (" + cohort.group_kind + "), sesión " +
                      std::to_string(session.position) + ": " + topic;
      event.location = facilities[session.facility_id];
      events.push_back(std::move(event));
    }
    ics = FormatICalendar(facilitator->display_name, zones, events, context_.Now());
    return Status::Ok();
  }));
  return ics;
}

Result<std::vector<EnrolmentProgress>> WorkshopService::RecordAttendance(
    const Actor& actor, long long session_id, const std::vector<AttendanceEntry>& entries) {
  if (entries.empty()) return InvalidArgument("entries", "mark at least one parent");
  std::vector<EnrolmentProgress> progress;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(ManagedSession managed, SessionToManage(txn, actor, session_id));
    const WorkshopSessionRow* session = &managed.session;
    const CohortRow& cohort = managed.cohort;
    if (session->session_date > FormatDate(context_.Today())) {
      return InvalidArgument("session_date",
                             "the session on " + session->session_date + " has not happened yet");
    }
    if (session->status != WorkshopSessionStatus::kScheduled) {
      return InvalidArgument("session_id", "the session was cancelled")
          .Because(Refusal::kVisitCancelled);
    }
    std::set<long long> marked;
    for (const AttendanceEntry& entry : entries) {
      Result<AttendanceMark> parsed = ParseAttendanceMark(entry.status);
      if (!parsed.ok()) return InvalidArgument("status", "must be present, absent or excused");
      if (*parsed == AttendanceMark::kAbsent && !kAbsenceReasons.count(entry.absence_reason)) {
        return InvalidArgument("absence_reason",
                               "an absence needs a reason: court, health, transferred, lockdown "
                               "or other")
            .Because(Refusal::kReasonRequired);
      }
      if (*parsed != AttendanceMark::kAbsent && !entry.absence_reason.empty()) {
        return InvalidArgument("absence_reason", "only an absence has a reason");
      }
      if (!marked.insert(entry.parent_id).second) {
        return InvalidArgument("parent_id", "the parent is marked twice");
      }
      VINCULO_ASSIGN_OR_RETURN(std::optional<EnrolmentRow> enrolment,
                               workshop_store::FindEnrolment(txn, cohort.id, entry.parent_id));
      // She must have held a place on the day: not waiting, not gone before
      // it. (Marks are often entered after the fact, so a place taken later
      // than the session still counts.)
      const bool held_place =
          enrolment && enrolment->status != EnrolmentStatus::kWaiting &&
          (!enrolment->ended_on || *enrolment->ended_on >= session->session_date);
      if (!held_place) {
        return InvalidArgument("parent_id", "parent " + std::to_string(entry.parent_id) +
                                                " held no place in the cohort on " +
                                                session->session_date);
      }
      AttendanceRow mark;
      mark.session_id = session->id;
      mark.enrolment_id = enrolment->id;
      mark.status = *parsed;
      mark.absence_reason = entry.absence_reason;
      mark.recorded_by = actor.user_id;
      mark.recorded_at = context_.Now();
      VINCULO_RETURN_IF_ERROR(workshop_store::UpsertAttendance(txn, mark));
    }
    VINCULO_ASSIGN_OR_RETURN(progress, ProgressOf(txn, cohort));
    return txn.AppendAudit({Event(actor, "attendance", "workshop_sessions", session->id,
                                  std::to_string(entries.size()) + " parents")});
  }));
  return progress;
}

Result<std::string> WorkshopService::Certificate(const Actor& actor, long long cohort_id,
                                                 long long parent_id) {
  CertificateText text;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(CohortRow cohort, VisibleCohort(txn, actor, cohort_id, true));
    auto parent = txn.Get(ParentKind(), parent_id, actor);
    if (!parent.ok()) return InvalidArgument("parent_id", "no parent");
    VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentProgress> progress, ProgressOf(txn, cohort));
    const EnrolmentProgress* mine = nullptr;
    for (const EnrolmentProgress& row : progress) {
      if (row.enrolment.parent_id == parent_id) mine = &row;
    }
    if (!mine) return InvalidArgument("parent_id", "the parent was never in this cohort");
    if (!mine->completed) {
      return InvalidArgument("parent_id", "the parent has not completed the course: attended " +
                                              std::to_string(mine->present) + " of " +
                                              std::to_string(mine->sessions_total) + " sessions, " +
                                              std::to_string(cohort.completion_percent) +
                                              "% are needed");
    }
    VINCULO_ASSIGN_OR_RETURN(CourseRow course, workshop_store::GetCourse(txn, cohort.course_id));
    VINCULO_ASSIGN_OR_RETURN(Record facility,
                             txn.Get(FacilityKind(), cohort.facility_id, Actor::System()));
    auto facilitator = txn.GetUser(cohort.facilitator_user_id);
    text.language = parent->Text("language").value_or("es") == "en" ? "en" : "es";
    text.parent_name =
        parent->Text("given_names").value_or("") + " " + parent->Text("family_names").value_or("");
    text.course_title = text.language == "en" ? course.title_en : course.title_es;
    text.facility = facility.Text("name").value_or("");
    text.facilitator = facilitator.ok() ? facilitator->display_name : std::string();
    text.sessions_attended = mine->present;
    text.sessions_total = mine->sessions_total;
    text.issued_on = FormatDate(context_.Today());
    for (const CourseTopicRow& topic : course.topics) {
      text.topics.push_back(text.language == "en" ? topic.topic_en : topic.topic_es);
    }
    return Status::Ok();
  }));
  VINCULO_ASSIGN_OR_RETURN(std::string pdf, RenderCertificatePdf(text));
  if (context_.audit) {
    context_.audit->RecordRead(
        Event(actor, "certificate", "parents", parent_id, "cohort " + std::to_string(cohort_id)));
  }
  return pdf;
}

Result<WorkshopFigures> WorkshopService::Figures(const Actor& actor,
                                                 std::optional<long long> facility_id) {
  const bool suppress = actor.role == Role::kAuditor;
  WorkshopFigures figures;
  figures.suppressed_small_cells = suppress;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    CohortFilter filter;
    filter.facility_id = facility_id;
    VINCULO_ASSIGN_OR_RETURN(std::vector<CohortRow> cohorts, workshop_store::Cohorts(txn, filter));
    struct Totals {
      long long cohorts = 0, enrolled = 0, waiting = 0, completions = 0, sessions = 0;
      long long present = 0, marks = 0;
    };
    std::map<long long, Totals> by_facility;
    // A cohort's or a facility's figures; counts of 1 to 4 withheld for auditors.
    const auto figure_of = [suppress](const Totals& totals) {
      WorkshopFigureRow figure;
      figure.enrolled = Suppressed(totals.enrolled, suppress);
      figure.waiting = Suppressed(totals.waiting, suppress);
      figure.completions = Suppressed(totals.completions, suppress);
      figure.sessions_held = totals.sessions;
      if (totals.marks > 0 && figure.enrolled) {
        figure.attendance_rate = static_cast<double>(totals.present) / totals.marks;
      }
      return figure;
    };
    const std::string today = FormatDate(context_.Today());
    for (const CohortRow& cohort : cohorts) {
      // Auditors see the figures of their organisation, or all when attached
      // to none; everybody else the cohorts whose schedule they see.
      const bool visible =
          actor.role == Role::kAuditor
              ? (!actor.organisation_id && !actor.facility_id) ||
                    (actor.organisation_id && *actor.organisation_id == cohort.organisation_id) ||
                    (actor.facility_id && *actor.facility_id == cohort.facility_id)
              : CanSeeSchedule(actor, cohort);
      if (!visible) continue;
      VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentProgress> progress, ProgressOf(txn, cohort));
      WorkshopSessionFilter session_filter;
      session_filter.cohort_id = cohort.id;
      session_filter.to = today;
      VINCULO_ASSIGN_OR_RETURN(std::vector<WorkshopSessionRow> held,
                               workshop_store::WorkshopSessions(txn, session_filter));
      Totals totals;
      totals.cohorts = 1;
      totals.sessions = static_cast<long long>(held.size());
      for (const EnrolmentProgress& row : progress) {
        // Enrolment counts everyone who held a place, including those who
        // left, were released or transferred; the waiting list is separate.
        if (row.enrolment.status == EnrolmentStatus::kWaiting) {
          ++totals.waiting;
        } else {
          ++totals.enrolled;
        }
        if (row.completed) ++totals.completions;
        totals.present += row.present;
        totals.marks += row.present + row.absent + row.excused;
      }
      WorkshopFigureRow figure = figure_of(totals);
      figure.cohort_id = cohort.id;
      figure.facility_id = cohort.facility_id;
      figure.group_kind = cohort.group_kind;
      figures.cohorts.push_back(figure);
      Totals& sum = by_facility[cohort.facility_id];
      sum.cohorts += 1;
      sum.enrolled += totals.enrolled;
      sum.waiting += totals.waiting;
      sum.completions += totals.completions;
      sum.sessions += totals.sessions;
      sum.present += totals.present;
      sum.marks += totals.marks;
    }
    for (const auto& [id, sum] : by_facility) {
      WorkshopFigureRow figure = figure_of(sum);
      figure.facility_id = id;
      figures.facilities.push_back(figure);
    }
    return Status::Ok();
  }));
  return figures;
}

Result<Sheet> WorkshopService::FiguresSheet(const Actor& actor,
                                            std::optional<long long> facility_id) {
  VINCULO_ASSIGN_OR_RETURN(WorkshopFigures figures, Figures(actor, facility_id));
  auto count = [](const std::optional<long long>& value) {
    return value ? std::to_string(*value) : std::string();
  };
  Sheet sheet;
  sheet.name = "workshop figures";
  sheet.columns = {{"level", ColumnType::kPlain},           {"cohort_id", ColumnType::kPlain},
                   {"facility_id", ColumnType::kPlain},     {"group", ColumnType::kPlain},
                   {"enrolled", ColumnType::kNumber},       {"waiting", ColumnType::kNumber},
                   {"completions", ColumnType::kNumber},    {"sessions_held", ColumnType::kNumber},
                   {"attendance_rate", ColumnType::kNumber}};
  auto append = [&](const char* level, const WorkshopFigureRow& row) {
    char rate[16] = "";
    if (row.attendance_rate) std::snprintf(rate, sizeof rate, "%.3f", *row.attendance_rate);
    sheet.rows.push_back({level, row.cohort_id ? std::to_string(row.cohort_id) : std::string(),
                          std::to_string(row.facility_id), row.group_kind, count(row.enrolled),
                          count(row.waiting), count(row.completions),
                          std::to_string(row.sessions_held), rate});
  };
  for (const WorkshopFigureRow& row : figures.cohorts) append("cohort", row);
  for (const WorkshopFigureRow& row : figures.facilities) append("facility", row);
  return sheet;
}

Status EndWorkshopPlaces(Txn& txn, long long parent_id, long long current_facility_id,
                         EnrolmentStatus status, const std::string& on, const std::string& now) {
  // Lock her cohorts in id order (the fixed order of docs/operations.md), then
  // read her places again: they cannot change under the count any more.
  VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentRow> unlocked,
                           workshop_store::ParentEnrolments(txn, parent_id));
  std::set<long long> cohort_ids;
  for (const EnrolmentRow& enrolment : unlocked) cohort_ids.insert(enrolment.cohort_id);
  for (long long cohort_id : cohort_ids) {
    VINCULO_RETURN_IF_ERROR(LockRow(txn, "workshop_cohorts", cohort_id));
  }
  VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentRow> enrolments,
                           workshop_store::ParentEnrolments(txn, parent_id));
  for (EnrolmentRow& enrolment : enrolments) {
    if (!HoldsPlace(enrolment.status)) continue;
    VINCULO_ASSIGN_OR_RETURN(CohortRow cohort, workshop_store::GetCohort(txn, enrolment.cohort_id));
    if (current_facility_id && cohort.facility_id == current_facility_id) continue;
    enrolment.status = status;
    enrolment.ended_on = on;
    enrolment.end_reason =
        status == EnrolmentStatus::kReleased ? "released" : "transferred to another facility";
    VINCULO_RETURN_IF_ERROR(workshop_store::UpdateEnrolment(txn, enrolment, now));
    VINCULO_RETURN_IF_ERROR(PromoteWaiting(txn, cohort, on, now));
  }
  return Status::Ok();
}

}  // namespace vinculo
