#include "xls_helper/sandbox.hpp"

#include <fcntl.h>
#include <iconv.h>
#include <seccomp.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace rollcall::xls_helper {

const char kWorkbookPath[] = "/proc/self/fd/0";

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

constexpr rlim_t kMemoryBytes = rlim_t{2} << 30;
constexpr rlim_t kCpuSeconds = 60;
constexpr rlim_t kOpenFiles = 8;

// The code pages a BIFF workbook may declare (FreeXL's CODEPAGE table), each loaded once now and
// kept loaded: after the filter is in place, iconv could not open its modules.
constexpr const char* kCodePages[] = {
    "CP437",  "CP720",  "CP737",  "CP775",  "CP850",  "CP852",     "CP855",    "CP857",  "CP858",
    "CP860",  "CP861",  "CP862",  "CP863",  "CP864",  "CP865",     "CP866",    "CP869",  "CP874",
    "CP932",  "CP936",  "CP949",  "CP950",  "CP1250", "CP1251",    "CP1252",   "CP1253", "CP1254",
    "CP1255", "CP1256", "CP1257", "CP1258", "CP1361", "MACINTOSH", "UTF-16LE", "UTF-8"};

void PreloadCodePages() {
  for (const char* code_page : kCodePages) {
    // Deliberately never closed (see above); a code page this system lacks stays unavailable.
    (void)iconv_open("UTF-8", code_page);
  }
}

std::string SetLimit(int resource, rlim_t value, const char* name) {
  const rlimit limit{value, value};
  if (setrlimit(resource, &limit) == 0) return {};
  return std::string("setrlimit(") + name + "): " + std::strerror(errno);
}

// Step 2.
std::string LimitResources() {
  std::string failed;
  if (!kAddressSanitizer) failed += SetLimit(RLIMIT_AS, kMemoryBytes, "RLIMIT_AS");
  failed += SetLimit(RLIMIT_CPU, kCpuSeconds, "RLIMIT_CPU");
  failed += SetLimit(RLIMIT_NOFILE, kOpenFiles, "RLIMIT_NOFILE");
  failed += SetLimit(RLIMIT_CORE, 0, "RLIMIT_CORE");
  failed += SetLimit(RLIMIT_FSIZE, 0, "RLIMIT_FSIZE");
  return failed;
}

class Filter {
 public:
  Filter() : context_(seccomp_init(SCMP_ACT_ERRNO(EPERM))) {}
  ~Filter() {
    if (context_ != nullptr) seccomp_release(context_);
  }
  Filter(const Filter&) = delete;
  Filter& operator=(const Filter&) = delete;

  bool ok() const { return context_ != nullptr && ok_; }
  void Allow(int syscall) {
    ok_ = ok_ && seccomp_rule_add(context_, SCMP_ACT_ALLOW, syscall, 0) == 0;
  }
  void Allow(int syscall, scmp_arg_cmp first) {
    ok_ = ok_ && seccomp_rule_add(context_, SCMP_ACT_ALLOW, syscall, 1, first) == 0;
  }
  void Allow(int syscall, scmp_arg_cmp first, scmp_arg_cmp second) {
    ok_ = ok_ && seccomp_rule_add(context_, SCMP_ACT_ALLOW, syscall, 2, first, second) == 0;
  }
  int Load() { return seccomp_load(context_); }

 private:
  scmp_filter_ctx context_;
  bool ok_ = true;
};

// Step 3.
std::string InstallFilter() {
  Filter filter;
  const auto path = static_cast<scmp_datum_t>(reinterpret_cast<std::uintptr_t>(kWorkbookPath));
  // scmp_arg_cmp built by hand: libseccomp's SCMP_A* macros are C compound literals.
  const scmp_arg_cmp read_only{2, SCMP_CMP_MASKED_EQ, O_ACCMODE | O_CREAT | O_TRUNC, O_RDONLY};
  filter.Allow(SCMP_SYS(openat), scmp_arg_cmp{1, SCMP_CMP_EQ, path, 0}, read_only);
  filter.Allow(SCMP_SYS(write), scmp_arg_cmp{0, SCMP_CMP_EQ, 1, 0});
  filter.Allow(SCMP_SYS(write), scmp_arg_cmp{0, SCMP_CMP_EQ, 2, 0});
  for (const int syscall :
       {SCMP_SYS(read),         SCMP_SYS(pread64),        SCMP_SYS(lseek),
        SCMP_SYS(close),        SCMP_SYS(fstat),          SCMP_SYS(newfstatat),
        SCMP_SYS(brk),          SCMP_SYS(mmap),           SCMP_SYS(munmap),
        SCMP_SYS(mremap),       SCMP_SYS(mprotect),       SCMP_SYS(madvise),
        SCMP_SYS(futex),        SCMP_SYS(getrandom),      SCMP_SYS(rt_sigreturn),
        SCMP_SYS(rt_sigaction), SCMP_SYS(rt_sigprocmask), SCMP_SYS(sigaltstack),
        SCMP_SYS(exit),         SCMP_SYS(exit_group)}) {
    filter.Allow(syscall);
  }
  if (!filter.ok()) return "seccomp: the filter could not be built";
  if (const int loaded = filter.Load(); loaded != 0) {
    return std::string("seccomp_load: ") + std::strerror(-loaded);
  }
  return {};
}

}  // namespace

std::string EnterSandbox() {
  if (close_range(3, ~0U, 0) != 0) return std::string("close_range: ") + std::strerror(errno);
  PreloadCodePages();
  if (std::string failed = LimitResources(); !failed.empty()) return failed;
  return InstallFilter();
}

}  // namespace rollcall::xls_helper
