// DecodeDetected: decoding with a detection made beforehand (files::LoadTable detects while it
// reads the file) takes valid UTF-8 over without a copy, and otherwise decodes as DecodeToUtf8.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "text/encoding.hpp"

namespace rollcall::text {
namespace {

using namespace std::string_literals;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

DecodedText DetectThenDecode(std::string bytes) {
  const Detection detection = DetectEncoding(bytes);
  return DecodeDetected(std::move(bytes), detection);
}

TEST(DecodeDetected, TakesValidUtf8OverWithoutACopy) {
  std::string bytes = "Nom;Prénom\r\n";
  for (int row_idx = 0; row_idx < 100; ++row_idx) bytes += "Élise;Zoë\r\n";
  const std::string expected = bytes;
  const char* const data = bytes.data();
  const DecodedText decoded = DetectThenDecode(std::move(bytes));
  EXPECT_EQ(decoded.utf8, expected);
  EXPECT_EQ(decoded.utf8.data(), data);
  EXPECT_EQ(decoded.detection.encoding, Encoding::kUtf8);
  EXPECT_THAT(decoded.diagnostics, IsEmpty());
}

TEST(DecodeDetected, DropsTheBomAndNulBytes) {
  const DecodedText with_bom = DetectThenDecode("\xEF\xBB\xBFNom;Prénom\r\n");
  EXPECT_EQ(with_bom.utf8, "Nom;Prénom\r\n");
  EXPECT_EQ(with_bom.detection.encoding, Encoding::kUtf8Bom);
  const DecodedText with_nul = DetectThenDecode("Nom\r\nA;B\0C\r\n"s);
  EXPECT_EQ(with_nul.utf8, "Nom\r\nA;BC\r\n");
  EXPECT_THAT(with_nul.diagnostics, ElementsAre(Field(&Diagnostic::line, 2)));
}

// Everything that is not plain UTF-8 is decoded, exactly as DecodeToUtf8 decodes it.
TEST(DecodeDetected, DecodesOtherTextAsDecodeToUtf8) {
  for (const std::string& bytes :
       {"Nom;Pr\xE9nom\r\nC\x8CUR;H\xE9l\xE8ne \x80\r\n"s, "Nom;Prénom\r\nL\xE9on;Zo\xEB\r\n"s,
        "\xFF\xFEN\0o\0m\0\r\0\n\0"s, "\xEF\xBB\xBFNom;Pr\xE9nom\r\n"s, "Nom;Pr\xC3"s}) {
    SCOPED_TRACE(::testing::PrintToString(bytes));
    const DecodedText decoded = DetectThenDecode(bytes);
    const DecodedText reference = DecodeToUtf8(bytes);
    EXPECT_EQ(decoded.utf8, reference.utf8);
    EXPECT_EQ(decoded.detection.encoding, reference.detection.encoding);
    EXPECT_EQ(decoded.detection.mixed, reference.detection.mixed);
    EXPECT_EQ(decoded.diagnostics.size(), reference.diagnostics.size());
  }
}

}  // namespace
}  // namespace rollcall::text
