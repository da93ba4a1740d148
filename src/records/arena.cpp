#include "records/arena.hpp"

#include <algorithm>
#include <cstring>

namespace rollcall::records {
namespace {

// Large enough that allocating blocks costs nothing next to filling them, small enough that the
// last, partly used block of a small file wastes little.
constexpr std::size_t kBlockBytes = 256 * 1024;

}  // namespace

std::string_view Arena::Copy(std::string_view text) {
  if (text.empty()) return {};
  char* copy = static_cast<char*>(Allocate(text.size(), 1));
  std::memcpy(copy, text.data(), text.size());
  return {copy, text.size()};
}

void* Arena::Allocate(std::size_t size, std::size_t alignment) {
  const std::size_t padding =
      next_ == nullptr
          ? 0
          : (alignment - reinterpret_cast<std::uintptr_t>(next_) % alignment) % alignment;
  if (next_ == nullptr || padding + size > left_) {
    const std::size_t block_size = std::max(kBlockBytes, size + alignment);
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(block_size));
    held_ += block_size;
    next_ = blocks_.back().get();
    left_ = block_size;
    return Allocate(size, alignment);
  }
  std::byte* start = next_ + padding;
  next_ = start + size;
  left_ -= padding + size;
  return start;
}

}  // namespace rollcall::records
