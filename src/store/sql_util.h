// Helpers shared by the store's files: named parameters, reading SOCI rows
// whatever integer width each engine reports, and the SQL form of record scope.
// Internal to src/store.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/access.h"
#include "domain/record.h"
#include "store/statement_cache.h"
#include "store/store.h"

namespace vinculo::store_internal {

// Collects bound values under unique names (:p1, :p2, ...), because a name
// used twice in one statement is not portable across SOCI backends.
class Params {
 public:
  std::string Add(const Value& value);
  std::string Add(const std::string& text) { return Add(Value{text}); }
  std::string Add(const char* text) { return Add(std::string(text)); }  // an enum's name
  std::string AddInteger(long long number) { return Add(Value{number}); }
  std::string AddOptional(const std::optional<long long>& number) {
    return number ? AddInteger(*number) : Add(Value{});
  }
  std::string AddOptional(const std::optional<std::string>& text) {
    return text ? Add(*text) : Add(Value{});
  }
  bool empty() const { return count_ == 0; }
  // Every value added, by name, in order (what StatementCache binds).
  const std::vector<std::pair<std::string, Value>>& bound() const { return added_; }
  // The values to bind with soci::use. Built on the first call only: SOCI
  // 4.0.3's values frees what set() allocates only when a statement binds
  // them, so values set and never bound (the statement cache's, which binds
  // bound() into its own slots) leaked about 80 bytes a read (found by
  // LeakSanitizer, issue 13).
  soci::values& values();

 private:
  static void Set(soci::values& values, const std::string& name, const Value& value);

  soci::values values_;
  std::vector<std::pair<std::string, Value>> added_;  // in order
  bool built_ = false;
  int count_ = 0;
};

// `on_row`'s answer for one row: the Status of a reader that may refuse a row
// (a stored value it does not know, see ReadEnum), Ok for one that cannot.
template <typename OnRow>
Status ReadRow(OnRow& on_row, const soci::row& row) {
  if constexpr (std::is_same_v<std::invoke_result_t<OnRow&, const soci::row&>, Status>) {
    return on_row(row);
  } else {
    on_row(row);
    return Status::Ok();
  }
}

// Calls `on_row` per row of `rows` and stops at its first error (ReadRow);
// driver errors throw, as SOCI does.
template <typename OnRow>
Status EachRow(soci::rowset<soci::row>& rows, OnRow& on_row) {
  for (const soci::row& row : rows) VINCULO_RETURN_IF_ERROR(ReadRow(on_row, row));
  return Status::Ok();
}

// For a reader that may refuse a row: keeps a row read as a Result in `rows`
// (or `found`), or returns the reader's error.
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

// Runs a statement that returns no rows; returns the number of rows affected.
long long ExecuteWith(soci::session& sql, const std::string& query, Params& params);

// Runs a query through the transaction's connection and calls `on_row` per
// row, as EachRow. The connection's statement cache keeps the prepared
// statement for the next call (issue 14: preparing each statement anew was a
// quarter of a visit record's time in the writer's lock); the rest of the
// rows are still fetched after an error (StatementCache::Query).
template <typename OnRow>
Status EachRowOf(Txn& txn, const std::string& query, Params& params, OnRow& on_row) {
  StatementCache* cache = txn.statement_cache();
  if (cache && StatementCache::Keeps(params)) {
    Status first = Status::Ok();
    cache->Query(txn.session(), query, params, [&](const soci::row& row) {
      if (first.ok()) first = ReadRow(on_row, row);
    });
    return first;
  }
  if (params.empty()) {
    soci::rowset<soci::row> rows = txn.session().prepare << query;
    return EachRow(rows, on_row);
  }
  soci::rowset<soci::row> rows = (txn.session().prepare << query, soci::use(params.values()));
  return EachRow(rows, on_row);
}
// A SELECT through EachRowOf, every row mapped with `read`.
template <typename Row, typename Read>
std::vector<Row> Select(Txn& txn, const std::string& query, Params& params, Read read) {
  std::vector<Row> result;
  auto keep = [&](const soci::row& row) { result.push_back(read(row)); };
  (void)EachRowOf(txn, query, params, keep);
  return result;
}
// Select with a reader that may refuse a row (Result<Row>): the first refusal,
// or every row.
template <typename Row, typename Read>
Result<std::vector<Row>> SelectChecked(Txn& txn, const std::string& query, Params& params,
                                       Read read) {
  std::vector<Row> result;
  auto keep = [&](const soci::row& row) { return KeepRow<Row>(result, read(row)); };
  VINCULO_RETURN_IF_ERROR(EachRowOf(txn, query, params, keep));
  return result;
}
// ExecuteWith through the transaction's statement cache.
long long ExecuteWith(Txn& txn, const std::string& query, Params& params);

long long GetInteger(const soci::row& row, std::size_t index);
std::optional<long long> GetOptionalInteger(const soci::row& row, std::size_t index);
double GetDouble(const soci::row& row, std::size_t index);
std::string GetText(const soci::row& row, std::size_t index);
std::optional<std::string> GetOptionalText(const soci::row& row, std::size_t index);

// A stored enum's value: `parse` (a domain Parse... function) of the text in
// column `index`, or kInternal naming `column` when the database holds text
// this version does not know (never a crash, never a default).
template <typename Parse>
auto ReadEnum(const soci::row& row, std::size_t index, Parse parse, const char* column)
    -> decltype(parse(std::string())) {
  const std::string text = GetText(row, index);
  auto parsed = parse(text);
  if (!parsed.ok()) {
    return Internal(std::string(column) + " holds '" + text + "', which is not a known value");
  }
  return parsed;
}

// How a scope condition is written: kRow for a query that reads a few rows by
// id (a correlated EXISTS per row), kSet for one that scans, pages or counts
// (an `id IN (...)` list computed once). Both select the same rows.
enum class ScopeShape { kRow, kSet };

// The WHERE-clause condition that limits `alias` rows of `kind` to what
// `actor` may see. Never empty: "1=1" for reference data or a global actor,
// "1=0" for an actor with no affiliation.
std::string ScopePredicate(const RecordKind& kind, const Actor& actor, Params& params,
                           const std::string& alias, ScopeShape shape = ScopeShape::kRow);

// A SELECT of one column, the ids of the children living inside (placement
// inside_with_mother) that `actor` sees: among them, the same children as
// ScopePredicate(ChildKind(), actor, ...) selects, archived ones included
// (the caller keeps to its own). For a facility's officer each side of her
// scope is limited to the children inside before the two are joined (issue
// 14: the set of every child in her scope, 3,200 for the largest prison, made
// the query fetch each of them to test its placement; about 200 live inside).
std::string ChildrenInsideScopeIds(const Actor& actor, Params& params);

// Escapes %, _ and \ for LIKE ... ESCAPE '\'.
std::string EscapeLike(const std::string& text);

}  // namespace vinculo::store_internal
