#include "report/letters.hpp"
// Placeholder until the implementation lands (branch logins).
namespace rollcall::report {}
