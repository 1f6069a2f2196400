// Issue 18: CSV for the spreadsheet that opens it: a UTF-8 byte order mark for
// Excel for Windows, and ';' with decimal commas for comma-decimal locales.
#include <gtest/gtest.h>

#include "common/csv.h"

namespace vinculo {
namespace {

TEST(CsvDialectTest, Issue18_SemicolonDialectUsesDecimalCommasAndQuotesSemicolons) {
  auto dialect = CsvDialectNamed("semicolon", true);
  ASSERT_TRUE(dialect.ok());
  std::string csv = CsvDocumentStart(*dialect);
  AppendCsvRow(csv, {"name", "latitude", "note"}, *dialect);
  AppendCsvRow(csv, {"Ángela", CsvDecimal("-12.0464", *dialect), "uno; dos, tres"}, *dialect);
  EXPECT_EQ(csv,
            "\xEF\xBB\xBFname;latitude;note\r\n"
            "Ángela;-12,0464;\"uno; dos, tres\"\r\n");
}

TEST(CsvDialectTest, Issue18_TheDefaultStaysRfc4180WithoutAByteOrderMark) {
  auto dialect = CsvDialectNamed("comma", false);
  ASSERT_TRUE(dialect.ok());
  std::string csv = CsvDocumentStart(*dialect);
  AppendCsvRow(csv, {"Ángela", CsvDecimal("-12.0464", *dialect), "a;b"}, *dialect);
  EXPECT_EQ(csv, "Ángela,-12.0464,a;b\r\n");
  // What it writes, ParseCsv reads back; a BOM is dropped on the way in.
  auto table = ParseCsv(
      "\xEF\xBB\xBF"
      "name\r\nÁngela\r\n");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header[0], "name");
  EXPECT_EQ(table->rows[0][0], "Ángela");
}

TEST(CsvDialectTest, Issue18_AnUnknownSeparatorIsRefusedByName) {
  auto dialect = CsvDialectNamed("tab", false);
  ASSERT_FALSE(dialect.ok());
  EXPECT_EQ(dialect.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(dialect.status().field(), "separator");
}

}  // namespace
}  // namespace vinculo
