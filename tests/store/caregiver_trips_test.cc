// Caregivers see their own trips: a caregiver user linked to a staff record
// (users.staff_id) reads, in a plan, only the trips that staff record escorts
// and the visits on them; her escort calendar is her own; she records visits
// only on her trips. A caregiver linked to nobody sees no trips. A user is
// linked only to a staff record of her own organisation. Real database, both
// engines; the clock is fixed at 2026-11-23.
#include <gtest/gtest.h>

#include <set>

#include "service/visit_service.h"
#include "store/visit_store.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

class CaregiverTripsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
    visits_ = std::make_unique<VisitService>(world_->context);
  }

  const Actor& As(const std::string& name) { return world_->actor(name); }

  long long SessionOn(const std::string& date) {
    auto sessions =
        visits_->Sessions(As("visits_officer_a"), world_->facility_a, date.substr(0, 7));
    EXPECT_TRUE(sessions.ok());
    for (const VisitSessionRow& session : *sessions) {
      if (session.session_date == date) return session.id;
    }
    ADD_FAILURE() << "no session on " << date;
    return 0;
  }

  long long RequirementOf(long long child_id, long long parent_id) {
    auto requirements = visits_->GenerateRequirements(As("coordinator_a"), world_->organisation_a);
    EXPECT_TRUE(requirements.ok()) << requirements.status().ToString();
    for (const RequirementRow& row : *requirements) {
      if (row.child_id == child_id && row.parent_id == parent_id) return row.id;
    }
    ADD_FAILURE() << "no requirement";
    return 0;
  }

  // A published December plan holding exactly two visits: one on escort 1's
  // trip (12-05) and one on escort 2's (12-12).
  void PlanTwoTrips() {
    auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    auto published = visits_->PublishPlan(As("coordinator_a"), plan->plan.id);
    ASSERT_TRUE(published.ok()) << published.status().ToString();
    for (const PlanVisitRow& visit : published->visits) {
      ASSERT_TRUE(visits_->CancelVisit(As("coordinator_a"), visit.id, "test starts empty").ok());
    }
    plan_id_ = plan->plan.id;
    auto first = visits_->BookVisit(As("coordinator_a"), plan_id_,
                                    {RequirementOf(programme_.child_1, programme_.mother),
                                     SessionOn("2026-12-05"), programme_.escort_1});
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    auto second = visits_->BookVisit(As("coordinator_a"), plan_id_,
                                     {RequirementOf(programme_.child_1, programme_.father),
                                      SessionOn("2026-12-12"), programme_.escort_2});
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    visit_1_ = first->id;
    visit_2_ = second->id;
  }

  static std::set<long long> VisitIds(const PlanView& view) {
    std::set<long long> ids;
    for (const PlanVisitRow& visit : view.visits) ids.insert(visit.id);
    return ids;
  }

  std::unique_ptr<World> world_;
  VisitProgramme programme_;
  std::unique_ptr<VisitService> visits_;
  long long plan_id_ = 0;
  long long visit_1_ = 0;
  long long visit_2_ = 0;
};

TEST_F(CaregiverTripsTest, EachCaregiverSeesOnlyHerOwnTripsAndTheirVisits) {
  PlanTwoTrips();
  auto coordinator = visits_->GetPlan(As("coordinator_a"), plan_id_);
  ASSERT_TRUE(coordinator.ok());
  EXPECT_TRUE(VisitIds(*coordinator).count(visit_1_));
  EXPECT_TRUE(VisitIds(*coordinator).count(visit_2_));

  auto marta = visits_->GetPlan(As("caregiver_a"), plan_id_);
  ASSERT_TRUE(marta.ok()) << marta.status().ToString();
  ASSERT_FALSE(marta->trips.empty());
  for (const PlanTripRow& trip : marta->trips) EXPECT_EQ(trip.escort_id, programme_.escort_1);
  EXPECT_TRUE(VisitIds(*marta).count(visit_1_));
  EXPECT_FALSE(VisitIds(*marta).count(visit_2_));
  EXPECT_TRUE(marta->unscheduled.empty());

  auto elena = visits_->GetPlan(As("caregiver_a2"), plan_id_);
  ASSERT_TRUE(elena.ok()) << elena.status().ToString();
  ASSERT_FALSE(elena->trips.empty());
  for (const PlanTripRow& trip : elena->trips) EXPECT_EQ(trip.escort_id, programme_.escort_2);
  EXPECT_TRUE(VisitIds(*elena).count(visit_2_));
  EXPECT_FALSE(VisitIds(*elena).count(visit_1_));

  // Linked to nobody: an empty plan, not an error.
  auto nobody = visits_->GetPlan(As("caregiver_a_unlinked"), plan_id_);
  ASSERT_TRUE(nobody.ok()) << nobody.status().ToString();
  EXPECT_TRUE(nobody->trips.empty());
  EXPECT_TRUE(nobody->visits.empty());

  // Calendars: her own escort feed only.
  EXPECT_TRUE(visits_->EscortCalendar(As("caregiver_a"), programme_.escort_1).ok());
  EXPECT_EQ(visits_->EscortCalendar(As("caregiver_a"), programme_.escort_2).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(
      visits_->EscortCalendar(As("caregiver_a_unlinked"), programme_.escort_1).status().code(),
      StatusCode::kNotFound);
  EXPECT_TRUE(visits_->EscortCalendar(As("coordinator_a"), programme_.escort_2).ok());
}

TEST_F(CaregiverTripsTest, ACaregiverRecordsVisitsOnlyOnHerOwnTrips) {
  PlanTwoTrips();
  world_->clock->Set(StartOfDayUtc(Date{2026, 12, 12}) + std::chrono::hours(18));
  VisitRecordRequest record;
  record.attended = true;
  record.mood_before = 3;
  EXPECT_EQ(visits_->RecordVisit(As("caregiver_a"), visit_2_, record).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(visits_->RecordVisit(As("caregiver_a_unlinked"), visit_2_, record).status().code(),
            StatusCode::kNotFound);
  PlanVisitRow unchanged;
  ASSERT_TRUE(world_->database->store()
                  .Read([&](Txn& txn) -> Status {
                    VINCULO_ASSIGN_OR_RETURN(unchanged, visit_store::GetVisit(txn, visit_2_));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_FALSE(unchanged.attended.has_value());
  auto own = visits_->RecordVisit(As("caregiver_a2"), visit_2_, record);
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->attended, true);
  EXPECT_TRUE(visits_->RecordVisit(As("caregiver_a"), visit_1_, record).ok());
}

TEST_F(CaregiverTripsTest, AUserIsLinkedOnlyToAStaffRecordOfHerOwnOrganisation) {
  auto foreign = world_->records->Create(As("admin"), StaffKind(),
                                         {{"organisation_id", world_->organisation_b},
                                          {"given_names", std::string("Rosa")},
                                          {"family_names", std::string("Sintética Sur")},
                                          {"staff_role", std::string("caregiver")}});
  ASSERT_TRUE(foreign.ok()) << foreign.status().ToString();
  auto users_before = world_->auth->ListUsers(As("admin"));
  ASSERT_TRUE(users_before.ok());
  for (long long staff_id : {foreign->id, 987654321LL}) {
    NewUser user;
    user.username = "cuidadora.ajena";
    user.password = kPassword;
    user.role = Role::kCaregiver;
    user.organisation_id = world_->organisation_a;
    user.staff_id = staff_id;
    auto refused = world_->auth->AddUser(As("admin"), user);
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(refused.status().field(), "staff_id");
  }
  auto users_after = world_->auth->ListUsers(As("admin"));
  ASSERT_TRUE(users_after.ok());
  EXPECT_EQ(users_after->size(), users_before->size());
  EXPECT_FALSE(world_->database->store()
                   .Read([](Txn& txn) { return txn.FindUser("cuidadora.ajena").status(); })
                   .ok());

  // Her own organisation's staff record: linked, and the actor carries it.
  NewUser user;
  user.username = "cuidadora.propia";
  user.password = kPassword;
  user.role = Role::kCaregiver;
  user.organisation_id = world_->organisation_a;
  user.staff_id = programme_.staff_1;
  auto added = world_->auth->AddUser(As("admin"), user);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->staff_id, programme_.staff_1);
  EXPECT_EQ(AuthService::ActorFor(*added, "127.0.0.1").staff_id, programme_.staff_1);
}

}  // namespace
}  // namespace vinculo::testing
