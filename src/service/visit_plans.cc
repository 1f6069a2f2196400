// The visit programme's monthly plans: building one with the planner (its
// requirements, the sessions of the month, escorts, routes and travel
// rates), reading plans (a caregiver sees only her own trips), and
// publishing one, which reserves each session's capacity with a conditional
// UPDATE. Split from visit_service.cc.
#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>

#include "domain/visit_eligibility.h"
#include "domain/visit_rules.h"
#include "planner/planner.h"
#include "service/visit_calendar.h"
#include "service/visit_service.h"
#include "service/visit_settings.h"
#include "store/row_lock.h"
#include "store/visit_store.h"

namespace vinculo {
namespace vs = visit_store;
using visit_internal::CheckOrganisation;
using visit_internal::InsertMissingRequirements;
using visit_internal::IsOwnTrip;
using visit_internal::OrganisationVisitSettings;
using visit_internal::SessionLoads;

namespace {

// Children who share a parent form a sibling group, named by its smallest
// child id; a child with no sibling in the plan has group 0.
std::map<long long, long long> SiblingGroups(const std::vector<RequirementRow>& requirements) {
  std::map<long long, long long> parent_of;  // union-find over child ids
  std::function<long long(long long)> find = [&](long long child) {
    auto found = parent_of.find(child);
    if (found == parent_of.end() || found->second == child) return child;
    return found->second = find(found->second);
  };
  std::map<long long, long long> first_child_of_parent;
  for (const RequirementRow& row : requirements) {
    parent_of.emplace(row.child_id, row.child_id);
    auto [it, inserted] = first_child_of_parent.emplace(row.parent_id, row.child_id);
    if (!inserted) {
      const long long a = find(it->second);
      const long long b = find(row.child_id);
      if (a != b) parent_of[std::max(a, b)] = std::min(a, b);
    }
  }
  std::map<long long, int> sizes;
  for (const auto& [child, unused] : parent_of) ++sizes[find(child)];
  std::map<long long, long long> groups;
  for (const auto& [child, unused] : parent_of) {
    const long long root = find(child);
    groups[child] = sizes[root] > 1 ? root : 0;
  }
  return groups;
}

// "2 of 4 weekly visits: no escort free on 2026-12-12, 2026-12-19".
std::string ShortfallDetail(const RequirementRow& requirement, const planner::Unscheduled& left) {
  std::string text = std::to_string(left.visits) + " of " + std::to_string(left.wanted) + " " +
                     requirement.frequency + " visit" + (left.wanted == 1 ? "" : "s");
  return left.detail.empty() ? text : text + ": " + left.detail;
}

}  // namespace

// --- Plans ---

namespace {

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

Status AddPlanFigures(Txn& txn, PlanView& view);

// A plan with its trips, visits and unscheduled pairs. Published visits whose
// parent was transferred to another facility or released since are flagged
// for review here, from the parent's current record.
Result<PlanView> LoadPlan(Txn& txn, long long plan_id) {
  PlanView view;
  VINCULO_ASSIGN_OR_RETURN(view.plan, vs::GetPlan(txn, plan_id));
  VINCULO_ASSIGN_OR_RETURN(view.trips, vs::PlanTrips(txn, plan_id));
  VINCULO_ASSIGN_OR_RETURN(view.visits, vs::PlanVisits(txn, plan_id));
  VINCULO_ASSIGN_OR_RETURN(std::vector<PlanUnscheduledRow> left, vs::PlanUnscheduled(txn, plan_id));
  for (PlanUnscheduledRow& row : left) {
    (row.visits_planned > 0 ? view.short_of_frequency : view.unscheduled).push_back(std::move(row));
  }
  view.notes = SplitLines(view.plan.note);
  const Actor system = Actor::System();
  std::map<long long, long long> session_facility;
  for (PlanVisitRow& visit : view.visits) {
    if (visit.status != PlannedVisitStatus::kPlanned || visit.needs_review) continue;
    auto parent = txn.Get(ParentKind(), visit.parent_id, system);
    if (!parent.ok()) continue;
    if (!session_facility.count(visit.session_id)) {
      auto session = vs::GetSession(txn, visit.session_id);
      session_facility[visit.session_id] = session.ok() ? session->facility_id : 0;
    }
    if (parent->Text("custody_status").value_or("") == "released") {
      visit.needs_review = true;
      visit.review_reason = kReviewParentReleased;
    } else if (parent->Integer("facility_id").value_or(0) != session_facility[visit.session_id]) {
      visit.needs_review = true;
      visit.review_reason = kReviewParentTransferred;
    }
  }
  VINCULO_RETURN_IF_ERROR(AddPlanFigures(txn, view));
  return view;
}

// Who is visited and who waits, per home and per facility, and the trips
// saved against first-come. A visit's home and facility are its trip's; a
// pair left out is placed by the child's home and the parent's facility as
// they are now.
Status AddPlanFigures(Txn& txn, PlanView& view) {
  const Actor system = Actor::System();
  std::map<long long, const PlanTripRow*> trip_of;
  long long live_trips = 0;
  for (const PlanTripRow& trip : view.trips) {
    trip_of[trip.id] = &trip;
    live_trips += trip.status != TripStatus::kCancelled;
  }
  view.trips_saved = view.plan.baseline_trips - live_trips;
  std::map<long long, PlanGroupFigures> homes;
  std::map<long long, PlanGroupFigures> facilities;
  auto group = [](std::map<long long, PlanGroupFigures>& groups,
                  long long id) -> PlanGroupFigures& {
    PlanGroupFigures& figures = groups[id];
    figures.id = id;
    return figures;
  };
  std::set<std::pair<long long, long long>> counted;  // (home or facility kind, requirement)
  for (const PlanVisitRow& visit : view.visits) {
    if (visit.status != PlannedVisitStatus::kPlanned) continue;
    auto trip = trip_of.find(visit.trip_id);
    if (trip == trip_of.end()) continue;
    const PlanPairRef pair{visit.requirement_id, visit.child_id, visit.parent_id};
    PlanGroupFigures& home = group(homes, trip->second->home_id);
    PlanGroupFigures& facility = group(facilities, trip->second->facility_id);
    ++home.visits;
    ++facility.visits;
    if (counted.insert({0, visit.requirement_id}).second) home.visited.push_back(pair);
    if (counted.insert({1, visit.requirement_id}).second) facility.visited.push_back(pair);
  }
  auto place = [&](const PlanUnscheduledRow& row) -> Result<std::pair<long long, long long>> {
    auto child = txn.Get(ChildKind(), row.child_id, system);
    auto parent = txn.Get(ParentKind(), row.parent_id, system);
    return std::pair<long long, long long>{
        child.ok() ? child->Integer("home_id").value_or(0) : 0,
        parent.ok() ? parent->Integer("facility_id").value_or(0) : 0};
  };
  for (const PlanUnscheduledRow& row : view.short_of_frequency) {
    VINCULO_ASSIGN_OR_RETURN(auto where, place(row));
    const PlanPairRef pair{row.requirement_id, row.child_id, row.parent_id};
    group(homes, where.first).short_of_frequency.push_back(pair);
    group(facilities, where.second).short_of_frequency.push_back(pair);
  }
  for (const PlanUnscheduledRow& row : view.unscheduled) {
    if (row.reason == "not_due" || row.reason == "parent_released") continue;
    VINCULO_ASSIGN_OR_RETURN(auto where, place(row));
    const PlanPairRef pair{row.requirement_id, row.child_id, row.parent_id};
    group(homes, where.first).waiting.push_back(pair);
    group(facilities, where.second).waiting.push_back(pair);
  }
  for (auto& [id, figures] : homes) view.by_home.push_back(std::move(figures));
  for (auto& [id, figures] : facilities) view.by_facility.push_back(std::move(figures));
  return Status::Ok();
}

// A caregiver's view of a plan: only her trips and the visits on them.
Status KeepOwnTrips(Txn& txn, const Actor& actor, PlanView& view) {
  if (actor.role != Role::kCaregiver) return Status::Ok();
  std::map<long long, bool> known;
  std::set<long long> own_trips;
  std::vector<PlanTripRow> trips;
  for (PlanTripRow& trip : view.trips) {
    VINCULO_ASSIGN_OR_RETURN(bool own, IsOwnTrip(txn, actor, trip.escort_id, known));
    if (!own) continue;
    own_trips.insert(trip.id);
    trips.push_back(std::move(trip));
  }
  view.trips = std::move(trips);
  std::erase_if(view.visits,
                [&](const PlanVisitRow& visit) { return !own_trips.count(visit.trip_id); });
  view.unscheduled.clear();
  view.short_of_frequency.clear();
  view.by_home.clear();
  view.by_facility.clear();
  return Status::Ok();
}

}  // namespace

Result<PlanView> VisitService::BuildPlan(const Actor& actor, long long organisation_id,
                                         const std::string& month) {
  VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, organisation_id, true));
  VINCULO_ASSIGN_OR_RETURN(auto range, ParseMonth(month, "month"));
  // Named copies, not a structured binding: lambdas below capture them, which
  // clang 14 (make test-sanitize) does not allow for bindings.
  const Date first = range.first;
  const Date last = range.second;
  const std::string first_text = FormatDate(first);
  const std::string last_text = FormatDate(last);

  std::vector<PairSourceRow> sources;
  std::vector<RequirementRow> requirements;
  std::vector<VisitSessionRow> sessions;
  std::vector<EscortRow> escorts;
  std::vector<PlacePoint> homes;
  std::vector<PlacePoint> facilities;
  std::vector<RouteOverrideRow> overrides;
  std::map<long long, std::vector<std::string>> unavailable;
  std::map<long long, std::string> leavings;
  std::vector<SiblingSplitRow> splits;
  std::map<long long, std::vector<std::string>> published_dates;  // by requirement
  std::set<long long> facility_ids;
  VisitSettingsRow rates;
  // One write: the month's sessions and the missing requirements are created,
  // and everything the planner needs is read in the same snapshot.
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(OrganisationKind(), organisation_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(sources, vs::PairSources(txn, organisation_id));
    long long created = 0;
    VINCULO_RETURN_IF_ERROR(
        InsertMissingRequirements(txn, organisation_id, sources, context_.Now(), created));
    VINCULO_ASSIGN_OR_RETURN(requirements, vs::Requirements(txn, organisation_id));
    for (const PairSourceRow& source : sources) {
      if (source.custody_status != CustodyStatus::kReleased)
        facility_ids.insert(source.facility_id);
    }
    for (long long facility_id : facility_ids) {
      VINCULO_RETURN_IF_ERROR(
          MaterialiseVisitSessions(txn, facility_id, first, last, context_.Now()));
    }
    VINCULO_ASSIGN_OR_RETURN(
        sessions,
        vs::Sessions(txn, std::vector<long long>(facility_ids.begin(), facility_ids.end()),
                     first_text, last_text));
    VINCULO_ASSIGN_OR_RETURN(escorts, vs::Escorts(txn, organisation_id, first_text, last_text));
    VINCULO_ASSIGN_OR_RETURN(homes, vs::Homes(txn, organisation_id));
    VINCULO_ASSIGN_OR_RETURN(facilities, vs::Facilities(txn));
    VINCULO_ASSIGN_OR_RETURN(overrides, vs::Routes(txn, organisation_id));
    VINCULO_ASSIGN_OR_RETURN(rates, OrganisationVisitSettings(txn, organisation_id, options_));
    VINCULO_ASSIGN_OR_RETURN(unavailable,
                             vs::UnavailableDates(txn, organisation_id, first_text, last_text));
    VINCULO_ASSIGN_OR_RETURN(leavings, vs::NurseryLeavings(txn, organisation_id));
    VINCULO_ASSIGN_OR_RETURN(splits, vs::SiblingSplits(txn, organisation_id, month));
    VINCULO_ASSIGN_OR_RETURN(published_dates, vs::VisitDatesOfPublishedPlans(
                                                  txn, organisation_id, first_text, last_text));
    return Status::Ok();
  }));

  planner::Instance instance;
  instance.year = first.year;
  instance.month = first.month;
  instance.settings.time_limit_seconds = options_.time_limit_seconds;
  // No visit before now plus the notice: a plan built in the evening has no
  // visit that left that morning, nor one early the next day.
  // Both from the organisation's settings (issue 19), else the installation's.
  const NoticeBound not_before = NoticeFrom(context_.clock->Now(), rates.notice_hours);
  instance.settings.longest_child_day_minutes = static_cast<int>(rates.longest_child_day_minutes);
  instance.settings.not_before_date = not_before.date;
  instance.settings.not_before_minute = not_before.minute;
  std::vector<std::string> notes;
  std::vector<PlanUnscheduledRow> decided;  // left out before the planner, with the reason

  std::map<long long, std::vector<const VisitSessionRow*>> open_sessions;  // by facility
  for (const VisitSessionRow& session : sessions) {
    if (session.status != VisitSessionStatus::kOpen) continue;
    const long long families = session.capacity_families - session.booked_families;
    const long long people = session.capacity_people - session.booked_people;
    if (families <= 0 || people <= 0) continue;
    auto date = ParseDate(session.session_date);
    // Days already gone are not planned (a plan for the current month).
    if (!date.ok() || *date < context_.Today()) continue;
    planner::Session planned;
    planned.id = session.id;
    planned.facility_id = session.facility_id;
    planned.date = *date;
    planned.start_minute = static_cast<int>(session.start_minute);
    planned.end_minute = static_cast<int>(session.end_minute);
    planned.capacity_families = static_cast<int>(families);
    planned.capacity_people = static_cast<int>(people);
    planned.wing = SessionWing(session.wing);
    // A session's places are families (a parent with all her children
    // visiting her there is one), pairs or people, as its template says and
    // as publishing reserves them.
    planned.capacity_unit = visit_internal::CapacityUnitOf(session.capacity_unit);
    instance.sessions.push_back(planned);
    open_sessions[session.facility_id].push_back(&session);
  }

  std::map<std::pair<long long, long long>, const PairSourceRow*> source_of;
  for (const PairSourceRow& source : sources)
    source_of[{source.child_id, source.parent_id}] = &source;
  std::map<long long, const RequirementRow*> requirement_of;
  std::vector<RequirementRow> planned_requirements;
  for (const RequirementRow& requirement : requirements) {
    auto found = source_of.find({requirement.child_id, requirement.parent_id});
    if (found == source_of.end()) continue;  // the link was archived
    const PairSourceRow& source = *found->second;
    requirement_of[requirement.id] = &requirement;
    auto leave_out = [&](const char* reason) {
      decided.push_back(
          {0, 0, requirement.id, requirement.child_id, requirement.parent_id, reason});
    };
    if (source.custody_status == CustodyStatus::kReleased) {
      leave_out("parent_released");
      continue;
    }
    // A restriction that forbids the month's last day forbids all of it (the
    // one rule, domain/visit_eligibility.h); one that ends within the month
    // keeps the child home on its days.
    VisitRestriction restriction{requirement.no_contact, std::nullopt};
    if (requirement.banned_until) {
      if (auto date = ParseDate(*requirement.banned_until); date.ok()) {
        restriction.banned_until = *date;
      }
    }
    if (RestrictionOn(restriction, last) != RestrictionBar::kNone) {
      leave_out("restriction");
      continue;
    }
    const auto& at_facility = open_sessions[source.facility_id];
    const bool has_session =
        std::any_of(at_facility.begin(), at_facility.end(), [&](const VisitSessionRow* session) {
          return WingServes(SessionWing(session->wing), ParentWing(source.parent_sex));
        });
    if (!has_session) {
      leave_out("no_session_this_month");
      continue;
    }
    planner::Pair pair;
    pair.id = requirement.id;
    pair.child_id = requirement.child_id;
    pair.parent_id = requirement.parent_id;
    pair.facility_id = source.facility_id;
    pair.parent_wing = ParentWing(source.parent_sex);
    pair.home_base_id = source.home_id.value_or(0);
    PriorityInputs inputs;
    inputs.weight = requirement.weight;
    if (requirement.last_visit_on) {
      if (auto last_visit = ParseDate(*requirement.last_visit_on); last_visit.ok()) {
        inputs.days_since_last_visit = DaysBetween(*last_visit, first);
      }
    }
    if (auto left = leavings.find(requirement.child_id); left != leavings.end()) {
      if (auto date = ParseDate(left->second); date.ok()) {
        inputs.recent_age_out = DaysBetween(*date, first) <= kRecentAgeOutDays && *date <= last;
      }
    }
    if (source.expected_release_date) {
      if (auto release = ParseDate(*source.expected_release_date); release.ok()) {
        inputs.release_soon = *release >= first && DaysBetween(first, *release) <= kReleaseSoonDays;
      }
    }
    pair.priority = VisitPriority(inputs).value;
    // The frequency: how many visits this month, how far apart, counting the
    // last one before it (one rule, domain/visit_rules.h). A calendar with
    // fewer sessions than the frequency asks is said in the plan's notes.
    std::optional<Date> last_visit;
    if (requirement.last_visit_on) {
      if (auto date = ParseDate(*requirement.last_visit_on); date.ok()) last_visit = *date;
    }
    // The month's earlier visits (an earlier published plan's, attended or
    // still to come, and the last recorded one when it falls in the month)
    // count toward the frequency and the interval (issue 19).
    std::set<Date> this_month;
    for (const std::string& text : published_dates[requirement.id]) {
      if (auto date = ParseDate(text); date.ok()) this_month.insert(*date);
    }
    if (last_visit && *last_visit >= first && *last_visit <= last) this_month.insert(*last_visit);
    if (auto need = VisitNeedInMonth(requirement.frequency, first, last, last_visit); need.ok()) {
      const int offered = static_cast<int>(std::count_if(
          at_facility.begin(), at_facility.end(), [&](const VisitSessionRow* session) {
            return WingServes(SessionWing(session->wing), ParentWing(source.parent_sex));
          }));
      // All the frequency asks: a pair the calendar cannot serve fully is
      // reported short of it, with the reason (the planner caps at the sessions).
      pair.visits_wanted = std::max(0, need->visits - static_cast<int>(this_month.size()));
      pair.min_interval_days = need->min_interval_days;
      if (pair.visits_wanted > offered) {
        notes.push_back("child " + std::to_string(requirement.child_id) + " and parent " +
                        std::to_string(requirement.parent_id) + ": " + requirement.frequency +
                        " visits ask for " + std::to_string(pair.visits_wanted) +
                        " more this month; the facility's calendar offers " +
                        std::to_string(offered) + " sessions");
      }
    }
    if (last_visit) pair.visited_on.push_back(*last_visit);
    pair.visited_on.insert(pair.visited_on.end(), this_month.begin(), this_month.end());
    for (Date day = first; day <= last; day = AddDays(day, 1)) {
      if (RestrictionOn(restriction, day) != RestrictionBar::kNone) {
        pair.child_unavailable.push_back(day);
      }
    }
    for (const std::string& text : unavailable[requirement.child_id]) {
      if (auto date = ParseDate(text); date.ok()) pair.child_unavailable.push_back(*date);
    }
    pair.requested_order = requirement.id;
    instance.pairs.push_back(std::move(pair));
    planned_requirements.push_back(requirement);
  }
  const std::map<long long, long long> groups = SiblingGroups(planned_requirements);
  for (planner::Pair& pair : instance.pairs) pair.sibling_group = groups.at(pair.child_id);
  // Siblings visiting one parent go together or not at all, unless a
  // coordinator split them on purpose: the plan says so.
  for (const SiblingSplitRow& split : splits) {
    for (planner::Pair& pair : instance.pairs) {
      if (pair.id != split.requirement_id) continue;
      pair.apart = true;
      notes.push_back("child " + std::to_string(split.child_id) +
                      " is split on purpose from her siblings visiting parent " +
                      std::to_string(split.parent_id) + ": " + split.reason);
    }
  }

  std::vector<long long> home_ids;
  for (const PlacePoint& home : homes) home_ids.push_back(home.id);
  bool any_date = false;
  for (const EscortRow& row : escorts) {
    planner::Escort escort;
    escort.id = row.id;
    escort.home_base_ids = row.home_id ? std::vector<long long>{*row.home_id} : home_ids;
    for (const std::string& text : row.available_dates) {
      if (auto date = ParseDate(text); date.ok()) escort.available_dates.push_back(*date);
    }
    any_date = any_date || !escort.available_dates.empty();
    escort.max_children = static_cast<int>(row.max_children);
    instance.escorts.push_back(std::move(escort));
  }
  std::map<long long, const PlacePoint*> facility_point;
  for (const PlacePoint& facility : facilities) facility_point[facility.id] = &facility;
  std::map<std::pair<long long, long long>, const RouteOverrideRow*> override_of;
  for (const RouteOverrideRow& route : overrides) {
    override_of[{route.home_id, route.facility_id}] = &route;
  }
  for (const PlacePoint& home : homes) {
    for (long long facility_id : facility_ids) {
      planner::Route route;
      route.home_base_id = home.id;
      route.facility_id = facility_id;
      if (auto found = override_of.find({home.id, facility_id}); found != override_of.end()) {
        route.travel_minutes = static_cast<int>(found->second->travel_minutes);
        route.cost = found->second->cost;
      } else {
        const PlacePoint* facility = facility_point[facility_id];
        if (!facility || !facility->latitude || !facility->longitude || !home.latitude ||
            !home.longitude) {
          continue;  // no coordinates, no route: the planner reports no_route
        }
        const Travel travel = TravelFor(GreatCircleKm(*home.latitude, *home.longitude,
                                                      *facility->latitude, *facility->longitude),
                                        rates.travel_speed_kmh, rates.cost_per_km);
        route.travel_minutes = travel.minutes;
        route.cost = travel.cost;
      }
      instance.routes.push_back(route);
    }
  }

  if (requirement_of.empty()) notes.push_back("no linked child and imprisoned parent to visit");
  if (instance.sessions.empty() && !facility_ids.empty()) {
    notes.push_back("no open visiting session in " + month +
                    " at the facilities where the parents are held");
  }
  if (!any_date && !instance.pairs.empty()) {
    notes.push_back("no escort is available on any date of " + month);
  }

  const planner::Plan plan = planner::SolvePlan(instance);
  const planner::Plan baseline = planner::PlanFirstCome(instance);

  PlanRow row;
  row.organisation_id = organisation_id;
  row.month = month;
  row.status = VisitPlanStatus::kDraft;
  row.coverage = plan.coverage;
  row.bound = plan.bound;
  row.gap = plan.gap;
  row.proven_optimal = plan.proven_optimal;
  row.travel_cost = plan.travel_cost;
  row.solve_seconds = plan.solve_seconds;
  row.baseline_coverage = baseline.coverage;
  row.baseline_visits = static_cast<long long>(baseline.visits.size());
  row.baseline_trips = static_cast<long long>(baseline.trips.size());
  row.baseline_travel_cost = baseline.travel_cost;
  for (const std::string& note : notes) row.note += note + "\n";
  row.created_by = actor.user_id;
  row.created_at = context_.Now();

  PlanView view;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(PlanRow stored, vs::InsertPlan(txn, row));
    std::vector<long long> trip_ids;
    for (const planner::Trip& trip : plan.trips) {
      PlanTripRow trip_row;
      trip_row.plan_id = stored.id;
      trip_row.escort_id = trip.escort_id;
      trip_row.home_id = trip.home_base_id;
      trip_row.facility_id = trip.facility_id;
      trip_row.trip_date = FormatDate(trip.date);
      trip_row.depart_minute = trip.depart_minute;
      trip_row.return_minute = trip.return_minute;
      trip_row.cost = trip.cost;
      VINCULO_ASSIGN_OR_RETURN(PlanTripRow stored_trip, vs::InsertTrip(txn, trip_row));
      trip_ids.push_back(stored_trip.id);
    }
    for (const planner::Visit& visit : plan.visits) {
      auto requirement = requirement_of.find(visit.pair_id);
      if (requirement == requirement_of.end() || visit.trip_id < 0 ||
          visit.trip_id >= static_cast<int>(trip_ids.size())) {
        return Internal("the planner returned a visit of an unknown pair or trip");
      }
      PlanVisitRow visit_row;
      visit_row.plan_id = stored.id;
      visit_row.requirement_id = visit.pair_id;
      visit_row.child_id = requirement->second->child_id;
      visit_row.parent_id = requirement->second->parent_id;
      visit_row.session_id = visit.session_id;
      visit_row.trip_id = trip_ids[visit.trip_id];
      visit_row.updated_at = row.created_at;
      VINCULO_RETURN_IF_ERROR(vs::InsertVisit(txn, visit_row).status());
    }
    for (PlanUnscheduledRow unscheduled : decided) {
      unscheduled.plan_id = stored.id;
      VINCULO_RETURN_IF_ERROR(vs::InsertUnscheduled(txn, unscheduled));
    }
    for (const std::vector<planner::Unscheduled>* list :
         {&plan.unscheduled, &plan.short_of_wanted}) {
      for (const planner::Unscheduled& left : *list) {
        auto requirement = requirement_of.find(left.pair_id);
        if (requirement == requirement_of.end()) continue;
        VINCULO_RETURN_IF_ERROR(vs::InsertUnscheduled(
            txn, {0, stored.id, left.pair_id, requirement->second->child_id,
                  requirement->second->parent_id, planner::UnscheduledReasonName(left.reason),
                  left.visits, left.wanted, ShortfallDetail(*requirement->second, left)}));
      }
    }
    VINCULO_RETURN_IF_ERROR(
        txn.AppendAudit({Event(actor, "create", "plans", stored.id,
                               month + ": " + std::to_string(plan.visits.size()) + " visits, " +
                                   std::to_string(plan.trips.size()) + " trips")}));
    VINCULO_ASSIGN_OR_RETURN(view, LoadPlan(txn, stored.id));
    return Status::Ok();
  }));
  return view;
}

Result<PlanView> VisitService::GetPlan(const Actor& actor, long long plan_id) {
  PlanView view;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(PlanRow plan, vs::GetPlan(txn, plan_id));
    if (!CheckOrganisation(actor, plan.organisation_id, false).ok()) {
      return NotFound("no plan " + std::to_string(plan_id));
    }
    VINCULO_ASSIGN_OR_RETURN(view, LoadPlan(txn, plan_id));
    return KeepOwnTrips(txn, actor, view);
  }));
  return view;
}

Result<std::vector<PlanRow>> VisitService::Plans(const Actor& actor, long long organisation_id) {
  VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, organisation_id, false));
  std::vector<PlanRow> plans;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(plans, vs::Plans(txn, organisation_id));
    return Status::Ok();
  }));
  return plans;
}

Result<PlanView> VisitService::PublishPlan(const Actor& actor, long long plan_id) {
  PlanView view;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(LockRow(txn, "plans", plan_id));
    VINCULO_ASSIGN_OR_RETURN(PlanRow plan, vs::GetPlan(txn, plan_id));
    if (!CheckOrganisation(actor, plan.organisation_id, false).ok()) {
      return NotFound("no plan " + std::to_string(plan_id));
    }
    VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, plan.organisation_id, true));
    if (plan.status != VisitPlanStatus::kDraft)
      return Conflict("plan " + std::to_string(plan_id) + " is " + VisitPlanStatusName(plan.status),
                      "status");
    VINCULO_ASSIGN_OR_RETURN(bool month_taken,
                             vs::HasPublishedPlan(txn, plan.organisation_id, plan.month));
    if (month_taken) {
      return Conflict("the organisation already has a published plan for " + plan.month, "month");
    }
    // The plan's own status first: of two coordinators publishing it at once,
    // the second finds it published and reserves nothing.
    VINCULO_ASSIGN_OR_RETURN(bool published,
                             vs::MarkPublished(txn, plan_id, actor.user_id, context_.Now()));
    if (!published)
      return Conflict("plan " + std::to_string(plan_id) + " was published meanwhile", "status");
    VINCULO_ASSIGN_OR_RETURN(std::vector<PlanTripRow> trips, vs::PlanTrips(txn, plan_id));
    for (const PlanTripRow& trip : trips) {
      VINCULO_ASSIGN_OR_RETURN(std::vector<PlanTripRow> others,
                               vs::EscortTripsOn(txn, trip.escort_id, trip.trip_date));
      for (const PlanTripRow& other : others) {
        if (other.plan_id != plan_id) {
          return Conflict("escort " + std::to_string(trip.escort_id) + " already has a trip on " +
                              trip.trip_date + " (plan " + std::to_string(other.plan_id) + ")",
                          "escort_id");
        }
      }
    }
    VINCULO_ASSIGN_OR_RETURN(std::vector<PlanVisitRow> visits, vs::PlanVisits(txn, plan_id));
    for (const auto& [session_id, load] : SessionLoads(visits)) {
      VINCULO_ASSIGN_OR_RETURN(bool reserved, vs::Reserve(txn, session_id, load, context_.Now()));
      if (!reserved) {
        return Conflict("session " + std::to_string(session_id) + " has no room left for " +
                            std::to_string(load.families) + " families (" +
                            std::to_string(load.pairs) + " visits, " + std::to_string(load.people) +
                            " people), or it was blocked; build the plan again",
                        "session_id");
      }
    }
    VINCULO_RETURN_IF_ERROR(txn.AppendAudit(
        {Event(actor, "publish", "plans", plan_id, std::to_string(visits.size()) + " visits")}));
    VINCULO_ASSIGN_OR_RETURN(view, LoadPlan(txn, plan_id));
    return Status::Ok();
  }));
  return view;
}

}  // namespace vinculo
