#include "domain/record.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "common/utf8.h"

namespace vinculo {
namespace {

std::string Quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

Status CheckValue(const FieldSpec& spec, const Value& value) {
  const std::string field(spec.name);
  switch (spec.type) {
    case FieldType::kText: {
      const auto* text = std::get_if<std::string>(&value);
      if (!text) return InvalidArgument(field, "must be text");
      if (static_cast<int>(text->size()) > spec.max_length) {
        return InvalidArgument(field,
                               "is longer than " + std::to_string(spec.max_length) + " bytes")
            .Because(Refusal::kTextTooLong);
      }
      if (!IsValidUtf8(*text)) return InvalidArgument(field, "is not valid UTF-8");
      if (spec.required && text->find_first_not_of(" \t\r\n") == std::string::npos) {
        return InvalidArgument(field, "cannot be blank");
      }
      return Status::Ok();
    }
    case FieldType::kEnum: {
      const auto* text = std::get_if<std::string>(&value);
      if (!text) return InvalidArgument(field, "must be text");
      for (std::string_view allowed : spec.enum_values) {
        if (*text == allowed) return Status::Ok();
      }
      std::string choices;
      for (std::string_view allowed : spec.enum_values) {
        if (!choices.empty()) choices += ", ";
        choices += allowed;
      }
      return InvalidArgument(field, Quoted(*text) + " is not one of: " + choices)
          .Because(Refusal::kValueNotAllowed);
    }
    case FieldType::kDate: {
      const auto* text = std::get_if<std::string>(&value);
      if (!text)
        return InvalidArgument(field, "must be a date written YYYY-MM-DD")
            .Because(Refusal::kDateInvalid);
      return ParseDate(*text, spec.name).status();
    }
    case FieldType::kBoolean:
      if (!std::holds_alternative<bool>(value))
        return InvalidArgument(field, "must be true or false");
      return Status::Ok();
    case FieldType::kInteger:
    case FieldType::kReference: {
      const auto* number = std::get_if<long long>(&value);
      if (!number)
        return InvalidArgument(field, "must be a whole number").Because(Refusal::kNumberInvalid);
      if (spec.type == FieldType::kReference && *number <= 0) {
        return InvalidArgument(field,
                               "must be the id of a " + std::string(spec.references) + " record");
      }
      if (spec.type == FieldType::kInteger && (static_cast<double>(*number) < spec.min_value ||
                                               static_cast<double>(*number) > spec.max_value)) {
        char range[96];
        std::snprintf(range, sizeof(range), "must be between %.0f and %.0f", spec.min_value,
                      spec.max_value);
        return InvalidArgument(field, range).Because(Refusal::kNumberInvalid);
      }
      return Status::Ok();
    }
    case FieldType::kNumber: {
      double number = 0;
      if (const auto* real = std::get_if<double>(&value)) {
        number = *real;
      } else if (const auto* whole = std::get_if<long long>(&value)) {
        number = static_cast<double>(*whole);
      } else {
        return InvalidArgument(field, "must be a number").Because(Refusal::kNumberInvalid);
      }
      if (!std::isfinite(number) || number < spec.min_value || number > spec.max_value) {
        char range[96];
        std::snprintf(range, sizeof(range), "must be between %g and %g", spec.min_value,
                      spec.max_value);
        return InvalidArgument(field, range).Because(Refusal::kNumberInvalid);
      }
      return Status::Ok();
    }
  }
  return Internal("unhandled field type");
}

}  // namespace

std::optional<long long> Record::Integer(std::string_view field) const {
  auto it = values.find(field);
  if (it == values.end()) return std::nullopt;
  if (const auto* number = std::get_if<long long>(&it->second)) return *number;
  return std::nullopt;
}

std::optional<std::string> Record::Text(std::string_view field) const {
  auto it = values.find(field);
  if (it == values.end()) return std::nullopt;
  if (const auto* text = std::get_if<std::string>(&it->second)) return *text;
  return std::nullopt;
}

std::optional<double> Record::Number(std::string_view field) const {
  auto it = values.find(field);
  if (it == values.end()) return std::nullopt;
  if (const auto* number = std::get_if<double>(&it->second)) return *number;
  if (const auto* whole = std::get_if<long long>(&it->second)) return static_cast<double>(*whole);
  return std::nullopt;
}

Status ValidateRecordWrite(const RecordKind& kind, const FieldValues& incoming,
                           const FieldValues* existing, const Date& today) {
  const bool creating = existing == nullptr;
  // Every field at fault is reported at once (the first is the Status's own
  // field, the others ride along in more_errors), so that a form shows them all.
  Status found;
  for (const auto& [name, value] : incoming) {
    const FieldSpec* spec = kind.Field(name);
    if (!spec) {
      found.Collect(InvalidArgument(name, "is not a field of a " + std::string(kind.singular)));
      continue;
    }
    if (spec->read_only) {
      found.Collect(InvalidArgument(name, "is set by the system and cannot be written"));
      continue;
    }
    if (!creating && spec->immutable) {
      auto old = existing->find(name);
      const bool unchanged = old != existing->end() && old->second == value;
      if (!unchanged) {
        found.Collect(InvalidArgument(
            name,
            "cannot be changed once the " + std::string(kind.singular) + " is recorded" +
                (name == "facility_id" && kind.name == "parents" ? " (record a transfer instead)"
                 : kind.name == "children" ? " (record a placement change instead)"
                                           : "")));
        continue;
      }
    }
    if (IsNull(value)) {
      if (spec->required) {
        found.Collect(InvalidArgument(name, "is required and cannot be null")
                          .Because(Refusal::kValueRequired));
      }
      continue;
    }
    found.Collect(CheckValue(*spec, value));
  }

  FieldValues merged = existing ? *existing : FieldValues{};
  for (const auto& [name, value] : incoming) merged[name] = value;
  if (creating) {
    for (const FieldSpec& spec : kind.fields) {
      if (!spec.required) continue;
      auto it = merged.find(spec.name);
      if (it == merged.end() || IsNull(it->second)) {
        found.Collect(InvalidArgument(std::string(spec.name), "is required")
                          .Because(Refusal::kValueRequired));
      }
    }
  }
  if (!found.ok()) return found;
  // The rules across fields run on values that each passed their own checks.
  if (kind.rule) return kind.rule(kind, merged, today);
  return Status::Ok();
}

std::string ValueToText(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* whole = std::get_if<long long>(&value)) return std::to_string(*whole);
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const auto* real = std::get_if<double>(&value)) {
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), *real);
    return std::string(buffer, end);
  }
  return {};
}

Result<Value> ValueFromText(const FieldSpec& spec, std::string_view text) {
  const std::string field(spec.name);
  if (text.empty()) return Value{};
  switch (spec.type) {
    case FieldType::kText:
    case FieldType::kEnum:
    case FieldType::kDate:
      // PostgreSQL refuses bytes that are not UTF-8 even in a filter (a 500
      // for `?sex=%ff`, issue 13); SQLite would keep them.
      if (!IsValidUtf8(text)) return InvalidArgument(field, "is not valid UTF-8");
      return Value{std::string(text)};
    case FieldType::kBoolean:
      if (text == "true" || text == "yes" || text == "1") return Value{true};
      if (text == "false" || text == "no" || text == "0") return Value{false};
      return InvalidArgument(field, "must be true or false, got " + Quoted(text));
    case FieldType::kInteger:
    case FieldType::kReference: {
      long long number = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (error != std::errc() || end != text.data() + text.size()) {
        return InvalidArgument(field, "must be a whole number, got " + Quoted(text))
            .Because(Refusal::kNumberInvalid);
      }
      return Value{number};
    }
    case FieldType::kNumber: {
      double number = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (error != std::errc() || end != text.data() + text.size()) {
        return InvalidArgument(field, "must be a number, got " + Quoted(text))
            .Because(Refusal::kNumberInvalid);
      }
      return Value{number};
    }
  }
  return Internal("unhandled field type");
}

}  // namespace vinculo
