#include "json/family_json.h"

#include <nlohmann/json.hpp>

#include "domain/visit_rules.h"
#include "json/record_json.h"
#include "json/reply_shape.h"

namespace vinculo {
namespace {

using nlohmann::json;

template <typename T>
json OrNull(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json Named(const std::optional<long long>& id, const std::string& name) {
  if (!id) return nullptr;
  return {{"id", *id}, {"name", name}};
}

json PlaceToJson(const FamilyPlace& place) {
  return {{"kind", place.kind},
          {"facility", Named(place.facility_id, place.facility_name)},
          {"home", Named(place.home_id, place.home_name)},
          {"since", place.since.empty() ? json(nullptr) : json(place.since)}};
}

json VisitRefToJson(const std::optional<FamilyVisitRef>& visit) {
  if (!visit) return nullptr;
  return {{"visit_id", visit->visit_id},
          {"date", visit->date},
          {"start_time", FormatClock(static_cast<int>(visit->start_minute))},
          {"facility", {{"id", visit->facility_id}, {"name", visit->facility_name}}}};
}

}  // namespace

json FamilyToJson(const FamilyView& view) {
  json children = json::array();
  for (const FamilyChild& child : view.children) {
    children.push_back(
        {{"record", RecordToJson(child.record)}, {"place", PlaceToJson(child.place)}});
  }
  json parents = json::array();
  for (const FamilyParent& parent : view.parents) {
    json history = json::array();
    for (const family_store::ReleaseDateChange& change : parent.release_history) {
      history.push_back({{"expected_release_date", OrNull(change.expected_release_date)},
                         {"previous_date", OrNull(change.previous_date)},
                         {"changed_at", change.created_at}});
    }
    parents.push_back({{"record", RecordToJson(parent.record)},
                       {"place", PlaceToJson(parent.place)},
                       {"days_to_release", OrNull(parent.days_to_release)},
                       {"release_history", std::move(history)}});
  }
  json carers = json::array();
  for (const FamilyCarer& carer : view.carers) {
    carers.push_back({{"staff_id", carer.staff_id},
                      {"given_names", carer.given_names},
                      {"family_names", carer.family_names},
                      {"home", {{"id", carer.home_id}, {"name", carer.home_name}}}});
  }
  json links = json::array();
  for (const FamilyParentLink& link : view.parent_links) {
    links.push_back(
        {{"parent_id", link.parent_id}, {"child_id", link.child_id}, {"relation", link.relation}});
  }
  json siblings = json::array();
  for (const FamilySiblings& pair : view.siblings) {
    siblings.push_back({{"child_id", pair.child_id},
                        {"sibling_id", pair.sibling_id},
                        {"relation", pair.relation},
                        {"link_id", OrNull(pair.link_id)}});
  }
  json distances = json::array();
  for (const FamilyDistance& distance : view.distances) {
    distances.push_back({{"relation", distance.relation},
                         {"from", {{"kind", distance.from_kind}, {"id", distance.from_id}}},
                         {"to", {{"kind", distance.to_kind}, {"id", distance.to_id}}},
                         {"km", distance.km}});
  }
  json pairs = json::array();
  for (const FamilyPairVisits& pair : view.pairs) {
    pairs.push_back({{"child_id", pair.child_id},
                     {"parent_id", pair.parent_id},
                     {"next_planned", VisitRefToJson(pair.next_planned)},
                     {"last_attended", VisitRefToJson(pair.last_attended)}});
  }
  json apart = json::array();
  for (const FamilySiblingsApart& pair : view.siblings_apart) {
    apart.push_back({{"child_id", pair.child_id},
                     {"sibling_id", pair.sibling_id},
                     {"last_seen_on", OrNull(pair.last_seen_on)},
                     {"days_apart", OrNull(pair.days_apart)}});
  }
  json timeline = json::array();
  for (const FamilyEvent& event : view.timeline) {
    timeline.push_back({{"on", event.on},
                        {"kind", event.kind},
                        {"child_id", OrNull(event.child_id)},
                        {"parent_id", OrNull(event.parent_id)},
                        {"facility_id", OrNull(event.facility_id)},
                        {"home_id", OrNull(event.home_id)},
                        {"status", event.status},
                        {"detail", event.detail}});
  }
  return {{"child_id", view.child_id},          {"as_of", view.as_of},
          {"apart_days", view.apart_days},      {"children", std::move(children)},
          {"parents", std::move(parents)},      {"carers", std::move(carers)},
          {"parent_links", std::move(links)},   {"siblings", std::move(siblings)},
          {"distances", std::move(distances)},  {"pairs", std::move(pairs)},
          {"siblings_apart", std::move(apart)}, {"timeline", std::move(timeline)}};
}

// The release countdown's reply, whose document schema comes from its shape
// (issue 17).
namespace {

namespace rs = reply_schema;

// {id, name}: the parent or the facility.
json IdAndNameSchema() {
  return {{"type", "object"},
          {"required", {"id", "name"}},
          {"properties", {{"id", rs::Id()}, {"name", rs::Text()}}}};
}

const ReplyShape<ReleaseCountdownEntry>& ReleaseCountdownEntryShape() {
  static const ReplyShape<ReleaseCountdownEntry> shape(
      {
          {"parent", IdAndNameSchema(),
           [](const ReleaseCountdownEntry& entry) {
             const family_store::ReleaseCountdownRow& row = entry.row;
             return json{{"id", row.parent_id}, {"name", row.given_names + " " + row.family_names}};
           }},
          {"facility", IdAndNameSchema(),
           [](const ReleaseCountdownEntry& entry) {
             return json{{"id", entry.row.facility_id}, {"name", entry.row.facility_name}};
           }},
          {"expected_release_date", rs::Day(),
           [](const ReleaseCountdownEntry& entry) {
             return json(entry.row.expected_release_date);
           }},
          {"days_to_release",
           rs::Described({{"type", "integer"}},
                         "Negative: the date passed without a release recorded."),
           MemberOf(&ReleaseCountdownEntry::days_to_release)},
          {"changes",
           rs::Described({{"type", "integer"}, {"minimum", 0}},
                         "How many times the date moved after it was first recorded."),
           [](const ReleaseCountdownEntry& entry) { return json(entry.row.changes); }},
          {"reunification_plan_id",
           rs::Described(rs::Nullable(rs::Id()), "Her open reunification plan; null without one."),
           [](const ReleaseCountdownEntry& entry) { return OrNull(entry.reunification_plan_id); }},
          {"overdue_steps",
           rs::Described({{"type", "integer"}, {"minimum", 0}},
                         "Steps of that plan past their due date, still pending or in progress."),
           MemberOf(&ReleaseCountdownEntry::overdue_steps)},
          {"alerts",
           rs::Described(rs::ListOf(rs::Choice({"no_plan", "overdue_steps"})),
                         "no_plan: release at most alert_days away without an open plan; "
                         "overdue_steps: the plan has overdue steps."),
           MemberOf(&ReleaseCountdownEntry::alerts)},
      },
      "A parent in custody whose release is near (GET /release-countdown).");
  return shape;
}

}  // namespace

std::vector<std::pair<std::string, json>> ReleaseCountdownReplySchemas() {
  return {{"ReleaseCountdownEntry", ReleaseCountdownEntryShape().Schema()}};
}

json ReleaseCountdownEntryToJson(const ReleaseCountdownEntry& entry) {
  return ReleaseCountdownEntryShape().ToJson(entry);
}

json SiblingLinkToJson(const family_store::SiblingLinkRow& row) {
  return {{"id", row.id},
          {"child_id", row.child_id},
          {"sibling_id", row.sibling_id},
          {"relation", row.relation},
          {"created_at", row.created_at}};
}

}  // namespace vinculo
