#include "apply/credentials.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "text/normalize.hpp"

namespace rollcall::apply {
namespace {

constexpr double kMinEntropyBits = 64;
constexpr int kMaxPasswordLength = 128;
constexpr std::size_t kActivationGroup = 4;

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "rollcall";
constexpr std::uint64_t kHashSubkeyId = 1;
constexpr std::uint64_t kSealSubkeyId = 2;

constexpr std::string_view kHashPrefix = "b2k$";
constexpr std::size_t kHashBytes = crypto_generichash_BYTES;  // 32: BLAKE2b-256
static_assert(kHashBytes == 32);
static_assert(SecretKey::kSize == crypto_kdf_KEYBYTES);
static_assert(SecretKey::kSize == crypto_secretbox_KEYBYTES);
static_assert(SecretKey::kSize >= crypto_generichash_KEYBYTES_MIN);

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

std::string ToHexText(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();  // sodium writes a terminating NUL
  return hex;
}

// Exactly `expected_size` bytes from strict hex (no separators, no trailing text), or nullopt.
std::optional<std::vector<unsigned char>> FromHexText(std::string_view hex,
                                                      std::size_t expected_size) {
  if (hex.size() != expected_size * 2) return std::nullopt;
  std::vector<unsigned char> bytes(expected_size);
  std::size_t decoded_size = 0;
  // A null hex_end makes sodium fail on any character that is not a hex digit.
  if (sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &decoded_size,
                     nullptr) != 0 ||
      decoded_size != expected_size) {
    return std::nullopt;
  }
  return bytes;
}

Status InitialiseSodium() {
  if (sodium_init() < 0) {
    return MakeError(ErrorCode::kIo, "libsodium could not initialise (no entropy source?)");
  }
  return {};
}

// Uniform symbols of an alphabet from few draws of random bytes: randombytes_uniform() per symbol
// asks the kernel for entropy each time, a dozen system calls per credential and the largest cost
// of creating a million accounts. A byte is used only below the largest multiple of the
// alphabet's size (rejection sampling), so no symbol is favoured.
class SymbolDrawer {
 public:
  explicit SymbolDrawer(std::string_view alphabet)
      : alphabet_(alphabet), accepted_below_(256 - 256 % static_cast<unsigned>(alphabet.size())) {}
  ~SymbolDrawer() { sodium_memzero(bytes_.data(), bytes_.size()); }
  SymbolDrawer(const SymbolDrawer&) = delete;
  SymbolDrawer& operator=(const SymbolDrawer&) = delete;

  char Next() {
    while (true) {
      if (position_ == bytes_.size()) {
        randombytes_buf(bytes_.data(), bytes_.size());
        position_ = 0;
      }
      const unsigned byte = bytes_[position_++];
      if (byte < accepted_below_) return alphabet_[byte % alphabet_.size()];
    }
  }

 private:
  std::string_view alphabet_;
  unsigned accepted_below_;
  std::array<unsigned char, 64> bytes_{};
  std::size_t position_ = bytes_.size();
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// log2 of the number of passwords of `length` symbols with at least one letter and one digit:
// all strings, minus those without a digit, minus those without a letter (none lack both).
double PasswordEntropyBits(int length) {
  const auto count = static_cast<double>(kPasswordAlphabet.size());
  const auto digits = static_cast<double>(std::count_if(
      kPasswordAlphabet.begin(), kPasswordAlphabet.end(), [](char c) { return IsDigit(c); }));
  const double letters = count - digits;
  const double excluded = std::pow(letters / count, length) + std::pow(digits / count, length);
  return length * std::log2(count) + std::log2(1 - excluded);
}

int PasswordLength(int requested) {
  int length = std::clamp(requested, 2, kMaxPasswordLength);
  while (length < kMaxPasswordLength && PasswordEntropyBits(length) < kMinEntropyBits) ++length;
  return length;
}

// Uniform among the passwords with at least one letter and one digit: draw, and draw again until
// one has both (about 1.2 draws at 12 symbols).
std::string GeneratePassword(int requested_length) {
  const auto length = static_cast<std::size_t>(PasswordLength(requested_length));
  std::string password(length, '\0');
  SymbolDrawer drawer(kPasswordAlphabet);
  while (true) {
    for (char& symbol : password) symbol = drawer.Next();
    const bool has_digit = std::any_of(password.begin(), password.end(), IsDigit);
    const bool has_letter = !std::all_of(password.begin(), password.end(), IsDigit);
    if (has_digit && has_letter) return password;
  }
}

// 5 bits a symbol: enough symbols for 64 bits, rounded up to whole groups (16 symbols, 80 bits).
std::string GenerateActivationCode() {
  constexpr std::size_t kBitsPerSymbol = 5;
  static_assert(kActivationCodeAlphabet.size() == std::size_t{1} << kBitsPerSymbol);
  constexpr auto kMinSymbols =
      (static_cast<std::size_t>(kMinEntropyBits) + kBitsPerSymbol - 1) / kBitsPerSymbol;
  constexpr std::size_t kSymbols =
      (kMinSymbols + kActivationGroup - 1) / kActivationGroup * kActivationGroup;
  std::string code;
  code.reserve(kSymbols + kSymbols / kActivationGroup);
  SymbolDrawer drawer(kActivationCodeAlphabet);
  for (std::size_t symbol_idx = 0; symbol_idx < kSymbols; ++symbol_idx) {
    if (symbol_idx > 0 && symbol_idx % kActivationGroup == 0) code += '-';
    code += drawer.Next();
  }
  return code;
}

}  // namespace

std::string_view CredentialKindName(CredentialKind kind) {
  switch (kind) {
    case CredentialKind::kPassword:
      return "password";
    case CredentialKind::kActivationCode:
      return "activation_code";
  }
  return "password";
}

std::optional<CredentialKind> ParseCredentialKind(std::string_view name) {
  if (name == "password") return CredentialKind::kPassword;
  if (name == "activation_code") return CredentialKind::kActivationCode;
  return std::nullopt;
}

std::string GenerateCredential(const CredentialPolicy& policy) {
  switch (policy.kind) {
    case CredentialKind::kPassword:
      return GeneratePassword(policy.password_length);
    case CredentialKind::kActivationCode:
      return GenerateActivationCode();
  }
  return GeneratePassword(policy.password_length);
}

Result<SecretKey> SecretKey::Generate() {
  if (Status status = InitialiseSodium(); !status) return status.error();
  SecretKey key;
  crypto_kdf_keygen(key.key_.data());
  key.DeriveSubkeys();
  return key;
}

Result<SecretKey> SecretKey::FromHex(std::string_view hex) {
  if (Status status = InitialiseSodium(); !status) return status.error();
  std::optional<std::vector<unsigned char>> bytes = FromHexText(text::TrimView(hex), kSize);
  if (!bytes) {
    return MakeError(ErrorCode::kCorrupt,
                     "a secret key is " + std::to_string(kSize * 2) + " hex digits");
  }
  SecretKey key;
  std::copy(bytes->begin(), bytes->end(), key.key_.begin());
  sodium_memzero(bytes->data(), bytes->size());
  key.DeriveSubkeys();
  return key;
}

SecretKey::~SecretKey() {
  sodium_memzero(key_.data(), key_.size());
  sodium_memzero(hash_key_.data(), hash_key_.size());
  sodium_memzero(seal_key_.data(), seal_key_.size());
}

void SecretKey::DeriveSubkeys() {
  // Cannot fail: the subkey sizes are within crypto_kdf_BYTES_MIN..MAX.
  crypto_kdf_derive_from_key(hash_key_.data(), hash_key_.size(), kHashSubkeyId, kKdfContext,
                             key_.data());
  crypto_kdf_derive_from_key(seal_key_.data(), seal_key_.size(), kSealSubkeyId, kKdfContext,
                             key_.data());
}

std::string SecretKey::ToHex() const { return ToHexText(key_.data(), key_.size()); }

std::string SecretKey::HashCredential(std::string_view secret) const {
  std::array<unsigned char, kHashBytes> digest{};
  crypto_generichash(digest.data(), digest.size(), Bytes(secret), secret.size(), hash_key_.data(),
                     hash_key_.size());
  return std::string(kHashPrefix) + ToHexText(digest.data(), digest.size());
}

bool SecretKey::VerifyCredential(std::string_view hash, std::string_view secret) const {
  if (hash.substr(0, kHashPrefix.size()) != kHashPrefix) return false;
  const std::optional<std::vector<unsigned char>> stored =
      FromHexText(hash.substr(kHashPrefix.size()), kHashBytes);
  if (!stored) return false;
  std::array<unsigned char, kHashBytes> digest{};
  crypto_generichash(digest.data(), digest.size(), Bytes(secret), secret.size(), hash_key_.data(),
                     hash_key_.size());
  return sodium_memcmp(digest.data(), stored->data(), kHashBytes) == 0;
}

std::string SecretKey::Seal(std::string_view plaintext) const {
  std::vector<unsigned char> sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                    plaintext.size());
  unsigned char* nonce = sealed.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, Bytes(plaintext), plaintext.size(),
                        nonce, seal_key_.data());
  return ToHexText(sealed.data(), sealed.size());
}

Result<std::string> SecretKey::Unseal(std::string_view sealed) const {
  constexpr std::size_t kOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
  const auto corrupt = [] {
    return MakeError(ErrorCode::kCorrupt, "sealed text is damaged or was sealed with another key");
  };
  if (sealed.size() % 2 != 0 || sealed.size() / 2 < kOverhead) return corrupt();
  const std::optional<std::vector<unsigned char>> bytes = FromHexText(sealed, sealed.size() / 2);
  if (!bytes) return corrupt();
  const unsigned char* nonce = bytes->data();
  const unsigned char* ciphertext = nonce + crypto_secretbox_NONCEBYTES;
  const std::size_t ciphertext_size = bytes->size() - crypto_secretbox_NONCEBYTES;
  std::string plaintext(ciphertext_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()), ciphertext,
                                 ciphertext_size, nonce, seal_key_.data()) != 0) {
    return corrupt();
  }
  return plaintext;
}

Result<std::string> HashChosenPassword(std::string_view password) {
  if (Status status = InitialiseSodium(); !status) return status.error();
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str_alg(hash.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return MakeError(ErrorCode::kIo, "Argon2id could not get its memory");
  }
  return std::string(hash.data());
}

bool VerifyChosenPassword(std::string_view hash, std::string_view password) {
  // crypto_pwhash_str_verify reads a NUL-terminated string of less than STRBYTES.
  if (hash.size() >= crypto_pwhash_STRBYTES || sodium_init() < 0) return false;
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

}  // namespace rollcall::apply
