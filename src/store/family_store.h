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
// The child's nursery admission, if she has one.
Result<std::optional<NurseryAdmission>> AdmissionOf(Txn& txn, long long child_id);

}  // namespace vinculo::family_store
