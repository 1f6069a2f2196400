// JSON encoding of a user's home (GET /api/v1/me/today, issue 16). Pure,
// thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "service/today.h"

namespace vinculo {

// {as_of, items: [{kind, count, route, entries: [entry]}]}, where an entry is
// one object with its ids as integers, its facts as strings, `count` when it
// has one, `route`, and `parts` (a trip's visits, entries themselves) when it
// has parts.
nlohmann::json TodayToJson(const TodayView& view);

// The OpenAPI schemas of Today, TodayItem and TodayEntry, from the shapes
// TodayToJson writes with (json/reply_shape.h).
std::vector<std::pair<std::string, nlohmann::json>> TodayReplySchemas();

}  // namespace vinculo
