// What a preview or a terminal shows of a value: bounded, and unable to drive the terminal.
#include "text/display.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rollcall::text {
namespace {

TEST(Display, LongValuesAreCutOnACharacterBoundary) {
  const std::string long_value = std::string(199, 'a') + "é" + std::string(10'000'000, 'b');
  const std::string cut = CutForPreview(long_value);
  EXPECT_EQ(cut, std::string(199, 'a') + "\xE2\x80\xA6");  // "é" would straddle byte 200
  EXPECT_EQ(CutForPreview("short"), "short");
  EXPECT_LE(DisplayText(long_value).size(), kPreviewValueBytes + 3);
}

TEST(Display, TerminalControlCharactersAreEscaped) {
  EXPECT_EQ(DisplayText("a\x1B[2Jb\x07"), "a\\x1b[2Jb\\x07");
  EXPECT_EQ(DisplayText("tab\there\r\nnext"), "tab here  next");
  EXPECT_EQ(DisplayText("\xC2\x9B"
                        "c1"),
            "<U+009B>c1");  // C1 CSI
  EXPECT_EQ(DisplayText("bad\xFF"), "bad\\xff");
}

TEST(Display, InvisibleAndBidiCharactersAreShown) {
  EXPECT_EQ(DisplayText("txt\xE2\x80\xAE"
                        "exe.doc"),
            "txt<U+202E>exe.doc");
  EXPECT_EQ(DisplayText("Ma\xE2\x80\x8Brie"), "Ma<U+200B>rie");
  EXPECT_EQ(DisplayText("\xEF\xBB\xBFMarie"), "<U+FEFF>Marie");
  EXPECT_EQ(DisplayText("Zoé Łukasz"), "Zoé Łukasz");
}

}  // namespace
}  // namespace rollcall::text
