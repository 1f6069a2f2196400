// The demo's visit programme (issue 4): templates at the facilities where the
// village's children have parents, escorts on weekends, a requirement per
// linked pair, and a December plan whose pairs are never left out for want of
// a session. The clock is fixed at 2026-11-23T12:00:00Z.
#include "service/demo_visits.h"

#include <gtest/gtest.h>

#include "service/demo_programme.h"
#include "service/secrets.h"
#include "service/visit_service.h"
#include "support/test_database.h"

namespace vinculo::testing {
namespace {

TEST(DemoVisitsTest, TheVillageGetsSessionsEscortsRequirementsAndAPlan) {
  ASSERT_TRUE(InitSecrets().ok());
  auto database = TestDatabase::Create();
  ASSERT_NE(database, nullptr);
  FixedClock clock(StartOfDayUtc(Date{2026, 11, 23}) + std::chrono::hours(12));
  AuditLog audit(database->store());
  ServiceContext context{&database->store(), &clock, &audit};
  RecordService records(context);
  AuthService auth(context);
  auto report = CreateDemoProgramme(context, records, auth);
  ASSERT_TRUE(report.ok()) << report.status().ToString();

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
  EXPECT_EQ(published->plan.status, "published");
}

}  // namespace
}  // namespace vinculo::testing
