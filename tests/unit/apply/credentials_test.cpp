#include "apply/credentials.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace rollcall::apply {
namespace {

class Credentials : public ::testing::Test {
 protected:
  // Generate also initialises libsodium, which GenerateCredential requires.
  Credentials() : key_(std::move(SecretKey::Generate()).value()) {}
  SecretKey key_;
};

bool IsIn(std::string_view alphabet, char c) { return alphabet.find(c) != std::string_view::npos; }

TEST(CredentialKinds, NamesRoundTrip) {
  for (const CredentialKind kind : {CredentialKind::kPassword, CredentialKind::kActivationCode}) {
    EXPECT_EQ(ParseCredentialKind(CredentialKindName(kind)), kind);
  }
  EXPECT_EQ(CredentialKindName(CredentialKind::kActivationCode), "activation_code");
  EXPECT_EQ(ParseCredentialKind("Password"), std::nullopt);
}

TEST(CredentialAlphabets, HaveNoLookAlikes) {
  for (const char look_alike : std::string_view("0O1lI")) {
    EXPECT_FALSE(IsIn(kPasswordAlphabet, look_alike)) << look_alike;
    EXPECT_FALSE(IsIn(kActivationCodeAlphabet, look_alike)) << look_alike;
  }
  EXPECT_FALSE(IsIn(kPasswordAlphabet, 'o'));
  EXPECT_EQ(kPasswordAlphabet.size(), 56u);
  EXPECT_EQ(kActivationCodeAlphabet.size(), 32u);
  EXPECT_EQ(std::set<char>(kPasswordAlphabet.begin(), kPasswordAlphabet.end()).size(), 56u);
  EXPECT_EQ(std::set<char>(kActivationCodeAlphabet.begin(), kActivationCodeAlphabet.end()).size(),
            32u);
}

TEST_F(Credentials, PasswordHasAtLeast64BitsAndALetterAndADigit) {
  // 12 symbols of 56, minus the strings without a digit or without a letter; 11 would not do.
  const double bits =
      12 * std::log2(56.0) + std::log2(1 - std::pow(48.0 / 56, 12) - std::pow(8.0 / 56, 12));
  EXPECT_GE(bits, 64.0);
  EXPECT_LT(11 * std::log2(56.0), 64.0);
  for (const int requested : {-5, 0, 8, 11, 12}) {
    EXPECT_EQ(GenerateCredential({CredentialKind::kPassword, requested}).size(), 12u) << requested;
  }
  for (int draw = 0; draw < 500; ++draw) {
    const std::string password = GenerateCredential({});
    for (const char symbol : password) EXPECT_TRUE(IsIn(kPasswordAlphabet, symbol)) << password;
    EXPECT_TRUE(std::any_of(password.begin(), password.end(), [](char c) {
      return c >= '2' && c <= '9';
    })) << password;
    EXPECT_FALSE(std::all_of(password.begin(), password.end(), [](char c) {
      return c >= '2' && c <= '9';
    })) << password;
  }
}

TEST_F(Credentials, LongerPasswordsOnRequestWithinACap) {
  EXPECT_EQ(GenerateCredential({CredentialKind::kPassword, 20}).size(), 20u);
  EXPECT_EQ(GenerateCredential({CredentialKind::kPassword, 1'000'000}).size(), 128u);
}

TEST_F(Credentials, PasswordsUseTheWholeAlphabet) {
  std::set<char> seen;
  for (int draw = 0; draw < 200; ++draw) {
    for (const char symbol : GenerateCredential({})) seen.insert(symbol);
  }
  EXPECT_EQ(seen.size(), kPasswordAlphabet.size());
}

TEST_F(Credentials, ActivationCodeIsFourGroupsOfFour) {
  std::set<std::string> codes;
  for (int draw = 0; draw < 200; ++draw) {
    const std::string code = GenerateCredential({CredentialKind::kActivationCode, 0});
    ASSERT_EQ(code.size(), 19u) << code;
    for (std::size_t position = 0; position < code.size(); ++position) {
      if (position % 5 == 4) {
        EXPECT_EQ(code[position], '-') << code;
      } else {
        EXPECT_TRUE(IsIn(kActivationCodeAlphabet, code[position])) << code;
      }
    }
    codes.insert(code);
  }
  EXPECT_EQ(codes.size(), 200u);
  EXPECT_GE(16 * std::log2(32.0), 64.0);
}

TEST_F(Credentials, HashVerifiesOnlyTheSecret) {
  const std::string hash = key_.HashCredential("k7QmX2rdPa9T");
  EXPECT_EQ(hash.rfind("b2k$", 0), 0u);
  EXPECT_EQ(hash.size(), 4u + 64u);
  EXPECT_EQ(hash, key_.HashCredential("k7QmX2rdPa9T"));  // deterministic
  EXPECT_TRUE(key_.VerifyCredential(hash, "k7QmX2rdPa9T"));
  EXPECT_FALSE(key_.VerifyCredential(hash, "k7QmX2rdPa9t"));
  EXPECT_FALSE(key_.VerifyCredential(hash, ""));
  EXPECT_EQ(hash.find("k7QmX2rdPa9T"), std::string::npos);
}

TEST_F(Credentials, HashDependsOnTheKey) {
  const SecretKey other = std::move(SecretKey::Generate()).value();
  const std::string hash = key_.HashCredential("k7QmX2rdPa9T");
  EXPECT_NE(hash, other.HashCredential("k7QmX2rdPa9T"));
  EXPECT_FALSE(other.VerifyCredential(hash, "k7QmX2rdPa9T"));
}

TEST_F(Credentials, MalformedHashesNeverVerify) {
  const std::string hash = key_.HashCredential("secret");
  std::string upper_prefix = hash;
  upper_prefix[0] = 'B';
  for (const std::string& malformed :
       {std::string(), std::string("b2k$"), hash.substr(0, hash.size() - 1), hash + "0",
        upper_prefix, "b2k$" + std::string(64, 'g'), hash.substr(4)}) {
    EXPECT_FALSE(key_.VerifyCredential(malformed, "secret")) << malformed;
  }
}

TEST_F(Credentials, KeyHexRoundTrip) {
  const std::string hex = key_.ToHex();
  EXPECT_EQ(hex.size(), 64u);
  Result<SecretKey> loaded = SecretKey::FromHex("  " + hex + "\n");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->ToHex(), hex);
  EXPECT_EQ(loaded->HashCredential("x"), key_.HashCredential("x"));
  EXPECT_EQ(loaded->Unseal(key_.Seal("x")).value(), "x");
}

TEST(SecretKeyFromHex, RefusesWhatIsNotAKeyWithoutEchoingIt) {
  const std::string valid(64, 'a');
  for (const std::string& text :
       {std::string(), valid.substr(1), valid + "a", valid.substr(2) + "zz", valid.substr(2) + " a",
        std::string(64, 'A').replace(10, 1, ":")}) {
    Result<SecretKey> key = SecretKey::FromHex(text);
    ASSERT_FALSE(key.has_value()) << text;
    EXPECT_EQ(key.error().code, ErrorCode::kCorrupt);
    if (!text.empty()) {
      EXPECT_EQ(key.error().message.find(text), std::string::npos);
    }
  }
  EXPECT_TRUE(SecretKey::FromHex(std::string(64, 'A')).has_value());
}

TEST_F(Credentials, SealUnsealRoundTrip) {
  for (const std::string& plaintext : {std::string(), std::string("k7QmX2rdPa9T"),
                                       std::string(10'000, 'x'), std::string("a\0b", 3)}) {
    const std::string sealed = key_.Seal(plaintext);
    EXPECT_EQ(sealed.size(), 2 * (24 + 16 + plaintext.size()));
    Result<std::string> unsealed = key_.Unseal(sealed);
    ASSERT_TRUE(unsealed.has_value()) << unsealed.error().message;
    EXPECT_EQ(*unsealed, plaintext);
  }
  EXPECT_NE(key_.Seal("same"), key_.Seal("same"));  // a fresh nonce each time
  EXPECT_EQ(key_.Seal("k7QmX2rdPa9T").find("k7QmX2rdPa9T"), std::string::npos);
}

void ExpectCorrupt(const SecretKey& key, std::string_view sealed) {
  Result<std::string> unsealed = key.Unseal(sealed);
  ASSERT_FALSE(unsealed.has_value()) << sealed;
  EXPECT_EQ(unsealed.error().code, ErrorCode::kCorrupt);
}

TEST_F(Credentials, TamperedSealedTextIsCorrupt) {
  const std::string sealed = key_.Seal("k7QmX2rdPa9T");
  for (std::size_t position = 0; position < sealed.size(); ++position) {
    std::string tampered = sealed;
    tampered[position] = tampered[position] == '0' ? '1' : '0';
    ExpectCorrupt(key_, tampered);
  }
}

TEST_F(Credentials, ShortOrNonHexSealedTextIsCorrupt) {
  const std::string sealed = key_.Seal("k7QmX2rdPa9T");
  for (const std::string& bad :
       {std::string(), std::string("00"), sealed.substr(0, 79), sealed.substr(0, 80),
        sealed.substr(0, sealed.size() - 2), sealed.substr(0, sealed.size() - 1), sealed + "0",
        sealed + "00", std::string(sealed.size(), 'z'), std::string(sealed).replace(30, 2, "  "),
        std::string(sealed).replace(0, 1, "\0", 1), std::string(100'001, 'f')}) {
    ExpectCorrupt(key_, bad);
  }
}

TEST_F(Credentials, SealedWithAnotherKeyIsCorrupt) {
  const SecretKey other = std::move(SecretKey::Generate()).value();
  ExpectCorrupt(other, key_.Seal("k7QmX2rdPa9T"));
}

TEST(ChosenPasswords, Argon2idVerifies) {
  Result<std::string> hash = HashChosenPassword("correct horse battery staple");
  ASSERT_TRUE(hash.has_value()) << hash.error().message;
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyChosenPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(VerifyChosenPassword(*hash, "correct horse battery stapler"));
  EXPECT_FALSE(VerifyChosenPassword(*hash, ""));
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
}

TEST(ChosenPasswords, SaltedSoSamePasswordHashesDiffer) {
  EXPECT_NE(HashChosenPassword("secret").value(), HashChosenPassword("secret").value());
}

TEST(ChosenPasswords, MalformedHashesNeverVerify) {
  const std::string hash = HashChosenPassword("secret").value();
  for (const std::string& malformed :
       {std::string(), std::string("$argon2id$"), hash.substr(0, hash.size() - 3),
        std::string(1000, '$'), hash + std::string(200, 'x'),
        std::string(hash).replace(hash.size() - 5, 5, "!!!!!")}) {
    EXPECT_FALSE(VerifyChosenPassword(malformed, "secret")) << malformed;
  }
}

}  // namespace
}  // namespace rollcall::apply
