#include "mapping/column_matcher.hpp"

#include "text/normalize.hpp"

namespace rollcall::mapping {
namespace {

// How well one alias key matches the header, by the tiers of mapping.hpp.
double Score(const HeaderKey& header, const HeaderKey& alias_key) {
  if (alias_key.key.empty()) return 0;
  if (header.key == alias_key.key) return 1.0;
  if (header.folded == alias_key.folded) return 0.95;
  if (!header.compact.empty() && header.compact == alias_key.compact) return 0.9;
  // Short names ("cp", "tel") are too easy to reach by chance.
  if (header.compact.size() < 5 || alias_key.compact.size() < 5) return 0;
  return 0.9 * Similarity(header.compact, alias_key.compact);
}

}  // namespace

FieldMatch MatchHeader(const ProfileSpec& profile, const Schema& schema, const HeaderKey& header) {
  FieldMatch best;
  if (header.key.empty()) return best;
  // Profile aliases first: on an equal score they win over the general ones ("Nom élève").
  for (const auto& [field, aliases] : profile.aliases) {
    for (const HeaderKey& alias : aliases) {
      const double score = Score(header, alias);
      if (score > best.confidence) best = FieldMatch{field, score};
    }
  }
  for (const std::string& field_id : profile.fields) {
    const FieldSpec* field = schema.Field(field_id);
    for (const HeaderKey& alias : field->aliases) {
      const double score = Score(header, alias);
      if (score > best.confidence) best = FieldMatch{field_id, score};
    }
  }
  if (best.confidence < kMinimumConfidence) return FieldMatch{};
  return best;
}

}  // namespace rollcall::mapping
