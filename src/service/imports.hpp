// Imports as long-lived objects (issue 13; DESIGN.md §1 "import", §3). An import is created from
// a request and its files, and lives on in the store as a draft: its files are copied into the
// store, its request (options, mappings, decisions) saved with it, so that any process sharing the
// database can analyse it again — after a restart, with the original files gone. Decisions are
// recorded on the draft and the plan made again from scratch; applying runs as a job, under the
// org's lock, and refuses a plan made against a directory that has moved since.
//
// States: draft → analyzed → applying → applied | failed | cancelled; applied → reverted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "apply/apply.hpp"
#include "base/result.hpp"
#include "directory/store.hpp"
#include "service/deployment.hpp"
#include "service/import_request.hpp"
#include "service/import_service.hpp"
#include "service/job.hpp"

namespace rollcall::service {

// Whether an import in `state` is a draft: it takes decisions and can be applied or cancelled
// (draft, analyzed, failed).
inline bool IsDraft(directory::ImportState state) {
  return state == directory::ImportState::kDraft || state == directory::ImportState::kAnalyzed ||
         state == directory::ImportState::kFailed;
}

// A stored import with its fresh analysis.
struct Draft {
  directory::ImportRecord record;
  ImportRequest request;  // as stored: files named by name and content hash
  Analysis analysis;
};

// Creates the import of `request` (files given by local path): stores a copy of each file,
// analyses, and saves it `analyzed` (a plan with blocking problems too: the administrator fixes
// them on the draft). The same inputs on the same directory give the same import: an earlier
// draft of that id is replaced, an import already applied is left as it is. Errors: the org,
// a file, the store.
Result<Draft> CreateImport(const Deployment& deployment, directory::Store& store,
                           ImportRequest request);

// The stored import `id` analysed again from the store alone (not saved). kNotFound for an
// unknown id; kInvalidArgument for an import of another kind.
Result<Draft> OpenImport(const Deployment& deployment, directory::Store& store,
                         const std::string& id);

// One decision an administrator takes on a draft. `file` names a file by its name or its
// position (1, 2, …).
struct Decision {
  enum class Kind {
    kExclude,  // file, line
    kInclude,  // file, line: undoes kExclude
    kEdit,     // file, line, column = value ("" value: the edit is withdrawn)
    kMatch,    // file, line = login, or kMatchNew; "" withdraws it
    kKeep,     // value = login: never expired by this import
    kUnkeep,   // value = login
    kMap,      // file, column = field ("ignore" leaves the column out)
    kHeader,   // file: value "yes", "no" or "auto"
    kSheet,    // file: value = 1-based sheet number
    kGroup,    // column = the group's name in the files; value "create", "ignore" or a group
  };
  Kind kind = Kind::kExclude;
  std::string file;
  std::uint32_t line = 0;
  std::string column;
  std::string value;
};

// Puts the decisions into the request. kInvalidArgument names a decision that cannot be taken
// (an unknown file, a line number of 0, a bad header value…).
Status ApplyDecisions(ImportRequest& request, const std::vector<Decision>& decisions);

// Records the decisions on the draft `id`, analyses it again and saves it (`analyzed`); only a
// draft (analyzed, failed) takes decisions: kInvalidArgument otherwise.
Result<Draft> DecideImport(const Deployment& deployment, directory::Store& store,
                           const std::string& id, const std::vector<Decision>& decisions);

// What applying an import came to.
struct AppliedDraft {
  Draft draft;
  std::optional<apply::ApplyResult> applied;  // empty: blocked or stale, nothing was written
  // The directory moved since the stored plan was made: nothing was written, the draft was
  // analysed again and saved; `before` is the summary of the plan that was reviewed.
  bool stale = false;
  std::string before_summary_json;
  bool reanalysed = false;  // one-shot: the directory moved between analysis and apply
};

// Applies the stored import `id` as a job: takes the org's lock (kConflict naming the holder
// when another import of the org runs), analyses it again from the store, refuses a stale plan
// (see AppliedDraft::stale) or a blocked one, saves it `applying`, applies it in one transaction
// with its record `applied`. Cancelled before the commit: nothing is written, the import is
// `cancelled`, and the error is kCancelled. Any other failure: `failed`, with the error.
Result<AppliedDraft> ApplyImport(const Deployment& deployment, directory::Store& store,
                                 const std::string& id, const JobControl& control = {});

// CreateImport and ApplyImport in one step (`rollcall import --apply`, a drop-folder sync): the
// analysis just made is applied, once more if the directory moves in between.
Result<AppliedDraft> CreateAndApplyImport(const Deployment& deployment, directory::Store& store,
                                          ImportRequest request, const JobControl& control = {});

// Cancels a draft (analyzed, failed): it can no longer be applied. kInvalidArgument for an
// import that is applying, applied, reverted or cancelled already.
Result<directory::ImportRecord> CancelImport(const Deployment& deployment, directory::Store& store,
                                             const std::string& id);

// Imports of an org (by code; all when empty) in a state (any when empty), newest first.
Result<std::vector<directory::ImportRecord>> ListImports(
    directory::Store& store, const std::string& org_code,
    std::optional<directory::ImportState> state, std::size_t limit = 200);

// The org id's code, for listings; "" for deployment-wide imports.
Result<std::string> OrgCodeOf(directory::Store& store, directory::Id org);

}  // namespace rollcall::service
