// An organisation's travel speed and cost per km (migration 8) through
// VisitService on a real database (SQLite or PostgreSQL): the defaults (60
// km/h, 0.5 per km) until the organisation sets its own; the new rates change
// the distance report, a plan's trips and a hand booking's trip, while a route
// override still wins; bad rates, stale versions and other organisations are
// refused and change nothing. The clock is fixed at 2026-11-23.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "service/visit_service.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

class VisitSettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
    visits_ = std::make_unique<VisitService>(world_->context);
  }

  const Actor& As(const std::string& name) { return world_->actor(name); }

  Result<VisitSettingsRow> Change(const std::string& as, double speed, double cost,
                                  long long version) {
    return visits_->ChangeSettings(As(as), world_->organisation_a, {speed, cost}, version);
  }

  // The distance report's entry for child 1 and the mother (home "Casa
  // Qantu", about 2.4 km from facility A).
  PairDistance Child1ToMother() {
    auto report = visits_->Distances(As("coordinator_a"), world_->organisation_a, "2026-12");
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    if (report.ok()) {
      for (const PairDistance& pair : report->pairs) {
        if (pair.child_id == programme_.child_1 && pair.parent_id == programme_.mother) return pair;
      }
    }
    ADD_FAILURE() << "no pair for child 1 and the mother";
    return {};
  }

  VisitSettingsRow Current() {
    auto settings = visits_->Settings(As("coordinator_a"), world_->organisation_a);
    EXPECT_TRUE(settings.ok()) << settings.status().ToString();
    return settings.ok() ? *settings : VisitSettingsRow{};
  }

  std::unique_ptr<World> world_;
  VisitProgramme programme_;
  std::unique_ptr<VisitService> visits_;
};

int Minutes(double km, double speed_kmh) {
  return static_cast<int>(std::ceil(km / speed_kmh * 60.0 - 1e-9));
}

TEST_F(VisitSettingsTest, AnOrganisationHasTheDefaultsUntilItSetsItsOwnRates) {
  const VisitSettingsRow defaults = Current();
  EXPECT_FALSE(defaults.stored);
  EXPECT_EQ(defaults.version, 1);
  EXPECT_DOUBLE_EQ(defaults.travel_speed_kmh, 60.0);
  EXPECT_DOUBLE_EQ(defaults.cost_per_km, 0.5);
  EXPECT_FALSE(defaults.updated_at.has_value());

  const PairDistance before = Child1ToMother();
  ASSERT_TRUE(before.km.has_value());
  EXPECT_NEAR(*before.km, 2.4, 1.0);
  EXPECT_EQ(before.travel_minutes, Minutes(*before.km, 60));
  EXPECT_NEAR(*before.travel_cost, 2 * *before.km * 0.5, 1e-9);

  auto changed = Change("coordinator_a", 12.5, 1.25, 1);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_TRUE(changed->stored);
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(changed->updated_at, world_->context.Now());
  EXPECT_EQ(changed->updated_by, As("coordinator_a").user_id);
  EXPECT_DOUBLE_EQ(Current().travel_speed_kmh, 12.5);
  EXPECT_DOUBLE_EQ(Current().cost_per_km, 1.25);

  // A slower speed and a dearer km: more minutes and a higher cost per pair.
  const PairDistance after = Child1ToMother();
  EXPECT_EQ(after.travel_minutes, Minutes(*before.km, 12.5));
  EXPECT_GT(*after.travel_minutes, *before.travel_minutes);
  EXPECT_NEAR(*after.travel_cost, 2 * *before.km * 1.25, 1e-9);
  auto report = visits_->Distances(As("caregiver_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(report.ok());
  EXPECT_DOUBLE_EQ(report->travel_speed_kmh, 12.5);
  EXPECT_DOUBLE_EQ(report->cost_per_km, 1.25);

  // Organisation B keeps the defaults.
  auto other = visits_->Settings(As("coordinator_b"), world_->organisation_b);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_FALSE(other->stored);
  EXPECT_DOUBLE_EQ(other->travel_speed_kmh, 60.0);
}

TEST_F(VisitSettingsTest, APlanIsBuiltAtTheOrganisationsRatesAndARouteOverrideStillWins) {
  const double km = *Child1ToMother().km;
  auto at_defaults = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(at_defaults.ok()) << at_defaults.status().ToString();
  ASSERT_FALSE(at_defaults->trips.empty());
  for (const PlanTripRow& trip : at_defaults->trips) {
    EXPECT_EQ(trip.depart_minute, 9 * 60 - Minutes(km, 60));
    EXPECT_EQ(trip.return_minute, 11 * 60 + Minutes(km, 60));
    EXPECT_NEAR(trip.cost, 2 * km * 0.5, 1e-9);
  }

  ASSERT_TRUE(Change("coordinator_a", 10, 2, 1).ok());
  auto slower = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(slower.ok()) << slower.status().ToString();
  ASSERT_FALSE(slower->trips.empty());
  double total = 0;
  for (const PlanTripRow& trip : slower->trips) {
    EXPECT_EQ(trip.depart_minute, 9 * 60 - Minutes(km, 10));
    EXPECT_EQ(trip.return_minute, 11 * 60 + Minutes(km, 10));
    EXPECT_NEAR(trip.cost, 2 * km * 2, 1e-9);
    total += trip.cost;
  }
  EXPECT_NEAR(slower->plan.travel_cost, total, 1e-6);
  // The distance report costs the month from its latest draft.
  auto report = visits_->Distances(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->cost_basis, "draft");
  EXPECT_NEAR(report->monthly_travel_cost, total, 1e-6);

  RouteRequest route;
  route.home_id = programme_.home;
  route.facility_id = world_->facility_a;
  route.travel_minutes = 45;
  route.cost = 7.5;
  ASSERT_TRUE(visits_->SetRoute(As("coordinator_a"), world_->organisation_a, route).ok());
  auto overridden = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(overridden.ok()) << overridden.status().ToString();
  ASSERT_FALSE(overridden->trips.empty());
  for (const PlanTripRow& trip : overridden->trips) {
    EXPECT_EQ(trip.depart_minute, 9 * 60 - 45);
    EXPECT_DOUBLE_EQ(trip.cost, 7.5);
  }
  const PairDistance pair = Child1ToMother();
  EXPECT_EQ(pair.travel_minutes, 45);
  EXPECT_DOUBLE_EQ(*pair.travel_cost, 7.5);
}

TEST_F(VisitSettingsTest, AHandBookingsNewTripIsCostedAtTheOrganisationsRates) {
  const double km = *Child1ToMother().km;
  ASSERT_TRUE(Change("coordinator_a", 20, 3, 1).ok());
  auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  auto published = visits_->PublishPlan(As("coordinator_a"), plan->plan.id);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  for (const PlanVisitRow& visit : published->visits) {
    ASSERT_TRUE(visits_->CancelVisit(As("coordinator_a"), visit.id, "empezar de cero").ok());
  }
  auto requirements = visits_->Requirements(As("coordinator_a"), world_->organisation_a);
  ASSERT_TRUE(requirements.ok());
  auto sessions = visits_->Sessions(As("coordinator_a"), world_->facility_a, "2026-12");
  ASSERT_TRUE(sessions.ok());
  auto booked =
      visits_->BookVisit(As("coordinator_a"), plan->plan.id,
                         {requirements->front().id, sessions->back().id, programme_.escort_2});
  ASSERT_TRUE(booked.ok()) << booked.status().ToString();
  auto stored = visits_->GetPlan(As("coordinator_a"), plan->plan.id);
  ASSERT_TRUE(stored.ok());
  bool seen = false;
  for (const PlanTripRow& trip : stored->trips) {
    if (trip.id != booked->trip_id) continue;
    seen = true;
    EXPECT_EQ(trip.depart_minute, 9 * 60 - Minutes(km, 20));
    EXPECT_NEAR(trip.cost, 2 * km * 3, 1e-9);
  }
  EXPECT_TRUE(seen);
}

TEST_F(VisitSettingsTest, BadRatesAreRefusedNamingTheFieldAndChangeNothing) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const struct {
    double speed;
    double cost;
    const char* field;
  } cases[] = {
      {0, 0.5, "travel_speed_kmh"},     {-30, 0.5, "travel_speed_kmh"},
      {200.5, 0.5, "travel_speed_kmh"}, {nan, 0.5, "travel_speed_kmh"},
      {60, -0.01, "cost_per_km"},       {60, 1000.5, "cost_per_km"},
      {60, nan, "cost_per_km"},
  };
  for (const auto& bad : cases) {
    SCOPED_TRACE(std::to_string(bad.speed) + " km/h, " + std::to_string(bad.cost) + " per km");
    auto refused = Change("coordinator_a", bad.speed, bad.cost, 1);
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(refused.status().field(), bad.field);
  }
  const VisitSettingsRow unchanged = Current();
  EXPECT_FALSE(unchanged.stored);
  EXPECT_EQ(unchanged.version, 1);
  // The limits themselves are allowed: 200 km/h, and travel that costs nothing.
  ASSERT_TRUE(Change("coordinator_a", 200, 0, 1).ok());
  // The database backs the rule: a speed of 0 or a negative cost never lands.
  for (const char* sql : {"UPDATE visit_settings SET travel_speed_kmh = 0",
                          "UPDATE visit_settings SET cost_per_km = -1"}) {
    EXPECT_FALSE(world_->database->store().Write([&](Txn& txn) { return txn.Execute(sql); }).ok())
        << sql;
  }
  EXPECT_DOUBLE_EQ(Current().travel_speed_kmh, 200);
  EXPECT_DOUBLE_EQ(Current().cost_per_km, 0);
}

TEST_F(VisitSettingsTest, OnlyTheOrganisationsCoordinatorsAndAdministratorsChangeThem) {
  EXPECT_EQ(visits_->Settings(As("coordinator_b"), world_->organisation_a).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(visits_->ChangeSettings(As("coordinator_b"), world_->organisation_a, {30, 1}, 1)
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(visits_->Settings(As("auditor"), world_->organisation_a).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(visits_->Settings(As("visits_officer_a"), world_->organisation_a).status().code(),
            StatusCode::kNotFound);
  // Its caregivers and social workers read them but do not change them.
  EXPECT_TRUE(visits_->Settings(As("caregiver_a"), world_->organisation_a).ok());
  EXPECT_TRUE(visits_->Settings(As("social_worker_a"), world_->organisation_a).ok());
  for (const char* reader : {"caregiver_a", "social_worker_a"}) {
    EXPECT_EQ(Change(reader, 30, 1, 1).status().code(), StatusCode::kForbidden) << reader;
  }
  EXPECT_FALSE(Current().stored);
  // Its administrator may, and so may the installation (the system actor); an
  // organisation that does not exist is not found.
  auto by_admin = Change("admin_a", 30, 1, 1);
  ASSERT_TRUE(by_admin.ok()) << by_admin.status().ToString();
  EXPECT_TRUE(Change("admin", 35, 1, by_admin->version).ok());
  EXPECT_EQ(visits_->Settings(As("admin"), 999999).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(visits_->ChangeSettings(As("admin"), 999999, {30, 1}, 1).status().code(),
            StatusCode::kNotFound);
}

TEST_F(VisitSettingsTest, AStaleVersionIsRefusedAndTheFirstWriteStands) {
  ASSERT_TRUE(Change("coordinator_a", 40, 0.8, 1).ok());
  // A second coordinator who read the defaults (version 1) is too late.
  auto late = Change("admin", 70, 0.2, 1);
  EXPECT_EQ(late.status().code(), StatusCode::kPreconditionFailed);
  auto wrong = Change("coordinator_a", 70, 0.2, 7);
  EXPECT_EQ(wrong.status().code(), StatusCode::kPreconditionFailed);
  EXPECT_DOUBLE_EQ(Current().travel_speed_kmh, 40);
  EXPECT_EQ(Current().version, 2);
  auto next = Change("coordinator_a", 70, 0.2, 2);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->version, 3);
  EXPECT_DOUBLE_EQ(Current().cost_per_km, 0.2);
}

// Issue 19: an organisation's notice and a child's longest day reach the
// planner (and its checker, through the same instance). The defaults are 24
// hours and 10 hours; a notice of 14 days from 23 November keeps the 5 December
// Saturday out of the plan; a longest day of one hour (the session alone is
// two) leaves every pair unscheduled with the reason longest_child_day.
TEST_F(VisitSettingsTest, Issue19_AnOrganisationsNoticeAndLongestDayReachThePlan) {
  EXPECT_EQ(Current().notice_hours, 24);
  EXPECT_EQ(Current().longest_child_day_minutes, 600);
  VisitSettingsChange change{60, 0.5};
  change.notice_hours = 14 * 24;
  auto stored = visits_->ChangeSettings(As("coordinator_a"), world_->organisation_a, change, 1);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->notice_hours, 14 * 24);
  EXPECT_EQ(stored->longest_child_day_minutes, 600);  // absent: unchanged
  auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_FALSE(plan->visits.empty());
  auto sessions = visits_->Sessions(As("visits_officer_a"), world_->facility_a, "2026-12");
  ASSERT_TRUE(sessions.ok());
  long long first_saturday = 0;
  for (const VisitSessionRow& session : *sessions) {
    if (session.session_date == "2026-12-05") first_saturday = session.id;
  }
  for (const PlanVisitRow& visit : plan->visits) EXPECT_NE(visit.session_id, first_saturday);

  VisitSettingsChange short_day{60, 0.5};
  short_day.longest_child_day_hours = 1;
  stored = visits_->ChangeSettings(As("coordinator_a"), world_->organisation_a, short_day,
                                   stored->version);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->notice_hours, 14 * 24);
  EXPECT_EQ(stored->longest_child_day_minutes, 60);
  plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(plan->visits.empty());
  ASSERT_EQ(plan->unscheduled.size(), 3u);
  for (const PlanUnscheduledRow& row : plan->unscheduled) {
    EXPECT_EQ(row.reason, "longest_child_day");
  }
}

// Issue 19: a notice longer than the month, a longest day of 0 or above 24
// hours are refused naming the field, and nothing is written.
TEST_F(VisitSettingsTest, Issue19_ABadNoticeOrLongestDayIsRefusedAndChangesNothing) {
  const VisitSettingsRow before = Current();
  auto refuse = [&](VisitSettingsChange change, const std::string& field) {
    auto result = visits_->ChangeSettings(As("coordinator_a"), world_->organisation_a, change,
                                          before.version);
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << field;
    EXPECT_EQ(result.status().field(), field);
  };
  VisitSettingsChange change{30, 1};
  change.notice_hours = 32 * 24;
  refuse(change, "notice_hours");
  change.notice_hours = -1;
  refuse(change, "notice_hours");
  change.notice_hours = std::nullopt;
  for (double hours : {0.0, -2.0, 24.5, std::numeric_limits<double>::infinity()}) {
    change.longest_child_day_hours = hours;
    refuse(change, "longest_child_day_hours");
  }
  const VisitSettingsRow after = Current();
  EXPECT_EQ(after.version, before.version);
  EXPECT_FALSE(after.stored);
  EXPECT_EQ(after.notice_hours, 24);
  EXPECT_EQ(after.longest_child_day_minutes, 600);
  EXPECT_EQ(after.travel_speed_kmh, before.travel_speed_kmh);
}

}  // namespace
}  // namespace vinculo::testing
