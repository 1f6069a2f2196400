// The demo's visit programme (issue 4): templates at the facilities where the
// village's children have parents, escorts on weekends, a requirement per
// linked pair, and a December plan whose pairs are never left out for want of
// a session. The clock is fixed at 2026-11-23T12:00:00Z.
#include "service/demo_visits.h"

#include <gtest/gtest.h>

#include "service/demo_programme.h"
#include "service/nursery_care_service.h"
#include "service/secrets.h"
#include "service/visit_service.h"
#include "support/demo_database.h"
#include "support/test_database.h"

namespace vinculo::testing {
namespace {

TEST(DemoVisitsTest, TheVillageGetsSessionsEscortsRequirementsAndAPlan) {
  DemoReport report;
  auto database = CopyOfTheDemo(report);  // support/demo_database.h
  ASSERT_NE(database, nullptr);
  FixedClock clock(DemoCreatedAt());
  AuditLog audit(database->store());
  ServiceContext context{&database->store(), &clock, &audit};
  RecordService records(context);
  AuthService auth(context);

  const Actor coordinator = [&] {
    auto login = auth.Login("coordinadora", kDemoPassword, "127.0.0.1");
    EXPECT_TRUE(login.ok());
    return *auth.Authenticate(login->token, "127.0.0.1");
  }();
  ASSERT_TRUE(coordinator.organisation_id);
  VisitService visits(context);
  auto requirements = visits.Requirements(coordinator, *coordinator.organisation_id);
  ASSERT_TRUE(requirements.ok()) << requirements.status().ToString();
  EXPECT_GE(requirements->size(), 40u);

  auto plan = visits.BuildPlan(coordinator, *coordinator.organisation_id, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->visits.size() + plan->unscheduled.size(), requirements->size());
  for (const PlanUnscheduledRow& left : plan->unscheduled) {
    EXPECT_NE(left.reason, "no_session_this_month") << "requirement " << left.requirement_id;
  }
  EXPECT_TRUE(plan->notes.empty());
  // With the planner in, the demo month is not empty, and publishing it (which
  // reserves every session's capacity with a conditional update) succeeds.
  EXPECT_FALSE(plan->visits.empty());
  auto published = visits.PublishPlan(coordinator, plan->plan.id);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(published->plan.status, VisitPlanStatus::kPublished);

  // The demo caregiver is the staff record of an escort: she sees her own
  // trips of the plan, and only those.
  const Actor caregiver = [&] {
    auto login = auth.Login("cuidadora", kDemoPassword, "127.0.0.1");
    EXPECT_TRUE(login.ok());
    return *auth.Authenticate(login->token, "127.0.0.1");
  }();
  ASSERT_TRUE(caregiver.staff_id);
  auto mine = visits.GetPlan(caregiver, plan->plan.id);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_FALSE(mine->trips.empty());
  EXPECT_LT(mine->trips.size(), published->trips.size());
  for (const PlanTripRow& trip : mine->trips) {
    EXPECT_TRUE(visits.EscortCalendar(caregiver, trip.escort_id).ok());
  }
}

// A child whose nursery transition plan asked for fortnightly visits to the
// mother gets that frequency when the receiving organisation's requirements
// are generated (issue 3's "visit requirement created for the visits module").
TEST(DemoVisitsTest, ATransitionPlansVisitsBecomeTheReceivingOrganisationsRequirement) {
  DemoReport report;
  auto database = CopyOfTheDemo(report);  // support/demo_database.h
  ASSERT_NE(database, nullptr);
  FixedClock clock(DemoCreatedAt());
  AuditLog audit(database->store());
  ServiceContext context{&database->store(), &clock, &audit};
  RecordService records(context);
  AuthService auth(context);
  auto sign_in = [&](const char* username) {
    auto login = auth.Login(username, kDemoPassword, "127.0.0.1");
    EXPECT_TRUE(login.ok());
    return *auth.Authenticate(login->token, "127.0.0.1");
  };
  const Actor admin = sign_in("admin");
  const Actor coordinator = sign_in("coordinadora");
  ASSERT_TRUE(coordinator.organisation_id);

  // The demo's one transition plan with visits after the move.
  NurseryCareService care(context);
  ListQuery inside;
  inside.filters = {{"placement", std::string("inside_with_mother")}};
  inside.limit = 200;
  auto children = records.List(admin, ChildKind(), inside);
  ASSERT_TRUE(children.ok()) << children.status().ToString();
  long long child_id = 0, parent_id = 0;
  for (const Record& record : children->items) {
    auto plan = care.TransitionPlan(admin, record.id);
    if (plan.ok() && !plan->visit_requirements.empty()) {
      child_id = record.id;
      parent_id = plan->visit_requirements.front().parent_id;
      EXPECT_EQ(plan->visit_requirements.front().frequency, "fortnightly");
    }
  }
  ASSERT_NE(child_id, 0);

  // The child moves to the coordinator's organisation.
  auto child = records.Get(admin, ChildKind(), child_id);
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  auto moved = records.Update(admin, ChildKind(), child_id, child->version,
                              {{"organisation_id", *coordinator.organisation_id}});
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();

  VisitService visits(context);
  auto requirements = visits.GenerateRequirements(coordinator, *coordinator.organisation_id);
  ASSERT_TRUE(requirements.ok()) << requirements.status().ToString();
  auto all = visits.Requirements(coordinator, *coordinator.organisation_id);
  ASSERT_TRUE(all.ok());
  int found = 0;
  for (const RequirementRow& requirement : *all) {
    if (requirement.child_id == child_id && requirement.parent_id == parent_id) {
      EXPECT_EQ(requirement.frequency, "fortnightly");
      ++found;
    }
  }
  EXPECT_EQ(found, 1);
}

}  // namespace
}  // namespace vinculo::testing
