// Routes of the nursery's care of the child: transition plans, authorised
// adults and the leave book, the health schedule and a child's health plan,
// school and daycare enrolments, and pregnancy outcomes.
#include <charconv>

#include "http/router.h"
#include "json/nursery_care_json.h"
#include "json/nursery_json.h"
#include "json/record_json.h"
#include "service/nursery_care_service.h"

namespace vinculo::http_internal {
namespace {

Result<long long> PositiveId(const std::string& text, const char* name) {
  long long number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < 1) {
    return InvalidArgument(name, "must be a positive whole number");
  }
  return number;
}

Status KnownParams(const httplib::Request& request, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : request.params) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return InvalidArgument(name, "is not a parameter of this request");
    }
  }
  return Status::Ok();
}

Result<std::optional<long long>> IdParam(const httplib::Request& request, const char* name) {
  if (!request.has_param(name)) return std::optional<long long>();
  auto id = PositiveId(request.get_param_value(name), name);
  if (!id.ok()) return id.status();
  return std::optional<long long>(*id);
}

Result<std::string> Required(const nlohmann::json& body, const char* name) {
  auto value = OptionalString(body, name);
  if (!value.ok()) return value.status();
  if (!*value) return InvalidArgument(name, "is required");
  return **value;
}

Result<std::string> TextOrEmpty(const nlohmann::json& body, const char* name) {
  auto value = OptionalString(body, name);
  if (!value.ok()) return value.status();
  return value->value_or("");
}

// [{"on": "YYYY-MM-DD", "description": "..."}, ...]; errors name "steps".
Result<std::vector<TransitionStepRow>> StepsOf(const nlohmann::json& body) {
  if (!body.contains("steps")) return InvalidArgument("steps", "is required");
  const nlohmann::json& steps = body["steps"];
  if (!steps.is_array()) return InvalidArgument("steps", "must be an array of {on, description}");
  std::vector<TransitionStepRow> rows;
  for (const nlohmann::json& step : steps) {
    if (!step.is_object() || !step.contains("on") || !step["on"].is_string() ||
        !step.contains("description") || !step["description"].is_string() || step.size() != 2) {
      return InvalidArgument("steps", "each step must be {on: YYYY-MM-DD, description: text}");
    }
    rows.push_back({step["on"].get<std::string>(), step["description"].get<std::string>()});
  }
  return rows;
}

Result<std::optional<Date>> DateParam(const httplib::Request& request, const char* name) {
  if (!request.has_param(name)) return std::optional<Date>();
  auto date = ParseDate(request.get_param_value(name), name);
  if (!date.ok()) return date.status();
  return std::optional<Date>(*date);
}

}  // namespace

void RegisterNurseryCareRoutes(Router& router) {
  Services& services = router.services();
  auto care = [&services] { return NurseryCareService(services.context); };

  // --- Transition plans ---
  router.Authed("GET", R"(/api/v1/children/(\d+)/transition-plan)",
                [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(TransitionPlanView plan,
                                           care().TransitionPlan(actor, child_id));
                  return JsonReply(TransitionPlanToJson(plan));
                });
  router.Authed(
      "POST", R"(/api/v1/children/(\d+)/transition-plan)",
      [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"destination", "receiving_party", "consulted",
                                                   "steps", "visit_parent_id", "visit_frequency"}));
        TransitionPlanRequest plan;
        VINCULO_ASSIGN_OR_RETURN(plan.destination, Required(body, "destination"));
        VINCULO_ASSIGN_OR_RETURN(plan.receiving_party, TextOrEmpty(body, "receiving_party"));
        VINCULO_ASSIGN_OR_RETURN(plan.consulted, TextOrEmpty(body, "consulted"));
        VINCULO_ASSIGN_OR_RETURN(plan.steps, StepsOf(body));
        VINCULO_ASSIGN_OR_RETURN(plan.visit_parent_id, OptionalInteger(body, "visit_parent_id"));
        VINCULO_ASSIGN_OR_RETURN(plan.visit_frequency, OptionalString(body, "visit_frequency"));
        VINCULO_ASSIGN_OR_RETURN(TransitionPlanView saved,
                                 care().SaveTransitionPlan(actor, child_id, plan));
        return JsonReply(TransitionPlanToJson(saved));
      });
  router.Authed("POST", R"(/api/v1/transition-plans/(\d+)/approve)",
                [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long plan_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(TransitionPlanView approved,
                                           care().ApproveTransitionPlan(actor, plan_id));
                  return JsonReply(TransitionPlanToJson(approved));
                });

  // --- Authorised adults and the leave book ---
  router.Authed("GET", R"(/api/v1/children/(\d+)/authorised-adults)",
                [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(std::vector<AuthorisedAdultRow> adults,
                                           care().AuthorisedAdults(actor, child_id));
                  return ItemsReply(adults, AuthorisedAdultToJson);
                });
  router.Authed(
      "POST", R"(/api/v1/children/(\d+)/authorised-adults)",
      [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"full_name", "relationship", "document_id"}));
        AuthorisedAdultRequest adult;
        VINCULO_ASSIGN_OR_RETURN(adult.full_name, TextOrEmpty(body, "full_name"));
        VINCULO_ASSIGN_OR_RETURN(adult.relationship, TextOrEmpty(body, "relationship"));
        VINCULO_ASSIGN_OR_RETURN(adult.document_id, TextOrEmpty(body, "document_id"));
        VINCULO_ASSIGN_OR_RETURN(AuthorisedAdultRow stored,
                                 care().AddAuthorisedAdult(actor, child_id, adult));
        return JsonReply(AuthorisedAdultToJson(stored), 201);
      });
  router.Authed("POST", R"(/api/v1/authorised-adults/(\d+)/revoke)",
                [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long adult_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(AuthorisedAdultRow revoked,
                                           care().RevokeAuthorisedAdult(actor, adult_id));
                  return JsonReply(AuthorisedAdultToJson(revoked));
                });
  router.Authed("POST", R"(/api/v1/children/(\d+)/leaves)",
                [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(
                      OnlyMembers(body, {"adult_id", "reason", "left_at", "due_back_at", "note"}));
                  LeaveRequest leave;
                  VINCULO_ASSIGN_OR_RETURN(std::optional<long long> adult_id,
                                           OptionalInteger(body, "adult_id"));
                  if (!adult_id) return InvalidArgument("adult_id", "is required");
                  leave.adult_id = *adult_id;
                  VINCULO_ASSIGN_OR_RETURN(leave.reason, Required(body, "reason"));
                  VINCULO_ASSIGN_OR_RETURN(leave.left_at, Required(body, "left_at"));
                  VINCULO_ASSIGN_OR_RETURN(leave.due_back_at, Required(body, "due_back_at"));
                  VINCULO_ASSIGN_OR_RETURN(leave.note, TextOrEmpty(body, "note"));
                  VINCULO_ASSIGN_OR_RETURN(LeaveRow stored,
                                           care().StartLeave(actor, child_id, leave));
                  return JsonReply(LeaveToJson(stored), 201);
                });
  router.Authed("POST", R"(/api/v1/leaves/(\d+)/return)",
                [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long leave_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"returned_at"}));
                  VINCULO_ASSIGN_OR_RETURN(std::string returned_at, Required(body, "returned_at"));
                  VINCULO_ASSIGN_OR_RETURN(LeaveRow stored,
                                           care().ReturnFromLeave(actor, leave_id, returned_at));
                  return JsonReply(LeaveToJson(stored));
                });
  router.Authed("GET", "/api/v1/nursery/leaves",
                [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_RETURN_IF_ERROR(
                      KnownParams(request, {"facility_id", "child_id", "overdue", "as_of"}));
                  LeaveQuery query;
                  VINCULO_ASSIGN_OR_RETURN(query.facility_id, IdParam(request, "facility_id"));
                  VINCULO_ASSIGN_OR_RETURN(query.child_id, IdParam(request, "child_id"));
                  if (request.has_param("overdue")) {
                    const std::string overdue = request.get_param_value("overdue");
                    if (overdue != "true" && overdue != "false") {
                      return InvalidArgument("overdue", "must be true or false");
                    }
                    query.overdue_only = overdue == "true";
                  }
                  if (request.has_param("as_of")) query.as_of = request.get_param_value("as_of");
                  VINCULO_ASSIGN_OR_RETURN(std::vector<LeaveView> leaves,
                                           care().Leaves(actor, query));
                  return ItemsReply(leaves, LeaveViewToJson);
                });

  // --- Health and school ---
  router.Authed("GET", "/api/v1/nursery/health-schedule",
                [care](const httplib::Request&, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(std::vector<HealthScheduleRow> schedule,
                                           care().HealthSchedule(actor));
                  return ItemsReply(schedule, ScheduleEntryToJson);
                });
  router.Authed(
      "POST", "/api/v1/nursery/health-schedule",
      [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"kind", "name", "age_months"}));
        ScheduleEntryRequest entry;
        VINCULO_ASSIGN_OR_RETURN(entry.kind, Required(body, "kind"));
        VINCULO_ASSIGN_OR_RETURN(entry.name, TextOrEmpty(body, "name"));
        VINCULO_ASSIGN_OR_RETURN(std::optional<long long> age, OptionalInteger(body, "age_months"));
        if (!age) return InvalidArgument("age_months", "is required");
        entry.age_months = *age;
        VINCULO_ASSIGN_OR_RETURN(HealthScheduleRow stored, care().AddScheduleEntry(actor, entry));
        return JsonReply(ScheduleEntryToJson(stored), 201);
      });
  for (const bool active : {false, true}) {
    router.Authed(
        "POST",
        std::string(R"(/api/v1/nursery/health-schedule/(\d+)/)") + (active ? "restore" : "retire"),
        [care, active](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
          VINCULO_ASSIGN_OR_RETURN(long long entry_id, PathId(request, 1));
          VINCULO_ASSIGN_OR_RETURN(HealthScheduleRow entry,
                                   care().SetScheduleEntryActive(actor, entry_id, active));
          return JsonReply(ScheduleEntryToJson(entry));
        });
  }
  router.Authed("GET", R"(/api/v1/children/(\d+)/health)",
                [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
                  VINCULO_RETURN_IF_ERROR(KnownParams(request, {"as_of"}));
                  VINCULO_ASSIGN_OR_RETURN(std::optional<Date> as_of, DateParam(request, "as_of"));
                  VINCULO_ASSIGN_OR_RETURN(std::vector<HealthItem> items,
                                           care().HealthPlan(actor, child_id, as_of));
                  return ItemsReply(items, HealthItemToJson);
                });
  router.Authed(
      "POST", R"(/api/v1/children/(\d+)/appointments)",
      [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(
            OnlyMembers(body, {"schedule_id", "kind", "name", "due_on", "done_on", "note"}));
        AppointmentRequest appointment;
        VINCULO_ASSIGN_OR_RETURN(appointment.schedule_id, OptionalInteger(body, "schedule_id"));
        VINCULO_ASSIGN_OR_RETURN(appointment.kind, TextOrEmpty(body, "kind"));
        VINCULO_ASSIGN_OR_RETURN(appointment.name, TextOrEmpty(body, "name"));
        VINCULO_ASSIGN_OR_RETURN(appointment.due_on, OptionalString(body, "due_on"));
        VINCULO_ASSIGN_OR_RETURN(appointment.done_on, OptionalString(body, "done_on"));
        VINCULO_ASSIGN_OR_RETURN(appointment.note, TextOrEmpty(body, "note"));
        VINCULO_ASSIGN_OR_RETURN(AppointmentRow stored,
                                 care().RecordAppointment(actor, child_id, appointment));
        return JsonReply(AppointmentToJson(stored), 201);
      });
  router.Authed("GET", R"(/api/v1/children/(\d+)/schooling)",
                [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(std::vector<SchoolEnrolmentRow> enrolments,
                                           care().SchoolEnrolments(actor, child_id));
                  return ItemsReply(enrolments, SchoolEnrolmentToJson);
                });
  router.Authed("POST", R"(/api/v1/children/(\d+)/schooling)",
                [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(
                      OnlyMembers(body, {"setting", "institution", "level", "started_on"}));
                  EnrolmentRequest enrolment;
                  VINCULO_ASSIGN_OR_RETURN(enrolment.setting, Required(body, "setting"));
                  VINCULO_ASSIGN_OR_RETURN(enrolment.institution, TextOrEmpty(body, "institution"));
                  VINCULO_ASSIGN_OR_RETURN(enrolment.level, TextOrEmpty(body, "level"));
                  VINCULO_ASSIGN_OR_RETURN(enrolment.started_on, Required(body, "started_on"));
                  VINCULO_ASSIGN_OR_RETURN(SchoolEnrolmentRow stored,
                                           care().Enrol(actor, child_id, enrolment));
                  return JsonReply(SchoolEnrolmentToJson(stored), 201);
                });

  // --- Pregnancy outcomes ---
  router.Authed("POST", R"(/api/v1/pregnancies/(\d+)/outcome)",
                [care](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long pregnancy_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"outcome", "child_id", "on"}));
                  PregnancyOutcomeRequest outcome;
                  VINCULO_ASSIGN_OR_RETURN(outcome.outcome, Required(body, "outcome"));
                  VINCULO_ASSIGN_OR_RETURN(outcome.child_id, OptionalInteger(body, "child_id"));
                  VINCULO_ASSIGN_OR_RETURN(outcome.on, Required(body, "on"));
                  VINCULO_ASSIGN_OR_RETURN(PregnancyRow stored, care().RecordPregnancyOutcome(
                                                                    actor, pregnancy_id, outcome));
                  return JsonReply(PregnancyToJson(stored));
                });
}

}  // namespace vinculo::http_internal
