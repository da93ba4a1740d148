// Initial credentials and secrets at rest (DESIGN.md §4.8).
//
// A generated credential is a high-entropy random secret (≥ 64 bits): a password from an
// alphabet without look-alikes (no 0/O, 1/l/I), or an activation code in groups of four. Being
// random, it needs no slow hash: it is stored as a keyed BLAKE2b hash under the deployment's
// secret key. A password a person chooses is hashed with Argon2id. Credentials are shown once,
// in the result protocol; an import keeps them for a while sealed (XSalsa20-Poly1305 secretbox)
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
  // Raised to what 64 bits need with at least one letter and one digit (12), capped at 128.
  int password_length = 12;
};

// Passwords: letters and digits without 0 O o 1 l I (56 symbols), at least one letter and one
// digit, uniform among such strings. Activation codes: 16 symbols of a base-32 alphabet without
// 0 O 1 I (80 bits), in groups of four joined by '-' ("7KQM-X2RD-…").
inline constexpr std::string_view kPasswordAlphabet =
    "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
inline constexpr std::string_view kActivationCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

// A fresh random credential. REQUIRES: sodium_init() has succeeded (SecretKey::Generate and
// FromHex do it).
std::string GenerateCredential(const CredentialPolicy& policy);

// The deployment's master key; subkeys for hashing (id 1) and sealing (id 2) are derived from it
// with crypto_kdf, context "rollcall". Copies hold the key too; every copy wipes it when
// destroyed. Error messages never contain key material.
class SecretKey {
 public:
  static constexpr std::size_t kSize = 32;
  // A random key. kIo when libsodium cannot initialise (no entropy source).
  static Result<SecretKey> Generate();
  // From the hex text of a key file (64 hex digits, surrounding whitespace ignored): kCorrupt for
  // anything else, kIo as Generate.
  static Result<SecretKey> FromHex(std::string_view hex);
  std::string ToHex() const;

  SecretKey(const SecretKey&) = default;
  SecretKey& operator=(const SecretKey&) = default;
  ~SecretKey();

  // "b2k$" + hex keyed BLAKE2b-256 of the secret. Deterministic for a key.
  std::string HashCredential(std::string_view secret) const;
  // Constant time in the secret and the hash's digits; false for a malformed hash.
  bool VerifyCredential(std::string_view hash, std::string_view secret) const;

  // Hex of a random 24-byte nonce + XSalsa20-Poly1305 ciphertext (crypto_secretbox_easy). Unseal
  // fails (kCorrupt) on a wrong key, altered, truncated or non-hex text.
  std::string Seal(std::string_view plaintext) const;
  Result<std::string> Unseal(std::string_view sealed) const;

 private:
  SecretKey() = default;  // only the factories make keys: an all-zero key would be no secret
  void DeriveSubkeys();

  std::array<unsigned char, kSize> key_{};
  std::array<unsigned char, kSize> hash_key_{};
  std::array<unsigned char, kSize> seal_key_{};
};

// Argon2id (libsodium's crypto_pwhash_str_alg, interactive limits) for passwords people choose.
// kIo when libsodium cannot initialise or Argon2id cannot get its memory (64 MiB).
Result<std::string> HashChosenPassword(std::string_view password);
// False for a wrong password and for anything that is not a crypto_pwhash_str hash.
bool VerifyChosenPassword(std::string_view hash, std::string_view password);

}  // namespace rollcall::apply
