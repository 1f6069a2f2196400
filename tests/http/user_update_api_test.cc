// PATCH /api/v1/users/{id} on both engines: an administrator links a
// caregiver to her staff record and the caregiver, already signed in, sees
// her trips on her next request; unlinking (null) takes them away; GET shows
// what PATCH returned; bad values are 422 naming the field, a stale If-Match
// 412, a missing one 428; another organisation's user is 404 and other roles
// 403, each changing nothing. The clock is fixed at 2026-11-23.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class UserUpdateApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
  }
  std::string UserPath(const std::string& name) {
    return "/api/v1/users/" + std::to_string(world_->actor(name).user_id);
  }
  VisitProgramme programme_;
};

TEST_F(UserUpdateApiTest, ALinkedCaregiverSeesHerTripsOnHerNextRequestAndUnlinkedSeesNone) {
  const std::string calendar =
      "/api/v1/escorts/" + std::to_string(programme_.escort_2) + "/calendar";
  // Signed in before the change: her session is cached.
  EXPECT_EQ(Get(calendar, "caregiver_a_unlinked").status, 404);
  EXPECT_TRUE(Get("/api/v1/auth/me", "caregiver_a_unlinked").body["staff_id"].is_null());

  const std::string path = UserPath("caregiver_a_unlinked");
  HttpAnswer read = Get(path, "admin_a");
  ASSERT_EQ(read.status, 200) << read.raw;
  HttpAnswer linked =
      Patch(path, "admin_a",
            {{"staff_id", programme_.staff_2}, {"display_name", "Elena Sintética"}}, read.etag);
  ASSERT_EQ(linked.status, 200) << linked.raw;
  EXPECT_EQ(linked.body["staff_id"], programme_.staff_2);
  EXPECT_EQ(linked.body["display_name"], "Elena Sintética");
  EXPECT_EQ(linked.body["version"], read.body["version"].get<long long>() + 1);
  EXPECT_NE(linked.etag, read.etag);
  EXPECT_FALSE(linked.body.contains("password_hash"));
  HttpAnswer again = Get(path, "admin_a");
  EXPECT_EQ(again.body, linked.body);
  EXPECT_EQ(again.etag, linked.etag);

  // At once, not 5 s later: the server dropped her cached session.
  EXPECT_EQ(Get("/api/v1/auth/me", "caregiver_a_unlinked").body["staff_id"], programme_.staff_2);
  EXPECT_EQ(Get(calendar, "caregiver_a_unlinked").status, 200);

  HttpAnswer unlinked = Patch(path, "admin_a", {{"staff_id", nullptr}}, linked.etag);
  ASSERT_EQ(unlinked.status, 200) << unlinked.raw;
  EXPECT_TRUE(unlinked.body["staff_id"].is_null());
  EXPECT_EQ(unlinked.body["display_name"], "Elena Sintética");
  EXPECT_TRUE(Get("/api/v1/auth/me", "caregiver_a_unlinked").body["staff_id"].is_null());
  EXPECT_EQ(Get(calendar, "caregiver_a_unlinked").status, 404);
}

TEST_F(UserUpdateApiTest, BadValuesAreRefusedNamingTheFieldAndNothingChanges) {
  auto foreign = world_->records->Create(world_->actor("admin"), StaffKind(),
                                         {{"organisation_id", world_->organisation_b},
                                          {"given_names", std::string("Rosa")},
                                          {"family_names", std::string("Sintética Sur")},
                                          {"staff_role", std::string("caregiver")}});
  ASSERT_TRUE(foreign.ok()) << foreign.status().ToString();
  const std::string path = UserPath("caregiver_a");
  HttpAnswer before = Get(path, "admin_a");
  ASSERT_EQ(before.status, 200);
  const struct {
    json body;
    const char* field;
  } cases[] = {
      {{{"staff_id", foreign->id}}, "staff_id"},
      {{{"staff_id", 987654321}}, "staff_id"},
      {{{"staff_id", "1"}}, "staff_id"},
      {{{"display_name", ""}}, "display_name"},
      {{{"display_name", nullptr}}, "display_name"},
      {{{"display_name", 7}}, "display_name"},
      {{{"language", "fr"}}, "language"},
      {{{"role", "jefa"}}, "role"},
      {{{"role", "visits_officer"}}, "role"},  // needs a facility
      {{{"password", "otra-clave-segura-1"}}, "password"},
      {{{"organisation_id", world_->organisation_b}}, "organisation_id"},
  };
  for (const auto& bad : cases) {
    SCOPED_TRACE(bad.body.dump());
    HttpAnswer refused = Patch(path, "admin_a", bad.body, before.etag);
    EXPECT_EQ(refused.status, 422) << refused.raw;
    EXPECT_EQ(refused.content_type, "application/problem+json");
    EXPECT_EQ(refused.body["field"], bad.field) << refused.raw;
  }
  EXPECT_EQ(Patch(UserPath("admin_a"), "admin_a", {{"role", "caregiver"}},
                  Get(UserPath("admin_a"), "admin_a").etag)
                .body["field"],
            "role");
  EXPECT_EQ(Call("PATCH", path, TokenFor("admin_a"), json{{"language", "en"}}.dump()).status, 428);
  HttpAnswer after = Get(path, "admin_a");
  EXPECT_EQ(after.body, before.body);
  EXPECT_EQ(after.etag, before.etag);
}

TEST_F(UserUpdateApiTest, StaleWritesOtherOrganisationsAndOtherRolesAreRefused) {
  const std::string path = UserPath("caregiver_a2");
  HttpAnswer read = Get(path, "admin_a");
  ASSERT_EQ(read.status, 200);
  const json english = {{"language", "en"}};
  EXPECT_EQ(Patch(path, "coordinator_a", english, read.etag).status, 403);
  EXPECT_EQ(Patch(path, "caregiver_a2", english, read.etag).status, 403);
  EXPECT_EQ(Patch(UserPath("coordinator_b"), "admin_a", english, "\"1\"").status, 404);
  EXPECT_EQ(Patch(UserPath("visits_officer_a"), "admin_a", english, "\"1\"").status, 404);

  HttpAnswer first = Patch(path, "admin_a", {{"role", "social_worker"}}, read.etag);
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["role"], "social_worker");
  HttpAnswer stale = Patch(path, "admin_a", english, read.etag);
  EXPECT_EQ(stale.status, 412) << stale.raw;
  HttpAnswer now = Get(path, "admin_a");
  EXPECT_EQ(now.body["language"], "es");
  EXPECT_EQ(now.body["role"], "social_worker");
  // Her session, signed in as a caregiver above, carries the new role at once.
  EXPECT_EQ(Get("/api/v1/auth/me", "caregiver_a2").body["role"], "social_worker");
}

}  // namespace
}  // namespace vinculo::testing
