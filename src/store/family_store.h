// The family's own rows (migration 20): sibling links beyond shared parents,
// and the few per-child reads the family view needs that no other module
// offers. Free functions over a Txn, like visit_store.h, so that store.h does
// not grow. No scoping here: FamilyService decides which children the actor
// may see before calling. Errors as values (driver errors become kConflict,
// kUnavailable, ...).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/nursery_rows.h"
#include "store/store.h"

namespace vinculo::family_store {

// Two children recorded as siblings. Stored once per pair, the smaller id in
// child_id (the table's CHECK refuses a child paired with herself).
struct SiblingLinkRow {
  long long id = 0;
  long long child_id = 0;
  long long sibling_id = 0;
  std::string relation;  // full | half | step
  long long created_by = 0;
  std::string created_at;
};

// kConflict when the pair is linked already; kInvalidArgument naming
// sibling_id when both ids are the same child (the CHECK, as a last guard).
Result<SiblingLinkRow> InsertSiblingLink(Txn& txn, SiblingLinkRow row);
// The links with `child_id` at either end, by id.
Result<std::vector<SiblingLinkRow>> SiblingLinksOf(Txn& txn, long long child_id);
// One value a parent's expected release date took (migration 21).
struct ReleaseDateChange {
  long long id = 0;
  long long parent_id = 0;
  std::optional<std::string> expected_release_date;  // absent: cleared
  std::optional<std::string> previous_date;
  long long changed_by = 0;
  std::string created_at;
};

// Records the parent's expected release date when it differs from `before`
// (a new parent: `before` absent and the date given). Inside the write that
// changes it, so the history and the record never disagree.
Status RecordReleaseDate(Txn& txn, long long parent_id, const std::optional<std::string>& before,
                         const std::optional<std::string>& after, long long changed_by,
                         const std::string& now);
// The parent's release dates, oldest first.
Result<std::vector<ReleaseDateChange>> ReleaseDateHistory(Txn& txn, long long parent_id);

// A parent in custody whose expected release date is on or before `until`
// (those past it without a release recorded come first), in `actor`'s scope.
struct ReleaseCountdownRow {
  long long parent_id = 0;
  std::string given_names;
  std::string family_names;
  long long facility_id = 0;
  std::string facility_name;
  std::string expected_release_date;
  long long changes = 0;  // how many times the date moved after it was first recorded
};
Result<std::vector<ReleaseCountdownRow>> ReleaseCountdown(Txn& txn, const Actor& actor,
                                                          const std::string& until, int limit);

// The child's nursery admission, if she has one.
Result<std::optional<NurseryAdmission>> AdmissionOf(Txn& txn, long long child_id);

}  // namespace vinculo::family_store
