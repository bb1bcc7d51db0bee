#include "catch.h"

#include <unistd.h>

#include <fmt/format.h>

#include "test_support.h"
#include "views/selection.h"

using namespace kaava;
using kaava::test::TempDir;

namespace {

std::unique_ptr<test::Loaded> load(const std::filesystem::path& path, unsigned threads = 0) {
  return test::load_path(path, threads);
}

/// A repository in memory, written like a folder and loaded through the
/// same loader as the disk.
class Repo {
 public:
  void write(const std::string& path, const std::string& text) { files_.add(path, text); }
  std::filesystem::path path() const { return files_.root(); }
  std::unique_ptr<test::Loaded> load(const std::filesystem::path& path, unsigned threads = 0) const {
    return test::load_path(path, threads, &files_);
  }
  const MemorySource& source() const { return files_; }

 private:
  MemorySource files_;
};

/// One valid element in a file.
std::string element(const std::string& id, const std::string& name) {
  return fmt::format("elements:\n  - id: {}\n    type: goal\n    name: {}\n    description: d\n", id, name);
}

}  // namespace

TEST_CASE("the repository is found by walking up from a folder", "[loader]") {
  Repo dir;
  dir.write("kaava.yaml", "kaava: 1\nname: T\n");
  dir.write("model/deep/x.yaml", element("x", "X"));
  CHECK(find_repository_root(dir.source(), dir.path() / "model" / "deep") == dir.path());
  auto loaded = dir.load(dir.path() / "model" / "deep");
  REQUIRE(loaded->ok);
  CHECK(loaded->files() == std::vector<std::string>{"model/deep/x.yaml"});
}

TEST_CASE("model files are found under the sources, sorted", "[loader]") {
  Repo dir;
  dir.write("kaava.yaml", "kaava: 1\nsources: [model, more/]\n");
  dir.write("model/b.yaml", element("b", "B"));
  dir.write("model/a.yml", element("a", "A"));
  dir.write("model/sub/c.yaml", element("c", "C"));
  dir.write("model/.hidden/d.yaml", "this: [is not read\n");
  dir.write("model/notes.txt", "not yaml");
  dir.write("more/e.yaml", element("e", "E"));
  dir.write("elsewhere/f.yaml", "not: [read\n");
  auto loaded = dir.load(dir.path());
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  CHECK(loaded->files() == std::vector<std::string>{"model/a.yml", "model/b.yaml", "model/sub/c.yaml", "more/e.yaml"});
  CHECK(loaded->count(Rule::yaml_syntax) == 0);
}

TEST_CASE("a missing source folder is reported in kaava.yaml", "[loader]") {
  Repo dir;
  dir.write("kaava.yaml", "kaava: 1\nsources:\n  - model\n  - missing\n");
  dir.write("model/a.yaml", element("a", "A"));
  auto loaded = dir.load(dir.path());
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  REQUIRE(loaded->count(Rule::invalid_config) == 1);
  const Diagnostic& d = loaded->report.diagnostics.front();
  CHECK(d.message == "source folder 'missing' does not exist");
  CHECK(loaded->ws.files[d.at.file].path == "kaava.yaml");
  CHECK(d.at.line == 4);
  CHECK(d.at.column == 5);
}

TEST_CASE("kaava.yaml mistakes are reported with positions", "[loader]") {
  Repo dir;
  dir.write("kaava.yaml", "kaava: 2\nlanguages: [fi, EN]\nsources: [../outside]\nmetamodl: vet\n");
  dir.write("model/a.yaml", element("a", "A"));
  auto loaded = dir.load(dir.path());
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  CHECK(loaded->count(Rule::invalid_config) == 3);
  CHECK(loaded->count(Rule::unknown_key) == 1);
  CHECK(loaded->listing().find("unknown key 'metamodl' in kaava.yaml (did you mean 'metamodel'?)") !=
        std::string::npos);
}

TEST_CASE("kaava.yaml's description: a text or one per language, checked once languages are read", "[loader]") {
  Repo dir;
  dir.write("kaava.yaml",
            "kaava: 1\ndescription:\n  fi: Kuvaus\n  sw: Beskrivning\n  en: [a]\nlanguages: [fi, sv, en]\n");
  dir.write("model/a.yaml", element("a", "A"));
  auto loaded = dir.load(dir.path());
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  const LocalizedText& d = loaded->ws.config.description;
  REQUIRE(d.texts.size() == 2);
  CHECK(d.get("fi") == "Kuvaus");
  CHECK(loaded->listing().find("kaava.yaml:4:3: unknown language 'sw' in 'description' (the repository's languages "
                               "are fi, sv, en) (did you mean 'sv'?)") != std::string::npos);
  CHECK(loaded->listing().find("kaava.yaml:5:3: the 'en' text of 'description' must be a single value, not a list") !=
        std::string::npos);
  CHECK(loaded->listing().find("the description of the model (kaava.yaml) has no sv, en text") != std::string::npos);

  // A copy of the configuration keeps its texts.
  const Config copy = loaded->ws.config;
  CHECK(copy.description.get("en") == "Kuvaus");

  Repo plain;
  plain.write("kaava.yaml", "kaava: 1\ndescription: Yksi teksti\n");
  plain.write("model/a.yaml", element("a", "A"));
  auto one = plain.load(plain.path());
  REQUIRE(one->ok);
  CHECK(one->ws.config.description.get("sv") == "Yksi teksti");
  CHECK(one->count(Rule::missing_translation) == 0);
}

TEST_CASE("an unknown metamodel stops the run", "[loader]") {
  Repo dir;
  dir.write("kaava.yaml", "kaava: 1\nmetamodel: vett\n");
  auto loaded = dir.load(dir.path());
  CHECK_FALSE(loaded->ok);
  INFO(loaded->listing());
  REQUIRE(loaded->count(Rule::invalid_config) == 1);
  CHECK(loaded->report.diagnostics[0].at.line == 2);
  CHECK(loaded->report.diagnostics[0].message.find("did you mean 'vet'?") != std::string::npos);
}

TEST_CASE("one file inside a repository: the whole model, that file's findings", "[loader]") {
  Repo dir;
  dir.write("kaava.yaml", "kaava: 1\n");
  dir.write(
      "model/a.yaml",
      "elements:\n  - id: a\n    type: goal\n    name: A\n    description: d\n    influences: [b]\n    nme: typo\n");
  dir.write("model/b.yaml", "elements:\n  - id: b\n    type: goal\n    name: B\n    description: d\n    nme: typo\n");
  auto loaded = dir.load(dir.path() / "model" / "a.yaml");
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  CHECK(loaded->count(Rule::dangling_reference) == 0);  // b resolves
  REQUIRE(loaded->count(Rule::unknown_key) == 1);       // only a.yaml's
  CHECK(loaded->ws.files[loaded->report.diagnostics[0].at.file].path == "model/a.yaml");
}

TEST_CASE("a folder without kaava.yaml is read whole, with defaults", "[loader]") {
  Repo dir;
  dir.write("x/a.yaml", element("a", "A"));
  dir.write("y.yaml", element("y", "Y"));
  auto loaded = dir.load(dir.path());
  REQUIRE(loaded->ok);
  CHECK(loaded->files() == std::vector<std::string>{"x/a.yaml", "y.yaml"});
}

TEST_CASE("a byte order mark and CRLF line ends are accepted", "[loader]") {
  Repo dir;
  dir.write("kaava.yaml", "kaava: 1\n");
  dir.write("model/a.yaml",
            "\xEF\xBB\xBF"
            "elements:\r\n  - id: a\r\n    type: goal\r\n    name: A\r\n    nme: x\r\n");
  auto loaded = dir.load(dir.path());
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  REQUIRE(loaded->count(Rule::unknown_key) == 1);
  const auto it =
      std::ranges::find_if(loaded->report.diagnostics, [](const Diagnostic& d) { return d.rule == Rule::unknown_key; });
  CHECK(it->at.line == 5);
  CHECK(it->at.column == 5);
  CHECK(loaded->count(Rule::yaml_syntax) == 0);
}

TEST_CASE("unreadable files and links out of the repository are reported; the rest is checked", "[loader]") {
  TempDir dir;
  TempDir outside;
  outside.write("secret.yaml", element("s", "S"));
  dir.write("kaava.yaml", "kaava: 1\n");
  dir.write("model/a.yaml", element("a", "A"));
  std::filesystem::create_symlink(outside.path() / "secret.yaml", dir.path() / "model" / "link.yaml");
  auto loaded = load(dir.path());
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  CHECK(loaded->count(Rule::io_error) == 1);
  CHECK(loaded->ws.model.find("s") == kNone);
  CHECK(loaded->ws.model.find("a") != kNone);

  // A source folder that is a link out of the repository is not followed either.
  dir.write("kaava.yaml", "kaava: 1\nsources: [model, shared]\n");
  std::filesystem::create_symlink(outside.path(), dir.path() / "shared");
  auto linked = load(dir.path());
  INFO(linked->listing());
  CHECK(linked->ws.unreadable);
  CHECK(linked->listing().find("source folder 'shared' is a symbolic link that is not followed") != std::string::npos);
  CHECK(linked->ws.model.find("s") == kNone);
  std::filesystem::remove(dir.path() / "shared");
  dir.write("kaava.yaml", "kaava: 1\n");

  if (geteuid() != 0) {  // root reads every file regardless of its mode
    dir.write("model/locked.yaml", element("l", "L"));
    std::filesystem::permissions(dir.path() / "model" / "locked.yaml", std::filesystem::perms::none);
    auto locked = load(dir.path());
    CHECK(locked->ws.unreadable);
    CHECK(locked->ws.model.find("a") != kNone);
  }
}

TEST_CASE("parallel loading gives the same result as one thread", "[loader]") {
  Repo dir;
  dir.write("kaava.yaml", "kaava: 1\n");
  for (int f = 0; f < 40; ++f) {
    std::string text = "elements:\n";
    for (int e = 0; e < 20; ++e) {
      text += fmt::format("  - id: e{}-{}\n    type: capability\n    name: E\n    composes: [e{}-{}]\n    typo: 1\n", f,
                          e, (f + 1) % 40, (e * 7) % 23);
    }
    dir.write(fmt::format("model/f{:02}.yaml", f), text);
  }
  auto one = dir.load(dir.path(), 1);
  auto many = dir.load(dir.path(), 8);
  REQUIRE(one->ok);
  REQUIRE(many->ok);
  CHECK(one->report.diagnostics.size() > 800);
  CHECK(one->listing() == many->listing());
}

TEST_CASE("imports: the built-in VET reference architecture", "[loader][imports]") {
  Repo dir;
  dir.write("kaava.yaml", "kaava: 1\nimports: [vet-reference]\n");
  dir.write("model/a.yaml", R"(elements:
  - id: sis
    type: application-component
    name: SIS
    description: d
    sends-to:
      - to: vet.koski
        properties: { interface: KOSKI tiedonsiirto API, protocol: rest }
)");
  auto loaded = dir.load(dir.path());
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  CHECK(loaded->report.diagnostics.empty());  // vet.koski resolves; the reference's own findings are not shown
  CHECK(loaded->report.files == 1);
  CHECK(loaded->report.elements == 1);
  CHECK(loaded->report.imports == std::vector<std::string>{"vet-reference"});
  CHECK(loaded->ws.model.find("vet.koski") != kNone);
  // Imported files come first, so the reference defines its ids.
  CHECK(loaded->ws.files[loaded->ws.model_files.front()].imported);
}

TEST_CASE("imports: a provider cannot redefine or extend the reference's namespace", "[loader][imports]") {
  Repo dir;
  dir.write("kaava.yaml",
            "kaava: 1\nimports: [vet-reference]\nrules: { orphan-element: off, missing-description: off }\n");
  dir.write("model/a.yaml",
            "elements:\n  - { id: vet.koski, type: register, name: { fi: KOSKI, sv: KOSKI, en: KOSKI }, "
            "properties: { provider: X } }\n"
            "  - { id: vet.mine, type: goal, name: G }\n");
  auto loaded = dir.load(dir.path());
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  CHECK(loaded->count(Rule::reserved_id) == 2);
  // One finding for the redefinition: not duplicate-id, not possible-duplicate as well.
  CHECK(loaded->report.diagnostics.size() == 2);
  CHECK(loaded->listing().find("'vet.koski' is an element of the imported 'vet-reference'") != std::string::npos);
}

TEST_CASE("imports: another repository by path, and its imports", "[loader][imports]") {
  Repo dir;
  dir.write("shared/kaava.yaml", "kaava: 1\nnamespace: yhteinen\nimports: [vet-reference]\nlanguages: [sv, fi]\n");
  dir.write("shared/model/x.yaml",
            "elements:\n  - { id: yhteinen.lms, type: learning-environment, name: { sv: LMS }, "
            "description: d, nme: typo }\n");
  dir.write("provider/kaava.yaml", "kaava: 1\nimports: [../shared]\n");
  dir.write("provider/model/a.yaml",
            "elements:\n  - { id: p, type: application-component, name: P, description: d, serves: [yhteinen.lms], "
            "associated-with: [vet.koski] }\n");
  auto loaded = dir.load(dir.path() / "provider");
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  CHECK(loaded->report.diagnostics.empty());  // the typo is in the imported repository
  CHECK(loaded->report.imports == std::vector<std::string>{"vet-reference", "../shared"});
  CHECK(loaded->ws.files[loaded->ws.model.element(loaded->ws.model.find("yhteinen.lms")).at.file].path ==
        "../shared/model/x.yaml");
}

TEST_CASE("imports: unknown names, cycles and a metamodel that does not fit", "[loader][imports]") {
  Repo dir;
  dir.write("kaava.yaml", "kaava: 1\nmetamodel: archimate\nimports: [vet-referense, vet-reference, loop, .]\n");
  dir.write("loop/kaava.yaml", "kaava: 1\nmetamodel: archimate\nimports: [../loop]\n");
  dir.write("model/a.yaml", "elements:\n  - { id: a, type: goal, name: A }\n");
  auto loaded = dir.load(dir.path());
  REQUIRE(loaded->ok);
  const std::string listing = loaded->listing();
  INFO(listing);
  CHECK(listing.find("import 'vet-referense' is neither a built-in model (vet-reference) nor a folder with "
                     "kaava.yaml (did you mean 'vet-reference'?)") != std::string::npos);
  CHECK(listing.find("import 'vet-reference' is written for metamodel 'vet'") != std::string::npos);
  CHECK(listing.find("imports go round in a circle: . -> .") != std::string::npos);
  // The repository is never loaded a second time as its own import.
  CHECK(loaded->count(Rule::duplicate_id) == 0);
  CHECK(loaded->report.imports == std::vector<std::string>{"vet-reference", "loop"});
}

TEST_CASE("a namespace keeps a repository's own ids inside it", "[loader][imports]") {
  Repo dir;
  dir.write("kaava.yaml", "kaava: 1\nnamespace: omnia\nrules: { orphan-element: off, missing-description: off }\n");
  dir.write("model/a.yaml",
            "elements:\n  - { id: omnia.sis, type: goal, name: A }\n  - { id: sis, type: goal, name: B }\n");
  auto loaded = dir.load(dir.path());
  REQUIRE(loaded->ok);
  INFO(loaded->listing());
  REQUIRE(loaded->count(Rule::invalid_id) == 1);
  CHECK(loaded->report.diagnostics[0].at.line == 3);
}

TEST_CASE("view selectors: globs, specializations, focus", "[views]") {
  CHECK(glob_match("cap.*", "cap.hoks"));
  CHECK(glob_match("*hoks*", "vet.cap.hoks.x"));
  CHECK_FALSE(glob_match("cap.*", "vet.cap.hoks"));
  CHECK(glob_match("a*b*c", "axxbyyc"));
  CHECK_FALSE(glob_match("a*b*c", "axxbyy"));
  auto run = test::validate_text(R"(elements:
  - { id: a, type: capability, name: A, serves: [b] }
  - { id: b, type: provider-capability, name: B, serves: [c] }
  - { id: c, type: capability, name: C, serves: [d] }
  - { id: d, type: capability, name: D }
  - { id: s, type: application-component, name: S, realizes: [a] }
views:
  - { id: by-type, name: T, include: { types: [capability] }, exclude: { ids: [d] } }
  - { id: near, name: N, focus: b, depth: 1 }
  - { id: out, name: O, focus: a, depth: 2, direction: out }
)");
  const Model& m = run->ws.model;
  auto ids = [&](std::size_t view) {
    std::vector<std::string_view> out;
    for (std::uint32_t i : select_elements(m, run->ws.metamodel, m.views()[view])) out.push_back(m.element(i).id);
    return out;
  };
  CHECK(ids(0) == std::vector<std::string_view>{"a", "b", "c"});
  CHECK(ids(1) == std::vector<std::string_view>{"a", "b", "c"});
  CHECK(ids(2) == std::vector<std::string_view>{"a", "b", "c"});
}
