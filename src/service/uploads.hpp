// The copies of uploaded files a draft owns (issue 13): stored in the database once per content
// (BLAKE2b-256 of the bytes), size-limited, never modified, and restored into a private temporary
// folder when the draft is analysed again — after a restart, or by another process sharing the
// database, with the original files gone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.hpp"
#include "directory/store.hpp"
#include "service/import_request.hpp"

namespace rollcall::service {

struct StoredUpload {
  std::string hash;  // 64 hex digits
  std::uint64_t size = 0;
};

// Hashes the file and stores it unless its content is stored already. kNotFound, kIo, or
// kTooLarge past `max_bytes`.
Result<StoredUpload> StoreUpload(directory::Store& store, const std::filesystem::path& path,
                                 std::uint64_t max_bytes, const std::string& now);

// Stores every file of the request that has no stored copy yet, filling in its hash, size and
// name.
Status StoreRequestFiles(directory::Store& store, ImportRequest& request, std::uint64_t max_bytes,
                         const std::string& now);

// A private folder holding restored uploads, removed with the object. Not copyable.
class RestoredFiles {
 public:
  RestoredFiles() = default;
  explicit RestoredFiles(std::filesystem::path folder) : folder_(std::move(folder)) {}
  RestoredFiles(RestoredFiles&& other) noexcept : folder_(std::move(other.folder_)) {
    other.folder_.clear();
  }
  RestoredFiles& operator=(RestoredFiles&& other) noexcept;
  RestoredFiles(const RestoredFiles&) = delete;
  RestoredFiles& operator=(const RestoredFiles&) = delete;
  ~RestoredFiles();

 private:
  std::filesystem::path folder_;
};

// Writes each file of the request from the store into a new private folder and points its path
// there. kNotFound when a stored copy is missing.
Result<RestoredFiles> RestoreRequestFiles(directory::Store& store, ImportRequest& request);

}  // namespace rollcall::service
