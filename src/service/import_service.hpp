// Import analysis: the files read, mapped and validated, the directory snapshot loaded, the plan
// made, and the import kept as a draft in the store — everything `rollcall import` does without
// --apply. The web wizard will call the same function.
//
// The import id is derived from the inputs (file contents, profiles, options, decisions) and the
// directory's version, so the same inputs give the same draft, which --apply (issue 5) reuses.
#pragma once

#include <deque>
#include <string>

#include "base/result.hpp"
#include "directory/store.hpp"
#include "mapping/schema.hpp"
#include "plan/plan.hpp"
#include "records/record.hpp"
#include "service/import_request.hpp"
#include "table/read.hpp"

namespace rollcall::service {

// A cell an administrator corrected: what the upload holds, and what is read instead.
struct CellEdit {
  std::uint32_t line = 0;
  std::size_t column_idx = 0;
  std::string column;  // as the decision names it
  std::string before;
  std::string after;
};

struct AnalyzedFile {
  std::string name;  // the file name as given
  const mapping::ProfileSpec* profile = nullptr;
  table::ReadOutcome outcome;
  mapping::Mapping mapping;
  records::RecordSet records;
  std::vector<CellEdit> edits;  // in the order of the request's rows
};

struct Analysis {
  std::string import_id;
  directory::Org org;
  std::string period;
  directory::Snapshot snapshot;
  std::deque<AnalyzedFile> files;  // stable addresses: the plan's files point into them
  plan::Plan plan;
};

// The import id ("imp-" and 32 hex digits), one recipe for the three kinds of input: the kind,
// the canonical request (request_json.hpp, which names stored files by their content hash), the
// directory versions the plan reads, and the bytes of files not stored. The same inputs on the
// same directory give the same id.
Result<std::string> DeriveImportId(std::string_view kind, std::string_view request_json,
                                   std::int64_t org_version, std::int64_t source_version,
                                   const std::vector<std::filesystem::path>& unstored_files);

// The profile a file name suggests, word by word against the profiles' names and aliases:
// "CSV_Eleves.csv" → student, "lehrer-2026.xlsx" → teacher; null when no word names one. What
// AnalyzeImport uses for a file given without a profile.
const mapping::ProfileSpec* GuessProfile(const mapping::Schema& schema,
                                         const std::filesystem::path& path);

// Fails with kNotFound (org), kInvalidArgument (profile, option) or the file's reading error.
Result<Analysis> AnalyzeImport(directory::Store& store, const mapping::Schema& schema,
                               const ImportRequest& request, const Clock& clock);

// The import record of an analysis; `created_at` "" = now.
directory::ImportRecord MakeImportRecord(const Analysis& analysis, const ImportRequest& request,
                                         directory::ImportState state, std::string summary_json,
                                         const std::string& created_at, const Clock& clock);

// Saves (or replaces) the analysis as an import in `state` (analyzed, applying) with its
// summary, keeping the creation time of an earlier draft of the same id; returns the record.
Result<directory::ImportRecord> SaveDraft(directory::Store& store, const Analysis& analysis,
                                          const ImportRequest& request,
                                          directory::ImportState state,
                                          const std::string& summary_json, const Clock& clock);

// Saves (or replaces) the record in its own transaction, keeping the creation time of an earlier
// record of the same id; returns what was saved.
Result<directory::ImportRecord> SaveImportRecord(directory::Store& store,
                                                 directory::ImportRecord record);

}  // namespace rollcall::service
