// CheckPlan: the hard rules of a visit plan, checked from the plan alone.
//
// Written independently of both planners (it shares no code or index with
// them), so a bug in a planner's model cannot hide in the checker too. It is
// quadratic only in the visits of one child, which is tiny.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "planner/planner.h"

namespace vinculo::planner {

namespace {

std::string Id(long long id) { return std::to_string(id); }

// The wing rule, written here on its own (the checker shares no code with
// the planners; the planners and the service use domain/visit_rules.h).
bool WingAdmits(Wing session_wing, Wing parent_wing) {
  return session_wing == Wing::kAny || session_wing == parent_wing;
}

}  // namespace

std::vector<Violation> CheckPlan(const Instance& instance, const Plan& plan) {
  std::vector<Violation> violations;
  auto report = [&](std::string rule, std::string detail) {
    violations.push_back({std::move(rule), std::move(detail)});
  };

  std::unordered_map<long long, const Pair*> pairs;
  for (const Pair& pair : instance.pairs) pairs[pair.id] = &pair;
  std::unordered_map<long long, const Session*> sessions;
  for (const Session& session : instance.sessions) sessions[session.id] = &session;
  std::unordered_map<long long, const Escort*> escorts;
  for (const Escort& escort : instance.escorts) escorts[escort.id] = &escort;
  std::map<std::pair<long long, long long>, const Route*> routes;
  for (const Route& route : instance.routes) {
    routes[{route.home_base_id, route.facility_id}] = &route;
  }

  // Visits that name a known pair, session and trip; the rest are reported once.
  struct Resolved {
    const Pair* pair;
    const Session* session;
    int trip_idx;
  };
  std::vector<Resolved> resolved;
  for (const Visit& visit : plan.visits) {
    auto pair_it = pairs.find(visit.pair_id);
    auto session_it = sessions.find(visit.session_id);
    if (pair_it == pairs.end()) {
      report("unknown_pair", "visit names pair " + Id(visit.pair_id) + ", not in the instance");
      continue;
    }
    if (session_it == sessions.end()) {
      report("unknown_session", "pair " + Id(visit.pair_id) + " is given session " +
                                    Id(visit.session_id) + ", not in the instance");
      continue;
    }
    if (visit.trip_id < 0 || visit.trip_id >= static_cast<int>(plan.trips.size())) {
      report("unknown_trip", "pair " + Id(visit.pair_id) + " is given trip " + Id(visit.trip_id) +
                                 ", not in the plan");
      continue;
    }
    resolved.push_back({pair_it->second, session_it->second, visit.trip_id});
  }

  // A pair: at most the visits it wants, none closer than its interval to
  // another or to a visit already made (at least a day apart when it wants
  // more than one).
  std::map<long long, std::vector<Date>> dates_of_pair;
  for (const Resolved& visit : resolved)
    dates_of_pair[visit.pair->id].push_back(visit.session->date);
  for (const auto& [pair_id, dates] : dates_of_pair) {
    const Pair& pair = *pairs[pair_id];
    if (static_cast<int>(dates.size()) > std::max(0, pair.visits_wanted)) {
      report("pair_visits_wanted", "pair " + Id(pair_id) + " has " +
                                       Id(static_cast<long long>(dates.size())) +
                                       " visits; it wants " + Id(pair.visits_wanted));
    }
    int interval = pair.min_interval_days;
    if (pair.visits_wanted > 1 && interval < 1) interval = 1;
    std::vector<Date> all = dates;
    all.insert(all.end(), pair.visited_on.begin(), pair.visited_on.end());
    for (size_t first = 0; first < dates.size(); ++first) {
      for (size_t second = 0; second < all.size(); ++second) {
        if (second == first) continue;
        long long apart = DaysSinceEpoch(dates[first]) - DaysSinceEpoch(all[second]);
        if (apart < 0) apart = -apart;
        if (apart < interval && (second >= dates.size() || first < second)) {
          report("visit_interval",
                 "pair " + Id(pair_id) + " is visited on " + FormatDate(dates[first]) + " and " +
                     FormatDate(all[second]) + ", closer than " + Id(interval) + " days");
        }
      }
    }
  }

  // Rules about one visit.
  for (const Resolved& visit : resolved) {
    const Pair& pair = *visit.pair;
    const Session& session = *visit.session;
    const Trip& trip = plan.trips[visit.trip_idx];
    if (pair.restricted) {
      report("restriction", "pair " + Id(pair.id) + " is under a restriction and was scheduled");
    }
    if (session.facility_id != pair.facility_id) {
      report("visit_facility", "pair " + Id(pair.id) + " is held at facility " +
                                   Id(pair.facility_id) + " but given session " + Id(session.id) +
                                   " at facility " + Id(session.facility_id));
    }
    if (!WingAdmits(session.wing, pair.parent_wing)) {
      report("wing",
             "session " + Id(session.id) + " does not serve the wing of pair " + Id(pair.id));
    }
    if (std::find(pair.child_unavailable.begin(), pair.child_unavailable.end(), session.date) !=
        pair.child_unavailable.end()) {
      report("child_unavailable",
             "the child of pair " + Id(pair.id) + " cannot go on " + FormatDate(session.date));
    }
    const Settings& settings = instance.settings;
    if (session.date < settings.not_before_date ||
        (session.date == settings.not_before_date &&
         session.start_minute < settings.not_before_minute)) {
      report("visit_notice", "session " + Id(session.id) + " of pair " + Id(pair.id) +
                                 " starts before the notice period ends");
    }
    if (trip.home_base_id != pair.home_base_id || trip.facility_id != session.facility_id ||
        trip.date != session.date) {
      report("visit_trip", "pair " + Id(pair.id) + " travels on trip " + Id(visit.trip_idx) +
                               ", which does not go from the child's home base to session " +
                               Id(session.id) + "'s facility on its date");
    }
  }

  // A child: no two sessions at overlapping times, and at most one trip a day.
  std::map<long long, std::vector<const Resolved*>> by_child;
  for (const Resolved& visit : resolved) by_child[visit.pair->child_id].push_back(&visit);
  for (const auto& [child_id, visits] : by_child) {
    for (size_t first = 0; first < visits.size(); ++first) {
      for (size_t second = first + 1; second < visits.size(); ++second) {
        const Session& a = *visits[first]->session;
        const Session& b = *visits[second]->session;
        if (a.id != b.id && a.date == b.date && a.start_minute < b.end_minute &&
            b.start_minute < a.end_minute) {
          report("child_overlap", "child " + Id(child_id) + " is in sessions " + Id(a.id) +
                                      " and " + Id(b.id) + " at overlapping times");
        }
        if (a.date == b.date && visits[first]->trip_idx != visits[second]->trip_idx) {
          report("child_one_trip_per_day",
                 "child " + Id(child_id) + " is on two trips on " + FormatDate(a.date));
        }
      }
    }
  }

  // Siblings visiting one parent from one home (a family) go together: a
  // member's visit to a session has every other member in that session on
  // the same trip. Restricted pairs and children set apart are not members.
  std::map<std::tuple<long long, long long, long long>, std::vector<const Pair*>> families;
  for (const Pair& pair : instance.pairs) {
    if (pair.sibling_group != 0 && !pair.apart && !pair.restricted) {
      families[{pair.sibling_group, pair.parent_id, pair.home_base_id}].push_back(&pair);
    }
  }
  std::map<std::pair<long long, long long>, int> trip_of_visit;  // (pair, session) -> trip
  std::map<long long, std::vector<std::pair<long long, int>>>
      outings_of;  // pair -> (session, trip)
  for (const Resolved& visit : resolved) {
    trip_of_visit[{visit.pair->id, visit.session->id}] = visit.trip_idx;
    outings_of[visit.pair->id].push_back({visit.session->id, visit.trip_idx});
  }
  for (const auto& [key, members] : families) {
    if (members.size() < 2) continue;
    std::set<std::pair<long long, int>> outings;  // (session, trip) of any member
    for (const Pair* member : members) {
      auto found = outings_of.find(member->id);
      if (found != outings_of.end()) outings.insert(found->second.begin(), found->second.end());
    }
    for (const auto& [session_id, trip] : outings) {
      for (const Pair* member : members) {
        auto found = trip_of_visit.find({member->id, session_id});
        if (found == trip_of_visit.end() || found->second != trip) {
          report("siblings_together", "pair " + Id(member->id) + " is not on trip " + Id(trip) +
                                          " to session " + Id(session_id) +
                                          " with the siblings visiting parent " +
                                          Id(member->parent_id));
        }
      }
    }
  }

  // Sessions: places in the session's unit (a family is one parent with all her
  // children there; a pair is one visit) and people (each child once, each
  // escort present once). The same rule as the domain's `Fits`
  // (domain/session_capacity.h), which the planners and the service call,
  // deliberately counted again here and not by calling it (issue 19: the
  // checker stays code of its own), so that a mistake in the shared rule shows
  // up as a violation instead of passing in both.
  std::map<long long, std::vector<const Resolved*>> by_session;
  for (const Resolved& visit : resolved) by_session[visit.session->id].push_back(&visit);
  for (const auto& [session_id, visits] : by_session) {
    const Session& session = *sessions[session_id];
    std::set<long long> children;
    std::set<long long> parents;
    std::set<int> trips;
    for (const Resolved* visit : visits) {
      children.insert(visit->pair->child_id);
      parents.insert(visit->pair->parent_id);
      trips.insert(visit->trip_idx);
    }
    int people = static_cast<int>(children.size() + trips.size());
    int places = static_cast<int>(parents.size());
    if (session.capacity_unit == CapacityUnit::kPairs) places = static_cast<int>(visits.size());
    if (session.capacity_unit == CapacityUnit::kPeople) places = people;
    if (places > session.capacity_families) {
      report("session_capacity_families", "session " + Id(session_id) + " has " + Id(places) +
                                              " places taken for a capacity of " +
                                              Id(session.capacity_families));
    }
    if (people > session.capacity_people) {
      report("session_capacity_people", "session " + Id(session_id) + " has " + Id(people) +
                                            " people for a capacity of " +
                                            Id(session.capacity_people));
    }
  }

  // Trips: escort, base, route, children, and the day.
  std::map<int, std::vector<const Resolved*>> by_trip;
  for (const Resolved& visit : resolved) by_trip[visit.trip_idx].push_back(&visit);
  std::map<std::pair<long long, Date>, int> escort_days;
  for (int trip_idx = 0; trip_idx < static_cast<int>(plan.trips.size()); ++trip_idx) {
    const Trip& trip = plan.trips[trip_idx];
    std::string name = "trip " + Id(trip_idx);
    auto escort_it = escorts.find(trip.escort_id);
    if (escort_it == escorts.end()) {
      report("unknown_escort",
             name + " names escort " + Id(trip.escort_id) + ", not in the instance");
      continue;
    }
    const Escort& escort = *escort_it->second;
    if (++escort_days[{escort.id, trip.date}] == 2) {
      report("escort_one_trip_per_day",
             "escort " + Id(escort.id) + " has more than one trip on " + FormatDate(trip.date));
    }
    if (std::find(escort.available_dates.begin(), escort.available_dates.end(), trip.date) ==
        escort.available_dates.end()) {
      report("escort_available",
             "escort " + Id(escort.id) + " is not available on " + FormatDate(trip.date));
    }
    if (std::find(escort.home_base_ids.begin(), escort.home_base_ids.end(), trip.home_base_id) ==
        escort.home_base_ids.end()) {
      report("escort_home_base",
             "escort " + Id(escort.id) + " does not serve home base " + Id(trip.home_base_id));
    }
    auto route_it = routes.find({trip.home_base_id, trip.facility_id});
    if (route_it == routes.end()) {
      report("trip_route", name + " has no route from home base " + Id(trip.home_base_id) +
                               " to facility " + Id(trip.facility_id));
      continue;
    }
    auto visits_it = by_trip.find(trip_idx);
    if (visits_it == by_trip.end()) continue;  // an empty trip breaks no rule
    std::set<long long> children;
    int earliest_start = 24 * 60;
    int latest_end = 0;
    for (const Resolved* visit : visits_it->second) {
      children.insert(visit->pair->child_id);
      earliest_start = std::min(earliest_start, visit->session->start_minute);
      latest_end = std::max(latest_end, visit->session->end_minute);
    }
    if (static_cast<int>(children.size()) > escort.max_children) {
      report("escort_max_children", name + " takes " + Id(static_cast<long long>(children.size())) +
                                        " children; escort " + Id(escort.id) + " may take " +
                                        Id(escort.max_children));
    }
    int travel = route_it->second->travel_minutes;
    int depart = earliest_start - travel;
    int back = latest_end + travel;
    if (depart < instance.settings.day_start_minute || back > instance.settings.day_end_minute) {
      report("trip_fits_day", name + " would leave at minute " + Id(depart) + " and return at " +
                                  Id(back) + ", outside the day");
    }
    if (back - depart > instance.settings.longest_child_day_minutes) {
      report("child_longest_day", name + " keeps its children away " + Id(back - depart) +
                                      " minutes, longer than a child's longest day");
    }
  }
  return violations;
}

}  // namespace vinculo::planner
