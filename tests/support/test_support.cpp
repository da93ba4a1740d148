#include "support/test_support.hpp"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace rollcall::testing {

std::filesystem::path SourceDir() { return ROLLCALL_SOURCE_DIR; }

std::filesystem::path CorpusDir() {
  if (const char* dir = std::getenv("ROLLCALL_CORPUS_DIR")) return dir;
  return SourceDir().parent_path() / "shared" / "corpus";
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

void WriteFile(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream stream(path, std::ios::binary);
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!stream) throw std::runtime_error("cannot write " + path.string());
}

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          ("rollcall-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

namespace {

pid_t Spawn(const std::vector<std::string>& arguments, const char* out_path, const char* err_path) {
  const pid_t child = ::fork();
  if (child == 0) {
    std::vector<char*> argv;
    std::string binary = ROLLCALL_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = arguments;
    for (std::string& argument : copies) argv.push_back(argument.data());
    argv.push_back(nullptr);
    if (!std::freopen(out_path, "w", stdout) || !std::freopen(err_path, "w", stderr)) {
      ::_exit(126);
    }
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  return child;
}

}  // namespace

int StartRollcall(const std::vector<std::string>& arguments) {
  return Spawn(arguments, "/dev/null", "/dev/null");
}

std::string QueryOne(const std::filesystem::path& sqlite_file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(sqlite_file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      if (text != nullptr) value = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return value;
}

std::string DumpDirectory(const std::filesystem::path& sqlite_file) {
  sqlite3* db = nullptr;
  std::string dump;
  if (sqlite3_open_v2(sqlite_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open " + sqlite_file.string();
  }
  sqlite3_busy_timeout(db, 5000);
  for (const char* query :
       {"SELECT id, code, name, parent_id FROM org ORDER BY id",
        "SELECT * FROM account ORDER BY id", "SELECT * FROM affiliation ORDER BY id",
        "SELECT * FROM org_group ORDER BY id",
        "SELECT * FROM membership ORDER BY account_id, group_id",
        "SELECT * FROM guardian_link ORDER BY guardian_id, child_id",
        "SELECT * FROM credential ORDER BY account_id"}) {
    dump += query;
    dump += '\n';
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, query, -1, &statement, nullptr) != SQLITE_OK) {
      dump += sqlite3_errmsg(db);
      continue;
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
      for (int column = 0; column < sqlite3_column_count(statement); ++column) {
        const unsigned char* text = sqlite3_column_text(statement, column);
        dump += text == nullptr ? "NULL" : reinterpret_cast<const char*>(text);
        dump += '|';
      }
      dump += '\n';
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return dump;
}

CommandResult RunRollcall(const std::vector<std::string>& arguments) {
  TempDir capture;
  const std::filesystem::path out_path = capture / "out";
  const std::filesystem::path err_path = capture / "err";
  const pid_t child = Spawn(arguments, out_path.c_str(), err_path.c_str());
  int status = 0;
  ::waitpid(child, &status, 0);
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

}  // namespace rollcall::testing
