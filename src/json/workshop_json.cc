#include "json/workshop_json.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace vinculo {
namespace {

template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json FigureRowToJson(const WorkshopFigureRow& row) {
  nlohmann::json json = {
      {"facility_id", row.facility_id},     {"enrolled", OrNull(row.enrolled)},
      {"waiting", OrNull(row.waiting)},     {"completions", OrNull(row.completions)},
      {"sessions_held", row.sessions_held}, {"attendance_rate", OrNull(row.attendance_rate)}};
  if (row.cohort_id) {
    json["cohort_id"] = row.cohort_id;
    json["group_kind"] = row.group_kind;
  }
  return json;
}

}  // namespace

std::string ClockText(int minute) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
  return text;
}

nlohmann::json CourseToJson(const CourseRow& course) {
  nlohmann::json topics = nlohmann::json::array();
  for (const CourseTopicRow& topic : course.topics) {
    topics.push_back(
        {{"position", topic.position}, {"topic_es", topic.topic_es}, {"topic_en", topic.topic_en}});
  }
  return {{"id", course.id},
          {"version", course.version},
          {"code", course.code},
          {"title_es", course.title_es},
          {"title_en", course.title_en},
          {"topics", std::move(topics)}};
}

nlohmann::json SessionRowToJson(const WorkshopSessionRow& session) {
  return {{"id", session.id},
          {"version", session.version},
          {"cohort_id", session.cohort_id},
          {"position", session.position},
          {"facility_id", session.facility_id},
          {"space_id", session.space_id},
          {"facilitator_user_id", session.facilitator_user_id},
          {"session_date", session.session_date},
          {"start_time", ClockText(session.start_minute)},
          {"end_time", ClockText(session.end_minute)},
          {"status", WorkshopSessionStatusName(session.status)}};
}

nlohmann::json CohortToJson(const CohortView& view) {
  const CohortRow& cohort = view.cohort;
  nlohmann::json sessions = nlohmann::json::array();
  for (const WorkshopSessionRow& session : view.sessions) {
    sessions.push_back(SessionRowToJson(session));
  }
  return {{"id", cohort.id},
          {"course_id", cohort.course_id},
          {"course_title_es", view.course_title_es},
          {"course_title_en", view.course_title_en},
          {"facility_id", cohort.facility_id},
          {"organisation_id", cohort.organisation_id},
          {"group_kind", cohort.group_kind},
          {"facilitator_user_id", cohort.facilitator_user_id},
          {"space_id", cohort.space_id},
          {"capacity", cohort.capacity},
          {"start_date", cohort.start_date},
          {"recurrence_days", cohort.recurrence_days},
          {"start_time", ClockText(cohort.start_minute)},
          {"end_time", ClockText(cohort.end_minute)},
          {"completion_percent", cohort.completion_percent},
          {"status", CohortStatusName(cohort.status)},
          {"enrolled", view.enrolled},
          {"waiting", view.waiting},
          {"sessions", std::move(sessions)}};
}

nlohmann::json SessionToJson(const SessionView& view) {
  nlohmann::json json = SessionRowToJson(view.session);
  json["group_kind"] = view.group_kind;
  json["course_title_es"] = view.course_title_es;
  json["course_title_en"] = view.course_title_en;
  json["topic_es"] = view.topic_es;
  json["topic_en"] = view.topic_en;
  return json;
}

nlohmann::json ClashToJson(const WorkshopClash& clash) {
  nlohmann::json json = {
      {"kind", clash.kind}, {"session_date", clash.session_date}, {"message", clash.message}};
  if (clash.kind != "closure") {
    json["other_id"] = clash.other_id;
    json["other_source"] = clash.other_source;
    json["other_facility_id"] = clash.other_facility_id;
    json["other_start_time"] = ClockText(clash.other_start_minute);
    json["other_end_time"] = ClockText(clash.other_end_minute);
    json["travel_minutes"] = clash.travel_minutes;
  }
  return json;
}

nlohmann::json MoveOutcomeToJson(const MoveOutcome& outcome) {
  nlohmann::json clashes = nlohmann::json::array();
  for (const WorkshopClash& clash : outcome.clashes) clashes.push_back(ClashToJson(clash));
  return {{"session", SessionRowToJson(outcome.session)},
          {"clashes", std::move(clashes)},
          {"saved", outcome.saved}};
}

nlohmann::json EnrolmentToJson(const EnrolmentProgress& row) {
  const EnrolmentRow& enrolment = row.enrolment;
  return {{"id", enrolment.id},
          {"cohort_id", enrolment.cohort_id},
          {"parent_id", enrolment.parent_id},
          {"status", EnrolmentStatusName(enrolment.status)},
          {"waiting_position",
           row.waiting_position ? nlohmann::json(row.waiting_position) : nlohmann::json(nullptr)},
          {"enrolled_on", OrNull(enrolment.enrolled_on)},
          {"ended_on", OrNull(enrolment.ended_on)},
          {"end_reason", enrolment.end_reason},
          {"present", row.present},
          {"absent", row.absent},
          {"excused", row.excused},
          {"sessions_total", row.sessions_total},
          {"completed", row.completed}};
}

nlohmann::json ParentWorkshopsToJson(const ParentWorkshops& workshops) {
  nlohmann::json enrolments = nlohmann::json::array();
  for (const EnrolmentProgress& row : workshops.enrolments) {
    enrolments.push_back(EnrolmentToJson(row));
  }
  nlohmann::json offers = nlohmann::json::array();
  for (const CohortView& cohort : workshops.offers) offers.push_back(CohortToJson(cohort));
  return {{"enrolments", std::move(enrolments)}, {"offers", std::move(offers)}};
}

nlohmann::json FiguresToJson(const WorkshopFigures& figures) {
  nlohmann::json cohorts = nlohmann::json::array();
  for (const WorkshopFigureRow& row : figures.cohorts) cohorts.push_back(FigureRowToJson(row));
  nlohmann::json facilities = nlohmann::json::array();
  for (const WorkshopFigureRow& row : figures.facilities) {
    facilities.push_back(FigureRowToJson(row));
  }
  return {{"suppressed_small_cells", figures.suppressed_small_cells},
          {"cohorts", std::move(cohorts)},
          {"facilities", std::move(facilities)}};
}

}  // namespace vinculo
