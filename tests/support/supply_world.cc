#include "support/supply_world.h"

#include <gtest/gtest.h>

#include "service/supply_service.h"

namespace vinculo::testing {
namespace {

long long CreateOrZero(World& world, const RecordKind& kind, FieldValues values) {
  auto created = world.records->Create(world.actor("admin"), kind, std::move(values));
  EXPECT_TRUE(created.ok()) << kind.name << ": " << created.status().ToString();
  return created.ok() ? created->id : 0;
}

long long ChildInside(World& world, long long facility_id, const char* given_names,
                      const char* born) {
  return CreateOrZero(world, ChildKind(),
                      {{"given_names", std::string(given_names)},
                       {"family_names", std::string("Condori Ñaupa")},
                       {"date_of_birth", std::string(born)},
                       {"sex", std::string("male")},
                       {"placement", std::string("inside_with_mother")},
                       {"facility_id", facility_id}});
}

}  // namespace

SupplyChildren AddSupplyChildren(World& world) {
  for (const auto& [jurisdiction, months] :
       {std::pair{world.jurisdiction_pe, 72LL}, std::pair{world.jurisdiction_mx, 36LL}}) {
    CreateOrZero(world, CoresidenceRuleKind(),
                 {{"jurisdiction_id", jurisdiction},
                  {"allowed", true},
                  {"max_age_months", months},
                  {"rule_kind", std::string("law")},
                  {"extension_possible", std::string("yes")},
                  {"effective_from", std::string("1900-01-01")},
                  {"source", std::string("Ley sintética de prueba")}});
  }
  SupplyChildren children;
  children.newborn_a = ChildInside(world, world.facility_a, "Inti", "2026-08-01");
  children.turning_24_a = ChildInside(world, world.facility_a, "Amaru", "2024-12-23");
  children.exactly_24_a = ChildInside(world, world.facility_a, "Kusi", "2024-11-23");
  children.school_age_a = ChildInside(world, world.facility_a, "Wayra", "2022-09-01");
  children.toddler_b = ChildInside(world, world.facility_b, "Tonatiuh", "2025-01-01");
  children.leaving_b = ChildInside(world, world.facility_b, "Ehécatl", "2023-12-10");
  children.outside_a = world.AddChild("A", "Killa").id;

  NewUser root;
  root.username = "root";
  root.password = kPassword;
  root.role = Role::kAdministrator;
  root.display_name = "Administración (prueba)";
  auto added = world.auth->AddUser(Actor::System(), root);
  EXPECT_TRUE(added.ok()) << added.status().ToString();
  if (added.ok()) world.actors["root"] = AuthService::ActorFor(*added, "127.0.0.1");
  return children;
}

long long CatalogueItemId(World& world, const std::string& code) {
  SupplyService supplies(world.context);
  auto items = supplies.Catalogue(world.actor("admin"));
  EXPECT_TRUE(items.ok()) << items.status().ToString();
  if (!items.ok()) return 0;
  for (const SupplyItemRow& item : *items) {
    if (item.code == code) return item.id;
  }
  ADD_FAILURE() << "no catalogue item " << code;
  return 0;
}

}  // namespace vinculo::testing
