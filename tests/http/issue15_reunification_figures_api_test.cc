// Issue 15, release and reunification in the figures, over HTTP on both
// engines: the monthly programme report (CSV, and the same report as PDF and
// XLSX) carries the three reunification measures of
// domain/outcome_measures.h, and each figure equals a count the test makes
// itself from the records API (links, parents, children), sharing nothing
// with the report's SQL. The split family of support/family_world.h: the
// father gets a plan and is released the same day, the mother is released
// earlier without one; one child is placed back with the released parent;
// the mother's family has a follow-up contact in the month. The clock is
// 2026-11-23, the report's month 2026-11 (in progress).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "api_fixture.h"
#include "common/csv.h"
#include "support/family_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

constexpr const char* kMonth = "2026-11";

struct Figure {
  std::string numerator;
  std::string denominator;
  std::string value;
};

class Issue15ReunificationFiguresApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    family_ = AddSplitFamily(*world_);
    ASSERT_GT(family_.father, 0);
  }
  static std::string Parent(long long id) { return "/api/v1/parents/" + std::to_string(id); }
  void Release(long long parent, const std::string& on) {
    HttpAnswer read = Get(Parent(parent), "coordinator_a");
    HttpAnswer released = Patch(Parent(parent), "coordinator_a",
                                {{"custody_status", "released"}, {"released_on", on}}, read.etag);
    ASSERT_EQ(released.status, 200) << released.raw;
  }
  // The report's measures: code -> numerator, denominator, value (CSV text).
  std::map<std::string, Figure> Measures(long long organisation, const std::string& as) {
    HttpAnswer csv =
        Get("/api/v1/organisations/" + std::to_string(organisation) +
                "/reports/monthly?month=" + kMonth + "&format=csv&small_cell_threshold=1",
            as);
    EXPECT_EQ(csv.status, 200) << csv.raw;
    std::string text = csv.raw;
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text = text.substr(3);
    auto table = ParseCsv(text);
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    std::map<std::string, Figure> figures;
    if (!table.ok()) return figures;
    const int section = CsvColumn(*table, "section");
    const int code = CsvColumn(*table, "code");
    const int numerator = CsvColumn(*table, "numerator");
    const int denominator = CsvColumn(*table, "denominator");
    const int value = CsvColumn(*table, "value");
    for (const auto& row : table->rows) {
      if (row[section] != "measure") continue;
      figures[row[code]] = {row[numerator], row[denominator], row[value]};
    }
    return figures;
  }
  // The children of `organisation` linked to any of `parents`, read through
  // the records API: child id -> her placement.
  std::map<long long, std::string> ChildrenOf(const std::set<long long>& parents,
                                              long long organisation, const std::string& as) {
    std::map<long long, std::string> children;
    for (long long parent : parents) {
      HttpAnswer links = Get("/api/v1/parent_child_links?parent_id=" + std::to_string(parent), as);
      EXPECT_EQ(links.status, 200) << links.raw;
      for (const json& link : links.body["items"]) {
        HttpAnswer child = Get("/api/v1/children/" + link["child_id"].dump(), as);
        if (child.status == 200 && child.body["organisation_id"] == organisation) {
          children[child.body["id"].get<long long>()] = child.body["placement"];
        }
      }
    }
    return children;
  }
  static std::string Count(size_t count) { return std::to_string(count); }
  SplitFamily family_;
};

TEST_F(Issue15ReunificationFiguresApiTest,
       Issue15_TheMonthlyReportCountsReleasesPlacementsAndFollowUps) {
  // Before anything happens: no release, no value (never a division by 0).
  std::map<std::string, Figure> empty = Measures(world_->organisation_a, "coordinator_a");
  for (const char* code : {"releases_planned_ahead_share", "children_with_released_parent_share",
                           "follow_up_contacts_share"}) {
    ASSERT_TRUE(empty.count(code)) << code;
    EXPECT_EQ(empty[code].denominator, "0") << code;
    EXPECT_EQ(empty[code].value, "") << code;
  }

  // The father: a plan opened, then released the same day. The mother:
  // released on the 10th without a plan, a home visit on the 15th.
  ASSERT_EQ(
      Post(Parent(family_.father) + "/reunification-plan", "coordinator_a", json::object()).status,
      201);
  Release(family_.father, "2026-11-23");
  Release(family_.mother, "2026-11-10");
  ASSERT_EQ(Post(Parent(family_.mother) + "/follow-up-contacts", "social_worker_a",
                 {{"contacted_on", "2026-11-15"}, {"kind", "home_visit"}})
                .status,
            201);
  // One child back with the released father.
  const std::string child = "/api/v1/children/" + std::to_string(family_.child_lima);
  HttpAnswer read = Get(child, "coordinator_a");
  HttpAnswer placed =
      Call("POST", child + "/placements", TokenFor("coordinator_a"),
           json{{"placement", "with_released_parent"}, {"started_on", "2026-11-23"}}.dump(),
           {{"If-Match", read.etag}});
  ASSERT_EQ(placed.status, 200) << placed.raw;

  // The independent count: parents read back through the records API.
  const std::set<long long> released_parents = {family_.father, family_.mother};
  size_t released_in_month = 0;
  for (long long parent : released_parents) {
    HttpAnswer record = Get(Parent(parent), "coordinator_a");
    ASSERT_EQ(record.body["custody_status"], "released");
    released_in_month += record.body["released_on"].get<std::string>().substr(0, 7) == kMonth;
  }
  const std::map<long long, std::string> children_a =
      ChildrenOf(released_parents, world_->organisation_a, "coordinator_a");
  size_t back_with_parent = 0;
  for (const auto& [id, placement] : children_a) {
    back_with_parent += placement == "with_released_parent";
  }
  ASSERT_EQ(released_in_month, 2u);
  ASSERT_EQ(children_a.size(), 2u);  // Killa and Inti; the half sister is no parent's child here
  ASSERT_EQ(back_with_parent, 1u);
  size_t contacted = 0;
  for (long long parent : released_parents) {
    HttpAnswer contacts = Get(Parent(parent) + "/follow-up-contacts", "coordinator_a");
    bool in_month = false;
    for (const json& contact : contacts.body["items"]) {
      in_month |= contact["contacted_on"].get<std::string>().substr(0, 7) == kMonth;
    }
    contacted += in_month;
  }

  std::map<std::string, Figure> figures = Measures(world_->organisation_a, "coordinator_a");
  EXPECT_EQ(figures["releases_planned_ahead_share"].numerator, "1");  // the father only
  EXPECT_EQ(figures["releases_planned_ahead_share"].denominator, Count(released_in_month));
  EXPECT_EQ(figures["releases_planned_ahead_share"].value, "0.5");
  EXPECT_EQ(figures["children_with_released_parent_share"].numerator, Count(back_with_parent));
  EXPECT_EQ(figures["children_with_released_parent_share"].denominator, Count(children_a.size()));
  EXPECT_EQ(figures["children_with_released_parent_share"].value, "0.5");
  EXPECT_EQ(figures["follow_up_contacts_share"].numerator, Count(contacted));
  EXPECT_EQ(figures["follow_up_contacts_share"].denominator, Count(released_parents.size()));
  EXPECT_EQ(figures["follow_up_contacts_share"].value, "0.5");

  // Organisation B: the mother is its child's parent too; nobody of B is
  // placed with her, and her contact counts for B's family as well.
  const std::map<long long, std::string> children_b =
      ChildrenOf(released_parents, world_->organisation_b, "coordinator_b");
  std::map<std::string, Figure> theirs = Measures(world_->organisation_b, "coordinator_b");
  EXPECT_EQ(theirs["releases_planned_ahead_share"].numerator, "0");
  EXPECT_EQ(theirs["releases_planned_ahead_share"].denominator, "1");
  EXPECT_EQ(theirs["children_with_released_parent_share"].numerator, "0");
  EXPECT_EQ(theirs["children_with_released_parent_share"].denominator, Count(children_b.size()));
  EXPECT_EQ(theirs["follow_up_contacts_share"].numerator, "1");
  EXPECT_EQ(theirs["follow_up_contacts_share"].denominator, "1");

  // A follow-up period of 10 days ends the mother's on the 20th, still in
  // November: she counts. The same report as PDF and XLSX.
  const std::string settings =
      "/api/v1/organisations/" + std::to_string(world_->organisation_a) + "/follow-up-settings";
  HttpAnswer current = Get(settings, "coordinator_a");
  ASSERT_EQ(Call("PUT", settings, TokenFor("coordinator_a"), json{{"follow_up_days", 10}}.dump(),
                 {{"If-Match", current.etag}})
                .status,
            200);
  EXPECT_EQ(
      Measures(world_->organisation_a, "coordinator_a")["follow_up_contacts_share"].denominator,
      "2");
  const std::string report = "/api/v1/organisations/" + std::to_string(world_->organisation_a) +
                             "/reports/monthly?month=" + kMonth + "&small_cell_threshold=1";
  HttpAnswer pdf = Get(report + "&format=pdf", "coordinator_a");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.raw.substr(0, 5), "%PDF-");
  HttpAnswer xlsx = Get(report + "&format=xlsx", "coordinator_a");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.substr(0, 2), "PK");
}

}  // namespace
}  // namespace vinculo::testing
