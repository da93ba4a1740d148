// Helpers shared by the tests: where the source tree and the public corpus are, temporary
// directories that clean up after themselves, and running the real `rollcall` binary.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace rollcall::testing {

std::filesystem::path SourceDir();
// ../shared/corpus beside the checkout (the public test corpus; read in place, never copied).
std::filesystem::path CorpusDir();
std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, std::string_view bytes);

// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the built `rollcall` with `arguments` (no shell), capturing both streams.
CommandResult RunRollcall(const std::vector<std::string>& arguments);

// Starts the built `rollcall` without waiting (output discarded); returns its process id.
int StartRollcall(const std::vector<std::string>& arguments);

// Every row of a SQLite directory's tables (org without its version counter, account,
// affiliation, org_group, membership, guardian_link, credential), in key order: two equal dumps
// are two equal directories.
std::string DumpDirectory(const std::filesystem::path& sqlite_file);

// Runs one statement on a SQLite file; returns the first column of its first row ("" if none).
std::string QueryOne(const std::filesystem::path& sqlite_file, const std::string& sql);

}  // namespace rollcall::testing
