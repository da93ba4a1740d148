#include "mapping/header_key.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "text/normalize.hpp"

namespace rollcall::mapping {
namespace {

// Words that carry no meaning in a column name ("Date de naissance" = "Date naissance").
constexpr std::string_view kStopWords[] = {"de", "du",  "des", "la",  "le",  "les", "l",   "d",
                                           "of", "the", "von", "der", "die", "das", "del", "da",
                                           "do", "y",   "e",   "et",  "und", "and", "en"};

bool IsPunctuation(char c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '_':
    case '-':
    case '#':
    case '/':
    case '\\':
    case '(':
    case ')':
    case '[':
    case ']':
    case '\'':
    case '"':
    case '*':
    case '+':
    case '?':
    case '!':
    case '\t':
    case '\r':
    case '\n':
      return true;
    default:
      return false;
  }
}

// Lower-cases, turns punctuation (and typographic apostrophes) into spaces, folds spaces.
std::string Normalise(std::string_view text) {
  std::string lower = text::LowerCase(text::TrimView(text));
  std::string out;
  bool pending_space = false;
  for (std::size_t position = 0; position < lower.size(); ++position) {
    const char c = lower[position];
    const bool typographic_apostrophe = lower.compare(position, 3, "\xE2\x80\x99") == 0;
    if (c == ' ' || IsPunctuation(c) || typographic_apostrophe) {
      pending_space = !out.empty();
      if (typographic_apostrophe) position += 2;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string Compact(std::string_view folded) {
  std::string out;
  std::size_t start = 0;
  while (start <= folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    const std::string_view word = folded.substr(start, end - start);
    if (std::find(std::begin(kStopWords), std::end(kStopWords), word) == std::end(kStopWords))
      out += word;
    start = end + 1;
  }
  return out;
}

}  // namespace

HeaderKey MakeHeaderKey(std::string_view header) {
  HeaderKey result;
  std::string_view trimmed = text::TrimView(header);
  while (!trimmed.empty() && (trimmed.back() == '*' || trimmed.back() == ' ')) {
    result.starred = result.starred || trimmed.back() == '*';
    trimmed.remove_suffix(1);
  }
  std::string key = Normalise(trimmed);
  // A trailing number is a repetition index, unless it is the whole name.
  std::size_t digits_start = key.size();
  while (digits_start > 0 && key[digits_start - 1] >= '0' && key[digits_start - 1] <= '9') {
    --digits_start;
  }
  const std::size_t digit_count = key.size() - digits_start;
  if (digit_count > 0 && digit_count <= 2 && digits_start > 0) {
    result.index = std::stoi(key.substr(digits_start));
    key.resize(digits_start);
    while (!key.empty() && key.back() == ' ') key.pop_back();
  }
  result.key = std::move(key);
  result.folded = text::FoldForMatching(result.key);
  result.compact = Compact(result.folded);
  return result;
}

double Similarity(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  // Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), with
  // three rolling rows: names and headers are short, and this runs for every fuzzy comparison.
  const std::size_t columns = b.size() + 1;
  std::vector<std::size_t> storage(3 * columns);
  std::size_t* before_previous = storage.data();
  std::size_t* previous = before_previous + columns;
  std::size_t* current = previous + columns;
  for (std::size_t j = 0; j < columns; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j < columns; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before_previous[j - 2] + 1);
      }
    }
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  const double longest = static_cast<double>(std::max(a.size(), b.size()));
  return 1.0 - static_cast<double>(previous[columns - 1]) / longest;
}

}  // namespace rollcall::mapping
