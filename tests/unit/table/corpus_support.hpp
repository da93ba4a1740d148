// Helpers shared by the corpus conformance tests (corpus_*_test.cpp). They read the public corpus
// in place (testing::CorpusDir(), never copied into the repository) and turn what the CSV reader
// made of a file into plain values that GoogleTest prints readably when a check fails.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "support/test_support.hpp"
#include "table/read.hpp"

namespace rollcall {

// Lets failing expectations on diagnostics show code, line and params instead of raw bytes.
inline void PrintTo(const Diagnostic& diagnostic, std::ostream* out) {
  *out << diagnostic.code << "@" << diagnostic.line;
  if (diagnostic.column != 0) *out << ":" << diagnostic.column;
  for (const auto& [key, value] : diagnostic.params) *out << " " << key << "=" << value;
}

}  // namespace rollcall

namespace rollcall::testing {

// Regular files directly in `dir`, sorted so that failures come in a stable order. Empty when the
// directory does not exist; callers check that they found something.
inline std::vector<std::filesystem::path> FilesIn(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The path of a corpus file relative to the corpus root, as failure messages name it.
inline std::string CorpusName(const std::filesystem::path& path) {
  return std::filesystem::relative(path, CorpusDir()).generic_string();
}

// Reads a corpus file with ReadCsv. The corpus holds no file beyond the default limits, so a
// failed read is a test failure; an empty outcome is returned then.
inline table::ReadOutcome ReadCorpusCsv(const std::filesystem::path& path,
                                        const table::ReadOptions& options = {}) {
  Result<table::ReadOutcome> outcome = table::ReadCsv(ReadFile(path), options);
  if (!outcome) {
    ADD_FAILURE() << CorpusName(path) << ": " << outcome.error().message;
    return {};
  }
  return std::move(outcome).value();
}

// Every row of the table (header included) as texts.
inline std::vector<std::vector<std::string>> AllRows(const table::Table& table) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t row_idx = 0; row_idx < table.row_count(); ++row_idx) {
    rows.push_back(table.RowTexts(row_idx));
  }
  return rows;
}

// The source line of every row, in order.
inline std::vector<std::uint32_t> SourceLines(const table::Table& table) {
  std::vector<std::uint32_t> lines;
  for (std::size_t row_idx = 0; row_idx < table.row_count(); ++row_idx) {
    lines.push_back(table.SourceLine(row_idx));
  }
  return lines;
}

// The lines of the diagnostics with `code`, in order.
inline std::vector<std::int64_t> LinesOf(const std::vector<Diagnostic>& diagnostics,
                                         std::string_view code) {
  std::vector<std::int64_t> lines;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.code == code) lines.push_back(diagnostic.line);
  }
  return lines;
}

}  // namespace rollcall::testing
