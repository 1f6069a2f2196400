#include "support/world.h"

#include <gtest/gtest.h>

#include "service/secrets.h"

namespace vinculo::testing {
namespace {

long long CreateOrFail(World& world, const RecordKind& kind, FieldValues values) {
  auto created = world.records->Create(world.actor("admin"), kind, std::move(values));
  EXPECT_TRUE(created.ok()) << kind.name << ": " << created.status().ToString();
  return created.ok() ? created->id : 0;
}

}  // namespace

std::unique_ptr<World> MakeWorld() {
  EXPECT_TRUE(InitSecrets().ok());
  auto world = std::make_unique<World>();
  world->database = TestDatabase::Create();
  if (!world->database) return nullptr;
  world->clock =
      std::make_unique<FixedClock>(StartOfDayUtc(Date{2026, 11, 23}) + std::chrono::hours(12));
  world->audit = std::make_unique<AuditLog>(world->database->store());
  world->context =
      ServiceContext{&world->database->store(), world->clock.get(), world->audit.get()};
  world->records = std::make_unique<RecordService>(world->context);
  world->auth = std::make_unique<AuthService>(world->context);
  world->actors["admin"] = Actor::System();

  World& w = *world;
  w.jurisdiction_pe = CreateOrFail(w, JurisdictionKind(),
                                   {{"code", std::string("PE")},
                                    {"name", std::string("Perú")},
                                    {"country_code", std::string("PE")}});
  w.jurisdiction_mx = CreateOrFail(w, JurisdictionKind(),
                                   {{"code", std::string("MX")},
                                    {"name", std::string("México")},
                                    {"country_code", std::string("MX")}});
  w.organisation_a = CreateOrFail(w, OrganisationKind(),
                                  {{"name", std::string("Aldea Norte")},
                                   {"kind", std::string("care_organisation")},
                                   {"latitude", -13.16},
                                   {"longitude", -74.22}});
  w.organisation_b = CreateOrFail(
      w, OrganisationKind(),
      {{"name", std::string("Aldea Sur")}, {"kind", std::string("care_organisation")}});
  w.facility_a = CreateOrFail(w, FacilityKind(),
                              {{"name", std::string("Penal de Yanamilla (sintético)")},
                               {"kind", std::string("prison")},
                               {"jurisdiction_id", w.jurisdiction_pe},
                               {"official_capacity", 630LL},
                               {"current_population", 2760LL},
                               {"latitude", -13.15},
                               {"longitude", -74.20}});
  w.facility_b = CreateOrFail(w, FacilityKind(),
                              {{"name", std::string("Centro Femenil Sintético")},
                               {"kind", std::string("prison")},
                               {"jurisdiction_id", w.jurisdiction_mx},
                               {"official_capacity", 400LL},
                               {"current_population", 380LL},
                               {"has_nursery", true}});
  w.home_a = CreateOrFail(w, HomeKind(),
                          {{"organisation_id", w.organisation_a}, {"name", std::string("Casa 1")}});
  w.home_b = CreateOrFail(
      w, HomeKind(), {{"organisation_id", w.organisation_b}, {"name", std::string("Casa Sur")}});

  struct Account {
    const char* name;
    Role role;
    long long organisation_id;
    long long facility_id;
  };
  const Account accounts[] = {
      {"coordinator_a", Role::kProgrammeCoordinator, w.organisation_a, 0},
      {"caregiver_a", Role::kCaregiver, w.organisation_a, 0},
      {"social_worker_a", Role::kSocialWorker, w.organisation_a, 0},
      {"auditor", Role::kAuditor, 0, 0},
      {"coordinator_b", Role::kProgrammeCoordinator, w.organisation_b, 0},
      {"nursery_officer_a", Role::kNurseryOfficer, 0, w.facility_a},
      {"visits_officer_a", Role::kVisitsOfficer, 0, w.facility_a},
      {"nursery_officer_b", Role::kNurseryOfficer, 0, w.facility_b},
      {"admin_a", Role::kAdministrator, w.organisation_a, 0},
  };
  for (const Account& account : accounts) {
    NewUser user;
    user.username = account.name;
    user.password = kPassword;
    user.role = account.role;
    if (account.organisation_id) user.organisation_id = account.organisation_id;
    if (account.facility_id) user.facility_id = account.facility_id;
    auto created = w.auth->AddUser(Actor::System(), user);
    EXPECT_TRUE(created.ok()) << account.name << ": " << created.status().ToString();
    if (created.ok()) w.actors[account.name] = AuthService::ActorFor(*created, "127.0.0.1");
  }
  return world;
}

Record World::AddChild(const std::string& organisation, const std::string& given_names) {
  const bool is_a = organisation == "A";
  auto child = records->Create(actor(is_a ? "coordinator_a" : "coordinator_b"), ChildKind(),
                               {{"given_names", given_names},
                                {"family_names", std::string("Quispe Huamán")},
                                {"date_of_birth", std::string("2019-02-28")},
                                {"sex", std::string("female")},
                                {"placement", std::string("relatives")},
                                {"home_address", std::string("Jr. Sintético 123, Ayacucho")},
                                {"home_latitude", -13.16},
                                {"home_longitude", -74.22}});
  EXPECT_TRUE(child.ok()) << child.status().ToString();
  return child.ok() ? *child : Record{};
}

Record World::AddParent(const std::string& facility, const std::string& sex) {
  const bool is_a = facility == "A";
  auto parent =
      records->Create(actor("admin"), ParentKind(),
                      {{"given_names", std::string(sex == "female" ? "Rosa Elvira" : "Juan José")},
                       {"family_names", std::string("Mamani Ccori")},
                       {"sex", sex},
                       {"facility_id", is_a ? facility_a : facility_b},
                       {"organisation_id", organisation_a},
                       {"custody_status", std::string("incarcerated")},
                       {"admission_date", std::string("2022-05-10")},
                       {"expected_release_date", std::string("2029-05-10")},
                       {"offence_category", std::string("drug_transport")}});
  EXPECT_TRUE(parent.ok()) << parent.status().ToString();
  return parent.ok() ? *parent : Record{};
}

Record World::Link(long long parent_id, long long child_id, const std::string& relation) {
  auto link =
      records->Create(actor("admin"), ParentChildLinkKind(),
                      {{"parent_id", parent_id}, {"child_id", child_id}, {"relation", relation}});
  EXPECT_TRUE(link.ok()) << link.status().ToString();
  return link.ok() ? *link : Record{};
}

}  // namespace vinculo::testing
