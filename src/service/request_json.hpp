// An import request as stored with its draft (ImportRecord::options_json) and read back: a draft
// is analysed again from this text and the uploads it names, by any process sharing the database.
// The text is canonical (the same request gives the same text), so it also feeds the import id.
#pragma once

#include <string>

#include "base/result.hpp"
#include "service/import_request.hpp"

namespace rollcall::service {

// `period` is the resolved period (the request's may be empty: "the current school year"). Local
// paths are left out: what identifies a file is its name and content hash.
std::string RequestJson(const ImportRequest& request, const std::string& period);

// kCorrupt when the text is not a stored request.
Result<ImportRequest> ParseRequestJson(const std::string& text);

}  // namespace rollcall::service
