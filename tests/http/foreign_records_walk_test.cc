// Issue 13: no operation reaches another organisation's records, proven by a
// walk generated from the API description rather than a hand-kept list. For
// every documented operation with a record id in its path whose records
// belong to an organisation (children, parents, parent-child links, homes,
// what hangs off an organisation, users), a programme coordinator of organisation B
// calls it with organisation A's record and with an id that does not exist:
// she must get the same status for both (out of scope reads exactly as
// missing), never a success, and A's own coordinator reading the same record
// shows that it was there to be refused. A refused write leaves every table
// as it was (compared row by row). A new operation on such a record is
// walked without anyone listing it; one on a path whose records are not
// mapped here is counted, so the walk's reach is visible.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "http/api_fixture.h"
#include "http/api_server.h"
#include "support/table_snapshot.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class ForeignRecordsWalkTest : public ApiTest {};

TEST_F(ForeignRecordsWalkTest, Issue13_NoOperationReachesAnotherOrganisationsRecords) {
  const json document = json::parse(OpenApiDocument());
  Record parent = world_->AddParent("A");
  Record child = world_->AddChild("A");
  Record link = world_->Link(parent.id, child.id, "mother");
  // Organisation A's record behind each path segment that names an
  // organisation's records.
  const std::map<std::string, long long> own_records = {
      {"children", child.id},
      {"parents", parent.id},
      {"parent_child_links", link.id},
      {"homes", world_->home_a},
      {"organisations", world_->organisation_a},
      {"users", world_->actor("coordinator_a").user_id},
  };
  const std::string stranger = TokenFor("coordinator_b");
  const std::string owner = TokenFor("coordinator_a");
  const std::regex first_id(R"(/([a-z_-]+)/\{[a-z_]+\})");
  const std::regex any_id(R"(\{[a-z_]+\})");
  size_t walked = 0;
  size_t proven = 0;
  size_t unmapped = 0;
  for (const auto& [path, item] : document["paths"].items()) {
    std::smatch match;
    if (!std::regex_search(path, match, first_id)) continue;
    const auto record = own_records.find(match[1].str());
    if (record == own_records.end()) {
      unmapped += item.size();
      continue;
    }
    // Every id of the path is organisation A's record of the first segment;
    // further ids (a link of a child, say) then point at it too, or at
    // nothing, the same for both callers.
    auto concrete = [&path = path, &any_id](long long id) {
      return std::regex_replace(path, any_id, std::to_string(id));
    };
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      std::string verb = method;
      for (char& letter : verb) letter = static_cast<char>(std::toupper(letter));
      std::string query;
      for (const json& parameter : operation.value("parameters", json::array())) {
        if (parameter.value("in", "") == "query" && parameter.value("required", false)) {
          query += (query.empty() ? "?" : "&") + parameter["name"].get<std::string>() + "=2027-02";
        }
      }
      // An organisation's own record is reference data (its name and place:
      // ScopeRule::kReference), read by every signed-in user; what hangs off
      // it (plans, settings, escorts) is walked.
      if (verb == "GET" && path == "/api/v1/organisations/{id}") continue;
      const std::string body = verb == "GET" || verb == "DELETE" ? "" : "{}";
      const std::string foreign_path = concrete(record->second) + query;
      SCOPED_TRACE(verb + " " + foreign_path);
      const std::string before = verb == "GET" ? "" : EveryRow(world_->database->store());
      HttpAnswer foreign = Call(verb, foreign_path, stranger, body, {{"If-Match", "\"1\""}});
      HttpAnswer missing =
          Call(verb, concrete(99999999) + query, stranger, body, {{"If-Match", "\"1\""}});
      ++walked;
      if (verb != "GET") {
        const std::string after = EveryRow(world_->database->store());
        EXPECT_TRUE(before == after) << "a refused call wrote: " << FirstDifference(before, after);
      }
      EXPECT_GE(foreign.status, 400) << foreign.raw;
      EXPECT_EQ(foreign.status, missing.status)
          << "organisation A's record answers unlike a missing one: " << foreign.raw << " / "
          << missing.raw;
      // The same words, the id aside.
      const auto words = [](const HttpAnswer& answer, long long id) {
        return std::regex_replace(answer.body.value("detail", ""),
                                  std::regex("\\b" + std::to_string(id) + "\\b"), "N");
      };
      EXPECT_EQ(words(foreign, record->second), words(missing, 99999999)) << foreign.raw;
      if (verb == "GET" && Call("GET", foreign_path, owner).status == 200) ++proven;
    }
  }
  std::printf(
      "foreign-records walk: %zu operations walked, %zu reads refused to B that A reads, "
      "%zu operations on unmapped paths\n",
      walked, proven, unmapped);
  EXPECT_GT(walked, 50u);
  EXPECT_GT(proven, 15u);
}

}  // namespace
}  // namespace vinculo::testing
