// The escort's day (domain/escort_rules.h): one trip a day to one place, and
// her seats, each child once.
#include "domain/escort_rules.h"

#include <gtest/gtest.h>

namespace vinculo {
namespace {

const TripRoute kAyacucho{1, 10};
const TripRoute kHuanta{1, 11};

TEST(EscortRules, ANewTripTakesUpToTheEscortsSeats) {
  EXPECT_EQ(EscortCanTake(std::nullopt, 0, kAyacucho, 4, 4), EscortFit::kTakes);
  EXPECT_EQ(EscortCanTake(std::nullopt, 0, kAyacucho, 5, 4), EscortFit::kNoSeat);
  // With no trip, what is "aboard" does not count: she has no one yet.
  EXPECT_EQ(EscortCanTake(std::nullopt, 3, kAyacucho, 4, 4), EscortFit::kTakes);
}

TEST(EscortRules, HerTripOfTheDayTakesChildrenWhileSeatsRemain) {
  EXPECT_EQ(EscortCanTake(kAyacucho, 3, kAyacucho, 1, 4), EscortFit::kTakes);
  EXPECT_EQ(EscortCanTake(kAyacucho, 4, kAyacucho, 1, 4), EscortFit::kNoSeat);
  // A child already aboard (seeing her other parent) boards no one new.
  EXPECT_EQ(EscortCanTake(kAyacucho, 4, kAyacucho, 0, 4), EscortFit::kTakes);
}

TEST(EscortRules, AnEscortTravellingElsewhereThatDayTakesNoOne) {
  EXPECT_EQ(EscortCanTake(kHuanta, 0, kAyacucho, 1, 4), EscortFit::kTravellingElsewhere);
  EXPECT_EQ(EscortCanTake(TripRoute{2, 10}, 0, kAyacucho, 1, 4), EscortFit::kTravellingElsewhere);
}

TEST(EscortRules, EscortDaysBookOneTripPerEscortPerDay) {
  EscortDays days;
  EXPECT_FALSE(days.TripOf(7, 100));
  EXPECT_TRUE(days.Book(7, 100, kAyacucho));
  ASSERT_TRUE(days.TripOf(7, 100));
  EXPECT_EQ(*days.TripOf(7, 100), kAyacucho);
  EXPECT_FALSE(days.Book(7, 100, kHuanta));
  EXPECT_FALSE(days.Book(7, 100, kAyacucho));  // a second trip, even to the same place
  EXPECT_EQ(*days.TripOf(7, 100), kAyacucho);
  EXPECT_TRUE(days.Book(7, 101, kHuanta));
  EXPECT_TRUE(days.Book(8, 100, kHuanta));
}

}  // namespace
}  // namespace vinculo
