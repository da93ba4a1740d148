// Attributes: an account's person fields other than names and birth date, by schema field id
// ("email", "gender", "phone"…), sorted by field id, no empty values.
//
// Held as one string — each field and value preceded by its length — rather than a vector of
// string pairs: a directory snapshot keeps a million accounts with a dozen attributes each, and
// two std::strings per attribute would cost three times the text they hold. Reads decode as they
// go (an account has a dozen attributes at most, so a lookup is a short scan).
//
// A value type; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

namespace rollcall::directory {

class Attributes {
 public:
  using value_type = std::pair<std::string_view, std::string_view>;  // field, value

  // Iterates the attributes in field order; dereferencing yields views into the Attributes.
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Attributes::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = value_type;

    const_iterator() = default;
    value_type operator*() const { return current_; }
    const_iterator& operator++();
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const const_iterator& other) const { return position_ == other.position_; }

   private:
    friend class Attributes;
    const_iterator(std::string_view packed, std::size_t position);
    std::string_view packed_;
    std::size_t position_ = 0;
    std::size_t next_ = 0;
    value_type current_;
  };

  Attributes() = default;
  // Any order; empty values are dropped, a repeated field keeps its last value.
  Attributes(std::initializer_list<value_type> attributes);

  const_iterator begin() const { return const_iterator(packed_, 0); }
  const_iterator end() const { return const_iterator(packed_, packed_.size()); }
  bool empty() const { return packed_.empty(); }
  std::size_t size() const;

  // The value of `field`, "" when it has none.
  std::string_view Get(std::string_view field) const;
  // Sets (or with an empty value removes) one attribute, keeping the order.
  void Set(std::string_view field, std::string_view value);
  // Adds an attribute after the others, for readers of stored attributes: cheaper than Set().
  // REQUIRES: `field` sorts after every field held; `value` is not empty.
  void Append(std::string_view field, std::string_view value);
  // Gives back what appending reserved: a snapshot holds a million Attributes.
  void ShrinkToFit() { packed_.shrink_to_fit(); }

  bool operator==(const Attributes&) const = default;

 private:
  std::string packed_;
};

}  // namespace rollcall::directory
