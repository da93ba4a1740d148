// Writing JSON by hand for the codecs of this store (attributes, audit entries): a million
// accounts are encoded per bulk import, and a general JSON library (a value tree of maps, then a
// serializer) costs several times the SQLite insert itself.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rollcall::store::sqlite {

// Appends `text` as a JSON string. REQUIRES: valid UTF-8 (callers check with text::IsValidUtf8
// and fall back to a replacing encoder otherwise).
void AppendJsonString(std::string_view text, std::string& out);

// Builds one flat JSON object member by member: `{"a":1,"b":"x"}`.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  JsonObjectWriter& String(std::string_view key, std::string_view value);
  JsonObjectWriter& Int(std::string_view key, std::int64_t value);
  JsonObjectWriter& Bool(std::string_view key, bool value);
  // Starts a member whose value the caller appends to out() next.
  std::string& Member(std::string_view key);
  void Close() { out_ += '}'; }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace rollcall::store::sqlite
