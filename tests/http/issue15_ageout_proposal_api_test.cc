// Issue 15, on both engines, over HTTP: a child's age-out decision is kept;
// an administrator's back-dated rule version does not move it but makes a
// proposal that the nursery officer of her facility accepts (If-Match) or
// rejects; another facility's officer reads it as not found; a rule version
// may be open-ended in the past, one per jurisdiction. The nursery world
// (Peru 36 months; Wayta born 2024-04-01 ages out 2027-04-01); the clock is
// 2026-11-23T12:00:00Z.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "support/nursery_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class AgeOutProposalApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    children_ = AddNursery(*world_);
    ASSERT_GT(children_.calm_b, 0);
    // "admin" is the installation administrator, who alone writes rules.
    NewUser admin;
    admin.username = "admin";
    admin.password = kPassword;
    admin.role = Role::kAdministrator;
    ASSERT_TRUE(world_->auth->AddUser(Actor::System(), admin).ok());
  }
  static std::string ChildPath(long long child_id) {
    return "/api/v1/children/" + std::to_string(child_id);
  }
  static json Rule(long long jurisdiction_id, long long months, const json& from) {
    json rule = {{"jurisdiction_id", jurisdiction_id}, {"allowed", true},
                 {"max_age_months", months},           {"rule_kind", "law"},
                 {"extension_possible", "no"},         {"source", "Ley sintética"}};
    if (!from.is_null()) rule["effective_from"] = from;
    return rule;
  }
  HttpAnswer Decide(long long id, const std::string& what, const std::string& as,
                    const std::string& etag) {
    httplib::Headers headers;
    if (!etag.empty()) headers.emplace("If-Match", etag);
    return Call("POST", "/api/v1/ageout-proposals/" + std::to_string(id) + "/" + what, TokenFor(as),
                "", headers);
  }

  NurseryChildren children_;
};

TEST_F(AgeOutProposalApiTest, Issue15_ABackDatedRuleWaitsForTheNurseryOfficersAcceptance) {
  HttpAnswer rule =
      Post("/api/v1/coresidence_rules", "admin", Rule(world_->jurisdiction_pe, 24, "2024-01-01"));
  ASSERT_EQ(rule.status, 201) << rule.raw;

  HttpAnswer child = Get(ChildPath(children_.notice_a), "nursery_officer_a");
  ASSERT_EQ(child.status, 200) << child.raw;
  EXPECT_EQ(child.body["age_out_date"], "2027-04-01");
  EXPECT_EQ(child.body["age_out_policy"], "rule_at_admission");
  EXPECT_EQ(child.body["age_out_proposed_date"], "2026-04-01");
  EXPECT_EQ(child.body["age_out_proposal_reason"],
            "rule version " + std::to_string(rule.body["id"].get<long long>()) + " added");
  const long long proposal_id = child.body["age_out_proposal_id"];
  const long long version = child.body["age_out_proposal_version"];

  HttpAnswer board =
      Get("/api/v1/nursery/ageouts?facility_id=" + std::to_string(world_->facility_a),
          "nursery_officer_a");
  ASSERT_EQ(board.status, 200) << board.raw;
  for (const json& row : board.body["items"]) {
    if (row["child_id"] != children_.notice_a) continue;
    EXPECT_EQ(row["age_out_date"], "2027-04-01");
    EXPECT_EQ(row["proposal"]["proposed_date"], "2026-04-01");
    // The reason's stable code and rule, for a translated text (issue 16).
    EXPECT_EQ(row["proposal"]["reason_code"], "rule_added");
    EXPECT_EQ(row["proposal"]["reason_rule_id"], rule.body["id"]);
    EXPECT_EQ(row["decision"]["age_out_date"], "2027-04-01");
  }

  // Another facility's officer: nothing listed, deciding reads as not found.
  HttpAnswer foreign = Get("/api/v1/nursery/ageout-proposals", "nursery_officer_b");
  ASSERT_EQ(foreign.status, 200) << foreign.raw;
  EXPECT_TRUE(foreign.body["items"].empty());
  EXPECT_EQ(
      Decide(proposal_id, "accept", "nursery_officer_b", "\"" + std::to_string(version) + "\"")
          .status,
      404);
  // Without If-Match, or with an old version: refused, nothing changes.
  EXPECT_EQ(Decide(proposal_id, "accept", "nursery_officer_a", "").status, 428);
  EXPECT_EQ(
      Decide(proposal_id, "accept", "nursery_officer_a", "\"" + std::to_string(version + 5) + "\"")
          .status,
      412);
  EXPECT_EQ(Get(ChildPath(children_.notice_a), "admin").body["age_out_date"], "2027-04-01");

  HttpAnswer listed = Get("/api/v1/nursery/ageout-proposals?status=pending", "nursery_officer_a");
  ASSERT_EQ(listed.status, 200) << listed.raw;
  ASSERT_EQ(listed.body["items"].size(), 1u);
  HttpAnswer accepted =
      Decide(proposal_id, "accept", "nursery_officer_a", "\"" + std::to_string(version) + "\"");
  ASSERT_EQ(accepted.status, 200) << accepted.raw;
  EXPECT_EQ(accepted.body["status"], "accepted");
  child = Get(ChildPath(children_.notice_a), "nursery_officer_a");
  EXPECT_EQ(child.body["age_out_date"], "2026-04-01");
  EXPECT_TRUE(child.body["age_out_proposal_id"].is_null());
  EXPECT_EQ(Decide(proposal_id, "reject", "nursery_officer_a",
                   "\"" + std::to_string(accepted.body["version"].get<long long>()) + "\"")
                .status,
            409);
}

TEST_F(AgeOutProposalApiTest, Issue15_AnOpenEndedRuleVersionOnePerJurisdiction) {
  HttpAnswer chile =
      Post("/api/v1/jurisdictions", "admin", {{"code", "CL"}, {"name", "Chile (sintético)"}});
  ASSERT_EQ(chile.status, 201) << chile.raw;
  const long long chile_id = chile.body["id"];
  HttpAnswer open = Post("/api/v1/coresidence_rules", "admin", Rule(chile_id, 24, nullptr));
  ASSERT_EQ(open.status, 201) << open.raw;
  EXPECT_TRUE(open.body["effective_from"].is_null());
  HttpAnswer second = Post("/api/v1/coresidence_rules", "admin", Rule(chile_id, 30, nullptr));
  EXPECT_EQ(second.status, 422) << second.raw;
  EXPECT_EQ(second.body.value("field", ""), "effective_from");
  HttpAnswer nonsense =
      Post("/api/v1/coresidence_rules", "admin", Rule(chile_id, 30, "2024-13-01"));
  EXPECT_EQ(nonsense.status, 422) << nonsense.raw;
  EXPECT_EQ(nonsense.body.value("field", ""), "effective_from");
  HttpAnswer rules =
      Get("/api/v1/coresidence_rules?jurisdiction_id=" + std::to_string(chile_id), "admin");
  ASSERT_EQ(rules.status, 200) << rules.raw;
  EXPECT_EQ(rules.body["items"].size(), 1u);
}

}  // namespace
}  // namespace vinculo::testing
