// Parenting workshops through WorkshopService on a real database (SQLite or
// PostgreSQL): the shipped course, the 15-day calendar with closures, gender
// separation, capacity and the waiting list, travel and space clashes,
// attendance, completion and the PDF certificate, transfer and release
// mid-course, figures and scoping. The clock is fixed at 2026-11-23.
#include "service/workshop_service.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "common/csv.h"
#include "support/workshop_world.h"

namespace vinculo::testing {
namespace {

class WorkshopServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    fixture_ = AddWorkshopWorld(*world_);
    ASSERT_GT(fixture_.short_course, 0);
    workshops_ = std::make_unique<WorkshopService>(world_->context);
  }

  CohortRequest Mothers(const std::string& start = "2026-11-30") {
    CohortRequest request;
    request.course_id = fixture_.default_course;
    request.facility_id = world_->facility_a;
    request.group_kind = "women";
    request.facilitator_user_id = fixture_.facilitator;
    request.space_id = fixture_.chapel_a;
    request.start_date = start;
    return request;
  }

  CohortView MustCreate(const CohortRequest& request, const std::string& as = "social_worker_a") {
    auto cohort = workshops_->CreateCohort(world_->actor(as), request);
    EXPECT_TRUE(cohort.ok()) << cohort.status().ToString();
    return cohort.ok() ? *cohort : CohortView{};
  }

  EnrolmentProgress MustEnrol(long long cohort_id, long long parent_id) {
    auto enrolment = workshops_->Enrol(world_->actor("social_worker_a"), cohort_id, parent_id);
    EXPECT_TRUE(enrolment.ok()) << enrolment.status().ToString();
    return enrolment.ok() ? *enrolment : EnrolmentProgress{};
  }

  long long CohortCount() {
    auto cohorts = workshops_->Cohorts(world_->actor("admin"), std::nullopt);
    return cohorts.ok() ? static_cast<long long>(cohorts->size()) : -1;
  }

  std::vector<std::string> Dates(const CohortView& cohort) {
    std::vector<std::string> dates;
    for (const WorkshopSessionRow& session : cohort.sessions) dates.push_back(session.session_date);
    return dates;
  }

  const EnrolmentProgress* Find(const std::vector<EnrolmentProgress>& rows, long long parent_id) {
    for (const EnrolmentProgress& row : rows) {
      if (row.enrolment.parent_id == parent_id) return &row;
    }
    return nullptr;
  }

  std::unique_ptr<World> world_;
  WorkshopFixture fixture_;
  std::unique_ptr<WorkshopService> workshops_;
};

TEST_F(WorkshopServiceTest, TheDefaultCourseShipsInSpanishAndEnglish) {
  auto courses = workshops_->Courses(world_->actor("caregiver_a"));
  ASSERT_TRUE(courses.ok()) << courses.status().ToString();
  ASSERT_GE(courses->size(), 1u);
  const CourseRow& course = courses->front();
  EXPECT_EQ(course.code, "crianza-positiva");
  ASSERT_EQ(course.topics.size(), 8u);
  EXPECT_EQ(course.topics[1].topic_en, "Children's rights");
  EXPECT_EQ(course.topics[2].topic_es, "Comunicar sin órdenes: escuchar y hablar con mis hijos");
  EXPECT_EQ(course.topics[6].topic_en, "Preparing for release");
  EXPECT_EQ(workshops_->Courses(world_->actor("auditor")).status().code(), StatusCode::kForbidden);
}

TEST_F(WorkshopServiceTest, CoordinatorsEditTopicsAndStaleVersionsAreRefused) {
  std::vector<CourseTopicRow> topics = {{0, "Juego y vínculo", "Play and bonding"}};
  EXPECT_EQ(
      workshops_->ReplaceTopics(world_->actor("caregiver_a"), fixture_.short_course, 1, topics)
          .status()
          .code(),
      StatusCode::kForbidden);
  auto edited =
      workshops_->ReplaceTopics(world_->actor("coordinator_a"), fixture_.short_course, 1, topics);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->version, 2);
  ASSERT_EQ(edited->topics.size(), 1u);
  EXPECT_EQ(edited->topics[0].position, 1);
  EXPECT_EQ(
      workshops_->ReplaceTopics(world_->actor("coordinator_a"), fixture_.short_course, 1, topics)
          .status()
          .code(),
      StatusCode::kPreconditionFailed);
}

TEST_F(WorkshopServiceTest, SessionsEveryFifteenDaysCrossMonthEndsAndSkipClosures) {
  ASSERT_TRUE(
      workshops_
          ->AddClosure(world_->actor("admin"), world_->facility_a, "2027-01-14", "Requisa general")
          .ok());
  CohortView cohort = MustCreate(Mothers("2026-11-30"));
  EXPECT_EQ(Dates(cohort),
            (std::vector<std::string>{"2026-11-30", "2026-12-15", "2026-12-30", "2027-01-29",
                                      "2027-02-13", "2027-02-28", "2027-03-15", "2027-03-30"}));
  EXPECT_EQ(cohort.cohort.recurrence_days, 15);
  EXPECT_EQ(cohort.cohort.capacity, 3);
  // Weekly.
  CohortRequest weekly = Mothers("2026-12-02");
  weekly.recurrence_days = kWeeklyRecurrenceDays;
  weekly.space_id = fixture_.patio_a;
  weekly.course_id = fixture_.short_course;
  CohortView week = MustCreate(weekly);
  EXPECT_EQ(Dates(week),
            (std::vector<std::string>{"2026-12-02", "2026-12-09", "2026-12-16", "2026-12-23"}));
}

TEST_F(WorkshopServiceTest, MothersAndFathersAreSeparateUnlessTheFacilityAllowsMixedGroups) {
  CohortView mothers = MustCreate(Mothers());
  auto father =
      workshops_->Enrol(world_->actor("social_worker_a"), mothers.cohort.id, fixture_.fathers_a[0]);
  ASSERT_FALSE(father.ok());
  EXPECT_EQ(father.status().field(), "parent_id");
  EXPECT_EQ(MustEnrol(mothers.cohort.id, fixture_.mothers_a[0]).enrolment.status,
            EnrolmentStatus::kEnrolled);

  CohortRequest mixed = Mothers("2026-12-02");
  mixed.group_kind = "mixed";
  mixed.space_id = fixture_.patio_a;
  auto refused = workshops_->CreateCohort(world_->actor("social_worker_a"), mixed);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "group_kind");
  EXPECT_EQ(CohortCount(), 1);
  ASSERT_TRUE(
      workshops_->SetMixedGroupsAllowed(world_->actor("admin"), world_->facility_a, true).ok());
  CohortView both = MustCreate(mixed);
  EXPECT_EQ(MustEnrol(both.cohort.id, fixture_.fathers_a[0]).enrolment.status,
            EnrolmentStatus::kEnrolled);
  EXPECT_EQ(MustEnrol(both.cohort.id, fixture_.mothers_a[1]).enrolment.status,
            EnrolmentStatus::kEnrolled);
}

TEST_F(WorkshopServiceTest, AFullSpaceFillsTheWaitingListWhichMovesUpWhenSomeoneLeaves) {
  CohortView cohort = MustCreate(Mothers());
  for (int mother_idx = 0; mother_idx < 3; ++mother_idx) {
    EXPECT_EQ(MustEnrol(cohort.cohort.id, fixture_.mothers_a[mother_idx]).enrolment.status,
              EnrolmentStatus::kEnrolled);
  }
  EnrolmentProgress fourth = MustEnrol(cohort.cohort.id, fixture_.mothers_a[3]);
  EXPECT_EQ(fourth.enrolment.status, EnrolmentStatus::kWaiting);
  EXPECT_EQ(fourth.waiting_position, 1);
  auto again =
      workshops_->Enrol(world_->actor("social_worker_a"), cohort.cohort.id, fixture_.mothers_a[3]);
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);

  auto left = workshops_->Withdraw(world_->actor("social_worker_a"), cohort.cohort.id,
                                   fixture_.mothers_a[0]);
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_EQ(left->enrolment.status, EnrolmentStatus::kWithdrawn);
  auto rows = workshops_->Enrolments(world_->actor("social_worker_a"), cohort.cohort.id);
  ASSERT_TRUE(rows.ok());
  ASSERT_NE(Find(*rows, fixture_.mothers_a[3]), nullptr);
  EXPECT_EQ(Find(*rows, fixture_.mothers_a[3])->enrolment.status, EnrolmentStatus::kEnrolled);
  auto view = workshops_->GetCohort(world_->actor("social_worker_a"), cohort.cohort.id);
  EXPECT_EQ(view->enrolled, 3);
  EXPECT_EQ(view->waiting, 0);
}

TEST_F(WorkshopServiceTest, AFacilitatorCannotReachAnotherPrisonWithoutTravelTime) {
  CohortRequest here = Mothers("2026-12-01");
  here.course_id = fixture_.short_course;
  MustCreate(here);  // 09:00-11:00 in facility A
  // Facility C is about 120 km away: 121 minutes at 60 km/h.
  CohortRequest there = here;
  there.facility_id = fixture_.facility_c;
  there.space_id = fixture_.chapel_c;
  there.start_minute = 11 * 60 + 45;
  there.end_minute = 13 * 60 + 45;
  auto clash = workshops_->CreateCohort(world_->actor("social_worker_a"), there);
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.status().code(), StatusCode::kConflict);
  EXPECT_NE(clash.status().message().find("121 minutes to travel"), std::string::npos)
      << clash.status().message();
  EXPECT_EQ(CohortCount(), 1);
  // At a configurable 200 km/h the trip takes 37 minutes: 11:37, before 11:45.
  WorkshopOptions fast;
  fast.travel_speed_kmh = 200;
  WorkshopService by_car(world_->context, fast);
  auto fits = by_car.CreateCohort(world_->actor("social_worker_a"), there);
  EXPECT_TRUE(fits.ok()) << fits.status().ToString();
  EXPECT_EQ(CohortCount(), 2);
}

TEST_F(WorkshopServiceTest, ASpaceHostsOneThingAtATimeAndAMoveReportsClashesFirst) {
  CohortView mothers = MustCreate(Mothers("2026-12-01"));
  // Another facilitator's group in the same chapel at the same hour.
  NewUser second;
  second.username = "psicologa_a2";
  second.password = kPassword;
  second.role = Role::kSocialWorker;
  second.organisation_id = world_->organisation_a;
  auto psychologist = world_->auth->AddUser(Actor::System(), second);
  ASSERT_TRUE(psychologist.ok());
  CohortRequest fathers = Mothers("2026-12-01");
  fathers.group_kind = "men";
  fathers.facilitator_user_id = psychologist->id;
  auto clash = workshops_->CreateCohort(world_->actor("social_worker_a"), fathers);
  ASSERT_FALSE(clash.ok());
  EXPECT_NE(clash.status().message().find("space"), std::string::npos);
  fathers.start_date = "2026-12-02";
  CohortView men = MustCreate(fathers);

  // Dry run: moving the fathers' first session onto the mothers' day clashes
  // with the space; nothing is saved.
  const WorkshopSessionRow first = men.sessions.front();
  MoveRequest move;
  move.session_date = "2026-12-01";
  move.dry_run = true;
  auto preview = workshops_->MoveSession(world_->actor("social_worker_a"), first.id, move);
  ASSERT_TRUE(preview.ok()) << preview.status().ToString();
  ASSERT_EQ(preview->clashes.size(), 1u);
  EXPECT_EQ(preview->clashes[0].kind, "space");
  EXPECT_EQ(preview->clashes[0].other_id, mothers.sessions.front().id);
  EXPECT_FALSE(preview->saved);
  move.dry_run = false;
  EXPECT_EQ(
      workshops_->MoveSession(world_->actor("social_worker_a"), first.id, move).status().code(),
      StatusCode::kConflict);
  auto unchanged = workshops_->GetCohort(world_->actor("admin"), men.cohort.id);
  EXPECT_EQ(unchanged->sessions.front().session_date, "2026-12-02");
  // In the afternoon the chapel is free.
  move.start_minute = 14 * 60;
  auto moved = workshops_->MoveSession(world_->actor("social_worker_a"), first.id, move);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_TRUE(moved->saved);
  EXPECT_EQ(moved->session.session_date, "2026-12-01");
  EXPECT_EQ(moved->session.end_minute, 16 * 60);
}

TEST_F(WorkshopServiceTest, AttendanceIsForSessionsThatHappenedWithAReasonForAbsence) {
  CohortRequest request = Mothers("2026-11-01");
  request.course_id = fixture_.short_course;
  CohortView cohort = MustCreate(request);  // 11-01, 11-16 (past), 12-01, 12-16
  MustEnrol(cohort.cohort.id, fixture_.mothers_a[0]);
  MustEnrol(cohort.cohort.id, fixture_.mothers_a[1]);
  const long long past = cohort.sessions[0].id;
  const long long future = cohort.sessions[2].id;
  const Actor& facilitator = world_->actor("social_worker_a");

  auto too_early =
      workshops_->RecordAttendance(facilitator, future, {{fixture_.mothers_a[0], "present", ""}});
  ASSERT_FALSE(too_early.ok());
  EXPECT_EQ(too_early.status().field(), "session_date");
  auto no_reason = workshops_->RecordAttendance(
      facilitator, past,
      {{fixture_.mothers_a[0], "present", ""}, {fixture_.mothers_a[1], "absent", ""}});
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.status().field(), "absence_reason");
  auto stranger =
      workshops_->RecordAttendance(facilitator, past, {{fixture_.mothers_a[2], "present", ""}});
  EXPECT_EQ(stranger.status().field(), "parent_id");
  // Nothing was written by the refused calls.
  auto before = workshops_->Enrolments(facilitator, cohort.cohort.id);
  EXPECT_EQ(Find(*before, fixture_.mothers_a[0])->present, 0);

  auto marked = workshops_->RecordAttendance(
      facilitator, past,
      {{fixture_.mothers_a[0], "present", ""}, {fixture_.mothers_a[1], "absent", "court"}});
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_EQ(Find(*marked, fixture_.mothers_a[0])->present, 1);
  EXPECT_EQ(Find(*marked, fixture_.mothers_a[1])->absent, 1);
  // Prison staff see the schedule but do not mark attendance.
  EXPECT_EQ(workshops_
                ->RecordAttendance(world_->actor("visits_officer_a"), past,
                                   {{fixture_.mothers_a[0], "present", ""}})
                .status()
                .code(),
            StatusCode::kForbidden);
}

// Renders a PDF with poppler's pdftotext; the text, or "" if it fails.
std::string PdfText(const std::string& pdf) {
  const std::string stem = ::testing::TempDir() + "/certificate-" +
                           std::to_string(reinterpret_cast<std::uintptr_t>(&pdf));
  {
    std::ofstream file(stem + ".pdf", std::ios::binary);
    file << pdf;
  }
  const std::string command = "pdftotext -enc UTF-8 " + stem + ".pdf " + stem + ".txt";
  if (std::system(command.c_str()) != 0) return {};
  std::ifstream text_file(stem + ".txt");
  std::string text((std::istreambuf_iterator<char>(text_file)), std::istreambuf_iterator<char>());
  std::remove((stem + ".pdf").c_str());
  std::remove((stem + ".txt").c_str());
  return text;
}

TEST_F(WorkshopServiceTest, CompletionAtThreeQuartersEarnsACertificateInTheParentsLanguage) {
  CohortRequest request = Mothers("2026-10-01");
  request.course_id = fixture_.short_course;  // 10-01, 10-16, 10-31, 11-15: all held
  CohortView cohort = MustCreate(request);
  const long long finisher = fixture_.mothers_a[0];
  const long long english = fixture_.mothers_a[1];
  const long long short_of = fixture_.mothers_a[2];
  for (long long parent : {finisher, english, short_of}) MustEnrol(cohort.cohort.id, parent);
  const Actor& facilitator = world_->actor("social_worker_a");
  for (int session_idx = 0; session_idx < 4; ++session_idx) {
    std::vector<AttendanceEntry> entries = {
        {finisher, session_idx == 3 ? "absent" : "present", session_idx == 3 ? "health" : ""},
        {english, "present", ""},
        {short_of, session_idx < 2 ? "present" : "excused", ""}};
    ASSERT_TRUE(
        workshops_->RecordAttendance(facilitator, cohort.sessions[session_idx].id, entries).ok());
  }
  auto rows = workshops_->Enrolments(facilitator, cohort.cohort.id);
  EXPECT_TRUE(Find(*rows, finisher)->completed);   // 3 of 4 = 75 %
  EXPECT_FALSE(Find(*rows, short_of)->completed);  // 2 of 4

  auto pdf = workshops_->Certificate(facilitator, cohort.cohort.id, finisher);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  const std::string text = PdfText(*pdf);
  EXPECT_NE(text.find("Rosa Elvira Mamani Ccori"), std::string::npos) << text;
  EXPECT_NE(text.find("Taller corto de crianza"), std::string::npos) << text;
  EXPECT_NE(text.find("Certificado de finalización"), std::string::npos) << text;
  EXPECT_NE(text.find("Penal de Yanamilla (sintético)"), std::string::npos) << text;

  auto parent = world_->records->Get(world_->actor("admin"), ParentKind(), english);
  ASSERT_TRUE(world_->records
                  ->Update(world_->actor("admin"), ParentKind(), english, parent->version,
                           {{"language", std::string("en")}})
                  .ok());
  auto in_english = workshops_->Certificate(facilitator, cohort.cohort.id, english);
  ASSERT_TRUE(in_english.ok()) << in_english.status().ToString();
  const std::string english_text = PdfText(*in_english);
  EXPECT_NE(english_text.find("Certificate of completion"), std::string::npos) << english_text;
  EXPECT_NE(english_text.find("Short parenting workshop"), std::string::npos) << english_text;

  auto refused = workshops_->Certificate(facilitator, cohort.cohort.id, short_of);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "parent_id");
  EXPECT_NE(refused.status().message().find("2 of 4"), std::string::npos);
}

TEST_F(WorkshopServiceTest, ATransferMidCourseKeepsTheRecordMovesTheListAndOffersTheCourse) {
  CohortRequest request = Mothers("2026-11-01");
  request.course_id = fixture_.short_course;
  CohortView cohort = MustCreate(request);
  const long long mover = fixture_.mothers_a[0];
  for (long long parent : fixture_.mothers_a) MustEnrol(cohort.cohort.id, parent);  // 4th waits
  const Actor& facilitator = world_->actor("social_worker_a");
  ASSERT_TRUE(
      workshops_->RecordAttendance(facilitator, cohort.sessions[0].id, {{mover, "present", ""}})
          .ok());
  // The same course runs for women at facility C, on other days.
  CohortRequest at_c = request;
  at_c.facility_id = fixture_.facility_c;
  at_c.space_id = fixture_.chapel_c;
  at_c.start_date = "2026-11-25";
  CohortView there = MustCreate(at_c);

  auto parent = world_->records->Get(world_->actor("admin"), ParentKind(), mover);
  TransferRequest transfer;
  transfer.to_facility_id = fixture_.facility_c;
  transfer.transferred_on = "2026-11-20";
  transfer.reason = "acercamiento familiar";
  ASSERT_TRUE(
      world_->records->TransferParent(world_->actor("admin"), mover, parent->version, transfer)
          .ok());

  auto rows = workshops_->Enrolments(facilitator, cohort.cohort.id);
  const EnrolmentProgress* moved = Find(*rows, mover);
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->enrolment.status, EnrolmentStatus::kTransferred);
  EXPECT_EQ(moved->enrolment.ended_on.value_or(""), "2026-11-20");
  EXPECT_EQ(moved->present, 1);  // the record is kept
  EXPECT_EQ(Find(*rows, fixture_.mothers_a[3])->enrolment.status, EnrolmentStatus::kEnrolled);

  auto mine = workshops_->OfParent(facilitator, mover);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->offers.size(), 1u);
  EXPECT_EQ(mine->offers[0].cohort.id, there.cohort.id);
  EXPECT_EQ(MustEnrol(there.cohort.id, mover).enrolment.status, EnrolmentStatus::kEnrolled);

  // A release ends the place too, and the list moves up again.
  const long long released = fixture_.mothers_a[1];
  auto before = world_->records->Get(world_->actor("admin"), ParentKind(), released);
  ASSERT_TRUE(world_->records
                  ->Update(world_->actor("admin"), ParentKind(), released, before->version,
                           {{"custody_status", std::string("released")},
                            {"released_on", std::string("2026-11-22")}})
                  .ok());
  rows = workshops_->Enrolments(facilitator, cohort.cohort.id);
  EXPECT_EQ(Find(*rows, released)->enrolment.status, EnrolmentStatus::kReleased);
}

TEST_F(WorkshopServiceTest, BadInputIsRefusedAndChangesNothing) {
  const Actor& facilitator = world_->actor("social_worker_a");
  // A space smaller than one person (the record rules keep 0 out; an old row can hold it).
  ASSERT_TRUE(world_->database->store()
                  .Write([&](Txn& txn) {
                    return txn.Execute("UPDATE spaces SET capacity_people = 0 WHERE id = " +
                                       std::to_string(fixture_.chapel_a));
                  })
                  .ok());
  auto tiny = workshops_->CreateCohort(facilitator, Mothers());
  ASSERT_FALSE(tiny.ok());
  EXPECT_EQ(tiny.status().field(), "space_id");
  CohortRequest zero = Mothers();
  zero.space_id = fixture_.patio_a;
  zero.recurrence_days = 0;
  EXPECT_EQ(workshops_->CreateCohort(facilitator, zero).status().field(), "recurrence_days");
  EXPECT_EQ(CohortCount(), 0);

  zero.recurrence_days = 15;
  CohortView cohort = MustCreate(zero);
  auto elsewhere = workshops_->Enrol(facilitator, cohort.cohort.id, fixture_.mother_b);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.status().field(), "parent_id");
  EXPECT_EQ(workshops_->Enrolments(facilitator, cohort.cohort.id)->size(), 0u);
}

TEST_F(WorkshopServiceTest, OtherOrganisationsSeeNothingStaffSeeTheScheduleAuditorsFigures) {
  CohortRequest request = Mothers("2026-11-01");
  request.course_id = fixture_.short_course;
  CohortView cohort = MustCreate(request);
  MustEnrol(cohort.cohort.id, fixture_.mothers_a[0]);

  EXPECT_EQ(workshops_->GetCohort(world_->actor("coordinator_b"), cohort.cohort.id).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(workshops_->Cohorts(world_->actor("coordinator_b"), std::nullopt)->empty());
  EXPECT_TRUE(workshops_->Sessions(world_->actor("coordinator_b"), {})->empty());
  EXPECT_TRUE(workshops_->Figures(world_->actor("coordinator_b"), std::nullopt)->cohorts.empty());
  EXPECT_TRUE(workshops_->Sessions(world_->actor("nursery_officer_b"), {})->empty());

  auto schedule = workshops_->Sessions(world_->actor("visits_officer_a"), {});
  ASSERT_TRUE(schedule.ok());
  EXPECT_EQ(schedule->size(), 4u);
  EXPECT_EQ(schedule->front().topic_es, "Tema 1");
  EXPECT_EQ(
      workshops_->Enrolments(world_->actor("visits_officer_a"), cohort.cohort.id).status().code(),
      StatusCode::kForbidden);

  EXPECT_EQ(workshops_->Sessions(world_->actor("auditor"), {}).status().code(),
            StatusCode::kForbidden);
  auto figures = workshops_->Figures(world_->actor("auditor"), std::nullopt);
  ASSERT_TRUE(figures.ok());
  ASSERT_EQ(figures->cohorts.size(), 1u);
  EXPECT_FALSE(figures->cohorts[0].enrolled.has_value());  // 1: a small cell
  EXPECT_EQ(figures->cohorts[0].sessions_held, 2);
}

TEST_F(WorkshopServiceTest, FiguresPerCohortAndFacilityExportAsCsv) {
  CohortRequest request = Mothers("2026-11-01");
  request.course_id = fixture_.short_course;
  CohortView cohort = MustCreate(request);
  for (long long parent : fixture_.mothers_a) MustEnrol(cohort.cohort.id, parent);
  const Actor& facilitator = world_->actor("social_worker_a");
  ASSERT_TRUE(workshops_
                  ->RecordAttendance(facilitator, cohort.sessions[0].id,
                                     {
                                         {fixture_.mothers_a[0], "present", ""},
                                         {fixture_.mothers_a[1], "present", ""},
                                         {fixture_.mothers_a[2], "absent", "lockdown"},
                                     })
                  .ok());
  auto figures = workshops_->Figures(facilitator, world_->facility_a);
  ASSERT_TRUE(figures.ok());
  ASSERT_EQ(figures->cohorts.size(), 1u);
  const WorkshopFigureRow& row = figures->cohorts[0];
  EXPECT_EQ(row.enrolled, 3);
  EXPECT_EQ(row.waiting, 1);
  EXPECT_EQ(row.completions, 0);
  EXPECT_EQ(row.sessions_held, 2);
  ASSERT_TRUE(row.attendance_rate.has_value());
  EXPECT_NEAR(*row.attendance_rate, 2.0 / 3.0, 1e-9);
  ASSERT_EQ(figures->facilities.size(), 1u);
  EXPECT_EQ(figures->facilities[0].enrolled, 3);

  auto sheet = workshops_->FiguresSheet(facilitator, world_->facility_a);
  ASSERT_TRUE(sheet.ok());
  auto table = ParseCsv(SheetToCsv(*sheet, CsvDialect{}));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0][CsvColumn(*table, "enrolled")], "3");
  EXPECT_EQ(table->rows[0][CsvColumn(*table, "attendance_rate")], "0.667");
  EXPECT_EQ(table->rows[1][CsvColumn(*table, "level")], "facility");
}

// Issue 17: a status the code does not know (written by hand, or by a newer
// version) is an internal error naming the column, never a crash or a
// default.
TEST_F(WorkshopServiceTest, Issue17_AnUnknownStoredStatusIsAnInternalErrorNamingTheColumn) {
  const CohortView cohort = MustCreate(Mothers());
  ASSERT_TRUE(world_->context.store
                  ->Write([&](Txn& txn) {
                    return txn.Execute("UPDATE workshop_cohorts SET status = 'paused' WHERE id = " +
                                       std::to_string(cohort.cohort.id));
                  })
                  .ok());
  auto read = workshops_->Cohorts(world_->actor("social_worker_a"), std::nullopt);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kInternal);
  EXPECT_NE(read.status().message().find("workshop_cohorts.status"), std::string::npos)
      << read.status().ToString();
}

}  // namespace
}  // namespace vinculo::testing
