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
  ASSERT_EQ(definitions.size(), 10u);
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

}  // namespace
}  // namespace vinculo
