#include "common/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace vinculo {
namespace {

using Cells = std::vector<std::string>;

constexpr char kBom[] = "\xEF\xBB\xBF";

std::string WriteCsv(const std::vector<Cells>& records) {
  std::string out;
  for (const Cells& record : records) AppendCsvRow(out, record);
  return out;
}

// --- Round trips -------------------------------------------------------------------------------

TEST(CsvRoundTripTest, HardCellsSurviveWriteThenParse) {
  const Cells header = {"nombre", "comuna", "nota", "vacía"};
  const std::vector<Cells> rows = {
      {"Ñuñoa, \"La Pampa\"\nline2", "Ñuñoa", "José María Pérez", ""},
      {"Zoë Ångström", "São Paulo", "niño 👨‍👩‍👧 🎉", "x"},
      {"a,b,c", "\"quoted\"", "\"", "\"\""},
      {"crlf\r\ninside", "lone\rcr", "trailing space ", " leading space"},
      {"\ttab", "tab\t", "=SUM(A1)", "@x"},
      {std::string(kBom) + "bom-looking", "plain", "", ","},
  };
  std::vector<Cells> records = {header};
  records.insert(records.end(), rows.begin(), rows.end());

  const Result<CsvTable> table = ParseCsv(WriteCsv(records));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, header);
  EXPECT_EQ(table->rows, rows);
}

TEST(CsvRoundTripTest, BomLookingCellInFirstRecordIsKept) {
  const std::vector<Cells> records = {{std::string(kBom) + "id", "name"}, {"1", "Ana"}};
  const Result<CsvTable> table = ParseCsv(WriteCsv(records));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, records[0]);
}

TEST(CsvRoundTripTest, SingleEmptyCellRecordIsNotLost) {
  const std::vector<Cells> records = {{"only"}, {""}, {"x"}, {""}};
  const std::string text = WriteCsv(records);
  EXPECT_EQ(text, "only\r\n\"\"\r\nx\r\n\"\"\r\n");
  const Result<CsvTable> table = ParseCsv(text);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, (std::vector<Cells>{{""}, {"x"}, {""}}));
}

// --- Writer ------------------------------------------------------------------------------------

struct WriteCase {
  const char* name;
  Cells cells;
  std::string expected;
};

class AppendCsvRowTest : public testing::TestWithParam<WriteCase> {};

TEST_P(AppendCsvRowTest, WritesExpectedBytes) {
  std::string out = "prefix|";
  AppendCsvRow(out, GetParam().cells);
  EXPECT_EQ(out, "prefix|" + GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    CsvTest, AppendCsvRowTest,
    testing::Values(WriteCase{"Plain", {"a", "b", "c"}, "a,b,c\r\n"},
                    WriteCase{"Utf8Bare", {"Ñuñoa", "🎉"}, "Ñuñoa,🎉\r\n"},
                    WriteCase{"InnerSpaceBare", {"La Pampa"}, "La Pampa\r\n"},
                    WriteCase{"Comma", {"a,b"}, "\"a,b\"\r\n"},
                    WriteCase{"Quote", {"say \"hi\""}, "\"say \"\"hi\"\"\"\r\n"},
                    WriteCase{"Newline", {"a\nb", "c"}, "\"a\nb\",c\r\n"},
                    WriteCase{"CarriageReturn", {"a\rb"}, "\"a\rb\"\r\n"},
                    WriteCase{"LeadingSpace", {" a"}, "\" a\"\r\n"},
                    WriteCase{"TrailingSpace", {"a "}, "\"a \"\r\n"},
                    WriteCase{"LeadingTab", {"\ta"}, "\"\ta\"\r\n"},
                    WriteCase{"EmptyCells", {"", ""}, ",\r\n"},
                    WriteCase{"SingleEmptyCell", {""}, "\"\"\r\n"},
                    WriteCase{"NoCells", {}, "\r\n"},
                    WriteCase{"FormulaNotQuoted", {"=1+1"}, "=1+1\r\n"}),
    [](const testing::TestParamInfo<WriteCase>& info) { return std::string(info.param.name); });

// --- Parser: accepted input --------------------------------------------------------------------

TEST(CsvTest, ParsesSimpleDocument) {
  const Result<CsvTable> table = ParseCsv("id,name\n1,Ana\n2,Benjamín\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, (Cells{"id", "name"}));
  EXPECT_EQ(table->rows, (std::vector<Cells>{{"1", "Ana"}, {"2", "Benjamín"}}));
  EXPECT_EQ(table->row_line_numbers, (std::vector<int>{2, 3}));
}

TEST(CsvTest, DropsByteOrderMark) {
  const Result<CsvTable> table = ParseCsv("\xEF\xBB\xBFid,name\r\n1,Ana\r\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, (Cells{"id", "name"}));
  EXPECT_EQ(table->rows, (std::vector<Cells>{{"1", "Ana"}}));
}

TEST(CsvTest, KeepsByteOrderMarkOutsideTheStart) {
  const Result<CsvTable> table = ParseCsv("id\n\xEF\xBB\xBFx\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, (std::vector<Cells>{{"\xEF\xBB\xBFx"}}));
}

TEST(CsvTest, AcceptsCrlfLineEnds) {
  const Result<CsvTable> table = ParseCsv("a,b\r\n1,2\r\n3,4\r\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, (Cells{"a", "b"}));
  EXPECT_EQ(table->rows, (std::vector<Cells>{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(table->row_line_numbers, (std::vector<int>{2, 3}));
}

TEST(CsvTest, AcceptsMixedAndLoneCrLineEnds) {
  const Result<CsvTable> table = ParseCsv("a,b\r1,2\n3,4\r\n5,6");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, (std::vector<Cells>{{"1", "2"}, {"3", "4"}, {"5", "6"}}));
  EXPECT_EQ(table->row_line_numbers, (std::vector<int>{2, 3, 4}));
}

TEST(CsvTest, AcceptsLastLineWithoutLineEnd) {
  const Result<CsvTable> table = ParseCsv("a,b\n1,\"2\"");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, (std::vector<Cells>{{"1", "2"}}));
}

TEST(CsvTest, TrailingCommaAtEndOfDocumentMakesEmptyLastCell) {
  const Result<CsvTable> table = ParseCsv("a,b\n1,");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, (std::vector<Cells>{{"1", ""}}));
}

TEST(CsvTest, HeaderOnlyGivesNoRows) {
  const Result<CsvTable> table = ParseCsv("a,b\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, (Cells{"a", "b"}));
  EXPECT_TRUE(table->rows.empty());
  EXPECT_TRUE(table->row_line_numbers.empty());
}

TEST(CsvTest, SkipsEmptyLinesAndKeepsPhysicalLineNumbers) {
  const Result<CsvTable> table = ParseCsv("\n\r\na,b\n\n1,2\r\n\r\n\n3,4\n\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, (Cells{"a", "b"}));
  EXPECT_EQ(table->rows, (std::vector<Cells>{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(table->row_line_numbers, (std::vector<int>{5, 8}));
}

TEST(CsvTest, LineOfOnlyCommasIsARecord) {
  const Result<CsvTable> table = ParseCsv("a,b\n,\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, (std::vector<Cells>{{"", ""}}));
}

TEST(CsvTest, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  const Result<CsvTable> table =
      ParseCsv("a,b,c\n\"x, y\",\"he said \"\"hola\"\"\",\"l1\r\nl2\nl3\"\n\"\",\"\"\"\",z\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows,
            (std::vector<Cells>{{"x, y", "he said \"hola\"", "l1\r\nl2\nl3"}, {"", "\"", "z"}}));
}

TEST(CsvTest, RowLineNumbersCountLinesInsideQuotedFields) {
  const std::string text =
      "id,note\n"            // line 1
      "1,\"first\nsecond\n"  // lines 2-3
      "third\"\n"            // line 4
      "2,plain\n"            // line 5
      "3,\"a\r\nb\"\r\n"     // lines 6-7
      "\n"                   // line 8 (skipped)
      "4,\"c\rd\"\n"         // lines 9-10
      "5,end\n";             // line 11
  const Result<CsvTable> table = ParseCsv(text);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 5u);
  EXPECT_EQ(table->rows[0][1], "first\nsecond\nthird");
  EXPECT_EQ(table->rows[2][1], "a\r\nb");
  EXPECT_EQ(table->rows[3][1], "c\rd");
  EXPECT_EQ(table->row_line_numbers, (std::vector<int>{2, 5, 6, 9, 11}));
}

TEST(CsvTest, HeaderNamesAreKeptByteForByte) {
  const Result<CsvTable> table = ParseCsv(" id ,Nombre Niño\n1,x\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, (Cells{" id ", "Nombre Niño"}));
}

TEST(CsvTest, AcceptsAllUtf8Lengths) {
  // 1, 2, 3 and 4 byte sequences, including the highest code point U+10FFFF.
  const std::string cell = "a\xC3\xB1\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF";
  const Result<CsvTable> table = ParseCsv("h\n" + cell + "\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, (std::vector<Cells>{{cell}}));
}

// --- Parser: rejected input --------------------------------------------------------------------

struct ErrorCase {
  const char* name;
  std::string text;
  std::string expected_message;
};

class ParseCsvErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(ParseCsvErrorTest, ReportsMalformedWithLine) {
  const Result<CsvTable> table = ParseCsv(GetParam().text);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kMalformed);
  EXPECT_EQ(table.status().message(), GetParam().expected_message);
}

INSTANTIATE_TEST_SUITE_P(
    CsvTest, ParseCsvErrorTest,
    testing::Values(
        // Unterminated quotes: the line is where the quoted field opens.
        ErrorCase{"UnterminatedQuote", "a,b\n1,2\n3,\"open\n", "line 3: unterminated quoted field"},
        ErrorCase{"UnterminatedQuoteAfterEmptyLines", "a\n\n\n\n\n\n\"x\n\ny",
                  "line 7: unterminated quoted field"},
        ErrorCase{"UnterminatedQuoteInHeader", "\"a,b\n1,2\n", "line 1: unterminated quoted field"},
        ErrorCase{"UnterminatedAfterEscapedQuote", "a\n\"x\"\"",
                  "line 2: unterminated quoted field"},
        // Quotes in unquoted fields.
        ErrorCase{"StrayQuoteMidField", "a,b\n1,x\"y\n", "line 2: stray quote in unquoted field"},
        ErrorCase{"StrayQuoteAtEnd", "a,b\n1,2\n3,4\"\n", "line 3: stray quote in unquoted field"},
        ErrorCase{"QuoteAfterLeadingSpace", "a,b\n1, \"2\"\n",
                  "line 2: stray quote in unquoted field"},
        ErrorCase{"StrayQuoteInHeader", "a\"b\n", "line 1: stray quote in unquoted field"},
        // Text after a closing quote; the line is where the closing quote is.
        ErrorCase{"TextAfterClosingQuote", "a,b\n\"1\"x,2\n",
                  "line 2: unexpected text after closing quote"},
        ErrorCase{"SpaceAfterClosingQuote", "a,b\n1,\"2\" \n",
                  "line 2: unexpected text after closing quote"},
        ErrorCase{"TextAfterMultilineQuote", "a,b\n1,\"x\ny\nz\"w\n",
                  "line 4: unexpected text after closing quote"},
        // Cell counts; the line is where the record starts.
        ErrorCase{"TooFewFields",
                  "a,b,c,d,e,f,g,h\n1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7\n",
                  "line 4: expected 8 fields, found 7"},
        ErrorCase{"TooManyFields", "a,b\n1,2,3\n", "line 2: expected 2 fields, found 3"},
        ErrorCase{"TooFewAfterMultilineCell", "a,b,c\n\"x\ny\",2,3\n\"p\nq\",2\n",
                  "line 4: expected 3 fields, found 2"},
        ErrorCase{"WhitespaceLineIsNotEmpty", "a,b\n1,2\n   \n",
                  "line 3: expected 2 fields, found 1"},
        // Missing header.
        ErrorCase{"EmptyDocument", "", "line 1: empty document, no header line"},
        ErrorCase{"OnlyBom", "\xEF\xBB\xBF", "line 1: empty document, no header line"},
        ErrorCase{"OnlyEmptyLines", "\n\r\n\n", "line 4: empty document, no header line"},
        // Bad header names.
        ErrorCase{"EmptyHeaderName", "a,,c\n1,2,3\n", "line 1: header column 2 has no name"},
        ErrorCase{"BlankHeaderName", "a, \n1,2\n", "line 1: header column 2 has no name"},
        ErrorCase{"TrailingCommaInHeader", "a,b,\n", "line 1: header column 3 has no name"},
        ErrorCase{"QuotedEmptyHeaderName", "\n\"\",b\n", "line 2: header column 1 has no name"},
        ErrorCase{"DuplicateHeaderName", "id,name,id\n",
                  "line 1: duplicate column name \"id\" in header"},
        ErrorCase{"DuplicateQuotedHeaderName", "\"Ñ\",Ñ\n",
                  "line 1: duplicate column name \"Ñ\" in header"},
        // Invalid UTF-8, in unquoted fields, quoted fields and the header.
        ErrorCase{"Utf8LoneContinuation", "a\nb\n\x80\n", "line 3: not valid UTF-8"},
        ErrorCase{"Utf8Latin1", "a\nb\nJos\xE9\n", "line 3: not valid UTF-8"},
        ErrorCase{"Utf8InQuotedAfterNewline", "a\n\"x\ny\xFF\"\n", "line 3: not valid UTF-8"},
        ErrorCase{"Utf8InHeader", "n\xC3\n", "line 1: not valid UTF-8"},
        ErrorCase{"Utf8TruncatedAtEnd", "a\nb\n\xE2\x82", "line 3: not valid UTF-8"},
        ErrorCase{"Utf8Overlong2", "a\n\xC0\xAF\n", "line 2: not valid UTF-8"},
        ErrorCase{"Utf8Overlong3", "a\n\xE0\x80\xAF\n", "line 2: not valid UTF-8"},
        ErrorCase{"Utf8Overlong4", "a\n\xF0\x80\x80\xAF\n", "line 2: not valid UTF-8"},
        ErrorCase{"Utf8Surrogate", "a\n\xED\xA0\x80\n", "line 2: not valid UTF-8"},
        ErrorCase{"Utf8AboveMax", "a\n\xF4\x90\x80\x80\n", "line 2: not valid UTF-8"},
        ErrorCase{"Utf8BadContinuation", "a\n\xE2\x28\xA1\n", "line 2: not valid UTF-8"},
        // The first problem in document order wins.
        ErrorCase{"FirstProblemWins", "a,b\n1\n\xFF,2\n", "line 2: expected 2 fields, found 1"}),
    [](const testing::TestParamInfo<ErrorCase>& info) { return std::string(info.param.name); });

// --- Helpers -----------------------------------------------------------------------------------

TEST(CsvTest, CsvColumnFindsExactNamesOnly) {
  const Result<CsvTable> table = ParseCsv("id,Nombre,comuna\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(CsvColumn(*table, "id"), 0);
  EXPECT_EQ(CsvColumn(*table, "Nombre"), 1);
  EXPECT_EQ(CsvColumn(*table, "comuna"), 2);
  EXPECT_EQ(CsvColumn(*table, "nombre"), -1);
  EXPECT_EQ(CsvColumn(*table, ""), -1);
  EXPECT_EQ(CsvColumn(CsvTable{}, "id"), -1);
}

struct FormulaCase {
  std::string cell;
  std::string expected;
};

TEST(CsvTest, NeutraliseSpreadsheetFormula) {
  const std::vector<FormulaCase> cases = {
      {"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
      {"+1", "'+1"},
      {"-5", "'-5"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\t=1", "'\t=1"},
      {"\r=1", "'\r=1"},
      {"Ñuñoa", "Ñuñoa"},
      {"a=b", "a=b"},
      {" =1", " =1"},
      {"'=1", "'=1"},
      {"", ""},
  };
  for (const FormulaCase& formula_case : cases) {
    SCOPED_TRACE(formula_case.cell);
    EXPECT_EQ(NeutraliseSpreadsheetFormula(formula_case.cell), formula_case.expected);
  }
}

TEST(CsvTest, NeutralisedCellsRoundTrip) {
  const Cells row = {NeutraliseSpreadsheetFormula("=1+1"), NeutraliseSpreadsheetFormula("ok")};
  const Result<CsvTable> table = ParseCsv(WriteCsv({{"a", "b"}, row}));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, (std::vector<Cells>{{"'=1+1", "ok"}}));
}

}  // namespace
}  // namespace vinculo
