// Fuzz target: any bytes through the XLS path — the sandboxed `rollcall-xls` process running
// FreeXL, the frames it sends back, sheet building and header sniffing. FreeXL itself is known to
// crash on crafted workbooks; what must hold is this process: it never crashes, hangs or leaks,
// and a helper that dies becomes an Error. (The helper runs out of process, so libFuzzer's
// coverage counts this side only.)
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "files/load.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = memfd_create("xls_fuzz", MFD_CLOEXEC);
  if (fd < 0) return 0;
  std::size_t written = 0;
  while (written < size) {
    const ssize_t step = write(fd, data + written, size - written);
    if (step <= 0) break;
    written += static_cast<std::size_t>(step);
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  rollcall::table::ReadOptions options = rollcall::fuzzing::SmallLimits();
  auto outcome = rollcall::files::ReadXlsFile(path, options);
  if (outcome) rollcall::fuzzing::TouchEveryCell(outcome->table);
  close(fd);
  return 0;
}
