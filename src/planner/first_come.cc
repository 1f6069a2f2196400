// PlanFirstCome: the baseline every booking system we know implements. Pairs
// ask in `requested_order` (a family of siblings visiting one parent asks as
// one, when its first member asks); each is given the earliest session (by date, then
// start) that still has room for one more family and for the people it brings,
// travelling on a trip of its home base to that facility that day with a free
// seat, or else on a new trip with the first escort free that day. Nothing is
// ever revisited, so an early request can take the only session a later, more
// constrained child could use. Its coverage and trip count are what SolvePlan is
// measured against.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "domain/escort_rules.h"
#include "planner/plan_support.h"
#include "planner/planner.h"

namespace vinculo::planner {

namespace {

// A trip not yet made, in a session's load: one escort more.
constexpr int kNewTrip = -1;

struct OpenTrip {
  std::set<long long> children;
  int max_children = 0;
  int earliest_start = 24 * 60;  // of its sessions
  int latest_end = 0;
};

}  // namespace

Plan PlanFirstCome(const Instance& instance) {
  internal::PlanningIndex index(instance);
  Plan plan;

  std::vector<int> order(instance.pairs.size());
  for (int pair_idx = 0; pair_idx < static_cast<int>(order.size()); ++pair_idx) {
    order[pair_idx] = pair_idx;
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return instance.pairs[a].requested_order < instance.pairs[b].requested_order;
  });

  // What each session holds so far: its families, pairs, children and escorts
  // (a trip is one escort), counted by the domain's rule.
  std::vector<SessionTally> session_loads(instance.sessions.size());
  std::vector<std::set<int>> session_trips(instance.sessions.size());
  std::vector<OpenTrip> open_trips;
  std::map<std::tuple<long long, long long, long long>, std::vector<int>> trips_by_key;
  EscortDays escort_days;  // each escort's one trip of a day (domain/escort_rules.h)
  std::map<std::pair<long long, long long>, int> child_trip_on_day;  // (child, day) -> trip
  std::unordered_map<long long, std::vector<int>> child_sessions;    // child -> sessions

  std::vector<bool> asked(instance.pairs.size(), false);
  for (int pair_idx : order) {
    if (asked[pair_idx]) continue;
    // A family asks as one: the first of its members to ask brings them all.
    const std::vector<int>& members = index.Family(pair_idx);
    for (int member : members) asked[member] = true;
    const Pair& pair = instance.pairs[pair_idx];
    // As many visits as the family's members all want, never closer than any
    // member's interval.
    int wanted = internal::MostVisits(index, pair_idx);
    int interval = 0;
    for (int member : members) {
      wanted = std::min(wanted, internal::MostVisits(index, member));
      interval = std::max(interval, internal::MinIntervalDays(instance.pairs[member]));
    }
    std::vector<long long> placed_days;
    for (int session_idx : index.Candidates(pair_idx)) {
      if (static_cast<int>(placed_days.size()) >= wanted) break;
      const Session& session = instance.sessions[session_idx];
      long long day = DaysSinceEpoch(session.date);
      if (std::any_of(placed_days.begin(), placed_days.end(),
                      [&](long long placed) { return std::llabs(day - placed) < interval; })) {
        continue;
      }
      // The session's load with the family on `trip_idx` (kNewTrip: a trip
      // not yet there): a parent already visited there by a sibling takes no
      // new family place, a child already there is one person.
      const SessionTally& tally = session_loads[session_idx];
      const SessionCapacity capacity = internal::CapacityOf(session);
      auto load_on = [&](int trip_idx) {
        std::vector<SessionVisit> visits;
        for (int member : members) {
          const Pair& visitor = instance.pairs[member];
          visits.push_back({visitor.child_id, visitor.parent_id, trip_idx});
        }
        return tally.With(visits);
      };
      // No room even on a trip already there (no escort more): no trip would do.
      const std::set<int>& trips_there = session_trips[session_idx];
      if (!Fits(load_on(trips_there.empty() ? kNewTrip : *trips_there.begin()), capacity)) continue;
      bool overlaps = false;
      for (int member : members) {
        for (int other_idx : child_sessions[instance.pairs[member].child_id]) {
          const Session& other = instance.sessions[other_idx];
          if (other_idx != session_idx && other.date == session.date &&
              other.start_minute < session.end_minute && session.start_minute < other.end_minute) {
            overlaps = true;
          }
        }
      }
      if (overlaps) continue;
      const Route* route = index.FindRoute(pair.home_base_id, session.facility_id);
      int travel = route == nullptr ? 0 : route->travel_minutes;
      // The children of the family not yet on `trip_idx`, who need a seat there.
      auto riders = [&](int trip_idx) {
        std::set<long long> children;
        for (int member : members) {
          long long child = instance.pairs[member].child_id;
          if (trip_idx < 0 || !open_trips[trip_idx].children.count(child)) children.insert(child);
        }
        return static_cast<int>(children.size());
      };
      const TripRoute route_there{pair.home_base_id, session.facility_id};
      auto fits = [&](int trip_idx) {
        const OpenTrip& open = open_trips[trip_idx];
        return Fits(load_on(trip_idx), capacity) &&
               WithinLongestChildDay(std::min(open.earliest_start, session.start_minute),
                                     std::max(open.latest_end, session.end_minute), travel,
                                     instance.settings.longest_child_day_minutes) &&
               HasSeats(static_cast<int>(open.children.size()), riders(trip_idx),
                        open.max_children);
      };

      // The trip: the children's own trip that day (one for all of them),
      // else a trip with free seats (one already in this session first), else a new one.
      int chosen_trip = -1;
      int new_escort = -1;
      auto key = std::make_tuple(pair.home_base_id, session.facility_id, day);
      std::set<int> own_trips;
      bool elsewhere = false;
      for (int member : members) {
        auto own = child_trip_on_day.find({instance.pairs[member].child_id, day});
        if (own == child_trip_on_day.end()) continue;
        const Trip& trip = plan.trips[own->second];
        if (trip.home_base_id != pair.home_base_id || trip.facility_id != session.facility_id) {
          elsewhere = true;  // a child is travelling elsewhere that day
        }
        own_trips.insert(own->second);
      }
      if (elsewhere || own_trips.size() > 1) continue;
      if (own_trips.size() == 1) {
        if (fits(*own_trips.begin())) chosen_trip = *own_trips.begin();
      } else {
        std::vector<int>& same_route = trips_by_key[key];
        for (bool present : {true, false}) {
          for (int trip_idx : same_route) {
            if (chosen_trip >= 0) break;
            if (session_trips[session_idx].count(trip_idx) != static_cast<size_t>(present)) {
              continue;
            }
            if (fits(trip_idx)) chosen_trip = trip_idx;
          }
        }
        if (chosen_trip < 0 && Fits(load_on(kNewTrip), capacity)) {
          for (int escort_idx : index.EscortsFor(pair.home_base_id, session.date)) {
            if (!escort_days.TripOf(escort_idx, day) &&
                HasSeats(0, riders(-1), instance.escorts[escort_idx].max_children)) {
              new_escort = escort_idx;
              break;
            }
          }
        }
      }
      if (chosen_trip < 0 && new_escort < 0) continue;

      if (chosen_trip < 0) {
        chosen_trip = static_cast<int>(plan.trips.size());
        Trip trip;
        trip.id = chosen_trip;
        trip.escort_id = instance.escorts[new_escort].id;
        trip.home_base_id = pair.home_base_id;
        trip.facility_id = session.facility_id;
        trip.date = session.date;
        plan.trips.push_back(trip);
        open_trips.push_back({{}, instance.escorts[new_escort].max_children});
        trips_by_key[key].push_back(chosen_trip);
        escort_days.Book(new_escort, day, route_there);
      }
      session_trips[session_idx].insert(chosen_trip);
      open_trips[chosen_trip].earliest_start =
          std::min(open_trips[chosen_trip].earliest_start, session.start_minute);
      open_trips[chosen_trip].latest_end =
          std::max(open_trips[chosen_trip].latest_end, session.end_minute);
      for (int member : members) {
        const Pair& visitor = instance.pairs[member];
        session_loads[session_idx].Add({visitor.child_id, visitor.parent_id, chosen_trip});
        open_trips[chosen_trip].children.insert(visitor.child_id);
        child_trip_on_day[{visitor.child_id, day}] = chosen_trip;
        child_sessions[visitor.child_id].push_back(session_idx);
        plan.visits.push_back({visitor.id, session.id, chosen_trip});
      }
      placed_days.push_back(day);
    }
  }

  internal::FinishPlan(index, plan);
  plan.bound = plan.coverage;  // no bound of its own: the baseline proves nothing
  plan.gap = 0;
  plan.proven_optimal = false;
  plan.parts = 1;
  return plan;
}

}  // namespace vinculo::planner
