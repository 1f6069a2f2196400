// Internal to the visit programme's store files (visit_store.cc,
// visit_plan_store.cc): running a query row by row, a statement, an INSERT
// ... RETURNING id, and an IN list of ids, with driver errors as a Status.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "store/sql_util.h"
#include "store/store.h"

namespace vinculo::visit_store::internal {

// Runs a query and calls `on_row` per row; driver errors become a Status. An
// `on_row` that returns a Status stops at the first error and returns it (a
// stored value the reader refuses, see store_internal::ReadEnum).
template <typename OnRow>
inline Status ForRows(Txn& txn, const std::string& query, store_internal::Params& params,
                      const char* context, OnRow on_row) {
  auto each = [&](soci::rowset<soci::row>& rows) -> Status {
    for (const soci::row& row : rows) {
      if constexpr (std::is_same_v<std::invoke_result_t<OnRow&, const soci::row&>, Status>) {
        Status read = on_row(row);
        if (!read.ok()) return read;
      } else {
        on_row(row);
      }
    }
    return Status::Ok();
  };
  try {
    soci::session& sql = txn.session();
    if (params.empty()) {
      soci::rowset<soci::row> rows = sql.prepare << query;
      return each(rows);
    }
    soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(params.values()));
    return each(rows);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), context);
  }
}

// For ForRows: keeps a row read as a Result in `rows` (or `found`), or
// returns the reader's error.
template <typename Row>
Status KeepRow(std::vector<Row>& rows, Result<Row> read) {
  if (!read.ok()) return read.status();
  rows.push_back(std::move(read).value());
  return Status::Ok();
}
template <typename Row>
Status KeepRow(std::optional<Row>& found, Result<Row> read) {
  if (!read.ok()) return read.status();
  found = std::move(read).value();
  return Status::Ok();
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
