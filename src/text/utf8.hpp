// Small UTF-8 primitives shared by the readers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rollcall::text {

// Classifies the character that starts at `bytes[0]` (REQUIRES: !bytes.empty()):
// > 0: a complete, valid character of that many bytes; 0: a valid but incomplete prefix (more
// bytes needed); < 0: not valid UTF-8 (the first byte is to be replaced).
int Utf8CharLength(std::string_view bytes);

bool IsValidUtf8(std::string_view bytes);

// Appends the UTF-8 encoding of `code_point` (REQUIRES: a Unicode scalar value).
void AppendUtf8(std::uint32_t code_point, std::string& out);

inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace rollcall::text
