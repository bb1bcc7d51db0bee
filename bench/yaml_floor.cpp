// The floor for `kaava validate`: a bare yaml-cpp parse (YAML::Load, the
// node tree) of every file given, on N threads, and nothing else.
//
// usage: kaava_yaml_floor THREADS FILE...
// Prints the number of files parsed and the nodes seen (to keep the work).
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

std::size_t count(const YAML::Node& n) {
  std::size_t total = 1;
  if (n.IsSequence() || n.IsMap()) {
    for (const auto& child : n) {
      if (n.IsMap()) {
        total += count(child.first) + count(child.second);
      } else {
        total += count(child);
      }
    }
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: kaava_yaml_floor THREADS FILE...\n");
    return 2;
  }
  const unsigned threads = static_cast<unsigned>(std::max(1, std::atoi(argv[1])));
  std::vector<std::string> files(argv + 2, argv + argc);
  std::atomic<std::size_t> next{0}, nodes{0}, failed{0};
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      std::ifstream in(files[i], std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      try {
        nodes += count(YAML::Load(text.str()));
      } catch (const YAML::Exception&) {
        ++failed;
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  std::printf("%zu files, %zu nodes, %zu failed\n", files.size(), nodes.load(), failed.load());
  return failed == 0 ? 0 : 1;
}
