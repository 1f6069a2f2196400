// The OpenAPI 3 document, generated from the operation tables: every path,
// its parameters, request body schema, replies and errors come from the rows
// (http/operation.h); the reply schemas, the shared parameters and responses,
// the record kinds' schemas and the introduction come from
// docs/openapi-base.json, compiled in. `vinculo openapi` prints the result.
#include <algorithm>
#include <map>
#include <set>

#include "http/operation.h"
#include "http/problem.h"

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
    const std::string article =
        std::string("aeiou").find(singular[0]) == std::string::npos ? "a " : "an ";
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
            {"{a kind}", article + singular},
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
  // Every refusal's stable code (http/problem.h), for clients to translate.
  schemas["Problem"]["properties"]["code"] = {
      {"type", "string"},
      {"enum", ProblemCodes()},
      {"description",
       "A stable machine-readable code for the refusal: the request decoder's own "
       "(field_required, field_unknown, field_type, field_range, field_choice, field_format, "
       "parameter_..., version_required, version_invalid, body_not_json, ...) or the status "
       "code's name (not_found, conflict, forbidden, invalid_argument, ...)."}};
  schemas["Problem"]["required"].push_back("code");
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
