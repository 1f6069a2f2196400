// The optimising monthly visit planner (issue 4): the model of one part
// and its solve. solve_plan.cc decomposes the instance into parts.
//
// MODEL. Only feasible combinations become variables (PlanningIndex filters
// each pair's sessions: facility, month, wing, notice, child's dates, route
// within the day and a child's longest day, some escort of the child's home
// base free that date).
//   y[p,s]    binary: pair p is visited in session s.
//   Z[c,b,f,d] integer 0..n: trips on date d from home base b to facility f made
//             by escorts of class c. Escorts with the same home bases and the
//             same maximum of children are interchangeable, so they are pooled
//             into a class and counted per date (n = members free that date);
//             this removes the symmetry of one variable per escort, and is exact
//             because any free member can take any trip of the class.
//   Zs[c,g,s] integer <= Z[c,g]: trips of the group g = (b,f,d) that attend
//             session s, only where g has children in two sessions that day
//             (elsewhere Zs = Z).
//   u         continuous 0..1, implied: u >= y for each y of one child (or one
//             parent) in a group or session, so that she counts once; where
//             visits exclude each other (one pair on one day, a child's two
//             parents in sessions she cannot attend both of), u >= their sum.
//   v[g,s]    continuous 0..1: sibling group g is together in session s.
//   w[c,d]    continuous 0..1: child c sees both parents (same facility) on d.
// Constraints (the hard rules of CheckPlan; where the model cannot see how
// children are packed into trips it counts less than the checker, never more,
// so its LP and CBC bounds are bounds of the real problem):
//   each pair at most its visits wanted    sum_s y[p,s] <= wanted_p
//   never two visits of a pair closer      sum_{s in [d, d+interval)} y[p,s] <= 1
//     than its interval                    for each candidate day d of p
//   a family all or none                   y[p,s] = y[p',s] for siblings p, p' visiting
//                                          one parent (the index gave them the same
//                                          sessions, each with an escort seating all)
//   session places, in its unit            families: parents once; pairs: sum y;
//                                          people: with the people row
//   session people                         children once + sum Zs (escorts present)
//                                          <= capacity_people
//   seats per (b,f,d), per child           children once <= sum_c max_children_c Z
//   seats per session of (b,f,d)           its children once <= sum_c max_c Zs
//   one trip per escort per day            sum_{b,f} Z[c,b,f,d] <= n(c,d)
//   sessions too far apart for one trip    Zs[c,g,s] + Zs[c,g,s'] <= Z[c,g]; and the
//     (a child's longest day)              children of all the sessions too far from s
//                                          once <= sum_c max_c (Z[c,g] - Zs[c,g,s])
//   a child not in overlapping sessions,   y[p,s] + y[p',s'] <= 1
//     nor in two whose trip is too long
//   a child on one trip a day              sum y[p,s on d at f] + sum y[p',s' on d at f'] <= 1
//   bonuses only when earned               v[g,s] <= y[p,s]; w[c,d] <= sum_{s on d} y[p,s]
// What the model cannot see (which child rides which trip when a group's
// children go to two sessions, the length of a trip carrying several
// sessions) the extraction decides, and a visit it cannot place is dropped:
// then the plan is below the model's optimum and not called optimal.
// Objective (maximise): sum priority*y - (trip_penalty + cost_penalty*cost) Z
//   + sibling_bonus (members-1) v + same_day_bonus w, solved in two stages:
//   coverage (sum priority*y) first, then the whole objective at that coverage.
//
// SOLVING, per part, lexicographically. Coverage first: the LP relaxation of
// max sum priority*y (Clp) gives the bound; two heuristics give a plan: a
// greedy that adds visits in order of their LP value (opening the trips the LP
// opens, then more when needed, closing unneeded ones and filling again), and
// an LP rounding: the LP's trips are rounded within each class's free escorts
// (up from fractions above 0.05, then 0.75), fixed, the
// LP re-solved (with trips fixed the visits are nearly a transportation
// problem, whose LP is integral) and the greedy run on that solution. If the plan does not reach
// the bound, CBC closes the gap with the time given: through its own driver
// (CbcMain1, the cbc program's cuts, heuristics and search), one part at a
// time, since the driver keeps global state (BranchAndBound).
// Then, with coverage held at its value by a row, the full objective: a
// greedy from its LP, a set-cover greedy that fills one trip at a time at the
// (base, facility, date) most of the visited pairs can still use (restarted
// with seeded tie-breaks for a tenth of the stage's time), and CBC on it (at
// most half the part's time, and at most Settings::trips_stage_seconds; it
// stops once no plan at this coverage can be better by a trip's weight).
// After the first pass and after CBC, the visits left out are added where
// the visits in their way can move to other sessions with room (or, worth
// less together, be dropped), and trips are closed one at a time where their
// families can move into trips already open on another of their sessions
// (AddVisits and CloseTrips, part_moves.cc), the model's rows checked at
// each move.
//
// EXTRACTION. Per (b,f,d) the Z trips get actual escorts of each class free that
// date; children (a child's visits together, siblings kept as a block where a
// trip has room) are packed onto the trip adding the fewest escorts to
// sessions, within a child's longest day. When that greedy leaves a child
// home, a depth-first search over ride units (RidePacker: a family visiting
// one parent, with each child's own visits) looks for a packing placing more;
// visits that would overfill a session's people are dropped; empty trips are
// dropped.
//
#include "planner/part_model.h"

#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <cmath>
#include <mutex>
#include <queue>
#include <random>
#include <string>

#include "domain/escort_rules.h"
#include "planner/ride_packer.h"

namespace vinculo::planner::internal {

// Restarts of the trip-filling greedy with other tie-breaks (FewestTrips).
constexpr unsigned kFewestTripsRestarts = 64;

// Children joined into sets (union-find over child ids): a group's ride units
// (a family rides together) and its blocks (sibling groups seated together).
class ChildSets {
 public:
  long long Find(long long child_id) {
    long long root = leader_.try_emplace(child_id, child_id).first->second;
    while (leader_.at(root) != root) root = leader_.at(root);
    for (long long id = child_id; id != root;) {  // every one on the way points at the root
      long long& up = leader_.at(id);
      id = up;
      up = root;
    }
    return root;
  }
  void Join(long long a, long long b) {
    const long long root_a = Find(a);
    const long long root_b = Find(b);
    if (root_a != root_b) leader_[std::max(root_a, root_b)] = std::min(root_a, root_b);
  }

 private:
  std::map<long long, long long> leader_;
};

// Nodes the exact packing of one group may visit (a group is one prison on
// one day for one home base: a few trips, a few dozen children at most).
constexpr long kRidePackingNodes = 20000;

double PartModel::TripWeight(const Group& group) const {
  const Route* route = problem_.index.FindRoute(group.home_base_id, group.facility_id);
  const Settings& settings = instance_.settings;
  return settings.trip_penalty + settings.cost_penalty_per_unit * (route ? route->cost : 0);
}

std::vector<std::pair<int, double>> PartModel::CountOnce(const std::vector<int>& y_cols,
                                                         long long Pair::*member) {
  std::map<long long, std::vector<int>> by_member;
  for (int y_col : y_cols) by_member[instance_.pairs[y_of_[y_col].first].*member].push_back(y_col);
  std::vector<std::pair<int, double>> terms;
  for (const auto& [unused, cols] : by_member) {
    if (cols.size() == 1) {
      terms.push_back({cols.front(), 1});
      continue;
    }
    int implied = AddColumn(0, 1, false);
    implied_.push_back({implied, cols});
    implied_of_y_.resize(objective_.size());
    for (int y_col : cols) implied_of_y_[y_col].push_back(implied);
    // u >= the sum of visits that exclude each other (one pair's visits on
    // one day; a child's two parents in sessions that overlap or make her day
    // too long), not only u >= each: else the LP splits a visit across two
    // sessions of one day and counts half a seat (a national part's bound
    // fell from 355.5 to 293 in three rounds of CBC's probing cuts).
    std::vector<bool> covered(cols.size(), false);
    for (size_t first = 0; first < cols.size(); ++first) {
      if (covered[first]) continue;
      std::vector<size_t> clique = {first};
      for (size_t other = 0; other < cols.size(); ++other) {
        if (other == first) continue;
        bool excludes_all = true;
        for (size_t member : clique) {
          excludes_all = excludes_all && Exclusive(cols[member], cols[other]);
        }
        if (excludes_all) clique.push_back(other);
      }
      std::vector<std::pair<int, double>> row = {{implied, -1}};
      for (size_t member : clique) {
        covered[member] = true;
        row.push_back({cols[member], 1});
      }
      AddRow(row, 0);
    }
    terms.push_back({implied, 1});
  }
  return terms;
}

// Whether visits y_a and y_b cannot both happen: one pair on one day when it
// takes at most one visit a day, or one child's two parents in sessions that
// overlap or, in one prison, are too far apart for her longest day.
bool PartModel::Exclusive(int y_a, int y_b) const {
  const auto [pair_a, session_a] = y_of_[y_a];
  const auto [pair_b, session_b] = y_of_[y_b];
  const Session& a = instance_.sessions[session_a];
  const Session& b = instance_.sessions[session_b];
  if (session_a == session_b || a.date != b.date) return false;
  const Pair& first = instance_.pairs[pair_a];
  const Pair& second = instance_.pairs[pair_b];
  if (pair_a == pair_b) {
    return MostVisits(problem_.index, pair_a) == 1 || MinIntervalDays(first) > 0;
  }
  if (first.child_id != second.child_id) return false;
  if (a.start_minute < b.end_minute && b.start_minute < a.end_minute) return true;
  if (first.facility_id != second.facility_id) return false;
  const Route* route = problem_.index.FindRoute(first.home_base_id, first.facility_id);
  return route != nullptr &&
         !WithinLongestChildDay(std::min(a.start_minute, b.start_minute),
                                std::max(a.end_minute, b.end_minute), route->travel_minutes,
                                instance_.settings.longest_child_day_minutes);
}

void PartModel::FillImplied(std::vector<double>& x) const {
  for (const auto& [implied, y_cols] : implied_) {
    double most = 0;
    for (int y_col : y_cols) most = std::max(most, x[y_col]);
    x[implied] = most;
  }
}

void PartModel::Build() {
  const Settings& settings = instance_.settings;
  // y columns, grouped by (base, facility, date) and by session.
  std::map<int, std::vector<int>> y_by_session;
  std::map<int, std::set<int>> groups_by_session;
  for (int pair_idx : pairs_) {
    const Pair& pair = instance_.pairs[pair_idx];
    std::vector<std::pair<int, double>> once;
    for (int session_idx : problem_.index.Candidates(pair_idx)) {
      const Session& session = instance_.sessions[session_idx];
      int col = AddColumn(-pair.priority, 1, true);
      y_of_.resize(col + 1, {-1, -1});
      y_of_[col] = {pair_idx, session_idx};
      y_col_[{pair_idx, session_idx}] = col;
      once.push_back({col, 1});
      auto key =
          std::make_tuple(pair.home_base_id, session.facility_id, DaysSinceEpoch(session.date));
      auto [it, inserted] = group_by_key_.try_emplace(key, static_cast<int>(groups_.size()));
      if (inserted)
        groups_.push_back({pair.home_base_id, session.facility_id, session.date, {}, {}});
      groups_[it->second].y_cols.push_back(col);
      y_group_.resize(col + 1, -1);
      y_group_[col] = it->second;
      y_by_session[session_idx].push_back(col);
      groups_by_session[session_idx].insert(it->second);
    }
    // At most its visits wanted, and no two closer than its interval: each
    // window of that many days from one of its sessions holds one visit.
    const int wanted = MostVisits(problem_.index, pair_idx);
    if (static_cast<int>(once.size()) > wanted) AddRow(once, wanted);
    const int interval = MinIntervalDays(pair);
    if (wanted > 1 && interval > 0) {
      const std::vector<int>& sessions = problem_.index.Candidates(pair_idx);
      for (size_t first = 0; first < sessions.size(); ++first) {
        const long long from = DaysSinceEpoch(instance_.sessions[sessions[first]].date);
        std::vector<std::pair<int, double>> window;
        for (int session_idx : sessions) {
          const long long day = DaysSinceEpoch(instance_.sessions[session_idx].date);
          if (day >= from && day < from + interval) {
            window.push_back({y_col_.at({pair_idx, session_idx}), 1});
          }
        }
        if (window.size() > 1) AddRow(window, 1);
      }
    }
  }
  y_of_.resize(objective_.size(), {-1, -1});
  // A family goes all or none: in each session, every member's y equals the
  // first member's (the index gave them the same candidates).
  family_cols_.assign(objective_.size(), {});
  for (int pair_idx : pairs_) {
    const std::vector<int>& family = problem_.index.Family(pair_idx);
    if (family.size() < 2 || family.front() != pair_idx) continue;
    for (int session_idx : problem_.index.Candidates(pair_idx)) {
      std::vector<int> cols;
      for (int member : family) cols.push_back(y_col_.at({member, session_idx}));
      for (size_t k = 1; k < cols.size(); ++k) {
        AddRow({{cols.front(), 1}, {cols[k], -1}}, 0);
        AddRow({{cols[k], 1}, {cols.front(), -1}}, 0);
      }
      for (int col : cols) family_cols_[col] = cols;
    }
  }

  // Z columns: per group, per escort class serving its base with members free that date.
  std::map<std::pair<int, long long>, std::vector<std::pair<int, double>>> class_day_terms;
  for (Group& group : groups_) {
    long long day = DaysSinceEpoch(group.date);
    auto classes_it = problem_.classes_by_base.find(group.home_base_id);
    if (classes_it == problem_.classes_by_base.end()) continue;
    for (int class_idx : classes_it->second) {
      const EscortClass& escort_class = problem_.classes[class_idx];
      int free = 0;
      for (int escort_idx : escort_class.escort_idxs) {
        if (problem_.index.EscortAvailable(escort_idx, day)) ++free;
      }
      if (free == 0) continue;
      int col = AddColumn(TripWeight(group), free, true);
      group.z_cols.push_back({col, class_idx});
      class_day_terms[{class_idx, day}].push_back({col, 1});
      z_budget_.resize(col + 1, -1);
      z_budget_[col] = static_cast<int>(
          budget_key_.try_emplace({class_idx, day}, budget_key_.size()).first->second);
      budget_free_.resize(budget_key_.size(), 0);
      budget_free_[z_budget_[col]] = free;
    }
  }
  y_of_.resize(objective_.size(), {-1, -1});
  for (auto& [class_day, terms] : class_day_terms) {
    if (terms.size() < 2) continue;
    const EscortClass& escort_class = problem_.classes[class_day.first];
    int free = 0;
    for (int escort_idx : escort_class.escort_idxs) {
      if (problem_.index.EscortAvailable(escort_idx, class_day.second)) ++free;
    }
    AddRow(terms, free);
  }

  // Seats, per child: a child visiting two parents on one trip takes one seat.
  for (Group& group : groups_) {
    std::vector<std::pair<int, double>> seats = CountOnce(group.y_cols, &Pair::child_id);
    for (const auto& [z_col, class_idx] : group.z_cols) {
      seats.push_back({z_col, -static_cast<double>(problem_.classes[class_idx].max_children)});
    }
    AddRow(seats, 0);
    // With children of the group in two sessions of the facility that day, the
    // escorts present in each session are counted apart: Zs[c,g,s] <= Z[c,g]
    // trips of the class attend s, and seat the group's children in s.
    std::map<int, std::vector<int>> by_session;
    for (int y_col : group.y_cols) by_session[y_of_[y_col].second].push_back(y_col);
    if (by_session.size() < 2) continue;
    for (const auto& [session_idx, y_cols] : by_session) {
      std::vector<int>& zs = group.zs_cols[session_idx];
      std::vector<std::pair<int, double>> session_seats = CountOnce(y_cols, &Pair::child_id);
      for (const auto& [z_col, class_idx] : group.z_cols) {
        int col = AddColumn(0, upper_[z_col], true);
        zs.push_back(col);
        AddRow({{col, 1}, {z_col, -1}}, 0);
        session_seats.push_back(
            {col, -static_cast<double>(problem_.classes[class_idx].max_children)});
      }
      AddRow(session_seats, 0);
    }
    // Two sessions too far apart for one trip (a child's longest day) share
    // no trip: per class, the trips attending each add up to at most Z.
    const Route* route = problem_.index.FindRoute(group.home_base_id, group.facility_id);
    const int travel = route == nullptr ? 0 : route->travel_minutes;
    for (auto a = by_session.begin(); a != by_session.end(); ++a) {
      for (auto b = std::next(a); b != by_session.end(); ++b) {
        const Session& first = instance_.sessions[a->first];
        const Session& second = instance_.sessions[b->first];
        if (WithinLongestChildDay(std::min(first.start_minute, second.start_minute),
                                  std::max(first.end_minute, second.end_minute), travel,
                                  settings.longest_child_day_minutes)) {
          continue;
        }
        for (size_t k = 0; k < group.z_cols.size(); ++k) {
          AddRow({{group.zs_cols[a->first][k], 1},
                  {group.zs_cols[b->first][k], 1},
                  {group.z_cols[k].first, -1}},
                 0);
        }
      }
    }
    // The children of the sessions too far from session s ride trips that do
    // not attend s: they take at most the seats of Z - Zs[s] trips per class.
    // (With one such session, its own seats row and the row above say it.)
    for (const auto& [session_idx, unused] : by_session) {
      const Session& session = instance_.sessions[session_idx];
      std::vector<int> far_cols;
      int far_sessions = 0;
      for (const auto& [other_idx, y_cols] : by_session) {
        const Session& other = instance_.sessions[other_idx];
        if (WithinLongestChildDay(std::min(session.start_minute, other.start_minute),
                                  std::max(session.end_minute, other.end_minute), travel,
                                  settings.longest_child_day_minutes)) {
          continue;
        }
        ++far_sessions;
        far_cols.insert(far_cols.end(), y_cols.begin(), y_cols.end());
      }
      if (far_sessions < 2) continue;
      std::vector<std::pair<int, double>> seats_left = CountOnce(far_cols, &Pair::child_id);
      for (size_t k = 0; k < group.z_cols.size(); ++k) {
        const double seats = problem_.classes[group.z_cols[k].second].max_children;
        seats_left.push_back({group.z_cols[k].first, -seats});
        seats_left.push_back({group.zs_cols[session_idx][k], seats});
      }
      AddRow(seats_left, 0);
    }
  }
  y_of_.resize(objective_.size(), {-1, -1});

  // Sessions: places in the session's unit, and people (each child once, each
  // escort present once): the domain's `Fits` (domain/session_capacity.h)
  // written as rows, which the extraction checks again by calling it.
  for (const auto& [session_idx, y_cols] : y_by_session) {
    const Session& session = instance_.sessions[session_idx];
    std::vector<std::pair<int, double>> people = CountOnce(y_cols, &Pair::child_id);
    for (int group_idx : groups_by_session[session_idx]) {
      const Group& group = groups_[group_idx];
      auto zs = group.zs_cols.find(session_idx);
      for (size_t k = 0; k < group.z_cols.size(); ++k) {
        people.push_back({zs != group.zs_cols.end() ? zs->second[k] : group.z_cols[k].first, 1});
      }
    }
    int people_capacity = session.capacity_people;
    if (session.capacity_unit == CapacityUnit::kPeople) {
      people_capacity = std::min(people_capacity, session.capacity_families);
    } else {
      std::vector<std::pair<int, double>> places;
      if (session.capacity_unit == CapacityUnit::kFamilies) {
        places = CountOnce(y_cols, &Pair::parent_id);
      } else {
        for (int col : y_cols) places.push_back({col, 1});
      }
      if (static_cast<int>(places.size()) > session.capacity_families) {
        AddRow(places, session.capacity_families);
      }
    }
    AddRow(people, people_capacity);
  }
  y_of_.resize(objective_.size(), {-1, -1});

  // A child's pairs: overlapping sessions, one trip a day, both parents the same day.
  std::map<long long, std::vector<int>> pairs_by_child;
  for (int pair_idx : pairs_)
    pairs_by_child[instance_.pairs[pair_idx].child_id].push_back(pair_idx);
  for (const auto& [child_id, child_pairs] : pairs_by_child) {
    for (size_t first = 0; first < child_pairs.size(); ++first) {
      for (size_t second = first + 1; second < child_pairs.size(); ++second) {
        int pa = child_pairs[first];
        int pb = child_pairs[second];
        bool same_facility = instance_.pairs[pa].facility_id == instance_.pairs[pb].facility_id;
        const Route* route = problem_.index.FindRoute(instance_.pairs[pa].home_base_id,
                                                      instance_.pairs[pa].facility_id);
        int travel = route == nullptr ? -1 : route->travel_minutes;
        std::map<long long, std::pair<std::vector<int>, std::vector<int>>> by_day;
        for (int sa : problem_.index.Candidates(pa)) {
          by_day[DaysSinceEpoch(instance_.sessions[sa].date)].first.push_back(y_col_[{pa, sa}]);
          for (int sb : problem_.index.Candidates(pb)) {
            const Session& a = instance_.sessions[sa];
            const Session& b = instance_.sessions[sb];
            bool overlap = sa != sb && a.date == b.date && a.start_minute < b.end_minute &&
                           b.start_minute < a.end_minute;
            // Both on one trip (a child has one a day) would make her day too long.
            bool too_long = same_facility && a.date == b.date && travel >= 0 &&
                            !WithinLongestChildDay(std::min(a.start_minute, b.start_minute),
                                                   std::max(a.end_minute, b.end_minute), travel,
                                                   settings.longest_child_day_minutes);
            if (overlap || too_long) AddRow({{y_col_[{pa, sa}], 1}, {y_col_[{pb, sb}], 1}}, 1);
          }
        }
        for (int sb : problem_.index.Candidates(pb)) {
          by_day[DaysSinceEpoch(instance_.sessions[sb].date)].second.push_back(y_col_[{pb, sb}]);
        }
        for (auto& [day, cols] : by_day) {
          if (cols.first.empty() || cols.second.empty()) continue;
          if (!same_facility) {
            std::vector<std::pair<int, double>> terms;
            for (int col : cols.first) terms.push_back({col, 1});
            for (int col : cols.second) terms.push_back({col, 1});
            AddRow(terms, 1);
          } else if (settings.same_day_bonus > 0) {
            int w = AddColumn(-settings.same_day_bonus, 1, false);
            bonus_cols_.insert(w);
            same_day_cols_.push_back({w, cols.first, cols.second});
            for (const auto* side : {&cols.first, &cols.second}) {
              std::vector<std::pair<int, double>> terms = {{w, 1}};
              for (int col : *side) terms.push_back({col, -1});
              AddRow(terms, 0);
            }
          }
        }
      }
    }
  }

  // Siblings in the same session.
  if (settings.sibling_bonus > 0) {
    std::map<std::pair<long long, int>, std::vector<int>> by_group_session;
    for (int pair_idx : pairs_) {
      long long group = instance_.pairs[pair_idx].sibling_group;
      if (group == 0) continue;
      for (int session_idx : problem_.index.Candidates(pair_idx)) {
        by_group_session[{group, session_idx}].push_back(y_col_[{pair_idx, session_idx}]);
      }
    }
    for (const auto& [key, y_cols] : by_group_session) {
      if (y_cols.size() < 2) continue;
      int v = AddColumn(-settings.sibling_bonus * static_cast<double>(y_cols.size() - 1), 1, false);
      bonus_cols_.insert(v);
      sibling_cols_.push_back({v, y_cols});
      for (int y_col : y_cols) AddRow({{v, 1}, {y_col, -1}}, 0);
    }
  }
  y_of_.resize(objective_.size(), {-1, -1});
}

// The first-come plan of the part as a point of the model (the solver checks
// it). The model counts as the checker does, or less where it cannot know the
// packing, so a valid first-come plan is a point of the model; should a row
// still break, the empty plan is the warm start instead.
std::vector<double> PartModel::WarmStart(const PartPlan& first_come) const {
  std::vector<double> values(objective_.size(), 0.0);
  std::vector<std::set<int>> trip_sessions(first_come.trips.size());
  for (const PartVisit& visit : first_come.visits) {
    auto it = y_col_.find({visit.pair_idx, visit.session_idx});
    if (it != y_col_.end()) values[it->second] = 1;
    trip_sessions[visit.trip].insert(visit.session_idx);
  }
  for (size_t trip_idx = 0; trip_idx < first_come.trips.size(); ++trip_idx) {
    const PartTrip& trip = first_come.trips[trip_idx];
    auto group_it = group_by_key_.find(
        std::make_tuple(trip.home_base_id, trip.facility_id, DaysSinceEpoch(trip.date)));
    if (group_it == group_by_key_.end()) continue;
    const Group& group = groups_[group_it->second];
    const Escort& escort = instance_.escorts[trip.escort_idx];
    for (size_t k = 0; k < group.z_cols.size(); ++k) {
      const EscortClass& escort_class = problem_.classes[group.z_cols[k].second];
      if (escort_class.home_base_ids != escort.home_base_ids ||
          escort_class.max_children != escort.max_children) {
        continue;
      }
      values[group.z_cols[k].first] += 1;
      for (int session_idx : trip_sessions[trip_idx]) {
        auto zs = group.zs_cols.find(session_idx);
        if (zs != group.zs_cols.end()) values[zs->second[k]] += 1;
      }
    }
  }
  FillBonuses(values);
  std::vector<double> activity(row_upper_.size(), 0.0);
  for (size_t k = 0; k < values_.size(); ++k) activity[rows_[k]] += values_[k] * values[cols_[k]];
  for (size_t row = 0; row < row_upper_.size(); ++row) {
    if (activity[row] > row_upper_[row] + 1e-9) {
      std::fill(values.begin(), values.end(), 0.0);
      break;
    }
  }
  return values;
}

PartPlan PartModel::Extract(const double* solution) const {
  PartPlan plan;
  EscortDays escort_days;  // each escort's one trip of a day (domain/escort_rules.h)
  for (const Group& group : groups_) {
    // The children of the group, each with its visits; siblings next to each other.
    std::map<long long, std::vector<int>> visits_by_child;
    for (int y_col : group.y_cols) {
      if (solution[y_col] > 0.5)
        visits_by_child[instance_.pairs[y_of_[y_col].first].child_id].push_back(y_col);
    }
    if (visits_by_child.empty()) continue;
    long long day = DaysSinceEpoch(group.date);
    struct Seat {
      int trip;
      int seats;               // the escort's
      int aboard = 0;          // children on the trip
      std::set<int> sessions;  // sessions the trip's children attend
      int earliest_start = 24 * 60;
      int latest_end = 0;
    };
    const Route* route = problem_.index.FindRoute(group.home_base_id, group.facility_id);
    const int travel = route == nullptr ? 0 : route->travel_minutes;
    const TripRoute route_there{group.home_base_id, group.facility_id};
    std::vector<Seat> seats;
    for (const auto& [z_col, class_idx] : group.z_cols) {
      int count = static_cast<int>(std::lround(solution[z_col]));
      const EscortClass& escort_class = problem_.classes[class_idx];
      for (int escort_idx : escort_class.escort_idxs) {
        if (count == 0) break;
        if (!problem_.index.EscortAvailable(escort_idx, day) ||
            !escort_days.Book(escort_idx, day, route_there)) {
          continue;
        }
        seats.push_back({static_cast<int>(plan.trips.size()), escort_class.max_children, 0, {}});
        plan.trips.push_back({escort_idx, group.home_base_id, group.facility_id, group.date});
        --count;
      }
    }
    auto sessions_of = [&](long long child_id) {
      std::set<int> sessions;
      for (int y_col : visits_by_child.at(child_id)) sessions.insert(y_of_[y_col].second);
      return sessions;
    };
    // Ride units: children joined by a family they visit with (siblings
    // visiting one parent ride together). Blocks: units joined by a sibling
    // group, biggest first, blocks going to the same sessions next to each
    // other so they share escorts. Both are joined through every visit of a
    // child (a child visiting two parents belongs to two families: keying a
    // block by one visit split a family across two trips).
    ChildSets units;
    ChildSets blocks_of;
    std::map<long long, long long> child_of_sibling_group;
    for (const auto& [child_id, cols] : visits_by_child) {
      units.Find(child_id);
      blocks_of.Find(child_id);
      for (int y_col : cols) {
        for (int member : problem_.index.Family(y_of_[y_col].first)) {
          long long sibling = instance_.pairs[member].child_id;
          if (visits_by_child.count(sibling)) {
            units.Join(child_id, sibling);
            blocks_of.Join(child_id, sibling);
          }
        }
        long long sibling_group = instance_.pairs[y_of_[y_col].first].sibling_group;
        if (sibling_group == 0) continue;
        auto [first, inserted] = child_of_sibling_group.try_emplace(sibling_group, child_id);
        if (!inserted) blocks_of.Join(child_id, first->second);
      }
    }
    std::map<long long, std::vector<long long>> blocks;
    std::map<long long, std::vector<long long>> children_of_unit;
    for (const auto& [child_id, cols] : visits_by_child) {
      blocks[blocks_of.Find(child_id)].push_back(child_id);
      children_of_unit[units.Find(child_id)].push_back(child_id);
    }
    std::vector<std::pair<std::set<int>, std::vector<long long>>> ordered;
    for (auto& [key, children] : blocks) {
      std::set<int> sessions;
      for (long long child_id : children) sessions.merge(sessions_of(child_id));
      ordered.push_back({sessions, children});
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
      if (a.second.size() != b.second.size()) return a.second.size() > b.second.size();
      return a.first < b.first;
    });
    // The seat for `wanted` places: the trip with room that adds the fewest
    // escorts to sessions (those of `sessions` it does not attend yet), then
    // attends the fewest other sessions, then has the least room left.
    auto choose = [&](int wanted, const std::set<int>& sessions) {
      auto best = seats.end();
      std::tuple<int, int, int> best_cost;
      for (auto seat = seats.begin(); seat != seats.end(); ++seat) {
        if (!HasSeats(seat->aboard, wanted, seat->seats)) continue;
        int earliest = seat->earliest_start;
        int latest = seat->latest_end;
        for (int session_idx : sessions) {
          earliest = std::min(earliest, instance_.sessions[session_idx].start_minute);
          latest = std::max(latest, instance_.sessions[session_idx].end_minute);
        }
        if (!WithinLongestChildDay(earliest, latest, travel,
                                   instance_.settings.longest_child_day_minutes)) {
          continue;  // the trip's children would be away too long
        }
        int added = 0;
        for (int session_idx : sessions) added += seat->sessions.count(session_idx) ? 0 : 1;
        int others = 0;
        for (int session_idx : seat->sessions) others += sessions.count(session_idx) ? 0 : 1;
        std::tuple<int, int, int> cost{added, others, seat->seats - seat->aboard};
        if (best == seats.end() || cost < best_cost) {
          best = seat;
          best_cost = cost;
        }
      }
      return best;
    };
    // The trips as made (trip index, seats), for the exact packing.
    std::vector<std::pair<int, int>> seats_made;
    for (const Seat& seat : seats) seats_made.push_back({seat.trip, seat.seats});
    std::map<long long, int> trip_of_child;
    for (const auto& [block_sessions, block] : ordered) {
      // A whole block in one trip if one has room, else family by family
      // (siblings visiting one parent ride together), else child by child.
      auto whole = choose(static_cast<int>(block.size()), block_sessions);
      std::map<long long, std::vector<Seat>::iterator> unit_seat;  // by the unit's leader
      for (long long child_id : block) {
        const long long unit = units.Find(child_id);
        if (unit_seat.count(unit)) continue;
        const std::vector<long long>& children = children_of_unit.at(unit);
        std::set<int> sessions;
        for (long long member : children) sessions.merge(sessions_of(member));
        unit_seat[unit] =
            whole != seats.end() ? whole : choose(static_cast<int>(children.size()), sessions);
      }
      for (long long child_id : block) {
        std::set<int> sessions = sessions_of(child_id);
        auto seat = unit_seat.at(units.Find(child_id));
        if (seat == seats.end()) continue;  // no trip short enough: the child stays home
        ++seat->aboard;
        seat->sessions.insert(sessions.begin(), sessions.end());
        for (int session_idx : sessions) {
          seat->earliest_start =
              std::min(seat->earliest_start, instance_.sessions[session_idx].start_minute);
          seat->latest_end = std::max(seat->latest_end, instance_.sessions[session_idx].end_minute);
        }
        trip_of_child[child_id] = seat->trip;
      }
    }
    if (trip_of_child.size() < visits_by_child.size()) {
      PackExactly(visits_by_child, children_of_unit, seats_made, group, trip_of_child);
    }
    for (const auto& [child_id, trip] : trip_of_child) {
      for (int y_col : visits_by_child.at(child_id)) {
        plan.visits.push_back({y_of_[y_col].first, y_of_[y_col].second, trip});
        plan.coverage += instance_.pairs[y_of_[y_col].first].priority;
      }
    }
  }
  DropSplitFamilies(plan);
  DropOverfull(plan);
  return plan;
}

void PartModel::PackExactly(const std::map<long long, std::vector<int>>& visits_by_child,
                            const std::map<long long, std::vector<long long>>& children_of_unit,
                            const std::vector<std::pair<int, int>>& trips, const Group& group,
                            std::map<long long, int>& trip_of_child) const {
  std::map<int, int> bit_of_session;
  for (const auto& [child_id, y_cols] : visits_by_child) {
    for (int y_col : y_cols) {
      bit_of_session.try_emplace(y_of_[y_col].second, static_cast<int>(bit_of_session.size()));
    }
  }
  if (trips.empty() || bit_of_session.size() > 64) return;
  std::vector<RideUnit> units;
  for (const auto& [leader, children] : children_of_unit) {
    RideUnit& unit = units.emplace_back();
    for (long long child_id : children) {
      unit.children.push_back(child_id);
      ++unit.size;
      for (int y_col : visits_by_child.at(child_id)) {
        const Session& session = instance_.sessions[y_of_[y_col].second];
        unit.sessions |= std::uint64_t{1} << bit_of_session.at(y_of_[y_col].second);
        unit.earliest_start = std::min(unit.earliest_start, session.start_minute);
        unit.latest_end = std::max(unit.latest_end, session.end_minute);
        unit.value += instance_.pairs[y_of_[y_col].first].priority;
      }
    }
  }
  std::stable_sort(units.begin(), units.end(), [](const RideUnit& a, const RideUnit& b) {
    return a.size != b.size ? a.size > b.size : a.value > b.value;
  });
  std::vector<int> rooms;
  for (const auto& [trip, seats] : trips) rooms.push_back(seats);
  const Route* route = problem_.index.FindRoute(group.home_base_id, group.facility_id);
  const int travel = route == nullptr ? 0 : route->travel_minutes;
  RidePacker packer(units, rooms, travel, instance_.settings.longest_child_day_minutes,
                    kRidePackingNodes);
  std::vector<int> placement = packer.Pack();
  double greedy = 0;
  for (const auto& [child_id, trip] : trip_of_child) {
    for (int y_col : visits_by_child.at(child_id)) {
      greedy += instance_.pairs[y_of_[y_col].first].priority;
    }
  }
  if (placement.empty() || packer.placed() <= greedy + 1e-9) return;
  trip_of_child.clear();
  for (size_t unit_idx = 0; unit_idx < units.size(); ++unit_idx) {
    if (placement[unit_idx] < 0) continue;
    for (long long child_id : units[unit_idx].children) {
      trip_of_child[child_id] = trips[placement[unit_idx]].first;
    }
  }
}

void PartModel::DropSplitFamilies(PartPlan& plan) const {
  std::map<std::pair<int, int>, std::set<int>> trips_of;  // (family, session) -> trips
  std::map<std::pair<int, int>, size_t> members_in;
  for (const PartVisit& visit : plan.visits) {
    const std::vector<int>& family = problem_.index.Family(visit.pair_idx);
    if (family.size() < 2) continue;
    std::pair<int, int> key{family.front(), visit.session_idx};
    trips_of[key].insert(visit.trip);
    ++members_in[key];
  }
  std::erase_if(plan.visits, [&](const PartVisit& visit) {
    const std::vector<int>& family = problem_.index.Family(visit.pair_idx);
    if (family.size() < 2) return false;
    std::pair<int, int> key{family.front(), visit.session_idx};
    if (trips_of[key].size() == 1 && members_in[key] == family.size()) return false;
    plan.coverage -= instance_.pairs[visit.pair_idx].priority;
    return true;
  });
}

void PartModel::DropOverfull(PartPlan& plan) const {
  for (bool dropped = true; dropped;) {
    dropped = false;
    std::map<int, std::vector<size_t>> by_session;
    for (size_t visit_idx = 0; visit_idx < plan.visits.size(); ++visit_idx) {
      by_session[plan.visits[visit_idx].session_idx].push_back(visit_idx);
    }
    for (const auto& [session_idx, visit_idxs] : by_session) {
      std::vector<SessionVisit> visits;
      for (size_t visit_idx : visit_idxs) {
        const PartVisit& visit = plan.visits[visit_idx];
        const Pair& pair = instance_.pairs[visit.pair_idx];
        visits.push_back({pair.child_id, pair.parent_id, visit.trip});
      }
      if (Fits(LoadOf(visits), internal::CapacityOf(instance_.sessions[session_idx]))) continue;
      size_t drop = visit_idxs.front();
      for (size_t visit_idx : visit_idxs) {
        if (instance_.pairs[plan.visits[visit_idx].pair_idx].priority <
            instance_.pairs[plan.visits[drop].pair_idx].priority) {
          drop = visit_idx;
        }
      }
      // With the dropped child's siblings visiting that parent there.
      const std::vector<int>& family = problem_.index.Family(plan.visits[drop].pair_idx);
      std::erase_if(plan.visits, [&, session_idx = session_idx](const PartVisit& visit) {
        if (visit.session_idx != session_idx ||
            std::find(family.begin(), family.end(), visit.pair_idx) == family.end()) {
          return false;
        }
        plan.coverage -= instance_.pairs[visit.pair_idx].priority;
        return true;
      });
      dropped = true;
      break;
    }
  }
}

std::unique_ptr<OsiClpSolverInterface> PartModel::MakeSolver(const std::vector<double>& objective,
                                                             double min_coverage,
                                                             bool bonuses) const {
  int columns = static_cast<int>(objective_.size());
  std::vector<int> rows;
  std::vector<int> cols;
  std::vector<double> values;
  std::vector<double> row_upper;
  std::vector<bool> skip_row(row_upper_.size(), false);
  if (!bonuses) {
    for (size_t k = 0; k < values_.size(); ++k) {
      if (bonus_cols_.count(cols_[k])) skip_row[rows_[k]] = true;
    }
  }
  std::vector<int> new_row(row_upper_.size(), -1);
  for (size_t row = 0; row < row_upper_.size(); ++row) {
    if (skip_row[row]) continue;
    new_row[row] = static_cast<int>(row_upper.size());
    row_upper.push_back(row_upper_[row]);
  }
  for (size_t k = 0; k < values_.size(); ++k) {
    if (new_row[rows_[k]] < 0) continue;
    rows.push_back(new_row[rows_[k]]);
    cols.push_back(cols_[k]);
    values.push_back(values_[k]);
  }
  std::vector<double> upper = upper_;
  if (!bonuses) {
    for (int col : bonus_cols_) upper[col] = 0;
  }
  if (min_coverage > 0) {  // - sum priority y <= - min_coverage
    int row = static_cast<int>(row_upper.size());
    for (int col = 0; col < columns; ++col) {
      if (y_of_[col].first < 0) continue;
      rows.push_back(row);
      cols.push_back(col);
      values.push_back(-instance_.pairs[y_of_[col].first].priority);
    }
    row_upper.push_back(-min_coverage + 1e-6);
  }
  CoinPackedMatrix matrix(false, rows.data(), cols.data(), values.data(),
                          static_cast<CoinBigIndex>(values.size()));
  // The triplets name every row but perhaps not every column: size explicitly.
  matrix.setDimensions(static_cast<int>(row_upper.size()), columns);
  std::vector<double> lower(columns, 0.0);
  std::vector<double> row_lower(row_upper.size(), -COIN_DBL_MAX);
  auto solver = std::make_unique<OsiClpSolverInterface>();
  solver->messageHandler()->setLogLevel(0);
  solver->getModelPtr()->setLogLevel(0);
  solver->loadProblem(matrix, lower.data(), upper.data(), objective.data(), row_lower.data(),
                      row_upper.data());
  for (int col = 0; col < columns; ++col) {
    if (integer_[col]) solver->setInteger(col);
  }
  return solver;
}

// A feasible integer point built greedily: visits in order of `score` (the LP
// relaxation's values), each added when every row still holds, opening a trip
// of its (base, facility, date) when the open ones are full.
bool PartModel::CanAdd(const std::vector<int>& cols, const std::vector<double>& x,
                       const std::vector<std::vector<std::pair<int, double>>>& col_rows,
                       const std::vector<double>& activity, std::vector<int>& adding,
                       std::vector<std::pair<int, double>>& delta) const {
  adding.clear();
  for (int col : cols) {
    if (col < 0) continue;
    if (x[col] + 1 > upper_[col] + 1e-9) return false;
    adding.push_back(col);
    if (y_of_[col].first < 0 || static_cast<size_t>(col) >= implied_of_y_.size()) continue;
    for (int implied : implied_of_y_[col]) {
      if (x[implied] < 0.5) adding.push_back(implied);
    }
  }
  std::sort(adding.begin(), adding.end());
  adding.erase(std::unique(adding.begin(), adding.end()), adding.end());
  delta.clear();
  for (int col : adding) {
    for (const auto& term : col_rows[col]) delta.push_back(term);
  }
  std::sort(delta.begin(), delta.end());
  for (size_t k = 0; k < delta.size();) {
    size_t next = k;
    double change = 0;
    while (next < delta.size() && delta[next].first == delta[k].first)
      change += delta[next++].second;
    // A row a change does not raise may stay as it is (a move under way).
    if (change > 0 && activity[delta[k].first] + change > row_upper_[delta[k].first] + 1e-9)
      return false;
    k = next;
  }
  return true;
}

std::vector<double> PartModel::Greedy(const std::vector<double>& score,
                                      const std::set<int>* fill_first, unsigned seed) const {
  int columns = static_cast<int>(objective_.size());
  std::vector<std::vector<std::pair<int, double>>> col_rows(columns);
  for (size_t k = 0; k < values_.size(); ++k) col_rows[cols_[k]].push_back({rows_[k], values_[k]});
  std::vector<double> activity(row_upper_.size(), 0.0);
  std::vector<double> x(columns, 0.0);
  std::vector<int> order;
  for (int col = 0; col < columns; ++col) {
    if (y_of_[col].first >= 0) order.push_back(col);
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    if (std::abs(score[a] - score[b]) > 1e-6) return score[a] > score[b];
    return objective_[a] < objective_[b];  // higher priority first
  });
  std::vector<std::pair<int, double>> delta;
  std::vector<int> adding;
  // Adds one unit of each column of `cols` (and the implied columns a y
  // column raises from 0) if every row still holds.
  auto try_add = [&](const std::vector<int>& cols) {
    if (!CanAdd(cols, x, col_rows, activity, adding, delta)) return false;
    for (const auto& [row, value] : delta) activity[row] += value;
    for (int col : adding) x[col] += 1;
    return true;
  };
  // Trips first, as many as the relaxation opens (rounded), most used first;
  // then the visits; then trips nobody needs are closed and the visits left
  // out get a second chance with the room that freed.
  std::vector<int> trip_order;
  for (const Group& group : groups_) {
    for (const auto& [z_col, class_idx] : group.z_cols) trip_order.push_back(z_col);
  }
  std::stable_sort(trip_order.begin(), trip_order.end(),
                   [&](int a, int b) { return score[a] > score[b]; });
  std::vector<int> session_trip_order;
  for (const Group& group : groups_) {
    for (const auto& [session_idx, zs] : group.zs_cols) {
      session_trip_order.insert(session_trip_order.end(), zs.begin(), zs.end());
    }
  }
  for (const std::vector<int>* trips : {&trip_order, &session_trip_order}) {
    for (int z_col : *trips) {
      int wanted = static_cast<int>(std::floor(score[z_col] + 0.5));
      for (int trip = 0; trip < wanted && try_add({z_col}); ++trip) {
      }
    }
  }
  // One visit (with its family), in an open trip or else opening one.
  auto add_one = [&](int y_col) {
    // A family's members come in together.
    std::vector<int> visit =
        family_cols_[y_col].empty() ? std::vector<int>{y_col} : family_cols_[y_col];
    if (try_add(visit)) return true;
    const Group& group = groups_[y_group_[y_col]];
    auto zs = group.zs_cols.find(y_of_[y_col].second);
    auto with = [&](std::initializer_list<int> trips) {
      std::vector<int> cols = visit;
      cols.insert(cols.end(), trips.begin(), trips.end());
      return try_add(cols);
    };
    for (size_t k = 0; k < group.z_cols.size(); ++k) {
      int z_col = group.z_cols[k].first;
      if (zs == group.zs_cols.end()) {
        if (with({z_col})) return true;
      } else if (with({zs->second[k]}) || with({zs->second[k], z_col})) {
        return true;
      }
    }
    return false;
  };
  auto add_visits = [&]() {
    for (int y_col : order) {
      if (x[y_col] < 0.5) add_one(y_col);
    }
  };
  if (fill_first != nullptr) {
    // Trips filled a (base, facility, date) at a time: the one most of the
    // pairs of `fill_first` can still use first, as many of them as fit.
    std::map<int, std::vector<int>> cols_of_pair;
    for (int col : order) {
      if (fill_first->count(y_of_[col].first)) cols_of_pair[y_of_[col].first].push_back(col);
    }
    std::vector<int> pending_in(groups_.size(), 0);
    std::vector<bool> tried(groups_.size(), false);
    std::set<int> pending;
    auto groups_of = [&](int pair_idx) {
      std::set<int> groups;
      for (int col : cols_of_pair[pair_idx]) groups.insert(y_group_[col]);
      return groups;
    };
    for (const auto& [pair_idx, cols] : cols_of_pair) {
      pending.insert(pair_idx);
      for (int group : groups_of(pair_idx)) ++pending_in[group];
    }
    // Ties between groups broken by a seeded draw (0: by group order).
    std::mt19937 random(seed);
    std::vector<int> tie(groups_.size(), 0);
    if (seed != 0) {
      for (int& draw : tie) draw = static_cast<int>(random() % 1000);
    }
    std::priority_queue<std::tuple<int, int, int>> queue;  // (pending pairs, tie, -group)
    auto push = [&](int group) { queue.push({pending_in[group], tie[group], -group}); };
    for (int group = 0; group < static_cast<int>(groups_.size()); ++group) {
      if (pending_in[group] > 0) push(group);
    }
    while (!queue.empty()) {
      auto [count, unused, negative_group] = queue.top();
      queue.pop();
      const int group = -negative_group;
      if (tried[group] || count != pending_in[group] || count == 0) continue;
      // One trip at a time: the pairs that fit in the trips open here, then
      // one new trip (the first pair that opens one) and those that fit in it.
      bool opened = false;
      for (bool open_one : {false, true, false}) {
        for (int col : groups_[group].y_cols) {
          const int pair_idx = y_of_[col].first;
          if (!pending.count(pair_idx) || x[col] > 0.5) continue;
          std::vector<int> visit =
              family_cols_[col].empty() ? std::vector<int>{col} : family_cols_[col];
          if (!(open_one ? add_one(col) : try_add(visit))) continue;
          opened = opened || open_one;
          for (int member : problem_.index.Family(pair_idx)) {
            if (!pending.erase(member)) continue;
            for (int other : groups_of(member)) {
              if (--pending_in[other] > 0 && !tried[other] && other != group) push(other);
            }
          }
          if (open_one) break;
        }
      }
      // Pairs left here may take another trip later; none fitting: done here.
      if (!opened) tried[group] = true;
      if (pending_in[group] > 0 && !tried[group]) push(group);
    }
  }
  add_visits();
  CloseUnneededTrips(x);
  std::fill(activity.begin(), activity.end(), 0.0);
  for (size_t k = 0; k < values_.size(); ++k) activity[rows_[k]] += values_[k] * x[cols_[k]];
  add_visits();
  FillBonuses(x);
  return x;
}

std::vector<double> PartModel::FewestTrips(const std::vector<double>& from, unsigned seed) const {
  std::set<int> visited;
  for (size_t col = 0; col < from.size(); ++col) {
    if (y_of_[col].first >= 0 && from[col] > 0.5) visited.insert(y_of_[col].first);
  }
  std::vector<double> score(from.size(), 0.0);  // no trip opened beforehand
  for (size_t col = 0; col < from.size(); ++col) {
    if (y_of_[col].first >= 0) score[col] = from[col];
  }
  return Greedy(score, &visited, seed);
}

void PartModel::CloseUnneededTrips(std::vector<double>& x) const {
  // Keeps, class by class, the trips the children need (at most what is open).
  auto keep = [&](const std::vector<int>& y_cols, const std::vector<int>& trip_cols,
                  const Group& group, std::vector<int>& kept) {
    std::set<long long> children;
    for (int y_col : y_cols) {
      if (x[y_col] > 0.5) children.insert(instance_.pairs[y_of_[y_col].first].child_id);
    }
    int seats_needed = static_cast<int>(children.size());
    kept.assign(trip_cols.size(), 0);
    for (size_t k = 0; k < trip_cols.size(); ++k) {
      int max_children = problem_.classes[group.z_cols[k].second].max_children;
      kept[k] = std::min(static_cast<int>(std::lround(x[trip_cols[k]])),
                         (seats_needed + max_children - 1) / max_children);
      seats_needed = std::max(0, seats_needed - kept[k] * max_children);
    }
  };
  std::vector<int> trip_cols;
  std::vector<int> kept;
  std::vector<int> session_kept;
  for (const Group& group : groups_) {
    trip_cols.clear();
    for (const auto& [z_col, class_idx] : group.z_cols) trip_cols.push_back(z_col);
    keep(group.y_cols, trip_cols, group, kept);
    for (const auto& [session_idx, zs] : group.zs_cols) {
      std::vector<int> y_cols;
      for (int y_col : group.y_cols) {
        if (y_of_[y_col].second == session_idx) y_cols.push_back(y_col);
      }
      keep(y_cols, zs, group, session_kept);
      for (size_t k = 0; k < zs.size(); ++k) {
        x[zs[k]] = session_kept[k];
        kept[k] = std::max(kept[k], session_kept[k]);
      }
    }
    for (size_t k = 0; k < trip_cols.size(); ++k) x[trip_cols[k]] = kept[k];
  }
}

// Bonus variables at the value the visits earn (the most their rows allow).
void PartModel::FillBonuses(std::vector<double>& x) const {
  FillImplied(x);
  for (const auto& [v, y_cols] : sibling_cols_) {
    double together = 1;
    for (int col : y_cols) together = std::min(together, x[col]);
    x[v] = together;
  }
  for (const auto& [w, first, second] : same_day_cols_) {
    double a = 0;
    double b = 0;
    for (int col : first) a += x[col];
    for (int col : second) b += x[col];
    x[w] = std::min({1.0, a, b});
  }
}

double PartModel::CoverageOf(const std::vector<double>& x) const {
  double coverage = 0;
  for (size_t col = 0; col < x.size(); ++col) {
    if (y_of_[col].first >= 0 && x[col] > 0.5)
      coverage += instance_.pairs[y_of_[col].first].priority;
  }
  return coverage;
}

double PartModel::ValueOf(const std::vector<double>& objective,
                          const std::vector<double>& x) const {
  double value = 0;
  for (size_t col = 0; col < x.size(); ++col) value += objective[col] * x[col];
  return value;
}

// Branch and bound from `warm` for at most `seconds`. Returns whether it proved
// optimality; improves `best` when it finds better and lowers `bound` (in the
// minimisation sense, so raises it as a maximum) to CBC's best possible.
bool PartModel::BranchAndBound(const std::vector<double>& objective, double min_coverage,
                               bool bonuses, double seconds, std::vector<double>& best,
                               double& bound) const {
  std::unique_ptr<OsiClpSolverInterface> solver = MakeSolver(objective, min_coverage, bonuses);
  if (!bonuses) {
    for (int col : bonus_cols_) best[col] = 0;
  }
  CbcModel model(*solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  model.solver()->messageHandler()->setLogLevel(0);
  int columns = static_cast<int>(best.size());
  model.setBestSolution(best.data(), columns, ValueOf(objective, best), true);
  {
    // CBC's own driver (CbcMain1: its cuts, heuristics and search settings,
    // as the cbc program runs them) proves instance (a) in about 0.4 s where
    // CbcModel::branchAndBound with CbcStrategyDefault needed 30 s. It keeps
    // state in globals (two at once crashed), so one part runs it at a time;
    // the wait counts against the part's time. CBC's preprocessing is off: in
    // CBC 2.10.8 its postprocessing crashed in about one run in three.
    static std::mutex cbc_driver;
    const Clock::time_point asked = Clock::now();
    std::lock_guard<std::mutex> lock(cbc_driver);
    seconds -= std::chrono::duration<double>(Clock::now() - asked).count();
    CbcSolverUsefulData data;
    CbcMain0(model, data);
    const std::string limit = std::to_string(std::max(0.01, seconds));
    // The trips stage stops once CBC proves that no plan at this coverage is
    // better by a trip's weight: on (a) it found the best plan in 0.5 s and
    // spent 1.8 s more proving the last 0.006 (a 0.02 % gap).
    std::vector<const char*> arguments = {"vinculo",  "-timeMode",   "elapsed",
                                          "-seconds", limit.c_str(), "-log",
                                          "0",        "-preprocess", "off"};
    const std::string tolerance = std::to_string(instance_.settings.trip_penalty);
    if (bonuses) arguments.insert(arguments.end(), {"-allowableGap", tolerance.c_str()});
    arguments.insert(arguments.end(), {"-solve", "-quit"});
    CbcMain1(
        static_cast<int>(arguments.size()), arguments.data(), model,
        [](CbcModel*, int) { return 0; }, data);
  }
  if (model.bestSolution() != nullptr &&
      ValueOf(objective,
              std::vector<double>(model.bestSolution(), model.bestSolution() + columns)) <
          ValueOf(objective, best) - 1e-9) {
    best.assign(model.bestSolution(), model.bestSolution() + columns);
    for (double& value : best) value = std::round(value);
  }
  FillBonuses(best);
  double possible = model.getBestPossibleObjValue();
  if (std::isfinite(possible)) bound = std::max(bound, possible);
  return model.isProvenOptimal();
}

void PartModel::Start(const PartPlan& first_come) {
  first_come_ = &first_come;
  Build();
  schedulable_ = 0;
  for (int pair_idx : pairs_) {
    schedulable_ += instance_.pairs[pair_idx].priority * MostVisits(problem_.index, pair_idx);
  }
  int columns = static_cast<int>(objective_.size());

  // Coverage first: the LP relaxation bounds it and guides the heuristics.
  coverage_objective_.assign(columns, 0.0);
  for (int col = 0; col < columns; ++col) {
    if (y_of_[col].first >= 0) coverage_objective_[col] = objective_[col];
  }
  std::unique_ptr<OsiClpSolverInterface> lp = MakeSolver(coverage_objective_, 0, false);
  // Primal simplex: 2.4 times faster than Clp's default (dual) on these LPs
  // (the 3,000-pair parts: 0.61 s against 1.49 s for six of them).
  ClpSolve primal;
  primal.setSolveType(ClpSolve::usePrimal);
  primal.setPresolveType(ClpSolve::presolveOff);
  lp->setSolveOptions(primal);
  lp->initialSolve();
  coverage_bound_ = schedulable_;
  std::vector<double> score(columns, 0.0);
  if (lp->isProvenOptimal()) {
    coverage_bound_ = std::min(schedulable_, -lp->getObjValue());
    score.assign(lp->getColSolution(), lp->getColSolution() + columns);
  }
  best_ = Greedy(score);
  // Trips decided, the visits are nearly a transportation problem whose LP is
  // integral: round the relaxation's trips within each escort class's free
  // members that date (largest fractions first), fix them, re-solve, and fill.
  if (lp->isProvenOptimal() && CoverageOf(best_) < coverage_bound_ - 1e-6) {
    std::vector<int> z_cols;
    for (int col = 0; col < static_cast<int>(z_budget_.size()); ++col) {
      if (z_budget_[col] >= 0) z_cols.push_back(col);
    }
    std::stable_sort(z_cols.begin(), z_cols.end(), [&](int a, int b) {
      return score[a] - std::floor(score[a] + 1e-6) > score[b] - std::floor(score[b] + 1e-6);
    });
    // Rounding up from a small fraction opens more trips (more room, fewer
    // escorts left); from a large one, fewer. Try two, keep the best: five
    // (0.05 to 0.95) placed 0.2 % more on the national instance than two,
    // but with the moves below (AddVisits) 12 points in 67,600 less than
    // two, for 60 % more of the first pass's time (each rounding re-solves
    // the LP).
    for (double round_up_from : {0.05, 0.75}) {
      std::vector<int> used(budget_free_.size(), 0);
      std::vector<int> rounded(columns, 0);
      for (int col : z_cols) {
        rounded[col] = static_cast<int>(std::floor(score[col] + 1e-6));
        used[z_budget_[col]] += rounded[col];
      }
      for (int col : z_cols) {
        double fraction = score[col] - rounded[col];
        if (fraction > round_up_from && used[z_budget_[col]] < budget_free_[z_budget_[col]]) {
          ++rounded[col];
          ++used[z_budget_[col]];
        }
        lp->setColBounds(col, rounded[col], rounded[col]);
      }
      lp->resolve();
      if (!lp->isProvenOptimal()) continue;
      std::vector<double> fixed(lp->getColSolution(), lp->getColSolution() + columns);
      std::vector<double> candidate = Greedy(fixed);
      if (CoverageOf(candidate) > CoverageOf(best_) + 1e-9) best_ = candidate;
      if (CoverageOf(best_) >= coverage_bound_ - 1e-6) break;
    }
  }
  std::vector<double> warm = WarmStart(first_come);
  if (CoverageOf(warm) > CoverageOf(best_) + 1e-9) best_ = warm;
  proven_ = CoverageOf(best_) >= coverage_bound_ - 1e-6;
  coverage_settled_ = Clock::now();
  // Trips closed by moving their families into trips already open (a part
  // CBC's trips stage never reaches keeps these).
  // Visits the heuristics left out, added by moving (or, worth less, dropping)
  // the visits in their way; then trips closed by moving their families into
  // trips already open (a part CBC's trips stage never reaches keeps these).
  // (Trips closed first free escorts the added visits may need.)
  KeepClosedTrips();
  if (!proven_) KeepAddedVisits();
  KeepClosedTrips();
}

void PartModel::Improve(double seconds) {
  Clock::time_point started = Clock::now();
  auto left = [&]() {
    return seconds - std::chrono::duration<double>(Clock::now() - started).count();
  };
  int columns = static_cast<int>(objective_.size());
  if (!proven_ && left() >= kLeastCoverageSearchSeconds) {
    double min_bound = -coverage_bound_;
    // Half the part's time at most: the trips stage below needs some, or a
    // national plan, whose parts are never proven, never saves a trip.
    proven_ = BranchAndBound(coverage_objective_, 0, false, left() / 2, best_, min_bound);
    coverage_bound_ = std::min(coverage_bound_, -min_bound);
    proven_ = proven_ || CoverageOf(best_) >= coverage_bound_ - 1e-6;
  }
  // Too short for CBC, whose trips stage would get a few hundredths of a
  // second too: the time goes to rebuilding groups, and trips are closed by
  // moves (part_moves.cc).
  if (!proven_ && left() < kLeastCoverageSearchSeconds) {
    RebuildGroups(left());
    KeepAddedVisits();
    coverage_settled_ = Clock::now();
    KeepClosedTrips();
    return;
  }
  if (!proven_) KeepAddedVisits();
  coverage_settled_ = Clock::now();
  double coverage = CoverageOf(best_);

  // At that coverage: fewer trips, lower cost, siblings and parents together.
  // A greedy from the LP of the full objective, then CBC with what time is left.
  if (left() > 0) {
    std::unique_ptr<OsiClpSolverInterface> full = MakeSolver(objective_, coverage, true);
    full->initialSolve();
    if (full->isProvenOptimal()) {
      std::vector<double> guided =
          Greedy(std::vector<double>(full->getColSolution(), full->getColSolution() + columns));
      if (CoverageOf(guided) >= coverage - 1e-9 &&
          ValueOf(objective_, guided) < ValueOf(objective_, best_)) {
        best_ = guided;
      }
    }
  }
  // A set-cover greedy for trips (issue 19: the demo month got 21 trips where
  // 13 carry the same visits, and CBC alone needed more than two seconds).
  // Restarted with other tie-breaks for a tenth of the stage's time
  // (kFewestTripsRestarts at most).
  const double restarts_for = std::min(left(), instance_.settings.trips_stage_seconds) / 10;
  const Clock::time_point restarts_started = Clock::now();
  const std::vector<double> start = best_;
  for (unsigned seed = 0; seed < kFewestTripsRestarts && left() > 0; ++seed) {
    if (seed > 0 &&
        std::chrono::duration<double>(Clock::now() - restarts_started).count() > restarts_for) {
      break;
    }
    std::vector<double> filled = FewestTrips(start, seed);
    if (CoverageOf(filled) >= coverage - 1e-9 &&
        ValueOf(objective_, filled) < ValueOf(objective_, best_)) {
      best_ = filled;
    }
  }
  // Fewer trips and lower cost at that coverage: half the part's time at
  // most, and at most trips_stage_seconds (CBC stops sooner when it proves).
  double polish = std::min({left(), seconds / 2, instance_.settings.trips_stage_seconds});
  if (polish > 0.02) {
    double unused = -COIN_DBL_MAX;
    BranchAndBound(objective_, coverage, true, polish, best_, unused);
  }
  KeepClosedTrips();
}

PartPlan PartModel::Result() const {
  PartPlan plan = Extract(best_.data());
  if (plan.coverage < first_come_->coverage - 1e-9) plan = *first_come_;  // never worse
  // The bound is the model's (a relaxation of the rules the checker holds):
  // proven coverage when CBC proved it, else the LP's or CBC's best possible.
  double bound = proven_ ? CoverageOf(best_) : coverage_bound_;
  plan.bound = std::clamp(bound, plan.coverage, schedulable_);
  plan.proven_optimal = plan.coverage >= plan.bound - 1e-6;
  return plan;
}

}  // namespace vinculo::planner::internal
