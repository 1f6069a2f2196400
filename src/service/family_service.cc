#include "service/family_service.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <set>

#include "domain/access.h"
#include "domain/family.h"
#include "domain/geo.h"
#include "domain/reunification.h"
#include "service/record_service.h"
#include "service/visit_settings.h"
#include "store/nursery_care_store.h"
#include "store/reunification_store.h"
#include "store/visit_store.h"

namespace vinculo {
namespace {

namespace vs = visit_store;

// A family larger than this is read no further: no programme has one, and a
// walk over a bad import must not read the whole database.
constexpr size_t kMaxFamilyMembers = 200;
// Page size of the walk's reads of links and caregivers.
constexpr int kLinkPage = 200;

struct Point {
  double latitude = 0;
  double longitude = 0;
};

// Every active record of `kind` whose filterable fields equal `filters`, in
// the actor's scope, across pages.
Result<std::vector<Record>> ListAll(Txn& txn, const RecordKind& kind, FieldValues filters,
                                    const Actor& actor) {
  std::vector<Record> all;
  ListQuery query;
  query.filters = std::move(filters);
  query.limit = kLinkPage;
  while (true) {
    VINCULO_ASSIGN_OR_RETURN(Page page, txn.List(kind, query, actor));
    for (Record& record : page.items) all.push_back(std::move(record));
    if (!page.next_after_id) break;
    query.after_id = *page.next_after_id;
  }
  return all;
}

std::optional<Point> PointOf(const Record& record, std::string_view latitude,
                             std::string_view longitude) {
  auto lat = record.Number(latitude);
  auto lng = record.Number(longitude);
  if (!lat || !lng) return std::nullopt;
  return Point{*lat, *lng};
}

std::string DatePart(const std::string& timestamp) { return timestamp.substr(0, 10); }

// Timeline order within a day: what happens first in a life first.
int KindRank(const std::string& kind) {
  static const char* const kOrder[] = {"born",     "imprisoned",      "admission", "placement",
                                       "transfer", "leave",           "return",    "visit",
                                       "released", "expected_release"};
  for (int rank = 0; rank < static_cast<int>(std::size(kOrder)); ++rank) {
    if (kind == kOrder[rank]) return rank;
  }
  return static_cast<int>(std::size(kOrder));
}

// The walk, the places and the rest, inside one read transaction.
class FamilyReader {
 public:
  FamilyReader(Txn& txn, const Actor& actor, const Date& today)
      : txn_(txn), actor_(actor), today_(today) {}

  Status Read(long long child_id, int apart_days, FamilyView& view) {
    VINCULO_ASSIGN_OR_RETURN(Record anchor, txn_.Get(ChildKind(), child_id, actor_));
    VINCULO_RETURN_IF_ERROR(Walk(std::move(anchor)));
    VINCULO_RETURN_IF_ERROR(Places(view));
    Distances(view);
    VINCULO_RETURN_IF_ERROR(Visits(view, apart_days));
    VINCULO_RETURN_IF_ERROR(Timeline(view));
    view.parent_links = links_;
    return Status::Ok();
  }

 private:
  // Breadth first from the anchor child over links the actor may see: a
  // parent-child link is visible only when both ends are (ScopeRule::kLink),
  // and a sibling link is followed only to a child the actor may read.
  Status Walk(Record anchor) {
    std::deque<std::pair<bool, long long>> queue;  // (is_child, id)
    children_.emplace(anchor.id, std::move(anchor));
    queue.push_back({true, children_.begin()->first});
    while (!queue.empty() && children_.size() + parents_.size() < kMaxFamilyMembers) {
      auto [is_child, id] = queue.front();
      queue.pop_front();
      if (is_child) {
        VINCULO_ASSIGN_OR_RETURN(std::vector<Record> links,
                                 ListAll(txn_, ParentChildLinkKind(), {{"child_id", id}}, actor_));
        for (const Record& link : links) {
          const long long parent_id = link.Integer("parent_id").value_or(0);
          AddLink(parent_id, id, link.Text("relation").value_or(""));
          if (parents_.count(parent_id)) continue;
          auto parent = txn_.Get(ParentKind(), parent_id, actor_);
          if (!parent.ok()) continue;
          parents_.emplace(parent_id, std::move(*parent));
          queue.push_back({false, parent_id});
        }
        VINCULO_ASSIGN_OR_RETURN(std::vector<family_store::SiblingLinkRow> sibling_links,
                                 family_store::SiblingLinksOf(txn_, id));
        for (const family_store::SiblingLinkRow& link : sibling_links) {
          const long long other = link.child_id == id ? link.sibling_id : link.child_id;
          if (!children_.count(other)) {
            auto sibling = txn_.Get(ChildKind(), other, actor_);
            if (!sibling.ok()) continue;  // not hers to see: as if it were not there
            children_.emplace(other, std::move(*sibling));
            queue.push_back({true, other});
          }
          sibling_links_[{link.child_id, link.sibling_id}] = link;
        }
      } else {
        VINCULO_ASSIGN_OR_RETURN(std::vector<Record> links,
                                 ListAll(txn_, ParentChildLinkKind(), {{"parent_id", id}}, actor_));
        for (const Record& link : links) {
          const long long other = link.Integer("child_id").value_or(0);
          AddLink(id, other, link.Text("relation").value_or(""));
          if (children_.count(other)) continue;
          auto child = txn_.Get(ChildKind(), other, actor_);
          if (!child.ok()) continue;
          children_.emplace(other, std::move(*child));
          queue.push_back({true, other});
        }
      }
    }
    // Links to members the cap left out are dropped with them.
    std::erase_if(links_, [&](const FamilyParentLink& link) {
      return !children_.count(link.child_id) || !parents_.count(link.parent_id);
    });
    return Status::Ok();
  }

  void AddLink(long long parent_id, long long child_id, std::string relation) {
    for (const FamilyParentLink& link : links_) {
      if (link.parent_id == parent_id && link.child_id == child_id) return;
    }
    links_.push_back({parent_id, child_id, std::move(relation)});
  }

  std::string FacilityName(long long facility_id) {
    auto known = facility_names_.find(facility_id);
    if (known != facility_names_.end()) return known->second;
    std::string name;
    auto facility = txn_.Get(FacilityKind(), facility_id, actor_);
    if (facility.ok()) {
      name = facility->Text("name").value_or("");
      if (auto point = PointOf(*facility, "latitude", "longitude")) {
        facility_points_[facility_id] = *point;
      }
    }
    facility_names_[facility_id] = name;
    return name;
  }

  // The home if the actor may read homes and this one (her organisation's).
  const Record* Home(long long home_id) {
    if (KindAccess(actor_.role, HomeKind()) == Access::kNone) return nullptr;
    auto known = homes_.find(home_id);
    if (known == homes_.end()) {
      auto home = txn_.Get(HomeKind(), home_id, actor_);
      known =
          homes_.emplace(home_id, home.ok() ? std::optional<Record>(*home) : std::nullopt).first;
    }
    return known->second ? &*known->second : nullptr;
  }

  Status Places(FamilyView& view) {
    const FieldSpec* home_latitude = ChildKind().Field("home_latitude");
    const bool sees_child_address =
        home_latitude && SeesField(actor_.role, ChildKind(), *home_latitude);
    for (auto& [id, child] : children_) {
      FamilyChild member;
      member.record = child;
      FamilyPlace& place = member.place;
      const std::string placement = child.Text("placement").value_or("other");
      VINCULO_ASSIGN_OR_RETURN(std::vector<Placement> history, txn_.Placements(id));
      placements_[id] = history;
      for (const Placement& period : history) {
        if (!period.ended_on) place.since = period.started_on;
      }
      if (placement == "inside_with_mother") {
        place.kind = "facility";
        place.facility_id = child.Integer("facility_id");
        if (place.facility_id) {
          place.facility_name = FacilityName(*place.facility_id);
          auto point = facility_points_.find(*place.facility_id);
          if (point != facility_points_.end()) points_[{true, id}] = point->second;
        }
      } else if (placement == "care_home") {
        place.kind = "home";
        if (auto home_id = child.Integer("home_id")) {
          if (const Record* home = Home(*home_id)) {
            place.home_id = home_id;
            place.home_name = home->Text("name").value_or("");
            if (auto point = PointOf(*home, "latitude", "longitude")) points_[{true, id}] = *point;
          }
        }
      } else {
        place.kind = placement;
        if (sees_child_address) {
          if (auto point = PointOf(child, "home_latitude", "home_longitude")) {
            points_[{true, id}] = *point;
          }
        }
      }
      view.children.push_back(std::move(member));
    }
    for (auto& [id, parent] : parents_) {
      FamilyParent member;
      member.record = parent;
      FamilyPlace& place = member.place;
      VINCULO_ASSIGN_OR_RETURN(member.release_history, family_store::ReleaseDateHistory(txn_, id));
      VINCULO_ASSIGN_OR_RETURN(std::vector<Transfer> transfers, txn_.Transfers(id));
      transfers_[id] = transfers;
      if (parent.Text("custody_status").value_or("") == "released") {
        place.kind = "released";
        place.since = parent.Text("released_on").value_or("");
      } else {
        place.kind = "facility";
        place.facility_id = parent.Integer("facility_id");
        place.since = transfers.empty() ? parent.Text("admission_date").value_or("")
                                        : transfers.back().transferred_on;
        if (place.facility_id) {
          place.facility_name = FacilityName(*place.facility_id);
          auto point = facility_points_.find(*place.facility_id);
          if (point != facility_points_.end()) points_[{false, id}] = point->second;
        }
        if (auto release = parent.Text("expected_release_date")) {
          if (auto date = ParseDate(*release, "expected_release_date"); date.ok()) {
            member.days_to_release = DaysBetween(today_, *date);
          }
        }
      }
      view.parents.push_back(std::move(member));
    }
    // The caregivers of the homes the children live in.
    if (KindAccess(actor_.role, StaffKind()) != Access::kNone) {
      std::set<long long> homes;
      for (const FamilyChild& child : view.children) {
        if (child.place.home_id) homes.insert(*child.place.home_id);
      }
      for (long long home_id : homes) {
        VINCULO_ASSIGN_OR_RETURN(
            std::vector<Record> staff,
            ListAll(txn_, StaffKind(),
                    {{"home_id", home_id}, {"staff_role", std::string("caregiver")}}, actor_));
        for (const Record& carer : staff) {
          view.carers.push_back({carer.id, carer.Text("given_names").value_or(""),
                                 carer.Text("family_names").value_or(""), home_id,
                                 Home(home_id)->Text("name").value_or("")});
        }
      }
    }
    // Siblings: a shared parent the actor sees, or a recorded link.
    std::map<std::pair<long long, long long>, FamilySiblings> siblings;
    for (const FamilyParentLink& a : links_) {
      for (const FamilyParentLink& b : links_) {
        if (a.parent_id != b.parent_id || a.child_id >= b.child_id) continue;
        siblings.emplace(std::make_pair(a.child_id, b.child_id),
                         FamilySiblings{a.child_id, b.child_id, "shared_parent", std::nullopt});
      }
    }
    for (const auto& [pair, link] : sibling_links_) {
      if (!children_.count(pair.first) || !children_.count(pair.second)) continue;
      siblings[pair] = FamilySiblings{pair.first, pair.second, link.relation, link.id};
    }
    for (auto& [pair, entry] : siblings) view.siblings.push_back(entry);
    return Status::Ok();
  }

  void Distances(FamilyView& view) {
    auto add = [&](const char* relation, bool from_child, long long from_id, bool to_child,
                   long long to_id) {
      auto from = points_.find({from_child, from_id});
      auto to = points_.find({to_child, to_id});
      if (from == points_.end() || to == points_.end()) return;
      const double km = GreatCircleKm(from->second.latitude, from->second.longitude,
                                      to->second.latitude, to->second.longitude);
      view.distances.push_back({relation, from_child ? "child" : "parent", from_id,
                                to_child ? "child" : "parent", to_id,
                                std::round(km * 10.0) / 10.0});
    };
    for (auto a = parents_.begin(); a != parents_.end(); ++a) {
      for (auto b = std::next(a); b != parents_.end(); ++b) {
        add("parents", false, a->first, false, b->first);
      }
    }
    for (const FamilyParentLink& link : links_) {
      add("child_parent", true, link.child_id, false, link.parent_id);
    }
    for (const FamilySiblings& pair : view.siblings) {
      add("siblings", true, pair.child_id, true, pair.sibling_id);
    }
  }

  // Whether the actor may see a visit: an installation administrator every
  // one, an organisation's people those of its children (a caregiver only on
  // her own trips, as on the child's page), a prison's people those at the
  // prison.
  Result<bool> SeesVisit(const Record& child, const ChildVisitRow& row) {
    if (actor_.IsGlobal()) return true;
    if (actor_.facility_id) return row.facility_id == *actor_.facility_id;
    if (!actor_.organisation_id ||
        child.Integer("organisation_id").value_or(0) != *actor_.organisation_id) {
      return false;
    }
    if (actor_.role != Role::kCaregiver) return true;
    VINCULO_ASSIGN_OR_RETURN(PlanTripRow trip, vs::GetTrip(txn_, row.visit.trip_id));
    return visit_internal::IsOwnTrip(txn_, actor_, trip.escort_id, own_escort_);
  }

  Status Visits(FamilyView& view, int apart_days) {
    const std::string today = FormatDate(today_);
    std::map<std::pair<long long, long long>, FamilyPairVisits> pairs;
    for (const FamilyParentLink& link : links_) {
      pairs[{link.child_id, link.parent_id}] = {link.child_id, link.parent_id, std::nullopt,
                                                std::nullopt};
    }
    // Per child, the sessions she attended and their dates.
    std::map<long long, std::map<long long, std::string>> attended_sessions;
    for (const auto& [child_id, child] : children_) {
      VINCULO_ASSIGN_OR_RETURN(std::vector<ChildVisitRow> rows, vs::ChildVisits(txn_, child_id));
      for (ChildVisitRow& row : rows) {
        if (!parents_.count(row.visit.parent_id)) continue;
        VINCULO_ASSIGN_OR_RETURN(bool sees, SeesVisit(child, row));
        if (!sees) continue;
        const FamilyVisitRef ref{row.visit.id, row.session_date, row.start_minute, row.facility_id,
                                 row.facility_name};
        auto pair = pairs.find({child_id, row.visit.parent_id});
        const VisitOutcome outcome = VisitOutcomeOf(row.visit.status, row.visit.attended);
        if (pair != pairs.end()) {
          // rows are newest first: the last match is the earliest.
          if (outcome == VisitOutcome::kPlanned && row.session_date >= today) {
            pair->second.next_planned = ref;
          }
          if (outcome == VisitOutcome::kAttended && !pair->second.last_attended) {
            pair->second.last_attended = ref;
          }
        }
        if (outcome == VisitOutcome::kAttended)
          attended_sessions[child_id][row.visit.session_id] = row.session_date;
        visits_.push_back(std::move(row));
      }
    }
    for (auto& [key, pair] : pairs) view.pairs.push_back(std::move(pair));

    // Siblings apart: not living together, and no session both attended in
    // the last `apart_days` days.
    for (const FamilySiblings& pair : view.siblings) {
      const FamilyChild* a = FindChild(view, pair.child_id);
      const FamilyChild* b = FindChild(view, pair.sibling_id);
      if (!a || !b || LiveTogether(*a, *b)) continue;
      std::optional<std::string> last_seen;
      const auto& sessions_a = attended_sessions[pair.child_id];
      const auto& sessions_b = attended_sessions[pair.sibling_id];
      for (const auto& [session_id, date] : sessions_a) {
        if (sessions_b.count(session_id) && (!last_seen || date > *last_seen)) last_seen = date;
      }
      std::optional<Date> seen;
      if (last_seen) {
        if (auto parsed = ParseDate(*last_seen, "session_date"); parsed.ok()) seen = *parsed;
      }
      const std::optional<long long> days = DaysApart(seen, today_);
      if (days && *days < apart_days) continue;
      view.siblings_apart.push_back({pair.child_id, pair.sibling_id, last_seen, days});
    }
    return Status::Ok();
  }

  static const FamilyChild* FindChild(const FamilyView& view, long long id) {
    for (const FamilyChild& child : view.children) {
      if (child.record.id == id) return &child;
    }
    return nullptr;
  }

  // Siblings in one home or one facility see each other every day; two
  // children with relatives at the same address too.
  static bool LiveTogether(const FamilyChild& a, const FamilyChild& b) {
    if (a.place.kind != b.place.kind) return false;
    if (a.place.kind == "home") return a.place.home_id && a.place.home_id == b.place.home_id;
    if (a.place.kind == "facility") {
      return a.place.facility_id && a.place.facility_id == b.place.facility_id;
    }
    const auto address_a = a.record.Text("home_address");
    return address_a && !address_a->empty() && address_a == b.record.Text("home_address");
  }

  Status Timeline(FamilyView& view) {
    std::vector<FamilyEvent>& events = view.timeline;
    for (const auto& [id, child] : children_) {
      if (auto born = child.Text("date_of_birth")) {
        events.push_back({*born, "born", id, std::nullopt, std::nullopt, std::nullopt, "", ""});
      }
      for (const Placement& period : placements_[id]) {
        std::optional<long long> home_id;
        if (period.home_id && Home(*period.home_id)) home_id = period.home_id;
        events.push_back({period.started_on, "placement", id, std::nullopt, period.facility_id,
                          home_id, period.placement, period.note});
      }
      VINCULO_ASSIGN_OR_RETURN(std::optional<NurseryAdmission> admission,
                               family_store::AdmissionOf(txn_, id));
      if (admission) {
        events.push_back({admission->admitted_on, "admission", id, std::nullopt,
                          admission->facility_id, std::nullopt, "", ""});
      }
      LeaveFilter filter;
      filter.child_id = id;
      VINCULO_ASSIGN_OR_RETURN(std::vector<LeaveRow> leaves,
                               nursery_care_store::Leaves(txn_, filter, actor_));
      for (const LeaveRow& leave : leaves) {
        events.push_back({DatePart(leave.left_at), "leave", id, std::nullopt, leave.facility_id,
                          std::nullopt, leave.reason, ""});
        if (leave.returned_at) {
          events.push_back({DatePart(*leave.returned_at), "return", id, std::nullopt,
                            leave.facility_id, std::nullopt, leave.reason, ""});
        }
      }
    }
    for (const ChildVisitRow& row : visits_) {
      events.push_back({row.session_date, "visit", row.visit.child_id, row.visit.parent_id,
                        row.facility_id, std::nullopt,
                        VisitOutcomeName(VisitOutcomeOf(row.visit.status, row.visit.attended)),
                        ""});
    }
    for (const auto& [id, parent] : parents_) {
      const std::vector<Transfer>& transfers = transfers_[id];
      if (auto admitted = parent.Text("admission_date")) {
        std::optional<long long> first_facility = parent.Integer("facility_id");
        if (!transfers.empty()) first_facility = transfers.front().from_facility_id;
        events.push_back(
            {*admitted, "imprisoned", std::nullopt, id, first_facility, std::nullopt, "", ""});
      }
      for (const Transfer& transfer : transfers) {
        events.push_back({transfer.transferred_on, "transfer", std::nullopt, id,
                          transfer.to_facility_id, std::nullopt, "", transfer.reason});
      }
      if (auto released = parent.Text("released_on")) {
        events.push_back(
            {*released, "released", std::nullopt, id, std::nullopt, std::nullopt, "", ""});
      } else if (auto expected = parent.Text("expected_release_date")) {
        events.push_back({*expected, "expected_release", std::nullopt, id,
                          parent.Integer("facility_id"), std::nullopt, "", ""});
      }
    }
    std::stable_sort(events.begin(), events.end(), [](const FamilyEvent& a, const FamilyEvent& b) {
      if (a.on != b.on) return a.on < b.on;
      const int rank_a = KindRank(a.kind);
      const int rank_b = KindRank(b.kind);
      if (rank_a != rank_b) return rank_a < rank_b;
      if (a.child_id != b.child_id) return a.child_id < b.child_id;
      return a.parent_id < b.parent_id;
    });
    return Status::Ok();
  }

  Txn& txn_;
  const Actor& actor_;
  const Date today_;
  std::map<long long, Record> children_;
  std::map<long long, Record> parents_;
  std::vector<FamilyParentLink> links_;
  std::map<std::pair<long long, long long>, family_store::SiblingLinkRow> sibling_links_;
  std::map<long long, std::string> facility_names_;
  std::map<long long, Point> facility_points_;
  std::map<long long, std::optional<Record>> homes_;
  std::map<std::pair<bool, long long>, Point> points_;  // (is_child, id)
  std::map<long long, std::vector<Placement>> placements_;
  std::map<long long, std::vector<Transfer>> transfers_;
  std::vector<ChildVisitRow> visits_;
  std::map<long long, bool> own_escort_;
};

}  // namespace

Result<FamilyView> FamilyService::Family(const Actor& actor, long long child_id,
                                         std::optional<int> apart_days) {
  if (!SeesCaseRecords(actor.role)) return Forbidden("auditors see figures only");
  if (KindAccess(actor.role, ChildKind()) == Access::kNone) {
    return Forbidden(std::string("the role ") + RoleName(actor.role) + " may not read children");
  }
  const int days = apart_days.value_or(kSiblingsApartDefaultDays);
  if (days < 1 || days > kSiblingsApartMaxDays) {
    return InvalidArgument("apart_days",
                           "must be from 1 to " + std::to_string(kSiblingsApartMaxDays) + " days");
  }
  FamilyView view;
  view.child_id = child_id;
  view.apart_days = days;
  view.as_of = FormatDate(context_.Today());
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    FamilyReader reader(txn, actor, context_.Today());
    return reader.Read(child_id, days, view);
  }));
  const RecordService records(context_);
  for (FamilyChild& child : view.children) {
    context_.audit->RecordRead(
        AuditEventFor(actor, context_.Now(), "read", "children", child.record.id, "family"));
    records.Present(actor, ChildKind(), child.record);
  }
  for (FamilyParent& parent : view.parents) {
    context_.audit->RecordRead(
        AuditEventFor(actor, context_.Now(), "read", "parents", parent.record.id, "family"));
    records.Present(actor, ParentKind(), parent.record);
  }
  return view;
}

Result<std::vector<ReleaseCountdownEntry>> FamilyService::ReleaseCountdown(
    const Actor& actor, std::optional<int> within_days, std::optional<int> alert_days,
    bool alerts_only) {
  if (!SeesCaseRecords(actor.role)) return Forbidden("auditors see figures only");
  const int days = within_days.value_or(kReleaseNearDefaultDays);
  if (days < 0 || days > kSiblingsApartMaxDays) {
    return InvalidArgument("within_days",
                           "must be from 0 to " + std::to_string(kSiblingsApartMaxDays) + " days");
  }
  const int alert_window = alert_days.value_or(kReunificationAlertDefaultDays);
  if (alert_window < 0 || alert_window > kSiblingsApartMaxDays) {
    return InvalidArgument("alert_days",
                           "must be from 0 to " + std::to_string(kSiblingsApartMaxDays) + " days");
  }
  const Date today = context_.Today();
  std::vector<ReleaseCountdownEntry> entries;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(
        std::vector<family_store::ReleaseCountdownRow> rows,
        family_store::ReleaseCountdown(txn, actor, FormatDate(AddDays(today, days)),
                                       kReleaseCountdownLimit));
    std::vector<long long> parent_ids;
    for (family_store::ReleaseCountdownRow& row : rows) {
      auto date = ParseDate(row.expected_release_date, "expected_release_date");
      if (!date.ok()) continue;
      parent_ids.push_back(row.parent_id);
      entries.push_back({std::move(row), DaysBetween(today, *date), std::nullopt, 0, {}});
    }
    // The open plans of these parents and their overdue steps, in two
    // set-based reads.
    VINCULO_ASSIGN_OR_RETURN(auto plan_ids, reunification_store::OpenPlanIdsOf(txn, parent_ids));
    VINCULO_ASSIGN_OR_RETURN(auto steps, reunification_store::OpenPlanStepsOf(txn, parent_ids));
    std::map<long long, long long> plan_of(plan_ids.begin(), plan_ids.end());
    std::map<long long, long long> overdue_of;
    for (const reunification_store::ParentStep& step : steps) {
      auto due = ParseDate(step.step.due_on, "due_on");
      if (due.ok() && IsStepOverdue(step.step.status, *due, today)) {
        ++overdue_of[step.parent_id];
      }
    }
    for (ReleaseCountdownEntry& entry : entries) {
      if (auto plan = plan_of.find(entry.row.parent_id); plan != plan_of.end()) {
        entry.reunification_plan_id = plan->second;
      }
      entry.overdue_steps = overdue_of[entry.row.parent_id];
      for (ReleaseAlert alert :
           ReleaseAlertsFor(entry.days_to_release, entry.reunification_plan_id.has_value(),
                            entry.overdue_steps, alert_window)) {
        entry.alerts.push_back(ReleaseAlertName(alert));
      }
    }
    if (alerts_only) {
      std::erase_if(entries,
                    [](const ReleaseCountdownEntry& entry) { return entry.alerts.empty(); });
    }
    return Status::Ok();
  }));
  for (const ReleaseCountdownEntry& entry : entries) {
    context_.audit->RecordRead(AuditEventFor(actor, context_.Now(), "list", "parents",
                                             entry.row.parent_id, "release_countdown"));
  }
  return entries;
}

Result<family_store::SiblingLinkRow> FamilyService::LinkSiblings(
    const Actor& actor, long long child_id, const SiblingLinkRequest& request) {
  if (KindAccess(actor.role, ParentChildLinkKind()) != Access::kWrite) {
    return Forbidden(std::string("the role ") + RoleName(actor.role) +
                     " may not change family links");
  }
  VINCULO_ASSIGN_OR_RETURN(SiblingRelation relation, ParseSiblingRelation(request.relation));
  family_store::SiblingLinkRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(ChildKind(), child_id, actor).status());
    VINCULO_RETURN_IF_ERROR(CheckSiblingLink(child_id, request.sibling_id));
    if (!txn.Get(ChildKind(), request.sibling_id, actor).ok()) {
      return InvalidArgument(
          "sibling_id",
          "no child with id " + std::to_string(request.sibling_id) + " that you can see");
    }
    family_store::SiblingLinkRow row;
    row.child_id = child_id;
    row.sibling_id = request.sibling_id;
    row.relation = SiblingRelationName(relation);
    row.created_by = actor.user_id;
    row.created_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(stored, family_store::InsertSiblingLink(txn, row));
    const std::string detail =
        "sibling link " + std::to_string(stored.id) + " (" + stored.relation + ") with child ";
    return txn.AppendAudit(
        {AuditEventFor(actor, context_.Now(), "sibling_link", "children", stored.child_id,
                       detail + std::to_string(stored.sibling_id)),
         AuditEventFor(actor, context_.Now(), "sibling_link", "children", stored.sibling_id,
                       detail + std::to_string(stored.child_id))});
  }));
  return stored;
}

}  // namespace vinculo
