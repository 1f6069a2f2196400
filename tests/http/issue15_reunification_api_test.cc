// Issue 15, release and reunification over HTTP on both engines: a parent's
// reunification plan with steps (owner, due date, status), at most one open
// plan per parent even when two coordinators open one at the same moment,
// scoped like the parent's record (another organisation's parent reads as a
// missing one); a step without an owner, or owned by a user of another
// organisation, is 422 naming owner_user_id with nothing written; follow-up
// contacts after release within the organisation's period (below zero is
// 422 naming follow_up_days, nothing written).
#include <gtest/gtest.h>

#include <set>

#include "concurrent_calls.h"
#include "support/family_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class Issue15ReunificationApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    family_ = AddSplitFamily(*world_);
    ASSERT_GT(family_.father, 0);
  }
  std::string PlanOf(long long parent) {
    return "/api/v1/parents/" + std::to_string(parent) + "/reunification-plan";
  }
  long long UserId(const std::string& name) { return world_->actor(name).user_id; }
  json Step(const std::string& kind, const std::string& due_on, const std::string& owner) {
    return {{"kind", kind},
            {"description", "Arrange " + kind},
            {"owner_user_id", UserId(owner)},
            {"due_on", due_on}};
  }
  SplitFamily family_;
};

TEST_F(Issue15ReunificationApiTest, Issue15_APlanHasStepsWithOwnersDueDatesAndStatus) {
  HttpAnswer created = Post(PlanOf(family_.father), "coordinator_a", {{"note", "Back to Cusco"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string plan = "/api/v1/reunification-plans/" + created.body["id"].dump();
  EXPECT_EQ(created.body["status"], "open");
  EXPECT_EQ(created.body["parent"]["id"], family_.father);
  HttpAnswer again = Post(PlanOf(family_.father), "social_worker_a", json::object());
  EXPECT_EQ(again.status, 409) << again.raw;
  EXPECT_EQ(again.body["field"], "parent_id");

  HttpAnswer owners = Get(plan + "/owners", "coordinator_a");
  ASSERT_EQ(owners.status, 200) << owners.raw;
  std::set<long long> owner_ids;
  for (const json& owner : owners.body["items"]) owner_ids.insert(owner["id"].get<long long>());
  EXPECT_TRUE(owner_ids.count(UserId("social_worker_a")));
  EXPECT_TRUE(owner_ids.count(UserId("caregiver_a")));
  EXPECT_FALSE(owner_ids.count(UserId("coordinator_b")));
  EXPECT_EQ(Get(plan + "/owners", "coordinator_b").status, 404);
  HttpAnswer housing =
      Post(plan + "/steps", "social_worker_a", Step("housing", "2027-01-15", "social_worker_a"));
  ASSERT_EQ(housing.status, 201) << housing.raw;
  EXPECT_EQ(housing.body["status"], "pending");
  EXPECT_EQ(housing.body["owner"]["id"], UserId("social_worker_a"));
  EXPECT_FALSE(housing.body["overdue"].get<bool>());
  HttpAnswer school =
      Post(plan + "/steps", "coordinator_a", Step("school_place", "2026-11-01", "coordinator_a"));
  ASSERT_EQ(school.status, 201) << school.raw;
  EXPECT_TRUE(school.body["overdue"].get<bool>());

  // Bad input: refused naming the field, nothing written.
  json no_owner = Step("income", "2027-01-10", "coordinator_a");
  no_owner.erase("owner_user_id");
  HttpAnswer refused = Post(plan + "/steps", "coordinator_a", no_owner);
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.body["field"], "owner_user_id");
  HttpAnswer foreign_owner =
      Post(plan + "/steps", "coordinator_a", Step("income", "2027-01-10", "coordinator_b"));
  EXPECT_EQ(foreign_owner.status, 422) << foreign_owner.raw;
  EXPECT_EQ(foreign_owner.body["field"], "owner_user_id");
  HttpAnswer bad_kind =
      Post(plan + "/steps", "coordinator_a", Step("lottery", "2027-01-10", "coordinator_a"));
  EXPECT_EQ(bad_kind.status, 422);
  EXPECT_EQ(bad_kind.body["field"], "kind");
  HttpAnswer bad_date =
      Post(plan + "/steps", "coordinator_a", Step("income", "2027-02-30", "coordinator_a"));
  EXPECT_EQ(bad_date.status, 422);
  EXPECT_EQ(bad_date.body["field"], "due_on");

  HttpAnswer read = Get(PlanOf(family_.father), "caregiver_a");
  ASSERT_EQ(read.status, 200) << read.raw;
  ASSERT_EQ(read.body["steps"].size(), 2u) << read.raw;
  EXPECT_EQ(read.body["steps"][0]["kind"], "school_place");  // by due date
  EXPECT_EQ(read.body["overdue_steps"], 1);

  // The overdue step is done: no longer overdue. A stale version is 412.
  const std::string step = "/api/v1/reunification-steps/" + school.body["id"].dump();
  HttpAnswer done = Patch(step, "social_worker_a", {{"status", "done"}}, school.etag);
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["status"], "done");
  EXPECT_FALSE(done.body["overdue"].get<bool>());
  EXPECT_EQ(Patch(step, "social_worker_a", {{"status", "pending"}}, school.etag).status, 412);
  HttpAnswer ownerless = Patch(step, "social_worker_a", {{"owner_user_id", 99999999}}, done.etag);
  EXPECT_EQ(ownerless.status, 422);
  EXPECT_EQ(ownerless.body["field"], "owner_user_id");
  EXPECT_EQ(Get(plan, "coordinator_a").body["overdue_steps"], 0);

  HttpAnswer list = Get("/api/v1/reunification-plans", "coordinator_a");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["steps"], 2);
  EXPECT_EQ(list.body["items"][0]["open_steps"], 1);

  // Closing needs the plan's version; then a new plan may be opened.
  HttpAnswer plan_read = Get(plan, "coordinator_a");
  HttpAnswer closed =
      Call("POST", plan + "/close", TokenFor("coordinator_a"), "", {{"If-Match", plan_read.etag}});
  ASSERT_EQ(closed.status, 200) << closed.raw;
  EXPECT_EQ(closed.body["status"], "closed");
  EXPECT_EQ(
      Post(plan + "/steps", "coordinator_a", Step("income", "2027-01-10", "coordinator_a")).status,
      409);
  EXPECT_EQ(Get(PlanOf(family_.father), "coordinator_a").status, 404);
  EXPECT_EQ(Post(PlanOf(family_.father), "coordinator_a", json::object()).status, 201);
}

TEST_F(Issue15ReunificationApiTest, Issue15_AnotherOrganisationsParentReadsAsMissing) {
  HttpAnswer created = Post(PlanOf(family_.father), "coordinator_a", json::object());
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string plan = "/api/v1/reunification-plans/" + created.body["id"].dump();
  HttpAnswer step =
      Post(plan + "/steps", "coordinator_a", Step("housing", "2027-01-15", "coordinator_a"));
  ASSERT_EQ(step.status, 201);
  const std::string step_path = "/api/v1/reunification-steps/" + step.body["id"].dump();

  // Organisation B does not follow the father: his plan is as missing as none.
  HttpAnswer foreign = Get(PlanOf(family_.father), "coordinator_b");
  HttpAnswer missing = Get(PlanOf(99999999), "coordinator_b");
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(foreign.body["code"], missing.body["code"]);
  EXPECT_EQ(Get(plan, "coordinator_b").status, 404);
  EXPECT_EQ(Post(PlanOf(family_.father), "coordinator_b", json::object()).status, 404);
  EXPECT_EQ(
      Post(plan + "/steps", "coordinator_b", Step("income", "2027-01-10", "coordinator_b")).status,
      404);
  EXPECT_EQ(Patch(step_path, "coordinator_b", {{"status", "done"}}, step.etag).status, 404);
  EXPECT_TRUE(Get("/api/v1/reunification-plans", "coordinator_b").body["items"].empty());
  // Roles: caregivers read, do not write; auditors neither.
  EXPECT_EQ(Get(PlanOf(family_.father), "caregiver_a").status, 200);
  EXPECT_EQ(
      Post(plan + "/steps", "caregiver_a", Step("income", "2027-01-10", "caregiver_a")).status,
      403);
  EXPECT_EQ(Get(PlanOf(family_.father), "auditor").status, 403);
  // Nothing written by the refusals.
  EXPECT_EQ(Get(plan, "coordinator_a").body["steps"].size(), 1u);
}

TEST_F(Issue15ReunificationApiTest, Issue15_TwoPlansOpenedAtOnceGiveOnePlanAndA409) {
  for (int round = 0; round < 3; ++round) {
    const long long parent = world_->AddParent("A").id;
    std::vector<HttpAnswer> answers =
        AtOnce(4, [&](int) { return Post(PlanOf(parent), "coordinator_a", json::object()); });
    EXPECT_EQ(CountStatus(answers, 201), 1) << Raw(answers);
    EXPECT_EQ(CountStatus(answers, 409), 3) << Raw(answers);
  }
}

TEST_F(Issue15ReunificationApiTest,
       Issue15_ReleasedFamiliesAreFollowedUpForTheOrganisationsPeriod) {
  const std::string settings =
      "/api/v1/organisations/" + std::to_string(world_->organisation_a) + "/follow-up-settings";
  HttpAnswer defaults = Get(settings, "coordinator_a");
  ASSERT_EQ(defaults.status, 200) << defaults.raw;
  EXPECT_EQ(defaults.body["follow_up_days"], 180);
  EXPECT_TRUE(defaults.body["defaults"].get<bool>());
  HttpAnswer negative = Put(settings, "coordinator_a", {{"follow_up_days", -1}}, defaults.etag);
  EXPECT_EQ(negative.status, 422) << negative.raw;
  EXPECT_EQ(negative.body["field"], "follow_up_days");
  EXPECT_EQ(Get(settings, "coordinator_a").body["defaults"], true);  // nothing written
  EXPECT_EQ(
      Get("/api/v1/organisations/" + std::to_string(world_->organisation_a) + "/follow-up-settings",
          "coordinator_b")
          .status,
      404);

  // Contacts are for released families only.
  const std::string father = "/api/v1/parents/" + std::to_string(family_.father);
  const std::string contacts = father + "/follow-up-contacts";
  EXPECT_EQ(Post(contacts, "social_worker_a", {{"contacted_on", "2026-11-20"}, {"kind", "phone"}})
                .body["field"],
            "custody_status");
  HttpAnswer read = Get(father, "coordinator_a");
  HttpAnswer released =
      Patch(father, "coordinator_a",
            {{"custody_status", "released"}, {"released_on", "2026-09-01"}}, read.etag);
  ASSERT_EQ(released.status, 200) << released.raw;
  HttpAnswer due = Get("/api/v1/follow-ups-due", "coordinator_a");
  ASSERT_EQ(due.status, 200) << due.raw;
  EXPECT_EQ(due.body["follow_up_days"], 180);
  ASSERT_EQ(due.body["items"].size(), 1u) << due.raw;
  EXPECT_EQ(due.body["items"][0]["parent"]["id"], family_.father);
  EXPECT_EQ(due.body["items"][0]["follow_up_until"], "2027-02-28");
  EXPECT_TRUE(due.body["items"][0]["due"].get<bool>());

  HttpAnswer before =
      Post(contacts, "social_worker_a", {{"contacted_on", "2026-08-01"}, {"kind", "phone"}});
  EXPECT_EQ(before.status, 422);
  EXPECT_EQ(before.body["field"], "contacted_on");
  HttpAnswer contact = Post(contacts, "social_worker_a",
                            {{"contacted_on", "2026-11-20"},
                             {"kind", "home_visit"},
                             {"note", "The children are back at school"}});
  ASSERT_EQ(contact.status, 201) << contact.raw;
  HttpAnswer after = Get("/api/v1/follow-ups-due", "coordinator_a");
  ASSERT_EQ(after.body["items"].size(), 1u);
  EXPECT_FALSE(after.body["items"][0]["due"].get<bool>());
  EXPECT_EQ(after.body["items"][0]["last_contacted_on"], "2026-11-20");
  EXPECT_EQ(Get(contacts, "caregiver_a").body["items"].size(), 1u);
  EXPECT_EQ(Get(contacts, "coordinator_b").status, 404);

  // A period of 60 days: the release (83 days ago) is outside it.
  HttpAnswer shorter = Put(settings, "coordinator_a", {{"follow_up_days", 60}}, defaults.etag);
  ASSERT_EQ(shorter.status, 200) << shorter.raw;
  EXPECT_TRUE(Get("/api/v1/follow-ups-due", "coordinator_a").body["items"].empty());
  EXPECT_EQ(Put(settings, "coordinator_a", {{"follow_up_days", 90}}, defaults.etag).status, 412);
}

TEST_F(Issue15ReunificationApiTest,
       Issue15_TheCountdownFlagsAReleaseNearWithoutAPlanOrWithOverdueSteps) {
  // The father in 69 days without a plan; the mother in 48 days with a plan
  // whose school step is overdue; both within the 90-day alert window.
  for (auto [parent, date] :
       {std::pair{family_.father, "2027-01-31"}, std::pair{family_.mother, "2027-01-10"}}) {
    const std::string path = "/api/v1/parents/" + std::to_string(parent);
    HttpAnswer read = Get(path, "coordinator_a");
    ASSERT_EQ(Patch(path, "coordinator_a", {{"expected_release_date", date}}, read.etag).status,
              200);
  }
  HttpAnswer plan = Post(PlanOf(family_.mother), "coordinator_a", json::object());
  ASSERT_EQ(plan.status, 201) << plan.raw;
  const std::string steps = "/api/v1/reunification-plans/" + plan.body["id"].dump() + "/steps";
  ASSERT_EQ(
      Post(steps, "coordinator_a", Step("school_place", "2026-11-01", "coordinator_a")).status,
      201);
  ASSERT_EQ(Post(steps, "coordinator_a", Step("housing", "2026-12-20", "coordinator_a")).status,
            201);

  HttpAnswer countdown = Get("/api/v1/release-countdown", "coordinator_a");
  ASSERT_EQ(countdown.status, 200) << countdown.raw;
  ASSERT_EQ(countdown.body["items"].size(), 2u) << countdown.raw;
  const json& mother = countdown.body["items"][0];
  const json& father = countdown.body["items"][1];
  EXPECT_EQ(mother["parent"]["id"], family_.mother);
  EXPECT_EQ(mother["reunification_plan_id"], plan.body["id"]);
  EXPECT_EQ(mother["overdue_steps"], 1);
  EXPECT_EQ(mother["alerts"], json::array({"overdue_steps"}));
  EXPECT_EQ(father["parent"]["id"], family_.father);
  EXPECT_TRUE(father["reunification_plan_id"].is_null());
  EXPECT_EQ(father["alerts"], json::array({"no_plan"}));
  // A 60-day window: the father (69 days) is near, not yet an alert.
  HttpAnswer narrow = Get("/api/v1/release-countdown?alert_days=60", "coordinator_a");
  ASSERT_EQ(narrow.status, 200);
  EXPECT_TRUE(narrow.body["items"][1]["alerts"].empty());
  HttpAnswer only =
      Get("/api/v1/release-countdown?alert_days=60&alerts_only=true", "coordinator_a");
  ASSERT_EQ(only.body["items"].size(), 1u);
  EXPECT_EQ(only.body["items"][0]["parent"]["id"], family_.mother);
  HttpAnswer bad = Get("/api/v1/release-countdown?alert_days=-1", "coordinator_a");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body["field"], "alert_days");
  // Once the step is done and the father has a plan, nobody is flagged.
  HttpAnswer plan_read = Get(PlanOf(family_.mother), "coordinator_a");
  const json& school = plan_read.body["steps"][0];
  ASSERT_EQ(school["kind"], "school_place");
  ASSERT_EQ(Patch("/api/v1/reunification-steps/" + school["id"].dump(), "coordinator_a",
                  {{"status", "done"}}, "\"" + school["version"].dump() + "\"")
                .status,
            200);
  ASSERT_EQ(Post(PlanOf(family_.father), "coordinator_a", json::object()).status, 201);
  EXPECT_TRUE(
      Get("/api/v1/release-countdown?alerts_only=true", "coordinator_a").body["items"].empty());
}

TEST_F(Issue15ReunificationApiTest, Issue15_AChildIsPlacedWithHerParentOnlyAfterTheRelease) {
  const std::string child = "/api/v1/children/" + std::to_string(family_.child_lima);
  const json move = {{"placement", "with_released_parent"}, {"started_on", "2026-11-23"}};
  HttpAnswer read = Get(child, "coordinator_a");
  HttpAnswer early = Call("POST", child + "/placements", TokenFor("coordinator_a"), move.dump(),
                          {{"If-Match", read.etag}});
  EXPECT_EQ(early.status, 422) << early.raw;
  EXPECT_EQ(early.body["field"], "placement");
  EXPECT_EQ(early.body["code"], "no_released_parent");
  EXPECT_EQ(Get(child + "/placements", "coordinator_a").body["items"].size(), 1u);
  // Registering a child so is refused too: she has no parent yet.
  HttpAnswer registered = Post("/api/v1/children", "coordinator_a",
                               {{"given_names", "Yaku"},
                                {"family_names", "Quispe"},
                                {"date_of_birth", "2019-02-02"},
                                {"sex", "male"},
                                {"organisation_id", world_->organisation_a},
                                {"placement", "with_released_parent"}});
  EXPECT_EQ(registered.status, 422) << registered.raw;
  EXPECT_EQ(registered.body["field"], "placement");

  const std::string father = "/api/v1/parents/" + std::to_string(family_.father);
  HttpAnswer parent = Get(father, "coordinator_a");
  ASSERT_EQ(Patch(father, "coordinator_a",
                  {{"custody_status", "released"}, {"released_on", "2026-11-15"}}, parent.etag)
                .status,
            200);
  HttpAnswer placed = Call("POST", child + "/placements", TokenFor("coordinator_a"), move.dump(),
                           {{"If-Match", read.etag}});
  ASSERT_EQ(placed.status, 200) << placed.raw;
  EXPECT_EQ(placed.body["placement"], "with_released_parent");
  HttpAnswer family = Get(child + "/family", "coordinator_a");
  ASSERT_EQ(family.status, 200);
  for (const json& member : family.body["children"]) {
    if (member["record"]["id"] == family_.child_lima) {
      EXPECT_EQ(member["place"]["kind"], "with_released_parent");
    }
  }
}

}  // namespace
}  // namespace vinculo::testing
