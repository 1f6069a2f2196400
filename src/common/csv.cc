#include "common/csv.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/utf8.h"

namespace vinculo {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

Status Malformed(int line, std::string_view what) {
  std::string message = "line " + std::to_string(line) + ": ";
  message.append(what);
  return Status(StatusCode::kMalformed, std::move(message));
}

bool IsBlank(std::string_view name) {
  return name.find_first_not_of(" \t") == std::string_view::npos;
}

// Walks the document byte by byte, keeping the physical line number current. A line break is
// CRLF, LF or a lone CR, both inside and outside quotes.
class CsvParser {
 public:
  explicit CsvParser(std::string_view text) : text_(text) {
    if (text_.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
      pos_ = kByteOrderMark.size();
    }
  }

  Result<CsvTable> Parse() {
    CsvTable table;
    bool have_header = false;
    while (pos_ < text_.size()) {
      if (AtLineBreak()) {  // a line with no bytes at all
        ConsumeLineBreak(nullptr);
        continue;
      }
      const int record_line = line_;
      std::vector<std::string> record;
      VINCULO_RETURN_IF_ERROR(ParseRecord(record));
      if (!have_header) {
        VINCULO_RETURN_IF_ERROR(CheckHeader(record, record_line));
        table.header = std::move(record);
        have_header = true;
        continue;
      }
      if (record.size() != table.header.size()) {
        return Malformed(record_line, "expected " + std::to_string(table.header.size()) +
                                          " fields, found " + std::to_string(record.size()));
      }
      table.rows.push_back(std::move(record));
      table.row_line_numbers.push_back(record_line);
    }
    if (!have_header) return Malformed(line_, "empty document, no header line");
    return table;
  }

 private:
  bool AtLineBreak() const { return text_[pos_] == '\n' || text_[pos_] == '\r'; }

  // Consumes the line break at pos_ (CRLF, LF or CR), appending its bytes to `field` if given.
  void ConsumeLineBreak(std::string* field) {
    const size_t length =
        (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ? 2 : 1;
    if (field != nullptr) field->append(text_.substr(pos_, length));
    pos_ += length;
    ++line_;
  }

  // Appends the character at pos_ to `field`, checking that non-ASCII bytes are UTF-8.
  Status ConsumeCharacter(std::string& field) {
    size_t length = 1;
    if (static_cast<unsigned char>(text_[pos_]) >= 0x80) {
      length = Utf8SequenceLength(text_, pos_);
      if (length == 0) return Malformed(line_, "not valid UTF-8");
    }
    field.append(text_.substr(pos_, length));
    pos_ += length;
    return Status::Ok();
  }

  // Reads one record starting at pos_ (not at a line break) and its terminating line break.
  Status ParseRecord(std::vector<std::string>& record) {
    while (true) {
      std::string field;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        VINCULO_RETURN_IF_ERROR(ParseQuotedField(field));
      } else {
        VINCULO_RETURN_IF_ERROR(ParseUnquotedField(field));
      }
      record.push_back(std::move(field));
      if (pos_ == text_.size()) return Status::Ok();
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      ConsumeLineBreak(nullptr);  // the fields stop only at a comma, a line break or the end
      return Status::Ok();
    }
  }

  Status ParseUnquotedField(std::string& field) {
    while (pos_ < text_.size() && text_[pos_] != ',' && !AtLineBreak()) {
      if (text_[pos_] == '"') return Malformed(line_, "stray quote in unquoted field");
      VINCULO_RETURN_IF_ERROR(ConsumeCharacter(field));
    }
    return Status::Ok();
  }

  // Starts at the opening quote; stops after the closing quote, which must be followed by a
  // comma, a line break or the end of the document.
  Status ParseQuotedField(std::string& field) {
    const int opening_line = line_;
    ++pos_;
    while (true) {
      if (pos_ == text_.size()) return Malformed(opening_line, "unterminated quoted field");
      if (text_[pos_] == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field.push_back('"');
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (AtLineBreak()) {
        ConsumeLineBreak(&field);
      } else {
        VINCULO_RETURN_IF_ERROR(ConsumeCharacter(field));
      }
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && !AtLineBreak()) {
      return Malformed(line_, "unexpected text after closing quote");
    }
    return Status::Ok();
  }

  static Status CheckHeader(const std::vector<std::string>& header, int line) {
    std::unordered_set<std::string_view> seen;
    for (size_t column = 0; column < header.size(); ++column) {
      if (IsBlank(header[column])) {
        return Malformed(line, "header column " + std::to_string(column + 1) + " has no name");
      }
      if (!seen.insert(header[column]).second) {
        return Malformed(line, "duplicate column name \"" + header[column] + "\" in header");
      }
    }
    return Status::Ok();
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

bool NeedsQuoting(std::string_view cell, char separator) {
  if (cell.empty()) return false;
  if (cell.find_first_of("\"\r\n") != std::string_view::npos) return true;
  if (cell.find(separator) != std::string_view::npos) return true;
  const char first = cell.front();
  const char last = cell.back();
  return first == ' ' || first == '\t' || last == ' ' || last == '\t' ||
         cell.substr(0, kByteOrderMark.size()) == kByteOrderMark;
}

}  // namespace

Result<CsvTable> ParseCsv(std::string_view text) { return CsvParser(text).Parse(); }

void AppendCsvRow(std::string& out, const std::vector<std::string>& cells) {
  AppendCsvRow(out, cells, CsvDialect{});
}

void AppendCsvRow(std::string& out, const std::vector<std::string>& cells,
                  const CsvDialect& dialect) {
  if (cells.size() == 1 && cells.front().empty()) {
    out += "\"\"\r\n";
    return;
  }
  for (size_t column = 0; column < cells.size(); ++column) {
    if (column > 0) out.push_back(dialect.separator);
    const std::string& cell = cells[column];
    if (!NeedsQuoting(cell, dialect.separator)) {
      out += cell;
      continue;
    }
    out.push_back('"');
    for (const char byte : cell) {
      if (byte == '"') out.push_back('"');
      out.push_back(byte);
    }
    out.push_back('"');
  }
  out += "\r\n";
}

Result<CsvDialect> CsvDialectNamed(std::string_view name, bool byte_order_mark) {
  CsvDialect dialect;
  if (name == "semicolon") {
    dialect.separator = ';';
    dialect.decimal_mark = ',';
  } else if (name != "rfc4180" && name != "comma") {
    return InvalidArgument("separator", "must be comma (RFC 4180) or semicolon (decimal commas)");
  }
  dialect.byte_order_mark = byte_order_mark;
  return dialect;
}

std::string CsvDocumentStart(const CsvDialect& dialect) {
  return dialect.byte_order_mark ? std::string(kByteOrderMark) : std::string();
}

std::string CsvDecimal(std::string_view number, const CsvDialect& dialect) {
  std::string text(number);
  if (dialect.decimal_mark != '.') {
    for (char& byte : text) {
      if (byte == '.') byte = dialect.decimal_mark;
    }
  }
  return text;
}

int CsvColumn(const CsvTable& table, std::string_view name) {
  for (size_t column = 0; column < table.header.size(); ++column) {
    if (table.header[column] == name) return static_cast<int>(column);
  }
  return -1;
}

std::string NeutraliseSpreadsheetFormula(std::string_view cell) {
  if (!cell.empty()) {
    switch (cell.front()) {
      case '=':
      case '+':
      case '-':
      case '@':
      case '\t':
      case '\r':
        return "'" + std::string(cell);
      default:
        break;
    }
  }
  return std::string(cell);
}

}  // namespace vinculo
