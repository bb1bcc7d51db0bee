#include "catch.h"

#include <fmt/format.h>

#include "analysis/coverage.h"
#include "analysis/diff.h"
#include "analysis/impact.h"
#include "analysis/query.h"
#include "test_support.h"
#include "util/text.h"

using namespace kaava;

namespace {

std::unique_ptr<const Workspace> load(const MemorySource& source, FragmentCache* cache = nullptr) {
  LoadOptions options;
  options.path = source.root();
  options.source = &source;
  options.cache = cache;
  return load_workspace(options);
}

const char* k_config = "kaava: 1\nname: T\nmetamodel: vet\nlanguages: [fi, en]\n";

std::string model(const std::string& sis_name) {
  return fmt::format(R"(elements:
  - id: app.sis
    type: application-component
    name: {}
    realizes: [asvc.x]
  - id: asvc.x
    type: application-service
    name: Palvelu
    serves: [proc.y]
  - id: proc.y
    type: business-process
    name: Prosessi
    accesses: [data.z]
  - id: data.z
    type: data-object
    name: Tieto
  - id: goal.w
    type: goal
    name: Tavoite
    associated-with: [app.sis]
)",
                     sis_name);
}

std::vector<std::string> ids(const Workspace& ws, const analysis::ImpactTree& tree) {
  std::vector<std::string> out;
  for (const analysis::ImpactNode& n : tree.nodes) out.emplace_back(ws.model.element(n.element).id);
  return out;
}

}  // namespace

TEST_CASE("TextMatcher: case, punctuation and å, ä, ö as people search", "[analysis]") {
  CHECK(TextMatcher("paatos").found_in("Erityisen tuen päätös"));
  CHECK(TextMatcher("PÄÄTÖS").found_in("erityisen tuen päätös"));
  CHECK(TextMatcher("päätös").found_in("PÄÄTÖS"));
  CHECK_FALSE(TextMatcher("ärkisto").found_in("Arkisto"));
  CHECK(TextMatcher("opinto ohjaus").found_in("Opinto-ohjaus"));
  CHECK(TextMatcher("act*ive").matches("active"));
  CHECK_FALSE(TextMatcher("act").matches("active"));
  CHECK(TextMatcher("Åbo").matches("åbo"));
  CHECK_FALSE(TextMatcher("Åbo").matches("abo"));
  CHECK(TextMatcher("abo").matches("Åbo"));
  // Letter by letter: one ä written right does not make the rest strict.
  CHECK(TextMatcher("paätos").found_in("Päätös"));
  CHECK(TextMatcher("Työelamapalvelut").matches("Työelämäpalvelut"));
  CHECK_FALSE(TextMatcher("pöätös").found_in("Päätös"));
  // Spaces and punctuation do not matter at all.
  CHECK(TextMatcher("phaseout").matches("phase-out"));
  CHECK(TextMatcher("tyo elamapalvelut").matches("Työelämäpalvelut"));
  CHECK(TextMatcher("").found_in("anything"));
}

TEST_CASE("parse_condition reads the four forms", "[analysis]") {
  analysis::Condition c;
  std::string error;
  REQUIRE(analysis::parse_condition("owner=Tietohallinto", &c, &error));
  CHECK((c.key == "owner" && c.op == analysis::Condition::Op::equals && c.value == "Tietohallinto"));
  REQUIRE(analysis::parse_condition("lifecycle!=retired", &c, &error));
  CHECK((c.key == "lifecycle" && c.op == analysis::Condition::Op::differs));
  REQUIRE(analysis::parse_condition("owner=", &c, &error));
  CHECK(c.op == analysis::Condition::Op::missing);
  REQUIRE(analysis::parse_condition("owner!=", &c, &error));
  CHECK(c.op == analysis::Condition::Op::present);
  CHECK_FALSE(analysis::parse_condition("owner", &c, &error));
  CHECK_FALSE(analysis::parse_condition("=x", &c, &error));
  // Typing slips are said, not read as a value beginning with '!' or '='.
  CHECK_FALSE(analysis::parse_condition("lifecycle=!active", &c, &error));
  CHECK(error.find("did you mean 'lifecycle!=active'?") != std::string::npos);
  CHECK_FALSE(analysis::parse_condition("lifecycle==active", &c, &error));
  CHECK(error.find("did you mean 'lifecycle=active'?") != std::string::npos);
}

TEST_CASE("impact follows the dependent ends, not associations", "[analysis]") {
  MemorySource source;
  source.add("kaava.yaml", k_config);
  source.add("model/m.yaml", model("Opintohallinto"));
  const auto ws = load(source);
  REQUIRE(ws->loaded);
  analysis::ImpactRequest request;
  request.element = ws->model.find("app.sis");
  const analysis::Impact in = analysis::impact(ws->model, ws->metamodel, request);
  REQUIRE(in.trees.size() == 1);
  // app.sis realizes asvc.x, which serves proc.y: both depend on it; goal.w is only associated.
  CHECK(ids(*ws, in.trees[0]) == std::vector<std::string>{"app.sis", "asvc.x", "proc.y"});
  request.element = ws->model.find("proc.y");
  request.direction = analysis::ImpactDirection::out;
  const analysis::Impact out = analysis::impact(ws->model, ws->metamodel, request);
  // proc.y depends on what serves it and on the data it accesses, and on through them.
  CHECK(ids(*ws, out.trees[0]) == std::vector<std::string>{"proc.y", "asvc.x", "data.z", "app.sis"});
  request.depth = 1;
  const analysis::Impact near = analysis::impact(ws->model, ws->metamodel, request);
  CHECK(ids(*ws, near.trees[0]) == std::vector<std::string>{"proc.y", "asvc.x", "data.z"});
  CHECK(near.trees[0].beyond_depth == 1);
}

TEST_CASE("a second load reuses the files the first parsed, unless the configuration differs", "[analysis]") {
  MemorySource a, b, c;
  for (MemorySource* s : {&a, &b, &c}) s->add("kaava.yaml", k_config);
  a.add("model/m.yaml", model("Opintohallinto"));
  a.add("model/n.yaml", "elements:\n  - id: n.x\n    type: goal\n    name: N\n");
  b.add("model/m.yaml", model("Opintohallintojärjestelmä"));
  b.add("model/n.yaml", "elements:\n  - id: n.x\n    type: goal\n    name: N\n");
  FragmentCache cache;
  const auto first = load(a, &cache);
  CHECK(cache.hits() == 0);
  const auto second = load(b, &cache);
  CHECK(cache.hits() == 1);  // n.yaml is the same; m.yaml changed
  const analysis::ModelDiff diff = analysis::diff_models(*first, *second, {});
  REQUIRE(diff.elements.changed.size() == 1);
  CHECK(diff.elements.changed[0].id == "app.sis");
  CHECK(diff.elements.changed[0].renamed);
  CHECK(diff.elements.added.empty());
  // Other languages build plain strings differently: nothing is reused.
  c.add("kaava.yaml", "kaava: 1\nname: T\nmetamodel: vet\nlanguages: [en, fi]\n");
  c.add("model/n.yaml", "elements:\n  - id: n.x\n    type: goal\n    name: N\n");
  const auto third = load(c, &cache);
  CHECK(cache.hits() == 1);
  CHECK(third->model.element(third->model.find("n.x")).name.texts.size() == 1);
}

TEST_CASE("coverage: parts make a capability partly covered", "[analysis]") {
  MemorySource source;
  source.add("kaava.yaml", "kaava: 1\nname: T\nmetamodel: vet\nlanguages: [fi, sv, en]\nimports: [vet-reference]\n");
  source.add("model/c.yaml", R"(elements:
  - id: cap.x
    type: provider-capability
    name: X
    specializes: [vet.cap.support.guidance]
  - id: cap.y
    type: provider-capability
    name: Y
    specializes: [vet.cap.support]
)");
  const auto ws = load(source);
  REQUIRE(ws->loaded);
  const analysis::Coverage coverage = analysis::reference_coverage(*ws);
  REQUIRE(coverage.references.size() == 1);
  const analysis::ReferenceCoverage& ref = coverage.references[0];
  auto status = [&](std::string_view id) {
    for (const analysis::CoverageItem& item : ref.items) {
      if (ws->model.element(item.element).id == id) return item.status;
    }
    FAIL("no item " << id);
    return analysis::CoverageStatus::uncovered;
  };
  CHECK(status("vet.cap.support.guidance") == analysis::CoverageStatus::covered);
  CHECK(status("vet.cap.support.welfare") == analysis::CoverageStatus::uncovered);
  // Covered itself, with parts not all covered: partly.
  CHECK(status("vet.cap.support") == analysis::CoverageStatus::partly);
  CHECK(ref.covered == 1);
  const std::vector<std::string> values = analysis::coverage_values(*ws);
  CHECK(values[ws->model.find("vet.cap.support")] == "partly");
  // An own element that covers reference capabilities takes the best of their values.
  CHECK(values[ws->model.find("cap.x")] == "covered");
  CHECK(values[ws->model.find("cap.y")] == "partly");
}
