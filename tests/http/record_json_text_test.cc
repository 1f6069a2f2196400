// RecordJsonText writes the API's record answers without building a JSON
// object; it must give exactly the bytes RecordToJson(record).dump() gives,
// for every kind of value and every string a record can hold.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json/record_json.h"

namespace vinculo {
namespace {

Record SampleRecord() {
  Record record;
  record.id = 42;
  record.version = 7;
  record.archived = true;
  record.created_at = "2026-11-23T16:13:31Z";
  record.updated_at = "2026-11-24T08:00:00Z";
  record.values["given_names"] = std::string("Wayra Ñusta");
  record.values["family_names"] = std::string("Condori Cusi");
  record.values["facility_id"] = Value{};
  record.values["home_id"] = 1LL;
  record.values["balance"] = -9223372036854775807LL - 1;
  record.values["home_latitude"] = -12.0464;
  record.values["home_longitude"] = 1.0;
  record.values["tiny"] = 1e-7;
  record.values["huge"] = 1e300;
  record.values["consented"] = false;
  record.values["allowed"] = true;
  record.values["school_grade"] = std::string("1.º de secundaria");
  return record;
}

TEST(RecordJsonText, IsTheDumpOfTheJsonObject) {
  const Record record = SampleRecord();
  EXPECT_EQ(RecordJsonText(record), RecordToJson(record).dump());
}

TEST(RecordJsonText, EscapesEveryStringAsTheDumpDoes) {
  const std::string strings[] = {
      "",
      "comillas \" y barra \\ invertida",
      "línea\nnueva\r\tcon\bcontrol\f",
      // sizeof - 1: the literal's own bytes (13 read past its end: AddressSanitizer).
      std::string("nul \0 y \x01\x1f\x7f", sizeof("nul \0 y \x01\x1f\x7f") - 1),
      "emoji 👶🏽 y acentos áéíóú ÁÉÍÓÚ ñ Ñ ü",
      "/barra/ </script>",
      "\xe2\x80\xa8 separador de línea U+2028",
  };
  for (const std::string& text : strings) {
    Record record = SampleRecord();
    record.values["note"] = text;
    record.created_at = text;
    EXPECT_EQ(RecordJsonText(record), RecordToJson(record).dump()) << text;
  }
}

TEST(RecordJsonText, OrdersMembersByKeyLikeTheJsonObject) {
  Record record;
  record.values["zeta"] = 1LL;
  record.values["a"] = 2LL;
  record.values["id_document"] = std::string("x");
  record.values["Mayúscula"] = std::string("y");
  record.values["updated_at_local"] = std::string("z");
  const std::string text = RecordJsonText(record);
  EXPECT_EQ(text, RecordToJson(record).dump());
  EXPECT_LT(text.find("\"Mayúscula\""), text.find("\"a\""));
  EXPECT_LT(text.find("\"id\""), text.find("\"id_document\""));
}

TEST(RecordJsonText, AFieldNamedLikeASystemFieldReplacesIt) {
  Record record = SampleRecord();
  record.values["version"] = std::string("from the field");
  EXPECT_EQ(RecordJsonText(record), RecordToJson(record).dump());
}

// The system members are merged into the (already sorted) field values: every
// system name replaced in turn, and field names sorting just before, between
// and after them, must still give the dump's order.
TEST(RecordJsonText, MergesSystemMembersAmongFieldsOfAnyName) {
  const char* names[] = {"",  "archive", "archived_on", "b",           "created",  "created_at_x",
                         "i", "id_",     "updated",     "updated_at0", "version_", "w",
                         "zz"};
  for (const char* replaced : {"", "archived", "created_at", "id", "updated_at", "version"}) {
    Record record = SampleRecord();
    for (const char* name : names) record.values[name] = std::string(name);
    if (*replaced) record.values[replaced] = 5LL;
    EXPECT_EQ(RecordJsonText(record), RecordToJson(record).dump()) << replaced;
  }
  Record only_system;
  EXPECT_EQ(RecordJsonText(only_system), RecordToJson(only_system).dump());
}

TEST(RecordJsonText, RefusesTextThatIsNotUtf8AsTheDumpDoes) {
  const std::string broken[] = {"\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "ok \xff"};
  for (const std::string& text : broken) {
    Record record = SampleRecord();
    record.values["note"] = text;
    EXPECT_THROW(RecordToJson(record).dump(), nlohmann::json::type_error);
    EXPECT_THROW(RecordJsonText(record), nlohmann::json::type_error);
  }
}

}  // namespace
}  // namespace vinculo
