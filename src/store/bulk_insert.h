// Bulk loading (issue 14, `vinculo generate`): many rows of one table in one
// statement's worth of round trips, inside the caller's Write transaction.
//
// A BulkTable is columns of equal length, each a vector of whole numbers,
// decimals or texts with an optional null mask. SQLite binds the vectors to
// one prepared INSERT (SOCI bulk use, the statement stepped per row in C);
// PostgreSQL sends chunks of rows as arrays to one prepared
// INSERT ... SELECT FROM unnest(...), so a chunk of 5,000 rows is one round
// trip instead of 5,000. Ids are given by the caller (NextIds), so rows can
// refer to each other before they are written; AfterExplicitIds moves
// PostgreSQL's identity sequences past them.
//
// Only tables of the schema are accepted (a name the migrations created);
// columns are checked by the database itself.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "store/store.h"

namespace vinculo {

struct BulkColumn {
  std::string name;
  std::variant<std::vector<long long>, std::vector<double>, std::vector<std::string>> values;
  // Empty: no nulls; otherwise one flag per row, true where the value is null.
  std::vector<bool> nulls;
  std::size_t size() const {
    return std::visit([](const auto& column) { return column.size(); }, values);
  }
};

struct BulkTable {
  std::string table;
  std::vector<BulkColumn> columns;
};

// Inserts every row; kInvalidArgument when the columns differ in length or
// the table is not one of the schema's; driver errors as Status (a unique
// key: kConflict), after which the caller's transaction rolls back.
Status BulkInsert(Txn& txn, const BulkTable& rows);

// The first id free in `table` (its largest id + 1, or 1 when empty).
Result<long long> NextId(Txn& txn, const std::string& table);

// Readies the borrowed connection for a large load: SQLite keeps up to
// 256 MiB of pages in memory (its default, 2 MiB, made every index insert
// of a 250,000-row table read and write pages through the OS). The setting
// lasts as long as the connection; PostgreSQL needs nothing.
Status PrepareBulkLoad(Txn& txn);

// Appends to the audit log's hash chain as Txn::AppendAudit does (the same
// chain_seq and chain_hash, store/audit_chain.cc), written with BulkInsert:
// for a history of hundreds of thousands of events, where AppendAudit's one
// round trip per event took PostgreSQL 100 s for 560,000.
Status AppendAuditInBulk(Txn& txn, const std::vector<AuditEvent>& events);

// PostgreSQL: moves `table`'s identity sequence past its largest id, after
// rows were inserted with explicit ids. SQLite needs nothing (it takes the
// largest rowid + 1).
Status AfterExplicitIds(Txn& txn, const std::string& table);

}  // namespace vinculo
