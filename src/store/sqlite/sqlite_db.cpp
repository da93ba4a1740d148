#include "store/sqlite/sqlite_db.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <utility>

namespace rollcall::store::sqlite {
namespace {

Error ErrorFrom(sqlite3* db, int code, std::string_view context) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  // A constraint is the schema refusing what the caller asked (duplicate code, login taken);
  // anything else means the database itself is unusable.
  const bool constraint = (code & 0xff) == SQLITE_CONSTRAINT;
  return MakeError(constraint ? ErrorCode::kInvalidArgument : ErrorCode::kIo,
                   fmt::format("{}: {}", context, message));
}

}  // namespace

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      statement_(std::exchange(other.statement_, nullptr)),
      bind_error_(std::move(other.bind_error_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    db_ = std::exchange(other.db_, nullptr);
    statement_ = std::exchange(other.statement_, nullptr);
    bind_error_ = std::move(other.bind_error_);
  }
  return *this;
}

void Statement::Bind(int index, std::int64_t value) {
  const int code = sqlite3_bind_int64(statement_, index, value);
  if (code != SQLITE_OK && !bind_error_) bind_error_ = ErrorFrom(db_, code, "database bind");
}

void Statement::Bind(int index, std::string_view text) {
  // SQLITE_TRANSIENT copies: callers may bind temporaries.
  const int code = sqlite3_bind_text64(statement_, index, text.data(), text.size(),
                                       SQLITE_TRANSIENT, SQLITE_UTF8);
  if (code != SQLITE_OK && !bind_error_) bind_error_ = ErrorFrom(db_, code, "database bind");
}

void Statement::BindView(int index, std::string_view text) {
  const int code =
      sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (code != SQLITE_OK && !bind_error_) bind_error_ = ErrorFrom(db_, code, "database bind");
}

void Statement::BindBlob(int index, std::string_view bytes) {
  const int code =
      sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (code != SQLITE_OK && !bind_error_) bind_error_ = ErrorFrom(db_, code, "database bind");
}

void Statement::BindNull(int index) {
  const int code = sqlite3_bind_null(statement_, index);
  if (code != SQLITE_OK && !bind_error_) bind_error_ = ErrorFrom(db_, code, "database bind");
}

void Statement::BindOptional(int index, const std::optional<std::int64_t>& value) {
  if (value) {
    Bind(index, *value);
  } else {
    BindNull(index);
  }
}

int Statement::ParameterCount() const { return sqlite3_bind_parameter_count(statement_); }

Result<bool> Statement::Step() {
  if (bind_error_) return *bind_error_;
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return ErrorFrom(db_, code, "database");
}

Status Statement::Run() {
  Result<bool> stepped = Step();
  while (stepped && *stepped) stepped = Step();
  Reset();
  if (!stepped) return stepped.error();
  return {};
}

void Statement::Reset() {
  // sqlite3_reset repeats the last step's error, which Step() already reported.
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  bind_error_.reset();
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t Statement::Int64(int column) const { return sqlite3_column_int64(statement_, column); }

std::string_view Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return {};
  const int size = sqlite3_column_bytes(statement_, column);
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::string_view Statement::Blob(int column) const {
  const void* bytes = sqlite3_column_blob(statement_, column);
  if (bytes == nullptr) return {};
  const int size = sqlite3_column_bytes(statement_, column);
  return {static_cast<const char*>(bytes), static_cast<std::size_t>(size)};
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  const int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (code != SQLITE_OK) {
    const bool missing = !create && (code & 0xff) == SQLITE_CANTOPEN;
    Error error =
        missing ? MakeError(ErrorCode::kNotFound, fmt::format("database {}: no such file", path))
                : ErrorFrom(db, code, fmt::format("database {}", path));
    sqlite3_close_v2(db);  // a handle is returned even on failure
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Database>(new Database(db));
}

Database::~Database() {
  cache_.clear();  // statements first: closing waits for none of them then
  sqlite3_close_v2(db_);
}

Status Database::Execute(const char* sql) {
  const int code = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) return ErrorFrom(db_, code, "database");
  return {};
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (code != SQLITE_OK) {
    sqlite3_finalize(statement);
    return ErrorFrom(db_, code, "database prepare");
  }
  return Statement(db_, statement);
}

Result<StatementLease> Database::Cached(std::string_view sql) {
  auto found = cache_.find(sql);
  if (found == cache_.end()) {
    Result<Statement> prepared = Prepare(sql);
    if (!prepared) return prepared.error();
    found =
        cache_.emplace(std::string(sql), std::make_unique<Statement>(std::move(prepared).value()))
            .first;
  }
  return StatementLease(*found->second);
}

Result<StatementLease> Database::CachedStatic(const char* sql) {
  if (const auto found = static_cache_.find(sql); found != static_cache_.end()) {
    return StatementLease(*found->second);
  }
  Result<StatementLease> cached = Cached(sql);
  if (cached) static_cache_.emplace(sql, &cached->get());
  return cached;
}

std::int64_t Database::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

std::int64_t Database::Changes() const { return sqlite3_changes64(db_); }

void Database::ReleaseCache() { sqlite3_db_release_memory(db_); }

bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Error Database::LastError(std::string_view context) const {
  return ErrorFrom(db_, sqlite3_extended_errcode(db_), context);
}

ScopedTransaction::ScopedTransaction(Database& db, const char* begin_sql, const char* commit_sql,
                                     const char* rollback_sql)
    : db_(db), commit_sql_(commit_sql), rollback_sql_(rollback_sql) {
  started_ = db_.Execute(begin_sql);
  open_ = started_.has_value();
}

ScopedTransaction::~ScopedTransaction() {
  if (open_) (void)db_.Execute(rollback_sql_);  // nothing more to do if even this fails
}

Status ScopedTransaction::Commit() {
  Status committed = db_.Execute(commit_sql_);
  if (committed) open_ = false;
  return committed;
}

ScopedTransaction BeginWrite(Database& db) {
  if (db.InTransaction()) {
    return ScopedTransaction(db, "SAVEPOINT write_scope", "RELEASE write_scope",
                             "ROLLBACK TO write_scope; RELEASE write_scope");
  }
  return ScopedTransaction(db, "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK");
}

}  // namespace rollcall::store::sqlite
