#include "store/statement_cache.h"

namespace vinculo::store_internal {

void StatementCache::Query(soci::session& session, const std::string& sql,
                           const NamedIntegers& parameters,
                           const std::function<void(const soci::row&)>& on_row) {
  auto found = entries_.find(sql);
  if (found == entries_.end()) {
    if (entries_.size() >= kMaxEntries) entries_.clear();
    auto entry = std::make_unique<Entry>();
    for (const auto& [name, value] : parameters) {
      entry->names.push_back(name);
      entry->values.push_back(value);
    }
    entry->statement = std::make_unique<soci::statement>(session);
    for (size_t param_idx = 0; param_idx < entry->names.size(); ++param_idx) {
      entry->statement->exchange(soci::use(entry->values[param_idx], entry->names[param_idx]));
    }
    entry->statement->exchange(soci::into(entry->row));
    entry->statement->alloc();
    entry->statement->prepare(sql);
    entry->statement->define_and_bind();
    found = entries_.emplace(sql, std::move(entry)).first;
  }
  Entry& entry = *found->second;
  if (parameters.size() != entry.names.size()) {
    entries_.erase(found);
    throw soci::soci_error("statement cache: parameter count changed for the same SQL");
  }
  for (size_t param_idx = 0; param_idx < parameters.size(); ++param_idx) {
    entry.values[param_idx] = parameters[param_idx].second;
  }
  try {
    // Fetch to the end, so that SQLite finishes the statement and ends its
    // implicit read transaction.
    bool has_row = entry.statement->execute(true);
    while (has_row) {
      on_row(entry.row);
      has_row = entry.statement->fetch();
    }
  } catch (...) {
    entries_.erase(sql);
    throw;
  }
}

}  // namespace vinculo::store_internal
