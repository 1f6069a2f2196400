#include "json/record_json.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/utf8.h"
#include "json/reply_shape.h"

namespace vinculo {
namespace {

using nlohmann::json;

json ValueToJson(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* whole = std::get_if<long long>(&value)) return *whole;
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* flag = std::get_if<bool>(&value)) return *flag;
  return nullptr;
}

bool IsSystemField(std::string_view name) {
  return name == "id" || name == "version" || name == "archived" || name == "created_at" ||
         name == "updated_at";
}

Result<Value> ValueFromJson(const FieldSpec& spec, const json& element) {
  const std::string field(spec.name);
  if (element.is_null()) return Value{};
  switch (spec.type) {
    case FieldType::kText:
    case FieldType::kEnum:
      if (!element.is_string()) return InvalidArgument(field, "must be a JSON string");
      return Value{element.get<std::string>()};
    case FieldType::kDate:
      if (!element.is_string())
        return InvalidArgument(field, "must be a date string YYYY-MM-DD")
            .Because(Refusal::kDateInvalid);
      return Value{element.get<std::string>()};
    case FieldType::kBoolean:
      if (!element.is_boolean()) return InvalidArgument(field, "must be true or false");
      return Value{element.get<bool>()};
    case FieldType::kInteger:
    case FieldType::kReference:
      if (element.is_number_unsigned()) {
        const auto number = element.get<unsigned long long>();
        if (number > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
          return InvalidArgument(field, "is too large");
        }
        return Value{static_cast<long long>(number)};
      }
      if (!element.is_number_integer())
        return InvalidArgument(field, "must be a whole number").Because(Refusal::kNumberInvalid);
      return Value{element.get<long long>()};
    case FieldType::kNumber:
      if (!element.is_number())
        return InvalidArgument(field, "must be a number").Because(Refusal::kNumberInvalid);
      return Value{element.get<double>()};
  }
  return Internal("unhandled field type");
}

}  // namespace

json RecordToJson(const Record& record) {
  json object = json::object();
  object["id"] = record.id;
  object["version"] = record.version;
  object["archived"] = record.archived;
  object["created_at"] = record.created_at;
  object["updated_at"] = record.updated_at;
  for (const auto& [name, value] : record.values) object[name] = ValueToJson(value);
  return object;
}

namespace {

// A JSON string with nlohmann's escapes (ensure_ascii off): the two-character
// escapes, \u00xx (lower-case hex) for the other control characters, every
// other byte as is.
void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (byte) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        out.append("\\u00");
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 0xF]);
    }
  }
  out.append(text.data() + run, text.size() - run);
  out.push_back('"');
}

void AppendJsonValue(std::string& out, const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    AppendJsonString(out, *text);
  } else if (const auto* whole = std::get_if<long long>(&value)) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof(digits), *whole).ptr;
    out.append(digits, end);
  } else if (const auto* real = std::get_if<double>(&value)) {
    out += json(*real).dump();  // nlohmann's shortest round-trip form ("1.0", "1e-07")
  } else if (const auto* flag = std::get_if<bool>(&value)) {
    out += *flag ? "true" : "false";
  } else {
    out += "null";
  }
}

}  // namespace

std::string RecordJsonText(const Record& record) {
  // dump() writes an object's members in key order (nlohmann's objects are
  // std::maps); a field value named like a system field replaces it, as
  // object[name] = ... does in RecordToJson. The values are a std::map in the
  // same order already, so the system members (listed here in key order) are
  // merged in rather than everything sorted.
  const std::string_view system_names[] = {"archived", "created_at", "id", "updated_at", "version"};
  const Value system[] = {Value{record.archived}, Value{record.created_at}, Value{record.id},
                          Value{record.updated_at}, Value{record.version}};
  std::vector<std::pair<std::string_view, const Value*>> members;
  members.reserve(record.values.size() + 5);
  size_t next_system = 0;
  for (const auto& [name, value] : record.values) {
    for (; next_system < 5 && system_names[next_system] <= name; ++next_system) {
      if (system_names[next_system] != name) {
        members.emplace_back(system_names[next_system], &system[next_system]);
      }
    }
    members.emplace_back(name, &value);
  }
  for (; next_system < 5; ++next_system) {
    members.emplace_back(system_names[next_system], &system[next_system]);
  }
  for (const auto& member : members) {
    const auto* text = std::get_if<std::string>(member.second);
    if (!IsValidUtf8(member.first) || (text && !IsValidUtf8(*text))) {
      return RecordToJson(record).dump();  // throws type_error 316, as before
    }
  }
  std::string out;
  out.reserve(64 + 40 * members.size());
  out.push_back('{');
  bool first = true;
  for (const auto& [name, value] : members) {
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(out, name);
    out.push_back(':');
    AppendJsonValue(out, *value);
  }
  out.push_back('}');
  return out;
}

// The placement and transfer histories' replies, whose document schemas come
// from their shapes (issue 17).
namespace {

namespace rs = reply_schema;

json UtcTimestamp() { return rs::Described(rs::Instant(), "UTC timestamp, YYYY-MM-DDTHH:MM:SSZ."); }

const ReplyShape<Placement>& PlacementShape() {
  static const ReplyShape<Placement> shape(
      {
          {"id", rs::Id(), MemberOf(&Placement::id)},
          {"child_id", rs::Id(), MemberOf(&Placement::child_id)},
          {"placement",
           rs::Choice({"inside_with_mother", "relatives", "care_home", "state_care", "other",
                       "with_released_parent"}),
           MemberOf(&Placement::placement)},
          {"started_on", rs::Day(), MemberOf(&Placement::started_on)},
          {"note",
           rs::Described(rs::Text(),
                         "\"registered\" for the first placement; empty when none was given."),
           MemberOf(&Placement::note)},
          {"recorded_by",
           rs::Described(rs::Id(), "The id of the user who recorded it (0 for the command line)."),
           MemberOf(&Placement::recorded_by)},
          {"created_at", UtcTimestamp(), MemberOf(&Placement::created_at)},
          {"facility_id", rs::Nullable(rs::Id()),
           [](const Placement& row) { return OrNull(row.facility_id); }},
          {"home_id", rs::Nullable(rs::Id()),
           [](const Placement& row) { return OrNull(row.home_id); }},
          {"organisation_id", rs::Nullable(rs::Id()),
           [](const Placement& row) { return OrNull(row.organisation_id); }},
          {"ended_on",
           rs::Described(rs::Nullable(rs::Day()), "null while the placement is current."),
           [](const Placement& row) { return row.ended_on ? json(*row.ended_on) : json(nullptr); }},
      },
      "One period of a child's placement history.");
  return shape;
}

const ReplyShape<Transfer>& TransferShape() {
  static const ReplyShape<Transfer> shape(
      {
          {"id", rs::Id(), MemberOf(&Transfer::id)},
          {"parent_id", rs::Id(), MemberOf(&Transfer::parent_id)},
          {"from_facility_id", rs::Id(), MemberOf(&Transfer::from_facility_id)},
          {"to_facility_id", rs::Id(), MemberOf(&Transfer::to_facility_id)},
          {"transferred_on", rs::Day(), MemberOf(&Transfer::transferred_on)},
          {"reason", rs::Described(rs::Text(), "Empty when none was given."),
           MemberOf(&Transfer::reason)},
          {"recorded_by", rs::Id(), MemberOf(&Transfer::recorded_by)},
          {"created_at", UtcTimestamp(), MemberOf(&Transfer::created_at)},
      },
      "A parent's move from one facility to another.");
  return shape;
}

}  // namespace

std::vector<std::pair<std::string, json>> HistoryReplySchemas() {
  return {{"Placement", PlacementShape().Schema()}, {"Transfer", TransferShape().Schema()}};
}

json PlacementToJson(const Placement& placement) { return PlacementShape().ToJson(placement); }

json TransferToJson(const Transfer& transfer) { return TransferShape().ToJson(transfer); }

namespace {
// The deepest nesting of arrays and objects in `text`, counted outside
// strings without parsing: nlohmann builds a node per bracket, so 1 MiB of
// "[" cost about 70 MB before it could be refused.
size_t NestingDepth(std::string_view text, size_t stop_past) {
  size_t depth = 0;
  size_t deepest = 0;
  bool in_string = false;
  for (size_t index = 0; index < text.size(); ++index) {
    const char c = text[index];
    if (in_string) {
      if (c == '\\') {
        ++index;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > stop_past) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}
}  // namespace

Result<json> ParseJsonObject(std::string_view body) {
  if (body.size() > kMaxJsonBodyBytes) {
    return Status(StatusCode::kMalformed,
                  "the body is larger than " + std::to_string(kMaxJsonBodyBytes) + " bytes");
  }
  if (NestingDepth(body, kMaxJsonNesting) > kMaxJsonNesting) {
    return Status(StatusCode::kMalformed, "the body nests arrays and objects deeper than " +
                                              std::to_string(kMaxJsonNesting) + " levels");
  }
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    // Re-parse with exceptions only to get the position for the message. A
    // number too large for a double (1e999) is nlohmann's out_of_range, not
    // a parse_error.
    try {
      [[maybe_unused]] const json again = json::parse(body);
    } catch (const json::parse_error& error) {
      return Status(StatusCode::kMalformed,
                    "the body is not valid JSON (at byte " + std::to_string(error.byte) + ")");
    } catch (const json::exception& error) {
      return Status(StatusCode::kMalformed,
                    "the body is not valid JSON (a number is out of range)");
    }
    return Status(StatusCode::kMalformed, "the body is not valid JSON");
  }
  if (!parsed.is_object()) return Status(StatusCode::kMalformed, "the body must be a JSON object");
  return parsed;
}

Result<FieldValues> FieldValuesFromJson(const RecordKind& kind, std::string_view body) {
  auto parsed = ParseJsonObject(body);
  if (!parsed.ok()) return parsed.status();
  FieldValues values;
  // Every member at fault is reported at once (more_errors after the first).
  Status found;
  for (const auto& [name, element] : parsed->items()) {
    if (IsSystemField(name)) {
      found.Collect(InvalidArgument(name, "is set by the system and cannot be written"));
      continue;
    }
    const FieldSpec* spec = kind.Field(name);
    if (!spec) {
      found.Collect(InvalidArgument(name, "is not a field of a " + std::string(kind.singular)));
      continue;
    }
    auto value = ValueFromJson(*spec, element);
    if (!value.ok()) {
      found.Collect(value.status());
      continue;
    }
    values[name] = std::move(*value);
  }
  if (!found.ok()) return found;
  return values;
}

Result<std::optional<std::string>> OptionalString(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return InvalidArgument(name, "must be a JSON string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::optional<long long>> OptionalInteger(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<long long>();
  if (!it->is_number_integer()) return InvalidArgument(name, "must be a whole number");
  return std::optional<long long>(it->get<long long>());
}

Result<std::optional<bool>> OptionalBool(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) return InvalidArgument(name, "must be true or false");
  return std::optional<bool>(it->get<bool>());
}

Status OnlyMembers(const json& object, std::initializer_list<std::string_view> allowed) {
  for (const auto& [name, element] : object.items()) {
    bool known = false;
    for (std::string_view allowed_name : allowed) known = known || allowed_name == name;
    // A member named "" is named as such: a refusal always says which field.
    if (!known) return InvalidArgument(name.empty() ? "\"\"" : name, "is not expected here");
  }
  return Status::Ok();
}

}  // namespace vinculo
