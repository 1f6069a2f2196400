// A child's visits over HTTP on both engines (GET /children/{id}/visits): the
// visits of the published December 2026 plan, newest first, with their
// session, facility and parent; a cancelled visit reads as cancelled; a
// recorded one carries its record (attended, times, items brought, note, the
// observation before and after); a caregiver sees only the visits on her own
// trips; another organisation's coordinator gets 404 and the auditor 403; a
// child with no visits gets an empty list. Also the pair's last_visit_on,
// which follows the latest visit recorded as attended when a record is
// corrected. The visit world's Saturday sessions at facility A (2 families
// each); the clock starts at 2026-11-23.
#include <gtest/gtest.h>

#include <set>

#include "api_fixture.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class ChildVisitsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
    org_ = "/api/v1/organisations/" + std::to_string(world_->organisation_a);
    HttpAnswer plan = Post(org_ + "/plans", "coordinator_a", {{"month", "2026-12"}});
    ASSERT_EQ(plan.status, 201) << plan.raw;
    plan_ = "/api/v1/plans/" + std::to_string(plan.body["id"].get<long long>());
    // Nothing of a draft is the child's yet.
    HttpAnswer draft = Get(ChildVisits(programme_.child_1), "coordinator_a");
    ASSERT_EQ(draft.status, 200) << draft.raw;
    EXPECT_TRUE(draft.body["items"].empty()) << draft.raw;
    published_ = Post(plan_ + "/publish", "coordinator_a", json::object());
    ASSERT_EQ(published_.status, 200) << published_.raw;
  }

  static std::string ChildVisits(long long child_id) {
    return "/api/v1/children/" + std::to_string(child_id) + "/visits";
  }
  static std::string VisitPath(long long visit_id, const std::string& action) {
    return "/api/v1/plan-visits/" + std::to_string(visit_id) + action;
  }

  std::set<long long> VisitIds(long long child_id, const std::string& user) {
    HttpAnswer answer = Get(ChildVisits(child_id), user);
    EXPECT_EQ(answer.status, 200) << answer.raw;
    std::set<long long> ids;
    for (const json& visit : answer.body["items"]) ids.insert(visit["id"].get<long long>());
    return ids;
  }

  json ChildVisit(long long child_id, long long visit_id) {
    HttpAnswer answer = Get(ChildVisits(child_id), "coordinator_a");
    EXPECT_EQ(answer.status, 200) << answer.raw;
    for (const json& visit : answer.body["items"]) {
      if (visit["id"] == visit_id) return visit;
    }
    ADD_FAILURE() << "no visit " << visit_id << " for child " << child_id;
    return json::object();
  }

  long long RequirementId(long long child_id, long long parent_id) {
    return Requirement(child_id, parent_id).value("id", 0LL);
  }
  json Requirement(long long child_id, long long parent_id) {
    HttpAnswer requirements = Get(org_ + "/visit-requirements", "coordinator_a");
    EXPECT_EQ(requirements.status, 200) << requirements.raw;
    for (const json& row : requirements.body["items"]) {
      if (row["child_id"] == child_id && row["parent_id"] == parent_id) return row;
    }
    ADD_FAILURE() << "no requirement for child " << child_id << " and parent " << parent_id;
    return json::object();
  }

  long long SessionId(const std::string& date) {
    HttpAnswer sessions = Get("/api/v1/facilities/" + std::to_string(world_->facility_a) +
                                  "/visit-sessions?month=" + date.substr(0, 7),
                              "coordinator_a");
    EXPECT_EQ(sessions.status, 200) << sessions.raw;
    for (const json& session : sessions.body["items"]) {
      if (session["date"] == date) return session["id"];
    }
    ADD_FAILURE() << "no session on " << date;
    return 0;
  }

  // Cancels what the planner chose, then books the child's visits by hand
  // with a known escort: child 1 with the mother on 2026-12-05 (escort 1) and
  // with the father on 2026-12-12 (escort 2).
  void BookKnownVisits() {
    for (const json& visit : published_.body["visits"]) {
      ASSERT_EQ(
          Post(VisitPath(visit["id"], "/cancel"), "coordinator_a", {{"reason", "prueba"}}).status,
          200);
    }
    HttpAnswer mother =
        Post(plan_ + "/visits", "coordinator_a",
             {{"requirement_id", RequirementId(programme_.child_1, programme_.mother)},
              {"session_id", SessionId("2026-12-05")},
              {"escort_id", programme_.escort_1}});
    ASSERT_EQ(mother.status, 201) << mother.raw;
    mother_visit_ = mother.body["id"];
    HttpAnswer father =
        Post(plan_ + "/visits", "coordinator_a",
             {{"requirement_id", RequirementId(programme_.child_1, programme_.father)},
              {"session_id", SessionId("2026-12-12")},
              {"escort_id", programme_.escort_2}});
    ASSERT_EQ(father.status, 201) << father.raw;
    father_visit_ = father.body["id"];
  }

  void StartOfVisitDay() {
    world_->clock->Set(StartOfDayUtc(Date{2026, 12, 5}) + std::chrono::hours(18));
    tokens_.clear();  // the sessions signed in on 2026-11-23 have expired
  }

  VisitProgramme programme_;
  std::string org_;
  std::string plan_;
  HttpAnswer published_;
  long long mother_visit_ = 0;
  long long father_visit_ = 0;
};

TEST_F(ChildVisitsApiTest, APublishedPlansVisitsAreTheChildsNewestFirst) {
  std::set<long long> expected;
  for (const json& visit : published_.body["visits"]) {
    if (visit["child_id"] == programme_.child_1) expected.insert(visit["id"].get<long long>());
  }
  ASSERT_FALSE(expected.empty()) << published_.raw;
  HttpAnswer answer = Get(ChildVisits(programme_.child_1), "coordinator_a");
  ASSERT_EQ(answer.status, 200) << answer.raw;
  const json& items = answer.body["items"];
  EXPECT_EQ(VisitIds(programme_.child_1, "coordinator_a"), expected);
  std::string previous = "9999-12-31";
  for (const json& visit : items) {
    EXPECT_EQ(visit["child_id"], programme_.child_1);
    EXPECT_LE(visit["date"].get<std::string>(), previous) << "newest first";
    previous = visit["date"];
    EXPECT_EQ(visit["date"].get<std::string>().substr(0, 7), "2026-12");
    EXPECT_EQ(visit["month"], "2026-12");
    EXPECT_EQ(visit["start_time"], "09:00");
    EXPECT_EQ(visit["end_time"], "11:00");
    EXPECT_EQ(visit["facility"]["id"], world_->facility_a);
    EXPECT_FALSE(visit["facility"]["name"].get<std::string>().empty());
    EXPECT_TRUE(visit["parent"]["id"] == programme_.mother ||
                visit["parent"]["id"] == programme_.father);
    EXPECT_FALSE(visit["parent"]["name"].get<std::string>().empty());
    EXPECT_EQ(visit["status"], "planned");
    EXPECT_TRUE(visit["record"].is_null());
  }
  // A social worker and an administrator of the organisation read it.
  EXPECT_EQ(VisitIds(programme_.child_1, "social_worker_a"), expected);
  EXPECT_EQ(VisitIds(programme_.child_1, "admin_a"), expected);
}

TEST_F(ChildVisitsApiTest, AnotherOrganisationGets404AndTheAuditor403) {
  EXPECT_EQ(Get(ChildVisits(programme_.child_1), "coordinator_b").status, 404);
  EXPECT_EQ(Get(ChildVisits(programme_.child_1), "auditor").status, 403);
  EXPECT_EQ(Get(ChildVisits(999999), "coordinator_a").status, 404);
}

TEST_F(ChildVisitsApiTest, AChildWithNoVisitsHasAnEmptyList) {
  const long long child = AddChildAtHome(*world_, "A", programme_.home, "Killa");
  ASSERT_GT(child, 0);
  HttpAnswer answer = Get(ChildVisits(child), "coordinator_a");
  ASSERT_EQ(answer.status, 200) << answer.raw;
  EXPECT_TRUE(answer.body["items"].is_array());
  EXPECT_TRUE(answer.body["items"].empty()) << answer.raw;
}

TEST_F(ChildVisitsApiTest, ACancelledVisitReadsAsCancelled) {
  BookKnownVisits();
  ASSERT_EQ(Post(VisitPath(father_visit_, "/cancel"), "coordinator_a",
                 {{"reason", "el penal suspendió las visitas"}})
                .status,
            200);
  const json cancelled = ChildVisit(programme_.child_1, father_visit_);
  EXPECT_EQ(cancelled["status"], "cancelled");
  EXPECT_EQ(cancelled["date"], "2026-12-12");
  EXPECT_EQ(cancelled["parent"]["id"], programme_.father);
  EXPECT_NE(cancelled["review_reason"].get<std::string>().find("el penal suspendió"),
            std::string::npos);
  EXPECT_TRUE(cancelled["record"].is_null());
  EXPECT_EQ(ChildVisit(programme_.child_1, mother_visit_)["status"], "planned");
}

TEST_F(ChildVisitsApiTest, ACaregiverSeesOnlyTheVisitsOnHerOwnTrips) {
  BookKnownVisits();
  const std::set<long long> own = VisitIds(programme_.child_1, "caregiver_a");
  EXPECT_TRUE(own.count(mother_visit_));
  EXPECT_FALSE(own.count(father_visit_));
  const std::set<long long> other = VisitIds(programme_.child_1, "caregiver_a2");
  EXPECT_TRUE(other.count(father_visit_));
  EXPECT_FALSE(other.count(mother_visit_));
  EXPECT_TRUE(VisitIds(programme_.child_1, "caregiver_a_unlinked").empty());
}

TEST_F(ChildVisitsApiTest, ARecordedVisitCarriesItsRecordAndObservation) {
  BookKnownVisits();
  StartOfVisitDay();
  HttpAnswer recorded = Post(VisitPath(mother_visit_, "/record"), "caregiver_a",
                             {{"attended", true},
                              {"actual_start", "09:10"},
                              {"actual_end", "10:50"},
                              {"brought", {"photos", "drawings"}},
                              {"note", "Le mostró sus dibujos a su mamá"},
                              {"mood_before", 2},
                              {"mood_after", 4}});
  ASSERT_EQ(recorded.status, 200) << recorded.raw;
  HttpAnswer answer = Get(ChildVisits(programme_.child_1), "coordinator_a");
  ASSERT_EQ(answer.status, 200) << answer.raw;
  // Newest first: the father's visit on the 12th, then the mother's on the 5th.
  ASSERT_GE(answer.body["items"].size(), 2u);
  const json visit = ChildVisit(programme_.child_1, mother_visit_);
  EXPECT_EQ(visit["status"], "recorded");
  EXPECT_EQ(visit["date"], "2026-12-05");
  EXPECT_EQ(visit["parent"]["id"], programme_.mother);
  const json& record = visit["record"];
  EXPECT_EQ(record["attended"], true);
  EXPECT_EQ(record["actual_start"], "09:10");
  EXPECT_EQ(record["actual_end"], "10:50");
  EXPECT_EQ(record["brought"], json({"photos", "drawings"}));
  EXPECT_EQ(record["note"], "Le mostró sus dibujos a su mamá");
  EXPECT_EQ(record["mood_before"], 2);
  EXPECT_EQ(record["mood_after"], 4);
  EXPECT_EQ(ChildVisit(programme_.child_1, father_visit_)["status"], "planned");

  // Corrected to not attended: the record says why.
  HttpAnswer corrected = Post(VisitPath(mother_visit_, "/record"), "coordinator_a",
                              {{"attended", false}, {"absence_reason", "el niño estaba enfermo"}});
  ASSERT_EQ(corrected.status, 200) << corrected.raw;
  const json after = ChildVisit(programme_.child_1, mother_visit_);
  EXPECT_EQ(after["status"], "recorded");
  EXPECT_EQ(after["record"]["attended"], false);
  EXPECT_EQ(after["record"]["absence_reason"], "el niño estaba enfermo");
  EXPECT_TRUE(after["record"]["mood_before"].is_null());
}

TEST_F(ChildVisitsApiTest, ReRecordingAsNotAttendedTakesBackThePairsLastVisitDate) {
  BookKnownVisits();
  StartOfVisitDay();
  EXPECT_TRUE(Requirement(programme_.child_1, programme_.mother)["last_visit_on"].is_null());
  ASSERT_EQ(Post(VisitPath(mother_visit_, "/record"), "caregiver_a", {{"attended", true}}).status,
            200);
  EXPECT_EQ(Requirement(programme_.child_1, programme_.mother)["last_visit_on"], "2026-12-05");
  // The other pair of the child is untouched.
  EXPECT_TRUE(Requirement(programme_.child_1, programme_.father)["last_visit_on"].is_null());

  // The child did not come after all: no attended visit of the pair is left.
  ASSERT_EQ(Post(VisitPath(mother_visit_, "/record"), "coordinator_a",
                 {{"attended", false}, {"absence_reason", "el penal cerró la visita"}})
                .status,
            200);
  const json pair = Requirement(programme_.child_1, programme_.mother);
  EXPECT_TRUE(pair["last_visit_on"].is_null()) << pair.dump();

  // Attended again: the date comes back.
  ASSERT_EQ(Post(VisitPath(mother_visit_, "/record"), "coordinator_a", {{"attended", true}}).status,
            200);
  EXPECT_EQ(Requirement(programme_.child_1, programme_.mother)["last_visit_on"], "2026-12-05");
}

}  // namespace
}  // namespace vinculo::testing
