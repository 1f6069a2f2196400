// The OpenAPI document (generated from the operation tables and
// docs/openapi-base.json) against the code it describes: every record kind's
// schema lists exactly the descriptor's fields with their types, enums and
// flags, and every route the server registers has its path and methods.
// Adding a field or a kind without documenting it fails here.
#include <gtest/gtest.h>

#include <functional>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/access.h"
#include "domain/permissions.h"
#include "domain/record.h"
#include "http/api_server.h"
#include "json/account_json.h"
#include "json/calendar_subscription_json.h"
#include "json/family_json.h"
#include "json/nursery_care_json.h"
#include "json/nursery_json.h"
#include "json/record_json.h"
#include "json/reunification_json.h"
#include "json/supply_json.h"
#include "json/today_json.h"
#include "json/visit_json.h"
#include "json/workshop_json.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

const json& Document() {
  static const json kDocument = json::parse(OpenApiDocument());
  return kDocument;
}

// The component schema that documents each kind. A new kind needs a line here
// and a schema in the document.
std::string SchemaNameOf(const RecordKind& kind) {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"jurisdictions", "Jurisdiction"},
      {"coresidence_rules", "CoresidenceRule"},
      {"organisations", "Organisation"},
      {"facilities", "Facility"},
      {"wings", "Wing"},
      {"spaces", "Space"},
      {"homes", "Home"},
      {"staff", "Staff"},
      {"parents", "Parent"},
      {"children", "Child"},
      {"parent_child_links", "ParentChildLink"}};
  auto it = kNames.find(kind.name);
  return it == kNames.end() ? std::string() : it->second;
}

const std::vector<std::string> kSystemFields = {"id", "version", "archived", "created_at",
                                                "updated_at"};
const std::vector<std::string> kMethods = {"get",     "put",  "post",  "delete",
                                           "options", "head", "patch", "trace"};

// node[k1][k2]..., or null when a key is missing (const operator[] on a
// missing key is undefined behaviour in nlohmann::json).
const json& At(const json& node, std::initializer_list<std::string> keys) {
  static const json kMissing;
  const json* current = &node;
  for (const std::string& key : keys) {
    if (!current->is_object()) return kMissing;
    auto it = current->find(key);
    if (it == current->end()) return kMissing;
    current = &*it;
  }
  return *current;
}

// Follows a local "$ref" ("#/components/...") if `node` is one; null when
// it does not resolve.
const json& Resolve(const json& node) {
  static const json kMissing;
  if (!node.is_object() || !node.contains("$ref") || !node["$ref"].is_string()) return node;
  const std::string target = node["$ref"].get<std::string>();
  if (target.rfind("#/", 0) != 0) return kMissing;
  const json::json_pointer pointer(target.substr(1));
  return Document().contains(pointer) ? Document().at(pointer) : kMissing;
}

std::set<std::string> Keys(const json& object) {
  std::set<std::string> keys;
  if (!object.is_object()) return keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

std::set<std::string> MethodsOf(const json& path_item) {
  std::set<std::string> methods;
  for (const std::string& method : kMethods) {
    if (path_item.is_object() && path_item.contains(method)) methods.insert(method);
  }
  return methods;
}

std::set<std::string> Strings(const json& array) {
  std::set<std::string> out;
  if (!array.is_array()) return out;
  for (const json& element : array)
    out.insert(element.is_string() ? element.get<std::string>() : "?");
  return out;
}

std::string Text(const json& node) { return node.is_string() ? node.get<std::string>() : ""; }

bool Flag(const json& node) { return node.is_boolean() && node.get<bool>(); }

// Names of the parameters of an operation and of its path item, as "in:name".
std::set<std::string> ParametersOf(const json& path_item, const json& operation) {
  std::set<std::string> names;
  for (const json* owner : {&path_item, &operation}) {
    const json& list = At(*owner, {"parameters"});
    if (!list.is_array()) continue;
    for (const json& parameter : list) {
      const json& resolved = Resolve(parameter);
      names.insert(Text(At(resolved, {"in"})) + ":" + Text(At(resolved, {"name"})));
    }
  }
  return names;
}

struct JsonType {
  const char* type;
  const char* format;  // nullptr: none
};

JsonType ExpectedJsonType(FieldType type) {
  switch (type) {
    case FieldType::kText:
    case FieldType::kEnum:
      return {"string", nullptr};
    case FieldType::kDate:
      return {"string", "date"};
    case FieldType::kInteger:
    case FieldType::kReference:
      return {"integer", "int64"};
    case FieldType::kNumber:
      return {"number", "double"};
    case FieldType::kBoolean:
      return {"boolean", nullptr};
  }
  return {"?", nullptr};
}

bool Has(const std::set<std::string>& set, const std::string& value) {
  return set.count(value) > 0;
}

// Checks one property schema against its field spec (shared by the record and
// the PATCH schemas).
void ExpectPropertyMatches(const FieldSpec& spec, const json& property) {
  const std::string name(spec.name);
  SCOPED_TRACE(name);
  ASSERT_TRUE(property.is_object());
  const JsonType expected = ExpectedJsonType(spec.type);
  EXPECT_EQ(Text(At(property, {"type"})), expected.type);
  if (expected.format) {
    EXPECT_EQ(Text(At(property, {"format"})), expected.format);
  } else {
    EXPECT_FALSE(property.contains("format"));
  }
  EXPECT_EQ(Flag(At(property, {"nullable"})), !spec.required);
  EXPECT_EQ(Flag(At(property, {"readOnly"})), spec.read_only);
  EXPECT_EQ(Flag(At(property, {"x-immutable"})), spec.immutable);
  EXPECT_EQ(Flag(At(property, {"x-restricted"})), spec.restricted);
  const std::string description = Text(At(property, {"description"}));
  EXPECT_FALSE(description.empty());
  if (spec.immutable) {
    EXPECT_NE(description.find("Immutable"), std::string::npos);
  }
  if (spec.restricted) {
    EXPECT_NE(description.find("Restricted"), std::string::npos);
  }

  if (spec.type == FieldType::kEnum) {
    const json& values_json = At(property, {"enum"});
    ASSERT_TRUE(values_json.is_array());
    std::vector<std::string> values;
    bool has_null = false;
    for (const json& value : values_json) {
      if (value.is_null()) {
        has_null = true;
      } else {
        values.push_back(Text(value));
      }
    }
    EXPECT_EQ(values, std::vector<std::string>(spec.enum_values.begin(), spec.enum_values.end()));
    // OpenAPI 3.0.3: a nullable enum lists null among its values.
    EXPECT_EQ(has_null, !spec.required);
  } else {
    EXPECT_FALSE(property.contains("enum"));
  }
  if (spec.type == FieldType::kInteger || spec.type == FieldType::kNumber) {
    ASSERT_TRUE(At(property, {"minimum"}).is_number());
    ASSERT_TRUE(At(property, {"maximum"}).is_number());
    EXPECT_DOUBLE_EQ(property["minimum"].get<double>(), spec.min_value);
    EXPECT_DOUBLE_EQ(property["maximum"].get<double>(), spec.max_value);
  }
  if (spec.type == FieldType::kReference) {
    EXPECT_EQ(At(property, {"minimum"}), 1);
  }
}

TEST(OpenApiDocument, IsAnOpenApi303DocumentWithBothAuthSchemes) {
  json parsed;
  ASSERT_NO_THROW(parsed = json::parse(OpenApiDocument()));
  ASSERT_TRUE(parsed.is_object());
  const json& document = Document();
  EXPECT_EQ(At(document, {"openapi"}), "3.0.3");
  EXPECT_EQ(At(document, {"info", "title"}), "Vínculo API");
  EXPECT_EQ(At(document, {"info", "version"}), "0.1.0");
  const std::string description = Text(At(document, {"info", "description"}));
  for (const char* needle :
       {"vinculo_session", "HttpOnly", "SameSite=Strict", "Authorization: Bearer",
        "/api/v1/auth/login", "version", "ETag", "If-Match", "412", "428",
        "application/problem+json", "scoped", "audit"}) {
    EXPECT_NE(description.find(needle), std::string::npos) << needle;
  }

  const json& schemes = At(document, {"components", "securitySchemes"});
  EXPECT_EQ(At(schemes, {"bearerAuth", "type"}), "http");
  EXPECT_EQ(At(schemes, {"bearerAuth", "scheme"}), "bearer");
  EXPECT_EQ(At(schemes, {"cookieAuth", "type"}), "apiKey");
  EXPECT_EQ(At(schemes, {"cookieAuth", "in"}), "cookie");
  EXPECT_EQ(At(schemes, {"cookieAuth", "name"}), "vinculo_session");
  EXPECT_EQ(At(document, {"security"}), json::parse(R"([{"bearerAuth": []}, {"cookieAuth": []}])"));

  // Public routes (Router::Public) need no session; logout works with or without one.
  for (const auto& [path, method] :
       std::vector<std::pair<std::string, std::string>>{{"/api/v1/health", "get"},
                                                        {"/api/v1/openapi.json", "get"},
                                                        {"/api/v1/auth/login", "post"},
                                                        {"/api/v1/calendars/{token}.ics", "get"}}) {
    EXPECT_EQ(At(document, {"paths", path, method, "security"}), json::array()) << path;
  }
  // Every other operation uses the global security (no override).
  for (const auto& [path, item] : At(document, {"paths"}).items()) {
    if (path == "/api/v1/health" || path == "/api/v1/openapi.json" ||
        path == "/api/v1/auth/login" || path == "/api/v1/auth/logout" ||
        path == "/api/v1/calendars/{token}.ics") {
      continue;
    }
    for (const std::string& method : MethodsOf(item)) {
      EXPECT_FALSE(item[method].contains("security")) << method << " " << path;
    }
  }
}

TEST(OpenApiDocument, EveryReferenceResolves) {
  std::vector<std::string> broken;
  std::function<void(const json&)> walk = [&](const json& node) {
    if (node.is_object()) {
      if (node.contains("$ref") && Resolve(node).is_null()) broken.push_back(node["$ref"].dump());
      for (const auto& [key, value] : node.items()) walk(value);
    } else if (node.is_array()) {
      for (const json& value : node) walk(value);
    }
  };
  walk(Document());
  EXPECT_TRUE(broken.empty()) << ::testing::PrintToString(broken);
}

TEST(OpenApiDocument, RecordKindSchemasListEveryDescriptorField) {
  const json& schemas = At(Document(), {"components", "schemas"});
  for (const RecordKind* kind : AllRecordKinds()) {
    SCOPED_TRACE(std::string(kind->name));
    const std::string schema_name = SchemaNameOf(*kind);
    ASSERT_FALSE(schema_name.empty()) << "no schema name for the new kind " << kind->name;
    const json& schema = At(schemas, {schema_name});
    ASSERT_TRUE(schema.is_object()) << "no schema " << schema_name;
    EXPECT_EQ(At(schema, {"type"}), "object");
    EXPECT_EQ(At(schema, {"additionalProperties"}), false);
    const json& properties = At(schema, {"properties"});

    std::set<std::string> expected(kSystemFields.begin(), kSystemFields.end());
    for (const FieldSpec& spec : kind->fields) expected.insert(std::string(spec.name));
    if (kind == &FacilityKind()) expected.insert("occupancy_percent");
    if (kind == &ChildKind()) {
      // Only in a child's GET (issue 15).
      for (const char* name :
           {"age_out_date", "age_out_basis", "age_out_rule_id", "age_out_max_age_months",
            "age_out_source", "age_out_problem", "age_out_policy", "age_out_decided_at",
            "age_out_proposal_id", "age_out_proposal_version", "age_out_proposed_date",
            "age_out_proposal_reason"}) {
        expected.insert(name);
        EXPECT_TRUE(Flag(At(properties, {name, "readOnly"}))) << name;
      }
    }
    EXPECT_EQ(Keys(properties), expected);

    for (const std::string& name : kSystemFields) {
      EXPECT_TRUE(Flag(At(properties, {name, "readOnly"}))) << name;
      EXPECT_FALSE(Flag(At(properties, {name, "nullable"}))) << name;
    }
    EXPECT_EQ(At(properties, {"id", "type"}), "integer");
    EXPECT_EQ(At(properties, {"version", "type"}), "integer");
    EXPECT_EQ(At(properties, {"archived", "type"}), "boolean");
    EXPECT_EQ(At(properties, {"created_at", "type"}), "string");
    EXPECT_EQ(At(properties, {"updated_at", "type"}), "string");
    if (kind == &FacilityKind()) {
      EXPECT_EQ(At(properties, {"occupancy_percent", "type"}), "number");
      EXPECT_TRUE(Flag(At(properties, {"occupancy_percent", "readOnly"})));
    }

    for (const FieldSpec& spec : kind->fields) {
      ExpectPropertyMatches(spec, At(properties, {std::string(spec.name)}));
    }

    // `required`: the system fields (always in responses; readOnly, so not
    // asked of requests) and the descriptor's required fields, nothing else.
    std::set<std::string> required(kSystemFields.begin(), kSystemFields.end());
    for (const FieldSpec& spec : kind->fields) {
      if (spec.required) required.insert(std::string(spec.name));
    }
    EXPECT_EQ(Strings(At(schema, {"required"})), required);
    EXPECT_EQ(At(schema, {"required"}).size(), required.size()) << "duplicates in required";
  }
}

TEST(OpenApiDocument, RecordKindPatchSchemasListTheWritableFields) {
  const json& schemas = At(Document(), {"components", "schemas"});
  for (const RecordKind* kind : AllRecordKinds()) {
    SCOPED_TRACE(std::string(kind->name));
    const std::string schema_name = SchemaNameOf(*kind) + "Patch";
    const json& schema = At(schemas, {schema_name});
    ASSERT_TRUE(schema.is_object()) << "no schema " << schema_name;
    EXPECT_FALSE(schema.contains("required"));
    EXPECT_EQ(At(schema, {"additionalProperties"}), false);
    std::set<std::string> expected;
    for (const FieldSpec& spec : kind->fields) {
      if (!spec.read_only) expected.insert(std::string(spec.name));
    }
    EXPECT_EQ(Keys(At(schema, {"properties"})), expected);
    for (const FieldSpec& spec : kind->fields) {
      if (spec.read_only) continue;
      ExpectPropertyMatches(spec, At(schema, {"properties", std::string(spec.name)}));
    }
  }
}

// Issue 17: the record kinds' schemas are written from the descriptors, so
// their prose comes from the domain too: each field's own description, the
// kind's rules, and the roles of the permission table, never a copied list.
// Issue 17: a reply written from a shape (json/reply_shape.h) has the shape's
// schema in the document, and what the serializer writes is exactly the
// schema's properties, each required.
// Issue 17: each of `shaped` (a module's reply schemas written from its
// shapes) is in the document as it is, closed, and its required properties
// are exactly the keys the real serializer wrote in `written` (a simple row,
// which leaves every optional property out); `full` (optional) holds replies
// that carry every property.
void ExpectShapedRepliesAsWritten(const std::vector<std::pair<std::string, json>>& shaped,
                                  const std::map<std::string, json>& written,
                                  const std::map<std::string, json>& full = {}) {
  const json& schemas = At(Document(), {"components", "schemas"});
  ASSERT_EQ(shaped.size(), written.size());
  for (const auto& [name, schema] : shaped) {
    SCOPED_TRACE(name);
    EXPECT_EQ(At(schemas, {name}), schema);
    EXPECT_FALSE(schema.at("additionalProperties").get<bool>());
    const std::set<std::string> properties = Keys(schema.at("properties"));
    const std::set<std::string> required(schema.at("required").begin(),
                                         schema.at("required").end());
    ASSERT_EQ(written.count(name), 1u);
    EXPECT_EQ(Keys(written.at(name)), required);
    if (full.count(name) > 0) {
      EXPECT_EQ(Keys(full.at(name)), properties);
    } else {
      EXPECT_EQ(required, properties) << "an optional property never shown written";
    }
  }
}

TEST(OpenApiDocument, Issue17_ShapedRepliesAreDocumentedByTheirSerializersShape) {
  std::map<std::string, json> written;
  PlanTripRow trip;
  trip.depart_minute = 420;
  trip.return_minute = 900;
  written["PlanTrip"] = PlanTripToJson(trip);
  written["Escort"] = EscortToJson(EscortRow{});
  written["RouteOverride"] = RouteToJson(RouteOverrideRow{});
  written["SiblingSplit"] = SiblingSplitToJson(SiblingSplitRow{});
  written["VisitExclusion"] = ExclusionToJson(VisitExclusionRow{});
  written["SessionTemplate"] = SessionTemplateToJson(SessionTemplateRow{});
  written["VisitSession"] = VisitSessionToJson(VisitSessionRow{});
  written["VisitRequirement"] = RequirementToJson(RequirementRow{});
  written["PlanSummary"] = PlanSummaryToJson(PlanRow{});
  written["PlanVisit"] = PlanVisitToJson(PlanVisitRow{});
  written["ChildVisit"] = ChildVisitToJson(ChildVisit{});
  PlanView plan;
  plan.unscheduled.push_back(PlanUnscheduledRow{});
  plan.by_home.push_back(PlanGroupFigures{});
  written["Plan"] = PlanToJson(plan);
  written["PlanShortfall"] = written["Plan"]["unscheduled"][0];
  written["PlanGroupFigures"] = written["Plan"]["by_home"][0];
  written["Visitor"] = VisitorToJson(Visitor{});
  written["VisitBlockResult"] = BlockResultToJson(BlockResult{});
  written["DistanceReport"] = DistanceReportToJson(DistanceReport{});
  written["VisitSettings"] = VisitSettingsToJson(VisitSettingsRow{});
  ExpectShapedRepliesAsWritten(VisitReplySchemas(), written);
}

// Issue 17: a reply written from a row with its optional values set and its
// nested lists non-empty is exactly `expected`, the JSON the server wrote
// before each nested object had a shape of its own (no change for clients).
void ExpectWrittenAs(const json& written, const char* expected) {
  EXPECT_EQ(written, json::parse(expected)) << written.dump();
}

TEST(OpenApiDocument, Issue17_NurseryRepliesAreDocumentedByTheirShape) {
  std::map<std::string, json> written;
  AgeOutRow computed;
  computed.age_out = AgeOut{};
  written["AgeOutRow"] = AgeOutRowToJson(computed);
  written["AgeOutDecision"] = AgeOutDecisionToJson(AgeOutDecisionRow{});
  written["AgeOutProposal"] = AgeOutProposalToJson(AgeOutProposalRow{});
  written["Extension"] = ExtensionToJson(ExtensionRow{});
  written["Admission"] = AdmissionToJson(NurseryAdmission{});
  written["Pregnancy"] = PregnancyToJson(PregnancyRow{});
  written["ForecastMonth"] = ForecastMonthToJson(ForecastMonth{});
  // A child whose age-out cannot be computed also has the optional problem.
  AgeOutRow unknown;
  unknown.problem = "no rule";
  const json reply = AgeOutRowToJson(unknown);
  ExpectShapedRepliesAsWritten(NurseryReplySchemas(), written, {{"AgeOutRow", reply}});
  EXPECT_EQ(reply.at("problem"), "no rule");
  EXPECT_EQ(reply.size(), written["AgeOutRow"].size() + 1);
  EXPECT_TRUE(
      At(Document(), {"components", "schemas", "AgeOutRow", "properties", "problem"}).is_object());

  AgeOutRow away;
  away.leave = AgeOutRow::Leave{5, "out", "2026-12-05T09:00:00Z", "2026-12-08T18:00:00Z"};
  away.age_out = AgeOut{.age_out_date = {2027, 3, 1},
                        .days_remaining = 84,
                        .basis = AgeOutBasis::kExtension,
                        .rule_id = 2,
                        .extension_id = 3,
                        .max_age_months = 36,
                        .source = "court order"};
  ExpectWrittenAs(AgeOutRowToJson(away).at("leave"),
                  R"({
    "due_back_at": "2026-12-08T18:00:00Z",
    "id": 5,
    "left_at": "2026-12-05T09:00:00Z",
    "state": "out"
  })");
  ExpectWrittenAs(AgeOutRowToJson(away).at("rule"), R"({
    "basis": "extension",
    "extension_id": 3,
    "max_age_months": 36,
    "rule_id": 2,
    "source": "court order"
  })");
  away.age_out->rule_id = 0;
  away.age_out->extension_id = 0;
  away.age_out->max_age_months.reset();
  ExpectWrittenAs(AgeOutRowToJson(away).at("rule"), R"({
    "basis": "extension",
    "extension_id": null,
    "max_age_months": null,
    "rule_id": null,
    "source": "court order"
  })");
}

TEST(OpenApiDocument, Issue17_NurseryCareRepliesAreDocumentedByTheirShape) {
  std::map<std::string, json> written;
  written["TransitionPlan"] = TransitionPlanToJson(TransitionPlanView{});
  written["AuthorisedAdult"] = AuthorisedAdultToJson(AuthorisedAdultRow{});
  written["Leave"] = LeaveToJson(LeaveRow{});
  written["LeaveBookEntry"] = LeaveViewToJson(LeaveView{});
  written["HealthScheduleEntry"] = ScheduleEntryToJson(HealthScheduleRow{});
  written["Appointment"] = AppointmentToJson(AppointmentRow{});
  written["HealthItem"] = HealthItemToJson(HealthItem{});
  written["Enrolment"] = SchoolEnrolmentToJson(SchoolEnrolmentRow{});
  ExpectShapedRepliesAsWritten(NurseryCareReplySchemas(), written);
  // The visits an approved plan created are its own (plan_id, starts_on), not
  // the visits module's requirements.
  TransitionPlanView approved;
  approved.visit_requirements.emplace_back();
  const json visit = TransitionPlanToJson(approved).at("visit_requirements").at(0);
  const json& item = At(Document(), {"components", "schemas", "TransitionPlan", "properties",
                                     "visit_requirements", "items"});
  std::set<std::string> keys;
  for (const auto& [key, unused] : visit.items()) keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"id", "plan_id", "child_id", "parent_id", "frequency",
                                         "starts_on"}));
  EXPECT_EQ(item.at("required").size(), keys.size());
  EXPECT_FALSE(item.at("additionalProperties").get<bool>());

  approved.plan.steps = {{"2027-01-10", "Meet the grandmother"}, {"2027-02-01", "Move"}};
  approved.plan.visit_parent_id = 9;
  approved.plan.visit_frequency = "fortnightly";
  const json plan = TransitionPlanToJson(approved);
  ExpectWrittenAs(plan.at("steps"), R"([
    {"description": "Meet the grandmother", "on": "2027-01-10"},
    {"description": "Move", "on": "2027-02-01"}
  ])");
  ExpectWrittenAs(plan.at("visits"), R"({"frequency": "fortnightly", "parent_id": 9})");
}

TEST(OpenApiDocument, Issue17_ReunificationRepliesAreDocumentedByTheirShape) {
  std::map<std::string, json> written;
  ReunificationPlan plan;
  plan.steps.emplace_back();
  written["ReunificationPlan"] = ReunificationPlanToJson(plan);
  written["ReunificationPlanParent"] = written["ReunificationPlan"].at("parent");
  written["ReunificationPlanSummary"] = ReunificationPlanSummaryToJson(ReunificationPlanSummary{});
  written["ReunificationStep"] = written["ReunificationPlan"].at("steps").at(0);
  written["ReunificationStepOwner"] = StepOwnerToJson(StepOwner{});
  written["FollowUpContact"] = FollowUpContactToJson(reunification_store::FollowUpContactRow{});
  written["FollowUpList"] = FollowUpListToJson(FollowUpList{});
  written["FollowUpSettings"] = FollowUpSettingsToJson(reunification_store::FollowUpSettingsRow{});
  ExpectShapedRepliesAsWritten(ReunificationReplySchemas(), written);
  // A plan in the list names her parent with the same properties.
  EXPECT_EQ(ReunificationPlanSummaryToJson(ReunificationPlanSummary{}).at("parent").size(),
            written["ReunificationPlanParent"].size());
  EXPECT_EQ(ReunificationStepToJson(ReunificationStep{}), written["ReunificationStep"]);

  ReunificationStep step;
  step.row.owner_user_id = 4;
  step.row.owner_name = "Rosa Pérez";
  ExpectWrittenAs(ReunificationStepToJson(step).at("owner"), R"({"id": 4, "name": "Rosa Pérez"})");
  FollowUpList follow_up;
  follow_up.follow_up_days = 180;
  follow_up.families = {{{9, "Ana", "Soto", "2026-10-01", "2026-11-15", 2}, "2027-03-30", false},
                        {{10, "Eva", "Ruiz", "2026-11-20", std::nullopt, 0}, "2027-05-19", true}};
  ExpectWrittenAs(FollowUpListToJson(follow_up), R"({
    "follow_up_days": 180,
    "items": [
      {
        "contacts": 2,
        "due": false,
        "follow_up_until": "2027-03-30",
        "last_contacted_on": "2026-11-15",
        "parent": {"id": 9, "name": "Ana Soto"},
        "released_on": "2026-10-01"
      },
      {
        "contacts": 0,
        "due": true,
        "follow_up_until": "2027-05-19",
        "last_contacted_on": null,
        "parent": {"id": 10, "name": "Eva Ruiz"},
        "released_on": "2026-11-20"
      }
    ]
  })");
}

TEST(OpenApiDocument, Issue17_HistoryAndCountdownRepliesAreDocumentedByTheirShape) {
  std::map<std::string, json> written;
  written["Placement"] = PlacementToJson(Placement{});
  written["Transfer"] = TransferToJson(Transfer{});
  ExpectShapedRepliesAsWritten(HistoryReplySchemas(), written);
  ExpectShapedRepliesAsWritten(
      ReleaseCountdownReplySchemas(),
      {{"ReleaseCountdownEntry", ReleaseCountdownEntryToJson(ReleaseCountdownEntry{})}});

  ReleaseCountdownEntry entry;
  entry.row = {9, "Ana", "Soto", 4, "Penal Norte", "2027-01-06", 2};
  entry.days_to_release = 30;
  entry.reunification_plan_id = 6;
  entry.overdue_steps = 1;
  entry.alerts = {"overdue_steps"};
  ExpectWrittenAs(ReleaseCountdownEntryToJson(entry), R"({
    "alerts": ["overdue_steps"],
    "changes": 2,
    "days_to_release": 30,
    "expected_release_date": "2027-01-06",
    "facility": {"id": 4, "name": "Penal Norte"},
    "overdue_steps": 1,
    "parent": {"id": 9, "name": "Ana Soto"},
    "reunification_plan_id": 6
  })");
}

TEST(OpenApiDocument, Issue17_AccountRepliesAreDocumentedByTheirShape) {
  std::map<std::string, json> written;
  written["User"] = UserToJson(User{});
  written["AuditEvent"] = AuditEventToJson(AuditEvent{});
  written["Health"] = HealthToJson(HealthView{});
  written["LoginResponse"] = LoginToJson(LoginResult{});
  written["Me"] = MeToJson(MeView{});
  written["LoginWait"] = LoginWaitToJson(LoginWaitView{});
  SummaryFigures figures;
  figures.children_by_placement.push_back(CountRow{});
  written["SummaryFigures"] = SummaryFiguresToJson(figures);
  ExpectShapedRepliesAsWritten(AccountReplySchemas(), written);
  // Me's access lists every record kind, from the domain's table.
  const json& schemas = At(Document(), {"components", "schemas"});
  EXPECT_EQ(At(schemas, {"Me", "properties", "access", "required"}).size(),
            AllRecordKinds().size());
  EXPECT_EQ(written["Me"]["access"].size(), AllRecordKinds().size());
}

TEST(OpenApiDocument, Issue17_TodayIsDocumentedByItsShape) {
  TodayEntry entry;
  entry.route = "/trips/1";
  entry.ids = {{"trip_id", 1}, {"facility_id", 2}};
  entry.facts = {{"date", "2026-12-07"}, {"depart_time", "07:00"}};
  entry.count = 3;
  TodayEntry part;
  part.route = "/visits/4";
  part.ids = {{"visit_id", 4}};
  part.facts = {{"name", "Ana"}};
  entry.parts.push_back(part);
  TodayItem item;
  item.kind = TodayKind::kTodaysTrips;
  item.route = "/trips";
  TodayEntry bare;
  bare.route = "/trips/2";
  item.entries = {entry, bare};
  TodayView view;
  view.items.push_back(item);
  const json written = TodayToJson(view);
  std::map<std::string, json> replies = {{"Today", written},
                                         {"TodayItem", written["items"][0]},
                                         {"TodayEntry", written["items"][0]["entries"][1]}};
  // An entry with every documented id (an integer) and fact (a string) has
  // each written.
  TodayEntry every = entry;
  every.ids.clear();
  every.facts.clear();
  for (const auto& [name, property] :
       At(Document(), {"components", "schemas", "TodayEntry", "properties"}).items()) {
    if (name == "count" || name == "route" || name == "parts") continue;
    if (property.at("type") == "integer") {
      every.ids.emplace_back(name, 7);
    } else {
      every.facts.emplace_back(name, "x");
    }
  }
  TodayView everything;
  everything.items.push_back(TodayItem{});
  everything.items[0].entries = {every};
  ExpectShapedRepliesAsWritten(TodayReplySchemas(), replies,
                               {{"TodayEntry", TodayToJson(everything)["items"][0]["entries"][0]}});
  // Every id and fact an entry has is written, each as its kind: nothing left out.
  const json& full = written["items"][0]["entries"][0];
  EXPECT_EQ(full, (json{{"trip_id", 1},
                        {"facility_id", 2},
                        {"date", "2026-12-07"},
                        {"depart_time", "07:00"},
                        {"count", 3},
                        {"route", "/trips/1"},
                        {"parts", {{{"visit_id", 4}, {"name", "Ana"}, {"route", "/visits/4"}}}}}));
  const json& schema = At(Document(), {"components", "schemas", "TodayEntry", "properties"});
  for (const auto& [key, unused] : full.items()) EXPECT_TRUE(schema.contains(key)) << key;
}

TEST(OpenApiDocument, Issue17_RecordKindSchemasTakeTheirProseFromTheDomain) {
  const json& components = At(Document(), {"components"});
  EXPECT_FALSE(components.contains("x-derived-properties")) << "merged, then dropped";
  for (const RecordKind* kind : AllRecordKinds()) {
    SCOPED_TRACE(std::string(kind->name));
    const json& schema = At(components, {"schemas", SchemaNameOf(*kind)});
    const std::string description = At(schema, {"description"}).get<std::string>();
    EXPECT_EQ(description.rfind(std::string(kind->description), 0), 0u) << description;
    EXPECT_NE(description.find(std::string(kind->rules_text)), std::string::npos);
    std::string writers;
    for (Role role : AllRoles()) {
      if (KindAccess(role, *kind) != Access::kWrite) continue;
      writers += (writers.empty() ? "" : ", ") + std::string(RoleName(role));
    }
    EXPECT_NE(description.find("Roles — write: " + writers + ";"), std::string::npos)
        << description;
    for (const FieldSpec& spec : kind->fields) {
      const std::string text =
          At(schema, {"properties", std::string(spec.name), "description"}).get<std::string>();
      EXPECT_EQ(text.rfind(std::string(spec.description), 0), 0u) << spec.name << ": " << text;
      if (!spec.restricted) continue;
      for (Role role : RolesWith(Permission::kSeeRestrictedFields)) {
        EXPECT_NE(text.find(RoleName(role)), std::string::npos) << spec.name << ": " << text;
      }
    }
  }
}

TEST(OpenApiDocument, Issue17_SupplyRepliesAreDocumentedByTheirShape) {
  std::map<std::string, json> written;
  written["SupplyItem"] = SupplyItemToJson(SupplyItemRow{});
  written["StockLine"] = StockLineToJson(StockLine{});
  written["Donation"] = DonationToJson(SupplyDonationRow{});
  written["Allocation"] = AllocationToJson(SupplyAllocationRow{});
  FacilityNeeds needs;
  needs.now.items.push_back(ItemNeed{});
  const json needs_reply = FacilityNeedsToJson(needs);
  written["FacilityNeeds"] = needs_reply;
  written["NeedsOnDate"] = needs_reply.at("now");
  written["ItemNeed"] = needs_reply.at("now").at("items").at(0);
  ExpectShapedRepliesAsWritten(SupplyReplySchemas(), written);
}

TEST(OpenApiDocument, Issue17_WorkshopRepliesAreDocumentedByTheirShape) {
  std::map<std::string, json> written;
  std::map<std::string, json> full;
  written["WorkshopCourse"] = CourseToJson(CourseRow{});
  written["WorkshopSessionRow"] = SessionRowToJson(WorkshopSessionRow{});
  written["WorkshopSession"] = SessionToJson(SessionView{});
  written["WorkshopCohort"] = CohortToJson(CohortView{});
  WorkshopClash closure;
  closure.kind = "closure";
  written["WorkshopClash"] = ClashToJson(closure);
  WorkshopClash space;
  space.kind = "space";
  full["WorkshopClash"] = ClashToJson(space);
  written["WorkshopMoveOutcome"] = MoveOutcomeToJson(MoveOutcome{});
  written["WorkshopEnrolment"] = EnrolmentToJson(EnrolmentProgress{});
  written["ParentWorkshops"] = ParentWorkshopsToJson(ParentWorkshops{});
  written["WorkshopFigureRow"] =
      FiguresToJson({false, {}, {WorkshopFigureRow{}}}).at("facilities").at(0);
  WorkshopFigureRow cohort;
  cohort.cohort_id = 1;
  full["WorkshopFigureRow"] = FiguresToJson({false, {cohort}, {}}).at("cohorts").at(0);
  written["WorkshopFigures"] = FiguresToJson(WorkshopFigures{});
  written["FacilityClosure"] = FacilityClosureToJson(FacilityClosureReply{});
  written["FacilityWorkshopSettings"] =
      FacilityWorkshopSettingsToJson(FacilityWorkshopSettingsReply{});
  ExpectShapedRepliesAsWritten(WorkshopReplySchemas(), written, full);

  CourseRow course;
  course.topics = {{1, "Apego", "Attachment"}, {2, "Juego", "Play"}};
  ExpectWrittenAs(CourseToJson(course).at("topics"), R"([
    {"position": 1, "topic_en": "Attachment", "topic_es": "Apego"},
    {"position": 2, "topic_en": "Play", "topic_es": "Juego"}
  ])");
}

TEST(OpenApiDocument, Issue17_FamilyRepliesAreDocumentedByTheirShape) {
  std::map<std::string, json> written;
  written["Family"] = FamilyToJson(FamilyView{});
  written["SiblingLink"] = SiblingLinkToJson(family_store::SiblingLinkRow{});
  ExpectShapedRepliesAsWritten(FamilyReplySchemas(), written);
  // The lists' elements (inline schemas) carry exactly their required keys.
  FamilyView view;
  view.carers.emplace_back();
  view.parent_links.emplace_back();
  view.siblings.emplace_back();
  view.distances.emplace_back();
  view.pairs.emplace_back();
  view.siblings_apart.emplace_back();
  view.timeline.emplace_back();
  const json family = FamilyToJson(view);
  const json& properties = At(Document(), {"components", "schemas", "Family", "properties"});
  for (const std::string list :
       {"carers", "parent_links", "siblings", "distances", "pairs", "siblings_apart", "timeline"}) {
    SCOPED_TRACE(list);
    const json& required = At(properties, {list, "items", "required"});
    EXPECT_EQ(Keys(family.at(list).at(0)), std::set<std::string>(required.begin(), required.end()));
  }

  // Every nested object with its optional values set, and without.
  FamilyView full;
  full.child_id = 7;
  full.apart_days = 90;
  full.as_of = "2026-12-07";
  const FamilyPlace inside{"facility", 4, "Penal Norte", 3, "Casa Sol", "2025-05-06"};
  Record record;
  record.id = 7;
  record.created_at = record.updated_at = "2026-01-02T10:00:00Z";
  full.children = {{record, inside},
                   {record, FamilyPlace{"relatives", std::nullopt, "", std::nullopt, "", ""}}};
  record.id = 9;
  full.parents = {
      {record,
       inside,
       30,
       {{1, 9, "2027-01-06", "2026-12-01", 2, "2026-11-01T09:00:00Z"},
        {2, 9, std::nullopt, std::nullopt, 2, "2026-11-02T09:00:00Z"}}},
      {record, FamilyPlace{"released", std::nullopt, "", std::nullopt, "", ""}, std::nullopt, {}}};
  full.carers = {{11, "Lucía", "Gómez", 3, "Casa Sol"}};
  full.parent_links = {{9, 7, "mother"}};
  full.siblings = {{7, 8, "half", 12}, {7, 13, "shared_parent", std::nullopt}};
  full.distances = {{"child_parent", "child", 7, "parent", 9, 42.5}};
  full.pairs = {{7, 9, FamilyVisitRef{20, "2026-12-12", 600, 4, "Penal Norte"},
                 FamilyVisitRef{19, "2026-11-28", 570, 4, "Penal Norte"}},
                {8, 9, std::nullopt, std::nullopt}};
  full.siblings_apart = {{7, 8, "2026-06-01", 189}, {7, 13, std::nullopt, std::nullopt}};
  full.timeline = {
      {"2026-12-12", "visit", 7, 9, 4, 3, "planned", "Penal Norte"},
      {"2020-03-04", "born", std::nullopt, std::nullopt, std::nullopt, std::nullopt, "", ""}};
  ExpectWrittenAs(FamilyToJson(full), R"({
    "apart_days": 90,
    "as_of": "2026-12-07",
    "carers": [
      {
        "family_names": "Gómez",
        "given_names": "Lucía",
        "home": {"id": 3, "name": "Casa Sol"},
        "staff_id": 11
      }
    ],
    "child_id": 7,
    "children": [
      {
        "place": {
          "facility": {"id": 4, "name": "Penal Norte"},
          "home": {"id": 3, "name": "Casa Sol"},
          "kind": "facility",
          "since": "2025-05-06"
        },
        "record": {
          "archived": false,
          "created_at": "2026-01-02T10:00:00Z",
          "id": 7,
          "updated_at": "2026-01-02T10:00:00Z",
          "version": 1
        }
      },
      {
        "place": {"facility": null, "home": null, "kind": "relatives", "since": null},
        "record": {
          "archived": false,
          "created_at": "2026-01-02T10:00:00Z",
          "id": 7,
          "updated_at": "2026-01-02T10:00:00Z",
          "version": 1
        }
      }
    ],
    "distances": [
      {
        "from": {"id": 7, "kind": "child"},
        "km": 42.5,
        "relation": "child_parent",
        "to": {"id": 9, "kind": "parent"}
      }
    ],
    "pairs": [
      {
        "child_id": 7,
        "last_attended": {
          "date": "2026-11-28",
          "facility": {"id": 4, "name": "Penal Norte"},
          "start_time": "09:30",
          "visit_id": 19
        },
        "next_planned": {
          "date": "2026-12-12",
          "facility": {"id": 4, "name": "Penal Norte"},
          "start_time": "10:00",
          "visit_id": 20
        },
        "parent_id": 9
      },
      {"child_id": 8, "last_attended": null, "next_planned": null, "parent_id": 9}
    ],
    "parent_links": [{"child_id": 7, "parent_id": 9, "relation": "mother"}],
    "parents": [
      {
        "days_to_release": 30,
        "place": {
          "facility": {"id": 4, "name": "Penal Norte"},
          "home": {"id": 3, "name": "Casa Sol"},
          "kind": "facility",
          "since": "2025-05-06"
        },
        "record": {
          "archived": false,
          "created_at": "2026-01-02T10:00:00Z",
          "id": 9,
          "updated_at": "2026-01-02T10:00:00Z",
          "version": 1
        },
        "release_history": [
          {
            "changed_at": "2026-11-01T09:00:00Z",
            "expected_release_date": "2027-01-06",
            "previous_date": "2026-12-01"
          },
          {
            "changed_at": "2026-11-02T09:00:00Z",
            "expected_release_date": null,
            "previous_date": null
          }
        ]
      },
      {
        "days_to_release": null,
        "place": {"facility": null, "home": null, "kind": "released", "since": null},
        "record": {
          "archived": false,
          "created_at": "2026-01-02T10:00:00Z",
          "id": 9,
          "updated_at": "2026-01-02T10:00:00Z",
          "version": 1
        },
        "release_history": []
      }
    ],
    "siblings": [
      {"child_id": 7, "link_id": 12, "relation": "half", "sibling_id": 8},
      {"child_id": 7, "link_id": null, "relation": "shared_parent", "sibling_id": 13}
    ],
    "siblings_apart": [
      {"child_id": 7, "days_apart": 189, "last_seen_on": "2026-06-01", "sibling_id": 8},
      {"child_id": 7, "days_apart": null, "last_seen_on": null, "sibling_id": 13}
    ],
    "timeline": [
      {
        "child_id": 7,
        "detail": "Penal Norte",
        "facility_id": 4,
        "home_id": 3,
        "kind": "visit",
        "on": "2026-12-12",
        "parent_id": 9,
        "status": "planned"
      },
      {
        "child_id": null,
        "detail": "",
        "facility_id": null,
        "home_id": null,
        "kind": "born",
        "on": "2020-03-04",
        "parent_id": null,
        "status": ""
      }
    ]
  })");
}

TEST(OpenApiDocument, Issue17_CalendarSubscriptionRepliesAreDocumentedByTheirShape) {
  std::map<std::string, json> written;
  written["CalendarSubscription"] = CalendarSubscriptionToJson(CalendarSubscription{});
  NewCalendarSubscription created;
  created.token = "secret";
  written["NewCalendarSubscription"] = NewCalendarSubscriptionToJson(created);
  EXPECT_EQ(written["NewCalendarSubscription"].at("path"), "/api/v1/calendars/secret.ics");
  ExpectShapedRepliesAsWritten(CalendarSubscriptionReplySchemas(), written);
}

// The routes the server registers (from its operation tables), path by path.
std::map<std::string, std::set<std::string>> ImplementedRoutes() {
  std::map<std::string, std::set<std::string>> routes;
  for (const auto& [method, path] : ApiRoutes()) routes[path].insert(method);
  return routes;
}

TEST(OpenApiDocument, PathsAreExactlyTheImplementedRoutes) {
  const json& paths = At(Document(), {"paths"});
  std::set<std::string> implemented;
  for (const auto& [path, methods] : ImplementedRoutes()) {
    implemented.insert(path);
    const json& item = At(paths, {path});
    ASSERT_TRUE(item.is_object()) << "no path " << path;
    EXPECT_EQ(MethodsOf(item), methods) << path;
    if (path.find("{id}") != std::string::npos) {
      for (const std::string& method : methods) {
        EXPECT_TRUE(Has(ParametersOf(item, At(item, {method})), "path:id"))
            << method << " " << path;
      }
    }
  }
  EXPECT_EQ(Keys(paths), implemented);
}

TEST(OpenApiDocument, RecordKindOperationsDocumentParametersAndHeaders) {
  const json& paths = At(Document(), {"paths"});
  const json& limit = At(Document(), {"components", "parameters", "Limit", "schema"});
  EXPECT_EQ(At(limit, {"minimum"}), 1);
  EXPECT_EQ(At(limit, {"maximum"}), 200);
  EXPECT_EQ(At(limit, {"default"}), 50);
  const json& archived = At(Document(), {"components", "parameters", "Archived", "schema"});
  for (const char* value : {"false", "true", "all"}) {
    EXPECT_TRUE(Has(Strings(At(archived, {"enum"})), value)) << value;
  }

  for (const RecordKind* kind : AllRecordKinds()) {
    SCOPED_TRACE(std::string(kind->name));
    const std::string base = "/api/v1/" + std::string(kind->name);
    const std::string item = base + "/{id}";
    const std::string schema_ref = "#/components/schemas/" + SchemaNameOf(*kind);

    // List: paging, search, archived and exactly the filterable fields.
    const json& list = At(paths, {base, "get"});
    std::set<std::string> expected = {"query:limit", "query:cursor", "query:q", "query:archived"};
    for (const FieldSpec& spec : kind->fields) {
      if (spec.filterable) expected.insert("query:" + std::string(spec.name));
    }
    EXPECT_EQ(ParametersOf(At(paths, {base}), list), expected);
    const std::string page =
        At(list, {"responses", "200", "content", "application/json", "schema"}).dump();
    EXPECT_NE(page.find("#/components/schemas/Page"), std::string::npos);
    EXPECT_NE(page.find(schema_ref + "\""), std::string::npos);

    // Create: the kind's schema in, 201 with ETag and Location out.
    const json& create = At(paths, {base, "post"});
    EXPECT_EQ(At(create, {"requestBody", "content", "application/json", "schema", "$ref"}),
              schema_ref);
    const json& created = At(create, {"responses", "201"});
    EXPECT_EQ(At(created, {"content", "application/json", "schema", "$ref"}), schema_ref);
    EXPECT_FALSE(At(created, {"headers", "ETag"}).is_null());
    EXPECT_FALSE(At(created, {"headers", "Location"}).is_null());

    // Read: ETag; 404 when absent or out of scope.
    const json& read = At(paths, {item, "get", "responses", "200"});
    EXPECT_EQ(At(read, {"content", "application/json", "schema", "$ref"}), schema_ref);
    EXPECT_FALSE(At(read, {"headers", "ETag"}).is_null());
    EXPECT_FALSE(At(paths, {item, "get", "responses", "404"}).is_null());

    // Changes: If-Match, 412 when stale, 428 when absent, ETag of the result.
    EXPECT_EQ(
        At(paths, {item, "patch", "requestBody", "content", "application/json", "schema", "$ref"}),
        schema_ref + "Patch");
    for (const auto& [path, method] : std::vector<std::pair<std::string, std::string>>{
             {item, "patch"}, {item + "/archive", "post"}, {item + "/restore", "post"}}) {
      const json& operation = At(paths, {path, method});
      EXPECT_TRUE(Has(ParametersOf(At(paths, {path}), operation), "header:If-Match")) << path;
      EXPECT_FALSE(At(operation, {"responses", "412"}).is_null()) << path;
      EXPECT_FALSE(At(operation, {"responses", "428"}).is_null()) << path;
      EXPECT_FALSE(At(operation, {"responses", "200", "headers", "ETag"}).is_null()) << path;
      EXPECT_EQ(
          At(operation, {"responses", "200", "content", "application/json", "schema", "$ref"}),
          schema_ref)
          << path;
    }
  }
  for (const char* path : {"/api/v1/children/{id}/placements", "/api/v1/parents/{id}/transfers",
                           "/api/v1/users/{id}/disable", "/api/v1/users/{id}/enable"}) {
    const json& operation = At(paths, {path, "post"});
    EXPECT_TRUE(Has(ParametersOf(At(paths, {path}), operation), "header:If-Match")) << path;
    EXPECT_FALSE(At(operation, {"responses", "412"}).is_null()) << path;
    EXPECT_FALSE(At(operation, {"responses", "428"}).is_null()) << path;
  }
}

TEST(OpenApiDocument, EveryOperationHasAUniqueOperationIdASummaryAndADeclaredTag) {
  const json& document = Document();
  std::set<std::string> declared_tags;
  for (const json& tag : At(document, {"tags"})) declared_tags.insert(Text(At(tag, {"name"})));
  std::map<std::string, std::string> operation_ids;
  size_t operations = 0;
  for (const auto& [path, item] : At(document, {"paths"}).items()) {
    for (const std::string& method : MethodsOf(item)) {
      const json& operation = item[method];
      const std::string where = method + " " + path;
      ++operations;
      const std::string id = Text(At(operation, {"operationId"}));
      EXPECT_FALSE(id.empty()) << where << " has no operationId";
      if (!id.empty()) {
        EXPECT_TRUE(operation_ids.emplace(id, where).second)
            << "operationId " << id << " of " << where << " is also " << operation_ids[id];
      }
      EXPECT_FALSE(Text(At(operation, {"summary"})).empty()) << where;
      const json& tags = At(operation, {"tags"});
      EXPECT_TRUE(tags.is_array() && !tags.empty()) << where;
      for (const std::string& tag : Strings(tags)) {
        EXPECT_TRUE(Has(declared_tags, tag)) << where << " tag " << tag;
      }
      const json& responses = At(operation, {"responses"});
      EXPECT_TRUE(responses.is_object() && !responses.empty()) << where;
      // Errors are the shared problem+json responses.
      for (const auto& [status, response] : responses.items()) {
        if (status[0] == '4' || status[0] == '5') {
          EXPECT_TRUE(response.contains("$ref")) << where << " " << status;
          EXPECT_FALSE(At(Resolve(response), {"content", "application/problem+json"}).is_null())
              << where << " " << status;
        }
      }
    }
  }
  size_t expected = 0;
  for (const auto& [path, methods] : ImplementedRoutes()) expected += methods.size();
  EXPECT_EQ(operations, expected);
}

TEST(OpenApiDocument, ProblemAndSharedSchemasHaveTheirShapes) {
  const json& schemas = At(Document(), {"components", "schemas"});
  for (const char* name :
       {"Problem", "Page", "Placement", "PlacementChange", "Transfer", "TransferRequest", "User",
        "NewUser", "Me", "LoginRequest", "LoginResponse", "AuditEvent", "SummaryFigures"}) {
    EXPECT_TRUE(At(schemas, {name}).is_object()) << name;
  }
  EXPECT_EQ(Strings(At(schemas, {"Problem", "required"})),
            (std::set<std::string>{"type", "title", "status", "detail", "code"}));
  EXPECT_EQ(
      Keys(At(schemas, {"Problem", "properties"})),
      (std::set<std::string>{"type", "title", "status", "detail", "code", "field", "errors"}));
  EXPECT_EQ(At(schemas, {"Page", "properties", "next_cursor", "type"}), "string");
  EXPECT_EQ(At(schemas, {"Page", "properties", "next_cursor", "nullable"}), true);

  const json& responses = At(Document(), {"components", "responses"});
  EXPECT_FALSE(responses.empty());
  for (const auto& [name, response] : responses.items()) {
    EXPECT_EQ(At(response, {"content", "application/problem+json", "schema", "$ref"}),
              "#/components/schemas/Problem")
        << name;
  }

  // GET /auth/me answers the role's access to every kind.
  std::set<std::string> kinds;
  for (const RecordKind* kind : AllRecordKinds()) kinds.insert(std::string(kind->name));
  EXPECT_EQ(Keys(At(schemas, {"Me", "properties", "access", "properties"})), kinds);
}

}  // namespace
}  // namespace vinculo::testing
