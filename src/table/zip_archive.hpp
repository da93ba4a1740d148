// ZipArchive: read-only access to a zip archive held in memory (libzip), for the XLSX and ODS
// readers, with the archive limits of table::Limits enforced while reading.
//
// Promises:
//  * Open() refuses an archive with more than Limits::max_archive_entries entries (kRefused) and
//    reports bytes libzip cannot open as kCorrupt.
//  * StreamEntry() hands an entry's uncompressed bytes to a sink in small chunks, so no entry is
//    ever held whole. It counts the bytes actually inflated — never trusting the sizes the archive
//    declares — and stops as soon as the sum over all entries read passes
//    Limits::max_uncompressed_bytes (kTooLarge) or one entry inflates more than
//    Limits::max_compression_ratio times its compressed size (kRefused).
//
// The archive borrows the bytes: they must outlive it. Not thread-safe (libzip handles are not).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "table/read.hpp"

struct zip;

namespace rollcall::table {

class ZipArchive {
 public:
  // Receives one chunk of an entry; a failed Status stops the reading and is returned as is.
  using ChunkSink = std::function<Status(std::string_view chunk)>;

  // REQUIRES: `bytes` outlives the returned archive.
  static Result<ZipArchive> Open(std::string_view bytes, const Limits& limits);

  ZipArchive(ZipArchive&&) noexcept = default;
  ZipArchive& operator=(ZipArchive&&) noexcept = default;
  ~ZipArchive() = default;

  std::uint64_t entry_count() const { return entry_count_; }
  // The index of the entry called `name` (exact match first, then ignoring case).
  std::optional<std::uint64_t> Find(std::string_view name) const;
  bool Contains(std::string_view name) const { return Find(name).has_value(); }

  // Streams the entry at `index` to `sink`. Fails with the limit errors above, kCorrupt when the
  // compressed data is damaged, kUnsupportedFormat when the entry is encrypted or uses a
  // compression method libzip does not have.
  Status StreamEntry(std::uint64_t index, const ChunkSink& sink);

  // Reads a small entry whole, failing with kCorrupt when it is longer than `max_bytes`.
  Result<std::string> ReadSmallEntry(std::uint64_t index, std::size_t max_bytes);

 private:
  struct Closer {
    void operator()(zip* archive) const;
  };
  ZipArchive(std::unique_ptr<zip, Closer> archive, std::uint64_t entry_count,
             std::uint64_t archive_bytes, const Limits& limits);

  Status CheckEntry(std::uint64_t index, std::uint64_t& compressed_bytes) const;
  Status CountInflated(std::string_view name, std::uint64_t entry_bytes,
                       std::uint64_t compressed_bytes, std::size_t chunk_bytes);

  std::unique_ptr<zip, Closer> archive_;
  std::uint64_t entry_count_ = 0;
  std::uint64_t archive_bytes_ = 0;
  Limits limits_;
  std::uint64_t inflated_total_ = 0;  // over every entry read so far
};

}  // namespace rollcall::table
