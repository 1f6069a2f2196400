// The co-residence rules engine, table-driven: when a child living inside
// must leave, under which rule, and how loud the board should be about it.
#include "domain/coresidence.h"

#include <gtest/gtest.h>

namespace vinculo::testing {
namespace {

Date D(const char* text) { return *ParseDate(text); }

CoresidenceRule Rule(long long id, std::optional<int> months, const char* from = "1900-01-01",
                     bool allowed = true) {
  CoresidenceRule rule;
  rule.id = id;
  rule.allowed = allowed;
  rule.max_age_months = months;
  rule.effective_from = D(from);
  rule.source = "source of rule " + std::to_string(id);
  return rule;
}

struct AgeOutCaseRow {
  const char* name;
  const char* jurisdiction;
  std::vector<CoresidenceRule> rules;
  const char* born;
  const char* admitted;
  std::optional<int> facility_months;
  std::optional<const char*> review_date;
  std::optional<const char*> extension_date;
  CoresidencePolicy policy;
  const char* as_of;
  // Expected:
  const char* age_out;
  long long days_remaining;
  AgeOutBasis basis;
  long long rule_id;
};

class AgeOutTable : public ::testing::TestWithParam<AgeOutCaseRow> {};

TEST_P(AgeOutTable, AgeOutDateDaysAndReason) {
  const AgeOutCaseRow& row = GetParam();
  AgeOutCase child;
  child.jurisdiction = row.jurisdiction;
  child.date_of_birth = D(row.born);
  child.admitted_on = D(row.admitted);
  child.rules = row.rules;
  child.facility_max_age_months = row.facility_months;
  if (row.review_date) child.review_date = D(*row.review_date);
  if (row.extension_date) {
    child.extension = AgeOutExtension{7, D(*row.extension_date), "hospital treatment", 3};
  }
  auto age_out = ComputeAgeOut(child, D(row.as_of), row.policy);
  ASSERT_TRUE(age_out.ok()) << age_out.status().ToString();
  EXPECT_EQ(FormatDate(age_out->age_out_date), row.age_out);
  EXPECT_EQ(age_out->days_remaining, row.days_remaining);
  EXPECT_EQ(age_out->basis, row.basis);
  EXPECT_EQ(age_out->rule_id, row.rule_id);
  EXPECT_FALSE(age_out->source.empty());
}

constexpr auto kAtAdmission = CoresidencePolicy::kRuleAtAdmission;
constexpr auto kInForce = CoresidencePolicy::kRuleInForce;

INSTANTIATE_TEST_SUITE_P(Jurisdictions, AgeOutTable,
                         ::testing::Values(
                             // A child born 2023-03-01 in Peru (36 months) ages out on 2026-03-01.
                             AgeOutCaseRow{"Peru36Months",
                                           "PE",
                                           {Rule(1, 36)},
                                           "2023-03-01",
                                           "2023-03-01",
                                           std::nullopt,
                                           std::nullopt,
                                           std::nullopt,
                                           kAtAdmission,
                                           "2026-01-01",
                                           "2026-03-01",
                                           59,
                                           AgeOutBasis::kJurisdictionRule,
                                           1},
                             AgeOutCaseRow{"Argentina48Months",
                                           "AR",
                                           {Rule(2, 48)},
                                           "2022-06-15",
                                           "2022-07-01",
                                           std::nullopt,
                                           std::nullopt,
                                           std::nullopt,
                                           kAtAdmission,
                                           "2026-06-15",
                                           "2026-06-15",
                                           0,
                                           AgeOutBasis::kJurisdictionRule,
                                           2},
                             AgeOutCaseRow{"ElSalvador60Months",
                                           "SV",
                                           {Rule(3, 60)},
                                           "2021-11-23",
                                           "2022-01-10",
                                           std::nullopt,
                                           std::nullopt,
                                           std::nullopt,
                                           kAtAdmission,
                                           "2026-11-23",
                                           "2026-11-23",
                                           0,
                                           AgeOutBasis::kJurisdictionRule,
                                           3},
                             AgeOutCaseRow{"England18Months",
                                           "GB-ENG",
                                           {Rule(4, 18)},
                                           "2025-08-31",
                                           "2025-09-02",
                                           std::nullopt,
                                           std::nullopt,
                                           std::nullopt,
                                           kAtAdmission,
                                           "2026-11-23",
                                           "2027-02-28",
                                           97,
                                           AgeOutBasis::kJurisdictionRule,
                                           4},
                             // The prison sets 24 months under Peru's 36: the lower limit wins.
                             AgeOutCaseRow{"FacilityOverrideLowerWins",
                                           "PE",
                                           {Rule(1, 36)},
                                           "2025-01-10",
                                           "2025-01-10",
                                           24,
                                           std::nullopt,
                                           std::nullopt,
                                           kAtAdmission,
                                           "2026-11-23",
                                           "2027-01-10",
                                           48,
                                           AgeOutBasis::kFacilityOverride,
                                           1},
                             // A facility "limit" above the law does not lengthen the stay.
                             AgeOutCaseRow{"FacilityOverrideHigherIgnored",
                                           "PE",
                                           {Rule(1, 36)},
                                           "2025-01-10",
                                           "2025-01-10",
                                           48,
                                           std::nullopt,
                                           std::nullopt,
                                           kAtAdmission,
                                           "2026-11-23",
                                           "2028-01-10",
                                           413,
                                           AgeOutBasis::kJurisdictionRule,
                                           1},
                             // An approved extension: a year past the legal limit.
                             AgeOutCaseRow{"ApprovedExtension",
                                           "PE",
                                           {Rule(1, 36)},
                                           "2023-03-01",
                                           "2023-03-01",
                                           std::nullopt,
                                           std::nullopt,
                                           "2027-03-01",
                                           kAtAdmission,
                                           "2026-11-23",
                                           "2027-03-01",
                                           98,
                                           AgeOutBasis::kExtension,
                                           1},
                             // 29 February births: AddMonths clamps to the last day of February
                             // when the age-out year has no 29 February...
                             AgeOutCaseRow{"LeapDayBirthNonLeapAgeOutYear",
                                           "PE",
                                           {Rule(1, 36)},
                                           "2024-02-29",
                                           "2024-02-29",
                                           std::nullopt,
                                           std::nullopt,
                                           std::nullopt,
                                           kAtAdmission,
                                           "2027-02-01",
                                           "2027-02-28",
                                           27,
                                           AgeOutBasis::kJurisdictionRule,
                                           1},
                             // ...and keeps 29 February when it has one.
                             AgeOutCaseRow{"LeapDayBirthLeapAgeOutYear",
                                           "AR",
                                           {Rule(2, 48)},
                                           "2024-02-29",
                                           "2024-02-29",
                                           std::nullopt,
                                           std::nullopt,
                                           std::nullopt,
                                           kAtAdmission,
                                           "2028-02-01",
                                           "2028-02-29",
                                           28,
                                           AgeOutBasis::kJurisdictionRule,
                                           2},
                             // The law drops from 48 to 36 months on 2025-01-01 while the child is
                             // inside: at admission, the old rule keeps the stay begun...
                             AgeOutCaseRow{"RuleChangeMidStayRuleAtAdmission",
                                           "XX",
                                           {Rule(10, 48, "1900-01-01"), Rule(11, 36, "2025-01-01")},
                                           "2023-05-10",
                                           "2023-05-10",
                                           std::nullopt,
                                           std::nullopt,
                                           std::nullopt,
                                           kAtAdmission,
                                           "2026-11-23",
                                           "2027-05-10",
                                           168,
                                           AgeOutBasis::kJurisdictionRule,
                                           10},
                             // ...in force, the new law applies to everyone inside.
                             AgeOutCaseRow{"RuleChangeMidStayRuleInForce",
                                           "XX",
                                           {Rule(10, 48, "1900-01-01"), Rule(11, 36, "2025-01-01")},
                                           "2023-05-10",
                                           "2023-05-10",
                                           std::nullopt,
                                           std::nullopt,
                                           std::nullopt,
                                           kInForce,
                                           "2026-11-23",
                                           "2026-05-10",
                                           -197,
                                           AgeOutBasis::kJurisdictionRule,
                                           11},
                             // No fixed limit in law (Sweden): the individual review date decides.
                             AgeOutCaseRow{"NoFixedLimitWithReviewDate",
                                           "SE",
                                           {Rule(5, std::nullopt)},
                                           "2025-03-03",
                                           "2025-03-03",
                                           std::nullopt,
                                           "2027-01-15",
                                           std::nullopt,
                                           kAtAdmission,
                                           "2026-11-23",
                                           "2027-01-15",
                                           53,
                                           AgeOutBasis::kReviewDate,
                                           5}),
                         [](const ::testing::TestParamInfo<AgeOutCaseRow>& info) {
                           return info.param.name;
                         });

TEST(CoresidenceRules, NotAllowedJurisdictionIsRefusedWithAClearError) {
  AgeOutCase child;
  child.jurisdiction = "NO";
  child.date_of_birth = D("2025-01-01");
  child.admitted_on = D("2025-01-01");
  const std::vector<CoresidenceRule> rules = {Rule(6, std::nullopt, "1900-01-01", false)};
  child.rules = rules;
  auto age_out = ComputeAgeOut(child, D("2026-11-23"));
  ASSERT_FALSE(age_out.ok());
  EXPECT_EQ(age_out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(age_out.status().message(), "co-residence is not allowed in NO");
}

TEST(CoresidenceRules, NoFixedLimitWithoutReviewDateNamesReviewDate) {
  AgeOutCase child;
  child.jurisdiction = "SE";
  child.date_of_birth = D("2025-01-01");
  child.admitted_on = D("2025-01-01");
  const std::vector<CoresidenceRule> rules = {Rule(5, std::nullopt)};
  child.rules = rules;
  auto age_out = ComputeAgeOut(child, D("2026-11-23"));
  ASSERT_FALSE(age_out.ok());
  EXPECT_EQ(age_out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(age_out.status().field(), "review_date");
}

TEST(CoresidenceRules, NoRuleInForceOnAdmissionIsAnError) {
  AgeOutCase child;
  child.jurisdiction = "PE";
  child.date_of_birth = D("2020-01-01");
  child.admitted_on = D("2020-01-01");
  const std::vector<CoresidenceRule> rules = {Rule(1, 36, "2024-01-01")};
  child.rules = rules;
  auto age_out = ComputeAgeOut(child, D("2026-11-23"));
  ASSERT_FALSE(age_out.ok());
  EXPECT_EQ(age_out.status().field(), "coresidence_rules");
}

TEST(CoresidenceRules, RuleInForcePicksTheLatestEffectiveVersion) {
  const std::vector<CoresidenceRule> rules = {Rule(2, 36, "2025-01-01"), Rule(1, 48, "2000-01-01")};
  EXPECT_EQ((*RuleInForce(rules, D("2024-12-31"), "XX"))->id, 1);
  EXPECT_EQ((*RuleInForce(rules, D("2025-01-01"), "XX"))->id, 2);
}

// Issue 15: a version with no effective_from is in force "since always"
// until the next one, whatever order the versions come in.
CoresidenceRule OpenEnded(long long id, int months) {
  CoresidenceRule rule = Rule(id, months);
  rule.effective_from.reset();
  return rule;
}

TEST(CoresidenceRules, Issue15_AnOpenEndedVersionAppliesOnAnyDayBeforeTheNext) {
  const std::vector<CoresidenceRule> rules = {Rule(2, 36, "2016-01-01"), OpenEnded(1, 72)};
  EXPECT_EQ((*RuleInForce(rules, D("1900-06-01"), "MX"))->id, 1);
  EXPECT_EQ((*RuleInForce(rules, D("2015-12-31"), "MX"))->id, 1);
  EXPECT_EQ((*RuleInForce(rules, D("2016-01-01"), "MX"))->id, 2);
  EXPECT_EQ((*RuleInForce(rules, D("2030-01-01"), "MX"))->id, 2);
  // Alone, it is in force on every day.
  const std::vector<CoresidenceRule> alone = {OpenEnded(3, 36)};
  EXPECT_EQ((*RuleInForce(alone, D("1900-01-01"), "PE"))->id, 3);
}

TEST(CoresidenceRules, Issue15_AChildAdmittedBeforeTheFirstDatedVersionIsUnderTheOpenEndedOne) {
  const std::vector<CoresidenceRule> rules = {OpenEnded(1, 72), Rule(2, 36, "2016-01-01")};
  AgeOutCase child;
  child.jurisdiction = "MX";
  child.date_of_birth = D("2014-05-10");
  child.admitted_on = D("2014-05-10");
  child.rules = rules;
  auto age_out = ComputeAgeOut(child, D("2015-01-01"));
  ASSERT_TRUE(age_out.ok()) << age_out.status().ToString();
  EXPECT_EQ(FormatDate(age_out->age_out_date), "2020-05-10");
  EXPECT_EQ(age_out->rule_id, 1);
  // Under the rule in force, the 2016 law applies from its date on.
  age_out = ComputeAgeOut(child, D("2016-02-01"), CoresidencePolicy::kRuleInForce);
  ASSERT_TRUE(age_out.ok());
  EXPECT_EQ(FormatDate(age_out->age_out_date), "2017-05-10");
}

struct AlertRow {
  long long days;
  AlertLevel level;
};

TEST(CoresidenceRules, AlertLevelsAtTheDefaultThresholds) {
  const AlertRow rows[] = {{-1, AlertLevel::kOverdue},  {0, AlertLevel::kCritical},
                           {30, AlertLevel::kCritical}, {31, AlertLevel::kWarning},
                           {90, AlertLevel::kWarning},  {91, AlertLevel::kNotice},
                           {180, AlertLevel::kNotice},  {181, AlertLevel::kNone}};
  for (const AlertRow& row : rows) {
    EXPECT_EQ(AlertFor(row.days), row.level) << row.days << " days";
  }
  EXPECT_STREQ(AlertLevelName(AlertLevel::kOverdue), "overdue");
}

TEST(CoresidenceRules, AlertThresholdsAreConfigurable) {
  const AlertThresholds thresholds{60, 20, 7};
  EXPECT_EQ(AlertFor(7, thresholds), AlertLevel::kCritical);
  EXPECT_EQ(AlertFor(8, thresholds), AlertLevel::kWarning);
  EXPECT_EQ(AlertFor(60, thresholds), AlertLevel::kNotice);
  EXPECT_EQ(AlertFor(61, thresholds), AlertLevel::kNone);
}

}  // namespace
}  // namespace vinculo::testing
