// Release and reunification rows (issue 15, migration 24): a parent's
// reunification plan and its steps, the follow-up contacts after release and
// an organisation's follow-up period. Free functions over a Txn, like
// family_store.h, so that store.h does not grow. No scoping here:
// ReunificationService decides which parents the actor may see before
// calling (the lists take the actor and scope in SQL). Errors as values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/family.h"
#include "domain/reunification.h"
#include "store/store.h"

namespace vinculo::reunification_store {

// A parent's reunification plan. At most one open plan per parent (a partial
// unique index); a closed plan is kept as history.
struct PlanRow {
  long long id = 0;
  long long parent_id = 0;
  std::optional<long long> organisation_id;  // whose users may own its steps
  ReunificationPlanStatus status = ReunificationPlanStatus::kOpen;
  std::string note;
  long long version = 1;
  long long created_by = 0;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> closed_at;
};

struct StepRow {
  long long id = 0;
  long long plan_id = 0;
  std::string kind;  // domain/reunification.h StepKind names
  std::string description;
  long long owner_user_id = 0;
  std::string owner_name;  // the owner's display name (read only)
  std::string due_on;      // YYYY-MM-DD
  StepStatus status = StepStatus::kPending;
  long long version = 1;
  long long created_by = 0;
  std::string created_at;
  std::string updated_at;
};

// kConflict naming parent_id when the parent has an open plan already (the
// partial unique index decides, so two concurrent creations give one plan).
Result<PlanRow> InsertPlan(Txn& txn, PlanRow row);
Result<std::optional<PlanRow>> GetPlan(Txn& txn, long long plan_id);
Result<std::optional<PlanRow>> OpenPlanOf(Txn& txn, long long parent_id);
// Closes an open plan at `expected_version`: kPreconditionFailed when its
// version moved, kConflict naming status when it is closed already.
Result<PlanRow> ClosePlan(Txn& txn, long long plan_id, long long expected_version,
                          const std::string& now);

Result<StepRow> InsertStep(Txn& txn, StepRow row);
Result<std::optional<StepRow>> GetStep(Txn& txn, long long step_id);
// Writes kind, description, owner, due date and status when the stored
// version is `expected_version` (kPreconditionFailed otherwise); version + 1.
Result<StepRow> UpdateStep(Txn& txn, const StepRow& row, long long expected_version,
                           const std::string& now);
// A plan's steps by due date, then id.
Result<std::vector<StepRow>> StepsOf(Txn& txn, long long plan_id);
// The steps of the open plans of these parents: (parent_id, step).
struct ParentStep {
  long long parent_id = 0;
  StepRow step;
};
Result<std::vector<ParentStep>> OpenPlanStepsOf(Txn& txn, const std::vector<long long>& parent_ids);
// The open plan's id of each of these parents that has one: (parent_id, plan_id).
Result<std::vector<std::pair<long long, long long>>> OpenPlanIdsOf(
    Txn& txn, const std::vector<long long>& parent_ids);

// Plans of parents in `actor`'s scope (open only unless `include_closed`),
// with the parent's names and expected release date, by expected release
// date then id; at most `limit`.
struct PlanListRow {
  PlanRow plan;
  std::string given_names;
  std::string family_names;
  CustodyStatus custody_status = CustodyStatus::kIncarcerated;
  std::optional<std::string> expected_release_date;
  std::optional<std::string> released_on;
};
Result<std::vector<PlanListRow>> ListPlans(Txn& txn, const Actor& actor, bool include_closed,
                                           int limit);

// Whether `child_id` has a released parent (parent-child link not archived,
// custody_status released) whom `actor` may see.
Result<bool> HasReleasedParent(Txn& txn, const Actor& actor, long long child_id);

// One contact with a released family.
struct FollowUpContactRow {
  long long id = 0;
  long long parent_id = 0;
  std::string contacted_on;  // YYYY-MM-DD
  std::string kind;          // FollowUpKind names
  std::string note;
  long long recorded_by = 0;
  std::string created_at;
};
Result<FollowUpContactRow> InsertFollowUpContact(Txn& txn, FollowUpContactRow row);
// Newest first.
Result<std::vector<FollowUpContactRow>> FollowUpContactsOf(Txn& txn, long long parent_id);

// Released parents in `actor`'s scope released on or after `released_since`,
// with their last follow-up contact, by release date then id; at most `limit`.
struct ReleasedParentRow {
  long long parent_id = 0;
  std::string given_names;
  std::string family_names;
  std::string released_on;
  std::optional<std::string> last_contacted_on;
  long long contacts = 0;
};
Result<std::vector<ReleasedParentRow>> ReleasedParents(Txn& txn, const Actor& actor,
                                                       const std::string& released_since,
                                                       int limit);

// An organisation's follow-up period; absent: none set (the default applies,
// reported as version 1, like visit_settings).
struct FollowUpSettingsRow {
  long long organisation_id = 0;
  long long version = 1;
  long long follow_up_days = 0;
  bool defaults = false;
};
Result<std::optional<FollowUpSettingsRow>> FollowUpSettingsOf(Txn& txn, long long organisation_id);
// Writes version expected_version + 1: an insert when expected_version is 1
// and no row exists, else a conditional update; kPreconditionFailed when
// someone else wrote first.
Result<FollowUpSettingsRow> PutFollowUpSettings(Txn& txn, long long organisation_id,
                                                long long expected_version, long long days,
                                                long long updated_by, const std::string& now);

}  // namespace vinculo::reunification_store
