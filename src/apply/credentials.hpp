// Initial credentials and secrets at rest (DESIGN.md §4.8).
//
// A generated credential is a high-entropy random secret (≥ 64 bits): a password from an
// alphabet without look-alikes (no 0/O, 1/l/I), or an activation code in groups of four. Being
// random, it needs no slow hash: it is stored as a keyed BLAKE2b hash under the deployment's
// secret key. A password a person chooses is hashed with Argon2id. Credentials are shown once,
// in the result protocol; an import keeps them for a while sealed (XChaCha20-Poly1305 secretbox)
// so the protocol can be fetched again, then wipes them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace rollcall::apply {

enum class CredentialKind { kPassword, kActivationCode };
std::string_view CredentialKindName(CredentialKind kind);  // "password", "activation_code"
std::optional<CredentialKind> ParseCredentialKind(std::string_view name);

struct CredentialPolicy {
  CredentialKind kind = CredentialKind::kPassword;
  int password_length = 12;  // raised to what 64 bits need
};

// A fresh random credential. REQUIRES: sodium_init() has succeeded (SecretKey::Generate does it).
std::string GenerateCredential(const CredentialPolicy& policy);

// The deployment's master key; subkeys for hashing and sealing are derived from it.
class SecretKey {
 public:
  static constexpr std::size_t kSize = 32;
  static Result<SecretKey> Generate();
  // From the hex text of a key file (64 hex digits, surrounding whitespace ignored).
  static Result<SecretKey> FromHex(std::string_view hex);
  std::string ToHex() const;

  // "b2k$" + hex keyed BLAKE2b-256 of the secret. Deterministic for a key.
  std::string HashCredential(std::string_view secret) const;
  bool VerifyCredential(std::string_view hash, std::string_view secret) const;  // constant time

  // Nonce + ciphertext, hex. Unseal fails (kCorrupt) on a wrong key or altered text.
  std::string Seal(std::string_view plaintext) const;
  Result<std::string> Unseal(std::string_view sealed) const;

 private:
  std::array<unsigned char, kSize> key_{};
};

// Argon2id (libsodium's crypto_pwhash_str, interactive limits) for passwords people choose.
Result<std::string> HashChosenPassword(std::string_view password);
bool VerifyChosenPassword(std::string_view hash, std::string_view password);

}  // namespace rollcall::apply
