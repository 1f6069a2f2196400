// JSON encoding of the visit programme's answers (templates, sessions,
// requirements, escorts, routes, plans, visits, visitor lists), shared by the
// HTTP API and the `vinculo plan` command so both print the same fields.
// Times of day are "HH:MM"; dates "YYYY-MM-DD". Pure functions, thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "service/visit_service.h"

namespace vinculo {

nlohmann::json SessionTemplateToJson(const SessionTemplateRow& row);
nlohmann::json ExclusionToJson(const VisitExclusionRow& row);
nlohmann::json VisitSessionToJson(const VisitSessionRow& row);
nlohmann::json RequirementToJson(const RequirementRow& row);
nlohmann::json SiblingSplitToJson(const SiblingSplitRow& row);
nlohmann::json EscortToJson(const EscortRow& row);
nlohmann::json RouteToJson(const RouteOverrideRow& row);
nlohmann::json PlanSummaryToJson(const PlanRow& row);
nlohmann::json PlanVisitToJson(const PlanVisitRow& row);
// {id, date, start_time, end_time, facility {id, name}, parent {id, name},
// status planned|cancelled|recorded, record (null until recorded), ...}
nlohmann::json ChildVisitToJson(const ChildVisit& visit);
nlohmann::json PlanTripToJson(const PlanTripRow& row);
// {plan summary..., visits: [...], trips: [...], unscheduled: [...],
//  short_of_frequency: [...], notes: [...]}
nlohmann::json PlanToJson(const PlanView& view);
nlohmann::json VisitorToJson(const Visitor& visitor);
nlohmann::json BlockResultToJson(const BlockResult& result);
nlohmann::json DistanceReportToJson(const DistanceReport& report);
// {organisation_id, travel_speed_kmh, cost_per_km, notice_hours,
//  longest_child_day_hours, version, defaults, updated_at}
nlohmann::json VisitSettingsToJson(const VisitSettingsRow& row);

// The OpenAPI schemas (by name) of the replies above written from a
// ReplyShape (json/reply_shape.h): VisitExclusion, SiblingSplit, Escort,
// RouteOverride and PlanTrip.
std::vector<std::pair<std::string, nlohmann::json>> VisitReplySchemas();

}  // namespace vinculo
