// Header keys: column names reduced to what matters for matching.
//
// "  Prénom enfant 2* " → key "prénom enfant", folded "prenom enfant", index 2, starred.
// Lower case; punctuation (. , ; : _ - # / ( ) ' ’ " *) becomes a space; spaces are folded; a
// trailing number is the repetition index ("Classe 3", "Nom enfant 2", "Childexternalid2").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rollcall::mapping {

struct HeaderKey {
  std::string key;       // accents kept
  std::string folded;    // accents folded ("prenom enfant")
  std::string compact;   // folded without stop words and spaces, for fuzzy comparison
  int index = 0;         // trailing number, 0 when none
  bool starred = false;  // the header ended with `*` (a column the exporter marks mandatory)
};

HeaderKey MakeHeaderKey(std::string_view header);

// Damerau-Levenshtein similarity of two strings in [0, 1] (1 = equal), over bytes.
double Similarity(std::string_view a, std::string_view b);

}  // namespace rollcall::mapping
