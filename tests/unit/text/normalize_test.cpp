#include "text/normalize.hpp"

#include <gtest/gtest.h>

namespace rollcall::text {
namespace {

TEST(TrimView, SpacesTabsAndNoBreakSpaces) {
  EXPECT_EQ(TrimView("  a b\t"), "a b");
  EXPECT_EQ(TrimView("\xC2\xA0"
                     "Zoé\xC2\xA0"),
            "Zoé");
  EXPECT_EQ(TrimView(" \r\n"), "");
}

TEST(Nfc, ComposesDecomposedAccents) {
  EXPECT_EQ(Nfc("He\xCC\x81le\xCC\x80ne"), "Hélène");
  EXPECT_EQ(Nfc("Hélène"), "Hélène");
  EXPECT_EQ(Nfc("plain"), "plain");
}

TEST(FoldForMatching, CaseAccentsAndSpelledOutLetters) {
  EXPECT_EQ(FoldForMatching("Prénom*"), "prenom*");
  EXPECT_EQ(FoldForMatching("PRÉNOM"), "prenom");
  EXPECT_EQ(FoldForMatching("Straße"), "strasse");
  EXPECT_EQ(FoldForMatching("Łukasz Wiśniewski"), "lukasz wisniewski");
  EXPECT_EQ(FoldForMatching("Œuvre"), "oeuvre");
  EXPECT_EQ(FoldForMatching("Ayşe Yılmaz"), "ayse yilmaz");
  EXPECT_EQ(FoldForMatching("Nguyễn"), "nguyen");
}

TEST(LowerCase, KeepsAccents) { EXPECT_EQ(LowerCase("ÉLÈVE"), "élève"); }

}  // namespace
}  // namespace rollcall::text
