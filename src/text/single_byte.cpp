#include "text/single_byte.hpp"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>

#include "base/check.hpp"
#include "text/utf8.hpp"

namespace rollcall::text {
namespace {

const char* IcuConverterName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kWindows1252:
      return "windows-1252";
    case Encoding::kIso8859_15:
      return "ISO-8859-15";
    case Encoding::kMacRoman:
      return "macintosh";
    default:
      return nullptr;
  }
}

SingleByteTable BuildTable(Encoding encoding) {
  SingleByteTable table;
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(IcuConverterName(encoding), &status);
  ROLLCALL_CHECK(U_SUCCESS(status));
  // Stop instead of substituting, so that undefined bytes stay visible as undefined.
  ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  ROLLCALL_CHECK(U_SUCCESS(status));
  for (int index = 0; index < 128; ++index) {
    const char byte = static_cast<char>(0x80 + index);
    UChar units[4];
    status = U_ZERO_ERROR;
    ucnv_reset(converter);
    const int32_t length = ucnv_toUChars(converter, units, 4, &byte, 1, &status);
    if (U_FAILURE(status) || length != 1) continue;
    // ICU maps some bytes to C1 controls (all of 0x80..0x9F in ISO-8859-15, the five holes of
    // Windows-1252): never text in a roster, so they count as undefined.
    if (units[0] >= 0x80 && units[0] <= 0x9F) continue;
    table.code_points[static_cast<std::size_t>(index)] = units[0];
    const auto slot = static_cast<std::size_t>(index);
    AppendUtf8(units[0], table.utf8[slot]);
    table.utf8[slot].copy(table.utf8_padded[slot].data(), table.utf8[slot].size());
    table.utf8_length[slot] = static_cast<std::uint8_t>(table.utf8[slot].size());
  }
  ucnv_close(converter);
  return table;
}

bool IsCommonPunctuation(std::uint32_t code_point) {
  switch (code_point) {
    case 0x2019:
    case 0x2018:
    case 0x201C:
    case 0x201D:  // quotes
    case 0x00AB:
    case 0x00BB:  // guillemets
    case 0x2013:
    case 0x2014:
    case 0x2026:  // dashes, ellipsis
    case 0x20AC:
    case 0x00B0:
    case 0x00B7:
    case 0x2022:  // euro, degree, middle dot, bullet
    case 0x00A0:  // no-break space
      return true;
    default:
      return false;
  }
}

}  // namespace

const SingleByteTable& GetSingleByteTable(Encoding encoding) {
  static const SingleByteTable windows_1252 = BuildTable(Encoding::kWindows1252);
  static const SingleByteTable iso_8859_15 = BuildTable(Encoding::kIso8859_15);
  static const SingleByteTable mac_roman = BuildTable(Encoding::kMacRoman);
  switch (encoding) {
    case Encoding::kWindows1252:
      return windows_1252;
    case Encoding::kIso8859_15:
      return iso_8859_15;
    case Encoding::kMacRoman:
      return mac_roman;
    default:
      ROLLCALL_CHECK(false && "not a single-byte encoding");
  }
  return windows_1252;
}

int HighByteWeight(Encoding encoding, int index, int context) {
  const std::uint32_t code_point =
      GetSingleByteTable(encoding).code_points[static_cast<std::size_t>(index)];
  if (code_point == 0 || u_iscntrl(static_cast<UChar32>(code_point))) return -8;
  const auto character = static_cast<UChar32>(code_point);
  if (u_isalpha(character)) {
    const bool lower = u_islower(character);
    const bool upper = u_isupper(character);
    if (context == 0) return lower ? 3 : (upper ? -3 : 0);  // "Hélène" vs "HÈlËne"
    if (context == 1) return upper ? 3 : (lower ? 2 : 0);
    return (lower || upper) ? 1 : 0;
  }
  if (IsCommonPunctuation(code_point)) return context == 1 ? 0 : 1;
  return -2;
}

}  // namespace rollcall::text
