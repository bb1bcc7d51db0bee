// Runs every file of the given folders through the fuzz entry point, as a
// ctest regression test: the seed corpus and every crash the fuzzer found.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "fuzz_entry.h"

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> inputs;
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(argv[i], ec)) {
      if (entry.is_regular_file() && entry.path().filename().string().front() != '.') inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const auto& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    kaava::fuzz::check_one(text.str());
  }
  std::printf("%zu inputs checked\n", inputs.size());
  return inputs.empty() ? 1 : 0;
}
