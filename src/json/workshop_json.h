// JSON encoding of the workshop module's answers (courses, cohorts, sessions,
// clashes, enrolments, figures), shared by the HTTP API and the
// `vinculo workshops` command so both print the same fields. Pure functions,
// thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "service/workshop_service.h"

namespace vinculo {

// "09:00" for minute 540.
std::string ClockText(int minute);

nlohmann::json CourseToJson(const CourseRow& course);
// {id, course_id, course_title_es, course_title_en, facility_id, organisation_id,
//  group_kind, facilitator_user_id, space_id, capacity, start_date,
//  recurrence_days, start_time, end_time, completion_percent, status,
//  enrolled, waiting, sessions: [...]}
nlohmann::json CohortToJson(const CohortView& cohort);
nlohmann::json SessionRowToJson(const WorkshopSessionRow& session);
// A session row plus group_kind, course titles and the session's topic.
nlohmann::json SessionToJson(const SessionView& session);
nlohmann::json ClashToJson(const WorkshopClash& clash);
nlohmann::json MoveOutcomeToJson(const MoveOutcome& outcome);
nlohmann::json EnrolmentToJson(const EnrolmentProgress& enrolment);
nlohmann::json ParentWorkshopsToJson(const ParentWorkshops& workshops);
nlohmann::json FiguresToJson(const WorkshopFigures& figures);

// The answer to a facility closure added, and to the mixed-groups setting
// set: what was stored.
struct FacilityClosureReply {
  long long facility_id = 0;
  std::string closed_on;
  std::string reason;
};
struct FacilityWorkshopSettingsReply {
  long long facility_id = 0;
  bool mixed_groups_allowed = false;
};
nlohmann::json FacilityClosureToJson(const FacilityClosureReply& closure);
nlohmann::json FacilityWorkshopSettingsToJson(const FacilityWorkshopSettingsReply& settings);

// The OpenAPI schemas (by name) of the replies above, written from a
// ReplyShape (json/reply_shape.h): WorkshopCourse, WorkshopSessionRow,
// WorkshopSession, WorkshopCohort, WorkshopClash, WorkshopMoveOutcome,
// WorkshopEnrolment, ParentWorkshops, WorkshopFigureRow, WorkshopFigures,
// FacilityClosure and FacilityWorkshopSettings.
std::vector<std::pair<std::string, nlohmann::json>> WorkshopReplySchemas();

}  // namespace vinculo
