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
  };

  explicit ReplyShape(std::vector<Property> properties) : properties_(std::move(properties)) {}

  nlohmann::json ToJson(const Row& row) const {
    nlohmann::json object = nlohmann::json::object();
    for (const Property& property : properties_) object[property.name] = property.read(row);
    return object;
  }

  nlohmann::json Schema() const {
    nlohmann::json schema = {{"type", "object"}, {"additionalProperties", false}};
    schema["properties"] = nlohmann::json::object();
    schema["required"] = nlohmann::json::array();
    for (const Property& property : properties_) {
      schema["properties"][property.name] = property.schema;
      schema["required"].push_back(property.name);
    }
    return schema;
  }

 private:
  std::vector<Property> properties_;
};

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
inline nlohmann::json Described(nlohmann::json schema, const std::string& description) {
  schema["description"] = description;
  return schema;
}
}  // namespace reply_schema

}  // namespace vinculo
