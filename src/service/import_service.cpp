// AnalyzeImport, steps: 1. find the org; 2. read, map and validate every file (profile given or
// guessed from the file name), on a second thread while 3. loads the snapshot; 4. plan; 5. derive
// the import id.
#include "service/import_service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <fstream>
#include <future>
#include <nlohmann/json.hpp>

#include "files/load.hpp"
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

Result<AnalyzedFile> AnalyzeFile(const mapping::Schema& schema, const ImportFile& file,
                                 const Clock& clock) {
  AnalyzedFile analyzed;
  analyzed.name = file.path.filename().string();
  analyzed.profile =
      file.profile.empty() ? GuessProfile(schema, file.path) : schema.ProfileNamed(file.profile);
  if (analyzed.profile == nullptr) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        file.profile.empty()
            ? fmt::format("{}: say which profile it holds (FILE:PROFILE)", analyzed.name)
            : fmt::format("{}: unknown profile '{}'", analyzed.name, file.profile));
  }
  table::ReadOptions options;
  options.sheet_index = file.sheet_index;
  Result<table::ReadOutcome> outcome = files::LoadTable(file.path, options);
  if (!outcome) return outcome.error();
  analyzed.outcome = std::move(outcome).value();
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
  for (const ImportFile& file : request.files) {
    Result<AnalyzedFile> analyzed = AnalyzeFile(schema, file, clock);
    if (!analyzed) return analyzed.error();
    files.push_back(std::move(analyzed).value());
  }
  return files;
}

// What the planner reads of each file; points into `files`.
std::vector<plan::PlanFile> PlanFiles(const std::deque<AnalyzedFile>& files,
                                      const ImportRequest& request) {
  std::vector<plan::PlanFile> plan_files;
  for (std::size_t file_idx = 0; file_idx < files.size(); ++file_idx) {
    const AnalyzedFile& analyzed = files[file_idx];
    plan::PlanFile plan_file{analyzed.name, analyzed.profile, &analyzed.records, {}, {}};
    plan_file.diagnostics = analyzed.outcome.diagnostics;
    plan_file.diagnostics.insert(plan_file.diagnostics.end(), analyzed.mapping.diagnostics.begin(),
                                 analyzed.mapping.diagnostics.end());
    for (const auto& [where, decision] : request.decisions) {
      if (where.first == file_idx) plan_file.decisions[where.second] = decision;
    }
    plan_files.push_back(std::move(plan_file));
  }
  return plan_files;
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

std::string RequestJson(const ImportRequest& request, const std::string& period);

Result<std::string> ImportId(const ImportRequest& request, const Analysis& analysis) {
  std::vector<std::filesystem::path> paths;
  for (const ImportFile& file : request.files) paths.push_back(file.path);
  return DeriveImportId(
      RequestJson(request, analysis.period) + fmt::format("|version={}", analysis.snapshot.version),
      paths);
}

std::string RequestJson(const ImportRequest& request, const std::string& period) {
  nlohmann::ordered_json json;
  json["org"] = request.org_code;
  json["source"] = request.source;
  json["period"] = period;
  json["mode"] = plan::ModeName(request.mode);
  for (const ImportFile& file : request.files) {
    nlohmann::ordered_json entry{
        {"path", file.path.string()}, {"profile", file.profile}, {"sheet", file.sheet_index}};
    for (const mapping::ColumnOverride& choice : file.overrides) {
      entry["map"].push_back(choice.column + "=" + choice.field);
    }
    json["files"].push_back(std::move(entry));
  }
  for (const auto& [name, decision] : request.groups) {
    json["groups"][name] = decision.kind == plan::GroupDecision::Kind::kCreate ? "create"
                           : decision.kind == plan::GroupDecision::Kind::kIgnore
                               ? "ignore"
                               : decision.existing;
  }
  json["ignore_unmapped_groups"] = request.ignore_unmapped_groups;
  json["school_year_change"] = request.school_year_change;
  json["retention_days"] = request.retention_days;
  json["skip_invalid_rows"] = request.skip_invalid_rows;
  for (const auto& [where, decision] : request.decisions) {
    json["decisions"].push_back({{"file", where.first},
                                 {"line", where.second},
                                 {"exclude", decision.exclude},
                                 {"match", decision.match.value_or(0)},
                                 {"create_new", decision.create_new}});
  }
  return json.dump();
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

}  // namespace

Result<std::string> DeriveImportId(std::string_view description,
                                   const std::vector<std::filesystem::path>& files) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kIo, "libsodium cannot start");
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 16);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(description.data()),
                            description.size());
  for (const std::filesystem::path& path : files) {
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
  Result<std::optional<directory::Org>> org = store.FindOrg(request.org_code);  // 1.
  if (!org) return org.error();
  if (!org->has_value()) {
    return MakeError(ErrorCode::kNotFound, fmt::format("unknown org '{}'", request.org_code));
  }
  analysis.org = **org;
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
  std::vector<plan::PlanFile> plan_files = PlanFiles(analysis.files, request);
  if (!snapshot) return snapshot.error();
  analysis.snapshot = std::move(snapshot).value();
  analysis.plan = plan::MakePlan(analysis.snapshot, plan_files,
                                 MakePlanOptions(request, analysis.period, clock));  // 4.
  Result<std::string> id = ImportId(request, analysis);                              // 5.
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
  record.options_json = RequestJson(request, analysis.period);
  record.summary_json = std::move(summary_json);
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
