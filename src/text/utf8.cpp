#include "text/utf8.hpp"

#include "text/ascii_scan.hpp"

namespace rollcall::text {
namespace {

// The allowed range of the second byte after a lead byte (Unicode Table 3-7); later continuation
// bytes are always 80..BF.
struct LeadInfo {
  int length;
  unsigned char second_low, second_high;
};

LeadInfo ClassifyLead(unsigned char lead) {
  if (lead < 0x80) return {1, 0, 0};
  if (lead >= 0xC2 && lead <= 0xDF) return {2, 0x80, 0xBF};
  if (lead == 0xE0) return {3, 0xA0, 0xBF};
  if (lead == 0xED) return {3, 0x80, 0x9F};
  if (lead >= 0xE1 && lead <= 0xEF) return {3, 0x80, 0xBF};
  if (lead == 0xF0) return {4, 0x90, 0xBF};
  if (lead >= 0xF1 && lead <= 0xF3) return {4, 0x80, 0xBF};
  if (lead == 0xF4) return {4, 0x80, 0x8F};
  return {-1, 0, 0};
}

}  // namespace

int Utf8CharLength(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const LeadInfo info = ClassifyLead(data[0]);
  if (info.length <= 1) return info.length;
  for (int byte_idx = 1; byte_idx < info.length; ++byte_idx) {
    if (static_cast<std::size_t>(byte_idx) >= bytes.size()) return 0;
    const unsigned char low = byte_idx == 1 ? info.second_low : 0x80;
    const unsigned char high = byte_idx == 1 ? info.second_high : 0xBF;
    if (data[byte_idx] < low || data[byte_idx] > high) return -1;
  }
  return info.length;
}

bool IsValidUtf8(std::string_view bytes) {
  std::size_t position = 0;
  while (true) {
    position = internal::SkipAscii(bytes, position);
    if (position == bytes.size()) return true;
    const int length = Utf8CharLength(bytes.substr(position));
    if (length <= 0) return false;
    position += static_cast<std::size_t>(length);
  }
}

void AppendUtf8(std::uint32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

}  // namespace rollcall::text
