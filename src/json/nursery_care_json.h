// JSON encoding of the nursery's care answers (transition plans, authorised
// adults, the leave book, the health schedule and plan, enrolments), shared
// by the HTTP API and the CLI. Pure functions, thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "service/nursery_care_service.h"

namespace vinculo {

// {id, child_id, destination, receiving_party, consulted, steps: [{on,
//  description}], visits: {parent_id, frequency} or null, status, approved_by_user_id,
//  approved_on, visit_requirements: [...], created_at, updated_at}
nlohmann::json TransitionPlanToJson(const TransitionPlanView& view);
// document_id is null when the service withheld it.
nlohmann::json AuthorisedAdultToJson(const AuthorisedAdultRow& adult);
nlohmann::json LeaveToJson(const LeaveRow& leave);
nlohmann::json LeaveViewToJson(const LeaveView& view);
nlohmann::json ScheduleEntryToJson(const HealthScheduleRow& entry);
nlohmann::json AppointmentToJson(const AppointmentRow& appointment);
nlohmann::json HealthItemToJson(const HealthItem& item);
nlohmann::json SchoolEnrolmentToJson(const SchoolEnrolmentRow& enrolment);

// The OpenAPI schemas (by name) of the replies above written from a
// ReplyShape (json/reply_shape.h): TransitionPlan, AuthorisedAdult, Leave,
// LeaveBookEntry (LeaveViewToJson), HealthScheduleEntry, Appointment,
// HealthItem and Enrolment.
std::vector<std::pair<std::string, nlohmann::json>> NurseryCareReplySchemas();

}  // namespace vinculo
