// The independent checker: a valid plan passes, and a plan that breaks one hard
// rule is reported under that rule's name.
#include <gtest/gtest.h>

#include "planner/planner.h"
#include "planner_world.h"

namespace vinculo::planner {
namespace {

using testing::D;
using testing::Describe;
using testing::HasRule;
using testing::MakePair;

// Children of pairs 1 and 2 go with escort 100 from base 1, the child of pair 3
// with escort 101 from base 2, all to session 1: 3 families, 3 children and 2
// escorts, exactly the session's capacity.
Plan ValidPlan() {
  Plan plan;
  plan.trips = {{0, 100, 1, 10, D(5), 540, 780, 20.0}, {1, 101, 2, 10, D(5), 510, 810, 30.0}};
  plan.visits = {{1, 1, 0}, {2, 1, 0}, {3, 1, 1}};
  return plan;
}

void ExpectRule(const Instance& instance, const Plan& plan, const std::string& rule) {
  auto violations = CheckPlan(instance, plan);
  EXPECT_TRUE(HasRule(violations, rule)) << "expected " << rule << ", got:\n"
                                         << Describe(violations);
}

TEST(CheckPlan, AValidPlanHasNoViolation) {
  auto violations = CheckPlan(testing::SmallWorld(), ValidPlan());
  EXPECT_TRUE(violations.empty()) << Describe(violations);
}

TEST(CheckPlan, ASessionOfCapacityTwoNeverGetsThreeFamilies) {
  Instance instance = testing::SmallWorld();
  instance.sessions[0].capacity_families = 2;
  ExpectRule(instance, ValidPlan(), "session_capacity_families");
}

TEST(CheckPlan, EscortsCountAsPeopleInTheSession) {
  Instance instance = testing::SmallWorld();
  instance.sessions[0].capacity_people = 4;  // 3 children + 2 escorts = 5
  ExpectRule(instance, ValidPlan(), "session_capacity_people");
}

TEST(CheckPlan, AnEscortMakesOneTripADay) {
  Instance instance = testing::SmallWorld();
  instance.escorts[0].home_base_ids = {1, 2};
  Plan plan = ValidPlan();
  plan.trips[1].escort_id = 100;
  ExpectRule(instance, plan, "escort_one_trip_per_day");
}

TEST(CheckPlan, AnEscortTravelsOnlyOnHerAvailableDates) {
  Instance instance = testing::SmallWorld();
  instance.escorts[0].available_dates = {D(12)};
  ExpectRule(instance, ValidPlan(), "escort_available");
}

TEST(CheckPlan, AnEscortTakesChildrenOnlyFromBasesSheServes) {
  Instance instance = testing::SmallWorld();
  instance.escorts[1].home_base_ids = {1};
  ExpectRule(instance, ValidPlan(), "escort_home_base");
}

TEST(CheckPlan, AnEscortTakesNoMoreThanHerMaximumOfChildren) {
  Instance instance = testing::SmallWorld();
  instance.escorts[0].max_children = 1;
  ExpectRule(instance, ValidPlan(), "escort_max_children");
}

TEST(CheckPlan, ATripMustFitInTheDay) {
  Instance instance = testing::SmallWorld();
  instance.settings.day_start_minute = 9 * 60 + 30;  // leaving at 9:00 is too early
  ExpectRule(instance, ValidPlan(), "trip_fits_day");
  instance = testing::SmallWorld();
  instance.settings.day_end_minute = 13 * 60;  // back at 13:00 from base 1, 13:30 from base 2
  ExpectRule(instance, ValidPlan(), "trip_fits_day");
}

TEST(CheckPlan, ATripNeedsARoute) {
  Instance instance = testing::SmallWorld();
  instance.routes.pop_back();
  ExpectRule(instance, ValidPlan(), "trip_route");
}

TEST(CheckPlan, AMensWingParentIsNotVisitedInAWomensSession) {
  Instance instance = testing::SmallWorld();
  instance.pairs[2].parent_wing = Wing::kMen;
  Plan plan = ValidPlan();
  plan.visits[2].session_id = 2;
  ExpectRule(instance, plan, "wing");
}

TEST(CheckPlan, ARestrictedPairIsNeverScheduled) {
  Instance instance = testing::SmallWorld();
  instance.pairs[0].restricted = true;
  ExpectRule(instance, ValidPlan(), "restriction");
}

TEST(CheckPlan, AChildIsNotTakenOnADateSheCannotGo) {
  Instance instance = testing::SmallWorld();
  instance.pairs[0].child_unavailable = {D(5)};
  ExpectRule(instance, ValidPlan(), "child_unavailable");
}

TEST(CheckPlan, AVisitIsAtTheParentsFacility) {
  Instance instance = testing::SmallWorld();
  instance.pairs[2].facility_id = 11;
  ExpectRule(instance, ValidPlan(), "visit_facility");
}

TEST(CheckPlan, AVisitsTripLeavesFromTheChildsHomeBase) {
  Plan plan = ValidPlan();
  plan.visits[2].trip_id = 0;  // the child of pair 3 lives at base 2
  ExpectRule(testing::SmallWorld(), plan, "visit_trip");
}

TEST(CheckPlan, AVisitsTripGoesOnTheSessionsDate) {
  Instance instance = testing::SmallWorld();
  Plan plan = ValidPlan();
  plan.trips.push_back({2, 100, 1, 10, D(12), 540, 780, 20.0});
  plan.visits[0].trip_id = 2;  // session 1 is on the 5th
  ExpectRule(instance, plan, "visit_trip");
}

TEST(CheckPlan, APairIsVisitedAtMostOnce) {
  Plan plan = ValidPlan();
  plan.trips.push_back({2, 100, 1, 10, D(12), 540, 780, 20.0});
  plan.visits.push_back({1, 3, 2});
  ExpectRule(testing::SmallWorld(), plan, "pair_visits_wanted");
}

TEST(CheckPlan, AChildIsNotInTwoSessionsAtOverlappingTimes) {
  Instance instance = testing::SmallWorld();
  Pair mother = MakePair(4, 1000, 2003, 10, 1);  // the child of pair 1 also visits her mother
  mother.parent_wing = Wing::kWomen;
  instance.pairs.push_back(mother);
  Plan plan = ValidPlan();
  plan.visits.push_back({4, 2, 0});
  ExpectRule(instance, plan, "child_overlap");
}

TEST(CheckPlan, AChildTravelsOnOneTripADay) {
  Instance instance = testing::SmallWorld();
  instance.sessions[0].capacity_families = 4;
  instance.sessions[0].capacity_people = 6;
  instance.pairs.push_back(MakePair(4, 1000, 2003, 10, 2));
  Plan plan = ValidPlan();
  plan.visits.push_back({4, 1, 1});  // child 1000 is already on trip 0
  ExpectRule(instance, plan, "child_one_trip_per_day");
}

TEST(CheckPlan, UnknownPairsSessionsAndTripsAreReported) {
  Plan plan = ValidPlan();
  plan.visits.push_back({99, 1, 0});
  ExpectRule(testing::SmallWorld(), plan, "unknown_pair");
  plan = ValidPlan();
  plan.visits[0].session_id = 99;
  ExpectRule(testing::SmallWorld(), plan, "unknown_session");
  plan = ValidPlan();
  plan.visits[0].trip_id = 7;
  ExpectRule(testing::SmallWorld(), plan, "unknown_trip");
  plan = ValidPlan();
  plan.trips[0].escort_id = 999;
  ExpectRule(testing::SmallWorld(), plan, "unknown_escort");
}

TEST(CheckPlan, TwoSiblingsInOneSessionCountAsTwoChildrenButOneEscort) {
  Instance instance = testing::SmallWorld();
  instance.sessions[0].capacity_people = 4;
  Plan plan;
  plan.trips = {{0, 100, 1, 10, D(5), 540, 780, 20.0}};
  plan.visits = {{1, 1, 0}, {2, 1, 0}};  // 2 children + 1 escort
  auto violations = CheckPlan(instance, plan);
  EXPECT_TRUE(violations.empty()) << Describe(violations);
}

}  // namespace
}  // namespace vinculo::planner
