// Issue 18, every list export as CSV and XLSX over HTTP, on both engines:
// GET /api/v1/{kind}/export writes the records the caller may see, and
// LibreOffice reads from the workbook the cells of the CSV; the CSV takes a
// byte order mark and the semicolon dialect; scoping, names and bad options
// are refused as the list is. The workshop figures come as XLSX too.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "common/csv.h"
#include "support/spreadsheet_reader.h"

namespace vinculo::testing {
namespace {

class Issue18ListExportsApiTest : public ApiTest {};

TEST_F(Issue18ListExportsApiTest,
       Issue18_TheChildrenExportAsXlsxHoldsTheCsvsCellsAndOnlyTheCallers) {
  ASSERT_NE(world_, nullptr);
  const Record ours = world_->AddChild("A", "Ángela");
  const Record theirs = world_->AddChild("B", "Zoë");

  HttpAnswer csv = Get("/api/v1/children/export", "coordinator_a");
  ASSERT_EQ(csv.status, 200) << csv.raw;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  auto csv_table = ParseCsv(csv.raw);
  ASSERT_TRUE(csv_table.ok()) << csv_table.status().ToString();
  const int id = CsvColumn(*csv_table, "id");
  const int given_names = CsvColumn(*csv_table, "given_names");
  const int pseudonym = CsvColumn(*csv_table, "pseudonym");
  ASSERT_GE(id, 0);
  ASSERT_GE(pseudonym, 0);
  bool found_ours = false;
  for (const auto& row : csv_table->rows) {
    EXPECT_NE(row[id], std::to_string(theirs.id)) << "organisation B's child in A's export";
    if (row[id] == std::to_string(ours.id)) found_ours = true;
    // Pseudonymised by default: no given names.
    EXPECT_EQ(row[given_names], "");
    EXPECT_EQ(row[pseudonym].rfind("NNA-", 0), 0u) << row[pseudonym];
  }
  EXPECT_TRUE(found_ours) << csv.raw;

  HttpAnswer xlsx = Get("/api/v1/children/export?format=xlsx", "coordinator_a");
  ASSERT_EQ(xlsx.status, 200) << xlsx.raw;
  EXPECT_EQ(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ASSERT_EQ(xlsx.raw.substr(0, 2), "PK");
  std::string lo_out;
  const std::string sheet = XlsxFirstSheetAsCsv(xlsx.raw, &lo_out);
  ASSERT_FALSE(sheet.empty()) << lo_out;
  auto xlsx_table = ParseCsv(sheet);
  ASSERT_TRUE(xlsx_table.ok()) << xlsx_table.status().ToString() << "\n" << sheet;
  EXPECT_EQ(xlsx_table->header, csv_table->header);
  EXPECT_EQ(xlsx_table->rows, csv_table->rows) << sheet;

  // With names, for a coordinator: the given names, accents intact.
  HttpAnswer named = Get("/api/v1/children/export?format=xlsx&with_names=true", "coordinator_a");
  ASSERT_EQ(named.status, 200) << named.raw;
  const std::string named_sheet = XlsxFirstSheetAsCsv(named.raw);
  EXPECT_NE(named_sheet.find("Ángela"), std::string::npos) << named_sheet;
  EXPECT_EQ(named_sheet.find("Zoë"), std::string::npos) << named_sheet;

  // Organisation B's export holds its child and not ours.
  HttpAnswer other = Get("/api/v1/children/export?with_names=true", "coordinator_b");
  ASSERT_EQ(other.status, 200) << other.raw;
  EXPECT_NE(other.raw.find("Zoë"), std::string::npos) << other.raw;
  EXPECT_EQ(other.raw.find("Ángela"), std::string::npos) << other.raw;
}

TEST_F(Issue18ListExportsApiTest, Issue18_TheCsvExportTakesABomAndTheSemicolonDialect) {
  ASSERT_NE(world_, nullptr);
  HttpAnswer csv = Get("/api/v1/facilities/export?bom=true&separator=semicolon", "coordinator_a");
  ASSERT_EQ(csv.status, 200) << csv.raw;
  ASSERT_EQ(csv.raw.substr(0, 3), "\xEF\xBB\xBF") << "a byte order mark for Excel";
  EXPECT_EQ(csv.raw.substr(3, 8), "id;name;") << csv.raw;
  // Coordinates with decimal commas (facility A lies at -13.15, -74.2).
  EXPECT_NE(csv.raw.find(";-13,15;-74,2"), std::string::npos) << csv.raw;
  HttpAnswer plain = Get("/api/v1/facilities/export", "coordinator_a");
  ASSERT_EQ(plain.status, 200) << plain.raw;
  EXPECT_EQ(plain.raw.substr(0, 8), "id,name,") << plain.raw;
}

TEST_F(Issue18ListExportsApiTest, Issue18_BadExportOptionsAreRefusedNamingTheField) {
  ASSERT_NE(world_, nullptr);
  struct Case {
    std::string query;
    std::string as;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"format=docx", "coordinator_a", 422, "format"},
      {"separator=tab", "coordinator_a", 422, "separator"},
      {"bom=perhaps", "coordinator_a", 422, "bom"},
      {"archived=maybe", "coordinator_a", 422, "archived"},
      {"colour=red", "coordinator_a", 422, "colour"},
      // Auditors read figures, never the children's records (the role gate: no field).
      {"with_names=true", "auditor", 403, ""},
  };
  for (const Case& bad : cases) {
    HttpAnswer answer = Get("/api/v1/children/export?" + bad.query, bad.as);
    EXPECT_EQ(answer.status, bad.status) << bad.query << "\n" << answer.raw;
    EXPECT_EQ(answer.content_type, "application/problem+json") << bad.query;
    EXPECT_EQ(answer.body.value("field", ""), bad.field) << bad.query << "\n" << answer.raw;
  }
}

TEST_F(Issue18ListExportsApiTest, Issue18_TheWorkshopFiguresComeAsXlsx) {
  ASSERT_NE(world_, nullptr);
  HttpAnswer csv = Get("/api/v1/workshops/figures?format=csv", "coordinator_a");
  ASSERT_EQ(csv.status, 200) << csv.raw;
  HttpAnswer xlsx = Get("/api/v1/workshops/figures?format=xlsx", "coordinator_a");
  ASSERT_EQ(xlsx.status, 200) << xlsx.raw;
  EXPECT_EQ(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const std::string sheet = XlsxFirstSheetAsCsv(xlsx.raw);
  auto from_xlsx = ParseCsv(sheet);
  auto from_csv = ParseCsv(csv.raw);
  ASSERT_TRUE(from_xlsx.ok()) << sheet;
  ASSERT_TRUE(from_csv.ok()) << csv.raw;
  EXPECT_EQ(from_xlsx->header, from_csv->header);
  EXPECT_EQ(from_xlsx->rows.size(), from_csv->rows.size());
}

}  // namespace
}  // namespace vinculo::testing
