// Issue 13: every read of a child's data lands in the child's own audit
// trail. Schooling, health, authorised adults and parent-child links were
// read without a trace.
#include <gtest/gtest.h>

#include <algorithm>

#include "service/nursery_care_service.h"
#include "support/nursery_world.h"
#include "support/world.h"

namespace vinculo::testing {
namespace {

TEST(ChildReadAuditTest, Issue13_EveryKindOfChildReadIsInTheChildsTrail) {
  auto world = MakeWorld();
  ASSERT_NE(world, nullptr);
  NurseryChildren children = AddNursery(*world);
  const long long child = children.calm_b;
  ASSERT_GT(child, 0);
  Record mother = world->AddParent("B", "female");
  Record link = world->Link(mother.id, child, "mother");
  const Actor reader = world->actor("admin");
  NurseryCareService care(world->context);
  ASSERT_TRUE(care.SchoolEnrolments(reader, child).ok());
  ASSERT_TRUE(care.HealthPlan(reader, child, std::nullopt).ok());
  ASSERT_TRUE(care.AuthorisedAdults(reader, child).ok());
  ASSERT_TRUE(world->records->Get(reader, ParentChildLinkKind(), link.id).ok());
  ListQuery links;
  ASSERT_TRUE(world->records->List(reader, ParentChildLinkKind(), links).ok());
  world->context.audit->Flush();
  auto trail = world->records->AuditTrail(reader, ChildKind(), child, 500);
  ASSERT_TRUE(trail.ok()) << trail.status().ToString();
  std::vector<std::string> details;
  for (const AuditEvent& event : *trail) details.push_back(event.action + " " + event.detail);
  for (const std::string& expected :
       {std::string("read schooling"), std::string("read health"),
        std::string("read authorised adults"), "read parent-child link " + std::to_string(link.id),
        "list parent-child link " + std::to_string(link.id)}) {
    EXPECT_NE(std::find(details.begin(), details.end(), expected), details.end())
        << expected << " is missing from the trail";
  }
}

}  // namespace
}  // namespace vinculo::testing
