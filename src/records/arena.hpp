// Arena: storage for the texts and values of a RecordSet. Copies go into blocks that never move,
// so views into them stay valid as long as the arena lives, moves included (a move hands over the
// blocks). A million records hold about fifteen million values: one std::string and one vector
// per value would cost more than the values themselves.
//
// Move-only; not thread-safe for writing.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace rollcall::records {

class Arena {
 public:
  Arena() = default;
  Arena(Arena&&) noexcept = default;
  Arena& operator=(Arena&&) noexcept = default;

  std::string_view Copy(std::string_view text);

  // REQUIRES: T is trivially copyable and destructible (the arena never runs destructors).
  template <class T>
  std::span<const T> Copy(std::span<const T> items) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
    if (items.empty()) return {};
    T* copy = static_cast<T*>(Allocate(items.size_bytes(), alignof(T)));
    std::uninitialized_copy(items.begin(), items.end(), copy);
    return {copy, items.size()};
  }

  // Bytes held, for benchmarks.
  std::size_t MemoryUsage() const { return held_; }

 private:
  void* Allocate(std::size_t size, std::size_t alignment);

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* next_ = nullptr;
  std::size_t left_ = 0;
  std::size_t held_ = 0;
};

}  // namespace rollcall::records
