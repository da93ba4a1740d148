// Loading a roster file from disk: the one place where reading a table touches the file system.
//
// LoadTable() reads the file with a size limit and gives exactly what table::ReadTable() gives for
// its bytes, except for XLS workbooks, which FreeXL can read only from a path. Text that needs
// transcoding (Windows-1252, UTF-16…) is decoded chunk by chunk from the file rather than read
// whole first, so that the file is never in memory twice (raw and decoded).
#pragma once

#include <filesystem>
#include <string>

#include "base/result.hpp"
#include "table/read.hpp"

namespace rollcall::files {

// Reads the whole file; kNotFound, kIo, or kTooLarge when it has more than `max_bytes`.
Result<std::string> ReadFileBytes(const std::filesystem::path& path, std::uint64_t max_bytes);

Result<table::ReadOutcome> LoadTable(const std::filesystem::path& path,
                                     const table::ReadOptions& options);

// Reads the sheet options.sheet_index of an XLS (BIFF) workbook. FreeXL runs in a separate,
// sandboxed process (`rollcall-xls`, see xls_reader.cpp), never in this one: a workbook it
// crashes on, or that exhausts its memory or CPU time, is kCorrupt or kTooLarge here.
// Thread-safe (each call starts its own helper).
Result<table::ReadOutcome> ReadXlsFile(const std::filesystem::path& path,
                                       const table::ReadOptions& options);

}  // namespace rollcall::files
