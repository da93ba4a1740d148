// Imports as drafts (issue 13): listing them, and the uploaded files they own, stored once per
// content hash in chunks of at most 1 MiB so that neither writing nor reading a big file holds
// it whole.
#include <fmt/format.h>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rollcall::store::sqlite {

Result<std::vector<directory::ImportRecord>> SqliteStore::ListImports(
    const directory::ImportQuery& query) {
  Result<StatementLease> select = Db().Cached(fmt::format(
      "SELECT {} FROM import i WHERE (?1 IS NULL OR i.org_id = ?1) AND (?2 IS NULL OR i.state = ?2)"
      " ORDER BY i.created_at DESC, i.id LIMIT ?3",
      kImportColumns));
  if (!select) return select.error();
  Statement& statement = select->get();
  statement.BindOptional(1, query.org);
  if (query.state) {
    statement.Bind(2, directory::ImportStateName(*query.state));
  } else {
    statement.BindNull(2);
  }
  statement.Bind(3, static_cast<std::int64_t>(query.limit));
  std::vector<directory::ImportRecord> imports;
  Status read = ForEachRow(statement, [&](const Statement& row) -> Status {
    Result<directory::ImportRecord> record = ReadImport(row, 0);
    if (!record) return record.error();
    imports.push_back(std::move(record).value());
    return {};
  });
  if (!read) return read.error();
  return imports;
}

Result<std::optional<std::uint64_t>> SqliteStore::UploadSize(const std::string& hash) {
  return SelectOne<std::uint64_t>(
      Db(), "SELECT size FROM upload WHERE hash = ?1", [&](Statement& s) { s.Bind(1, hash); },
      [](const Statement& row) -> Result<std::uint64_t> {
        return static_cast<std::uint64_t>(row.Int64(0));
      });
}

Status SqliteStore::SaveUpload(const std::string& hash, const directory::UploadReader& read,
                               const std::string& now) {
  ScopedTransaction transaction = BeginWrite(Db());
  if (!transaction.started()) return transaction.started();
  Result<StatementLease> known = Db().Cached("SELECT 1 FROM upload WHERE hash = ?1");
  if (!known) return known.error();
  known->get().Bind(1, hash);
  Result<bool> stored = known->get().Step();
  if (!stored) return stored.error();
  if (*stored) return {};  // content-addressed: the same bytes are already there
  Result<StatementLease> chunk_insert =
      Db().Cached("INSERT INTO upload_chunk(hash, seq, content) VALUES (?1, ?2, ?3)");
  if (!chunk_insert) return chunk_insert.error();
  // The parent row first, its size fixed once every chunk is in (foreign keys are checked).
  Result<StatementLease> insert =
      Db().Cached("INSERT INTO upload(hash, size, stored_at) VALUES (?1, 0, ?2)");
  if (!insert) return insert.error();
  insert->get().Bind(1, hash);
  insert->get().Bind(2, now);
  if (Status inserted = insert->get().Run(); !inserted) return inserted;
  std::uint64_t size = 0;
  for (std::int64_t seq = 0;; ++seq) {
    Result<std::string_view> chunk = read();
    if (!chunk) return chunk.error();
    if (chunk->empty()) break;
    size += chunk->size();
    Statement& statement = chunk_insert->get();
    statement.Bind(1, hash);
    statement.Bind(2, seq);
    statement.BindBlob(3, *chunk);
    if (Status written = statement.Run(); !written) return written;
  }
  Result<StatementLease> sized = Db().Cached("UPDATE upload SET size = ?2 WHERE hash = ?1");
  if (!sized) return sized.error();
  sized->get().Bind(1, hash);
  sized->get().Bind(2, static_cast<std::int64_t>(size));
  if (Status updated = sized->get().Run(); !updated) return updated;
  return transaction.Commit();
}

Status SqliteStore::ReadUpload(const std::string& hash, const directory::UploadWriter& write) {
  Result<std::optional<std::uint64_t>> size = UploadSize(hash);
  if (!size) return size.error();
  if (!*size) return MakeError(ErrorCode::kNotFound, fmt::format("no stored file {}", hash));
  // One chunk at a time by its key, so that no read transaction stays open while `write` works.
  for (std::int64_t seq = 0;; ++seq) {
    Result<StatementLease> select =
        Db().Cached("SELECT content FROM upload_chunk WHERE hash = ?1 AND seq = ?2");
    if (!select) return select.error();
    Statement& statement = select->get();
    statement.Bind(1, hash);
    statement.Bind(2, seq);
    Result<bool> row = statement.Step();
    if (!row) return row.error();
    if (!*row) return {};
    if (Status written = write(statement.Blob(0)); !written) return written;
  }
}

}  // namespace rollcall::store::sqlite
