// Reads what Vínculo writes for spreadsheets with other people's software
// (issue 18): an XLSX workbook through LibreOffice's headless conversion, so
// that a test checks the file a coordinator's spreadsheet opens, not our own
// writer's idea of it.
#pragma once

#include <string>

namespace vinculo::testing {

// The first worksheet of `xlsx_bytes` as LibreOffice converts it to CSV
// (UTF-8, comma-separated, '"' quotes), with a LibreOffice profile of its own
// so that runs in parallel do not share a lock. Empty if the conversion fails
// (`error` then holds LibreOffice's output).
std::string XlsxFirstSheetAsCsv(const std::string& xlsx_bytes, std::string* error = nullptr);

}  // namespace vinculo::testing
