// Issue 16, on both engines: GET /api/v1/me/today, a home per role. Each role
// gets her items and only what her scope shows: the nursery officer of
// facility A her overdue returns, age-outs without a plan and supplies short,
// the officer of facility B none of A's children; a caregiver her own trips of
// today with the session times and children; the coordinator the pairs her
// plan leaves out, the plan to publish and the released families due a
// contact, the coordinator of another organisation none of them; the visits
// officer today's sessions of her facility; the auditor the figures. Counts
// are checked against what the test itself set up. The clock starts at
// 2026-11-23T12:00:00Z.
#include <gtest/gtest.h>

#include <functional>
#include <numeric>
#include <set>

#include "api_fixture.h"
#include "support/nursery_world.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

constexpr const char* kToday = "/api/v1/me/today";

class TodayApiTest : public ApiTest {
 protected:
  // The item of `kind` on `user`'s home, or null when there is none.
  json Item(const std::string& user, const std::string& kind) {
    HttpAnswer today = Get(kToday, user);
    EXPECT_EQ(today.status, 200) << today.raw;
    for (const json& item : today.body["items"]) {
      if (item["kind"] == kind) return item;
    }
    return nullptr;
  }
  std::set<std::string> Kinds(const std::string& user) {
    HttpAnswer today = Get(kToday, user);
    EXPECT_EQ(today.status, 200) << today.raw;
    std::set<std::string> kinds;
    for (const json& item : today.body["items"]) kinds.insert(item["kind"].get<std::string>());
    return kinds;
  }
  // Every value of `key` anywhere in `user`'s home (entries and their parts).
  std::set<long long> IdsOnHome(const std::string& user, const std::string& key) {
    HttpAnswer today = Get(kToday, user);
    EXPECT_EQ(today.status, 200) << today.raw;
    std::set<long long> ids;
    std::function<void(const json&)> walk = [&](const json& entry) {
      if (entry.contains(key)) ids.insert(entry[key].get<long long>());
      for (const json& part : entry.value("parts", json::array())) walk(part);
    };
    for (const json& item : today.body["items"]) {
      for (const json& entry : item["entries"]) walk(entry);
    }
    return ids;
  }
  static std::set<long long> Ids(const json& entries, const char* key) {
    std::set<long long> ids;
    if (entries.is_null()) return ids;
    for (const json& entry : entries) ids.insert(entry[key].get<long long>());
    return ids;
  }
  void SetClock(const std::string& day, int hour) {
    world_->clock->Set(StartOfDayUtc(*ParseDate(day)) + std::chrono::hours(hour));
    tokens_.clear();  // sessions expire across days
  }
};

TEST_F(TodayApiTest, Issue16_TheNurseryOfficerSeesOverdueReturnsAgeOutsWithoutAPlanAndLowStock) {
  ASSERT_NE(world_, nullptr);
  const NurseryChildren children = AddNursery(*world_);
  ASSERT_GT(children.calm_b, 0);
  // Out since 20 November, due back yesterday: overdue. The critical child
  // is out too, due back next week: not overdue.
  const auto leave = [&](long long child, const std::string& left, const std::string& due) {
    const std::string path = "/api/v1/children/" + std::to_string(child);
    HttpAnswer adult = Post(path + "/authorised-adults", "nursery_officer_a",
                            {{"full_name", "Carmen Sintética"},
                             {"relationship", "abuela"},
                             {"document_id", "DNI 00000001"}});
    ASSERT_EQ(adult.status, 201) << adult.raw;
    HttpAnswer out = Post(path + "/leaves", "nursery_officer_a",
                          {{"adult_id", adult.body["id"]},
                           {"reason", "weekend_with_relatives"},
                           {"left_at", left},
                           {"due_back_at", due}});
    ASSERT_EQ(out.status, 201) << out.raw;
  };
  leave(children.overdue_a, "2026-11-20T09:00:00Z", "2026-11-22T18:00:00Z");
  leave(children.critical_a, "2026-11-23T08:00:00Z", "2026-11-30T18:00:00Z");

  json overdue = Item("nursery_officer_a", "overdue_leave_returns");
  ASSERT_FALSE(overdue.is_null());
  EXPECT_EQ(overdue["count"], 1);
  EXPECT_EQ(Ids(overdue["entries"], "child_id"), (std::set<long long>{children.overdue_a}));
  EXPECT_EQ(overdue["entries"][0]["route"],
            "/children/" + std::to_string(children.overdue_a) + "/leave");
  EXPECT_EQ(overdue["entries"][0]["due_back_at"], "2026-11-22T18:00:00Z");

  // Within 90 days of the age-out without an approved plan: the child past
  // her age-out (2026-11-01) and the one leaving in 8 days; not the one 129
  // days away.
  json ageouts = Item("nursery_officer_a", "age_outs_without_plan");
  ASSERT_FALSE(ageouts.is_null());
  EXPECT_EQ(ageouts["count"], 2);
  EXPECT_EQ(Ids(ageouts["entries"], "child_id"),
            (std::set<long long>{children.overdue_a, children.critical_a}));
  for (const json& entry : ageouts["entries"]) {
    EXPECT_EQ(entry["route"],
              "/children/" + std::to_string(entry["child_id"].get<long long>()) + "/plan");
  }

  // Nothing in stock: every item the children inside need today is short.
  // The independent count: the needs list's items with a need, less one
  // after a donation covers it.
  const std::string needs_path = "/api/v1/facilities/" + std::to_string(world_->facility_a);
  HttpAnswer needs = Get(needs_path + "/needs", "nursery_officer_a");
  ASSERT_EQ(needs.status, 200) << needs.raw;
  std::set<long long> needed;
  long long covered_item = 0, covered_quantity = 0;
  for (const json& need : needs.body["now"]["items"]) {
    if (need["needed"].get<long long>() > 0) {
      needed.insert(need["item_id"].get<long long>());
      covered_item = need["item_id"];
      covered_quantity = need["needed"];
    }
  }
  ASSERT_FALSE(needed.empty());
  json low = Item("nursery_officer_a", "low_stock");
  ASSERT_FALSE(low.is_null());
  EXPECT_EQ(low["count"].get<std::size_t>(), needed.size());
  EXPECT_EQ(Ids(low["entries"], "item_id"), needed);
  HttpAnswer donation = Post(needs_path + "/donations", "nursery_officer_a",
                             {{"item_id", covered_item},
                              {"quantity", covered_quantity},
                              {"donor_type", "family"},
                              {"donated_on", "2026-11-23"}});
  ASSERT_EQ(donation.status, 201) << donation.raw;
  low = Item("nursery_officer_a", "low_stock");
  needed.erase(covered_item);
  EXPECT_EQ(Ids(low.is_null() ? json::array() : low["entries"], "item_id"), needed);

  // The officer of facility B: none of facility A's children, no leave of A.
  const std::set<long long> of_b = IdsOnHome("nursery_officer_b", "child_id");
  for (long long child : {children.overdue_a, children.critical_a, children.notice_a}) {
    EXPECT_EQ(of_b.count(child), 0u) << child;
  }
  EXPECT_TRUE(Item("nursery_officer_b", "overdue_leave_returns").is_null());
  EXPECT_EQ(IdsOnHome("nursery_officer_b", "facility_id").count(world_->facility_a), 0u);
  // Another organisation's coordinator sees nothing of these children.
  EXPECT_TRUE(IdsOnHome("coordinator_b", "child_id").empty());
}

TEST_F(TodayApiTest, Issue16_CoordinatorCaregiverAndVisitsOfficerEachSeeTheirDayOfTheVisits) {
  ASSERT_NE(world_, nullptr);
  const VisitProgramme programme = AddVisitProgramme(*world_);
  ASSERT_GT(programme.template_id, 0);
  const std::string org = "/api/v1/organisations/" + std::to_string(world_->organisation_a);
  HttpAnswer plan = Post(org + "/plans", "coordinator_a", {{"month", "2026-12"}});
  ASSERT_EQ(plan.status, 201) << plan.raw;
  const long long plan_id = plan.body["id"];

  // A draft for next month: to publish, with its left-out pairs by reason.
  json to_publish = Item("coordinator_a", "plan_to_publish");
  ASSERT_FALSE(to_publish.is_null());
  EXPECT_EQ(Ids(to_publish["entries"], "plan_id"), (std::set<long long>{plan_id}));
  EXPECT_EQ(to_publish["entries"][0]["route"], "/plan?month=2026-12");
  std::map<std::string, long long> reasons;
  for (const json& row : plan.body["unscheduled"]) ++reasons[row["reason"].get<std::string>()];
  json unscheduled = Item("coordinator_a", "unscheduled_pairs");
  if (plan.body["unscheduled"].empty()) {
    EXPECT_TRUE(unscheduled.is_null());
  } else {
    ASSERT_FALSE(unscheduled.is_null());
    EXPECT_EQ(unscheduled["count"].get<std::size_t>(), plan.body["unscheduled"].size());
    std::map<std::string, long long> shown;
    for (const json& entry : unscheduled["entries"]) shown[entry["reason"]] = entry["count"];
    EXPECT_EQ(shown, reasons);
  }
  // Nobody of organisation B sees A's plan.
  EXPECT_TRUE(IdsOnHome("coordinator_b", "plan_id").empty());
  EXPECT_TRUE(Item("coordinator_b", "plan_to_publish").is_null());

  HttpAnswer published = Post("/api/v1/plans/" + std::to_string(plan_id) + "/publish",
                              "coordinator_a", json::object());
  ASSERT_EQ(published.status, 200) << published.raw;
  EXPECT_TRUE(Item("coordinator_a", "plan_to_publish").is_null());
  ASSERT_FALSE(published.body["trips"].empty()) << published.raw;

  // The day of the first trip, early in the morning.
  const json first_trip = published.body["trips"][0];
  const std::string day = first_trip["date"];
  SetClock(day, 6);
  std::map<long long, std::set<long long>> trips_of_escort;  // escort -> trip ids that day
  std::map<long long, std::set<long long>> children_of_trip;
  for (const json& trip : published.body["trips"]) {
    if (trip["date"] == day) trips_of_escort[trip["escort_id"]].insert(trip["id"].get<long long>());
  }
  for (const json& visit : published.body["visits"]) {
    children_of_trip[visit["trip_id"]].insert(visit["child_id"].get<long long>());
  }
  const std::pair<const char*, long long> caregivers[] = {{"caregiver_a", programme.escort_1},
                                                          {"caregiver_a2", programme.escort_2}};
  for (const auto& [user, escort] : caregivers) {
    json trips = Item(user, "todays_trips");
    const std::set<long long> expected = trips_of_escort[escort];
    if (expected.empty()) {
      EXPECT_TRUE(trips.is_null()) << user;
      continue;
    }
    ASSERT_FALSE(trips.is_null()) << user;
    EXPECT_EQ(Ids(trips["entries"], "trip_id"), expected) << user;
    for (const json& entry : trips["entries"]) {
      EXPECT_EQ(entry["escort_id"], escort);
      EXPECT_EQ(entry["route"], "/trips");
      EXPECT_EQ(Ids(entry["parts"], "child_id"), children_of_trip[entry["trip_id"]]);
      for (const json& part : entry["parts"]) {
        EXPECT_EQ(part["start_time"], "09:00");  // the Saturday template
        EXPECT_EQ(part["end_time"], "11:00");
        EXPECT_FALSE(part["name"].get<std::string>().empty());
      }
    }
  }
  EXPECT_TRUE(Item("caregiver_a_unlinked", "todays_trips").is_null());
  EXPECT_EQ(Kinds("caregiver_a").count("month_figures"), 0u);

  // The visits officer of facility A: today's sessions with the places taken.
  HttpAnswer sessions = Get("/api/v1/facilities/" + std::to_string(world_->facility_a) +
                                "/visit-sessions?month=" + day.substr(0, 7),
                            "visits_officer_a");
  ASSERT_EQ(sessions.status, 200) << sessions.raw;
  std::map<long long, long long> booked_today;
  for (const json& session : sessions.body["items"]) {
    if (session["date"] == day) booked_today[session["id"]] = session["booked_families"];
  }
  json entrance = Item("visits_officer_a", "entrance_lists");
  ASSERT_FALSE(entrance.is_null());
  std::map<long long, long long> shown;
  for (const json& entry : entrance["entries"]) {
    shown[entry["session_id"]] = entry["count"];
    EXPECT_EQ(entry["route"],
              "/entrance?facility_id=" + std::to_string(world_->facility_a) + "&date=" + day);
    EXPECT_EQ(entry["start_time"], "09:00");
  }
  EXPECT_EQ(shown, booked_today);
  EXPECT_GT(std::accumulate(shown.begin(), shown.end(), 0LL,
                            [](long long sum, const auto& row) { return sum + row.second; }),
            0);
  EXPECT_EQ(Kinds("visits_officer_a"), (std::set<std::string>{"entrance_lists"}));
}

TEST_F(TodayApiTest, Issue16_FamiliesNotContactedForThirtyDaysAndTheAuditorsFigures) {
  ASSERT_NE(world_, nullptr);
  const Record parent = world_->AddParent("A");
  const std::string path = "/api/v1/parents/" + std::to_string(parent.id);
  HttpAnswer read = Get(path, "coordinator_a");
  ASSERT_EQ(read.status, 200) << read.raw;
  ASSERT_EQ(Patch(path, "coordinator_a",
                  {{"custody_status", "released"}, {"released_on", "2026-09-01"}}, read.etag)
                .status,
            200);
  json due = Item("coordinator_a", "families_not_seen");
  ASSERT_FALSE(due.is_null());
  EXPECT_EQ(due["count"], 1);
  EXPECT_EQ(due["entries"][0]["parent_id"], parent.id);
  EXPECT_EQ(due["entries"][0]["route"], "/follow-ups");
  EXPECT_EQ(IdsOnHome("coordinator_b", "parent_id").count(parent.id), 0u);
  // A contact last week: not due any more.
  ASSERT_EQ(Post(path + "/follow-up-contacts", "social_worker_a",
                 {{"contacted_on", "2026-11-16"}, {"kind", "phone"}})
                .status,
            201);
  EXPECT_TRUE(Item("coordinator_a", "families_not_seen").is_null());

  // The auditor: the figures as the summary gives them, small cells left out.
  HttpAnswer summary = Get("/api/v1/figures/summary", "auditor");
  ASSERT_EQ(summary.status, 200) << summary.raw;
  long long inside = 0, withheld = 0;
  for (const json& row : summary.body["children_inside_by_facility"]) {
    if (row["count"].is_null()) {
      ++withheld;
    } else {
      inside += row["count"].get<long long>();
    }
  }
  json figures = Item("auditor", "month_figures");
  ASSERT_FALSE(figures.is_null());
  EXPECT_EQ(figures["entries"][0]["figure"], "children_inside");
  EXPECT_EQ(figures["entries"][0]["count"], inside);
  EXPECT_EQ(figures["count"], inside);
  EXPECT_EQ(figures["entries"][0]["withheld_cells"], std::to_string(withheld));
  EXPECT_EQ(figures["route"], "/figures");
  EXPECT_EQ(Kinds("auditor"), (std::set<std::string>{"month_figures"}));
  // No case records on an auditor's home.
  EXPECT_TRUE(IdsOnHome("auditor", "child_id").empty());
  EXPECT_TRUE(IdsOnHome("auditor", "parent_id").empty());
}

}  // namespace
}  // namespace vinculo::testing
