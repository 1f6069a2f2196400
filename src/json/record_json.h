// JSON encoding of records and the other values the HTTP API and the CLI
// print, built from the same RecordKind descriptors as the store.
//
// This is one of the few translation units that include nlohmann/json (it is a
// heavy header); the edges pass nlohmann::json values around but only these
// files and the HTTP route files parse or build them. Pure functions,
// thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/record.h"
#include "service/auth_service.h"
#include "store/store.h"

namespace vinculo {

nlohmann::json RecordToJson(const Record& record);
// The same JSON text as RecordToJson(record).dump(), byte for byte (keys in
// order, the same escapes and number forms), written straight into a string
// without building the nlohmann object: reading one record is the API's
// hottest path, and building and dumping the object was a sixth of its
// instructions (docs/benchmarks.md). Throws as dump() does on a string that
// is not valid UTF-8.
std::string RecordJsonText(const Record& record);
nlohmann::json PlacementToJson(const Placement& placement);
nlohmann::json TransferToJson(const Transfer& transfer);

// The OpenAPI schemas (by name) of the placement and transfer histories'
// replies, written from a ReplyShape (json/reply_shape.h): Placement and
// Transfer.
std::vector<std::pair<std::string, nlohmann::json>> HistoryReplySchemas();

// Parses a request body into field values of `kind`. kMalformed when the body
// is not a JSON object; kInvalidArgument naming the field for an unknown
// field, a system field (id, version, ...) or a value of the wrong JSON type.
// Value rules (dates that exist, enums, ranges) are the domain's, checked later.
Result<FieldValues> FieldValuesFromJson(const RecordKind& kind, std::string_view body);

// Bounds on a JSON body, checked before it is parsed (issue 13): the HTTP
// edge already refuses bodies over 1 MiB; this bound covers every caller.
inline constexpr size_t kMaxJsonBodyBytes = 8 << 20;
inline constexpr size_t kMaxJsonNesting = 64;

// Parses a body that must be a JSON object; kMalformed otherwise, and when
// it is larger than kMaxJsonBodyBytes or nests deeper than kMaxJsonNesting.
// Numbers beyond a double (1e999) are kMalformed too.
Result<nlohmann::json> ParseJsonObject(std::string_view body);

// Reads an optional member of a parsed object with the right JSON type;
// kInvalidArgument naming `name` when it has another type.
Result<std::optional<std::string>> OptionalString(const nlohmann::json& object, const char* name);
Result<std::optional<long long>> OptionalInteger(const nlohmann::json& object, const char* name);
Result<std::optional<bool>> OptionalBool(const nlohmann::json& object, const char* name);
// Refuses members not in `allowed`, naming the first unknown one.
Status OnlyMembers(const nlohmann::json& object, std::initializer_list<std::string_view> allowed);

}  // namespace vinculo
