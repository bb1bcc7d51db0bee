// The content kaava ships: the VET reference architecture and the examples
// validate clean, and have the shape the issue asks for.

#include "catch.h"

#include <fmt/format.h>

#include "test_support.h"

using namespace kaava;

namespace {

using test::Loaded;

std::unique_ptr<Loaded> load(const std::string& relative) {
  auto out = test::load_path(fmt::format("{}/{}", KAAVA_SOURCE_DIR, relative));
  REQUIRE(out->ok);
  return out;
}

const Element& element(const Loaded& l, std::string_view id) {
  const std::uint32_t i = l.ws.model.find(id);
  INFO(id);
  REQUIRE(i != kNone);
  return l.ws.model.element(i);
}

std::string_view type_of(const Loaded& l, std::string_view id) {
  return l.ws.metamodel.element_types[element(l, id).type].id;
}

}  // namespace

TEST_CASE("the VET reference architecture validates without findings", "[content]") {
  auto ref = load("models/vet-reference");
  INFO(ref->listing());
  CHECK(ref->report.diagnostics.empty());
  CHECK(ref->ws.config.id_namespace == "vet");
  for (const Element& e : ref->ws.model.elements()) {
    INFO(e.id);
    CHECK(e.id.starts_with("vet."));
    for (const char* lang : {"fi", "sv", "en"}) CHECK_FALSE(e.name.get(lang).empty());
    for (const char* lang : {"fi", "en"}) {
      CHECK(std::ranges::any_of(e.description.texts, [&](const auto& t) { return t.first == lang; }));
    }
  }
}

TEST_CASE("the reference has the capability map, learner path and national services", "[content]") {
  auto ref = load("models/vet-reference");
  const Model& m = ref->ws.model;
  // About eight top-level capabilities with three to seven children each
  // (working life has apprenticeships and labour-market training too).
  std::size_t top = 0;
  for (std::uint32_t i = 0; i < m.elements().size(); ++i) {
    const Element& e = m.element(i);
    if (!e.id.starts_with("vet.cap.") || e.parent != kNone || type_of(*ref, e.id) != "capability") continue;
    ++top;
    std::size_t children = 0;
    for (const Element& c : m.elements()) children += c.parent == i ? 1 : 0;
    INFO(e.id);
    CHECK(children >= 3);
    CHECK(children <= 7);
  }
  CHECK(top == 8);
  CHECK(type_of(*ref, "vet.learner-path") == "value-stream");
  for (const char* stage : {"vet.path.applying", "vet.path.planning", "vet.path.acquiring", "vet.path.demonstrating",
                            "vet.path.achieving", "vet.path.utilising"}) {
    CHECK(type_of(*ref, stage) == "learner-path-stage");
  }
  for (const char* reg : {"vet.koski", "vet.ehoks", "vet.onr", "vet.virta"}) CHECK(type_of(*ref, reg) == "register");
  for (const char* sys : {"vet.eperusteet", "vet.amosaa", "vet.opintopolku", "vet.oma-opintopolku", "vet.valpas",
                          "vet.arvo", "vet.vipunen", "vet.organisaatiopalvelu", "vet.koodistopalvelu", "vet.otuva",
                          "vet.suomifi", "vet.oiva", "vet.tutu"}) {
    element(*ref, sys);
  }
  for (const char* data : {"vet.data.opiskeluoikeus", "vet.data.hoks", "vet.data.suoritus", "vet.data.peruste"}) {
    element(*ref, data);
  }
  CHECK(m.views().size() >= 3);
}

TEST_CASE("the examples validate without findings of any severity", "[content]") {
  struct Example {
    const char* path;
    std::size_t min_elements;
  };
  for (const Example& ex : {Example{"examples/minimal", 4}, Example{"examples/esimerkkiopisto", 150},
                            Example{"examples/oppimisanalytiikka", 60}}) {
    INFO(ex.path);
    auto loaded = load(ex.path);
    INFO(loaded->listing());
    CHECK(loaded->report.diagnostics.empty());
    CHECK(loaded->report.elements >= ex.min_elements);
  }
}
