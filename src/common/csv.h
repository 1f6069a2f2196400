// CSV reading and writing (RFC 4180, UTF-8) for imports and exports: rosters of children,
// caregivers and visits arrive and leave as spreadsheets. ParseCsv turns a whole document into a
// header plus rows and reports the first problem as a kMalformed Status naming the 1-based
// physical line; AppendCsvRow writes one record so that ParseCsv reads it back unchanged;
// CsvColumn and NeutraliseSpreadsheetFormula are small helpers for callers mapping columns and
// exporting to spreadsheets. All functions are pure (no I/O, no globals) and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace vinculo {

struct CsvTable {
  // Column names from the first non-empty line, byte-for-byte (not trimmed). Never empty,
  // no name is empty or blank, and no two names are equal.
  std::vector<std::string> header;
  // Data records in document order; each has exactly header.size() cells.
  std::vector<std::vector<std::string>> rows;
  // For rows[i], the 1-based physical line on which the record starts, counting every line of the
  // document (the header is line 1 unless empty lines precede it). A quoted cell spanning lines
  // makes the next row's number jump by more than one.
  std::vector<int> row_line_numbers;
};

// Parses a whole CSV document.
//
// Accepted: a UTF-8 byte order mark at the very start (dropped); line ends CRLF, LF or a lone CR;
// fields quoted with '"' in which '""' stands for one quote and commas and line breaks are data
// (kept byte-for-byte, including CRLF); a last line with or without a line end. Lines with no
// bytes at all are skipped, before or after the header; a line holding only spaces or commas is a
// record like any other.
//
// Rejected with StatusCode::kMalformed, the message starting "line N: " (N 1-based):
//   - a quoted field with no closing quote (N is the line where the field opens);
//   - a quote inside an unquoted field, including after leading spaces (`a"b`, ` "a"`);
//   - anything but a comma or line end after a closing quote (`"a"b`, `"a" `);
//   - a record whose cell count differs from the header's (N is the line the record starts on);
//   - a document without a header (empty, only a BOM, or only empty lines);
//   - a header with an empty or blank name, or with the same name twice;
//   - bytes that are not well-formed UTF-8 (overlong forms, surrogates and code points above
//     U+10FFFF included).
// The first problem in document order is reported.
Result<CsvTable> ParseCsv(std::string_view text);

// Appends one record to `out`, ending it with "\r\n". A cell is quoted, with its quotes doubled,
// only when it holds a comma, quote, CR or LF, starts or ends with a space or tab, or starts with a
// byte order mark; otherwise it is written bare. Bytes are copied unchanged (UTF-8 is kept).
// A record of a single empty cell is written as `""` so that it is not an empty line, which
// ParseCsv would skip. With no cells at all only "\r\n" is written.
void AppendCsvRow(std::string& out, const std::vector<std::string>& cells);

// How a CSV file is written for the spreadsheet that will open it. RFC 4180 (commas, decimal
// points) is what other programs read; a spreadsheet in a comma-decimal locale (Spanish, German,
// French, Portuguese...) opens a file by double-click with ';' as the separator and reads "1.5"
// as fifteen or a date, so it wants ';' and "1,5". Excel for Windows reads a file without a byte
// order mark as the system's ANSI code page ("Ángela" becomes "Ã\x81ngela"): the BOM tells it
// the file is UTF-8.
struct CsvDialect {
  char separator = ',';
  char decimal_mark = '.';
  bool byte_order_mark = false;
};

// The dialect named "rfc4180" (the default, also "comma") or "semicolon" (';' and decimal
// commas), with the BOM when `byte_order_mark`; kInvalidArgument naming field "separator" for any
// other name.
Result<CsvDialect> CsvDialectNamed(std::string_view name, bool byte_order_mark);

// The bytes a document starts with: the UTF-8 byte order mark or nothing.
std::string CsvDocumentStart(const CsvDialect& dialect);

// AppendCsvRow with the dialect's separator: a cell is quoted also when it holds that separator.
void AppendCsvRow(std::string& out, const std::vector<std::string>& cells,
                  const CsvDialect& dialect);

// A number as text ("-16.39", "1e-05") written with the dialect's decimal mark.
std::string CsvDecimal(std::string_view number, const CsvDialect& dialect);

// Returns the index of the header column named exactly `name` (byte comparison), or -1.
int CsvColumn(const CsvTable& table, std::string_view name);

// Guards against formula injection (CSV injection) when an exported file is opened in a
// spreadsheet: if `cell` starts with '=', '+', '-' or '@', or with a tab or CR (which some
// spreadsheets skip before reading a formula), returns it with a leading apostrophe, which makes
// spreadsheets take the cell as text (and is usually hidden); otherwise returns it unchanged.
// Apply it only to free-text cells: it would also turn a number such as "-5" into "'-5", so callers
// decide per column. Apply it before AppendCsvRow, never to data being imported.
std::string NeutraliseSpreadsheetFormula(std::string_view cell);

}  // namespace vinculo
