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

namespace rs = reply_schema;

// The inline schemas of the family's lists (none has a name of its own).
json Closed(std::vector<std::string> required, json properties) {
  return {{"type", "object"},
          {"required", std::move(required)},
          {"additionalProperties", false},
          {"properties", std::move(properties)}};
}

json NamedSchema(bool nullable) {
  json schema = {{"type", "object"},
                 {"required", {"id", "name"}},
                 {"properties", {{"id", rs::Id()}, {"name", rs::Text()}}}};
  return nullable ? rs::Nullable(std::move(schema)) : schema;
}

json PlaceSchema() {
  return Closed(
      {"kind", "facility", "home", "since"},
      {{"kind", rs::Described(rs::Choice({"facility", "home", "relatives", "state_care", "other",
                                          "with_released_parent", "released"}),
                              "facility: a parent held there or a child living inside with her "
                              "mother; home: a care organisation's home; released: a parent out "
                              "(where is not recorded).")},
       {"facility", NamedSchema(true)},
       {"home", NamedSchema(true)},
       {"since", rs::Nullable(rs::Day())}});
}

json MemberSchema() {
  return Closed({"kind", "id"}, {{"kind", rs::Choice({"child", "parent"})}, {"id", rs::Id()}});
}

json VisitRefSchema() {
  return rs::Nullable(
      Closed({"visit_id", "date", "start_time", "facility"}, {{"visit_id", rs::Id()},
                                                              {"date", rs::Day()},
                                                              {"start_time", rs::Clock()},
                                                              {"facility", NamedSchema(false)}}));
}

json NullableInteger(const std::string& description = "") {
  json schema = rs::Nullable({{"type", "integer"}});
  return description.empty() ? schema : rs::Described(std::move(schema), description);
}

// A list property: each element of the view's `list` written by `write`.
template <typename Element>
std::function<json(const FamilyView&)> ListOf(std::vector<Element> FamilyView::*list,
                                              json (*write)(const Element&)) {
  return [list, write](const FamilyView& view) {
    json items = json::array();
    for (const Element& element : view.*list) items.push_back(write(element));
    return items;
  };
}

json ChildToJson(const FamilyChild& child) {
  return {{"record", RecordToJson(child.record)}, {"place", PlaceToJson(child.place)}};
}

json ParentToJson(const FamilyParent& parent) {
  json history = json::array();
  for (const family_store::ReleaseDateChange& change : parent.release_history) {
    history.push_back({{"expected_release_date", OrNull(change.expected_release_date)},
                       {"previous_date", OrNull(change.previous_date)},
                       {"changed_at", change.created_at}});
  }
  return {{"record", RecordToJson(parent.record)},
          {"place", PlaceToJson(parent.place)},
          {"days_to_release", OrNull(parent.days_to_release)},
          {"release_history", std::move(history)}};
}

json CarerToJson(const FamilyCarer& carer) {
  return {{"staff_id", carer.staff_id},
          {"given_names", carer.given_names},
          {"family_names", carer.family_names},
          {"home", {{"id", carer.home_id}, {"name", carer.home_name}}}};
}

json ParentLinkToJson(const FamilyParentLink& link) {
  return {{"parent_id", link.parent_id}, {"child_id", link.child_id}, {"relation", link.relation}};
}

json SiblingsToJson(const FamilySiblings& pair) {
  return {{"child_id", pair.child_id},
          {"sibling_id", pair.sibling_id},
          {"relation", pair.relation},
          {"link_id", OrNull(pair.link_id)}};
}

json DistanceToJson(const FamilyDistance& distance) {
  return {{"relation", distance.relation},
          {"from", {{"kind", distance.from_kind}, {"id", distance.from_id}}},
          {"to", {{"kind", distance.to_kind}, {"id", distance.to_id}}},
          {"km", distance.km}};
}

json PairVisitsToJson(const FamilyPairVisits& pair) {
  return {{"child_id", pair.child_id},
          {"parent_id", pair.parent_id},
          {"next_planned", VisitRefToJson(pair.next_planned)},
          {"last_attended", VisitRefToJson(pair.last_attended)}};
}

json SiblingsApartToJson(const FamilySiblingsApart& pair) {
  return {{"child_id", pair.child_id},
          {"sibling_id", pair.sibling_id},
          {"last_seen_on", OrNull(pair.last_seen_on)},
          {"days_apart", OrNull(pair.days_apart)}};
}

json EventToJson(const FamilyEvent& event) {
  return {{"on", event.on},
          {"kind", event.kind},
          {"child_id", OrNull(event.child_id)},
          {"parent_id", OrNull(event.parent_id)},
          {"facility_id", OrNull(event.facility_id)},
          {"home_id", OrNull(event.home_id)},
          {"status", event.status},
          {"detail", event.detail}};
}

// The replies whose document schema comes from their shape (issue 17).
const ReplyShape<FamilyView>& FamilyShape() {
  static const ReplyShape<FamilyView> shape(
      {
          {"child_id", rs::Id(), MemberOf(&FamilyView::child_id)},
          {"as_of", rs::Day(), MemberOf(&FamilyView::as_of)},
          {"apart_days",
           {{"type", "integer"}, {"minimum", 1}, {"maximum", 3650}},
           MemberOf(&FamilyView::apart_days)},
          {"children",
           rs::ListOf(Closed({"record", "place"},
                             {{"record", rs::Ref("Child")}, {"place", PlaceSchema()}})),
           ListOf(&FamilyView::children, ChildToJson)},
          {"parents",
           rs::ListOf(Closed(
               {"record", "place", "days_to_release", "release_history"},
               {{"record", rs::Ref("Parent")},
                {"place", PlaceSchema()},
                {"days_to_release",
                 NullableInteger("Days from today to the expected release date while in "
                                 "custody; negative when it has passed.")},
                {"release_history",
                 rs::Described(
                     rs::ListOf(Closed({"expected_release_date", "previous_date", "changed_at"},
                                       {{"expected_release_date", rs::Nullable(rs::Day())},
                                        {"previous_date", rs::Nullable(rs::Day())},
                                        {"changed_at", rs::Instant()}})),
                     "Every value the expected release date took, oldest first.")}})),
           ListOf(&FamilyView::parents, ParentToJson)},
          {"carers",
           rs::ListOf(Closed({"staff_id", "given_names", "family_names", "home"},
                             {{"staff_id", rs::Id()},
                              {"given_names", rs::Text()},
                              {"family_names", rs::Text()},
                              {"home", NamedSchema(false)}})),
           ListOf(&FamilyView::carers, CarerToJson)},
          {"parent_links",
           rs::ListOf(Closed({"parent_id", "child_id", "relation"},
                             {{"parent_id", rs::Id()},
                              {"child_id", rs::Id()},
                              {"relation", rs::Choice({"mother", "father", "legal_guardian"})}})),
           ListOf(&FamilyView::parent_links, ParentLinkToJson)},
          {"siblings",
           rs::ListOf(Closed({"child_id", "sibling_id", "relation", "link_id"},
                             {{"child_id", rs::Id()},
                              {"sibling_id", rs::Id()},
                              {"relation", rs::Choice({"shared_parent", "full", "half", "step"})},
                              {"link_id", rs::Nullable(rs::Id())}})),
           ListOf(&FamilyView::siblings, SiblingsToJson)},
          {"distances",
           rs::ListOf(rs::Described(
               Closed({"relation", "from", "to", "km"},
                      {{"relation", rs::Choice({"parents", "child_parent", "siblings"})},
                       {"from", MemberSchema()},
                       {"to", MemberSchema()},
                       {"km", {{"type", "number"}, {"minimum", 0}}}}),
               "Great-circle distance between two members' places, rounded to 0.1 km.")),
           ListOf(&FamilyView::distances, DistanceToJson)},
          {"pairs",
           rs::ListOf(Closed({"child_id", "parent_id", "next_planned", "last_attended"},
                             {{"child_id", rs::Id()},
                              {"parent_id", rs::Id()},
                              {"next_planned", VisitRefSchema()},
                              {"last_attended", VisitRefSchema()}})),
           ListOf(&FamilyView::pairs, PairVisitsToJson)},
          {"siblings_apart",
           rs::ListOf(Closed({"child_id", "sibling_id", "last_seen_on", "days_apart"},
                             {{"child_id", rs::Id()},
                              {"sibling_id", rs::Id()},
                              {"last_seen_on", rs::Nullable(rs::Day())},
                              {"days_apart", NullableInteger()}})),
           ListOf(&FamilyView::siblings_apart, SiblingsApartToJson)},
          {"timeline",
           rs::ListOf(Closed(
               {"on", "kind", "child_id", "parent_id", "facility_id", "home_id", "status",
                "detail"},
               {{"on", rs::Day()},
                {"kind", rs::Choice({"born", "imprisoned", "admission", "placement", "transfer",
                                     "leave", "return", "visit", "released", "expected_release"})},
                {"child_id", rs::Nullable(rs::Id())},
                {"parent_id", rs::Nullable(rs::Id())},
                {"facility_id", rs::Nullable(rs::Id())},
                {"home_id", rs::Nullable(rs::Id())},
                {"status", rs::Described(rs::Text(),
                                         "visit: planned, attended, missed or cancelled; "
                                         "placement: the placement; leave and return: the "
                                         "reason.")},
                {"detail", rs::Text()}})),
           ListOf(&FamilyView::timeline, EventToJson)},
      },
      "A child's family as the reader may see it (GET /children/{id}/family).");
  return shape;
}

const ReplyShape<family_store::SiblingLinkRow>& SiblingLinkShape() {
  using Link = family_store::SiblingLinkRow;
  static const ReplyShape<Link> shape(
      {
          {"id", rs::Id(), MemberOf(&Link::id)},
          {"child_id", rs::Id(), MemberOf(&Link::child_id)},
          {"sibling_id", rs::Id(), MemberOf(&Link::sibling_id)},
          {"relation", rs::Choice({"full", "half", "step"}), MemberOf(&Link::relation)},
          {"created_at", rs::Instant(), MemberOf(&Link::created_at)},
      },
      "Two children recorded as siblings, stored once with the smaller id first.");
  return shape;
}

}  // namespace

json FamilyToJson(const FamilyView& view) { return FamilyShape().ToJson(view); }

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
  return SiblingLinkShape().ToJson(row);
}

std::vector<std::pair<std::string, json>> FamilyReplySchemas() {
  return {{"Family", FamilyShape().Schema()}, {"SiblingLink", SiblingLinkShape().Schema()}};
}

}  // namespace vinculo
