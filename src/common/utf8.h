// Strict UTF-8 validation, shared by the CSV reader and the domain's text
// fields so that both engines store the same text (PostgreSQL refuses what
// SQLite would keep). Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace vinculo {

// Returns the length (2 to 4) of the well-formed UTF-8 sequence starting at text[pos], whose
// first byte is at least 0x80, or 0 if it is not well-formed. Follows the table of well-formed
// byte sequences in the Unicode Standard (chapter 3): no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF.
size_t Utf8SequenceLength(std::string_view text, size_t pos);

// Whether all of `text` is well-formed UTF-8 in the sense above.
bool IsValidUtf8(std::string_view text);

}  // namespace vinculo
