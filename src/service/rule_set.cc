#include "service/rule_set.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include "common/csv.h"

namespace vinculo {
namespace {

constexpr std::string_view kRuleSetFileName = "coresidence_rules.csv";

constexpr std::string_view kRequiredColumns[] = {
    "jurisdiction_code", "jurisdiction_name",  "allowed",
    "rule_kind",         "extension_possible", "source"};
constexpr std::string_view kOptionalColumns[] = {"max_age_months", "notes", "effective_from"};
// What a rule says; two rules of one jurisdiction and effective date must agree
// on all of it to count as the same rule.
constexpr std::string_view kRuleContent[] = {
    "allowed", "max_age_months", "rule_kind", "extension_possible", "notes", "source"};

// One data row of the file, read but not yet checked against the stored rules.
struct RuleRow {
  int line = 0;
  std::string jurisdiction_code;
  std::string jurisdiction_name;
  std::string effective_from;
  FieldValues rule;  // every rule field but jurisdiction_id
};

Status AtLine(int line, StatusCode code, std::string_view column, std::string_view message) {
  return Status(
      code,
      "line " + std::to_string(line) + ": " + std::string(column) + ": " + std::string(message),
      std::string(column));
}

// The CSV column that carries a record field, for error messages: the file
// speaks of jurisdiction_code where the records speak of jurisdiction_id.
std::string ColumnOf(const RecordKind& kind, const std::string& field) {
  if (&kind == &JurisdictionKind()) {
    return field == "name" ? "jurisdiction_name" : "jurisdiction_code";
  }
  if (field == "jurisdiction_id") return "jurisdiction_code";
  return field;
}

// Puts the CSV line and column in front of an error about a record made from
// that line. Errors that are not about the row's content pass unchanged.
Status RowStatus(int line, const RecordKind& kind, const Status& status) {
  const StatusCode code = status.code();
  if (code != StatusCode::kInvalidArgument && code != StatusCode::kMalformed &&
      code != StatusCode::kConflict) {
    return status;
  }
  if (status.field().empty()) {
    return Status(code, "line " + std::to_string(line) + ": " + status.message());
  }
  return AtLine(line, code, ColumnOf(kind, status.field()), status.message());
}

// The physical line of the header: ParseCsv skips empty lines before it.
int HeaderLine(std::string_view text) {
  std::size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  int line = 1;
  while (pos < text.size()) {
    if (text[pos] == '\n') {
      ++pos;
    } else if (text[pos] == '\r') {
      pos += (pos + 1 < text.size() && text[pos + 1] == '\n') ? 2 : 1;
    } else {
      break;
    }
    ++line;
  }
  return line;
}

// ISO 3166 shapes: a country ("PE") or a country and a subdivision of one to
// three letters or digits ("US-NY", "GB-ENG", "PK-BA").
bool IsJurisdictionCode(std::string_view code) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto upper_or_digit = [&](char c) { return upper(c) || (c >= '0' && c <= '9'); };
  if (code.size() < 2 || !upper(code[0]) || !upper(code[1])) return false;
  if (code.size() == 2) return true;
  if (code[2] != '-' || code.size() < 4 || code.size() > 6) return false;
  for (char c : code.substr(3)) {
    if (!upper_or_digit(c)) return false;
  }
  return true;
}

// Column name -> index in the row, for the columns the file has.
using ColumnIndex = std::map<std::string, int, std::less<>>;

Result<ColumnIndex> ReadHeader(const CsvTable& table, int header_line) {
  ColumnIndex columns;
  for (std::size_t column_idx = 0; column_idx < table.header.size(); ++column_idx) {
    const std::string& name = table.header[column_idx];
    bool known = false;
    for (std::string_view expected : kRequiredColumns) known = known || name == expected;
    for (std::string_view expected : kOptionalColumns) known = known || name == expected;
    if (!known) {
      // A misspelt optional column ("efective_from") would otherwise be
      // ignored without a word and every rule would get the default date.
      return AtLine(header_line, StatusCode::kMalformed, name,
                    "is not a column of a co-residence rule set");
    }
    columns[name] = static_cast<int>(column_idx);
  }
  for (std::string_view required : kRequiredColumns) {
    if (!columns.count(required)) {
      return AtLine(header_line, StatusCode::kMalformed, required,
                    "the header has no such column, and a rule set needs it");
    }
  }
  return columns;
}

std::string_view Cell(const std::vector<std::string>& row, const ColumnIndex& columns,
                      std::string_view name) {
  auto it = columns.find(name);
  return it == columns.end() ? std::string_view() : std::string_view(row[it->second]);
}

// An empty cell is a field left out, so the kind's rules speak of it as missing.
void SetUnlessEmpty(FieldValues& values, const std::string& field, std::string_view text) {
  if (!text.empty()) values[field] = std::string(text);
}

// Reads the cells whose form the rule kind cannot check by itself (the code's
// shape, yes/no, numbers, dates); the kind checks the rest when the rule is
// created.
Result<RuleRow> ReadRow(const std::vector<std::string>& cells, int line, const ColumnIndex& columns,
                        std::string_view default_effective_from) {
  RuleRow row;
  row.line = line;
  row.jurisdiction_code = std::string(Cell(cells, columns, "jurisdiction_code"));
  if (row.jurisdiction_code.empty()) {
    return AtLine(line, StatusCode::kInvalidArgument, "jurisdiction_code", "is required");
  }
  if (!IsJurisdictionCode(row.jurisdiction_code)) {
    return AtLine(
        line, StatusCode::kInvalidArgument, "jurisdiction_code",
        "'" + row.jurisdiction_code + "' is not an ISO 3166 code such as PE, US-NY or GB-ENG");
  }
  row.jurisdiction_name = std::string(Cell(cells, columns, "jurisdiction_name"));

  const std::string_view allowed = Cell(cells, columns, "allowed");
  if (allowed != "yes" && allowed != "no") {
    return AtLine(line, StatusCode::kInvalidArgument, "allowed",
                  "must be yes or no, got '" + std::string(allowed) + "'");
  }
  row.rule["allowed"] = allowed == "yes";

  auto max_age = ValueFromText(*CoresidenceRuleKind().Field("max_age_months"),
                               Cell(cells, columns, "max_age_months"));
  if (!max_age.ok()) return RowStatus(line, CoresidenceRuleKind(), max_age.status());
  if (!IsNull(*max_age)) row.rule["max_age_months"] = *max_age;

  // An empty cell of the column is an open-ended version ("in force since
  // always until the next one", issue 15); a file without the column gives
  // every rule `default_effective_from`.
  const std::string_view effective_from = Cell(cells, columns, "effective_from");
  row.effective_from =
      std::string(columns.count("effective_from") ? effective_from : default_effective_from);
  if (!row.effective_from.empty()) {
    auto parsed = ParseDate(row.effective_from, "effective_from");
    if (!parsed.ok()) return RowStatus(line, CoresidenceRuleKind(), parsed.status());
    row.rule["effective_from"] = row.effective_from;
  }

  for (const char* field : {"rule_kind", "extension_possible", "notes", "source"}) {
    SetUnlessEmpty(row.rule, field, Cell(cells, columns, field));
  }
  return row;
}

Value ValueOf(const FieldValues& values, std::string_view field) {
  auto it = values.find(field);
  return it == values.end() ? Value{} : it->second;
}

// A rule already stored for the row's jurisdiction and date must say the same
// thing; otherwise the file is trying to rewrite history.
Status CompareWithStored(const RuleRow& row, const Record& stored) {
  for (std::string_view field : kRuleContent) {
    const Value stored_value = ValueOf(stored.values, field);
    const Value wanted = ValueOf(row.rule, field);
    if (stored_value == wanted) continue;
    std::string what = "differs from the stored " + row.jurisdiction_code + " rule in force " +
                       (row.effective_from.empty() ? std::string("since always (open-ended)")
                                                   : "from " + row.effective_from);
    if (field != "notes" && field != "source") {
      auto shown = [](const Value& value) {
        if (IsNull(value)) return std::string("empty");
        if (const bool* flag = std::get_if<bool>(&value)) return std::string(*flag ? "yes" : "no");
        return ValueToText(value);
      };
      what += " (stored " + shown(stored_value) + ", file " + shown(wanted) + ")";
    }
    what += "; a change of law or practice is a new rule with a later effective_from";
    return AtLine(row.line, StatusCode::kConflict, field, what);
  }
  return Status::Ok();
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error) || error) return NotFound(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return NotFound(path);
  return text.str();
}

}  // namespace

Result<RuleSetReport> LoadCoresidenceRules(RecordService& records, const Actor& actor,
                                           std::string_view csv_text,
                                           std::string_view effective_from) {
  // Rules bind every organisation and facility of the installation.
  if (!actor.IsGlobal()) {
    return Forbidden("only an installation administrator loads co-residence rules");
  }
  VINCULO_RETURN_IF_ERROR(ParseDate(effective_from, "effective_from").status());
  auto table = ParseCsv(csv_text);
  if (!table.ok()) return table.status();
  auto columns = ReadHeader(*table, HeaderLine(csv_text));
  if (!columns.ok()) return columns.status();

  std::vector<RuleRow> rows;
  rows.reserve(table->rows.size());
  for (std::size_t row_idx = 0; row_idx < table->rows.size(); ++row_idx) {
    auto row =
        ReadRow(table->rows[row_idx], table->row_line_numbers[row_idx], *columns, effective_from);
    if (!row.ok()) return row.status();
    rows.push_back(std::move(*row));
  }

  RuleSetReport report;
  Status status = records.WriteBatch(actor, [&](RecordBatch& batch) -> Status {
    report = RuleSetReport{};
    std::map<std::string, long long> jurisdiction_ids;                // by code
    std::map<std::pair<std::string, std::string>, int> line_of_rule;  // (code, date) -> line
    for (const RuleRow& row : rows) {
      const auto key = std::make_pair(row.jurisdiction_code, row.effective_from);
      if (auto earlier = line_of_rule.find(key); earlier != line_of_rule.end()) {
        if (row.effective_from.empty()) {
          // Two open-ended versions of one jurisdiction: bad input, not a clash with history.
          return AtLine(row.line, StatusCode::kInvalidArgument, "effective_from",
                        "line " + std::to_string(earlier->second) +
                            " already gives an open-ended " + row.jurisdiction_code +
                            " rule; only one version may be in force since always");
        }
        return AtLine(row.line, StatusCode::kConflict, "effective_from",
                      "line " + std::to_string(earlier->second) + " already gives the " +
                          row.jurisdiction_code + " rule in force from " + row.effective_from);
      }
      line_of_rule[key] = row.line;

      auto known = jurisdiction_ids.find(row.jurisdiction_code);
      if (known == jurisdiction_ids.end()) {
        auto found = batch.FindBy(JurisdictionKind(), "code", row.jurisdiction_code);
        if (!found.ok()) return found.status();
        long long id = 0;
        if (!found->empty()) {
          id = found->front().id;
        } else {
          // A subdivision code starts with its country's: "US" for "US-NY".
          FieldValues jurisdiction = {{"code", row.jurisdiction_code},
                                      {"country_code", row.jurisdiction_code.substr(0, 2)}};
          SetUnlessEmpty(jurisdiction, "name", row.jurisdiction_name);
          auto created = batch.Create(JurisdictionKind(), std::move(jurisdiction));
          if (!created.ok()) return RowStatus(row.line, JurisdictionKind(), created.status());
          id = created->id;
          ++report.jurisdictions_created;
        }
        known = jurisdiction_ids.emplace(row.jurisdiction_code, id).first;
      }

      auto stored = batch.FindBy(CoresidenceRuleKind(), "jurisdiction_id", known->second);
      if (!stored.ok()) return stored.status();
      const Record* same_date = nullptr;
      for (const Record& rule : *stored) {
        if (rule.Text("effective_from").value_or("") == row.effective_from) same_date = &rule;
      }
      if (same_date) {
        VINCULO_RETURN_IF_ERROR(CompareWithStored(row, *same_date));
        ++report.rules_unchanged;
        continue;
      }
      FieldValues rule = row.rule;
      rule["jurisdiction_id"] = known->second;
      auto created = batch.Create(CoresidenceRuleKind(), std::move(rule));
      if (!created.ok()) return RowStatus(row.line, CoresidenceRuleKind(), created.status());
      ++report.rules_created;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return report;
}

std::vector<std::string> DefaultRuleSetPaths() {
  std::vector<std::string> paths;
#ifdef VINCULO_DATA_DIR
  paths.push_back(std::string(VINCULO_DATA_DIR) + "/" + std::string(kRuleSetFileName));
#endif
  std::error_code error;
  const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    paths.push_back((executable.parent_path() / ".." / "share" / "vinculo" / kRuleSetFileName)
                        .lexically_normal()
                        .string());
  }
  paths.push_back("./data/" + std::string(kRuleSetFileName));
  return paths;
}

Result<std::string> DefaultRuleSetCsv() {
  const std::vector<std::string> paths = DefaultRuleSetPaths();
  for (const std::string& path : paths) {
    auto text = ReadWholeFile(path);
    if (text.ok()) return text;
  }
  std::string tried;
  for (const std::string& path : paths) tried += (tried.empty() ? "" : ", ") + path;
  return NotFound("the default co-residence rule set " + std::string(kRuleSetFileName) +
                  " is not installed; looked in: " + tried);
}

}  // namespace vinculo
