// The nursery tables (migration 2): co-residence rules as the engine reads
// them, the children living inside joined with everything their age-out
// depends on, admissions, extension requests and decisions, pregnancies.
// Free functions over a Txn, like visit_store.h, so that store.h does not
// grow with every module (docs/architecture.md). Same contract as Txn's
// methods: called inside Store::Read or Store::Write, errors as values
// (driver errors become kConflict, kUnavailable, ...). ForEachChildInside and
// CountChildrenInside scope by the actor they are given; the rest read and
// write by id, after NurseryService has decided who may.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "store/nursery_rows.h"
#include "store/store.h"

namespace vinculo::nursery_store {

// Every active co-residence rule version, all jurisdictions (a small table).
Result<std::vector<CoresidenceRuleRow>> CoresidenceRules(Txn& txn);
// Active children living inside (placement inside_with_mother) that `actor`
// may see, in one set-based query, ordered by child id. Calls `on_child`
// per child with a row buffer that is reused: copy what you keep.
Status ForEachChildInside(Txn& txn, const ChildrenInsideFilter& filter, const Actor& actor,
                          const std::function<void(const ChildInsideRow&)>& on_child);
// How many children ForEachChildInside would visit (to size results once).
Result<long long> CountChildrenInside(Txn& txn, const ChildrenInsideFilter& filter,
                                      const Actor& actor);
// Inserts or replaces the child's admission row (one per child).
Result<NurseryAdmission> UpsertAdmission(Txn& txn, const NurseryAdmission& admission);
Result<ExtensionRow> InsertExtension(Txn& txn, const ExtensionRow& extension);
// kNotFound when absent.
Result<ExtensionRow> GetExtension(Txn& txn, long long id);
// Records a decision on a request still "requested"; kConflict when it was
// decided already (someone else got there first).
Result<ExtensionRow> DecideExtension(Txn& txn, long long id, ExtensionStatus status,
                                     long long decided_by, const std::string& decided_on,
                                     const std::string& note);
Result<PregnancyRow> InsertPregnancy(Txn& txn, const PregnancyRow& pregnancy);
// Expected pregnancies due on or after `from` in facilities of the filter.
Result<std::vector<PregnancyRow>> ExpectedPregnancies(Txn& txn, const ChildrenInsideFilter& filter,
                                                      const std::string& from);

}  // namespace vinculo::nursery_store
