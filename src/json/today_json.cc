#include "json/today_json.h"

#include <nlohmann/json.hpp>

namespace vinculo {
namespace {

nlohmann::json EntryToJson(const TodayEntry& entry) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [name, id] : entry.ids) object[name] = id;
  for (const auto& [name, text] : entry.facts) object[name] = text;
  if (entry.count) object["count"] = *entry.count;
  object["route"] = entry.route;
  if (!entry.parts.empty()) {
    nlohmann::json parts = nlohmann::json::array();
    for (const TodayEntry& part : entry.parts) parts.push_back(EntryToJson(part));
    object["parts"] = std::move(parts);
  }
  return object;
}

}  // namespace

nlohmann::json TodayToJson(const TodayView& view) {
  nlohmann::json items = nlohmann::json::array();
  for (const TodayItem& item : view.items) {
    nlohmann::json entries = nlohmann::json::array();
    for (const TodayEntry& entry : item.entries) entries.push_back(EntryToJson(entry));
    items.push_back({{"kind", TodayKindName(item.kind)},
                     {"count", item.count},
                     {"route", item.route},
                     {"entries", std::move(entries)}});
  }
  return {{"as_of", view.as_of}, {"items", std::move(items)}};
}

}  // namespace vinculo
