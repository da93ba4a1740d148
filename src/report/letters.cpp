#include "report/letters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <numeric>
#include <string_view>
#include <tuple>

#include "report/messages.hpp"
#include "report/report_table.hpp"
#include "text/normalize.hpp"

namespace rollcall::report {
namespace {

// Printed, not shown: each letter is one A4 page; the break after the last letter is dropped so
// that no blank page follows.
constexpr std::string_view kStyle = R"(@page { size: A4; margin: 20mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12pt; color: #000; margin: 0; }
.letter { page-break-after: always; break-after: page; }
.letter:last-child { page-break-after: auto; break-after: auto; }
.org { font-size: 14pt; font-weight: bold; margin: 0 0 4mm; }
h1 { font-size: 20pt; margin: 0 0 10mm; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4mm 8mm; align-items: baseline; }
dt { font-weight: bold; }
dd { margin: 0; }
code { font-family: "DejaVu Sans Mono", "Courier New", monospace; font-size: 14pt; }
.credential { display: inline-block; border: 1.5pt solid #000; padding: 2mm 5mm;
              font-size: 16pt; letter-spacing: 0.12em; }
.notice { margin-top: 10mm; }
)";

std::string EscapeHtml(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

// Case and accents do not decide the order ("Émile" sorts with "Emile", not after "Zoé").
struct SortKey {
  std::string group, last_name, first_name;
  std::string_view login;

  explicit SortKey(const Letter& letter)
      : group(text::FoldForMatching(letter.group)),
        last_name(text::FoldForMatching(letter.last_name)),
        first_name(text::FoldForMatching(letter.first_name)),
        login(letter.login) {}

  bool operator<(const SortKey& other) const {
    return std::tie(group, last_name, first_name, login) <
           std::tie(other.group, other.last_name, other.first_name, other.login);
  }
};

std::vector<std::size_t> SortedOrder(const std::vector<Letter>& letters) {
  std::vector<SortKey> keys;
  keys.reserve(letters.size());
  for (const Letter& letter : letters) keys.emplace_back(letter);
  std::vector<std::size_t> order(letters.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t left, std::size_t right) { return keys[left] < keys[right]; });
  return order;
}

std::string FullName(const Letter& letter) {
  if (letter.first_name.empty()) return letter.last_name;
  if (letter.last_name.empty()) return letter.first_name;
  return letter.first_name + " " + letter.last_name;
}

void AppendField(std::string& html, std::string_view label, std::string_view value_html) {
  html += "<dt>";
  html += EscapeHtml(label);
  html += "</dt><dd>";
  html += value_html;
  html += "</dd>\n";
}

void AppendLetter(std::string& html, const Letter& letter, const LetterOptions& options) {
  const Language language = options.language;
  html += "<section class=\"letter\">\n<header>";
  if (!options.org_name.empty()) {
    html += "<p class=\"org\">" + EscapeHtml(options.org_name) + "</p>";
  }
  html += "<h1>";
  html += EscapeHtml(Label("letter_title", language));
  html += "</h1></header>\n<dl>\n";
  AppendField(html, Label("name", language), EscapeHtml(FullName(letter)));
  if (!letter.group.empty()) {
    AppendField(html, Label("letter_class", language), EscapeHtml(letter.group));
  }
  AppendField(html, Label("login", language),
              "<code class=\"login\">" + EscapeHtml(letter.login) + "</code>");
  AppendField(
      html, Label(letter.activation_code ? "letter_activation_code" : "letter_password", language),
      "<code class=\"credential\">" + EscapeHtml(letter.credential) + "</code>");
  if (!options.first_login_url.empty()) {
    AppendField(html, Label("letter_first_login_url", language),
                EscapeHtml(options.first_login_url));
  }
  html += "</dl>\n<p class=\"notice\">";
  html += EscapeHtml(Label(
      letter.activation_code ? "letter_choose_password" : "letter_change_password", language));
  html += "</p>\n</section>\n";
}

}  // namespace

std::string CredentialLettersHtml(std::vector<Letter> letters, const LetterOptions& options) {
  const Language language = options.language;
  std::string html = "<!DOCTYPE html>\n<html lang=\"";
  html += LanguageCode(language);
  html += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  html += EscapeHtml(Label("letter_title", language));
  if (!options.org_name.empty()) html += " — " + EscapeHtml(options.org_name);
  html += "</title>\n<style>\n";
  html += kStyle;
  html += "</style>\n</head>\n<body>\n";
  for (const std::size_t letter_idx : SortedOrder(letters)) {
    AppendLetter(html, letters[letter_idx], options);
  }
  html += "</body>\n</html>\n";
  return html;
}

Status WriteCredentialLetters(const std::filesystem::path& path, std::vector<Letter> letters,
                              const LetterOptions& options) {
  const std::string html = CredentialLettersHtml(std::move(letters), options);
  return WritePrivateFile(path, html);  // mode 0600: the letters hold credentials
}

}  // namespace rollcall::report
