// CSV exchange of records: rosters of children, parents, staff and reference data leave Vínculo
// as spreadsheets (ExportCsv) and arrive from them (ImportCsv).
//
// Both directions go through RecordService, so roles, record scope, restricted fields and
// validation are exactly those of the API, and every child or parent an export reads is audited
// like any list. Columns are "id" and then the field names of the kind's descriptor
// (domain/record_kinds.cc); cells are the text forms of ValueToText / ValueFromText (dates
// YYYY-MM-DD, booleans true/false, an empty cell is null). A file exported with names imports
// back unchanged into another installation, apart from ids and pseudonyms, which the receiving
// database assigns.
//
// Free functions with no state of their own: thread-safe, as RecordService is.
#pragma once

#include <string>
#include <string_view>

#include "common/csv.h"
#include "service/record_service.h"
#include "service/spreadsheet.h"

namespace vinculo {

struct ExportOptions {
  // Children's names are replaced by their pseudonym by default in every export (the domain
  // brief: published stories change children's names). with_names = true exports real names,
  // and only for roles that may read case records (not auditors). Without it
  // the quasi-identifiers (date of birth, home address and coordinates,
  // school) and a parent's offence category are withheld too: their columns
  // are present and empty (issue 13).
  bool with_names = false;
  ArchivedFilter archived = ArchivedFilter::kActive;
  // Separator, decimal mark and byte order mark (common/csv.h); number cells take the dialect's
  // decimal mark. The default is RFC 4180 without a BOM, which ImportCsv reads back.
  CsvDialect dialect;
};

// Writes every record of `kind` that `actor` may see, in id order, as RFC 4180 CSV (UTF-8, no
// byte order mark, CRLF line ends). The header is "id" followed by the kind's field names in
// descriptor order; restricted fields (offence_category) appear only for roles that see them.
// For a kind with a pseudonym (children), unless options.with_names, the given_names and
// family_names columns are present but empty and the pseudonym column is filled. Text cells are
// guarded against spreadsheet formulas: a cell that a spreadsheet would read as a formula gets a
// leading apostrophe (see ImportCsv for how it comes off again). Records are read page by page,
// 500 at a time, so the database never returns the whole table at once.
//
// Errors: kForbidden if the role cannot read the kind, or asks for names without being allowed
// to read case records (field "with_names"); the store's status if a read fails.
Result<std::string> ExportCsv(RecordService& records, const Actor& actor, const RecordKind& kind,
                              const ExportOptions& options);

// The same records and columns as ExportCsv, as a Sheet (service/spreadsheet.h): cells unguarded,
// numbers with a decimal point; SheetToCsv and SheetToXlsx write them for their reader.
Result<Sheet> ExportSheet(RecordService& records, const Actor& actor, const RecordKind& kind,
                          const ExportOptions& options);

// ExportSheet written as `format`: CSV in options.dialect (exactly ExportCsv) or XLSX, in which
// numbers are numeric cells and text is never read as a formula. The list exports of the CLI
// (`vinculo export --format`) and of the API (GET /api/v1/{kind}/export).
Result<std::string> ExportRecords(RecordService& records, const Actor& actor,
                                  const RecordKind& kind, const ExportOptions& options,
                                  SheetFormat format);

struct ImportReport {
  int created = 0;
};

// Creates one record of `kind` per data row of `csv_text`, all in one transaction: every row is
// created or none is.
//
// The header names fields of the kind in any order, and need not name them all. An "id" column
// is ignored (the database assigns ids), and so are read-only columns such as pseudonym, so that
// an export imports back. An empty cell leaves the field absent, which lets the scope defaults
// apply (a coordinator's rows belong to her organisation). A text cell made of apostrophes and a
// formula character ("'=x", "''=x") loses one apostrophe: that undoes exactly what ExportCsv
// added, and is also what a spreadsheet shows for such a cell. Each row goes through
// RecordBatch::Create, so validation, scope and permissions are those of the API.
//
// Returns the number of records created. On the first failure nothing is created and the Status
// keeps the code of the failure (kMalformed for an unreadable CSV, kInvalidArgument for a bad
// value or an unknown column, kForbidden, kConflict, ...); its message starts "line N: ", N being
// the physical line on which the offending row starts (the header's line for header problems),
// followed by the field and the problem, and its field() is the column name ("date_of_birth"),
// empty when the problem is not one column's (a row with the wrong number of cells).
Result<ImportReport> ImportCsv(RecordService& records, const Actor& actor, const RecordKind& kind,
                               std::string_view csv_text);

}  // namespace vinculo
