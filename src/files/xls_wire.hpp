// The frames the sandboxed XLS reader (src/xls_helper, the `rollcall-xls` program) writes to its
// standard output and files::ReadXlsFile() reads from the pipe. Header-only, so that the helper
// can speak it without linking the `files` library.
//
// A stream is a sequence of frames, each one tag byte and then fields in the host's byte order
// (both ends run on the same machine):
//   'N' u32 size, bytes           the name of a sheet, once per sheet, in order
//   'C' u32 row, u32 column, u32 size, bytes   a filled cell (0-based), in reading order
//   'E' u32 ErrorCode, u32 size, bytes         a refusal with its one-line reason; the last frame
//   'D'                                        the whole sheet was sent; the last frame
// The reader trusts nothing in a stream: sizes are checked against its limits before anything is
// allocated, and a stream without 'D' or 'E' (the helper crashed or was killed) is a refusal.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace rollcall::files::xls_wire {

constexpr char kSheetName = 'N';
constexpr char kCell = 'C';
constexpr char kError = 'E';
constexpr char kDone = 'D';

inline void AppendU32(std::string& out, std::uint32_t value) {
  char bytes[sizeof value];
  std::memcpy(bytes, &value, sizeof value);
  out.append(bytes, sizeof value);
}

// Reads a u32 at `offset`. REQUIRES: offset + 4 <= bytes.size().
inline std::uint32_t ReadU32(std::string_view bytes, std::size_t offset) {
  std::uint32_t value = 0;
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

inline void AppendSheetName(std::string& out, std::string_view name) {
  out.push_back(kSheetName);
  AppendU32(out, static_cast<std::uint32_t>(name.size()));
  out.append(name);
}

inline void AppendCell(std::string& out, std::uint32_t row, std::uint32_t column,
                       std::string_view text) {
  out.push_back(kCell);
  AppendU32(out, row);
  AppendU32(out, column);
  AppendU32(out, static_cast<std::uint32_t>(text.size()));
  out.append(text);
}

inline void AppendError(std::string& out, std::uint32_t code, std::string_view message) {
  out.push_back(kError);
  AppendU32(out, code);
  AppendU32(out, static_cast<std::uint32_t>(message.size()));
  out.append(message);
}

}  // namespace rollcall::files::xls_wire
