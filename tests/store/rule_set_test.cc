// Loading co-residence rule sets on a real database (SQLite or PostgreSQL):
// the shipped file, reloading, broken rows, who may load, and a change of law
// kept as a new rule version.
#include "service/rule_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "support/test_database.h"

namespace vinculo::testing {
namespace {

// The columns of the shipped file; line numbers count this header as line 1.
constexpr const char* kHeader =
    "jurisdiction_code,jurisdiction_name,max_age_months,allowed,rule_kind,extension_possible,"
    "notes,source\n";

class RuleSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = TestDatabase::Create();
    ASSERT_NE(database_, nullptr);
    clock_ =
        std::make_unique<FixedClock>(StartOfDayUtc(Date{2026, 11, 23}) + std::chrono::hours(12));
    audit_ = std::make_unique<AuditLog>(database_->store());
    context_ = ServiceContext{&database_->store(), clock_.get(), audit_.get()};
    records_ = std::make_unique<RecordService>(context_);
  }

  Result<RuleSetReport> Load(std::string_view csv,
                             std::string_view effective_from = kRuleSetDefaultEffectiveFrom) {
    return LoadCoresidenceRules(*records_, Actor::System(), csv, effective_from);
  }

  // The jurisdiction with `code`, or an empty record.
  Record Jurisdiction(const std::string& code) {
    ListQuery query;
    query.filters["code"] = code;
    auto page = records_->List(Actor::System(), JurisdictionKind(), query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() && !page->items.empty() ? page->items.front() : Record{};
  }

  // The rules of the jurisdiction with `code`, oldest first.
  std::vector<Record> RulesOf(const std::string& code) {
    ListQuery query;
    query.filters["jurisdiction_id"] = Jurisdiction(code).id;
    auto page = records_->List(Actor::System(), CoresidenceRuleKind(), query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    if (!page.ok()) return {};
    std::vector<Record> rules = page->items;
    std::sort(rules.begin(), rules.end(), [](const Record& a, const Record& b) {
      return a.Text("effective_from") < b.Text("effective_from");
    });
    return rules;
  }

  long long Count(const RecordKind& kind) {
    long long count = -1;
    Status read = database_->store().Read([&](Txn& txn) -> Status {
      auto counted = txn.Count(kind, Actor::System());
      if (!counted.ok()) return counted.status();
      count = *counted;
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return count;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<FixedClock> clock_;
  std::unique_ptr<AuditLog> audit_;
  ServiceContext context_;
  std::unique_ptr<RecordService> records_;
};

TEST_F(RuleSetTest, TheShippedRuleSetLoadsNinetySevenJurisdictionsWithTheirSources) {
  auto csv = DefaultRuleSetCsv();
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  auto report = Load(*csv);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->jurisdictions_created, 97);
  EXPECT_EQ(report->rules_created, 97);
  EXPECT_EQ(report->rules_unchanged, 0);
  EXPECT_EQ(Count(CoresidenceRuleKind()), 97);

  struct Limit {
    const char* code;
    long long months;
  };
  // Peru until 3, England 18 months, Argentina until 4, El Salvador until 5.
  for (const Limit& limit :
       {Limit{"PE", 36}, Limit{"GB-ENG", 18}, Limit{"AR", 48}, Limit{"SV", 60}}) {
    std::vector<Record> rules = RulesOf(limit.code);
    ASSERT_EQ(rules.size(), 1u) << limit.code;
    EXPECT_EQ(rules[0].Integer("max_age_months"), limit.months) << limit.code;
    EXPECT_EQ(std::get<bool>(rules[0].values.at("allowed")), true) << limit.code;
    EXPECT_EQ(rules[0].Text("effective_from"), "1900-01-01") << limit.code;
  }

  // Norway does not allow co-residence at all: no age limit to speak of.
  std::vector<Record> norway = RulesOf("NO");
  ASSERT_EQ(norway.size(), 1u);
  EXPECT_EQ(std::get<bool>(norway[0].values.at("allowed")), false);
  EXPECT_TRUE(IsNull(norway[0].values.at("max_age_months")));

  std::vector<Record> peru = RulesOf("PE");
  EXPECT_EQ(peru[0].Text("rule_kind"), "regulation");
  EXPECT_EQ(peru[0].Text("source"),
            "LP Derecho, https://lpderecho.pe/regulacion-situacion-menores-edad-conviven-madres-"
            "carceles-peruanas");
  // Quoted cells with commas and quotes come through verbatim.
  std::vector<Record> mexico = RulesOf("MX");
  ASSERT_EQ(mexico.size(), 1u);
  EXPECT_NE(mexico[0].Text("notes")->find("some states (e.g., Mexico City) allowed up to 6"),
            std::string::npos);

  EXPECT_EQ(Jurisdiction("US-NY").Text("country_code"), "US");
  EXPECT_EQ(Jurisdiction("GB-ENG").Text("name"), "United Kingdom: England and Wales");
  EXPECT_EQ(Jurisdiction("PE").Text("country_code"), "PE");
}

TEST_F(RuleSetTest, LoadingTheSameRuleSetTwiceChangesNothing) {
  auto csv = DefaultRuleSetCsv();
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  ASSERT_TRUE(Load(*csv).ok());
  auto again = Load(*csv);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->jurisdictions_created, 0);
  EXPECT_EQ(again->rules_created, 0);
  EXPECT_EQ(again->rules_unchanged, 97);
  EXPECT_EQ(Count(JurisdictionKind()), 97);
  EXPECT_EQ(Count(CoresidenceRuleKind()), 97);
  EXPECT_EQ(RulesOf("PE")[0].version, 1);
}

TEST_F(RuleSetTest, AJurisdictionAlreadyRecordedIsReusedNotDuplicated) {
  auto peru = records_->Create(Actor::System(), JurisdictionKind(),
                               {{"code", std::string("PE")},
                                {"name", std::string("Perú")},
                                {"country_code", std::string("PE")}});
  ASSERT_TRUE(peru.ok()) << peru.status().ToString();
  auto report = Load(std::string(kHeader) +
                     "PE,Peru,36,yes,regulation,unknown,,Reglamento del Código de Ejecución Penal\n"
                     "BO,Bolivia,72,yes,law,unknown,,Ley 2298\n");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->jurisdictions_created, 1);
  EXPECT_EQ(report->rules_created, 2);
  // The administrator's spelling of the name is kept.
  EXPECT_EQ(Jurisdiction("PE").Text("name"), "Perú");
  EXPECT_EQ(RulesOf("PE")[0].Integer("jurisdiction_id"), peru->id);
}

struct BrokenRow {
  const char* what;
  const char* line_4;  // the fourth line of the file
  StatusCode code;
  const char* column;
};

class RuleSetBrokenRowTest : public RuleSetTest, public ::testing::WithParamInterface<BrokenRow> {};

TEST_P(RuleSetBrokenRowTest, ABrokenRowOnLine4WritesNothingAndNamesTheLineAndColumn) {
  const BrokenRow& broken = GetParam();
  const std::string csv = std::string(kHeader) +
                          "PE,Peru,36,yes,regulation,unknown,,LP Derecho\n"
                          "AR,Argentina,48,yes,law,unknown,,Ley 24660\n" +
                          broken.line_4 +
                          "\n"
                          "SV,El Salvador,60,yes,law,unknown,,VICE News\n";
  auto report = Load(csv);
  ASSERT_FALSE(report.ok()) << broken.what;
  EXPECT_EQ(report.status().code(), broken.code) << report.status().ToString();
  EXPECT_EQ(report.status().message().rfind("line 4: ", 0), 0u) << report.status().ToString();
  EXPECT_NE(report.status().message().find(broken.column), std::string::npos)
      << report.status().ToString();
  EXPECT_EQ(Count(JurisdictionKind()), 0) << broken.what;
  EXPECT_EQ(Count(CoresidenceRuleKind()), 0) << broken.what;
}

INSTANTIATE_TEST_SUITE_P(
    RuleSet, RuleSetBrokenRowTest,
    ::testing::Values(BrokenRow{"months in words", "CL,Chile,dos,yes,law,unknown,,Ley",
                                StatusCode::kInvalidArgument, "max_age_months"},
                      BrokenRow{"allowed in Spanish", "CL,Chile,24,sí,law,unknown,,Ley",
                                StatusCode::kInvalidArgument, "allowed"},
                      BrokenRow{"unknown rule kind", "CL,Chile,24,yes,ley,unknown,,Ley",
                                StatusCode::kInvalidArgument, "rule_kind"},
                      BrokenRow{"no source", "CL,Chile,24,yes,law,unknown,,",
                                StatusCode::kInvalidArgument, "source"},
                      BrokenRow{"a limit where co-residence is not allowed",
                                "CL,Chile,24,no,law,no,,Ley", StatusCode::kInvalidArgument,
                                "max_age_months"},
                      BrokenRow{"months over 20 years", "CL,Chile,300,yes,law,unknown,,Ley",
                                StatusCode::kInvalidArgument, "max_age_months"},
                      BrokenRow{"a country name for a code", "Chile,Chile,24,yes,law,unknown,,Ley",
                                StatusCode::kInvalidArgument, "jurisdiction_code"},
                      BrokenRow{"no jurisdiction name", "CL,,24,yes,law,unknown,,Ley",
                                StatusCode::kInvalidArgument, "jurisdiction_name"},
                      BrokenRow{"a missing cell", "CL,Chile,24,yes,law,unknown,Ley",
                                StatusCode::kMalformed, "fields"},
                      BrokenRow{"the same rule twice", "AR,Argentina,48,yes,law,unknown,,Ley 24660",
                                StatusCode::kConflict, "effective_from"}),
    [](const ::testing::TestParamInfo<BrokenRow>& info) {
      // "months in words" -> MonthsInWords; gtest names are letters and digits only.
      std::string name;
      bool upper = true;
      for (const char* c = info.param.what; *c; ++c) {
        if (!std::isalnum(static_cast<unsigned char>(*c))) {
          upper = true;
          continue;
        }
        name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(*c))) : *c;
        upper = false;
      }
      return name;
    });

TEST_F(RuleSetTest, AnUnknownOrMissingColumnIsRefusedBeforeAnyRow) {
  auto misspelt = Load(
      "jurisdiction_code,jurisdiction_name,max_age_months,allowed,rule_kind,extension_possible,"
      "notes,source,efective_from\n"
      "PE,Peru,36,yes,regulation,unknown,,LP Derecho,2016-01-01\n");
  EXPECT_EQ(misspelt.status().code(), StatusCode::kMalformed);
  EXPECT_EQ(misspelt.status().field(), "efective_from");
  EXPECT_EQ(misspelt.status().message().rfind("line 1: ", 0), 0u);

  auto without_source = Load(
      "\n\njurisdiction_code,jurisdiction_name,max_age_months,allowed,rule_kind,"
      "extension_possible,notes\n"
      "PE,Peru,36,yes,regulation,unknown,\n");
  EXPECT_EQ(without_source.status().code(), StatusCode::kMalformed);
  EXPECT_EQ(without_source.status().field(), "source");
  EXPECT_EQ(without_source.status().message().rfind("line 3: ", 0), 0u)
      << without_source.status().ToString();
  EXPECT_EQ(Count(JurisdictionKind()), 0);
}

TEST_F(RuleSetTest, OnlyAnInstallationAdministratorLoadsRules) {
  auto csv = DefaultRuleSetCsv();
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  Actor coordinator;
  coordinator.user_id = 7;
  coordinator.username = "coordinadora";
  coordinator.role = Role::kProgrammeCoordinator;
  coordinator.organisation_id = 1;
  Actor village_administrator = coordinator;
  village_administrator.role = Role::kAdministrator;
  for (const Actor& actor : {coordinator, village_administrator}) {
    auto report = LoadCoresidenceRules(*records_, actor, *csv);
    EXPECT_EQ(report.status().code(), StatusCode::kForbidden) << RoleName(actor.role);
  }
  EXPECT_EQ(Count(JurisdictionKind()), 0);
  EXPECT_EQ(Count(CoresidenceRuleKind()), 0);
}

TEST_F(RuleSetTest, MexicosNationalLawOf2016IsANewRuleVersionBesideTheOldOne) {
  // Before harmonisation, Mexico City let children stay until 6.
  auto before =
      Load(std::string(kHeader) + "MX,Mexico,72,yes,law,unknown,Mexico City before 2016,Archivo\n");
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  auto law = Load(
      "jurisdiction_code,jurisdiction_name,max_age_months,allowed,rule_kind,extension_possible,"
      "notes,source,effective_from\n"
      "MX,Mexico,36,yes,law,yes,National Criminal Enforcement Law arts. 10 and 36,Noroeste "
      "(2025),2016-01-01\n");
  ASSERT_TRUE(law.ok()) << law.status().ToString();
  EXPECT_EQ(law->jurisdictions_created, 0);
  EXPECT_EQ(law->rules_created, 1);

  std::vector<Record> rules = RulesOf("MX");
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].Text("effective_from"), "1900-01-01");
  EXPECT_EQ(rules[0].Integer("max_age_months"), 72);
  EXPECT_EQ(rules[0].version, 1);
  EXPECT_EQ(rules[1].Text("effective_from"), "2016-01-01");
  EXPECT_EQ(rules[1].Integer("max_age_months"), 36);
}

TEST_F(RuleSetTest, TheEffectiveDateCanBeGivenForAFileWithoutTheColumn) {
  auto report =
      Load(std::string(kHeader) + "MX,Mexico,36,yes,law,yes,,Noroeste (2025)\n", "2016-01-01");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(RulesOf("MX")[0].Text("effective_from"), "2016-01-01");
  EXPECT_EQ(Load(std::string(kHeader), "2016-13-01").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(RuleSetTest, ReloadingADifferentLimitForTheSameDateIsAConflictNotAnEdit) {
  ASSERT_TRUE(Load(std::string(kHeader) + "PE,Peru,36,yes,regulation,unknown,,LP Derecho\n").ok());
  auto edited = Load(std::string(kHeader) + "PE,Peru,48,yes,regulation,unknown,,LP Derecho\n");
  EXPECT_EQ(edited.status().code(), StatusCode::kConflict);
  EXPECT_EQ(edited.status().field(), "max_age_months");
  EXPECT_EQ(edited.status().message().rfind("line 2: ", 0), 0u) << edited.status().ToString();
  EXPECT_EQ(RulesOf("PE")[0].Integer("max_age_months"), 36);
}

TEST_F(RuleSetTest, AnInstalledBinaryLooksNextToItselfForTheRuleSet) {
  std::vector<std::string> paths = DefaultRuleSetPaths();
  ASSERT_GE(paths.size(), 2u);
  bool beside_binary = false;
  for (const std::string& path : paths) {
    beside_binary =
        beside_binary || path.find("/share/vinculo/coresidence_rules.csv") != std::string::npos;
  }
  EXPECT_TRUE(beside_binary);
  EXPECT_EQ(paths.back(), "./data/coresidence_rules.csv");
}

}  // namespace
}  // namespace vinculo::testing
