// Folding text for search, so that what people type finds what was written:
// "Angela" finds "Ángela", "huaman" finds "HUAMÁN", "lukasz" finds "Łukasz".
// The folding is ICU's (decompose, drop the accents, Latin-ASCII for the
// letters that do not decompose such as ł, ø and ß, then lower case), done
// once when a record is written (its folded search text is stored) and once
// per search, so that both database engines compare plain ASCII-folded text
// with LIKE and agree. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vinculo {

// The longest search, in bytes, and the most words it may have.
inline constexpr std::size_t kMaxSearchBytes = 100;
inline constexpr std::size_t kMaxSearchWords = 8;

// `utf8` folded (see above), white space and ASCII punctuation between words
// made one space, none at either end: "Ana-María  HUAMÁN" -> "ana maria huaman". Text that is not
// well-formed UTF-8 folds to what ICU makes of it (U+FFFD for the bad bytes); callers validate
// first.
std::string FoldForSearch(std::string_view utf8);

// The distinct folded words of a search, in order, at most kMaxSearchWords
// (the rest are dropped): "  Mateo  AYALA " -> {"mateo", "ayala"}. A search
// matches a record when each word begins one of the record's words.
std::vector<std::string> SearchWords(std::string_view utf8);

}  // namespace vinculo
