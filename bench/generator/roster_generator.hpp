// RosterGenerator: synthetic roster exports, deterministic from a seed, for benchmarks and load
// tests (DESIGN.md §7: "the generator is part of the project").
//
// A roster looks like what French school-administration tools export for Excel: a header row in
// French (Nom;Prénom;Date de naissance;Classe;…), then one pupil per line with names from several
// origins (accents, hyphens, apostrophes, particles, letters outside Windows-1252), birth dates
// dd/mm/yyyy that fit the class, external ids, e-mail addresses, phone numbers, addresses with
// commas (hence quoted cells), and now and then a quoted remark holding a doubled quote, the
// delimiter or a line break. Lines end with CR LF; a line break inside a cell is a lone LF, as
// Excel writes it.
//
// Determinism: the same options give the same bytes on every platform. The only randomness is a
// std::mt19937_64 seeded with options.seed (fully specified by the standard); choices are made
// with plain modulo arithmetic, never with the standard distributions, whose output differs
// between standard libraries. No clock, no global state.
//
// Thread-compatible: one generator per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "text/encoding.hpp"

namespace rollcall::bench {

// Kinds of roster. Later: guardians, teachers, whole schools (issue 4).
enum class Profile { kStudent };

struct GeneratorOptions {
  Profile profile = Profile::kStudent;
  // kUtf8, kUtf8Bom or kWindows1252.
  text::Encoding encoding = text::Encoding::kUtf8;
  char delimiter = ';';
  std::uint64_t seed = 1;
  // Data rows to write after the header; 0: no row limit.
  std::uint64_t max_rows = 0;
  // Stop before a line would take the output past this many bytes; 0: no size limit.
  std::uint64_t max_bytes = 0;
};

class RosterGenerator {
 public:
  // REQUIRES: options.max_rows > 0 || options.max_bytes > 0 (the roster must end), and an
  // encoding listed above.
  explicit RosterGenerator(const GeneratorOptions& options);
  ~RosterGenerator();
  RosterGenerator(const RosterGenerator&) = delete;
  RosterGenerator& operator=(const RosterGenerator&) = delete;

  // Appends the next line, encoded and with its line end, to `out` (the header comes first).
  // Returns false, appending nothing, once the roster is complete.
  bool NextLine(std::string& out);

  std::uint64_t data_rows_written() const;
  std::uint64_t bytes_written() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The whole roster in one string.
std::string GenerateRoster(const GeneratorOptions& options);

}  // namespace rollcall::bench
