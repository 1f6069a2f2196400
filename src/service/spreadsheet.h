// Tables that leave Vínculo for spreadsheets (issue 18): the list exports (the records of a kind,
// the workshop figures) are built once as a Sheet and written either as CSV in the dialect the
// reader's spreadsheet wants (common/csv.h) or as XLSX (libxlsxwriter), so that every list export
// has both and the two always carry the same cells.
//
// Text cells are guarded against formula injection in CSV (GuardFormula); XLSX needs no guard,
// since a cell written as a string is never evaluated. Number cells stay numbers in both: the
// dialect's decimal mark in CSV, a numeric cell in XLSX. Pure functions apart from XLSX's private
// temporary file (libxlsxwriter writes only to files); thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv.h"
#include "common/status.h"

typedef struct lxw_workbook lxw_workbook;

namespace vinculo {

// How a column's cells are written: free text (guarded in CSV), a number (text with a decimal
// point, "" for none), or anything else written as it is (ids, dates, booleans, closed lists).
enum class ColumnType { kText, kNumber, kPlain };

struct SheetColumn {
  std::string name;
  ColumnType type = ColumnType::kPlain;
};

struct Sheet {
  std::string name;  // the worksheet's name in XLSX (cut to 31 characters)
  std::vector<SheetColumn> columns;
  // Each row has columns.size() cells; "" is an empty cell.
  std::vector<std::vector<std::string>> rows;
};

enum class SheetFormat { kCsv, kXlsx };

// "csv" or "xlsx"; kInvalidArgument naming field "format" otherwise.
Result<SheetFormat> SheetFormatNamed(std::string_view name);

// The media type and the file name's extension of a format.
const char* SheetMediaType(SheetFormat format);
const char* SheetExtension(SheetFormat format);

// The sheet as CSV: the header (column names), then the rows, in `dialect`.
std::string SheetToCsv(const Sheet& sheet, const CsvDialect& dialect);

// The sheet as an XLSX workbook of one worksheet: a bold, frozen header row, numbers as numeric
// cells, rows written in constant memory. kInternal if libxlsxwriter fails.
Result<std::string> SheetToXlsx(const Sheet& sheet);

// The sheet in `format` (CSV in `dialect`).
Result<std::string> SheetBytes(const Sheet& sheet, SheetFormat format, const CsvDialect& dialect);

// Runs `fill` on a new workbook kept in a private temporary file and returns the file's bytes; the
// file is removed however it ends. `constant_memory` writes rows as they come (each row once, in
// order). For the reports' workbooks (service/report_files.cc) as well as SheetToXlsx.
Result<std::string> WriteXlsxWorkbook(bool constant_memory,
                                      const std::function<Status(lxw_workbook*)>& fill);

// Guards a free-text cell for a CSV opened by a spreadsheet: text that a spreadsheet would read as
// a formula ("=x", "+x", "-x", "@x", a leading tab or CR) gets a leading apostrophe, and text that
// already has that guarded shape ("'=x") gets one more, so that UnguardFormula undoes it exactly.
// Other text ("O'Higgins") is unchanged.
std::string GuardFormula(std::string_view text);
// The inverse of GuardFormula, for cells being imported.
std::string_view UnguardFormula(std::string_view cell);

}  // namespace vinculo
