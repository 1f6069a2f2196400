// Internal to src/http: one row per operation of the API. A row says the
// method, the path with its typed parameters, the query parameters and request
// fields with their types, ranges and which are required, who may call it, the
// service call, the reply and its documented errors. From the rows come the
// routes (registered through Router::Public/Authed), the one strict request
// decoder (DecodeCall), the OpenAPI document's paths (openapi.cc) and each
// role's capabilities (GET /auth/me). Adding an endpoint is one row and one
// service method; see docs/architecture.md.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "domain/permissions.h"
#include "http/router.h"
#include "service/spreadsheet.h"

namespace vinculo::http_internal {

// The type of a request field or query parameter. The decoder checks the JSON
// type (or parses the query text) and the range; the OpenAPI schema is built
// from the same value.
enum class ValueType {
  kText,
  kDate,   // "YYYY-MM-DD"; in a query, parsed (a date that exists)
  kMonth,  // "YYYY-MM"
  kTime,   // "HH:MM", checked by the decoder
  kInteger,
  kInt32,  // a whole number that fits 32 bits ("is out of range" beyond)
  kId,     // a record id: a whole number from 1 (in a query: checked)
  kNumber,
  kBoolean,
  kTexts,    // an array of strings; absent or null reads as empty
  kObjects,  // an array of objects, each with `members`
};

enum class Need { kOptional, kRequired };

struct Field {
  std::string name{};
  ValueType type = ValueType::kText;
  Need need = Need::kOptional;
  std::string description{};
  std::optional<long long> min{};
  std::optional<long long> max{};
  std::vector<std::string> choices{};  // a closed list of values (kText)
  std::vector<Field> members{};        // kObjects: the members of each element
  std::string shape{};                 // kObjects: the refusal of a malformed element
  bool nullable = false;               // an explicit null means something (clears)

  Field Range(long long low, long long high) const;
  Field OneOf(std::vector<std::string> values) const;
  Field Nullable() const;
  Field Shape(std::string text) const;
};

// A record kind's closed list of values (FieldSpec::enum_values), as a Field's choices.
std::vector<std::string> ChoicesOf(const FieldSpec& spec);
Field Required(std::string name, ValueType type, std::string description = {});
Field Optional(std::string name, ValueType type, std::string description = {});
Field Objects(std::string name, std::vector<Field> members, std::string description = {});

// Who may call an operation. kPublic needs no session; kSession a signed-in
// user whose role is in the row's `roles` (every role when empty; a "{kind}"
// row also needs the kind's access): the dispatcher refuses any other role
// (403, code role_forbidden) before decoding the request, and the service then
// decides by scope (a record not hers reads as not found).
enum class Gate { kPublic, kSession };

// The rows' role lists: RolesWith(Permission::k...) from the permission table
// (domain/permissions.h), or the roles a record kind's access lets read
// (Access::kRead) or change (Access::kWrite).
std::vector<Role> RolesWith(const RecordKind& kind, Access needed);

// The body of a request: none, the row's fields, or a record kind's fields
// (decoded by the kind's own descriptors, json/record_json.h).
enum class BodyKind { kNone, kFields, kRecord, kRecordPatch };

// A validated JSON body: every member is known and of its field's type, and
// every required one is present, so these reads cannot fail.
class Body {
 public:
  Body() = default;
  explicit Body(nlohmann::json object) : object_(std::move(object)) {}
  bool Has(const std::string& name) const;  // present, even as null
  bool IsNull(const std::string& name) const;
  std::string Text(const std::string& name) const;  // "" when absent
  std::optional<std::string> OptionalText(const std::string& name) const;
  long long Integer(const std::string& name) const;  // 0 when absent
  std::optional<long long> OptionalInteger(const std::string& name) const;
  int IntOr(const std::string& name, int fallback) const;
  std::optional<double> OptionalNumber(const std::string& name) const;
  std::optional<bool> OptionalBool(const std::string& name) const;
  std::vector<std::string> Texts(const std::string& name) const;
  std::vector<Body> Elements(const std::string& name) const;
  std::optional<int> MinuteOfDay(const std::string& name) const;  // kTime

 private:
  nlohmann::json object_ = nlohmann::json::object();
};

// What a handler gets: the decoded request.
struct Call {
  const httplib::Request& request;
  Services& services;
  const Actor* actor = nullptr;  // null on public operations
  const RecordKind* kind = nullptr;
  std::vector<long long> ids{};  // the path's ids, in order
  std::string token{};           // a "{token}" path parameter (a secret, not an id)
  long long version = 0;         // If-Match, when the row asks for it
  Body body{};
  FieldValues values{};  // BodyKind::kRecord / kRecordPatch

  const Actor& user() const { return *actor; }
  long long id(size_t index = 0) const { return ids.at(index); }
  bool HasQuery(const std::string& name) const { return request.has_param(name); }
  std::string QueryText(const std::string& name) const;
  std::optional<long long> QueryInteger(const std::string& name) const;
  std::optional<Date> QueryDate(const std::string& name) const;
  std::optional<bool> QueryBool(const std::string& name) const;
};

using Handler = std::function<Result<Reply>(Call&)>;

struct Operation {
  std::string method{};  // "GET", "POST", ...
  // The OpenAPI path: "{id}" and other "{..._id}" are record ids, "{kind}"
  // one of the record kinds, "{token}" a secret in base64url.
  std::string path{};
  std::string operation_id{};
  std::string tag{};
  std::string summary{};
  std::string description{};
  std::string request{};  // the request body's component schema, generated from `fields`
  Gate gate = Gate::kSession;
  std::vector<Role> roles{};  // empty: every role
  bool if_match = false;
  std::vector<Field> query{};
  bool open_query = false;  // the handler reads the query itself (record lists)
  BodyKind body = BodyKind::kNone;
  // A row without "{kind}" whose body is this kind's record (BodyKind::kRecord).
  std::string record_kind{};
  std::vector<Field> fields{};
  int status = 200;
  std::string reply{};  // the reply's component schema ("" for none or raw)
  std::string reply_type = "application/json";
  std::vector<int> errors{};  // documented beyond those the row implies
  Handler handler{};
};

// Every operation of the API, in registration order.
const std::vector<Operation>& AllOperations();
// The rows of `tables`, in order: the whole API, or a module's table made of
// several by subject.
using OperationTable = std::vector<Operation> (*)();
std::vector<Operation> Concatenated(std::initializer_list<OperationTable> tables);
// The per-module tables.
std::vector<Operation> RecordOperations();
std::vector<Operation> AccountOperations();
std::vector<Operation> NurseryOperations();
std::vector<Operation> SupplyOperations();
std::vector<Operation> WorkshopOperations();
std::vector<Operation> VisitOperations();
std::vector<Operation> NurseryCareOperations();
std::vector<Operation> SecurityOperations();              // routes_security.cc (issue 13)
std::vector<Operation> CalendarSubscriptionOperations();  // routes_calendar_subscriptions.cc
std::vector<Operation> ReportOperations();                // routes_reports.cc (issue 18)
std::vector<Operation> FamilyOperations();                // routes_family.cc (issue 15)
std::vector<Operation> ReunificationOperations();         // routes_reunification.cc (issue 15)

// The httplib pattern of a row's path ("{id}" as (\d+)).
std::string RoutePattern(const Operation& operation);
// Registers every row through router.Public / router.Authed.
void RegisterOperations(Router& router);
// The strict decoder: path ids, query parameters, If-Match and the body, in
// that order, each refusal naming the field; `code` is set to the refusal's
// stable code (problem+json `code`, ProblemCodes()).
Status DecodeCall(const Operation& operation, Call& call, std::string& code);
// Decodes, then calls the row's handler.
Result<Reply> Answer(const Operation& operation, Call& call);
// Whether `role` may call `operation` (its roles and, for a "{kind}" row, the
// kind's access: read for GET, write otherwise), before record scope: the
// role gate, the document's x-roles and GET /auth/me's capabilities.
bool RoleMayCall(const Operation& operation, Role role, const RecordKind* kind = nullptr);
// The operationId of a "{kind}" row for one kind ("listChildren").
std::string KindOperationId(const Operation& operation, const RecordKind& kind);
// The operationIds a role may call (its rows' roles and the kinds' access),
// before record scope: GET /auth/me's `capabilities`, for the web UI.
std::vector<std::string> Capabilities(Role role);

// The OpenAPI document: docs/openapi-base.json (compiled in) with the paths
// and request schemas of every row and the record kinds' schemas from their
// descriptors (openapi.cc).
const char* OpenApiBaseDocument();
std::string GenerateOpenApiDocument();

// Replies shared by the tables.
// A new session's answer: token, expiry and user in the body, and the session
// cookie (sign-in and changing one's own password; routes_account.cc).
Reply SignedInReply(const Services& services, const LoginResult& login);
Reply ProblemReply(const Status& status, const std::string& code);
Reply RawReply(std::string body, std::string content_type);
// The list exports' query parameters besides `format`: "bom" (a UTF-8 byte
// order mark, for Excel for Windows) and "separator" (comma, or semicolon with
// decimal commas for comma-decimal locales); CSV only.
Field ByteOrderMarkField();
Field SeparatorField();
// A list export as the reply: the query's "format" (csv or xlsx) and, for CSV,
// its dialect; an attachment named `file_stem` plus the format's extension.
Result<Reply> SheetReply(const Call& call, const Sheet& sheet, const std::string& file_stem);
template <typename Row, typename Encode>
Reply VersionedReply(const Row& row, Encode encode, int status = 200) {
  Reply reply = JsonReply(encode(row), status);
  reply.etag_version = row.version;
  return reply;
}

}  // namespace vinculo::http_internal
