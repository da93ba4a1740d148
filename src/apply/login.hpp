// Logins for created accounts (DESIGN.md §4.7): `first.last` transliterated to lower-case ASCII
// (`Hervé POULAD-MALIN` → `herve.poulad-malin`), then `first.last2`, `first.last3`…, unique
// across the whole directory and across time. The pattern and the maximum length are
// configurable (Active Directory's sAMAccountName allows 20 characters).
//
// LoginMaker turns names into a login's base; LoginAllocator hands out unique logins for a batch
// of created accounts, given the logins the directory has ever given that start with the bases'
// prefixes (one store query for the whole batch, not one per row).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "base/result.hpp"

namespace rollcall::apply {

struct LoginPolicy {
  // Placeholders: {first} {last} {first_initial} {last_initial}; anything else is literal.
  std::string pattern = "{first}.{last}";
  std::size_t max_length = 64;  // suffix digits included
  // German transcription of umlauts (ä → ae, ö → oe, ü → ue) instead of dropping the accent.
  bool german_umlauts = false;
};

class LoginMaker {
 public:
  // kInvalidArgument for a pattern without {first}/{last}/{*_initial}, or a max_length < 8.
  static Result<LoginMaker> Create(const LoginPolicy& policy);
  LoginMaker(LoginMaker&&) noexcept;
  LoginMaker& operator=(LoginMaker&&) noexcept;
  ~LoginMaker();

  // Lower-case ASCII [a-z0-9.-_]: names transliterated (any script ICU knows), apostrophes
  // dropped (`N'Diaye` → `ndiaye`), spaces and hyphens as one `-` (`Le Gall` → `le-gall`),
  // truncated to max_length. Never empty ("user" when the names give nothing).
  std::string Base(std::string_view first_name, std::string_view last_name) const;
  // The n-th candidate for a base (n = 1: the base itself; n ≥ 2: base + n, the base cut so that
  // the whole fits max_length).
  std::string Candidate(const std::string& base, int n) const;
  // Every candidate of `base` starts with this prefix: what to ask the store for.
  std::string Prefix(const std::string& base) const;

 private:
  struct State;
  explicit LoginMaker(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

class LoginAllocator {
 public:
  explicit LoginAllocator(const LoginMaker& maker) : maker_(&maker) {}
  // A login the directory has (or had); never handed out.
  void AddTaken(std::string login) { taken_.insert(std::move(login)); }
  // The first free candidate of `base`; it is taken from then on.
  std::string Allocate(const std::string& base);

 private:
  const LoginMaker* maker_;
  std::unordered_set<std::string> taken_;
};

}  // namespace rollcall::apply
