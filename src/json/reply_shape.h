// A reply's JSON object described once (issue 17): each property's name, its
// JSON Schema and how it is read from the reply's row. `ToJson` writes the
// reply the server sends and `Schema` is that reply's schema in the OpenAPI
// document (http/openapi.cc), so the document cannot promise a property the
// server does not write, nor leave one out. Every property is required: a
// reply always carries each of its properties (null where the schema says
// nullable). For src/json and http/openapi.cc only: it brings nlohmann/json.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vinculo {

template <typename Row>
class ReplyShape {
 public:
  struct Property {
    std::string name;
    nlohmann::json schema;
    std::function<nlohmann::json(const Row&)> read;
    bool required = true;
  };

  // `description`: the schema's own, for the document ("" for none).
  explicit ReplyShape(std::vector<Property> properties, std::string description = "")
      : properties_(std::move(properties)), description_(std::move(description)) {}

  nlohmann::json ToJson(const Row& row) const {
    nlohmann::json object = nlohmann::json::object();
    for (const Property& property : properties_) {
      nlohmann::json value = property.read(row);
      if (!property.required && value.is_discarded()) continue;
      object[property.name] = std::move(value);
    }
    return object;
  }

  // A list of rows, each written as ToJson writes it.
  nlohmann::json List(const std::vector<Row>& rows) const {
    nlohmann::json list = nlohmann::json::array();
    for (const Row& row : rows) list.push_back(ToJson(row));
    return list;
  }

  // This shape's properties read from a part of a larger row, for a reply
  // that extends this one (a plan is its summary and more).
  template <typename Outer>
  std::vector<typename ReplyShape<Outer>::Property> PropertiesOf(
      std::function<const Row&(const Outer&)> part) const {
    std::vector<typename ReplyShape<Outer>::Property> lifted;
    for (const Property& property : properties_) {
      lifted.push_back(
          {property.name, property.schema,
           [read = property.read, part](const Outer& outer) { return read(part(outer)); },
           property.required});
    }
    return lifted;
  }

  nlohmann::json Schema() const {
    nlohmann::json schema = {{"type", "object"}, {"additionalProperties", false}};
    if (!description_.empty()) schema["description"] = description_;
    schema["properties"] = nlohmann::json::object();
    schema["required"] = nlohmann::json::array();
    for (const Property& property : properties_) {
      schema["properties"][property.name] = property.schema;
      if (property.required) schema["required"].push_back(property.name);
    }
    return schema;
  }

 private:
  std::vector<Property> properties_;
  std::string description_;
};

// What an optional property's read gives for a row that has no such thing:
// the property is left out of that reply.
inline nlohmann::json Absent() { return nlohmann::json(nlohmann::json::value_t::discarded); }

// An optional value as it is written: the value, or null.
template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// A property read as it is from a member of the row.
template <typename Row, typename T>
std::function<nlohmann::json(const Row&)> MemberOf(T Row::*member) {
  return [member](const Row& row) { return nlohmann::json(row.*member); };
}

// The schemas the shapes' properties use.
namespace reply_schema {
inline nlohmann::json Id() { return {{"type", "integer"}, {"format", "int64"}}; }
inline nlohmann::json Integer() { return {{"type", "integer"}, {"format", "int64"}}; }
inline nlohmann::json Number() { return {{"type", "number"}}; }
inline nlohmann::json Boolean() { return {{"type", "boolean"}}; }
inline nlohmann::json Text() { return {{"type", "string"}}; }
inline nlohmann::json Day() { return {{"type", "string"}, {"format", "date"}}; }
inline nlohmann::json Instant() { return {{"type", "string"}, {"format", "date-time"}}; }
inline nlohmann::json Clock() {
  return {{"type", "string"}, {"pattern", "^[0-2][0-9]:[0-5][0-9]$"}, {"example", "09:00"}};
}
inline nlohmann::json Choice(std::vector<std::string> names) {
  return {{"type", "string"}, {"enum", std::move(names)}};
}
inline nlohmann::json Nullable(nlohmann::json schema) {
  schema["nullable"] = true;
  return schema;
}
inline nlohmann::json ListOf(nlohmann::json items) {
  return {{"type", "array"}, {"items", std::move(items)}};
}
// A property whose value is another shape's object (components/schemas/NAME).
inline nlohmann::json Ref(const std::string& name) {
  return {{"$ref", "#/components/schemas/" + name}};
}
inline nlohmann::json Described(nlohmann::json schema, const std::string& description) {
  schema["description"] = description;
  return schema;
}
}  // namespace reply_schema

// A facility, a home, a user or a parent named in a reply: its id and its name.
struct IdAndName {
  long long id = 0;
  std::string name;
};

inline const ReplyShape<IdAndName>& IdAndNameShape() {
  static const ReplyShape<IdAndName> shape({
      {"id", reply_schema::Id(), MemberOf(&IdAndName::id)},
      {"name", reply_schema::Text(), MemberOf(&IdAndName::name)},
  });
  return shape;
}

}  // namespace vinculo
