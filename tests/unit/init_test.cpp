#include "catch.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "init/init.h"
#include "test_support.h"

using namespace kaava;
using kaava::test::TempDir;

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("init creates a repository that validates without findings", "[init]") {
  TempDir dir;
  InitOptions options;
  options.dir = dir.path() / "uusi";
  options.name = "Uusi \"opisto\": testi";
  options.language = "sv";
  InitResult result;
  REQUIRE(init_repository(options, &result));
  CHECK(result.created == std::vector<std::string>{".github/workflows/kaava.yml", ".gitignore", "kaava.yaml",
                                                   "model/start.yaml", ".kaava/model.schema.json",
                                                   ".kaava/kaava.schema.json"});
  // The schemas know the repository's languages, the default first.
  const auto schema = nlohmann::json::parse(read(options.dir / ".kaava" / "model.schema.json"));
  CHECK(schema["definitions"]["text"]["oneOf"][1]["propertyNames"]["enum"] ==
        nlohmann::json::array({"sv", "fi", "en"}));
  const std::string config = read(options.dir / "kaava.yaml");
  CHECK(config.find("name: \"Uusi \\\"opisto\\\": testi\"") != std::string::npos);
  CHECK(config.find("languages: [sv, fi, en]") != std::string::npos);
  CHECK(config.find("imports: [vet-reference]") != std::string::npos);

  const auto loaded = test::load_path(options.dir);
  REQUIRE(loaded->ok);
  const Workspace& ws = loaded->ws;
  const Report& report = loaded->report;
  std::string listing;
  for (const Diagnostic& d : report.diagnostics) listing += d.message + "\n";
  INFO(listing);
  CHECK(report.diagnostics.empty());
  CHECK(ws.config.name == options.name);
  CHECK(report.elements == 2);
}

TEST_CASE("init refuses to overwrite anything", "[init]") {
  TempDir dir;
  dir.write("model/start.yaml", "mine\n");
  InitOptions options;
  options.dir = dir.path();
  InitResult result;
  CHECK_FALSE(init_repository(options, &result));
  CHECK(result.existing == std::vector<std::string>{"model/start.yaml"});
  CHECK(result.created.empty());
  CHECK_FALSE(std::filesystem::exists(dir.path() / "kaava.yaml"));
  CHECK(read(dir.path() / "model/start.yaml") == "mine\n");
}

TEST_CASE("init rejects a language it has no starter for", "[init]") {
  TempDir dir;
  InitOptions options;
  options.dir = dir.path();
  options.language = "de";
  InitResult result;
  CHECK_FALSE(init_repository(options, &result));
  CHECK(result.error == "language 'de' is not one of fi, sv, en (the languages kaava speaks)");
}
