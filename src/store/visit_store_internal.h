// Internal to the visit programme's store files (visit_store.cc,
// visit_plan_store.cc): running a query row by row, a statement, an INSERT
// ... RETURNING id, and an IN list of ids, with driver errors as a Status.
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "store/sql_util.h"
#include "store/store.h"

namespace vinculo::visit_store::internal {

// Runs a query and calls `on_row` per row (store_internal::EachRowOf, which
// SelectChecked uses too); driver errors become a Status. An `on_row` that
// returns a Status stops at the first error and returns it (a stored value the
// reader refuses, see store_internal::ReadEnum).
template <typename OnRow>
inline Status ForRows(Txn& txn, const std::string& query, store_internal::Params& params,
                      const char* context, OnRow on_row) {
  try {
    return store_internal::EachRowOf(txn, query, params, on_row);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), context);
  }
}

// For ForRows: keeps a row read as a Result in `rows` (or `found`), or
// returns the reader's error (store_internal's, named here for the module files).
using store_internal::KeepRow;

// Runs a statement that returns no rows; the number of rows affected.
Result<long long> Execute(Txn& txn, const std::string& query, store_internal::Params& params,
                          const char* context);

// INSERT ... RETURNING id (both engines).
Result<long long> InsertReturningId(Txn& txn, const std::string& query,
                                    store_internal::Params& params, const char* context);

// "(:p1, :p2, ...)" with the ids added to `params`; "(NULL)" when empty.
std::string InList(const std::vector<long long>& ids, store_internal::Params& params);

}  // namespace vinculo::visit_store::internal
