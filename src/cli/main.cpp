// The process boundary: the only code not shared with the tests, and one of the two places that
// catch every exception (the other is the HTTP server's handler).
#include <exception>
#include <iostream>

#include "cli/app.hpp"
#include "cli/exit_codes.hpp"

int main(int argc, char** argv) {
  try {
    return rollcall::cli::RunCli(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "rollcall: out of memory\n";
  } catch (const std::exception& error) {
    std::cerr << "rollcall: unexpected failure: " << error.what() << '\n';
  }
  return rollcall::cli::kExitUnusable;
}
