#include "service/spreadsheet.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace vinculo {
namespace {

// XLSX limits a worksheet's name to 31 characters.
constexpr size_t kWorksheetNameLength = 31;

// Whether a spreadsheet would read `text` as a formula (the characters are
// NeutraliseSpreadsheetFormula's, kept in one place).
bool StartsAsFormula(std::string_view text) {
  return !text.empty() && NeutraliseSpreadsheetFormula(text).size() != text.size();
}

// One or more apostrophes followed by what a spreadsheet reads as a formula: the shape of every
// guarded cell.
bool StartsAsGuardedFormula(std::string_view text) {
  const size_t first_other = text.find_first_not_of('\'');
  return first_other != 0 && first_other != std::string_view::npos &&
         StartsAsFormula(text.substr(first_other));
}

// The worksheet's name cut to 31 bytes without splitting a UTF-8 character.
std::string WorksheetName(const std::string& name) {
  if (name.size() <= kWorksheetNameLength) return name.empty() ? "Sheet1" : name;
  size_t end = kWorksheetNameLength;
  while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
  return name.substr(0, end);
}

}  // namespace

Result<SheetFormat> SheetFormatNamed(std::string_view name) {
  if (name == "csv") return SheetFormat::kCsv;
  if (name == "xlsx") return SheetFormat::kXlsx;
  return InvalidArgument("format", "must be csv or xlsx");
}

const char* SheetMediaType(SheetFormat format) {
  return format == SheetFormat::kXlsx
             ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
             : "text/csv; charset=utf-8";
}

const char* SheetExtension(SheetFormat format) {
  return format == SheetFormat::kXlsx ? "xlsx" : "csv";
}

std::string GuardFormula(std::string_view text) {
  if (!StartsAsGuardedFormula(text)) return NeutraliseSpreadsheetFormula(text);
  std::string guarded(1, '\'');
  guarded.append(text);
  return guarded;
}

std::string_view UnguardFormula(std::string_view cell) {
  return StartsAsGuardedFormula(cell) ? cell.substr(1) : cell;
}

std::string SheetToCsv(const Sheet& sheet, const CsvDialect& dialect) {
  std::string csv = CsvDocumentStart(dialect);
  std::vector<std::string> cells;
  cells.reserve(sheet.columns.size());
  for (const SheetColumn& column : sheet.columns) cells.push_back(column.name);
  AppendCsvRow(csv, cells, dialect);
  for (const std::vector<std::string>& row : sheet.rows) {
    cells.clear();
    for (size_t i = 0; i < row.size(); ++i) {
      switch (sheet.columns[i].type) {
        case ColumnType::kText:
          cells.push_back(GuardFormula(row[i]));
          break;
        case ColumnType::kNumber:
          cells.push_back(CsvDecimal(row[i], dialect));
          break;
        case ColumnType::kPlain:
          cells.push_back(row[i]);
          break;
      }
    }
    AppendCsvRow(csv, cells, dialect);
  }
  return csv;
}

Result<std::string> WriteXlsxWorkbook(bool constant_memory,
                                      const std::function<Status(lxw_workbook*)>& fill) {
  // libxlsxwriter 1.1.4 (Debian 12) writes only to a file: a private temporary one, read back
  // and removed.
  char path[] = "/tmp/vinculo-sheet-XXXXXX";
  const int descriptor = mkstemp(path);
  if (descriptor < 0) return Internal("could not create a temporary file for the spreadsheet");
  close(descriptor);
  struct Remove {
    const char* path;
    ~Remove() { std::remove(path); }
  } remove_later{path};

  lxw_workbook_options options = {};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  options.tmpdir = nullptr;
  lxw_workbook* workbook = workbook_new_opt(path, &options);
  if (!workbook) return Internal("libxlsxwriter could not start a workbook");
  Status filled = fill(workbook);
  // Closing frees the workbook whether or not filling went well.
  const lxw_error closed = workbook_close(workbook);
  if (!filled.ok()) return filled;
  if (closed != LXW_NO_ERROR) return Internal("libxlsxwriter could not write the spreadsheet");
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  if (!file) return Internal("could not read the spreadsheet back");
  return bytes.str();
}

Result<std::string> SheetToXlsx(const Sheet& sheet) {
  return WriteXlsxWorkbook(true, [&sheet](lxw_workbook* workbook) -> Status {
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook, WorksheetName(sheet.name).c_str());
    if (!worksheet) return Internal("libxlsxwriter could not add a worksheet");
    for (size_t column = 0; column < sheet.columns.size(); ++column) {
      worksheet_write_string(worksheet, 0, static_cast<lxw_col_t>(column),
                             sheet.columns[column].name.c_str(), bold);
    }
    worksheet_freeze_panes(worksheet, 1, 0);
    lxw_row_t row_number = 1;
    for (const std::vector<std::string>& row : sheet.rows) {
      for (size_t column = 0; column < row.size(); ++column) {
        const std::string& cell = row[column];
        if (cell.empty()) continue;
        const auto column_number = static_cast<lxw_col_t>(column);
        if (sheet.columns[column].type == ColumnType::kNumber) {
          char* end = nullptr;
          const double number = std::strtod(cell.c_str(), &end);
          if (end != cell.c_str() && *end == '\0') {
            worksheet_write_number(worksheet, row_number, column_number, number, nullptr);
            continue;
          }
        }
        worksheet_write_string(worksheet, row_number, column_number, cell.c_str(), nullptr);
      }
      ++row_number;
    }
    return Status::Ok();
  });
}

Result<std::string> SheetBytes(const Sheet& sheet, SheetFormat format, const CsvDialect& dialect) {
  if (format == SheetFormat::kXlsx) return SheetToXlsx(sheet);
  return SheetToCsv(sheet, dialect);
}

}  // namespace vinculo
