// The operations of the parenting workshops: courses, cohorts and enrolment,
// the session calendar (with a dry run for moving a session), attendance,
// completion certificates (PDF), figures (JSON or CSV), a facilitator's
// iCalendar feed, facility closures and the mixed-groups setting.
#include "http/operation.h"
#include "json/record_json.h"
#include "json/workshop_json.h"
#include "service/workshop_service.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

WorkshopService Workshops(const Call& call) { return WorkshopService(call.services.context); }

std::vector<CourseTopicRow> Topics(const Body& body) {
  std::vector<CourseTopicRow> topics;
  for (const Body& item : body.Elements("topics")) {
    CourseTopicRow topic;
    topic.topic_es = item.Text("topic_es");
    topic.topic_en = item.Text("topic_en");
    topics.push_back(std::move(topic));
  }
  return topics;
}

const Field& TopicsField() {
  static const Field kTopics =
      Objects("topics", {Required("topic_es", V::kText), Required("topic_en", V::kText)},
              "The session topics in order, in Spanish and English.");
  return kTopics;
}

Result<Reply> CreateCourse(Call& call) {
  CourseRequest course{call.body.Text("code"), call.body.Text("title_es"),
                       call.body.Text("title_en"), Topics(call.body)};
  VINCULO_ASSIGN_OR_RETURN(CourseRow stored, Workshops(call).CreateCourse(call.user(), course));
  return VersionedReply(stored, CourseToJson, 201);
}

Result<Reply> CreateCohort(Call& call) {
  const Body& body = call.body;
  CohortRequest cohort;
  cohort.course_id = body.Integer("course_id");
  cohort.facility_id = body.Integer("facility_id");
  cohort.group_kind = body.Text("group_kind");
  cohort.facilitator_user_id = body.Integer("facilitator_user_id");
  cohort.space_id = body.Integer("space_id");
  cohort.start_date = body.Text("start_date");
  if (body.OptionalText("recurrence") && body.OptionalInteger("recurrence_days")) {
    return InvalidArgument("recurrence", "give recurrence or recurrence_days, not both");
  }
  if (body.OptionalText("recurrence")) cohort.recurrence_days = kWeeklyRecurrenceDays;
  cohort.recurrence_days = body.IntOr("recurrence_days", cohort.recurrence_days);
  cohort.start_minute = body.MinuteOfDay("start_time").value_or(cohort.start_minute);
  cohort.end_minute = body.MinuteOfDay("end_time").value_or(cohort.end_minute);
  cohort.completion_percent = body.IntOr("completion_percent", cohort.completion_percent);
  VINCULO_ASSIGN_OR_RETURN(CohortView stored, Workshops(call).CreateCohort(call.user(), cohort));
  Reply reply = JsonReply(CohortToJson(stored), 201);
  reply.location = "/api/v1/workshops/cohorts/" + std::to_string(stored.cohort.id);
  return reply;
}

Result<Reply> Sessions(Call& call) {
  SessionQuery query;
  query.facility_id = call.QueryInteger("facility_id");
  query.facilitator_user_id = call.QueryInteger("facilitator_user_id");
  query.from = call.QueryDate("from");
  query.to = call.QueryDate("to");
  VINCULO_ASSIGN_OR_RETURN(std::vector<SessionView> sessions,
                           Workshops(call).Sessions(call.user(), query));
  return ItemsReply(sessions, SessionToJson);
}

Result<Reply> MoveSession(Call& call) {
  MoveRequest move;
  move.session_date = call.body.Text("session_date");
  move.start_minute = call.body.MinuteOfDay("start_time");
  move.end_minute = call.body.MinuteOfDay("end_time");
  move.dry_run = call.QueryBool("dry_run").value_or(false);
  VINCULO_ASSIGN_OR_RETURN(MoveOutcome outcome,
                           Workshops(call).MoveSession(call.user(), call.id(), move));
  return JsonReply(MoveOutcomeToJson(outcome));
}

Result<Reply> RecordAttendance(Call& call) {
  std::vector<AttendanceEntry> entries;
  for (const Body& item : call.body.Elements("entries")) {
    entries.push_back({item.Integer("parent_id"), item.Text("status"), item.Text("reason")});
  }
  VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentProgress> progress,
                           Workshops(call).RecordAttendance(call.user(), call.id(), entries));
  return ItemsReply(progress, EnrolmentToJson);
}

Result<Reply> Certificate(Call& call) {
  VINCULO_ASSIGN_OR_RETURN(std::string pdf,
                           Workshops(call).Certificate(call.user(), call.id(0), call.id(1)));
  Reply reply = RawReply(std::move(pdf), "application/pdf");
  reply.headers.push_back({"Content-Disposition", "attachment; filename=\"certificate-" +
                                                      std::to_string(call.id(0)) + "-" +
                                                      std::to_string(call.id(1)) + ".pdf\""});
  return reply;
}

Result<Reply> Figures(Call& call) {
  const std::optional<long long> facility_id = call.QueryInteger("facility_id");
  const std::string format = call.QueryText("format");
  if (format == "csv" || format == "xlsx") {
    VINCULO_ASSIGN_OR_RETURN(Sheet sheet, Workshops(call).FiguresSheet(call.user(), facility_id));
    return SheetReply(call, sheet, "workshop-figures");
  }
  VINCULO_ASSIGN_OR_RETURN(WorkshopFigures figures,
                           Workshops(call).Figures(call.user(), facility_id));
  return JsonReply(FiguresToJson(figures));
}

Result<Reply> AddClosure(Call& call) {
  const long long facility_id = call.body.Integer("facility_id");
  const std::string closed_on = call.body.Text("closed_on");
  const std::string reason = call.body.Text("reason");
  VINCULO_RETURN_IF_ERROR(Workshops(call).AddClosure(call.user(), facility_id, closed_on, reason));
  return JsonReply(FacilityClosureToJson({facility_id, closed_on, reason}), 201);
}

Result<Reply> SetMixedGroups(Call& call) {
  const bool mixed = call.body.OptionalBool("mixed_groups_allowed").value_or(false);
  VINCULO_RETURN_IF_ERROR(Workshops(call).SetMixedGroupsAllowed(call.user(), call.id(), mixed));
  return JsonReply(FacilityWorkshopSettingsToJson({call.id(), mixed}));
}

// Courses and their topics.
std::vector<Operation> CourseOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/workshops/courses",
       .operation_id = "listWorkshopCourses",
       .tag = "Workshops",
       .summary = "List the workshop courses",
       .description =
           "Every course with its ordered session topics in Spanish and English; the default "
           "course (crianza-positiva) ships with the database. Every role but auditors.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply = "items:WorkshopCourse",
       .errors = {400, 404},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto courses, Workshops(call).Courses(call.user()));
         return ItemsReply(courses, CourseToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/workshops/courses",
       .operation_id = "createWorkshopCourse",
       .tag = "Workshops",
       .summary = "Create a workshop course",
       .description = "A course is an ordered list of session topics in Spanish and English. "
                      "Administrators and programme coordinators. 409 when the code is taken.",
       .request = "WorkshopCourseRequest",
       .roles = RolesWith(Permission::kEditWorkshopCourses),
       .body = BodyKind::kFields,
       .fields = {Required("code", V::kText), Required("title_es", V::kText),
                  Required("title_en", V::kText), TopicsField()},
       .status = 201,
       .reply = "WorkshopCourse",
       .errors = {404, 409},
       .handler = CreateCourse},
      {.method = "PUT",
       .path = "/api/v1/workshops/courses/{id}/topics",
       .operation_id = "replaceWorkshopCourseTopics",
       .tag = "Workshops",
       .summary = "Replace a course's session topics",
       .description = "Replaces the ordered topics; If-Match with the course's ETag is required "
                      "(428 without it, 412 when stale). Cohorts already formed keep their "
                      "sessions. Administrators and programme coordinators.",
       .roles = RolesWith(Permission::kEditWorkshopCourses),
       .if_match = true,
       .body = BodyKind::kFields,
       .fields = {TopicsField()},
       .reply = "WorkshopCourse",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             CourseRow stored, Workshops(call).ReplaceTopics(call.user(), call.id(), call.version,
                                                             Topics(call.body)));
         return VersionedReply(stored, CourseToJson);
       }},
  };
}

// Cohorts, enrolment and certificates.
std::vector<Operation> CohortOperations() {
  return {
      {.method = "POST",
       .path = "/api/v1/workshops/cohorts",
       .operation_id = "createWorkshopCohort",
       .tag = "Workshops",
       .summary = "Form a cohort and schedule its sessions",
       .description =
           "A course at one facility for one group (women, men, or mixed where the facility allows "
           "it), led by a facilitator (a social worker of the caller's organisation), in a space "
           "of the facility whose capacity (at least one person) bounds enrolment. Sessions are "
           "generated from start_date every recurrence_days (default 15; or recurrence weekly), "
           "skipping facility closures. 409 naming start_date when a session would clash with the "
           "facilitator elsewhere (travel time between facilities at 60 km/h counts) or with "
           "another booking of the space. 422 naming the field otherwise. Written to the audit "
           "log.",
       .request = "WorkshopCohortRequest",
       .roles = RolesWith(Permission::kManageWorkshops),
       .body = BodyKind::kFields,
       .fields = {Required("course_id", V::kId), Required("facility_id", V::kId),
                  Required("group_kind", V::kText), Required("facilitator_user_id", V::kId),
                  Required("space_id", V::kId), Required("start_date", V::kDate),
                  Optional("recurrence_days", V::kInteger).Range(1, kMaxRecurrenceDays),
                  Optional("recurrence", V::kText, "Instead of recurrence_days: every 7 days.")
                      .OneOf({"weekly"}),
                  Optional("start_time", V::kTime), Optional("end_time", V::kTime),
                  Optional("completion_percent", V::kInteger).Range(1, 100)},
       .status = 201,
       .reply = "WorkshopCohort",
       .errors = {404, 409},
       .handler = CreateCohort},
      {.method = "GET",
       .path = "/api/v1/workshops/cohorts",
       .operation_id = "listWorkshopCohorts",
       .tag = "Workshops",
       .summary = "List workshop cohorts",
       .description =
           "The cohorts the caller may see: managers (administrators, programme coordinators and "
           "social workers) see their organisation's cohorts, prison staff the cohorts held in "
           "their facility; another organisation sees none. Auditors: 403 (figures only).",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .query = {Optional("facility_id", V::kId, "Only this facility.")},
       .reply = "items:WorkshopCohort",
       .errors = {400, 404},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             auto cohorts, Workshops(call).Cohorts(call.user(), call.QueryInteger("facility_id")));
         return ItemsReply(cohorts, CohortToJson);
       }},
      {.method = "GET",
       .path = "/api/v1/workshops/cohorts/{id}",
       .operation_id = "getWorkshopCohort",
       .tag = "Workshops",
       .summary = "Read a workshop cohort",
       .description = "The cohort, its counts and its sessions. 404 for a cohort of another "
                      "organisation or facility.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply = "WorkshopCohort",
       .errors = {400},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(CohortView cohort,
                                  Workshops(call).GetCohort(call.user(), call.id()));
         return JsonReply(CohortToJson(cohort));
       }},
      {.method = "GET",
       .path = "/api/v1/workshops/cohorts/{id}/enrolments",
       .operation_id = "listWorkshopEnrolments",
       .tag = "Workshops",
       .summary = "List a cohort's enrolments with attendance",
       .description =
           "Every parent who held or waits for a place, with attendance counts and completion. "
           "Managers of the cohort only (prison staff: 403). Audited as a read.",
       .roles = RolesWith(Permission::kManageWorkshops),
       .reply = "items:WorkshopEnrolment",
       .errors = {400},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Workshops(call).Enrolments(call.user(), call.id()));
         return ItemsReply(rows, EnrolmentToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/workshops/cohorts/{id}/enrolments",
       .operation_id = "enrolInWorkshop",
       .tag = "Workshops",
       .summary = "Enrol a parent, or put her on the waiting list",
       .description = "The parent must be held in the cohort's facility, in custody, of the "
                      "cohort's group (sex and wing) and have a child known to the cohort's "
                      "organisation (422 naming parent_id otherwise). Beyond the space's capacity "
                      "she waits; the list moves up when someone leaves, is released or is "
                      "transferred. 409 when she already holds or waits for a place.",
       .roles = RolesWith(Permission::kManageWorkshops),
       .body = BodyKind::kFields,
       .fields = {Required("parent_id", V::kId)},
       .status = 201,
       .reply = "WorkshopEnrolment",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             EnrolmentProgress enrolment,
             Workshops(call).Enrol(call.user(), call.id(), call.body.Integer("parent_id")));
         return JsonReply(EnrolmentToJson(enrolment), 201);
       }},
      {.method = "POST",
       .path = "/api/v1/workshops/cohorts/{id}/enrolments/{parent_id}/withdraw",
       .operation_id = "withdrawFromWorkshop",
       .tag = "Workshops",
       .summary = "A parent leaves a cohort",
       .description = "Her attendance is kept; the first waiting parent moves up. 404 when she "
                      "holds no place.",
       .roles = RolesWith(Permission::kManageWorkshops),
       .reply = "WorkshopEnrolment",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(EnrolmentProgress enrolment,
                                  Workshops(call).Withdraw(call.user(), call.id(0), call.id(1)));
         return JsonReply(EnrolmentToJson(enrolment));
       }},
      {.method = "GET",
       .path = "/api/v1/workshops/cohorts/{id}/certificates/{parent_id}",
       .operation_id = "getWorkshopCertificate",
       .tag = "Workshops",
       .summary = "Download a completion certificate (PDF)",
       .description = "A one-page PDF in the parent's language (Spanish or English). 422 naming "
                      "parent_id when she did not attend the cohort's completion share of sessions "
                      "(default 75 %). Managers of the cohort only.",
       .roles = RolesWith(Permission::kManageWorkshops),
       .reply_type = "application/pdf",
       .errors = {409},
       .handler = Certificate},
  };
}

// The calendar, attendance, figures and facility settings.
std::vector<Operation> CalendarOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/workshops/sessions",
       .operation_id = "listWorkshopSessions",
       .tag = "Workshops",
       .summary = "List workshop sessions (the calendar)",
       .description = "Sessions in date order with their group, course and topic: managers see "
                      "their organisation's, prison staff their facility's, another organisation "
                      "none. Auditors: 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .query = {Optional("facility_id", V::kId, "Only this facility."),
                 Optional("facilitator_user_id", V::kId, "Only this facilitator's sessions."),
                 Optional("from", V::kDate, "First day (inclusive)."),
                 Optional("to", V::kDate, "Last day (inclusive).")},
       .reply = "items:WorkshopSession",
       .errors = {400, 404},
       .handler = Sessions},
      {.method = "POST",
       .path = "/api/v1/workshops/sessions/{id}/move",
       .operation_id = "moveWorkshopSession",
       .tag = "Workshops",
       .summary = "Move one session, or preview what it would clash with",
       .description = "With dry_run=true nothing is saved and the answer lists the clashes "
                      "(facility closure, space booked, facilitator elsewhere or without travel "
                      "time). Without it, any clash answers 409 and nothing changes. A session "
                      "cannot move into the past (422). Managers of the cohort only.",
       .request = "WorkshopMoveRequest",
       .roles = RolesWith(Permission::kManageWorkshops),
       .query = {Optional("dry_run", V::kBoolean, "true: check, change nothing.")},
       .body = BodyKind::kFields,
       .fields = {Required("session_date", V::kDate), Optional("start_time", V::kTime),
                  Optional("end_time", V::kTime)},
       .reply = "WorkshopMoveOutcome",
       .errors = {409},
       .handler = MoveSession},
      {.method = "POST",
       .path = "/api/v1/workshops/sessions/{id}/attendance",
       .operation_id = "recordWorkshopAttendance",
       .tag = "Workshops",
       .summary = "Mark attendance at a session",
       .description = "Per parent: present, absent (with a reason: court, health, transferred, "
                      "lockdown, other) or excused. Refused (422 naming session_date) for a "
                      "session that has not happened yet; every entry or none is written. Managers "
                      "of the cohort only. Written to the audit log.",
       .request = "WorkshopAttendanceRequest",
       .roles = RolesWith(Permission::kManageWorkshops),
       .body = BodyKind::kFields,
       .fields = {Objects("entries", {Required("parent_id", V::kId), Required("status", V::kText),
                                      Optional("reason", V::kText)})},
       .reply = "items:WorkshopEnrolment",
       .errors = {409},
       .handler = RecordAttendance},
      {.method = "GET",
       .path = "/api/v1/workshops/facilitators/{id}/calendar.ics",
       .operation_id = "getFacilitatorCalendar",
       .tag = "Workshops",
       .summary = "A facilitator's sessions as an iCalendar feed",
       .description = "RFC 5545: CRLF line ends, lines folded at 75 octets, one VEVENT per session "
                      "with UID and DTSTAMP; times are the facility's local time. The facilitator "
                      "herself and managers of her organisation; 404 for others.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply_type = "text/calendar",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(std::string ics,
                                  Workshops(call).FacilitatorCalendar(call.user(), call.id()));
         return RawReply(std::move(ics), "text/calendar; charset=utf-8");
       }},
      {.method = "GET",
       .path = "/api/v1/workshops/figures",
       .operation_id = "getWorkshopFigures",
       .tag = "Workshops",
       .summary = "Workshop figures per cohort and facility",
       .description =
           "Enrolment, waiting list, completions, sessions held and attendance rate "
           "(present marks over all marks). Every role within its scope; auditors see "
           "all (or their organisation's) with counts from 1 to 4 suppressed (null). "
           "format=csv answers text/csv (bom=true and separator=semicolon as in the list exports), "
           "format=xlsx a workbook.",
       .query = {Optional("facility_id", V::kId, "Only this facility."),
                 Optional("format", V::kText, "json (default), csv or xlsx.")
                     .OneOf({"json", "csv", "xlsx"}),
                 ByteOrderMarkField(), SeparatorField()},
       .reply = "WorkshopFigures",
       .errors = {400, 404},
       .handler = Figures},
      {.method = "GET",
       .path = "/api/v1/parents/{id}/workshops",
       .operation_id = "getParentWorkshops",
       .tag = "Workshops",
       .summary = "A parent's workshop places and offers",
       .description = "Her enrolments with attendance (kept after a transfer or release) and, when "
                      "she left a course unfinished, the running cohorts of that course at the "
                      "facility where she is now held. Auditors: 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply = "ParentWorkshops",
       .errors = {400},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(ParentWorkshops answer,
                                  Workshops(call).OfParent(call.user(), call.id()));
         return JsonReply(ParentWorkshopsToJson(answer));
       }},
      {.method = "POST",
       .path = "/api/v1/workshops/closures",
       .operation_id = "addFacilityClosure",
       .tag = "Workshops",
       .summary = "Record a date a facility hosts no workshops",
       .description = "Sessions generated afterwards skip it; moving a session onto it is a clash. "
                      "Administrators. 409 when already recorded.",
       .request = "FacilityClosureRequest",
       .roles = RolesWith(Permission::kSetFacilityWorkshopRules),
       .body = BodyKind::kFields,
       .fields = {Required("facility_id", V::kId), Required("closed_on", V::kDate),
                  Optional("reason", V::kText)},
       .status = 201,
       .reply = "FacilityClosure",
       .errors = {404, 409},
       .handler = AddClosure},
      {.method = "PUT",
       .path = "/api/v1/workshops/facility-settings/{id}",
       .operation_id = "setFacilityWorkshopSettings",
       .tag = "Workshops",
       .summary = "Whether a facility allows mixed workshop groups",
       .description = "Mothers and fathers meet in separate groups unless the facility allows "
                      "mixed ones. Administrators.",
       .request = "FacilityWorkshopSettingsRequest",
       .roles = RolesWith(Permission::kSetFacilityWorkshopRules),
       .body = BodyKind::kFields,
       .fields = {Required("mixed_groups_allowed", V::kBoolean)},
       .reply = "FacilityWorkshopSettings",
       .errors = {409},
       .handler = SetMixedGroups},
  };
}

}  // namespace

std::vector<Operation> WorkshopOperations() {
  return Concatenated({CourseOperations, CohortOperations, CalendarOperations});
}

}  // namespace vinculo::http_internal
