#include "directory/attributes.hpp"

namespace rollcall::directory {
namespace {

// Lengths as LEB128: one byte below 128, which nearly every field and value is.
void AppendLength(std::size_t length, std::string& out) {
  while (length >= 0x80) {
    out += static_cast<char>((length & 0x7F) | 0x80);
    length >>= 7;
  }
  out += static_cast<char>(length);
}

std::string_view ReadText(std::string_view packed, std::size_t& position) {
  std::size_t length = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<unsigned char>(packed[position++]);
    length |= static_cast<std::size_t>(byte & 0x7F) << shift;
    if (byte < 0x80) break;
  }
  const std::string_view text = packed.substr(position, length);
  position += length;
  return text;
}

void AppendPair(std::string_view field, std::string_view value, std::string& out) {
  AppendLength(field.size(), out);
  out += field;
  AppendLength(value.size(), out);
  out += value;
}

}  // namespace

Attributes::const_iterator::const_iterator(std::string_view packed, std::size_t position)
    : packed_(packed), position_(position), next_(position) {
  if (position_ < packed_.size()) {
    current_.first = ReadText(packed_, next_);
    current_.second = ReadText(packed_, next_);
  }
}

Attributes::const_iterator& Attributes::const_iterator::operator++() {
  *this = const_iterator(packed_, next_);
  return *this;
}

Attributes::Attributes(std::initializer_list<value_type> attributes) {
  for (const auto& [field, value] : attributes) Set(field, value);
}

std::size_t Attributes::size() const {
  std::size_t count = 0;
  for (auto it = begin(); it != end(); ++it) ++count;
  return count;
}

std::string_view Attributes::Get(std::string_view field) const {
  for (const auto& [name, value] : *this) {
    if (name == field) return value;
    if (name > field) break;
  }
  return {};
}

void Attributes::Append(std::string_view field, std::string_view value) {
  AppendPair(field, value, packed_);
}

void Attributes::Set(std::string_view field, std::string_view value) {
  std::string packed;
  packed.reserve(packed_.size() + field.size() + value.size() + 2);
  bool written = false;
  const auto write_new = [&] {
    if (!written && !value.empty()) AppendPair(field, value, packed);
    written = true;
  };
  for (const auto& [name, old_value] : *this) {
    if (name < field) {
      AppendPair(name, old_value, packed);
      continue;
    }
    write_new();
    if (name != field) AppendPair(name, old_value, packed);
  }
  write_new();
  packed_ = std::move(packed);
}

}  // namespace rollcall::directory
