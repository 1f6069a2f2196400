// The visit programme's API end to end on both engines: templates and bad
// input (problem+json naming the field, nothing stored), sessions, the plan of
// an empty month (201 with reasons), publishing, manual bookings into a full
// session, the visitor list of a facility, and scoping (another organisation
// or facility sees nothing). The clock is fixed at 2026-11-23.
#include <gtest/gtest.h>

#include <set>

#include "api_fixture.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class VisitsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
  }
  std::string Facility(long long id, const std::string& rest) {
    return "/api/v1/facilities/" + std::to_string(id) + rest;
  }
  std::string Organisation(long long id, const std::string& rest) {
    return "/api/v1/organisations/" + std::to_string(id) + rest;
  }
  VisitProgramme programme_;
};

TEST_F(VisitsApiTest, AVisitsOfficerCreatesATemplateAndBadInputIsRefusedNamingTheField) {
  const json good = {
      {"pattern", "every_n_days"}, {"interval", 15},      {"valid_from", "2026-12-02"},
      {"start_time", "14:00"},     {"end_time", "16:00"}, {"capacity_families", 4},
      {"capacity_people", 12},     {"wing", "women"},     {"exclusion_dates", {"2026-12-17"}}};
  HttpAnswer created =
      Post(Facility(world_->facility_a, "/session-templates"), "visits_officer_a", good);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["pattern"], "every_n_days");
  EXPECT_EQ(created.body["start_time"], "14:00");

  json backwards = good;
  backwards["end_time"] = "13:00";
  HttpAnswer refused =
      Post(Facility(world_->facility_a, "/session-templates"), "visits_officer_a", backwards);
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.content_type, "application/problem+json");
  EXPECT_EQ(refused.body["field"], "end_time");
  json empty = good;
  empty["capacity_families"] = 0;
  EXPECT_EQ(Post(Facility(world_->facility_a, "/session-templates"), "visits_officer_a", empty)
                .body["field"],
            "capacity_families");
  // A number beyond 32 bits is refused, not cut (2^32 + 15 would read as 15).
  json huge = good;
  huge["interval"] = 4294967311LL;
  EXPECT_EQ(Post(Facility(world_->facility_a, "/session-templates"), "visits_officer_a", huge)
                .body["field"],
            "interval");
  HttpAnswer listed = Get(Facility(world_->facility_a, "/session-templates"), "visits_officer_a");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body["items"].size(), 2u);  // the world's and the good one

  // 12-02, 12-17 excluded, then the Saturdays of the world's template.
  HttpAnswer sessions =
      Get(Facility(world_->facility_a, "/visit-sessions?month=2026-12"), "visits_officer_a");
  ASSERT_EQ(sessions.status, 200) << sessions.raw;
  std::vector<std::string> dates;
  for (const json& session : sessions.body["items"]) dates.push_back(session["date"]);
  EXPECT_EQ(dates, (std::vector<std::string>{"2026-12-02", "2026-12-05", "2026-12-12", "2026-12-19",
                                             "2026-12-26"}));
  // A coordinator reads sessions but does not manage them; an auditor does neither.
  EXPECT_EQ(Post(Facility(world_->facility_a, "/session-templates"), "coordinator_a", good).status,
            403);
  EXPECT_EQ(
      Get(Facility(world_->facility_a, "/visit-sessions?month=2026-12"), "coordinator_a").status,
      200);
  EXPECT_EQ(Get(Facility(world_->facility_a, "/visit-sessions?month=2026-12"), "auditor").status,
            403);
}

TEST_F(VisitsApiTest, APlanForAMonthWithoutSessionsIsAnEmptyPlanWithReasons) {
  HttpAnswer plan =
      Post(Organisation(world_->organisation_a, "/plans"), "coordinator_a", {{"month", "2026-11"}});
  ASSERT_EQ(plan.status, 201) << plan.raw;
  EXPECT_EQ(plan.body["status"], "draft");
  EXPECT_TRUE(plan.body["visits"].empty());
  ASSERT_EQ(plan.body["unscheduled"].size(), 3u);
  EXPECT_EQ(plan.body["unscheduled"][0]["reason"], "no_session_this_month");
  EXPECT_FALSE(plan.body["notes"].empty());
  EXPECT_TRUE(plan.body["baseline"].contains("visits"));

  HttpAnswer listed = Get(Organisation(world_->organisation_a, "/plans"), "coordinator_a");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body["items"].size(), 1u);
  const std::string path = "/api/v1/plans/" + std::to_string(plan.body["id"].get<long long>());
  EXPECT_EQ(Get(path, "coordinator_a").status, 200);
  EXPECT_EQ(
      Post(Organisation(world_->organisation_a, "/plans"), "coordinator_a", {{"month", "2026-1"}})
          .body["field"],
      "month");
}

TEST_F(VisitsApiTest, AnotherOrganisationSeesNothingOfThePlans) {
  HttpAnswer plan =
      Post(Organisation(world_->organisation_a, "/plans"), "coordinator_a", {{"month", "2026-12"}});
  ASSERT_EQ(plan.status, 201) << plan.raw;
  const std::string path = "/api/v1/plans/" + std::to_string(plan.body["id"].get<long long>());
  EXPECT_EQ(Get(path, "coordinator_b").status, 404);
  EXPECT_EQ(Get(Organisation(world_->organisation_a, "/plans"), "coordinator_b").status, 404);
  EXPECT_EQ(
      Post(Organisation(world_->organisation_a, "/plans"), "coordinator_b", {{"month", "2026-12"}})
          .status,
      404);
  EXPECT_EQ(Post(path + "/publish", "coordinator_b", json::object()).status, 404);
  EXPECT_EQ(
      Get(Organisation(world_->organisation_a, "/visit-requirements"), "coordinator_b").status,
      404);
  EXPECT_EQ(Post(path + "/publish", "caregiver_a", json::object()).status, 403);
  EXPECT_EQ(Get(path, "caregiver_a").status, 200);
  // Nothing changed: the plan is still a draft.
  EXPECT_EQ(Get(path, "coordinator_a").body["status"], "draft");
}

TEST_F(VisitsApiTest, PublishingThenBookingByHandIntoAFullSessionIsRefused) {
  // A second mother in facility A with her child at the home: with the first
  // mother and her two children (one family, issue 19) the session is full.
  const long long other_mother = world_->AddParent("A", "female").id;
  const long long killa = AddChildAtHome(*world_, "A", programme_.home, "Killa");
  world_->Link(other_mother, killa, "mother");
  HttpAnswer plan =
      Post(Organisation(world_->organisation_a, "/plans"), "coordinator_a", {{"month", "2026-12"}});
  ASSERT_EQ(plan.status, 201) << plan.raw;
  // Issue 19: who is visited and who waits per home and per facility, the
  // pairs short of their frequency and the trips saved against first-come.
  ASSERT_TRUE(plan.body["by_home"].is_array()) << plan.raw;
  ASSERT_EQ(plan.body["by_facility"].size(), 1u) << plan.raw;
  EXPECT_EQ(plan.body["by_facility"][0]["id"], world_->facility_a);
  EXPECT_EQ(plan.body["by_facility"][0]["pairs_visited"].get<long long>() +
                plan.body["by_facility"][0]["pairs_waiting"].get<long long>(),
            4);
  EXPECT_EQ(plan.body["by_facility"][0]["visited"].size(),
            plan.body["by_facility"][0]["pairs_visited"].get<size_t>());
  EXPECT_TRUE(plan.body["short_of_frequency"].is_array());
  EXPECT_EQ(plan.body["trips_saved"].get<long long>(),
            plan.body["baseline"]["trips"].get<long long>() -
                static_cast<long long>(plan.body["trips"].size()));
  const std::string path = "/api/v1/plans/" + std::to_string(plan.body["id"].get<long long>());
  HttpAnswer published = Post(path + "/publish", "coordinator_a", json::object());
  ASSERT_EQ(published.status, 200) << published.raw;
  EXPECT_EQ(published.body["status"], "published");
  EXPECT_EQ(Post(path + "/publish", "coordinator_a", json::object()).status, 409);
  // Clear what the planner booked, so that the session starts empty.
  for (const json& visit : published.body["visits"]) {
    ASSERT_EQ(
        Post("/api/v1/plan-visits/" + std::to_string(visit["id"].get<long long>()) + "/cancel",
             "coordinator_a", {{"reason", "prueba"}})
            .status,
        200);
  }
  HttpAnswer requirements =
      Get(Organisation(world_->organisation_a, "/visit-requirements"), "coordinator_a");
  ASSERT_EQ(requirements.status, 200);
  ASSERT_EQ(requirements.body["items"].size(), 4u);
  HttpAnswer sessions =
      Get(Facility(world_->facility_a, "/visit-sessions?month=2026-12"), "coordinator_a");
  const long long session_id = sessions.body["items"][0]["id"];
  // The mother's two children and the other mother's child (two families),
  // then the father's visit: a third family, refused.
  auto requirement_of = [&](long long child_id, long long parent_id) -> json {
    for (const json& row : requirements.body["items"]) {
      if (row["child_id"] == child_id && row["parent_id"] == parent_id) return row["id"];
    }
    return nullptr;
  };
  const json order[] = {requirement_of(programme_.child_1, programme_.mother),
                        requirement_of(programme_.child_2, programme_.mother),
                        requirement_of(killa, other_mother),
                        requirement_of(programme_.child_1, programme_.father)};
  const long long escorts[] = {programme_.escort_1, programme_.escort_1, programme_.escort_1,
                               programme_.escort_2};
  std::vector<int> statuses;
  for (size_t idx = 0; idx < 4; ++idx) {
    HttpAnswer booked = Post(
        path + "/visits", "coordinator_a",
        {{"requirement_id", order[idx]}, {"session_id", session_id}, {"escort_id", escorts[idx]}});
    statuses.push_back(booked.status);
    if (idx == 3) EXPECT_EQ(booked.body["field"], "session_id") << booked.raw;
  }
  EXPECT_EQ(statuses, (std::vector<int>{201, 201, 201, 409}));
  HttpAnswer after =
      Get(Facility(world_->facility_a, "/visit-sessions?month=2026-12"), "visits_officer_a");
  EXPECT_EQ(after.body["items"][0]["booked_families"], 2);

  // The visits officer sees who is coming; the other facility's staff do not.
  const std::string visitors = "/api/v1/visit-sessions/" + std::to_string(session_id) + "/visitors";
  HttpAnswer list = Get(visitors, "visits_officer_a");
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(list.body["items"].size(), 3u);
  EXPECT_FALSE(list.body["items"][0]["pseudonym"].get<std::string>().empty());
  EXPECT_EQ(Get(visitors, "nursery_officer_b").status, 403);
  // Issue 15: each visitor with her escort's name; a programme coordinator
  // sees her own organisation's families at the entrance, another
  // organisation's coordinator none of them.
  std::set<std::string> escort_names;
  for (const json& visitor : list.body["items"]) {
    escort_names.insert(visitor["escort_name"].get<std::string>());
  }
  EXPECT_EQ(escort_names.size(), 1u) << list.raw;
  EXPECT_FALSE(escort_names.begin()->empty()) << list.raw;
  HttpAnswer coordinator = Get(visitors, "coordinator_a");
  ASSERT_EQ(coordinator.status, 200) << coordinator.raw;
  EXPECT_EQ(coordinator.body["items"].size(), 3u);
  HttpAnswer other = Get(visitors, "coordinator_b");
  ASSERT_EQ(other.status, 200) << other.raw;
  EXPECT_TRUE(other.body["items"].empty()) << other.raw;
  EXPECT_EQ(Get(visitors, "social_worker_a").status, 403);
}

}  // namespace
}  // namespace vinculo::testing

namespace vinculo::testing {
namespace {

TEST_F(VisitsApiTest, DistancesFlagFarPairsAndGiveTheMonthsTravelCost) {
  // A child of A living in a home in Lima (about 330 km from facility A).
  HttpAnswer home = Post("/api/v1/homes", "coordinator_a",
                         {{"name", "Casa Lima"}, {"latitude", -12.05}, {"longitude", -77.04}});
  ASSERT_EQ(home.status, 201) << home.raw;
  const long long far_child =
      AddChildAtHome(*world_, "A", home.body["id"].get<long long>(), "Qori");
  world_->Link(programme_.mother, far_child, "mother");
  HttpAnswer report =
      Get(Organisation(world_->organisation_a, "/visit-distances?month=2026-12"), "coordinator_a");
  ASSERT_EQ(report.status, 200) << report.raw;
  ASSERT_EQ(report.body["pairs"].size(), 4u);
  EXPECT_EQ(report.body["far_pairs"], 1);
  for (const json& pair : report.body["pairs"]) {
    if (pair["child_id"] == far_child) {
      EXPECT_TRUE(pair["far"].get<bool>());
      EXPECT_NEAR(pair["km"].get<double>(), 330, 15);
    } else {
      EXPECT_FALSE(pair["far"].get<bool>());
      EXPECT_LT(pair["km"].get<double>(), 5);
    }
  }
  EXPECT_EQ(report.body["cost_basis"], "none");
  EXPECT_EQ(
      Get(Organisation(world_->organisation_a, "/visit-distances?month=2026-12"), "coordinator_b")
          .status,
      404);
  EXPECT_EQ(Get(Organisation(world_->organisation_a, "/visit-distances"), "coordinator_a").status,
            422);
}

}  // namespace
}  // namespace vinculo::testing

#include <libical/ical.h>

namespace vinculo::testing {
namespace {

// Parses a feed with libical and returns its VEVENTs' UIDs; fails on an
// unparseable calendar.
std::vector<std::string> ParsedUids(const std::string& feed, std::string* first_tzid) {
  std::vector<std::string> uids;
  icalcomponent* calendar = icalparser_parse_string(feed.c_str());
  EXPECT_NE(calendar, nullptr);
  if (!calendar) return uids;
  EXPECT_EQ(icalcomponent_isa(calendar), ICAL_VCALENDAR_COMPONENT);
  for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
       event; event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    uids.push_back(icalcomponent_get_uid(event));
    EXPECT_FALSE(icaltime_is_null_time(icalcomponent_get_dtstamp(event)));
    icalproperty* start = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
    EXPECT_NE(start, nullptr);
    if (start && first_tzid && first_tzid->empty()) {
      icalparameter* tzid = icalproperty_get_first_parameter(start, ICAL_TZID_PARAMETER);
      if (tzid) *first_tzid = icalparameter_get_tzid(tzid);
    }
  }
  icalcomponent_free(calendar);
  return uids;
}

void ExpectRfc5545Lines(const std::string& feed) {
  ASSERT_GE(feed.size(), 2u);
  EXPECT_EQ(feed.substr(feed.size() - 2), "\r\n");
  size_t start = 0;
  while (start < feed.size()) {
    const size_t end = feed.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u) << feed.substr(start, end - start);
    EXPECT_EQ(feed.substr(start, end - start).find('\n'), std::string::npos);
    start = end + 2;
  }
}

TEST_F(VisitsApiTest, EscortAndFacilityCalendarsAreValidICalendar) {
  HttpAnswer plan =
      Post(Organisation(world_->organisation_a, "/plans"), "coordinator_a", {{"month", "2026-12"}});
  ASSERT_EQ(plan.status, 201) << plan.raw;
  const std::string path = "/api/v1/plans/" + std::to_string(plan.body["id"].get<long long>());
  HttpAnswer published = Post(path + "/publish", "coordinator_a", json::object());
  ASSERT_EQ(published.status, 200) << published.raw;
  for (const json& visit : published.body["visits"]) {
    Post("/api/v1/plan-visits/" + std::to_string(visit["id"].get<long long>()) + "/cancel",
         "coordinator_a", {{"reason", "prueba"}});
  }
  HttpAnswer requirements =
      Get(Organisation(world_->organisation_a, "/visit-requirements"), "coordinator_a");
  HttpAnswer sessions =
      Get(Facility(world_->facility_a, "/visit-sessions?month=2026-12"), "coordinator_a");
  for (int idx = 0; idx < 2; ++idx) {
    HttpAnswer booked = Post(path + "/visits", "coordinator_a",
                             {{"requirement_id", requirements.body["items"][idx]["id"]},
                              {"session_id", sessions.body["items"][idx]["id"]},
                              {"escort_id", programme_.escort_1}});
    ASSERT_EQ(booked.status, 201) << booked.raw;
  }

  HttpAnswer escort =
      Call("GET", "/api/v1/escorts/" + std::to_string(programme_.escort_1) + "/calendar",
           TokenFor("caregiver_a"));
  ASSERT_EQ(escort.status, 200) << escort.raw;
  EXPECT_EQ(escort.content_type.rfind("text/calendar", 0), 0u) << escort.content_type;
  ExpectRfc5545Lines(escort.raw);
  std::string tzid;
  const std::vector<std::string> uids = ParsedUids(escort.raw, &tzid);
  EXPECT_EQ(uids.size(), 2u);
  EXPECT_EQ(tzid, "America/Lima");
  EXPECT_NE(escort.raw.find("DTSTART;TZID=America/Lima:20261205T"), std::string::npos);

  HttpAnswer facility =
      Call("GET", Facility(world_->facility_a, "/visit-calendar"), TokenFor("visits_officer_a"));
  ASSERT_EQ(facility.status, 200) << facility.raw;
  ExpectRfc5545Lines(facility.raw);
  EXPECT_GE(ParsedUids(facility.raw, nullptr).size(), 4u);  // the Saturdays of December

  EXPECT_EQ(Call("GET", "/api/v1/escorts/" + std::to_string(programme_.escort_1) + "/calendar",
                 TokenFor("coordinator_b"))
                .status,
            404);
  EXPECT_EQ(Call("GET", Facility(world_->facility_a, "/visit-calendar"), TokenFor("coordinator_a"))
                .status,
            403);
}

}  // namespace
}  // namespace vinculo::testing
