#include "domain/record.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "domain/access.h"

namespace vinculo {
namespace {

const Date kToday{2026, 11, 23};

FieldValues ValidChild() {
  return {{"given_names", std::string("Ñusta Valentina")},
          {"family_names", std::string("Quispe Huamán")},
          {"date_of_birth", std::string("2024-02-29")},
          {"sex", std::string("female")},
          {"placement", std::string("relatives")}};
}

TEST(RecordTest, AValidChildPasses) {
  EXPECT_TRUE(ValidateRecordWrite(ChildKind(), ValidChild(), nullptr, kToday).ok());
}

TEST(RecordTest, BadChildInputNamesTheField) {
  struct Case {
    const char* field;
    Value value;
    const char* expected_field;
  };
  const Case cases[] = {
      {"date_of_birth", std::string("2025-02-30"), "date_of_birth"},
      {"date_of_birth", std::string("2027-01-01"), "date_of_birth"},
      {"sex", std::string("dragon"), "sex"},
      {"given_names", 42LL, "given_names"},
      {"given_names", std::string("   "), "given_names"},
      {"favourite_colour", std::string("blue"), "favourite_colour"},
      {"pseudonym", std::string("X"), "pseudonym"},
      {"home_latitude", 95.0, "home_latitude"},
      {"home_latitude", -12.0, "home_longitude"},
      {"placement", std::string("inside_with_mother"), "facility_id"},
      {"facility_id", 0LL, "facility_id"},
  };
  for (const Case& test_case : cases) {
    FieldValues values = ValidChild();
    values[test_case.field] = test_case.value;
    Status status = ValidateRecordWrite(ChildKind(), values, nullptr, kToday);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << test_case.field;
    EXPECT_EQ(status.field(), test_case.expected_field) << status.ToString();
  }
}

TEST(RecordTest, MissingRequiredFieldIsNamed) {
  FieldValues values = ValidChild();
  values.erase("date_of_birth");
  Status status = ValidateRecordWrite(ChildKind(), values, nullptr, kToday);
  EXPECT_EQ(status.field(), "date_of_birth");
}

// Issue 16: every field at fault at once, the first as field(), the others as
// more_errors with their codes; the rules across fields wait for clean fields.
TEST(RecordTest, EveryFieldAtFaultIsNamedAtOnce) {
  FieldValues values = ValidChild();
  values.erase("family_names");
  values["sex"] = std::string("dragon");
  values["date_of_birth"] = std::string("2025-02-30");
  values["favourite_colour"] = std::string("blue");
  Status status = ValidateRecordWrite(ChildKind(), values, nullptr, kToday);
  ASSERT_EQ(status.code(), StatusCode::kInvalidArgument);
  std::map<std::string, std::string> codes = {{status.field(), RefusalCode(status.refusal())}};
  for (const Status::FieldError& more : status.more_errors()) codes[more.field] = more.code;
  EXPECT_EQ(codes, (std::map<std::string, std::string>{{"date_of_birth", "date_invalid"},
                                                       {"family_names", "value_required"},
                                                       {"favourite_colour", ""},
                                                       {"sex", "value_not_allowed"}}))
      << status.ToString();
  // The CLI's one line names them all.
  for (const char* field : {"date_of_birth", "family_names", "favourite_colour", "sex"}) {
    EXPECT_NE(status.ToString().find(field), std::string::npos) << status.ToString();
  }
  // One fault is one field, with nothing more.
  FieldValues one = ValidChild();
  one["sex"] = std::string("dragon");
  EXPECT_TRUE(ValidateRecordWrite(ChildKind(), one, nullptr, kToday).more_errors().empty());
}

TEST(RecordTest, AReleaseDateBeforeAdmissionIsRefused) {
  FieldValues parent = {{"given_names", std::string("Rosa")},
                        {"family_names", std::string("Mamani")},
                        {"sex", std::string("female")},
                        {"facility_id", 1LL},
                        {"custody_status", std::string("incarcerated")},
                        {"admission_date", std::string("2024-05-01")},
                        {"expected_release_date", std::string("2024-04-30")}};
  Status status = ValidateRecordWrite(ParentKind(), parent, nullptr, kToday);
  EXPECT_EQ(status.field(), "expected_release_date");
  parent["expected_release_date"] = std::string("2031-04-30");
  EXPECT_TRUE(ValidateRecordWrite(ParentKind(), parent, nullptr, kToday).ok());
}

TEST(RecordTest, ImmutableFieldsCannotChangeOnUpdate) {
  FieldValues existing = ValidChild();
  existing["placement"] = std::string("relatives");
  FieldValues change = {{"placement", std::string("state_care")}};
  Status status = ValidateRecordWrite(ChildKind(), change, &existing, kToday);
  EXPECT_EQ(status.field(), "placement");
  FieldValues same = {{"placement", std::string("relatives")}};
  EXPECT_TRUE(ValidateRecordWrite(ChildKind(), same, &existing, kToday).ok());
}

TEST(RecordTest, ARuleThatForbidsCoresidenceHasNoAge) {
  FieldValues rule = {{"jurisdiction_id", 1LL},
                      {"allowed", false},
                      {"max_age_months", 12LL},
                      {"rule_kind", std::string("law")},
                      {"extension_possible", std::string("no")},
                      {"effective_from", std::string("2016-01-01")},
                      {"source", std::string("synthetic test")}};
  EXPECT_EQ(ValidateRecordWrite(CoresidenceRuleKind(), rule, nullptr, kToday).field(),
            "max_age_months");
}

TEST(RecordTest, TextRoundTripsThroughCsvCells) {
  const FieldSpec* latitude = ChildKind().Field("home_latitude");
  ASSERT_NE(latitude, nullptr);
  auto value = ValueFromText(*latitude, "-13.1587");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(ValueToText(*value), "-13.1587");
  EXPECT_FALSE(ValueFromText(*latitude, "thirteen").ok());
  EXPECT_TRUE(IsNull(*ValueFromText(*latitude, "")));
}

TEST(AccessTest, OnlyCaseWorkersSeeOffenceData) {
  EXPECT_TRUE(SeesRestrictedFields(Role::kAdministrator));
  EXPECT_TRUE(SeesRestrictedFields(Role::kSocialWorker));
  for (Role role : {Role::kProgrammeCoordinator, Role::kCaregiver, Role::kNurseryOfficer,
                    Role::kVisitsOfficer, Role::kAuditor}) {
    EXPECT_FALSE(SeesRestrictedFields(role)) << RoleName(role);
  }
  EXPECT_EQ(KindAccess(Role::kAuditor, ChildKind()), Access::kNone);
  EXPECT_EQ(KindAccess(Role::kCaregiver, ChildKind()), Access::kRead);
  EXPECT_EQ(KindAccess(Role::kCaregiver, FacilityKind()), Access::kRead);
  EXPECT_EQ(KindAccess(Role::kProgrammeCoordinator, FacilityKind()), Access::kRead);
}

}  // namespace
}  // namespace vinculo

namespace vinculo {
namespace {

TEST(RecordTest, TextMustBeWellFormedUtf8LikeTheCsvReaderWants) {
  const char* bad_texts[] = {"\xC0\x80", "\xED\xA0\x80", "\xF5\x80\x80\x80", "abc\xE2\x82"};
  for (const char* text : bad_texts) {
    FieldValues values = {{"given_names", std::string(text)}};
    EXPECT_EQ(ValidateRecordWrite(ChildKind(), values, &values, Date{2026, 11, 23}).field(),
              "given_names");
  }
  FieldValues fine = {{"given_names", std::string("Ñusta 🌸")}};
  EXPECT_TRUE(ValidateRecordWrite(ChildKind(), fine, &fine, Date{2026, 11, 23}).ok());
}

}  // namespace
}  // namespace vinculo
