#include "apply/login.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "text/normalize.hpp"

// ICU's transliterator costs tens of microseconds a name, and most names are ASCII or Latin
// letters. So a name is cleaned in one of three ways:
// 1. ASCII bytes are mapped directly: all the transliterator would do to them is lower-case them.
// 2. Latin code points (U+0080–U+024F, U+1E00–U+1EFF) and typographic dashes and quotes are
//    looked up in a table that the transliterator itself filled when the LoginMaker was built, so
//    both ways give the same login (a test checks every entry). Text made only of these code
//    points is already NFC.
// 3. A name holding anything else (another script, a combining mark, invalid UTF-8) goes whole
//    through NFC and the transliterator, so that its context rules see the whole name.
// All three feed ASCII to one NameSink, which keeps [a-z0-9] and turns runs of spaces and hyphens
// into one '-'.

namespace rollcall::apply {
namespace {

constexpr std::string_view kTransliteratorId = "Any-Latin; Latin-ASCII; Lower";
constexpr std::size_t kMinMaxLength = 8;
constexpr std::string_view kNobody = "user";  // the base when the names give nothing
// Longer names are not names; cutting them keeps ICU's int32 lengths and the work bounded.
constexpr std::size_t kMaxNameBytes = 1024;

constexpr char kSeparator = '-';

// Per byte: the character a name keeps, kSeparator for spaces and hyphens, 0 for what it drops.
constexpr std::array<char, 256> MakeAsciiActions() {
  std::array<char, 256> actions{};
  for (char c = 'a'; c <= 'z'; ++c) actions[static_cast<unsigned char>(c)] = c;
  for (char c = '0'; c <= '9'; ++c) actions[static_cast<unsigned char>(c)] = c;
  for (char c = 'A'; c <= 'Z'; ++c) {
    actions[static_cast<unsigned char>(c)] = static_cast<char>(c - 'A' + 'a');
  }
  for (char c : {' ', '\t', '\n', '\r', '\v', '\f', '-'}) {
    actions[static_cast<unsigned char>(c)] = kSeparator;
  }
  return actions;
}
constexpr std::array<char, 256> kAsciiActions = MakeAsciiActions();

// Appends the kept characters of a transliterated name to `out`, with one '-' for each run of
// separators between two kept characters (none at either end).
class NameSink {
 public:
  explicit NameSink(std::string& out) : out_(out) {}

  void Add(char byte) {
    const char action = kAsciiActions[static_cast<unsigned char>(byte)];
    if (action == 0) return;
    if (action == kSeparator) {
      separator_pending_ = true;
      return;
    }
    if (separator_pending_ && !out_.empty()) out_.push_back(kSeparator);
    separator_pending_ = false;
    out_.push_back(action);
  }
  void Add(std::string_view bytes) {
    for (const char byte : bytes) Add(byte);
  }

 private:
  std::string& out_;
  bool separator_pending_ = false;
};

// Step 2's table: what the transliterator makes of each code point of kRanges, alone.
class LatinTable {
 public:
  struct Range {
    char32_t first, end;
  };
  // All NFC already, none with a meaning that depends on its neighbours.
  static constexpr std::array<Range, 3> kRanges = {{
      {0x80, 0x250},     // Latin-1 Supplement, Latin Extended-A and -B
      {0x1E00, 0x1F00},  // Latin Extended Additional (Vietnamese)
      {0x2010, 0x2028},  // dashes and typographic quotes (N’Diaye)
  }};

  LatinTable(const icu::Transliterator& transliterator, bool german_umlauts) {
    for (const Range& range : kRanges) {
      for (char32_t code_point = range.first; code_point < range.end; ++code_point) {
        icu::UnicodeString text(static_cast<UChar32>(code_point));
        transliterator.transliterate(text);
        std::string ascii;
        text.toUTF8String(ascii);
        if (german_umlauts) {
          if (const char* transcribed = GermanTranscription(code_point)) ascii = transcribed;
        }
        entries_[*Slot(code_point)] = {static_cast<std::uint16_t>(bytes_.size()),
                                       static_cast<std::uint8_t>(ascii.size())};
        bytes_ += ascii;
      }
    }
  }

  // What `code_point` turns into, or nullopt when it is not in the table.
  std::optional<std::string_view> Find(char32_t code_point) const {
    const std::optional<std::size_t> slot = Slot(code_point);
    if (!slot) return std::nullopt;
    const Entry& entry = entries_[*slot];
    return std::string_view(bytes_).substr(entry.offset, entry.size);
  }

  // ä ö ü (and capitals) spelt the German way; nullptr for other code points.
  static const char* GermanTranscription(char32_t code_point) {
    switch (code_point) {
      case U'ä':
      case U'Ä':
        return "ae";
      case U'ö':
      case U'Ö':
        return "oe";
      case U'ü':
      case U'Ü':
        return "ue";
      default:
        return nullptr;
    }
  }

 private:
  struct Entry {
    std::uint16_t offset = 0;
    std::uint8_t size = 0;
  };

  static constexpr std::size_t kSize = [] {
    std::size_t size = 0;
    for (const Range& range : kRanges) size += range.end - range.first;
    return size;
  }();

  static std::optional<std::size_t> Slot(char32_t code_point) {
    std::size_t slots_before = 0;
    for (const Range& range : kRanges) {
      if (code_point < range.first) return std::nullopt;
      if (code_point < range.end) return slots_before + (code_point - range.first);
      slots_before += range.end - range.first;
    }
    return std::nullopt;
  }

  std::array<Entry, kSize> entries_{};
  std::string bytes_;
};

bool IsContinuationByte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// The code point of the two- or three-byte UTF-8 sequence at `position` and its width, or nullopt
// for a four-byte, malformed or overlong sequence (those are left to ICU). Surrogates decode to
// values the table does not hold.
std::optional<std::pair<char32_t, std::size_t>> DecodeShortSequence(std::string_view text,
                                                                    std::size_t position) {
  const auto lead = static_cast<unsigned char>(text[position]);
  const auto payload = [&](std::size_t offset) {
    return static_cast<char32_t>(static_cast<unsigned char>(text[position + offset]) & 0x3F);
  };
  if (lead >= 0xC2 && lead <= 0xDF && position + 1 < text.size() &&
      IsContinuationByte(text[position + 1])) {
    return std::pair{(static_cast<char32_t>(lead & 0x1F) << 6) | payload(1), std::size_t{2}};
  }
  if (lead >= 0xE0 && lead <= 0xEF && position + 2 < text.size() &&
      IsContinuationByte(text[position + 1]) && IsContinuationByte(text[position + 2])) {
    const char32_t code_point =
        (static_cast<char32_t>(lead & 0x0F) << 12) | (payload(1) << 6) | payload(2);
    if (code_point >= 0x800) return std::pair{code_point, std::size_t{3}};  // else overlong
  }
  return std::nullopt;
}

// Steps 1 and 2. False when the name needs step 3; `out` is then to be discarded.
bool CleanWithoutIcu(std::string_view name, const LatinTable& table, std::string& out) {
  NameSink sink(out);
  for (std::size_t position = 0; position < name.size();) {
    if (static_cast<unsigned char>(name[position]) < 0x80) {
      sink.Add(name[position++]);
      continue;
    }
    const auto decoded = DecodeShortSequence(name, position);
    if (!decoded) return false;
    const std::optional<std::string_view> ascii = table.Find(decoded->first);
    if (!ascii) return false;
    sink.Add(*ascii);
    position += decoded->second;
  }
  return true;
}

// The German transcription of step 3, on NFC text (where umlauts are single code points).
std::string TranscribeUmlauts(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t position = 0; position < text.size();) {
    const auto decoded = static_cast<unsigned char>(text[position]) >= 0x80
                             ? DecodeShortSequence(text, position)
                             : std::nullopt;
    const char* transcribed = decoded ? LatinTable::GermanTranscription(decoded->first) : nullptr;
    if (transcribed != nullptr) {
      out += transcribed;
      position += decoded->second;
    } else {
      out += text[position++];
    }
  }
  return out;
}

// A UTF-8 prefix of `text` of at most kMaxNameBytes, not cutting a character.
std::string_view CapLength(std::string_view text) {
  if (text.size() <= kMaxNameBytes) return text;
  std::size_t size = kMaxNameBytes;
  while (size > 0 && IsContinuationByte(text[size])) --size;
  return text.substr(0, size);
}

bool IsLoginSeparator(char c) { return c == '.' || c == '-' || c == '_'; }

std::string_view WithoutTrailingSeparators(std::string_view login) {
  while (!login.empty() && IsLoginSeparator(login.back())) login.remove_suffix(1);
  return login;
}

enum class Part { kFirst, kLast, kFirstInitial, kLastInitial };

std::optional<Part> ParsePart(std::string_view name) {
  if (name == "first") return Part::kFirst;
  if (name == "last") return Part::kLast;
  if (name == "first_initial") return Part::kFirstInitial;
  if (name == "last_initial") return Part::kLastInitial;
  return std::nullopt;
}

// A login pattern: prefix, then each placeholder with the literal text that follows it (the last
// one's is the suffix).
struct Pattern {
  struct Item {
    Part part;
    std::string literal_after;
  };
  std::string prefix;
  std::vector<Item> items;
};

bool IsLiteralCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || IsLoginSeparator(c);
}

Result<Pattern> ParsePattern(std::string_view text) {
  Pattern pattern;
  const auto literal = [&]() -> std::string& {
    return pattern.items.empty() ? pattern.prefix : pattern.items.back().literal_after;
  };
  for (std::size_t position = 0; position < text.size();) {
    if (text[position] == '{') {
      const std::size_t close = text.find('}', position);
      if (close == std::string_view::npos) {
        return MakeError(ErrorCode::kInvalidArgument, "login pattern: a '{' is never closed");
      }
      const std::string_view name = text.substr(position + 1, close - position - 1);
      const std::optional<Part> part = ParsePart(name);
      if (!part) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "login pattern: unknown placeholder {" + std::string(name) + "}");
      }
      pattern.items.push_back({*part, {}});
      position = close + 1;
    } else if (IsLiteralCharacter(text[position])) {
      literal() += text[position++];
    } else {
      return MakeError(
          ErrorCode::kInvalidArgument,
          "login pattern: '" + std::string(1, text[position]) + "' cannot be part of a login");
    }
  }
  if (pattern.items.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "login pattern \"" + std::string(text) + "\" uses no name placeholder");
  }
  return pattern;
}

// The cleaned names and their initials.
struct Parts {
  std::string first, last;

  std::string_view Get(Part part) const {
    switch (part) {
      case Part::kFirst:
        return first;
      case Part::kLast:
        return last;
      case Part::kFirstInitial:
        return std::string_view(first).substr(0, 1);
      case Part::kLastInitial:
        return std::string_view(last).substr(0, 1);
    }
    return {};
  }
};

// Literal text between two parts is written only when parts are written on both sides of it; when
// parts in between are empty, the literal after the last written part joins it to the next one.
// Prefix and suffix are always written.
std::string Render(const Pattern& pattern, const Parts& parts) {
  std::string login = pattern.prefix;
  bool wrote_part = false;
  std::string_view pending_literal;
  for (const Pattern::Item& item : pattern.items) {
    const std::string_view value = parts.Get(item.part);
    if (value.empty()) continue;
    if (wrote_part) login += pending_literal;
    login += value;
    wrote_part = true;
    pending_literal = item.literal_after;
  }
  if (!wrote_part) login += kNobody;
  login += pattern.items.back().literal_after;
  return login;
}

// Decimal digits of the longest suffix: nine (an int holds every 9-digit number), fewer when
// max_length leaves less room next to one character of the base.
std::size_t MaxSuffixDigits(std::size_t max_length) {
  return std::min<std::size_t>(9, max_length - 1);
}

int MaxCandidateFor(std::size_t max_length) {
  int max_candidate = 1;
  for (std::size_t digit = 0; digit < MaxSuffixDigits(max_length); ++digit) max_candidate *= 10;
  return max_candidate - 1;
}

}  // namespace

struct LoginMaker::State {
  LoginPolicy policy;
  Pattern pattern;
  std::unique_ptr<icu::Transliterator> transliterator;
  LatinTable latin;
  int max_candidate;

  State(LoginPolicy policy_in, Pattern pattern_in,
        std::unique_ptr<icu::Transliterator> transliterator_in)
      : policy(std::move(policy_in)),
        pattern(std::move(pattern_in)),
        transliterator(std::move(transliterator_in)),
        latin(*transliterator, policy.german_umlauts),
        max_candidate(MaxCandidateFor(policy.max_length)) {}

  // Steps 1–3 for one name.
  std::string Clean(std::string_view name) const {
    name = CapLength(name);
    std::string cleaned;
    cleaned.reserve(name.size());
    if (CleanWithoutIcu(name, latin, cleaned)) return cleaned;
    std::string normalised = text::Nfc(name);
    if (policy.german_umlauts) normalised = TranscribeUmlauts(normalised);
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
        icu::StringPiece(normalised.data(), static_cast<std::int32_t>(normalised.size())));
    transliterator->transliterate(unicode);
    std::string ascii;
    unicode.toUTF8String(ascii);
    cleaned.clear();
    NameSink(cleaned).Add(ascii);
    return cleaned;
  }
};

Result<LoginMaker> LoginMaker::Create(const LoginPolicy& policy) {
  if (policy.max_length < kMinMaxLength) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a login's maximum length must be at least " + std::to_string(kMinMaxLength));
  }
  Result<Pattern> pattern = ParsePattern(policy.pattern);
  if (!pattern) return pattern.error();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> transliterator(icu::Transliterator::createInstance(
      icu::UnicodeString::fromUTF8(icu::StringPiece(
          kTransliteratorId.data(), static_cast<std::int32_t>(kTransliteratorId.size()))),
      UTRANS_FORWARD, status));
  if (U_FAILURE(status) || transliterator == nullptr) {
    return MakeError(ErrorCode::kNotFound, "ICU has no transliterator \"" +
                                               std::string(kTransliteratorId) +
                                               "\": " + u_errorName(status));
  }
  return LoginMaker(
      std::make_unique<State>(policy, std::move(pattern).value(), std::move(transliterator)));
}

LoginMaker::LoginMaker(std::unique_ptr<State> state) : state_(std::move(state)) {}
LoginMaker::LoginMaker(LoginMaker&&) noexcept = default;
LoginMaker& LoginMaker::operator=(LoginMaker&&) noexcept = default;
LoginMaker::~LoginMaker() = default;

std::string LoginMaker::Base(std::string_view first_name, std::string_view last_name) const {
  const Parts parts{state_->Clean(first_name), state_->Clean(last_name)};
  const std::string login = Render(state_->pattern, parts);
  const std::string_view cut =
      WithoutTrailingSeparators(std::string_view(login).substr(0, state_->policy.max_length));
  // Only a pattern whose literal prefix fills max_length with separators leaves nothing.
  return cut.empty() ? std::string(kNobody) : std::string(cut);
}

int LoginMaker::MaxCandidate() const { return state_->max_candidate; }

std::string LoginMaker::Candidate(const std::string& base, int n) const {
  ROLLCALL_CHECK(n >= 1 && n <= MaxCandidate());
  const std::string suffix = n == 1 ? std::string() : std::to_string(n);
  std::string candidate(WithoutTrailingSeparators(
      std::string_view(base).substr(0, state_->policy.max_length - suffix.size())));
  candidate += suffix;
  return candidate;
}

// A candidate is the base cut to at most max_length - digits, trailing separators removed, then
// the digits. Cutting shorter and removing separators only ever shortens a prefix of the base, so
// the base cut for the longest suffix is a prefix of every candidate.
std::string LoginMaker::Prefix(const std::string& base) const {
  const std::size_t max_length = state_->policy.max_length;
  return std::string(WithoutTrailingSeparators(
      std::string_view(base).substr(0, max_length - MaxSuffixDigits(max_length))));
}

std::string LoginAllocator::Allocate(const std::string& base) {
  int& next = next_candidate_.try_emplace(base, 1).first->second;
  while (true) {
    ROLLCALL_CHECK(next <= maker_->MaxCandidate());
    std::string candidate = maker_->Candidate(base, next++);
    if (taken_.insert(candidate).second) return candidate;
  }
}

}  // namespace rollcall::apply
