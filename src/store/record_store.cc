// Generic create/read/update/list/archive for every RecordKind, with the SQL
// built from the kind's descriptor. Column names come only from descriptors,
// never from input, so nothing a user sends is spliced into SQL.
#include <soci/soci.h>

#include <algorithm>
#include <unordered_map>

#include "common/text_fold.h"
#include "store/sql_util.h"
#include "store/statement_cache.h"
#include "store/store.h"

namespace vinculo {
using store_internal::Params;

namespace {

constexpr int kSystemColumns = 5;  // id, version, archived, created_at, updated_at

// The column list of `kind` under the table alias `t`. Built once per kind
// and thread (a record read runs on every request; building the list was 4 %
// of a child read's instructions).
const std::string& SelectColumns(const RecordKind& kind) {
  thread_local std::unordered_map<const RecordKind*, std::string> columns_of;
  auto [entry, inserted] = columns_of.try_emplace(&kind);
  if (inserted) {
    std::string& columns = entry->second;
    columns = "t.id, t.version, t.archived, t.created_at, t.updated_at";
    for (const FieldSpec& spec : kind.fields) columns += ", t." + std::string(spec.name);
  }
  return entry->second;
}

// The indexes of `kind`'s fields in name order, built once per kind and
// thread like the column list: a record's values are a std::map, and filling
// it in key order lets every insertion go straight to the end.
const std::vector<std::size_t>& FieldsByName(const RecordKind& kind) {
  thread_local std::unordered_map<const RecordKind*, std::vector<std::size_t>> order_of;
  auto [entry, inserted] = order_of.try_emplace(&kind);
  if (inserted) {
    std::vector<std::size_t>& order = entry->second;
    for (std::size_t field_idx = 0; field_idx < kind.fields.size(); ++field_idx) {
      order.push_back(field_idx);
    }
    std::sort(order.begin(), order.end(), [&kind](std::size_t a, std::size_t b) {
      return kind.fields[a].name < kind.fields[b].name;
    });
  }
  return entry->second;
}

Value ReadValue(const FieldSpec& spec, const soci::row& row, std::size_t index) {
  if (row.get_indicator(index) == soci::i_null) return Value{};
  switch (spec.type) {
    case FieldType::kText:
    case FieldType::kEnum:
    case FieldType::kDate:
      return Value{store_internal::GetText(row, index)};
    case FieldType::kInteger:
    case FieldType::kReference:
      return Value{store_internal::GetInteger(row, index)};
    case FieldType::kNumber:
      return Value{store_internal::GetDouble(row, index)};
    case FieldType::kBoolean:
      return Value{store_internal::GetInteger(row, index) != 0};
  }
  return Value{};
}

Record ReadRecord(const RecordKind& kind, const soci::row& row) {
  Record record;
  record.id = store_internal::GetInteger(row, 0);
  record.version = store_internal::GetInteger(row, 1);
  record.archived = store_internal::GetInteger(row, 2) != 0;
  record.created_at = store_internal::GetText(row, 3);
  record.updated_at = store_internal::GetText(row, 4);
  for (std::size_t field_idx : FieldsByName(kind)) {
    const FieldSpec& spec = kind.fields[field_idx];
    record.values.emplace_hint(record.values.end(), spec.name,
                               ReadValue(spec, row, kSystemColumns + field_idx));
  }
  return record;
}

std::vector<Record> QueryRecords(soci::session& sql, const RecordKind& kind,
                                 const std::string& query, Params& params) {
  std::vector<Record> records;
  if (params.empty()) {
    soci::rowset<soci::row> rows = (sql.prepare << query);
    for (const soci::row& row : rows) records.push_back(ReadRecord(kind, row));
  } else {
    soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(params.values()));
    for (const soci::row& row : rows) records.push_back(ReadRecord(kind, row));
  }
  return records;
}

std::string Table(const RecordKind& kind) { return std::string(kind.name); }

}  // namespace

Result<Record> Txn::Insert(const RecordKind& kind, const FieldValues& values,
                           const std::string& now) {
  try {
    Params params;
    std::string columns = "version, archived, created_at, updated_at";
    std::string placeholders = "1, 0, " + params.Add(now) + ", " + params.Add(now);
    for (const FieldSpec& spec : kind.fields) {
      auto it = values.find(spec.name);
      if (it == values.end() || IsNull(it->second)) continue;
      columns += ", " + std::string(spec.name);
      placeholders += ", " + params.Add(it->second);
    }
    if (kind.Searchable()) {
      columns += ", search_text";
      placeholders += ", " + params.Add(Value{SearchText(kind, values)});
    }
    const std::string query = "INSERT INTO " + Table(kind) + " (" + columns + ") VALUES (" +
                              placeholders + ") RETURNING id";
    long long id = 0;
    sql_ << query, soci::use(params.values()), soci::into(id);
    return Get(kind, id, Actor::System());
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "creating a " + std::string(kind.singular));
  }
}

Result<Record> Txn::Get(const RecordKind& kind, long long id, const Actor& actor) {
  try {
    Params params;
    const std::string query = "SELECT " + SelectColumns(kind) + " FROM " + Table(kind) +
                              " t WHERE t.id = " + params.AddInteger(id) + " AND " +
                              store_internal::ScopePredicate(kind, actor, params, "t");
    std::vector<Record> records;
    // Reading one record is the hottest query: reuse its prepared statement.
    if (statements_) {
      statements_->Query(sql_, query, params,
                         [&](const soci::row& row) { records.push_back(ReadRecord(kind, row)); });
    } else {
      records = QueryRecords(sql_, kind, query, params);
    }
    if (records.empty()) {
      return NotFound("no " + std::string(kind.singular) + " with id " + std::to_string(id));
    }
    return std::move(records.front());
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a " + std::string(kind.singular));
  }
}

Result<bool> Txn::Visible(const RecordKind& kind, long long id, const Actor& actor) {
  try {
    Params params;
    const std::string query = "SELECT COUNT(*) FROM " + Table(kind) +
                              " t WHERE t.id = " + params.AddInteger(id) + " AND " +
                              store_internal::ScopePredicate(kind, actor, params, "t");
    long long count = 0;
    sql_ << query, soci::use(params.values()), soci::into(count);
    return count > 0;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "checking a " + std::string(kind.singular));
  }
}

Result<Page> Txn::List(const RecordKind& kind, const ListQuery& query, const Actor& actor) {
  try {
    Params params;
    std::string where =
        store_internal::ScopePredicate(kind, actor, params, "t", store_internal::ScopeShape::kSet);
    if (query.archived == ArchivedFilter::kActive) where += " AND t.archived = 0";
    if (query.archived == ArchivedFilter::kArchived) where += " AND t.archived = 1";
    if (query.after_id > 0) where += " AND t.id > " + params.AddInteger(query.after_id);
    for (const auto& [name, value] : query.filters) {
      const FieldSpec* spec = kind.Field(name);
      if (!spec || !spec->filterable) {
        return InvalidArgument(name, "is not a filter of " + std::string(kind.name));
      }
      if (IsNull(value)) {
        where += " AND t." + std::string(spec->name) + " IS NULL";
      } else {
        where += " AND t." + std::string(spec->name) + " = " + params.Add(value);
      }
    }
    if (!query.search.empty()) {
      if (!kind.Searchable()) {
        return InvalidArgument("q", "cannot search " + std::string(kind.name));
      }
      // Every word, folded as the stored text was (common/text_fold.h), begins
      // a word of the record's search text (domain SearchText).
      for (const std::string& word : SearchWords(query.search)) {
        where += " AND t.search_text LIKE " +
                 params.Add(Value{"% " + store_internal::EscapeLike(word) + "%"}) + " ESCAPE '\\'";
      }
    }
    const int limit = query.limit;
    // One extra row tells whether there is a next page.
    const std::string sql = "SELECT " + SelectColumns(kind) + " FROM " + Table(kind) + " t WHERE " +
                            where + " ORDER BY t.id LIMIT " + std::to_string(limit + 1);
    Page page;
    page.items = QueryRecords(sql_, kind, sql, params);
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.resize(static_cast<std::size_t>(limit));
      page.next_after_id = page.items.back().id;
    }
    return page;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "listing " + std::string(kind.name));
  }
}

Result<Record> Txn::Update(const RecordKind& kind, long long id, long long expected_version,
                           const FieldValues& changes, const std::string& now) {
  try {
    Params params;
    std::string assignments = "version = version + 1, updated_at = " + params.Add(now);
    for (const auto& [name, value] : changes) {
      const FieldSpec* spec = kind.Field(name);
      if (!spec) return InvalidArgument(name, "is not a field of a " + std::string(kind.singular));
      assignments += ", " + std::string(spec->name) + " = " + params.Add(value);
    }
    const std::string query = "UPDATE " + Table(kind) + " SET " + assignments +
                              " WHERE id = " + params.AddInteger(id) +
                              " AND version = " + params.AddInteger(expected_version);
    if (store_internal::ExecuteWith(*this, query, params) == 0) {
      auto current = Get(kind, id, Actor::System());
      if (!current.ok()) return current.status();
      return Status(
          StatusCode::kPreconditionFailed,
          "the " + std::string(kind.singular) + " was changed by someone else (now version " +
              std::to_string(current->version) + "); reload it and apply your change again");
    }
    VINCULO_ASSIGN_OR_RETURN(Record updated, Get(kind, id, Actor::System()));
    const bool words_changed = std::any_of(changes.begin(), changes.end(), [&](const auto& change) {
      const FieldSpec* spec = kind.Field(change.first);
      return spec && spec->searchable;
    });
    if (words_changed) {
      Params text;
      store_internal::ExecuteWith(*this,
                                  "UPDATE " + Table(kind) + " SET search_text = " +
                                      text.Add(Value{SearchText(kind, updated.values)}) +
                                      " WHERE id = " + text.AddInteger(id),
                                  text);
    }
    return updated;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "updating a " + std::string(kind.singular));
  }
}

Result<Record> Txn::SetArchived(const RecordKind& kind, long long id, long long expected_version,
                                bool archived, const std::string& now) {
  try {
    Params params;
    const std::string query =
        "UPDATE " + Table(kind) +
        " SET version = version + 1, archived = " + params.AddInteger(archived ? 1 : 0) +
        ", updated_at = " + params.Add(now) + " WHERE id = " + params.AddInteger(id) +
        " AND version = " + params.AddInteger(expected_version);
    if (store_internal::ExecuteWith(*this, query, params) == 0) {
      auto current = Get(kind, id, Actor::System());
      if (!current.ok()) return current.status();
      return Status(StatusCode::kPreconditionFailed,
                    "the " + std::string(kind.singular) +
                        " was changed by someone else (now version " +
                        std::to_string(current->version) + ")");
    }
    return Get(kind, id, Actor::System());
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "archiving a " + std::string(kind.singular));
  }
}

Result<long long> Txn::Count(const RecordKind& kind, const Actor& actor) {
  try {
    Params params;
    const std::string query =
        "SELECT COUNT(*) FROM " + Table(kind) + " t WHERE t.archived = 0 AND " +
        store_internal::ScopePredicate(kind, actor, params, "t", store_internal::ScopeShape::kSet);
    long long count = 0;
    if (params.empty()) {
      sql_ << query, soci::into(count);
    } else {
      sql_ << query, soci::use(params.values()), soci::into(count);
    }
    return count;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "counting " + std::string(kind.name));
  }
}

Result<long long> Txn::FillMissingSearchText() {
  // Rows without search text, a chunk at a time (each chunk filled before the
  // next is read, so the same query moves on).
  constexpr int kChunk = 2000;
  long long filled = 0;
  try {
    for (const RecordKind* kind : AllRecordKinds()) {
      if (!kind->Searchable()) continue;
      std::vector<const FieldSpec*> searched;
      std::string columns = "id";
      for (const FieldSpec& spec : kind->fields) {
        if (!spec.searchable) continue;
        searched.push_back(&spec);
        columns += ", " + std::string(spec.name);
      }
      std::string text;
      long long id = 0;
      soci::statement update =
          (sql_.prepare << "UPDATE " + Table(*kind) + " SET search_text = :text WHERE id = :id",
           soci::use(text), soci::use(id));
      const std::string select = "SELECT " + columns + " FROM " + Table(*kind) +
                                 " WHERE search_text IS NULL ORDER BY id LIMIT " +
                                 std::to_string(kChunk);
      for (;;) {
        std::vector<std::pair<long long, std::string>> chunk;
        soci::rowset<soci::row> rows = (sql_.prepare << select);
        for (const soci::row& row : rows) {
          FieldValues values;
          for (std::size_t column = 0; column < searched.size(); ++column) {
            values.emplace(searched[column]->name, Value{store_internal::GetText(row, column + 1)});
          }
          chunk.emplace_back(store_internal::GetInteger(row, 0), SearchText(*kind, values));
        }
        for (auto& [row_id, row_text] : chunk) {
          id = row_id;
          text = std::move(row_text);
          update.execute(true);
        }
        filled += static_cast<long long>(chunk.size());
        if (static_cast<int>(chunk.size()) < kChunk) break;
      }
    }
    return filled;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "writing the search text of records");
  }
}

Result<std::vector<std::pair<std::string, long long>>> Txn::CountBy(const RecordKind& kind,
                                                                    std::string_view field,
                                                                    const Actor& actor) {
  const FieldSpec* spec = kind.Field(field);
  if (!spec || !spec->filterable) {
    return InvalidArgument(std::string(field), "cannot group " + std::string(kind.name) + " by it");
  }
  try {
    Params params;
    const std::string column = "t." + std::string(spec->name);
    const std::string query =
        "SELECT " + column + ", COUNT(*) FROM " + Table(kind) + " t WHERE t.archived = 0 AND " +
        store_internal::ScopePredicate(kind, actor, params, "t", store_internal::ScopeShape::kSet) +
        " GROUP BY " + column + " ORDER BY " + column;
    std::vector<std::pair<std::string, long long>> counts;
    auto collect = [&](soci::rowset<soci::row>& rows) {
      for (const soci::row& row : rows) {
        counts.emplace_back(store_internal::GetOptionalText(row, 0).value_or(""),
                            store_internal::GetInteger(row, 1));
      }
    };
    if (params.empty()) {
      soci::rowset<soci::row> rows = (sql_.prepare << query);
      collect(rows);
    } else {
      soci::rowset<soci::row> rows = (sql_.prepare << query, soci::use(params.values()));
      collect(rows);
    }
    return counts;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "counting " + std::string(kind.name));
  }
}

Result<std::vector<Record>> Txn::Siblings(long long child_id, const Actor& actor) {
  try {
    const RecordKind& kind = ChildKind();
    Params params;
    const std::string query =
        "SELECT " + SelectColumns(kind) + " FROM children t WHERE t.id <> " +
        params.AddInteger(child_id) +
        " AND t.archived = 0 AND EXISTS (SELECT 1 FROM parent_child_links mine JOIN "
        "parent_child_links theirs ON theirs.parent_id = mine.parent_id WHERE mine.child_id = " +
        params.AddInteger(child_id) +
        " AND theirs.child_id = t.id AND mine.archived = 0 AND theirs.archived = 0) AND " +
        store_internal::ScopePredicate(kind, actor, params, "t") + " ORDER BY t.id";
    return QueryRecords(sql_, kind, query, params);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading siblings");
  }
}

}  // namespace vinculo
