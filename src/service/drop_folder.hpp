// A connector drop folder (issue 6, seed 004): what a scheduled sync finds in it and where the
// processed files go. The layout is the guide's:
//
//   DIR/import/user/internal/*.csv                 user files (mandatory: at least one)
//   DIR/import/user/internal/user_role/role.csv    custom roles (optional)
//   DIR/import/user/internal/user_role/user_role.csv  role assignments (optional)
//
// Every file present is processed, anything else ignored. The folder is written by other people
// (FTP, Box): a symbolic link anywhere on the way, or a name that leads outside DIR, is refused
// rather than followed, so a sync never reads or moves a file outside its folder.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace rollcall::service {

struct DropFolderContents {
  std::vector<std::filesystem::path> user_files;  // sorted by name
  std::optional<std::filesystem::path> role_file;
  std::optional<std::filesystem::path> user_role_file;
  std::vector<std::string> refused;  // paths (relative to DIR) skipped, with the reason
};

// kNotFound when DIR or its user folder does not exist; kRefused when DIR or the folders of the
// layout are symbolic links.
Result<DropFolderContents> ScanDropFolder(const std::filesystem::path& dir);

// Moves a processed file to DIR/archive/STAMP/ under the same relative path, and writes its
// report beside it as NAME.report.csv; returns the archived path. STAMP is a timestamp such as
// 2026-11-21T10-00-00Z (no ':' so that the folder is valid everywhere). kRefused when `file` is
// not inside DIR, or when any folder on the way to the file or to the archive (DIR/archive,
// DIR/archive/STAMP, …) is a symbolic link: every folder is opened with O_NOFOLLOW, one at a
// time, so nothing is ever written outside DIR.
Result<std::filesystem::path> ArchiveProcessed(const std::filesystem::path& dir,
                                               const std::filesystem::path& file,
                                               const std::string& stamp,
                                               const std::string& report_csv);

}  // namespace rollcall::service
