// Result<T> and Status: the return type of every operation that can fail for operational reasons
// (unreadable file, hostile archive, database down, stale plan). Problems in the *data* are not
// errors: they are diagnostics (diagnostic.hpp). Bugs abort (check.hpp).
//
// Member names copy std::expected (has_value, value, error) so that a later move to C++23 is
// mechanical. Both types are [[nodiscard]]: ignoring a failure is a compile error under -Werror.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "base/check.hpp"

namespace rollcall {

// What went wrong, as specific as the edges (exit codes, HTTP statuses) need to tell apart.
enum class ErrorCode {
  kInvalidArgument,    // the caller asked for something impossible (bad option, sheet 7 of 3)
  kNotFound,           // a named file, org, import… does not exist
  kIo,                 // the operating system refused (permission, disk)
  kTooLarge,           // an input exceeds a configured limit
  kUnsupportedFormat,  // not a format Rollcall reads
  kCorrupt,            // the bytes claim a format but do not follow it
  kRefused,            // hostile input refused on purpose (zip bomb, XML entities, path escape)
  kConflict,           // the directory changed under us: a stale plan, a revert of edited rows
  kCancelled,          // someone asked the work to stop; nothing was committed
};

struct Error {
  ErrorCode code;
  std::string message;  // one line, for a person; never contains a secret
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // REQUIRES: has_value()
  T& value() & {
    ROLLCALL_CHECK(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    ROLLCALL_CHECK(has_value());
    return std::get<0>(state_);
  }
  T&& value() && {
    ROLLCALL_CHECK(has_value());
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !has_value()
  const Error& error() const {
    ROLLCALL_CHECK(!has_value());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error)
      : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  // REQUIRES: !has_value()
  const Error& error() const {
    ROLLCALL_CHECK(!ok_);
    return error_;
  }

 private:
  Error error_{ErrorCode::kInvalidArgument, {}};
  bool ok_ = true;
};

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

}  // namespace rollcall
