// Replays files through a fuzz target without libFuzzer: every file named on the command line,
// or every file under a named directory. Used to keep seeds and fuzzer finds as regression tests.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  std::size_t replayed = 0;
  for (int arg_idx = 1; arg_idx < argc; ++arg_idx) {
    std::vector<std::filesystem::path> paths;
    if (!std::filesystem::exists(argv[arg_idx])) continue;  // e.g. no crash kept yet
    if (std::filesystem::is_directory(argv[arg_idx])) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[arg_idx])) {
        if (entry.is_regular_file()) paths.push_back(entry.path());
      }
    } else {
      paths.emplace_back(argv[arg_idx]);
    }
    for (const auto& path : paths) {
      std::ifstream stream(path, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(stream)),
                              std::istreambuf_iterator<char>());
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  std::printf("replayed %zu inputs\n", replayed);
  return replayed > 0 ? 0 : 1;
}
