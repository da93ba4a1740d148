#include "apply/login.hpp"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <optional>
#include <set>
#include <vector>

namespace rollcall::apply {
namespace {

LoginMaker MakeMaker(LoginPolicy policy = {}) {
  Result<LoginMaker> maker = LoginMaker::Create(policy);
  EXPECT_TRUE(maker.has_value()) << maker.error().message;
  return std::move(maker).value();
}

LoginPolicy ActiveDirectory() {
  LoginPolicy policy;
  policy.max_length = 20;
  return policy;
}

std::string Utf8(char32_t code_point) {
  std::string utf8;
  icu::UnicodeString(static_cast<UChar32>(code_point)).toUTF8String(utf8);
  return utf8;
}

bool IsLoginText(const std::string& login) {
  for (const char c : login) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!allowed) return false;
  }
  return true;
}

// 1…20, then each power of ten and the number before it, then max_candidate.
std::vector<int> CandidateNumbers(int max_candidate) {
  std::vector<int> numbers;
  for (int n = 1; n <= 20; ++n) numbers.push_back(n);
  for (int power = 100; power <= max_candidate / 10 + 1; power *= 10) {
    numbers.push_back(power - 1);
    numbers.push_back(power);
  }
  numbers.push_back(max_candidate);
  return numbers;
}

TEST(LoginBase, DesignExample) {
  EXPECT_EQ(MakeMaker().Base("Hervé", "POULAD-MALIN"), "herve.poulad-malin");
}

TEST(LoginBase, UpperCaseAsciiIsLowered) {
  EXPECT_EQ(MakeMaker().Base("Pablo", "RAISON"), "pablo.raison");
}

TEST(LoginBase, ApostrophesAreDropped) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("Aminata", "N'Diaye"), "aminata.ndiaye");
  EXPECT_EQ(maker.Base("Aminata", "N’Diaye"), "aminata.ndiaye");
  EXPECT_EQ(maker.Base("Ol'ga", "D’Angelo"), "olga.dangelo");
}

TEST(LoginBase, SpacesAndHyphensBecomeOneHyphen) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("Yann", "Le Gall"), "yann.le-gall");
  EXPECT_EQ(maker.Base("  Jean - Pierre ", "  Le   Gall\t"), "jean-pierre.le-gall");
  EXPECT_EQ(maker.Base("-Anne-", "--Le--Gall--"), "anne.le-gall");
  EXPECT_EQ(maker.Base("Anne", "Le\u00A0Gall"), "anne.le-gall");  // no-break space
  EXPECT_EQ(maker.Base("Anne", "Le–Gall"), "anne.le-gall");       // en dash
}

TEST(LoginBase, OtherPunctuationIsDroppedDigitsKept) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("J.-P.", "Dupont (2)"), "j-p.dupont-2");
  EXPECT_EQ(maker.Base("Anne!", "O'Neil, Jr."), "anne.oneil-jr");
}

TEST(LoginBase, Turkish) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("Ayşe", "Yılmaz"), "ayse.yilmaz");
  EXPECT_EQ(maker.Base("İsmail", "DOĞAN"), "ismail.dogan");
}

TEST(LoginBase, Polish) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("Łukasz", "Żółkiewski"), "lukasz.zolkiewski");
  EXPECT_EQ(maker.Base("Michał", "Wiśniewski"), "michal.wisniewski");
}

TEST(LoginBase, Vietnamese) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("Đức", "Nguyễn"), "duc.nguyen");
  EXPECT_EQ(maker.Base("Thị Hương", "Trưng"), "thi-huong.trung");
}

TEST(LoginBase, ArabicScript) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("محمد", "فاطمة"), "mhmd.fatmt");
  EXPECT_EQ(maker.Base("محمد", "علي"), "mhmd.ly");  // the ʿ ICU writes for ع is not ASCII
}

TEST(LoginBase, Cyrillic) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("Дмитрий", "Иванов"), "dmitrij.ivanov");
  EXPECT_EQ(maker.Base("Ольга", "Мария-Луиза"), "olga.maria-luiza");  // soft sign → ' → dropped
}

TEST(LoginBase, OtherScripts) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("Γιώργος", "Παπαδόπουλος"), "giorgos.papadopoulos");
  EXPECT_EQ(maker.Base("小明", "王"), "xiao-ming.wang");
}

TEST(LoginBase, OtherLatinLetters) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("Søren", "Ærø"), "soren.aero");
  EXPECT_EQ(maker.Base("Ñúñez", "Straße"), "nunez.strasse");
}

TEST(LoginBase, DesignSentenceInOneName) {
  EXPECT_EQ(MakeMaker().Base("Hervé POULAD-MALIN Łukasz Ayşe Nguyễn محمد", ""),
            "herve-poulad-malin-lukasz-ayse-nguyen-mhmd");
}

TEST(LoginBase, InputIsNfcNormalisedFirst) {
  // "Hervé" with e + U+0301 COMBINING ACUTE ACCENT.
  EXPECT_EQ(MakeMaker().Base("Herve\u0301", "Dupont"), "herve.dupont");
}

TEST(LoginBase, GermanUmlautsTranscribedWhenAsked) {
  LoginPolicy policy;
  policy.german_umlauts = true;
  const LoginMaker german = MakeMaker(policy);
  EXPECT_EQ(german.Base("Jürgen", "Müller"), "juergen.mueller");
  EXPECT_EQ(german.Base("Ömer", "ÄRGER-ÜBEL"), "oemer.aerger-uebel");
  EXPECT_EQ(german.Base("Jürgen", "Strauß"), "juergen.strauss");
  EXPECT_EQ(german.Base("Ju\u0308rgen", "Müller Иван"), "juergen.mueller-ivan");  // through ICU
  EXPECT_EQ(MakeMaker().Base("Jürgen", "Müller"), "jurgen.muller");
}

TEST(LoginBase, NamesGivingNothingGiveUser) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("", ""), "user");
  EXPECT_EQ(maker.Base("'-'", " ?! "), "user");
  EXPECT_EQ(maker.Base("😀", "\xFF\xFE"), "user");
}

TEST(LoginBase, EmptyPartLeavesNoDanglingSeparator) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Base("", "Dupont"), "dupont");
  EXPECT_EQ(maker.Base("Anne", ""), "anne");
  EXPECT_EQ(maker.Base("...", "Dupont"), "dupont");

  LoginPolicy policy;
  policy.pattern = "{first_initial}.{last_initial}_{last}";
  const LoginMaker initials = MakeMaker(policy);
  EXPECT_EQ(initials.Base("Anne", "Dupont"), "a.d_dupont");
  EXPECT_EQ(initials.Base("", "Dupont"), "d_dupont");
  EXPECT_EQ(initials.Base("Anne", ""), "a");
}

TEST(LoginBase, PatternPlaceholdersAndSeparators) {
  LoginPolicy policy;
  policy.pattern = "{first_initial}{last}";
  EXPECT_EQ(MakeMaker(policy).Base("Hervé", "POULAD-MALIN"), "hpoulad-malin");
  policy.pattern = "{last}_{first}";
  EXPECT_EQ(MakeMaker(policy).Base("Hervé", "POULAD-MALIN"), "poulad-malin_herve");
  policy.pattern = "ext-{first}.{last_initial}01";
  EXPECT_EQ(MakeMaker(policy).Base("Hervé", "POULAD-MALIN"), "ext-herve.p01");
  EXPECT_EQ(MakeMaker(policy).Base("", ""), "ext-user01");
}

TEST(LoginMakerCreate, RefusesBadPolicies) {
  const auto code_of = [](std::string pattern, std::size_t max_length) {
    Result<LoginMaker> maker = LoginMaker::Create({std::move(pattern), max_length, false});
    return maker.has_value() ? std::optional<ErrorCode>() : maker.error().code;
  };
  EXPECT_EQ(code_of("", 20), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code_of("admin", 20), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code_of("{middle}.{last}", 20), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code_of("{first}.{last", 20), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code_of("{first}@{last}", 20), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code_of("{First}.{last}", 20), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code_of("{first}.{last}", 7), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code_of("{first}.{last}", 8), std::nullopt);
  EXPECT_EQ(code_of("{last_initial}", 8), std::nullopt);
}

TEST(LoginBase, ActiveDirectoryLengthIsTwenty) {
  const LoginMaker maker = MakeMaker(ActiveDirectory());
  const std::string full = MakeMaker().Base("Jean-Christophe", "Dupont-Lajoie");
  ASSERT_EQ(full, "jean-christophe.dupont-lajoie");
  ASSERT_GT(full.size(), 25u);
  EXPECT_EQ(maker.Base("Jean-Christophe", "Dupont-Lajoie"), "jean-christophe.dupo");
}

TEST(LoginBase, TruncationLeavesNoTrailingSeparator) {
  const LoginMaker maker = MakeMaker(ActiveDirectory());
  // Cut at 20, these end in '.' and '-'.
  EXPECT_EQ(maker.Base("Jean-Christophe-Luc", "Dupont"), "jean-christophe-luc");
  EXPECT_EQ(maker.Base("Marie", "Dupont-Aignan-Roche"), "marie.dupont-aignan");
}

TEST(LoginBase, AlwaysShortNonEmptyLoginText) {
  const LoginMaker maker = MakeMaker(ActiveDirectory());
  const std::string long_name(10'000, 'x');
  const std::string long_accented = [] {
    std::string name;
    for (int repeat = 0; repeat < 2'000; ++repeat) name += "éДж ";
    return name;
  }();
  for (const auto& [first, last] :
       std::vector<std::pair<std::string, std::string>>{{long_name, long_name},
                                                        {long_accented, "\xC3"},
                                                        {"Ren\xC3", "Dupont"},
                                                        {std::string("a\0b", 3), "\xE0\x80\x80"},
                                                        {"\xED\xA0\x80", "\xF0\x9F"}}) {
    const std::string login = maker.Base(first, last);
    EXPECT_FALSE(login.empty());
    EXPECT_LE(login.size(), 20u);
    EXPECT_TRUE(IsLoginText(login)) << login;
  }
  EXPECT_EQ(maker.Base("Ren\xC3", "Dupont"), "ren.dupont");
}

// Steps 1–2 (table) and step 3 (ICU) of login.cpp must agree, or a name's login would depend on
// whether another character sent it through ICU. A trailing Cyrillic ж (→ z) forces ICU.
TEST(LoginBase, FastPathAgreesWithIcuOnEveryTableCodePoint) {
  for (const bool german_umlauts : {false, true}) {
    LoginPolicy policy;
    policy.pattern = "{first}";
    policy.german_umlauts = german_umlauts;
    const LoginMaker maker = MakeMaker(policy);
    ASSERT_EQ(maker.Base("ж", ""), "z");
    for (const auto& [first, end] :
         {std::pair<char32_t, char32_t>{0x80, 0x250}, {0x1E00, 0x1F00}, {0x2010, 0x2028}}) {
      for (char32_t code_point = first; code_point < end; ++code_point) {
        const std::string name = "a" + Utf8(code_point) + "B";
        EXPECT_EQ(maker.Base(name + "ж", ""), maker.Base(name, "") + "z")
            << "U+" << std::hex << static_cast<unsigned>(code_point);
      }
    }
  }
}

TEST(LoginCandidate, FirstIsTheBaseThenNumbered) {
  const LoginMaker maker = MakeMaker();
  EXPECT_EQ(maker.Candidate("pablo.raison", 1), "pablo.raison");
  EXPECT_EQ(maker.Candidate("pablo.raison", 2), "pablo.raison2");
  EXPECT_EQ(maker.Candidate("pablo.raison", 123), "pablo.raison123");
}

TEST(LoginCandidate, SuffixFitsActiveDirectoryLength) {
  const LoginMaker maker = MakeMaker(ActiveDirectory());
  const std::string base = maker.Base("Jean-Christophe", "Dupont-Lajoie");
  ASSERT_EQ(base.size(), 20u);
  EXPECT_EQ(maker.Candidate(base, 1), base);
  EXPECT_EQ(maker.Candidate(base, 2), "jean-christophe.dup2");
  EXPECT_EQ(maker.Candidate(base, 12), "jean-christophe.du12");
  // Cut at 16, the base would end in '.'.
  EXPECT_EQ(maker.Candidate(base, 1000), "jean-christophe1000");
}

TEST(LoginCandidate, EveryCandidateStartsWithThePrefixAndFits) {
  for (const std::size_t max_length :
       {std::size_t{8}, std::size_t{9}, std::size_t{20}, std::size_t{64}}) {
    LoginPolicy policy;
    policy.max_length = max_length;
    const LoginMaker maker = MakeMaker(policy);
    for (const std::string& base : {maker.Base("Jean-Christophe", "Dupont-Lajoie"),
                                    maker.Base("Li", "Wu"), maker.Base("Anne-Marie", "L")}) {
      const std::string prefix = maker.Prefix(base);
      EXPECT_FALSE(prefix.empty());
      for (const int n : CandidateNumbers(maker.MaxCandidate())) {
        const std::string candidate = maker.Candidate(base, n);
        EXPECT_EQ(candidate.rfind(prefix, 0), 0u) << candidate << " " << prefix;
        EXPECT_LE(candidate.size(), max_length) << candidate;
      }
    }
  }
}

TEST(LoginCandidate, MaxCandidateLeavesRoomForTheBase) {
  EXPECT_EQ(MakeMaker(ActiveDirectory()).MaxCandidate(), 999'999'999);
  LoginPolicy shortest;
  shortest.max_length = 8;
  EXPECT_EQ(MakeMaker(shortest).MaxCandidate(), 9'999'999);
}

TEST(LoginCandidate, ShortBasePrefixIsTheBase) {
  const LoginMaker maker = MakeMaker(ActiveDirectory());
  EXPECT_EQ(maker.Prefix("li.wu"), "li.wu");
  EXPECT_EQ(maker.Prefix("jean-christophe.dupo"), "jean-christ");  // room for nine digits
}

TEST(LoginAllocator, HomonymsGetNumbers) {
  const LoginMaker maker = MakeMaker();
  LoginAllocator allocator(maker);
  const std::string base = maker.Base("Pablo", "RAISON");
  EXPECT_EQ(allocator.Allocate(base), "pablo.raison");
  EXPECT_EQ(allocator.Allocate(base), "pablo.raison2");
  EXPECT_EQ(allocator.Allocate(base), "pablo.raison3");
}

TEST(LoginAllocator, TakenLoginsAreSkipped) {
  const LoginMaker maker = MakeMaker();
  LoginAllocator allocator(maker);
  allocator.AddTaken("pablo.raison");
  allocator.AddTaken("pablo.raison2");
  allocator.AddTaken("pablo.raison4");
  EXPECT_EQ(allocator.Allocate("pablo.raison"), "pablo.raison3");
  EXPECT_EQ(allocator.Allocate("pablo.raison"), "pablo.raison5");
  EXPECT_EQ(allocator.Allocate("anne.dupont"), "anne.dupont");
}

TEST(LoginAllocator, TakenAddedLaterIsSkipped) {
  const LoginMaker maker = MakeMaker();
  LoginAllocator allocator(maker);
  EXPECT_EQ(allocator.Allocate("pablo.raison"), "pablo.raison");
  allocator.AddTaken("pablo.raison2");
  EXPECT_EQ(allocator.Allocate("pablo.raison"), "pablo.raison3");
}

TEST(LoginAllocator, BasesWhoseCandidatesCollideStayUnique) {
  const LoginMaker maker = MakeMaker();
  LoginAllocator allocator(maker);
  EXPECT_EQ(allocator.Allocate("pablo.raison"), "pablo.raison");
  EXPECT_EQ(allocator.Allocate("pablo.raison"), "pablo.raison2");
  // Someone whose last name is "Raison2".
  EXPECT_EQ(allocator.Allocate("pablo.raison2"), "pablo.raison22");
  allocator.AddTaken("pablo.raison3");
  EXPECT_EQ(allocator.Allocate("pablo.raison"), "pablo.raison4");
}

TEST(LoginAllocator, TruncatedHomonymsStayWithinLength) {
  const LoginMaker maker = MakeMaker(ActiveDirectory());
  LoginAllocator allocator(maker);
  const std::string base = maker.Base("Jean-Christophe", "Dupont-Lajoie");
  std::set<std::string> logins;
  for (int person = 0; person < 15; ++person) {
    const std::string login = allocator.Allocate(base);
    EXPECT_LE(login.size(), 20u);
    EXPECT_TRUE(logins.insert(login).second) << login;
  }
  EXPECT_TRUE(logins.count("jean-christophe.du12"));
}

}  // namespace
}  // namespace rollcall::apply
