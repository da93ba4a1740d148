#include "report/letters.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace rollcall::report {
namespace {

std::size_t CountOf(std::string_view text, std::string_view needle) {
  std::size_t count = 0;
  for (std::size_t position = text.find(needle); position != std::string_view::npos;
       position = text.find(needle, position + needle.size())) {
    ++count;
  }
  return count;
}

Letter MakeLetter(std::string group, std::string last_name, std::string first_name,
                  std::string login) {
  Letter letter;
  letter.group = std::move(group);
  letter.last_name = std::move(last_name);
  letter.first_name = std::move(first_name);
  letter.profile = "student";
  letter.login = std::move(login);
  letter.credential = "k7QmX2rdPa9T";
  return letter;
}

LetterOptions Options(Language language) {
  LetterOptions options;
  options.language = language;
  options.org_name = "École Jean Jaurès";
  options.first_login_url = "https://ent.example.org/first-login";
  return options;
}

TEST(CredentialLetters, OnePageBreakingSectionPerLetter) {
  const std::string html =
      CredentialLettersHtml({MakeLetter("CM1", "Dupont", "Anne", "anne.dupont"),
                             MakeLetter("CM1", "Martin", "Paul", "paul.martin"),
                             MakeLetter("CP", "Durand", "Léa", "lea.durand")},
                            Options(Language::kEn));
  EXPECT_EQ(CountOf(html, "<section class=\"letter\">"), 3u);
  EXPECT_EQ(CountOf(html, "</section>"), 3u);
  EXPECT_NE(html.find("@page"), std::string::npos);
  EXPECT_NE(html.find(".letter { page-break-after: always; break-after: page; }"),
            std::string::npos);
}

TEST(CredentialLetters, SelfContained) {
  const std::string html = CredentialLettersHtml(
      {MakeLetter("CM1", "Dupont", "Anne", "anne.dupont")}, Options(Language::kEn));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  for (std::string_view external : {"<script", "<link", "src=", "href=", "url("}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
}

TEST(CredentialLetters, SortedByGroupLastNameFirstNameLogin) {
  const std::string html = CredentialLettersHtml(
      {MakeLetter("CM2", "Abel", "Zoé", "zoe.abel"),
       MakeLetter("CM1", "Martin", "Paul", "paul.martin2"),
       MakeLetter("CM1", "Émile", "Jean", "jean.emile"),  // the É sorts with E
       MakeLetter("CM1", "Martin", "Paul", "paul.martin"),
       MakeLetter("CM1", "martin", "Anne", "anne.martin"),
       MakeLetter("", "Zola", "Emma", "emma.zola")},
      Options(Language::kEn));
  const std::vector<std::string_view> expected_order = {
      "emma.zola", "jean.emile", "anne.martin", "paul.martin<", "paul.martin2", "zoe.abel"};
  std::size_t previous = 0;
  for (const std::string_view login : expected_order) {
    const std::size_t position = html.find(std::string(login), previous);
    ASSERT_NE(position, std::string::npos) << login;
    previous = position;
  }
}

TEST(CredentialLetters, EveryTextIsEscaped) {
  Letter letter =
      MakeLetter("<b>CM1</b>", "O'Neil & \"Sons\"", "<script>alert(1)</script>", "x<y>");
  letter.credential = "a&b<c>'\"";
  LetterOptions options = Options(Language::kEn);
  options.org_name = "<img onerror=x> & Co";
  options.first_login_url = "javascript:alert('x')\"><script>";
  const std::string html = CredentialLettersHtml({letter}, options);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("O&#39;Neil &amp; &quot;Sons&quot;"), std::string::npos);
  EXPECT_NE(html.find("a&amp;b&lt;c&gt;&#39;&quot;"), std::string::npos);
  EXPECT_NE(html.find("&lt;img onerror=x&gt; &amp; Co"), std::string::npos);
  EXPECT_NE(html.find("javascript:alert(&#39;x&#39;)&quot;&gt;&lt;script&gt;"), std::string::npos);
}

TEST(CredentialLetters, HeadingHoldsOrgAndCredentialIsBoxedMonospace) {
  const std::string html = CredentialLettersHtml(
      {MakeLetter("CM1", "Dupont", "Anne", "anne.dupont")}, Options(Language::kFr));
  EXPECT_NE(html.find("<header><p class=\"org\">École Jean Jaurès</p><h1>Votre compte</h1>"),
            std::string::npos);
  EXPECT_NE(html.find("<code class=\"credential\">k7QmX2rdPa9T</code>"), std::string::npos);
  EXPECT_NE(html.find(".credential { display: inline-block; border:"), std::string::npos);
  EXPECT_NE(html.find("monospace"), std::string::npos);
}

TEST(CredentialLetters, English) {
  const std::string html = CredentialLettersHtml(
      {MakeLetter("CM1", "Dupont", "Anne", "anne.dupont")}, Options(Language::kEn));
  for (std::string_view expected :
       {"<html lang=\"en\">", "<h1>Your account</h1>", "<dt>Name</dt><dd>Anne Dupont</dd>",
        "<dt>Class</dt><dd>CM1</dd>", "<dt>Login</dt><dd><code class=\"login\">anne.dupont",
        "<dt>Initial password</dt>",
        "<dt>First log in at</dt><dd>https://ent.example.org/first-login</dd>",
        "You must change this password the first time you log in."}) {
    EXPECT_NE(html.find(expected), std::string::npos) << expected;
  }
}

TEST(CredentialLetters, French) {
  const std::string html = CredentialLettersHtml(
      {MakeLetter("CM1", "Dupont", "Anne", "anne.dupont")}, Options(Language::kFr));
  for (std::string_view expected :
       {"<html lang=\"fr\">", "<h1>Votre compte</h1>", "<dt>Nom</dt><dd>Anne Dupont</dd>",
        "<dt>Classe</dt><dd>CM1</dd>", "<dt>Identifiant</dt>", "<dt>Mot de passe provisoire</dt>",
        "<dt>Première connexion sur</dt>",
        "Ce mot de passe doit être changé lors de la première connexion."}) {
    EXPECT_NE(html.find(expected), std::string::npos) << expected;
  }
}

TEST(CredentialLetters, German) {
  const std::string html = CredentialLettersHtml(
      {MakeLetter("5a", "Müller", "Jürgen", "juergen.mueller")}, Options(Language::kDe));
  for (std::string_view expected :
       {"<html lang=\"de\">", "<h1>Ihr Zugang</h1>", "<dt>Name</dt><dd>Jürgen Müller</dd>",
        "<dt>Klasse</dt><dd>5a</dd>", "<dt>Benutzername</dt>", "<dt>Erstpasswort</dt>",
        "<dt>Erste Anmeldung unter</dt>",
        "Dieses Passwort muss bei der ersten Anmeldung geändert werden."}) {
    EXPECT_NE(html.find(expected), std::string::npos) << expected;
  }
}

TEST(CredentialLetters, ActivationCodeLabelAndSentence) {
  Letter letter = MakeLetter("CM1", "Dupont", "Anne", "anne.dupont");
  letter.activation_code = true;
  letter.credential = "7KQM-X2RD-PA9T-H3WZ";
  const std::string html = CredentialLettersHtml({letter}, Options(Language::kFr));
  EXPECT_NE(html.find("<dt>Code d&#39;activation</dt>"), std::string::npos);
  EXPECT_NE(html.find("Ce code vous permet de choisir votre mot de passe"), std::string::npos);
  EXPECT_EQ(html.find("Mot de passe provisoire"), std::string::npos);
}

TEST(CredentialLetters, OptionalLinesLeftOutWhenEmpty) {
  LetterOptions options = Options(Language::kEn);
  options.first_login_url.clear();
  const std::string html = CredentialLettersHtml({MakeLetter("", "Dupont", "", "dupont")}, options);
  EXPECT_EQ(html.find("<dt>Class</dt>"), std::string::npos);
  EXPECT_EQ(html.find("<dt>First log in at</dt>"), std::string::npos);
  EXPECT_NE(html.find("<dt>Name</dt><dd>Dupont</dd>"), std::string::npos);
}

TEST(CredentialLetters, NoOrgNoEmptyOrgLine) {
  LetterOptions options = Options(Language::kEn);
  options.org_name.clear();
  const std::string html =
      CredentialLettersHtml({MakeLetter("CM1", "Dupont", "Anne", "anne.dupont")}, options);
  EXPECT_EQ(html.find("class=\"org\""), std::string::npos);
  EXPECT_NE(html.find("<title>Your account</title>"), std::string::npos);
  EXPECT_NE(html.find("<header><h1>Your account</h1></header>"), std::string::npos);
}

TEST(CredentialLetters, NoLettersStillAValidDocument) {
  const std::string html = CredentialLettersHtml({}, Options(Language::kDe));
  EXPECT_EQ(CountOf(html, "<section"), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace rollcall::report
