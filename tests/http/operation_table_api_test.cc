// Issue 17: the operation tables against the live server. Every refusal of
// the request decoder carries its stable code; GET /auth/me lists the role's
// capabilities; and a bounded walk calls every documented operation and checks
// that the server answers with one of the statuses the document lists for it,
// and that every problem's code is one the document lists.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "common/refusal.h"
#include "domain/access.h"
#include "http/api_fixture.h"
#include "http/api_server.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

// The document's schema `name` or `schema` itself when it is not a $ref.
const json& Resolved(const json& document, const json& schema) {
  if (!schema.contains("$ref")) return schema;
  const std::string ref = schema["$ref"].get<std::string>();
  return document.at(json::json_pointer(ref.substr(1)));
}

// Whether `value` has the shape `schema` documents: its required members,
// and no others where the schema closes the object; into members and the
// first element of arrays, a few levels deep. Nulls are not checked.
void CheckShape(const json& document, const json& schema_or_ref, const json& value,
                const std::string& where, int depth, std::vector<std::string>& problems) {
  const json& schema = Resolved(document, schema_or_ref);
  if (schema.contains("allOf")) {
    for (const json& part : schema["allOf"]) {
      CheckShape(document, part, value, where, depth, problems);
    }
    return;
  }
  if (value.is_null() || depth > 4) return;
  if (value.is_object()) {
    for (const json& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>()))
        problems.push_back(where + " lacks " + name.get<std::string>());
    }
    const json properties = schema.value("properties", json::object());
    const bool closed = schema.contains("additionalProperties") &&
                        schema["additionalProperties"] == false && !properties.empty();
    for (const auto& [name, member] : value.items()) {
      if (properties.contains(name)) {
        CheckShape(document, properties[name], member, where + "." + name, depth + 1, problems);
      } else if (closed) {
        problems.push_back(where + " has the undocumented " + name);
      }
    }
  } else if (value.is_array() && !value.empty() && schema.contains("items")) {
    CheckShape(document, schema["items"], value[0], where + "[0]", depth + 1, problems);
  }
}

// A documented path with every parameter an id that exists nowhere.
std::string NowherePath(const std::string& path) {
  std::string concrete;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      concrete += "99999999";
      i = path.find('}', i);
    } else {
      concrete += path[i];
    }
  }
  return concrete;
}

class OperationTableApiTest : public ApiTest {
 protected:
  // "admin_global": the installation administrator, who sees every record.
  void SetUp() override {
    ApiTest::SetUp();
    NewUser admin;
    admin.username = "admin_global";
    admin.password = kPassword;
    admin.role = Role::kAdministrator;
    ASSERT_TRUE(world_->auth->AddUser(Actor::System(), admin).ok());
  }

  static const json& Document() {
    static const json kDocument = json::parse(OpenApiDocument());
    return kDocument;
  }
  static std::set<std::string> ProblemCodes() {
    std::set<std::string> codes;
    for (const json& code :
         Document()["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]) {
      codes.insert(code.get<std::string>());
    }
    return codes;
  }
};

TEST_F(OperationTableApiTest, Issue17_DecoderRefusalsCarryAStableCode) {
  const std::string plans =
      "/api/v1/organisations/" + std::to_string(world_->organisation_a) + "/plans";
  struct Case {
    std::string method;
    std::string path;
    std::string body;
    int status;
    std::string code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"POST", plans, R"({"month":"2027-03","extra":1})", 422, "field_unknown", "extra"},
      {"POST", plans, R"({})", 422, "field_required", "month"},
      {"POST", plans, R"({"month":3})", 422, "field_type", "month"},
      {"POST", plans, R"([1])", 400, "body_not_json", ""},
      {"GET", plans + "?colour=red", "", 422, "parameter_unknown", "colour"},
      {"GET", "/api/v1/nursery/forecast?months=99", "", 422, "parameter_invalid", "months"},
      {"GET", "/api/v1/organisations/999999/escorts", "", 422, "parameter_required", "month"},
      {"PATCH", "/api/v1/children/1", "{}", 428, "version_required", ""},
      {"GET", "/api/v1/plans/99999999", "", 404, "not_found", ""},
      {"GET", "/api/v1/no-such-thing", "", 404, "no_such_endpoint", ""},
      {"POST", "/api/v1/workshops/cohorts",
       R"({"course_id":1,"facility_id":1,"group_kind":"women","facilitator_user_id":1,)"
       R"("space_id":1,"start_date":"2027-01-04","completion_percent":101})",
       422, "field_range", "completion_percent"},
      {"POST", "/api/v1/extensions/1/decision", R"({"decision":"maybe"})", 422, "field_choice",
       "decision"},
  };
  const std::set<std::string> documented = ProblemCodes();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path + " " + c.body);
    HttpAnswer answer = Call(c.method, c.path, TokenFor("admin_global"), c.body);
    EXPECT_EQ(answer.status, c.status) << answer.raw;
    EXPECT_EQ(answer.content_type, "application/problem+json");
    EXPECT_EQ(answer.body.value("code", ""), c.code) << answer.raw;
    EXPECT_TRUE(documented.count(c.code)) << c.code;
    if (!c.field.empty()) EXPECT_EQ(answer.body.value("field", ""), c.field);
    // The members the web UI reads are still there.
    EXPECT_TRUE(answer.body.contains("detail"));
    EXPECT_TRUE(answer.body.contains("type"));
  }
  // A role its row leaves out is refused by the gate, with its own code.
  HttpAnswer forbidden = Get("/api/v1/users", "caregiver_a");
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(forbidden.body.value("code", ""), "role_forbidden");
}

// Issue 16: a refused form names every field at fault at once, each with its
// own code, and writes nothing. The decoder's refusals (an unknown member and
// a missing one) and a record kind's (a bad choice, a date that does not
// exist, missing names) alike; `field` stays the first of them.
TEST_F(OperationTableApiTest, Issue16_EveryFieldAtFaultIsNamedAtOnce) {
  const std::string plans =
      "/api/v1/organisations/" + std::to_string(world_->organisation_a) + "/plans";
  const auto fields_of = [](const json& problem) {
    std::map<std::string, std::string> codes;
    for (const json& error : problem["errors"]) {
      codes[error["field"].get<std::string>()] = error["code"].get<std::string>();
      EXPECT_FALSE(error.value("message", "").empty()) << error;
    }
    return codes;
  };
  const std::set<std::string> documented = ProblemCodes();

  HttpAnswer decoder = Call("POST", plans, TokenFor("admin_global"), R"({"extra":1})");
  EXPECT_EQ(decoder.status, 422) << decoder.raw;
  EXPECT_EQ(decoder.body.value("field", ""), "extra");
  EXPECT_EQ(decoder.body.value("code", ""), "field_unknown");
  EXPECT_EQ(fields_of(decoder.body), (std::map<std::string, std::string>{
                                         {"extra", "field_unknown"}, {"month", "field_required"}}));

  const json child = {{"given_names", "Zinnia Varioserror"},
                      {"sex", "dragon"},
                      {"date_of_birth", "2025-02-30"},
                      {"placement", "relatives"}};
  HttpAnswer record = Post("/api/v1/children", "coordinator_a", child);
  EXPECT_EQ(record.status, 422) << record.raw;
  const auto codes = fields_of(record.body);
  ASSERT_EQ(codes.size(), 3u) << record.raw;
  EXPECT_EQ(codes.at("sex"), "value_not_allowed");
  EXPECT_EQ(codes.at("date_of_birth"), "date_invalid");
  EXPECT_EQ(codes.at("family_names"), "value_required");
  EXPECT_EQ(record.body["errors"][0]["field"], record.body["field"]);
  EXPECT_EQ(record.body["errors"][0]["code"], record.body["code"]);
  for (const auto& [field, code] : codes) EXPECT_TRUE(documented.count(code)) << code;
  HttpAnswer found = Get("/api/v1/children?q=Varioserror", "coordinator_a");
  ASSERT_EQ(found.status, 200) << found.raw;
  EXPECT_TRUE(found.body["items"].empty()) << found.raw;
}

// A service's own refusals carry their specific code (common/refusal.h), the
// one the web UI translates; every one is in the document.
TEST_F(OperationTableApiTest, Issue17_ServiceRefusalsCarryTheirOwnCode) {
  struct Case {
    std::string path;
    json body;
    std::string code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"/api/v1/nursery/supply-items",
       {{"code", "Not A Code"},
        {"name_es", "x"},
        {"name_en", "x"},
        {"unit", "piece"},
        {"from_months", 0},
        {"quantity", 1},
        {"kind", "durable"}},
       "code_format",
       "code"},
      {"/api/v1/extensions/99999999/decision",
       {{"decision", "refused"}},
       "reason_required",
       "note"},
      {"/api/v1/pregnancies",
       {{"parent_id", 1}, {"due_date", "2000-01-01"}},
       "date_in_past",
       "due_date"},
  };
  const std::set<std::string> documented = ProblemCodes();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    HttpAnswer answer = Post(c.path, "admin_global", c.body);
    EXPECT_EQ(answer.status, 422) << answer.raw;
    EXPECT_EQ(answer.body.value("code", ""), c.code) << answer.raw;
    EXPECT_EQ(answer.body.value("field", ""), c.field);
    EXPECT_TRUE(documented.count(c.code)) << c.code;
  }
  for (Refusal refusal : AllRefusals()) EXPECT_TRUE(documented.count(RefusalCode(refusal)));
}

// The web UI translates refusals by code (web/src/i18n/problems.ts): every
// code it names is one the server documents, so none of its messages is dead.
TEST_F(OperationTableApiTest, Issue17_TheWebUiTranslatesOnlyDocumentedCodes) {
  // The source tree holds the build directory the tests run in.
  const std::filesystem::path relative =
      std::filesystem::path("web") / "src" / "i18n" / "problems.ts";
  std::filesystem::path source = relative;
  for (std::filesystem::path dir = std::filesystem::current_path(); dir.has_relative_path();
       dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / relative)) {
      source = dir / relative;
      break;
    }
  }
  std::ifstream file(source);
  ASSERT_TRUE(file) << source;
  const std::set<std::string> documented = ProblemCodes();
  const std::regex entry(R"(^\s+(?:\w+: \{ )?([a-z_]+): "[a-z]+\.)");
  int translated = 0;
  for (std::string line; std::getline(file, line);) {
    std::smatch match;
    if (!std::regex_search(line, match, entry)) continue;
    ++translated;
    EXPECT_TRUE(documented.count(match[1].str())) << match[1].str() << " in " << source;
  }
  EXPECT_GT(translated, 40);
}

// GET /auth/me names the nursery facilities whose needs the user sees: none
// for a role without access, her own facility for a nursery officer.
TEST_F(OperationTableApiTest, Issue17_MeNamesTheNurseriesInScope) {
  auto nurseries = [&](const std::string& user) {
    std::set<long long> ids;
    // Held by name: a range-for over a temporary answer's member reads it
    // after it has ended (AddressSanitizer: heap-use-after-free).
    const HttpAnswer me = Get("/api/v1/auth/me", user);
    for (const json& id : me.body["nursery_facility_ids"]) {
      ids.insert(id.get<long long>());
    }
    return ids;
  };
  EXPECT_TRUE(nurseries("caregiver_a").empty());
  EXPECT_TRUE(nurseries("visits_officer_a").empty());
  const std::set<long long> officer = nurseries("nursery_officer_a");
  EXPECT_TRUE(officer.empty() || officer == std::set<long long>{world_->facility_a});
  const std::set<long long> everyone = nurseries("admin_global");
  for (long long id : officer) EXPECT_TRUE(everyone.count(id));
}

TEST_F(OperationTableApiTest, Issue17_MeListsTheOperationsTheRoleMayCall) {
  std::set<std::string> operation_ids;
  for (const auto& [path, item] : Document()["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method != "parameters") operation_ids.insert(operation["operationId"].get<std::string>());
    }
  }
  auto capabilities = [&](const std::string& user) {
    HttpAnswer me = Get("/api/v1/auth/me", user);
    EXPECT_EQ(me.status, 200) << me.raw;
    std::set<std::string> ids;
    for (const json& id : me.body["capabilities"]) {
      EXPECT_TRUE(operation_ids.count(id.get<std::string>())) << id;
      ids.insert(id.get<std::string>());
    }
    return ids;
  };
  const std::set<std::string> admin = capabilities("admin_global");
  const std::set<std::string> caregiver = capabilities("caregiver_a");
  const std::set<std::string> nursery_officer = capabilities("nursery_officer_a");
  const std::set<std::string> auditor = capabilities("auditor");
  EXPECT_TRUE(admin.count("createUser"));
  EXPECT_TRUE(admin.count("createChild"));
  EXPECT_FALSE(caregiver.count("createUser"));
  EXPECT_FALSE(caregiver.count("saveTransitionPlan"));
  EXPECT_TRUE(nursery_officer.count("saveTransitionPlan"));
  EXPECT_TRUE(nursery_officer.count("approveTransitionPlan"));
  EXPECT_FALSE(nursery_officer.count("buildPlan"));
  EXPECT_TRUE(capabilities("coordinator_a").count("buildPlan"));
  EXPECT_TRUE(capabilities("visits_officer_a").count("createSessionTemplate"));
  EXPECT_FALSE(auditor.count("createChild"));
  EXPECT_FALSE(auditor.count("addHealthScheduleEntry"));
}

// The claim behind a row's roles, checked against the services: a role the
// row leaves out is refused (403, or 404 where the record is out of its
// scope), whatever the record.
TEST_F(OperationTableApiTest, Issue17_RolesLeftOutOfARowAreRefused) {
  const std::set<std::string> caregiver = [&] {
    std::set<std::string> ids;
    // Held by name: a range-for over a temporary answer's member reads it
    // after it has ended (AddressSanitizer: heap-use-after-free).
    const HttpAnswer me = Get("/api/v1/auth/me", "caregiver_a");
    for (const json& id : me.body["capabilities"]) {
      ids.insert(id.get<std::string>());
    }
    return ids;
  }();
  const std::string organisation = std::to_string(world_->organisation_a);
  const std::string facility = std::to_string(world_->facility_a);
  struct Case {
    std::string operation_id;
    std::string method;
    std::string path;
  };
  for (const Case& c : std::vector<Case>{
           {"buildPlan", "POST", "/api/v1/organisations/" + organisation + "/plans"},
           {"setEscort", "POST", "/api/v1/organisations/" + organisation + "/escorts"},
           {"createSessionTemplate", "POST",
            "/api/v1/facilities/" + facility + "/session-templates"},
           {"addHealthScheduleEntry", "POST", "/api/v1/nursery/health-schedule"},
           {"createUser", "POST", "/api/v1/users"}}) {
    SCOPED_TRACE(c.operation_id);
    EXPECT_FALSE(caregiver.count(c.operation_id));
    json body = json::object();
    if (c.operation_id == "buildPlan") body = {{"month", "2027-03"}};
    if (c.operation_id == "setEscort") body = {{"staff_id", 1}};
    if (c.operation_id == "addHealthScheduleEntry") {
      body = {{"kind", "checkup"}, {"name", "x"}, {"age_months", 1}};
    }
    if (c.operation_id == "createUser") body = {{"role", "caregiver"}};
    if (c.operation_id == "createSessionTemplate") {
      body = {{"pattern", "weekly"}, {"valid_from", "2027-01-01"}, {"start_time", "10:00"},
              {"end_time", "12:00"}, {"capacity_families", 4},     {"capacity_people", 10}};
    }
    HttpAnswer answer = Call(c.method, c.path, TokenFor("caregiver_a"), body.dump());
    EXPECT_TRUE(answer.status == 403 || answer.status == 404) << answer.raw;
  }
}

// Issue 17: the role gate from the tables, as an authorization matrix. For
// every documented operation and every role, a user of that role calls it
// (ids that exist nowhere, and an unknown query parameter, which the decoder
// refuses after the gate, so nothing changes): a role the document's x-roles
// leave out gets 403 role_forbidden; a role in it never does. And GET
// /auth/me's capabilities are exactly the operations the document allows the
// role.
TEST_F(OperationTableApiTest, Issue17_TheRoleGateFollowsTheTables) {
  const std::vector<std::pair<std::string, std::string>> users = {
      {"administrator", "admin_global"},
      {"programme_coordinator", "coordinator_a"},
      {"caregiver", "caregiver_a"},
      {"social_worker", "social_worker_a"},
      {"nursery_officer", "nursery_officer_a"},
      {"visits_officer", "visits_officer_a"},
      {"auditor", "auditor"}};
  ASSERT_EQ(users.size(), AllRoles().size());
  std::map<std::string, std::set<std::string>> allowed;
  size_t refused = 0;
  size_t let_through = 0;
  for (const auto& [path, item] : Document()["paths"].items()) {
    const std::string concrete = NowherePath(path);
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      const bool public_operation = operation.contains("security") && operation["security"].empty();
      if (public_operation || path == "/api/v1/auth/logout") continue;
      const std::string id = operation["operationId"].get<std::string>();
      std::set<std::string> roles;
      for (const auto& [role, user] : users) roles.insert(role);
      if (operation.contains("x-roles")) {
        roles.clear();
        for (const json& role : operation["x-roles"]) roles.insert(role.get<std::string>());
      }
      std::string verb = method;
      for (char& letter : verb) letter = static_cast<char>(std::toupper(letter));
      for (const auto& [role, user] : users) {
        const bool in_row = roles.count(role) > 0;
        if (in_row) allowed[role].insert(id);
        HttpAnswer answer = Call(verb, concrete + "?role_matrix=1", TokenFor(user),
                                 verb == "GET" ? "" : "{}", {{"If-Match", "\"1\""}});
        const bool gated =
            answer.status == 403 && answer.body.value("code", "") == "role_forbidden";
        EXPECT_EQ(gated, !in_row) << role << " " << verb << " " << concrete << ": " << answer.raw;
        ++(gated ? refused : let_through);
      }
    }
  }
  EXPECT_GT(refused, 300u);
  EXPECT_GT(let_through, 300u);
  for (const auto& [role, user] : users) {
    std::set<std::string> capabilities;
    const HttpAnswer me = Get("/api/v1/auth/me", user);
    ASSERT_EQ(me.status, 200) << me.raw;
    for (const json& id : me.body["capabilities"]) capabilities.insert(id.get<std::string>());
    EXPECT_EQ(capabilities, allowed[role]) << role;
  }
}

TEST_F(OperationTableApiTest, Issue17_TheServedDocumentIsTheGeneratedOne) {
  HttpAnswer served = Call("GET", "/api/v1/openapi.json", "");
  ASSERT_EQ(served.status, 200);
  EXPECT_EQ(served.content_type, "application/json");
  EXPECT_EQ(served.raw, OpenApiDocument());
}

// A bounded walk: every documented operation, as the global administrator,
// with ids that exist nowhere (99999999), an empty JSON object as the body
// and a stale If-Match. Each answer's status must be one the document lists
// for that operation, and a problem's code one it lists for problems; the
// router's own 404 (no such endpoint) would mean the document invents a route.
TEST_F(OperationTableApiTest, Issue17_EveryDocumentedOperationAnswersAsDocumented) {
  const std::set<std::string> codes = ProblemCodes();
  const std::string token = TokenFor("admin_global");
  size_t walked = 0;
  for (const auto& [path, item] : Document()["paths"].items()) {
    const std::string concrete = NowherePath(path);
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      // Signing out would end the walk's own session.
      if (path == "/api/v1/auth/logout") continue;
      std::string verb = method;
      for (char& letter : verb) letter = static_cast<char>(std::toupper(letter));
      SCOPED_TRACE(verb + " " + concrete);
      HttpAnswer answer =
          Call(verb, concrete, token, verb == "GET" ? "" : "{}", {{"If-Match", "\"1\""}});
      ++walked;
      EXPECT_TRUE(operation["responses"].contains(std::to_string(answer.status)))
          << "undocumented status " << answer.status << ": " << answer.raw;
      EXPECT_LT(answer.status, 500) << answer.raw;
      if (answer.status >= 400) {
        EXPECT_EQ(answer.content_type, "application/problem+json") << answer.raw;
        const std::string code = answer.body.value("code", "");
        EXPECT_TRUE(codes.count(code)) << answer.raw;
        EXPECT_NE(code, "no_such_endpoint");
      }
    }
  }
  EXPECT_GT(walked, 100u);
}

// The documented shapes: every GET the administrator can read in the test
// world (ids of its organisations, facilities and first records) answers JSON
// with the members its schema requires and, where the schema is closed, no
// others.
TEST_F(OperationTableApiTest, Issue17_ReadsAnswerWithTheDocumentedShape) {
  const std::string token = TokenFor("admin_global");
  std::vector<std::string> problems;
  size_t checked = 0;
  for (const long long id :
       {world_->organisation_a, world_->facility_a, world_->facility_b, 1LL, 2LL}) {
    for (const auto& [path, item] : Document()["paths"].items()) {
      if (!item.contains("get")) continue;
      const json& operation = item["get"];
      std::string concrete;
      for (size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '{') {
          concrete += std::to_string(id);
          i = path.find('}', i);
        } else {
          concrete += path[i];
        }
      }
      if (concrete == path && id != world_->organisation_a) continue;  // no ids: once
      for (const json& parameter : operation.value("parameters", json::array())) {
        if (parameter.value("in", "") == "query" && parameter.value("required", false)) {
          concrete += "?" + parameter["name"].get<std::string>() + "=2027-02";
        }
      }
      const json& ok = operation["responses"]["200"];
      if (!ok.contains("content") || !ok["content"].contains("application/json")) continue;
      HttpAnswer answer = Call("GET", concrete, token);
      if (answer.status != 200 || answer.body.is_discarded()) continue;
      CheckShape(Document(), ok["content"]["application/json"]["schema"], answer.body, concrete, 0,
                 problems);
      ++checked;
    }
  }
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
  EXPECT_GT(checked, 30u);
}

}  // namespace
}  // namespace vinculo::testing
