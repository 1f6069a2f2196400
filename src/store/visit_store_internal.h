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

// Runs a query and calls `on_row` per row; driver errors become a Status.
template <typename OnRow>
inline Status ForRows(Txn& txn, const std::string& query, store_internal::Params& params,
                      const char* context, OnRow on_row) {
  try {
    soci::session& sql = txn.session();
    if (params.empty()) {
      soci::rowset<soci::row> rows = sql.prepare << query;
      for (const soci::row& row : rows) on_row(row);
    } else {
      soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(params.values()));
      for (const soci::row& row : rows) on_row(row);
    }
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), context);
  }
}

// Runs a statement that returns no rows; the number of rows affected.
Result<long long> Execute(Txn& txn, const std::string& query, store_internal::Params& params,
                          const char* context);

// INSERT ... RETURNING id (both engines).
Result<long long> InsertReturningId(Txn& txn, const std::string& query,
                                    store_internal::Params& params, const char* context);

// "(:p1, :p2, ...)" with the ids added to `params`; "(NULL)" when empty.
std::string InList(const std::vector<long long>& ids, store_internal::Params& params);

}  // namespace vinculo::visit_store::internal
