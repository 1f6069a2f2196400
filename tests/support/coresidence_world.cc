#include "support/coresidence_world.h"

#include <gtest/gtest.h>

namespace vinculo::testing {

long long AddPrison(World& world, long long jurisdiction_id, const char* name, bool has_nursery) {
  auto created = world.records->Create(world.actor("admin"), FacilityKind(),
                                       {{"name", std::string(name)},
                                        {"kind", std::string("prison")},
                                        {"jurisdiction_id", jurisdiction_id},
                                        {"official_capacity", 80LL},
                                        {"current_population", 70LL},
                                        {"has_nursery", has_nursery}});
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  return created.ok() ? created->id : 0;
}

long long AddJurisdiction(World& world, const char* code, const char* name, bool allowed,
                          const char* changes_on) {
  const Actor& admin = world.actor("admin");
  auto jurisdiction = world.records->Create(
      admin, JurisdictionKind(), {{"code", std::string(code)}, {"name", std::string(name)}});
  EXPECT_TRUE(jurisdiction.ok()) << jurisdiction.status().ToString();
  if (!jurisdiction.ok()) return 0;
  std::vector<std::pair<bool, const char*>> versions = {{allowed, "1900-01-01"}};
  if (changes_on) versions.emplace_back(!allowed, changes_on);
  for (const auto& [rule_allows, from] : versions) {
    FieldValues rule = {
        {"jurisdiction_id", jurisdiction->id}, {"allowed", rule_allows},
        {"rule_kind", std::string("law")},     {"extension_possible", std::string("no")},
        {"effective_from", std::string(from)}, {"source", std::string("Ley sintética de prueba")}};
    if (rule_allows) rule["max_age_months"] = 12LL;
    auto created = world.records->Create(admin, CoresidenceRuleKind(), rule);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
  }
  return jurisdiction->id;
}

}  // namespace vinculo::testing
