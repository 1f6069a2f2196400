#include "service/nursery_service.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include "service/figures.h"
#include "service/kept_decisions.h"
#include "service/nursery_care_service.h"
#include "store/ageout_store.h"
#include "store/nursery_care_store.h"
#include "store/nursery_store.h"

namespace vinculo {
namespace {

// The nursery's furniture line: a crib under 24 months, a bed from then on.
constexpr int kCribMonths = 24;
// A pregnancy is registered at most about ten months before birth.
constexpr int kMaxDaysToDue = 300;
constexpr int kMaxForecastMonths = 36;

// The actor whose scope limits what the board reads. Auditors never read case
// records but may see the board with pseudonyms; one attached to no
// organisation or facility (a ministry or funder) sees the whole installation.
Actor ScopeActor(const Actor& actor) {
  Actor scope = actor;
  if (actor.role == Role::kAuditor && !actor.organisation_id && !actor.facility_id) {
    scope.role = Role::kAdministrator;
  }
  return scope;
}

using RulesByJurisdiction = std::unordered_map<long long, std::vector<CoresidenceRule>>;

Result<RulesByJurisdiction> GroupRules(const std::vector<CoresidenceRuleRow>& rows) {
  RulesByJurisdiction rules;
  for (const CoresidenceRuleRow& row : rows) {
    CoresidenceRule rule;
    rule.id = row.id;
    rule.allowed = row.allowed;
    if (row.max_age_months) rule.max_age_months = static_cast<int>(*row.max_age_months);
    if (!row.effective_from.empty()) {  // empty (NULL): open-ended in the past
      auto from = ParseDate(row.effective_from, "effective_from");
      if (!from.ok())
        return Internal("co-residence rule " + std::to_string(row.id) +
                        " has a malformed effective_from");
      rule.effective_from = *from;
    }
    rule.source = row.rule_kind + ": " + row.source;
    rules[row.jurisdiction_id].push_back(std::move(rule));
  }
  return rules;
}

// The engine's input for one child of the board; kInvalidArgument if a stored
// date cannot be read.
Result<AgeOutCase> CaseOf(const ChildInsideRow& row, const RulesByJurisdiction& rules) {
  AgeOutCase child;
  child.jurisdiction = row.jurisdiction;
  VINCULO_ASSIGN_OR_RETURN(child.date_of_birth, ParseDate(row.date_of_birth, "date_of_birth"));
  VINCULO_ASSIGN_OR_RETURN(child.admitted_on, ParseDate(row.admitted_on, "admitted_on"));
  if (auto found = rules.find(row.jurisdiction_id); found != rules.end()) {
    child.rules = found->second;
  }
  if (row.facility_max_age_months) {
    child.facility_max_age_months = static_cast<int>(*row.facility_max_age_months);
  }
  if (row.review_date) {
    VINCULO_ASSIGN_OR_RETURN(Date review, ParseDate(*row.review_date, "review_date"));
    child.review_date = review;
  }
  if (row.extension_id) {
    AgeOutExtension extension;
    extension.id = row.extension_id;
    VINCULO_ASSIGN_OR_RETURN(extension.new_age_out_date,
                             ParseDate(row.extension_new_date, "new_age_out_date"));
    extension.reason = row.extension_reason;
    extension.approved_by_user_id = row.extension_approved_by;
    child.extension = std::move(extension);
  }
  return child;
}

const char* PolicyName(CoresidencePolicy policy) {
  return policy == CoresidencePolicy::kRuleInForce ? "rule_in_force" : "rule_at_admission";
}

CoresidencePolicy PolicyFromName(const std::string& name) {
  return name == "rule_in_force" ? CoresidencePolicy::kRuleInForce
                                 : CoresidencePolicy::kRuleAtAdmission;
}

AgeOutBasis BasisFromName(const std::string& name) {
  for (AgeOutBasis basis : {AgeOutBasis::kJurisdictionRule, AgeOutBasis::kFacilityOverride,
                            AgeOutBasis::kReviewDate, AgeOutBasis::kExtension}) {
    if (name == AgeOutBasisName(basis)) return basis;
  }
  return AgeOutBasis::kJurisdictionRule;
}

// The child's age-out computed afresh from the rules (never from her kept
// decision), as of today.
Result<AgeOut> FreshAgeOut(const ChildInsideRow& child, const RulesByJurisdiction& rules,
                           const Date& today, CoresidencePolicy policy) {
  auto input = CaseOf(child, rules);
  if (!input.ok()) return input.status();
  return ComputeAgeOut(*input, today, policy);
}

// The one way every reader (board, child's record, forecast) gets a child's
// age-out: her kept decision when she has one for the facility she is in
// (issue 15: a change of the rules does not move it), else computed.
Result<AgeOut> ShownAgeOut(const ChildInsideRow& child, const AgeOutDecisionRow* kept,
                           const RulesByJurisdiction& rules, const Date& as_of,
                           CoresidencePolicy policy, const AlertThresholds& thresholds) {
  if (kept && kept->child_id == child.child_id && kept->facility_id == child.facility_id) {
    const AgeOutDecisionRow& decision = *kept;
    auto date = ParseDate(decision.age_out_date, "age_out_date");
    if (!date.ok()) return Internal("the kept age-out decision has a malformed date");
    AgeOut age_out;
    age_out.age_out_date = *date;
    age_out.days_remaining = DaysBetween(as_of, *date);
    age_out.basis = BasisFromName(decision.basis);
    age_out.rule_id = decision.rule_id.value_or(0);
    age_out.extension_id = decision.extension_id.value_or(0);
    if (decision.max_age_months)
      age_out.max_age_months = static_cast<int>(*decision.max_age_months);
    age_out.source = decision.source;
    age_out.alert = AlertFor(age_out.days_remaining, thresholds);
    return age_out;
  }
  auto input = CaseOf(child, rules);
  if (!input.ok()) return input.status();
  return ComputeAgeOut(*input, as_of, policy, thresholds);
}

AgeOutDecisionRow DecisionRow(const ChildInsideRow& child, const AgeOut& age_out,
                              CoresidencePolicy policy, const char* occasion,
                              std::optional<long long> decided_by, const std::string& now) {
  AgeOutDecisionRow row;
  row.child_id = child.child_id;
  row.facility_id = child.facility_id;
  row.age_out_date = FormatDate(age_out.age_out_date);
  row.basis = AgeOutBasisName(age_out.basis);
  if (age_out.rule_id) row.rule_id = age_out.rule_id;
  if (age_out.extension_id) row.extension_id = age_out.extension_id;
  if (age_out.max_age_months) row.max_age_months = *age_out.max_age_months;
  row.source = age_out.source;
  row.policy = PolicyName(policy);
  row.occasion = occasion;
  row.decided_by = decided_by;
  row.decided_at = now;
  return row;
}

// The rules of every jurisdiction (a small table), grouped.
Result<RulesByJurisdiction> ReadRules(Txn& txn) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<CoresidenceRuleRow> rows,
                           nursery_store::CoresidenceRules(txn));
  return GroupRules(rows);
}

// The children living inside that `filter` names, copied out of the store's
// reused row (the writes that follow cannot run while it reads).
Result<std::vector<ChildInsideRow>> ChildrenInside(Txn& txn, const ChildrenInsideFilter& filter) {
  std::vector<ChildInsideRow> children;
  VINCULO_RETURN_IF_ERROR(nursery_store::ForEachChildInside(
      txn, filter, Actor::System(),
      [&](const ChildInsideRow& child) { children.push_back(child); }));
  return children;
}

// The children living inside in the facilities of one jurisdiction, by facility.
Result<std::vector<ChildInsideRow>> ChildrenInsideJurisdiction(Txn& txn,
                                                               long long jurisdiction_id) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<long long> facilities,
                           ageout_store::FacilitiesOf(txn, jurisdiction_id));
  std::vector<ChildInsideRow> children;
  for (long long facility_id : facilities) {
    ChildrenInsideFilter filter;
    filter.facility_id = facility_id;
    VINCULO_ASSIGN_OR_RETURN(std::vector<ChildInsideRow> inside, ChildrenInside(txn, filter));
    for (ChildInsideRow& child : inside) children.push_back(std::move(child));
  }
  return children;
}

// A cursor over rows sorted by child id, walked alongside the board's
// children (also by child id): the row of `child_id`, or null.
template <typename Row>
class ByChild {
 public:
  explicit ByChild(const std::vector<Row>& rows) : rows_(rows) {}
  const Row* Find(long long child_id) {
    while (next_ < rows_.size() && rows_[next_].child_id < child_id) ++next_;
    return next_ < rows_.size() && rows_[next_].child_id == child_id ? &rows_[next_] : nullptr;
  }

 private:
  const std::vector<Row>& rows_;
  size_t next_ = 0;
};

// The kept decisions a board or forecast of `facility_id` (every facility in
// scope when absent) looks its children up in: for the whole installation
// (the 100,000-child board), every decision through the cache
// (service/kept_decisions.h), read again only after a change; for one
// facility, or a user attached to one, that facility's, read in scope. Only
// from a read transaction.
Result<KeptDecisions> DecisionsFor(const Store& store, Txn& txn, const Actor& scope,
                                   std::optional<long long> facility_id) {
  if (!facility_id && !scope.facility_id) return ReadKeptDecisions(store, txn);
  ageout_store::InsideFilter inside;
  inside.facility_id = facility_id;
  VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutDecisionRow> rows,
                           ageout_store::DecisionsInside(txn, scope, inside));
  return std::make_shared<const std::vector<AgeOutDecisionRow>>(std::move(rows));
}

// What the board shows beside each child, each by child id: transition plan
// statuses, open leaves, kept decisions and pending proposals.
struct BoardFacts {
  std::vector<std::pair<long long, TransitionPlanStatus>> plans;
  std::vector<LeaveRow> leaves;
  KeptDecisions decisions;
  std::shared_ptr<std::vector<AgeOutProposalRow>> proposals;
};

// A board reads its facts for the facilities its children live in with no
// scope predicate when there are at most this many; more, in scope.
constexpr size_t kFactFacilities = 4;

// The facts of the board's `children` (read in `scope`, by child id; null
// for a global scope, whose facts are read in it). A scope that is a
// predicate, such as a prison officer's (the children inside her prison or
// whose parent is held there: 3,200 children for a national prison), cost
// 13,000 page reads a board when each statement tested it again (issue 14).
// So the children are read in scope once, and the facts for the few
// facilities they live in without it: a fact of a child out of scope is read
// but never looked up, since only the children read in scope are.
Result<BoardFacts> ReadBoardFacts(const Store& store, Txn& txn, const Actor& scope,
                                  std::optional<long long> facility_id,
                                  const std::vector<ChildInsideRow>* children) {
  Actor reader = scope;
  std::vector<std::optional<long long>> facilities = {facility_id};
  if (children) {
    std::set<long long> lived_in;
    for (const ChildInsideRow& child : *children) lived_in.insert(child.facility_id);
    if (lived_in.size() <= kFactFacilities) {
      reader = Actor::System();
      facilities.assign(lived_in.begin(), lived_in.end());
    }
  }
  BoardFacts facts;
  // The leaves not yet returned are few (one per child at most): without a
  // scope, all of them, whatever facility they were recorded at.
  LeaveFilter open_leaves;
  open_leaves.facility_id = reader.IsGlobal() ? std::nullopt : facility_id;
  open_leaves.open_only = true;
  VINCULO_ASSIGN_OR_RETURN(facts.leaves, nursery_care_store::Leaves(txn, open_leaves, reader));
  // Each facility's facts; several are merged by child id. One keeps its
  // decisions as read (the whole installation's, from the cache, uncopied).
  facts.proposals = std::make_shared<std::vector<AgeOutProposalRow>>();
  auto merged = std::make_shared<std::vector<AgeOutDecisionRow>>();
  for (std::optional<long long> facility : facilities) {
    ChildrenInsideFilter filter;
    filter.facility_id = facility;
    VINCULO_ASSIGN_OR_RETURN(auto plans,
                             nursery_care_store::TransitionPlanStatuses(txn, filter, reader));
    facts.plans.insert(facts.plans.end(), plans.begin(), plans.end());
    VINCULO_ASSIGN_OR_RETURN(facts.decisions, DecisionsFor(store, txn, reader, facility));
    if (facilities.size() != 1) {
      merged->insert(merged->end(), facts.decisions->begin(), facts.decisions->end());
    }
    ageout_store::InsideFilter inside;
    inside.facility_id = facility;
    VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutProposalRow> proposals,
                             ageout_store::PendingProposalsInside(txn, reader, inside));
    facts.proposals->insert(facts.proposals->end(), proposals.begin(), proposals.end());
  }
  if (facilities.size() != 1) {
    const auto by_child = [](const auto& left, const auto& right) {
      return left.child_id < right.child_id;
    };
    std::sort(facts.plans.begin(), facts.plans.end());
    std::stable_sort(merged->begin(), merged->end(), by_child);
    std::stable_sort(facts.proposals->begin(), facts.proposals->end(), by_child);
    facts.decisions = std::move(merged);
  }
  return facts;
}

// Maps child id -> row, for the few rows of one jurisdiction's children.
template <typename Row>
std::unordered_map<long long, Row> IndexByChild(std::vector<Row> rows) {
  std::unordered_map<long long, Row> index;
  for (Row& row : rows) index.emplace(row.child_id, std::move(row));
  return index;
}

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string MonthOf(const Date& date) { return FormatDate(date).substr(0, 7); }

}  // namespace

Status CheckChildMayLiveInside(Txn& txn, const Actor& actor, const ServiceContext& context,
                               long long child_id, long long facility_id, const Date& on,
                               const std::string& exception) {
  const std::string reason = Trimmed(exception);
  if (!reason.empty() && !Allows(actor.role, Permission::kRecordCoresidenceException)) {
    return Forbidden("only an administrator records a co-residence exception",
                     "coresidence_exception");
  }
  VINCULO_ASSIGN_OR_RETURN(Record facility, txn.Get(FacilityKind(), facility_id, actor));
  CoresidenceSite site;
  site.facility = facility.Text("name").value_or(std::to_string(facility_id));
  if (auto found = facility.values.find("has_nursery"); found != facility.values.end()) {
    if (const bool* has = std::get_if<bool>(&found->second)) site.has_nursery = *has;
  }
  const long long jurisdiction_id = facility.Integer("jurisdiction_id").value_or(0);
  std::vector<CoresidenceRule> rules;
  if (jurisdiction_id) {
    VINCULO_ASSIGN_OR_RETURN(Record jurisdiction,
                             txn.Get(JurisdictionKind(), jurisdiction_id, actor));
    site.jurisdiction = jurisdiction.Text("name").value_or(std::to_string(jurisdiction_id));
    VINCULO_ASSIGN_OR_RETURN(std::vector<CoresidenceRuleRow> rows,
                             nursery_store::CoresidenceRules(txn));
    std::erase_if(rows, [&](const CoresidenceRuleRow& row) {
      return row.jurisdiction_id != jurisdiction_id;
    });
    VINCULO_ASSIGN_OR_RETURN(RulesByJurisdiction grouped, GroupRules(rows));
    rules = std::move(grouped[jurisdiction_id]);
  }
  site.rules = rules;
  Status allowed = CheckMayLiveInside(site, on);
  if (allowed.ok()) {
    if (reason.empty()) return Status::Ok();
    return InvalidArgument("coresidence_exception",
                           "nothing refuses this child living inside " + site.facility +
                               ": an exception is recorded only where the law or the "
                               "facility would refuse it");
  }
  if (reason.empty()) return allowed;
  if (reason.size() > 2000) {
    return InvalidArgument("coresidence_exception", "is longer than 2000 characters")
        .Because(Refusal::kTextTooLong);
  }
  return txn.AppendAudit({AuditEventFor(
      actor, context.Now(), "coresidence_exception", "children", child_id,
      "facility " + std::to_string(facility_id) + " on " + FormatDate(on) + ": " + reason)});
}

AuditEvent NurseryService::Event(const Actor& actor, const char* action, const char* kind,
                                 long long id, std::string detail) const {
  return AuditEventFor(actor, context_.Now(), action, kind, id, std::move(detail));
}

Status NurseryService::CheckCaseWriter(const Actor& actor) const {
  if (Allows(actor.role, Permission::kWriteNurseryCase)) return Status::Ok();
  return Forbidden(std::string("a ") + RoleName(actor.role) +
                   " cannot change a child's co-residence; an administrator, social worker "
                   "or nursery officer can");
}

Result<std::vector<AgeOutRow>> NurseryService::AgeOutBoard(const Actor& actor,
                                                           const AgeOutQuery& query) {
  // The board lists children one by one (pseudonym, birth date, facility):
  // case records, which auditors never see. Their view is the forecast.
  if (!SeesCaseRecords(actor.role)) {
    return Forbidden("auditors see figures only: use the nursery forecast, not the board");
  }
  if (KindAccess(actor.role, ChildKind()) == Access::kNone) {
    return Forbidden(std::string("a ") + RoleName(actor.role) + " cannot see children");
  }
  if (query.within_days && (*query.within_days < 0 || *query.within_days > 36500)) {
    return InvalidArgument("within_days", "must be a whole number of days from 0 to 36500");
  }
  const Date as_of = query.as_of.value_or(context_.Today());
  const bool shows_names = SeesCaseRecords(actor.role);

  // One pass over the children inside: each age-out is computed as its row
  // arrives, and the board is sized once from a count.
  std::vector<AgeOutRow> board;
  struct SortKey {
    long long days;  // problems sort first
    long long child_id;
    size_t row_idx;
  };
  std::vector<SortKey> keys;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(std::vector<CoresidenceRuleRow> rule_rows,
                             nursery_store::CoresidenceRules(txn));
    VINCULO_ASSIGN_OR_RETURN(RulesByJurisdiction rules, GroupRules(rule_rows));
    ChildrenInsideFilter filter;
    filter.facility_id = query.facility_id;
    const Actor scope = ScopeActor(actor);
    // A scope that is a predicate: the children in it once, then what is
    // shown beside each of them (ReadBoardFacts). A global one: the facts,
    // then the children streamed through one reused row (100,000 of them on
    // a national board).
    const bool children_first = !scope.IsGlobal();
    std::vector<ChildInsideRow> children;
    if (children_first) {
      VINCULO_RETURN_IF_ERROR(nursery_store::ForEachChildInside(
          txn, filter, scope, [&](const ChildInsideRow& child) { children.push_back(child); }));
    } else if (!query.within_days) {
      // The whole board: sized once. A board of the children near their
      // age-out only (the home's) keeps a few hundred of 7,500 on a national
      // one, so it grows as rows are kept: sized for every child, each of 8
      // homes at once held 10 MB of empty rows (issue 14, docs/benchmarks.md).
      VINCULO_ASSIGN_OR_RETURN(long long count,
                               nursery_store::CountChildrenInside(txn, filter, scope));
      board.reserve(static_cast<size_t>(count));
      keys.reserve(static_cast<size_t>(count));
    }
    VINCULO_ASSIGN_OR_RETURN(BoardFacts facts,
                             ReadBoardFacts(*context_.store, txn, scope, query.facility_id,
                                            children_first ? &children : nullptr));
    // Plan statuses by child id like the children: a cursor walks them
    // alongside, no lookup per child. Each row points into the decisions and
    // proposals (shared pointers that share the vector's ownership): no
    // allocation or copy per child.
    const std::vector<std::pair<long long, TransitionPlanStatus>>& plans = facts.plans;
    size_t plan_idx = 0;
    const KeptDecisions& decisions = facts.decisions;
    const std::shared_ptr<std::vector<AgeOutProposalRow>>& proposals = facts.proposals;
    ByChild<AgeOutDecisionRow> decision_of(*decisions);
    ByChild<AgeOutProposalRow> proposal_of(*proposals);
    std::unordered_map<long long, const LeaveRow*> leave_of;
    // A child out on one leave with another booked ahead (issue 15): the
    // board shows the one that began first (out or overdue).
    for (const LeaveRow& leave : facts.leaves) {
      auto [found, added] = leave_of.emplace(leave.child_id, &leave);
      if (!added && leave.left_at < found->second->left_at) found->second = &leave;
    }
    const std::string now = context_.Now();
    const auto add = [&](const ChildInsideRow& child) {
      const AgeOutDecisionRow* decision = decision_of.Find(child.child_id);
      const AgeOutProposalRow* proposal = proposal_of.Find(child.child_id);
      Result<AgeOut> age_out =
          ShownAgeOut(child, decision, rules, as_of, options_.policy, options_.thresholds);
      if (age_out.ok() && query.within_days && age_out->days_remaining > *query.within_days) {
        return;
      }
      keys.push_back(
          {age_out.ok() ? age_out->days_remaining : std::numeric_limits<long long>::min(),
           child.child_id, board.size()});
      AgeOutRow& row = board.emplace_back();
      row.child_id = child.child_id;
      row.pseudonym = child.pseudonym;
      if (shows_names) row.name = child.given_names + " " + child.family_names;
      row.facility_id = child.facility_id;
      row.facility = child.facility;
      row.date_of_birth = child.date_of_birth;
      while (plan_idx < plans.size() && plans[plan_idx].first < child.child_id) ++plan_idx;
      if (plan_idx < plans.size() && plans[plan_idx].first == child.child_id) {
        row.transition_plan = plans[plan_idx].second;
      }
      if (auto found = leave_of.find(child.child_id); found != leave_of.end()) {
        const LeaveRow& leave = *found->second;
        row.leave =
            AgeOutRow::Leave{leave.id, LeaveStateAt(leave, now), leave.left_at, leave.due_back_at};
      }
      if (decision) row.decision = std::shared_ptr<const AgeOutDecisionRow>(decisions, decision);
      if (proposal) row.proposal = std::shared_ptr<const AgeOutProposalRow>(proposals, proposal);
      if (age_out.ok()) {
        row.needs_plan = age_out->days_remaining <= options_.transition_plan_days &&
                         row.transition_plan != TransitionPlanStatus::kApproved;
        row.alert_level = AlertLevelName(age_out->alert);
        row.age_out = std::move(*age_out);
      } else {
        row.problem = age_out.status().message();
        row.alert_level = "unknown";
      }
    };
    if (!children_first) return nursery_store::ForEachChildInside(txn, filter, scope, add);
    if (!query.within_days) {
      board.reserve(children.size());
      keys.reserve(children.size());
    }
    for (const ChildInsideRow& child : children) add(child);
    return Status::Ok();
  }));
  // Problems first (they need attention), then the nearest age-out; child id
  // breaks ties. The small keys are sorted, then the rows are moved into a
  // new vector in that order. Each move reads a row somewhere in a
  // 100,000-row array (tens of megabytes) but the reads are independent, so
  // the processor overlaps their cache misses; rotating the permutation's
  // cycles in place (the previous way, no second vector) made each step wait
  // for the last one's miss and took a quarter of the board's time.
  std::sort(keys.begin(), keys.end(), [](const SortKey& left, const SortKey& right) {
    if (left.days != right.days) return left.days < right.days;
    return left.child_id < right.child_id;
  });
  std::vector<AgeOutRow> sorted;
  sorted.reserve(board.size());
  for (const SortKey& key : keys) sorted.push_back(std::move(board[key.row_idx]));
  board = std::move(sorted);
  // One read event per board: who looked at which children's age-outs, when.
  if (context_.audit) {
    context_.audit->RecordRead(
        Event(actor, "ageouts", "children", 0,
              std::to_string(board.size()) + " children" +
                  (query.facility_id ? ", facility " + std::to_string(*query.facility_id)
                                     : std::string())));
    // And a line in each child's own trail (issue 13), as a list gives.
    std::vector<AuditEvent> reads;
    reads.reserve(board.size());
    for (const AgeOutRow& row : board) {
      reads.push_back(Event(actor, "list", "children", row.child_id, "age-out board"));
    }
    context_.audit->RecordReads(std::move(reads));
  }
  return board;
}

Result<std::optional<AgeOutRow>> NurseryService::ChildAgeOut(const Actor& actor,
                                                             const Record& child_record) {
  std::optional<AgeOutRow> found;
  if (child_record.Text("placement").value_or("") != "inside_with_mother") return found;
  const Date today = context_.Today();
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(std::vector<CoresidenceRuleRow> rule_rows,
                             nursery_store::CoresidenceRules(txn));
    VINCULO_ASSIGN_OR_RETURN(RulesByJurisdiction rules, GroupRules(rule_rows));
    ChildrenInsideFilter filter;
    filter.child_id = child_record.id;
    filter.facility_id = child_record.Integer("facility_id");
    VINCULO_ASSIGN_OR_RETURN(std::optional<AgeOutDecisionRow> decision,
                             ageout_store::DecisionOf(txn, child_record.id));
    VINCULO_ASSIGN_OR_RETURN(std::optional<AgeOutProposalRow> proposal,
                             ageout_store::PendingProposalOf(txn, child_record.id));
    return nursery_store::ForEachChildInside(
        txn, filter, ScopeActor(actor), [&](const ChildInsideRow& child) {
          Result<AgeOut> age_out = ShownAgeOut(child, decision ? &*decision : nullptr, rules, today,
                                               options_.policy, options_.thresholds);
          AgeOutRow& row = found.emplace();
          row.child_id = child.child_id;
          row.facility_id = child.facility_id;
          row.facility = child.facility;
          if (decision && decision->facility_id == child.facility_id) {
            row.decision = std::make_shared<const AgeOutDecisionRow>(*decision);
          }
          if (proposal) row.proposal = std::make_shared<const AgeOutProposalRow>(*proposal);
          if (age_out.ok()) {
            row.alert_level = AlertLevelName(age_out->alert);
            row.age_out = std::move(*age_out);
          } else {
            row.problem = age_out.status().message();
            row.alert_level = "unknown";
          }
        });
  }));
  return found;
}

Result<NurseryAdmission> NurseryService::RecordAdmission(const Actor& actor, long long child_id,
                                                         const AdmissionRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  VINCULO_ASSIGN_OR_RETURN(Date admitted_on, ParseDate(request.admitted_on, "admitted_on"));
  std::optional<Date> review_date;
  if (request.review_date) {
    VINCULO_ASSIGN_OR_RETURN(review_date, ParseDate(*request.review_date, "review_date"));
    if (*review_date < admitted_on) {
      return InvalidArgument("review_date", "cannot be before the admission");
    }
  }
  if (admitted_on > context_.Today()) {
    return InvalidArgument("admitted_on", "cannot be in the future")
        .Because(Refusal::kDateInFuture);
  }
  NurseryAdmission stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    if (child.Text("placement").value_or("") != "inside_with_mother" ||
        !child.Integer("facility_id")) {
      return InvalidArgument("child_id", "the child does not live inside with the mother")
          .Because(Refusal::kChildNotInside);
    }
    auto born = ParseDate(child.Text("date_of_birth").value_or(""), "date_of_birth");
    if (born.ok() && admitted_on < *born) {
      return InvalidArgument("admitted_on", "cannot be before the child was born")
          .Because(Refusal::kDateBeforeBirth);
    }
    NurseryAdmission admission;
    admission.child_id = child_id;
    admission.facility_id = *child.Integer("facility_id");
    admission.admitted_on = FormatDate(admitted_on);
    if (review_date) admission.review_date = FormatDate(*review_date);
    admission.recorded_by = actor.user_id;
    admission.created_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(stored, nursery_store::UpsertAdmission(txn, admission));
    VINCULO_RETURN_IF_ERROR(
        KeepAgeOutDecision(txn, actor, context_, child_id, "admission", options_.policy));
    return txn.AppendAudit(
        {Event(actor, "admission", "children", child_id, "admitted_on " + admission.admitted_on)});
  }));
  return stored;
}

Result<ExtensionRow> NurseryService::RequestExtension(const Actor& actor, long long child_id,
                                                      const ExtensionRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  const std::string reason = Trimmed(request.reason);
  if (reason.empty()) {
    return InvalidArgument("reason", "an extension needs a reason (why the child should stay)")
        .Because(Refusal::kReasonRequired);
  }
  if (reason.size() > 2000)
    return InvalidArgument("reason", "is longer than 2000 characters")
        .Because(Refusal::kTextTooLong);
  VINCULO_ASSIGN_OR_RETURN(Date new_date, ParseDate(request.new_age_out_date, "new_age_out_date"));
  ExtensionRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    if (child.Text("placement").value_or("") != "inside_with_mother") {
      return InvalidArgument("child_id", "the child does not live inside with the mother")
          .Because(Refusal::kChildNotInside);
    }
    auto born = ParseDate(child.Text("date_of_birth").value_or(""), "date_of_birth");
    if (born.ok() && new_date <= *born) {
      return InvalidArgument("new_age_out_date", "must be after the child's date of birth")
          .Because(Refusal::kDateBeforeBirth);
    }
    ExtensionRow extension;
    extension.child_id = child_id;
    extension.requested_on = FormatDate(context_.Today());
    extension.requested_by_user_id = actor.user_id;
    extension.reason = reason;
    extension.new_age_out_date = FormatDate(new_date);
    extension.status = ExtensionStatus::kRequested;
    extension.created_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(stored, nursery_store::InsertExtension(txn, extension));
    return txn.AppendAudit(
        {Event(actor, "create", "coresidence_extensions", stored.id,
               "child " + std::to_string(child_id) + " to " + extension.new_age_out_date)});
  }));
  return stored;
}

Result<ExtensionRow> NurseryService::DecideExtension(const Actor& actor, long long extension_id,
                                                     const ExtensionDecision& decision) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  const std::string note = Trimmed(decision.note);
  if (!decision.approve && note.empty()) {
    return InvalidArgument("note", "a refusal needs a reason").Because(Refusal::kReasonRequired);
  }
  ExtensionRow decided;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(ExtensionRow extension,
                             nursery_store::GetExtension(txn, extension_id));
    // The extension is as visible as its child: not yours is not found.
    VINCULO_ASSIGN_OR_RETURN(bool visible, txn.Visible(ChildKind(), extension.child_id, actor));
    if (!visible) return NotFound("no co-residence extension " + std::to_string(extension_id));
    const ExtensionStatus status =
        decision.approve ? ExtensionStatus::kApproved : ExtensionStatus::kRefused;
    VINCULO_ASSIGN_OR_RETURN(
        decided, nursery_store::DecideExtension(txn, extension_id, status, actor.user_id,
                                                FormatDate(context_.Today()), note));
    if (decision.approve) {
      VINCULO_RETURN_IF_ERROR(KeepAgeOutDecision(txn, actor, context_, extension.child_id,
                                                 "extension", options_.policy));
    }
    return txn.AppendAudit(
        {Event(actor, decision.approve ? "approve" : "refuse", "coresidence_extensions",
               extension_id, "child " + std::to_string(extension.child_id))});
  }));
  return decided;
}

Result<PregnancyRow> NurseryService::RegisterPregnancy(const Actor& actor,
                                                       const PregnancyRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  VINCULO_ASSIGN_OR_RETURN(Date due, ParseDate(request.due_date, "due_date"));
  const Date today = context_.Today();
  if (due < today) {
    return InvalidArgument("due_date", "is in the past (" + FormatDate(due) +
                                           ") for a pregnancy registered today (" +
                                           FormatDate(today) + ")")
        .Because(Refusal::kDateInPast);
  }
  if (DaysBetween(today, due) > kMaxDaysToDue) {
    return InvalidArgument("due_date",
                           "is more than " + std::to_string(kMaxDaysToDue) + " days away");
  }
  PregnancyRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    auto parent = txn.Get(ParentKind(), request.parent_id, actor);
    if (!parent.ok()) {
      if (parent.status().code() == StatusCode::kNotFound) {
        return InvalidArgument("parent_id", "no parent");
      }
      return parent.status();
    }
    if (parent->Text("sex").value_or("") != "female") {
      return InvalidArgument("parent_id", "only a mother can be registered as pregnant");
    }
    PregnancyRow pregnancy;
    pregnancy.parent_id = request.parent_id;
    pregnancy.facility_id = parent->Integer("facility_id").value_or(0);
    pregnancy.due_date = FormatDate(due);
    pregnancy.registered_on = FormatDate(today);
    pregnancy.status = PregnancyStatus::kExpected;
    pregnancy.recorded_by = actor.user_id;
    pregnancy.created_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(stored, nursery_store::InsertPregnancy(txn, pregnancy));
    return txn.AppendAudit({Event(actor, "create", "pregnancies", stored.id,
                                  "parent " + std::to_string(request.parent_id))});
  }));
  return stored;
}

Result<std::vector<ForecastMonth>> NurseryService::Forecast(const Actor& actor,
                                                            const ForecastQuery& query) {
  if (SeesCaseRecords(actor.role) && KindAccess(actor.role, ChildKind()) == Access::kNone) {
    return Forbidden(std::string("a ") + RoleName(actor.role) + " cannot see children");
  }
  if (query.months < 1 || query.months > kMaxForecastMonths) {
    return InvalidArgument("months",
                           "must be a whole number from 1 to " + std::to_string(kMaxForecastMonths))
        .Because(Refusal::kNumberNotPositive);
  }
  const Date today = context_.Today();
  const Date first_month{query.from_month.year, query.from_month.month, 1};
  // A facility-bound actor forecasts her own facility only.
  ChildrenInsideFilter filter;
  filter.facility_id = query.facility_id;
  if (actor.facility_id) {
    if (filter.facility_id && *filter.facility_id != *actor.facility_id) {
      return NotFound("no facility " + std::to_string(*filter.facility_id));
    }
    filter.facility_id = actor.facility_id;
  }

  // Who is (or will be) inside: a date of birth and, when known, the date the
  // child leaves. A child whose age-out cannot be computed is counted as staying.
  struct Resident {
    long long facility_id;
    Date born;
    std::optional<Date> leaves;
  };
  std::vector<Resident> residents;
  std::vector<PregnancyRow> pregnancies;
  RulesByJurisdiction rules;
  std::map<long long, std::string> facility_names;
  std::map<long long, long long> facility_jurisdiction;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(std::vector<CoresidenceRuleRow> rule_rows,
                             nursery_store::CoresidenceRules(txn));
    VINCULO_ASSIGN_OR_RETURN(rules, GroupRules(rule_rows));
    VINCULO_ASSIGN_OR_RETURN(pregnancies,
                             nursery_store::ExpectedPregnancies(txn, filter, FormatDate(today)));
    if (filter.facility_id) {
      VINCULO_ASSIGN_OR_RETURN(Record facility,
                               txn.Get(FacilityKind(), *filter.facility_id, actor));
      facility_names[*filter.facility_id] = facility.Text("name").value_or("");
    }
    const Actor scope = ScopeActor(actor);
    VINCULO_ASSIGN_OR_RETURN(long long count,
                             nursery_store::CountChildrenInside(txn, filter, scope));
    residents.reserve(static_cast<size_t>(count) + pregnancies.size());
    VINCULO_ASSIGN_OR_RETURN(KeptDecisions decisions,
                             DecisionsFor(*context_.store, txn, scope, filter.facility_id));
    ByChild<AgeOutDecisionRow> decision_of(*decisions);
    long long last_facility = 0;
    return nursery_store::ForEachChildInside(txn, filter, scope, [&](const ChildInsideRow& child) {
      if (child.facility_id != last_facility &&
          facility_jurisdiction.emplace(child.facility_id, child.jurisdiction_id).second) {
        facility_names[child.facility_id] = child.facility;
      }
      last_facility = child.facility_id;
      auto born = ParseDate(child.date_of_birth, "date_of_birth");
      if (!born.ok()) return;
      auto age_out = ShownAgeOut(child, decision_of.Find(child.child_id), rules, today,
                                 options_.policy, options_.thresholds);
      Resident resident{child.facility_id, *born, std::nullopt};
      if (age_out.ok()) resident.leaves = age_out->age_out_date;
      residents.push_back(resident);
    });
  }));
  // Expected births join on their due date. Only facilities the actor sees
  // children in (or asked for, within scope) get them; a facility-bound or
  // global actor is already limited by the filter.
  const Actor scope = ScopeActor(actor);
  for (const PregnancyRow& pregnancy : pregnancies) {
    if (!scope.IsGlobal() && !scope.facility_id && !facility_names.count(pregnancy.facility_id)) {
      continue;
    }
    auto due = ParseDate(pregnancy.due_date, "due_date");
    if (!due.ok()) continue;
    Resident resident{pregnancy.facility_id, *due, std::nullopt};
    // The newborn's age-out, by the rules of the facility's jurisdiction when known.
    if (auto jurisdiction = facility_jurisdiction.find(pregnancy.facility_id);
        jurisdiction != facility_jurisdiction.end()) {
      AgeOutCase newborn;
      newborn.date_of_birth = *due;
      newborn.admitted_on = *due;
      if (auto found = rules.find(jurisdiction->second); found != rules.end()) {
        newborn.rules = found->second;
      }
      auto age_out = ComputeAgeOut(newborn, today, options_.policy, options_.thresholds);
      if (age_out.ok()) resident.leaves = age_out->age_out_date;
    }
    facility_names.emplace(pregnancy.facility_id, std::string());
    residents.push_back(resident);
  }
  if (scope.IsGlobal() || !filter.facility_id) {
    // Names of facilities that appear only through pregnancies.
    std::vector<long long> unnamed;
    for (const auto& [facility_id, name] : facility_names) {
      if (name.empty()) unnamed.push_back(facility_id);
    }
    if (!unnamed.empty()) {
      VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
        for (long long facility_id : unnamed) {
          auto facility = txn.Get(FacilityKind(), facility_id, actor);
          if (facility.ok()) facility_names[facility_id] = facility->Text("name").value_or("");
        }
        return Status::Ok();
      }));
    }
  }

  // counts[facility][month index]
  std::map<long long, std::vector<ForecastMonth>> counts;
  for (const auto& [facility_id, name] : facility_names) {
    std::vector<ForecastMonth>& months = counts[facility_id];
    months.resize(query.months);
    for (int month_idx = 0; month_idx < query.months; ++month_idx) {
      months[month_idx].facility_id = facility_id;
      months[month_idx].facility = name;
      months[month_idx].month = MonthOf(AddMonths(first_month, month_idx));
      months[month_idx].suppress_small_cells = SuppressesSmallCells(actor);
    }
  }
  std::vector<Date> month_starts;
  for (int month_idx = 0; month_idx <= query.months; ++month_idx) {
    month_starts.push_back(AddMonths(first_month, month_idx));
  }
  for (const Resident& resident : residents) {
    std::vector<ForecastMonth>& months = counts[resident.facility_id];
    for (int month_idx = 0; month_idx < query.months; ++month_idx) {
      const Date& start = month_starts[month_idx];
      const Date& next = month_starts[month_idx + 1];
      ForecastMonth& month = months[month_idx];
      // Inside on the first day: born by then, not yet left (leaves on the age-out date).
      if (resident.born <= start && (!resident.leaves || *resident.leaves > start)) {
        ++month.children;
        if (WholeMonthsBetween(resident.born, start) < kCribMonths) {
          ++month.cribs;
        } else {
          ++month.beds;
        }
      }
      if (resident.leaves && *resident.leaves >= start && *resident.leaves < next) {
        ++month.age_outs;
      }
      if (resident.born > today && resident.born >= start && resident.born < next) {
        ++month.expected_births;
      }
    }
  }
  std::vector<ForecastMonth> forecast;
  for (auto& [facility_id, months] : counts) {
    for (ForecastMonth& month : months) forecast.push_back(std::move(month));
  }
  return forecast;
}

Status KeepAgeOutDecision(Txn& txn, const Actor& actor, const ServiceContext& context,
                          long long child_id, const char* occasion, CoresidencePolicy policy) {
  const std::string now = context.Now();
  VINCULO_RETURN_IF_ERROR(ageout_store::WithdrawPending(txn, child_id, now));
  VINCULO_ASSIGN_OR_RETURN(RulesByJurisdiction rules, ReadRules(txn));
  ChildrenInsideFilter filter;
  filter.child_id = child_id;
  VINCULO_ASSIGN_OR_RETURN(std::vector<ChildInsideRow> children, ChildrenInside(txn, filter));
  Result<AgeOut> age_out = Status(StatusCode::kNotFound, "not inside");
  if (!children.empty()) age_out = FreshAgeOut(children.front(), rules, context.Today(), policy);
  if (!age_out.ok()) return ageout_store::ForgetDecision(txn, child_id);
  const std::optional<long long> decided_by =
      actor.user_id ? std::optional<long long>(actor.user_id) : std::nullopt;
  VINCULO_ASSIGN_OR_RETURN(
      AgeOutDecisionRow kept,
      ageout_store::KeepDecision(
          txn, DecisionRow(children.front(), *age_out, policy, occasion, decided_by, now)));
  return txn.AppendAudit(
      {AuditEventFor(actor, now, "ageout_decision", "children", child_id,
                     "kept " + kept.age_out_date + " (" + occasion + ", " + kept.basis + ")")});
}

Status KeepMissingAgeOutDecisions(Txn& txn, const ServiceContext& context,
                                  long long jurisdiction_id) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<ChildInsideRow> children,
                           ChildrenInsideJurisdiction(txn, jurisdiction_id));
  if (children.empty()) return Status::Ok();
  ageout_store::InsideFilter inside;
  inside.jurisdiction_id = jurisdiction_id;
  VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutDecisionRow> decision_rows,
                           ageout_store::DecisionsInside(txn, Actor::System(), inside));
  const auto decisions = IndexByChild(std::move(decision_rows));
  std::optional<RulesByJurisdiction> rules;
  const std::string now = context.Now();
  for (const ChildInsideRow& child : children) {
    if (auto kept = decisions.find(child.child_id);
        kept != decisions.end() && kept->second.facility_id == child.facility_id) {
      continue;
    }
    if (!rules) {
      VINCULO_ASSIGN_OR_RETURN(rules, ReadRules(txn));
    }
    // The default policy: what the board computed for her until now.
    auto age_out = FreshAgeOut(child, *rules, context.Today(), CoresidencePolicy::kRuleAtAdmission);
    if (!age_out.ok()) continue;  // nothing to keep: the board shows her problem
    VINCULO_RETURN_IF_ERROR(
        ageout_store::KeepDecision(
            txn, DecisionRow(child, *age_out, CoresidencePolicy::kRuleAtAdmission, "existing",
                             std::nullopt, now))
            .status());
  }
  return Status::Ok();
}

Status ProposeAgeOutChanges(Txn& txn, const Actor& actor, const ServiceContext& context,
                            long long jurisdiction_id, const std::string& reason,
                            const AgeOutReviewScope& only) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<ChildInsideRow> children,
                           ChildrenInsideJurisdiction(txn, jurisdiction_id));
  std::erase_if(children, [&](const ChildInsideRow& child) {
    return (only.facility_id && child.facility_id != *only.facility_id) ||
           (only.child_id && child.child_id != *only.child_id);
  });
  if (children.empty()) return Status::Ok();
  VINCULO_ASSIGN_OR_RETURN(RulesByJurisdiction rules, ReadRules(txn));
  ageout_store::InsideFilter inside;
  inside.jurisdiction_id = jurisdiction_id;
  VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutDecisionRow> decision_rows,
                           ageout_store::DecisionsInside(txn, Actor::System(), inside));
  VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutProposalRow> proposal_rows,
                           ageout_store::PendingProposalsInside(txn, Actor::System(), inside));
  const auto decisions = IndexByChild(std::move(decision_rows));
  const auto pending = IndexByChild(std::move(proposal_rows));
  const std::string now = context.Now();
  std::vector<AuditEvent> events;
  for (const ChildInsideRow& child : children) {
    auto found = decisions.find(child.child_id);
    if (found == decisions.end() || found->second.facility_id != child.facility_id) continue;
    const AgeOutDecisionRow& kept = found->second;
    auto fresh = FreshAgeOut(child, rules, context.Today(), PolicyFromName(kept.policy));
    // A result that cannot be computed (the law no longer allows it, no rule
    // in force) makes no proposal: the kept decision stands until a person
    // re-decides (a placement change or an exception).
    if (!fresh.ok()) continue;
    const std::string date = FormatDate(fresh->age_out_date);
    const std::optional<long long> rule_id =
        fresh->rule_id ? std::optional<long long>(fresh->rule_id) : std::nullopt;
    if (date == kept.age_out_date && rule_id == kept.rule_id) {
      if (pending.count(child.child_id)) {
        VINCULO_RETURN_IF_ERROR(ageout_store::WithdrawPending(txn, child.child_id, now));
      }
      continue;
    }
    AgeOutProposalRow proposal;
    proposal.child_id = child.child_id;
    proposal.decision_id = kept.id;
    proposal.kept_date = kept.age_out_date;
    proposal.kept_rule_id = kept.rule_id;
    proposal.proposed_date = date;
    proposal.proposed_basis = AgeOutBasisName(fresh->basis);
    proposal.proposed_rule_id = rule_id;
    if (fresh->extension_id) proposal.proposed_extension_id = fresh->extension_id;
    if (fresh->max_age_months) proposal.proposed_max_age_months = *fresh->max_age_months;
    proposal.proposed_source = fresh->source;
    proposal.reason = reason;
    proposal.updated_at = now;
    VINCULO_ASSIGN_OR_RETURN(AgeOutProposalRow stored, ageout_store::ProposePending(txn, proposal));
    events.push_back(AuditEventFor(actor, now, "propose", "ageout_proposals", stored.id,
                                   "child " + std::to_string(child.child_id) + ": kept " +
                                       kept.age_out_date + ", proposed " + date + " (" + reason +
                                       ")"));
  }
  if (events.empty()) return Status::Ok();
  return txn.AppendAudit(events);
}

Status CheckOneOpenEndedRule(Txn& txn, long long jurisdiction_id, long long except_rule_id) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<CoresidenceRuleRow> rows,
                           nursery_store::CoresidenceRules(txn));
  for (const CoresidenceRuleRow& row : rows) {
    if (row.jurisdiction_id == jurisdiction_id && row.effective_from.empty() &&
        row.id != except_rule_id) {
      return InvalidArgument("effective_from",
                             "the jurisdiction already has an open-ended rule version (rule " +
                                 std::to_string(row.id) +
                                 ", in force since always until the next one); give this one "
                                 "the date it took effect");
    }
  }
  return Status::Ok();
}

Result<std::vector<AgeOutProposalRow>> NurseryService::AgeOutProposals(
    const Actor& actor, const AgeOutProposalQuery& query) {
  if (!SeesCaseRecords(actor.role) || KindAccess(actor.role, ChildKind()) == Access::kNone) {
    return Forbidden(std::string("a ") + RoleName(actor.role) +
                     " does not see children's age-out proposals");
  }
  std::optional<AgeOutProposalStatus> status;
  if (query.status) {
    auto parsed = ParseAgeOutProposalStatus(*query.status);
    if (!parsed.ok()) {
      return InvalidArgument("status", "must be pending, accepted, rejected or withdrawn");
    }
    status = *parsed;
  }
  std::vector<AgeOutProposalRow> proposals;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    ageout_store::ProposalFilter filter{query.facility_id, query.child_id, status};
    VINCULO_ASSIGN_OR_RETURN(proposals, ageout_store::Proposals(txn, actor, filter));
    return Status::Ok();
  }));
  if (context_.audit) {
    for (const AgeOutProposalRow& proposal : proposals) {
      context_.audit->RecordRead(Event(actor, "list", "children", proposal.child_id,
                                       "age-out proposal " + std::to_string(proposal.id)));
    }
  }
  return proposals;
}

Result<AgeOutProposalRow> NurseryService::DecideAgeOutProposal(const Actor& actor,
                                                               long long proposal_id,
                                                               long long expected_version,
                                                               bool accept) {
  VINCULO_RETURN_IF_ERROR(CheckCaseWriter(actor));
  AgeOutProposalRow decided;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    const Status not_found = NotFound("no age-out proposal " + std::to_string(proposal_id));
    auto proposal = ageout_store::GetProposal(txn, proposal_id);
    if (!proposal.ok()) return proposal.status();
    // The proposal is as visible as its child: not yours is not found.
    VINCULO_ASSIGN_OR_RETURN(bool visible, txn.Visible(ChildKind(), proposal->child_id, actor));
    if (!visible) return not_found;
    const std::string now = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(
        decided, ageout_store::DecideProposal(
                     txn, proposal_id, expected_version,
                     accept ? AgeOutProposalStatus::kAccepted : AgeOutProposalStatus::kRejected,
                     actor.user_id, now));
    if (accept) {
      VINCULO_ASSIGN_OR_RETURN(std::optional<AgeOutDecisionRow> kept,
                               ageout_store::DecisionOf(txn, decided.child_id));
      if (!kept || kept->id != decided.decision_id) {
        return Conflict("the child's age-out was decided again since this proposal was made",
                        "decision_id");
      }
      AgeOutDecisionRow next = *kept;
      next.age_out_date = decided.proposed_date;
      next.basis = decided.proposed_basis;
      next.rule_id = decided.proposed_rule_id;
      next.extension_id = decided.proposed_extension_id;
      next.max_age_months = decided.proposed_max_age_months;
      next.source = decided.proposed_source;
      next.occasion = "proposal";
      next.decided_by = actor.user_id;
      next.decided_at = now;
      VINCULO_RETURN_IF_ERROR(ageout_store::KeepDecision(txn, next).status());
    }
    return txn.AppendAudit(
        {Event(actor, accept ? "accept" : "reject", "ageout_proposals", proposal_id,
               "child " + std::to_string(decided.child_id) + ": kept " + decided.kept_date +
                   ", proposed " + decided.proposed_date)});
  }));
  return decided;
}

}  // namespace vinculo
