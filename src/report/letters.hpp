// Credential letters (issue 5): one printable HTML document, one page per new account, grouped
// by class then name — what schools print or mail-merge to hand out initial credentials.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/language.hpp"
#include "base/result.hpp"

namespace rollcall::report {

struct Letter {
  std::string group;  // the class (or first group) the letter is sorted under; "" = none
  std::string last_name, first_name;
  std::string profile;  // student, guardian, teacher, staff, guest
  std::string login;
  std::string credential;
  bool activation_code = false;  // the credential is an activation code, not a password
};

struct LetterOptions {
  Language language = Language::kEn;
  std::string org_name;
  std::string first_login_url;  // where to log in the first time; "" = not printed
};

// Self-contained HTML (inline CSS, no script, no external resource), every text escaped; one
// page per letter (print page breaks), letters sorted by group, last name, first name, login.
std::string CredentialLettersHtml(std::vector<Letter> letters, const LetterOptions& options);

// Writes CredentialLettersHtml() to `path`.
Status WriteCredentialLetters(const std::filesystem::path& path, std::vector<Letter> letters,
                              const LetterOptions& options);

}  // namespace rollcall::report
