// Routes of the visit programme (issue 4): a facility's session templates,
// exclusions, sessions, blocks and visitor lists; an organisation's visit
// requirements, escorts, routes and monthly plans; publishing, manual
// bookings, moves, cancellations and the visit record.
#include <limits>

#include "http/router.h"
#include "json/record_json.h"
#include "json/visit_json.h"
#include "service/visit_service.h"

namespace vinculo::http_internal {
namespace {

Result<std::string> RequiredText(const nlohmann::json& body, const char* name) {
  VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(body, name));
  if (!value) return InvalidArgument(name, "is required");
  return *value;
}

Result<long long> RequiredInteger(const nlohmann::json& body, const char* name) {
  VINCULO_ASSIGN_OR_RETURN(std::optional<long long> value, OptionalInteger(body, name));
  if (!value) return InvalidArgument(name, "is required");
  return *value;
}

Result<std::optional<double>> OptionalNumber(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return std::optional<double>();
  if (!body[name].is_number()) return InvalidArgument(name, "must be a number");
  return std::optional<double>(body[name].get<double>());
}

Result<std::vector<std::string>> TextArray(const nlohmann::json& body, const char* name) {
  std::vector<std::string> texts;
  if (!body.contains(name) || body[name].is_null()) return texts;
  if (!body[name].is_array()) return InvalidArgument(name, "must be an array of strings");
  for (const nlohmann::json& item : body[name]) {
    if (!item.is_string()) return InvalidArgument(name, "must be an array of strings");
    texts.push_back(item.get<std::string>());
  }
  return texts;
}

// An optional whole number that fits an int, or `fallback`; a number beyond
// int is refused naming the field rather than cut to 32 bits (4294967297
// would otherwise pass as 1).
Result<int> IntOr(const nlohmann::json& body, const char* name, int fallback) {
  VINCULO_ASSIGN_OR_RETURN(std::optional<long long> value, OptionalInteger(body, name));
  if (!value) return fallback;
  if (*value < std::numeric_limits<int>::min() || *value > std::numeric_limits<int>::max()) {
    return InvalidArgument(name, "is out of range");
  }
  return static_cast<int>(*value);
}

}  // namespace

void RegisterVisitRoutes(Router& router) {
  Services& services = router.services();
  auto service = [&services] { return VisitService(services.context); };

  router.Authed("GET", R"(/api/v1/facilities/(\d+)/session-templates)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(auto templates, service().Templates(actor, facility_id));
                  return ItemsReply(templates, SessionTemplateToJson);
                });

  router.Authed(
      "POST", R"(/api/v1/facilities/(\d+)/session-templates)",
      [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(
            OnlyMembers(body, {"space_id", "pattern", "interval", "weekday", "nth", "month_day",
                               "anchor_date", "valid_from", "valid_to", "start_time", "end_time",
                               "capacity_families", "capacity_people", "wing", "exclusion_dates"}));
        TemplateRequest template_request;
        template_request.facility_id = facility_id;
        VINCULO_ASSIGN_OR_RETURN(template_request.space_id, OptionalInteger(body, "space_id"));
        VINCULO_ASSIGN_OR_RETURN(template_request.pattern, RequiredText(body, "pattern"));
        VINCULO_ASSIGN_OR_RETURN(template_request.interval, IntOr(body, "interval", 1));
        VINCULO_ASSIGN_OR_RETURN(template_request.weekday, IntOr(body, "weekday", 1));
        VINCULO_ASSIGN_OR_RETURN(template_request.nth, IntOr(body, "nth", 1));
        VINCULO_ASSIGN_OR_RETURN(template_request.month_day, IntOr(body, "month_day", 1));
        VINCULO_ASSIGN_OR_RETURN(template_request.anchor_date, OptionalString(body, "anchor_date"));
        VINCULO_ASSIGN_OR_RETURN(template_request.valid_from, RequiredText(body, "valid_from"));
        VINCULO_ASSIGN_OR_RETURN(template_request.valid_to, OptionalString(body, "valid_to"));
        VINCULO_ASSIGN_OR_RETURN(template_request.start_time, RequiredText(body, "start_time"));
        VINCULO_ASSIGN_OR_RETURN(template_request.end_time, RequiredText(body, "end_time"));
        VINCULO_ASSIGN_OR_RETURN(template_request.capacity_families,
                                 RequiredInteger(body, "capacity_families"));
        VINCULO_ASSIGN_OR_RETURN(template_request.capacity_people,
                                 RequiredInteger(body, "capacity_people"));
        VINCULO_ASSIGN_OR_RETURN(auto wing, OptionalString(body, "wing"));
        template_request.wing = wing.value_or("any");
        VINCULO_ASSIGN_OR_RETURN(template_request.exclusion_dates,
                                 TextArray(body, "exclusion_dates"));
        VINCULO_ASSIGN_OR_RETURN(SessionTemplateRow stored,
                                 service().CreateTemplate(actor, template_request));
        return JsonReply(SessionTemplateToJson(stored), 201);
      });

  router.Authed("POST", R"(/api/v1/facilities/(\d+)/visit-exclusions)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"template_id", "date", "reason"}));
                  ExclusionRequest exclusion;
                  VINCULO_ASSIGN_OR_RETURN(exclusion.template_id,
                                           OptionalInteger(body, "template_id"));
                  VINCULO_ASSIGN_OR_RETURN(exclusion.date, RequiredText(body, "date"));
                  VINCULO_ASSIGN_OR_RETURN(auto reason, OptionalString(body, "reason"));
                  exclusion.reason = reason.value_or("");
                  VINCULO_ASSIGN_OR_RETURN(VisitExclusionRow stored,
                                           service().AddExclusion(actor, facility_id, exclusion));
                  return JsonReply(ExclusionToJson(stored), 201);
                });

  router.Authed("GET", R"(/api/v1/facilities/(\d+)/visit-sessions)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
                  if (!request.has_param("month")) {
                    return InvalidArgument("month", "is required (YYYY-MM)");
                  }
                  VINCULO_ASSIGN_OR_RETURN(
                      auto sessions,
                      service().Sessions(actor, facility_id, request.get_param_value("month")));
                  return ItemsReply(sessions, VisitSessionToJson);
                });

  router.Authed("POST", R"(/api/v1/facilities/(\d+)/visit-blocks)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"date", "reason"}));
                  BlockRequest block;
                  VINCULO_ASSIGN_OR_RETURN(block.date, RequiredText(body, "date"));
                  VINCULO_ASSIGN_OR_RETURN(block.reason, RequiredText(body, "reason"));
                  VINCULO_ASSIGN_OR_RETURN(BlockResult result,
                                           service().BlockDate(actor, facility_id, block));
                  return JsonReply(BlockResultToJson(result));
                });

  router.Authed("GET", R"(/api/v1/visit-sessions/(\d+)/visitors)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long session_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(auto visitors,
                                           service().SessionVisitors(actor, session_id));
                  return ItemsReply(visitors, VisitorToJson);
                });

  router.Authed("GET", R"(/api/v1/organisations/(\d+)/visit-requirements)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long organisation_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(auto requirements,
                                           service().Requirements(actor, organisation_id));
                  return ItemsReply(requirements, RequirementToJson);
                });

  router.Authed("POST", R"(/api/v1/organisations/(\d+)/visit-requirements/generate)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long organisation_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(auto requirements,
                                           service().GenerateRequirements(actor, organisation_id));
                  return ItemsReply(requirements, RequirementToJson);
                });

  router.Authed("PATCH", R"(/api/v1/visit-requirements/(\d+))",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long requirement_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(long long version, IfMatchVersion(request));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(
                      OnlyMembers(body, {"frequency", "weight", "banned_until", "no_contact"}));
                  RequirementChange change;
                  VINCULO_ASSIGN_OR_RETURN(change.frequency, OptionalString(body, "frequency"));
                  VINCULO_ASSIGN_OR_RETURN(change.weight, OptionalNumber(body, "weight"));
                  if (body.contains("banned_until")) {
                    VINCULO_ASSIGN_OR_RETURN(auto banned, OptionalString(body, "banned_until"));
                    change.banned_until = banned.value_or("");
                  }
                  VINCULO_ASSIGN_OR_RETURN(change.no_contact, OptionalBool(body, "no_contact"));
                  VINCULO_ASSIGN_OR_RETURN(
                      RequirementRow stored,
                      service().ChangeRequirement(actor, requirement_id, change, version));
                  Reply reply = JsonReply(RequirementToJson(stored));
                  reply.etag_version = stored.version;
                  return reply;
                });

  router.Authed("POST", R"(/api/v1/children/(\d+)/unavailable-dates)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"dates", "reason"}));
                  VINCULO_ASSIGN_OR_RETURN(auto dates, TextArray(body, "dates"));
                  VINCULO_ASSIGN_OR_RETURN(auto reason, OptionalString(body, "reason"));
                  VINCULO_RETURN_IF_ERROR(
                      service().AddUnavailableDates(actor, child_id, dates, reason.value_or("")));
                  return NoContent();
                });

  router.Authed(
      "POST", R"(/api/v1/organisations/(\d+)/escorts)",
      [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long organisation_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"staff_id", "max_children", "available_dates"}));
        EscortRequest escort;
        VINCULO_ASSIGN_OR_RETURN(escort.staff_id, RequiredInteger(body, "staff_id"));
        VINCULO_ASSIGN_OR_RETURN(escort.max_children, OptionalInteger(body, "max_children"));
        VINCULO_ASSIGN_OR_RETURN(escort.available_dates, TextArray(body, "available_dates"));
        VINCULO_ASSIGN_OR_RETURN(EscortRow stored,
                                 service().SetEscort(actor, organisation_id, escort));
        return JsonReply(EscortToJson(stored));
      });

  router.Authed("GET", R"(/api/v1/children/(\d+)/visits)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(auto visits, service().ChildVisits(actor, child_id));
                  return ItemsReply(visits, ChildVisitToJson);
                });

  router.Authed("GET", R"(/api/v1/organisations/(\d+)/escorts)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long organisation_id, PathId(request, 1));
                  if (!request.has_param("month")) {
                    return InvalidArgument("month", "is required (YYYY-MM)");
                  }
                  VINCULO_ASSIGN_OR_RETURN(
                      auto escorts,
                      service().Escorts(actor, organisation_id, request.get_param_value("month")));
                  return ItemsReply(escorts, EscortToJson);
                });

  router.Authed("POST", R"(/api/v1/organisations/(\d+)/routes)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long organisation_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(
                      OnlyMembers(body, {"home_id", "facility_id", "travel_minutes", "cost"}));
                  RouteRequest route;
                  VINCULO_ASSIGN_OR_RETURN(route.home_id, RequiredInteger(body, "home_id"));
                  VINCULO_ASSIGN_OR_RETURN(route.facility_id, RequiredInteger(body, "facility_id"));
                  VINCULO_ASSIGN_OR_RETURN(route.travel_minutes,
                                           RequiredInteger(body, "travel_minutes"));
                  VINCULO_ASSIGN_OR_RETURN(auto cost, OptionalNumber(body, "cost"));
                  if (!cost) return InvalidArgument("cost", "is required");
                  route.cost = *cost;
                  VINCULO_ASSIGN_OR_RETURN(RouteOverrideRow stored,
                                           service().SetRoute(actor, organisation_id, route));
                  return JsonReply(RouteToJson(stored));
                });

  router.Authed("GET", R"(/api/v1/organisations/(\d+)/visit-settings)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long organisation_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(VisitSettingsRow settings,
                                           service().Settings(actor, organisation_id));
                  Reply reply = JsonReply(VisitSettingsToJson(settings));
                  reply.etag_version = settings.version;
                  return reply;
                });

  // A whole replacement: both rates are required. The defaults are version 1.
  router.Authed("PUT", R"(/api/v1/organisations/(\d+)/visit-settings)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long organisation_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(long long version, IfMatchVersion(request));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"travel_speed_kmh", "cost_per_km"}));
                  VisitSettingsChange change;
                  VINCULO_ASSIGN_OR_RETURN(auto speed, OptionalNumber(body, "travel_speed_kmh"));
                  if (!speed) return InvalidArgument("travel_speed_kmh", "is required (km/h)");
                  VINCULO_ASSIGN_OR_RETURN(auto cost, OptionalNumber(body, "cost_per_km"));
                  if (!cost) return InvalidArgument("cost_per_km", "is required");
                  change.travel_speed_kmh = *speed;
                  change.cost_per_km = *cost;
                  VINCULO_ASSIGN_OR_RETURN(
                      VisitSettingsRow stored,
                      service().ChangeSettings(actor, organisation_id, change, version));
                  Reply reply = JsonReply(VisitSettingsToJson(stored));
                  reply.etag_version = stored.version;
                  return reply;
                });

  router.Authed("GET", R"(/api/v1/organisations/(\d+)/visit-distances)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long organisation_id, PathId(request, 1));
                  if (!request.has_param("month")) {
                    return InvalidArgument("month", "is required (YYYY-MM)");
                  }
                  VINCULO_ASSIGN_OR_RETURN(DistanceReport report,
                                           service().Distances(actor, organisation_id,
                                                               request.get_param_value("month")));
                  return JsonReply(DistanceReportToJson(report));
                });

  auto calendar_reply = [](std::string calendar) {
    Reply reply;
    reply.raw_content_type = "text/calendar; charset=utf-8";
    reply.raw_body = std::move(calendar);
    return reply;
  };
  router.Authed("GET", R"(/api/v1/escorts/(\d+)/calendar)",
                [service, calendar_reply](const httplib::Request& request,
                                          const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long escort_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(std::string calendar,
                                           service().EscortCalendar(actor, escort_id));
                  return calendar_reply(std::move(calendar));
                });
  router.Authed("GET", R"(/api/v1/facilities/(\d+)/visit-calendar)",
                [service, calendar_reply](const httplib::Request& request,
                                          const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(std::string calendar,
                                           service().FacilityCalendar(actor, facility_id));
                  return calendar_reply(std::move(calendar));
                });

  router.Authed("GET", R"(/api/v1/organisations/(\d+)/plans)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long organisation_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(auto plans, service().Plans(actor, organisation_id));
                  return ItemsReply(plans, PlanSummaryToJson);
                });

  router.Authed("POST", R"(/api/v1/organisations/(\d+)/plans)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long organisation_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"month"}));
                  VINCULO_ASSIGN_OR_RETURN(std::string month, RequiredText(body, "month"));
                  VINCULO_ASSIGN_OR_RETURN(PlanView plan,
                                           service().BuildPlan(actor, organisation_id, month));
                  Reply reply = JsonReply(PlanToJson(plan), 201);
                  reply.location = "/api/v1/plans/" + std::to_string(plan.plan.id);
                  return reply;
                });

  router.Authed("GET", R"(/api/v1/plans/(\d+))",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long plan_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(PlanView plan, service().GetPlan(actor, plan_id));
                  return JsonReply(PlanToJson(plan));
                });

  router.Authed("POST", R"(/api/v1/plans/(\d+)/publish)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long plan_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(PlanView plan, service().PublishPlan(actor, plan_id));
                  return JsonReply(PlanToJson(plan));
                });

  router.Authed(
      "POST", R"(/api/v1/plans/(\d+)/visits)",
      [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long plan_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"requirement_id", "session_id", "escort_id"}));
        ManualBooking booking;
        VINCULO_ASSIGN_OR_RETURN(booking.requirement_id, RequiredInteger(body, "requirement_id"));
        VINCULO_ASSIGN_OR_RETURN(booking.session_id, RequiredInteger(body, "session_id"));
        VINCULO_ASSIGN_OR_RETURN(booking.escort_id, RequiredInteger(body, "escort_id"));
        VINCULO_ASSIGN_OR_RETURN(PlanVisitRow visit, service().BookVisit(actor, plan_id, booking));
        return JsonReply(PlanVisitToJson(visit), 201);
      });

  router.Authed("POST", R"(/api/v1/plan-visits/(\d+)/move)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long visit_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"session_id"}));
                  VINCULO_ASSIGN_OR_RETURN(long long session_id,
                                           RequiredInteger(body, "session_id"));
                  VINCULO_ASSIGN_OR_RETURN(PlanVisitRow visit,
                                           service().MoveVisit(actor, visit_id, session_id));
                  return JsonReply(PlanVisitToJson(visit));
                });

  router.Authed("POST", R"(/api/v1/plan-visits/(\d+)/cancel)",
                [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long visit_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"reason"}));
                  VINCULO_ASSIGN_OR_RETURN(std::string reason, RequiredText(body, "reason"));
                  VINCULO_ASSIGN_OR_RETURN(PlanVisitRow visit,
                                           service().CancelVisit(actor, visit_id, reason));
                  return JsonReply(PlanVisitToJson(visit));
                });

  router.Authed(
      "POST", R"(/api/v1/plan-visits/(\d+)/record)",
      [service](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long visit_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(
            OnlyMembers(body, {"attended", "absence_reason", "actual_start", "actual_end",
                               "brought", "note", "mood_before", "mood_after"}));
        VisitRecordRequest record;
        VINCULO_ASSIGN_OR_RETURN(auto attended, OptionalBool(body, "attended"));
        if (!attended) return InvalidArgument("attended", "is required");
        record.attended = *attended;
        VINCULO_ASSIGN_OR_RETURN(auto absence, OptionalString(body, "absence_reason"));
        record.absence_reason = absence.value_or("");
        VINCULO_ASSIGN_OR_RETURN(record.actual_start, OptionalString(body, "actual_start"));
        VINCULO_ASSIGN_OR_RETURN(record.actual_end, OptionalString(body, "actual_end"));
        VINCULO_ASSIGN_OR_RETURN(record.brought, TextArray(body, "brought"));
        VINCULO_ASSIGN_OR_RETURN(auto note, OptionalString(body, "note"));
        record.note = note.value_or("");
        VINCULO_ASSIGN_OR_RETURN(record.mood_before, OptionalInteger(body, "mood_before"));
        VINCULO_ASSIGN_OR_RETURN(record.mood_after, OptionalInteger(body, "mood_after"));
        VINCULO_ASSIGN_OR_RETURN(PlanVisitRow visit,
                                 service().RecordVisit(actor, visit_id, record));
        return JsonReply(PlanVisitToJson(visit));
      });
}

}  // namespace vinculo::http_internal
