#include "catch.h"

#include <fmt/format.h>

#include "load/workspace.h"
#include "source/memory_source.h"

using namespace kaava;

// Model::patch against Model::assemble: an edit that keeps a file's shape
// patches the previous model, and the result is the model a full load
// makes, index for index; an edit that does not falls back to assembling.

namespace patch_test {  // named: the unity build puts both patch tests in one file

const char* k_config = "kaava: 1\nname: T\nmetamodel: vet\nlanguages: [fi, en]\n";

const char* k_apps = R"(elements:
  - id: app.sis
    type: application-component
    name: { fi: Opintohallinto, en: Student administration }
    tags: [core]
    properties: { lifecycle: active }
    serves: [proc.enrol]
    children:
      - id: app.sis.hoks
        type: application-component
        name: HOKS-työkalu
  - id: app.lms
    type: application-component
    name: Moodle
    servs: [proc.study]
relationships:
  - type: flow
    from: app.sis
    to: app.lms
    name: Opiskelijat
  - type: flow
    from: app.sis
    to: app.lms
    name: Ryhmät
  - id: rel.sis-dw
    type: flow
    from: app.sis
    to: app.dw
    name: Suoritukset
  - type: association
    from: app.lms
    to: rel.sis-dw
views:
  - id: view.core
    name: Ydin
    include: { tags: [core] }
)";

const char* k_business = R"(elements:
  - id: proc.enrol
    type: business-process
    name: Ilmoittautuminen
  - id: proc.study
    type: business-process
    name: Opiskelu
    description: Opiskelu ja ohjaus
)";

const char* k_data = R"(elements:
  - id: app.dw
    type: application-component
    name: Tietovarasto
    serves: [proc.study]
  - id: proc.enrol
    type: business-process
    name: Ilmoittautuminen uudelleen
)";

std::unique_ptr<MemorySource> repository(std::string apps, std::string business = k_business) {
  auto source = std::make_unique<MemorySource>();
  source->add("kaava.yaml", k_config);
  source->add("model/a-apps.yaml", std::move(apps));
  source->add("model/b-business.yaml", std::move(business));
  source->add("model/c-data.yaml", k_data);
  return source;
}

std::unique_ptr<const Workspace> load(const MemorySource& source, FragmentCache* cache, Model* reuse = nullptr) {
  LoadOptions options;
  options.path = source.root();
  options.source = &source;
  options.cache = cache;
  options.reuse = reuse;
  return load_workspace(options);
}

std::string spans(std::span<const std::uint32_t> items) {
  std::string out;
  for (std::uint32_t i : items) out += fmt::format("{} ", i);
  return out;
}

std::string texts(const LocalizedText& t) {
  std::string out;
  for (const auto& [lang, text] : t.texts) out += fmt::format("{}={};", lang, text);
  return out;
}

std::string at(const SourceSpan& s) { return fmt::format("{}:{}:{}+{}", s.file, s.line, s.column, s.length); }

/// Everything a consumer can read of a model, one line per item.
std::string dump(const Model& m) {
  std::string out;
  for (std::uint32_t i = 0; i < m.elements().size(); ++i) {
    const Element& e = m.element(i);
    out += fmt::format("E{} {} {} {} {} {} parent={} first={} find={} out=[{}] in=[{}] children=[{}] views=[{}] ", i,
                       e.id, e.type, at(e.at), texts(e.name), texts(e.description), e.parent, m.first_with_id(i),
                       m.find(e.id), spans(m.outgoing(i)), spans(m.incoming(i)), spans(m.children(i)),
                       spans(m.views_of(i)));
    for (const Property& p : e.properties) out += fmt::format("{}={}@{} ", p.key, p.value, at(p.value_at));
    for (std::string_view t : e.tags) out += fmt::format("#{} ", t);
    out += fmt::format("misspelt={}\n", m.mentioned_by_misspelt_key(e.id));
  }
  for (std::uint32_t i = 0; i < m.relationships().size(); ++i) {
    const Relationship& r = m.relationship(i);
    out += fmt::format("R{} {} written={} type={} {}>{} {}/{} rel={}/{} {} {} find={}\n", i, r.id, r.id_written, r.type,
                       r.source.id, r.target.id, r.source.index, r.target.index, r.source.relationship,
                       r.target.relationship, at(r.at), texts(r.name), m.find_relationship(r.id));
  }
  for (std::uint32_t v = 0; v < m.views().size(); ++v) {
    const View& view = m.views()[v];
    out += fmt::format("V{} {} {} {} find={} shows=[{}]\n", v, view.id, at(view.at), texts(view.name),
                       m.find_view(view.id), spans(m.shown_by(v)));
  }
  for (std::string_view id : {"proc.enrol", "proc.study", "app.nothing"}) {
    out += fmt::format("misspelt {}={}\n", id, m.mentioned_by_misspelt_key(id));
  }
  return out;
}

/// Loads `before`, then `after` twice: patching the first load's model,
/// and from scratch. Returns how many files the patch took (0: assembled).
std::size_t compare(const MemorySource& before, const MemorySource& after) {
  FragmentCache cache;
  auto first = load(before, &cache);
  REQUIRE(first->loaded);
  auto patched = load(after, &cache, &const_cast<Workspace&>(*first).model);
  FragmentCache fresh;
  auto whole = load(after, &fresh);
  REQUIRE(patched->loaded);
  CHECK(dump(patched->model) == dump(whole->model));
  CHECK(patched->diagnostics.items().size() == whole->diagnostics.items().size());
  // The patched model, patched again with the first text: the first model.
  auto back = load(before, &cache, &const_cast<Workspace&>(*patched).model);
  FragmentCache again;
  CHECK(dump(back->model) == dump(load(before, &again)->model));
  return patched->patched;
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}


TEST_CASE("patch: a changed name, description or property patches the model", "[patch]") {
  const auto before = repository(k_apps);
  CHECK(compare(*before, *repository(replaced(k_apps, "Opintohallinto,", "Opintohallintojärjestelmä,"))) == 1);
  CHECK(compare(*before, *repository(k_apps, replaced(k_business, "Opiskelu ja ohjaus", "Ohjaus"))) == 1);
  CHECK(compare(*before, *repository(replaced(k_apps, "lifecycle: active", "lifecycle: retiring"))) == 1);
  // Lines move (a comment above): every position after it moves.
  CHECK(compare(*before, *repository(k_apps, std::string("# prosessit\n\n") + k_business)) == 1);
  // Two files at once.
  CHECK(compare(*before, *repository(replaced(k_apps, "Moodle", "Moodle 4"),
                                   replaced(k_business, "Ilmoittautuminen", "Haku"))) == 2);
}

TEST_CASE("patch: what a view selects is selected again", "[patch]") {
  const auto before = repository(k_apps);
  const std::string untagged = replaced(k_apps, "tags: [core]", "tags: [edge]");
  CHECK(compare(*before, *repository(untagged)) == 1);
  FragmentCache cache;
  auto first = load(*before, &cache);
  auto second = load(*repository(untagged), &cache, &const_cast<Workspace&>(*first).model);
  REQUIRE(second->patched == 1);
  CHECK(second->model.shown_by(second->model.find_view("view.core")).empty());
}

TEST_CASE("patch: misspelt keys, written relationship ids and relationship ends follow the new text", "[patch]") {
  const auto before = repository(k_apps);
  CHECK(compare(*before, *repository(replaced(k_apps, "servs: [proc.study]", "servs: [proc.enrol]"))) == 1);
  CHECK(compare(*before, *repository(replaced(k_apps, "name: Suoritukset", "name: Arvosanat"))) == 1);
}

TEST_CASE("patch: a change of shape assembles the model anew", "[patch]") {
  const auto before = repository(k_apps);
  // Another id, another element, another relationship end, another view.
  CHECK(compare(*before, *repository(replaced(k_apps, "id: app.lms", "id: app.moodle"))) == 0);
  CHECK(compare(*before, *repository(std::string(k_apps) + "  - id: view.more\n    name: Lisää\n")) == 0);
  CHECK(compare(*before, *repository(replaced(k_apps, "serves: [proc.enrol]", "serves: [proc.study]"))) == 0);
  CHECK(compare(*before, *repository(k_apps, std::string(k_business) + "  - id: proc.more\n    type: business-process\n"
                                                                    "    name: Lisää\n")) == 0);
  // Parallel relationships are numbered by what they say: a change there
  // could renumber them.
  CHECK(compare(*before, *repository(replaced(k_apps, "name: Ryhmät", "name: Aikataulut"))) == 0);
  CHECK(compare(*before, *repository(std::string("# sovellukset\n\n") + k_apps)) == 0);
  // A syntax error, and an invalid id.
  CHECK(compare(*before, *repository(replaced(k_apps, "name: Moodle", "name: [Moodle"))) == 0);
  CHECK(compare(*before, *repository(replaced(k_apps, "id: app.sis.hoks", "id: app.sis.höks"))) == 0);
}

TEST_CASE("patch: a file the model was not made from is patched in, even when the cache has its text", "[patch]") {
  // The cache keeps only texts that parsed: after a syntax error, the
  // earlier text is in the cache but not in the model.
  FragmentCache cache;
  const auto good = repository(k_apps);
  const auto broken = repository(replaced(k_apps, "name: Moodle", "name: [Moodle"));
  auto first = load(*good, &cache);
  auto second = load(*broken, &cache, &const_cast<Workspace&>(*first).model);
  CHECK(second->patched == 0);
  CHECK(second->model.find("app.sis") == kNone);
  auto third = load(*good, &cache, &const_cast<Workspace&>(*second).model);
  FragmentCache fresh;
  CHECK(dump(third->model) == dump(load(*good, &fresh)->model));
}

TEST_CASE("patch: a model whose files differ is not patched", "[patch]") {
  FragmentCache cache;
  const auto before = repository(k_apps);
  auto first = load(*before, &cache);
  auto more = repository(k_apps);
  more->add("model/d-more.yaml", "elements:\n  - id: goal.x\n    type: goal\n    name: X\n");
  auto second = load(*more, &cache, &const_cast<Workspace&>(*first).model);
  CHECK(second->patched == 0);
  CHECK(second->model.find("goal.x") != kNone);
  CHECK(second->model.find("app.sis") != kNone);
}

}  // namespace patch_test
