// Issue 13: one small-cell rule for every figure an auditor can ask for. The
// summary suppressed counts from 1 to 4; the nursery forecast and a
// facility's needs gave them away. Here each is walked as an auditor and as
// staff who may see exact counts.
#include <algorithm>
#include <regex>

#include "api_fixture.h"
#include "http/api_server.h"
#include "support/nursery_world.h"
#include "support/supply_world.h"
#include "support/workshop_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

// Every number in `figure` named `key`, anywhere in it.
void CollectCounts(const json& figure, const std::string& key, std::vector<json>& found) {
  if (figure.is_object()) {
    for (const auto& [name, value] : figure.items()) {
      if (name == key) found.push_back(value);
      CollectCounts(value, key, found);
    }
  } else if (figure.is_array()) {
    for (const json& element : figure) CollectCounts(element, key, found);
  }
}

bool HasSmallCell(const json& figure, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    std::vector<json> found;
    CollectCounts(figure, key, found);
    for (const json& count : found) {
      if (count.is_number_integer() && count.get<long long>() >= 1 && count.get<long long>() <= 4) {
        return true;
      }
    }
  }
  return false;
}

// The world's "admin" is the CLI's system actor, with no account: an
// installation administrator who signs in over HTTP.
void AddSigningInAdmin(World& world) {
  NewUser admin;
  admin.username = "admin";
  admin.password = kPassword;
  admin.role = Role::kAdministrator;
  auto created = world.auth->AddUser(Actor::System(), admin);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
}

class SmallCellTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    AddSigningInAdmin(*world_);
  }
};

TEST_F(SmallCellTest, Issue13_TheNurseryForecastHidesSmallCellsFromAuditors) {
  AddNursery(*world_);
  const std::string path = "/api/v1/nursery/forecast?from=2026-12&months=3";
  const std::vector<std::string> counts = {"children", "cribs", "beds", "age_outs",
                                           "expected_births"};
  HttpAnswer staff = Get(path, "admin");
  ASSERT_EQ(staff.status, 200) << staff.raw;
  ASSERT_TRUE(HasSmallCell(staff.body, counts)) << "the world has facilities with 1 to 4 children";
  HttpAnswer auditor = Get(path, "auditor");
  ASSERT_EQ(auditor.status, 200) << auditor.raw;
  EXPECT_FALSE(HasSmallCell(auditor.body, counts)) << auditor.raw;
}

TEST_F(SmallCellTest, Issue13_AFacilitysNeedsHideSmallCellsFromAuditors) {
  AddSupplyChildren(*world_);
  const std::string path =
      "/api/v1/facilities/" + std::to_string(world_->facility_a) + "/needs?as_of=2026-11-23";
  const std::vector<std::string> counts = {"children", "children_inside", "needed", "allocated",
                                           "shortfall"};
  HttpAnswer staff = Get(path, "nursery_officer_a");
  ASSERT_EQ(staff.status, 200) << staff.raw;
  ASSERT_TRUE(HasSmallCell(staff.body, counts));
  HttpAnswer auditor = Get(path, "auditor");
  ASSERT_EQ(auditor.status, 200) << auditor.raw;
  EXPECT_FALSE(HasSmallCell(auditor.body, {"children", "children_inside"})) << auditor.raw;
  // What follows from a hidden count is hidden with it.
  for (const json& item : auditor.body["now"]["items"]) {
    if (item["children"].is_null()) {
      EXPECT_TRUE(item["needed"].is_null()) << item;
      EXPECT_TRUE(item["shortfall"].is_null()) << item;
    }
  }
}

// Every integer member of `figure` that may be a count of people (not an id,
// a version, a capacity, a date part or a setting), with its path.
void CollectAnyCounts(const json& figure, const std::string& where,
                      std::vector<std::string>& small) {
  if (figure.is_object()) {
    for (const auto& [name, value] : figure.items()) {
      const bool not_a_count =
          name == "id" || name == "version" ||
          (name.size() > 3 && name.substr(name.size() - 3) == "_id") ||
          name.find("capacity") != std::string::npos || name.find("minute") != std::string::npos ||
          name.find("days") != std::string::npos || name.find("months") != std::string::npos ||
          name.find("percent") != std::string::npos || name == "position" || name == "year" ||
          name == "month" || name == "limit" || name == "sessions_held" ||
          // Items in stock count things, not people.
          name.find("quantity") != std::string::npos || name == "in_stock";
      if (!not_a_count && value.is_number_integer() && value.get<long long>() >= 1 &&
          value.get<long long>() <= 4) {
        small.push_back(where + "." + name + "=" + value.dump());
      }
      CollectAnyCounts(value, where + "." + name, small);
    }
  } else if (figure.is_array()) {
    for (size_t index = 0; index < figure.size(); ++index) {
      CollectAnyCounts(figure[index], where + "[" + std::to_string(index) + "]", small);
    }
  }
}

// Issue 13: "one small-cell suppression rule applied by every endpoint an
// auditor can call, tested by walking them all". Every GET of the API
// description is called as the auditor over a world whose facilities hold 1
// to 4 children; no answer she gets (200) holds a count from 1 to 4.
TEST_F(SmallCellTest, Issue13_NoAnswerAnAuditorGetsShowsASmallCell) {
  AddSupplyChildren(*world_);  // 4 children inside facility A, 2 inside B
  const WorkshopFixture workshops = AddWorkshopWorld(*world_);
  // A cohort of two mothers, and two cribs given to facility A.
  const HttpAnswer cohort = Post("/api/v1/workshops/cohorts", "social_worker_a",
                                 {{"course_id", workshops.short_course},
                                  {"facility_id", world_->facility_a},
                                  {"group_kind", "women"},
                                  {"facilitator_user_id", workshops.facilitator},
                                  {"space_id", workshops.patio_a},
                                  {"start_date", "2026-11-01"},
                                  {"start_time", "09:30"},
                                  {"end_time", "11:30"}});
  ASSERT_EQ(cohort.status, 201) << cohort.raw;
  for (int mother = 0; mother < 2; ++mother) {
    ASSERT_EQ(Post("/api/v1/workshops/cohorts/" + cohort.body["id"].dump() + "/enrolments",
                   "social_worker_a", {{"parent_id", workshops.mothers_a[mother]}})
                  .status,
              201);
  }
  ASSERT_EQ(Post("/api/v1/facilities/" + std::to_string(world_->facility_a) + "/donations",
                 "nursery_officer_a",
                 {{"item_id", CatalogueItemId(*world_, "crib")},
                  {"quantity", 2},
                  {"donor_type", "family"}})
                .status,
            201);
  const json document = json::parse(OpenApiDocument());
  const std::regex any_id(R"(\{[a-z_]+\})");
  std::vector<std::string> answered;
  std::vector<std::string> small;
  for (const auto& [path, item] : document["paths"].items()) {
    if (!item.contains("get")) continue;
    std::string concrete = std::regex_replace(path, any_id, std::to_string(world_->facility_a));
    std::string query;
    for (const json& parameter : item["get"].value("parameters", json::array())) {
      if (!parameter.is_object() || !parameter.value("required", false)) continue;
      query += (query.empty() ? "?" : "&") + parameter["name"].get<std::string>() + "=2026-12";
    }
    const HttpAnswer answer = Get(concrete + query, "auditor");
    if (answer.status != 200 || !answer.body.is_object()) continue;
    answered.push_back(path);
    // The API description and reference data (places, rules, the catalogue)
    // count no one.
    if (path == "/api/v1/openapi.json" || path.find("supply-items") != std::string::npos ||
        path.find("health-schedule") != std::string::npos) {
      continue;
    }
    CollectAnyCounts(answer.body, path, small);
  }
  std::string listed;
  for (const std::string& path : answered) listed += " " + path;
  std::printf("small-cell walk: %zu answers the auditor gets:%s\n", answered.size(),
              listed.c_str());
  std::string found;
  for (const std::string& cell : small) found += "  " + cell + "\n";
  EXPECT_TRUE(small.empty()) << found;
  // Staff who may see exact counts see small ones in the same answers, so
  // the walk could fail.
  for (const std::string& figure :
       {std::string("/api/v1/nursery/forecast"), std::string("/api/v1/figures/summary"),
        std::string("/api/v1/workshops/figures"),
        "/api/v1/facilities/" + std::to_string(world_->facility_a) + "/needs"}) {
    const HttpAnswer exact = Get(figure, "admin");
    ASSERT_EQ(exact.status, 200) << figure << " " << exact.raw;
    std::vector<std::string> seen;
    CollectAnyCounts(exact.body, figure, seen);
    EXPECT_FALSE(seen.empty()) << figure << " shows the administrator no count from 1 to 4";
  }
  // The figures themselves are among them.
  EXPECT_NE(std::find(answered.begin(), answered.end(), "/api/v1/nursery/forecast"),
            answered.end());
  EXPECT_NE(std::find(answered.begin(), answered.end(), "/api/v1/figures/summary"), answered.end());
}

}  // namespace
}  // namespace vinculo::testing
