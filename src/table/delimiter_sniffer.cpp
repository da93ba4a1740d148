// SniffDelimiter: every candidate splits a sample; the most consistent cell count wins.
#include <algorithm>
#include <map>

#include "table/csv.hpp"

namespace rollcall::table {
namespace {

constexpr std::size_t kMaxSampleRecords = 200;

// Cell counts of the sample's records under `delimiter`, quote-aware, blank lines skipped.
// The last record is dropped when the sample was cut in its middle.
std::vector<std::size_t> CountCells(std::string_view sample, char delimiter, char quote) {
  std::vector<std::size_t> counts;
  std::size_t cells = 1;
  bool in_quotes = false, record_has_text = false;
  for (std::size_t position = 0; position < sample.size(); ++position) {
    const char c = sample[position];
    if (in_quotes) {
      if (c == quote) {
        if (position + 1 < sample.size() && sample[position + 1] == quote) {
          ++position;
        } else {
          in_quotes = false;
        }
      }
      continue;
    }
    if (c == quote) {
      in_quotes = true;
      record_has_text = true;
    } else if (c == delimiter) {
      ++cells;
      record_has_text = true;
    } else if (c == '\n' || c == '\r') {
      if (record_has_text) counts.push_back(cells);
      if (counts.size() >= kMaxSampleRecords) return counts;
      cells = 1;
      record_has_text = false;
    } else {
      record_has_text = true;
    }
  }
  if (record_has_text && !in_quotes) counts.push_back(cells);
  return counts;
}

struct Score {
  double consistency = 0;   // share of records with the modal cell count
  std::size_t columns = 0;  // the modal cell count
};

Score ScoreCounts(const std::vector<std::size_t>& counts) {
  if (counts.empty()) return {};
  std::map<std::size_t, std::size_t> frequency;
  for (std::size_t count : counts) ++frequency[count];
  // The modal count; on a tie the wider one (a header row is often the odd one out).
  std::size_t modal = 0, modal_frequency = 0;
  for (const auto& [count, times] : frequency) {
    if (times >= modal_frequency) {
      modal = count;
      modal_frequency = times;
    }
  }
  if (modal <= 1) return {};
  return Score{static_cast<double>(modal_frequency) / static_cast<double>(counts.size()), modal};
}

}  // namespace

char SniffDelimiter(std::string_view sample, char quote) {
  char best = kDelimiterCandidates[0];
  Score best_score;
  for (char candidate : kDelimiterCandidates) {
    const Score score = ScoreCounts(CountCells(sample, candidate, quote));
    const bool better =
        score.consistency > best_score.consistency + 1e-9 ||
        (score.consistency > best_score.consistency - 1e-9 && score.columns > best_score.columns);
    if (score.columns > 1 && better) {
      best = candidate;
      best_score = score;
    }
  }
  return best;
}

}  // namespace rollcall::table
