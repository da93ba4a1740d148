// A thin RAII layer over the SQLite C API: a Database owns one connection, a Statement owns one
// prepared statement. Every failure becomes a Result carrying SQLite's own message; nothing
// throws. Constraint violations map to kInvalidArgument (the caller asked for something the
// schema forbids), everything else to kIo.
//
// Not thread-safe: a Database and its statements belong to one thread at a time (the connection
// is opened without SQLite's internal mutex).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace rollcall::store::sqlite {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters count from 1. A failed bind is remembered and returned by the next Step().
  // Text is copied, so temporaries are fine.
  void Bind(int index, std::int64_t value);
  void Bind(int index, std::string_view text);
  // Without a copy: a bulk write binds millions of texts that outlive the step anyway.
  // REQUIRES: `text` stays valid until the statement is reset (Run() resets it).
  void BindView(int index, std::string_view text);
  // Bytes, not text: uploaded files may hold anything.
  void BindBlob(int index, std::string_view bytes);
  void BindNull(int index);
  void BindOptional(int index, const std::optional<std::int64_t>& value);
  int ParameterCount() const;

  // Advances to the next row: true when a row is ready, false when done.
  Result<bool> Step();
  // Steps to completion, for statements that return no rows, and resets.
  Status Run();
  // Makes the statement reusable and forgets the bindings.
  void Reset();

  // Columns count from 0. REQUIRES: the last Step() returned true.
  bool IsNull(int column) const;
  std::int64_t Int64(int column) const;
  // Valid until the next Step() or Reset(); NULL reads as "".
  std::string_view Text(int column) const;
  std::string String(int column) const { return std::string(Text(column)); }
  // A BLOB column's bytes, valid until the next Step() or Reset().
  std::string_view Blob(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
  std::optional<Error> bind_error_;
};

// A cached statement lent for one use: reset (bindings cleared) when the lease ends, so a
// half-read SELECT never keeps a read transaction open.
class StatementLease {
 public:
  explicit StatementLease(Statement& statement) : statement_(&statement) {}
  ~StatementLease() {
    if (statement_ != nullptr) statement_->Reset();
  }
  StatementLease(StatementLease&& other) noexcept : statement_(other.statement_) {
    other.statement_ = nullptr;
  }
  StatementLease& operator=(StatementLease&&) = delete;
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  Statement& get() { return *statement_; }

 private:
  Statement* statement_;
};

class Database {
 public:
  // Opens `path`; with `create`, a missing file is created, else it is kNotFound.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return nothing useful (DDL, pragmas, BEGIN/COMMIT).
  Status Execute(const char* sql);
  Result<Statement> Prepare(std::string_view sql);
  // A statement prepared once per connection and reused: bulk writes bind and step the same
  // statement millions of times. Failures to prepare are not cached.
  // REQUIRES: no other lease of the same `sql` is alive (there is one statement per text).
  Result<StatementLease> Cached(std::string_view sql);
  // Cached(), looked up by the text's address: hashing a 150-character statement cost a percent
  // of a bulk import, ten million times over.
  // REQUIRES: `sql` has static storage (a literal or a constexpr array): no other text may ever
  // live at its address.
  Result<StatementLease> CachedStatic(const char* sql);

  std::int64_t LastInsertId() const;
  std::int64_t Changes() const;  // rows changed by the last INSERT, UPDATE or DELETE
  // Gives the page cache's unused memory back to the process (pages are read again on demand).
  void ReleaseCache();
  bool InTransaction() const;

  // The connection's current error as a Result error (constraint → kInvalidArgument).
  Error LastError(std::string_view context) const;

 private:
  explicit Database(sqlite3* db) : db_(db) {}

  struct SqlHash {
    using is_transparent = void;  // look up by string_view without building a string
    std::size_t operator()(std::string_view sql) const {
      return std::hash<std::string_view>{}(sql);
    }
  };

  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>> cache_;
  std::unordered_map<const char*, Statement*> static_cache_;  // into cache_
};

// Runs `Execute("ROLLBACK")` when destroyed without Commit(), for code paths that bail out.
class ScopedTransaction {
 public:
  // Starts with `begin_sql` ("BEGIN IMMEDIATE", "SAVEPOINT x"…); check started() after.
  ScopedTransaction(Database& db, const char* begin_sql, const char* commit_sql,
                    const char* rollback_sql);
  ~ScopedTransaction();
  ScopedTransaction(const ScopedTransaction&) = delete;
  ScopedTransaction& operator=(const ScopedTransaction&) = delete;

  const Status& started() const { return started_; }
  Status Commit();

 private:
  Database& db_;
  const char* commit_sql_;
  const char* rollback_sql_;
  Status started_;
  bool open_ = false;
};

// A write scope: inside an open transaction a savepoint that nests; outside, BEGIN IMMEDIATE,
// which takes the write lock up front so that a read-then-write never fails half way because
// another process wrote in between.
ScopedTransaction BeginWrite(Database& db);

// Steps through every row of `statement`, calling `read(statement)` -> Status on each; stops at
// the first error.
template <class ReadRow>
Status ForEachRow(Statement& statement, ReadRow&& read) {
  while (true) {
    Result<bool> row = statement.Step();
    if (!row) return row.error();
    if (!*row) return {};
    if (Status status = read(statement); !status) return status;
  }
}

// Runs `sql` after `bind`; the first row through `read` (→ T or Result<T>), or nothing.
template <class T, class Bind, class Read>
Result<std::optional<T>> SelectOne(Database& db, std::string_view sql, Bind&& bind, Read&& read) {
  Result<StatementLease> select = db.Cached(sql);
  if (!select) return select.error();
  Statement& statement = select->get();
  bind(statement);
  Result<bool> row = statement.Step();
  if (!row) return row.error();
  if (!*row) return std::optional<T>();
  Result<T> value = read(statement);
  if (!value) return value.error();
  return std::optional<T>(std::move(value).value());
}

// Readers for SelectOne: the row's first column.
inline Result<std::int64_t> FirstInt64(const Statement& row) { return row.Int64(0); }
inline Result<std::string> FirstText(const Statement& row) { return row.String(0); }

}  // namespace rollcall::store::sqlite
