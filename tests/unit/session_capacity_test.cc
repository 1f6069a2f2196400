// Session capacity, the one rule the planners and the visits service call
// (issues 17 and 19): a session's places in families, pairs or people, and its
// people always; exactly full fits, one more does not.
#include "domain/session_capacity.h"

#include <gtest/gtest.h>

namespace vinculo {
namespace {

constexpr long long kFather = 100;
constexpr long long kMother = 101;
constexpr long long kOtherFather = 102;

// Three siblings (children 1, 2, 3) seeing their father, brought on one trip.
std::vector<SessionVisit> SiblingsSeeingFather(long long trip_id = 7) {
  return {{1, kFather, trip_id}, {2, kFather, trip_id}, {3, kFather, trip_id}};
}

SessionCapacity Capacity(CapacityUnit unit, long long places, long long people) {
  return {unit, places, people};
}

TEST(SessionLoad, ThreeSiblingsVisitingTheirFatherAreOneFamily) {
  const SessionLoad load = LoadOf(SiblingsSeeingFather());
  EXPECT_EQ(load.families, 1);
  EXPECT_EQ(load.pairs, 3);
  EXPECT_EQ(load.children, 3);
  EXPECT_EQ(load.escorts, 1);
  EXPECT_EQ(load.People(), 4);
  EXPECT_EQ(PlacesTaken(load, CapacityUnit::kFamilies), 1);
  EXPECT_EQ(PlacesTaken(load, CapacityUnit::kPairs), 3);
  EXPECT_EQ(PlacesTaken(load, CapacityUnit::kPeople), 4);
}

TEST(SessionLoad, AChildSeeingBothParentsIsOnePersonAndTwoFamilies) {
  const SessionLoad load = LoadOf({{1, kFather, 7}, {1, kMother, 7}});
  EXPECT_EQ(load.families, 2);
  EXPECT_EQ(load.pairs, 2);
  EXPECT_EQ(load.children, 1);
  EXPECT_EQ(load.People(), 2);  // the child and her escort
}

TEST(SessionLoad, EachTripBringsItsEscort) {
  const SessionLoad load = LoadOf({{1, kFather, 7}, {2, kOtherFather, 8}, {3, kOtherFather, 8}});
  EXPECT_EQ(load.escorts, 2);
  EXPECT_EQ(load.People(), 5);
}

TEST(SessionLoad, AnEmptySessionTakesNothing) {
  const SessionLoad load = LoadOf({});
  EXPECT_EQ(load.pairs, 0);
  EXPECT_EQ(load.People(), 0);
  EXPECT_TRUE(Fits(load, Capacity(CapacityUnit::kFamilies, 0, 0)));
}

TEST(Fits, InFamiliesThreeSiblingsTakeOnePlace) {
  const SessionLoad load = LoadOf(SiblingsSeeingFather());
  EXPECT_TRUE(Fits(load, Capacity(CapacityUnit::kFamilies, 1, 10)));
  EXPECT_FALSE(Fits(load, Capacity(CapacityUnit::kFamilies, 0, 10)));
}

TEST(Fits, InPairsEachVisitTakesAPlace) {
  const SessionLoad load = LoadOf(SiblingsSeeingFather());
  EXPECT_TRUE(Fits(load, Capacity(CapacityUnit::kPairs, 3, 10)));
  EXPECT_FALSE(Fits(load, Capacity(CapacityUnit::kPairs, 2, 10)));
}

TEST(Fits, InPeopleChildrenCountOnceAndEscortsToo) {
  // One child seeing both parents, and her escort: two people, not three.
  const SessionLoad load = LoadOf({{1, kFather, 7}, {1, kMother, 7}});
  EXPECT_TRUE(Fits(load, Capacity(CapacityUnit::kPeople, 2, 10)));
  EXPECT_FALSE(Fits(load, Capacity(CapacityUnit::kPeople, 1, 10)));
}

TEST(Fits, PeopleBoundEveryUnit) {
  const SessionLoad load = LoadOf(SiblingsSeeingFather());  // 4 people
  for (CapacityUnit unit : {CapacityUnit::kFamilies, CapacityUnit::kPairs, CapacityUnit::kPeople}) {
    EXPECT_TRUE(Fits(load, Capacity(unit, 10, 4)));
    EXPECT_FALSE(Fits(load, Capacity(unit, 10, 3)));
  }
}

// "A session of capacity 12 never gets 13 families."
TEST(Fits, ExactlyFullFitsAndOneMoreFamilyDoesNot) {
  SessionTally tally;
  for (long long parent = 1; parent <= 12; ++parent) tally.Add({parent, 1000 + parent, parent});
  const SessionCapacity capacity = Capacity(CapacityUnit::kFamilies, 12, 24);
  EXPECT_EQ(tally.Load().families, 12);
  EXPECT_TRUE(Fits(tally.Load(), capacity));
  EXPECT_FALSE(Fits(tally.With({{13, 1013, 13}}), capacity));
}

TEST(Fits, ExactlyFullFitsAndOneMorePairOrPersonDoesNot) {
  const SessionLoad full = LoadOf(SiblingsSeeingFather());  // 3 pairs, 4 people
  EXPECT_TRUE(Fits(full, Capacity(CapacityUnit::kPairs, 3, 4)));
  EXPECT_TRUE(Fits(full, Capacity(CapacityUnit::kPeople, 4, 4)));
  SessionTally tally;
  for (const SessionVisit& visit : SiblingsSeeingFather()) tally.Add(visit);
  const SessionLoad one_more = tally.With({{4, kFather, 7}});
  EXPECT_FALSE(Fits(one_more, Capacity(CapacityUnit::kPairs, 3, 10)));
  EXPECT_FALSE(Fits(one_more, Capacity(CapacityUnit::kPeople, 4, 10)));
  // A fourth sibling is still the same family.
  EXPECT_TRUE(Fits(one_more, Capacity(CapacityUnit::kFamilies, 1, 10)));
}

TEST(SessionTally, WithCountsWhatIsAlreadyThereOnce) {
  SessionTally tally;
  tally.Add({1, kFather, 7});
  // Her sister joins on the same trip: no new family, no new escort.
  SessionLoad sister = tally.With({{2, kFather, 7}});
  EXPECT_EQ(sister.families, 1);
  EXPECT_EQ(sister.escorts, 1);
  EXPECT_EQ(sister.children, 2);
  EXPECT_EQ(sister.pairs, 2);
  // Two children of another father on a new trip: one family, one escort.
  SessionLoad others = tally.With({{3, kOtherFather, 8}, {4, kOtherFather, 8}});
  EXPECT_EQ(others.families, 2);
  EXPECT_EQ(others.escorts, 2);
  EXPECT_EQ(others.People(), 5);
  // The tally itself is unchanged.
  EXPECT_EQ(tally.Load().pairs, 1);
  EXPECT_EQ(tally.Load().People(), 2);
}

TEST(SessionTally, AddedOneByOneEqualsLoadOf) {
  const std::vector<SessionVisit> visits = {
      {1, kFather, 7}, {1, kMother, 7}, {2, kFather, 8}, {3, kOtherFather, 8}};
  SessionTally tally;
  for (const SessionVisit& visit : visits) tally.Add(visit);
  const SessionLoad by_one = tally.Load();
  const SessionLoad at_once = LoadOf(visits);
  EXPECT_EQ(by_one.families, at_once.families);
  EXPECT_EQ(by_one.pairs, at_once.pairs);
  EXPECT_EQ(by_one.children, at_once.children);
  EXPECT_EQ(by_one.escorts, at_once.escorts);
  EXPECT_EQ(SessionTally().With(visits).People(), at_once.People());
}

}  // namespace
}  // namespace vinculo
