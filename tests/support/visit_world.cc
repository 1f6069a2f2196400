#include "support/visit_world.h"

#include <gtest/gtest.h>

namespace vinculo::testing {
namespace {

long long CreateOrZero(World& world, const RecordKind& kind, FieldValues values) {
  auto created = world.records->Create(world.actor("admin"), kind, std::move(values));
  EXPECT_TRUE(created.ok()) << kind.name << ": " << created.status().ToString();
  return created.ok() ? created->id : 0;
}

}  // namespace

long long AddChildAtHome(World& world, const std::string& organisation, long long home_id,
                         const std::string& given_names) {
  return CreateOrZero(
      world, ChildKind(),
      {{"given_names", given_names},
       {"family_names", std::string("Huamaní Sintético")},
       {"date_of_birth", std::string("2018-06-15")},
       {"sex", std::string("male")},
       {"organisation_id", organisation == "A" ? world.organisation_a : world.organisation_b},
       {"placement", std::string("care_home")},
       {"home_id", home_id}});
}

VisitProgramme AddVisitProgramme(World& world) {
  VisitProgramme programme;
  programme.home = CreateOrZero(world, HomeKind(),
                                {{"organisation_id", world.organisation_a},
                                 {"name", std::string("Casa Qantu")},
                                 {"latitude", -13.16},
                                 {"longitude", -74.22}});
  for (long long* staff : {&programme.staff_1, &programme.staff_2}) {
    *staff =
        CreateOrZero(world, StaffKind(),
                     {{"organisation_id", world.organisation_a},
                      {"home_id", programme.home},
                      {"given_names", std::string(staff == &programme.staff_1 ? "Marta" : "Elena")},
                      {"family_names", std::string("Sintética")},
                      {"staff_role", std::string("caregiver")}});
  }
  programme.child_1 = AddChildAtHome(world, "A", programme.home, "Amaru");
  programme.child_2 = AddChildAtHome(world, "A", programme.home, "Sami");
  programme.child_3 = AddChildAtHome(world, "A", programme.home, "Tika");
  programme.mother = world.AddParent("A", "female").id;
  programme.father = world.AddParent("A", "male").id;
  world.Link(programme.mother, programme.child_1, "mother");
  world.Link(programme.mother, programme.child_2, "mother");
  world.Link(programme.father, programme.child_1, "father");

  VisitService visits(world.context);
  const std::vector<std::string> saturdays = {"2026-12-05", "2026-12-12", "2026-12-19",
                                              "2026-12-26"};
  for (auto [staff, escort] : {std::pair{programme.staff_1, &programme.escort_1},
                               std::pair{programme.staff_2, &programme.escort_2}}) {
    EscortRequest request;
    request.staff_id = staff;
    request.available_dates = saturdays;
    auto stored = visits.SetEscort(world.actor("coordinator_a"), world.organisation_a, request);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    if (stored.ok()) *escort = stored->id;
  }
  TemplateRequest saturday;
  saturday.facility_id = world.facility_a;
  saturday.pattern = "weekly";
  saturday.weekday = 6;
  saturday.valid_from = "2026-12-01";
  saturday.start_time = "09:00";
  saturday.end_time = "11:00";
  saturday.capacity_families = 2;
  saturday.capacity_people = 8;
  auto created = visits.CreateTemplate(world.actor("visits_officer_a"), saturday);
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  if (created.ok()) programme.template_id = created->id;

  // Caregivers see their own trips: "caregiver_a" is Marta (escort 1), a new
  // "caregiver_a2" is Elena (escort 2) and "caregiver_a_unlinked" is nobody.
  Status linked = world.database->store().Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(User user, txn.FindUser("caregiver_a"));
    const long long version = user.version;
    user.staff_id = programme.staff_1;
    VINCULO_ASSIGN_OR_RETURN(User updated, txn.UpdateUser(user, version, world.context.Now()));
    world.actors["caregiver_a"] = AuthService::ActorFor(updated, "127.0.0.1");
    return Status::Ok();
  });
  EXPECT_TRUE(linked.ok()) << linked.ToString();
  for (const char* name : {"caregiver_a2", "caregiver_a_unlinked"}) {
    NewUser user;
    user.username = name;
    user.password = kPassword;
    user.role = Role::kCaregiver;
    user.organisation_id = world.organisation_a;
    if (std::string(name) == "caregiver_a2") user.staff_id = programme.staff_2;
    auto added = world.auth->AddUser(Actor::System(), user);
    EXPECT_TRUE(added.ok()) << name << ": " << added.status().ToString();
    if (added.ok()) world.actors[name] = AuthService::ActorFor(*added, "127.0.0.1");
  }
  return programme;
}

}  // namespace vinculo::testing
