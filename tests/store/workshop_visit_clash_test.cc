// A space cannot host a workshop and a visiting session at the same time, on
// a real database (SQLite or PostgreSQL): visiting sessions are materialised
// lazily per month, so a cohort or a move months ahead must still see them;
// and a visiting-session template is refused on a space a scheduled workshop
// session already holds. The clock is fixed at 2026-11-23 (a Monday).
#include <gtest/gtest.h>

#include "service/visit_service.h"
#include "service/workshop_service.h"
#include "support/workshop_world.h"

namespace vinculo::testing {
namespace {

class WorkshopVisitClashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    fixture_ = AddWorkshopWorld(*world_);
    ASSERT_GT(fixture_.short_course, 0);
    workshops_ = std::make_unique<WorkshopService>(world_->context);
    visits_ = std::make_unique<VisitService>(world_->context);
  }

  // Every Saturday 10:00-12:00 on the patio of facility A.
  TemplateRequest SaturdaysOnThePatio() {
    TemplateRequest request;
    request.facility_id = world_->facility_a;
    request.space_id = fixture_.patio_a;
    request.pattern = "weekly";
    request.weekday = 6;
    request.valid_from = "2026-11-23";
    request.start_time = "10:00";
    request.end_time = "12:00";
    request.capacity_families = 4;
    request.capacity_people = 12;
    return request;
  }

  // The default course (eight sessions every 15 days) on the patio from
  // Monday 2026-11-30: its sixth session falls on Saturday 2027-02-13.
  CohortRequest MothersOnThePatio(int start_minute, int end_minute) {
    CohortRequest request;
    request.course_id = fixture_.default_course;
    request.facility_id = world_->facility_a;
    request.group_kind = "women";
    request.facilitator_user_id = fixture_.facilitator;
    request.space_id = fixture_.patio_a;
    request.start_date = "2026-11-30";
    request.start_minute = start_minute;
    request.end_minute = end_minute;
    return request;
  }

  long long CohortCount() {
    auto cohorts = workshops_->Cohorts(world_->actor("admin"), std::nullopt);
    return cohorts.ok() ? static_cast<long long>(cohorts->size()) : -1;
  }

  long long WorkshopSessionCount() {
    auto sessions = workshops_->Sessions(world_->actor("admin"), {});
    return sessions.ok() ? static_cast<long long>(sessions->size()) : -1;
  }

  long long TemplateCount() {
    auto templates = visits_->Templates(world_->actor("visits_officer_a"), world_->facility_a);
    return templates.ok() ? static_cast<long long>(templates->size()) : -1;
  }

  // The visiting session of the patio on `date` (0 if none).
  long long VisitSessionOn(const std::string& date) {
    auto sessions =
        visits_->Sessions(world_->actor("visits_officer_a"), world_->facility_a, date.substr(0, 7));
    if (!sessions.ok()) return 0;
    for (const VisitSessionRow& session : *sessions) {
      if (session.session_date == date && session.space_id == fixture_.patio_a) return session.id;
    }
    return 0;
  }

  std::unique_ptr<World> world_;
  WorkshopFixture fixture_;
  std::unique_ptr<WorkshopService> workshops_;
  std::unique_ptr<VisitService> visits_;
};

TEST_F(WorkshopVisitClashTest, ACohortSeesVisitingSessionsOfMonthsNotYetMaterialised) {
  ASSERT_TRUE(
      visits_->CreateTemplate(world_->actor("visits_officer_a"), SaturdaysOnThePatio()).ok());
  const long long cohorts = CohortCount();
  const long long sessions = WorkshopSessionCount();
  // 09:00-11:00 overlaps the visits of Saturday 2027-02-13 (10:00-12:00).
  auto refused = workshops_->CreateCohort(world_->actor("social_worker_a"),
                                          MothersOnThePatio(9 * 60, 11 * 60));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().field(), "start_date");
  EXPECT_NE(refused.status().message().find("session 6 on 2027-02-13"), std::string::npos)
      << refused.status().message();
  EXPECT_NE(refused.status().message().find("visit_session"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(CohortCount(), cohorts);
  EXPECT_EQ(WorkshopSessionCount(), sessions);

  // Ending when the visits begin is fine.
  auto fine = workshops_->CreateCohort(world_->actor("social_worker_a"),
                                       MothersOnThePatio(8 * 60, 10 * 60));
  ASSERT_TRUE(fine.ok()) << fine.status().ToString();
  EXPECT_EQ(fine->sessions.size(), 8u);
  EXPECT_EQ(fine->sessions[5].session_date, "2027-02-13");
}

TEST_F(WorkshopVisitClashTest, AMoveOntoAVisitingSessionReportsItInADryRun) {
  ASSERT_TRUE(
      visits_->CreateTemplate(world_->actor("visits_officer_a"), SaturdaysOnThePatio()).ok());
  auto cohort = workshops_->CreateCohort(world_->actor("social_worker_a"),
                                         MothersOnThePatio(14 * 60, 16 * 60));
  ASSERT_TRUE(cohort.ok()) << cohort.status().ToString();
  const WorkshopSessionRow first = cohort->sessions.front();

  // Saturday 2027-03-06, a month nobody has listed yet, at 11:00.
  MoveRequest move;
  move.session_date = "2027-03-06";
  move.start_minute = 11 * 60;
  move.dry_run = true;
  auto preview = workshops_->MoveSession(world_->actor("social_worker_a"), first.id, move);
  ASSERT_TRUE(preview.ok()) << preview.status().ToString();
  EXPECT_FALSE(preview->saved);
  ASSERT_EQ(preview->clashes.size(), 1u);
  EXPECT_EQ(preview->clashes[0].kind, "space");
  EXPECT_EQ(preview->clashes[0].other_source, "visit_session");
  EXPECT_EQ(preview->clashes[0].other_start_minute, 10 * 60);
  EXPECT_EQ(preview->clashes[0].other_end_minute, 12 * 60);
  const long long visit = VisitSessionOn("2027-03-06");
  ASSERT_GT(visit, 0);
  EXPECT_EQ(preview->clashes[0].other_id, visit);

  move.dry_run = false;
  auto refused = workshops_->MoveSession(world_->actor("social_worker_a"), first.id, move);
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().field(), "session_date");
  auto unchanged = workshops_->GetCohort(world_->actor("admin"), cohort->cohort.id);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->sessions.front().session_date, first.session_date);
  EXPECT_EQ(unchanged->sessions.front().start_minute, first.start_minute);

  // After the visits, at 12:00, the patio is free.
  move.start_minute = 12 * 60;
  auto moved = workshops_->MoveSession(world_->actor("social_worker_a"), first.id, move);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_TRUE(moved->saved);
  EXPECT_TRUE(moved->clashes.empty());
  EXPECT_EQ(moved->session.session_date, "2027-03-06");
}

TEST_F(WorkshopVisitClashTest, ATemplateOnASpaceAWorkshopHoldsIsRefusedNamingTheSpace) {
  // A cohort whose first session is on Saturday 2026-11-28, 09:00-11:00.
  CohortRequest saturday = MothersOnThePatio(9 * 60, 11 * 60);
  saturday.start_date = "2026-11-28";
  auto cohort = workshops_->CreateCohort(world_->actor("social_worker_a"), saturday);
  ASSERT_TRUE(cohort.ok()) << cohort.status().ToString();
  const long long templates = TemplateCount();

  auto refused = visits_->CreateTemplate(world_->actor("visits_officer_a"), SaturdaysOnThePatio());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().field(), "space_id");
  EXPECT_NE(refused.status().message().find("workshop session " +
                                            std::to_string(cohort->sessions.front().id) +
                                            " on 2026-11-28 from 09:00 to 11:00"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(TemplateCount(), templates);
  EXPECT_EQ(VisitSessionOn("2026-12-05"), 0);

  // From 11:00, or with that Saturday excluded, the template fits.
  TemplateRequest later = SaturdaysOnThePatio();
  later.start_time = "11:00";
  later.end_time = "13:00";
  EXPECT_TRUE(visits_->CreateTemplate(world_->actor("visits_officer_a"), later).ok());
  TemplateRequest excluded = SaturdaysOnThePatio();
  excluded.space_id = fixture_.chapel_a;
  EXPECT_TRUE(visits_->CreateTemplate(world_->actor("visits_officer_a"), excluded).ok());
  excluded.space_id = fixture_.patio_a;
  excluded.start_time = "08:00";
  excluded.end_time = "09:30";
  EXPECT_EQ(visits_->CreateTemplate(world_->actor("visits_officer_a"), excluded).status().field(),
            "space_id");
  // Its eighth session, 105 days later, is on a Saturday too.
  excluded.exclusion_dates = {"2026-11-28"};
  EXPECT_NE(visits_->CreateTemplate(world_->actor("visits_officer_a"), excluded)
                .status()
                .message()
                .find("on 2027-03-13"),
            std::string::npos);
  // A facility-wide exclusion of that day counts as well.
  ExclusionRequest closed;
  closed.date = "2027-03-13";
  closed.reason = "requisa general";
  ASSERT_TRUE(
      visits_->AddExclusion(world_->actor("visits_officer_a"), world_->facility_a, closed).ok());
  EXPECT_TRUE(visits_->CreateTemplate(world_->actor("visits_officer_a"), excluded).ok());
  EXPECT_EQ(TemplateCount(), templates + 3);
}

}  // namespace
}  // namespace vinculo::testing
