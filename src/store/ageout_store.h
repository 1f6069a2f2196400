// The kept age-out decisions and the proposals a change of the co-residence
// rules makes of them (migration 25). Free functions over a Txn, like
// family_store.h, so that store.h does not grow. No scoping here except in
// Proposals (the list a user asks for): the service decides which children
// the actor may see before calling. Errors as values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/coresidence.h"
#include "store/store.h"

namespace vinculo {

// The age-out decision kept for a child living inside (migration 25,
// ageout_decisions): what the board and her record show until a person
// accepts a proposal or a new admission, placement or extension re-decides.
struct AgeOutDecisionRow {
  long long id = 0;
  long long child_id = 0;
  long long version = 1;
  long long facility_id = 0;
  std::string age_out_date;
  std::string basis;  // AgeOutBasisName
  std::optional<long long> rule_id;
  std::optional<long long> extension_id;
  std::optional<long long> max_age_months;
  std::string source;
  std::string policy;                   // rule_at_admission | rule_in_force
  std::string occasion;                 // admission | placement | extension | proposal | existing
  std::optional<long long> decided_by;  // absent: kept by the system (existing children)
  std::string decided_at;
};

// What a change to the rules would make of a kept decision (ageout_proposals).
struct AgeOutProposalRow {
  long long id = 0;
  long long version = 1;
  long long child_id = 0;
  long long decision_id = 0;
  std::string kept_date;
  std::optional<long long> kept_rule_id;
  std::string proposed_date;
  std::string proposed_basis;
  std::optional<long long> proposed_rule_id;
  std::optional<long long> proposed_extension_id;
  std::optional<long long> proposed_max_age_months;
  std::string proposed_source;
  std::string reason;
  AgeOutProposalStatus status = AgeOutProposalStatus::kPending;
  std::string created_at;
  std::string updated_at;
  std::optional<long long> decided_by;
  std::optional<std::string> decided_at;
};

}  // namespace vinculo

namespace vinculo::ageout_store {

// Which children living inside (placement inside_with_mother, not archived)
// a bulk read covers, within the scope of the actor it is given.
struct InsideFilter {
  std::optional<long long> facility_id;
  std::optional<long long> child_id;
  std::optional<long long> jurisdiction_id;  // the facilities of one jurisdiction
};
// The kept decisions of the children inside that `actor` may see, by child id
// (the board merges them with its children as it does admissions).
Result<std::vector<AgeOutDecisionRow>> DecisionsInside(Txn& txn, const Actor& actor,
                                                       const InsideFilter& filter);
// Every kept decision, by child id, whoever may see it: only for a caller
// that looks up the children it has read in scope (service/kept_decisions.h).
Result<std::vector<AgeOutDecisionRow>> AllDecisions(Txn& txn);
// What the kept decisions hold, in one aggregate over the table. Ids are
// never reused and every change raises its row's version (the only way this
// store changes a decision), so no sequence of inserts, deletes and changes
// comes back to an earlier stamp: equal stamps mean equal decisions. `mix`
// also tells apart two databases filled differently (a regenerated one).
// Read it in a read transaction: a write transaction's own uncommitted
// changes would give a stamp that a later commit may give again.
struct DecisionsStamp {
  long long count = 0;
  long long max_id = 0;
  long long versions = 0;  // the sum of the rows' versions
  long long mix = 0;       // the sum of child, facility and version, weighted
  bool operator==(const DecisionsStamp&) const = default;
};
Result<DecisionsStamp> ReadDecisionsStamp(Txn& txn);
// Their pending proposals, by child id.
Result<std::vector<AgeOutProposalRow>> PendingProposalsInside(Txn& txn, const Actor& actor,
                                                              const InsideFilter& filter);
// The facilities of a jurisdiction, by id.
Result<std::vector<long long>> FacilitiesOf(Txn& txn, long long jurisdiction_id);

// The child's kept decision, nullopt when she has none.
Result<std::optional<AgeOutDecisionRow>> DecisionOf(Txn& txn, long long child_id);
// Replaces the child's kept decision (one per child; its version goes up by
// one) or keeps her first. Returns the row as stored.
Result<AgeOutDecisionRow> KeepDecision(Txn& txn, AgeOutDecisionRow row);
// Forgets the child's kept decision (she no longer has one that can be
// computed); her proposals stay as history.
Status ForgetDecision(Txn& txn, long long child_id);

// The child's pending proposal, nullopt when none is waiting.
Result<std::optional<AgeOutProposalRow>> PendingProposalOf(Txn& txn, long long child_id);
// Makes `row` the child's pending proposal: replaces the one waiting (same
// id, version + 1) or adds one. The ageout_proposals_one_pending index keeps
// it at one.
Result<AgeOutProposalRow> ProposePending(Txn& txn, AgeOutProposalRow row);
// Marks the child's pending proposal withdrawn (a new decision was kept, or
// the rules no longer change her date). No error when none is waiting.
Status WithdrawPending(Txn& txn, long long child_id, const std::string& now);
// kNotFound when there is no such proposal.
Result<AgeOutProposalRow> GetProposal(Txn& txn, long long id);
// Decides a pending proposal at `expected_version`: `status` is accepted or
// rejected. kConflict when it is no longer pending; kPreconditionFailed when
// its version moved (a later change of the rules replaced it).
Result<AgeOutProposalRow> DecideProposal(Txn& txn, long long id, long long expected_version,
                                         AgeOutProposalStatus status, long long decided_by,
                                         const std::string& now);

struct ProposalFilter {
  std::optional<long long> facility_id;  // the child's current facility
  std::optional<long long> child_id;
  std::optional<AgeOutProposalStatus> status;
};
// The proposals of children `actor` may see, newest first.
Result<std::vector<AgeOutProposalRow>> Proposals(Txn& txn, const Actor& actor,
                                                 const ProposalFilter& filter);

}  // namespace vinculo::ageout_store
