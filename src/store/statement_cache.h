// StatementCache: prepared statements kept per pooled connection for the hot
// reads, so that reading a child does not parse its SQL again each time
// (SOCI 4.0 prepares every query anew; that was an eighth of the server's
// time under load, see docs/benchmarks.md).
//
// A statement is prepared once per connection and SQL text, with integer
// parameters bound by name, and executed again with new values. Not
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

class StatementCache {
 public:
  using NamedIntegers = std::vector<std::pair<std::string, long long>>;

  // Runs `sql` (a SELECT) with `parameters` bound by name and calls `on_row`
  // for each row. Throws what SOCI throws; a statement that threw is dropped.
  void Query(soci::session& session, const std::string& sql, const NamedIntegers& parameters,
             const std::function<void(const soci::row&)>& on_row);
  // Forgets every statement (before the connection is opened again).
  void Clear() { entries_.clear(); }

 private:
  struct Entry {
    std::vector<std::string> names;
    std::vector<long long> values;  // bound by reference into `statement`
    soci::row row;
    std::unique_ptr<soci::statement> statement;
  };
  // Distinct hot queries are few (kind x scope shape); past this the cache is
  // cleared rather than grown.
  static constexpr size_t kMaxEntries = 256;
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace vinculo::store_internal
