#include "apply/credentials.hpp"
// Placeholder until the implementation lands (branch logins).
namespace rollcall::apply {}
