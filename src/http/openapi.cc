// The OpenAPI 3 document, generated from the operation tables: every path,
// its parameters, request body schema, replies and errors come from the rows
// (http/operation.h); each record kind's schema and its ...Patch schema come
// from the kind's descriptor (domain/record.h) and the permission table; the
// other reply schemas, the shared parameters and responses, the properties a
// reply derives beside a kind's fields and the introduction come from
// docs/openapi-base.json, compiled in. `vinculo openapi` prints the result.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "domain/access.h"
#include "http/operation.h"
#include "http/problem.h"
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

namespace vinculo {
namespace http_internal {
namespace {

using nlohmann::json;

// How the document names each record kind: its schema, its tag and the
// plural in operation ids.
struct KindNames {
  const char* schema;
  const char* tag;
  const char* plural;
  const char* item = nullptr;  // in the operation ids of one record, if not `schema`
};

KindNames NamesOf(const RecordKind& kind) {
  static const std::map<std::string, KindNames, std::less<>> kNames = {
      {"jurisdictions", {"Jurisdiction", "Jurisdictions", "Jurisdictions"}},
      {"coresidence_rules", {"CoresidenceRule", "Co-residence rules", "CoresidenceRules"}},
      {"organisations", {"Organisation", "Organisations", "Organisations"}},
      {"facilities", {"Facility", "Facilities", "Facilities"}},
      {"wings", {"Wing", "Wings", "Wings"}},
      {"spaces", {"Space", "Spaces", "Spaces"}},
      {"homes", {"Home", "Homes", "Homes"}},
      {"staff", {"Staff", "Staff", "Staff", "StaffMember"}},
      {"parents", {"Parent", "Parents", "Parents"}},
      {"children", {"Child", "Children", "Children"}},
      {"parent_child_links", {"ParentChildLink", "Parent-child links", "ParentChildLinks"}}};
  auto it = kNames.find(kind.name);
  return it == kNames.end() ? KindNames{"Record", "Records", "Records"} : it->second;
}

// "a child", "an organisation".
std::string WithArticle(std::string_view singular) {
  const bool vowel = std::string_view("aeiou").find(singular.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(singular);
}

// "administrator, caregiver", the last two joined by `last_separator`
// ("administrator and social_worker"); empty for no role.
std::string RoleList(const std::vector<Role>& roles, const char* last_separator = ", ") {
  std::string text;
  for (size_t role_idx = 0; role_idx < roles.size(); ++role_idx) {
    if (role_idx > 0) text += role_idx + 1 == roles.size() ? last_separator : ", ";
    text += RoleName(roles[role_idx]);
  }
  return text;
}

// A bound as the document writes it: integral values as integers.
json Bound(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return static_cast<long long>(value);
  }
  return value;
}

// A bound in a sentence, as printf's %g ("240", "1e+06").
std::string BoundText(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

bool HasMinimum(const FieldSpec& spec) { return spec.min_value > -1e18; }
bool HasMaximum(const FieldSpec& spec) { return spec.max_value < 1e18; }

// A field's description: its own sentences (FieldSpec::description), then
// what its type and flags imply, in a fixed order.
std::string RecordFieldDescription(const FieldSpec& spec) {
  std::vector<std::string> sentences;
  if (!spec.description.empty()) sentences.emplace_back(spec.description);
  const std::string range = BoundText(spec.min_value) + " to " + BoundText(spec.max_value);
  switch (spec.type) {
    case FieldType::kText:
      sentences.push_back("At most " + std::to_string(spec.max_length) + " bytes of UTF-8.");
      if (spec.required) sentences.emplace_back("Cannot be blank.");
      break;
    case FieldType::kInteger:
      if (HasMinimum(spec) && HasMaximum(spec)) {
        sentences.push_back("A whole number from " + range + ".");
      }
      break;
    case FieldType::kNumber:
      if (HasMinimum(spec) && HasMaximum(spec)) sentences.push_back("A number from " + range + ".");
      break;
    case FieldType::kBoolean:
      sentences.emplace_back("true or false.");
      break;
    case FieldType::kDate:
      sentences.emplace_back("A civil date, YYYY-MM-DD.");
      break;
    case FieldType::kReference: {
      const std::string kind(spec.references);
      sentences.push_back("The id of a visible record of " + kind + " (GET /api/v1/" + kind +
                          "/{id}).");
      break;
    }
    case FieldType::kEnum:
      break;
  }
  if (spec.searchable) sentences.emplace_back("Matched by the list's free-text filter q.");
  if (spec.immutable) {
    sentences.emplace_back("Immutable: may be given on create; a PATCH that changes it is a 422.");
  }
  if (spec.filterable) sentences.push_back("List filter: ?" + std::string(spec.name) + "=<value>.");
  if (spec.read_only) sentences.emplace_back("Read-only: set by the server; sending it is a 422.");
  if (spec.restricted) {
    sentences.push_back("Restricted: only the " +
                        RoleList(RolesWith(Permission::kSeeRestrictedFields), " and ") +
                        " roles see it; for other roles the property is absent from responses "
                        "and sending it is a 403.");
  }
  if (spec.required) sentences.emplace_back("Required on create.");
  std::string text;
  for (const std::string& sentence : sentences) text += (text.empty() ? "" : " ") + sentence;
  return text;
}

json RecordFieldSchema(const FieldSpec& spec) {
  json schema;
  switch (spec.type) {
    case FieldType::kText:
      schema = {{"type", "string"}};
      break;
    case FieldType::kInteger:
      schema = {{"type", "integer"}, {"format", "int64"}};
      break;
    case FieldType::kNumber:
      schema = {{"type", "number"}, {"format", "double"}};
      break;
    case FieldType::kBoolean:
      schema = {{"type", "boolean"}};
      break;
    case FieldType::kDate:
      schema = {{"type", "string"}, {"format", "date"}};
      break;
    case FieldType::kEnum:
      schema = {{"type", "string"}, {"enum", ChoicesOf(spec)}};
      break;
    case FieldType::kReference:
      schema = {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}};
      break;
  }
  if (spec.type == FieldType::kInteger || spec.type == FieldType::kNumber) {
    if (HasMinimum(spec)) schema["minimum"] = Bound(spec.min_value);
    if (HasMaximum(spec)) schema["maximum"] = Bound(spec.max_value);
  }
  // An optional field is null when unset, and null clears it in a PATCH.
  if (!spec.required) {
    schema["nullable"] = true;
    if (schema.contains("enum")) schema["enum"].push_back(nullptr);
  }
  if (spec.read_only) schema["readOnly"] = true;
  if (spec.immutable) schema["x-immutable"] = true;
  if (spec.restricted) schema["x-restricted"] = true;
  schema["description"] = RecordFieldDescription(spec);
  return schema;
}

// "a, b" of the kind's fields with `flag`.
std::string FieldsWhere(const RecordKind& kind, bool FieldSpec::*flag) {
  std::string names;
  for (const FieldSpec& spec : kind.fields) {
    if (spec.*flag) names += (names.empty() ? "" : ", ") + std::string(spec.name);
  }
  return names;
}

// The kind's description: what it is, who sees it, which roles may do what
// (the permission table), its immutable, read-only and restricted fields, its
// own rules and whether it is audited.
std::string RecordKindDescription(const RecordKind& kind) {
  std::vector<Role> writers, readers, others;
  for (Role role : AllRoles()) {
    switch (KindAccess(role, kind)) {
      case Access::kWrite:
        writers.push_back(role);
        break;
      case Access::kRead:
        readers.push_back(role);
        break;
      case Access::kNone:
        others.push_back(role);
        break;
    }
  }
  std::string text(kind.description);
  text += (text.empty() ? "" : " ") + std::string(ScopeRuleDescription(kind.scope));
  text += " Roles — write: " + (writers.empty() ? std::string("none") : RoleList(writers));
  if (!readers.empty()) text += "; read only: " + RoleList(readers);
  if (!others.empty()) text += "; no access (403): " + RoleList(others);
  text += ".";
  if (const std::string names = FieldsWhere(kind, &FieldSpec::immutable); !names.empty()) {
    text += " Immutable fields (given on create, never changed by PATCH): " + names + ".";
  }
  if (const std::string names = FieldsWhere(kind, &FieldSpec::read_only); !names.empty()) {
    text += " Read-only fields (set by the server): " + names + ".";
  }
  if (const std::string names = FieldsWhere(kind, &FieldSpec::restricted); !names.empty()) {
    text += " Restricted fields (only " +
            RoleList(RolesWith(Permission::kSeeRestrictedFields), " and ") +
            " see or write them; absent from responses to other roles): " + names + ".";
  }
  if (!kind.rules_text.empty()) {
    text += " Rules checked on every write (422 naming the field): " + std::string(kind.rules_text);
  }
  if (kind.audited) {
    text +=
        " Audited: every read (including each record of a list) and every change is "
        "written to the audit log.";
  }
  text +=
      " In responses every field is present (null when unset), except restricted fields for "
      "roles that may not see them. As a request body (POST) read-only properties must not be "
      "sent and unknown properties are a 422.";
  return text;
}

// The properties every record has besides its kind's fields.
json SystemProperties() {
  auto read_only = [](json schema, const char* description) {
    schema["readOnly"] = true;
    schema["description"] = description;
    return schema;
  };
  const json id = {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}};
  const json timestamp = {{"type", "string"}, {"format", "date-time"}};
  return {
      {"id", read_only(id, "Assigned by the server.")},
      {"version",
       read_only(id,
                 "Starts at 1 and goes up by one on every change (PATCH, archive, restore, "
                 "placement change, transfer). Returned as the ETag; send it back in If-Match to "
                 "change the record.")},
      {"archived", read_only({{"type", "boolean"}},
                             "Archived records are left out of lists unless ?archived=true or "
                             "?archived=all. Changed only by the archive and restore "
                             "operations.")},
      {"created_at", read_only(timestamp, "UTC timestamp, YYYY-MM-DDTHH:MM:SSZ.")},
      {"updated_at", read_only(timestamp,
                               "UTC timestamp of the last change, "
                               "YYYY-MM-DDTHH:MM:SSZ.")}};
}

// A record kind's reply (and POST body) schema and its ...Patch schema, from
// its descriptor; `derived` are the properties a reply adds beside the
// kind's fields (docs/openapi-base.json's components.x-derived-properties).
void AddRecordKindSchemas(const RecordKind& kind, const std::string& schema_name,
                          const json& derived, json& schemas) {
  json properties = SystemProperties();
  json required = {"id", "version", "archived", "created_at", "updated_at"};
  json patch_properties = json::object();
  for (const FieldSpec& spec : kind.fields) {
    const std::string name(spec.name);
    properties[name] = RecordFieldSchema(spec);
    if (spec.required) required.push_back(name);
    if (!spec.read_only) patch_properties[name] = properties[name];
  }
  if (derived.is_object()) {
    for (const auto& [name, schema] : derived.items()) properties[name] = schema;
  }
  schemas[schema_name] = {{"type", "object"},
                          {"description", RecordKindDescription(kind)},
                          {"required", required},
                          {"additionalProperties", false},
                          {"properties", properties}};
  schemas[schema_name + "Patch"] = {
      {"type", "object"},
      {"description", "The fields of " + WithArticle(kind.singular) + " to change (see " +
                          schema_name +
                          "); fields left out keep their value and null clears an optional "
                          "field. Immutable fields may only repeat the stored value; read-only, "
                          "system and unknown fields are a 422."},
      {"additionalProperties", false},
      {"properties", patch_properties}};
}

json Ref(const std::string& where, const std::string& name) {
  return {{"$ref", "#/components/" + where + "/" + name}};
}

json SchemaOf(const Field& field);

json ObjectSchema(const std::vector<Field>& fields) {
  json properties = json::object();
  json required = json::array();
  for (const Field& field : fields) {
    properties[field.name] = SchemaOf(field);
    if (field.need == Need::kRequired) required.push_back(field.name);
  }
  json schema = {{"type", "object"}, {"additionalProperties", false}, {"properties", properties}};
  if (!required.empty()) schema["required"] = required;
  return schema;
}

json TypeSchema(const Field& field) {
  switch (field.type) {
    case ValueType::kDate:
      return {{"type", "string"}, {"format", "date"}};
    case ValueType::kMonth:
      return {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}$"}};
    case ValueType::kTime:
      return {{"type", "string"}, {"pattern", "^[0-9]{2}:[0-9]{2}$"}};
    case ValueType::kInteger:
      return {{"type", "integer"}, {"format", "int64"}};
    case ValueType::kInt32:
      return {{"type", "integer"}, {"format", "int32"}};
    case ValueType::kId:
      return {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}};
    case ValueType::kNumber:
      return {{"type", "number"}, {"format", "double"}};
    case ValueType::kBoolean:
      return {{"type", "boolean"}};
    case ValueType::kTexts:
      return {{"type", "array"}, {"items", {{"type", "string"}}}};
    case ValueType::kObjects:
      return {{"type", "array"}, {"items", ObjectSchema(field.members)}};
    case ValueType::kText:
      break;
  }
  json schema = {{"type", "string"}};
  if (!field.choices.empty()) schema["enum"] = field.choices;
  return schema;
}

json SchemaOf(const Field& field) {
  json schema = TypeSchema(field);
  if (field.min) schema["minimum"] = *field.min;
  if (field.max) schema["maximum"] = *field.max;
  // An optional member may be sent as null, which reads as absent (or, for a
  // nullable one, clears the value).
  if (field.need == Need::kOptional) {
    schema["nullable"] = true;
    if (schema.contains("enum")) schema["enum"].push_back(nullptr);
  }
  if (!field.description.empty()) schema["description"] = field.description;
  return schema;
}

json QueryParameter(const Field& field) {
  json parameter = {{"name", field.name},
                    {"in", "query"},
                    {"required", field.need == Need::kRequired},
                    {"schema", TypeSchema(field)}};
  if (field.min) parameter["schema"]["minimum"] = *field.min;
  if (field.max) parameter["schema"]["maximum"] = *field.max;
  if (!field.description.empty()) parameter["description"] = field.description;
  return parameter;
}

json ReplyContent(const Operation& operation, const std::string& schema_name) {
  const std::string& reply = operation.reply;
  if (operation.reply_type != "application/json") {
    // One media type, or several separated by ", " (a file in the format asked for).
    json content = json::object();
    size_t start = 0;
    while (start <= operation.reply_type.size()) {
      size_t end = operation.reply_type.find(", ", start);
      if (end == std::string::npos) end = operation.reply_type.size();
      const std::string type = operation.reply_type.substr(start, end - start);
      json schema = {{"type", "string"}};
      if (type.rfind("text/", 0) != 0) schema["format"] = "binary";
      content[type] = {{"schema", schema}};
      start = end + 2;
    }
    return content;
  }
  json schema;
  if (reply == "page") {
    schema = {{"allOf",
               {Ref("schemas", "Page"),
                {{"type", "object"},
                 {"properties",
                  {{"items", {{"type", "array"}, {"items", Ref("schemas", schema_name)}}}}}}}}};
  } else if (reply.rfind("items:", 0) == 0) {
    schema = {{"type", "object"},
              {"required", {"items"}},
              {"additionalProperties", false},
              {"properties",
               {{"items", {{"type", "array"}, {"items", Ref("schemas", reply.substr(6))}}}}}};
  } else {
    schema = Ref("schemas", reply == "record" ? schema_name : reply);
  }
  return {{"application/json", {{"schema", schema}}}};
}

// Whether the path holds a record id ("{kind}" is not one).
bool HasPathId(const std::string& path) {
  for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
    if (path.compare(open, 6, "{kind}") != 0) return true;
  }
  return false;
}

// The statuses an operation documents: those its row implies, and its own.
std::set<int> ErrorsOf(const Operation& operation) {
  std::set<int> errors(operation.errors.begin(), operation.errors.end());
  errors.insert({500, 503});
  if (operation.gate == Gate::kSession) errors.insert({401, 403});
  if (HasPathId(operation.path)) errors.insert(404);
  // Unknown query parameters are refused everywhere, so every operation may answer 422.
  errors.insert(422);
  if (operation.if_match) errors.insert({412, 428});
  if (operation.body != BodyKind::kNone) errors.insert({400, 413, 422});
  return errors;
}

const char* ProblemResponse(int status) {
  switch (status) {
    case 400:
      return "BadRequest";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 409:
      return "Conflict";
    case 412:
      return "PreconditionFailed";
    case 413:
      return "PayloadTooLarge";
    case 422:
      return "UnprocessableEntity";
    case 428:
      return "PreconditionRequired";
    case 429:
      return "TooManyAttempts";
    case 503:
      return "ServiceUnavailable";
    default:
      return "InternalError";
  }
}

json Responses(const Operation& operation, const std::string& schema_name) {
  json success = {{"description", operation.status == 204 ? "Done; no body." : "The answer."}};
  if (operation.status != 204) success["content"] = ReplyContent(operation, schema_name);
  const bool record = operation.reply == "record";
  if (operation.if_match || record) success["headers"]["ETag"] = Ref("headers", "ETag");
  if (record && operation.status == 201) {
    success["headers"]["Location"] = Ref("headers", "Location");
  }
  json responses = {{std::to_string(operation.status), success}};
  for (int status : ErrorsOf(operation)) {
    responses[std::to_string(status)] = Ref("responses", ProblemResponse(status));
  }
  return responses;
}

// One operation; `kind` names the record kind of a "{kind}" row.
json OperationObject(const Operation& operation, const RecordKind* kind,
                     std::map<std::string, json>& request_schemas) {
  std::string schema_name;
  json object = {{"tags", {operation.tag}},
                 {"operationId", operation.operation_id},
                 {"summary", operation.summary}};
  if (kind) {
    const KindNames names = NamesOf(*kind);
    schema_name = names.schema;
    const std::string singular(kind->singular);
    object["tags"] = {names.tag};
    object["operationId"] = KindOperationId(operation, *kind);
    // "{kinds}", "{a kind}", "{kind}" and "{filters}" in a "{kind}" row's texts.
    std::string plural(kind->name);
    std::replace(plural.begin(), plural.end(), '_', ' ');
    std::string filters;
    for (const FieldSpec& spec : kind->fields) {
      if (spec.filterable) filters += (filters.empty() ? "" : ", ") + std::string(spec.name);
    }
    auto fill = [&](std::string text) {
      for (const auto& [placeholder, value] :
           {std::pair<std::string, std::string>{"{kinds}", plural},
            {"{a kind}", WithArticle(singular)},
            {"{kind}", singular},
            {"{filters}", filters.empty() ? "none" : filters}}) {
        for (size_t at = text.find(placeholder); at != std::string::npos;
             at = text.find(placeholder, at + value.size())) {
          text.replace(at, placeholder.size(), value);
        }
      }
      return text;
    };
    object["summary"] = fill(operation.summary);
    if (!operation.description.empty()) object["description"] = fill(operation.description);
  }
  if (!kind && !operation.description.empty()) object["description"] = operation.description;
  if (operation.gate == Gate::kPublic && operation.path != "/api/v1/auth/logout") {
    object["security"] = json::array();
  }
  if (operation.gate == Gate::kSession) {
    json roles = json::array();
    for (Role role : AllRoles()) {
      if (RoleMayCall(operation, role, kind)) roles.push_back(RoleName(role));
    }
    if (roles.size() < AllRoles().size()) object["x-roles"] = roles;
  }
  json parameters = json::array();
  if (kind && operation.open_query) {
    for (const char* shared : {"Limit", "Cursor", "Q", "Archived"}) {
      parameters.push_back(Ref("parameters", shared));
    }
    for (const FieldSpec& spec : kind->fields) {
      if (!spec.filterable) continue;
      Field field = Optional(std::string(spec.name),
                             spec.type == FieldType::kReference ? ValueType::kId
                             : spec.type == FieldType::kInteger ? ValueType::kInteger
                             : spec.type == FieldType::kNumber  ? ValueType::kNumber
                             : spec.type == FieldType::kBoolean ? ValueType::kBoolean
                             : spec.type == FieldType::kDate    ? ValueType::kDate
                                                                : ValueType::kText,
                             "Only " + std::string(kind->name) + " whose " +
                                 std::string(spec.name) + " equals this value.");
      field.choices = ChoicesOf(spec);
      parameters.push_back(QueryParameter(field));
    }
  }
  for (const Field& field : operation.query) parameters.push_back(QueryParameter(field));
  if (operation.if_match) parameters.push_back(Ref("parameters", "IfMatch"));
  // Router::Authed runs every authenticated POST through idempotent_request.cc.
  if (operation.method == "POST" && operation.gate == Gate::kSession) {
    parameters.push_back(Ref("parameters", "IdempotencyKey"));
  }
  if (!parameters.empty()) object["parameters"] = parameters;

  // A fixed kind's record as the body (Operation::record_kind).
  if (!kind && !operation.record_kind.empty()) {
    schema_name = NamesOf(*FindRecordKind(operation.record_kind)).schema;
  }
  std::string request;
  if (operation.body == BodyKind::kFields) {
    request = operation.request.empty() ? operation.operation_id + "Request" : operation.request;
    request_schemas[request] = ObjectSchema(operation.fields);
  } else if (operation.body == BodyKind::kRecord) {
    request = schema_name;
  } else if (operation.body == BodyKind::kRecordPatch) {
    request = schema_name + "Patch";
  }
  if (!request.empty()) {
    object["requestBody"] = {
        {"required", true},
        {"content", {{"application/json", {{"schema", Ref("schemas", request)}}}}}};
  }
  object["responses"] = Responses(operation, schema_name);
  return object;
}

// The path-level parameters: "{id}" is the shared Id, other ids are inline.
json PathParameters(const std::string& path) {
  json parameters = json::array();
  for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open)) {
    const size_t close = path.find('}', open);
    const std::string name = path.substr(open + 1, close - open - 1);
    open = close;
    if (name == "id") {
      parameters.push_back(Ref("parameters", "Id"));
    } else if (name == "token") {
      parameters.push_back({{"name", name},
                            {"in", "path"},
                            {"required", true},
                            {"schema", {{"type", "string"}, {"pattern", "^[A-Za-z0-9_-]{1,128}$"}}},
                            {"description", "The secret token (base64url)."}});
    } else if (name != "kind") {
      parameters.push_back({{"name", name},
                            {"in", "path"},
                            {"required", true},
                            {"schema", {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}}},
                            {"description", "The record's id."}});
    }
  }
  return parameters;
}

void AddOperation(json& paths, const std::string& path, const Operation& operation,
                  const RecordKind* kind, std::map<std::string, json>& request_schemas) {
  json& item = paths[path];
  json parameters = PathParameters(path);
  if (!parameters.empty()) item["parameters"] = parameters;
  std::string method = operation.method;
  std::transform(method.begin(), method.end(), method.begin(), ::tolower);
  item[method] = OperationObject(operation, kind, request_schemas);
}

}  // namespace

std::string KindOperationId(const Operation& operation, const RecordKind& kind) {
  const KindNames names = NamesOf(kind);
  const std::string item = names.item ? names.item : names.schema;
  if (operation.operation_id == "audit") return "get" + item + "Audit";
  return operation.operation_id + (operation.reply == "page" ? names.plural : item);
}

std::vector<std::string> Capabilities(Role role) {
  std::vector<std::string> ids;
  for (const Operation& operation : AllOperations()) {
    if (operation.gate == Gate::kPublic) continue;
    if (operation.path.find("{kind}") == std::string::npos) {
      if (RoleMayCall(operation, role)) ids.push_back(operation.operation_id);
      continue;
    }
    for (const RecordKind* kind : AllRecordKinds()) {
      if (RoleMayCall(operation, role, kind)) ids.push_back(KindOperationId(operation, *kind));
    }
  }
  return ids;
}

std::string GenerateOpenApiDocument() {
  json document = json::parse(OpenApiBaseDocument());
  json paths = json::object();
  std::map<std::string, json> request_schemas;
  for (const Operation& operation : AllOperations()) {
    const size_t at = operation.path.find("{kind}");
    if (at == std::string::npos) {
      AddOperation(paths, operation.path, operation, nullptr, request_schemas);
      continue;
    }
    for (const RecordKind* kind : AllRecordKinds()) {
      std::string path = operation.path;
      path.replace(at, 6, kind->name);
      AddOperation(paths, path, operation, kind, request_schemas);
    }
  }
  document["paths"] = paths;
  json& schemas = document["components"]["schemas"];
  for (auto& [name, schema] : request_schemas) schemas[name] = schema;
  json& derived = document["components"]["x-derived-properties"];
  for (const RecordKind* kind : AllRecordKinds()) {
    const std::string schema_name = NamesOf(*kind).schema;
    AddRecordKindSchemas(*kind, schema_name, derived.value(schema_name, json()), schemas);
  }
  document["components"].erase("x-derived-properties");
  // Replies written from a shape (json/reply_shape.h): their schema is the
  // shape's, never a hand-written one (the base must not hold them).
  for (const auto& module :
       {VisitReplySchemas, AccountReplySchemas, SupplyReplySchemas, WorkshopReplySchemas,
        FamilyReplySchemas, CalendarSubscriptionReplySchemas, NurseryReplySchemas,
        NurseryCareReplySchemas, ReunificationReplySchemas, HistoryReplySchemas,
        ReleaseCountdownReplySchemas, TodayReplySchemas}) {
    for (auto& [name, schema] : module()) schemas[name] = std::move(schema);
  }
  // The problem every refusal is, with its stable codes (http/problem.h).
  schemas["Problem"] = ProblemSchema();
  return document.dump(2);
}

}  // namespace http_internal

std::vector<std::pair<std::string, std::string>> ApiRoutes() {
  std::vector<std::pair<std::string, std::string>> routes;
  for (const http_internal::Operation& operation : http_internal::AllOperations()) {
    std::string method = operation.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    const size_t at = operation.path.find("{kind}");
    if (at == std::string::npos) {
      routes.emplace_back(method, operation.path);
      continue;
    }
    for (const RecordKind* kind : AllRecordKinds()) {
      routes.emplace_back(method, std::string(operation.path).replace(at, 6, kind->name));
    }
  }
  return routes;
}

const std::string& OpenApiDocument() {
  static const std::string kDocument = http_internal::GenerateOpenApiDocument();
  return kDocument;
}

}  // namespace vinculo
