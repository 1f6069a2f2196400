// Small hand-made planner instances shared by the planner suites. Synthetic ids
// only: facilities 10.., home bases 1.., escorts 100.., children 1000..,
// parents 2000.., pairs 1...
#pragma once

#include <string>
#include <vector>

#include "planner/planner.h"

namespace vinculo::planner::testing {

inline Date D(int day) { return Date{2026, 12, day}; }

inline Session MakeSession(long long id, long long facility_id, int day, int start_hour,
                           int end_hour, int families, int people, Wing wing = Wing::kAny) {
  Session session;
  session.id = id;
  session.facility_id = facility_id;
  session.date = D(day);
  session.start_minute = start_hour * 60;
  session.end_minute = end_hour * 60;
  session.capacity_families = families;
  session.capacity_people = people;
  session.wing = wing;
  return session;
}

inline Pair MakePair(long long id, long long child_id, long long parent_id, long long facility_id,
                     long long home_base_id, double priority = 1.0) {
  Pair pair;
  pair.id = id;
  pair.child_id = child_id;
  pair.parent_id = parent_id;
  pair.facility_id = facility_id;
  pair.home_base_id = home_base_id;
  pair.priority = priority;
  pair.requested_order = id;
  return pair;
}

inline Escort MakeEscort(long long id, std::vector<long long> bases, std::vector<int> days,
                         int max_children = 4) {
  Escort escort;
  escort.id = id;
  escort.home_base_ids = std::move(bases);
  for (int day : days) escort.available_dates.push_back(D(day));
  escort.max_children = max_children;
  return escort;
}

// December 2026 at facility 10 (women's and men's wings), children living at
// home bases 1 and 2. Sessions 1 and 2 are on the 5th at overlapping times,
// session 3 on the 12th. Escort 100 takes up to 2 children from base 1 on the
// 5th and 12th; escort 101 from base 2 on the 5th.
inline Instance SmallWorld() {
  Instance instance;
  instance.year = 2026;
  instance.month = 12;
  instance.sessions = {MakeSession(1, 10, 5, 10, 12, 3, 5),
                       MakeSession(2, 10, 5, 11, 13, 3, 5, Wing::kWomen),
                       MakeSession(3, 10, 12, 10, 12, 3, 5)};
  instance.escorts = {MakeEscort(100, {1}, {5, 12}, 2), MakeEscort(101, {2}, {5}, 4)};
  instance.routes = {{1, 10, 60, 20.0}, {2, 10, 90, 30.0}};
  instance.pairs = {MakePair(1, 1000, 2000, 10, 1), MakePair(2, 1001, 2001, 10, 1),
                    MakePair(3, 1002, 2002, 10, 2)};
  // The mothers are held in the women's wing (a parent whose wing is not
  // recorded goes only to sessions open to any wing).
  for (Pair& pair : instance.pairs) pair.parent_wing = Wing::kWomen;
  instance.settings.time_limit_seconds = 5;
  return instance;
}

inline bool HasRule(const std::vector<Violation>& violations, const std::string& rule) {
  for (const Violation& violation : violations) {
    if (violation.rule == rule) return true;
  }
  return false;
}

// The reason a pair was left out, or "scheduled".
inline std::string ReasonOf(const Plan& plan, long long pair_id) {
  for (const Unscheduled& unscheduled : plan.unscheduled) {
    if (unscheduled.pair_id == pair_id) return UnscheduledReasonName(unscheduled.reason);
  }
  for (const Visit& visit : plan.visits) {
    if (visit.pair_id == pair_id) return "scheduled";
  }
  return "missing";
}

inline const Visit* VisitOf(const Plan& plan, long long pair_id) {
  for (const Visit& visit : plan.visits) {
    if (visit.pair_id == pair_id) return &visit;
  }
  return nullptr;
}

inline std::string Describe(const std::vector<Violation>& violations) {
  std::string text;
  for (const Violation& violation : violations) {
    text += violation.rule + ": " + violation.detail + "\n";
  }
  return text;
}

}  // namespace vinculo::planner::testing
