// The nursery's care of the child through the API on both engines: transition
// plans and the board's plan status, authorised adults and the leave book,
// the health schedule and plan, schooling and pregnancy outcomes; bad input
// answers problem+json naming the field and changes nothing; a nursery
// officer of the other facility can neither read nor write; auditors get 403
// on named lists. The clock is fixed at 2026-11-23T12:00:00Z.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "support/nursery_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class NurseryCareApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    children_ = AddNursery(*world_);
    ASSERT_GT(children_.calm_b, 0);
    // The world's "admin" is the CLI's system actor, with no account: an
    // installation administrator who signs in.
    NewUser admin;
    admin.username = "admin";
    admin.password = kPassword;
    admin.role = Role::kAdministrator;
    admin.display_name = "Administración (prueba)";
    ASSERT_TRUE(world_->auth->AddUser(Actor::System(), admin).ok());
  }

  std::string Child(long long child_id, const std::string& rest) {
    return "/api/v1/children/" + std::to_string(child_id) + rest;
  }

  json BoardEntry(long long child_id) {
    HttpAnswer board = Get("/api/v1/nursery/ageouts", "nursery_officer_a");
    EXPECT_EQ(board.status, 200) << board.raw;
    for (const json& item : board.body["items"]) {
      if (item["child_id"] == child_id) return item;
    }
    ADD_FAILURE() << "child " << child_id << " not on the board";
    return json::object();
  }

  NurseryChildren children_;
};

const json kPlan = {{"destination", "relatives"},
                    {"receiving_party", "Abuela materna (sintética)"},
                    {"consulted", "madre; psicóloga; abuela"},
                    {"steps",
                     {{{"on", "2026-11-25"}, {"description", "Visita de la abuela"}},
                      {{"on", "2026-12-01"}, {"description", "Mudanza"}}}}};

TEST_F(NurseryCareApiTest, ATransitionPlanIsDraftedApprovedAndShownOnTheBoard) {
  const json before = BoardEntry(children_.critical_a);
  EXPECT_EQ(before["transition_plan"], "missing");
  EXPECT_EQ(before["needs_plan"], true);
  EXPECT_EQ(BoardEntry(children_.notice_a)["needs_plan"], false);

  const std::string path = Child(children_.critical_a, "/transition-plan");
  EXPECT_EQ(Get(path, "nursery_officer_a").status, 404);
  json bad = kPlan;
  bad["steps"] = json::array({{{"on", "2026-12-01"}}});
  HttpAnswer refused = Post(path, "nursery_officer_a", bad);
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.content_type, "application/problem+json");
  EXPECT_EQ(refused.body["field"], "steps");
  EXPECT_EQ(Get(path, "nursery_officer_a").status, 404);
  EXPECT_EQ(Post(path, "nursery_officer_b", kPlan).status, 404);

  json plan = kPlan;
  plan["visit_parent_id"] = world_->AddParent("A", "female").id;
  plan["visit_frequency"] = "fortnightly";
  HttpAnswer drafted = Post(path, "nursery_officer_a", plan);
  ASSERT_EQ(drafted.status, 200) << drafted.raw;
  EXPECT_EQ(drafted.body["status"], "draft");
  EXPECT_EQ(drafted.body["steps"].size(), 2u);
  EXPECT_EQ(BoardEntry(children_.critical_a)["transition_plan"], "draft");

  const std::string approve = "/api/v1/transition-plans/" +
                              std::to_string(drafted.body["id"].get<long long>()) + "/approve";
  EXPECT_EQ(Post(approve, "nursery_officer_b", json::object()).status, 404);
  EXPECT_EQ(Post(approve, "social_worker_a", json::object()).status, 403);
  HttpAnswer approved = Post(approve, "nursery_officer_a", json::object());
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_EQ(approved.body["status"], "approved");
  ASSERT_EQ(approved.body["visit_requirements"].size(), 1u);
  EXPECT_EQ(approved.body["visit_requirements"][0]["frequency"], "fortnightly");
  EXPECT_EQ(approved.body["visit_requirements"][0]["starts_on"], "2026-12-01");
  EXPECT_EQ(Post(approve, "nursery_officer_a", json::object()).status, 409);

  const json after = BoardEntry(children_.critical_a);
  EXPECT_EQ(after["transition_plan"], "approved");
  EXPECT_EQ(after["needs_plan"], false);
  EXPECT_EQ(Get(path, "nursery_officer_b").status, 404);
  EXPECT_EQ(Get(path, "auditor").status, 403);
  HttpAnswer read = Get(path, "nursery_officer_a");
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.body["visits"]["frequency"], "fortnightly");
}

TEST_F(NurseryCareApiTest, TheLeaveBookRefusesBadInputAndListsOverdueReturns) {
  const std::string adults = Child(children_.overdue_a, "/authorised-adults");
  HttpAnswer adult = Post(adults, "nursery_officer_a",
                          {{"full_name", "Carmen Sintética"},
                           {"relationship", "abuela"},
                           {"document_id", "DNI 00000001"}});
  ASSERT_EQ(adult.status, 201) << adult.raw;
  const long long adult_id = adult.body["id"].get<long long>();
  EXPECT_EQ(Post(adults, "nursery_officer_b",
                 {{"full_name", "X"}, {"relationship", "tía"}, {"document_id", "1"}})
                .status,
            404);
  EXPECT_EQ(Get(adults, "nursery_officer_b").status, 404);
  EXPECT_EQ(Get(adults, "auditor").status, 403);
  HttpAnswer revoked_adult =
      Post(adults, "nursery_officer_a",
           {{"full_name", "Ex Autorizada"}, {"relationship", "vecina"}, {"document_id", "DNI 2"}});
  ASSERT_EQ(revoked_adult.status, 201) << revoked_adult.raw;
  const std::string revoke = "/api/v1/authorised-adults/" +
                             std::to_string(revoked_adult.body["id"].get<long long>()) + "/revoke";
  EXPECT_EQ(Post(revoke, "nursery_officer_b", json::object()).status, 404);
  HttpAnswer revoked = Post(revoke, "nursery_officer_a", json::object());
  ASSERT_EQ(revoked.status, 200) << revoked.raw;
  EXPECT_EQ(revoked.body["active"], false);
  HttpAnswer listed = Get(adults, "nursery_officer_a");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body["items"][0]["document_id"], "DNI 00000001");

  const std::string leaves = Child(children_.overdue_a, "/leaves");
  const json good = {{"adult_id", adult_id},
                     {"reason", "weekend_with_relatives"},
                     {"left_at", "2026-11-20T08:00:00Z"},
                     {"due_back_at", "2026-11-22T18:00:00Z"}};
  const struct {
    const char* name;
    const char* member;
    json value;
    int status;
    const char* field;
  } cases[] = {
      {"not authorised", "adult_id", 424242, 422, "adult_id"},
      {"revoked", "adult_id", revoked_adult.body["id"], 422, "adult_id"},
      {"unknown reason", "reason", "party", 422, "reason"},
      {"due back before leaving", "due_back_at", "2026-11-19T08:00:00Z", 422, "due_back_at"},
      {"wrong type", "adult_id", "one", 422, "adult_id"},
      {"unknown member", "colour", "red", 422, "colour"},
  };
  for (const auto& bad : cases) {
    SCOPED_TRACE(bad.name);
    json body = good;
    body[bad.member] = bad.value;
    HttpAnswer answer = Post(leaves, "nursery_officer_a", body);
    EXPECT_EQ(answer.status, bad.status) << answer.raw;
    EXPECT_EQ(answer.body.value("field", ""), bad.field);
  }
  // A child who does not live inside.
  const std::string outside_path = Child(world_->AddChild("A").id, "/leaves");
  HttpAnswer outside = Post(outside_path, "admin", good);
  EXPECT_EQ(outside.status, 422) << outside.raw;
  EXPECT_EQ(outside.body["field"], "child_id");
  EXPECT_EQ(Post(outside_path, "coordinator_a", good).status, 403);  // not a leave writer
  EXPECT_EQ(Post(leaves, "nursery_officer_b", good).status, 404);
  const std::string book = "/api/v1/nursery/leaves?child_id=" + std::to_string(children_.overdue_a);
  EXPECT_TRUE(Get(book, "nursery_officer_a").body["items"].empty());

  HttpAnswer out = Post(leaves, "nursery_officer_a", good);
  ASSERT_EQ(out.status, 201) << out.raw;
  HttpAnswer second = Post(leaves, "nursery_officer_a", good);
  EXPECT_EQ(second.status, 409) << second.raw;
  EXPECT_EQ(second.body["field"], "child_id");

  HttpAnswer overdue = Get("/api/v1/nursery/leaves?overdue=true", "nursery_officer_a");
  ASSERT_EQ(overdue.status, 200) << overdue.raw;
  ASSERT_EQ(overdue.body["items"].size(), 1u);
  EXPECT_EQ(overdue.body["items"][0]["state"], "overdue");
  EXPECT_EQ(overdue.body["items"][0]["adult_name"], "Carmen Sintética");
  EXPECT_TRUE(
      Get("/api/v1/nursery/leaves?overdue=true", "nursery_officer_b").body["items"].empty());
  EXPECT_EQ(Get("/api/v1/nursery/leaves?overdue=yes", "nursery_officer_a").body["field"],
            "overdue");
  EXPECT_EQ(Get("/api/v1/nursery/leaves", "auditor").status, 403);

  const std::string back =
      "/api/v1/leaves/" + std::to_string(out.body["id"].get<long long>()) + "/return";
  HttpAnswer early = Post(back, "nursery_officer_a", {{"returned_at", "2026-11-19T08:00:00Z"}});
  EXPECT_EQ(early.status, 422) << early.raw;
  EXPECT_EQ(early.body["field"], "returned_at");
  EXPECT_EQ(Post(back, "nursery_officer_b", {{"returned_at", "2026-11-23T08:00:00Z"}}).status, 404);
  HttpAnswer returned = Post(back, "nursery_officer_a", {{"returned_at", "2026-11-23T08:00:00Z"}});
  ASSERT_EQ(returned.status, 200) << returned.raw;
  EXPECT_EQ(returned.body["returned_at"], "2026-11-23T08:00:00Z");
  EXPECT_TRUE(
      Get("/api/v1/nursery/leaves?overdue=true", "nursery_officer_a").body["items"].empty());
  HttpAnswer history = Get(book, "nursery_officer_a");
  ASSERT_EQ(history.body["items"].size(), 1u);
  EXPECT_EQ(history.body["items"][0]["state"], "returned");
}

TEST_F(NurseryCareApiTest, HealthScheduleAppointmentsAndSchooling) {
  HttpAnswer schedule = Get("/api/v1/nursery/health-schedule", "nursery_officer_a");
  ASSERT_EQ(schedule.status, 200) << schedule.raw;
  const size_t entries = schedule.body["items"].size();
  EXPECT_GE(entries, 25u);
  EXPECT_EQ(Post("/api/v1/nursery/health-schedule", "nursery_officer_a",
                 {{"kind", "vaccine"}, {"name", "Fiebre amarilla"}, {"age_months", 15}})
                .status,
            403);
  EXPECT_EQ(Post("/api/v1/nursery/health-schedule", "admin",
                 {{"kind", "vaccine"}, {"name", "Fiebre amarilla"}, {"age_months", 999}})
                .body["field"],
            "age_months");
  HttpAnswer added = Post("/api/v1/nursery/health-schedule", "admin",
                          {{"kind", "vaccine"}, {"name", "Fiebre amarilla"}, {"age_months", 15}});
  ASSERT_EQ(added.status, 201) << added.raw;
  HttpAnswer retired = Post("/api/v1/nursery/health-schedule/" +
                                std::to_string(added.body["id"].get<long long>()) + "/retire",
                            "admin", json::object());
  ASSERT_EQ(retired.status, 200) << retired.raw;
  EXPECT_EQ(retired.body["active"], false);

  const std::string health = Child(children_.notice_a, "/health");
  HttpAnswer plan = Get(health + "?as_of=2026-11-23", "nursery_officer_a");
  ASSERT_EQ(plan.status, 200) << plan.raw;
  std::map<std::string, std::string> status;
  for (const json& item : plan.body["items"]) status[item["name"]] = item["status"];
  // Due before she was registered today, with no history entered (issue 15).
  EXPECT_EQ(status["Paediatric check-up, 24 months"], "before_registration");
  EXPECT_EQ(status["Paediatric check-up, 36 months"], "upcoming");
  EXPECT_EQ(status.count("Fiebre amarilla"), 0u);  // retired
  EXPECT_EQ(Get(health, "nursery_officer_b").status, 404);
  EXPECT_EQ(Get(health, "auditor").status, 403);
  EXPECT_EQ(Get(health + "?as_of=2026-13-01", "nursery_officer_a").body["field"], "as_of");

  const std::string appointments = Child(children_.notice_a, "/appointments");
  HttpAnswer missing_due =
      Post(appointments, "nursery_officer_a", {{"kind", "other"}, {"name", "Odontología"}});
  EXPECT_EQ(missing_due.body["field"], "due_on");
  EXPECT_EQ(Post(appointments, "nursery_officer_b",
                 {{"kind", "other"}, {"name", "Odontología"}, {"due_on", "2026-12-10"}})
                .status,
            404);
  HttpAnswer recorded = Post(appointments, "nursery_officer_a",
                             {{"kind", "checkup"},
                              {"name", "Paediatric check-up, 24 months (late)"},
                              {"due_on", "2026-04-01"},
                              {"done_on", "2026-11-20"}});
  ASSERT_EQ(recorded.status, 201) << recorded.raw;
  HttpAnswer after = Get(health, "nursery_officer_a");
  EXPECT_EQ(after.body["items"].size(), plan.body["items"].size() + 1);

  const std::string schooling = Child(children_.critical_a, "/schooling");
  HttpAnswer too_young = Post(schooling, "nursery_officer_a",
                              {{"setting", "school"},
                               {"institution", "I.E.I. Sintética"},
                               {"level", "Inicial 3 años"},
                               {"started_on", "2026-11-02"}});
  EXPECT_EQ(too_young.status, 422) << too_young.raw;
  EXPECT_EQ(too_young.body["field"], "setting");
  EXPECT_TRUE(Get(schooling, "nursery_officer_a").body["items"].empty());
  HttpAnswer daycare = Post(schooling, "nursery_officer_a",
                            {{"setting", "daycare"},
                             {"institution", "Cuna Más (sintética)"},
                             {"level", "Sala de 2 años"},
                             {"started_on", "2026-03-01"}});
  ASSERT_EQ(daycare.status, 201) << daycare.raw;
  EXPECT_EQ(Get(schooling, "nursery_officer_a").body["items"].size(), 1u);
  EXPECT_EQ(Get(schooling, "nursery_officer_b").status, 404);
  EXPECT_EQ(Get(schooling, "auditor").status, 403);
}

TEST_F(NurseryCareApiTest, APregnancyMarkedEndedLeavesTheForecast) {
  HttpAnswer registered = Post("/api/v1/pregnancies", "nursery_officer_b",
                               {{"parent_id", children_.mother_b}, {"due_date", "2027-02-10"}});
  ASSERT_EQ(registered.status, 201) << registered.raw;
  const std::string outcome =
      "/api/v1/pregnancies/" + std::to_string(registered.body["id"].get<long long>()) + "/outcome";
  auto births = [&] {
    long long total = 0;
    const HttpAnswer forecast =
        Get("/api/v1/nursery/forecast?from=2026-12&months=4", "nursery_officer_b");
    for (const json& month : forecast.body["items"]) {
      total += month["expected_births"].get<long long>();
    }
    return total;
  };
  ASSERT_EQ(births(), 1);
  EXPECT_EQ(
      Post(outcome, "nursery_officer_b", {{"outcome", "born"}, {"on", "2026-11-20"}}).body["field"],
      "child_id");
  EXPECT_EQ(Post(outcome, "nursery_officer_a", {{"outcome", "ended"}, {"on", "2026-11-20"}}).status,
            404);
  EXPECT_EQ(births(), 1);
  HttpAnswer ended =
      Post(outcome, "nursery_officer_b", {{"outcome", "ended"}, {"on", "2026-11-20"}});
  ASSERT_EQ(ended.status, 200) << ended.raw;
  EXPECT_EQ(ended.body["status"], "ended");
  EXPECT_EQ(ended.body["outcome_on"], "2026-11-20");
  EXPECT_EQ(births(), 0);
  EXPECT_EQ(Post(outcome, "nursery_officer_b", {{"outcome", "ended"}, {"on", "2026-11-20"}}).status,
            409);
}

}  // namespace
}  // namespace vinculo::testing
