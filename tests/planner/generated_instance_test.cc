// Generated instances: deterministic, and both planners give plans the checker
// accepts; the optimiser covers at least as much as first-come, within its time
// limit, and strictly more on a programme-sized instance.
#include <gtest/gtest.h>

#include <map>

#include "planner/instance_generator.h"
#include "planner/planner.h"
#include "planner_world.h"

namespace vinculo::planner {
namespace {

using testing::Describe;

// The checker (CheckPlan, which shares no code with the solver) finds no
// broken rule in `plan`.
void ExpectValid(const Instance& instance, const Plan& plan) {
  auto violations = CheckPlan(instance, plan);
  EXPECT_TRUE(violations.empty()) << Describe(violations);
}

// The national shape: organisations of 2 facilities and 3 home bases.
Instance NationalShaped(std::uint64_t seed, int pairs, int facilities, int escorts) {
  GeneratorOptions options;
  options.seed = seed;
  options.pairs = pairs;
  options.facilities = facilities;
  options.escorts = escorts;
  options.facilities_per_organisation = 2;
  options.home_bases_per_organisation = 3;
  return GenerateInstance(options);
}

TEST(GenerateInstance, TheSameSeedGivesTheSameInstance) {
  GeneratorOptions options;
  options.seed = 7;
  Instance first = GenerateInstance(options);
  Instance second = GenerateInstance(options);
  ASSERT_EQ(first.pairs.size(), 300u);
  ASSERT_EQ(first.pairs.size(), second.pairs.size());
  ASSERT_EQ(first.sessions.size(), second.sessions.size());
  for (size_t idx = 0; idx < first.pairs.size(); ++idx) {
    EXPECT_EQ(first.pairs[idx].home_base_id, second.pairs[idx].home_base_id);
    EXPECT_EQ(first.pairs[idx].requested_order, second.pairs[idx].requested_order);
    EXPECT_EQ(first.pairs[idx].child_unavailable, second.pairs[idx].child_unavailable);
  }
  options.seed = 8;
  Instance other = GenerateInstance(options);
  bool differs = other.sessions.size() != first.sessions.size();
  for (size_t idx = 0; idx < first.pairs.size() && !differs; ++idx) {
    differs = other.pairs[idx].home_base_id != first.pairs[idx].home_base_id;
  }
  EXPECT_TRUE(differs);
}

TEST(GenerateInstance, HasSiblingsRestrictionsAndBothParentsInside) {
  Instance instance = GenerateInstance(GeneratorOptions{});
  int siblings = 0;
  int restricted = 0;
  std::map<long long, int> pairs_per_child;
  for (const Pair& pair : instance.pairs) {
    siblings += pair.sibling_group != 0 ? 1 : 0;
    restricted += pair.restricted ? 1 : 0;
    ++pairs_per_child[pair.child_id];
  }
  int two_parents = 0;
  for (const auto& [child, count] : pairs_per_child) two_parents += count > 1 ? 1 : 0;
  EXPECT_GT(siblings, 0);
  EXPECT_GT(restricted, 0);
  EXPECT_GT(two_parents, 0);
  EXPECT_EQ(instance.escorts.size(), 12u);
}

TEST(SolvePlan, ProgrammeInstancesAreCheckedAndBeatFirstCome) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    GeneratorOptions options;
    options.seed = seed;
    Instance instance = GenerateInstance(options);
    instance.settings.time_limit_seconds = 1;
    Plan first_come = PlanFirstCome(instance);
    Plan plan = SolvePlan(instance);
    ExpectValid(instance, plan);
    ExpectValid(instance, first_come);
    EXPECT_EQ(plan.visits.size() + plan.unscheduled.size(), instance.pairs.size());
    EXPECT_GT(plan.coverage, first_come.coverage) << "seed " << seed;
    EXPECT_GE(plan.bound + 1e-9, plan.coverage);
    // One second on a shared machine: close to the bound, not necessarily
    // proven (the benchmark measures the 1% target with its own time limit).
    EXPECT_LE(plan.gap, 0.05) << "seed " << seed;
  }
}

TEST(SolvePlan, TheTimeLimitIsRespectedAndThePlanIsStillComplete) {
  Instance instance = NationalShaped(5, 3000, 20, 120);
  instance.settings.time_limit_seconds = 0.5;
  Plan plan = SolvePlan(instance);
  // CBC checks its clock between nodes and a part's setup is not interrupted:
  // allow a margin for a loaded machine.
  EXPECT_LT(plan.solve_seconds, 3.0);
  EXPECT_GT(plan.parts, 1);
  EXPECT_EQ(plan.visits.size() + plan.unscheduled.size(), instance.pairs.size());
  ExpectValid(instance, plan);
  Plan first_come = PlanFirstCome(instance);
  EXPECT_GE(plan.coverage, first_come.coverage);
}

TEST(SolvePlan, EachOrganisationIsAPartAndOneThreadGivesAValidPlan) {
  Instance instance = NationalShaped(11, 900, 6, 36);
  instance.settings.threads = 1;
  instance.settings.time_limit_seconds = 2;
  Plan plan = SolvePlan(instance);
  EXPECT_EQ(plan.parts, 3);
  ExpectValid(instance, plan);
  EXPECT_GE(plan.coverage, PlanFirstCome(instance).coverage);
}

// Issue 19, (b)'s "fewer trips than first-come" and its gap: on the national
// shape the plans carried more visits but more trips than first-come (11,961
// against 11,948 at 50,000 pairs), because CBC's trips stage gets a few
// hundredths of a second per part there, and their coverage stayed about 1 %
// below the bound, because CBC's coverage stage gets none. Closing trips
// whose families fit in trips already open, and adding the visits left out
// by moving (or, worth less, dropping) those in their way (part_moves.cc),
// need no solver time. Three organisations of the national shape, CBC's trips
// stage off: the plan carries more visits on fewer trips (240 against 234
// without the moves), and its first pass alone is within 0.53 % of the bound
// (1.06 % without them; CBC, given the time, brings it to about 0.4 %).
TEST(SolvePlan, Issue19_ANationalShapedMonthCarriesMoreVisitsOnFewerTripsThanFirstCome) {
  Instance instance = NationalShaped(2026, 1000, 6, 40);
  // The first pass takes about 1 s of CPU; the rest is margin for a loaded machine.
  instance.settings.time_limit_seconds = 6;
  instance.settings.trips_stage_seconds = 0;
  Plan first_come = PlanFirstCome(instance);
  Plan plan = SolvePlan(instance);
  ExpectValid(instance, plan);
  EXPECT_GT(plan.coverage, first_come.coverage);
  EXPECT_LT(plan.trips.size(), first_come.trips.size())
      << plan.visits.size() << " visits against " << first_come.visits.size();
  EXPECT_LT(plan.gap, 0.006) << plan.coverage << " against a bound of " << plan.bound;
}

}  // namespace
}  // namespace vinculo::planner
