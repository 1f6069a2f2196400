#include "json/visit_json.h"

#include <nlohmann/json.hpp>

#include "domain/visit_rules.h"
#include "json/reply_shape.h"

namespace vinculo {
namespace {

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

nlohmann::json Clock(long long minute) { return FormatClock(static_cast<int>(minute)); }

nlohmann::json ReviewReason(const std::string& reason) {
  return reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(reason);
}

const nlohmann::json kCapacityUnit = rs::Described(
    rs::Choice({"families", "pairs", "people"}),
    "What capacity_families and booked_families count: families (a parent with all her children "
    "visiting her in the session is one place), pairs (one child-parent visit each) or people "
    "(children and escorts present).");

const ReplyShape<SessionTemplateRow>& SessionTemplateShape() {
  using Row = SessionTemplateRow;
  static const ReplyShape<Row> shape(
      {
          {"id", rs::Id(), MemberOf(&Row::id)},
          {"version", rs::Integer(), MemberOf(&Row::version)},
          {"facility_id", rs::Id(), MemberOf(&Row::facility_id)},
          {"space_id", rs::Nullable(rs::Id()), [](const Row& row) { return OrNull(row.space_id); }},
          {"pattern", rs::Choice({"weekly", "monthly_nth_weekday", "monthly_day", "every_n_days"}),
           MemberOf(&Row::pattern)},
          {"interval",
           rs::Described({{"type", "integer"}}, "Weeks (weekly) or days (every_n_days)."),
           MemberOf(&Row::interval)},
          {"weekday",
           rs::Described({{"type", "integer"}, {"minimum", 1}, {"maximum", 7}},
                         "ISO: 1 Monday .. 7 Sunday."),
           MemberOf(&Row::weekday)},
          {"nth",
           rs::Described({{"type", "integer"}}, "1..5, or -1 for the last weekday of the month."),
           MemberOf(&Row::nth)},
          {"month_day",
           {{"type", "integer"}, {"minimum", 1}, {"maximum", 31}},
           MemberOf(&Row::month_day)},
          {"anchor_date", rs::Day(), MemberOf(&Row::anchor_date)},
          {"valid_from", rs::Day(), MemberOf(&Row::valid_from)},
          {"valid_to", rs::Nullable(rs::Day()),
           [](const Row& row) { return OrNull(row.valid_to); }},
          {"start_time", rs::Clock(), [](const Row& row) { return Clock(row.start_minute); }},
          {"end_time", rs::Clock(), [](const Row& row) { return Clock(row.end_minute); }},
          {"capacity_families", rs::Integer(), MemberOf(&Row::capacity_families)},
          {"capacity_people", rs::Integer(), MemberOf(&Row::capacity_people)},
          {"capacity_unit", kCapacityUnit, MemberOf(&Row::capacity_unit)},
          {"wing", rs::Choice({"women", "men", "any"}), MemberOf(&Row::wing)},
      },
      "When a facility's space receives visits.");
  return shape;
}

const ReplyShape<VisitSessionRow>& VisitSessionShape() {
  using Row = VisitSessionRow;
  static const ReplyShape<Row> shape(
      {
          {"id", rs::Id(), MemberOf(&Row::id)},
          {"version", rs::Integer(), MemberOf(&Row::version)},
          {"facility_id", rs::Id(), MemberOf(&Row::facility_id)},
          {"space_id", rs::Nullable(rs::Id()), [](const Row& row) { return OrNull(row.space_id); }},
          {"template_id", rs::Id(), MemberOf(&Row::template_id)},
          {"date", rs::Day(), MemberOf(&Row::session_date)},
          {"start_time", rs::Clock(), [](const Row& row) { return Clock(row.start_minute); }},
          {"end_time", rs::Clock(), [](const Row& row) { return Clock(row.end_minute); }},
          {"capacity_families", rs::Integer(), MemberOf(&Row::capacity_families)},
          {"capacity_people", rs::Integer(), MemberOf(&Row::capacity_people)},
          {"capacity_unit", kCapacityUnit, MemberOf(&Row::capacity_unit)},
          {"booked_families", rs::Integer(), MemberOf(&Row::booked_families)},
          {"booked_people", rs::Integer(), MemberOf(&Row::booked_people)},
          {"wing", rs::Choice({"women", "men", "any"}), MemberOf(&Row::wing)},
          {"status",
           rs::Choice({VisitSessionStatusName(VisitSessionStatus::kOpen),
                       VisitSessionStatusName(VisitSessionStatus::kBlocked)}),
           [](const Row& row) { return nlohmann::json(VisitSessionStatusName(row.status)); }},
          {"blocked_reason", rs::Nullable(rs::Text()),
           [](const Row& row) {
             return row.status == VisitSessionStatus::kBlocked ? nlohmann::json(row.blocked_reason)
                                                               : nlohmann::json(nullptr);
           }},
      },
      "One dated occurrence of a template, with what published plans booked in it.");
  return shape;
}

const ReplyShape<RequirementRow>& RequirementShape() {
  using Row = RequirementRow;
  static const ReplyShape<Row> shape(
      {
          {"id", rs::Id(), MemberOf(&Row::id)},
          {"version", rs::Integer(), MemberOf(&Row::version)},
          {"organisation_id", rs::Id(), MemberOf(&Row::organisation_id)},
          {"child_id", rs::Id(), MemberOf(&Row::child_id)},
          {"parent_id", rs::Id(), MemberOf(&Row::parent_id)},
          {"frequency", rs::Choice({"monthly", "fortnightly", "every_two_months", "weekly"}),
           MemberOf(&Row::frequency)},
          {"weight", rs::Number(), MemberOf(&Row::weight)},
          {"banned_until", rs::Nullable(rs::Day()),
           [](const Row& row) { return OrNull(row.banned_until); }},
          {"no_contact", rs::Boolean(), MemberOf(&Row::no_contact)},
          {"last_visit_on", rs::Nullable(rs::Day()),
           [](const Row& row) { return OrNull(row.last_visit_on); }},
      },
      "Created when a plan with visits is approved: what the visits module schedules after the "
      "move.");
  return shape;
}

const ReplyShape<PlanRow>& PlanSummaryShape() {
  using Row = PlanRow;
  static const ReplyShape<Row> baseline({
      {"coverage", rs::Number(), MemberOf(&Row::baseline_coverage)},
      {"visits", rs::Integer(), MemberOf(&Row::baseline_visits)},
      {"trips", rs::Integer(), MemberOf(&Row::baseline_trips)},
      {"travel_cost", rs::Number(), MemberOf(&Row::baseline_travel_cost)},
  });
  static const ReplyShape<Row> shape({
      {"id", rs::Id(), MemberOf(&Row::id)},
      {"version", rs::Integer(), MemberOf(&Row::version)},
      {"organisation_id", rs::Id(), MemberOf(&Row::organisation_id)},
      {"month", {{"type", "string"}, {"example", "2026-12"}}, MemberOf(&Row::month)},
      {"status",
       rs::Choice({VisitPlanStatusName(VisitPlanStatus::kDraft),
                   VisitPlanStatusName(VisitPlanStatus::kPublished)}),
       [](const Row& row) { return nlohmann::json(VisitPlanStatusName(row.status)); }},
      {"coverage", rs::Number(), MemberOf(&Row::coverage)},
      {"bound", rs::Number(), MemberOf(&Row::bound)},
      {"gap", rs::Number(), MemberOf(&Row::gap)},
      {"proven_optimal", rs::Boolean(), MemberOf(&Row::proven_optimal)},
      {"travel_cost", rs::Number(), MemberOf(&Row::travel_cost)},
      {"solve_seconds", rs::Number(), MemberOf(&Row::solve_seconds)},
      {"baseline", rs::Described(baseline.Schema(), "The same instance planned first-come."),
       [](const Row& row) { return baseline.ToJson(row); }},
      {"created_at", rs::Instant(), MemberOf(&Row::created_at)},
      {"published_at", rs::Nullable(rs::Instant()),
       [](const Row& row) { return OrNull(row.published_at); }},
  });
  return shape;
}

// What was recorded of a visit (attended null until then).
const ReplyShape<PlanVisitRow>& VisitRecordShape() {
  using Row = PlanVisitRow;
  static const ReplyShape<Row> shape({
      {"attended", rs::Nullable(rs::Boolean()),
       [](const Row& row) { return OrNull(row.attended); }},
      {"absence_reason", rs::Text(), MemberOf(&Row::absence_reason)},
      {"actual_start", rs::Nullable(rs::Text()),
       [](const Row& row) { return ClockOrNull(row.actual_start_minute); }},
      {"actual_end", rs::Nullable(rs::Text()),
       [](const Row& row) { return ClockOrNull(row.actual_end_minute); }},
      {"brought", rs::ListOf(rs::Text()), [](const Row& row) { return BroughtList(row.brought); }},
      {"note", rs::Text(), MemberOf(&Row::note)},
      {"mood_before", rs::Nullable({{"type", "integer"}}),
       [](const Row& row) { return OrNull(row.mood_before); }},
      {"mood_after", rs::Nullable({{"type", "integer"}}),
       [](const Row& row) { return OrNull(row.mood_after); }},
  });
  return shape;
}

const ReplyShape<PlanVisitRow>& PlanVisitShape() {
  using Row = PlanVisitRow;
  static const ReplyShape<Row> shape({
      {"id", rs::Id(), MemberOf(&Row::id)},
      {"version", rs::Integer(), MemberOf(&Row::version)},
      {"plan_id", rs::Id(), MemberOf(&Row::plan_id)},
      {"requirement_id", rs::Id(), MemberOf(&Row::requirement_id)},
      {"child_id", rs::Id(), MemberOf(&Row::child_id)},
      {"parent_id", rs::Id(), MemberOf(&Row::parent_id)},
      {"session_id", rs::Id(), MemberOf(&Row::session_id)},
      {"trip_id", rs::Id(), MemberOf(&Row::trip_id)},
      {"status",
       rs::Choice({PlannedVisitStatusName(PlannedVisitStatus::kPlanned),
                   PlannedVisitStatusName(PlannedVisitStatus::kCancelled)}),
       [](const Row& row) { return nlohmann::json(PlannedVisitStatusName(row.status)); }},
      {"needs_review", rs::Boolean(), MemberOf(&Row::needs_review)},
      {"review_reason", rs::Nullable(rs::Text()),
       [](const Row& row) { return ReviewReason(row.review_reason); }},
      {"record", VisitRecordShape().Schema(),
       [](const Row& row) { return VisitRecordShape().ToJson(row); }},
  });
  return shape;
}

const ReplyShape<ChildVisit>& ChildVisitShape() {
  using Row = ChildVisit;
  static const ReplyShape<Row> shape({
      {"id", rs::Id(), [](const Row& row) { return nlohmann::json(row.row.visit.id); }},
      {"version", rs::Integer(),
       [](const Row& row) { return nlohmann::json(row.row.visit.version); }},
      {"plan_id", rs::Id(), [](const Row& row) { return nlohmann::json(row.row.visit.plan_id); }},
      {"month",
       {{"type", "string"}, {"example", "2026-12"}},
       [](const Row& row) { return nlohmann::json(row.row.plan_month); }},
      {"requirement_id", rs::Id(),
       [](const Row& row) { return nlohmann::json(row.row.visit.requirement_id); }},
      {"child_id", rs::Id(), [](const Row& row) { return nlohmann::json(row.row.visit.child_id); }},
      {"date", rs::Day(), [](const Row& row) { return nlohmann::json(row.row.session_date); }},
      {"start_time", rs::Clock(), [](const Row& row) { return Clock(row.row.start_minute); }},
      {"end_time", rs::Clock(), [](const Row& row) { return Clock(row.row.end_minute); }},
      {"session_id", rs::Id(),
       [](const Row& row) { return nlohmann::json(row.row.visit.session_id); }},
      {"trip_id", rs::Id(), [](const Row& row) { return nlohmann::json(row.row.visit.trip_id); }},
      {"facility", IdAndNameShape().Schema(),
       [](const Row& row) {
         return IdAndNameShape().ToJson({row.row.facility_id, row.row.facility_name});
       }},
      {"parent", IdAndNameShape().Schema(),
       [](const Row& row) {
         return IdAndNameShape().ToJson({row.row.visit.parent_id, row.parent_name});
       }},
      {"status", rs::Choice({"planned", "cancelled", "recorded"}), MemberOf(&Row::status)},
      {"needs_review", rs::Boolean(),
       [](const Row& row) { return nlohmann::json(row.row.visit.needs_review); }},
      {"review_reason", rs::Nullable(rs::Text()),
       [](const Row& row) { return ReviewReason(row.row.visit.review_reason); }},
      {"record",
       rs::Described(rs::Nullable(VisitRecordShape().Schema()),
                     "Null until the visit is recorded."),
       [](const Row& row) {
         return row.row.visit.attended ? VisitRecordShape().ToJson(row.row.visit)
                                       : nlohmann::json(nullptr);
       }},
  });
  return shape;
}

const ReplyShape<PlanUnscheduledRow>& PlanShortfallShape() {
  using Row = PlanUnscheduledRow;
  static const ReplyShape<Row> shape(
      {
          {"requirement_id", rs::Id(), MemberOf(&Row::requirement_id)},
          {"child_id", rs::Id(), MemberOf(&Row::child_id)},
          {"parent_id", rs::Id(), MemberOf(&Row::parent_id)},
          {"reason",
           rs::Choice({"restriction", "no_session_this_month", "child_unavailable", "no_escort",
                       "no_route", "capacity", "parent_released", "notice",
                       "family_larger_than_car", "not_due", "min_interval", "longest_child_day"}),
           MemberOf(&Row::reason)},
          {"visits_planned",
           rs::Described(rs::Integer(),
                         "Visits the plan gives the pair: 0 in unscheduled, fewer than "
                         "visits_wanted in short_of_frequency."),
           MemberOf(&Row::visits_planned)},
          {"visits_wanted",
           rs::Described(rs::Integer(),
                         "Visits the pair's frequency asks for this month (less those already "
                         "made)."),
           MemberOf(&Row::visits_wanted)},
          {"detail",
           rs::Described(rs::Text(),
                         "The visits given of those wanted, and the dates lost and why, e.g. \"2 "
                         "of 4 weekly visits: no escort free on 2026-12-12, 2026-12-19\"."),
           MemberOf(&Row::detail)},
      },
      "A pair given fewer visits than its frequency wants, with the reason.");
  return shape;
}

const ReplyShape<PlanPairRef>& PlanPairShape() {
  static const ReplyShape<PlanPairRef> shape({
      {"requirement_id", rs::Id(), MemberOf(&PlanPairRef::requirement_id)},
      {"child_id", rs::Id(), MemberOf(&PlanPairRef::child_id)},
      {"parent_id", rs::Id(), MemberOf(&PlanPairRef::parent_id)},
  });
  return shape;
}

const ReplyShape<PlanGroupFigures>& PlanGroupShape() {
  using Row = PlanGroupFigures;
  static const ReplyShape<Row> shape(
      {
          {"id",
           rs::Described(rs::Nullable(rs::Id()),
                         "The home's or the facility's id; null for children with no home."),
           [](const Row& row) {
             return row.id == 0 ? nlohmann::json(nullptr) : nlohmann::json(row.id);
           }},
          {"visits", rs::Described(rs::Integer(), "Visits planned (not cancelled)."),
           MemberOf(&Row::visits)},
          {"pairs_visited", rs::Integer(),
           [](const Row& row) { return nlohmann::json(row.visited.size()); }},
          {"pairs_short",
           rs::Described(rs::Integer(), "Pairs given fewer visits than their frequency wants."),
           [](const Row& row) { return nlohmann::json(row.short_of_frequency.size()); }},
          {"pairs_waiting", rs::Described(rs::Integer(), "Pairs due this month given no visit."),
           [](const Row& row) { return nlohmann::json(row.waiting.size()); }},
          {"visited", rs::ListOf(PlanPairShape().Schema()),
           [](const Row& row) { return PlanPairShape().List(row.visited); }},
          {"short_of_frequency", rs::ListOf(PlanPairShape().Schema()),
           [](const Row& row) { return PlanPairShape().List(row.short_of_frequency); }},
          {"waiting", rs::ListOf(PlanPairShape().Schema()),
           [](const Row& row) { return PlanPairShape().List(row.waiting); }},
      },
      "One home's (where the children live) or one facility's (where the parents are held) "
      "share of a plan: who is visited and who waits.");
  return shape;
}

const ReplyShape<PlanView>& PlanShape() {
  using Row = PlanView;
  static const ReplyShape<Row> shape = [] {
    auto properties = PlanSummaryShape().PropertiesOf<Row>(
        [](const Row& view) -> const PlanRow& { return view.plan; });
    std::vector<ReplyShape<Row>::Property> more = {
        {"visits", rs::ListOf(rs::Ref("PlanVisit")),
         [](const Row& row) { return PlanVisitShape().List(row.visits); }},
        {"trips", rs::ListOf(rs::Ref("PlanTrip")),
         [](const Row& row) { return PlanTripShape().List(row.trips); }},
        {"unscheduled",
         rs::Described(rs::ListOf(rs::Ref("PlanShortfall")), "Pairs the plan gives no visit."),
         [](const Row& row) { return PlanShortfallShape().List(row.unscheduled); }},
        {"short_of_frequency",
         rs::Described(rs::ListOf(rs::Ref("PlanShortfall")),
                       "Pairs given some visits but fewer than their frequency wants (issue 19)."),
         [](const Row& row) { return PlanShortfallShape().List(row.short_of_frequency); }},
        {"by_home",
         rs::Described(rs::ListOf(rs::Ref("PlanGroupFigures")),
                       "Per home where the children live, by id."),
         [](const Row& row) { return PlanGroupShape().List(row.by_home); }},
        {"by_facility",
         rs::Described(rs::ListOf(rs::Ref("PlanGroupFigures")),
                       "Per facility where the parents are held, by id."),
         [](const Row& row) { return PlanGroupShape().List(row.by_facility); }},
        {"trips_saved",
         rs::Described(rs::Integer(),
                       "The first-come baseline's trips less the plan's live trips (negative: "
                       "the plan uses more)."),
         MemberOf(&Row::trips_saved)},
        {"notes", rs::ListOf(rs::Text()), MemberOf(&Row::notes)},
    };
    properties.insert(properties.end(), more.begin(), more.end());
    return ReplyShape<Row>(
        std::move(properties),
        "A month's plan: each visit, each trip, each pair left unscheduled with the reason, the "
        "solver's bound and gap, and the first-come baseline's figures, who is visited and who "
        "waits per home and per facility, and the trips saved against first-come.");
  }();
  return shape;
}

const ReplyShape<Visitor>& VisitorShape() {
  using Row = Visitor;
  static const ReplyShape<Row> shape({
      {"visit_id", rs::Id(), MemberOf(&Row::visit_id)},
      {"child_id", rs::Id(), MemberOf(&Row::child_id)},
      {"pseudonym", rs::Text(), MemberOf(&Row::pseudonym)},
      {"child_name", rs::Nullable(rs::Text()),
       [](const Row& row) { return OrNull(row.child_name); }},
      {"parent_id", rs::Id(), MemberOf(&Row::parent_id)},
      {"parent_name", rs::Text(), MemberOf(&Row::parent_name)},
      {"escort_id", rs::Id(), MemberOf(&Row::escort_id)},
      {"escort_name",
       rs::Described(rs::Text(), "The escort who brings the child (empty when unknown)."),
       MemberOf(&Row::escort_name)},
      {"needs_review",
       rs::Described(rs::Boolean(),
                     "The visit is flagged for review, e.g. its parent was transferred or released "
                     "since it was planned (issue 15)."),
       MemberOf(&Row::needs_review)},
      {"review_reason", rs::Nullable(rs::Text()),
       [](const Row& row) { return ReviewReason(row.review_reason); }},
  });
  return shape;
}

const ReplyShape<BlockResult>& BlockResultShape() {
  static const ReplyShape<BlockResult> shape({
      {"session_ids", rs::ListOf(rs::Integer()), MemberOf(&BlockResult::session_ids)},
      {"flagged_visits", rs::Integer(), MemberOf(&BlockResult::flagged_visits)},
  });
  return shape;
}

const ReplyShape<PairDistance>& PairDistanceShape() {
  using Row = PairDistance;
  static const ReplyShape<Row> shape({
      {"requirement_id", rs::Id(), MemberOf(&Row::requirement_id)},
      {"child_id", rs::Id(), MemberOf(&Row::child_id)},
      {"parent_id", rs::Id(), MemberOf(&Row::parent_id)},
      {"home_id", rs::Nullable(rs::Id()), [](const Row& row) { return OrNull(row.home_id); }},
      {"facility_id", rs::Id(), MemberOf(&Row::facility_id)},
      {"km", rs::Nullable(rs::Number()), [](const Row& row) { return OrNull(row.km); }},
      {"travel_minutes", rs::Nullable({{"type", "integer"}}),
       [](const Row& row) { return OrNull(row.travel_minutes); }},
      {"travel_cost",
       rs::Described(rs::Nullable(rs::Number()),
                     "Round trip: the route override's cost, else 2 x km x cost_per_km."),
       [](const Row& row) { return OrNull(row.travel_cost); }},
      {"far", rs::Boolean(), MemberOf(&Row::far)},
  });
  return shape;
}

const ReplyShape<DistanceReport>& DistanceReportShape() {
  using Row = DistanceReport;
  static const ReplyShape<Row> shape(
      {
          {"organisation_id", rs::Id(), MemberOf(&Row::organisation_id)},
          {"month", rs::Text(), MemberOf(&Row::month)},
          {"pairs", rs::ListOf(PairDistanceShape().Schema()),
           [](const Row& row) { return PairDistanceShape().List(row.pairs); }},
          {"far_pairs", rs::Integer(), MemberOf(&Row::far_pairs)},
          {"far_km", rs::Number(), [](const Row&) { return nlohmann::json(kFarKm); }},
          {"average_km", rs::Number(), MemberOf(&Row::average_km)},
          {"monthly_travel_cost", rs::Number(), MemberOf(&Row::monthly_travel_cost)},
          {"trips", rs::Integer(), MemberOf(&Row::trips)},
          {"cost_basis", rs::Choice({"published", "draft", "none"}), MemberOf(&Row::cost_basis)},
          {"travel_speed_kmh",
           rs::Described(rs::Number(),
                         "The organisation's speed the travel minutes were estimated with."),
           MemberOf(&Row::travel_speed_kmh)},
          {"cost_per_km",
           rs::Described(rs::Number(),
                         "The organisation's cost per km the travel costs were estimated with."),
           MemberOf(&Row::cost_per_km)},
      },
      "Distance from each child's home to the parent's facility (great circle), pairs over 160 km "
      "(100 miles) flagged, and the month's travel cost.");
  return shape;
}

const ReplyShape<VisitSettingsRow>& VisitSettingsShape() {
  using Row = VisitSettingsRow;
  static const ReplyShape<Row> shape(
      {
          {"organisation_id", rs::Id(), MemberOf(&Row::organisation_id)},
          {"travel_speed_kmh",
           rs::Described(
               {{"type", "number"}, {"exclusiveMinimum", true}, {"minimum", 0}, {"maximum", 200}},
               "Average speed by road, km/h."),
           MemberOf(&Row::travel_speed_kmh)},
          {"cost_per_km",
           rs::Described({{"type", "number"}, {"minimum", 0}, {"maximum", 1000}},
                         "In the organisation's currency, each way; a trip costs 2 x km x "
                         "cost_per_km."),
           MemberOf(&Row::cost_per_km)},
          {"notice_hours",
           rs::Described(
               {{"type", "integer"}, {"format", "int64"}, {"minimum", 0}, {"maximum", 672}},
               "No planned visit starts sooner than this after the plan is built "
               "(default 24)."),
           MemberOf(&Row::notice_hours)},
          {"longest_child_day_hours",
           rs::Described(
               {{"type", "number"}, {"exclusiveMinimum", true}, {"minimum", 0}, {"maximum", 24}},
               "A child's longest day, door to door: a trip carrying children is back "
               "this long after it left at most (default 10)."),
           [](const Row& row) { return nlohmann::json(row.longest_child_day_minutes / 60.0); }},
          {"version",
           rs::Described(rs::Integer(),
                         "Send it in If-Match to change the settings; 1 for the defaults."),
           MemberOf(&Row::version)},
          {"defaults",
           rs::Described(rs::Boolean(), "True when the organisation has not set its own rates."),
           [](const Row& row) { return nlohmann::json(!row.stored); }},
          {"updated_at",
           rs::Described(rs::Nullable(rs::Instant()),
                         "UTC timestamp, YYYY-MM-DDTHH:MM:SSZ; null for the defaults."),
           [](const Row& row) { return OrNull(row.updated_at); }},
      },
      "An organisation's travel rates for the visit programme's great-circle estimates, the "
      "notice before a planned visit and a child's longest day.");
  return shape;
}

}  // namespace

std::vector<std::pair<std::string, nlohmann::json>> VisitReplySchemas() {
  return {{"VisitExclusion", ExclusionShape().Schema()},
          {"SiblingSplit", SiblingSplitShape().Schema()},
          {"Escort", EscortShape().Schema()},
          {"RouteOverride", RouteShape().Schema()},
          {"PlanTrip", PlanTripShape().Schema()},
          {"SessionTemplate", SessionTemplateShape().Schema()},
          {"VisitSession", VisitSessionShape().Schema()},
          {"VisitRequirement", RequirementShape().Schema()},
          {"PlanSummary", PlanSummaryShape().Schema()},
          {"PlanVisit", PlanVisitShape().Schema()},
          {"ChildVisit", ChildVisitShape().Schema()},
          {"PlanShortfall", PlanShortfallShape().Schema()},
          {"PlanGroupFigures", PlanGroupShape().Schema()},
          {"Plan", PlanShape().Schema()},
          {"Visitor", VisitorShape().Schema()},
          {"VisitBlockResult", BlockResultShape().Schema()},
          {"DistanceReport", DistanceReportShape().Schema()},
          {"VisitSettings", VisitSettingsShape().Schema()}};
}

nlohmann::json SessionTemplateToJson(const SessionTemplateRow& row) {
  return SessionTemplateShape().ToJson(row);
}
nlohmann::json ExclusionToJson(const VisitExclusionRow& row) {
  return ExclusionShape().ToJson(row);
}
nlohmann::json VisitSessionToJson(const VisitSessionRow& row) {
  return VisitSessionShape().ToJson(row);
}
nlohmann::json RequirementToJson(const RequirementRow& row) {
  return RequirementShape().ToJson(row);
}
nlohmann::json SiblingSplitToJson(const SiblingSplitRow& row) {
  return SiblingSplitShape().ToJson(row);
}
nlohmann::json EscortToJson(const EscortRow& row) { return EscortShape().ToJson(row); }
nlohmann::json RouteToJson(const RouteOverrideRow& row) { return RouteShape().ToJson(row); }
nlohmann::json PlanSummaryToJson(const PlanRow& row) { return PlanSummaryShape().ToJson(row); }
nlohmann::json PlanVisitToJson(const PlanVisitRow& row) { return PlanVisitShape().ToJson(row); }
nlohmann::json ChildVisitToJson(const ChildVisit& visit) { return ChildVisitShape().ToJson(visit); }
nlohmann::json PlanTripToJson(const PlanTripRow& row) { return PlanTripShape().ToJson(row); }
nlohmann::json PlanToJson(const PlanView& view) { return PlanShape().ToJson(view); }
nlohmann::json VisitorToJson(const Visitor& visitor) { return VisitorShape().ToJson(visitor); }
nlohmann::json BlockResultToJson(const BlockResult& result) {
  return BlockResultShape().ToJson(result);
}
nlohmann::json DistanceReportToJson(const DistanceReport& report) {
  return DistanceReportShape().ToJson(report);
}
nlohmann::json VisitSettingsToJson(const VisitSettingsRow& row) {
  return VisitSettingsShape().ToJson(row);
}

}  // namespace vinculo
