#include "catch.h"

#include <array>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "metamodel/describe.h"
#include "metamodel/metamodel_loader.h"
#include "metamodel/words.h"
#include "test_support.h"

using namespace kaava;

namespace {

/// "ApplicationComponent" -> "application-component".
std::string kebab(const std::string& camel) {
  std::string out;
  for (char c : camel) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) out += '-';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, sep)) out.push_back(item);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

/// Loads a metamodel written as text, with the built-in ones available.
struct LoadedMetamodel {
  SourceFiles files;
  Diagnostics diagnostics;
  Metamodel mm;
  bool ok = false;
  std::string listing() const {
    std::string out;
    for (const Diagnostic& d : diagnostics.items()) {
      out +=
          files[d.at.file == kNoFile ? 0 : d.at.file].path + ":" + std::to_string(d.at.line) + ": " + d.message + "\n";
    }
    return out;
  }
};

std::unique_ptr<LoadedMetamodel> load_text(const std::string& text) {
  MemorySource memory;
  memory.add("mm.yaml", text);
  auto out = std::make_unique<LoadedMetamodel>();
  std::string error;
  out->ok = load_metamodel(memory, "mm.yaml", memory.root(), out->files, out->diagnostics, out->mm, &error);
  return out;
}

}  // namespace

TEST_CASE("the built-in metamodels load without findings", "[metamodel]") {
  for (const char* name : {"archimate", "vet"}) {
    SourceFiles files;
    Diagnostics diagnostics;
    Metamodel mm;
    std::string error;
    INFO(name);
    CHECK(load_metamodel(MemorySource(), name, ".", files, diagnostics, mm, &error));
    CHECK(diagnostics.empty());
  }
}

TEST_CASE("archimate has every ArchiMate 3.2 element type, by layer, with fi/sv/en labels", "[metamodel]") {
  const Metamodel& mm = builtin_metamodel("archimate");
  CHECK(mm.element_types.size() == 63);  // 60 element types, the junction, and its and/or kinds
  CHECK(mm.junction == mm.find_type("junction"));
  CHECK(mm.is_junction(mm.find_type("or-junction")));
  CHECK(mm.element_types[mm.find_type("and-junction")].base == mm.junction);
  CHECK_FALSE(mm.is_junction(mm.find_type("grouping")));
  CHECK(mm.relationship_types.size() == 11);
  CHECK(mm.layers.size() == 8);
  for (const ElementType& t : mm.element_types) {
    INFO(t.id);
    for (const char* lang : {"fi", "sv", "en"}) {
      const auto it = std::ranges::find_if(t.label.texts, [&](const auto& p) { return p.first == lang; });
      CHECK(it != t.label.texts.end());
    }
  }
  CHECK(mm.element_types[mm.find_type("capability")].layer == mm.find_layer("strategy"));
  CHECK(mm.element_types[mm.find_type("data-object")].layer == mm.find_layer("application"));
  CHECK(mm.element_types[mm.find_type("work-package")].layer == mm.find_layer("implementation-migration"));
  const char* verbs[] = {"composes",   "aggregates", "assigned-to", "realizes",    "serves",         "accesses",
                         "influences", "triggers",   "flows-to",    "specializes", "associated-with"};
  for (const char* verb : verbs) CHECK(mm.find_verb(verb) != kNoRelationship);
}

TEST_CASE("the relationship table agrees with ArchiMate 3.2 Appendix B (relationships.csv)", "[metamodel]") {
  std::ifstream in(std::string(KAAVA_SOURCE_DIR) + "/tests/fixtures/archimate/relationships.csv");
  REQUIRE(in);
  const Metamodel& mm = builtin_metamodel("vet");
  std::string line;
  std::getline(in, line);
  REQUIRE(line == "source_type,target_type,allowed_relationships");
  std::size_t rows = 0, allowed = 0, forbidden = 0, mismatches = 0;
  std::set<std::string> concepts;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto cols = split(line, ',');
    REQUIRE(cols.size() == 3);
    ++rows;
    const std::string source = kebab(cols[0]), target = kebab(cols[1]);
    concepts.insert(source);
    std::set<std::string> expected;
    if (!cols[2].empty()) {
      for (const std::string& r : split(cols[2], ';')) expected.insert(r);
    }
    for (std::size_t r = 0; r < mm.relationship_types.size(); ++r) {
      if (mm.relationship_types[r].base != kNoRelationship) continue;  // specializations follow their base
      const auto rel = static_cast<RelationshipIndex>(r);
      bool actual;
      if (source == "relationship" && target == "relationship") {
        continue;  // relationship-to-relationship is checked by the two cases below
      } else if (source == "relationship") {
        actual = (mm.allowed_from_relationship(mm.find_type(target)) >> r) & 1U;
      } else if (target == "relationship") {
        actual = (mm.allowed_to_relationship(mm.find_type(source)) >> r) & 1U;
      } else {
        REQUIRE(mm.find_type(source) != kNoType);
        REQUIRE(mm.find_type(target) != kNoType);
        actual = mm.is_allowed(mm.find_type(source), rel, mm.find_type(target));
      }
      const bool want = expected.contains(mm.relationship_types[r].id);
      (want ? allowed : forbidden)++;
      if (actual != want) {
        ++mismatches;
        UNSCOPED_INFO(source << " " << mm.relationship_types[r].id << " " << target << ": metamodel says "
                             << (actual ? "allowed" : "forbidden"));
      }
    }
  }
  CHECK(rows == 3844);
  CHECK(concepts.size() == 62);
  CHECK(allowed > 10000);
  CHECK(forbidden > 10000);
  CHECK(mismatches == 0);
}

TEST_CASE("specializations inherit their base's relationships and properties", "[metamodel]") {
  const Metamodel& mm = builtin_metamodel("vet");
  const TypeIndex ns = mm.find_type("national-service");
  const TypeIndex as = mm.find_type("application-service");
  REQUIRE(ns != kNoType);
  CHECK(mm.element_types[ns].base == as);
  CHECK(mm.element_types[ns].layer == mm.element_types[as].layer);
  for (std::size_t t = 0; t < mm.element_types.size(); ++t) {
    CHECK(mm.allowed(ns, static_cast<TypeIndex>(t)) == mm.allowed(as, static_cast<TypeIndex>(t)));
    CHECK(mm.allowed(static_cast<TypeIndex>(t), ns) == mm.allowed(static_cast<TypeIndex>(t), as));
  }
  const auto provider = static_cast<std::uint16_t>(mm.find_property("provider"));
  const auto lifecycle = static_cast<std::uint16_t>(mm.find_property("lifecycle"));
  REQUIRE(mm.property_use(ns, provider) != nullptr);
  CHECK(mm.property_use(ns, provider)->required);
  REQUIRE(mm.property_use(ns, lifecycle) != nullptr);
  CHECK_FALSE(mm.property_use(ns, lifecycle)->required);
  CHECK(mm.property_use(as, provider) == nullptr);
}

TEST_CASE("a user metamodel extends a built-in one", "[metamodel]") {
  auto loaded = load_text(R"(metamodel: mine
extends: vet
properties:
  - id: cost
    type: number
element-types:
  - id: lms
    base: application-component
    label: { fi: Oppimisympäristö, en: Learning management system }
    properties: { cost: required }
  - id: course-lms
    base: lms
)");
  INFO(loaded->listing());
  REQUIRE(loaded->ok);
  const Metamodel& mm = loaded->mm;
  const TypeIndex course = mm.find_type("course-lms");
  REQUIRE(course != kNoType);
  CHECK(mm.element_types[course].root == mm.find_type("application-component"));
  const auto cost = static_cast<std::uint16_t>(mm.find_property("cost"));
  REQUIRE(mm.property_use(course, cost) != nullptr);
  CHECK(mm.property_use(course, cost)->required);
  CHECK(mm.sources == std::vector<std::string>{"archimate", "vet", "mine"});
}

TEST_CASE("mistakes in a metamodel file are reported", "[metamodel]") {
  auto loaded = load_text(R"(metamodel: broken
extends: vet
element-types:
  - id: x
    base: aplication-component
  - id: y
    layer: business
    base: goal
  - id: national-service
    base: goal
properties:
  - id: p
    type: strnig
relationship-types:
  - id: extra
    verb: extras
    code: x
)");
  CHECK_FALSE(loaded->ok);
  const std::string listing = loaded->listing();
  INFO(listing);
  CHECK(listing.find("unknown base type 'aplication-component' (did you mean 'application-component'?)") !=
        std::string::npos);
  CHECK(listing.find("needs either 'layer'") != std::string::npos);
  CHECK(listing.find("element type 'national-service' is defined twice") != std::string::npos);
  CHECK(listing.find("unknown property type 'strnig'") != std::string::npos);
  CHECK(listing.find("can only add specializations") != std::string::npos);
  CHECK(listing.find("needs an 'id'") == std::string::npos);  // no follow-on noise
  CHECK(listing.find("no column for") == std::string::npos);
}

TEST_CASE("relationship attributes: defaults, value labels, inheritance and mistakes", "[metamodel]") {
  auto loaded = load_text(R"(metamodel: attrs
extends: vet
relationship-types:
  - id: data-access
    base: access
    verb: uses-data
  - id: weighted
    base: influence
    verb: weighs
    attributes:
      - id: weight
        type: number
      - id: from
        type: string
      - id: level
        type: enum
        values: [low, high]
        default: medium
        value-labels: { hihg: { en: High } }
)");
  const std::string listing = loaded->listing();
  INFO(listing);
  CHECK(listing.find("'from' is a key every relationship has") != std::string::npos);
  CHECK(listing.find("the default 'medium' of relationship attribute 'level' is not one of its values") !=
        std::string::npos);
  CHECK(listing.find("'hihg' is not one of the values of relationship attribute 'level' (did you mean 'high'?)") !=
        std::string::npos);
  const Metamodel& mm = loaded->mm;
  const RelationshipIndex access = mm.find_relationship("access");
  REQUIRE(access != kNoRelationship);
  const PropertyDefinition* type = mm.relationship_types[access].attribute("access");
  REQUIRE(type != nullptr);
  CHECK(type->default_value == "access");
  CHECK(type->values == std::vector<std::string>{"access", "read", "write", "readwrite"});
  CHECK(type->value_label("readwrite", "fi") == "luku ja kirjoitus");
  CHECK(type->value_label("readwrite", "sv") == "läsning och skrivning");
  CHECK(type->value_label("nothing", "fi") == "nothing");
  // A specialization has its base's attributes, and its own after them.
  const RelationshipIndex data = mm.find_relationship("data-access");
  REQUIRE(data != kNoRelationship);
  CHECK(mm.relationship_types[data].attribute("access") != nullptr);
  const RelationshipIndex weighted = mm.find_relationship("weighted");
  REQUIRE(weighted != kNoRelationship);
  REQUIRE(mm.relationship_types[weighted].attributes.size() == 3);
  CHECK(mm.relationship_types[weighted].attributes[0].id == "strength");
  CHECK(mm.relationship_types[weighted].attributes[1].id == "weight");
  CHECK(mm.relationship_types[mm.find_relationship("association")].attribute("directed")->default_value == "false");
  CHECK(mm.relationship_types[mm.find_relationship("serving")].attributes.empty());
}

TEST_CASE("a broken relationship table is reported", "[metamodel]") {
  auto loaded = load_text(R"(metamodel: tiny
layers: [{ id: l }]
relationship-types:
  - { id: association, verb: associated-with, code: o }
element-types:
  - { id: a, layer: l }
  - { id: b, layer: l }
relationship-table:
  columns: [a, b, relationship]
  rows:
    a: "o o"
    b: "o q o"
)");
  CHECK_FALSE(loaded->ok);
  const std::string listing = loaded->listing();
  INFO(listing);
  CHECK(listing.find("row 'a' has 2 cells; the table has 3 columns") != std::string::npos);
  CHECK(listing.find("no relationship type has code 'q'") != std::string::npos);
  CHECK(listing.find("no row for 'relationship'") != std::string::npos);
}

TEST_CASE("an unknown metamodel name is an error with a suggestion", "[metamodel]") {
  SourceFiles files;
  Diagnostics diagnostics;
  Metamodel mm;
  std::string error;
  CHECK_FALSE(load_metamodel(MemorySource(), "vte", ".", files, diagnostics, mm, &error));
  CHECK(error.find("did you mean 'vet'?") != std::string::npos);
}

TEST_CASE("every VET type belongs to a JHS 179 view", "[metamodel][vet]") {
  const Metamodel& mm = builtin_metamodel("vet");
  const std::int32_t jhs = mm.find_classification("jhs179");
  REQUIRE(jhs >= 0);
  const Classification& c = mm.classifications[static_cast<std::size_t>(jhs)];
  auto view_of = [&](const char* type) {
    const TypeIndex t = mm.find_type(type);
    REQUIRE(t != kNoType);
    REQUIRE(mm.element_types[t].classes[static_cast<std::size_t>(jhs)] != kNoValue);
    return c.values[mm.element_types[t].classes[static_cast<std::size_t>(jhs)]].id;
  };
  for (const ElementType& t : mm.element_types) {
    INFO(t.id);
    CHECK(t.classes.at(static_cast<std::size_t>(jhs)) != kNoValue);
  }
  CHECK(view_of("capability") == "periaatteet");
  CHECK(view_of("goal") == "periaatteet");
  CHECK(view_of("business-process") == "toiminta");
  CHECK(view_of("data-object") == "tieto");
  CHECK(view_of("business-object") == "tieto");
  CHECK(view_of("application-component") == "tietojarjestelmat");
  CHECK(view_of("register") == "tietojarjestelmat");  // through its base
  CHECK(view_of("node") == "teknologia");
  CHECK(view_of("work-package") == "toimeenpano");
}

TEST_CASE("the VET profile's specializations, properties and rules", "[metamodel][vet]") {
  const Metamodel& mm = builtin_metamodel("vet");
  for (const char* type : {"national-service", "register", "learner-path-stage", "student-facing-service",
                           "learning-environment", "provider-capability", "legal-requirement"}) {
    INFO(type);
    const TypeIndex t = mm.find_type(type);
    REQUIRE(t != kNoType);
    CHECK(mm.element_types[t].base != kNoType);
    for (const char* lang : {"fi", "sv", "en"}) {
      CHECK(std::ranges::any_of(mm.element_types[t].label.texts, [&](const auto& p) { return p.first == lang; }));
    }
  }
  const RelationshipIndex integration = mm.find_relationship("integration");
  REQUIRE(integration != kNoRelationship);
  CHECK(mm.relationship_types[integration].root == mm.find_relationship("flow"));
  CHECK(mm.find_verb("sends-to") == integration);
  CHECK(mm.requirements.size() == 3);  // personal data, confidential data, flows to registers
  CHECK(mm.lifecycle.property == mm.find_property("lifecycle"));
  // A profile adds properties to a layer it did not define.
  const auto sla = static_cast<std::uint16_t>(mm.find_property("sla"));
  CHECK(mm.property_use(mm.find_type("application-component"), sla) != nullptr);
  CHECK(mm.property_use(mm.find_type("business-actor"), sla) == nullptr);
  for (const char* p : {"lifecycle", "owner", "criticality", "personal-data", "data-classification", "legal-basis",
                        "retention", "sla", "vendor", "hosting"}) {
    CHECK(mm.find_property(p) >= 0);
  }
}

TEST_CASE("VET specializations are described in Finnish, Swedish and English", "[metamodel][vet]") {
  const Metamodel& mm = builtin_metamodel("vet");
  auto has_all = [](const Label& l) {
    return std::ranges::all_of(std::array{"fi", "sv", "en"}, [&](const char* lang) {
      return std::ranges::any_of(l.texts, [&](const auto& t) { return t.first == lang && !t.second.empty(); });
    });
  };
  for (const ElementType& t : mm.element_types) {
    if (t.metamodel != "vet") continue;
    INFO(t.id);
    CHECK(has_all(t.label));
    CHECK(has_all(t.description));
  }
  for (const RelationshipType& r : mm.relationship_types) {
    if (r.metamodel != "vet") continue;
    INFO(r.id);
    CHECK(has_all(r.label));
    CHECK(has_all(r.description));
  }
}

TEST_CASE("the relationship table's masks hold every base type, wherever it is listed", "[metamodel]") {
  // Forty specializations before the second base type: its index is 41,
  // past a 32-bit mask, yet its bit is its place among the base types.
  std::string text =
      "metamodel: wide\nlayers: [{ id: l }]\nrelationship-types:\n"
      "  - { id: association, verb: associated-with, code: o }\n";
  for (int i = 0; i < 40; ++i) text += fmt::format("  - {{ id: assoc-{0}, verb: assoc-{0}, base: association }}\n", i);
  text +=
      "  - { id: flow, verb: flows-to, code: f }\n"
      "  - { id: data-flow, verb: sends-data-to, base: flow }\n"
      "element-types:\n  - { id: a, layer: l }\n  - { id: b, layer: l }\n"
      "relationship-table:\n  columns: [a, b, relationship]\n  rows:\n    a: \"o f o\"\n    b: \"o o -\"\n"
      "    relationship: \"o o -\"\n";
  auto loaded = load_text(text);
  INFO(loaded->listing());
  REQUIRE(loaded->ok);
  const Metamodel& mm = loaded->mm;
  const TypeIndex a = mm.find_type("a"), b = mm.find_type("b");
  const RelationshipIndex flow = mm.find_relationship("flow"), data_flow = mm.find_relationship("data-flow");
  REQUIRE(flow == 41);
  CHECK(mm.relationship_types[flow].bit == 1);
  CHECK(mm.relationship_types[data_flow].bit == 1);
  CHECK(mm.is_allowed(a, flow, b));
  CHECK(mm.is_allowed(a, data_flow, b));
  CHECK_FALSE(mm.is_allowed(b, flow, a));
  CHECK(mm.is_allowed(b, mm.find_relationship("assoc-39"), a));
  CHECK_FALSE(mm.is_allowed(a, mm.find_relationship("association"), b));
}

TEST_CASE("relationship codes are unique and verbs keep clear of element keys", "[metamodel]") {
  auto loaded = load_text(R"(metamodel: clash
layers: [{ id: l }]
relationship-types:
  - { id: association, verb: associated-with, code: o }
  - { id: other, verb: others, code: o }
  - { id: quiet, verb: suppress, code: q }
element-types:
  - { id: a, layer: l }
relationship-table:
  columns: [a, relationship]
  rows:
    a: "o -"
    relationship: "- -"
)");
  CHECK_FALSE(loaded->ok);
  const std::string listing = loaded->listing();
  INFO(listing);
  CHECK(listing.find("code 'o' is already relationship type 'association''s") != std::string::npos);
  CHECK(listing.find("needs either 'code'") == std::string::npos);  // no follow-on noise
  CHECK(listing.find("relationship verb 'suppress' is a reserved element key") != std::string::npos);
}

TEST_CASE("kaava's own words are in every language, with the same placeholders", "[metamodel][words]") {
  const Words& words = builtin_words();
  CHECK(words.problems.empty());
  REQUIRE_FALSE(words.entries.empty());
  auto placeholders = [](std::string_view s) {
    std::size_t n = 0;
    for (std::size_t at = s.find("{}"); at != std::string_view::npos; at = s.find("{}", at + 2)) ++n;
    return n;
  };
  for (const auto& [key, label] : words.entries) {
    INFO(key);
    std::vector<std::size_t> counts;
    for (const char* lang : {"fi", "sv", "en"}) {
      const auto it = std::ranges::find_if(label.texts, [&](const auto& p) { return p.first == lang; });
      REQUIRE(it != label.texts.end());
      counts.push_back(placeholders(it->second));
    }
    CHECK(counts[0] == counts[2]);
    CHECK(counts[1] == counts[2]);
  }
}

TEST_CASE("kaava metamodel explains every type, relationship and viewpoint in each language", "[metamodel][words]") {
  const Metamodel& mm = builtin_metamodel("vet");
  for (const char* lang : {"fi", "sv", "en"}) {
    INFO(lang);
    std::string all = metamodel_text(mm, lang);
    for (std::size_t t = 0; t < mm.element_types.size(); ++t) all += type_text(mm, static_cast<TypeIndex>(t), lang);
    for (std::size_t r = 0; r < mm.relationship_types.size(); ++r) {
      all += relationship_text(mm, static_cast<RelationshipIndex>(r), lang);
    }
    for (std::size_t v = 0; v < mm.viewpoints.size(); ++v) all += viewpoint_text(mm, v, lang);
    CHECK(all.find("metamodel.") == std::string::npos);  // a key with no entry prints itself
    CHECK(all.find("{}") == std::string::npos);
  }
  CHECK(relationship_text(mm, mm.find_relationship("access"), "fi").find("Attribuutit") != std::string::npos);
  CHECK(relationship_text(mm, mm.find_relationship("access"), "sv").find("standard access") != std::string::npos);
  CHECK(type_text(mm, mm.find_type("goal"), "en").find("Outgoing: goal VERB target") != std::string::npos);
}
