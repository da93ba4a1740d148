// AnalyzeImport, steps: 1. find the org; 2. read, map and validate every file (profile given or
// guessed from the file name), on a second thread while 3. loads the snapshot; 4. plan; 5. derive
// the import id.
#include "service/import_service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <charconv>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>

#include "files/load.hpp"
#include "service/orgs.hpp"
#include "service/request_json.hpp"
#include "text/normalize.hpp"

namespace rollcall::service {

const mapping::ProfileSpec* GuessProfile(const mapping::Schema& schema,
                                         const std::filesystem::path& path) {
  const std::string stem = text::FoldForMatching(path.stem().string());
  std::string word;
  for (std::size_t position = 0; position <= stem.size(); ++position) {
    const bool letter =
        position < stem.size() && (std::isalpha(static_cast<unsigned char>(stem[position])) != 0);
    if (letter) {
      word += stem[position];
      continue;
    }
    if (const mapping::ProfileSpec* profile = schema.ProfileNamed(word)) return profile;
    word.clear();
  }
  return nullptr;
}

namespace {

// The column an edit names: its header (compared as written), else its 1-based number.
std::optional<std::size_t> EditedColumn(const AnalyzedFile& file, const std::string& column) {
  if (file.outcome.info.header && file.outcome.table.row_count() > 0) {
    const table::Table& table = file.outcome.table;
    for (std::size_t column_idx = 0; column_idx < table.cell_count(0); ++column_idx) {
      if (table.Cell(0, column_idx) == column) return column_idx;
    }
  }
  std::size_t number = 0;
  const auto [end, error] = std::from_chars(column.data(), column.data() + column.size(), number);
  if (error != std::errc() || end != column.data() + column.size() || number == 0) {
    return std::nullopt;
  }
  return number - 1;
}

// Puts the administrator's corrections over the cells read; the upload stays as it was and the
// edits are kept, with the text they replace, for the reports.
Status OverlayEdits(AnalyzedFile& file, std::size_t file_idx, const ImportRequest& request) {
  table::Table& table = file.outcome.table;
  std::map<std::uint32_t, std::size_t> rows_by_line;
  for (const auto& [where, choice] : request.rows) {
    if (where.first == file_idx && !choice.edits.empty()) rows_by_line[where.second] = 0;
  }
  if (rows_by_line.empty()) return {};
  std::size_t found = 0;
  for (std::size_t row_idx = file.outcome.first_data_row(); row_idx < table.row_count();
       ++row_idx) {
    const auto row = rows_by_line.find(table.SourceLine(row_idx));
    if (row == rows_by_line.end() || row->second != 0) continue;
    row->second = row_idx + 1;  // 0 = not found
    ++found;
  }
  for (const auto& [where, choice] : request.rows) {
    if (where.first != file_idx) continue;
    for (const auto& [column, value] : choice.edits) {
      const std::size_t row_number = rows_by_line[where.second];
      if (row_number == 0) {
        return MakeError(ErrorCode::kInvalidArgument,
                         fmt::format("{}: no data row at line {}", file.name, where.second));
      }
      const std::optional<std::size_t> column_idx = EditedColumn(file, column);
      if (!column_idx) {
        return MakeError(ErrorCode::kInvalidArgument,
                         fmt::format("{}: no column '{}'", file.name, column));
      }
      file.edits.push_back(CellEdit{where.second, *column_idx, column,
                                    std::string(table.Cell(row_number - 1, *column_idx)), value});
      table.ReplaceCell(row_number - 1, *column_idx, value);
    }
  }
  return {};
}

Result<AnalyzedFile> AnalyzeFile(const mapping::Schema& schema, const ImportRequest& request,
                                 std::size_t file_idx, const Clock& clock) {
  const ImportFile& file = request.files[file_idx];
  AnalyzedFile analyzed;
  analyzed.name = file.DisplayName();
  analyzed.profile = file.profile.empty() ? GuessProfile(schema, analyzed.name)
                                          : schema.ProfileNamed(file.profile);
  if (analyzed.profile == nullptr) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        file.profile.empty()
            ? fmt::format("{}: say which profile it holds (FILE:PROFILE)", analyzed.name)
            : fmt::format("{}: unknown profile '{}'", analyzed.name, file.profile));
  }
  table::ReadOptions options;
  options.sheet_index = file.sheet_index;
  options.header = file.header;
  Result<table::ReadOutcome> outcome = files::LoadTable(file.path, options);
  if (!outcome) {
    return MakeError(outcome.error().code,
                     outcome.error().message.starts_with(file.path.string())
                         ? analyzed.name + outcome.error().message.substr(file.path.string().size())
                         : outcome.error().message);
  }
  analyzed.outcome = std::move(outcome).value();
  if (Status edited = OverlayEdits(analyzed, file_idx, request); !edited) return edited.error();
  const table::Table& table = analyzed.outcome.table;
  const std::optional<std::vector<std::string>> header =
      analyzed.outcome.info.header ? std::optional(mapping::HeaderCells(table)) : std::nullopt;
  Result<mapping::Mapping> mapped =
      mapping::MapColumns(schema, *analyzed.profile, header, table.max_cell_count(), file.overrides,
                          table.row_count() > 0 ? table.SourceLine(0) : 1);
  if (!mapped) {
    return MakeError(mapped.error().code,
                     fmt::format("{}: {}", analyzed.name, mapped.error().message));
  }
  analyzed.mapping = std::move(mapped).value();
  const int year = std::stoi(clock.today.substr(0, 4));
  analyzed.records =
      records::BuildRecords(schema, *analyzed.profile, table, analyzed.outcome.first_data_row(),
                            analyzed.mapping, records::RecordOptions{year});
  return analyzed;
}

// Step 2: every file read, mapped and validated, in the request's order.
Result<std::deque<AnalyzedFile>> AnalyzeFiles(const mapping::Schema& schema,
                                              const ImportRequest& request, const Clock& clock) {
  std::deque<AnalyzedFile> files;
  for (std::size_t file_idx = 0; file_idx < request.files.size(); ++file_idx) {
    Result<AnalyzedFile> analyzed = AnalyzeFile(schema, request, file_idx, clock);
    if (!analyzed) return analyzed.error();
    files.push_back(std::move(analyzed).value());
  }
  return files;
}

// What the planner reads of each file, with the row decisions; points into `files`.
std::vector<plan::PlanFile> PlanFiles(const std::deque<AnalyzedFile>& files,
                                      const std::map<RowKey, plan::RowDecision>& decisions) {
  std::vector<plan::PlanFile> plan_files;
  for (std::size_t file_idx = 0; file_idx < files.size(); ++file_idx) {
    const AnalyzedFile& analyzed = files[file_idx];
    plan::PlanFile plan_file{analyzed.name, analyzed.profile, &analyzed.records, {}, {}};
    plan_file.diagnostics = analyzed.outcome.diagnostics;
    plan_file.diagnostics.insert(plan_file.diagnostics.end(), analyzed.mapping.diagnostics.begin(),
                                 analyzed.mapping.diagnostics.end());
    for (const auto& [where, decision] : decisions) {
      if (where.first == file_idx) plan_file.decisions[where.second] = decision;
    }
    plan_files.push_back(std::move(plan_file));
  }
  return plan_files;
}

Result<directory::Id> AccountIdOf(directory::Store& store, const std::string& login) {
  Result<std::optional<directory::Account>> account = store.FindAccountByLogin(login);
  if (!account) return account.error();
  if (!*account) {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("no account with login '{}'", login));
  }
  return (*account)->id;
}

// The administrator's row choices as the planner takes them: logins become account ids.
Result<std::map<RowKey, plan::RowDecision>> RowDecisions(directory::Store& store,
                                                         const ImportRequest& request) {
  std::map<RowKey, plan::RowDecision> decisions;
  for (const auto& [where, choice] : request.rows) {
    if (!choice.exclude && choice.match.empty()) continue;
    plan::RowDecision& decision = decisions[where];
    decision.exclude = choice.exclude;
    if (choice.match == kMatchNew) {
      decision.create_new = true;
    } else if (!choice.match.empty()) {
      Result<directory::Id> account = AccountIdOf(store, choice.match);
      if (!account) return account.error();
      decision.match = *account;
    }
  }
  return decisions;
}

plan::PlanOptions MakePlanOptions(const ImportRequest& request, const std::string& period,
                                  const Clock& clock) {
  plan::PlanOptions options;
  options.source = request.source;
  options.period = period;
  options.mode = request.mode;
  options.school_year_change = request.school_year_change;
  options.ignore_unmapped_groups = request.ignore_unmapped_groups;
  options.groups = request.groups;
  options.retention_days = request.retention_days;
  options.skip_invalid_rows = request.skip_invalid_rows;
  options.today = clock.today;
  return options;
}

// Hashes a file without holding it: the import id must not cost a second copy of a big file.
Status HashFile(const std::filesystem::path& path, crypto_generichash_state& state) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return MakeError(ErrorCode::kIo, fmt::format("{}: cannot read", path.string()));
  std::string chunk(1 << 20, '\0');
  while (stream) {
    stream.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto count = static_cast<std::size_t>(stream.gcount());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(chunk.data()), count);
  }
  return {};
}

// Files not stored yet (a plain analysis of local files) count by their bytes.
std::vector<std::filesystem::path> UnstoredFiles(const ImportRequest& request) {
  std::vector<std::filesystem::path> paths;
  for (const ImportFile& file : request.files) {
    if (file.content_hash.empty()) paths.push_back(file.path);
  }
  return paths;
}

}  // namespace

Result<std::string> DeriveImportId(std::string_view kind, std::string_view request_json,
                                   std::int64_t org_version, std::int64_t source_version,
                                   const std::vector<std::filesystem::path>& unstored_files) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kIo, "libsodium cannot start");
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 16);
  const std::string description = fmt::format("{}|{}|version={}|source_version={}", kind,
                                              request_json, org_version, source_version);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(description.data()),
                            description.size());
  for (const std::filesystem::path& path : unstored_files) {
    if (Status status = HashFile(path, state); !status) return status.error();
  }
  unsigned char digest[16];
  crypto_generichash_final(&state, digest, sizeof digest);
  std::string id = "imp-";
  for (unsigned char byte : digest) id += fmt::format("{:02x}", byte);
  return id;
}

Result<Analysis> AnalyzeImport(directory::Store& store, const mapping::Schema& schema,
                               const ImportRequest& request, const Clock& clock) {
  Analysis analysis;
  Result<directory::Org> org = FindOrgByCode(store, request.org_code);  // 1.
  if (!org) return org.error();
  analysis.org = std::move(org).value();
  analysis.period = request.period.empty() ? SchoolYearOf(clock.today) : request.period;
  if (request.files.empty()) return MakeError(ErrorCode::kInvalidArgument, "no file to import");
  // 2 and 3 at once, the files on a thread of their own: on a big import each takes seconds, and
  // they share nothing (reading files touches no store; the store is used from this thread only).
  std::future<Result<std::deque<AnalyzedFile>>> files =
      std::async(std::launch::async, [&] { return AnalyzeFiles(schema, request, clock); });
  Result<directory::Snapshot> snapshot = store.LoadSnapshot(analysis.org.id, request.source);  // 3.
  Result<std::deque<AnalyzedFile>> analyzed = files.get();
  if (!analyzed) return analyzed.error();  // a file's error comes first, as it did in sequence
  analysis.files = std::move(analyzed).value();
  if (!snapshot) return snapshot.error();
  analysis.snapshot = std::move(snapshot).value();
  Result<std::map<RowKey, plan::RowDecision>> decisions = RowDecisions(store, request);
  if (!decisions) return decisions.error();
  std::vector<plan::PlanFile> plan_files = PlanFiles(analysis.files, *decisions);
  plan::PlanOptions options = MakePlanOptions(request, analysis.period, clock);
  for (const std::string& login : request.keep) {
    Result<directory::Id> account = AccountIdOf(store, login);
    if (!account) return account.error();
    options.keep.insert(*account);
  }
  analysis.plan = plan::MakePlan(analysis.snapshot, plan_files, options);  // 4.
  Result<std::string> id = DeriveImportId(
      directory::kUserFiles, RequestJson(request, analysis.period), analysis.snapshot.version,
      analysis.snapshot.source_version, UnstoredFiles(request));  // 5.
  if (!id) return id.error();
  analysis.import_id = std::move(id).value();
  return analysis;
}

directory::ImportRecord MakeImportRecord(const Analysis& analysis, const ImportRequest& request,
                                         directory::ImportState state, std::string summary_json,
                                         const std::string& created_at, const Clock& clock) {
  directory::ImportRecord record;
  record.id = analysis.import_id;
  record.org = analysis.org.id;
  record.source = request.source;
  record.period = analysis.period;
  record.state = state;
  record.kind = directory::kUserFiles;
  record.options_json = RequestJson(request, analysis.period);
  record.summary_json = std::move(summary_json);
  record.org_version = analysis.snapshot.version;
  record.source_version = analysis.snapshot.source_version;
  record.created_at = created_at.empty() ? clock.now : created_at;
  record.updated_at = clock.now;
  return record;
}

Result<directory::ImportRecord> SaveDraft(directory::Store& store, const Analysis& analysis,
                                          const ImportRequest& request,
                                          directory::ImportState state,
                                          const std::string& summary_json, const Clock& clock) {
  return SaveImportRecord(store,
                          MakeImportRecord(analysis, request, state, summary_json, "", clock));
}

Result<directory::ImportRecord> SaveImportRecord(directory::Store& store,
                                                 directory::ImportRecord record) {
  Result<std::optional<directory::ImportRecord>> existing = store.FindImport(record.id);
  if (!existing) return existing.error();
  if (*existing) record.created_at = (*existing)->created_at;
  Result<std::unique_ptr<directory::Transaction>> transaction = store.Begin();
  if (!transaction) return transaction.error();
  if (Status saved = (*transaction)->SaveImport(record); !saved) return saved.error();
  if (Status committed = (*transaction)->Commit(); !committed) return committed.error();
  return record;
}

}  // namespace rollcall::service
