// Utf8Decoder: streaming transcoding to UTF-8 with line-numbered diagnostics.
#include <fmt/format.h>

#include <array>
#include <cstring>

#include "text/ascii_scan.hpp"
#include "text/encoding.hpp"
#include "text/single_byte.hpp"
#include "text/utf8.hpp"

namespace rollcall::text {
namespace {

std::string HexByte(unsigned char byte) { return fmt::format("0x{:02X}", byte); }

// Finds the end of the first line in `text` (one past its terminator), or npos when the line is
// not complete yet. A CR at the very end is not complete: an LF may follow in the next chunk.
std::size_t FindLineEnd(std::string_view text) {
  for (std::size_t position = 0; position < text.size(); ++position) {
    if (text[position] == '\n') return position + 1;
    if (text[position] == '\r') {
      if (position + 1 < text.size()) return position + (text[position + 1] == '\n' ? 2 : 1);
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

// Single-byte input is decoded in blocks of this size into a staging buffer on the stack, which is
// then appended to the output in one call: appending every short ASCII run and every two-byte
// letter on its own cost more than the decoding.
constexpr std::size_t kSingleByteBlock = 4096;
// Each input byte yields at most 3 bytes; the word and four-byte copies may write 8 bytes ahead.
constexpr std::size_t kStagingBytes = 3 * kSingleByteBlock + 8;

struct RunResult {
  std::size_t read = 0;
  std::size_t written = 0;
};

// Decodes `block` into `staging` up to its end or up to the first NUL or undefined byte, which is
// left unread. REQUIRES: block.size() <= kSingleByteBlock, staging holds kStagingBytes.
RunResult DecodeSingleByteRun(std::string_view block, const SingleByteTable& table, char* staging) {
  std::size_t read = 0;
  char* write = staging;
  while (read < block.size()) {
    if (read + 8 <= block.size()) {
      // Copy eight bytes; keep those before the first byte that needs a look.
      const std::uint64_t word = internal::LoadWord(block.data() + read);
      const std::uint64_t marks = internal::MarkHighOrZero(word);
      std::memcpy(write, &word, sizeof word);
      const std::size_t plain = marks == 0 ? 8 : internal::FirstMarkedByte(marks);
      write += plain;
      read += plain;
      if (plain == 8) continue;
    }
    const auto byte = static_cast<unsigned char>(block[read]);
    if (byte != 0 && byte < 0x80) {
      *write++ = static_cast<char>(byte);
      ++read;
      continue;
    }
    const std::size_t length = byte == 0 ? 0 : table.utf8_length[byte - 0x80u];
    if (length == 0) break;
    std::memcpy(write, table.utf8_padded[byte - 0x80u].data(), 4);
    write += length;
    ++read;
  }
  return {read, static_cast<std::size_t>(write - staging)};
}

// The exact size of the UTF-8 that FeedSingleByte() makes of `bytes`.
std::size_t SingleByteDecodedSize(std::string_view bytes, const SingleByteTable& table) {
  std::size_t size = 0;
  std::size_t position = 0;
  while (true) {
    const std::size_t next = internal::SkipPlainAscii(bytes, position);
    size += next - position;
    if (next == bytes.size()) return size;
    const auto byte = static_cast<unsigned char>(bytes[next]);
    if (byte != 0) {
      const std::size_t length = table.utf8_length[byte - 0x80u];
      size += length != 0 ? length : kReplacementCharacter.size();
    }
    position = next + 1;
  }
}

}  // namespace

Utf8Decoder::Utf8Decoder(Detection detection) : detection_(detection) {
  const Encoding single_byte = detection.mixed ? detection.fallback : detection.encoding;
  if (IsSingleByte(single_byte)) single_byte_table_ = &GetSingleByteTable(single_byte);
}

void Utf8Decoder::CountLinesUpTo(const std::string& out) {
  for (; counted_upto_ < out.size(); ++counted_upto_) {
    const char byte = out[counted_upto_];
    if (byte == '\n') {
      if (!after_cr_) ++line_;
      after_cr_ = false;
    } else if (byte == '\r') {
      ++line_;
      after_cr_ = true;
    } else {
      after_cr_ = false;
    }
  }
}

void Utf8Decoder::Report(const std::string& out, std::string code, std::string byte_hex) {
  if (diagnostics_.size() >= kMaxDecoderDiagnostics) {
    ++suppressed_;
    return;
  }
  CountLinesUpTo(out);
  auto builder = MakeDiagnostic(Severity::kWarning, std::move(code), line_);
  if (!byte_hex.empty()) builder.With("byte", std::move(byte_hex));
  diagnostics_.push_back(std::move(builder).Build());
}

void Utf8Decoder::Feed(std::string_view chunk, std::string& out) {
  if (!pending_.empty()) {
    std::string joined = std::move(pending_);
    pending_.clear();
    joined.append(chunk);
    Feed(std::string_view(joined), out);  // pending_ is empty now: no further recursion
    return;
  }
  if (!bom_checked_ && !chunk.empty()) {
    const std::size_t bom_size =
        detection_.encoding == Encoding::kUtf8Bom ? 3
        : (detection_.encoding == Encoding::kUtf16Le || detection_.encoding == Encoding::kUtf16Be)
            ? 2
            : 0;
    if (chunk.size() < bom_size) {
      pending_.assign(chunk);
      return;
    }
    bom_checked_ = true;
    const std::string_view head = chunk.substr(0, bom_size);
    if (head == kUtf8Bom || head == "\xFF\xFE" || head == "\xFE\xFF") chunk.remove_prefix(bom_size);
  }
  if (detection_.mixed) return FeedMixed(chunk, out);
  switch (detection_.encoding) {
    case Encoding::kUtf8:
    case Encoding::kUtf8Bom:
      return FeedUtf8(chunk, out);
    case Encoding::kUtf16Le:
    case Encoding::kUtf16Be:
      return FeedUtf16(chunk, out);
    default:
      return FeedSingleByte(chunk, out);
  }
}

void Utf8Decoder::FeedUtf8(std::string_view chunk, std::string& out) {
  std::size_t run_start = 0, position = 0;
  const auto flush_run = [&] { out.append(chunk.substr(run_start, position - run_start)); };
  while (position < chunk.size()) {
    position = internal::SkipPlainAscii(chunk, position);
    if (position == chunk.size()) break;
    const auto byte = static_cast<unsigned char>(chunk[position]);
    if (byte == 0) {
      flush_run();
      Report(out, "nul_byte", "");
      run_start = ++position;
      continue;
    }
    const int length = Utf8CharLength(chunk.substr(position));
    if (length > 0) {
      position += static_cast<std::size_t>(length);
      continue;
    }
    flush_run();
    if (length == 0) {  // split across chunks: keep the start for the next one
      pending_.assign(chunk.substr(position));
      return;
    }
    Report(out, "invalid_byte", HexByte(byte));
    out.append(kReplacementCharacter);
    run_start = ++position;
  }
  flush_run();
}

void Utf8Decoder::EmitUtf16Unit(std::uint16_t unit, std::string& out) {
  if (high_surrogate_ != 0) {
    const std::uint16_t high = high_surrogate_;
    high_surrogate_ = 0;
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
      AppendUtf8(0x10000 + ((std::uint32_t{high} - 0xD800) << 10) + (unit - 0xDC00u), out);
      return;
    }
    Report(out, "invalid_byte", fmt::format("0x{:04X}", high));
    out.append(kReplacementCharacter);
  }
  if (unit >= 0xD800 && unit <= 0xDBFF) {
    high_surrogate_ = unit;
  } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
    Report(out, "invalid_byte", fmt::format("0x{:04X}", unit));
    out.append(kReplacementCharacter);
  } else if (unit == 0) {
    Report(out, "nul_byte", "");
  } else {
    AppendUtf8(unit, out);
  }
}

void Utf8Decoder::FeedUtf16(std::string_view chunk, std::string& out) {
  const bool little_endian = detection_.encoding == Encoding::kUtf16Le;
  std::size_t position = 0;
  for (; position + 1 < chunk.size(); position += 2) {
    const auto first = static_cast<unsigned char>(chunk[position]);
    const auto second = static_cast<unsigned char>(chunk[position + 1]);
    const auto unit =
        static_cast<std::uint16_t>(little_endian ? (second << 8) | first : (first << 8) | second);
    EmitUtf16Unit(unit, out);
  }
  if (position < chunk.size()) pending_.assign(chunk.substr(position));
}

void Utf8Decoder::FeedSingleByte(std::string_view chunk, std::string& out) {
  std::array<char, kStagingBytes> staging;
  while (!chunk.empty()) {
    const std::string_view block = chunk.substr(0, kSingleByteBlock);
    const RunResult run = DecodeSingleByteRun(block, *single_byte_table_, staging.data());
    out.append(staging.data(), run.written);
    chunk.remove_prefix(run.read);
    if (run.read == block.size()) continue;
    // Stopped at a NUL byte (dropped) or a byte the encoding leaves undefined (replaced).
    const auto byte = static_cast<unsigned char>(chunk.front());
    chunk.remove_prefix(1);
    if (byte == 0) {
      Report(out, "nul_byte", "");
    } else {
      Report(out, "invalid_byte", HexByte(byte));
      out.append(kReplacementCharacter);
    }
  }
}

void Utf8Decoder::FeedMixed(std::string_view chunk, std::string& out) {
  while (!chunk.empty()) {
    const std::size_t line_end = FindLineEnd(chunk);
    if (line_end == std::string_view::npos) {
      pending_.assign(chunk);
      return;
    }
    DecodeMixedLine(chunk.substr(0, line_end), out);
    chunk.remove_prefix(line_end);
  }
}

void Utf8Decoder::DecodeMixedLine(std::string_view line, std::string& out) {
  if (IsValidUtf8(line)) {
    FeedUtf8(line, out);  // still reports NUL bytes
    return;
  }
  CountLinesUpTo(out);
  if (diagnostics_.size() < kMaxDecoderDiagnostics) {
    diagnostics_.push_back(MakeDiagnostic(Severity::kWarning, "line_not_utf8", line_)
                               .With("encoding", std::string(EncodingName(detection_.fallback)))
                               .Build());
  } else {
    ++suppressed_;
  }
  FeedSingleByte(line, out);
}

void Utf8Decoder::Finish(std::string& out) {
  std::string rest = std::move(pending_);
  pending_.clear();
  if (detection_.mixed) {
    if (!rest.empty()) DecodeMixedLine(rest, out);
  } else if (detection_.encoding == Encoding::kUtf16Le ||
             detection_.encoding == Encoding::kUtf16Be) {
    if (!rest.empty())
      Report(out, "truncated_character", HexByte(static_cast<unsigned char>(rest[0])));
  } else if (!rest.empty()) {
    // An incomplete UTF-8 sequence at the very end (or a file shorter than its BOM).
    for (const char byte : rest) {
      Report(out, "invalid_byte", HexByte(static_cast<unsigned char>(byte)));
      out.append(kReplacementCharacter);
    }
  }
  if (high_surrogate_ != 0) {
    Report(out, "invalid_byte", fmt::format("0x{:04X}", high_surrogate_));
    out.append(kReplacementCharacter);
    high_surrogate_ = 0;
  }
}

std::vector<Diagnostic> Utf8Decoder::TakeDiagnostics() {
  std::vector<Diagnostic> taken = std::move(diagnostics_);
  diagnostics_.clear();
  if (suppressed_ > 0) {
    taken.push_back(MakeDiagnostic(Severity::kInfo, "diagnostics_suppressed", 0)
                        .With("count", std::to_string(suppressed_))
                        .Build());
    suppressed_ = 0;
  }
  return taken;
}

// ---------------------------------------------------------------------------------------------

namespace {

// Decodes with the decoder, into a buffer reserved so that it is rarely or never reallocated
// (which would briefly hold the text twice).
void DecodeCopying(std::string_view bytes, DecodedText& decoded) {
  Utf8Decoder decoder(decoded.detection);
  // Single-byte text: exactly its decoded size. Other encodings rarely grow by more than an eighth.
  const Encoding encoding = decoded.detection.encoding;
  const bool single_byte = IsSingleByte(encoding) && !decoded.detection.mixed;
  decoded.utf8.reserve(single_byte ? SingleByteDecodedSize(bytes, GetSingleByteTable(encoding))
                                   : bytes.size() + bytes.size() / 8);
  decoder.Feed(bytes, decoded.utf8);
  decoder.Finish(decoded.utf8);
  decoded.diagnostics = decoder.TakeDiagnostics();
}

}  // namespace

DecodedText DecodeToUtf8(std::string bytes, std::optional<Encoding> forced) {
  if (!forced) return DecodeDetected(std::move(bytes), DetectEncoding(bytes));
  DecodedText decoded;
  decoded.detection = Detection{*forced};
  DecodeCopying(bytes, decoded);
  return decoded;
}

// Detected UTF-8 that is not mixed is valid (the detector found no invalid sequence), so only NUL
// bytes, which decoding drops, stand between it and the output; the detector usually knows there
// are none, and otherwise they are looked for here.
DecodedText DecodeDetected(std::string bytes, Detection detection) {
  DecodedText decoded;
  decoded.detection = detection;
  const bool utf8 =
      detection.encoding == Encoding::kUtf8 || detection.encoding == Encoding::kUtf8Bom;
  if (utf8 && !detection.mixed &&
      (!detection.may_hold_nul || bytes.find('\0') == std::string::npos)) {
    if (detection.encoding == Encoding::kUtf8Bom) bytes.erase(0, kUtf8Bom.size());
    decoded.utf8 = std::move(bytes);
    return decoded;
  }
  DecodeCopying(bytes, decoded);
  return decoded;
}

}  // namespace rollcall::text
