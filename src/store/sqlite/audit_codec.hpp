// How an audit entry's entity states are stored: one JSON object per state, tagged with the
// entity kind (`{"entity":"account","id":12,"login":"…",…}`), "" for a state that does not exist.
// JSON because the log must stay readable after the tables it describes change shape, and the
// same text fits PostgreSQL.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "directory/model.hpp"

namespace rollcall::store::sqlite {

std::string EncodeEntityState(const directory::EntityState& state);

// Anything but what EncodeEntityState writes is kCorrupt.
Result<directory::EntityState> DecodeEntityState(std::string_view json);

}  // namespace rollcall::store::sqlite
