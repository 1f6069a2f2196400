// StatementCache: prepared statements kept per pooled connection, so that a
// request does not parse its SQL again each time (SOCI 4.0 prepares every
// query anew: an eighth of the server's time reading a child, a quarter of a
// visit record's write, see docs/benchmarks.md).
//
// A statement is prepared once per connection, SQL text and parameter types,
// with its parameters bound by name, and executed again with new values. Not
// thread-safe: a cache belongs to one pooled connection and is only used by
// the thread that has leased it. Internal to src/store.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vinculo::store_internal {

class Params;

class StatementCache {
 public:
  // Runs `sql` (a SELECT, or a write with RETURNING) with `params` bound as
  // they were added, and calls `on_row` for each row. Throws what SOCI throws;
  // a statement that threw is dropped.
  void Query(soci::session& session, const std::string& sql, const Params& params,
             const std::function<void(const soci::row&)>& on_row);
  // Runs a statement that returns no rows; the number of rows it changed.
  long long Execute(soci::session& session, const std::string& sql, const Params& params);
  // A statement whose parameters may be text, whole or real numbers, or NULL
  // (bound as a text NULL: both engines take it for any column).
  struct Slot {
    char type = 'n';  // 'i' whole (and flags), 'd' real, 's' text, 'n' NULL
    long long whole = 0;
    double real = 0;
    std::string text;
    soci::indicator indicator = soci::i_ok;
  };
  struct Prepared {
    std::string key;
    std::vector<std::string> names;
    std::vector<Slot> slots;  // never resized once bound: bound by reference
    soci::row row;
    std::unique_ptr<soci::statement> statement;
  };
  // The statement for `sql` with `params`' types (and rows into `row` when
  // `rows`), prepared on first use, its slots holding `params`' values. For a
  // statement run once per row of a batch: the caller sets the slots (same
  // types) and executes it again; one that threw is given to Forget.
  Prepared& Keep(soci::session& session, const std::string& sql, const Params& params, bool rows);
  void Forget(const Prepared& prepared) {
    const std::string key = prepared.key;  // not the erased entry's own
    kept_.erase(key);
  }
  // Whether a statement with `params` is worth keeping: not one whose SQL
  // grows with a list of ids (its text would differ at every call).
  static bool Keeps(const Params& params);
  // How many statements are kept (for tests).
  size_t size() const { return kept_.size(); }
  // Forgets every statement (before the connection is opened again).
  void Clear() { kept_.clear(); }

 private:
  // Distinct hot queries are few (kind x scope shape); past this the cache is
  // cleared rather than grown.
  static constexpr size_t kMaxEntries = 256;
  std::unordered_map<std::string, std::unique_ptr<Prepared>> kept_;
};

}  // namespace vinculo::store_internal
