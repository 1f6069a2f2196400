// The text of an enum class's values as the database stores them and the API
// sends them, declared once per enum as a table of {value, name}, and the two
// lookups every such enum needs: the name of a value and the value of a name.
// Header only; pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace vinculo {

template <typename Enum>
struct EnumName {
  Enum value;
  const char* name;
};

// The name of `value` in `names`; "" when the table lacks it (a programmer
// error: each enum's unit test walks every value).
template <typename Enum, std::size_t N>
constexpr const char* NameIn(const EnumName<Enum> (&names)[N], Enum value) {
  for (const EnumName<Enum>& entry : names) {
    if (entry.value == value) return entry.name;
  }
  return "";
}

// The value named `text`; kInvalidArgument naming `field` ("must be one of
// draft, published") for any other text.
template <typename Enum, std::size_t N>
Result<Enum> ParseIn(const EnumName<Enum> (&names)[N], std::string_view text, const char* field) {
  std::string allowed;
  for (const EnumName<Enum>& entry : names) {
    if (text == entry.name) return entry.value;
    if (!allowed.empty()) allowed += ", ";
    allowed += entry.name;
  }
  return InvalidArgument(field, "must be one of " + allowed).Because(Refusal::kValueNotAllowed);
}

}  // namespace vinculo
