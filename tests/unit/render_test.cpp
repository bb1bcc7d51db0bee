#include "catch.h"

#include <deque>

#include <fmt/format.h>

#include "metamodel/metamodel_loader.h"
#include "render/aggregate.h"
#include "render/dot_writer.h"
#include "render/label_text.h"
#include "render/notation.h"
#include "render/render.h"
#include "test_support.h"

using namespace kaava;
using kaava::test::validate_text;

namespace {

const char* k_render_model = R"(elements:
  - id: cap.a
    type: capability
    name: { fi: Hakeutuminen }
    properties: { lifecycle: active }
    children:
      - { id: cap.a1, type: capability, name: Haun hallinta, properties: { lifecycle: planned } }
  - { id: sis, type: application-component, name: "SIS <&> \"x\"", realizes: [cap.a1], serves: [proc] }
  - { id: srv, type: node, name: Palvelin, serves: [sis] }
  - { id: proc, type: business-process, name: Prosessi }
views:
  - { id: map, name: Kartta, viewpoint: capability-map }
  - { id: layers, name: Kerrokset, viewpoint: layered }
)";

DotGraph dot_of(const test::Run& run, std::string_view view, const std::string& color_by = "") {
  DotOptions options;
  options.color_by = color_by;
  for (const View& v : run.ws.model.views()) {
    if (v.id == view) return write_dot(run.ws.model, run.ws.metamodel, builtin_notation(), v, options);
  }
  FAIL("no view " << view);
  return {};
}

}  // namespace

TEST_CASE("the notation data names only what the metamodel has, and draws every type", "[render]") {
  const Notation& n = builtin_notation();
  CHECK(n.problems.empty());
  const Metamodel& mm = builtin_metamodel("vet");
  for (const auto& [id, style] : n.types) {
    INFO(id);
    CHECK(mm.find_type(id) != kNoType);
  }
  for (const auto& [id, style] : n.layers) CHECK(mm.find_layer(id) >= 0);
  for (const auto& [id, style] : n.relationships) CHECK(mm.find_relationship(id) != kNoRelationship);
  for (const auto& [id, layout] : n.layouts) {
    INFO(id);
    CHECK((id == "default" || mm.find_viewpoint(id) >= 0));
  }
  for (std::size_t t = 0; t < mm.element_types.size(); ++t) {
    const NodeStyle s = n.node_style(mm, static_cast<TypeIndex>(t));
    INFO(mm.element_types[t].id);
    CHECK_FALSE(s.shape.empty());
    CHECK_FALSE(s.fill.empty());
  }
  for (std::size_t r = 0; r < mm.relationship_types.size(); ++r) {
    const EdgeStyle s = n.edge_style(mm, static_cast<RelationshipIndex>(r));
    INFO(mm.relationship_types[r].id);
    CHECK(n.relationships.contains(mm.relationship_types[r].id));
    CHECK_FALSE(s.legend.empty());
  }
}

TEST_CASE("labels wrap at word boundaries", "[render]") {
  CHECK(wrap_words("Opiskelijahallintojärjestelmä ja sen liittymät", 22) ==
        std::vector<std::string>{"Opiskelijahallintojärjestelmä", "ja sen liittymät"});
  CHECK(wrap_words("a b c", 3) == std::vector<std::string>{"a b", "c"});
  CHECK(wrap_words("", 10).empty());
  // A word longer than a line: whole, or cut where a box's width needs it (code points, not bytes).
  CHECK(wrap_words("ab cdefghij k", 4) == std::vector<std::string>{"ab", "cdefghij", "k"});
  CHECK(wrap_words("ab cdefghij k", 4, true) == std::vector<std::string>{"ab", "cdef", "ghij", "k"});
  CHECK(wrap_words("ääääää", 4, true) == std::vector<std::string>{"ääää", "ää"});
  CHECK(html_label_text("<b>\"x\" & y</b>") == "&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;");
}

TEST_CASE("a capability map nests children in their parent and shows what its viewpoint shows", "[render]") {
  auto run = validate_text(k_render_model);
  const DotGraph g = dot_of(*run, "map");
  CHECK(g.text.find("subgraph \"cluster_e:cap.a\"") != std::string::npos);
  CHECK(g.text.find("\"e:cap.a1\" [") != std::string::npos);
  CHECK(g.text.find("\"e:sis\"") == std::string::npos);  // not a capability-map element
  CHECK(g.nodes == 1);
  CHECK(g.edges == 0);  // nesting is drawn as the box, not as an edge
}

TEST_CASE("a layered view stacks its layers in rows, and escapes model text", "[render]") {
  auto run = validate_text(k_render_model);
  const DotGraph g = dot_of(*run, "layers");
  // Bands in the metamodel's order, each node marked with its band, held
  // by rows on an invisible spine (no clusters, no constraint edges).
  CHECK(g.text.find("kaava_band_0=<<I>Strategia</I>>, kaava_band_1=<<I>Liiketoiminta</I>>, "
                    "kaava_band_2=<<I>Sovellukset</I>>, kaava_band_3=<<I>Teknologia</I>>") != std::string::npos);
  CHECK(g.text.find("cluster_layer") == std::string::npos);
  CHECK(g.text.find("{rank=same; \"row:0\";") != std::string::npos);
  CHECK(g.text.find("\"row:0\" -> \"row:1\" [style=invis];") != std::string::npos);
  const std::size_t sis = g.text.find("\"e:sis\" [");
  REQUIRE(sis != std::string::npos);
  CHECK(g.text.find("kaava_band=\"2\"", sis) < g.text.find('\n', sis));
  CHECK(g.text.find("constraint=false") != std::string::npos);
  // srv serves sis goes up: written downwards with the arrowheads swapped.
  CHECK(g.text.find("\"e:sis\" -> \"e:srv\" [style=solid, arrowhead=none, arrowtail=vee, dir=both") !=
        std::string::npos);
  CHECK(g.text.find("SIS &lt;&amp;&gt; &quot;x&quot;") != std::string::npos);
  CHECK(g.text.find("SIS <&>") == std::string::npos);
}

TEST_CASE("colour by a property, with a legend of its values", "[render]") {
  auto run = validate_text(k_render_model);
  const DotGraph g = dot_of(*run, "map", "lifecycle");
  const Notation& n = builtin_notation();
  // lifecycle is a scale (ordered): its values take the sequential palette,
  // first to last, spread over its five values.
  REQUIRE(n.sequential.size() == 6);
  CHECK(g.text.find(fmt::format("fillcolor=\"{}\"", n.sequential[0])) != std::string::npos);  // planned
  CHECK(g.text.find(fmt::format("fillcolor=\"{}\"", n.sequential[3])) != std::string::npos);  // active, 2 of 0..4
  CHECK(g.text.find(fmt::format("fillcolor=\"{}\"", n.palette[0])) == std::string::npos);
  // The legend: the property's name, then a swatch per value in the view's
  // language, in the scale's order, and "no value" last.
  std::vector<std::string> texts;
  for (const LegendRow& r : g.legend.rows) {
    if (r.kind == LegendRow::Kind::heading || r.kind == LegendRow::Kind::swatch) texts.push_back(r.text);
  }
  REQUIRE(texts.size() == 7);
  CHECK(texts.front() == "Elinkaaren vaihe");
  CHECK(texts[5] == "poistettu");
  CHECK(texts.back() == "ei arvoa");
  CHECK(g.legend.rows.back().sample.find(fmt::format("fillcolor=\"{}\"", n.no_value)) != std::string::npos);
}

TEST_CASE("a whole-model view through a viewpoint, and safe file names", "[render]") {
  auto run = validate_text(k_render_model);
  std::deque<std::string> storage;
  const View v = whole_model_view(run->ws.metamodel, "application-cooperation", "en", storage);
  CHECK(v.name.get("en") == "Application cooperation");
  const DotGraph g = write_dot(run->ws.model, run->ws.metamodel, builtin_notation(), v, DotOptions());
  CHECK(g.nodes == 1);  // sis
  CHECK(file_stem("view.map") == "view.map");
  CHECK(file_stem("../etc/passwd") == "view.._etc_passwd");
  CHECK(file_stem("a/b c") == "a_b_c");
  CHECK(file_stem("") == "view");
  // Pages: one per id, even where file_stem would give two the same name.
  CHECK(page_stem("app.sis") == "app.sis");
  CHECK(page_stem("app:x") != page_stem("app_x"));
  CHECK(page_stem("App.Upper") != page_stem("app.upper"));
  CHECK(page_stem("app:x").starts_with("app_x-"));
  CHECK(page_stem("app:x") == page_stem("app:x"));
}

TEST_CASE("a large view drawn aggregated: groups per layer with counts", "[render]") {
  std::string text = "elements:\n";
  for (int i = 0; i < 60; ++i) {
    text += fmt::format(
        "  - {{ id: app{}, type: application-component, name: App {}, properties: {{ owner: {} }}, "
        "serves: [svc], flows-to: [app{}] }}\n",
        i, i, i % 2 == 0 ? "Opintopalvelut" : "Tietohallinto", (i + 1) % 60);
  }
  text += "  - { id: svc, type: application-service, name: Palvelu, serves: [proc] }\n";
  text += "  - { id: proc, type: business-process, name: Prosessi }\n";
  text += "views:\n  - { id: all, name: Kaikki, viewpoint: layered }\n";
  auto run = validate_text(text);
  const View& view = run->ws.model.views()[0];
  std::size_t groups = 0;
  DotGraph g =
      write_aggregated_dot(run->ws.model, run->ws.metamodel, builtin_notation(), view, DotOptions(), "type", &groups);
  CHECK(groups == 3);  // components, the service, the process
  CHECK(g.nodes == 62);
  CHECK(g.text.find("<B>Sovelluskomponentti</B> (60)") != std::string::npos);
  CHECK(g.text.find("App 0, App 1, App 2, +57 muuta") != std::string::npos);
  CHECK(g.text.find("60 × Kulku") != std::string::npos);  // flows within the group, counted in its box
  CHECK(g.text.find("label=<60>") != std::string::npos);  // 60 serve the service
  CHECK(g.text.find("kaava_band_0=<<I>Liiketoiminta</I>>") != std::string::npos);
  g = write_aggregated_dot(run->ws.model, run->ws.metamodel, builtin_notation(), view, DotOptions(), "owner", &groups);
  CHECK(groups == 4);  // two owners, and no owner for the service and the process
  CHECK(g.text.find("<B>Opintopalvelut</B> (30)") != std::string::npos);
  CHECK(g.text.find("<B>ei arvoa</B> (1)") != std::string::npos);
}
