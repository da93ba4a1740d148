// The word-at-a-time fast paths of the detector and the decoders must give exactly what the plain
// byte-by-byte definitions give, wherever the interesting bytes fall: at the start, in the middle
// or at the end of an 8-byte word, a 16-byte stride, a 4096-byte decoding block or a chunk.
// References here are deliberately naive; inputs are pseudo-random from fixed seeds.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "text/ascii_scan.hpp"
#include "text/encoding.hpp"
#include "text/single_byte.hpp"
#include "text/utf8.hpp"

namespace rollcall::text {
namespace {

// Mostly ASCII letters, with line ends and, at the given per-mille rates, bytes >= 0x80 and NULs.
std::string RandomText(std::uint64_t seed, std::size_t size, unsigned high_per_mille,
                       unsigned nul_per_mille) {
  std::mt19937_64 engine(seed);
  std::string text;
  for (std::size_t byte_idx = 0; byte_idx < size; ++byte_idx) {
    const unsigned roll = static_cast<unsigned>(engine() % 1000);
    if (roll < nul_per_mille) {
      text.push_back('\0');
    } else if (roll < nul_per_mille + high_per_mille) {
      text.push_back(static_cast<char>(0x80 + engine() % 128));
    } else if (roll < nul_per_mille + high_per_mille + 20) {
      text.push_back(engine() % 2 == 0 ? '\n' : '\r');
    } else {
      text.push_back(static_cast<char>('a' + engine() % 26));
    }
  }
  return text;
}

// Windows-1252 French: ASCII with é, è, à, ç, never followed by a continuation byte.
std::string RandomLatin1(std::uint64_t seed, std::size_t size) {
  constexpr char kAccents[] = {'\xE9', '\xE8', '\xE0', '\xE7'};
  std::mt19937_64 engine(seed);
  std::string text;
  while (text.size() < size) {
    text.push_back(static_cast<char>('a' + engine() % 26));
    if (engine() % 20 == 0) text.push_back(kAccents[engine() % 4]);
    if (engine() % 40 == 0) text.append("\r\n");
  }
  return text;
}

// Valid UTF-8 with accents, now and then broken by a lone continuation or lead byte.
std::string RandomUtf8(std::uint64_t seed, std::size_t characters, unsigned broken_per_mille) {
  constexpr std::string_view kPieces[] = {"a", "b", "é", "ü", "€", "😀", ";", "\r\n", "ß", "œ"};
  std::mt19937_64 engine(seed);
  std::string text;
  for (std::size_t character_idx = 0; character_idx < characters; ++character_idx) {
    if (engine() % 1000 < broken_per_mille) {
      text.push_back(engine() % 2 == 0 ? '\xA9' : '\xE9');
    } else {
      text.append(kPieces[engine() % std::size(kPieces)]);
    }
  }
  return text;
}

struct Decoded {
  std::string utf8;
  std::vector<std::string> diagnostics;  // "code@line byte"
};

std::vector<std::string> Describe(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> described;
  for (const Diagnostic& diagnostic : diagnostics) {
    described.push_back(diagnostic.code + "@" + std::to_string(diagnostic.line) + " " +
                        std::string(diagnostic.Param("byte")) +
                        std::string(diagnostic.Param("count")));
  }
  return described;
}

Decoded DecodeInChunks(std::string_view bytes, const Detection& detection, std::size_t chunk) {
  Utf8Decoder decoder(detection);
  Decoded decoded;
  for (std::size_t offset = 0; offset < bytes.size(); offset += chunk) {
    decoder.Feed(bytes.substr(offset, chunk), decoded.utf8);
  }
  decoder.Finish(decoded.utf8);
  decoded.diagnostics = Describe(decoder.TakeDiagnostics());
  return decoded;
}

// Byte by byte from the table, lines counted in the output, as the decoder promises.
Decoded NaiveSingleByte(std::string_view bytes, Encoding encoding) {
  const SingleByteTable& table = GetSingleByteTable(encoding);
  Decoded decoded;
  std::int64_t line = 1;
  char previous = 0;
  for (const char byte : bytes) {
    const auto value = static_cast<unsigned char>(byte);
    std::string piece;
    if (value == 0) {
      decoded.diagnostics.push_back("nul_byte@" + std::to_string(line) + " ");
    } else if (value < 0x80) {
      piece = std::string(1, byte);
    } else if (!table.utf8[value - 0x80u].empty()) {
      piece = table.utf8[value - 0x80u];
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      decoded.diagnostics.push_back("invalid_byte@" + std::to_string(line) + " 0x" +
                                    kHex[value >> 4] + kHex[value & 15]);
      piece = std::string(kReplacementCharacter);
    }
    for (const char out : piece) {
      if (out == '\r' || (out == '\n' && previous != '\r')) ++line;
      previous = out;
    }
    decoded.utf8 += piece;
  }
  return decoded;
}

bool NaiveIsValidUtf8(std::string_view bytes) {
  for (std::size_t position = 0; position < bytes.size();) {
    const int length = Utf8CharLength(bytes.substr(position));
    if (length <= 0) return false;
    position += static_cast<std::size_t>(length);
  }
  return true;
}

TEST(AsciiScan, FindsTheFirstByteAtEveryOffset) {
  const std::string text = RandomText(1, 300, 30, 30);
  for (std::size_t start = 0; start <= text.size(); ++start) {
    std::size_t high = start, high_or_nul = start;
    while (high < text.size() && static_cast<unsigned char>(text[high]) < 0x80) ++high;
    while (high_or_nul < text.size() && static_cast<unsigned char>(text[high_or_nul]) < 0x80 &&
           text[high_or_nul] != '\0') {
      ++high_or_nul;
    }
    EXPECT_EQ(internal::SkipAscii(text, start), high) << start;
    EXPECT_EQ(internal::SkipPlainAscii(text, start), high_or_nul) << start;
  }
}

TEST(AsciiScan, MarksExactlyHighAndNulBytes) {
  for (unsigned value = 0; value < 256; ++value) {
    for (unsigned place = 0; place < 8; ++place) {
      std::string word(8, 'x');
      word[place] = static_cast<char>(value);
      const std::uint64_t marks = internal::MarkHighOrZero(internal::LoadWord(word.data()));
      EXPECT_EQ(marks != 0, value == 0 || value >= 0x80) << value;
      if (marks != 0) {
        EXPECT_EQ(internal::FirstMarkedByte(marks), place);
      }
    }
  }
}

TEST(IsValidUtf8, AgreesWithCharLengthAtEveryOffset) {
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    const std::string text = RandomUtf8(seed, 60, seed % 4 == 0 ? 0 : 10);
    for (std::size_t start = 0; start < text.size(); start += 7) {
      const std::string_view tail = std::string_view(text).substr(start);
      EXPECT_EQ(IsValidUtf8(tail), NaiveIsValidUtf8(tail)) << seed << " " << start;
    }
  }
}

TEST(SingleByteDecoding, MatchesTheTableByteByByte) {
  for (Encoding encoding : {Encoding::kWindows1252, Encoding::kIso8859_15, Encoding::kMacRoman}) {
    // Crosses several 4096-byte blocks; few enough specials to stay under the diagnostic cap.
    const std::string bytes = RandomText(static_cast<std::uint64_t>(encoding), 10'000, 40, 1);
    const Decoded expected = NaiveSingleByte(bytes, encoding);
    ASSERT_LT(expected.diagnostics.size(), kMaxDecoderDiagnostics);
    for (std::size_t chunk :
         {std::size_t{10'000}, std::size_t{4097}, std::size_t{13}, std::size_t{1}}) {
      const Decoded decoded = DecodeInChunks(bytes, Detection{encoding}, chunk);
      EXPECT_EQ(decoded.utf8, expected.utf8) << EncodingName(encoding) << " chunk " << chunk;
      EXPECT_EQ(decoded.diagnostics, expected.diagnostics) << EncodingName(encoding);
    }
    DecodedText whole = DecodeToUtf8(bytes, encoding);
    EXPECT_EQ(whole.utf8, expected.utf8);
    EXPECT_EQ(whole.utf8.capacity(), whole.utf8.size()) << "reserved exactly";
  }
}

TEST(SingleByteDecoding, EveryByteValueAtEveryPlaceOfAWord) {
  std::string bytes;
  for (unsigned value = 0; value < 256; ++value) {
    for (unsigned place = 0; place < 9; ++place) {
      bytes += std::string(place, 'a') + static_cast<char>(value) + "bc\n";
    }
  }
  const Decoded expected = NaiveSingleByte(bytes, Encoding::kWindows1252);
  const Decoded decoded = DecodeInChunks(bytes, Detection{Encoding::kWindows1252}, bytes.size());
  EXPECT_EQ(decoded.utf8, expected.utf8);
  ASSERT_LT(expected.diagnostics.size(), kMaxDecoderDiagnostics);
  EXPECT_EQ(decoded.diagnostics, expected.diagnostics);
}

TEST(Utf8Decoding, ChunkedEqualsWhole) {
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    std::string bytes = RandomUtf8(seed, 3000, 5);
    if (seed % 2 == 1) bytes.insert(bytes.size() / 2, 1, '\0');
    const Decoded whole = DecodeInChunks(bytes, Detection{Encoding::kUtf8}, bytes.size());
    EXPECT_FALSE(whole.diagnostics.empty());
    for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{17}}) {
      const Decoded chunked = DecodeInChunks(bytes, Detection{Encoding::kUtf8}, chunk);
      EXPECT_EQ(chunked.utf8, whole.utf8) << seed << " chunk " << chunk;
      EXPECT_EQ(chunked.diagnostics, whole.diagnostics) << seed << " chunk " << chunk;
    }
  }
}

TEST(EncodingDetector, ChunkedEqualsWhole) {
  const std::vector<std::string> inputs = {
      RandomUtf8(1, 5000, 0),                         // valid UTF-8
      RandomUtf8(2, 5000, 1),                         // mixed
      RandomLatin1(3, 20'000),                        // single-byte
      std::string(kUtf8Bom) + RandomUtf8(4, 500, 0),  // BOM
      RandomUtf8(5, 5000, 0) + "\xE2\x82",            // cut at the end
  };
  for (std::size_t input_idx = 0; input_idx < inputs.size(); ++input_idx) {
    const Detection whole = DetectEncoding(inputs[input_idx]);
    for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{4096}}) {
      EncodingDetector detector;
      for (std::size_t offset = 0; offset < inputs[input_idx].size(); offset += chunk) {
        detector.Feed(std::string_view(inputs[input_idx]).substr(offset, chunk));
      }
      const Detection chunked = detector.Finish();
      EXPECT_EQ(chunked.encoding, whole.encoding) << input_idx << " chunk " << chunk;
      EXPECT_EQ(chunked.mixed, whole.mixed) << input_idx << " chunk " << chunk;
      EXPECT_EQ(chunked.fallback, whole.fallback) << input_idx << " chunk " << chunk;
    }
  }
  EXPECT_EQ(DetectEncoding(inputs[0]).encoding, Encoding::kUtf8);
  EXPECT_TRUE(DetectEncoding(inputs[1]).mixed);
  EXPECT_TRUE(IsSingleByte(DetectEncoding(inputs[2]).encoding));
  EXPECT_EQ(DetectEncoding(inputs[3]).encoding, Encoding::kUtf8Bom);
}

}  // namespace
}  // namespace rollcall::text
