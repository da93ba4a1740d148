// LoadTable decodes text that needs transcoding chunk by chunk from the file instead of reading
// it whole. What it returns must be exactly what table::ReadTable() makes of the file's bytes:
// same cells, source lines, encoding, delimiter, header and diagnostics in the same order.
#include "files/load.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace rollcall::files {
namespace {

using namespace std::string_literals;
using testing::CorpusDir;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

// One line per fact: the info, each row with its source line, each diagnostic.
std::vector<std::string> Describe(const Result<table::ReadOutcome>& outcome) {
  if (!outcome) return {"error: " + outcome.error().message};
  const table::ReadOutcome& read = outcome.value();
  std::vector<std::string> lines = {std::string(table::FormatName(read.info.format)) + " " +
                                    std::string(text::EncodingName(read.info.encoding)) +
                                    " delimiter " + std::to_string(read.info.delimiter) +
                                    " header " + std::to_string(read.info.header)};
  for (std::size_t row_idx = 0; row_idx < read.table.row_count(); ++row_idx) {
    std::string line = std::to_string(read.table.SourceLine(row_idx)) + ":";
    for (const std::string& cell : read.table.RowTexts(row_idx)) line += " [" + cell + "]";
    lines.push_back(std::move(line));
  }
  for (const Diagnostic& diagnostic : read.diagnostics) {
    std::string line = diagnostic.code + "@" + std::to_string(diagnostic.line) + ":" +
                       std::to_string(diagnostic.column);
    for (const auto& [key, value] : diagnostic.params) line += " " + key + "=" + value;
    lines.push_back(std::move(line));
  }
  return lines;
}

// LoadTable(path) against ReadTable(bytes of path). Reports the first difference only: a diff of
// two large tables would take GoogleTest too long.
void ExpectSameAsReadTable(const std::filesystem::path& path,
                           const table::ReadOptions& options = {}) {
  const std::vector<std::string> loaded = Describe(LoadTable(path, options));
  const std::vector<std::string> read = Describe(table::ReadTable(ReadFile(path), options));
  const auto [loaded_at, read_at] =
      std::mismatch(loaded.begin(), loaded.end(), read.begin(), read.end());
  if (loaded_at == loaded.end() && read_at == read.end()) return;
  ADD_FAILURE() << path << " differs at line " << (loaded_at - loaded.begin())
                << ":\n  LoadTable: " << (loaded_at == loaded.end() ? "(end)" : *loaded_at)
                << "\n  ReadTable: " << (read_at == read.end() ? "(end)" : *read_at);
}

std::string Utf16Le(std::u16string_view text) {
  std::string bytes;
  for (const char16_t unit : text) {
    bytes.push_back(static_cast<char>(unit & 0xFF));
    bytes.push_back(static_cast<char>(unit >> 8));
  }
  return bytes;
}

// Windows-1252 rows with accents, a NUL byte, undefined bytes and a ragged row, repeated past the
// 1 MiB chunk size (to 1.125 MiB) so that characters, CR LF pairs and lines are cut by chunk ends.
std::string LargeWindows1252() {
  std::string bytes = "Nom;Pr\xE9nom;Classe\r\n";
  for (int row_idx = 0; bytes.size() < (9u << 17); ++row_idx) {
    bytes += "L\xE9v\xEAque;H\xE9l\xE8ne;CE1\r\n";
    if (row_idx % 5000 == 7) bytes += "Bad\x81;by\0te;\x8D\r\nRagged\r\n"s;
  }
  return bytes;
}

TEST(LoadTable, TranscodedFilesReadAsTheirBytes) {
  const TempDir dir;
  const std::vector<std::pair<std::string, std::string>> files = {
      {"windows-1252.csv", "Nom;Pr\xE9nom\r\nC\x8CUR;H\xE9l\xE8ne \x80\r\nA\x81;b\0c\r\n"s},
      {"large-1252.csv", LargeWindows1252()},
      {"utf16le-bom.csv", "\xFF\xFE" + Utf16Le(u"Nom;Prénom\r\nÉlise;Zoë\r\n")},
      {"utf16le-no-bom.txt", Utf16Le(u"Nom\tPrénom\nA\tB\n")},
      {"utf16-double-bom.csv", "\xFF\xFE" + Utf16Le(u"\uFEFFNom;Prénom\r\nA;B\r\n")},
      {"utf16-zip-magic.csv", "\xFF\xFE" + Utf16Le(u"PK\x03\x04;x\r\nA;B\r\n")},
      {"mixed.csv", "Nom;Prénom\r\nL\xE9on;Zo\xEB\r\nÉlise;Noël\r\n"},
      {"utf8-nul.csv", "Nom;Pr\xC3\xA9nom\r\nA;B\0C\r\n"s},
      {"utf8-bom.csv", "\xEF\xBB\xBFNom;Prénom\r\nA;B\r\n"},
      {"empty.csv", ""},
      {"truncated.csv", "Nom;Pr\xC3"},
  };
  for (const auto& [name, bytes] : files) {
    WriteFile(dir / name, bytes);
    ExpectSameAsReadTable(dir / name);
  }
}

TEST(LoadTable, ForcedEncodingsReadAsTheirBytes) {
  const TempDir dir;
  WriteFile(dir / "roster.csv", "\xEF\xBB\xBFNom;Pr\xC3\xA9nom\r\nL\xE9on;B\r\n");
  for (text::Encoding encoding :
       {text::Encoding::kUtf8, text::Encoding::kUtf8Bom, text::Encoding::kWindows1252,
        text::Encoding::kMacRoman, text::Encoding::kUtf16Le}) {
    table::ReadOptions options;
    options.encoding = encoding;
    ExpectSameAsReadTable(dir / "roster.csv", options);
  }
}

TEST(LoadTable, LimitsAndErrorsAreThoseOfReadFileBytes) {
  const TempDir dir;
  WriteFile(dir / "small.csv", "a;b\r\n\xE9;c\r\n");
  table::ReadOptions options;
  options.limits.max_input_bytes = 4;
  const Result<table::ReadOutcome> too_large = LoadTable(dir / "small.csv", options);
  ASSERT_FALSE(too_large);
  EXPECT_EQ(too_large.error().code, ErrorCode::kTooLarge);
  const Result<table::ReadOutcome> missing = LoadTable(dir / "missing.csv", {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(LoadTable, CorpusTextFilesReadAsTheirBytes) {
  std::size_t checked = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(CorpusDir(), error)) {
    if (!entry.is_regular_file()) continue;
    const std::string extension = entry.path().extension().string();
    if (extension != ".csv" && extension != ".txt" && extension != ".tsv") continue;
    ExpectSameAsReadTable(entry.path());
    ++checked;
  }
  if (checked == 0) GTEST_SKIP() << "no corpus at " << CorpusDir();
}

}  // namespace
}  // namespace rollcall::files
