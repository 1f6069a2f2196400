// Issue 15, "the family", over HTTP on both engines: GET
// /children/{id}/family for the family split across two prisons
// (support/family_world.h) and POST /children/{id}/sibling-links. Members,
// distances and the timeline's order as JSON; another organisation's child
// absent; a family of only foreign members answers exactly as a missing
// child; bad input (apart_days, a child her own sibling) is 422 naming the
// field and writes nothing.
#include <gtest/gtest.h>

#include <set>

#include "api_fixture.h"
#include "support/family_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class Issue15FamilyApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    family_ = AddSplitFamily(*world_);
    ASSERT_GT(family_.sibling_link, 0);
  }

  static std::string FamilyOf(long long child_id) {
    return "/api/v1/children/" + std::to_string(child_id) + "/family";
  }
  static std::string LinksOf(long long child_id) {
    return "/api/v1/children/" + std::to_string(child_id) + "/sibling-links";
  }
  static std::set<long long> Ids(const json& members) {
    std::set<long long> ids;
    for (const json& member : members) ids.insert(member["record"]["id"].get<long long>());
    return ids;
  }

  SplitFamily family_;
};

TEST_F(Issue15FamilyApiTest, Issue15_TheFamilyReadsAsOneAnswerWithPlacesDistancesAndTimeline) {
  HttpAnswer answer = Get(FamilyOf(family_.child_lima), "coordinator_a");
  ASSERT_EQ(answer.status, 200) << answer.raw;
  const json& body = answer.body;
  EXPECT_EQ(body["child_id"], family_.child_lima);
  EXPECT_EQ(body["apart_days"], 90);
  EXPECT_EQ(body["as_of"], "2026-11-23");
  EXPECT_EQ(Ids(body["children"]),
            (std::set<long long>{family_.child_ayacucho, family_.child_lima, family_.half_sister}));
  EXPECT_EQ(Ids(body["parents"]), (std::set<long long>{family_.mother, family_.father}));
  for (const json& parent : body["parents"]) {
    EXPECT_EQ(parent["place"]["kind"], "facility");
    EXPECT_TRUE(parent["place"]["facility"]["name"].is_string());
    // A coordinator does not read the offence category.
    EXPECT_FALSE(parent["record"].contains("offence_category")) << parent.dump();
  }
  for (const json& child : body["children"]) {
    if (child["record"]["id"] == family_.child_lima) {
      EXPECT_EQ(child["place"]["home"]["name"], "Casa Rímac");
    }
  }
  ASSERT_EQ(body["carers"].size(), 1u);
  EXPECT_EQ(body["carers"][0]["home"]["id"], family_.home_ayacucho);
  EXPECT_EQ(body["distances"].size(), 7u);
  bool parents_apart = false;
  for (const json& distance : body["distances"]) {
    if (distance["relation"] != "parents") continue;
    parents_apart = true;
    EXPECT_GT(distance["km"].get<double>(), 200);
    EXPECT_LT(distance["km"].get<double>(), 300);
  }
  EXPECT_TRUE(parents_apart);
  EXPECT_EQ(body["siblings_apart"].size(), 2u);
  const json& timeline = body["timeline"];
  ASSERT_GE(timeline.size(), 8u);
  for (size_t i = 1; i < timeline.size(); ++i) {
    EXPECT_LE(timeline[i - 1]["on"].get<std::string>(), timeline[i]["on"].get<std::string>());
  }
  EXPECT_EQ(timeline.front()["kind"], "born");
  EXPECT_EQ(timeline.back()["kind"], "expected_release");
}

TEST_F(Issue15FamilyApiTest, Issue15_OrganisationBSeesNoneOfAsChildrenInTheFamily) {
  HttpAnswer answer = Get(FamilyOf(family_.child_b), "coordinator_b");
  ASSERT_EQ(answer.status, 200) << answer.raw;
  EXPECT_EQ(Ids(answer.body["children"]), std::set<long long>{family_.child_b});
  EXPECT_EQ(Ids(answer.body["parents"]), std::set<long long>{family_.mother});
  const std::string text = answer.body.dump();
  for (long long foreign : {family_.child_ayacucho, family_.child_lima, family_.half_sister}) {
    for (const json& event : answer.body["timeline"]) EXPECT_NE(event["child_id"], foreign);
  }
  EXPECT_EQ(text.find("Casa Huamanga"), std::string::npos);
  EXPECT_EQ(text.find("Killa"), std::string::npos);
}

TEST_F(Issue15FamilyApiTest, Issue15_AFamilyOfOnlyForeignMembersIs404ExactlyAsAMissingId) {
  HttpAnswer foreign = Get(FamilyOf(family_.child_ayacucho), "coordinator_b");
  HttpAnswer missing = Get(FamilyOf(999999), "coordinator_b");
  ASSERT_EQ(foreign.status, 404) << foreign.raw;
  ASSERT_EQ(missing.status, 404) << missing.raw;
  EXPECT_EQ(foreign.content_type, missing.content_type);
  EXPECT_EQ(foreign.body["code"], missing.body["code"]);
  EXPECT_EQ(foreign.body["title"], missing.body["title"]);
  // The detail names the id asked for, and nothing else differs.
  std::string foreign_detail = foreign.body["detail"].get<std::string>();
  std::string missing_detail = missing.body["detail"].get<std::string>();
  const std::string id = std::to_string(family_.child_ayacucho);
  if (auto at = foreign_detail.find(id); at != std::string::npos) {
    foreign_detail.replace(at, id.size(), "999999");
  }
  EXPECT_EQ(foreign_detail, missing_detail);
  EXPECT_EQ(Get(FamilyOf(family_.child_ayacucho), "auditor").status, 403);
}

TEST_F(Issue15FamilyApiTest, Issue15_BadInputIs422NamingTheFieldAndWritesNothing) {
  HttpAnswer window = Get(FamilyOf(family_.child_lima) + "?apart_days=0", "coordinator_a");
  EXPECT_EQ(window.status, 422) << window.raw;
  EXPECT_EQ(window.body["field"], "apart_days");
  HttpAnswer own = Post(LinksOf(family_.child_lima), "coordinator_a",
                        {{"sibling_id", family_.child_lima}, {"relation", "full"}});
  EXPECT_EQ(own.status, 422) << own.raw;
  EXPECT_EQ(own.body["field"], "sibling_id");
  EXPECT_EQ(own.body["code"], "own_sibling");
  HttpAnswer foreign = Post(LinksOf(family_.child_lima), "coordinator_a",
                            {{"sibling_id", family_.child_b}, {"relation", "half"}});
  EXPECT_EQ(foreign.status, 422) << foreign.raw;
  EXPECT_EQ(foreign.body["field"], "sibling_id");
  HttpAnswer relation = Post(LinksOf(family_.child_lima), "coordinator_a",
                             {{"sibling_id", family_.half_sister}, {"relation", "cousin"}});
  EXPECT_EQ(relation.status, 422) << relation.raw;
  EXPECT_EQ(relation.body["field"], "relation");
  HttpAnswer twice = Post(LinksOf(family_.half_sister), "coordinator_a",
                          {{"sibling_id", family_.child_ayacucho}, {"relation", "half"}});
  EXPECT_EQ(twice.status, 409) << twice.raw;
  // Nothing was written: the same two sibling pairs as before.
  HttpAnswer after = Get(FamilyOf(family_.child_lima), "coordinator_a");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.body["siblings"].size(), 2u);
  // A new link joins the Lima child and the half sister.
  HttpAnswer linked = Post(LinksOf(family_.child_lima), "social_worker_a",
                           {{"sibling_id", family_.half_sister}, {"relation", "half"}});
  ASSERT_EQ(linked.status, 201) << linked.raw;
  EXPECT_EQ(linked.body["relation"], "half");
  EXPECT_EQ(Get(FamilyOf(family_.child_lima), "coordinator_a").body["siblings"].size(), 3u);
  EXPECT_EQ(Post(LinksOf(family_.child_lima), "caregiver_a",
                 {{"sibling_id", family_.half_sister}, {"relation", "half"}})
                .status,
            403);
}

}  // namespace
}  // namespace vinculo::testing
