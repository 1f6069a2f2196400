#include "support/family_world.h"

#include <gtest/gtest.h>

#include "service/family_service.h"

namespace vinculo::testing {
namespace {

long long CreateOrFail(World& world, const std::string& as, const RecordKind& kind,
                       FieldValues values) {
  auto created = world.records->Create(world.actor(as), kind, std::move(values));
  EXPECT_TRUE(created.ok()) << kind.name << ": " << created.status().ToString();
  return created.ok() ? created->id : 0;
}

long long ChildInHome(World& world, long long home_id, const char* given_names, const char* born) {
  return CreateOrFail(world, "coordinator_a", ChildKind(),
                      {{"given_names", std::string(given_names)},
                       {"family_names", std::string("Mamani Quispe")},
                       {"date_of_birth", std::string(born)},
                       {"sex", std::string("female")},
                       {"placement", std::string("care_home")},
                       {"home_id", home_id}});
}

}  // namespace

SplitFamily AddSplitFamily(World& world) {
  SplitFamily family;
  family.prison_cusco = CreateOrFail(world, "admin", FacilityKind(),
                                     {{"name", std::string("Penal de Qenqoro (sintético)")},
                                      {"kind", std::string("prison")},
                                      {"jurisdiction_id", world.jurisdiction_pe},
                                      {"official_capacity", 900LL},
                                      {"current_population", 1400LL},
                                      {"latitude", kCuscoLatitude},
                                      {"longitude", kCuscoLongitude}});
  family.home_ayacucho = CreateOrFail(world, "admin", HomeKind(),
                                      {{"organisation_id", world.organisation_a},
                                       {"name", std::string("Casa Huamanga")},
                                       {"latitude", kAyacuchoHomeLatitude},
                                       {"longitude", kAyacuchoHomeLongitude}});
  family.home_lima = CreateOrFail(world, "admin", HomeKind(),
                                  {{"organisation_id", world.organisation_a},
                                   {"name", std::string("Casa Rímac")},
                                   {"latitude", kLimaHomeLatitude},
                                   {"longitude", kLimaHomeLongitude}});
  family.mother = world.AddParent("A", "female").id;
  family.father = CreateOrFail(world, "admin", ParentKind(),
                               {{"given_names", std::string("Wilber")},
                                {"family_names", std::string("Quispe Huallpa")},
                                {"sex", std::string("male")},
                                {"facility_id", family.prison_cusco},
                                {"organisation_id", world.organisation_a},
                                {"custody_status", std::string("incarcerated")},
                                {"admission_date", std::string("2021-03-15")},
                                {"expected_release_date", std::string("2027-03-15")}});
  family.child_ayacucho = ChildInHome(world, family.home_ayacucho, "Killa", "2017-06-01");
  family.child_lima = ChildInHome(world, family.home_lima, "Inti", "2015-09-20");
  family.half_sister = world.AddChild("A", "Sumaq").id;
  family.child_b = world.AddChild("B", "Ayelén").id;
  for (long long child : {family.child_ayacucho, family.child_lima, family.child_b}) {
    world.Link(family.mother, child, "mother");
  }
  for (long long child : {family.child_ayacucho, family.child_lima}) {
    world.Link(family.father, child, "father");
  }
  family.carer = CreateOrFail(world, "coordinator_a", StaffKind(),
                              {{"organisation_id", world.organisation_a},
                               {"home_id", family.home_ayacucho},
                               {"given_names", std::string("Marleni")},
                               {"family_names", std::string("Ccente")},
                               {"staff_role", std::string("caregiver")}});
  FamilyService families(world.context);
  auto link = families.LinkSiblings(world.actor("coordinator_a"), family.child_ayacucho,
                                    {family.half_sister, "half"});
  EXPECT_TRUE(link.ok()) << link.status().ToString();
  if (link.ok()) family.sibling_link = link->id;
  return family;
}

}  // namespace vinculo::testing
