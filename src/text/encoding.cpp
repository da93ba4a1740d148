#include "text/encoding.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "text/ascii_scan.hpp"
#include "text/normalize.hpp"
#include "text/single_byte.hpp"
#include "text/utf8.hpp"
#include "text/utf8_blocks.hpp"

namespace rollcall::text {
namespace {

constexpr std::size_t kHeadBytes = 4096;
// What a chunk's valid blocks may leave: a partial block, and a block cut inside a character.
constexpr std::size_t kMaxNulCheckedRest = 128;

bool IsAsciiLower(unsigned char byte) { return byte >= 'a' && byte <= 'z'; }
bool IsAsciiUpper(unsigned char byte) { return byte >= 'A' && byte <= 'Z'; }

int ContextOf(unsigned char previous) {
  if (IsAsciiLower(previous)) return 0;
  if (IsAsciiUpper(previous)) return 1;
  return 2;
}

// The length of the valid multi-byte UTF-8 character that starts `bytes`, or 0 when it is not
// one or is not complete. Inline twin of Utf8CharLength() for the detector's hot loop.
std::size_t ValidSequenceLength(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned lead = data[0];
  const auto is_continuation = [&](std::size_t index) { return (data[index] & 0xC0u) == 0x80u; };
  if (lead >= 0xC2 && lead <= 0xDF) {
    return bytes.size() >= 2 && is_continuation(1) ? 2 : 0;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (bytes.size() < 3) return 0;
    const unsigned second_low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned second_high = lead == 0xED ? 0x9F : 0xBF;
    const bool valid = data[1] >= second_low && data[1] <= second_high && is_continuation(2);
    return valid ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (bytes.size() < 4) return 0;
    const unsigned second_low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned second_high = lead == 0xF4 ? 0x8F : 0xBF;
    const bool valid =
        data[1] >= second_low && data[1] <= second_high && is_continuation(2) && is_continuation(3);
    return valid ? 4 : 0;
  }
  return 0;
}

std::optional<Detection> DetectFromHead(std::string_view head) {
  if (head.substr(0, 3) == kUtf8Bom) return Detection{Encoding::kUtf8Bom};
  if (head.substr(0, 2) == "\xFF\xFE") return Detection{Encoding::kUtf16Le};
  if (head.substr(0, 2) == "\xFE\xFF") return Detection{Encoding::kUtf16Be};
  // UTF-16 without a BOM: mostly-Latin text has a zero byte in every other position.
  const std::size_t pairs = head.size() / 2;
  if (pairs < 2) return std::nullopt;
  std::size_t zeros_even = 0, zeros_odd = 0;
  for (std::size_t pair_idx = 0; pair_idx < pairs; ++pair_idx) {
    zeros_even += head[2 * pair_idx] == '\0';
    zeros_odd += head[2 * pair_idx + 1] == '\0';
  }
  if (zeros_odd * 10 >= pairs * 3 && zeros_even * 20 < pairs) return Detection{Encoding::kUtf16Le};
  if (zeros_even * 10 >= pairs * 3 && zeros_odd * 20 < pairs) return Detection{Encoding::kUtf16Be};
  return std::nullopt;
}

}  // namespace

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kUtf8Bom:
      return "utf-8-bom";
    case Encoding::kUtf16Le:
      return "utf-16le";
    case Encoding::kUtf16Be:
      return "utf-16be";
    case Encoding::kWindows1252:
      return "windows-1252";
    case Encoding::kIso8859_15:
      return "iso-8859-15";
    case Encoding::kMacRoman:
      return "mac-roman";
  }
  return "unknown";
}

std::optional<Encoding> ParseEncodingName(std::string_view name) {
  const std::string lower = LowerCase(name);
  if (lower == "utf-8" || lower == "utf8") return Encoding::kUtf8;
  if (lower == "utf-8-bom" || lower == "utf-8-sig" || lower == "utf8bom") return Encoding::kUtf8Bom;
  if (lower == "utf-16le" || lower == "utf16le" || lower == "utf-16") return Encoding::kUtf16Le;
  if (lower == "utf-16be" || lower == "utf16be") return Encoding::kUtf16Be;
  if (lower == "windows-1252" || lower == "cp1252" || lower == "latin1" || lower == "iso-8859-1") {
    return Encoding::kWindows1252;
  }
  if (lower == "iso-8859-15" || lower == "latin9" || lower == "latin-9") {
    return Encoding::kIso8859_15;
  }
  if (lower == "mac-roman" || lower == "macroman" || lower == "macintosh") {
    return Encoding::kMacRoman;
  }
  return std::nullopt;
}

bool IsSingleByte(Encoding encoding) {
  return encoding == Encoding::kWindows1252 || encoding == Encoding::kIso8859_15 ||
         encoding == Encoding::kMacRoman;
}

// ---------------------------------------------------------------------------------------------
// Detection

void EncodingDetector::Feed(std::string_view chunk) {
  if (head_.size() < kHeadBytes) {
    head_.append(chunk.substr(0, kHeadBytes - head_.size()));
  }
  bytes_seen_ += chunk.size();
  FeedUtf8Validation(chunk);
}

// Steps: 0. while the text is valid so far, skip the valid 64-byte blocks that start the chunk
// with the vector validator; then, outside a multi-byte sequence, 1. skip a run of ASCII a word
// at a time, keeping the context its last byte gives; 2. take a complete, valid sequence in one
// step; 3. count a high byte followed by ASCII as one invalid sequence in one step. 4. Take any
// other byte through the validation state machine (runs of invalid bytes, sequences cut by the
// chunk's end).
void EncodingDetector::FeedUtf8Validation(std::string_view chunk) {
  const bool valid_so_far = invalid_sequences_ == 0 && continuation_bytes_needed_ == 0;
  std::size_t position = valid_so_far ? SkipValidBlocks(chunk) : 0;  // 0.
  // The bytes after the blocks are looked at for NUL bytes only where they are few.
  const std::string_view rest = chunk.substr(position);
  if (rest.size() > kMaxNulCheckedRest || rest.find('\0') != std::string_view::npos) {
    may_hold_nul_ = true;
  }
  while (position < chunk.size()) {
    if (continuation_bytes_needed_ == 0) {
      const std::size_t ascii_end = internal::SkipAscii(chunk, position);  // 1.
      if (ascii_end != position) {
        previous_context_ = ContextOf(static_cast<unsigned char>(chunk[ascii_end - 1]));
        position = ascii_end;
        if (position == chunk.size()) break;
      }
      const std::size_t valid_length = ValidSequenceLength(chunk.substr(position));  // 2.
      if (valid_length != 0) {
        ++valid_multibyte_;  // what StepByte() does over the whole sequence
        previous_context_ = 2;
        position += valid_length;
        continue;
      }
      const bool ascii_follows =
          position + 1 < chunk.size() && static_cast<unsigned char>(chunk[position + 1]) < 0x80;
      if (ascii_follows) {     // 3. (a lead cut short, or no lead at all: "é" in Windows-1252)
        ++invalid_sequences_;  // what StepByte() does for the byte and the ASCII after it
        CountHighByte(static_cast<unsigned char>(chunk[position]), previous_context_);
        previous_context_ = 2;
        ++position;
        continue;
      }
    }
    StepByte(static_cast<unsigned char>(chunk[position++]));  // 4.
  }
}

// Leaves the state as steps 1. and 2. would over the same bytes: the multi-byte characters
// counted, the context of the last byte; notes a NUL byte in the blocks.
std::size_t EncodingDetector::SkipValidBlocks(std::string_view chunk) {
  const internal::ValidPrefix prefix = internal::FindValidUtf8Blocks(chunk);
  if (prefix.size == 0) return 0;
  valid_multibyte_ += prefix.multibyte;
  may_hold_nul_ = may_hold_nul_ || prefix.has_nul;
  const auto last = static_cast<unsigned char>(chunk[prefix.size - 1]);
  previous_context_ = last < 0x80 ? ContextOf(last) : 2;
  return prefix.size;
}

void EncodingDetector::StepByte(unsigned char byte) {
  if (continuation_bytes_needed_ > 0) {
    if (byte >= lower_bound_ && byte <= upper_bound_) {
      lower_bound_ = 0x80;
      upper_bound_ = 0xBF;
      pending_sequence_[pending_size_++] = {byte, 2};
      if (--continuation_bytes_needed_ == 0) {
        ++valid_multibyte_;
        pending_size_ = 0;  // valid UTF-8 says nothing about a single-byte fallback
      }
      previous_context_ = 2;
      return;
    }
    BreakPendingSequence();
    // The byte that broke the sequence starts afresh below.
  }
  if (byte < 0x80) {
    previous_context_ = ContextOf(byte);
    return;
  }
  const char lead = static_cast<char>(byte);
  if (Utf8CharLength(std::string_view(&lead, 1)) < 0) {
    ++invalid_sequences_;
    CountHighByte(byte, previous_context_);
    previous_context_ = 2;
    return;
  }
  // A valid lead (incomplete by construction): learn what must follow it.
  continuation_bytes_needed_ = byte >= 0xF0 ? 3 : (byte >= 0xE0 ? 2 : 1);
  lower_bound_ = byte == 0xE0 ? 0xA0 : (byte == 0xF0 ? 0x90 : 0x80);
  upper_bound_ = byte == 0xED ? 0x9F : (byte == 0xF4 ? 0x8F : 0xBF);
  pending_sequence_[pending_size_++] = {byte, previous_context_};
  previous_context_ = 2;
}

void EncodingDetector::BreakPendingSequence() {
  ++invalid_sequences_;
  for (std::size_t pending_idx = 0; pending_idx < pending_size_; ++pending_idx) {
    CountHighByte(pending_sequence_[pending_idx].byte, pending_sequence_[pending_idx].context);
  }
  pending_size_ = 0;
  continuation_bytes_needed_ = 0;
  lower_bound_ = 0x80;
  upper_bound_ = 0xBF;
}

void EncodingDetector::CountHighByte(unsigned char byte, int context) {
  ++high_byte_counts_[byte - 0x80u][static_cast<std::size_t>(context)];
}

Detection EncodingDetector::Finish() const {
  const std::optional<Detection> from_head = DetectFromHead(head_);
  const bool utf8_bom = from_head && from_head->encoding == Encoding::kUtf8Bom;
  if (from_head && !utf8_bom) return *from_head;  // UTF-16: the byte statistics do not apply
  const Encoding utf8 = utf8_bom ? Encoding::kUtf8Bom : Encoding::kUtf8;
  // A sequence cut by the end of the input is invalid too.
  const bool truncated_at_end = continuation_bytes_needed_ > 0;
  std::array<std::array<std::uint64_t, 3>, 128> counts = high_byte_counts_;
  for (std::size_t pending_idx = 0; pending_idx < pending_size_; ++pending_idx) {
    const PendingByte& pending = pending_sequence_[pending_idx];
    ++counts[pending.byte - 0x80u][static_cast<std::size_t>(pending.context)];
  }
  const std::uint64_t invalid = invalid_sequences_ + (truncated_at_end ? 1 : 0);
  if (invalid == 0) {
    Detection detection{utf8};
    detection.may_hold_nul = may_hold_nul_;
    return detection;
  }

  // Score each single-byte candidate; ties go to the earlier (more common) one.
  constexpr Encoding kCandidates[] = {Encoding::kWindows1252, Encoding::kIso8859_15,
                                      Encoding::kMacRoman};
  Encoding best = kCandidates[0];
  std::int64_t best_score = INT64_MIN;
  for (Encoding candidate : kCandidates) {
    std::int64_t score = 0;
    for (int index = 0; index < 128; ++index) {
      for (int context = 0; context < 3; ++context) {
        const auto count = static_cast<std::int64_t>(
            counts[static_cast<std::size_t>(index)][static_cast<std::size_t>(context)]);
        if (count != 0) score += count * HighByteWeight(candidate, index, context);
      }
    }
    if (score > best_score) {
      best_score = score;
      best = candidate;
    }
  }
  // A BOM or valid multi-byte characters say the file is UTF-8 where it can be: mixed.
  if (valid_multibyte_ > 0 || utf8_bom) return Detection{utf8, /*mixed=*/true, best};
  return Detection{best};
}

Detection DetectEncoding(std::string_view bytes) {
  EncodingDetector detector;
  detector.Feed(bytes);
  return detector.Finish();
}

}  // namespace rollcall::text
