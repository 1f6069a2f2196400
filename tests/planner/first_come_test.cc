// The first-come baseline: requests in order, earliest session with room.
#include <gtest/gtest.h>

#include "planner/planner.h"
#include "planner_world.h"

namespace vinculo::planner {
namespace {

using testing::D;
using testing::Describe;
using testing::MakeEscort;
using testing::MakePair;
using testing::ReasonOf;
using testing::VisitOf;

Plan CheckedFirstCome(const Instance& instance) {
  Plan plan = PlanFirstCome(instance);
  auto violations = CheckPlan(instance, plan);
  EXPECT_TRUE(violations.empty()) << Describe(violations);
  EXPECT_EQ(plan.visits.size() + plan.unscheduled.size(), instance.pairs.size());
  return plan;
}

TEST(PlanFirstCome, EachRequestGetsTheEarliestSessionWithRoom) {
  Plan plan = CheckedFirstCome(testing::SmallWorld());
  ASSERT_EQ(plan.visits.size(), 3u);
  for (const Visit& visit : plan.visits) EXPECT_EQ(visit.session_id, 1);
  // The two children of base 1 share escort 100's trip; base 2 has its own.
  ASSERT_EQ(plan.trips.size(), 2u);
  EXPECT_EQ(VisitOf(plan, 1)->trip_id, VisitOf(plan, 2)->trip_id);
  EXPECT_DOUBLE_EQ(plan.coverage, 3.0);
  EXPECT_DOUBLE_EQ(plan.travel_cost, 50.0);
  const Trip& trip = plan.trips[VisitOf(plan, 1)->trip_id];
  EXPECT_EQ(trip.depart_minute, 9 * 60);  // session at 10:00, an hour away
  EXPECT_EQ(trip.return_minute, 13 * 60);
}

TEST(PlanFirstCome, AFullSessionSendsTheNextRequestToTheNextSession) {
  Instance instance = testing::SmallWorld();
  instance.sessions[0].capacity_families = 2;
  Plan plan = CheckedFirstCome(instance);
  EXPECT_EQ(VisitOf(plan, 1)->session_id, 1);
  EXPECT_EQ(VisitOf(plan, 2)->session_id, 1);
  EXPECT_EQ(VisitOf(plan, 3)->session_id, 2);
}

TEST(PlanFirstCome, RequestsAreTakenInRequestedOrder) {
  Instance instance = testing::SmallWorld();
  instance.sessions[0].capacity_families = 1;
  instance.pairs[2].requested_order = -1;  // pair 3 asked first
  Plan plan = CheckedFirstCome(instance);
  EXPECT_EQ(VisitOf(plan, 3)->session_id, 1);
  EXPECT_NE(VisitOf(plan, 1)->session_id, 1);
}

TEST(PlanFirstCome, UnscheduledPairsCarryTheirReason) {
  Instance instance = testing::SmallWorld();
  instance.routes.push_back({4, 10, 30, 5.0});
  instance.pairs[0].restricted = true;
  instance.pairs.push_back(MakePair(4, 1003, 2003, 11, 1));  // facility 11 has no sessions
  instance.pairs.push_back(MakePair(5, 1004, 2004, 10, 3));  // no route from base 3
  Pair busy = MakePair(6, 1005, 2005, 10, 1);
  busy.child_unavailable = {D(5), D(12)};
  instance.pairs.push_back(busy);
  instance.pairs.push_back(MakePair(7, 1006, 2006, 10, 4));  // nobody escorts from base 4
  Plan plan = CheckedFirstCome(instance);
  EXPECT_EQ(ReasonOf(plan, 1), "restriction");
  EXPECT_EQ(ReasonOf(plan, 2), "scheduled");
  EXPECT_EQ(ReasonOf(plan, 3), "scheduled");
  EXPECT_EQ(ReasonOf(plan, 4), "no_session_this_month");
  EXPECT_EQ(ReasonOf(plan, 5), "no_route");
  EXPECT_EQ(ReasonOf(plan, 6), "child_unavailable");
  EXPECT_EQ(ReasonOf(plan, 7), "no_escort");
}

TEST(PlanFirstCome, PairsBeyondTheCapacityAreLeftForCapacity) {
  Instance instance = testing::SmallWorld();
  instance.escorts[0].max_children = 4;
  for (int extra = 0; extra < 10; ++extra) {
    instance.pairs.push_back(MakePair(10 + extra, 1100 + extra, 2100 + extra, 10, 1));
    instance.pairs.back().parent_wing = Wing::kWomen;
  }
  Plan plan = CheckedFirstCome(instance);
  // Base 1 has one escort of 4 children: 4 on the 5th (sessions 1 and 2) and 3
  // on the 12th (session 3 takes 3 families); base 2 brings pair 3.
  EXPECT_EQ(plan.visits.size(), 8u);
  EXPECT_EQ(ReasonOf(plan, 19), "capacity");
}

TEST(PlanFirstCome, AMonthWithNoSessionsIsAnEmptyPlanWithReasons) {
  Instance instance = testing::SmallWorld();
  instance.sessions.clear();
  Plan plan = CheckedFirstCome(instance);
  EXPECT_TRUE(plan.visits.empty());
  EXPECT_TRUE(plan.trips.empty());
  ASSERT_EQ(plan.unscheduled.size(), 3u);
  for (const Unscheduled& unscheduled : plan.unscheduled) {
    EXPECT_EQ(unscheduled.reason, UnscheduledReason::kNoSessionThisMonth);
  }
}

TEST(PlanFirstCome, AMensWingParentIsNotGivenAWomensSession) {
  Instance instance = testing::SmallWorld();
  instance.sessions.erase(instance.sessions.begin());  // only session 2 (women) and 3
  instance.pairs[2].parent_wing = Wing::kMen;
  instance.escorts[1].available_dates = {D(5), D(12)};
  Plan plan = CheckedFirstCome(instance);
  EXPECT_EQ(VisitOf(plan, 3)->session_id, 3);
}

// Issue 17: one wing rule for the planners and the hand edits. A parent whose
// sex is not recorded goes only to sessions open to any wing; the planners
// had let her into a wing's session that a booking by hand refused.
TEST(PlanFirstCome, Issue17_AParentOfUnrecordedWingGoesOnlyToSessionsOfAnyWing) {
  Instance instance = testing::SmallWorld();
  instance.sessions.erase(instance.sessions.begin());  // only session 2 (women) and 3
  instance.pairs[2].parent_wing = Wing::kAny;
  instance.escorts[1].available_dates = {D(5), D(12)};
  for (const Plan& plan : {CheckedFirstCome(instance), SolvePlan(instance)}) {
    ASSERT_NE(VisitOf(plan, 3), nullptr);
    EXPECT_EQ(VisitOf(plan, 3)->session_id, 3);
    EXPECT_TRUE(CheckPlan(instance, plan).empty());
  }
  Plan in_the_womens_wing = CheckedFirstCome(instance);
  for (Visit& visit : in_the_womens_wing.visits) {
    if (visit.pair_id == 3) visit.session_id = 2;
  }
  bool refused = false;
  for (const Violation& violation : CheckPlan(instance, in_the_womens_wing)) {
    refused = refused || violation.rule.find("wing") != std::string::npos;
  }
  EXPECT_TRUE(refused);
}

}  // namespace
}  // namespace vinculo::planner
