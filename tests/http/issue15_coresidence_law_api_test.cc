// Issue 15, "the law enforced", through the API on both engines: a child
// cannot be admitted, or moved by a placement change, to live inside where the
// co-residence rule in force does not allow it or the facility has no nursery
// (422 problem+json naming facility_id, nothing saved), unless an
// administrator gives a documented coresidence_exception. Clock: 2026-11-23.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "support/coresidence_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class Issue15CoresidenceLawApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    // Reference data is the installation administrator's (no HTTP user here).
    const long long norway = AddJurisdiction(*world_, "NO", "Norge (syntetisk)", false);
    forbidden_ = AddPrison(*world_, norway, "Fengsel Syntetisk", true);
    no_nursery_ = AddPrison(*world_, world_->jurisdiction_pe, "Penal Sintético de Varones", false);
  }

  json ChildInside(long long facility_id) const {
    return {{"given_names", "Solveig"},
            {"family_names", "Syntetisk"},
            {"date_of_birth", "2026-05-01"},
            {"sex", "female"},
            {"organisation_id", world_->organisation_a},
            {"placement", "inside_with_mother"},
            {"facility_id", facility_id}};
  }

  HttpAnswer Move(long long child_id, const std::string& as, json body) {
    return Call("POST", "/api/v1/children/" + std::to_string(child_id) + "/placements",
                TokenFor(as), body.dump(), {{"If-Match", "\"1\""}});
  }

  size_t ChildrenIn(long long facility_id) {
    HttpAnswer listed =
        Get("/api/v1/children?facility_id=" + std::to_string(facility_id), "admin_a");
    EXPECT_EQ(listed.status, 200) << listed.raw;
    return listed.body["items"].size();
  }

  long long forbidden_ = 0;
  long long no_nursery_ = 0;
};

TEST_F(Issue15CoresidenceLawApiTest,
       Issue15_AChildCannotBeAdmittedToLiveInsideWhereCoResidenceIsNotAllowed) {
  for (long long facility : {forbidden_, no_nursery_}) {
    SCOPED_TRACE(facility);
    HttpAnswer created = Post("/api/v1/children", "social_worker_a", ChildInside(facility));
    EXPECT_EQ(created.status, 422) << created.raw;
    EXPECT_EQ(created.content_type, "application/problem+json");
    EXPECT_EQ(created.body.value("field", ""), "facility_id") << created.raw;
    EXPECT_EQ(ChildrenIn(facility), 0u);
  }
}

TEST_F(Issue15CoresidenceLawApiTest,
       Issue15_APlacementChangeCannotMoveHerToAPrisonWithoutANursery) {
  const Record child = world_->AddChild("A");
  for (long long facility : {no_nursery_, forbidden_}) {
    SCOPED_TRACE(facility);
    HttpAnswer moved = Move(child.id, "social_worker_a",
                            {{"placement", "inside_with_mother"},
                             {"facility_id", facility},
                             {"started_on", "2026-11-23"}});
    EXPECT_EQ(moved.status, 422) << moved.raw;
    EXPECT_EQ(moved.content_type, "application/problem+json");
    EXPECT_EQ(moved.body.value("field", ""), "facility_id") << moved.raw;
  }
  HttpAnswer history =
      Get("/api/v1/children/" + std::to_string(child.id) + "/placements", "admin_a");
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(history.body["items"].size(), 1u);
}

TEST_F(Issue15CoresidenceLawApiTest, Issue15_AnAdministratorsDocumentedExceptionAdmitsHer) {
  json body = ChildInside(forbidden_);
  body["coresidence_exception"] = "Resolución judicial sintética 12/2026";
  HttpAnswer refused = Post("/api/v1/children", "social_worker_a", body);
  EXPECT_EQ(refused.status, 403) << refused.raw;
  EXPECT_EQ(refused.body.value("field", ""), "coresidence_exception");
  HttpAnswer created = Post("/api/v1/children", "admin_a", body);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["coresidence_exception"], "Resolución judicial sintética 12/2026");
  EXPECT_EQ(ChildrenIn(forbidden_), 1u);

  const Record child = world_->AddChild("A");
  HttpAnswer moved = Move(child.id, "admin_a",
                          {{"placement", "inside_with_mother"},
                           {"facility_id", no_nursery_},
                           {"started_on", "2026-11-23"},
                           {"coresidence_exception", "Orden judicial sintética"}});
  ASSERT_EQ(moved.status, 200) << moved.raw;
  EXPECT_EQ(moved.body["facility_id"], no_nursery_);
  EXPECT_EQ(moved.body["coresidence_exception"], "Orden judicial sintética");
  HttpAnswer trail = Get("/api/v1/children/" + std::to_string(child.id) + "/audit", "admin_a");
  ASSERT_EQ(trail.status, 200) << trail.raw;
  bool audited = false;
  for (const json& event : trail.body["items"]) {
    audited = audited || event["action"] == "coresidence_exception";
  }
  EXPECT_TRUE(audited) << trail.raw;
}

}  // namespace
}  // namespace vinculo::testing
