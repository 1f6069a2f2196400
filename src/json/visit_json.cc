#include "json/visit_json.h"

#include <nlohmann/json.hpp>

#include "domain/visit_rules.h"
#include "json/reply_shape.h"

namespace vinculo {
namespace {

template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json ClockOrNull(const std::optional<long long>& minute) {
  return minute ? nlohmann::json(FormatClock(static_cast<int>(*minute))) : nlohmann::json(nullptr);
}

nlohmann::json BroughtList(const std::string& brought) {
  nlohmann::json items = nlohmann::json::array();
  size_t start = 0;
  while (start < brought.size()) {
    size_t end = brought.find(',', start);
    if (end == std::string::npos) end = brought.size();
    if (end > start) items.push_back(brought.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

namespace rs = reply_schema;

// The replies whose document schema comes from their shape (issue 17).
const ReplyShape<VisitExclusionRow>& ExclusionShape() {
  static const ReplyShape<VisitExclusionRow> shape({
      {"id", rs::Id(), MemberOf(&VisitExclusionRow::id)},
      {"facility_id", rs::Id(), MemberOf(&VisitExclusionRow::facility_id)},
      {"template_id", rs::Nullable(rs::Id()),
       [](const VisitExclusionRow& row) { return OrNull(row.template_id); }},
      {"date", rs::Day(), MemberOf(&VisitExclusionRow::excluded_on)},
      {"reason", rs::Text(), MemberOf(&VisitExclusionRow::reason)},
  });
  return shape;
}

const ReplyShape<SiblingSplitRow>& SiblingSplitShape() {
  static const ReplyShape<SiblingSplitRow> shape({
      {"id", rs::Id(), MemberOf(&SiblingSplitRow::id)},
      {"organisation_id", rs::Id(), MemberOf(&SiblingSplitRow::organisation_id)},
      {"requirement_id", rs::Id(), MemberOf(&SiblingSplitRow::requirement_id)},
      {"child_id", rs::Id(), MemberOf(&SiblingSplitRow::child_id)},
      {"parent_id", rs::Id(), MemberOf(&SiblingSplitRow::parent_id)},
      {"month", rs::Described(rs::Text(), "YYYY-MM"), MemberOf(&SiblingSplitRow::month)},
      {"reason", rs::Text(), MemberOf(&SiblingSplitRow::reason)},
      {"created_by", rs::Id(), MemberOf(&SiblingSplitRow::created_by)},
      {"created_at", rs::Instant(), MemberOf(&SiblingSplitRow::created_at)},
  });
  return shape;
}

const ReplyShape<EscortRow>& EscortShape() {
  static const ReplyShape<EscortRow> shape({
      {"id", rs::Id(), MemberOf(&EscortRow::id)},
      {"organisation_id", rs::Id(), MemberOf(&EscortRow::organisation_id)},
      {"staff_id", rs::Id(), MemberOf(&EscortRow::staff_id)},
      {"max_children", rs::Integer(), MemberOf(&EscortRow::max_children)},
      {"home_id", rs::Nullable(rs::Id()), [](const EscortRow& row) { return OrNull(row.home_id); }},
      {"available_dates", rs::ListOf(rs::Day()), MemberOf(&EscortRow::available_dates)},
  });
  return shape;
}

const ReplyShape<RouteOverrideRow>& RouteShape() {
  static const ReplyShape<RouteOverrideRow> shape({
      {"id", rs::Id(), MemberOf(&RouteOverrideRow::id)},
      {"home_id", rs::Id(), MemberOf(&RouteOverrideRow::home_id)},
      {"facility_id", rs::Id(), MemberOf(&RouteOverrideRow::facility_id)},
      {"travel_minutes", rs::Integer(), MemberOf(&RouteOverrideRow::travel_minutes)},
      {"cost", rs::Number(), MemberOf(&RouteOverrideRow::cost)},
  });
  return shape;
}

const ReplyShape<PlanTripRow>& PlanTripShape() {
  static const ReplyShape<PlanTripRow> shape({
      {"id", rs::Id(), MemberOf(&PlanTripRow::id)},
      {"escort_id", rs::Id(), MemberOf(&PlanTripRow::escort_id)},
      {"home_id", rs::Id(), MemberOf(&PlanTripRow::home_id)},
      {"facility_id", rs::Id(), MemberOf(&PlanTripRow::facility_id)},
      {"date", rs::Day(), MemberOf(&PlanTripRow::trip_date)},
      {"depart", rs::Clock(),
       [](const PlanTripRow& row) {
         return nlohmann::json(FormatClock(static_cast<int>(row.depart_minute)));
       }},
      {"return", rs::Clock(),
       [](const PlanTripRow& row) {
         return nlohmann::json(FormatClock(static_cast<int>(row.return_minute)));
       }},
      {"cost", rs::Number(), MemberOf(&PlanTripRow::cost)},
      {"status",
       rs::Choice({TripStatusName(TripStatus::kPlanned), TripStatusName(TripStatus::kCancelled)}),
       [](const PlanTripRow& row) { return nlohmann::json(TripStatusName(row.status)); }},
  });
  return shape;
}

}  // namespace

std::vector<std::pair<std::string, nlohmann::json>> VisitReplySchemas() {
  return {{"VisitExclusion", ExclusionShape().Schema()},
          {"SiblingSplit", SiblingSplitShape().Schema()},
          {"Escort", EscortShape().Schema()},
          {"RouteOverride", RouteShape().Schema()},
          {"PlanTrip", PlanTripShape().Schema()}};
}

nlohmann::json SessionTemplateToJson(const SessionTemplateRow& row) {
  return {{"id", row.id},
          {"version", row.version},
          {"facility_id", row.facility_id},
          {"space_id", OrNull(row.space_id)},
          {"pattern", row.pattern},
          {"interval", row.interval},
          {"weekday", row.weekday},
          {"nth", row.nth},
          {"month_day", row.month_day},
          {"anchor_date", row.anchor_date},
          {"valid_from", row.valid_from},
          {"valid_to", OrNull(row.valid_to)},
          {"start_time", FormatClock(static_cast<int>(row.start_minute))},
          {"end_time", FormatClock(static_cast<int>(row.end_minute))},
          {"capacity_families", row.capacity_families},
          {"capacity_people", row.capacity_people},
          {"capacity_unit", row.capacity_unit},
          {"wing", row.wing}};
}

nlohmann::json ExclusionToJson(const VisitExclusionRow& row) {
  return ExclusionShape().ToJson(row);
}

nlohmann::json VisitSessionToJson(const VisitSessionRow& row) {
  return {{"id", row.id},
          {"version", row.version},
          {"facility_id", row.facility_id},
          {"space_id", OrNull(row.space_id)},
          {"template_id", row.template_id},
          {"date", row.session_date},
          {"start_time", FormatClock(static_cast<int>(row.start_minute))},
          {"end_time", FormatClock(static_cast<int>(row.end_minute))},
          {"capacity_families", row.capacity_families},
          {"capacity_people", row.capacity_people},
          {"capacity_unit", row.capacity_unit},
          {"booked_families", row.booked_families},
          {"booked_people", row.booked_people},
          {"wing", row.wing},
          {"status", VisitSessionStatusName(row.status)},
          {"blocked_reason", row.status == VisitSessionStatus::kBlocked
                                 ? nlohmann::json(row.blocked_reason)
                                 : nlohmann::json(nullptr)}};
}

nlohmann::json RequirementToJson(const RequirementRow& row) {
  return {{"id", row.id},
          {"version", row.version},
          {"organisation_id", row.organisation_id},
          {"child_id", row.child_id},
          {"parent_id", row.parent_id},
          {"frequency", row.frequency},
          {"weight", row.weight},
          {"banned_until", OrNull(row.banned_until)},
          {"no_contact", row.no_contact},
          {"last_visit_on", OrNull(row.last_visit_on)}};
}

nlohmann::json SiblingSplitToJson(const SiblingSplitRow& row) {
  return SiblingSplitShape().ToJson(row);
}

nlohmann::json EscortToJson(const EscortRow& row) { return EscortShape().ToJson(row); }

nlohmann::json RouteToJson(const RouteOverrideRow& row) { return RouteShape().ToJson(row); }

nlohmann::json PlanSummaryToJson(const PlanRow& row) {
  return {{"id", row.id},
          {"version", row.version},
          {"organisation_id", row.organisation_id},
          {"month", row.month},
          {"status", VisitPlanStatusName(row.status)},
          {"coverage", row.coverage},
          {"bound", row.bound},
          {"gap", row.gap},
          {"proven_optimal", row.proven_optimal},
          {"travel_cost", row.travel_cost},
          {"solve_seconds", row.solve_seconds},
          {"baseline",
           {{"coverage", row.baseline_coverage},
            {"visits", row.baseline_visits},
            {"trips", row.baseline_trips},
            {"travel_cost", row.baseline_travel_cost}}},
          {"created_at", row.created_at},
          {"published_at", OrNull(row.published_at)}};
}

nlohmann::json PlanVisitToJson(const PlanVisitRow& row) {
  nlohmann::json attended = row.attended ? nlohmann::json(*row.attended) : nlohmann::json(nullptr);
  return {{"id", row.id},
          {"version", row.version},
          {"plan_id", row.plan_id},
          {"requirement_id", row.requirement_id},
          {"child_id", row.child_id},
          {"parent_id", row.parent_id},
          {"session_id", row.session_id},
          {"trip_id", row.trip_id},
          {"status", PlannedVisitStatusName(row.status)},
          {"needs_review", row.needs_review},
          {"review_reason",
           row.review_reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.review_reason)},
          {"record",
           {{"attended", attended},
            {"absence_reason", row.absence_reason},
            {"actual_start", ClockOrNull(row.actual_start_minute)},
            {"actual_end", ClockOrNull(row.actual_end_minute)},
            {"brought", BroughtList(row.brought)},
            {"note", row.note},
            {"mood_before", OrNull(row.mood_before)},
            {"mood_after", OrNull(row.mood_after)}}}};
}

nlohmann::json ChildVisitToJson(const ChildVisit& child_visit) {
  const ChildVisitRow& row = child_visit.row;
  const PlanVisitRow& visit = row.visit;
  nlohmann::json record = nullptr;
  if (visit.attended) {
    record = {{"attended", *visit.attended},
              {"absence_reason", visit.absence_reason},
              {"actual_start", ClockOrNull(visit.actual_start_minute)},
              {"actual_end", ClockOrNull(visit.actual_end_minute)},
              {"brought", BroughtList(visit.brought)},
              {"note", visit.note},
              {"mood_before", OrNull(visit.mood_before)},
              {"mood_after", OrNull(visit.mood_after)}};
  }
  return {{"id", visit.id},
          {"version", visit.version},
          {"plan_id", visit.plan_id},
          {"month", row.plan_month},
          {"requirement_id", visit.requirement_id},
          {"child_id", visit.child_id},
          {"date", row.session_date},
          {"start_time", FormatClock(static_cast<int>(row.start_minute))},
          {"end_time", FormatClock(static_cast<int>(row.end_minute))},
          {"session_id", visit.session_id},
          {"trip_id", visit.trip_id},
          {"facility", {{"id", row.facility_id}, {"name", row.facility_name}}},
          {"parent", {{"id", visit.parent_id}, {"name", child_visit.parent_name}}},
          {"status", child_visit.status},
          {"needs_review", visit.needs_review},
          {"review_reason", visit.review_reason.empty() ? nlohmann::json(nullptr)
                                                        : nlohmann::json(visit.review_reason)},
          {"record", std::move(record)}};
}

nlohmann::json PlanTripToJson(const PlanTripRow& row) { return PlanTripShape().ToJson(row); }

nlohmann::json PlanToJson(const PlanView& view) {
  nlohmann::json json = PlanSummaryToJson(view.plan);
  nlohmann::json visits = nlohmann::json::array();
  for (const PlanVisitRow& visit : view.visits) visits.push_back(PlanVisitToJson(visit));
  nlohmann::json trips = nlohmann::json::array();
  for (const PlanTripRow& trip : view.trips) trips.push_back(PlanTripToJson(trip));
  auto left_out = [](const std::vector<PlanUnscheduledRow>& rows) {
    nlohmann::json list = nlohmann::json::array();
    for (const PlanUnscheduledRow& row : rows) {
      list.push_back({{"requirement_id", row.requirement_id},
                      {"child_id", row.child_id},
                      {"parent_id", row.parent_id},
                      {"reason", row.reason},
                      {"visits_planned", row.visits_planned},
                      {"visits_wanted", row.visits_wanted},
                      {"detail", row.detail}});
    }
    return list;
  };
  json["visits"] = std::move(visits);
  json["trips"] = std::move(trips);
  json["unscheduled"] = left_out(view.unscheduled);
  json["short_of_frequency"] = left_out(view.short_of_frequency);
  auto groups = [](const std::vector<PlanGroupFigures>& list) {
    auto pairs = [](const std::vector<PlanPairRef>& refs) {
      nlohmann::json out = nlohmann::json::array();
      for (const PlanPairRef& ref : refs) {
        out.push_back({{"requirement_id", ref.requirement_id},
                       {"child_id", ref.child_id},
                       {"parent_id", ref.parent_id}});
      }
      return out;
    };
    nlohmann::json out = nlohmann::json::array();
    for (const PlanGroupFigures& figures : list) {
      out.push_back({{"id", figures.id == 0 ? nlohmann::json(nullptr) : nlohmann::json(figures.id)},
                     {"visits", figures.visits},
                     {"pairs_visited", figures.visited.size()},
                     {"pairs_short", figures.short_of_frequency.size()},
                     {"pairs_waiting", figures.waiting.size()},
                     {"visited", pairs(figures.visited)},
                     {"short_of_frequency", pairs(figures.short_of_frequency)},
                     {"waiting", pairs(figures.waiting)}});
    }
    return out;
  };
  json["by_home"] = groups(view.by_home);
  json["by_facility"] = groups(view.by_facility);
  json["trips_saved"] = view.trips_saved;
  json["notes"] = view.notes;
  return json;
}

nlohmann::json VisitorToJson(const Visitor& visitor) {
  return {{"visit_id", visitor.visit_id},
          {"child_id", visitor.child_id},
          {"pseudonym", visitor.pseudonym},
          {"child_name", OrNull(visitor.child_name)},
          {"parent_id", visitor.parent_id},
          {"parent_name", visitor.parent_name},
          {"escort_id", visitor.escort_id},
          {"escort_name", visitor.escort_name},
          {"needs_review", visitor.needs_review},
          {"review_reason", visitor.review_reason.empty() ? nlohmann::json(nullptr)
                                                          : nlohmann::json(visitor.review_reason)}};
}

nlohmann::json BlockResultToJson(const BlockResult& result) {
  return {{"session_ids", result.session_ids}, {"flagged_visits", result.flagged_visits}};
}

nlohmann::json DistanceReportToJson(const DistanceReport& report) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const PairDistance& pair : report.pairs) {
    pairs.push_back({{"requirement_id", pair.requirement_id},
                     {"child_id", pair.child_id},
                     {"parent_id", pair.parent_id},
                     {"home_id", OrNull(pair.home_id)},
                     {"facility_id", pair.facility_id},
                     {"km", OrNull(pair.km)},
                     {"travel_minutes", OrNull(pair.travel_minutes)},
                     {"travel_cost", OrNull(pair.travel_cost)},
                     {"far", pair.far}});
  }
  return {{"organisation_id", report.organisation_id},
          {"month", report.month},
          {"pairs", std::move(pairs)},
          {"far_pairs", report.far_pairs},
          {"far_km", kFarKm},
          {"average_km", report.average_km},
          {"monthly_travel_cost", report.monthly_travel_cost},
          {"trips", report.trips},
          {"cost_basis", report.cost_basis},
          {"travel_speed_kmh", report.travel_speed_kmh},
          {"cost_per_km", report.cost_per_km}};
}

nlohmann::json VisitSettingsToJson(const VisitSettingsRow& row) {
  return {{"organisation_id", row.organisation_id},
          {"travel_speed_kmh", row.travel_speed_kmh},
          {"cost_per_km", row.cost_per_km},
          {"notice_hours", row.notice_hours},
          {"longest_child_day_hours", row.longest_child_day_minutes / 60.0},
          {"version", row.version},
          {"defaults", !row.stored},
          {"updated_at", OrNull(row.updated_at)}};
}

}  // namespace vinculo
