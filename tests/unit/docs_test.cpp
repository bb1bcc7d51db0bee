// The documentation describes what the code does.

#include "catch.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "metamodel/metamodel_loader.h"
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

TEST_CASE("docs/metamodel.md lists every viewpoint with the types it shows", "[docs]") {
  const std::string doc = read("docs/metamodel.md");
  const Metamodel& mm = builtin_metamodel("vet");
  for (const Viewpoint& v : mm.viewpoints) {
    INFO(v.id);
    const std::size_t row = doc.find(fmt::format("| `{}` |", v.id));
    REQUIRE(row != std::string::npos);
    const std::string line = doc.substr(row, doc.find('\n', row) - row);
    if (v.shows.empty()) {
      CHECK(line.find("| every type |") != std::string::npos);
      continue;
    }
    for (std::size_t t = 0; t < mm.element_types.size(); ++t) {
      const ElementType& type = mm.element_types[t];
      if (type.base != kNoType) continue;  // specializations go with their base
      // Each type the viewpoint shows is in its row, and no other.
      const bool listed = std::regex_search(line, std::regex("[|,] " + type.id + "( |,)"));
      CHECK(listed == v.allows(static_cast<TypeIndex>(t)));
    }
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

TEST_CASE("every relative link in README.md and docs/ names a file that exists", "[docs]") {
  namespace fs = std::filesystem;
  const fs::path root(KAAVA_SOURCE_DIR);
  std::vector<fs::path> pages{root / "README.md"};
  for (const fs::directory_entry& e : fs::directory_iterator(root / "docs")) {
    if (e.path().extension() == ".md") pages.push_back(e.path());
  }
  REQUIRE(pages.size() >= 8);
  const std::regex link(R"(\]\(([^)#\s]+)(#[^)\s]*)?\))");
  std::size_t checked = 0;
  for (const fs::path& page : pages) {
    std::ifstream in(page);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    for (auto it = std::sregex_iterator(content.begin(), content.end(), link); it != std::sregex_iterator(); ++it) {
      const std::string target = (*it)[1].str();
      if (target.find("://") != std::string::npos || target.starts_with("mailto:")) continue;
      INFO(page.filename().string() << " links to " << target);
      CHECK(fs::exists(page.parent_path() / target));
      ++checked;
    }
  }
  CHECK(checked >= 10);
}

TEST_CASE("dependencies point one way (docs/architecture.md)", "[docs]") {
  namespace fs = std::filesystem;
  const fs::path src = fs::path(KAAVA_SOURCE_DIR) / "src";
  // Which folders each folder may include from: the model knows nothing of
  // YAML, files or loading; diagnostics are data, their writers in report/.
  const std::vector<std::pair<std::string, std::vector<std::string>>> forbidden = {
      {"model", {"load/", "yaml/", "source/", "report/", "render/", "validate/", "views/", "cli/"}},
      {"diag", {"load/", "yaml/", "source/", "report/", "render/", "validate/", "views/", "model/", "cli/"}},
      {"source", {"load/", "model/", "report/", "render/", "validate/", "views/", "cli/"}},
      {"views", {"load/", "yaml/", "source/", "report/", "render/", "validate/", "cli/"}},
  };
  const std::regex include(R"re(#include "([^"]+)")re");
  std::size_t files = 0;
  for (const auto& [folder, banned] : forbidden) {
    for (const auto& entry : fs::directory_iterator(src / folder)) {
      ++files;
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line)) {
        std::smatch m;
        if (!std::regex_search(line, m, include)) continue;
        for (const std::string& b : banned) {
          INFO(entry.path().filename().string() << ": " << line);
          CHECK_FALSE(m[1].str().starts_with(b));
        }
      }
    }
  }
  CHECK(files > 10);
  // diag/ holds no report writer.
  for (const auto& entry : fs::directory_iterator(src / "diag")) {
    const std::string name = entry.path().filename().string();
    INFO(name);
    CHECK((name.starts_with("diagnostic.") || name == "rules.def"));
  }
}
