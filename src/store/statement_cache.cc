#include "store/statement_cache.h"

#include <variant>

#include "store/sql_util.h"

namespace vinculo::store_internal {

bool StatementCache::Keeps(const Params& params) {
  // A list of ids (InList) adds a parameter per id; a statement's own are fewer.
  constexpr size_t kMostParameters = 24;
  return params.bound().size() <= kMostParameters;
}

StatementCache::Prepared& StatementCache::Keep(soci::session& session, const std::string& sql,
                                               const Params& params, bool rows) {
  const auto& bound = params.bound();
  std::string types;
  types.reserve(bound.size());
  for (const auto& [name, value] : bound) {
    if (std::holds_alternative<long long>(value) || std::holds_alternative<bool>(value)) {
      types += 'i';
    } else if (std::holds_alternative<double>(value)) {
      types += 'd';
    } else if (std::holds_alternative<std::string>(value)) {
      types += 's';
    } else {
      types += 'n';
    }
  }
  std::string key;
  key.reserve(types.size() + 1 + sql.size());
  key.append(types).append(1, rows ? '\x1e' : '\x1f').append(sql);
  auto found = kept_.find(key);
  if (found == kept_.end()) {
    if (kept_.size() >= kMaxEntries) kept_.clear();
    auto entry = std::make_unique<Prepared>();
    entry->key = key;
    entry->slots.resize(bound.size());
    entry->statement = std::make_unique<soci::statement>(session);
    for (size_t param_idx = 0; param_idx < bound.size(); ++param_idx) {
      entry->names.push_back(bound[param_idx].first);
    }
    for (size_t param_idx = 0; param_idx < bound.size(); ++param_idx) {
      Slot& slot = entry->slots[param_idx];
      const std::string& name = entry->names[param_idx];
      slot.type = types[param_idx];
      switch (slot.type) {
        case 'i':
          entry->statement->exchange(soci::use(slot.whole, name));
          break;
        case 'd':
          entry->statement->exchange(soci::use(slot.real, name));
          break;
        case 's':
          entry->statement->exchange(soci::use(slot.text, name));
          break;
        default:
          slot.indicator = soci::i_null;
          entry->statement->exchange(soci::use(slot.text, slot.indicator, name));
      }
    }
    if (rows) entry->statement->exchange(soci::into(entry->row));
    entry->statement->alloc();
    entry->statement->prepare(sql);
    entry->statement->define_and_bind();
    found = kept_.emplace(key, std::move(entry)).first;
  }
  Prepared& entry = *found->second;
  for (size_t param_idx = 0; param_idx < bound.size(); ++param_idx) {
    Slot& slot = entry.slots[param_idx];
    const Value& value = bound[param_idx].second;
    switch (slot.type) {
      case 'i':
        if (const auto* flag = std::get_if<bool>(&value)) {
          slot.whole = *flag ? 1 : 0;
        } else {
          slot.whole = std::get<long long>(value);
        }
        break;
      case 'd':
        slot.real = std::get<double>(value);
        break;
      case 's':
        slot.text = std::get<std::string>(value);
        break;
      default:
        slot.indicator = soci::i_null;
    }
  }
  return entry;
}

void StatementCache::Query(soci::session& session, const std::string& sql, const Params& params,
                           const std::function<void(const soci::row&)>& on_row) {
  Prepared& entry = Keep(session, sql, params, /*rows=*/true);
  try {
    // Fetch to the end, so that SQLite finishes the statement (a write with
    // RETURNING is done only then) and ends its implicit read transaction.
    bool has_row = entry.statement->execute(true);
    while (has_row) {
      on_row(entry.row);
      has_row = entry.statement->fetch();
    }
  } catch (...) {
    Forget(entry);
    throw;
  }
}

long long StatementCache::Execute(soci::session& session, const std::string& sql,
                                  const Params& params) {
  Prepared& entry = Keep(session, sql, params, /*rows=*/false);
  try {
    entry.statement->execute(true);
    return entry.statement->get_affected_rows();
  } catch (...) {
    Forget(entry);
    throw;
  }
}

}  // namespace vinculo::store_internal
