#include "json/nursery_care_json.h"

#include <nlohmann/json.hpp>

namespace vinculo {

namespace {
template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json TransitionPlanToJson(const TransitionPlanView& view) {
  const TransitionPlanRow& plan = view.plan;
  nlohmann::json steps = nlohmann::json::array();
  for (const TransitionStepRow& step : plan.steps) {
    steps.push_back({{"on", step.step_on}, {"description", step.description}});
  }
  nlohmann::json requirements = nlohmann::json::array();
  for (const VisitRequirementRow& requirement : view.visit_requirements) {
    requirements.push_back({{"id", requirement.id},
                            {"plan_id", requirement.plan_id},
                            {"child_id", requirement.child_id},
                            {"parent_id", requirement.parent_id},
                            {"frequency", requirement.frequency},
                            {"starts_on", requirement.starts_on}});
  }
  nlohmann::json visits = nullptr;
  if (plan.visit_parent_id) {
    visits = {{"parent_id", *plan.visit_parent_id},
              {"frequency", plan.visit_frequency.value_or("")}};
  }
  return {{"id", plan.id},
          {"child_id", plan.child_id},
          {"destination", plan.destination},
          {"receiving_party", plan.receiving_party},
          {"consulted", plan.consulted},
          {"steps", std::move(steps)},
          {"visits", std::move(visits)},
          {"status", TransitionPlanStatusName(plan.status)},
          {"approved_by_user_id", OrNull(plan.approved_by_user_id)},
          {"approved_on", OrNull(plan.approved_on)},
          {"visit_requirements", std::move(requirements)},
          {"created_at", plan.created_at},
          {"updated_at", plan.updated_at}};
}

nlohmann::json AuthorisedAdultToJson(const AuthorisedAdultRow& adult) {
  return {{"id", adult.id},
          {"child_id", adult.child_id},
          {"full_name", adult.full_name},
          {"relationship", adult.relationship},
          {"document_id",
           adult.document_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(adult.document_id)},
          {"active", adult.active},
          {"created_at", adult.created_at}};
}

nlohmann::json LeaveToJson(const LeaveRow& leave) {
  return {{"id", leave.id},
          {"child_id", leave.child_id},
          {"facility_id", leave.facility_id},
          {"adult_id", leave.adult_id},
          {"adult_name", leave.adult_name},
          {"reason", leave.reason},
          {"left_at", leave.left_at},
          {"due_back_at", leave.due_back_at},
          {"returned_at", OrNull(leave.returned_at)},
          {"note", leave.note},
          {"created_at", leave.created_at}};
}

nlohmann::json LeaveViewToJson(const LeaveView& view) {
  nlohmann::json json = LeaveToJson(view.leave);
  json["state"] = view.state;
  return json;
}

nlohmann::json ScheduleEntryToJson(const HealthScheduleRow& entry) {
  return {{"id", entry.id},
          {"kind", entry.kind},
          {"name", entry.name},
          {"age_months", entry.age_months},
          {"active", entry.active}};
}

nlohmann::json AppointmentToJson(const AppointmentRow& appointment) {
  return {{"id", appointment.id},
          {"child_id", appointment.child_id},
          {"schedule_id", OrNull(appointment.schedule_id)},
          {"kind", appointment.kind},
          {"name", appointment.name},
          {"due_on", appointment.due_on},
          {"done_on", OrNull(appointment.done_on)},
          {"note", appointment.note},
          {"created_at", appointment.created_at}};
}

nlohmann::json HealthItemToJson(const HealthItem& item) {
  return {{"schedule_id", OrNull(item.schedule_id)},
          {"appointment_id", OrNull(item.appointment_id)},
          {"kind", item.kind},
          {"name", item.name},
          {"due_on", item.due_on},
          {"done_on", OrNull(item.done_on)},
          {"status", item.status}};
}

nlohmann::json SchoolEnrolmentToJson(const SchoolEnrolmentRow& enrolment) {
  return {{"id", enrolment.id},
          {"child_id", enrolment.child_id},
          {"setting", enrolment.setting},
          {"institution", enrolment.institution},
          {"level", enrolment.level},
          {"started_on", enrolment.started_on},
          {"created_at", enrolment.created_at}};
}

}  // namespace vinculo
