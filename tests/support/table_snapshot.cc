#include "support/table_snapshot.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <ctime>
#include <sstream>
#include <vector>

namespace vinculo::testing {
namespace {

// One column of a row as text, whatever its type on either engine.
std::string CellText(const soci::row& row, size_t column) {
  if (row.get_indicator(column) == soci::i_null) return "NULL";
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_string:
      return row.get<std::string>(column);
    case soci::dt_integer:
      return std::to_string(row.get<int>(column));
    case soci::dt_long_long:
      return std::to_string(row.get<long long>(column));
    case soci::dt_unsigned_long_long:
      return std::to_string(row.get<unsigned long long>(column));
    case soci::dt_double:
      return std::to_string(row.get<double>(column));
    case soci::dt_date: {
      const std::tm when = row.get<std::tm>(column);
      char text[32];
      std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &when);
      return text;
    }
    default:
      return "?";
  }
}

}  // namespace

std::string EveryRow(Store& store) {
  std::string all;
  const Status read = store.Read([&](Txn& txn) -> Status {
    soci::session& sql = txn.session();
    std::vector<std::string> tables;
    const bool postgres = store.engine() == Engine::kPostgres;
    soci::rowset<std::string> names =
        (sql.prepare << (postgres ? "SELECT table_name FROM information_schema.tables WHERE "
                                    "table_schema = current_schema() ORDER BY 1"
                                  : "SELECT name FROM sqlite_master WHERE type = 'table' "
                                    "ORDER BY 1"));
    for (const std::string& name : names) tables.push_back(name);
    for (const std::string& table : tables) {
      if (table.rfind("sqlite_", 0) == 0 || table.rfind("audit_", 0) == 0 || table == "sessions") {
        continue;
      }
      std::vector<std::string> rows;
      soci::rowset<soci::row> rowset = (sql.prepare << "SELECT * FROM " + table);
      for (const soci::row& row : rowset) {
        std::string line;
        for (size_t column = 0; column < row.size(); ++column) {
          line += CellText(row, column) + "|";
        }
        rows.push_back(std::move(line));
      }
      std::sort(rows.begin(), rows.end());
      all += "== " + table + "\n";
      for (const std::string& line : rows) all += line + "\n";
    }
    return Status::Ok();
  });
  EXPECT_TRUE(read.ok()) << read.ToString();
  return all;
}

std::string FirstDifference(const std::string& before, const std::string& after) {
  std::istringstream old_rows(before);
  std::istringstream new_rows(after);
  std::string table;
  std::string old_row;
  std::string new_row;
  while (std::getline(old_rows, old_row)) {
    if (!std::getline(new_rows, new_row)) new_row = "(none)";
    if (old_row != new_row) return table + ": «" + old_row + "» became «" + new_row + "»";
    if (old_row.rfind("== ", 0) == 0) table = old_row.substr(3);
  }
  std::getline(new_rows, new_row);
  return table + ": «" + new_row + "» added";
}

}  // namespace vinculo::testing
