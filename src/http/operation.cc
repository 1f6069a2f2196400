// The operation tables' machinery: the strict request decoder, route
// registration and the typed reads of a decoded request.
#include "http/operation.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "http/problem.h"
#include "json/record_json.h"

namespace vinculo::http_internal {
namespace {

constexpr long long kLargestId = std::numeric_limits<long long>::max();

Result<long long> WholeNumber(const std::string& text, const std::string& name, long long low,
                              long long high) {
  long long number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < low || number > high) {
    return InvalidArgument(
        name, "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
  }
  return number;
}

std::string ChoiceList(const std::vector<std::string>& choices) {
  if (choices.size() == 1) return choices[0];
  if (choices.size() == 2) return choices[0] + " or " + choices[1];
  std::string list;
  for (const std::string& choice : choices) list += (list.empty() ? "" : ", ") + choice;
  return "one of " + list;
}

// Names the refusal `status` with a stable code (problem+json `code`).
Status Refuse(std::string& code, const char* what, Status status) {
  code = what;
  return status;
}

bool IsMonth(const std::string& text) { return text.size() == 7 && ParseDate(text + "-01").ok(); }

std::optional<int> ParseMinuteOfDay(const std::string& text) {
  int hours = 0;
  int minutes = 0;
  if (text.size() != 5 || text[2] != ':' ||
      std::from_chars(text.data(), text.data() + 2, hours).ptr != text.data() + 2 ||
      std::from_chars(text.data() + 3, text.data() + 5, minutes).ptr != text.data() + 5 ||
      hours > 24 || minutes > 59 || (hours == 24 && minutes != 0)) {
    return std::nullopt;
  }
  return hours * 60 + minutes;
}

Status CheckQueryValue(const Field& field, const std::string& text, std::string& code) {
  code = "parameter_invalid";
  const std::string& name = field.name;
  switch (field.type) {
    case ValueType::kId:
      return WholeNumber(text, name, field.min.value_or(1), field.max.value_or(kLargestId))
          .status();
    case ValueType::kInteger:
    case ValueType::kInt32:
      return WholeNumber(text, name, field.min.value_or(std::numeric_limits<int>::min()),
                         field.max.value_or(std::numeric_limits<int>::max()))
          .status();
    case ValueType::kDate:
      return ParseDate(text, name).status();
    case ValueType::kMonth:
      if (!IsMonth(text)) return InvalidArgument(name, "must be a month, YYYY-MM");
      return Status::Ok();
    case ValueType::kBoolean:
      if (text != "true" && text != "false") return InvalidArgument(name, "must be true or false");
      return Status::Ok();
    default:
      break;
  }
  if (!field.choices.empty() &&
      std::find(field.choices.begin(), field.choices.end(), text) == field.choices.end()) {
    return InvalidArgument(name, "must be " + ChoiceList(field.choices));
  }
  return Status::Ok();
}

Status DecodeQuery(const Operation& operation, const httplib::Request& request, std::string& code) {
  if (operation.open_query) return Status::Ok();
  for (const auto& [name, value] : request.params) {
    const bool known =
        std::any_of(operation.query.begin(), operation.query.end(),
                    [&name = name](const Field& field) { return field.name == name; });
    if (!known)
      return Refuse(code, "parameter_unknown",
                    InvalidArgument(name, "is not a parameter of this request"));
  }
  // The values given first, then the ones missing: a bad value is named even
  // when a required parameter is also absent.
  for (const Field& field : operation.query) {
    if (!request.has_param(field.name)) continue;
    VINCULO_RETURN_IF_ERROR(CheckQueryValue(field, request.get_param_value(field.name), code));
  }
  for (const Field& field : operation.query) {
    if (field.need == Need::kRequired && !request.has_param(field.name)) {
      return Refuse(
          code, "parameter_required",
          InvalidArgument(field.name, field.type == ValueType::kMonth ? "is required (YYYY-MM)"
                                                                      : "is required"));
    }
  }
  return Status::Ok();
}

Status DecodeMembers(const std::vector<Field>& fields, const nlohmann::json& object,
                     std::string& code);

// One present, non-null member against its field.
Status CheckMember(const Field& field, const nlohmann::json& value, std::string& code) {
  const std::string& name = field.name;
  code = "field_type";
  switch (field.type) {
    case ValueType::kText:
    case ValueType::kDate:
    case ValueType::kMonth:
      if (!value.is_string()) return InvalidArgument(name, "must be a JSON string");
      if (!field.choices.empty() && std::find(field.choices.begin(), field.choices.end(),
                                              value.get<std::string>()) == field.choices.end()) {
        return Refuse(code, "field_choice",
                      InvalidArgument(name, "must be " + ChoiceList(field.choices)));
      }
      return Status::Ok();
    case ValueType::kTime:
      if (!value.is_string()) return InvalidArgument(name, "must be a JSON string");
      if (!ParseMinuteOfDay(value.get<std::string>())) {
        return Refuse(code, "field_format", InvalidArgument(name, "must be a time of day, HH:MM"));
      }
      return Status::Ok();
    case ValueType::kInteger:
    case ValueType::kInt32:
    case ValueType::kId: {
      if (!value.is_number_integer()) return InvalidArgument(name, "must be a whole number");
      const long long number = value.get<long long>();
      if (field.type == ValueType::kInt32 &&
          (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max())) {
        return Refuse(code, "field_range", InvalidArgument(name, "is out of range"));
      }
      if ((field.min && number < *field.min) || (field.max && number > *field.max)) {
        return Refuse(code, "field_range",
                      InvalidArgument(name, "must be a whole number from " +
                                                std::to_string(field.min.value_or(0)) + " to " +
                                                std::to_string(field.max.value_or(kLargestId))));
      }
      return Status::Ok();
    }
    case ValueType::kNumber:
      if (!value.is_number()) return InvalidArgument(name, "must be a number");
      return Status::Ok();
    case ValueType::kBoolean:
      if (!value.is_boolean()) return InvalidArgument(name, "must be true or false");
      return Status::Ok();
    case ValueType::kTexts:
      if (!value.is_array() || !std::all_of(value.begin(), value.end(),
                                            [](const auto& item) { return item.is_string(); })) {
        return InvalidArgument(name, "must be an array of strings");
      }
      return Status::Ok();
    case ValueType::kObjects: {
      std::string members;
      for (const Field& member : field.members)
        members += (members.empty() ? "" : ", ") + member.name;
      const std::string shape =
          field.shape.empty() ? "must be an array of {" + members + "}" : field.shape;
      if (!value.is_array()) return InvalidArgument(name, shape);
      for (const nlohmann::json& element : value) {
        if (!element.is_object()) return InvalidArgument(name, shape);
        Status status = DecodeMembers(field.members, element, code);
        if (!status.ok()) {
          return field.shape.empty() ? status
                                     : Refuse(code, "field_type", InvalidArgument(name, shape));
        }
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

// Unknown members first, then each field in the row's order: its type, then
// whether it is required. Every field at fault is reported (the first with its
// code, the others as more_errors), so that a form can show them all at once.
Status DecodeMembers(const std::vector<Field>& fields, const nlohmann::json& object,
                     std::string& code) {
  Status found;
  std::string first_code;
  const auto at_fault = [&](Status error) {
    if (found.ok()) first_code = code;
    found.Collect(std::move(error), code);
  };
  for (const auto& [name, value] : object.items()) {
    const bool known =
        std::any_of(fields.begin(), fields.end(),
                    [&name = name](const Field& field) { return field.name == name; });
    // A member named "" is named as such: a refusal always says which field.
    if (!known) {
      at_fault(Refuse(code, "field_unknown",
                      InvalidArgument(name.empty() ? "\"\"" : name, "is not expected here")));
    }
  }
  for (const Field& field : fields) {
    auto it = object.find(field.name);
    if (it == object.end() || it->is_null()) {
      if (field.need == Need::kRequired) {
        at_fault(Refuse(code, "field_required", InvalidArgument(field.name, "is required")));
      }
      continue;
    }
    if (Status checked = CheckMember(field, *it, code); !checked.ok()) at_fault(std::move(checked));
  }
  if (!found.ok()) code = first_code;
  return found;
}

Status DecodeBody(const Operation& operation, Call& call, std::string& code) {
  if (operation.body == BodyKind::kNone) return Status::Ok();
  code = "content_type_not_json";
  VINCULO_RETURN_IF_ERROR(RequireJsonContentType(call.request));
  if (operation.body == BodyKind::kFields) {
    code = "body_not_json";
    VINCULO_ASSIGN_OR_RETURN(nlohmann::json object, ParseJsonObject(call.request.body));
    VINCULO_RETURN_IF_ERROR(DecodeMembers(operation.fields, object, code));
    call.body = Body(std::move(object));
    return Status::Ok();
  }
  // A record kind's fields, by the kind's own descriptors.
  auto values = FieldValuesFromJson(*call.kind, call.request.body);
  if (!values.ok()) {
    code = values.status().code() == StatusCode::kMalformed ? "body_not_json" : "field_invalid";
    return values.status();
  }
  call.values = std::move(*values);
  return Status::Ok();
}

// The path's parameters in order: "{kind}" a record kind, any other an id.
std::vector<std::string> PathParameters(const std::string& path) {
  std::vector<std::string> names;
  for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open)) {
    const size_t close = path.find('}', open);
    names.push_back(path.substr(open + 1, close - open - 1));
    open = close;
  }
  return names;
}

std::string KindAlternation() {
  std::string alternation;
  for (const RecordKind* kind : AllRecordKinds()) {
    if (!alternation.empty()) alternation += "|";
    alternation += kind->name;
  }
  return "(" + alternation + ")";
}

std::vector<Operation> CollectOperations() {
  // httplib tries a method's routes in the order they were added, one
  // std::regex match each, until one matches the whole path; no two of our
  // patterns match the same path, so order only decides speed. The record
  // routes (the reads the API serves most) go first: a child GET went from
  // eight regex matches (14,000 instructions) to two.
  return Concatenated({RecordOperations, AccountOperations, NurseryOperations, SupplyOperations,
                       WorkshopOperations, VisitOperations, NurseryCareOperations,
                       SecurityOperations, CalendarSubscriptionOperations, ReportOperations,
                       FamilyOperations, ReunificationOperations});
}

}  // namespace

std::vector<Operation> Concatenated(std::initializer_list<OperationTable> tables) {
  std::vector<Operation> rows;
  for (OperationTable table : tables) {
    for (Operation& row : table()) rows.push_back(std::move(row));
  }
  return rows;
}

Field Field::Range(long long low, long long high) const {
  Field copy = *this;
  copy.min = low;
  copy.max = high;
  return copy;
}

Field Field::OneOf(std::vector<std::string> values) const {
  Field copy = *this;
  copy.choices = std::move(values);
  return copy;
}

Field Field::Nullable() const {
  Field copy = *this;
  copy.nullable = true;
  return copy;
}

Field Field::Shape(std::string text) const {
  Field copy = *this;
  copy.shape = std::move(text);
  return copy;
}

std::vector<std::string> ChoicesOf(const FieldSpec& spec) {
  return {spec.enum_values.begin(), spec.enum_values.end()};
}

Field Required(std::string name, ValueType type, std::string description) {
  Field field;
  field.name = std::move(name);
  field.type = type;
  field.need = Need::kRequired;
  field.description = std::move(description);
  return field;
}

Field Optional(std::string name, ValueType type, std::string description) {
  Field field = Required(std::move(name), type, std::move(description));
  field.need = Need::kOptional;
  return field;
}

Field Objects(std::string name, std::vector<Field> members, std::string description) {
  Field field = Required(std::move(name), ValueType::kObjects, std::move(description));
  field.members = std::move(members);
  return field;
}

bool Body::Has(const std::string& name) const { return object_.contains(name); }

bool Body::IsNull(const std::string& name) const {
  auto it = object_.find(name);
  return it != object_.end() && it->is_null();
}

std::optional<std::string> Body::OptionalText(const std::string& name) const {
  auto it = object_.find(name);
  if (it == object_.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::string Body::Text(const std::string& name) const { return OptionalText(name).value_or(""); }

std::optional<long long> Body::OptionalInteger(const std::string& name) const {
  auto it = object_.find(name);
  if (it == object_.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<long long>();
}

long long Body::Integer(const std::string& name) const { return OptionalInteger(name).value_or(0); }

int Body::IntOr(const std::string& name, int fallback) const {
  return static_cast<int>(OptionalInteger(name).value_or(fallback));
}

std::optional<double> Body::OptionalNumber(const std::string& name) const {
  auto it = object_.find(name);
  if (it == object_.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::optional<bool> Body::OptionalBool(const std::string& name) const {
  auto it = object_.find(name);
  if (it == object_.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

std::vector<std::string> Body::Texts(const std::string& name) const {
  std::vector<std::string> texts;
  auto it = object_.find(name);
  if (it == object_.end() || !it->is_array()) return texts;
  for (const nlohmann::json& item : *it) texts.push_back(item.get<std::string>());
  return texts;
}

std::vector<Body> Body::Elements(const std::string& name) const {
  std::vector<Body> elements;
  auto it = object_.find(name);
  if (it == object_.end() || !it->is_array()) return elements;
  for (const nlohmann::json& item : *it) elements.emplace_back(item);
  return elements;
}

std::optional<int> Body::MinuteOfDay(const std::string& name) const {
  std::optional<std::string> text = OptionalText(name);
  if (!text) return std::nullopt;
  return ParseMinuteOfDay(*text);
}

std::string Call::QueryText(const std::string& name) const { return request.get_param_value(name); }

std::optional<long long> Call::QueryInteger(const std::string& name) const {
  if (!request.has_param(name)) return std::nullopt;
  const std::string text = request.get_param_value(name);
  long long number = 0;
  std::from_chars(text.data(), text.data() + text.size(), number);
  return number;
}

std::optional<Date> Call::QueryDate(const std::string& name) const {
  if (!request.has_param(name)) return std::nullopt;
  auto date = ParseDate(request.get_param_value(name), name);
  if (!date.ok()) return std::nullopt;
  return *date;
}

std::optional<bool> Call::QueryBool(const std::string& name) const {
  if (!request.has_param(name)) return std::nullopt;
  return request.get_param_value(name) == "true";
}

Status DecodeCall(const Operation& operation, Call& call, std::string& code) {
  code = "not_found";
  int capture = 1;
  if (!operation.record_kind.empty()) call.kind = FindRecordKind(operation.record_kind);
  for (const std::string& name : PathParameters(operation.path)) {
    if (name == "kind") {
      call.kind = FindRecordKind(call.request.matches[capture].str());
    } else if (name == "token") {
      call.token = call.request.matches[capture].str();
    } else {
      VINCULO_ASSIGN_OR_RETURN(long long id, PathId(call.request, capture));
      call.ids.push_back(id);
    }
    ++capture;
  }
  // A body that is not JSON first: httplib reads a form's fields as query
  // parameters, and a form is refused as such (400), not for its fields.
  if (operation.body != BodyKind::kNone) {
    code = "content_type_not_json";
    VINCULO_RETURN_IF_ERROR(RequireJsonContentType(call.request));
  }
  VINCULO_RETURN_IF_ERROR(DecodeQuery(operation, call.request, code));
  if (operation.if_match) {
    auto version = IfMatchVersion(call.request);
    if (!version.ok()) {
      code = version.status().code() == StatusCode::kPreconditionRequired ? "version_required"
                                                                          : "version_invalid";
      return version.status();
    }
    call.version = *version;
  }
  return DecodeBody(operation, call, code);
}

// A "{token}" path parameter: a secret in base64url (calendar subscriptions).
constexpr const char* kTokenPattern = R"(([A-Za-z0-9_-]{1,128}))";

std::string RoutePattern(const Operation& operation) {
  std::string pattern;
  const std::string& path = operation.path;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      const size_t close = path.find('}', i);
      const std::string name = path.substr(i, close - i + 1);
      pattern += name == "{kind}"    ? KindAlternation()
                 : name == "{token}" ? kTokenPattern
                                     : R"((\d+))";
      i = close;
    } else {
      if (path[i] == '.') pattern += '\\';
      pattern += path[i];
    }
  }
  return pattern;
}

std::vector<Role> RolesWith(const RecordKind& kind, Access needed) {
  std::vector<Role> roles;
  for (Role role : AllRoles()) {
    const Access granted = KindAccess(role, kind);
    if (granted == Access::kWrite || (granted == Access::kRead && needed == Access::kRead)) {
      roles.push_back(role);
    }
  }
  return roles;
}

bool RoleMayCall(const Operation& operation, Role role, const RecordKind* kind) {
  const bool in_row =
      operation.roles.empty() ||
      std::find(operation.roles.begin(), operation.roles.end(), role) != operation.roles.end();
  if (!in_row || kind == nullptr) return in_row;
  const Access granted = KindAccess(role, *kind);
  return granted == Access::kWrite || (granted == Access::kRead && operation.method == "GET");
}

const std::vector<Operation>& AllOperations() {
  static const std::vector<Operation> kOperations = CollectOperations();
  return kOperations;
}

// The role gate, then the decoder, then the row's handler; a request the
// gate or the decoder refuses is answered with its code.
Result<Reply> Answer(const Operation& operation, Call& call) {
  if (call.actor != nullptr) {
    // The role gate: "{kind}" is always a row's first path parameter.
    const RecordKind* kind = operation.path.find("{kind}") == std::string::npos
                                 ? nullptr
                                 : FindRecordKind(call.request.matches[1].str());
    if (!RoleMayCall(operation, call.actor->role, kind)) {
      return ProblemReply(
          Forbidden(std::string("the role ") + RoleName(call.actor->role) + " may not call " +
                    (kind ? KindOperationId(operation, *kind) : operation.operation_id))
              .Because(Refusal::kRoleForbidden),
          "");
    }
  }
  std::string code;
  Status decoded = DecodeCall(operation, call, code);
  if (!decoded.ok()) return ProblemReply(decoded, code);
  return operation.handler(call);
}

void RegisterOperations(Router& router) {
  Services& services = router.services();
  for (const Operation& row : AllOperations()) {
    const Operation* operation = &row;
    if (row.gate == Gate::kPublic) {
      router.Public(row.method.c_str(), RoutePattern(row),
                    [operation, &services](const httplib::Request& request,
                                           httplib::Response&) -> Result<Reply> {
                      Call call{request, services};
                      return Answer(*operation, call);
                    });
    } else {
      router.Authed(row.method.c_str(), RoutePattern(row),
                    [operation, &services](const httplib::Request& request,
                                           const Actor& actor) -> Result<Reply> {
                      Call call{request, services, &actor};
                      return Answer(*operation, call);
                    });
    }
  }
}

Reply ProblemReply(const Status& status, const std::string& code) {
  Reply reply;
  reply.status = HttpStatusFor(status.code());
  reply.raw_content_type = "application/problem+json";
  reply.raw_body = ProblemJson(status, code);
  return reply;
}

Reply RawReply(std::string body, std::string content_type) {
  Reply reply;
  reply.raw_body = std::move(body);
  reply.raw_content_type = std::move(content_type);
  return reply;
}

Field ByteOrderMarkField() {
  return Optional("bom", ValueType::kBoolean,
                  "CSV only: start the file with a UTF-8 byte order mark (Excel for Windows).");
}

Field SeparatorField() {
  return Optional("separator", ValueType::kText,
                  "CSV only: comma (default, RFC 4180) or semicolon, with decimal commas, for "
                  "spreadsheets in comma-decimal locales.")
      .OneOf({"comma", "semicolon"});
}

Result<Reply> SheetReply(const Call& call, const Sheet& sheet, const std::string& file_stem) {
  VINCULO_ASSIGN_OR_RETURN(
      SheetFormat format,
      SheetFormatNamed(call.HasQuery("format") ? call.QueryText("format") : "csv"));
  const std::string separator = call.HasQuery("separator") ? call.QueryText("separator") : "comma";
  VINCULO_ASSIGN_OR_RETURN(CsvDialect dialect,
                           CsvDialectNamed(separator, call.QueryBool("bom").value_or(false)));
  VINCULO_ASSIGN_OR_RETURN(std::string bytes, SheetBytes(sheet, format, dialect));
  Reply reply = RawReply(std::move(bytes), SheetMediaType(format));
  reply.headers.push_back({"Content-Disposition", "attachment; filename=\"" + file_stem + "." +
                                                      SheetExtension(format) + "\""});
  return reply;
}

}  // namespace vinculo::http_internal
