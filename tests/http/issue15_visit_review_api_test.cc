// Issue 15, on both engines: a parent's transfer and a parent's release mark
// her visits still to come for review wherever those visits are shown: the
// plan, the child's visits, the facility's entrance list, the escort's
// calendar and the facility's calendar (STATUS:TENTATIVE, "Revisar" and the
// reason, read back by Debian's python3-icalendar, not our writer). A visit
// already recorded keeps its record and is not flagged. The visit world's
// December 2026 plan at facility A, published; the clock is 2026-11-23.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "api_fixture.h"
#include "domain/visit_rules.h"
#include "python_reader.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

// Every event of a feed as python3-icalendar reads it, one line each:
// "<STATUS or -> | <SUMMARY> | <DESCRIPTION>"; or the parser's complaint.
std::vector<std::string> EventsRead(const std::string& feed) {
  const std::string out = RunPythonOn(
      "import sys, icalendar\n"
      "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
      "for ev in cal.walk('VEVENT'):\n"
      "  d = str(ev.get('DESCRIPTION', '')).replace('\\n', ' / ')\n"
      "  print(str(ev.get('STATUS', '-')) + ' | ' + str(ev.get('SUMMARY')) + ' | ' + d)\n",
      feed);
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    lines.push_back(out.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

class VisitReviewApiTest : public ApiTest {
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
    HttpAnswer published = Post(plan_ + "/publish", "coordinator_a", json::object());
    ASSERT_EQ(published.status, 200) << published.raw;
    for (const json& visit : published.body["visits"]) {
      if (visit["status"] != "planned") continue;
      ASSERT_FALSE(visit["needs_review"].get<bool>()) << visit;
      (visit["parent_id"] == programme_.mother ? mother_visits_ : father_visits_)
          .insert(visit["id"].get<long long>());
      sessions_.insert(visit["session_id"].get<long long>());
    }
    ASSERT_FALSE(mother_visits_.empty()) << published.raw;
    ASSERT_FALSE(father_visits_.empty()) << published.raw;
    trips_ = published.body["trips"];
  }

  std::string Etag(const std::string& path) {
    HttpAnswer answer = Get(path, "social_worker_a");
    EXPECT_EQ(answer.status, 200) << answer.raw;
    return answer.etag;
  }
  void TransferMother() {
    const std::string path = "/api/v1/parents/" + std::to_string(programme_.mother);
    HttpAnswer moved = Call("POST", path + "/transfers", TokenFor("social_worker_a"),
                            json{{"to_facility_id", world_->facility_b},
                                 {"transferred_on", "2026-11-23"},
                                 {"reason", "traslado"}}
                                .dump(),
                            {{"If-Match", Etag(path)}});
    ASSERT_EQ(moved.status, 200) << moved.raw;
  }
  void ReleaseFather() {
    const std::string path = "/api/v1/parents/" + std::to_string(programme_.father);
    HttpAnswer released =
        Patch(path, "social_worker_a",
              {{"custody_status", "released"}, {"released_on", "2026-11-23"}}, Etag(path));
    ASSERT_EQ(released.status, 200) << released.raw;
  }
  // visit id -> review reason ("" when not flagged), as the child's visits say.
  std::map<long long, std::string> ChildReviews(long long child_id) {
    HttpAnswer answer =
        Get("/api/v1/children/" + std::to_string(child_id) + "/visits", "coordinator_a");
    EXPECT_EQ(answer.status, 200) << answer.raw;
    std::map<long long, std::string> reviews;
    for (const json& visit : answer.body["items"]) {
      if (visit["status"] != "planned") continue;
      EXPECT_EQ(visit["needs_review"].get<bool>(), !visit["review_reason"].is_null()) << visit;
      reviews[visit["id"]] = visit["review_reason"].is_null() ? "" : visit["review_reason"];
    }
    return reviews;
  }
  std::string ExpectedReason(long long visit_id) const {
    if (mother_visits_.count(visit_id)) return kReviewParentTransferred;
    if (father_visits_.count(visit_id)) return kReviewParentReleased;
    return "";
  }

  VisitProgramme programme_;
  std::string org_;
  std::string plan_;
  std::set<long long> mother_visits_;
  std::set<long long> father_visits_;
  std::set<long long> sessions_;
  json trips_;
};

TEST_F(VisitReviewApiTest, Issue15_ATransferAndAReleaseFlagTheChildsVisitsAndTheEntranceList) {
  for (long long child : {programme_.child_1, programme_.child_2}) {
    for (const auto& [id, reason] : ChildReviews(child)) EXPECT_EQ(reason, "") << id;
  }
  TransferMother();
  ReleaseFather();

  // The child's visits (stored, not only computed for the plan view).
  long long flagged = 0;
  for (long long child : {programme_.child_1, programme_.child_2}) {
    for (const auto& [id, reason] : ChildReviews(child)) {
      EXPECT_EQ(reason, ExpectedReason(id)) << "visit " << id;
      flagged += !reason.empty();
    }
  }
  EXPECT_EQ(flagged, static_cast<long long>(mother_visits_.size() + father_visits_.size()));

  // The plan says the same.
  HttpAnswer plan = Get(plan_, "coordinator_a");
  ASSERT_EQ(plan.status, 200) << plan.raw;
  for (const json& visit : plan.body["visits"]) {
    if (visit["status"] != "planned") continue;
    EXPECT_TRUE(visit["needs_review"].get<bool>()) << visit;
    EXPECT_EQ(visit["review_reason"], ExpectedReason(visit["id"])) << visit;
  }

  // The facility's list at the entrance.
  long long listed = 0;
  for (long long session : sessions_) {
    HttpAnswer visitors =
        Get("/api/v1/visit-sessions/" + std::to_string(session) + "/visitors", "visits_officer_a");
    ASSERT_EQ(visitors.status, 200) << visitors.raw;
    for (const json& visitor : visitors.body["items"]) {
      EXPECT_TRUE(visitor["needs_review"].get<bool>()) << visitor;
      EXPECT_EQ(visitor["review_reason"], ExpectedReason(visitor["visit_id"])) << visitor;
      ++listed;
    }
  }
  EXPECT_EQ(listed, flagged);
}

TEST_F(VisitReviewApiTest, Issue15_TheFeedsMarkTheFlaggedVisitsTentative) {
  auto tentative = [](const std::vector<std::string>& events) {
    long long count = 0;
    for (const std::string& event : events) count += event.rfind("TENTATIVE |", 0) == 0;
    return count;
  };
  std::set<long long> escorts;
  for (const json& trip : trips_) {
    if (trip["status"] == "planned") escorts.insert(trip["escort_id"].get<long long>());
  }
  ASSERT_FALSE(escorts.empty());
  const std::string facility_feed =
      "/api/v1/facilities/" + std::to_string(world_->facility_a) + "/visit-calendar";
  long long escort_events = 0;
  for (long long escort : escorts) {
    HttpAnswer feed =
        Get("/api/v1/escorts/" + std::to_string(escort) + "/calendar", "coordinator_a");
    ASSERT_EQ(feed.status, 200) << feed.raw;
    const std::vector<std::string> events = EventsRead(feed.raw);
    ASSERT_FALSE(events.empty());
    EXPECT_NE(events.front().rfind("python3 failed", 0), 0u) << feed.raw;
    EXPECT_EQ(tentative(events), 0) << feed.raw;
    escort_events += static_cast<long long>(events.size());
  }
  HttpAnswer before = Get(facility_feed, "visits_officer_a");
  ASSERT_EQ(before.status, 200) << before.raw;
  EXPECT_EQ(tentative(EventsRead(before.raw)), 0) << before.raw;

  ReleaseFather();
  TransferMother();

  long long tentative_trips = 0;
  for (long long escort : escorts) {
    HttpAnswer feed =
        Get("/api/v1/escorts/" + std::to_string(escort) + "/calendar", "coordinator_a");
    ASSERT_EQ(feed.status, 200) << feed.raw;
    for (const std::string& event : EventsRead(feed.raw)) {
      if (event.rfind("TENTATIVE |", 0) != 0) continue;
      ++tentative_trips;
      EXPECT_NE(event.find("| Revisar: Visita a "), std::string::npos) << event;
      EXPECT_TRUE(event.find(kReviewParentReleased) != std::string::npos ||
                  event.find(kReviewParentTransferred) != std::string::npos)
          << event;
    }
  }
  // Every trip carries a visit of the mother or the father.
  EXPECT_EQ(tentative_trips, escort_events);

  HttpAnswer after = Get(facility_feed, "visits_officer_a");
  ASSERT_EQ(after.status, 200) << after.raw;
  const std::vector<std::string> sessions = EventsRead(after.raw);
  EXPECT_EQ(tentative(sessions), static_cast<long long>(sessions_.size())) << after.raw;
  for (const std::string& event : sessions) {
    if (event.rfind("TENTATIVE |", 0) != 0) continue;
    EXPECT_NE(event.find("| Revisar: Visitas: "), std::string::npos) << event;
    EXPECT_NE(event.find("por revisar)"), std::string::npos) << event;
  }
}

// A visit already recorded keeps its record: a later release does not flag it.
TEST_F(VisitReviewApiTest, Issue15_ARecordedVisitIsNotFlagged) {
  const long long recorded = *father_visits_.begin();
  // Recorded as attended on its day.
  std::string date;
  HttpAnswer list =
      Get("/api/v1/children/" + std::to_string(programme_.child_1) + "/visits", "coordinator_a");
  for (const json& visit : list.body["items"]) {
    if (visit["id"] == recorded) date = visit["date"];
  }
  ASSERT_FALSE(date.empty());
  auto day = ParseDate(date);
  ASSERT_TRUE(day.ok());
  world_->clock->Set(StartOfDayUtc(*day) + std::chrono::hours(18));
  tokens_.clear();
  HttpAnswer record = Post("/api/v1/plan-visits/" + std::to_string(recorded) + "/record",
                           "coordinator_a", {{"attended", true}});
  ASSERT_EQ(record.status, 200) << record.raw;
  ReleaseFather();
  HttpAnswer after =
      Get("/api/v1/children/" + std::to_string(programme_.child_1) + "/visits", "coordinator_a");
  for (const json& visit : after.body["items"]) {
    if (visit["id"] == recorded) {
      EXPECT_FALSE(visit["needs_review"].get<bool>()) << visit;
      EXPECT_EQ(visit["status"], "recorded");
    }
  }
}

}  // namespace
}  // namespace vinculo::testing
