// How an account's Attributes are stored in one TEXT column: a flat JSON object of strings,
// `{"email":"a@b.fr","gender":"F"}`, keys in the Attributes' sorted order. JSON because it is
// unambiguous for any byte of a value, readable in the sqlite3 shell, and queryable
// (json_extract) by ListUsers; PostgreSQL can keep the same text in a jsonb column.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "directory/model.hpp"

namespace rollcall::store::sqlite {

std::string EncodeAttributes(const directory::Attributes& attributes);

// Anything but a flat object of string values is kCorrupt. Keys come back sorted, as the model
// requires, whatever their order in `json`; empty values are dropped.
Result<directory::Attributes> DecodeAttributes(std::string_view json);

}  // namespace rollcall::store::sqlite
