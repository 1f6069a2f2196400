#include "json/family_json.h"

#include <nlohmann/json.hpp>

#include "domain/visit_rules.h"
#include "json/record_json.h"
#include "json/reply_shape.h"

namespace vinculo {
namespace {

using nlohmann::json;

namespace rs = reply_schema;

// The facility or the home of a place; null when it has none.
json NamedOrNull(const std::optional<long long>& id, const std::string& name) {
  return id ? IdAndNameShape().ToJson({*id, name}) : json(nullptr);
}

// A list property of the view: each element of its `list` written by `shape`.
template <typename Element>
std::function<json(const FamilyView&)> ListOf(std::vector<Element> FamilyView::*list,
                                              const ReplyShape<Element>& shape) {
  return [list, &shape](const FamilyView& view) { return shape.List(view.*list); };
}

json NullableInteger(const std::string& description = "") {
  json schema = rs::Nullable({{"type", "integer"}});
  return description.empty() ? schema : rs::Described(std::move(schema), description);
}

// The shapes of the family's nested objects (none has a schema of its own in
// the document: each is written inline where it is used).
const ReplyShape<FamilyPlace>& PlaceShape() {
  using Row = FamilyPlace;
  static const ReplyShape<Row> shape({
      {"kind",
       rs::Described(rs::Choice({"facility", "home", "relatives", "state_care", "other",
                                 "with_released_parent", "released"}),
                     "facility: a parent held there or a child living inside with her "
                     "mother; home: a care organisation's home; released: a parent out "
                     "(where is not recorded)."),
       MemberOf(&Row::kind)},
      {"facility", rs::Nullable(IdAndNameShape().Schema()),
       [](const Row& place) { return NamedOrNull(place.facility_id, place.facility_name); }},
      {"home", rs::Nullable(IdAndNameShape().Schema()),
       [](const Row& place) { return NamedOrNull(place.home_id, place.home_name); }},
      {"since", rs::Nullable(rs::Day()),
       [](const Row& place) { return place.since.empty() ? json(nullptr) : json(place.since); }},
  });
  return shape;
}

// One end of a distance: a child or a parent.
struct Member {
  std::string kind;  // child | parent
  long long id = 0;
};

const ReplyShape<Member>& MemberShape() {
  static const ReplyShape<Member> shape({
      {"kind", rs::Choice({"child", "parent"}), MemberOf(&Member::kind)},
      {"id", rs::Id(), MemberOf(&Member::id)},
  });
  return shape;
}

const ReplyShape<FamilyVisitRef>& VisitRefShape() {
  using Row = FamilyVisitRef;
  static const ReplyShape<Row> shape({
      {"visit_id", rs::Id(), MemberOf(&Row::visit_id)},
      {"date", rs::Day(), MemberOf(&Row::date)},
      {"start_time", rs::Clock(),
       [](const Row& visit) { return json(FormatClock(static_cast<int>(visit.start_minute))); }},
      {"facility", IdAndNameShape().Schema(),
       [](const Row& visit) {
         return IdAndNameShape().ToJson({visit.facility_id, visit.facility_name});
       }},
  });
  return shape;
}

// A pair's visit, null when there is none.
json VisitRefOrNull(const std::optional<FamilyVisitRef>& visit) {
  return visit ? VisitRefShape().ToJson(*visit) : json(nullptr);
}

const ReplyShape<FamilyChild>& ChildShape() {
  static const ReplyShape<FamilyChild> shape({
      {"record", rs::Ref("Child"),
       [](const FamilyChild& child) { return RecordToJson(child.record); }},
      {"place", PlaceShape().Schema(),
       [](const FamilyChild& child) { return PlaceShape().ToJson(child.place); }},
  });
  return shape;
}

const ReplyShape<family_store::ReleaseDateChange>& ReleaseDateChangeShape() {
  using Row = family_store::ReleaseDateChange;
  static const ReplyShape<Row> shape({
      {"expected_release_date", rs::Nullable(rs::Day()),
       [](const Row& change) { return OrNull(change.expected_release_date); }},
      {"previous_date", rs::Nullable(rs::Day()),
       [](const Row& change) { return OrNull(change.previous_date); }},
      {"changed_at", rs::Instant(), MemberOf(&Row::created_at)},
  });
  return shape;
}

const ReplyShape<FamilyParent>& ParentShape() {
  using Row = FamilyParent;
  static const ReplyShape<Row> shape({
      {"record", rs::Ref("Parent"), [](const Row& parent) { return RecordToJson(parent.record); }},
      {"place", PlaceShape().Schema(),
       [](const Row& parent) { return PlaceShape().ToJson(parent.place); }},
      {"days_to_release",
       NullableInteger("Days from today to the expected release date while in "
                       "custody; negative when it has passed."),
       [](const Row& parent) { return OrNull(parent.days_to_release); }},
      {"release_history",
       rs::Described(rs::ListOf(ReleaseDateChangeShape().Schema()),
                     "Every value the expected release date took, oldest first."),
       [](const Row& parent) { return ReleaseDateChangeShape().List(parent.release_history); }},
  });
  return shape;
}

const ReplyShape<FamilyCarer>& CarerShape() {
  using Row = FamilyCarer;
  static const ReplyShape<Row> shape({
      {"staff_id", rs::Id(), MemberOf(&Row::staff_id)},
      {"given_names", rs::Text(), MemberOf(&Row::given_names)},
      {"family_names", rs::Text(), MemberOf(&Row::family_names)},
      {"home", IdAndNameShape().Schema(),
       [](const Row& carer) {
         return IdAndNameShape().ToJson({carer.home_id, carer.home_name});
       }},
  });
  return shape;
}

const ReplyShape<FamilyParentLink>& ParentLinkShape() {
  using Row = FamilyParentLink;
  static const ReplyShape<Row> shape({
      {"parent_id", rs::Id(), MemberOf(&Row::parent_id)},
      {"child_id", rs::Id(), MemberOf(&Row::child_id)},
      {"relation", rs::Choice({"mother", "father", "legal_guardian"}), MemberOf(&Row::relation)},
  });
  return shape;
}

const ReplyShape<FamilySiblings>& SiblingsShape() {
  using Row = FamilySiblings;
  static const ReplyShape<Row> shape({
      {"child_id", rs::Id(), MemberOf(&Row::child_id)},
      {"sibling_id", rs::Id(), MemberOf(&Row::sibling_id)},
      {"relation", rs::Choice({"shared_parent", "full", "half", "step"}), MemberOf(&Row::relation)},
      {"link_id", rs::Nullable(rs::Id()), [](const Row& pair) { return OrNull(pair.link_id); }},
  });
  return shape;
}

const ReplyShape<FamilyDistance>& DistanceShape() {
  using Row = FamilyDistance;
  static const ReplyShape<Row> shape(
      {
          {"relation", rs::Choice({"parents", "child_parent", "siblings"}),
           MemberOf(&Row::relation)},
          {"from", MemberShape().Schema(),
           [](const Row& distance) {
             return MemberShape().ToJson({distance.from_kind, distance.from_id});
           }},
          {"to", MemberShape().Schema(),
           [](const Row& distance) {
             return MemberShape().ToJson({distance.to_kind, distance.to_id});
           }},
          {"km", {{"type", "number"}, {"minimum", 0}}, MemberOf(&Row::km)},
      },
      "Great-circle distance between two members' places, rounded to 0.1 km.");
  return shape;
}

const ReplyShape<FamilyPairVisits>& PairVisitsShape() {
  using Row = FamilyPairVisits;
  static const ReplyShape<Row> shape({
      {"child_id", rs::Id(), MemberOf(&Row::child_id)},
      {"parent_id", rs::Id(), MemberOf(&Row::parent_id)},
      {"next_planned", rs::Nullable(VisitRefShape().Schema()),
       [](const Row& pair) { return VisitRefOrNull(pair.next_planned); }},
      {"last_attended", rs::Nullable(VisitRefShape().Schema()),
       [](const Row& pair) { return VisitRefOrNull(pair.last_attended); }},
  });
  return shape;
}

const ReplyShape<FamilySiblingsApart>& SiblingsApartShape() {
  using Row = FamilySiblingsApart;
  static const ReplyShape<Row> shape({
      {"child_id", rs::Id(), MemberOf(&Row::child_id)},
      {"sibling_id", rs::Id(), MemberOf(&Row::sibling_id)},
      {"last_seen_on", rs::Nullable(rs::Day()),
       [](const Row& pair) { return OrNull(pair.last_seen_on); }},
      {"days_apart", NullableInteger(), [](const Row& pair) { return OrNull(pair.days_apart); }},
  });
  return shape;
}

const ReplyShape<FamilyEvent>& EventShape() {
  using Row = FamilyEvent;
  static const ReplyShape<Row> shape({
      {"on", rs::Day(), MemberOf(&Row::on)},
      {"kind",
       rs::Choice({"born", "imprisoned", "admission", "placement", "transfer", "leave", "return",
                   "visit", "released", "expected_release"}),
       MemberOf(&Row::kind)},
      {"child_id", rs::Nullable(rs::Id()), [](const Row& event) { return OrNull(event.child_id); }},
      {"parent_id", rs::Nullable(rs::Id()),
       [](const Row& event) { return OrNull(event.parent_id); }},
      {"facility_id", rs::Nullable(rs::Id()),
       [](const Row& event) { return OrNull(event.facility_id); }},
      {"home_id", rs::Nullable(rs::Id()), [](const Row& event) { return OrNull(event.home_id); }},
      {"status",
       rs::Described(rs::Text(),
                     "visit: planned, attended, missed or cancelled; placement: the placement; "
                     "leave and return: the reason."),
       MemberOf(&Row::status)},
      {"detail", rs::Text(), MemberOf(&Row::detail)},
  });
  return shape;
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
          {"children", rs::ListOf(ChildShape().Schema()),
           ListOf(&FamilyView::children, ChildShape())},
          {"parents", rs::ListOf(ParentShape().Schema()),
           ListOf(&FamilyView::parents, ParentShape())},
          {"carers", rs::ListOf(CarerShape().Schema()), ListOf(&FamilyView::carers, CarerShape())},
          {"parent_links", rs::ListOf(ParentLinkShape().Schema()),
           ListOf(&FamilyView::parent_links, ParentLinkShape())},
          {"siblings", rs::ListOf(SiblingsShape().Schema()),
           ListOf(&FamilyView::siblings, SiblingsShape())},
          {"distances", rs::ListOf(DistanceShape().Schema()),
           ListOf(&FamilyView::distances, DistanceShape())},
          {"pairs", rs::ListOf(PairVisitsShape().Schema()),
           ListOf(&FamilyView::pairs, PairVisitsShape())},
          {"siblings_apart", rs::ListOf(SiblingsApartShape().Schema()),
           ListOf(&FamilyView::siblings_apart, SiblingsApartShape())},
          {"timeline", rs::ListOf(EventShape().Schema()),
           ListOf(&FamilyView::timeline, EventShape())},
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

const ReplyShape<ReleaseCountdownEntry>& ReleaseCountdownEntryShape() {
  static const ReplyShape<ReleaseCountdownEntry> shape(
      {
          {"parent", IdAndNameShape().Schema(),
           [](const ReleaseCountdownEntry& entry) {
             const family_store::ReleaseCountdownRow& row = entry.row;
             return IdAndNameShape().ToJson(
                 {row.parent_id, row.given_names + " " + row.family_names});
           }},
          {"facility", IdAndNameShape().Schema(),
           [](const ReleaseCountdownEntry& entry) {
             return IdAndNameShape().ToJson({entry.row.facility_id, entry.row.facility_name});
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
