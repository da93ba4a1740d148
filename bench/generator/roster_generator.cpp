// One pupil per line: draw a person, then each cell; build the line in UTF-8, then encode it.
#include "generator/roster_generator.hpp"

#include <fmt/format.h>

#include <array>
#include <random>
#include <span>
#include <string_view>

#include "base/check.hpp"
#include "generator/names.hpp"
#include "generator/text_forms.hpp"
#include "text/utf8.hpp"

namespace rollcall::bench {
namespace {

// The school year that classes' ages refer to.
constexpr int kSchoolYearStart = 2025;

constexpr std::array<std::string_view, 17> kStudentHeader = {
    "Nom",
    "Prénom",
    "Prénom 2",
    "Sexe",
    "Date de naissance",
    "Classe",
    "Identifiant",
    "INE",
    "E-mail",
    "Téléphone",
    "Adresse",
    "Code postal",
    "Commune",
    "Responsable légal 1",
    "Téléphone responsable 1",
    "E-mail responsable 1",
    "Observations",
};

// Choices from the seeded engine. Modulo keeps results identical across standard libraries; with
// a 64-bit engine and ranges up to 10^10 its bias is under 1e-9.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  // A number in [0, n). REQUIRES: n > 0.
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  // True with probability per_mille / 1000.
  bool PerMille(unsigned per_mille) { return Below(1000) < per_mille; }
  template <class T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  std::mt19937_64 engine_;
};

struct Person {
  const NameOrigin* origin = nullptr;
  bool female = false;
  std::string family_name;  // as written in the roster (often upper case)
  std::string given_name;
  std::string second_given_name;
};

const NameOrigin& PickOrigin(Random& random) {
  const std::span<const NameOrigin> origins = NameOrigins();
  unsigned total = 0;
  for (const NameOrigin& origin : origins) total += origin.weight;
  std::size_t ticket = random.Below(total);
  for (const NameOrigin& origin : origins) {
    if (ticket < origin.weight) return origin;
    ticket -= origin.weight;
  }
  return origins.front();
}

std::string_view PickGivenName(Random& random, const NameOrigin& origin, bool female) {
  return random.Pick(female ? origin.female_given_names : origin.male_given_names);
}

Person PickPerson(Random& random) {
  Person person;
  person.origin = &PickOrigin(random);
  person.female = random.PerMille(500);
  const std::string_view family = random.Pick(person.origin->family_names);
  // Registries mostly write the family name in capitals ("POULAD-MALIN"), some tools do not.
  person.family_name = random.PerMille(700) ? ToUpper(family) : std::string(family);
  person.given_name = PickGivenName(random, *person.origin, person.female);
  if (random.PerMille(350)) {
    // Lists have several names per sex: a few redraws find one that differs.
    for (int attempt = 0; attempt < 4 && person.second_given_name.empty(); ++attempt) {
      const std::string_view second = PickGivenName(random, *person.origin, person.female);
      if (second != person.given_name) person.second_given_name = second;
    }
  }
  return person;
}

int DaysInMonth(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// dd/mm/yyyy of a pupil who turns `age` in the calendar year kSchoolYearStart, now and then a
// year older (kept back a year).
std::string BirthDate(Random& random, int age) {
  const int year = kSchoolYearStart - age - (random.PerMille(60) ? 1 : 0);
  const int month = 1 + static_cast<int>(random.Below(12));
  const int day =
      1 + static_cast<int>(random.Below(static_cast<std::size_t>(DaysInMonth(year, month))));
  return fmt::format("{:02}/{:02}/{}", day, month, year);
}

std::string PhoneNumber(Random& random) {
  const std::array<unsigned, 4> pairs = {
      static_cast<unsigned>(random.Below(100)), static_cast<unsigned>(random.Below(100)),
      static_cast<unsigned>(random.Below(100)), static_cast<unsigned>(random.Below(100))};
  const unsigned first = random.PerMille(700) ? 6 + static_cast<unsigned>(random.Below(2))
                                              : 1 + static_cast<unsigned>(random.Below(5));
  if (random.PerMille(150)) {
    return fmt::format("+33 {} {:02} {:02} {:02} {:02}", first, pairs[0], pairs[1], pairs[2],
                       pairs[3]);
  }
  return fmt::format("0{} {:02} {:02} {:02} {:02}", first, pairs[0], pairs[1], pairs[2], pairs[3]);
}

// "12, rue des Lilas", "Bât. C, 3 allée Marie-Curie", "7 bis avenue Jean-Jaurès"…
std::string StreetAddress(Random& random) {
  const std::size_t number = 1 + random.Below(180);
  const std::string_view street = random.Pick(Streets());
  std::string address;
  if (random.PerMille(200)) address = fmt::format("{}, ", random.Pick(AddressPrefixes()));
  const std::string_view suffix = random.PerMille(80) ? " bis" : "";
  const std::string_view separator = random.PerMille(450) ? ", " : " ";
  address += fmt::format("{}{}{}{}", number, suffix, separator, street);
  return address;
}

std::string EmailAddress(Random& random, const std::string& given, const std::string& family,
                         std::string_view domain) {
  const std::string local = AsciiLoginForm(given) + "." + AsciiLoginForm(family);
  if (random.PerMille(150)) return fmt::format("{}{}@{}", local, random.Below(100), domain);
  return fmt::format("{}@{}", local, domain);
}

}  // namespace

struct RosterGenerator::State {
  explicit State(const GeneratorOptions& generator_options)
      : options(generator_options), random(generator_options.seed) {}

  void AppendCell(std::string_view cell);
  void BuildHeader();
  void BuildStudent();
  void AppendGuardianCells(const Person& pupil);

  GeneratorOptions options;
  Random random;
  Windows1252Writer windows_1252;
  std::string line;  // the line being built, in UTF-8
  std::size_t cells_in_line = 0;
  bool header_written = false;
  bool finished = false;
  std::uint64_t data_rows = 0;
  std::uint64_t bytes = 0;
  std::uint64_t next_external_id = 100'000;
};

// Quotes a cell that holds the delimiter, a quote or a line break, doubling its quotes. A comma
// is quoted too, whatever the delimiter: several exporters do so, and it is the common case of
// quoted cells in semicolon files.
void RosterGenerator::State::AppendCell(std::string_view cell) {
  if (cells_in_line++ > 0) line.push_back(options.delimiter);
  const bool needs_quotes = cell.find_first_of("\",\r\n") != std::string_view::npos ||
                            cell.find(options.delimiter) != std::string_view::npos;
  if (!needs_quotes) {
    line.append(cell);
    return;
  }
  line.push_back('"');
  for (const char c : cell) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

void RosterGenerator::State::BuildHeader() {
  for (const std::string_view name : kStudentHeader) AppendCell(name);
}

void RosterGenerator::State::AppendGuardianCells(const Person& pupil) {
  // Mostly a parent with the pupil's family name; sometimes one with another name.
  const bool same_name = random.PerMille(800);
  const bool mother = random.PerMille(600);
  const std::string_view given = PickGivenName(random, *pupil.origin, mother);
  const std::string family =
      same_name ? pupil.family_name : ToUpper(random.Pick(PickOrigin(random).family_names));
  AppendCell(fmt::format("{} {} {}", mother ? "Mme" : "M.", family, given));
  AppendCell(PhoneNumber(random));
  std::string email;
  if (random.PerMille(850)) {
    const std::string_view domain = random.PerMille(500) ? "example.net" : "example.org";
    email = EmailAddress(random, std::string(given), family, domain);
  }
  AppendCell(email);
}

void RosterGenerator::State::BuildStudent() {
  const Person pupil = PickPerson(random);
  const SchoolClass& school_class = random.Pick(SchoolClasses());
  AppendCell(pupil.family_name);
  AppendCell(pupil.given_name);
  AppendCell(pupil.second_given_name);
  AppendCell(pupil.female ? "F" : "M");
  AppendCell(BirthDate(random, school_class.age));
  AppendCell(school_class.label);
  next_external_id += 1 + random.Below(7);  // unique, with gaps like a real register
  AppendCell(fmt::format("ELV{:08}", next_external_id));
  // Arguments are evaluated in an unspecified order: draw into named values first.
  const std::size_t national_digits = random.Below(10'000'000'000);
  const auto national_letter = static_cast<char>('A' + random.Below(26));
  AppendCell(fmt::format("{:010}{}", national_digits, national_letter));
  AppendCell(random.PerMille(400)
                 ? EmailAddress(random, pupil.given_name, pupil.family_name, "eleves.example.org")
                 : "");
  AppendCell(random.PerMille(300) ? PhoneNumber(random) : "");
  AppendCell(StreetAddress(random));
  const Place& place = random.Pick(Places());
  AppendCell(place.postcode);
  AppendCell(place.commune);
  AppendGuardianCells(pupil);
  AppendCell(random.PerMille(40) ? random.Pick(Remarks()) : "");
}

RosterGenerator::RosterGenerator(const GeneratorOptions& options)
    : state_(std::make_unique<State>(options)) {
  ROLLCALL_CHECK(options.max_rows > 0 || options.max_bytes > 0);
  ROLLCALL_CHECK(options.encoding == text::Encoding::kUtf8 ||
                 options.encoding == text::Encoding::kUtf8Bom ||
                 options.encoding == text::Encoding::kWindows1252);
}

RosterGenerator::~RosterGenerator() = default;

bool RosterGenerator::NextLine(std::string& out) {
  State& state = *state_;
  const GeneratorOptions& options = state.options;
  if (state.finished) return false;
  if (options.max_rows > 0 && state.data_rows >= options.max_rows) return false;
  state.line.clear();
  state.cells_in_line = 0;
  const bool header = !state.header_written;
  if (header) {
    state.BuildHeader();
    if (options.encoding == text::Encoding::kUtf8Bom) state.line.insert(0, text::kUtf8Bom);
  } else {
    state.BuildStudent();
  }
  state.line += "\r\n";
  std::string encoded;
  if (options.encoding == text::Encoding::kWindows1252) {
    state.windows_1252.Append(state.line, encoded);
  } else {
    encoded = std::move(state.line);
  }
  if (options.max_bytes > 0 && state.bytes + encoded.size() > options.max_bytes) {
    state.finished = true;  // drawing again would make a different line
    return false;
  }
  out += encoded;
  state.bytes += encoded.size();
  state.header_written = true;
  if (!header) ++state.data_rows;
  return true;
}

std::uint64_t RosterGenerator::data_rows_written() const { return state_->data_rows; }
std::uint64_t RosterGenerator::bytes_written() const { return state_->bytes; }

std::string GenerateRoster(const GeneratorOptions& options) {
  RosterGenerator generator(options);
  std::string roster;
  if (options.max_bytes > 0) roster.reserve(options.max_bytes);
  while (generator.NextLine(roster)) {
  }
  return roster;
}

}  // namespace rollcall::bench
