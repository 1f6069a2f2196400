// Issue 13: one small-cell rule for every figure an auditor can ask for. The
// summary suppressed counts from 1 to 4; the nursery forecast and a
// facility's needs gave them away. Here each is walked as an auditor and as
// staff who may see exact counts.
#include "api_fixture.h"
#include "support/nursery_world.h"
#include "support/supply_world.h"

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

}  // namespace
}  // namespace vinculo::testing
