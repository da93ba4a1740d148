// rollcall-gen: writes a synthetic roster file (see roster_generator.hpp).
//
//   rollcall-gen --profile student --rows 10000 --encoding windows-1252 --delimiter ';'
//                --seed 42 --out pupils.csv
//   rollcall-gen --bytes 100M --out big.csv
//
// The process boundary of the generator: arguments in, a file out, errors on stderr.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "generator/roster_generator.hpp"

namespace {

using rollcall::bench::GeneratorOptions;
using rollcall::bench::RosterGenerator;

// Lines are collected and written in blocks of about this size.
constexpr std::size_t kWriteBlockBytes = 1 << 20;

// "100M" → 104857600. Suffixes K, M, G are powers of 1024, as for head(1) and truncate(1).
std::optional<std::uint64_t> ParseSize(const std::string& text) {
  std::size_t digits_end = 0;
  std::uint64_t value = 0;
  try {
    value = std::stoull(text, &digits_end);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const std::string suffix = text.substr(digits_end);
  if (suffix.empty() || suffix == "B") return value;
  if (suffix == "K" || suffix == "KiB") return value << 10;
  if (suffix == "M" || suffix == "MiB") return value << 20;
  if (suffix == "G" || suffix == "GiB") return value << 30;
  return std::nullopt;
}

std::optional<char> ParseDelimiter(const std::string& text) {
  if (text == "tab" || text == "\\t") return '\t';
  if (text.size() == 1) return text[0];
  return std::nullopt;
}

// Writes the roster to `path` ("-": standard output). Returns the process exit code.
int WriteRoster(const GeneratorOptions& options, const std::string& path) {
  std::ofstream file;
  if (path != "-") {
    file.open(path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << fmt::format("rollcall-gen: cannot write {}\n", path);
      return 1;
    }
  }
  std::ostream& out = path == "-" ? std::cout : file;
  RosterGenerator generator(options);
  std::string block;
  bool more = true;
  while (more) {
    block.clear();
    while (block.size() < kWriteBlockBytes && (more = generator.NextLine(block))) {
    }
    out.write(block.data(), static_cast<std::streamsize>(block.size()));
  }
  out.flush();
  if (!out) {
    std::cerr << fmt::format("rollcall-gen: writing {} failed\n", path);
    return 1;
  }
  std::cerr << fmt::format("rollcall-gen: {} rows, {} bytes\n", generator.data_rows_written(),
                           generator.bytes_written());
  return 0;
}

struct Arguments {
  std::string profile = "student";
  std::uint64_t rows = 0;
  std::string bytes;
  std::string encoding = "utf-8";
  std::string delimiter = ";";
  std::uint64_t seed = 1;
  std::string out;
};

// Turns the arguments into options, or prints why it cannot and returns nullopt.
std::optional<GeneratorOptions> MakeOptions(const Arguments& args) {
  GeneratorOptions options;
  options.seed = args.seed;
  options.max_rows = args.rows;
  const std::optional<rollcall::text::Encoding> encoding =
      rollcall::text::ParseEncodingName(args.encoding);
  const bool writable = encoding == rollcall::text::Encoding::kUtf8 ||
                        encoding == rollcall::text::Encoding::kUtf8Bom ||
                        encoding == rollcall::text::Encoding::kWindows1252;
  const std::optional<char> delimiter = ParseDelimiter(args.delimiter);
  const std::optional<std::uint64_t> bytes =
      args.bytes.empty() ? std::optional<std::uint64_t>(0) : ParseSize(args.bytes);
  if (!writable) {
    std::cerr << "rollcall-gen: --encoding takes utf-8, utf-8-bom or windows-1252\n";
  } else if (!delimiter) {
    std::cerr << "rollcall-gen: --delimiter takes one character or 'tab'\n";
  } else if (!bytes) {
    std::cerr << "rollcall-gen: --bytes takes a size such as 500K, 100M or 1G\n";
  } else if (args.rows == 0 && *bytes == 0) {
    std::cerr << "rollcall-gen: give --rows or --bytes\n";
  } else {
    options.encoding = *encoding;
    options.delimiter = *delimiter;
    options.max_bytes = *bytes;
    return options;
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Writes a synthetic roster file, the same bytes for the same options and seed");
  Arguments args;
  app.add_option("--profile", args.profile, "Kind of roster")
      ->check(CLI::IsMember({"student"}))
      ->capture_default_str();
  app.add_option("--rows", args.rows, "Data rows after the header (stops at --bytes first)");
  app.add_option("--bytes", args.bytes, "Stop before the file passes this size: 500K, 100M, 1G");
  app.add_option("--encoding", args.encoding, "utf-8, utf-8-bom or windows-1252")
      ->capture_default_str();
  app.add_option("--delimiter", args.delimiter, "One character, or 'tab'")->capture_default_str();
  app.add_option("--seed", args.seed, "Seed of the random engine")->capture_default_str();
  app.add_option("--out", args.out, "Output file, '-' for standard output")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  const std::optional<GeneratorOptions> options = MakeOptions(args);
  if (!options) return 2;
  try {
    return WriteRoster(*options, args.out);
  } catch (const std::exception& error) {
    std::cerr << "rollcall-gen: " << error.what() << '\n';
    return 1;
  }
}
