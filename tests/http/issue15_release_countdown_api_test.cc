// Issue 15, release dates over HTTP on both engines: PATCH a parent's
// expected release date and the family view lists every value it took; GET
// /release-countdown lists the parents whose release is near, soonest first,
// scoped like parents; a bad window is 422 naming within_days.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "support/family_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class Issue15ReleaseCountdownApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    family_ = AddSplitFamily(*world_);
    ASSERT_GT(family_.sibling_link, 0);
  }
  SplitFamily family_;
};

TEST_F(Issue15ReleaseCountdownApiTest, Issue15_AMovedReleaseDateIsKeptAndTheCountdownFollowsIt) {
  const std::string mother = "/api/v1/parents/" + std::to_string(family_.mother);
  HttpAnswer read = Get(mother, "coordinator_a");
  ASSERT_EQ(read.status, 200) << read.raw;
  HttpAnswer moved =
      Patch(mother, "coordinator_a", {{"expected_release_date", "2027-01-10"}}, read.etag);
  ASSERT_EQ(moved.status, 200) << moved.raw;
  // Before admission: refused, nothing kept.
  HttpAnswer before =
      Patch(mother, "coordinator_a", {{"expected_release_date", "2020-01-01"}}, moved.etag);
  EXPECT_EQ(before.status, 422) << before.raw;
  EXPECT_EQ(before.body["field"], "expected_release_date");

  HttpAnswer family =
      Get("/api/v1/children/" + std::to_string(family_.child_lima) + "/family", "coordinator_a");
  ASSERT_EQ(family.status, 200) << family.raw;
  for (const json& parent : family.body["parents"]) {
    if (parent["record"]["id"] != family_.mother) continue;
    ASSERT_EQ(parent["release_history"].size(), 2u) << parent.dump();
    EXPECT_EQ(parent["release_history"][0]["expected_release_date"], "2029-05-10");
    EXPECT_EQ(parent["release_history"][1]["previous_date"], "2029-05-10");
    EXPECT_EQ(parent["release_history"][1]["expected_release_date"], "2027-01-10");
  }

  HttpAnswer countdown = Get("/api/v1/release-countdown", "coordinator_a");
  ASSERT_EQ(countdown.status, 200) << countdown.raw;
  ASSERT_EQ(countdown.body["items"].size(), 2u) << countdown.raw;
  EXPECT_EQ(countdown.body["items"][0]["parent"]["id"], family_.mother);
  EXPECT_EQ(countdown.body["items"][0]["days_to_release"], 48);
  EXPECT_EQ(countdown.body["items"][0]["changes"], 1);
  EXPECT_EQ(countdown.body["items"][1]["parent"]["id"], family_.father);
  HttpAnswer short_window = Get("/api/v1/release-countdown?within_days=30", "coordinator_a");
  ASSERT_EQ(short_window.status, 200);
  EXPECT_TRUE(short_window.body["items"].empty());
  HttpAnswer bad = Get("/api/v1/release-countdown?within_days=-1", "coordinator_a");
  EXPECT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(bad.body["field"], "within_days");
  EXPECT_EQ(Get("/api/v1/release-countdown", "auditor").status, 403);
  // Organisation B sees the mother (the parent of its child), not the father.
  HttpAnswer other = Get("/api/v1/release-countdown?within_days=365", "coordinator_b");
  ASSERT_EQ(other.status, 200);
  ASSERT_EQ(other.body["items"].size(), 1u);
  EXPECT_EQ(other.body["items"][0]["parent"]["id"], family_.mother);
}

}  // namespace
}  // namespace vinculo::testing
