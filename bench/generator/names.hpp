// The word lists the roster generator draws from: family and given names by origin, places,
// streets, classes and the free-text remarks school secretaries type.
//
// Every list is written for Rollcall by hand; none comes from a real roster or an external data
// set. They are chosen to exercise what real exports contain: accents (Hélène, Müller), hyphens
// (Jean-Pierre, Poulad-Malin), apostrophes (N'Diaye, O'Brien), particles (Le Gall, von der Heide),
// letters outside Windows-1252 (Turkish ş, Polish ł, Vietnamese ễ), and œ, ÿ, « » inside it.
//
// The lists are constant data with static storage; the spans stay valid for the whole program.
#pragma once

#include <span>
#include <string_view>

namespace rollcall::bench {

// The names of one family origin. A pupil's given and family names come from the same origin.
struct NameOrigin {
  std::string_view label;  // "french", "turkish"…, for debugging
  unsigned weight;         // relative frequency among pupils
  std::span<const std::string_view> family_names;
  std::span<const std::string_view> female_given_names;
  std::span<const std::string_view> male_given_names;
};

struct Place {
  std::string_view postcode;
  std::string_view commune;
};

// A class label and the age its pupils turn during the school year that starts in 2025.
struct SchoolClass {
  std::string_view label;
  int age;
};

std::span<const NameOrigin> NameOrigins();
std::span<const Place> Places();
std::span<const std::string_view> Streets();
// "Bât. C", "Résidence Les Tilleuls, appt 24"…: what comes before the street in an address.
std::span<const std::string_view> AddressPrefixes();
std::span<const SchoolClass> SchoolClasses();
// Remarks; some hold a doubled quote, a line break or the delimiter ';' once written.
std::span<const std::string_view> Remarks();

}  // namespace rollcall::bench
