// The demo programme on a real database (SQLite or PostgreSQL): what it
// contains, that a seed always gives the same people, that its accounts work
// and see only their own children, and that it never mixes with real data.
#include "service/demo_programme.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "service/family_service.h"
#include "service/secrets.h"
#include "support/demo_database.h"
#include "support/test_database.h"

namespace vinculo::testing {
namespace {

// A database with the services, without MakeWorld's records (the demo
// needs an empty database). The clock is fixed at 2026-11-23T12:00:00Z.
struct DemoDatabase {
  std::unique_ptr<TestDatabase> database;
  std::unique_ptr<FixedClock> clock;
  std::unique_ptr<AuditLog> audit;
  ServiceContext context;
  std::unique_ptr<RecordService> records;
  std::unique_ptr<AuthService> auth;

  Result<DemoReport> CreateDemo(std::uint64_t seed = 2026) {
    return CreateDemoProgramme(context, *records, *auth, seed);
  }

  // Every active record of `kind` the system can see, in id order.
  std::vector<Record> All(const RecordKind& kind, FieldValues filters = {}) {
    ListQuery query;
    query.filters = std::move(filters);
    query.limit = 1000;
    auto page = records->List(Actor::System(), kind, query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->items : std::vector<Record>{};
  }

  // The one record of `kind` whose searchable fields contain `text`.
  Record Named(const RecordKind& kind, const std::string& text) {
    ListQuery query;
    query.search = text;
    auto page = records->List(Actor::System(), kind, query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(page.ok() ? page->items.size() : 0u, 1u) << kind.name << " named " << text;
    return page.ok() && !page->items.empty() ? page->items.front() : Record{};
  }

  // Signs `username` in with the demo password and returns who they are.
  Actor SignIn(const std::string& username) {
    auto login = auth->Login(username, kDemoPassword, "127.0.0.1");
    EXPECT_TRUE(login.ok()) << username << ": " << login.status().ToString();
    if (!login.ok()) return Actor{};
    auto actor = auth->Authenticate(login->token, "127.0.0.1");
    EXPECT_TRUE(actor.ok()) << actor.status().ToString();
    return actor.ok() ? *actor : Actor{};
  }
};

// The services around `database` (nullptr if there is none).
std::unique_ptr<DemoDatabase> Around(std::unique_ptr<TestDatabase> database) {
  EXPECT_TRUE(InitSecrets().ok());
  if (!database) return nullptr;
  auto demo = std::make_unique<DemoDatabase>();
  demo->database = std::move(database);
  demo->clock = std::make_unique<FixedClock>(DemoCreatedAt());
  demo->audit = std::make_unique<AuditLog>(demo->database->store());
  demo->context = ServiceContext{&demo->database->store(), demo->clock.get(), demo->audit.get()};
  demo->records = std::make_unique<RecordService>(demo->context);
  demo->auth = std::make_unique<AuthService>(demo->context);
  return demo;
}

std::unique_ptr<DemoDatabase> NewDemoDatabase() { return Around(TestDatabase::Create()); }

Date DateOf(const Record& record, const char* field) {
  auto text = record.Text(field);
  EXPECT_TRUE(text.has_value()) << field;
  auto date = ParseDate(text.value_or(""), field);
  EXPECT_TRUE(date.ok()) << date.status().ToString();
  return date.ok() ? *date : Date{};
}

class DemoProgrammeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The demo as CreateDemoProgramme made it once for this binary (seed
    // 2026, on this clock), copied (support/demo_database.h).
    demo_ = Around(CopyOfTheDemo(report_));
    ASSERT_NE(demo_, nullptr);
    today_ = demo_->context.Today();
    village_ = demo_->Named(OrganisationKind(), "Aldea Infantil Sintética Ayacucho");
    huamanga_ = demo_->Named(FacilityKind(), "Sintético de Huamanga");
    huanta_ = demo_->Named(FacilityKind(), "Sintético de Huanta");
    oaxaca_ = demo_->Named(FacilityKind(), "Sintético de Oaxaca");
  }

  std::unique_ptr<DemoDatabase> demo_;
  DemoReport report_;
  Date today_;
  Record village_;
  Record huamanga_;
  Record huanta_;
  Record oaxaca_;
};

TEST_F(DemoProgrammeTest, TheReportCountsWhatWasCreated) {
  EXPECT_EQ(report_.children, 60);
  EXPECT_EQ(report_.facilities, 3);
  EXPECT_EQ(report_.organisations, 3);
  EXPECT_EQ(report_.users, 7);
  EXPECT_EQ(report_.admin_username, "admin");
  EXPECT_EQ(report_.admin_password, "vinculo-demo-2026");
  EXPECT_GT(report_.admin_user_id, 0);
  EXPECT_EQ(static_cast<int>(demo_->All(ChildKind()).size()), report_.children);
  EXPECT_EQ(static_cast<int>(demo_->All(ParentKind()).size()), report_.parents);
  EXPECT_EQ(static_cast<int>(demo_->All(FacilityKind()).size()), report_.facilities);
  EXPECT_EQ(static_cast<int>(demo_->All(OrganisationKind()).size()), report_.organisations);
  // The default rule set came first: Peru's limit of 3 years is there.
  EXPECT_EQ(demo_->All(JurisdictionKind()).size(), 97u);
}

TEST_F(DemoProgrammeTest, TheOvercrowdedPrisonHolds438PercentWithAPatioAndAChapel) {
  EXPECT_EQ(huamanga_.Integer("official_capacity"), 630);
  EXPECT_EQ(huamanga_.Integer("current_population"), 2760);
  EXPECT_EQ(huamanga_.Number("occupancy_percent"), 438.1);
  EXPECT_EQ(huamanga_.Text("name")->find("Sintético") != std::string::npos, true);

  std::map<std::string, std::string> wings;  // name -> gender
  for (const Record& wing : demo_->All(WingKind(), {{"facility_id", huamanga_.id}})) {
    wings[*wing.Text("name")] = *wing.Text("gender");
  }
  EXPECT_EQ(wings, (std::map<std::string, std::string>{{"Pabellón de mujeres", "women"},
                                                       {"Pabellón de varones", "men"}}));
  std::map<std::string, std::pair<std::string, long long>> spaces;
  for (const Record& space : demo_->All(SpaceKind(), {{"facility_id", huamanga_.id}})) {
    spaces[*space.Text("name")] = {*space.Text("kind"), *space.Integer("capacity_people")};
  }
  EXPECT_EQ(spaces["Patio guardería"], std::make_pair(std::string("visiting_patio"), 40LL));
  EXPECT_EQ(spaces["Capilla"], std::make_pair(std::string("chapel"), 30LL));

  std::vector<Record> nursery = demo_->All(SpaceKind(), {{"facility_id", oaxaca_.id}});
  EXPECT_TRUE(std::any_of(nursery.begin(), nursery.end(), [](const Record& space) {
    return space.Text("name") == "Área materno-infantil" && space.Text("kind") == "nursery";
  }));
  EXPECT_EQ(std::get<bool>(oaxaca_.values.at("has_nursery")), true);
  for (const Record& organisation : demo_->All(OrganisationKind())) {
    EXPECT_NE(organisation.Text("name")->find("(demo)"), std::string::npos);
  }
}

TEST_F(DemoProgrammeTest, TheVillageHasSixHomesEachWithItsCaregiver) {
  EXPECT_EQ(village_.Text("kind"), "care_organisation");
  EXPECT_EQ(village_.Number("latitude"), -13.16);
  std::vector<Record> homes = demo_->All(HomeKind(), {{"organisation_id", village_.id}});
  ASSERT_EQ(homes.size(), 6u);
  std::map<std::string, int> roles;
  std::set<long long> homes_with_caregiver;
  for (const Record& staff : demo_->All(StaffKind(), {{"organisation_id", village_.id}})) {
    ++roles[*staff.Text("staff_role")];
    if (staff.Text("staff_role") == "caregiver")
      homes_with_caregiver.insert(*staff.Integer("home_id"));
  }
  EXPECT_EQ(roles, (std::map<std::string, int>{
                       {"caregiver", 6}, {"coordinator", 1}, {"psychologist", 1}}));
  EXPECT_EQ(homes_with_caregiver.size(), 6u);
  // No home holds more children than its places.
  for (const Record& home : homes) {
    const auto placed = demo_->All(ChildKind(), {{"home_id", home.id}}).size();
    EXPECT_GE(placed, 1u) << *home.Text("name");
    EXPECT_LE(static_cast<long long>(placed), *home.Integer("capacity_children"))
        << *home.Text("name");
  }
}

TEST_F(DemoProgrammeTest, FortyVillageChildrenAndTwentyNurseryChildrenOfTheRightAges) {
  std::vector<Record> village = demo_->All(ChildKind(), {{"organisation_id", village_.id}});
  EXPECT_EQ(village.size(), 40u);
  std::map<std::string, int> placements;
  for (const Record& child : village) {
    ++placements[*child.Text("placement")];
    const Date born = DateOf(child, "date_of_birth");
    EXPECT_LE(born, today_);
    EXPECT_LT(WholeMonthsBetween(born, today_), 18 * 12);
  }
  EXPECT_EQ(placements,
            (std::map<std::string, int>{{"care_home", 38}, {"relatives", 1}, {"state_care", 1}}));

  std::vector<Record> nursery =
      demo_->All(ChildKind(), {{"placement", std::string("inside_with_mother")}});
  EXPECT_EQ(nursery.size(), 20u);
  std::map<long long, int> children_per_mother;
  for (const Record& child : nursery) {
    EXPECT_EQ(child.Integer("facility_id"), oaxaca_.id);
    const Date born = DateOf(child, "date_of_birth");
    EXPECT_LE(born, today_);
    // Mexico's limit is 36 months: every demo child is still under it.
    EXPECT_LE(WholeMonthsBetween(born, today_), 35) << FormatDate(born);
    std::vector<Record> links = demo_->All(ParentChildLinkKind(), {{"child_id", child.id}});
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0].Text("relation"), "mother");
    ++children_per_mother[*links[0].Integer("parent_id")];
  }
  EXPECT_EQ(children_per_mother.size(), 19u);
  EXPECT_EQ(std::count_if(children_per_mother.begin(), children_per_mother.end(),
                          [](const auto& mother) { return mother.second == 2; }),
            1);
}

TEST_F(DemoProgrammeTest, SomeChildrenHaveBothParentsInsideAndOneAFatherInTheSecondPrison) {
  std::map<long long, Record> parents;
  for (Record& parent : demo_->All(ParentKind())) parents[parent.id] = parent;
  std::map<long long, std::vector<const Record*>> parents_of;  // child id -> parents
  std::map<std::string, std::string> relation_by_sex = {{"female", "mother"}, {"male", "father"}};
  for (const Record& link : demo_->All(ParentChildLinkKind())) {
    const Record& parent = parents.at(*link.Integer("parent_id"));
    EXPECT_EQ(link.Text("relation"), relation_by_sex[*parent.Text("sex")]);
    parents_of[*link.Integer("child_id")].push_back(&parent);
  }
  const long long women = demo_->Named(WingKind(), "Pabellón de mujeres").id;
  int both_inside_same_prison = 0;
  int father_in_huanta = 0;
  for (const auto& [child_id, child_parents] : parents_of) {
    if (child_parents.size() != 2) continue;
    const Record* mother =
        child_parents[0]->Text("sex") == "female" ? child_parents[0] : child_parents[1];
    const Record* father = mother == child_parents[0] ? child_parents[1] : child_parents[0];
    EXPECT_EQ(mother->Integer("wing_id"), women);
    if (father->Integer("facility_id") == huamanga_.id) ++both_inside_same_prison;
    if (father->Integer("facility_id") == huanta_.id) ++father_in_huanta;
  }
  EXPECT_GE(both_inside_same_prison, 4);
  // Issue 15: the family split across two prisons has two children.
  EXPECT_EQ(father_in_huanta, 2);
}

// Issue 15: the family view of the demo shows a family split across two
// prisons (mother in Huamanga, father in Huanta) and two homes, as the
// village's coordinator reads it.
TEST_F(DemoProgrammeTest, Issue15_TheDemoShowsAFamilySplitAcrossTwoPrisonsAndTwoHomes) {
  long long child_id = 0;
  for (const Record& link : demo_->All(ParentChildLinkKind())) {
    auto parent = demo_->records->Get(Actor::System(), ParentKind(), *link.Integer("parent_id"));
    ASSERT_TRUE(parent.ok());
    if (parent->Integer("facility_id") == huanta_.id) child_id = *link.Integer("child_id");
  }
  ASSERT_GT(child_id, 0);
  Actor coordinator;
  coordinator.role = Role::kProgrammeCoordinator;
  coordinator.organisation_id = village_.id;
  FamilyService families(demo_->context);
  auto family = families.Family(coordinator, child_id);
  ASSERT_TRUE(family.ok()) << family.status().ToString();
  std::set<long long> prisons;
  for (const FamilyParent& parent : family->parents) prisons.insert(*parent.place.facility_id);
  EXPECT_EQ(prisons, (std::set<long long>{huamanga_.id, huanta_.id}));
  std::set<long long> homes;
  for (const FamilyChild& child : family->children) {
    if (child.place.home_id) homes.insert(*child.place.home_id);
  }
  EXPECT_EQ(family->children.size(), 2u);
  EXPECT_EQ(homes.size(), 2u);
  // Parent to parent, four child-parent pairs, the sibling pair.
  EXPECT_EQ(family->distances.size(), 6u);
}

TEST_F(DemoProgrammeTest, ParentsHaveAPastAdmissionALaterReleaseAndTheOffenceMix) {
  std::map<std::string, int> offences;
  int released_within_a_year = 0;
  for (const Record& parent : demo_->All(ParentKind())) {
    const Date admitted = DateOf(parent, "admission_date");
    const Date release = DateOf(parent, "expected_release_date");
    EXPECT_LE(admitted, today_);
    EXPECT_GT(release, today_);
    // Sentences in the described facility run from 3 to 25 years.
    EXPECT_GE(DaysBetween(admitted, release), 3 * 365);
    EXPECT_LE(DaysBetween(admitted, release), 25 * 365);
    // Adults: 18 or older on admission.
    EXPECT_GE(WholeMonthsBetween(DateOf(parent, "date_of_birth"), admitted), 18 * 12);
    if (DaysBetween(today_, release) <= 365) ++released_within_a_year;
    ++offences[parent.Text("offence_category").value_or("")];
    EXPECT_EQ(parent.Text("custody_status"), "incarcerated");
  }
  EXPECT_GE(released_within_a_year, 1);
  EXPECT_GE(offences["drug_transport"], offences["theft"]);
  EXPECT_GE(offences["theft"], 1);
  EXPECT_GE(offences["sexual_abuse"], 1);
  EXPECT_EQ(offences.count(""), 0u);
}

TEST_F(DemoProgrammeTest, TheSplitSiblingGroupLivesInThreePlacementsAndStaysLinked) {
  std::vector<Record> in_state_care =
      demo_->All(ChildKind(), {{"placement", std::string("state_care")}});
  ASSERT_EQ(in_state_care.size(), 1u);
  const Record& child = in_state_care[0];
  // The village follows the child in state care, though the state arranges no visits.
  EXPECT_EQ(child.Integer("organisation_id"), village_.id);

  auto siblings = demo_->records->SiblingsOf(demo_->SignIn("coordinadora"), child.id);
  ASSERT_TRUE(siblings.ok()) << siblings.status().ToString();
  ASSERT_EQ(siblings->visible.size(), 2u);
  std::set<std::string> placements = {*child.Text("placement")};
  for (const Record& sibling : siblings->visible) {
    placements.insert(*sibling.Text("placement"));
    EXPECT_EQ(sibling.Text("family_names"), child.Text("family_names"));
  }
  EXPECT_EQ(placements, (std::set<std::string>{"care_home", "relatives", "state_care"}));
}

TEST_F(DemoProgrammeTest, EveryDemoAccountSignsInWithTheDemoPassword) {
  const std::map<std::string, Role> accounts = {{"admin", Role::kAdministrator},
                                                {"coordinadora", Role::kProgrammeCoordinator},
                                                {"cuidadora", Role::kCaregiver},
                                                {"psicologa", Role::kSocialWorker},
                                                {"oficial.guarderia", Role::kNurseryOfficer},
                                                {"visitas", Role::kVisitsOfficer},
                                                {"auditora", Role::kAuditor}};
  for (const auto& [username, role] : accounts) {
    Actor actor = demo_->SignIn(username);
    EXPECT_EQ(actor.username, username);
    EXPECT_EQ(actor.role, role) << username;
  }
  EXPECT_TRUE(demo_->SignIn("admin").IsGlobal());
  EXPECT_EQ(demo_->SignIn("cuidadora").organisation_id, village_.id);
  EXPECT_EQ(demo_->SignIn("oficial.guarderia").facility_id, oaxaca_.id);
  EXPECT_EQ(demo_->SignIn("visitas").facility_id, huamanga_.id);
  EXPECT_EQ(demo_->auth->Login("cuidadora", "wrong-password-1", "127.0.0.1").status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(DemoProgrammeTest, TheVillageCaregiverCannotReadAMexicanNurseryChild) {
  std::vector<Record> nursery =
      demo_->All(ChildKind(), {{"placement", std::string("inside_with_mother")}});
  ASSERT_FALSE(nursery.empty());
  std::vector<Record> village = demo_->All(ChildKind(), {{"organisation_id", village_.id}});
  ASSERT_FALSE(village.empty());

  const Actor caregiver = demo_->SignIn("cuidadora");
  EXPECT_EQ(demo_->records->Get(caregiver, ChildKind(), nursery[0].id).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(demo_->records->Get(caregiver, ChildKind(), village[0].id).ok());

  const Actor nursery_officer = demo_->SignIn("oficial.guarderia");
  EXPECT_TRUE(demo_->records->Get(nursery_officer, ChildKind(), nursery[0].id).ok());
  EXPECT_EQ(demo_->records->Get(nursery_officer, ChildKind(), village[0].id).status().code(),
            StatusCode::kNotFound);
}

TEST_F(DemoProgrammeTest, ASecondRunIsRefusedAndChangesNothing) {
  auto again = demo_->CreateDemo();
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_NE(again.status().message().find("empty database"), std::string::npos)
      << again.status().ToString();
  EXPECT_EQ(demo_->All(ChildKind()).size(), 60u);
  EXPECT_EQ(demo_->All(OrganisationKind()).size(), 3u);
}

TEST(DemoProgrammeOnRealDataTest, ADatabaseThatAlreadyHasRecordsIsLeftAlone) {
  auto demo = NewDemoDatabase();
  ASSERT_NE(demo, nullptr);
  auto village = demo->records->Create(
      Actor::System(), OrganisationKind(),
      {{"name", std::string("Aldea real")}, {"kind", std::string("care_organisation")}});
  ASSERT_TRUE(village.ok()) << village.status().ToString();

  auto report = demo->CreateDemo();
  EXPECT_EQ(report.status().code(), StatusCode::kConflict);
  EXPECT_NE(report.status().message().find("organisations: 1"), std::string::npos)
      << report.status().ToString();
  EXPECT_TRUE(demo->All(JurisdictionKind()).empty());
  EXPECT_EQ(demo->auth->Login("admin", kDemoPassword, "127.0.0.1").status().code(),
            StatusCode::kUnauthenticated);
}

TEST(DemoProgrammeSeedTest, TheSameSeedGivesTheSameChildrenOnTwoDatabases) {
  auto NamesAndBirthdays = [](std::uint64_t seed) {
    std::vector<std::string> children;
    auto demo = NewDemoDatabase();
    EXPECT_NE(demo, nullptr);
    if (!demo) return children;
    auto report = demo->CreateDemo(seed);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    for (const Record& child : demo->All(ChildKind())) {
      children.push_back(*child.Text("given_names") + " " + *child.Text("family_names") + " " +
                         *child.Text("date_of_birth"));
    }
    return children;
  };
  const std::vector<std::string> first = NamesAndBirthdays(2026);
  const std::vector<std::string> second = NamesAndBirthdays(2026);
  ASSERT_EQ(first.size(), 60u);
  EXPECT_EQ(first, second);
  // Names are drawn, not fixed: another seed gives other children.
  EXPECT_NE(NamesAndBirthdays(7), first);
  // The field's letters survive the round trip.
  const bool has_enye = std::any_of(first.begin(), first.end(), [](const std::string& child) {
    return child.find("Ñ") != std::string::npos || child.find("ñ") != std::string::npos;
  });
  EXPECT_TRUE(has_enye);
}

}  // namespace
}  // namespace vinculo::testing
