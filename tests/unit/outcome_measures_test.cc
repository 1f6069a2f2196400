// Issue 18: the outcome measures' arithmetic, case by case in the field's
// words (domain/outcome_measures.h; the definitions are in docs/reports.md).
#include "domain/outcome_measures.h"

#include <gtest/gtest.h>

namespace vinculo {
namespace {

const MeasureValue& Of(const std::vector<MeasureValue>& values, OutcomeMeasure measure) {
  for (const MeasureValue& value : values) {
    if (value.measure == measure) return value;
  }
  static const MeasureValue kMissing;
  ADD_FAILURE() << "measure missing";
  return kMissing;
}

TEST(OutcomeMeasuresTest, Issue18_EveryMeasureIsDefinedOnceWithItsParts) {
  const auto& definitions = OutcomeMeasures();
  ASSERT_EQ(definitions.size(), 13u);
  const std::vector<MeasureValue> values = ComputeOutcomes({});
  ASSERT_EQ(values.size(), definitions.size());
  for (size_t measure_idx = 0; measure_idx < definitions.size(); ++measure_idx) {
    const MeasureDefinition& definition = definitions[measure_idx];
    EXPECT_EQ(values[measure_idx].measure, definition.measure) << definition.code;
    EXPECT_EQ(&DefinitionOf(definition.measure), &definition) << definition.code;
    EXPECT_STRNE(definition.numerator_en, "") << definition.code;
    EXPECT_STRNE(definition.denominator_en, "") << definition.code;
    EXPECT_STRNE(definition.period_en, "") << definition.code;
    // Nothing to divide by: no value, never a division by zero.
    EXPECT_FALSE(values[measure_idx].value.has_value()) << definition.code;
  }
}

TEST(OutcomeMeasuresTest, Issue18_AChildWithBothParentsInsideIsInContactOnlyIfSheSawBoth) {
  MonthFacts facts;
  // Child 1 has a mother (10) and a father (11) inside; child 2 a mother (10).
  facts.pairs = {{1, 10}, {1, 11}, {2, 10}};
  facts.visits = {{1, 10, true, 2, 4},
                  {1, 11, false, std::nullopt, std::nullopt},
                  {2, 10, true, 3, 3},
                  {2, 10, true, std::nullopt, std::nullopt},
                  {1, 11, std::nullopt, std::nullopt, std::nullopt}};
  const auto values = ComputeOutcomes(facts);
  // Three attended visits for two children.
  EXPECT_DOUBLE_EQ(*Of(values, OutcomeMeasure::kVisitsPerChild).value, 1.5);
  const MeasureValue& contact = Of(values, OutcomeMeasure::kMonthlyContact);
  EXPECT_DOUBLE_EQ(contact.numerator, 1);  // only child 2 saw every parent
  EXPECT_EQ(contact.denominator, 2);
  // Mood over the two visits scored both before and after: (2+3)/2, (4+3)/2;
  // one of them better after.
  EXPECT_DOUBLE_EQ(*Of(values, OutcomeMeasure::kMoodBefore).value, 2.5);
  EXPECT_DOUBLE_EQ(*Of(values, OutcomeMeasure::kMoodAfter).value, 3.5);
  EXPECT_DOUBLE_EQ(*Of(values, OutcomeMeasure::kMoodImproved).value, 0.5);
}

TEST(OutcomeMeasuresTest, Issue18_APlanApprovedNinetyDaysAheadIsInTimeEightyNineIsNot) {
  const Date age_out{2026, 11, 30};
  EXPECT_TRUE(PlannedInTime(age_out, AddDays(age_out, -90)));
  EXPECT_FALSE(PlannedInTime(age_out, AddDays(age_out, -89)));
  EXPECT_FALSE(PlannedInTime(age_out, std::nullopt));
  MonthFacts facts;
  facts.age_outs = {
      {age_out, AddDays(age_out, -120)}, {age_out, AddDays(age_out, -30)}, {age_out, std::nullopt}};
  const MeasureValue& in_time = Of(ComputeOutcomes(facts), OutcomeMeasure::kAgeOutsPlannedInTime);
  EXPECT_DOUBLE_EQ(in_time.numerator, 1);
  EXPECT_EQ(in_time.denominator, 3);
}

TEST(OutcomeMeasuresTest, Issue18_LeavesBackByTheirDueTimeAreOnTimeLateOrOpenAreNot) {
  MonthFacts facts;
  facts.leaves = {{"2026-11-08T18:00:00Z", "2026-11-08T18:00:00Z"},
                  {"2026-11-15T18:00:00Z", "2026-11-15T19:30:00Z"},
                  {"2026-11-22T18:00:00Z", std::nullopt},
                  {"2026-11-29T18:00:00Z", "2026-11-29T12:00:00Z"}};
  const MeasureValue& on_time = Of(ComputeOutcomes(facts), OutcomeMeasure::kLeaveReturnsOnTime);
  EXPECT_DOUBLE_EQ(*on_time.value, 0.5);
}

TEST(OutcomeMeasuresTest, Issue18_DistanceCostAndCompletionAreSharedOverWhatHappened) {
  MonthFacts facts;
  facts.visits = {{1, 10, true, std::nullopt, std::nullopt},
                  {2, 10, true, std::nullopt, std::nullopt},
                  {3, 10, false, std::nullopt, std::nullopt}};
  facts.trips = {{120.0, 60.0}, {30.0, 15.0}};
  facts.places = {{true}, {true}, {false}, {true}};
  const auto values = ComputeOutcomes(facts);
  EXPECT_DOUBLE_EQ(*Of(values, OutcomeMeasure::kKilometresPerVisit).value, 75.0);
  EXPECT_DOUBLE_EQ(*Of(values, OutcomeMeasure::kCostPerVisit).value, 37.5);
  EXPECT_DOUBLE_EQ(*Of(values, OutcomeMeasure::kWorkshopCompletion).value, 0.75);
}

// Issue 15: releases of the month with a plan opened by the release day;
// children of those parents back with one (a child of two released parents
// counted once); families within the follow-up period on some day of the
// month, and those of them contacted in it.
TEST(OutcomeMeasuresTest,
     Issue15_ReunificationMeasuresCountTheMonthsReleasesAndTheFamiliesInTheirPeriod) {
  MonthFacts facts;
  facts.first_day = {2026, 11, 1};
  facts.last_day = {2026, 11, 30};
  facts.follow_up_days = 30;
  facts.releases = {
      // Released in the month, the plan opened the same day: planned ahead.
      {{2026, 11, 23}, Date{2026, 11, 23}, {}},
      // Released in the month, the plan opened a day later: not ahead.
      {{2026, 11, 10}, Date{2026, 11, 11}, {{2026, 11, 15}}},
      // Released before the month, period to 2026-11-01: in it, contacted in October only.
      {{2026, 10, 2}, std::nullopt, {{2026, 10, 20}}},
      // Released before the month, period to 2026-10-31: not in it.
      {{2026, 10, 1}, std::nullopt, {{2026, 11, 3}}},
  };
  facts.released_children = {{7, true}, {7, false}, {8, false}, {9, true}};
  const auto values = ComputeOutcomes(facts);
  const MeasureValue& ahead = Of(values, OutcomeMeasure::kReleasesPlannedAhead);
  EXPECT_DOUBLE_EQ(ahead.numerator, 1);
  EXPECT_EQ(ahead.denominator, 2);
  const MeasureValue& back = Of(values, OutcomeMeasure::kChildrenBackWithParent);
  EXPECT_DOUBLE_EQ(back.numerator, 2);  // children 7 and 9
  EXPECT_EQ(back.denominator, 3);
  const MeasureValue& followed = Of(values, OutcomeMeasure::kFollowUpContactsInPeriod);
  EXPECT_DOUBLE_EQ(followed.numerator, 1);  // the release of the 10th, contacted on the 15th
  EXPECT_EQ(followed.denominator, 3);
  EXPECT_TRUE(InFollowUpPeriod({2026, 10, 2}, 30, facts.first_day, facts.last_day));
  EXPECT_FALSE(InFollowUpPeriod({2026, 10, 1}, 30, facts.first_day, facts.last_day));
  EXPECT_FALSE(InFollowUpPeriod({2026, 12, 1}, 30, facts.first_day, facts.last_day));
}

}  // namespace
}  // namespace vinculo
