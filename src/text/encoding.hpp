// Character encodings of roster files, and their transcoding to UTF-8.
//
// What school exports really are: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode
// text"), Windows-1252 or ISO-8859-15 (Excel's "CSV" in France and Germany), Mac Roman (Excel for
// Mac), and now and then a concatenation of a UTF-8 export and a Windows-1252 one.
//
// Detection (EncodingDetector) looks at a BOM, then at whether the bytes are valid UTF-8, and
// otherwise scores each single-byte candidate by what its decoding of the high bytes looks like:
// letters in word context score, symbols and control characters cost. A file that has both valid
// multi-byte UTF-8 and invalid sequences is "mixed": decoded line by line, UTF-8 where a line is
// valid, the best single-byte candidate elsewhere, with a warning per such line.
//
// Decoding (Utf8Decoder) is streaming: chunks of any size, a character split across two chunks is
// decoded whole. It never fails: a byte that fits nowhere becomes U+FFFD and a diagnostic with its
// line number; NUL bytes are dropped with a diagnostic. Lines end at LF, CR LF or a lone CR, as the
// CSV reader counts them.
//
// Pure and thread-compatible; ICU is used only to build the single-byte tables.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"

namespace rollcall::text {

enum class Encoding {
  kUtf8,
  kUtf8Bom,
  kUtf16Le,
  kUtf16Be,
  kWindows1252,
  kIso8859_15,
  kMacRoman,
};

// "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252", "iso-8859-15", "mac-roman".
std::string_view EncodingName(Encoding encoding);
// Accepts the names above and common aliases (latin9, cp1252, macintosh…), case-insensitively.
std::optional<Encoding> ParseEncodingName(std::string_view name);
bool IsSingleByte(Encoding encoding);

struct Detection {
  Encoding encoding = Encoding::kUtf8;
  // Valid UTF-8 overall, but some lines are not: decode line by line with `fallback` for those.
  bool mixed = false;
  Encoding fallback = Encoding::kWindows1252;
  // False only when the detector checked every byte and saw no NUL byte (then decoding valid
  // UTF-8 needs no look at the bytes).
  bool may_hold_nul = true;
};

struct SingleByteTable;  // single_byte.hpp

class EncodingDetector {
 public:
  void Feed(std::string_view chunk);
  Detection Finish() const;

 private:
  void FeedUtf8Validation(std::string_view chunk);
  std::size_t SkipValidBlocks(std::string_view chunk);
  void StepByte(unsigned char byte);
  void BreakPendingSequence();
  void CountHighByte(unsigned char byte, int context);

  struct PendingByte {
    unsigned char byte;
    int context;
  };

  std::uint64_t bytes_seen_ = 0;
  bool may_hold_nul_ = false;  // a NUL byte seen, or bytes not checked for one
  std::string head_;           // the first bytes, for the BOM and UTF-16 checks
  // UTF-8 validation state across chunks.
  int continuation_bytes_needed_ = 0;
  std::uint32_t lower_bound_ = 0x80, upper_bound_ = 0xBF;  // allowed range of the next byte
  std::uint64_t invalid_sequences_ = 0;
  std::uint64_t valid_multibyte_ = 0;
  // Bytes of the UTF-8 sequence being validated; counted below only if it turns out invalid.
  std::array<PendingByte, 4> pending_sequence_{};
  std::size_t pending_size_ = 0;
  // High bytes of invalid sequences, by what precedes them (see HighByteWeight's contexts).
  std::array<std::array<std::uint64_t, 3>, 128> high_byte_counts_{};
  int previous_context_ = 2;
};

// Detects over the whole buffer in one call.
Detection DetectEncoding(std::string_view bytes);

class Utf8Decoder {
 public:
  explicit Utf8Decoder(Detection detection);

  // Appends the UTF-8 of `chunk` to `out`.
  void Feed(std::string_view chunk, std::string& out);
  // Flushes what a last, incomplete chunk left pending.
  void Finish(std::string& out);
  std::vector<Diagnostic> TakeDiagnostics();

 private:
  void FeedUtf8(std::string_view chunk, std::string& out);
  void FeedUtf16(std::string_view chunk, std::string& out);
  void FeedSingleByte(std::string_view chunk, std::string& out);
  void FeedMixed(std::string_view chunk, std::string& out);
  void DecodeMixedLine(std::string_view line, std::string& out);
  void EmitUtf16Unit(std::uint16_t unit, std::string& out);
  void CountLinesUpTo(const std::string& out);
  void Report(const std::string& out, std::string code, std::string byte_hex);

  Detection detection_;
  const SingleByteTable* single_byte_table_ = nullptr;
  bool bom_checked_ = false;
  std::string pending_;  // bytes of a character or line split across chunks
  std::uint16_t high_surrogate_ = 0;
  // Line counting over the decoded text, done lazily up to where a diagnostic is reported.
  // REQUIRES of Feed: the same `out` on every call.
  std::int64_t line_ = 1;
  bool after_cr_ = false;
  std::size_t counted_upto_ = 0;
  std::vector<Diagnostic> diagnostics_;
  std::uint64_t suppressed_ = 0;
};

struct DecodedText {
  std::string utf8;
  Detection detection;
  std::vector<Diagnostic> diagnostics;
};

// Detects (unless `forced`) and decodes a whole buffer. Valid UTF-8 without NUL bytes is moved,
// not copied; a BOM is removed.
DecodedText DecodeToUtf8(std::string bytes, std::optional<Encoding> forced = std::nullopt);

// Decodes a whole buffer as DecodeToUtf8(bytes) does, given what detecting these very bytes found
// (an EncodingDetector fed all of them): a caller that detected while reading a file does not
// detect twice. REQUIRES: `detection` is the detector's verdict on `bytes`, not a forced encoding
// (it vouches for the bytes being valid UTF-8 when it says UTF-8 and not mixed).
DecodedText DecodeDetected(std::string bytes, Detection detection);

// The most diagnostics of one decoder; the rest are counted in one `diagnostics_suppressed`.
inline constexpr std::size_t kMaxDecoderDiagnostics = 200;

}  // namespace rollcall::text
