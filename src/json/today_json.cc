#include "json/today_json.h"

#include <nlohmann/json.hpp>

#include "json/reply_shape.h"

namespace vinculo {
namespace {

namespace rs = reply_schema;

// The ids and the facts an entry may carry: which are present depends on the
// item's kind (service/today.cc). A name the service writes must be here: the
// shape writes only these (the tests of GET /me/today read them back).
struct EntryMember {
  const char* name;
  const char* description;  // "" for none
};

constexpr EntryMember kEntryIds[] = {
    {"child_id", ""}, {"leave_id", ""},  {"facility_id", ""}, {"item_id", ""},   {"trip_id", ""},
    {"plan_id", ""},  {"escort_id", ""}, {"visit_id", ""},    {"parent_id", ""}, {"session_id", ""},
};

constexpr EntryMember kEntryFacts[] = {
    {"due_back_at", "A leave's due return (UTC timestamp)."},
    {"reason", "A leave's reason, or why the plan left pairs out (the planner's reason code)."},
    {"pseudonym", ""},
    {"name", "The child's or the released parent's name, for roles that read names."},
    {"facility", "The facility's name."},
    {"transition_plan", "missing | draft"},
    {"age_out_date", "YYYY-MM-DD"},
    {"item_code", ""},
    {"name_es", ""},
    {"name_en", ""},
    {"unit", ""},
    {"date", "YYYY-MM-DD"},
    {"depart_time", "HH:MM"},
    {"return_time", "HH:MM"},
    {"start_time", "HH:MM, the visiting session's start."},
    {"end_time", "HH:MM"},
    {"review_reason", "Why a visit needs review (the parent was transferred or released)."},
    {"month", "YYYY-MM"},
    {"created_at", ""},
    {"status", "The plan's status: draft | published."},
    {"released_on", "YYYY-MM-DD"},
    {"last_contacted_on", "YYYY-MM-DD"},
    {"capacity_unit", "families | pairs | people: the unit of `count`."},
    {"figure", "children_inside | parents_held"},
    {"withheld_cells",
     "How many facilities' counts were withheld (small cells) and left out of `count`."},
};

nlohmann::json MaybeDescribed(nlohmann::json schema, const char* description) {
  return *description ? rs::Described(std::move(schema), description) : schema;
}

// The value named `name` among `pairs`, or Absent().
template <typename T>
nlohmann::json Named(const std::vector<std::pair<std::string, T>>& pairs, const std::string& name) {
  for (const auto& [key, value] : pairs) {
    if (key == name) return nlohmann::json(value);
  }
  return Absent();
}

const ReplyShape<TodayEntry>& EntryShape() {
  using Row = TodayEntry;
  static const ReplyShape<Row> shape = [] {
    std::vector<ReplyShape<Row>::Property> properties;
    for (const EntryMember& id : kEntryIds) {
      const std::string name = id.name;
      properties.push_back({name, MaybeDescribed(rs::Id(), id.description),
                            [name](const Row& entry) { return Named(entry.ids, name); }, false});
    }
    for (const EntryMember& fact : kEntryFacts) {
      const std::string name = fact.name;
      properties.push_back({name, MaybeDescribed(rs::Text(), fact.description),
                            [name](const Row& entry) { return Named(entry.facts, name); }, false});
    }
    properties.push_back(
        {"count",
         rs::Described(rs::Integer(),
                       "Overdue returns: absent. Age-outs: days remaining. Low stock: units short "
                       "today. Trips: visits. Unscheduled pairs: pairs with this reason. Families "
                       "not seen: the days without contact that make a family due (30). Entrance "
                       "lists: places booked. Figures: the total over the cells shown."),
         [](const Row& entry) { return entry.count ? nlohmann::json(*entry.count) : Absent(); },
         false});
    properties.push_back(
        {"route",
         rs::Described(rs::Text(),
                       "The web UI route of the entry's action, e.g. /children/12/leave."),
         MemberOf(&Row::route)});
    properties.push_back(
        {"parts",
         rs::Described(rs::ListOf(rs::Ref("TodayEntry")),
                       "A trip's visits, each an entry (visit_id, child_id, parent_id, "
                       "session_id, start_time, end_time, name)."),
         [](const Row& entry) {
           if (entry.parts.empty()) return Absent();
           nlohmann::json parts = nlohmann::json::array();
           for (const Row& part : entry.parts) parts.push_back(EntryShape().ToJson(part));
           return parts;
         },
         false});
    return ReplyShape<Row>(std::move(properties),
                           "One thing to act on: the ids it is about, what to show, and the "
                           "route of its action. Which members are present depends on the item's "
                           "kind.");
  }();
  return shape;
}

const ReplyShape<TodayItem>& ItemShape() {
  using Row = TodayItem;
  static const ReplyShape<Row> shape = [] {
    std::vector<std::string> kinds;
    for (int kind = 0; kind <= static_cast<int>(TodayKind::kMonthFigures); ++kind) {
      kinds.emplace_back(TodayKindName(static_cast<TodayKind>(kind)));
    }
    return ReplyShape<Row>(
        {
            {"kind", rs::Choice(std::move(kinds)),
             [](const Row& item) { return nlohmann::json(TodayKindName(item.kind)); }},
            {"count",
             rs::Described(rs::Integer(),
                           "How many in all (unscheduled pairs: pairs; month figures: the "
                           "children inside; otherwise entries), of which at most 20 entries are "
                           "listed."),
             MemberOf(&Row::count)},
            {"route", rs::Described(rs::Text(), "The web UI route of the whole list."),
             MemberOf(&Row::route)},
            {"entries", rs::ListOf(rs::Ref("TodayEntry")),
             [](const Row& item) {
               nlohmann::json entries = nlohmann::json::array();
               for (const TodayEntry& entry : item.entries) {
                 entries.push_back(EntryShape().ToJson(entry));
               }
               return entries;
             }},
        },
        "One kind of thing to do, read through the list at `route` as the user.");
  }();
  return shape;
}

const ReplyShape<TodayView>& TodayShape() {
  using Row = TodayView;
  static const ReplyShape<Row> shape(
      {
          {"as_of", rs::Day(), MemberOf(&Row::as_of)},
          {"items", rs::ListOf(rs::Ref("TodayItem")),
           [](const Row& view) {
             nlohmann::json items = nlohmann::json::array();
             for (const TodayItem& item : view.items) items.push_back(ItemShape().ToJson(item));
             return items;
           }},
      },
      "What needs the signed-in user today (issue 16), for her role and within her scope.");
  return shape;
}

}  // namespace

nlohmann::json TodayToJson(const TodayView& view) { return TodayShape().ToJson(view); }

std::vector<std::pair<std::string, nlohmann::json>> TodayReplySchemas() {
  return {{"Today", TodayShape().Schema()},
          {"TodayItem", ItemShape().Schema()},
          {"TodayEntry", EntryShape().Schema()}};
}

}  // namespace vinculo
