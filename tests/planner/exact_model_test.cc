// Issue 19: SolvePlan's claims checked against an exact solve of a separate,
// plain formulation of the same problem, written here without any of the
// planner's code: one binary per (pair, session, escort), per escort trip and
// per child ride, per escort, child and parent present in a session; no
// decomposition, no pooling of escorts, no conservative counting; siblings
// visiting one parent go together (one session, one escort) or none goes. On many
// small seeded instances (some with long roads, so a child's longest day
// binds) CBC solves it to optimality, and:
//   SolvePlan's bound >= the exact optimum >= SolvePlan's coverage,
//   a plan called proven optimal has the exact optimum's coverage,
//   first-come never exceeds the exact optimum,
//   every plan passes CheckPlan.
#include <gtest/gtest.h>

#include <CbcModel.hpp>
#include <CbcStrategy.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "planner/planner.h"
#include "planner_world.h"

namespace vinculo::planner {
namespace {

using testing::Describe;

// A plain 0-1 program: maximise sum objective*x subject to rows <= upper.
class PlainProgram {
 public:
  int Binary(double objective) {
    objective_.push_back(objective);
    return static_cast<int>(objective_.size()) - 1;
  }
  void AtMost(const std::vector<std::pair<int, double>>& terms, double upper) {
    for (const auto& [col, value] : terms) {
      rows_.push_back(static_cast<int>(upper_.size()));
      cols_.push_back(col);
      values_.push_back(value);
    }
    upper_.push_back(upper);
  }
  // The proven optimum, or -1 when CBC did not prove one within the limit.
  double Maximise(double seconds) const {
    int columns = static_cast<int>(objective_.size());
    if (columns == 0) return 0;
    CoinPackedMatrix matrix(false, rows_.data(), cols_.data(), values_.data(),
                            static_cast<CoinBigIndex>(values_.size()));
    matrix.setDimensions(static_cast<int>(upper_.size()), columns);
    std::vector<double> lower(columns, 0.0);
    std::vector<double> upper(columns, 1.0);
    std::vector<double> minimise(columns);
    for (int col = 0; col < columns; ++col) minimise[col] = -objective_[col];
    std::vector<double> row_lower(upper_.size(), -COIN_DBL_MAX);
    OsiClpSolverInterface solver;
    solver.messageHandler()->setLogLevel(0);
    solver.loadProblem(matrix, lower.data(), upper.data(), minimise.data(), row_lower.data(),
                       upper_.data());
    for (int col = 0; col < columns; ++col) solver.setInteger(col);
    CbcModel model(solver);
    CbcStrategyDefault strategy(1, 5, 5);  // CBC's usual cuts and heuristics
    model.setStrategy(strategy);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.setMaximumSeconds(seconds);
    model.setAllowableGap(1e-7);
    model.setAllowableFractionGap(1e-9);
    model.branchAndBound();
    if (!model.isProvenOptimal()) return -1;
    return -model.getObjValue();
  }

 private:
  std::vector<double> objective_;
  std::vector<int> rows_;
  std::vector<int> cols_;
  std::vector<double> values_;
  std::vector<double> upper_;
};

long long DayNumber(const Date& date) { return date.year * 400LL + date.month * 32LL + date.day; }
// Days since 1970-01-01 (civil calendar), for intervals across months.
long long DayNumberOf(const Date& date) {
  int year = date.year - (date.month <= 2 ? 1 : 0);
  int era = (year >= 0 ? year : year - 399) / 400;
  int year_of_era = year - era * 400;
  int day_of_year = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097LL + day_of_era - 719468;
}

// The exact optimum of the instance's coverage (sum of visited priorities).
double ExactOptimum(const Instance& instance) {
  const Settings& settings = instance.settings;
  PlainProgram program;
  std::map<std::pair<long long, long long>, const Route*> route_of;
  for (const Route& route : instance.routes) {
    route_of[{route.home_base_id, route.facility_id}] = &route;
  }
  auto serves = [](Wing session, Wing parent) {
    return session == Wing::kAny || parent == Wing::kAny || session == parent;
  };
  auto available = [](const Escort& escort, const Date& date) {
    return std::find(escort.available_dates.begin(), escort.available_dates.end(), date) !=
           escort.available_dates.end();
  };
  auto has_base = [](const Escort& escort, long long base) {
    return std::find(escort.home_base_ids.begin(), escort.home_base_ids.end(), base) !=
           escort.home_base_ids.end();
  };
  // Trips: T[escort, base, facility, day], at most one per escort and day.
  std::map<std::tuple<size_t, long long, long long, long long>, int> trip;
  std::map<std::pair<size_t, long long>, std::vector<std::pair<int, double>>> escort_day;
  // Rides: R[child, escort, base, facility, day] <= T; seats; one ride a day per child.
  std::map<std::tuple<long long, size_t, long long, long long, long long>, int> ride;
  std::map<std::pair<long long, long long>, std::vector<std::pair<int, double>>> child_day;
  // Presence in a session of escorts, children and parents; visits per pair.
  std::map<std::pair<size_t, size_t>, int> escort_in;
  std::map<std::pair<long long, size_t>, int> child_in;
  std::map<std::pair<long long, size_t>, int> parent_in;
  std::map<size_t, std::vector<std::pair<int, double>>> pair_visits;
  std::map<size_t, std::vector<std::pair<int, double>>> session_pairs;
  std::map<std::tuple<size_t, size_t, size_t>, int> visit_of;  // (pair, session, escort)

  auto presence = [&](auto& map, auto key) {
    auto [it, inserted] = map.try_emplace(key, -1);
    if (inserted) it->second = program.Binary(0);
    return it->second;
  };
  for (size_t pair_idx = 0; pair_idx < instance.pairs.size(); ++pair_idx) {
    const Pair& pair = instance.pairs[pair_idx];
    if (pair.restricted || pair.visits_wanted <= 0) continue;
    const int interval =
        pair.visits_wanted > 1 ? std::max(1, pair.min_interval_days) : pair.min_interval_days;
    auto too_close = [&](const Date& a, const Date& b) {
      long long apart = DayNumberOf(a) - DayNumberOf(b);
      return (apart < 0 ? -apart : apart) < interval;
    };
    auto route_it = route_of.find({pair.home_base_id, pair.facility_id});
    if (route_it == route_of.end()) continue;
    const Route& route = *route_it->second;
    for (size_t session_idx = 0; session_idx < instance.sessions.size(); ++session_idx) {
      const Session& session = instance.sessions[session_idx];
      if (session.facility_id != pair.facility_id || !serves(session.wing, pair.parent_wing)) {
        continue;
      }
      if (session.date < settings.not_before_date ||
          (session.date == settings.not_before_date &&
           session.start_minute < settings.not_before_minute)) {
        continue;
      }
      if (std::find(pair.child_unavailable.begin(), pair.child_unavailable.end(), session.date) !=
          pair.child_unavailable.end()) {
        continue;
      }
      if (std::any_of(pair.visited_on.begin(), pair.visited_on.end(),
                      [&](const Date& visited) { return too_close(session.date, visited); })) {
        continue;
      }
      if (session.start_minute - route.travel_minutes < settings.day_start_minute ||
          session.end_minute + route.travel_minutes > settings.day_end_minute ||
          session.end_minute - session.start_minute + 2 * route.travel_minutes >
              settings.longest_child_day_minutes) {
        continue;
      }
      long long day = DayNumber(session.date);
      for (size_t escort_idx = 0; escort_idx < instance.escorts.size(); ++escort_idx) {
        const Escort& escort = instance.escorts[escort_idx];
        if (escort.max_children <= 0 || !available(escort, session.date) ||
            !has_base(escort, pair.home_base_id)) {
          continue;
        }
        auto trip_key = std::make_tuple(escort_idx, pair.home_base_id, session.facility_id, day);
        auto [trip_it, new_trip] = trip.try_emplace(trip_key, -1);
        if (new_trip) {
          trip_it->second = program.Binary(0);
          escort_day[{escort_idx, day}].push_back({trip_it->second, 1});
        }
        auto ride_key =
            std::make_tuple(pair.child_id, escort_idx, pair.home_base_id, session.facility_id, day);
        auto [ride_it, new_ride] = ride.try_emplace(ride_key, -1);
        if (new_ride) {
          ride_it->second = program.Binary(0);
          program.AtMost({{ride_it->second, 1}, {trip_it->second, -1}}, 0);
          child_day[{pair.child_id, day}].push_back({ride_it->second, 1});
        }
        int visit = program.Binary(pair.priority);
        visit_of[std::make_tuple(pair_idx, session_idx, escort_idx)] = visit;
        program.AtMost({{visit, 1}, {ride_it->second, -1}}, 0);
        pair_visits[pair_idx].push_back({visit, 1});
        session_pairs[session_idx].push_back({visit, 1});
        for (int present : {presence(escort_in, std::make_pair(escort_idx, session_idx)),
                            presence(child_in, std::make_pair(pair.child_id, session_idx)),
                            presence(parent_in, std::make_pair(pair.parent_id, session_idx))}) {
          program.AtMost({{visit, 1}, {present, -1}}, 0);
        }
      }
    }
  }
  // Siblings visiting one parent from one home go together (the same session
  // with the same escort) or none goes: per (session, escort), every member's
  // visit equals the others', and is 0 where one of them cannot go.
  std::map<std::tuple<long long, long long, long long>, std::vector<size_t>> families;
  for (size_t pair_idx = 0; pair_idx < instance.pairs.size(); ++pair_idx) {
    const Pair& pair = instance.pairs[pair_idx];
    if (pair.sibling_group != 0 && !pair.apart && !pair.restricted) {
      families[{pair.sibling_group, pair.parent_id, pair.home_base_id}].push_back(pair_idx);
    }
  }
  for (const auto& [key, members] : families) {
    if (members.size() < 2) continue;
    std::set<std::pair<size_t, size_t>> outings;  // (session, escort)
    for (const auto& [visit_key, col] : visit_of) {
      const auto& [pair_idx, session_idx, escort_idx] = visit_key;
      if (std::find(members.begin(), members.end(), pair_idx) != members.end()) {
        outings.insert({session_idx, escort_idx});
      }
    }
    for (const auto& [session_idx, escort_idx] : outings) {
      std::vector<int> cols;
      for (size_t member : members) {
        auto found = visit_of.find(std::make_tuple(member, session_idx, escort_idx));
        cols.push_back(found == visit_of.end() ? -1 : found->second);
      }
      bool all = std::find(cols.begin(), cols.end(), -1) == cols.end();
      for (size_t k = 0; k < cols.size(); ++k) {
        if (cols[k] < 0) continue;
        if (!all) {
          program.AtMost({{cols[k], 1}}, 0);
        } else if (k > 0) {
          program.AtMost({{cols[0], 1}, {cols[k], -1}}, 0);
          program.AtMost({{cols[k], 1}, {cols[0], -1}}, 0);
        }
      }
    }
  }
  for (const auto& [key, terms] : escort_day) program.AtMost(terms, 1);
  for (const auto& [key, terms] : child_day) program.AtMost(terms, 1);
  // A pair: at most its visits wanted, none two closer than its interval.
  for (const auto& [pair_idx, terms] : pair_visits) {
    program.AtMost(terms, instance.pairs[pair_idx].visits_wanted);
  }
  for (const auto& [key_a, col_a] : visit_of) {
    for (const auto& [key_b, col_b] : visit_of) {
      const auto& [pair_a, session_a, escort_a] = key_a;
      const auto& [pair_b, session_b, escort_b] = key_b;
      if (pair_a != pair_b || session_a == session_b || key_b < key_a) continue;
      const Pair& pair = instance.pairs[pair_a];
      const int interval =
          pair.visits_wanted > 1 ? std::max(1, pair.min_interval_days) : pair.min_interval_days;
      long long apart = DayNumberOf(instance.sessions[session_a].date) -
                        DayNumberOf(instance.sessions[session_b].date);
      if ((apart < 0 ? -apart : apart) < interval) program.AtMost({{col_a, 1}, {col_b, 1}}, 1);
    }
  }
  // Seats: the children riding a trip.
  std::map<int, std::vector<std::pair<int, double>>> trip_seats;
  for (const auto& [key, col] : ride) {
    const auto& [child, escort_idx, base, facility, day] = key;
    trip_seats[trip.at(std::make_tuple(escort_idx, base, facility, day))].push_back({col, 1});
  }
  for (const auto& [key, col] : trip) {
    std::vector<std::pair<int, double>> terms = trip_seats[col];
    terms.push_back({col, -static_cast<double>(instance.escorts[std::get<0>(key)].max_children)});
    program.AtMost(terms, 0);
  }
  // Sessions: places in their unit, and people.
  for (size_t session_idx = 0; session_idx < instance.sessions.size(); ++session_idx) {
    const Session& session = instance.sessions[session_idx];
    std::vector<std::pair<int, double>> people;
    std::vector<std::pair<int, double>> families;
    for (const auto& [key, col] : escort_in) {
      if (key.second == session_idx) people.push_back({col, 1});
    }
    for (const auto& [key, col] : child_in) {
      if (key.second == session_idx) people.push_back({col, 1});
    }
    for (const auto& [key, col] : parent_in) {
      if (key.second == session_idx) families.push_back({col, 1});
    }
    program.AtMost(people, session.capacity_people);
    switch (session.capacity_unit) {
      case CapacityUnit::kFamilies:
        program.AtMost(families, session.capacity_families);
        break;
      case CapacityUnit::kPairs:
        program.AtMost(session_pairs[session_idx], session.capacity_families);
        break;
      case CapacityUnit::kPeople:
        program.AtMost(people, session.capacity_families);
        break;
    }
  }
  // A trip attending two sessions keeps its children away from the first
  // start to the last end, plus the road both ways: never beyond a child's day.
  for (const auto& [trip_key, trip_col] : trip) {
    const auto& [escort_idx, base, facility, day] = trip_key;
    int travel = route_of.at({base, facility})->travel_minutes;
    for (const auto& [key_a, col_a] : escort_in) {
      for (const auto& [key_b, col_b] : escort_in) {
        if (key_a.first != escort_idx || key_b.first != escort_idx ||
            key_a.second >= key_b.second) {
          continue;
        }
        const Session& a = instance.sessions[key_a.second];
        const Session& b = instance.sessions[key_b.second];
        if (a.facility_id != facility || b.facility_id != facility || DayNumber(a.date) != day ||
            DayNumber(b.date) != day) {
          continue;
        }
        if (std::max(a.end_minute, b.end_minute) - std::min(a.start_minute, b.start_minute) +
                2 * travel >
            settings.longest_child_day_minutes) {
          program.AtMost({{col_a, 1}, {col_b, 1}, {trip_col, 1}}, 2);
        }
      }
    }
  }
  // A child is never in two sessions at overlapping times.
  for (const auto& [key_a, col_a] : child_in) {
    for (const auto& [key_b, col_b] : child_in) {
      if (key_a.first != key_b.first || key_a.second >= key_b.second) continue;
      const Session& a = instance.sessions[key_a.second];
      const Session& b = instance.sessions[key_b.second];
      if (a.date == b.date && a.start_minute < b.end_minute && b.start_minute < a.end_minute) {
        program.AtMost({{col_a, 1}, {col_b, 1}}, 1);
      }
    }
  }
  return program.Maximise(30);
}

// SplitMix64, so the instances are the same on every machine.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  int Between(int low, int high) {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return low + static_cast<int>(z % static_cast<std::uint64_t>(high - low + 1));
  }
  bool Chance(int percent) { return Between(1, 100) <= percent; }

 private:
  std::uint64_t state_;
};

// A small tight month: 1-2 prisons, 1-2 home bases, 2-4 sessions (some on
// the same day, some overlapping), 1-3 escorts of 1-3 seats, 3-12 pairs with
// children seeing two parents, siblings sharing a parent, both wings, dates
// a child cannot go, each capacity unit.
Instance SmallInstance(std::uint64_t seed) {
  Random random(seed);
  Instance instance;
  instance.year = 2026;
  instance.month = 12;
  int facilities = random.Between(1, 2);
  int bases = random.Between(1, 2);
  int days[] = {5, 6, 12};
  int sessions = random.Between(2, 4);
  for (int session_idx = 0; session_idx < sessions; ++session_idx) {
    int start = random.Between(9, 13);
    Wing wing = random.Chance(60) ? Wing::kAny : (random.Chance(50) ? Wing::kMen : Wing::kWomen);
    Session session = testing::MakeSession(
        session_idx + 1, 10 + random.Between(0, facilities - 1), days[random.Between(0, 2)], start,
        start + random.Between(1, 3), random.Between(1, 4), random.Between(2, 8), wing);
    int unit = random.Between(0, 9);
    session.capacity_unit = unit < 6   ? CapacityUnit::kFamilies
                            : unit < 8 ? CapacityUnit::kPairs
                                       : CapacityUnit::kPeople;
    if (session.capacity_unit == CapacityUnit::kPeople) session.capacity_families += 2;
    instance.sessions.push_back(session);
  }
  int escorts = random.Between(1, 3);
  for (int escort_idx = 0; escort_idx < escorts; ++escort_idx) {
    std::vector<long long> served = {1 + escort_idx % bases};
    if (bases > 1 && random.Chance(30)) served = {1, 2};
    std::vector<int> free;
    for (int day : days) {
      if (random.Chance(70)) free.push_back(day);
    }
    instance.escorts.push_back(
        testing::MakeEscort(100 + escort_idx, served, free, random.Between(1, 3)));
  }
  for (int base = 1; base <= bases; ++base) {
    for (int facility = 10; facility < 10 + facilities; ++facility) {
      instance.routes.push_back({base, facility, random.Between(30, 200), 10.0 + base + facility});
    }
  }
  int children = random.Between(3, 6);
  long long next_pair = 1;
  long long next_parent = 2000;
  for (int child_idx = 0; child_idx < children; ++child_idx) {
    long long child = 1000 + child_idx;
    long long base = random.Between(1, bases);
    int parents = random.Chance(30) ? 2 : 1;
    for (int parent = 0; parent < parents; ++parent) {
      // A sibling's parent now and then: siblings visiting one parent.
      long long parent_id =
          child_idx > 0 && parent == 0 && random.Chance(30) ? next_parent - 1 : next_parent++;
      Pair pair =
          testing::MakePair(next_pair++, child, parent_id, 10 + random.Between(0, facilities - 1),
                            base, random.Chance(30) ? 2.0 : 1.0);
      pair.parent_wing = random.Chance(50) ? Wing::kMen : Wing::kWomen;
      if (random.Chance(20)) pair.child_unavailable = {testing::D(days[random.Between(0, 2)])};
      pair.requested_order = random.Between(0, 100);
      instance.pairs.push_back(pair);
    }
  }
  // A parent has one facility and wing: siblings sharing her take hers.
  std::map<long long, const Pair*> first_of_parent;
  for (Pair& pair : instance.pairs) {
    auto [it, inserted] = first_of_parent.try_emplace(pair.parent_id, &pair);
    if (!inserted) {
      pair.facility_id = it->second->facility_id;
      pair.parent_wing = it->second->parent_wing;
    }
  }
  // Now and then a pair wants two visits at least a week apart (after every
  // other draw, so the rest of the instance is as before).
  for (Pair& pair : instance.pairs) {
    if (random.Chance(15)) {
      pair.visits_wanted = 2;
      pair.min_interval_days = 7;
    }
  }
  // Children sharing a parent are siblings, who visit her together or not at all.
  std::map<long long, int> children_of;
  for (const Pair& pair : instance.pairs) ++children_of[pair.parent_id];
  for (Pair& pair : instance.pairs) {
    if (children_of[pair.parent_id] > 1) pair.sibling_group = pair.parent_id;
  }
  instance.settings.longest_child_day_minutes = random.Between(6, 10) * 60;
  instance.settings.time_limit_seconds = 2;
  instance.settings.threads = 1;
  return instance;
}

TEST(Issue19, SolvePlanClaimsHoldAgainstAnExactPlainModel) {
  auto started = std::chrono::steady_clock::now();
  int proven = 0;
  int instances = 0;
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    Instance instance = SmallInstance(seed);
    double exact = ExactOptimum(instance);
    ASSERT_GE(exact, 0) << "seed " << seed << ": the exact model was not solved";
    Plan plan = SolvePlan(instance);
    Plan first_come = PlanFirstCome(instance);
    SCOPED_TRACE("seed " + std::to_string(seed) + ", exact optimum " + std::to_string(exact));
    auto violations = CheckPlan(instance, plan);
    EXPECT_TRUE(violations.empty()) << Describe(violations);
    auto baseline_violations = CheckPlan(instance, first_come);
    EXPECT_TRUE(baseline_violations.empty()) << Describe(baseline_violations);
    EXPECT_GE(plan.bound, exact - 1e-6);
    EXPECT_LE(plan.coverage, exact + 1e-6);
    EXPECT_LE(first_come.coverage, exact + 1e-6);
    if (plan.proven_optimal) {
      EXPECT_NEAR(plan.coverage, exact, 1e-6);
      ++proven;
    }
    ++instances;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_LT(seconds, 60);
  // Small instances: the planner should prove nearly all of them.
  EXPECT_GE(proven, instances * 9 / 10);
  RecordProperty("proven", proven);
}

}  // namespace
}  // namespace vinculo::planner
