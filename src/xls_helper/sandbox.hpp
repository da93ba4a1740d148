// The confinement of the `rollcall-xls` process before it lets FreeXL near a file.
//
// FreeXL (Debian's 1.0.6) reads out of bounds and frees wild pointers on crafted workbooks, so
// the process that runs it is given as little as possible to abuse:
//   1. every descriptor but 0 (the workbook), 1 (the pipe to the parent) and 2 is closed;
//   2. resource limits: address space (not under AddressSanitizer, which reserves terabytes of
//      shadow), CPU time, open files, no core dumps, no file growth;
//   3. a seccomp filter (libseccomp): the only file that can be opened is the workbook on fd 0,
//      read-only, through one fixed path; writes go only to fds 1 and 2; no socket, no exec, no
//      fork. Every other system call fails with EPERM.
// Code pages FreeXL converts through iconv are loaded before step 3, since loading a gconv module
// later would need to open files.
#pragma once

#include <string>

namespace rollcall::xls_helper {

// The path through which FreeXL opens the workbook; the filter allows opening this exact string
// (by address, it lives in read-only memory) and nothing else.
extern const char kWorkbookPath[];

// Steps 1–3. Returns an empty string on success, else why the sandbox could not be set up (the
// helper then refuses to read).
std::string EnterSandbox();

}  // namespace rollcall::xls_helper
