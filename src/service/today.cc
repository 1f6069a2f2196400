#include "service/today.h"

#include <map>
#include <set>

#include "domain/reunification.h"
#include "domain/visit_rules.h"
#include "service/figures.h"
#include "service/nursery_care_service.h"
#include "service/nursery_service.h"
#include "service/record_service.h"
#include "service/reunification_service.h"
#include "service/supply_service.h"
#include "service/visit_service.h"
#include "store/visit_store.h"

namespace vinculo {
namespace {

std::string Id(long long id) { return std::to_string(id); }

// A list the actor may not read, or an organisation or facility not hers,
// gives no item; any other failure is the home's failure.
bool OutOfScope(const Status& status) {
  return status.code() == StatusCode::kForbidden || status.code() == StatusCode::kNotFound;
}

// Keeps the item only with something in it. Its count is of every entry,
// or `count` where the entries are groups (pairs by reason).
void Keep(TodayView& view, TodayItem item, std::optional<long long> count = std::nullopt) {
  item.count = count.value_or(static_cast<long long>(item.entries.size()));
  if (item.entries.empty()) return;
  if (item.entries.size() > kTodayEntriesShown) item.entries.resize(kTodayEntriesShown);
  view.items.push_back(std::move(item));
}

// The current month and the next, as "YYYY-MM": the plans a coordinator
// acts on today.
std::vector<std::string> MonthsAhead(const Date& today) {
  const std::string this_month = FormatDate(today).substr(0, 7);
  const std::string next_month =
      FormatDate(AddMonths(Date{today.year, today.month, 1}, 1)).substr(0, 7);
  return {this_month, next_month};
}

class HomeBuilder {
 public:
  HomeBuilder(ServiceContext context, const Actor& actor) : context_(context), actor_(actor) {}

  Status Add(TodayKind kind, TodayView& view) {
    switch (kind) {
      case TodayKind::kOverdueLeaveReturns:
        return OverdueLeaveReturns(view);
      case TodayKind::kAgeOutsWithoutPlan:
        return AgeOutsWithoutPlan(view);
      case TodayKind::kLowStock:
        return LowStock(view);
      case TodayKind::kTodaysTrips:
        return TodaysTrips(view);
      case TodayKind::kUnscheduledPairs:
      case TodayKind::kPlanToPublish:
        return Plans(kind, view);
      case TodayKind::kFamiliesNotSeen:
        return FamiliesNotSeen(view);
      case TodayKind::kEntranceLists:
        return EntranceLists(view);
      case TodayKind::kMonthFigures:
        return MonthFigures(view);
    }
    return Status::Ok();
  }

 private:
  // The nursery board, read at most once each way: only the children whose
  // age-out is within the days a transition plan is due (the board computes
  // every child but builds and sorts only these rows: a national
  // administrator's home has a few thousand, not 100,000), and the whole
  // board only to name a child out on leave who is not among them.
  Result<const std::vector<AgeOutRow>*> Board(bool near_age_out_only) {
    std::optional<std::vector<AgeOutRow>>& kept = near_age_out_only ? near_board_ : board_;
    if (!kept) {
      AgeOutQuery query;
      if (near_age_out_only) query.within_days = NurseryOptions{}.transition_plan_days;
      VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutRow> rows,
                               NurseryService(context_).AgeOutBoard(actor_, query));
      kept = std::move(rows);
    }
    return &*kept;
  }

  static void AddChild(TodayEntry& entry, const AgeOutRow* row) {
    if (!row) return;
    entry.facts.emplace_back("pseudonym", row->pseudonym);
    if (row->name) entry.facts.emplace_back("name", *row->name);
    entry.facts.emplace_back("facility", row->facility);
  }

  Status OverdueLeaveReturns(TodayView& view) {
    LeaveQuery query;
    query.overdue_only = true;
    Result<std::vector<LeaveView>> leaves = NurseryCareService(context_).Leaves(actor_, query);
    if (!leaves.ok()) return OutOfScope(leaves.status()) ? Status::Ok() : leaves.status();
    std::map<long long, const AgeOutRow*> children;
    auto name_from = [&](bool near_age_out_only) {
      if (Result<const std::vector<AgeOutRow>*> board = Board(near_age_out_only); board.ok()) {
        for (const AgeOutRow& row : **board) children.emplace(row.child_id, &row);
      }
    };
    name_from(true);
    for (const LeaveView& leave : *leaves) {
      if (children.count(leave.leave.child_id) == 0) {
        name_from(false);
        break;
      }
    }
    TodayItem item{.kind = TodayKind::kOverdueLeaveReturns, .route = "/leaves"};
    for (const LeaveView& leave : *leaves) {
      TodayEntry entry{.route = "/children/" + Id(leave.leave.child_id) + "/leave"};
      entry.ids = {{"child_id", leave.leave.child_id},
                   {"leave_id", leave.leave.id},
                   {"facility_id", leave.leave.facility_id}};
      entry.facts = {{"due_back_at", leave.leave.due_back_at}, {"reason", leave.leave.reason}};
      auto child = children.find(leave.leave.child_id);
      AddChild(entry, child == children.end() ? nullptr : child->second);
      item.entries.push_back(std::move(entry));
    }
    Keep(view, std::move(item));
    return Status::Ok();
  }

  Status AgeOutsWithoutPlan(TodayView& view) {
    Result<const std::vector<AgeOutRow>*> board = Board(true);
    if (!board.ok()) return OutOfScope(board.status()) ? Status::Ok() : board.status();
    TodayItem item{.kind = TodayKind::kAgeOutsWithoutPlan, .route = "/nursery"};
    for (const AgeOutRow& row : **board) {
      if (!row.needs_plan) continue;
      TodayEntry entry{.route = "/children/" + Id(row.child_id) + "/plan"};
      entry.ids = {{"child_id", row.child_id}, {"facility_id", row.facility_id}};
      AddChild(entry, &row);
      entry.facts.emplace_back("transition_plan", row.TransitionPlanShown());
      if (row.age_out) {
        entry.facts.emplace_back("age_out_date", FormatDate(row.age_out->age_out_date));
        entry.count = row.age_out->days_remaining;
      }
      item.entries.push_back(std::move(entry));
    }
    Keep(view, std::move(item));
    return Status::Ok();
  }

  // An item whose need today is not covered by stock and allocations
  // (SupplyService::Needs' shortfall on today), per nursery in scope.
  Status LowStock(TodayView& view) {
    SupplyService supplies(context_);
    Result<std::vector<long long>> facilities = supplies.NurseryFacilities(actor_);
    if (!facilities.ok())
      return OutOfScope(facilities.status()) ? Status::Ok() : facilities.status();
    TodayItem item{.kind = TodayKind::kLowStock, .route = "/supplies"};
    for (long long facility_id : *facilities) {
      Result<FacilityNeeds> needs =
          supplies.Needs(actor_, facility_id, std::nullopt, /*next_month=*/false);
      if (!needs.ok()) {
        if (OutOfScope(needs.status())) continue;
        return needs.status();
      }
      for (const ItemNeed& need : needs->now.items) {
        if (need.shortfall <= 0) continue;
        TodayEntry entry{.route = "/supplies", .count = need.shortfall};
        entry.ids = {{"facility_id", facility_id}, {"item_id", need.item.id}};
        entry.facts = {{"facility", needs->facility},
                       {"item_code", need.item.code},
                       {"name_es", need.item.name_es},
                       {"name_en", need.item.name_en},
                       {"unit", need.item.unit}};
        item.entries.push_back(std::move(entry));
      }
    }
    Keep(view, std::move(item));
    return Status::Ok();
  }

  // The actor's trips of today in her organisation's published plan of the
  // month (GetPlan keeps a caregiver's own trips only), with each visit's
  // session times and child.
  Status TodaysTrips(TodayView& view) {
    if (!actor_.organisation_id) return Status::Ok();
    VisitService visits(context_);
    Result<std::vector<PlanRow>> plans = visits.Plans(actor_, *actor_.organisation_id);
    if (!plans.ok()) return OutOfScope(plans.status()) ? Status::Ok() : plans.status();
    const std::string today = FormatDate(context_.Today());
    TodayItem item{.kind = TodayKind::kTodaysTrips, .route = "/trips"};
    RecordService records(context_);
    for (const PlanRow& plan : *plans) {
      if (plan.status != VisitPlanStatus::kPublished || plan.month != today.substr(0, 7)) continue;
      Result<PlanView> read = visits.GetPlan(actor_, plan.id);
      if (!read.ok()) return OutOfScope(read.status()) ? Status::Ok() : read.status();
      // The sessions of today's visits, for their times, in one read.
      std::set<long long> trips_today;
      for (const PlanTripRow& trip : read->trips) {
        if (trip.trip_date == today && trip.status != TripStatus::kCancelled)
          trips_today.insert(trip.id);
      }
      std::map<long long, VisitSessionRow> sessions;
      VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
        for (const PlanVisitRow& visit : read->visits) {
          if (!trips_today.count(visit.trip_id) || sessions.count(visit.session_id)) continue;
          VINCULO_ASSIGN_OR_RETURN(sessions[visit.session_id],
                                   visit_store::GetSession(txn, visit.session_id));
        }
        return Status::Ok();
      }));
      for (const PlanTripRow& trip : read->trips) {
        if (!trips_today.count(trip.id)) continue;
        TodayEntry entry{.route = "/trips"};
        entry.ids = {{"trip_id", trip.id},
                     {"plan_id", plan.id},
                     {"escort_id", trip.escort_id},
                     {"facility_id", trip.facility_id}};
        entry.facts = {{"date", trip.trip_date},
                       {"depart_time", FormatClock(static_cast<int>(trip.depart_minute))},
                       {"return_time", FormatClock(static_cast<int>(trip.return_minute))}};
        for (const PlanVisitRow& visit : read->visits) {
          if (visit.trip_id != trip.id || visit.status != PlannedVisitStatus::kPlanned) continue;
          TodayEntry part{.route = "/trips"};
          part.ids = {{"visit_id", visit.id},
                      {"child_id", visit.child_id},
                      {"parent_id", visit.parent_id},
                      {"session_id", visit.session_id}};
          const VisitSessionRow& session = sessions[visit.session_id];
          part.facts = {{"start_time", FormatClock(static_cast<int>(session.start_minute))},
                        {"end_time", FormatClock(static_cast<int>(session.end_minute))}};
          // The child as the actor reads her record (audited); one she may
          // not read keeps only her id.
          if (Result<Record> child = records.Get(actor_, ChildKind(), visit.child_id); child.ok()) {
            const std::string name = child->Text("given_names").value_or("") + " " +
                                     child->Text("family_names").value_or("");
            part.facts.emplace_back("name", name);
          }
          if (visit.needs_review) part.facts.emplace_back("review_reason", visit.review_reason);
          entry.parts.push_back(std::move(part));
        }
        entry.count = static_cast<long long>(entry.parts.size());
        item.entries.push_back(std::move(entry));
      }
    }
    Keep(view, std::move(item));
    return Status::Ok();
  }

  // This month's and next month's plans: the one that counts for a month is
  // its published plan, else its latest draft. Its pairs left out, by
  // reason; a draft with no published plan for its month is to publish.
  Status Plans(TodayKind kind, TodayView& view) {
    if (!actor_.organisation_id) return Status::Ok();
    VisitService visits(context_);
    Result<std::vector<PlanRow>> plans = visits.Plans(actor_, *actor_.organisation_id);
    if (!plans.ok()) return OutOfScope(plans.status()) ? Status::Ok() : plans.status();
    TodayItem item{.kind = kind, .route = "/plan"};
    for (const std::string& month : MonthsAhead(context_.Today())) {
      const PlanRow* chosen = nullptr;
      for (const PlanRow& plan : *plans) {
        if (plan.month != month) continue;
        const bool better = !chosen ||
                            (plan.status == VisitPlanStatus::kPublished &&
                             chosen->status != VisitPlanStatus::kPublished) ||
                            (plan.status == chosen->status && plan.id > chosen->id);
        if (better) chosen = &plan;
      }
      if (!chosen) continue;
      const std::string route = "/plan?month=" + month;
      if (kind == TodayKind::kPlanToPublish) {
        if (chosen->status != VisitPlanStatus::kDraft) continue;
        TodayEntry entry{.route = route};
        entry.ids = {{"plan_id", chosen->id}};
        entry.facts = {{"month", month}, {"created_at", chosen->created_at}};
        item.entries.push_back(std::move(entry));
        continue;
      }
      Result<PlanView> read = visits.GetPlan(actor_, chosen->id);
      if (!read.ok()) return OutOfScope(read.status()) ? Status::Ok() : read.status();
      std::map<std::string, long long> by_reason;
      for (const PlanUnscheduledRow& row : read->unscheduled) ++by_reason[row.reason];
      for (const auto& [reason, pairs] : by_reason) {
        TodayEntry entry{.route = route, .count = pairs};
        entry.ids = {{"plan_id", chosen->id}};
        entry.facts = {
            {"month", month}, {"status", VisitPlanStatusName(chosen->status)}, {"reason", reason}};
        item.entries.push_back(std::move(entry));
      }
    }
    std::optional<long long> pairs;
    if (kind == TodayKind::kUnscheduledPairs) {
      pairs = 0;
      for (const TodayEntry& entry : item.entries) *pairs += entry.count.value_or(0);
    }
    Keep(view, std::move(item), pairs);
    return Status::Ok();
  }

  // Released families within their follow-up period not contacted for
  // kFollowUpContactEveryDays (ReunificationService::FollowUpsDue).
  Status FamiliesNotSeen(TodayView& view) {
    Result<FollowUpList> list = ReunificationService(context_).FollowUpsDue(actor_);
    if (!list.ok()) return OutOfScope(list.status()) ? Status::Ok() : list.status();
    TodayItem item{.kind = TodayKind::kFamiliesNotSeen, .route = "/follow-ups"};
    for (const FollowUpDue& family : list->families) {
      if (!family.due) continue;
      TodayEntry entry{.route = "/follow-ups", .count = kFollowUpContactEveryDays};
      entry.ids = {{"parent_id", family.row.parent_id}};
      entry.facts = {{"name", family.row.given_names + " " + family.row.family_names},
                     {"released_on", family.row.released_on}};
      if (family.row.last_contacted_on) {
        entry.facts.emplace_back("last_contacted_on", *family.row.last_contacted_on);
      }
      item.entries.push_back(std::move(entry));
    }
    Keep(view, std::move(item));
    return Status::Ok();
  }

  // Today's open sessions of the actor's own facility, each with its
  // places booked: the entrance list of the day.
  Status EntranceLists(TodayView& view) {
    if (!actor_.facility_id) return Status::Ok();
    const std::string today = FormatDate(context_.Today());
    Result<std::vector<VisitSessionRow>> sessions =
        VisitService(context_).Sessions(actor_, *actor_.facility_id, today.substr(0, 7));
    if (!sessions.ok()) return OutOfScope(sessions.status()) ? Status::Ok() : sessions.status();
    TodayItem item{.kind = TodayKind::kEntranceLists, .route = "/facilities"};
    for (const VisitSessionRow& session : *sessions) {
      if (session.session_date != today || session.status != VisitSessionStatus::kOpen) continue;
      TodayEntry entry{
          .route = "/entrance?facility_id=" + Id(session.facility_id) + "&date=" + today,
          .count = session.booked_families};
      entry.ids = {{"facility_id", session.facility_id}, {"session_id", session.id}};
      entry.facts = {{"date", session.session_date},
                     {"start_time", FormatClock(static_cast<int>(session.start_minute))},
                     {"end_time", FormatClock(static_cast<int>(session.end_minute))},
                     {"capacity_unit", session.capacity_unit}};
      item.entries.push_back(std::move(entry));
    }
    Keep(view, std::move(item));
    return Status::Ok();
  }

  // The figures the actor may see (FiguresService::Summary, small cells
  // withheld for auditors): children inside and parents held in her scope,
  // each total over the cells shown, with how many cells were withheld.
  Status MonthFigures(TodayView& view) {
    Result<SummaryFigures> figures = FiguresService(context_).Summary(actor_);
    if (!figures.ok()) return OutOfScope(figures.status()) ? Status::Ok() : figures.status();
    TodayItem item{.kind = TodayKind::kMonthFigures, .route = "/figures"};
    const auto total = [&](const char* key, const std::vector<CountRow>& rows) -> long long {
      long long sum = 0;
      long long withheld = 0;
      for (const CountRow& row : rows) {
        if (row.count) {
          sum += *row.count;
        } else {
          ++withheld;
        }
      }
      TodayEntry entry{.route = "/figures", .count = sum};
      entry.facts = {{"figure", key},
                     {"month", figures->as_of.substr(0, 7)},
                     {"withheld_cells", std::to_string(withheld)}};
      item.entries.push_back(std::move(entry));
      return sum;
    };
    // The item counts the children inside: a count of people, under the
    // small-cell rule like each total, never the number of figures.
    const long long children = total("children_inside", figures->children_inside_by_facility);
    total("parents_held", figures->parents_by_facility);
    Keep(view, std::move(item), children);
    return Status::Ok();
  }

  ServiceContext context_;
  const Actor& actor_;
  std::optional<std::vector<AgeOutRow>> board_;       // every child inside
  std::optional<std::vector<AgeOutRow>> near_board_;  // near her age-out
};

}  // namespace

const char* TodayKindName(TodayKind kind) {
  switch (kind) {
    case TodayKind::kOverdueLeaveReturns:
      return "overdue_leave_returns";
    case TodayKind::kAgeOutsWithoutPlan:
      return "age_outs_without_plan";
    case TodayKind::kLowStock:
      return "low_stock";
    case TodayKind::kTodaysTrips:
      return "todays_trips";
    case TodayKind::kUnscheduledPairs:
      return "unscheduled_pairs";
    case TodayKind::kPlanToPublish:
      return "plan_to_publish";
    case TodayKind::kFamiliesNotSeen:
      return "families_not_seen";
    case TodayKind::kEntranceLists:
      return "entrance_lists";
    case TodayKind::kMonthFigures:
      return "month_figures";
  }
  return "unknown";
}

std::vector<TodayKind> TodayKindsOf(Role role) {
  using K = TodayKind;
  const std::vector<K> nursery = {K::kOverdueLeaveReturns, K::kAgeOutsWithoutPlan, K::kLowStock};
  const std::vector<K> programme = {K::kUnscheduledPairs, K::kPlanToPublish, K::kFamiliesNotSeen};
  switch (role) {
    case Role::kNurseryOfficer:
      return nursery;
    case Role::kCaregiver:
      return {K::kTodaysTrips};
    case Role::kProgrammeCoordinator:
      return programme;
    case Role::kVisitsOfficer:
      return {K::kEntranceLists};
    case Role::kAuditor:
      return {K::kMonthFigures};
    case Role::kSocialWorker:
      return {K::kOverdueLeaveReturns, K::kAgeOutsWithoutPlan, K::kFamiliesNotSeen};
    case Role::kAdministrator: {
      std::vector<K> all = nursery;
      all.insert(all.end(), programme.begin(), programme.end());
      all.push_back(K::kEntranceLists);
      return all;
    }
  }
  return {};
}

Result<TodayView> TodayService::Today(const Actor& actor) {
  TodayView view;
  view.as_of = FormatDate(context_.Today());
  HomeBuilder builder(context_, actor);
  for (TodayKind kind : TodayKindsOf(actor.role)) {
    VINCULO_RETURN_IF_ERROR(builder.Add(kind, view));
  }
  return view;
}

}  // namespace vinculo
