// File sources: the in-memory files, the overlay of unsaved text, the
// embedded data, and the loader reading each of them the same way.

#include "catch.h"

#include <algorithm>

#include "source/disk_source.h"
#include "source/embedded_source.h"
#include "source/memory_source.h"
#include "test_support.h"

using namespace kaava;

namespace {

std::vector<std::string> listed(const FileSource& source, const std::filesystem::path& folder) {
  std::vector<std::string> names;
  std::string error;
  source.list(folder, &names, &error);
  std::ranges::sort(names);
  return names;
}

std::string read(const FileSource& source, const std::filesystem::path& path, std::uintmax_t max = 1 << 20) {
  std::string text, error;
  return source.read(path, max, &text, &error) == ReadResult::ok ? text : "<" + error + ">";
}

}  // namespace

TEST_CASE("files in memory have the folders their paths imply", "[source]") {
  MemorySource m("/repo");
  m.add("kaava.yaml", "kaava: 1\n").add("model/a.yaml", "a").add("model/sub/b.yaml", "bb");
  CHECK(m.status("/repo", true).kind == FileKind::folder);
  CHECK(m.status("/repo/model/", true).kind == FileKind::folder);
  CHECK(m.status("/repo/model/a.yaml", true).kind == FileKind::file);
  CHECK(m.status("/repo/model/sub/b.yaml", true).size == 2);
  CHECK(m.status("/repo/model/c.yaml", true).kind == FileKind::missing);
  CHECK(m.status("/elsewhere", true).kind == FileKind::missing);
  CHECK(listed(m, "/repo") == std::vector<std::string>{"kaava.yaml", "model"});
  CHECK(listed(m, "/repo/model") == std::vector<std::string>{"a.yaml", "sub"});
  CHECK(read(m, "/repo/model/./sub/../a.yaml") == "a");
  CHECK(read(m, "/repo/model/sub/b.yaml", 1).find("the file is 2 bytes; the limit is 1") != std::string::npos);
  CHECK(m.absolute("model") == "/repo/model");
  CHECK(m.resolve("/repo/model/") == "/repo/model");
  std::string text, error;
  CHECK(m.read("/repo/model", 100, &text, &error) == ReadResult::failed);
  CHECK(m.read("/repo/none.yaml", 100, &text, &error) == ReadResult::missing);
}

TEST_CASE("an overlay's files win over the source below, and new ones appear in its folders", "[source]") {
  MemorySource below("/repo");
  below.add("kaava.yaml", "kaava: 1\n").add("model/a.yaml", "from below");
  OverlaySource overlay(below);
  overlay.add("/repo/model/a.yaml", "unsaved").add("/repo/model/new/b.yaml", "new");
  CHECK(read(overlay, "/repo/model/a.yaml") == "unsaved");
  CHECK(read(overlay, "/repo/kaava.yaml") == "kaava: 1\n");
  CHECK(read(overlay, "/repo/model/new/b.yaml") == "new");
  CHECK(overlay.status("/repo/model/new", true).kind == FileKind::folder);
  CHECK(listed(overlay, "/repo/model") == std::vector<std::string>{"a.yaml", "new"});
  CHECK(listed(overlay, "/repo/model/new") == std::vector<std::string>{"b.yaml"});
  CHECK(overlay.describe() == "memory with unsaved changes");
  CHECK(read(below, "/repo/model/a.yaml") == "from below");  // the source below is untouched
}

TEST_CASE("the loader reads an overlay: one file's unsaved text in a repository", "[source][loader]") {
  MemorySource below("/repo");
  below.add("kaava.yaml", "kaava: 1\nrules: { orphan-element: off, missing-description: off }\n")
      .add("model/a.yaml", "elements:\n  - { id: a, type: goal, name: A, influences: [b] }\n")
      .add("model/b.yaml", "elements:\n  - { id: b, type: goal, name: B }\n");
  auto clean = test::load_path("/repo", 1, &below);
  INFO(clean->listing());
  CHECK(clean->report.diagnostics.empty());
  OverlaySource overlay(below);
  overlay.add("/repo/model/b.yaml", "elements:\n  - { id: b, type: gaol, name: B }\n");
  // As `kaava validate --stdin-filename model/b.yaml`: the repository, that file's findings.
  auto edited = test::load_path("/repo/model/b.yaml", 1, &overlay);
  INFO(edited->listing());
  REQUIRE(edited->count(Rule::unknown_type) == 1);
  CHECK(edited->report.diagnostics.size() == 1);
  CHECK(edited->ws.files[edited->report.diagnostics[0].at.file].path == "model/b.yaml");
  CHECK(edited->ws.source == "memory with unsaved changes");
  // A new, unsaved file is part of the repository too.
  OverlaySource added(below);
  added.add("/repo/model/c.yaml", "elements:\n  - { id: c, type: goal, name: C, influences: [a] }\n");
  auto with_new = test::load_path("/repo", 1, &added);
  CHECK(with_new->files() == std::vector<std::string>{"model/a.yaml", "model/b.yaml", "model/c.yaml"});
  CHECK(with_new->report.diagnostics.empty());
}

TEST_CASE("the embedded files are a tree like any other", "[source]") {
  const EmbeddedSource& e = embedded_files();
  const std::filesystem::path reference = EmbeddedSource::path_of("models/vet-reference");
  CHECK(reference == "<kaava>/models/vet-reference");
  CHECK(e.status(reference, true).kind == FileKind::folder);
  const auto models = listed(e, EmbeddedSource::path_of("models"));
  CHECK(std::ranges::find(models, "metamodel") != models.end());
  CHECK(std::ranges::find(models, "vet-reference") != models.end());
  CHECK(read(e, reference / "kaava.yaml").find("namespace: vet") != std::string::npos);
  CHECK(!e.snapshot(reference / "kaava.yaml").empty());
  CHECK(e.status(EmbeddedSource::path_of("models/none.yaml"), true).kind == FileKind::missing);
  std::filesystem::path target;
  std::string error;
  CHECK_FALSE(e.link_target(reference, &target, &error));
}

TEST_CASE("a path that is not there says why, in every source", "[source][loader]") {
  MemorySource m("/repo");
  m.add("kaava.yaml", "kaava: 1\n");
  auto missing = test::load_path("/repo/nothing", 1, &m);
  CHECK_FALSE(missing->ok);
  CHECK(missing->error == "'/repo/nothing' does not exist");
  auto not_yaml = test::load_path("/repo/kaava.yaml/x.txt", 1, &m);
  CHECK_FALSE(not_yaml->ok);
}
