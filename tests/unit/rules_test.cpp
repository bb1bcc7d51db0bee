// Every rule: a case that triggers it (rule id, file, line and column) and
// a case that does not.

#include "catch.h"

#include "test_support.h"

using kaava::Rule;
using kaava::Severity;
using kaava::test::validate_files;
using kaava::test::validate_text;

namespace {

/// Asserts exactly one finding of `rule`, at line:column of model/input.yaml.
void expect_one(const kaava::test::Run& run, Rule rule, std::uint32_t line, std::uint32_t column) {
  INFO(run.listing());
  const auto found = run.of(rule);
  REQUIRE(found.size() == 1);
  CHECK(run.file(*found[0]) == "model/input.yaml");
  CHECK(found[0]->at.line == line);
  CHECK(run.column(*found[0]) == column);
}

void expect_none(const kaava::test::Run& run, Rule rule) {
  INFO(run.listing());
  CHECK(run.of(rule).empty());
}

constexpr const char* k_valid = R"(elements:
  - id: sis
    type: application-component
    name: { fi: Opiskelijahallinto, en: Student information system }
    description: Holds study rights.
    realizes: [cap.hoks]
  - id: cap.hoks
    type: capability
    name: HOKS
    description: Personal plans.
)";

}  // namespace

TEST_CASE("a valid model has no findings", "[rules]") {
  auto run = validate_text(k_valid);
  INFO(run->listing());
  CHECK(run->report.diagnostics.empty());
}

TEST_CASE("yaml-syntax", "[rules]") {
  auto bad = validate_files({{"model/a.yaml", "elements:\n  - id: x\n    name: [a, b\n"},
                             {"model/b.yaml", "elements:\n  - id: y\n    type: goal\n    name: Y\n"}});
  INFO(bad->listing());
  const auto found = bad->of(Rule::yaml_syntax);
  REQUIRE(found.size() == 1);
  CHECK(bad->file(*found[0]) == "model/a.yaml");
  // Found at the end of the file; shown after the last thing written.
  CHECK(found[0]->at.line == 3);
  CHECK(bad->column(*found[0]) == 16);
  // The other file is still read and checked.
  CHECK(bad->ws.model.find("y") != kaava::kNone);
  CHECK(bad->of(Rule::orphan_element).size() == 1);

  SECTION("a tab in the indentation") {
    auto run = validate_text("elements:\n\t- id: x\n");
    expect_one(*run, Rule::yaml_syntax, 2, 1);
  }
  SECTION("a bare '-' as a value, which YAML reads as a list") {
    auto run = validate_text("elements:\n  - { id: d, type: driver, name: D, influences: [{ to: g, strength: - }] }\n");
    expect_one(*run, Rule::yaml_syntax, 2, 69);
    CHECK(run->of(Rule::yaml_syntax)[0]->message.find("write \"-\" (quoted)") != std::string::npos);
  }
  SECTION("duplicate keys are reported and the first one kept") {
    auto run = validate_text("elements:\n  - id: x\n    type: goal\n    name: A\n    name: B\n    description: d\n");
    expect_one(*run, Rule::yaml_syntax, 5, 5);
    CHECK(run->ws.model.element(0).name.get("") == "A");
  }
  SECTION("invalid UTF-8, with its byte offset") {
    auto run = validate_text("elements:\n  - id: x\n    name: \xff\xfe\n");
    expect_one(*run, Rule::yaml_syntax, 3, 11);
    CHECK(run->of(Rule::yaml_syntax)[0]->message.find("byte offset 30") != std::string::npos);
  }
  expect_none(*validate_text(k_valid), Rule::yaml_syntax);
}

TEST_CASE("unknown-key", "[rules]") {
  auto run = validate_text(R"(elements:
  - id: x
    type: goal
    nmae: X
)");
  expect_one(*run, Rule::unknown_key, 4, 5);
  CHECK(run->of(Rule::unknown_key)[0]->message == "unknown key 'nmae' in an element (did you mean 'name'?)");

  SECTION("a misspelt verb") {
    auto verb = validate_text("elements:\n  - id: x\n    type: goal\n    name: X\n    realises: [y]\n");
    expect_one(*verb, Rule::unknown_key, 5, 5);
    CHECK(verb->of(Rule::unknown_key)[0]->message.find("did you mean 'realizes'?") != std::string::npos);
  }
  SECTION("a top-level key") { expect_one(*validate_text("element:\n  - id: x\n"), Rule::unknown_key, 1, 1); }
  SECTION("a language that the repository does not use") {
    auto lang = validate_text("elements:\n  - id: x\n    type: goal\n    name: { fi: X, de: Y }\n");
    expect_one(*lang, Rule::unknown_key, 4, 20);
  }
  expect_none(*validate_text(k_valid), Rule::unknown_key);
}

TEST_CASE("unknown-type", "[rules]") {
  auto run = validate_text(R"(elements:
  - id: sis
    type: aplication-component
    name: SIS
)");
  expect_one(*run, Rule::unknown_type, 3, 5);
  const auto& d = *run->of(Rule::unknown_type)[0];
  CHECK(d.message ==
        "unknown element type 'aplication-component' (did you mean 'application-component'?); its relationships "
        "are checked as if it were application-component");
  CHECK(d.element == "sis");
  CHECK(d.mark.column == 11);

  SECTION("its relationships are checked as the closest type's, or said to be unchecked") {
    auto guessed = validate_text(
        "elements:\n  - { id: g, type: gaol, name: G, realizes: [c] }\n"
        "  - { id: c, type: application-component, name: C }\n"
        "  - { id: f, type: foo, name: F, realizes: [c] }\n");
    expect_one(*guessed, Rule::relationship_not_allowed, 2, 46);
    CHECK(guessed->of(Rule::relationship_not_allowed)[0]->message.find("(reading 'g' as goal, the closest type)") !=
          std::string::npos);
    const auto unknown = guessed->of(Rule::unknown_type);
    REQUIRE(unknown.size() == 2);
    CHECK(unknown[1]->message.find("its relationships are not checked until it has one") != std::string::npos);
  }
  SECTION("a relationship type written as its verb") {
    auto rel =
        validate_text(std::string(k_valid) + "relationships:\n  - type: flows-to\n    from: sis\n    to: cap.hoks\n");
    expect_one(*rel, Rule::unknown_type, 12, 5);
    CHECK(rel->of(Rule::unknown_type)[0]->message.find("did you mean 'flow'?") != std::string::npos);
  }
  SECTION("an element type written as its Finnish or Swedish label") {
    for (const char* label : {"sovelluskomponentti", "Applikationskomponent"}) {
      auto named = validate_text(std::string("elements:\n  - { id: x, type: ") + label + ", name: X }\n");
      REQUIRE(named->of(Rule::unknown_type).size() == 1);
      CHECK(named->of(Rule::unknown_type)[0]->message.find("(did you mean 'application-component'?)") !=
            std::string::npos);
    }
  }
  SECTION("an element type in CamelCase") {
    auto camel = validate_text("elements:\n  - id: x\n    type: BusinessActor\n    name: X\n");
    CHECK(camel->of(Rule::unknown_type)[0]->message.find("did you mean 'business-actor'?") != std::string::npos);
  }
  expect_none(*validate_text(k_valid), Rule::unknown_type);
}

TEST_CASE("invalid-id", "[rules]") {
  auto run = validate_text("elements:\n  - id: Student_IS\n    type: goal\n    name: X\n");
  expect_one(*run, Rule::invalid_id, 2, 5);
  // Finnish and Swedish letters are lower-case letters, but not ASCII: the message says so and transliterates.
  auto finnish = validate_text("elements:\n  - { id: app.työpaikka, type: goal, name: X }\n");
  REQUIRE(finnish->of(Rule::invalid_id).size() == 1);
  CHECK(finnish->of(Rule::invalid_id)[0]->message ==
        "invalid id 'app.työpaikka': ids are ASCII: a-z, 0-9, '.', '_' and '-', starting with a letter or digit "
        "(did you mean 'app.tyopaikka'?)");
  // References written with the suggested id keep their relationship: one mistake, one finding.
  auto referred = validate_text(
      "elements:\n  - { id: app.työelämä, type: application-component, name: T, description: d }\n"
      "  - { id: app.x, type: application-component, name: X, description: d, serves: [app.tyoelama] }\n");
  INFO(referred->listing());
  CHECK(referred->report.diagnostics.size() == 1);
  CHECK(referred->ws.model.relationships().size() == 1);
  CHECK(referred->ws.model.relationships()[0].target.index == 0);
  // The other way round: a reference with ä to an ASCII id suggests it.
  auto reverse = validate_text(
      "elements:\n  - { id: app.tyoelama, type: application-component, name: T, description: d }\n"
      "  - { id: app.x, type: application-component, name: X, description: d, serves: [app.työelämä] }\n");
  REQUIRE(reverse->of(Rule::dangling_reference).size() == 1);
  CHECK(reverse->of(Rule::dangling_reference)[0]->message.find("(did you mean 'app.tyoelama'?)") != std::string::npos);
  for (const char* ok : {"a", "0", "cap.hoks", "vet.koski-api_v2"}) {
    expect_none(*validate_text(std::string("elements:\n  - id: ") + ok + "\n    type: goal\n    name: X\n"),
                Rule::invalid_id);
  }
  for (const char* bad : {"-a", ".a", "a b", "\"\"", "ä"}) {
    INFO(bad);
    CHECK(validate_text(std::string("elements:\n  - id: ") + bad + "\n    type: goal\n    name: X\n")
                  ->of(Rule::invalid_id)
                  .size() +
              validate_text(std::string("elements:\n  - id: ") + bad + "\n    type: goal\n    name: X\n")
                  ->of(Rule::invalid_structure)
                  .size() >=
          1);
  }
}

TEST_CASE("duplicate-id", "[rules]") {
  auto run = validate_files({{"model/a.yaml", "elements:\n  - id: x\n    type: goal\n    name: A\n"},
                             {"model/input.yaml", "elements:\n  - type: goal\n    id: x\n    name: B\n"}});
  expect_one(*run, Rule::duplicate_id, 3, 5);
  const auto& d = *run->of(Rule::duplicate_id)[0];
  // Both places: the message names the first, and a note points at it.
  CHECK(d.message == "duplicate element id 'x' (first defined at model/a.yaml:2:5)");
  REQUIRE(d.notes.size() == 1);
  CHECK(run->ws.files[d.notes[0].at.file].path == "model/a.yaml");
  CHECK(d.notes[0].at.line == 2);

  SECTION("views") {
    auto views = validate_text("views:\n  - id: v\n    name: V\n  - id: v\n    name: W\n");
    expect_one(*views, Rule::duplicate_id, 4, 5);
  }
  expect_none(*validate_text(k_valid), Rule::duplicate_id);
}

TEST_CASE("a relationship may end at another relationship, as ArchiMate's table allows", "[rules]") {
  const std::string model = R"(elements:
  - { id: app, type: application-component, name: A, description: d }
  - { id: data, type: data-object, name: D, description: d }
  - { id: note, type: meaning, name: M, description: d }
  - { id: box, type: grouping, name: G, description: d }
relationships:
  - { id: r.access, type: access, from: app, to: data, access: read }
)";
  // An association to a relationship, and a grouping's aggregation of one: allowed, not dangling.
  auto ok = validate_text(model + "  - { type: association, from: note, to: r.access }\n"
                                  "  - { type: aggregation, from: box, to: r.access }\n");
  expect_none(*ok, Rule::dangling_reference);
  expect_none(*ok, Rule::relationship_not_allowed);
  CHECK(ok->ws.model.relationships()[1].target.relationship == 0);
  // Serving a relationship is not.
  auto bad = validate_text(model + "  - { type: serving, from: app, to: r.access }\n");
  expect_one(*bad, Rule::relationship_not_allowed, 8, 5);
  CHECK(bad->of(Rule::relationship_not_allowed)[0]->message ==
        "serving 'app:serving:r.access' from application-component 'app' to a relationship is not allowed; allowed: "
        "association");
}

TEST_CASE("dangling-reference", "[rules]") {
  auto run = validate_text(R"(elements:
  - id: sis
    type: application-component
    name: SIS
    realizes: [cap.hok]
  - id: cap.hoks
    type: capability
    name: HOKS
)");
  expect_one(*run, Rule::dangling_reference, 5, 16);
  CHECK(run->of(Rule::dangling_reference)[0]->message ==
        "the target of 'realizes' refers to 'cap.hok', which no element has (did you mean 'cap.hoks'?)");

  SECTION("in relationships:, reported at the key") {
    auto rel =
        validate_text(std::string(k_valid) + "relationships:\n  - type: association\n    from: sis\n    to: nope\n");
    expect_one(*rel, Rule::dangling_reference, 14, 5);
  }
  SECTION("a view's focus") {
    auto view = validate_text(std::string(k_valid) + "views:\n  - id: v\n    name: V\n    focus: nope\n");
    expect_one(*view, Rule::dangling_reference, 14, 5);
  }
  expect_none(*validate_text(k_valid), Rule::dangling_reference);
}

TEST_CASE("relationship-not-allowed", "[rules]") {
  auto run = validate_text(R"(elements:
  - id: sis
    type: application-component
    name: SIS
    serves: [hoks]
  - id: hoks
    type: capability
    name: HOKS
)");
  expect_one(*run, Rule::relationship_not_allowed, 5, 14);
  CHECK(run->of(Rule::relationship_not_allowed)[0]->message ==
        "application-component 'sis' serves capability 'hoks' is not allowed; allowed from "
        "application-component to capability: realizes, associated-with");

  SECTION("a relationship whose reverse is allowed says so") {
    for (const auto& [yaml, reverse] : std::vector<std::pair<std::string, std::string>>{
             {"  - { id: d, type: data-object, name: D, accesses: [c] }\n"
              "  - { id: c, type: application-component, name: C }\n",
              "the reverse, application-component 'c' accesses data-object 'd', is allowed"},
             {"  - { id: p, type: business-process, name: P, assigned-to: [r] }\n"
              "  - { id: r, type: business-role, name: R }\n",
              "the reverse, business-role 'r' assigned-to business-process 'p', is allowed"},
             {"  - { id: k, type: capability, name: K, realizes: [l] }\n"
              "  - { id: l, type: learning-environment, name: L }\n",
              "the reverse, learning-environment 'l' realizes capability 'k', is allowed"}}) {
      auto r = validate_text("elements:\n" + yaml);
      INFO(r->listing());
      REQUIRE(r->of(Rule::relationship_not_allowed).size() == 1);
      CHECK(r->of(Rule::relationship_not_allowed)[0]->message.find(reverse) != std::string::npos);
    }
  }
  SECTION("declared relationships use verbs, with the type written") {
    auto rel = validate_text(R"(elements:
  - id: g
    type: goal
    name: G
  - id: a
    type: business-actor
    name: A
relationships:
  - type: triggering
    from: g
    to: a
)");
    expect_one(*rel, Rule::relationship_not_allowed, 9, 5);
    CHECK(rel->of(Rule::relationship_not_allowed)[0]->message ==
          "goal 'g' triggers (triggering) business-actor 'a' is not allowed; allowed from goal to business-actor: "
          "associated-with (association)");
  }
  SECTION("nesting composes") {
    auto nest = validate_text(R"(elements:
  - id: cap
    type: capability
    name: C
    children:
      - id: actor
        type: business-actor
        name: A
)");
    expect_one(*nest, Rule::relationship_not_allowed, 6, 9);
  }
  SECTION("specializations follow their base type") {
    auto spec = validate_text(R"(elements:
  - id: koski
    type: national-service
    name: KOSKI
    properties: { provider: OPH }
    serves: [sis]
  - id: sis
    type: application-component
    name: SIS
)");
    expect_none(*spec, Rule::relationship_not_allowed);
  }
  expect_none(*validate_text(k_valid), Rule::relationship_not_allowed);
}

TEST_CASE("missing-required-property", "[rules]") {
  auto run = validate_text("elements:\n  - id: koski\n    type: national-service\n    name: KOSKI\n");
  expect_one(*run, Rule::missing_required_property, 2, 5);
  CHECK(run->of(Rule::missing_required_property)[0]->message == "national-service 'koski' needs property 'provider'");
  expect_none(*validate_text("elements:\n  - id: koski\n    type: national-service\n    name: KOSKI\n"
                             "    properties: { provider: OPH }\n"),
              Rule::missing_required_property);
}

TEST_CASE("invalid-property-value", "[rules]") {
  auto run = validate_text(R"(elements:
  - id: sis
    type: application-component
    name: SIS
    properties:
      lifecycle: actve
)");
  expect_one(*run, Rule::invalid_property_value, 6, 7);
  CHECK(run->of(Rule::invalid_property_value)[0]->message.find("(did you mean 'active'?)") != std::string::npos);

  const char* bad[] = {"personal-data: yes", "url: koski.fi", "introduced: 2024-02-30", "criticality: huge"};
  for (const char* p : bad) {
    INFO(p);
    auto r = validate_text(std::string("elements:\n  - id: x\n    type: goal\n    name: X\n    properties:\n      ") +
                           p + "\n");
    CHECK(r->of(Rule::invalid_property_value).size() == 1);
  }
  const char* good[] = {"personal-data: true", "url: https://koski.opintopolku.fi/", "introduced: 2024-02-29",
                        "criticality: high", "free-form: anything"};
  for (const char* p : good) {
    INFO(p);
    expect_none(
        *validate_text(std::string("elements:\n  - id: x\n    type: goal\n    name: X\n    properties:\n      ") + p +
                       "\n"),
        Rule::invalid_property_value);
  }
}

TEST_CASE("relationship attributes are checked against their type", "[rules]") {
  auto run = validate_text(R"(elements:
  - id: p
    type: business-process
    name: P
    accesses:
      - { to: o, access: reed }
      - { to: o2, access: readwrite }
    serves:
      - { to: s, access: read }
    associated-with:
      - { to: s, directed: yes }
  - { id: o, type: business-object, name: O }
  - { id: o2, type: business-object, name: O2 }
  - { id: s, type: business-service, name: S }
  - { id: g, type: goal, name: G }
relationships:
  - { type: influence, from: p, to: g, strength: "+++" }
  - { type: influence, from: s, to: g, strength: "10" }
  - { type: influence, from: o, to: g, strength: [1] }
)");
  INFO(run->listing());
  const auto bad = run->of(Rule::invalid_property_value);
  REQUIRE(bad.size() == 3);
  CHECK(bad[0]->message ==
        "attribute 'access' of access 'p' accesses 'o' must be one of access, read, write, readwrite, not 'reed' (did "
        "you mean 'read'?)");
  CHECK(bad[0]->at.line == 6);
  CHECK(bad[0]->at.column == 18);  // at its key
  CHECK(bad[1]->message ==
        "attribute 'directed' of association 'p' associated-with 's' must be true or false, not 'yes' (did you mean "
        "'true'?)");
  CHECK(bad[2]->message.starts_with("attribute 'strength' of influence 'p' -> 'g' must be one of +, ++, -, --, 0,"));
  const auto unknown = run->of(Rule::unknown_key);
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0]->message == "'access' is an attribute of access relationships; serving relationships have none");
  CHECK(unknown[0]->at.line == 9);
  const auto shape = run->of(Rule::invalid_structure);
  REQUIRE(shape.size() == 1);
  CHECK(shape[0]->message == "attribute 'strength' takes a single value, not a list");
  // The attributes are kept on the relationship, and read with their defaults.
  const kaava::Relationship* readwrite = nullptr;
  const kaava::Relationship* plain = nullptr;
  for (const kaava::Relationship& r : run->ws.model.relationships()) {
    if (r.target.id == "o2") readwrite = &r;
    if (r.target.id == "o") plain = &r;
  }
  REQUIRE(readwrite != nullptr);
  CHECK(readwrite->attribute("access", "access") == "readwrite");
  REQUIRE(plain != nullptr);
  CHECK(plain->attribute("access", "access") == "reed");
  CHECK(plain->attribute("strength") == "");
}

TEST_CASE("junctions: one relationship type, and every path through them allowed", "[rules]") {
  // Good: flows and an integration (a flow) merge; a chain of two junctions.
  auto good = validate_text(R"(elements:
  - { id: a, type: application-component, name: A, flows-to: [j1] }
  - { id: b, type: application-component, name: B, sends-to: [j1] }
  - { id: j1, type: or-junction, flows-to: [j2] }
  - { id: j2, type: and-junction, flows-to: [c, d] }
  - { id: c, type: application-component, name: C }
  - { id: d, type: business-process, name: D }
)");
  INFO(good->listing());
  expect_none(*good, Rule::junction_mixed_types);
  expect_none(*good, Rule::junction_path_not_allowed);
  expect_none(*good, Rule::missing_name);  // a junction needs no name, nor a description
  for (const kaava::Diagnostic* d : good->of(Rule::missing_description))
    CHECK(d->element.find('j') == std::string::npos);

  // Bad: through a chain, an application component serves a capability;
  // reported once, at the relationship into the first junction.
  auto bad = validate_text(R"(elements:
  - { id: a, type: application-component, name: A, serves: [j1] }
  - { id: j1, type: junction, serves: [j2] }
  - { id: j2, type: junction, serves: [cap, p] }
  - { id: cap, type: capability, name: Cap }
  - { id: p, type: business-process, name: P }
)");
  INFO(bad->listing());
  const auto paths = bad->of(Rule::junction_path_not_allowed);
  REQUIRE(paths.size() == 1);
  CHECK(paths[0]->message ==
        "application-component 'a' serves capability 'cap' through junction 'j1', which is not allowed: serving is "
        "not allowed from application-component to capability");
  CHECK(paths[0]->at.line == 2);
  REQUIRE(paths[0]->notes.size() == 1);
  CHECK(paths[0]->notes[0].at.line == 4);  // where the path goes on to cap

  // Mixed: the type most relationships have is the junction's.
  auto mixed = validate_text(R"(elements:
  - { id: p1, type: business-process, name: P1, triggers: [j] }
  - { id: p2, type: business-process, name: P2, triggers: [j] }
  - { id: j, type: and-junction, triggers: [p3], flows-to: [p3] }
  - { id: p3, type: business-process, name: P3 }
)");
  INFO(mixed->listing());
  const auto found = mixed->of(Rule::junction_mixed_types);
  REQUIRE(found.size() == 1);
  CHECK(found[0]->message ==
        "the relationships that meet at and-junction 'j' are of different types (3 triggering, 1 flow); a junction "
        "joins relationships of one type (most here are triggering)");
  REQUIRE(found[0]->notes.size() == 1);
  CHECK(found[0]->notes[0].message == "flow 'j' flows-to 'p3'");
  expect_none(*mixed, Rule::junction_path_not_allowed);  // no path check while the type is unclear
}

TEST_CASE("missing-name", "[rules]") {
  auto run = validate_text("elements:\n  - id: x\n    type: goal\n");
  expect_one(*run, Rule::missing_name, 2, 5);
  expect_one(*validate_text("elements:\n  - id: x\n    type: goal\n    name: { fi: }\n"), Rule::missing_name, 2, 5);
  expect_one(*validate_text("views:\n  - id: v\n"), Rule::missing_name, 2, 5);
  expect_none(*validate_text(k_valid), Rule::missing_name);
}

TEST_CASE("composition-cycle", "[rules]") {
  auto run = validate_text(R"(elements:
  - id: a
    type: capability
    name: A
    children:
      - id: b
        type: capability
        name: B
        composes: [a]
)");
  expect_one(*run, Rule::composition_cycle, 9, 20);
  CHECK(run->of(Rule::composition_cycle)[0]->message ==
        "composition cycle: 'a' composes 'b' composes 'a'; an element cannot be part of itself");
  expect_one(*validate_text("elements:\n  - id: a\n    type: capability\n    name: A\n    composes: a\n"),
             Rule::composition_cycle, 5, 5);
  expect_none(*validate_text(k_valid), Rule::composition_cycle);
}

TEST_CASE("orphan-element", "[rules]") {
  auto run = validate_text("elements:\n  - id: lonely\n    type: goal\n    name: X\n");
  expect_one(*run, Rule::orphan_element, 2, 5);
  CHECK(run->of(Rule::orphan_element)[0]->severity == Severity::warning);
  expect_none(*validate_text(k_valid), Rule::orphan_element);
}

TEST_CASE("missing-description", "[rules]") {
  auto run = validate_text("elements:\n  - id: x\n    type: goal\n    name: X\n");
  expect_one(*run, Rule::missing_description, 2, 5);
  CHECK(run->of(Rule::missing_description)[0]->severity == Severity::info);
  expect_none(*validate_text(k_valid), Rule::missing_description);
}

TEST_CASE("invalid-structure", "[rules]") {
  expect_one(*validate_text("elements:\n  id: x\n"), Rule::invalid_structure, 1, 1);
  expect_one(*validate_text("elements:\n  - id: x\n    name: X\n"), Rule::invalid_structure, 2, 5);
  expect_one(*validate_text("elements:\n  - type: goal\n    name: X\n"), Rule::invalid_structure, 2, 5);
  expect_one(*validate_text("elements:\n  - id: x\n    type: goal\n    name: [a, b]\n"), Rule::invalid_structure, 4, 5);
  expect_one(*validate_text(std::string(k_valid) + "relationships:\n  - type: flow\n    from: sis\n"),
             Rule::invalid_structure, 12, 5);
  expect_none(*validate_text(k_valid), Rule::invalid_structure);
}

TEST_CASE("severities come from kaava.yaml", "[rules]") {
  const std::string model = "elements:\n  - id: x\n    type: goal\n    name: X\n";
  auto run = validate_text(model, "kaava: 1\nrules:\n  orphan-element: error\n  missing-description: off\n");
  INFO(run->listing());
  REQUIRE(run->of(Rule::orphan_element).size() == 1);
  CHECK(run->of(Rule::orphan_element)[0]->severity == Severity::error);
  CHECK(run->of(Rule::missing_description).empty());
  CHECK(run->report.summary.errors == 1);

  auto typo = validate_text(model, "rules:\n  orphan-elements: off\n  missing-name: loud\n");
  INFO(typo->listing());
  REQUIRE(typo->of(Rule::unknown_key).size() == 1);
  CHECK(typo->of(Rule::unknown_key)[0]->message ==
        "unknown rule 'orphan-elements' in 'rules' (did you mean 'orphan-element'?)");
  CHECK(typo->of(Rule::invalid_config).size() == 1);
}

TEST_CASE("all files and all problems are reported in one run", "[rules]") {
  auto run = validate_files({
      {"model/a.yaml", "elements:\n  - id: a\n    type: nope\n    name: A\n"},
      {"model/b.yaml", "elements: [\n"},
      {"model/c.yaml", "elements:\n  - id: c\n    type: goal\n    nme: C\n"},
  });
  INFO(run->listing());
  CHECK(run->of(Rule::unknown_type).size() == 1);
  CHECK(run->of(Rule::yaml_syntax).size() == 1);
  CHECK(run->of(Rule::unknown_key).size() == 1);
  CHECK(run->of(Rule::missing_name).empty());  // 'nme' is reported as the misspelt 'name', once
}

TEST_CASE("VET requirement: personal data needs an owner and a legal basis", "[rules][vet]") {
  auto run = validate_text(R"(elements:
  - id: sis
    type: application-component
    name: SIS
    properties: { personal-data: true, owner: Opintopalvelut }
)");
  expect_one(*run, Rule::missing_required_property, 2, 5);
  CHECK(run->of(Rule::missing_required_property)[0]->message ==
        "application-component 'sis' needs property 'legal-basis': se käsittelee henkilötietoja (personal-data true)");
  expect_none(*validate_text(R"(elements:
  - id: sis
    type: application-component
    name: SIS
    properties: { personal-data: false }
)"),
              Rule::missing_required_property);
}

TEST_CASE("VET requirement: a flow to a register names its interface", "[rules][vet]") {
  const std::string elements = R"(elements:
  - id: sis
    type: application-component
    name: SIS
  - id: koski
    type: register
    name: KOSKI
    properties: { provider: OPH }
)";
  auto run = validate_text(elements + "relationships:\n  - type: flow\n    from: sis\n    to: koski\n");
  expect_one(*run, Rule::missing_required_property, 10, 5);
  CHECK(run->of(Rule::missing_required_property)[0]->message.find("flow 'sis' -> 'koski' needs property 'interface'") ==
        0);

  SECTION("integration is a flow, written with its verb") {
    auto inline_run = validate_text(std::string(elements).insert(
        std::string("elements:\n  - id: sis\n    type: application-component\n    name: SIS\n").size(),
        "    sends-to: [koski]\n"));
    expect_one(*inline_run, Rule::missing_required_property, 5, 16);
    expect_none(*inline_run, Rule::relationship_not_allowed);
  }
  expect_none(*validate_text(elements + "relationships:\n  - type: integration\n    from: sis\n    to: koski\n"
                                        "    properties: { interface: KOSKI tiedonsiirto API, protocol: rest }\n"),
              Rule::missing_required_property);
  expect_one(*validate_text(elements + "relationships:\n  - type: integration\n    from: sis\n    to: koski\n"
                                       "    properties: { interface: API, protocol: carrier-pigeon }\n"),
             Rule::invalid_property_value, 13, 35);
}

TEST_CASE("lifecycle-conflict", "[rules][vet]") {
  auto run = validate_text(R"(elements:
  - id: sis
    type: application-component
    name: SIS
    properties: { lifecycle: active }
  - id: old-api
    type: application-service
    name: Old API
    properties: { lifecycle: retired }
    serves: [sis]
)");
  expect_one(*run, Rule::lifecycle_conflict, 10, 14);
  CHECK(run->of(Rule::lifecycle_conflict)[0]->message ==
        "application-component 'sis' (lifecycle: active) depends on application-service 'old-api' (lifecycle: "
        "retired) through 'old-api' serves 'sis'");

  SECTION("access: the accessor depends on what it accesses") {
    auto access = validate_text(R"(elements:
  - { id: p, type: business-process, name: P, properties: { lifecycle: planned }, accesses: [o] }
  - { id: o, type: business-object, name: O, properties: { lifecycle: retired } }
)");
    expect_one(*access, Rule::lifecycle_conflict, 2, 94);
  }
  SECTION("a retired element may depend on another retired one, and the other way round is fine") {
    expect_none(*validate_text(R"(elements:
  - { id: a, type: application-component, name: A, properties: { lifecycle: retired } }
  - { id: s, type: application-service, name: S, properties: { lifecycle: retired }, serves: [a] }
  - { id: t, type: application-service, name: T, properties: { lifecycle: active }, serves: [a] }
)"),
                Rule::lifecycle_conflict);
  }
}

TEST_CASE("missing-translation", "[rules][ci]") {
  const std::string config = "kaava: 1\nlanguages: [fi, sv, en]\n";
  auto run = validate_text(
      "elements:\n  - id: a\n    type: goal\n    name: { fi: Tavoite, en: Goal }\n"
      "    description: { fi: d, sv: d, en: d }\n"
      "    influences: [b]\n  - { id: b, type: goal, name: Toinen, description: d }\n",
      config);
  INFO(run->listing());
  const auto found = run->of(Rule::missing_translation);
  REQUIRE(found.size() == 3);
  CHECK(found[0]->message == "the name of goal 'a' has no sv text (kaava.yaml lists fi, sv, en)");
  CHECK(found[0]->at.line == 4);  // at the name it is about
  CHECK(found[0]->at.column == 5);
  CHECK(found[1]->message == "the name of goal 'b' has no sv, en text (kaava.yaml lists fi, sv, en)");
  CHECK(found[2]->message == "the description of goal 'b' has no sv, en text (kaava.yaml lists fi, sv, en)");
  // Relationship names and descriptions, and views' names and descriptions.
  run = validate_text(
      "elements:\n  - id: a\n    type: goal\n    name: { fi: A, sv: A }\n"
      "    influences: [{ to: b, name: { fi: vaikuttaa } }]\n"
      "  - { id: b, type: goal, name: { fi: B, sv: B } }\n"
      "relationships:\n  - { type: influence, from: b, to: a, description: kuvaus }\n"
      "views:\n  - { id: v, name: { fi: N, sv: N }, description: { sv: beskrivning } }\n",
      "kaava: 1\nlanguages: [fi, sv]\n");
  INFO(run->listing());
  const auto more = run->of(Rule::missing_translation);
  REQUIRE(more.size() == 3);
  CHECK(more[0]->message == "the name of influence 'a' influences 'b' has no sv text (kaava.yaml lists fi, sv)");
  CHECK(more[1]->message == "the description of influence 'b' -> 'a' has no sv text (kaava.yaml lists fi, sv)");
  CHECK(more[2]->message == "the description of view 'v' has no fi text (kaava.yaml lists fi, sv)");
  // Languages not written in kaava.yaml: no translations asked for.
  expect_none(*validate_text("elements:\n  - { id: b, type: goal, name: Toinen }\n"), Rule::missing_translation);
  expect_none(*validate_text("elements:\n  - { id: b, type: goal, name: Toinen }\n", "languages: [fi]\n"),
              Rule::missing_translation);
}

TEST_CASE("possible-duplicate", "[rules][ci]") {
  auto run = validate_text(R"(elements:
  - { id: a, type: application-component, name: Oppimisympäristö, serves: [c] }
  - { id: b, type: application-component, name: "OPPIMISYMPARISTO ", serves: [c] }
  - { id: c, type: business-process, name: Oppimisympäristö }
)");
  expect_one(*run, Rule::possible_duplicate, 3, 43);  // at the name it is about
  CHECK(run->of(Rule::possible_duplicate)[0]->message.find("'a' (model/input.yaml:2:43)") != std::string::npos);
  // Related elements are meant to be two.
  expect_none(*validate_text(R"(elements:
  - { id: a, type: application-component, name: SIS }
  - { id: b, type: application-component, name: sis, specializes: [a] }
)"),
              Rule::possible_duplicate);
}

TEST_CASE("duplicate-relationship", "[rules][ci]") {
  auto run = validate_text(R"(elements:
  - { id: sis, type: application-component, name: SIS, flows-to: [lms] }
  - { id: lms, type: application-component, name: LMS }
relationships:
  - { type: flow, from: sis, to: lms }
  - { type: flow, from: sis, to: lms, name: Arvosanat }
)");
  expect_one(*run, Rule::duplicate_relationship, 5, 5);
  REQUIRE(run->of(Rule::duplicate_relationship)[0]->notes.size() == 1);
  CHECK(run->of(Rule::duplicate_relationship)[0]->notes[0].at.line == 2);
  SECTION("attributes make two relationships different, read with their defaults") {
    auto attrs = validate_text(R"(elements:
  - { id: p, type: business-process, name: P, accesses: [{ to: o, access: read }, { to: o, access: write }, o] }
  - { id: o, type: business-object, name: O }
relationships:
  - { type: access, from: p, to: o, access: access }
)");
    INFO(attrs->listing());
    expect_one(*attrs, Rule::duplicate_relationship, 5, 5);  // the unspecified one, written twice
  }
  SECTION("a child also listed under composes") {
    auto nested = validate_text(R"(elements:
  - id: a
    type: capability
    name: A
    composes: [b]
    children:
      - { id: b, type: capability, name: B }
)");
    CHECK(nested->of(Rule::duplicate_relationship).size() == 1);
  }
}

TEST_CASE("malformed-url", "[rules][ci]") {
  auto run = validate_text(
      "elements:\n  - id: a\n    type: goal\n    name: A\n    properties:\n      docs: https//wiki.example.fi\n");
  expect_one(*run, Rule::malformed_url, 6, 7);
  for (const char* ok : {"docs: https://wiki.example.fi/a?b=c", "note: see the wiki", "url: https://koski.fi/"}) {
    INFO(ok);
    expect_none(
        *validate_text(std::string("elements:\n  - id: a\n    type: goal\n    name: A\n    properties:\n      ") + ok +
                       "\n"),
        Rule::malformed_url);
  }
  // A property typed url is invalid-property-value's.
  auto typed =
      validate_text("elements:\n  - id: a\n    type: goal\n    name: A\n    properties:\n      url: www.koski.fi\n");
  CHECK(typed->of(Rule::malformed_url).empty());
  CHECK(typed->of(Rule::invalid_property_value).size() == 1);
}

TEST_CASE("viewpoint-mismatch", "[rules][ci]") {
  const std::string model = R"(elements:
  - { id: cap, type: capability, name: C }
  - { id: pcap, type: provider-capability, name: P, specializes: [cap] }
  - { id: sis, type: application-component, name: SIS, realizes: [cap] }
views:
)";
  auto run = validate_text(
      model +
      "  - id: v\n    name: V\n    viewpoint: capability-map\n    include: { layers: [strategy, application] }\n");
  expect_one(*run, Rule::viewpoint_mismatch, 8, 5);
  CHECK(run->of(Rule::viewpoint_mismatch)[0]->message.find("includes 1 element that viewpoint 'capability-map' does "
                                                           "not show: application-component 'sis'") !=
        std::string::npos);
  // Specializations go where their base goes; a view without include is
  // chosen by its viewpoint; a viewpoint without a list shows everything.
  expect_none(
      *validate_text(model +
                     "  - id: v\n    name: V\n    viewpoint: capability-map\n    include: { types: [capability] }\n"),
      Rule::viewpoint_mismatch);
  expect_none(*validate_text(model + "  - id: v\n    name: V\n    viewpoint: capability-map\n"),
              Rule::viewpoint_mismatch);
  expect_none(*validate_text(model + "  - id: v\n    name: V\n    viewpoint: layered\n    include: { ids: ['*'] }\n"),
              Rule::viewpoint_mismatch);
}

TEST_CASE("suppress silences a rule for one element", "[rules][ci]") {
  auto run = validate_text(R"(elements:
  - { id: a, type: goal, name: A, suppress: [orphan-element, missing-description] }
  - { id: b, type: goal, name: B, suppress: [orphan-elemnt] }
)");
  INFO(run->listing());
  CHECK(run->of(Rule::missing_description).size() == 1);  // b's
  CHECK(run->of(Rule::orphan_element).size() == 1);       // b's
  REQUIRE(run->of(Rule::unknown_key).size() == 1);
  CHECK(run->of(Rule::unknown_key)[0]->message ==
        "unknown rule 'orphan-elemnt' in 'suppress' (did you mean 'orphan-element'?)");
}
