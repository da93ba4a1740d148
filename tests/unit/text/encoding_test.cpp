#include "text/encoding.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "text/utf8.hpp"

namespace rollcall::text {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

// Windows-1252 bytes of "Nom;Prénom\r\nCŒUR;Hélène – l’été à 5 €\r\n".
const std::string kFrench1252 =
    "Nom;Pr\xE9nom\r\nC\x8CUR;H\xE9l\xE8ne \x96 l\x92\xE9t\xE9 \xE0 5 \x80\r\n";
const std::string kFrenchUtf8 = "Nom;Prénom\r\nCŒUR;Hélène – l’été à 5 €\r\n";

TEST(EncodingNames, RoundTrip) {
  for (Encoding encoding :
       {Encoding::kUtf8, Encoding::kUtf8Bom, Encoding::kUtf16Le, Encoding::kUtf16Be,
        Encoding::kWindows1252, Encoding::kIso8859_15, Encoding::kMacRoman}) {
    EXPECT_EQ(ParseEncodingName(EncodingName(encoding)), encoding);
  }
  EXPECT_EQ(ParseEncodingName("CP1252"), Encoding::kWindows1252);
  EXPECT_EQ(ParseEncodingName("latin9"), Encoding::kIso8859_15);
  EXPECT_EQ(ParseEncodingName("ebcdic"), std::nullopt);
}

TEST(Utf8, CharLengthFollowsTheUnicodeTable) {
  EXPECT_EQ(Utf8CharLength("a"), 1);
  EXPECT_EQ(Utf8CharLength("é"), 2);
  EXPECT_EQ(Utf8CharLength("€"), 3);
  EXPECT_EQ(Utf8CharLength("😀"), 4);
  EXPECT_EQ(Utf8CharLength("\xE2\x82"), 0);          // incomplete
  EXPECT_LT(Utf8CharLength("\xC0\x80"), 0);          // overlong NUL
  EXPECT_LT(Utf8CharLength("\xED\xA0\x80"), 0);      // surrogate
  EXPECT_LT(Utf8CharLength("\xF4\x90\x80\x80"), 0);  // beyond U+10FFFF
  EXPECT_LT(Utf8CharLength("\xE9t"), 0);             // Latin-1 é followed by ASCII
}

TEST(DetectEncoding, PlainAndBom) {
  EXPECT_EQ(DetectEncoding("Nom;Prénom\n").encoding, Encoding::kUtf8);
  EXPECT_EQ(DetectEncoding("ascii only\n").encoding, Encoding::kUtf8);
  EXPECT_EQ(DetectEncoding("\xEF\xBB\xBFNom\n").encoding, Encoding::kUtf8Bom);
  EXPECT_EQ(DetectEncoding(std::string("\xFF\xFEN\0o\0", 6)).encoding, Encoding::kUtf16Le);
  EXPECT_EQ(DetectEncoding(std::string("\xFE\xFF\0N\0o", 6)).encoding, Encoding::kUtf16Be);
}

TEST(DetectEncoding, Utf16WithoutBomFromItsZeroBytes) {
  EXPECT_EQ(DetectEncoding(std::string("N\0o\0m\0;\0", 8)).encoding, Encoding::kUtf16Le);
  EXPECT_EQ(DetectEncoding(std::string("\0N\0o\0m\0;", 8)).encoding, Encoding::kUtf16Be);
}

TEST(DetectEncoding, FrenchWindows1252) {
  const Detection detection = DetectEncoding(kFrench1252);
  EXPECT_EQ(detection.encoding, Encoding::kWindows1252);
  EXPECT_FALSE(detection.mixed);
}

TEST(DetectEncoding, GermanWindows1252) {
  EXPECT_EQ(DetectEncoding("Nachname;Vorname\nM\xFCller;J\xFCrgen\nGro\xDF;\xC4nne\n").encoding,
            Encoding::kWindows1252);
}

TEST(DetectEncoding, UpperCaseFrenchNamesAreWindows1252) {
  EXPECT_EQ(DetectEncoding("NOM\nH\xC9L\xC8NE\nJOS\xC9\n").encoding, Encoding::kWindows1252);
}

TEST(DetectEncoding, Iso8859_15FromOeAndEuro) {
  // "cœur" with œ = 0xBD and "5 €" with € = 0xA4: symbols in Windows-1252, letters here.
  EXPECT_EQ(DetectEncoding("Nom\nc\xBDur\nS\xE9verine 5 \xA4\n").encoding, Encoding::kIso8859_15);
}

TEST(DetectEncoding, MacRoman) {
  // "Hélène Müller à Besançon" as Excel for Mac writes it.
  EXPECT_EQ(DetectEncoding("H\x8El\x8Fne;M\x9Fller\n\x88 Besan\x8D"
                           "on\n")
                .encoding,
            Encoding::kMacRoman);
}

TEST(DetectEncoding, ConcatenatedUtf8AndWindows1252IsMixed) {
  const Detection detection = DetectEncoding("Nom;Prénom\nHélène;A\nH\xE9l\xE8ne;B\n");
  EXPECT_EQ(detection.encoding, Encoding::kUtf8);
  EXPECT_TRUE(detection.mixed);
  EXPECT_EQ(detection.fallback, Encoding::kWindows1252);
}

TEST(DecodeToUtf8, Windows1252) {
  const DecodedText decoded = DecodeToUtf8(kFrench1252);
  EXPECT_EQ(decoded.utf8, kFrenchUtf8);
  EXPECT_TRUE(decoded.diagnostics.empty());
}

TEST(DecodeToUtf8, BomIsRemoved) {
  const DecodedText decoded = DecodeToUtf8("\xEF\xBB\xBFNom;Prénom\n");
  EXPECT_EQ(decoded.detection.encoding, Encoding::kUtf8Bom);
  EXPECT_EQ(decoded.utf8, "Nom;Prénom\n");
}

TEST(DecodeToUtf8, Utf16LittleEndianWithSurrogatePair) {
  // BOM, "é;😀\n"
  const std::string bytes("\xFF\xFE\xE9\x00;\x00\x3D\xD8\x00\xDE\n\x00", 12);
  const DecodedText decoded = DecodeToUtf8(bytes);
  EXPECT_EQ(decoded.detection.encoding, Encoding::kUtf16Le);
  EXPECT_EQ(decoded.utf8, "é;😀\n");
  EXPECT_TRUE(decoded.diagnostics.empty());
}

TEST(DecodeToUtf8, Utf16BigEndian) {
  const std::string bytes("\xFE\xFF\x00N\x00\xE9\x00\n", 8);
  EXPECT_EQ(DecodeToUtf8(bytes).utf8, "Né\n");
}

TEST(DecodeToUtf8, LoneSurrogateIsReplacedWithItsLine) {
  const std::string bytes(
      "\xFF\xFE"
      "a\x00\n\x00\x00\xD8"
      "b\x00",
      10);
  const DecodedText decoded = DecodeToUtf8(bytes);
  EXPECT_EQ(decoded.utf8,
            "a\n\xEF\xBF\xBD"
            "b");
  ASSERT_EQ(decoded.diagnostics.size(), 1u);
  EXPECT_EQ(decoded.diagnostics[0].code, "invalid_byte");
  EXPECT_EQ(decoded.diagnostics[0].line, 2);
}

TEST(DecodeToUtf8, MixedFileWarnsOnEachNonUtf8Line) {
  const DecodedText decoded = DecodeToUtf8("Nom;Prénom\nHélène;A\nH\xE9l\xE8ne;B\nZoé;C\n");
  EXPECT_EQ(decoded.utf8, "Nom;Prénom\nHélène;A\nHélène;B\nZoé;C\n");
  ASSERT_EQ(decoded.diagnostics.size(), 1u);
  EXPECT_EQ(decoded.diagnostics[0].code, "line_not_utf8");
  EXPECT_EQ(decoded.diagnostics[0].line, 3);
  EXPECT_EQ(decoded.diagnostics[0].Param("encoding"), "windows-1252");
}

TEST(DecodeToUtf8, InvalidBytesInForcedUtf8BecomeReplacementWithLine) {
  const DecodedText decoded = DecodeToUtf8(
      "a\r\nb\r\nc\xFF"
      "d\n",
      Encoding::kUtf8);
  EXPECT_EQ(decoded.utf8,
            "a\r\nb\r\nc\xEF\xBF\xBD"
            "d\n");
  ASSERT_EQ(decoded.diagnostics.size(), 1u);
  EXPECT_EQ(decoded.diagnostics[0].code, "invalid_byte");
  EXPECT_EQ(decoded.diagnostics[0].line, 3);
  EXPECT_EQ(decoded.diagnostics[0].Param("byte"), "0xFF");
}

TEST(DecodeToUtf8, NulByteIsDroppedWithItsLine) {
  const DecodedText decoded = DecodeToUtf8(std::string("a;b\rc\0;d\r", 9));
  EXPECT_EQ(decoded.utf8, "a;b\rc;d\r");
  EXPECT_THAT(decoded.diagnostics, ElementsAre(AllOf(Field(&Diagnostic::code, "nul_byte"),
                                                     Field(&Diagnostic::line, 2))));
}

TEST(DecodeToUtf8, UndefinedWindows1252ByteIsReported) {
  const DecodedText decoded = DecodeToUtf8("caf\xE9\nx\x81y\n", Encoding::kWindows1252);
  EXPECT_EQ(decoded.utf8, "café\nx\xEF\xBF\xBDy\n");
  ASSERT_EQ(decoded.diagnostics.size(), 1u);
  EXPECT_EQ(decoded.diagnostics[0].line, 2);
}

TEST(DecodeToUtf8, TruncatedCharacterAtTheEnd) {
  const DecodedText decoded = DecodeToUtf8("ok\n\xE2\x82", Encoding::kUtf8);
  EXPECT_EQ(decoded.utf8, "ok\n\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(decoded.diagnostics.size(), 2u);
}

TEST(DecodeToUtf8, ManyProblemsAreCappedAndCounted) {
  const DecodedText decoded =
      DecodeToUtf8(std::string(kMaxDecoderDiagnostics + 50, '\xFF'), Encoding::kUtf8);
  ASSERT_EQ(decoded.diagnostics.size(), kMaxDecoderDiagnostics + 1);
  EXPECT_EQ(decoded.diagnostics.back().code, "diagnostics_suppressed");
  EXPECT_EQ(decoded.diagnostics.back().Param("count"), "50");
}

// Feeding one byte at a time must give what one call gives: characters split across read
// buffers are decoded whole.
std::string DecodeInChunks(std::string_view bytes, std::size_t chunk_size,
                           std::vector<Diagnostic>* diagnostics = nullptr) {
  EncodingDetector detector;
  for (std::size_t offset = 0; offset < bytes.size(); offset += chunk_size) {
    detector.Feed(bytes.substr(offset, chunk_size));
  }
  Utf8Decoder decoder(detector.Finish());
  std::string out;
  for (std::size_t offset = 0; offset < bytes.size(); offset += chunk_size) {
    decoder.Feed(bytes.substr(offset, chunk_size), out);
  }
  decoder.Finish(out);
  if (diagnostics) *diagnostics = decoder.TakeDiagnostics();
  return out;
}

TEST(Utf8Decoder, ChunkBoundariesNeverSplitACharacter) {
  const std::string utf8 = "\xEF\xBB\xBFNom;Prénom\r\nŁukasz;Nguyễn 😀\r\n";
  const std::string utf16("\xFF\xFE\x41\x00\xE9\x00\x3D\xD8\x00\xDE\r\x00\n\x00", 14);  // "Aé😀\r\n"
  const std::string mixed = "Zoé\r\nH\xE9l\xE8ne\r\nZoé\r\n";
  for (std::size_t chunk_size : {1u, 2u, 3u, 5u, 4096u}) {
    SCOPED_TRACE(chunk_size);
    EXPECT_EQ(DecodeInChunks(utf8, chunk_size), "Nom;Prénom\r\nŁukasz;Nguyễn 😀\r\n");
    EXPECT_EQ(DecodeInChunks(utf16, chunk_size), "Aé😀\r\n");
    EXPECT_EQ(DecodeInChunks(kFrench1252, chunk_size), kFrenchUtf8);
    std::vector<Diagnostic> diagnostics;
    EXPECT_EQ(DecodeInChunks(mixed, chunk_size, &diagnostics), "Zoé\r\nHélène\r\nZoé\r\n");
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].line, 2);
  }
}

TEST(Utf8Decoder, MultiByteCharacterAcross4096ByteBuffers) {
  std::string text(4095, 'a');
  text += "ÅØ\n";
  EXPECT_EQ(DecodeInChunks(text, 4096), text);
}

}  // namespace
}  // namespace rollcall::text
