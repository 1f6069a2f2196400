#include "store/bulk_insert.h"

#include <soci/soci.h>

#include <algorithm>
#include <cstdio>

#include "store/sql_util.h"

namespace vinculo {
namespace {

// Rows per statement execution: SQLite steps its prepared INSERT per row
// anyway; PostgreSQL gets this many rows per round trip.
constexpr std::size_t kChunkRows = 5000;

bool IsIdentifier(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Status CheckShape(const BulkTable& rows) {
  if (!IsIdentifier(rows.table)) return InvalidArgument("table", "not a table name");
  if (rows.columns.empty()) return InvalidArgument("columns", "no columns");
  const std::size_t count = rows.columns.front().size();
  for (const BulkColumn& column : rows.columns) {
    if (!IsIdentifier(column.name)) return InvalidArgument("columns", "not a column name");
    if (column.size() != count || (!column.nulls.empty() && column.nulls.size() != count)) {
      return InvalidArgument(column.name, "column of another length than the first");
    }
  }
  return Status::Ok();
}

// SQLite: one prepared INSERT bound to vectors of each chunk.
struct SqliteChunk {
  std::vector<std::vector<long long>> integers;
  std::vector<std::vector<double>> decimals;
  std::vector<std::vector<std::string>> texts;
  std::vector<std::vector<soci::indicator>> indicators;
};

void InsertSqlite(soci::session& sql, const BulkTable& rows, const std::string& insert) {
  const std::size_t count = rows.columns.front().size();
  for (std::size_t begin = 0; begin < count; begin += kChunkRows) {
    const std::size_t end = std::min(count, begin + kChunkRows);
    SqliteChunk chunk;
    // Reserved first so the references soci keeps stay valid.
    chunk.integers.reserve(rows.columns.size());
    chunk.decimals.reserve(rows.columns.size());
    chunk.texts.reserve(rows.columns.size());
    chunk.indicators.reserve(rows.columns.size());
    soci::statement statement(sql);
    for (const BulkColumn& column : rows.columns) {
      std::vector<soci::indicator>& flags = chunk.indicators.emplace_back(end - begin, soci::i_ok);
      if (!column.nulls.empty()) {
        for (std::size_t row = begin; row < end; ++row) {
          if (column.nulls[row]) flags[row - begin] = soci::i_null;
        }
      }
      if (const auto* integers = std::get_if<std::vector<long long>>(&column.values)) {
        auto& values =
            chunk.integers.emplace_back(integers->begin() + begin, integers->begin() + end);
        statement.exchange(soci::use(values, flags));
      } else if (const auto* decimals = std::get_if<std::vector<double>>(&column.values)) {
        auto& values =
            chunk.decimals.emplace_back(decimals->begin() + begin, decimals->begin() + end);
        statement.exchange(soci::use(values, flags));
      } else {
        const auto& texts = std::get<std::vector<std::string>>(column.values);
        auto& values = chunk.texts.emplace_back(texts.begin() + begin, texts.begin() + end);
        statement.exchange(soci::use(values, flags));
      }
    }
    statement.alloc();
    statement.prepare(insert);
    statement.define_and_bind();
    statement.execute(true);
  }
}

// PostgreSQL array literals: {1,2,NULL}, {"a","b \"c\"",NULL}.
void AppendElement(std::string& out, const BulkColumn& column, std::size_t row) {
  if (!column.nulls.empty() && column.nulls[row]) {
    out += "NULL";
    return;
  }
  if (const auto* integers = std::get_if<std::vector<long long>>(&column.values)) {
    out += std::to_string((*integers)[row]);
  } else if (const auto* decimals = std::get_if<std::vector<double>>(&column.values)) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", (*decimals)[row]);
    out += text;
  } else {
    out += '"';
    for (char c : std::get<std::vector<std::string>>(column.values)[row]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
}

const char* ArrayType(const BulkColumn& column) {
  if (std::holds_alternative<std::vector<long long>>(column.values)) return "bigint[]";
  if (std::holds_alternative<std::vector<double>>(column.values)) return "double precision[]";
  return "text[]";
}

void InsertPostgres(soci::session& sql, const BulkTable& rows, const std::string& columns) {
  std::string select;
  for (std::size_t index = 0; index < rows.columns.size(); ++index) {
    select += (index ? ", " : "") + std::string("CAST(:a") + std::to_string(index) + " AS " +
              ArrayType(rows.columns[index]) + ")";
  }
  const std::string insert =
      "INSERT INTO " + rows.table + " (" + columns + ") SELECT * FROM unnest(" + select + ")";
  std::vector<std::string> arrays(rows.columns.size());
  soci::statement statement(sql);
  for (std::string& array : arrays) statement.exchange(soci::use(array));
  statement.alloc();
  statement.prepare(insert);
  statement.define_and_bind();
  const std::size_t count = rows.columns.front().size();
  for (std::size_t begin = 0; begin < count; begin += kChunkRows) {
    const std::size_t end = std::min(count, begin + kChunkRows);
    for (std::size_t index = 0; index < rows.columns.size(); ++index) {
      std::string& array = arrays[index];
      array.clear();
      array += '{';
      for (std::size_t row = begin; row < end; ++row) {
        if (row != begin) array += ',';
        AppendElement(array, rows.columns[index], row);
      }
      array += '}';
    }
    statement.execute(true);
  }
}

}  // namespace

Status BulkInsert(Txn& txn, const BulkTable& rows) {
  VINCULO_RETURN_IF_ERROR(CheckShape(rows));
  if (rows.columns.front().size() == 0) return Status::Ok();
  std::string columns;
  std::string placeholders;
  for (std::size_t index = 0; index < rows.columns.size(); ++index) {
    columns += (index ? ", " : "") + rows.columns[index].name;
    placeholders += (index ? ", :" : ":") + rows.columns[index].name;
  }
  try {
    if (txn.engine() == Engine::kSqlite) {
      InsertSqlite(
          txn.session(), rows,
          "INSERT INTO " + rows.table + " (" + columns + ") VALUES (" + placeholders + ")");
    } else {
      InsertPostgres(txn.session(), rows, columns);
    }
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "loading " + rows.table);
  }
}

Result<long long> NextId(Txn& txn, const std::string& table) {
  if (!IsIdentifier(table)) return InvalidArgument("table", "not a table name");
  try {
    long long largest = 0;
    soci::indicator indicator = soci::i_ok;
    txn.session() << "SELECT MAX(id) FROM " + table, soci::into(largest, indicator);
    return indicator == soci::i_null ? 1 : largest + 1;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading the ids of " + table);
  }
}

Status PrepareBulkLoad(Txn& txn) {
  if (txn.engine() != Engine::kSqlite) return Status::Ok();
  return txn.Execute("PRAGMA cache_size = -262144");
}

Status AfterExplicitIds(Txn& txn, const std::string& table) {
  if (!IsIdentifier(table)) return InvalidArgument("table", "not a table name");
  if (txn.engine() == Engine::kSqlite) return Status::Ok();
  return txn.Execute("SELECT setval(pg_get_serial_sequence('" + table +
                     "', 'id'), COALESCE((SELECT MAX(id) FROM " + table + "), 0) + 1, false)");
}

}  // namespace vinculo
