// Text shown to a person or put in a preview, whatever the file held.
//
// A cell can be 50 MB long, hold ESC sequences that drive a terminal, or bidi overrides that make
// "txt.exe" look like "exe.txt". Previews (inspect, the import preview) show a bounded prefix of
// each value, and terminal output shows control and invisible characters as visible escapes.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rollcall::text {

// The longest value a preview shows, in bytes, before it is cut.
inline constexpr std::size_t kPreviewValueBytes = 200;

// The longest prefix of `utf8` of at most `max_bytes` bytes that ends on a character boundary.
std::string_view Utf8Prefix(std::string_view utf8, std::size_t max_bytes);

// `utf8` cut to at most `max_bytes` bytes on a character boundary, with "…" appended when
// anything was cut. Never copies more than max_bytes + 3 bytes, however long the input.
std::string CutForPreview(std::string_view utf8, std::size_t max_bytes = kPreviewValueBytes);

// Zero-width characters, the BOM, soft hyphen and bidi embedding / override / isolate marks:
// characters that change how text looks or compares but show nothing themselves.
bool IsInvisibleFormatCharacter(std::uint32_t code_point);

// `utf8` without its invisible format characters; the number removed in `removed`.
std::string RemoveInvisibleCharacters(std::string_view utf8, std::size_t& removed);

// CutForPreview, and then for a terminal: tab, CR and LF become a space; other C0 and C1 control
// characters and DEL become "\xNN"; invisible format characters become "<U+XXXX>"; invalid UTF-8
// bytes become "\xNN". What is left cannot move the cursor, ring, recolour or reorder the line.
std::string DisplayText(std::string_view utf8, std::size_t max_bytes = kPreviewValueBytes);

}  // namespace rollcall::text
