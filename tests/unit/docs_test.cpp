// The documentation describes what the code does.

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "diag/diagnostic.h"

using namespace kaava;

namespace {

std::string read(const std::string& relative) {
  std::ifstream in(fmt::format("{}/{}", KAAVA_SOURCE_DIR, relative));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("docs/rules.md describes every rule, in catalogue order, with its severity", "[docs]") {
  const std::string doc = read("docs/rules.md");
  REQUIRE_FALSE(doc.empty());
  std::vector<std::string> headings;
  const std::regex heading("\n## ([a-z-]+)\n");
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), heading); it != std::sregex_iterator(); ++it) {
    headings.push_back((*it)[1]);
  }
  std::vector<std::string> ids;
  for (const RuleInfo& info : all_rules()) ids.emplace_back(info.id);
  CHECK(headings == ids);
  for (const RuleInfo& info : all_rules()) {
    INFO(info.id);
    const std::size_t at = doc.find(fmt::format("\n## {}\n", info.id));
    REQUIRE(at != std::string::npos);
    const std::size_t end = doc.find("\n## ", at + 1);
    const std::string section = doc.substr(at, end - at);
    CHECK(section.find(fmt::format("Default severity: **{}**", to_string(info.default_severity))) !=
          std::string::npos);
    CHECK(section.find(fmt::format("[{}]", info.id)) != std::string::npos);  // an example finding
  }
}

TEST_CASE("README.md starts with make demo and make test", "[docs]") {
  const std::string readme = read("README.md");
  const std::size_t demo = readme.find("make demo");
  const std::size_t test = readme.find("make test");
  REQUIRE(demo != std::string::npos);
  REQUIRE(test != std::string::npos);
  CHECK(demo < test);
  CHECK(readme.find("```") < demo);
  // No other command comes before them.
  const std::size_t block = readme.find("```");
  const std::size_t first_line = readme.find('\n', block) + 1;
  CHECK(readme.compare(first_line, 9, "make demo") == 0);
}
