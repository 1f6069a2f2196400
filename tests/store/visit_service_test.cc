// The visit programme through VisitService on a real database (SQLite or
// PostgreSQL): sessions materialised from templates with exclusions, bad
// templates refused, requirements, plans (an empty month gives reasons, not an
// error), publishing that reserves capacity race-safely under concurrent
// publishes and manual bookings, moves, cancellations, blocks, transfers and
// the visit record. The clock is fixed at 2026-11-23.
#include "service/visit_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <iterator>
#include <map>
#include <set>
#include <thread>

#include "domain/visit_rules.h"
#include "planner/planner.h"
#include "store/visit_store.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

class VisitServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
    visits_ = std::make_unique<VisitService>(world_->context);
  }

  const Actor& As(const std::string& name) { return world_->actor(name); }

  std::vector<std::string> SessionDates(const std::string& month) {
    auto sessions = visits_->Sessions(As("visits_officer_a"), world_->facility_a, month);
    EXPECT_TRUE(sessions.ok()) << sessions.status().ToString();
    std::vector<std::string> dates;
    if (sessions.ok()) {
      for (const VisitSessionRow& session : *sessions) dates.push_back(session.session_date);
    }
    return dates;
  }

  VisitSessionRow SessionOn(const std::string& date) {
    auto sessions =
        visits_->Sessions(As("visits_officer_a"), world_->facility_a, date.substr(0, 7));
    EXPECT_TRUE(sessions.ok());
    for (const VisitSessionRow& session : *sessions) {
      if (session.session_date == date) return session;
    }
    ADD_FAILURE() << "no session on " << date;
    return {};
  }

  RequirementRow RequirementOf(long long child_id, long long parent_id) {
    auto requirements = visits_->GenerateRequirements(As("coordinator_a"), world_->organisation_a);
    EXPECT_TRUE(requirements.ok()) << requirements.status().ToString();
    for (const RequirementRow& row : *requirements) {
      if (row.child_id == child_id && row.parent_id == parent_id) return row;
    }
    ADD_FAILURE() << "no requirement";
    return {};
  }

  // A second home of organisation A, "Casa Wayra", where no escort lives.
  long long CasaWayra() {
    auto home = world_->records->Create(As("admin"), HomeKind(),
                                        {{"organisation_id", world_->organisation_a},
                                         {"name", std::string("Casa Wayra")},
                                         {"latitude", -13.20},
                                         {"longitude", -74.25}});
    EXPECT_TRUE(home.ok()) << home.status().ToString();
    return home.ok() ? home->id : 0;
  }

  // Child 1's requirement to see the father, made weekly.
  RequirementRow WeeklyFather() {
    RequirementRow father = RequirementOf(programme_.child_1, programme_.father);
    RequirementChange weekly;
    weekly.frequency = "weekly";
    auto changed =
        visits_->ChangeRequirement(As("coordinator_a"), father.id, weekly, father.version);
    EXPECT_TRUE(changed.ok()) << changed.status().ToString();
    return changed.ok() ? *changed : RequirementRow{};
  }

  // A child of the home and her mother, held in facility A: a family of its own.
  RequirementRow AnotherFamily(const std::string& given_names) {
    const long long mother = world_->AddParent("A", "female").id;
    const long long child = AddChildAtHome(*world_, "A", programme_.home, given_names);
    world_->Link(mother, child, "mother");
    return RequirementOf(child, mother);
  }

  // A published plan for December with no visits, to book into by hand.
  long long PublishedDecember() {
    auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    // Whatever the planner chose is cancelled so that the tests start empty.
    auto published = visits_->PublishPlan(As("coordinator_a"), plan->plan.id);
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    for (const PlanVisitRow& visit : published->visits) {
      EXPECT_TRUE(visits_->CancelVisit(As("coordinator_a"), visit.id, "test starts empty").ok());
    }
    return plan->plan.id;
  }

  std::unique_ptr<World> world_;
  VisitProgramme programme_;
  std::unique_ptr<VisitService> visits_;
};

TEST_F(VisitServiceTest, SaturdaySessionsAreMaterialisedOnceWithExclusionsLeftOut) {
  ExclusionRequest christmas;
  christmas.date = "2026-12-26";
  christmas.reason = "Navidad";
  ASSERT_TRUE(visits_->AddExclusion(As("visits_officer_a"), world_->facility_a, christmas).ok());
  ExclusionRequest template_only;
  template_only.template_id = programme_.template_id;
  template_only.date = "2026-12-12";
  ASSERT_TRUE(
      visits_->AddExclusion(As("visits_officer_a"), world_->facility_a, template_only).ok());
  EXPECT_EQ(SessionDates("2026-12"), (std::vector<std::string>{"2026-12-05", "2026-12-19"}));
  // Asking again creates nothing new.
  EXPECT_EQ(SessionDates("2026-12"), (std::vector<std::string>{"2026-12-05", "2026-12-19"}));
  const VisitSessionRow session = SessionOn("2026-12-05");
  EXPECT_EQ(session.start_minute, 540);
  EXPECT_EQ(session.end_minute, 660);
  EXPECT_EQ(session.capacity_families, 2);
  EXPECT_EQ(session.status, VisitSessionStatus::kOpen);
  EXPECT_EQ(session.template_id, programme_.template_id);
}

TEST_F(VisitServiceTest, EveryFifteenDaysTemplateCrossesTheMonthEnd) {
  TemplateRequest fortnight;
  fortnight.facility_id = world_->facility_b;
  fortnight.pattern = "every_n_days";
  fortnight.interval = 15;
  fortnight.valid_from = "2026-11-20";
  fortnight.start_time = "14:00";
  fortnight.end_time = "16:00";
  fortnight.capacity_families = 5;
  fortnight.capacity_people = 20;
  fortnight.wing = "women";
  ASSERT_TRUE(visits_->CreateTemplate(As("admin"), fortnight).ok());
  auto sessions = visits_->Sessions(As("coordinator_a"), world_->facility_b, "2026-12");
  ASSERT_TRUE(sessions.ok()) << sessions.status().ToString();
  ASSERT_EQ(sessions->size(), 2u);
  EXPECT_EQ((*sessions)[0].session_date, "2026-12-05");
  EXPECT_EQ((*sessions)[1].session_date, "2026-12-20");
  EXPECT_EQ((*sessions)[0].wing, "women");
}

TEST_F(VisitServiceTest, BadTemplatesAreRefusedNamingTheFieldAndChangeNothing) {
  TemplateRequest base;
  base.facility_id = world_->facility_a;
  base.valid_from = "2026-12-01";
  base.start_time = "11:00";
  base.end_time = "09:00";
  base.capacity_families = 2;
  base.capacity_people = 8;
  EXPECT_EQ(visits_->CreateTemplate(As("visits_officer_a"), base).status().field(), "end_time");
  base.end_time = "12:00";
  base.capacity_families = 0;
  EXPECT_EQ(visits_->CreateTemplate(As("visits_officer_a"), base).status().field(),
            "capacity_families");
  base.capacity_families = 2;
  base.capacity_people = -3;
  EXPECT_EQ(visits_->CreateTemplate(As("visits_officer_a"), base).status().field(),
            "capacity_people");
  base.capacity_people = 8;
  base.pattern = "yearly";
  EXPECT_EQ(visits_->CreateTemplate(As("visits_officer_a"), base).status().field(), "pattern");
  auto templates = visits_->Templates(As("visits_officer_a"), world_->facility_a);
  ASSERT_TRUE(templates.ok());
  EXPECT_EQ(templates->size(), 1u);  // only the world's own
}

TEST_F(VisitServiceTest, OnlyTheFacilitysStaffManageItsTemplates) {
  TemplateRequest request;
  request.facility_id = world_->facility_a;
  request.valid_from = "2026-12-01";
  request.start_time = "09:00";
  request.end_time = "11:00";
  request.capacity_families = 1;
  request.capacity_people = 3;
  EXPECT_EQ(visits_->CreateTemplate(As("coordinator_a"), request).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(visits_->CreateTemplate(As("nursery_officer_b"), request).status().code(),
            StatusCode::kForbidden);
  request.facility_id = world_->facility_b;
  EXPECT_EQ(visits_->CreateTemplate(As("visits_officer_a"), request).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(visits_->Sessions(As("auditor"), world_->facility_a, "2026-12").status().code(),
            StatusCode::kForbidden);
}

TEST_F(VisitServiceTest, RequirementsAreGeneratedOncePerLinkedPairAndScopedToTheOrganisation) {
  auto first = visits_->GenerateRequirements(As("coordinator_a"), world_->organisation_a);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->size(), 3u);
  for (const RequirementRow& row : *first) {
    EXPECT_EQ(row.frequency, "monthly");
    EXPECT_DOUBLE_EQ(row.weight, 1.0);
  }
  auto again = visits_->GenerateRequirements(As("coordinator_a"), world_->organisation_a);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->size(), 3u);
  EXPECT_EQ(visits_->Requirements(As("coordinator_b"), world_->organisation_a).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(
      visits_->GenerateRequirements(As("caregiver_a"), world_->organisation_a).status().code(),
      StatusCode::kForbidden);
  EXPECT_TRUE(visits_->Requirements(As("caregiver_a"), world_->organisation_a).ok());
}

TEST_F(VisitServiceTest, AMonthWithoutSessionsGivesAnEmptyPlanWithReasons) {
  // The template starts in December: November has no session.
  auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-11");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->plan.status, VisitPlanStatus::kDraft);
  EXPECT_TRUE(plan->visits.empty());
  EXPECT_TRUE(plan->trips.empty());
  ASSERT_EQ(plan->unscheduled.size(), 3u);
  for (const PlanUnscheduledRow& row : plan->unscheduled) {
    EXPECT_EQ(row.reason, "no_session_this_month");
  }
  ASSERT_FALSE(plan->notes.empty());
  EXPECT_NE(plan->notes[0].find("no open visiting session in 2026-11"), std::string::npos);
  EXPECT_EQ(
      visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-13").status().field(),
      "month");
}

TEST_F(VisitServiceTest, ANoContactOrderIsNeverScheduled) {
  RequirementRow father = RequirementOf(programme_.child_1, programme_.father);
  RequirementChange change;
  change.no_contact = true;
  ASSERT_TRUE(
      visits_->ChangeRequirement(As("coordinator_a"), father.id, change, father.version).ok());
  auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  bool found = false;
  for (const PlanUnscheduledRow& row : plan->unscheduled) {
    if (row.requirement_id == father.id) {
      EXPECT_EQ(row.reason, "restriction");
      found = true;
    }
  }
  EXPECT_TRUE(found);
  for (const PlanVisitRow& visit : plan->visits) EXPECT_NE(visit.requirement_id, father.id);
}

TEST_F(VisitServiceTest, APlanIsStoredAsADraftWithTheBaselineFiguresAndPublishedOnce) {
  auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->plan.month, "2026-12");
  EXPECT_EQ(plan->visits.size() + plan->unscheduled.size(), 3u);
  EXPECT_EQ(visits_->PublishPlan(As("caregiver_a"), plan->plan.id).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(visits_->GetPlan(As("coordinator_b"), plan->plan.id).status().code(),
            StatusCode::kNotFound);
  auto published = visits_->PublishPlan(As("coordinator_a"), plan->plan.id);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(published->plan.status, VisitPlanStatus::kPublished);
  EXPECT_EQ(visits_->PublishPlan(As("coordinator_a"), plan->plan.id).status().code(),
            StatusCode::kConflict);
  // Each session's booked counter is what the plan put there: its families
  // (a parent with all her children visiting her there is one).
  std::map<long long, std::set<long long>> parents_in;
  for (const PlanVisitRow& visit : published->visits) {
    parents_in[visit.session_id].insert(visit.parent_id);
  }
  for (const auto& [session_key, parents] : parents_in) {
    const long long families = static_cast<long long>(parents.size());
    const long long session_id = session_key;  // a lambda below captures it (clang 14)
    VisitSessionRow session;
    ASSERT_TRUE(world_->database->store()
                    .Read([&](Txn& txn) -> Status {
                      VINCULO_ASSIGN_OR_RETURN(session, visit_store::GetSession(txn, session_id));
                      return Status::Ok();
                    })
                    .ok());
    EXPECT_EQ(session.booked_families, families);
  }
  // The hard rules, checked on what was stored (independently of the planner):
  // one trip per escort per day, at most max_children (4) per trip, each pair
  // at most once, never above a session's capacity (the counters above).
  std::set<std::pair<long long, std::string>> escort_days;
  for (const PlanTripRow& trip : published->trips) {
    EXPECT_TRUE(escort_days.emplace(trip.escort_id, trip.trip_date).second)
        << "escort " << trip.escort_id << " twice on " << trip.trip_date;
  }
  std::map<long long, int> per_trip;
  std::set<long long> pairs;
  for (const PlanVisitRow& visit : published->visits) {
    EXPECT_LE(++per_trip[visit.trip_id], 4);
    EXPECT_TRUE(pairs.insert(visit.requirement_id).second);
  }
}

TEST_F(VisitServiceTest, ManualBookingsKeepEveryHardRule) {
  const long long plan_id = PublishedDecember();
  const VisitSessionRow session = SessionOn("2026-12-05");
  const RequirementRow mother_1 = RequirementOf(programme_.child_1, programme_.mother);
  const RequirementRow mother_2 = RequirementOf(programme_.child_2, programme_.mother);
  const RequirementRow father_1 = RequirementOf(programme_.child_1, programme_.father);

  auto booked = visits_->BookVisit(As("coordinator_a"), plan_id,
                                   {mother_1.id, session.id, programme_.escort_1});
  ASSERT_TRUE(booked.ok()) << booked.status().ToString();
  // The sibling joins the same escort's trip.
  auto sibling = visits_->BookVisit(As("coordinator_a"), plan_id,
                                    {mother_2.id, session.id, programme_.escort_1});
  ASSERT_TRUE(sibling.ok()) << sibling.status().ToString();
  EXPECT_EQ(sibling->trip_id, booked->trip_id);
  // The mother with both her children is one family (issue 19).
  EXPECT_EQ(SessionOn("2026-12-05").booked_families, 1);
  // Another mother's child is the second; the father's visit, a third
  // family, is refused and nothing changes.
  const RequirementRow other = AnotherFamily("Killa");
  ASSERT_TRUE(
      visits_->BookVisit(As("coordinator_a"), plan_id, {other.id, session.id, programme_.escort_1})
          .ok());
  auto full = visits_->BookVisit(As("coordinator_a"), plan_id,
                                 {father_1.id, session.id, programme_.escort_2});
  EXPECT_EQ(full.status().code(), StatusCode::kConflict);
  EXPECT_EQ(full.status().field(), "session_id");
  EXPECT_EQ(SessionOn("2026-12-05").booked_families, 2);
  EXPECT_EQ(SessionOn("2026-12-05").booked_people, 4);  // three children, one escort

  // Escort 1 already travels on 12-05: an unrelated trip that day is refused.
  TemplateRequest afternoon;
  afternoon.facility_id = world_->facility_b;
  afternoon.pattern = "weekly";
  afternoon.weekday = 6;
  afternoon.valid_from = "2026-12-01";
  afternoon.start_time = "15:00";
  afternoon.end_time = "17:00";
  afternoon.capacity_families = 4;
  afternoon.capacity_people = 10;
  ASSERT_TRUE(visits_->CreateTemplate(As("admin"), afternoon).ok());
  // The same day at facility A in another session, but another escort's
  // pair: move the father's visit to the 12th with escort 2, then try to book
  // escort 2 twice on the 12th from two homes.
  // Escort 1 travels to facility A on 12-05: a trip to facility B that day is
  // refused (one trip per escort per day), and nothing is booked there.
  const long long mother_b = world_->AddParent("B", "female").id;
  world_->Link(mother_b, programme_.child_3, "mother");
  const RequirementRow in_b = RequirementOf(programme_.child_3, mother_b);
  auto b_sessions = visits_->Sessions(As("admin"), world_->facility_b, "2026-12");
  ASSERT_TRUE(b_sessions.ok());
  ASSERT_FALSE(b_sessions->empty());
  ASSERT_EQ(b_sessions->front().session_date, "2026-12-05");
  auto same_day = visits_->BookVisit(As("coordinator_a"), plan_id,
                                     {in_b.id, b_sessions->front().id, programme_.escort_1});
  EXPECT_EQ(same_day.status().code(), StatusCode::kConflict);
  EXPECT_EQ(same_day.status().field(), "escort_id");
  auto b_after = visits_->Sessions(As("admin"), world_->facility_b, "2026-12");
  EXPECT_EQ(b_after->front().booked_families, 0);

  const VisitSessionRow second = SessionOn("2026-12-12");
  auto father_visit = visits_->BookVisit(As("coordinator_a"), plan_id,
                                         {father_1.id, second.id, programme_.escort_2});
  ASSERT_TRUE(father_visit.ok()) << father_visit.status().ToString();
  const long long other_home = CasaWayra();
  const long long far_child = AddChildAtHome(*world_, "A", other_home, "Wayra");
  world_->Link(programme_.mother, far_child, "mother");
  const RequirementRow far = RequirementOf(far_child, programme_.mother);
  auto twice =
      visits_->BookVisit(As("coordinator_a"), plan_id, {far.id, second.id, programme_.escort_2});
  EXPECT_EQ(twice.status().code(), StatusCode::kInvalidArgument);  // escort 2 lives elsewhere
  EXPECT_EQ(twice.status().field(), "escort_id");

  // Unavailable dates and bans are refused with the field named.
  ASSERT_TRUE(
      visits_
          ->AddUnavailableDates(As("coordinator_a"), programme_.child_3, {"2026-12-19"}, "examen")
          .ok());
  world_->Link(programme_.father, programme_.child_3, "father");
  const RequirementRow father_3 = RequirementOf(programme_.child_3, programme_.father);
  auto exam = visits_->BookVisit(As("coordinator_a"), plan_id,
                                 {father_3.id, SessionOn("2026-12-19").id, programme_.escort_2});
  EXPECT_EQ(exam.status().field(), "session_id");
  RequirementChange ban;
  ban.banned_until = "2026-12-31";
  ASSERT_TRUE(
      visits_->ChangeRequirement(As("coordinator_a"), father_3.id, ban, father_3.version).ok());
  auto banned = visits_->BookVisit(As("coordinator_a"), plan_id,
                                   {father_3.id, SessionOn("2026-12-26").id, programme_.escort_2});
  EXPECT_EQ(banned.status().field(), "requirement_id");
  EXPECT_EQ(SessionOn("2026-12-26").booked_families, 0);
}

// Issue 17: a child booked by hand onto the escort's trip of the day widens
// that trip's day, and the day stays within the organisation's longest, the
// planners' rule (domain/visit_rules.h). A morning trip had kept its times
// and taken an afternoon child with it, away longer than allowed.
TEST_F(VisitServiceTest, Issue17_ABookingByHandKeepsTheTripWithinAChildsLongestDay) {
  for (const auto& [start, end] : {std::pair{"11:00", "12:00"}, std::pair{"15:00", "17:00"}}) {
    TemplateRequest later;
    later.facility_id = world_->facility_a;
    later.weekday = 6;
    later.valid_from = "2026-12-01";
    later.start_time = start;
    later.end_time = end;
    later.capacity_families = 10;
    later.capacity_people = 30;
    ASSERT_TRUE(visits_->CreateTemplate(As("admin"), later).ok());
  }
  const long long plan_id = PublishedDecember();
  std::map<long long, VisitSessionRow> by_start;
  auto sessions = visits_->Sessions(As("visits_officer_a"), world_->facility_a, "2026-12");
  ASSERT_TRUE(sessions.ok());
  for (const VisitSessionRow& session : *sessions) {
    if (session.session_date == "2026-12-05") by_start[session.start_minute] = session;
  }
  ASSERT_EQ(by_start.size(), 3u);
  const RequirementRow mother_1 = RequirementOf(programme_.child_1, programme_.mother);
  auto morning = visits_->BookVisit(As("coordinator_a"), plan_id,
                                    {mother_1.id, by_start[540].id, programme_.escort_1});
  ASSERT_TRUE(morning.ok()) << morning.status().ToString();
  auto trip_of = [&](long long trip_id) {
    auto plan = visits_->GetPlan(As("coordinator_a"), plan_id);
    EXPECT_TRUE(plan.ok());
    for (const PlanTripRow& trip : plan->trips) {
      if (trip.id == trip_id) return trip;
    }
    ADD_FAILURE() << "no trip " << trip_id;
    return PlanTripRow{};
  };
  const PlanTripRow first = trip_of(morning->trip_id);
  const long long travel = (first.return_minute - first.depart_minute - 120) / 2;
  ASSERT_GE(travel, 0);
  // A longest day that holds the morning and the noon session, not the afternoon.
  auto settings = visits_->Settings(As("coordinator_a"), world_->organisation_a);
  ASSERT_TRUE(settings.ok());
  VisitSettingsChange change{settings->travel_speed_kmh, settings->cost_per_km};
  change.longest_child_day_hours = static_cast<double>(180 + 2 * travel + 30) / 60;
  ASSERT_TRUE(
      visits_
          ->ChangeSettings(As("coordinator_a"), world_->organisation_a, change, settings->version)
          .ok());

  const RequirementRow noon_family = AnotherFamily("Killa");
  auto noon = visits_->BookVisit(As("coordinator_a"), plan_id,
                                 {noon_family.id, by_start[660].id, programme_.escort_1});
  ASSERT_TRUE(noon.ok()) << noon.status().ToString();
  EXPECT_EQ(noon->trip_id, morning->trip_id);
  EXPECT_EQ(trip_of(morning->trip_id).depart_minute, first.depart_minute);
  EXPECT_EQ(trip_of(morning->trip_id).return_minute, 720 + travel);  // widened to noon's end

  const RequirementRow afternoon_family = AnotherFamily("Wayta");
  auto afternoon = visits_->BookVisit(As("coordinator_a"), plan_id,
                                      {afternoon_family.id, by_start[900].id, programme_.escort_1});
  EXPECT_EQ(afternoon.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(afternoon.status().field(), "session_id");
  EXPECT_EQ(afternoon.status().refusal(), Refusal::kChildDayTooLong);
  EXPECT_EQ(trip_of(morning->trip_id).return_minute, 720 + travel);
  auto after = visits_->Sessions(As("visits_officer_a"), world_->facility_a, "2026-12");
  ASSERT_TRUE(after.ok());
  for (const VisitSessionRow& session : *after) {
    if (session.id == by_start[900].id) EXPECT_EQ(session.booked_families, 0);
    if (session.id == by_start[660].id) EXPECT_EQ(session.booked_families, 1);
  }
}

// Issue 17 (the seats rule of issue 19, domain/escort_rules.h): a child on
// the escort's trip takes one seat however many of her parents she visits. A
// booking by hand counted the trip's visits, so an escort with one seat who
// brought a child to her mother could not bring her to her father in the
// same prison that morning.
TEST_F(VisitServiceTest, Issue17_AChildAboardTakesNoSecondSeatForHerOtherParent) {
  EscortRequest one_seat;
  one_seat.staff_id = programme_.staff_1;
  one_seat.max_children = 1;
  one_seat.available_dates = {"2026-12-05", "2026-12-12", "2026-12-19", "2026-12-26"};
  ASSERT_TRUE(visits_->SetEscort(As("coordinator_a"), world_->organisation_a, one_seat).ok());
  const long long plan_id = PublishedDecember();
  const VisitSessionRow saturday = SessionOn("2026-12-05");
  const RequirementRow mother_1 = RequirementOf(programme_.child_1, programme_.mother);
  const RequirementRow father_1 = RequirementOf(programme_.child_1, programme_.father);
  const RequirementRow mother_2 = RequirementOf(programme_.child_2, programme_.mother);
  auto mother = visits_->BookVisit(As("coordinator_a"), plan_id,
                                   {mother_1.id, saturday.id, programme_.escort_1});
  ASSERT_TRUE(mother.ok()) << mother.status().ToString();
  auto father = visits_->BookVisit(As("coordinator_a"), plan_id,
                                   {father_1.id, saturday.id, programme_.escort_1});
  ASSERT_TRUE(father.ok()) << father.status().ToString();
  EXPECT_EQ(father->trip_id, mother->trip_id);
  // Her brother would need a second seat: refused, nothing booked.
  auto brother = visits_->BookVisit(As("coordinator_a"), plan_id,
                                    {mother_2.id, saturday.id, programme_.escort_1});
  EXPECT_EQ(brother.status().code(), StatusCode::kConflict);
  EXPECT_EQ(brother.status().field(), "escort_id");
  EXPECT_EQ(brother.status().refusal(), Refusal::kEscortFull);
  const VisitSessionRow after = SessionOn("2026-12-05");
  EXPECT_EQ(after.booked_families, 2);  // her mother and her father
}

TEST_F(VisitServiceTest, AVisitMovedIntoAFullSessionIsRefusedAndNothingChanges) {
  const long long plan_id = PublishedDecember();
  const VisitSessionRow first = SessionOn("2026-12-05");
  const VisitSessionRow second = SessionOn("2026-12-12");
  const RequirementRow mother_1 = RequirementOf(programme_.child_1, programme_.mother);
  const RequirementRow mother_2 = RequirementOf(programme_.child_2, programme_.mother);
  const RequirementRow father_1 = RequirementOf(programme_.child_1, programme_.father);
  ASSERT_TRUE(
      visits_->BookVisit(As("coordinator_a"), plan_id, {mother_1.id, first.id, programme_.escort_1})
          .ok());
  ASSERT_TRUE(
      visits_->BookVisit(As("coordinator_a"), plan_id, {mother_2.id, first.id, programme_.escort_1})
          .ok());
  const RequirementRow other = AnotherFamily("Killa");
  ASSERT_TRUE(
      visits_->BookVisit(As("coordinator_a"), plan_id, {other.id, first.id, programme_.escort_1})
          .ok());
  auto later = visits_->BookVisit(As("coordinator_a"), plan_id,
                                  {father_1.id, second.id, programme_.escort_2});
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  auto moved = visits_->MoveVisit(As("coordinator_a"), later->id, first.id);
  EXPECT_EQ(moved.status().code(), StatusCode::kConflict);
  EXPECT_EQ(moved.status().field(), "session_id");
  EXPECT_EQ(SessionOn("2026-12-05").booked_families, 2);
  EXPECT_EQ(SessionOn("2026-12-12").booked_families, 1);

  // Moving to a session with room works and gives the old seat back.
  auto to_19 = visits_->MoveVisit(As("coordinator_a"), later->id, SessionOn("2026-12-19").id);
  ASSERT_TRUE(to_19.ok()) << to_19.status().ToString();
  EXPECT_EQ(SessionOn("2026-12-12").booked_families, 0);
  EXPECT_EQ(SessionOn("2026-12-19").booked_families, 1);
  // Cancelling gives it back too.
  ASSERT_TRUE(visits_->CancelVisit(As("coordinator_a"), later->id, "enfermedad").ok());
  EXPECT_EQ(SessionOn("2026-12-19").booked_families, 0);
  EXPECT_EQ(SessionOn("2026-12-19").booked_people, 0);
}

TEST_F(VisitServiceTest, BlockingADateFlagsItsVisitsForReviewWithoutDroppingThem) {
  const long long plan_id = PublishedDecember();
  const RequirementRow mother_1 = RequirementOf(programme_.child_1, programme_.mother);
  auto visit = visits_->BookVisit(As("coordinator_a"), plan_id,
                                  {mother_1.id, SessionOn("2026-12-05").id, programme_.escort_1});
  ASSERT_TRUE(visit.ok()) << visit.status().ToString();
  EXPECT_EQ(visits_->BlockDate(As("coordinator_a"), world_->facility_a, {"2026-12-05", "motín"})
                .status()
                .code(),
            StatusCode::kForbidden);
  auto blocked =
      visits_->BlockDate(As("visits_officer_a"), world_->facility_a, {"2026-12-05", "requisa"});
  ASSERT_TRUE(blocked.ok()) << blocked.status().ToString();
  EXPECT_EQ(blocked->session_ids.size(), 1u);
  EXPECT_EQ(blocked->flagged_visits, 1);
  EXPECT_EQ(SessionOn("2026-12-05").status, VisitSessionStatus::kBlocked);
  auto plan = visits_->GetPlan(As("coordinator_a"), plan_id);
  ASSERT_TRUE(plan.ok());
  bool seen = false;
  for (const PlanVisitRow& row : plan->visits) {
    if (row.id != visit->id) continue;
    seen = true;
    EXPECT_EQ(row.status, PlannedVisitStatus::kPlanned);
    EXPECT_TRUE(row.needs_review);
    EXPECT_NE(row.review_reason.find("requisa"), std::string::npos);
  }
  EXPECT_TRUE(seen);
  // A blocked session takes no new booking.
  const RequirementRow mother_2 = RequirementOf(programme_.child_2, programme_.mother);
  EXPECT_EQ(visits_
                ->BookVisit(As("coordinator_a"), plan_id,
                            {mother_2.id, SessionOn("2026-12-05").id, programme_.escort_1})
                .status()
                .code(),
            StatusCode::kConflict);
}

TEST_F(VisitServiceTest, AParentsTransferFlagsTheVisitsItAffects) {
  const long long plan_id = PublishedDecember();
  const RequirementRow father_1 = RequirementOf(programme_.child_1, programme_.father);
  auto visit = visits_->BookVisit(As("coordinator_a"), plan_id,
                                  {father_1.id, SessionOn("2026-12-12").id, programme_.escort_2});
  ASSERT_TRUE(visit.ok()) << visit.status().ToString();
  auto father = world_->records->Get(As("admin"), ParentKind(), programme_.father);
  ASSERT_TRUE(father.ok());
  TransferRequest request;
  request.to_facility_id = world_->facility_b;
  request.transferred_on = "2026-11-23";
  request.reason = "traslado";
  auto transfer =
      world_->records->TransferParent(As("admin"), programme_.father, father->version, request);
  ASSERT_TRUE(transfer.ok()) << transfer.status().ToString();
  auto plan = visits_->GetPlan(As("coordinator_a"), plan_id);
  ASSERT_TRUE(plan.ok());
  for (const PlanVisitRow& row : plan->visits) {
    if (row.id == visit->id) {
      EXPECT_TRUE(row.needs_review);
      EXPECT_NE(row.review_reason.find("transferred"), std::string::npos);
    }
  }
}

TEST_F(VisitServiceTest, TheVisitRecordKeepsAttendanceWhatWasBroughtAndTheChildsMood) {
  const long long plan_id = PublishedDecember();
  const RequirementRow mother_1 = RequirementOf(programme_.child_1, programme_.mother);
  auto visit = visits_->BookVisit(As("coordinator_a"), plan_id,
                                  {mother_1.id, SessionOn("2026-12-05").id, programme_.escort_1});
  ASSERT_TRUE(visit.ok());
  VisitRecordRequest record;
  record.attended = true;
  record.actual_start = "09:10";
  record.actual_end = "10:55";
  record.brought = {"photos", "homework"};
  record.note = "Llegó tranquilo";
  record.mood_before = 2;
  record.mood_after = 4;
  // Not before the day.
  EXPECT_EQ(visits_->RecordVisit(As("caregiver_a"), visit->id, record).status().field(),
            "attended");
  world_->clock->Set(StartOfDayUtc(Date{2026, 12, 5}) + std::chrono::hours(18));
  record.mood_after = 6;
  EXPECT_EQ(visits_->RecordVisit(As("caregiver_a"), visit->id, record).status().field(),
            "mood_after");
  record.mood_after = 4;
  auto stored = visits_->RecordVisit(As("caregiver_a"), visit->id, record);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->attended, true);
  EXPECT_EQ(stored->brought, "photos,homework");
  EXPECT_EQ(stored->mood_before, 2);
  EXPECT_EQ(stored->mood_after, 4);
  EXPECT_EQ(stored->actual_start_minute, 550);
  EXPECT_EQ(RequirementOf(programme_.child_1, programme_.mother).last_visit_on, "2026-12-05");
  VisitRecordRequest absent;
  absent.attended = false;
  EXPECT_EQ(visits_->RecordVisit(As("caregiver_a"), visit->id, absent).status().field(),
            "absence_reason");
}

// Issue 19: a plan built in the evening of the 5th (notice 24 hours) has no
// visit on the session that left that morning; with the later Saturdays
// blocked, every pair waits for the notice period.
TEST_F(VisitServiceTest, Issue19_APlanBuiltInTheEveningHasNoVisitOfThatMorning) {
  for (const char* date : {"2026-12-12", "2026-12-19", "2026-12-26"}) {
    auto blocked = visits_->BlockDate(As("visits_officer_a"), world_->facility_a, {date, "obras"});
    ASSERT_TRUE(blocked.ok()) << blocked.status().ToString();
  }
  world_->clock->Set(StartOfDayUtc(Date{2026, 12, 5}) + std::chrono::hours(18));
  auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(plan->visits.empty());
  ASSERT_FALSE(plan->unscheduled.empty());
  for (const PlanUnscheduledRow& row : plan->unscheduled) EXPECT_EQ(row.reason, "notice");
}

// Two coordinators publish plans at once, and manual bookings arrive at the
// same time, all at one session with room for 3 families: the session never
// takes more than 3.
TEST_F(VisitServiceTest, ConcurrentPublishesAndBookingsNeverOverfillASession) {
  const VisitSessionRow session = SessionOn("2026-12-05");
  // Session capacity 2 in the world; widen this one to 3 families.
  ASSERT_TRUE(world_->database->store()
                  .Write([&](Txn& txn) {
                    return txn.Execute(
                        "UPDATE visit_sessions SET capacity_families = 3, capacity_people = 100 "
                        "WHERE id = " +
                        std::to_string(session.id));
                  })
                  .ok());
  // Six more pairs of organisation A (children at the home, each with her
  // own mother inside: six families).
  std::vector<long long> children;
  std::map<long long, long long> mother_of;
  for (int child_idx = 0; child_idx < 6; ++child_idx) {
    children.push_back(
        AddChildAtHome(*world_, "A", programme_.home, "Niño" + std::to_string(child_idx)));
    mother_of[children.back()] = world_->AddParent("A", "female").id;
    world_->Link(mother_of[children.back()], children.back(), "mother");
  }
  auto requirements = visits_->GenerateRequirements(As("coordinator_a"), world_->organisation_a);
  ASSERT_TRUE(requirements.ok());
  std::map<long long, long long> requirement_of_child;
  for (const RequirementRow& row : *requirements) requirement_of_child[row.child_id] = row.id;

  // Two drafts of the same month, crafted in the store: two visits each at
  // the session. Publishing one leaves room for at most one more family.
  auto draft = [&](long long first_child, long long escort) -> long long {
    long long plan_id = 0;
    EXPECT_TRUE(world_->database->store()
                    .Write([&](Txn& txn) -> Status {
                      PlanRow plan;
                      plan.organisation_id = world_->organisation_a;
                      plan.month = "2026-12";
                      plan.status = VisitPlanStatus::kDraft;
                      plan.created_at = world_->context.Now();
                      VINCULO_ASSIGN_OR_RETURN(plan, visit_store::InsertPlan(txn, plan));
                      plan_id = plan.id;
                      PlanTripRow trip;
                      trip.plan_id = plan.id;
                      trip.escort_id = escort;
                      trip.home_id = programme_.home;
                      trip.facility_id = world_->facility_a;
                      trip.trip_date = "2026-12-05";
                      trip.depart_minute = 500;
                      trip.return_minute = 700;
                      VINCULO_ASSIGN_OR_RETURN(trip, visit_store::InsertTrip(txn, trip));
                      for (long long child : {children[first_child], children[first_child + 1]}) {
                        PlanVisitRow visit;
                        visit.plan_id = plan.id;
                        visit.requirement_id = requirement_of_child[child];
                        visit.child_id = child;
                        visit.parent_id = mother_of[child];
                        visit.session_id = session.id;
                        visit.trip_id = trip.id;
                        visit.updated_at = plan.created_at;
                        VINCULO_RETURN_IF_ERROR(visit_store::InsertVisit(txn, visit).status());
                      }
                      return Status::Ok();
                    })
                    .ok());
    return plan_id;
  };
  const long long plan_a = draft(0, programme_.escort_1);
  const long long plan_b = draft(2, programme_.escort_2);

  std::atomic<int> published{0};
  std::atomic<int> booked{0};
  std::vector<std::thread> threads;
  for (long long plan_id : {plan_a, plan_b}) {
    threads.emplace_back([&, plan_id] {
      VisitService service(world_->context);
      if (service.PublishPlan(As("coordinator_a"), plan_id).ok()) ++published;
    });
  }
  // Manual bookings into whichever plan got published, racing the publishes.
  for (int child_idx = 4; child_idx < 6; ++child_idx) {
    threads.emplace_back([&, child_idx] {
      VisitService service(world_->context);
      for (int attempt = 0; attempt < 50; ++attempt) {
        for (long long plan_id : {plan_a, plan_b}) {
          auto result = service.BookVisit(
              As("coordinator_a"), plan_id,
              {requirement_of_child[children[child_idx]], session.id, programme_.escort_1});
          if (result.ok()) {
            ++booked;
            return;
          }
          if (result.status().code() == StatusCode::kConflict &&
              result.status().field() == "session_id") {
            return;  // full: refused, as it must be
          }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(published.load(), 1);
  const VisitSessionRow after = SessionOn("2026-12-05");
  EXPECT_LE(after.booked_families, 3);
  EXPECT_EQ(after.booked_families, 2 + booked.load());
  EXPECT_LE(booked.load(), 1);
  // The stored visits agree with the counter.
  long long planned = 0;
  for (long long plan_id : {plan_a, plan_b}) {
    auto plan = visits_->GetPlan(As("coordinator_a"), plan_id);
    ASSERT_TRUE(plan.ok());
    if (plan->plan.status != VisitPlanStatus::kPublished) continue;
    for (const PlanVisitRow& visit : plan->visits) {
      if (visit.status == PlannedVisitStatus::kPlanned && visit.session_id == session.id) ++planned;
    }
  }
  EXPECT_EQ(planned, after.booked_families);
}

// Issue 19: a requirement's frequency reaches the planner. December 2026 has
// four Saturday sessions: a weekly pair gets more than one visit, at least
// five days apart; a fortnightly one two, at least ten days apart.
TEST_F(VisitServiceTest, Issue19_TheRequirementsFrequencyIsHonouredInTheMonthsPlan) {
  const RequirementRow father = WeeklyFather();
  ASSERT_GT(father.id, 0);
  // Both children of the mother (a family: they go together).
  RequirementRow mother = RequirementOf(programme_.child_1, programme_.mother);
  RequirementRow sibling = RequirementOf(programme_.child_2, programme_.mother);
  RequirementChange fortnightly;
  fortnightly.frequency = "fortnightly";
  for (const RequirementRow& row : {mother, sibling}) {
    ASSERT_TRUE(
        visits_->ChangeRequirement(As("coordinator_a"), row.id, fortnightly, row.version).ok());
  }

  auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  std::map<long long, Date> date_of;
  auto sessions = visits_->Sessions(As("visits_officer_a"), world_->facility_a, "2026-12");
  ASSERT_TRUE(sessions.ok());
  for (const VisitSessionRow& session : *sessions) {
    date_of[session.id] = *ParseDate(session.session_date);
  }
  std::map<long long, std::vector<Date>> visits_of;  // by requirement
  for (const PlanVisitRow& visit : plan->visits) {
    visits_of[visit.requirement_id].push_back(date_of.at(visit.session_id));
  }
  // At most the frequency's visits, at least `at_least`, never closer than its interval.
  auto check = [&](long long requirement, size_t at_least, size_t at_most, int min_days) {
    std::vector<Date> dates = visits_of[requirement];
    std::sort(dates.begin(), dates.end());
    EXPECT_GE(dates.size(), at_least) << "requirement " << requirement;
    EXPECT_LE(dates.size(), at_most) << "requirement " << requirement;
    for (size_t i = 1; i < dates.size(); ++i) {
      EXPECT_GE(DaysBetween(dates[i - 1], dates[i]), min_days) << "requirement " << requirement;
    }
  };
  std::string why;
  for (const PlanUnscheduledRow& row : plan->unscheduled) {
    why += std::to_string(row.requirement_id) + ":" + row.reason + " ";
  }
  for (const std::string& note : plan->notes) why += note + "; ";
  SCOPED_TRACE(why);
  // The weekly pair gets all four: a session's places are families, so the
  // father and the mother with both her children fit the 2-family Saturdays
  // (counted as pairs, the mother's Saturdays had no room for the father).
  check(father.id, 4, 4, kWeeklyMinIntervalDays);
  check(mother.id, 2, 2, kFortnightlyMinIntervalDays);
  check(sibling.id, 2, 2, kFortnightlyMinIntervalDays);
  EXPECT_TRUE(plan->short_of_frequency.empty());
}

// Issue 19: a weekly pair given fewer visits than it wants says why. The
// father's child cannot go on the 12th nor the 19th: the plan gives him the
// 5th and the 26th and lists him short of his frequency, with the dates.
TEST_F(VisitServiceTest, Issue19_AWeeklyPairShortOfItsVisitsSaysWhyInThePlan) {
  const RequirementRow father = WeeklyFather();
  ASSERT_GT(father.id, 0);
  ASSERT_TRUE(visits_
                  ->AddUnavailableDates(As("coordinator_a"), programme_.child_1,
                                        {"2026-12-12", "2026-12-19"}, "exámenes")
                  .ok());
  auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  long long father_visits = 0;
  for (const PlanVisitRow& visit : plan->visits) father_visits += visit.requirement_id == father.id;
  EXPECT_EQ(father_visits, 2);
  ASSERT_EQ(plan->short_of_frequency.size(), 1u);
  const PlanUnscheduledRow& left = plan->short_of_frequency[0];
  EXPECT_EQ(left.requirement_id, father.id);
  EXPECT_EQ(left.reason, "child_unavailable");
  EXPECT_EQ(left.visits_planned, 2);
  EXPECT_EQ(left.visits_wanted, 4);
  EXPECT_EQ(left.detail, "2 of 4 weekly visits: the child cannot go on 2026-12-12, 2026-12-19");
  for (const PlanUnscheduledRow& row : plan->unscheduled) {
    EXPECT_NE(row.requirement_id, father.id);
  }
  // Read back, the plan says the same.
  auto stored = visits_->GetPlan(As("coordinator_a"), plan->plan.id);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->short_of_frequency.size(), 1u);
  EXPECT_EQ(stored->short_of_frequency[0].detail, left.detail);
}

// Issue 19: the month's earlier visits count. The published plan gives the
// weekly father all four Saturdays and the mother's children (monthly) one;
// the 5th is recorded as attended, the 12th and the 26th are cancelled. Built
// again that evening, the plan gives the father the 12th and the 26th only
// (his 5th and 19th count toward his four, and the interval keeps him off
// them), and the mother's children are not due.
TEST_F(VisitServiceTest, Issue19_TheMonthsEarlierVisitsCountWhenThePlanIsBuiltAgain) {
  const RequirementRow father = WeeklyFather();
  ASSERT_GT(father.id, 0);
  auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  auto published = visits_->PublishPlan(As("coordinator_a"), plan->plan.id);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  std::map<long long, std::string> date_of;
  for (const std::string& date : {"2026-12-05", "2026-12-12", "2026-12-19", "2026-12-26"}) {
    date_of[SessionOn(date).id] = date;
  }
  std::map<std::string, const PlanVisitRow*> father_on;
  for (const PlanVisitRow& visit : published->visits) {
    if (visit.requirement_id == father.id) father_on[date_of[visit.session_id]] = &visit;
  }
  ASSERT_EQ(father_on.size(), 4u);
  for (const char* date : {"2026-12-12", "2026-12-26"}) {
    ASSERT_TRUE(visits_->CancelVisit(As("coordinator_a"), father_on[date]->id, "enfermedad").ok());
  }
  world_->clock->Set(StartOfDayUtc(Date{2026, 12, 5}) + std::chrono::hours(18));
  VisitRecordRequest attended;
  attended.attended = true;
  auto recorded = visits_->RecordVisit(As("coordinator_a"), father_on["2026-12-05"]->id, attended);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();

  auto again = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  std::set<std::string> father_dates;
  for (const PlanVisitRow& visit : again->visits) {
    EXPECT_EQ(visit.requirement_id, father.id) << "only the father is still due";
    if (visit.requirement_id == father.id) father_dates.insert(date_of[visit.session_id]);
  }
  EXPECT_EQ(father_dates, (std::set<std::string>{"2026-12-12", "2026-12-26"}));
  EXPECT_TRUE(again->short_of_frequency.empty());
  for (long long child : {programme_.child_1, programme_.child_2}) {
    const long long mother = RequirementOf(child, programme_.mother).id;
    bool not_due = false;
    for (const PlanUnscheduledRow& row : again->unscheduled) {
      not_due = not_due || (row.requirement_id == mother && row.reason == "not_due");
    }
    EXPECT_TRUE(not_due) << "child " << child;
  }
}

// Issue 14: two visits of one pair, in two months' plans, recorded at the same
// moment. Each record locks its own plan's row, so the two ran side by side
// on PostgreSQL, and each read the pair before the other committed: either
// its update found the version the other had moved (a 412 for a record nobody
// else touched) or it wrote a last visit that missed the other's. The pair's
// row is now locked before its last visit is read. Twenty rounds, both visits
// attended then both not attended, the two records from two threads at once:
// every record holds and the pair's last visit is the later attended one, or
// none.
TEST_F(VisitServiceTest, Issue14_TwoVisitsOfOnePairRecordedAtOnceBothHoldAndGiveTheLastVisit) {
  const RequirementRow father = WeeklyFather();
  ASSERT_GT(father.id, 0);
  // The escorts are free on January's Saturdays as well.
  for (long long staff : {programme_.staff_1, programme_.staff_2}) {
    EscortRequest escort;
    escort.staff_id = staff;
    escort.available_dates = {"2026-12-05", "2026-12-12", "2026-12-19", "2026-12-26",
                              "2027-01-02", "2027-01-09", "2027-01-16", "2027-01-23"};
    auto stored = visits_->SetEscort(As("coordinator_a"), world_->organisation_a, escort);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  }
  std::map<std::string, long long> visit_on;  // the father's visit on each date
  for (const char* month : {"2026-12", "2027-01"}) {
    auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, month);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    auto published = visits_->PublishPlan(As("coordinator_a"), plan->plan.id);
    ASSERT_TRUE(published.ok()) << published.status().ToString();
    for (const VisitSessionRow& session :
         *visits_->Sessions(As("visits_officer_a"), world_->facility_a, month)) {
      for (const PlanVisitRow& visit : published->visits) {
        if (visit.requirement_id == father.id && visit.session_id == session.id) {
          visit_on[session.session_date] = visit.id;
        }
      }
    }
  }
  // The father's last visit of December and his first of January.
  auto january_first = visit_on.lower_bound("2027-01");
  ASSERT_NE(january_first, visit_on.begin());
  ASSERT_NE(january_first, visit_on.end());
  const auto december_last = std::prev(january_first);
  ASSERT_EQ(december_last->first.substr(0, 7), "2026-12");
  const long long december = december_last->second;
  const long long january = january_first->second;
  const std::string later = january_first->first;
  world_->clock->Set(StartOfDayUtc(Date{2027, 1, std::stoi(later.substr(8, 2))}) +
                     std::chrono::hours(18));

  for (int round = 0; round < 20; ++round) {
    const bool attended = round % 2 == 0;
    VisitRecordRequest record;
    record.attended = attended;
    if (!attended) record.absence_reason = "el penal suspendió las visitas";
    Status first;
    Status second;
    const Actor& coordinator = As("coordinator_a");
    std::thread one([&] { first = visits_->RecordVisit(coordinator, december, record).status(); });
    std::thread two([&] { second = visits_->RecordVisit(coordinator, january, record).status(); });
    one.join();
    two.join();
    ASSERT_TRUE(first.ok()) << "round " << round << ": " << first.ToString();
    ASSERT_TRUE(second.ok()) << "round " << round << ": " << second.ToString();
    const RequirementRow pair = RequirementOf(programme_.child_1, programme_.father);
    if (attended) {
      ASSERT_EQ(pair.last_visit_on, std::optional<std::string>(later)) << "round " << round;
    } else {
      ASSERT_EQ(pair.last_visit_on, std::nullopt) << "round " << round;
    }
  }
}

// Issue 19: a plan says per home and per facility who is visited and who
// waits, and the trips it saves against first-come. A child of another home
// (no escort lives there) waits for her mother in facility A; the three pairs
// of Casa Qantu are visited.
TEST_F(VisitServiceTest, Issue19_APlanReportsWhoIsVisitedAndWhoWaitsPerHomeAndFacility) {
  const long long other_home = CasaWayra();
  const long long wayra = AddChildAtHome(*world_, "A", other_home, "Wayra");
  const long long wayra_mother = world_->AddParent("A", "female").id;
  world_->Link(wayra_mother, wayra, "mother");
  auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const long long waiting_requirement = RequirementOf(wayra, wayra_mother).id;

  auto ids = [](const std::vector<PlanPairRef>& pairs) {
    std::set<long long> out;
    for (const PlanPairRef& pair : pairs) out.insert(pair.requirement_id);
    return out;
  };
  const std::set<long long> qantu_pairs = {RequirementOf(programme_.child_1, programme_.mother).id,
                                           RequirementOf(programme_.child_2, programme_.mother).id,
                                           RequirementOf(programme_.child_1, programme_.father).id};
  ASSERT_EQ(plan->by_home.size(), 2u);
  for (const PlanGroupFigures& home : plan->by_home) {
    if (home.id == programme_.home) {
      EXPECT_EQ(ids(home.visited), qantu_pairs);
      EXPECT_EQ(home.visits, 3);
      EXPECT_TRUE(home.waiting.empty());
    } else {
      EXPECT_EQ(home.id, other_home);
      EXPECT_TRUE(home.visited.empty());
      EXPECT_EQ(ids(home.waiting), (std::set<long long>{waiting_requirement}));
    }
  }
  ASSERT_EQ(plan->by_facility.size(), 1u);
  EXPECT_EQ(plan->by_facility[0].id, world_->facility_a);
  EXPECT_EQ(ids(plan->by_facility[0].visited), qantu_pairs);
  EXPECT_EQ(ids(plan->by_facility[0].waiting), (std::set<long long>{waiting_requirement}));
  EXPECT_EQ(plan->trips_saved,
            plan->plan.baseline_trips - static_cast<long long>(plan->trips.size()));
  // A caregiver sees her own trips, not the organisation's figures.
  auto caregiver = visits_->GetPlan(As("caregiver_a"), plan->plan.id);
  ASSERT_TRUE(caregiver.ok());
  EXPECT_TRUE(caregiver->by_home.empty());
  EXPECT_TRUE(caregiver->by_facility.empty());
}

// Issue 19: a frequency the calendar cannot meet is a reason in the plan,
// never an invalid plan: with two Saturdays blocked, the weekly father gets
// the two left and the plan says the calendar offers two.
TEST_F(VisitServiceTest, Issue19_AFrequencyTheCalendarCannotMeetIsAReasonInThePlan) {
  const RequirementRow father = WeeklyFather();
  ASSERT_GT(father.id, 0);
  for (const char* date : {"2026-12-12", "2026-12-19"}) {
    ASSERT_TRUE(
        visits_->BlockDate(As("visits_officer_a"), world_->facility_a, {date, "obras"}).ok());
  }
  auto plan = visits_->BuildPlan(As("coordinator_a"), world_->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  long long father_visits = 0;
  for (const PlanVisitRow& visit : plan->visits) father_visits += visit.requirement_id == father.id;
  EXPECT_EQ(father_visits, 2);
  ASSERT_EQ(plan->short_of_frequency.size(), 1u);
  EXPECT_EQ(plan->short_of_frequency[0].reason, "no_session_this_month");
  EXPECT_EQ(plan->short_of_frequency[0].detail,
            "2 of 4 weekly visits: the calendar offers 2 sessions for the parent");
}

}  // namespace
}  // namespace vinculo::testing
