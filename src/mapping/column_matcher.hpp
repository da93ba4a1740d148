// Matching one header against the fields of one profile (the tiers of mapping.hpp).
#pragma once

#include <string>

#include "mapping/header_key.hpp"
#include "mapping/schema.hpp"

namespace rollcall::mapping {

struct FieldMatch {
  std::string field;  // "" when nothing is close enough
  double confidence = 0;
};

inline constexpr double kMinimumConfidence = 0.7;

FieldMatch MatchHeader(const ProfileSpec& profile, const Schema& schema, const HeaderKey& header);

}  // namespace rollcall::mapping
