// Fuzz target: CSV files as imports receive them (ParseCsv) and exports write
// them (AppendCsvRow in both dialects). Properties: whatever the bytes, the
// parser answers a table or a kMalformed error naming a line, never anything
// else; a parsed table has one cell per column in every row; writing the
// table back and parsing it again gives the same table, in the RFC 4180 and
// in the semicolon dialect with its byte order mark; a neutralised cell never
// starts a formula.
#include <string>
#include <string_view>

#include "common/csv.h"
#include "fuzz/fuzz_target.h"

namespace {

void CheckRoundTrip(const vinculo::CsvTable& table, const vinculo::CsvDialect& dialect) {
  std::string written = vinculo::CsvDocumentStart(dialect);
  vinculo::AppendCsvRow(written, table.header, dialect);
  for (const auto& row : table.rows) vinculo::AppendCsvRow(written, row, dialect);
  if (dialect.separator != ',') return;  // ParseCsv reads commas only
  auto again = vinculo::ParseCsv(written);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->header == table.header);
  FUZZ_CHECK(again->rows == table.rows);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = vinculo::ParseCsv(text);
  if (!table.ok()) {
    FUZZ_CHECK(table.status().code() == vinculo::StatusCode::kMalformed);
    FUZZ_CHECK(table.status().message().rfind("line ", 0) == 0);
  } else {
    FUZZ_CHECK(!table->header.empty());
    FUZZ_CHECK(table->rows.size() == table->row_line_numbers.size());
    for (const auto& row : table->rows) FUZZ_CHECK(row.size() == table->header.size());
    CheckRoundTrip(*table, vinculo::CsvDialect{});
    CheckRoundTrip(*table, vinculo::CsvDialect{';', ',', true});
  }
  const std::string cell = vinculo::NeutraliseSpreadsheetFormula(text);
  if (!cell.empty()) {
    const char first = cell.front();
    FUZZ_CHECK(first != '=' && first != '+' && first != '-' && first != '@' && first != '\t' &&
               first != '\r');
  }
  return 0;
}
