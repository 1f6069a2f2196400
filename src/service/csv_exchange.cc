#include "service/csv_exchange.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/csv.h"

namespace vinculo {
namespace {

// Large enough that an export of a national roster takes few round trips, small enough that one
// page of records stays a few megabytes.
constexpr int kExportPageSize = 500;

constexpr std::string_view kIdColumn = "id";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// A kind with this field is pseudonymised in exports, and these are the fields the pseudonym
// stands in for.
constexpr std::string_view kPseudonymField = "pseudonym";
constexpr std::string_view kNameFields[] = {"given_names", "family_names"};

// Issue 13: what a default (pseudonymised) export withholds besides names.
// Quasi-identifiers: with a date of birth, a school or a home, a pseudonym
// points at one child again. And a parent's offence category, which nobody
// reading figures needs. They are exported only with_names, like names.
constexpr std::string_view kWithheldByDefault[] = {
    "date_of_birth", "home_address", "home_latitude",   "home_longitude",
    "school_name",   "school_grade", "offence_category"};

bool IsWithheldByDefault(std::string_view field_name) {
  return std::find(std::begin(kWithheldByDefault), std::end(kWithheldByDefault), field_name) !=
         std::end(kWithheldByDefault);
}

bool IsPseudonymised(const RecordKind& kind) { return kind.Field(kPseudonymField) != nullptr; }

bool IsNameField(std::string_view field_name) {
  return std::find(std::begin(kNameFields), std::end(kNameFields), field_name) !=
         std::end(kNameFields);
}

// A record's cell as it is, unguarded and with a decimal point (SheetToCsv and SheetToXlsx
// write it for their reader).
std::string ExportCell(const FieldSpec& spec, const Record& record, bool hide_names,
                       bool withhold_identifying) {
  if (hide_names && IsNameField(spec.name)) return {};
  if (withhold_identifying && IsWithheldByDefault(spec.name)) return {};
  auto found = record.values.find(spec.name);
  if (found == record.values.end()) return {};
  return ValueToText(found->second);
}

// Only free text is guarded: a number such as -74.22 must stay a number in the spreadsheet.
// Ids and references stay plain: a spreadsheet has no use for summing them.
ColumnType ColumnTypeOf(const FieldSpec& spec) {
  switch (spec.type) {
    case FieldType::kText:
      return ColumnType::kText;
    case FieldType::kInteger:
    case FieldType::kNumber:
      return ColumnType::kNumber;
    default:
      return ColumnType::kPlain;
  }
}

// Puts the CSV line in front of a failure, keeping its code and field:
// "line 4: date_of_birth: '2025-02-30' does not exist in the calendar".
Status AtLine(int line, const Status& status) {
  std::string message = "line " + std::to_string(line) + ": ";
  if (!status.field().empty()) message += status.field() + ": ";
  message += status.message();
  return Status(status.code(), std::move(message), status.field());
}

// The physical line of the header: ParseCsv skips a byte order mark and empty lines before it.
int HeaderLine(std::string_view text) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text.remove_prefix(kByteOrderMark.size());
  }
  int line = 1;
  size_t pos = 0;
  while (pos < text.size() && (text[pos] == '\r' || text[pos] == '\n')) {
    const bool crlf = text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n';
    pos += crlf ? 2 : 1;
    ++line;
  }
  return line;
}

// For each header column, the field it fills, or nullptr for a column the import skips (the id,
// and read-only fields, which the system sets).
Result<std::vector<const FieldSpec*>> MapColumns(const RecordKind& kind,
                                                 const std::vector<std::string>& header,
                                                 int header_line) {
  std::vector<const FieldSpec*> targets;
  targets.reserve(header.size());
  for (const std::string& column : header) {
    if (column == kIdColumn) {
      targets.push_back(nullptr);
      continue;
    }
    const FieldSpec* spec = kind.Field(column);
    if (spec == nullptr) {
      std::string expected = std::string(kIdColumn);
      for (const FieldSpec& field : kind.fields) expected += ", " + std::string(field.name);
      return AtLine(header_line,
                    InvalidArgument(column, "is not a column of " + std::string(kind.name) +
                                                " (the columns are " + expected + ")"));
    }
    targets.push_back(spec->read_only ? nullptr : spec);
  }
  return targets;
}

// The field values of one row; an empty cell leaves its field absent.
Result<FieldValues> RowValues(const std::vector<const FieldSpec*>& targets,
                              const std::vector<std::string>& cells) {
  FieldValues values;
  for (size_t column_idx = 0; column_idx < cells.size(); ++column_idx) {
    const FieldSpec* spec = targets[column_idx];
    std::string_view cell = cells[column_idx];
    if (spec == nullptr || cell.empty()) continue;
    if (spec->type == FieldType::kText) cell = UnguardFormula(cell);
    VINCULO_ASSIGN_OR_RETURN(Value value, ValueFromText(*spec, cell));
    values.emplace(std::string(spec->name), std::move(value));
  }
  return values;
}

}  // namespace

Result<Sheet> ExportSheet(RecordService& records, const Actor& actor, const RecordKind& kind,
                          const ExportOptions& options) {
  if (options.with_names && !SeesCaseRecords(actor.role)) {
    return Forbidden(std::string("the role ") + RoleName(actor.role) +
                         " sees pseudonymised figures only and cannot export names",
                     "with_names");
  }
  const bool hide_names = IsPseudonymised(kind) && !options.with_names;
  const bool withhold_identifying = !options.with_names;
  std::vector<const FieldSpec*> fields;
  for (const FieldSpec& spec : kind.fields) {
    if (!SeesField(actor.role, kind, spec)) continue;
    fields.push_back(&spec);
  }

  Sheet sheet;
  sheet.name = kind.name;
  sheet.columns.push_back({std::string(kIdColumn), ColumnType::kPlain});
  for (const FieldSpec* spec : fields) {
    sheet.columns.push_back({std::string(spec->name), ColumnTypeOf(*spec)});
  }

  ListQuery query;
  query.limit = kExportPageSize;
  query.archived = options.archived;
  while (true) {
    VINCULO_ASSIGN_OR_RETURN(Page page, records.List(actor, kind, query));
    for (const Record& record : page.items) {
      std::vector<std::string>& cells = sheet.rows.emplace_back();
      cells.reserve(sheet.columns.size());
      cells.push_back(std::to_string(record.id));
      for (const FieldSpec* spec : fields) {
        cells.push_back(ExportCell(*spec, record, hide_names, withhold_identifying));
      }
    }
    if (!page.next_after_id) break;
    query.after_id = *page.next_after_id;
  }
  return sheet;
}

Result<std::string> ExportCsv(RecordService& records, const Actor& actor, const RecordKind& kind,
                              const ExportOptions& options) {
  VINCULO_ASSIGN_OR_RETURN(Sheet sheet, ExportSheet(records, actor, kind, options));
  return SheetToCsv(sheet, options.dialect);
}

Result<std::string> ExportRecords(RecordService& records, const Actor& actor,
                                  const RecordKind& kind, const ExportOptions& options,
                                  SheetFormat format) {
  VINCULO_ASSIGN_OR_RETURN(Sheet sheet, ExportSheet(records, actor, kind, options));
  return SheetBytes(sheet, format, options.dialect);
}

Result<ImportReport> ImportCsv(RecordService& records, const Actor& actor, const RecordKind& kind,
                               std::string_view csv_text) {
  // ParseCsv's messages already start "line N: ".
  VINCULO_ASSIGN_OR_RETURN(CsvTable table, ParseCsv(csv_text));
  VINCULO_ASSIGN_OR_RETURN(std::vector<const FieldSpec*> targets,
                           MapColumns(kind, table.header, HeaderLine(csv_text)));

  ImportReport report;
  Status status = records.WriteBatch(actor, [&](RecordBatch& batch) -> Status {
    for (size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
      const int line = table.row_line_numbers[row_idx];
      auto values = RowValues(targets, table.rows[row_idx]);
      if (!values.ok()) return AtLine(line, values.status());
      auto created = batch.Create(kind, std::move(*values));
      if (!created.ok()) return AtLine(line, created.status());
      ++report.created;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return report;
}

}  // namespace vinculo
