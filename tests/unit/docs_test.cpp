// The documentation describes what the code does.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "rules/catalogue.h"

using namespace kaava;

namespace {

std::string read(const std::string& relative) {
  std::ifstream in(fmt::format("{}/{}", KAAVA_SOURCE_DIR, relative));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("the rule catalogue documents every rule, in catalogue order", "[docs]") {
  const RuleCatalogue& c = rule_catalogue();
  INFO(fmt::format("{}", fmt::join(c.problems, "\n")));
  CHECK(c.problems.empty());
  REQUIRE(c.rules.size() == all_rules().size());
  for (std::size_t i = 0; i < c.rules.size(); ++i) {
    INFO(all_rules()[i].id);
    CHECK(c.rules[i].info == &all_rules()[i]);
    CHECK_FALSE(c.rules[i].description.empty());
    // Every rule shows a finding, with its id in brackets.
    CHECK(c.rules[i].finding.find(fmt::format("[{}]", all_rules()[i].id)) != std::string::npos);
  }
}

TEST_CASE("docs/rules.md is what `kaava rules --format markdown` prints", "[docs]") {
  // Regenerate with: build/kaava rules --format markdown > docs/rules.md
  CHECK(read("docs/rules.md") == rules_markdown());
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
