// Inputs that once went wrong, each with what should happen instead.

#include "catch.h"

#include <chrono>

#include <fmt/format.h>

#include "report/json.h"
#include "report/text.h"
#include "test_support.h"

using namespace kaava;
using kaava::test::TempDir;
using kaava::test::validate_text;

namespace {

std::unique_ptr<test::Loaded> load(const std::filesystem::path& path) { return test::load_path(path); }

}  // namespace

TEST_CASE("a quote that is never closed is an error, not a swallowed file", "[regression]") {
  for (const char* quote : {"\"", "'"}) {
    auto run = validate_text(
        fmt::format("elements:\n  - id: b\n    type: goal\n    name: {}abc\n  - id: c\n    type: goal\n", quote));
    INFO(run->listing());
    REQUIRE(run->of(Rule::yaml_syntax).size() == 1);
    CHECK(run->of(Rule::yaml_syntax)[0]->at.line == 4);
    CHECK(run->of(Rule::yaml_syntax)[0]->at.column == 11);
    CHECK(run->ws.model.elements().empty());
  }
  // Quotes that are closed, escaped quotes and '' inside single quotes are fine.
  auto fine = validate_text("elements:\n  - { id: a, type: goal, name: \"x \\\" y\", description: 'it''s' }\n");
  CHECK(fine->of(Rule::yaml_syntax).empty());
}

TEST_CASE("positions skip anchors and tags, and empty items point at their dash", "[regression]") {
  auto run =
      validate_text("elements:\n  - id: b\n    type: &t capabilty\n    name: X\n    tags:\n      - a\n      -\n");
  INFO(run->listing());
  REQUIRE(run->of(Rule::unknown_type).size() == 1);
  CHECK(run->of(Rule::unknown_type)[0]->mark.column == 14);
  REQUIRE(run->of(Rule::invalid_structure).size() == 1);
  CHECK(run->of(Rule::invalid_structure)[0]->at.line == 7);
  CHECK(run->of(Rule::invalid_structure)[0]->at.column == 7);
}

TEST_CASE("large inputs stay linear: merge keys and long ids", "[regression]") {
  std::string merged = "x: &a\n";
  for (int i = 0; i < 50000; ++i) merged += fmt::format("  k{}: v\n", i);
  merged += "y: {<<: *a, k1: w}\n";
  std::vector<yaml::Problem> problems;
  const auto docs = yaml::parse(merged, yaml::Limits(), problems);
  REQUIRE(docs.size() == 1);
  yaml::NodeId y = 0, k1 = 0;
  REQUIRE(docs[0].find(docs[0].root(), "y", &y));
  CHECK(docs[0].pairs(y).size() == 50000);
  REQUIRE(docs[0].find(y, "k1", &k1));
  CHECK(docs[0].scalar(k1) == "w");

  // A did-you-mean over very long ids would be quadratic; none is offered.
  const std::string id(20000, 'a');
  auto run = validate_text(fmt::format("elements:\n  - {{ id: {0}, type: goal, name: A, influences: [{0}x] }}\n", id));
  REQUIRE(run->of(Rule::dangling_reference).size() == 1);
  CHECK(run->of(Rule::dangling_reference)[0]->message.find("did you mean") == std::string::npos);
}

TEST_CASE("control characters and invalid UTF-8 never reach the output", "[regression]") {
  auto nul = validate_text(std::string("elements:\n  - id: a\0b\n", 22));
  REQUIRE(nul->of(Rule::yaml_syntax).size() == 1);
  CHECK(nul->of(Rule::yaml_syntax)[0]->message.find("U+0000") != std::string::npos);

  // A newline inside an id cannot forge a line of output.
  auto forged =
      validate_text("elements:\n  - { id: \"a\\nmodel/fake.yaml:1:1: error: injected [x]\", type: goal, name: A }\n");
  std::string text;
  write_text(text, forged->report.diagnostics, forged->ws.files, {false, true});
  CHECK(text.find("\nmodel/fake.yaml") == std::string::npos);

  // A file name that is not UTF-8 still gives valid JSON.
  SourceFiles files;
  files.add_text("model/b\xff.yaml", "");
  Diagnostics d;
  d.report(Rule::io_error, SourceSpan{0, 1, 1, 0}, "message \xfe");
  std::string json;
  write_json(json, d.items(), Summary{1, 0, 0}, files);
  CHECK(json.find("model/b\xEF\xBF\xBD.yaml") != std::string::npos);
  CHECK(json.find('\xff') == std::string::npos);
}

TEST_CASE("kaava.yaml: byte order mark, not UTF-8, empty sources, empty metamodel", "[regression]") {
  TempDir dir;
  dir.write("kaava.yaml", "\xEF\xBB\xBFlanguages: [fi, xx1]\n");
  dir.write("model/a.yaml", "elements: []\n");
  auto bom = load(dir.path());
  INFO(bom->listing());
  REQUIRE(bom->count(Rule::invalid_config) == 1);
  CHECK(bom->ws.files.character_column(bom->report.diagnostics[0].at) == 17);

  dir.write("kaava.yaml", "name: Caf\xe9\n");
  auto latin1 = load(dir.path());
  CHECK_FALSE(latin1->ok);
  CHECK(latin1->count(Rule::yaml_syntax) == 1);

  dir.write("kaava.yaml", "sources: []\nmetamodel: \"\"\n");
  auto empty = load(dir.path());
  INFO(empty->listing());
  CHECK(empty->count(Rule::invalid_config) == 1);
  CHECK(empty->count(Rule::invalid_structure) == 1);
}

TEST_CASE("symbolic links: shown by their own name, loops and dangling ones reported", "[regression]") {
  TempDir dir;
  dir.write("kaava.yaml", "kaava: 1\n");
  dir.write("shared/real.yaml", "elements:\n  - { id: a, type: goal, name: A, nme: x }\n");
  std::filesystem::create_directories(dir.path() / "model");
  std::filesystem::create_symlink(dir.path() / "shared" / "real.yaml", dir.path() / "model" / "b.yaml");
  std::filesystem::create_symlink(dir.path() / "shared", dir.path() / "model" / "linked");
  std::filesystem::create_symlink("loop2.yaml", dir.path() / "model" / "loop1.yaml");
  std::filesystem::create_symlink("loop1.yaml", dir.path() / "model" / "loop2.yaml");
  std::filesystem::create_symlink(dir.path() / "nowhere.yaml", dir.path() / "model" / "dangling.yaml");
  std::filesystem::create_symlink(dir.path() / "model", dir.path() / "model" / "self");
  auto loaded = load(dir.path());
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  // real.yaml is read once, under the first name that reaches it.
  CHECK(loaded->ws.model.elements().size() == 1);
  CHECK(loaded->listing().find("model/b.yaml:2:35: unknown key 'nme'") != std::string::npos);
  CHECK(loaded->count(Rule::io_error) == 3);  // two loop links and the dangling one
  CHECK(loaded->report.unreadable);
}

TEST_CASE("nested repositories are skipped and said so", "[regression]") {
  TempDir dir;
  dir.write("a/kaava.yaml", "kaava: 1\n");
  dir.write("a/model/x.yaml", "elements:\n  - { id: x, type: goal, name: X }\n");
  dir.write("b.yaml", "elements:\n  - { id: y, type: goal, name: Y, description: d }\n");
  auto loaded = load(dir.path());
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  CHECK(loaded->count(Rule::nested_repository) == 1);
  CHECK(loaded->ws.model.find("x") == kNone);
  CHECK(loaded->ws.model.find("y") != kNone);
}

TEST_CASE("one mistake, one finding", "[regression]") {
  auto from_list = validate_text(
      "elements:\n  - { id: a, type: goal, name: A }\nrelationships:\n  - { type: association, from: [a], to: a }\n");
  INFO(from_list->listing());
  CHECK(from_list->report.summary.errors == 1);

  auto name_list = validate_text("elements:\n  - { id: a, type: goal, name: [A], description: d }\n");
  INFO(name_list->listing());
  CHECK(name_list->of(Rule::invalid_structure).size() == 1);
  CHECK(name_list->of(Rule::missing_name).empty());
}

TEST_CASE("a syntax error in a later document drops the whole file", "[regression]") {
  auto run = validate_text("elements:\n  - { id: a, type: capabilty, name: A }\n---\nelements: [\n");
  INFO(run->listing());
  CHECK(run->of(Rule::yaml_syntax).size() == 1);
  CHECK(run->of(Rule::unknown_type).empty());
  CHECK(run->ws.model.elements().empty());
}

TEST_CASE("an empty id is one finding", "[regression]") {
  for (const char* id : {"", "\"\""}) {
    auto run = validate_text(fmt::format("elements:\n  - id: {}\n    type: goal\n    name: A\n", id));
    INFO(run->listing());
    CHECK(run->report.summary.errors == 1);
    CHECK(run->of(Rule::invalid_structure).size() == 1);
  }
}

TEST_CASE("carets on continued flow collections cover the value only", "[regression]") {
  auto run = validate_text(
      "elements:\n  - id: a\n    type: goal\n    name: A\n    influences: [\n      nope1, nope2,\n      nope3]\n");
  INFO(run->listing());
  std::string text;
  write_text(text, run->report.diagnostics, run->ws.files, {false, true});
  CHECK(text.find("    6 |       nope1, nope2,\n      |       ^~~~~\n") != std::string::npos);
  CHECK(text.find("    7 |       nope3]\n      |       ^~~~~\n") != std::string::npos);
}

TEST_CASE("an unclosed bracket at the end of a file without a final newline", "[regression]") {
  auto run = validate_text("elements: [");
  REQUIRE(run->of(Rule::yaml_syntax).size() == 1);
  CHECK(run->column(*run->of(Rule::yaml_syntax)[0]) == 12);
}

TEST_CASE("an imported repository's kaava.yaml findings are its own", "[regression]") {
  TempDir dir;
  dir.write("ref/kaava.yaml", "kaava: 1\nbogus: 1\nsources: [model, missing]\nrules: { nope: off }\n");
  dir.write("ref/model/r.yaml", "elements:\n  - { id: r, type: goal, name: R, description: d }\n");
  dir.write("x/kaava.yaml", "kaava: 1\nimports: [../ref]\n");
  dir.write("x/model/a.yaml", "elements:\n  - { id: a, type: goal, name: A, description: d, influences: [r] }\n");
  auto loaded = load(dir.path() / "x");
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  CHECK(loaded->report.diagnostics.empty());
  CHECK_FALSE(loaded->report.unreadable);
}
