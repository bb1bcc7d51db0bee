// The Model as its consumers see it: indexes built at load, relationship
// ids (written and derived), what a view shows, and a run that can be
// reported more than once.

#include "catch.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/report.h"
#include "test_support.h"
#include "views/selection.h"
#include "views/view_content.h"

using namespace kaava;
using kaava::test::validate_files;
using kaava::test::validate_text;

namespace {

std::vector<std::string_view> element_ids(const Model& m, std::span<const std::uint32_t> items) {
  std::vector<std::string_view> out;
  for (std::uint32_t i : items) out.push_back(m.element(i).id);
  return out;
}

std::vector<std::string_view> relationship_ids(const Model& m, std::span<const std::uint32_t> items) {
  std::vector<std::string_view> out;
  for (std::uint32_t i : items) out.push_back(m.relationship(i).id);
  return out;
}

std::vector<std::string_view> all_relationship_ids(const Model& m) {
  std::vector<std::string_view> out;
  for (const Relationship& r : m.relationships()) out.push_back(r.id);
  return out;
}

constexpr const char* k_model = R"(elements:
  - id: cap.a
    type: capability
    name: A
    children:
      - { id: cap.a1, type: capability, name: A1 }
      - { id: cap.a2, type: capability, name: A2 }
  - id: sis
    type: application-component
    name: SIS
    realizes: [cap.a1]
    flows-to: [lms, lms]
  - { id: lms, type: application-component, name: LMS, serves: [proc] }
  - { id: proc, type: business-process, name: P }
relationships:
  - { id: flow.grades, type: flow, from: lms, to: sis, name: Arvosanat }
  - { type: flow, from: sis, to: lms, name: Opiskeluoikeudet }
views:
  - { id: apps, name: Apps, include: { types: [application-component] } }
  - { id: caps, name: Caps, viewpoint: capability-map }
)";

}  // namespace

TEST_CASE("the model indexes relationships in and out, children and views at load", "[model]") {
  auto run = validate_text(k_model);
  const Model& m = run->ws.model;
  const std::uint32_t sis = m.find("sis"), lms = m.find("lms"), cap = m.find("cap.a");
  REQUIRE(sis != kNone);
  CHECK(relationship_ids(m, m.outgoing(sis)) ==
        std::vector<std::string_view>{"sis:realization:cap.a1", "sis:flow:lms", "sis:flow:lms:2", "sis:flow:lms:3"});
  CHECK(relationship_ids(m, m.incoming(sis)) == std::vector<std::string_view>{"flow.grades"});
  CHECK(relationship_ids(m, m.incoming(lms)) ==
        std::vector<std::string_view>{"sis:flow:lms", "sis:flow:lms:2", "sis:flow:lms:3"});
  CHECK(element_ids(m, m.children(cap)) == std::vector<std::string_view>{"cap.a1", "cap.a2"});
  CHECK(m.children(sis).empty());
  CHECK(m.element(m.find("cap.a2")).parent == cap);
  // Views: apps shows the two applications; caps, through its viewpoint, the capabilities.
  const std::uint32_t apps = m.find_view("apps"), caps = m.find_view("caps");
  CHECK(std::vector<std::uint32_t>(m.views_of(sis).begin(), m.views_of(sis).end()) == std::vector<std::uint32_t>{apps});
  CHECK(std::vector<std::uint32_t>(m.views_of(cap).begin(), m.views_of(cap).end()) == std::vector<std::uint32_t>{caps});
  CHECK(m.views_of(m.find("proc")).empty());
}

TEST_CASE("relationships are found by their written or derived id", "[model]") {
  auto run = validate_text(k_model);
  const Model& m = run->ws.model;
  for (std::uint32_t i = 0; i < m.relationships().size(); ++i) {
    INFO(m.relationship(i).id);
    CHECK(m.find_relationship(m.relationship(i).id) == i);
  }
  CHECK(m.relationship(m.find_relationship("flow.grades")).name.get("fi") == "Arvosanat");
  CHECK(m.find_relationship("cap.a:composition:cap.a1") != kNone);  // nesting composes
  CHECK(m.find_relationship("sis:flow:nobody") == kNone);
  CHECK(m.find_relationship("sis") == kNone);
}

TEST_CASE("derived relationship ids do not change when lines move or files are reordered", "[model]") {
  const std::string a =
      "elements:\n  - { id: a, type: application-component, name: A, flows-to: [b] }\n"
      "  - { id: c, type: application-component, name: C }\n";
  const std::string b =
      "elements:\n  - { id: b, type: application-component, name: B }\n"
      "relationships:\n  - { type: flow, from: a, to: b, name: Toinen }\n"
      "  - { type: serving, from: c, to: a }\n";
  auto first = validate_files({{"model/1.yaml", a}, {"model/2.yaml", b}});
  // The same model: the files swapped, lines moved, an unrelated element added on top.
  const std::string b_moved =
      "# moved\nelements:\n  - { id: x, type: goal, name: X }\n"
      "  - { id: b, type: application-component, name: B }\n"
      "relationships:\n  - { type: serving, from: c, to: a }\n\n\n"
      "  - { type: flow, from: a, to: b, name: Toinen }\n";
  auto second = validate_files({{"model/0.yaml", b_moved}, {"model/9.yaml", "\n\n" + a}});
  auto sorted = [](std::vector<std::string_view> v) {
    std::ranges::sort(v);
    return v;
  };
  CHECK(sorted(all_relationship_ids(first->ws.model)) == sorted(all_relationship_ids(second->ws.model)));
  CHECK(sorted(all_relationship_ids(first->ws.model)) ==
        std::vector<std::string_view>{"a:flow:b", "a:flow:b:2", "c:serving:a"});
  // Parallel relationships keep their numbers by what they say: the unnamed
  // inline one sorts before "Toinen" wherever either is written.
  for (const auto* run : {first.get(), second.get()}) {
    const Model& m = run->ws.model;
    CHECK(m.relationship(m.find_relationship("a:flow:b:2")).name.get("fi") == "Toinen");
    CHECK(m.relationship(m.find_relationship("a:flow:b")).name.empty());
  }
}

TEST_CASE("relationship ids share the elements' namespace", "[model][rules]") {
  auto run = validate_text(R"(elements:
  - { id: a, type: application-component, name: A, description: d }
  - id: b
    type: application-component
    name: B
    description: d
    flows-to:
      - { to: a, id: a }
relationships:
  - { id: r.1, type: flow, from: a, to: b }
  - { id: r.1, type: serving, from: a, to: b }
  - { id: Bad:Id, type: serving, from: b, to: a }
)");
  INFO(run->listing());
  const auto dups = run->of(Rule::duplicate_id);
  REQUIRE(dups.size() == 2);
  CHECK(dups[0]->at.line == 8);
  CHECK(dups[0]->message.find("duplicate id 'a': an element has it (first defined at model/input.yaml:2:7)") == 0);
  CHECK(dups[1]->at.line == 11);
  CHECK(dups[1]->message.find("another relationship has it (first defined at model/input.yaml:10:11)") !=
        std::string::npos);
  REQUIRE(run->of(Rule::invalid_id).size() == 1);
  // An invalid id is reported, and the relationship still has a (derived) id.
  CHECK(run->ws.model.find_relationship("b:serving:a") != kNone);
}

TEST_CASE("a focus neighbourhood leaves out what the view excludes", "[views]") {
  // a -> b -> c, and a -> x -> y: excluding x (by id) or flows (by type)
  // must not let y in through x, nor c through a flow.
  auto run = validate_text(R"(elements:
  - { id: a, type: application-component, name: A, serves: [b, x] }
  - { id: b, type: application-component, name: B, flows-to: [c] }
  - { id: c, type: application-component, name: C }
  - { id: x, type: application-component, name: X, serves: [y] }
  - { id: y, type: application-component, name: Y }
views:
  - { id: all, name: All, focus: a, depth: 2 }
  - { id: no-x, name: No X, focus: a, depth: 2, exclude: { ids: [x] } }
  - { id: no-flows, name: No flows, focus: a, depth: 2, exclude: { relationships: [flow] } }
  - { id: focus-out, name: Excluded focus, focus: a, exclude: { ids: [a] } }
)");
  const Model& m = run->ws.model;
  auto shown = [&](std::string_view view) {
    return element_ids(m, resolve_view(m, run->ws.metamodel, m.views()[m.find_view(view)]).elements);
  };
  CHECK(shown("all") == std::vector<std::string_view>{"a", "b", "c", "x", "y"});
  CHECK(shown("no-x") == std::vector<std::string_view>{"a", "b", "c"});
  CHECK(shown("no-flows") == std::vector<std::string_view>{"a", "b", "x", "y"});
  CHECK(shown("focus-out").empty());
  // The relationships drawn leave the excluded ones out too.
  const View& no_flows = m.views()[m.find_view("no-flows")];
  CHECK(relationship_ids(m, resolve_view(m, run->ws.metamodel, no_flows).relationships) ==
        std::vector<std::string_view>{"a:serving:b", "a:serving:x", "x:serving:y"});
}

TEST_CASE("a focus view does not expand through another owner's element or a national service", "[views]") {
  // sis -> koski (a register: provider OPH) -> 40 other systems; sis -> crm
  // (another owner) -> its database; sis -> lms (the same owner) -> content.
  std::string text = R"(elements:
  - { id: sis, type: application-component, name: SIS, properties: { owner: Opintopalvelut },
      flows-to: [koski, crm, lms] }
  - { id: koski, type: register, name: KOSKI, properties: { provider: OPH } }
  - { id: crm, type: application-component, name: CRM, properties: { owner: Työelämäpalvelut }, flows-to: [crm.db] }
  - { id: crm.db, type: application-component, name: CRM DB }
  - { id: lms, type: application-component, name: LMS, properties: { owner: Opintopalvelut }, flows-to: [content] }
  - { id: content, type: application-component, name: Content }
)";
  for (int i = 0; i < 40; ++i)
    text += fmt::format("  - {{ id: other{}, type: application-component, name: O, flows-to: [koski] }}\n", i);
  text += R"(views:
  - { id: around, name: Around, focus: sis, depth: 2 }
  - { id: through-koski, name: Through, focus: sis, depth: 2, expand-through: { ids: [koski] } }
  - { id: everything, name: All, focus: sis, depth: 2, expand-through: all }
)";
  auto run = validate_text(text, "kaava: 1\nmetamodel: vet\n");
  INFO(run->listing());
  const Model& m = run->ws.model;
  auto shown = [&](std::string_view view) {
    return resolve_view(m, run->ws.metamodel, m.views()[m.find_view(view)]).elements.size();
  };
  CHECK(shown("around") == 5);  // sis, koski, crm, lms, content: not crm.db nor the 40
  CHECK(shown("through-koski") == 45);
  CHECK(shown("everything") == 46);
}

TEST_CASE("a view's content: nesting, nested relationships, viewpoint", "[views]") {
  auto run = validate_text(k_model);
  const Model& m = run->ws.model;
  const ViewContent caps = resolve_view(m, run->ws.metamodel, m.views()[m.find_view("caps")]);
  CHECK(element_ids(m, caps.elements) == std::vector<std::string_view>{"cap.a", "cap.a1", "cap.a2"});
  CHECK(caps.parents == std::vector<std::uint32_t>{kNone, m.find("cap.a"), m.find("cap.a")});
  CHECK(relationship_ids(m, caps.relationships) ==
        std::vector<std::string_view>{"cap.a:composition:cap.a1", "cap.a:composition:cap.a2"});
  CHECK(caps.nesting == std::vector<bool>{true, true});
  const ViewContent apps = resolve_view(m, run->ws.metamodel, m.views()[m.find_view("apps")]);
  CHECK(element_ids(m, apps.elements) == std::vector<std::string_view>{"sis", "lms"});
  CHECK(apps.relationships.size() == 4);  // three sis -> lms flows, one lms -> sis
  CHECK(std::ranges::none_of(apps.nesting, [](bool b) { return b; }));
}

TEST_CASE("a run's report can be made twice, and validating leaves the workspace as it was", "[model]") {
  auto run = validate_text("elements:\n  - { id: a, type: nope, name: A }\n  - { id: b, type: goal, nme: B }\n");
  const std::size_t loading = run->ws.diagnostics.items().size();
  const Diagnostics again = validate(run->ws);
  CHECK(run->ws.diagnostics.items().size() == loading);
  const Report first = make_report(run->ws, run->checks);
  const Report second = make_report(run->ws, again);
  std::string a, b;
  const ReportInput in_a{first.diagnostics, first.summary, run->ws.files, first.model_files};
  const ReportInput in_b{second.diagnostics, second.summary, run->ws.files, second.model_files};
  for (const ReportFormat& f : report_formats()) {
    f.write(a, in_a);
    f.write(b, in_b);
  }
  CHECK(!first.diagnostics.empty());
  CHECK(a == b);
  CHECK(first.summary.errors == run->report.summary.errors);
}

TEST_CASE("the report formats are one table", "[report]") {
  std::vector<std::string_view> names;
  for (const ReportFormat& f : report_formats()) {
    names.push_back(f.name);
    CHECK(find_report_format(f.name) == &f);
    CHECK(!f.description.empty());
    CHECK(!f.default_file.empty());
  }
  CHECK(names == std::vector<std::string_view>{"text", "json", "sarif", "junit", "github", "gitlab", "markdown"});
  CHECK(find_report_format("xml") == nullptr);
}

TEST_CASE("written relationship ids keep to the namespaces, as element ids do", "[model][rules]") {
  auto loaded = test::load_memory({
      {"kaava.yaml",
       "kaava: 1\nnamespace: omnia\nimports: [vet-reference]\n"
       "rules: { orphan-element: off, missing-description: off }\n"},
      {"model/a.yaml",
       "elements:\n  - { id: omnia.a, type: goal, name: A }\n  - { id: omnia.b, type: goal, name: B }\n"
       "relationships:\n  - { id: vet.mine, type: influence, from: omnia.a, to: omnia.b }\n"
       "  - { id: flow.x, type: influence, from: omnia.b, to: omnia.a }\n"
       "  - { id: omnia.ok, type: association, from: omnia.a, to: omnia.b }\n"
       "  - { type: association, from: omnia.b, to: omnia.a }\n"},
  });
  INFO(loaded->listing());
  REQUIRE(loaded->count(Rule::reserved_id) == 1);
  CHECK(loaded->listing().find("model/a.yaml:5:11: ids starting with 'vet.' belong to the imported") !=
        std::string::npos);
  // vet.mine is outside omnia's namespace too, and so is flow.x; derived ids are not asked.
  CHECK(loaded->count(Rule::invalid_id) == 2);
  CHECK(loaded->listing().find("model/a.yaml:6:11: ids in this repository start with 'omnia.'") != std::string::npos);
}
