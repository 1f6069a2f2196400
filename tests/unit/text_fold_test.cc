// Issue 16: folding for search. What people type ("angela", "HUAMAN",
// "lukasz") folds like what was written ("Ángela", "Huamán", "Łukasz"), on
// composed and decomposed input alike.
#include "common/text_fold.h"

#include <gtest/gtest.h>

namespace vinculo {
namespace {

TEST(TextFoldTest, Issue16_AccentsAndCaseFoldAway) {
  EXPECT_EQ(FoldForSearch("Ángela"), "angela");
  EXPECT_EQ(FoldForSearch("QUISPE HUAMÁN"), "quispe huaman");
  EXPECT_EQ(FoldForSearch("Ñusta Valentina"), "nusta valentina");
  EXPECT_EQ(FoldForSearch("Joaquín Ccahuana Güere"), "joaquin ccahuana guere");
  // Decomposed: A followed by a combining acute accent (U+0301).
  EXPECT_EQ(FoldForSearch("A\xCC\x81ngela"), "angela");
}

TEST(TextFoldTest, Issue16_LettersWithoutADecompositionFoldToo) {
  EXPECT_EQ(FoldForSearch("Łukasz Żółć"), "lukasz zolc");
  EXPECT_EQ(FoldForSearch("Søren Straße"), "soren strasse");
  EXPECT_EQ(FoldForSearch("Đorđe"), "dorde");
  // Cyrillic keeps its letters, in lower case.
  EXPECT_EQ(FoldForSearch("ЮЛИЯ"), "юлия");
}

TEST(TextFoldTest, Issue16_PunctuationAndSpaceSeparateWords) {
  EXPECT_EQ(FoldForSearch("  Ana-María \t O'Brien, "), "ana maria o brien");
  EXPECT_EQ(FoldForSearch("NNA-7K2PQ3RT"), "nna 7k2pq3rt");
  EXPECT_EQ(FoldForSearch("'; DROP TABLE children; --"), "drop table children");
  EXPECT_EQ(FoldForSearch(""), "");
  EXPECT_EQ(FoldForSearch("%_\\"), "");
}

TEST(TextFoldTest, Issue16_ASearchIsItsDistinctWordsUpToTheLimit) {
  EXPECT_EQ(SearchWords("  Mateo  AYALA "), (std::vector<std::string>{"mateo", "ayala"}));
  EXPECT_EQ(SearchWords("ángela Angela ANGELA"), (std::vector<std::string>{"angela"}));
  EXPECT_TRUE(SearchWords(" -- ").empty());
  const auto many = SearchWords("a b c d e f g h i j k");
  ASSERT_EQ(many.size(), kMaxSearchWords);
  EXPECT_EQ(many.back(), "h");
}

}  // namespace
}  // namespace vinculo
