// Logins for created accounts (DESIGN.md §4.7): `first.last` transliterated to lower-case ASCII
// (`Hervé POULAD-MALIN` → `herve.poulad-malin`), then `first.last2`, `first.last3`…, unique
// across the whole directory and across time. The pattern and the maximum length are
// configurable (Active Directory's sAMAccountName allows 20 characters).
//
// LoginMaker turns names into a login's base; LoginAllocator hands out unique logins for a batch
// of created accounts, given the logins the directory has ever given that start with the bases'
// prefixes (one store query for the whole batch, not one per row).
//
// Thread safety: neither class may be used from two threads at once (LoginMaker holds an ICU
// transliterator, which ICU does not promise to be shareable). Building a LoginMaker is expensive
// (ICU compiles its rules, about 0.1 s): build one per batch, not one per name.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/result.hpp"

namespace rollcall::apply {

struct LoginPolicy {
  // Placeholders: {first} {last} {first_initial} {last_initial}; anything else is literal and
  // must be in [a-z0-9._-] (the separators between the parts, a fixed prefix or suffix).
  std::string pattern = "{first}.{last}";
  std::size_t max_length = 64;  // suffix digits included
  // German transcription of umlauts (ä → ae, ö → oe, ü → ue) instead of dropping the accent.
  bool german_umlauts = false;
};

class LoginMaker {
 public:
  // kInvalidArgument for a pattern without a placeholder, with an unknown `{placeholder}` or a
  // literal outside [a-z0-9._-], or a max_length < 8. kNotFound when the ICU data lacks the
  // transliterator.
  static Result<LoginMaker> Create(const LoginPolicy& policy);
  LoginMaker(LoginMaker&&) noexcept;
  LoginMaker& operator=(LoginMaker&&) noexcept;
  ~LoginMaker();

  // Lower-case ASCII [a-z0-9._-], at most max_length characters. Each name is NFC-normalised,
  // transliterated (any script ICU knows: `Łukasz` → `lukasz`, `محمد` → `mhmd`), apostrophes
  // and other punctuation dropped (`N'Diaye` → `ndiaye`), runs of spaces and hyphens turned into
  // one `-` (`Le Gall` → `le-gall`). A name that gives nothing leaves its parts out and no
  // separator dangling (an empty first name gives `last`); when both give nothing, "user" stands
  // for them. Truncation never leaves a trailing `.`, `-` or `_`.
  std::string Base(std::string_view first_name, std::string_view last_name) const;
  // The n-th candidate for a base (n = 1: the base itself; n ≥ 2: base + n, the base cut so that
  // the whole fits max_length, without a trailing `.`, `-` or `_`).
  // REQUIRES: 1 ≤ n ≤ MaxCandidate()
  std::string Candidate(const std::string& base, int n) const;
  // The largest n whose digits still leave room for one character of the base: 999,999,999, or
  // 10^(max_length - 1) - 1 when max_length < 10.
  int MaxCandidate() const;
  // Every candidate of `base`, up to MaxCandidate(), starts with this prefix: what to ask the
  // store for. Shorter than the base when the longest suffix would cut it.
  std::string Prefix(const std::string& base) const;

 private:
  struct State;
  explicit LoginMaker(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

class LoginAllocator {
 public:
  // `maker` must outlive the allocator.
  explicit LoginAllocator(const LoginMaker& maker) : maker_(&maker) {}
  // A login the directory has (or had); never handed out.
  void AddTaken(std::string login) { taken_.insert(std::move(login)); }
  // The first free candidate of `base`; it is taken from then on. Amortised O(1) per call however
  // many homonyms a base has. REQUIRES: some candidate of `base` up to MaxCandidate() is free
  // (exhausting them takes at least 9,999,999 taken logins of one base).
  std::string Allocate(const std::string& base);

 private:
  const LoginMaker* maker_;
  std::unordered_set<std::string> taken_;
  // Per base, the n below which every candidate is known to be taken: taken_ only grows.
  std::unordered_map<std::string, int> next_candidate_;
};

}  // namespace rollcall::apply
