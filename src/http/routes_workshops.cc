// Routes of the parenting workshops: courses, cohorts and enrolment, the
// session calendar (with a dry run for moving a session), attendance,
// completion certificates (PDF), figures (JSON or CSV), a facilitator's
// iCalendar feed, facility closures and the mixed-groups setting.
#include <charconv>
#include <limits>

#include "http/router.h"
#include "json/record_json.h"
#include "json/workshop_json.h"
#include "service/workshop_service.h"

namespace vinculo::http_internal {
namespace {

Result<long long> WholeNumber(const std::string& text, const char* name, long long min_value,
                              long long max_value) {
  long long number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < min_value ||
      number > max_value) {
    return InvalidArgument(name, "must be a whole number from " + std::to_string(min_value) +
                                     " to " + std::to_string(max_value));
  }
  return number;
}

Status OnlyParams(const httplib::Request& request, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : request.params) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return InvalidArgument(name, "is not a parameter of this request");
    }
  }
  return Status::Ok();
}

Result<std::optional<long long>> IdParam(const httplib::Request& request, const char* name) {
  if (!request.has_param(name)) return std::optional<long long>();
  auto id =
      WholeNumber(request.get_param_value(name), name, 1, std::numeric_limits<long long>::max());
  if (!id.ok()) return id.status();
  return std::optional<long long>(*id);
}

Result<std::optional<Date>> DateParam(const httplib::Request& request, const char* name) {
  if (!request.has_param(name)) return std::optional<Date>();
  auto date = ParseDate(request.get_param_value(name), name);
  if (!date.ok()) return date.status();
  return std::optional<Date>(*date);
}

Result<long long> RequiredInteger(const nlohmann::json& body, const char* name) {
  auto value = OptionalInteger(body, name);
  if (!value.ok()) return value.status();
  if (!*value) return InvalidArgument(name, "is required");
  return **value;
}

Result<std::string> RequiredText(const nlohmann::json& body, const char* name) {
  auto value = OptionalString(body, name);
  if (!value.ok()) return value.status();
  if (!*value) return InvalidArgument(name, "is required");
  return **value;
}

// "HH:MM" as minutes after midnight, or kInvalidArgument naming `name`.
Result<std::optional<int>> OptionalTime(const nlohmann::json& body, const char* name) {
  VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalString(body, name));
  if (!text) return std::optional<int>();
  int hours = 0;
  int minutes = 0;
  if (text->size() != 5 || (*text)[2] != ':' ||
      std::from_chars(text->data(), text->data() + 2, hours).ptr != text->data() + 2 ||
      std::from_chars(text->data() + 3, text->data() + 5, minutes).ptr != text->data() + 5 ||
      hours > 24 || minutes > 59 || (hours == 24 && minutes != 0)) {
    return InvalidArgument(name, "must be a time of day, HH:MM");
  }
  return std::optional<int>(hours * 60 + minutes);
}

Result<std::vector<CourseTopicRow>> Topics(const nlohmann::json& body) {
  if (!body.contains("topics") || !body["topics"].is_array()) {
    return InvalidArgument("topics", "must be an array of {topic_es, topic_en}");
  }
  std::vector<CourseTopicRow> topics;
  for (const nlohmann::json& item : body["topics"]) {
    if (!item.is_object()) return InvalidArgument("topics", "each topic must be an object");
    VINCULO_RETURN_IF_ERROR(OnlyMembers(item, {"topic_es", "topic_en"}));
    CourseTopicRow topic;
    VINCULO_ASSIGN_OR_RETURN(topic.topic_es, RequiredText(item, "topic_es"));
    VINCULO_ASSIGN_OR_RETURN(topic.topic_en, RequiredText(item, "topic_en"));
    topics.push_back(std::move(topic));
  }
  return topics;
}

Reply RawReply(std::string body, std::string content_type) {
  Reply reply;
  reply.raw_body = std::move(body);
  reply.raw_content_type = std::move(content_type);
  return reply;
}

}  // namespace

void RegisterWorkshopRoutes(Router& router) {
  Services& services = router.services();
  auto workshops = [&services]() { return WorkshopService(services.context); };

  router.Authed("GET", "/api/v1/workshops/courses",
                [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_RETURN_IF_ERROR(OnlyParams(request, {}));
                  VINCULO_ASSIGN_OR_RETURN(std::vector<CourseRow> courses,
                                           workshops().Courses(actor));
                  return ItemsReply(courses, CourseToJson);
                });

  router.Authed(
      "POST", "/api/v1/workshops/courses",
      [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"code", "title_es", "title_en", "topics"}));
        CourseRequest course;
        VINCULO_ASSIGN_OR_RETURN(course.code, RequiredText(body, "code"));
        VINCULO_ASSIGN_OR_RETURN(course.title_es, RequiredText(body, "title_es"));
        VINCULO_ASSIGN_OR_RETURN(course.title_en, RequiredText(body, "title_en"));
        VINCULO_ASSIGN_OR_RETURN(course.topics, Topics(body));
        VINCULO_ASSIGN_OR_RETURN(CourseRow stored, workshops().CreateCourse(actor, course));
        Reply reply = JsonReply(CourseToJson(stored), 201);
        reply.etag_version = stored.version;
        return reply;
      });

  router.Authed("PUT", R"(/api/v1/workshops/courses/(\d+)/topics)",
                [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long course_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(long long version, IfMatchVersion(request));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"topics"}));
                  VINCULO_ASSIGN_OR_RETURN(std::vector<CourseTopicRow> topics, Topics(body));
                  VINCULO_ASSIGN_OR_RETURN(
                      CourseRow stored,
                      workshops().ReplaceTopics(actor, course_id, version, topics));
                  Reply reply = JsonReply(CourseToJson(stored));
                  reply.etag_version = stored.version;
                  return reply;
                });

  router.Authed(
      "POST", "/api/v1/workshops/cohorts",
      [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(
            OnlyMembers(body, {"course_id", "facility_id", "group_kind", "facilitator_user_id",
                               "space_id", "start_date", "recurrence_days", "recurrence",
                               "start_time", "end_time", "completion_percent"}));
        CohortRequest cohort;
        VINCULO_ASSIGN_OR_RETURN(cohort.course_id, RequiredInteger(body, "course_id"));
        VINCULO_ASSIGN_OR_RETURN(cohort.facility_id, RequiredInteger(body, "facility_id"));
        VINCULO_ASSIGN_OR_RETURN(cohort.group_kind, RequiredText(body, "group_kind"));
        VINCULO_ASSIGN_OR_RETURN(cohort.facilitator_user_id,
                                 RequiredInteger(body, "facilitator_user_id"));
        VINCULO_ASSIGN_OR_RETURN(cohort.space_id, RequiredInteger(body, "space_id"));
        VINCULO_ASSIGN_OR_RETURN(cohort.start_date, RequiredText(body, "start_date"));
        VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> recurrence,
                                 OptionalString(body, "recurrence"));
        VINCULO_ASSIGN_OR_RETURN(std::optional<long long> every,
                                 OptionalInteger(body, "recurrence_days"));
        if (recurrence && every) {
          return InvalidArgument("recurrence", "give recurrence or recurrence_days, not both");
        }
        if (recurrence) {
          if (*recurrence != "weekly") return InvalidArgument("recurrence", "must be weekly");
          cohort.recurrence_days = kWeeklyRecurrenceDays;
        }
        if (every) {
          if (*every < 1 || *every > kMaxRecurrenceDays) {
            return InvalidArgument("recurrence_days", "must be a whole number of days from 1 to " +
                                                          std::to_string(kMaxRecurrenceDays));
          }
          cohort.recurrence_days = static_cast<int>(*every);
        }
        VINCULO_ASSIGN_OR_RETURN(std::optional<int> start, OptionalTime(body, "start_time"));
        VINCULO_ASSIGN_OR_RETURN(std::optional<int> end, OptionalTime(body, "end_time"));
        if (start) cohort.start_minute = *start;
        if (end) cohort.end_minute = *end;
        VINCULO_ASSIGN_OR_RETURN(std::optional<long long> share,
                                 OptionalInteger(body, "completion_percent"));
        if (share) {
          if (*share < 1 || *share > 100) {
            return InvalidArgument("completion_percent", "must be a percentage from 1 to 100");
          }
          cohort.completion_percent = static_cast<int>(*share);
        }
        VINCULO_ASSIGN_OR_RETURN(CohortView stored, workshops().CreateCohort(actor, cohort));
        Reply reply = JsonReply(CohortToJson(stored), 201);
        reply.location = "/api/v1/workshops/cohorts/" + std::to_string(stored.cohort.id);
        return reply;
      });

  router.Authed("GET", "/api/v1/workshops/cohorts",
                [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_RETURN_IF_ERROR(OnlyParams(request, {"facility_id"}));
                  VINCULO_ASSIGN_OR_RETURN(std::optional<long long> facility_id,
                                           IdParam(request, "facility_id"));
                  VINCULO_ASSIGN_OR_RETURN(std::vector<CohortView> cohorts,
                                           workshops().Cohorts(actor, facility_id));
                  return ItemsReply(cohorts, CohortToJson);
                });

  router.Authed("GET", R"(/api/v1/workshops/cohorts/(\d+))",
                [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long cohort_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(CohortView cohort,
                                           workshops().GetCohort(actor, cohort_id));
                  return JsonReply(CohortToJson(cohort));
                });

  router.Authed("GET", R"(/api/v1/workshops/cohorts/(\d+)/enrolments)",
                [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long cohort_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentProgress> enrolments,
                                           workshops().Enrolments(actor, cohort_id));
                  return ItemsReply(enrolments, EnrolmentToJson);
                });

  router.Authed("POST", R"(/api/v1/workshops/cohorts/(\d+)/enrolments)",
                [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long cohort_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"parent_id"}));
                  VINCULO_ASSIGN_OR_RETURN(long long parent_id, RequiredInteger(body, "parent_id"));
                  VINCULO_ASSIGN_OR_RETURN(EnrolmentProgress enrolment,
                                           workshops().Enrol(actor, cohort_id, parent_id));
                  return JsonReply(EnrolmentToJson(enrolment), 201);
                });

  router.Authed("POST", R"(/api/v1/workshops/cohorts/(\d+)/enrolments/(\d+)/withdraw)",
                [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long cohort_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(long long parent_id, PathId(request, 2));
                  VINCULO_ASSIGN_OR_RETURN(EnrolmentProgress enrolment,
                                           workshops().Withdraw(actor, cohort_id, parent_id));
                  return JsonReply(EnrolmentToJson(enrolment));
                });

  router.Authed(
      "GET", R"(/api/v1/workshops/cohorts/(\d+)/certificates/(\d+))",
      [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long cohort_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(long long parent_id, PathId(request, 2));
        VINCULO_ASSIGN_OR_RETURN(std::string pdf,
                                 workshops().Certificate(actor, cohort_id, parent_id));
        Reply reply = RawReply(std::move(pdf), "application/pdf");
        reply.headers.push_back({"Content-Disposition", "attachment; filename=\"certificate-" +
                                                            std::to_string(cohort_id) + "-" +
                                                            std::to_string(parent_id) + ".pdf\""});
        return reply;
      });

  router.Authed("GET", "/api/v1/workshops/sessions",
                [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_RETURN_IF_ERROR(
                      OnlyParams(request, {"facility_id", "facilitator_user_id", "from", "to"}));
                  SessionQuery query;
                  VINCULO_ASSIGN_OR_RETURN(query.facility_id, IdParam(request, "facility_id"));
                  VINCULO_ASSIGN_OR_RETURN(query.facilitator_user_id,
                                           IdParam(request, "facilitator_user_id"));
                  VINCULO_ASSIGN_OR_RETURN(query.from, DateParam(request, "from"));
                  VINCULO_ASSIGN_OR_RETURN(query.to, DateParam(request, "to"));
                  VINCULO_ASSIGN_OR_RETURN(std::vector<SessionView> sessions,
                                           workshops().Sessions(actor, query));
                  return ItemsReply(sessions, SessionToJson);
                });

  router.Authed(
      "POST", R"(/api/v1/workshops/sessions/(\d+)/move)",
      [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_RETURN_IF_ERROR(OnlyParams(request, {"dry_run"}));
        VINCULO_ASSIGN_OR_RETURN(long long session_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"session_date", "start_time", "end_time"}));
        MoveRequest move;
        VINCULO_ASSIGN_OR_RETURN(move.session_date, RequiredText(body, "session_date"));
        VINCULO_ASSIGN_OR_RETURN(move.start_minute, OptionalTime(body, "start_time"));
        VINCULO_ASSIGN_OR_RETURN(move.end_minute, OptionalTime(body, "end_time"));
        if (request.has_param("dry_run")) {
          const std::string dry_run = request.get_param_value("dry_run");
          if (dry_run != "true" && dry_run != "false") {
            return InvalidArgument("dry_run", "must be true or false");
          }
          move.dry_run = dry_run == "true";
        }
        VINCULO_ASSIGN_OR_RETURN(MoveOutcome outcome,
                                 workshops().MoveSession(actor, session_id, move));
        return JsonReply(MoveOutcomeToJson(outcome));
      });

  router.Authed(
      "POST", R"(/api/v1/workshops/sessions/(\d+)/attendance)",
      [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long session_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"entries"}));
        if (!body.contains("entries") || !body["entries"].is_array()) {
          return InvalidArgument("entries", "must be an array of {parent_id, status, reason}");
        }
        std::vector<AttendanceEntry> entries;
        for (const nlohmann::json& item : body["entries"]) {
          if (!item.is_object()) return InvalidArgument("entries", "each entry must be an object");
          VINCULO_RETURN_IF_ERROR(OnlyMembers(item, {"parent_id", "status", "reason"}));
          AttendanceEntry entry;
          VINCULO_ASSIGN_OR_RETURN(entry.parent_id, RequiredInteger(item, "parent_id"));
          VINCULO_ASSIGN_OR_RETURN(entry.status, RequiredText(item, "status"));
          VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> reason,
                                   OptionalString(item, "reason"));
          entry.absence_reason = reason.value_or("");
          entries.push_back(std::move(entry));
        }
        VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentProgress> progress,
                                 workshops().RecordAttendance(actor, session_id, entries));
        return ItemsReply(progress, EnrolmentToJson);
      });

  router.Authed("GET", R"(/api/v1/workshops/facilitators/(\d+)/calendar\.ics)",
                [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long user_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(std::string ics,
                                           workshops().FacilitatorCalendar(actor, user_id));
                  return RawReply(std::move(ics), "text/calendar; charset=utf-8");
                });

  router.Authed(
      "GET", "/api/v1/workshops/figures",
      [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_RETURN_IF_ERROR(OnlyParams(request, {"facility_id", "format"}));
        VINCULO_ASSIGN_OR_RETURN(std::optional<long long> facility_id,
                                 IdParam(request, "facility_id"));
        const std::string format =
            request.has_param("format") ? request.get_param_value("format") : std::string("json");
        if (format == "csv") {
          VINCULO_ASSIGN_OR_RETURN(std::string csv, workshops().FiguresCsv(actor, facility_id));
          return RawReply(std::move(csv), "text/csv; charset=utf-8");
        }
        if (format != "json") return InvalidArgument("format", "must be json or csv");
        VINCULO_ASSIGN_OR_RETURN(WorkshopFigures figures, workshops().Figures(actor, facility_id));
        return JsonReply(FiguresToJson(figures));
      });

  router.Authed("GET", R"(/api/v1/parents/(\d+)/workshops)",
                [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long parent_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(ParentWorkshops answer,
                                           workshops().OfParent(actor, parent_id));
                  return JsonReply(ParentWorkshopsToJson(answer));
                });

  router.Authed(
      "POST", "/api/v1/workshops/closures",
      [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"facility_id", "closed_on", "reason"}));
        VINCULO_ASSIGN_OR_RETURN(long long facility_id, RequiredInteger(body, "facility_id"));
        VINCULO_ASSIGN_OR_RETURN(std::string closed_on, RequiredText(body, "closed_on"));
        VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> reason, OptionalString(body, "reason"));
        VINCULO_RETURN_IF_ERROR(
            workshops().AddClosure(actor, facility_id, closed_on, reason.value_or("")));
        return JsonReply({{"facility_id", facility_id},
                          {"closed_on", closed_on},
                          {"reason", reason.value_or("")}},
                         201);
      });

  router.Authed(
      "PUT", R"(/api/v1/workshops/facility-settings/(\d+))",
      [workshops](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"mixed_groups_allowed"}));
        VINCULO_ASSIGN_OR_RETURN(std::optional<bool> mixed,
                                 OptionalBool(body, "mixed_groups_allowed"));
        if (!mixed) return InvalidArgument("mixed_groups_allowed", "is required");
        VINCULO_RETURN_IF_ERROR(workshops().SetMixedGroupsAllowed(actor, facility_id, *mixed));
        return JsonReply({{"facility_id", facility_id}, {"mixed_groups_allowed", *mixed}});
      });
}

}  // namespace vinculo::http_internal
