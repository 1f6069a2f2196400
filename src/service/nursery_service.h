// NurseryService: the prison nursery for a signed-in Actor. The age-out board
// (children living inside, sorted by days remaining, with alert levels),
// admissions with their review dates, individual extensions (requested with a
// reason, then approved or refused), pregnancies, and the month-by-month
// forecast of children, cribs and beds per facility.
//
// Scope: the board and forecast show the children the actor may see (the
// children's ScopeRule: a nursery officer sees her facility). Auditors, who
// never read case records, get the board with pseudonyms only, never names;
// an auditor attached to no organisation or facility sees the whole
// installation that way. Writes (admissions, extensions, pregnancies) are for
// administrators, social workers and nursery officers, on children and
// parents they can see; each write is one transaction with its audit event.
// Thread-safe: holds no mutable state of its own.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/coresidence.h"
#include "service/context.h"
#include "store/ageout_store.h"
#include "store/nursery_store.h"

namespace vinculo {

struct NurseryOptions {
  // Which rule version applies when the law changes during a stay (see
  // domain/coresidence.h). Default: the rule in force on the admission date.
  CoresidencePolicy policy = CoresidencePolicy::kRuleAtAdmission;
  AlertThresholds thresholds;  // 180, 90 and 30 days by default
  // A transition plan is required from this many days before the age-out; a
  // child that close without an approved plan is flagged on the board.
  int transition_plan_days = 90;
};

struct AgeOutQuery {
  std::optional<long long> facility_id;
  // Only children whose age-out is at most this many days away (overdue included).
  std::optional<int> within_days;
  std::optional<Date> as_of;  // default: today
};

// One line of the board. A child whose age-out cannot be computed (no rule in
// force, co-residence not allowed, no review date) is listed first, with the
// reason in `problem` and no date: it needs someone's attention.
struct AgeOutRow {
  // "missing", "draft" or "approved": how replies and the CLI name the plan.
  const char* TransitionPlanShown() const {
    return transition_plan ? TransitionPlanStatusName(*transition_plan) : "missing";
  }

  long long child_id = 0;
  std::string pseudonym;
  std::optional<std::string> name;  // absent for roles that never see names
  long long facility_id = 0;
  std::string facility;
  std::string date_of_birth;
  std::optional<AgeOut> age_out;
  std::string problem;
  std::string alert_level;                  // AlertLevelName, or "unknown" with a problem
  std::optional<TransitionPlanStatus> transition_plan;  // none: the child has no plan
  // Within NurseryOptions::transition_plan_days of the age-out (or past it)
  // without an approved plan.
  bool needs_plan = false;
  // The child's leave not yet returned, with its state now (issue 15): who
  // is out, who is overdue, who has a leave booked.
  struct Leave {
    long long id = 0;
    std::string state;  // booked | out | overdue (LeaveStateAt)
    std::string left_at;
    std::string due_back_at;
  };
  std::optional<Leave> leave;
  // The kept decision this age-out comes from (issue 15): absent for a child
  // kept before the decisions were (she is computed until the first change
  // of her jurisdiction's rules keeps hers).
  // Shared pointers, not values: the board moves 100,000 rows while sorting
  // and a row twice as large made it much slower (docs/benchmarks.md). On the
  // board they point into the vector of every decision read, whose ownership
  // they share: a row kept alone keeps that vector alive.
  std::shared_ptr<const AgeOutDecisionRow> decision;
  // A change of the rules that would move her date, waiting for a person.
  std::shared_ptr<const AgeOutProposalRow> proposal;
};

struct AgeOutProposalQuery {
  std::optional<long long> facility_id;
  std::optional<long long> child_id;
  std::optional<std::string> status;  // pending | accepted | rejected | withdrawn
};

struct AdmissionRequest {
  std::string admitted_on;                 // YYYY-MM-DD
  std::optional<std::string> review_date;  // required where the law sets no limit
};

struct ExtensionRequest {
  std::string reason;
  std::string new_age_out_date;  // YYYY-MM-DD
};

struct ExtensionDecision {
  bool approve = false;
  std::string note;  // required when refusing
};

struct PregnancyRequest {
  long long parent_id = 0;
  std::string due_date;  // YYYY-MM-DD, today or later
};

struct ForecastQuery {
  std::optional<long long> facility_id;
  Date from_month;  // any day of the first month
  int months = 12;  // 1..36
};

// Children inside one facility at the start of one month.
struct ForecastMonth {
  long long facility_id = 0;
  std::string facility;
  std::string month;              // "YYYY-MM"
  long long children = 0;         // inside on the first day of the month
  long long cribs = 0;            // of them, under 24 months
  long long beds = 0;             // of them, 24 months and over
  long long age_outs = 0;         // leaving during the month
  long long expected_births = 0;  // due during the month
  // For auditors: each count from 1 to 4 is left out of the answer (SmallCell).
  bool suppress_small_cells = false;
};

// The law enforced where a child begins to live inside (a new child, or a
// placement change into a facility), in `txn`: the one home of that rule for
// RecordService. Refuses, kInvalidArgument naming facility_id, when the
// facility has no nursery or its jurisdiction's rule in force on `on` does not
// allow co-residence (CheckMayLiveInside), unless `exception` (the child's
// coresidence_exception) documents why; only an administrator records one
// (kForbidden naming coresidence_exception), and it is audited against
// `child_id`. An exception where nothing is refused is kInvalidArgument naming
// coresidence_exception: it would document nothing.
Status CheckChildMayLiveInside(Txn& txn, const Actor& actor, const ServiceContext& context,
                               long long child_id, long long facility_id, const Date& on,
                               const std::string& exception);

// The age-out decision kept for each admission (issue 15, migration 25).
// KeepAgeOutDecision decides the child's age-out now, from the rules as they
// stand, and keeps it with `occasion` (admission, placement, extension): in
// the write that admits her, moves her inside or approves her extension. A
// child not living inside, or whose age-out cannot be computed, keeps none.
// Any pending proposal of hers is withdrawn (the new decision supersedes it).
Status KeepAgeOutDecision(Txn& txn, const Actor& actor, const ServiceContext& context,
                          long long child_id, const char* occasion,
                          CoresidencePolicy policy = CoresidencePolicy::kRuleAtAdmission);
// Before a change to a jurisdiction's rule versions: each child living
// inside there with no kept decision (kept before migration 25) gets one
// from the rules as they still stand, so the change cannot move her date.
Status KeepMissingAgeOutDecisions(Txn& txn, const ServiceContext& context,
                                  long long jurisdiction_id);
// After a change to a jurisdiction's rule versions (added, edited, archived,
// restored), in the same write: each child inside there is computed again
// under her decision's policy; where the result differs from her kept
// decision (date or rule version), a pending proposal saying `reason` is made
// or the waiting one replaced; where it no longer differs, the waiting one is
// withdrawn. The kept decision itself does not change. Audited per proposal.
// `only` narrows it to one facility's children or one child (a facility's own
// age limit changed, a child's date of birth corrected).
struct AgeOutReviewScope {
  std::optional<long long> facility_id;
  std::optional<long long> child_id;
};
Status ProposeAgeOutChanges(Txn& txn, const Actor& actor, const ServiceContext& context,
                            long long jurisdiction_id, const std::string& reason,
                            const AgeOutReviewScope& only = {});
// Issue 15's refusal before a rule version is written: a version with no
// effective_from where the jurisdiction has an active one already is
// kInvalidArgument naming effective_from (the database's
// coresidence_rules_one_open index is the last guard). `except_rule_id`: the
// rule being restored itself.
Status CheckOneOpenEndedRule(Txn& txn, long long jurisdiction_id, long long except_rule_id = 0);

class NurseryService {
 public:
  explicit NurseryService(ServiceContext context, NurseryOptions options = {})
      : context_(context), options_(options) {}

  // The board, sorted by days remaining (problems first). kForbidden for a
  // role with no access to children; kInvalidArgument naming within_days.
  Result<std::vector<AgeOutRow>> AgeOutBoard(const Actor& actor, const AgeOutQuery& query);

  // The age-out of a child the actor has read, computed as the board computes
  // it, for the child's own record (issue 15): nullopt when she does not live
  // inside; a row with `problem` when it cannot be computed.
  Result<std::optional<AgeOutRow>> ChildAgeOut(const Actor& actor, const Record& child);

  // Records when a child living inside was admitted, and its review date.
  // kNotFound if the child is not visible; kInvalidArgument naming the field
  // (not living inside, a date before birth or in the future, a review date
  // before admission).
  Result<NurseryAdmission> RecordAdmission(const Actor& actor, long long child_id,
                                           const AdmissionRequest& request);

  // kInvalidArgument naming reason (empty) or new_age_out_date; kForbidden for
  // other roles; kNotFound when the child is not visible.
  Result<ExtensionRow> RequestExtension(const Actor& actor, long long child_id,
                                        const ExtensionRequest& request);
  // kConflict when the request was decided already; kInvalidArgument naming
  // note when a refusal gives no reason.
  Result<ExtensionRow> DecideExtension(const Actor& actor, long long extension_id,
                                       const ExtensionDecision& decision);

  // The age-out proposals of children the actor may see, newest first.
  // kForbidden for roles that never read case records.
  Result<std::vector<AgeOutProposalRow>> AgeOutProposals(const Actor& actor,
                                                         const AgeOutProposalQuery& query);
  // Accepts (the kept decision becomes the proposal's date and rule version)
  // or rejects (the kept decision stays) a pending proposal at
  // `expected_version`, in one transaction with its audit event. kNotFound
  // when the child is not visible (not yours reads as not found); kForbidden
  // for roles that do not change co-residence; kConflict when it was decided
  // already or the decision it was made against changed meanwhile;
  // kPreconditionFailed when a later change replaced it (version moved).
  Result<AgeOutProposalRow> DecideAgeOutProposal(const Actor& actor, long long proposal_id,
                                                 long long expected_version, bool accept);

  // kInvalidArgument naming due_date when it is in the past or more than 300
  // days away; kNotFound naming parent_id when the parent is not visible.
  Result<PregnancyRow> RegisterPregnancy(const Actor& actor, const PregnancyRequest& request);

  // Per facility, per month from `from_month`: children inside at the month's
  // start (age-outs leave, expected births join), cribs and beds.
  Result<std::vector<ForecastMonth>> Forecast(const Actor& actor, const ForecastQuery& query);

 private:
  Status CheckCaseWriter(const Actor& actor) const;
  AuditEvent Event(const Actor& actor, const char* action, const char* kind, long long id,
                   std::string detail = {}) const;

  ServiceContext context_;
  NurseryOptions options_;
};

}  // namespace vinculo
