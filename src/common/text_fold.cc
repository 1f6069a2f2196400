#include "common/text_fold.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace vinculo {
namespace {

// Decompose, drop the combining marks, recompose; Latin-ASCII for the
// letters with no decomposition (ł, ø, ß, æ, đ); then lower case.
constexpr const char* kFoldRules = "NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII; Lower";

// A transliterator is not safe to share between threads: one per thread,
// cloned from one built once (building it parses the rules).
const icu::Transliterator& Prototype() {
  static const std::unique_ptr<icu::Transliterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(kFoldRules), UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !made) {
      throw std::runtime_error(std::string("ICU cannot build the search folding: ") +
                               u_errorName(status));
    }
    return made;
  }();
  return *prototype;
}

icu::Transliterator& ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> mine(Prototype().clone());
  return *mine;
}

// Between words: white space and ASCII punctuation ("Ana-María", "NNA-7K2P",
// "O'Brien", "Quispe, Rosa"), so that each part is a word of its own.
bool Separates(char byte) {
  const auto code = static_cast<unsigned char>(byte);
  if (code >= 0x80) return false;
  return !((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9'));
}

}  // namespace

std::string FoldForSearch(std::string_view utf8) {
  std::string folded;
  bool plain = true;  // ASCII only: lower case is all there is to do
  for (char byte : utf8) {
    if (static_cast<unsigned char>(byte) >= 0x80) {
      plain = false;
      break;
    }
  }
  if (plain) {
    folded.assign(utf8);
    std::transform(folded.begin(), folded.end(), folded.begin(), [](char byte) {
      return byte >= 'A' && byte <= 'Z' ? static_cast<char>(byte - 'A' + 'a') : byte;
    });
  } else {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    ThreadTransliterator().transliterate(text);
    text.toUTF8String(folded);
  }
  // One space between words, none around them (lower case already: capitals
  // are gone, so what is left of ASCII is letters, digits and separators).
  std::string spaced;
  spaced.reserve(folded.size());
  for (char byte : folded) {
    if (Separates(byte)) {
      if (!spaced.empty() && spaced.back() != ' ') spaced.push_back(' ');
    } else {
      spaced.push_back(byte);
    }
  }
  if (!spaced.empty() && spaced.back() == ' ') spaced.pop_back();
  return spaced;
}

std::vector<std::string> SearchWords(std::string_view utf8) {
  const std::string folded = FoldForSearch(utf8);
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < folded.size() && words.size() < kMaxSearchWords) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    std::string word = folded.substr(start, end - start);
    if (!word.empty() && std::find(words.begin(), words.end(), word) == words.end()) {
      words.push_back(std::move(word));
    }
    start = end + 1;
  }
  return words;
}

}  // namespace vinculo
