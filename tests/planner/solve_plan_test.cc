// The optimising planner on small instances whose optimum is known by hand.
// Every plan either planner produces here passes the independent checker.
#include <gtest/gtest.h>

#include "planner/planner.h"
#include "planner_world.h"

namespace vinculo::planner {
namespace {

using testing::D;
using testing::Describe;
using testing::MakeEscort;
using testing::MakePair;
using testing::MakeSession;
using testing::ReasonOf;
using testing::VisitOf;

void ExpectValid(const Instance& instance, const Plan& plan) {
  auto violations = CheckPlan(instance, plan);
  EXPECT_TRUE(violations.empty()) << Describe(violations);
  EXPECT_EQ(plan.visits.size() + plan.unscheduled.size(), instance.pairs.size());
}

// Solves with both planners, checks both plans, returns the optimiser's.
Plan Solve(const Instance& instance, Plan* baseline = nullptr) {
  Plan first_come = PlanFirstCome(instance);
  ExpectValid(instance, first_come);
  Plan plan = SolvePlan(instance);
  ExpectValid(instance, plan);
  EXPECT_GE(plan.coverage, first_come.coverage - 1e-9);
  EXPECT_GE(plan.bound, plan.coverage - 1e-9);
  if (baseline != nullptr) *baseline = first_come;
  return plan;
}

// One facility, base 1, escort 100 free on the 5th and the 12th.
Instance OneBase(int families_per_session, int max_children) {
  Instance instance;
  instance.year = 2026;
  instance.month = 12;
  instance.sessions = {MakeSession(1, 10, 5, 10, 12, families_per_session, 20),
                       MakeSession(2, 10, 12, 10, 12, families_per_session, 20)};
  instance.escorts = {MakeEscort(100, {1}, {5, 12}, max_children)};
  instance.routes = {{1, 10, 60, 20.0}};
  instance.settings.time_limit_seconds = 5;
  return instance;
}

bool SameDay(const Instance& instance, const Plan& plan, long long pair_a, long long pair_b) {
  auto date = [&](long long pair_id) {
    for (const Session& session : instance.sessions) {
      if (session.id == VisitOf(plan, pair_id)->session_id) return session.date;
    }
    return Date{};
  };
  return date(pair_a) == date(pair_b);
}

TEST(SolvePlan, TheSmallWorldIsSolvedToProvenOptimality) {
  Instance instance = testing::SmallWorld();
  Plan plan = Solve(instance);
  EXPECT_EQ(plan.visits.size(), 3u);
  EXPECT_DOUBLE_EQ(plan.coverage, 3.0);
  EXPECT_TRUE(plan.proven_optimal);
  EXPECT_DOUBLE_EQ(plan.gap, 0.0);
  EXPECT_EQ(plan.trips.size(), 2u);
  EXPECT_EQ(plan.parts, 1);
}

TEST(SolvePlan, BeatsFirstComeWhenAnEarlyRequestTakesTheOnlyDateOfAnother) {
  // Pair 1 asks first and could go either date; pair 2's child can only go on
  // the 5th. First-come gives the 5th to pair 1 and leaves pair 2 out.
  Instance instance = OneBase(1, 4);
  instance.pairs = {MakePair(1, 1000, 2000, 10, 1), MakePair(2, 1001, 2001, 10, 1)};
  instance.pairs[1].child_unavailable = {D(12)};
  Plan first_come;
  Plan plan = Solve(instance, &first_come);
  EXPECT_DOUBLE_EQ(first_come.coverage, 1.0);
  EXPECT_EQ(ReasonOf(first_come, 2), "capacity");
  EXPECT_DOUBLE_EQ(plan.coverage, 2.0);
  EXPECT_TRUE(plan.proven_optimal);
  EXPECT_EQ(VisitOf(plan, 2)->session_id, 1);
  EXPECT_EQ(VisitOf(plan, 1)->session_id, 2);
}

TEST(SolvePlan, PriorityDecidesWhoGetsTheLastPlace) {
  Instance instance = OneBase(1, 4);
  instance.sessions.pop_back();
  instance.pairs = {MakePair(1, 1000, 2000, 10, 1, 1.0), MakePair(2, 1001, 2001, 10, 1, 3.0)};
  Plan plan = Solve(instance);
  EXPECT_EQ(ReasonOf(plan, 2), "scheduled");
  EXPECT_EQ(ReasonOf(plan, 1), "capacity");
  EXPECT_DOUBLE_EQ(plan.coverage, 3.0);
}

TEST(SolvePlan, ChildrenOfOneBaseShareATrip) {
  Instance instance = OneBase(4, 4);
  instance.escorts.push_back(MakeEscort(101, {1}, {5, 12}, 4));
  instance.pairs = {MakePair(1, 1000, 2000, 10, 1), MakePair(2, 1001, 2001, 10, 1),
                    MakePair(3, 1002, 2002, 10, 1)};
  instance.pairs[0].child_unavailable = {D(5)};
  instance.pairs[2].requested_order = -1;  // first-come sends pair 3 on the 5th
  Plan first_come;
  Plan plan = Solve(instance, &first_come);
  EXPECT_EQ(first_come.trips.size(), 2u);
  EXPECT_DOUBLE_EQ(plan.coverage, 3.0);
  EXPECT_EQ(plan.trips.size(), 1u);
  EXPECT_TRUE(plan.proven_optimal);
}

TEST(SolvePlan, SiblingsGoOnTheSameTripToTheSameSession) {
  // Siblings A and B (pairs 1 and 3) and another child C: an escort takes two.
  // Siblings visiting one parent go together (issue 19): first-come, asked
  // A, C, B, brings B with A; the optimiser keeps them together too.
  Instance instance = OneBase(2, 2);
  instance.pairs = {MakePair(1, 1000, 2000, 10, 1), MakePair(2, 1001, 2001, 10, 1),
                    MakePair(3, 1002, 2000, 10, 1)};
  instance.pairs[0].sibling_group = 7;
  instance.pairs[2].sibling_group = 7;
  Plan first_come;
  Plan plan = Solve(instance, &first_come);
  EXPECT_EQ(VisitOf(first_come, 1)->session_id, VisitOf(first_come, 3)->session_id);
  EXPECT_EQ(VisitOf(first_come, 1)->trip_id, VisitOf(first_come, 3)->trip_id);
  EXPECT_DOUBLE_EQ(plan.coverage, 3.0);
  EXPECT_EQ(VisitOf(plan, 1)->session_id, VisitOf(plan, 3)->session_id);
  EXPECT_EQ(VisitOf(plan, 1)->trip_id, VisitOf(plan, 3)->trip_id);
}

TEST(SolvePlan, AChildSeesBothParentsInOneFacilityOnTheSameDay) {
  // Mother in the women's wing, father in the men's: sessions on the 5th
  // and the 12th (women 10-12, men 13-15). Another child takes the only place
  // of the women's session on the 5th, so the mother goes on the 12th;
  // first-come still gives the father the earliest men's session, the 5th.
  Instance instance;
  instance.year = 2026;
  instance.month = 12;
  instance.sessions = {MakeSession(1, 10, 5, 10, 12, 4, 10, Wing::kWomen),
                       MakeSession(2, 10, 5, 13, 15, 4, 10, Wing::kMen),
                       MakeSession(3, 10, 12, 10, 12, 4, 10, Wing::kWomen),
                       MakeSession(4, 10, 12, 13, 15, 4, 10, Wing::kMen)};
  instance.escorts = {MakeEscort(100, {1}, {5, 12}, 4)};
  instance.routes = {{1, 10, 60, 20.0}};
  Pair mother = MakePair(1, 1000, 2000, 10, 1);
  mother.parent_wing = Wing::kWomen;
  Pair father = MakePair(2, 1000, 2001, 10, 1);
  father.parent_wing = Wing::kMen;
  Pair other = MakePair(3, 1001, 2002, 10, 1);
  other.parent_wing = Wing::kWomen;
  instance.pairs = {mother, father, other};
  instance.sessions[0].capacity_families = 1;
  instance.pairs[2].requested_order = -1;
  instance.pairs[2].child_unavailable = {D(12)};
  Plan first_come;
  Plan plan = Solve(instance, &first_come);
  EXPECT_FALSE(SameDay(instance, first_come, 1, 2));
  EXPECT_DOUBLE_EQ(plan.coverage, 3.0);
  EXPECT_TRUE(SameDay(instance, plan, 1, 2));
  EXPECT_EQ(VisitOf(plan, 1)->trip_id, VisitOf(plan, 2)->trip_id);
}

TEST(SolvePlan, AChildIsNeverInTwoOverlappingSessions) {
  Instance instance;
  instance.year = 2026;
  instance.month = 12;
  instance.sessions = {MakeSession(1, 10, 5, 10, 12, 4, 10, Wing::kWomen),
                       MakeSession(2, 10, 5, 11, 13, 4, 10, Wing::kMen)};
  instance.escorts = {MakeEscort(100, {1}, {5}, 4)};
  instance.routes = {{1, 10, 60, 20.0}};
  Pair mother = MakePair(1, 1000, 2000, 10, 1);
  mother.parent_wing = Wing::kWomen;
  Pair father = MakePair(2, 1000, 2001, 10, 1, 2.0);
  father.parent_wing = Wing::kMen;
  instance.pairs = {mother, father};
  Plan plan = Solve(instance);
  EXPECT_EQ(ReasonOf(plan, 2), "scheduled");
  EXPECT_EQ(ReasonOf(plan, 1), "capacity");
}

TEST(SolvePlan, AChildTravelsToOnePrisonADay) {
  Instance instance;
  instance.year = 2026;
  instance.month = 12;
  instance.sessions = {MakeSession(1, 10, 5, 9, 10, 4, 10), MakeSession(2, 11, 5, 15, 16, 4, 10)};
  instance.escorts = {MakeEscort(100, {1}, {5}, 4), MakeEscort(101, {1}, {5}, 4)};
  instance.routes = {{1, 10, 60, 20.0}, {1, 11, 60, 20.0}};
  instance.pairs = {MakePair(1, 1000, 2000, 10, 1), MakePair(2, 1000, 2001, 11, 1)};
  Plan plan = Solve(instance);
  EXPECT_EQ(plan.visits.size(), 1u);
}

TEST(SolvePlan, EscortsCountInTheSessionsPeopleCapacity) {
  // Two children from two bases need two escorts: 4 people for a capacity of 3.
  Instance instance;
  instance.year = 2026;
  instance.month = 12;
  instance.sessions = {MakeSession(1, 10, 5, 10, 12, 4, 3)};
  instance.escorts = {MakeEscort(100, {1}, {5}, 4), MakeEscort(101, {2}, {5}, 4)};
  instance.routes = {{1, 10, 60, 20.0}, {2, 10, 60, 20.0}};
  instance.pairs = {MakePair(1, 1000, 2000, 10, 1), MakePair(2, 1001, 2001, 10, 2)};
  Plan plan = Solve(instance);
  EXPECT_EQ(plan.visits.size(), 1u);
  EXPECT_TRUE(plan.proven_optimal);
}

TEST(SolvePlan, AnEscortTakesNoMoreChildrenThanHerMaximum) {
  Instance instance = OneBase(10, 2);
  instance.sessions.pop_back();
  for (int pair = 1; pair <= 5; ++pair) {
    instance.pairs.push_back(MakePair(pair, 1000 + pair, 2000 + pair, 10, 1));
  }
  Plan plan = Solve(instance);
  EXPECT_EQ(plan.visits.size(), 2u);
  EXPECT_EQ(ReasonOf(plan, 5), "capacity");
}

TEST(SolvePlan, UnscheduledPairsCarryTheirReason) {
  Instance instance = testing::SmallWorld();
  instance.routes.push_back({4, 10, 30, 5.0});
  instance.pairs[0].restricted = true;
  instance.pairs.push_back(MakePair(4, 1003, 2003, 11, 1));  // facility 11 has no sessions
  instance.pairs.push_back(MakePair(5, 1004, 2004, 10, 3));  // no route from base 3
  Pair busy = MakePair(6, 1005, 2005, 10, 1);
  busy.child_unavailable = {D(5), D(12)};
  instance.pairs.push_back(busy);
  instance.pairs.push_back(MakePair(7, 1006, 2006, 10, 4));  // nobody escorts from base 4
  Pair far = MakePair(8, 1007, 2007, 10, 5);  // 5.5 hours away: no trip fits in the day
  instance.routes.push_back({5, 10, 330, 50.0});
  instance.escorts.push_back(MakeEscort(102, {5}, {5, 12}, 4));
  instance.pairs.push_back(far);
  Plan plan = Solve(instance);
  EXPECT_EQ(ReasonOf(plan, 1), "restriction");
  EXPECT_EQ(ReasonOf(plan, 2), "scheduled");
  EXPECT_EQ(ReasonOf(plan, 3), "scheduled");
  EXPECT_EQ(ReasonOf(plan, 4), "no_session_this_month");
  EXPECT_EQ(ReasonOf(plan, 5), "no_route");
  EXPECT_EQ(ReasonOf(plan, 6), "child_unavailable");
  EXPECT_EQ(ReasonOf(plan, 7), "no_escort");
  EXPECT_EQ(ReasonOf(plan, 8), "no_route");
}

TEST(SolvePlan, AWomensSessionIsNotGivenToAMensWingParent) {
  Instance instance = testing::SmallWorld();
  instance.sessions = {MakeSession(2, 10, 5, 11, 13, 3, 5, Wing::kWomen)};
  instance.pairs[2].parent_wing = Wing::kMen;
  Plan plan = Solve(instance);
  EXPECT_EQ(ReasonOf(plan, 3), "no_session_this_month");
  EXPECT_EQ(plan.visits.size(), 2u);
}

TEST(SolvePlan, AMonthWithNoSessionsIsAnEmptyPlanWithReasons) {
  Instance instance = testing::SmallWorld();
  instance.sessions.clear();
  Plan plan = Solve(instance);
  EXPECT_TRUE(plan.visits.empty());
  EXPECT_TRUE(plan.trips.empty());
  EXPECT_EQ(plan.parts, 0);
  ASSERT_EQ(plan.unscheduled.size(), 3u);
  for (const Unscheduled& unscheduled : plan.unscheduled) {
    EXPECT_EQ(unscheduled.reason, UnscheduledReason::kNoSessionThisMonth);
  }
}

TEST(SolvePlan, SessionsOfAnotherMonthAreIgnored) {
  Instance instance = testing::SmallWorld();
  for (Session& session : instance.sessions) session.date = Date{2027, 1, session.date.day};
  Plan plan = Solve(instance);
  EXPECT_TRUE(plan.visits.empty());
  EXPECT_EQ(ReasonOf(plan, 1), "no_session_this_month");
}

TEST(SolvePlan, IndependentOrganisationsAreSolvedAsSeparateParts) {
  Instance instance = testing::SmallWorld();
  instance.sessions.push_back(MakeSession(4, 20, 5, 10, 12, 3, 5));
  instance.escorts.push_back(MakeEscort(200, {8}, {5}, 4));
  instance.routes.push_back({8, 20, 30, 10.0});
  instance.pairs.push_back(MakePair(4, 1100, 2100, 20, 8));
  Plan plan = Solve(instance);
  EXPECT_EQ(plan.parts, 2);
  EXPECT_EQ(plan.visits.size(), 4u);
  EXPECT_TRUE(plan.proven_optimal);
}

}  // namespace
}  // namespace vinculo::planner
