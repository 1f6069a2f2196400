#include "support/nursery_world.h"

#include <gtest/gtest.h>

namespace vinculo::testing {
namespace {

long long CreateOrZero(World& world, const RecordKind& kind, FieldValues values) {
  auto created = world.records->Create(world.actor("admin"), kind, std::move(values));
  EXPECT_TRUE(created.ok()) << kind.name << ": " << created.status().ToString();
  return created.ok() ? created->id : 0;
}

}  // namespace

long long ChildInside(World& world, long long facility_id, const char* given_names,
                      const char* born) {
  return CreateOrZero(world, ChildKind(),
                      {{"given_names", std::string(given_names)},
                       {"family_names", std::string("Quispe Huamán")},
                       {"date_of_birth", std::string(born)},
                       {"sex", std::string("female")},
                       {"placement", std::string("inside_with_mother")},
                       {"facility_id", facility_id}});
}

NurseryChildren AddNursery(World& world) {
  for (long long jurisdiction : {world.jurisdiction_pe, world.jurisdiction_mx}) {
    CreateOrZero(world, CoresidenceRuleKind(),
                 {{"jurisdiction_id", jurisdiction},
                  {"allowed", true},
                  {"max_age_months", 36LL},
                  {"rule_kind", std::string("law")},
                  {"extension_possible", std::string("yes")},
                  {"effective_from", std::string("1900-01-01")},
                  {"source", std::string("Ley sintética de prueba")}});
  }
  NurseryChildren children;
  children.overdue_a = ChildInside(world, world.facility_a, "Killa", "2023-11-01");
  children.critical_a = ChildInside(world, world.facility_a, "Inti", "2023-12-01");
  children.notice_a = ChildInside(world, world.facility_a, "Wayta", "2024-04-01");
  children.calm_b = ChildInside(world, world.facility_b, "Xóchitl", "2025-01-01");
  children.mother_b = world.AddParent("B", "female").id;
  return children;
}

}  // namespace vinculo::testing
