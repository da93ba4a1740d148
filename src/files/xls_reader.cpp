// ReadXlsFile: legacy Excel (BIFF) workbooks, read by FreeXL in a separate, sandboxed process.
//
// FreeXL (Debian's 1.0.6, the only XLS library Debian has) corrupts memory on crafted workbooks,
// so this process never runs it: it starts `rollcall-xls` (src/xls_helper) with the workbook as
// its standard input and a pipe as its standard output, and rebuilds the sheet from the cells the
// helper sends (files/xls_wire.hpp). Whatever the helper does — crash, run out of memory or CPU
// time, send garbage — this side sees a stream it checks frame by frame and a child that ended,
// and gives a kCorrupt or kTooLarge refusal.
//
// Steps:
//   1. open the workbook here (so a missing file is kNotFound, as for any format);
//   2. start the helper with posix_spawn (safe in a threaded process);
//   3. read the frames as they arrive and pass each cell through table::SheetBuilder, so
//      positions, trailing blanks and limits behave exactly as for XLSX and ODS; on a limit, kill
//      the helper;
//   4. reap the helper and decide from its frames and its exit;
//   5. sniff the header unless the caller set it.
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "files/load.hpp"
#include "files/xls_wire.hpp"
#include "table/csv.hpp"
#include "table/sheet_builder.hpp"

extern char** environ;

namespace rollcall::files {
namespace {

constexpr std::size_t kReadBytes = 1 << 16;

class Descriptor {
 public:
  Descriptor() = default;
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() { Reset(); }
  Descriptor(Descriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Descriptor& operator=(Descriptor&&) = delete;
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

std::string HelperPath() {
  // Beside the running program (an installed rollcall), else where the build put it.
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const std::filesystem::path beside = self.parent_path() / "rollcall-xls";
    if (std::filesystem::exists(beside, error)) return beside.string();
  }
  return ROLLCALL_XLS_HELPER;
}

Error SystemError(const std::string& what) {
  return MakeError(ErrorCode::kIo, fmt::format("{}: {}", what, std::strerror(errno)));
}

// What the frames said, as they are read.
struct Stream {
  std::string pending;  // bytes of an incomplete frame
  std::optional<Error> refusal;
  bool done = false;
  std::vector<std::string> sheet_names;
};

Error Garbled(const std::string& file) {
  return MakeError(ErrorCode::kCorrupt,
                   fmt::format("{}: the XLS reader sent an unreadable answer", file));
}

// Consumes the complete frames at the front of stream.pending. Returns an error when the
// stream breaks the protocol or a cell breaks a limit.
Status ConsumeFrames(Stream& stream, table::SheetBuilder& builder, const std::string& file,
                     std::uint64_t max_text) {
  std::string_view bytes = stream.pending;
  std::size_t used = 0;
  while (used < bytes.size() && !stream.done && !stream.refusal) {
    const std::string_view rest = bytes.substr(used);
    const char tag = rest[0];
    if (tag == xls_wire::kDone) {
      stream.done = true;
      used += 1;
      break;
    }
    const std::size_t head = tag == xls_wire::kCell ? 13 : tag == xls_wire::kSheetName ? 5 : 9;
    if (tag != xls_wire::kCell && tag != xls_wire::kSheetName && tag != xls_wire::kError) {
      return Garbled(file);
    }
    if (rest.size() < head) break;
    const std::uint32_t size = xls_wire::ReadU32(rest, head - 4);
    if (size > max_text) {
      return MakeError(
          ErrorCode::kTooLarge,
          fmt::format("{}: a cell holds more than {} bytes, the limit", file, max_text));
    }
    if (rest.size() < head + size) break;
    const std::string_view text = rest.substr(head, size);
    if (tag == xls_wire::kSheetName) {
      stream.sheet_names.emplace_back(text);
    } else if (tag == xls_wire::kError) {
      const std::uint32_t code = xls_wire::ReadU32(rest, 1);
      const auto error_code = code <= static_cast<std::uint32_t>(ErrorCode::kConflict)
                                  ? static_cast<ErrorCode>(code)
                                  : ErrorCode::kCorrupt;
      stream.refusal = MakeError(error_code, fmt::format("{}: {}", file, text));
    } else if (Status added =
                   builder.AddCell(xls_wire::ReadU32(rest, 1), xls_wire::ReadU32(rest, 5), text);
               !added) {
      return added;
    }
    used += head + size;
  }
  stream.pending.erase(0, used);
  return {};
}

// Step 3: reads until end of file or the first error.
Status ReadFrames(int fd, Stream& stream, table::SheetBuilder& builder, const std::string& file,
                  std::uint64_t max_text) {
  std::string chunk(kReadBytes, '\0');
  while (true) {
    const ssize_t got = read(fd, chunk.data(), chunk.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return SystemError(file + ": reading from the XLS reader");
    if (got == 0) return {};
    if (stream.done || stream.refusal) return Garbled(file);  // bytes after the last frame
    stream.pending.append(chunk.data(), static_cast<std::size_t>(got));
    if (Status consumed = ConsumeFrames(stream, builder, file, max_text); !consumed) {
      return consumed;
    }
  }
}

// Step 4: the exit status of the helper, once it is gone.
int Reap(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

Error HelperFailed(const std::string& file, int status) {
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    if (signal == SIGXCPU) {
      return MakeError(ErrorCode::kTooLarge,
                       fmt::format("{}: reading the XLS workbook took too much time", file));
    }
    return MakeError(ErrorCode::kCorrupt,
                     fmt::format("{}: the XLS workbook is damaged (its reader stopped on signal "
                                 "{})",
                                 file, signal));
  }
  return MakeError(ErrorCode::kCorrupt,
                   fmt::format("{}: the XLS workbook is damaged (its reader failed)", file));
}

struct Spawned {
  pid_t pid = -1;
  Descriptor output;  // the read end of the helper's standard output
};

// Step 2.
Result<Spawned> SpawnHelper(int workbook_fd, const table::ReadOptions& options) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return SystemError("pipe");
  Spawned spawned{-1, Descriptor(pipe_fds[0])};
  Descriptor write_end(pipe_fds[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, workbook_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), 1);
  const std::string helper = HelperPath();
  std::string sheet = std::to_string(options.sheet_index);
  std::string cells = std::to_string(options.limits.max_cells);
  std::string text = std::to_string(options.limits.max_uncompressed_bytes);
  char* argv[] = {const_cast<char*>(helper.c_str()), sheet.data(), cells.data(), text.data(),
                  nullptr};
  const int spawn_error =
      posix_spawn(&spawned.pid, helper.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) {
    return MakeError(ErrorCode::kIo, fmt::format("cannot start the XLS reader {}: {}", helper,
                                                 std::strerror(spawn_error)));
  }
  return spawned;
}

Result<table::Table> ReadSheet(int workbook_fd, const table::ReadOptions& options,
                               const std::string& file, std::vector<Diagnostic>& diagnostics,
                               std::vector<std::string>& sheet_names) {
  Result<Spawned> spawned = SpawnHelper(workbook_fd, options);
  if (!spawned) return spawned.error();
  table::SheetBuilder builder(options.limits, diagnostics);
  Stream stream;
  const Status read = ReadFrames(spawned->output.get(), stream, builder, file,
                                 options.limits.max_uncompressed_bytes);
  if (!read) kill(spawned->pid, SIGKILL);
  spawned->output.Reset();
  const int status = Reap(spawned->pid);
  if (!read) return read.error();
  if (stream.refusal) return *stream.refusal;
  const bool clean_exit = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!stream.done || !clean_exit || !stream.pending.empty()) return HelperFailed(file, status);
  sheet_names = std::move(stream.sheet_names);
  return std::move(builder).Finish();
}

}  // namespace

Result<table::ReadOutcome> ReadXlsFile(const std::filesystem::path& path,
                                       const table::ReadOptions& options) {
  const std::string file = path.filename().string();
  Descriptor workbook(open(path.c_str(), O_RDONLY | O_CLOEXEC));  // 1.
  if (workbook.get() < 0) {
    if (errno == ENOENT)
      return MakeError(ErrorCode::kNotFound, fmt::format("{}: no such file", file));
    return SystemError(file);
  }
  table::ReadOutcome outcome;
  Result<table::Table> cells =
      ReadSheet(workbook.get(), options, file, outcome.diagnostics, outcome.info.sheet_names);
  if (!cells) return cells.error();
  outcome.table = std::move(cells).value();
  outcome.info.format = table::Format::kXls;
  outcome.info.encoding = text::Encoding::kUtf8;
  outcome.info.sheet_index = options.sheet_index;
  outcome.info.header = options.header.value_or(table::SniffHeader(outcome.table));  // 5.
  return outcome;
}

}  // namespace rollcall::files
