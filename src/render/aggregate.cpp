#include "render/aggregate.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "render/band_layout.h"
#include "render/label_text.h"
#include "render/legend.h"
#include "views/view_content.h"

namespace kaava {

namespace {

struct Group {
  std::size_t layer = 0;
  TypeIndex type = kNoType;  ///< when grouped by type, else the members' common type (or kNoType)
  std::string value;         ///< when grouped by a property
  std::vector<std::uint32_t> members;
};

}  // namespace

DotGraph write_aggregated_dot(const Model& model, const Metamodel& mm, const Notation& n, const View& view,
                              const DotOptions& options, const std::string& group_by, std::size_t* group_count) {
  const ViewContent content = resolve_view(model, mm, view);
  const std::string_view lang = options.language;
  const bool by_type = group_by == "type";
  // A grouping property's values read in the view's language (value-labels).
  const std::int32_t def = by_type ? -1 : mm.find_property(group_by);
  auto value_label = [&](const std::string& v) {
    return def >= 0 ? std::string(mm.properties[static_cast<std::size_t>(def)].value_label(v, lang)) : v;
  };
  // Groups in layer order, then by first appearance (model order).
  std::vector<Group> groups;
  std::map<std::tuple<std::size_t, TypeIndex, std::string>, std::size_t> index;
  std::vector<std::size_t> group_of(model.elements().size(), 0);
  for (std::uint32_t e : content.elements) {
    const Element& el = model.element(e);
    const std::size_t layer = el.type == kNoType ? mm.layers.size() : mm.element_types[el.type].layer;
    const std::string value = by_type ? std::string() : std::string(el.property_value(group_by));
    const auto key = std::make_tuple(layer, by_type ? el.type : kNoType, value);
    auto [it, added] = index.try_emplace(key, groups.size());
    if (added) groups.push_back({layer, el.type, value, {}});
    Group& g = groups[it->second];
    if (!by_type && g.type != el.type) g.type = kNoType;  // mixed types: drawn as its layer
    g.members.push_back(e);
    group_of[e] = it->second;
  }
  std::vector<std::size_t> order(groups.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::ranges::stable_sort(order, [&](std::size_t a, std::size_t b) { return groups[a].layer < groups[b].layer; });

  // Relationships between groups, one edge per pair and type, with its
  // count; those within a group are counted in its box.
  std::map<std::tuple<std::size_t, std::size_t, RelationshipIndex>, std::size_t> edges;
  std::vector<std::map<RelationshipIndex, std::size_t>> within(groups.size());
  for (std::uint32_t r : content.relationships) {
    const Relationship& rel = model.relationship(r);
    const std::size_t from = group_of[rel.source.index], to = group_of[rel.target.index];
    if (from == to) {
      ++within[from][rel.type];
    } else {
      ++edges[{from, to, rel.type}];
    }
  }
  LegendContent legend;
  DotGraph out;
  out.nodes = content.elements.size();
  auto line = [&](const std::string& text, int depth) {
    out.text.append(2 * static_cast<std::size_t>(depth), ' ');
    out.text += text;
    out.text += '\n';
  };
  const std::string_view title = view.name.get(lang);
  line(fmt::format("digraph \"{}\" {{", view.id), 0);
  line(fmt::format("graph [rankdir=TB, compound=true, fontname=\"{}\", fontsize={}, labelloc=t, label=<<B>{}</B>>, "
                   "nodesep=0.4, ranksep=0.7];",
                   n.font, n.font_size + 4, html_label_text(title.empty() ? view.id : title)),
       1);
  line(fmt::format("node [fontname=\"{}\", fontsize={}, margin=\"0.15,0.08\"];", n.font, n.font_size), 1);
  line(fmt::format("edge [fontname=\"{}\", fontsize={}, color=\"#333333\"];", n.font, std::max(6, n.font_size - 2)), 1);
  // Bands per layer as in a layered view: rows of groups on an invisible
  // spine, the bands drawn behind them after layout (graphviz_renderer.cpp).
  std::vector<std::size_t> band_of(groups.size(), 0), row_of(groups.size(), 0);
  std::string bands;
  std::vector<std::vector<std::size_t>> rows;
  // A band's groups in rows of three to six, balanced (seven: four and
  // three), so that a band of a few is not one long strip.
  constexpr std::size_t k_row = 6;
  std::size_t band = 0, width = k_row;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Group& g = groups[order[i]];
    const bool first = i == 0 || groups[order[i - 1]].layer != g.layer;
    if (first) {
      std::size_t members = 0;
      while (i + members < order.size() && groups[order[i + members]].layer == g.layer) ++members;
      width = std::clamp<std::size_t>(
          static_cast<std::size_t>(std::ceil(std::sqrt(2.0 * static_cast<double>(members)))), 3, k_row);
      width = (members + (members + width - 1) / width - 1) / ((members + width - 1) / width);
      if (i > 0) ++band;
      const std::string name =
          g.layer < mm.layers.size() ? std::string(mm.layers[g.layer].label.get(lang)) : std::string("?");
      bands += fmt::format(", kaava_band_{}=<<I>{}</I>>", band, html_label_text(name));
    }
    if (first || rows.back().size() == width) rows.emplace_back();
    rows.back().push_back(order[i]);
    band_of[order[i]] = band;
    row_of[order[i]] = rows.size() - 1;
  }
  line(fmt::format("graph [kaava_bands=\"{}\", kaava_band_fill=\"{}\", kaava_band_border=\"{}\"{}];",
                   groups.empty() ? 0 : band + 1, n.band.fill, n.band.border, bands),
       1);
  // kaava places the rows (row_placement.h), in the order that keeps
  // related groups near, and Graphviz routes the edges round them.
  std::vector<std::vector<std::uint32_t>> placed;
  placed.reserve(rows.size());
  for (const auto& row : rows) placed.emplace_back(row.begin(), row.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(edges.size());
  for (const auto& [key, count] : edges) {
    pairs.emplace_back(static_cast<std::uint32_t>(std::get<0>(key)), static_cast<std::uint32_t>(std::get<1>(key)));
  }
  const std::vector<std::uint32_t> col_of = row_columns(std::move(placed), pairs, groups.size());
  line(fmt::format("graph [kaava_engine=\"rows\", splines={}, outputorder=nodesfirst];",
                   edges.size() <= n.route_until ? "true" : "line"),
       1);
  out.placed = true;
  for (std::size_t k : order) {
    const Group& g = groups[k];
    const NodeStyle s =
        g.type != kNoType ? n.node_style(mm, g.type)
        : g.layer < mm.layers.size()
            ? n.layers.contains(mm.layers[g.layer].id) ? n.layers.at(mm.layers[g.layer].id) : NodeStyle{}
            : NodeStyle{};
    if (by_type && g.type != kNoType) legend.types.insert(g.type);
    std::string heading = by_type ? (g.type != kNoType ? std::string(mm.element_types[g.type].label.get(lang))
                                                       : std::string(model.element(g.members[0]).type_name))
                                  : (g.value.empty() ? std::string(n.word("no-value", lang)) : value_label(g.value));
    std::vector<std::string> names;
    constexpr std::size_t k_names = 3;
    for (std::size_t i = 0; i < std::min(k_names, g.members.size()); ++i) {
      const Element& el = model.element(g.members[i]);
      const std::string_view name = el.name.get(lang);
      names.emplace_back(name.empty() ? el.id : name);
    }
    std::string sample = fmt::format("{}", fmt::join(names, ", "));
    if (g.members.size() > k_names) sample += ", " + n.phrase("more", lang, g.members.size() - k_names);
    std::string inside;
    for (const auto& [type, count] : within[k]) {
      legend.relationships.try_emplace({type, std::string()}, n.edge_style(mm, type));
      inside += fmt::format(
          "<BR/>{} {}", html_label_text(n.edge_style(mm, type).legend),
          html_label_text(n.phrase("relationship-count", lang, count, mm.relationship_types[type].label.get(lang))));
    }
    NodeStyle box = s;
    if (box.shape.empty() || box.shape == "point") box.shape = "box";
    box.pen_width = 1.5;
    line(fmt::format("\"g:{}\" [{}, kaava_band=\"{}\", kaava_row=\"{}\", kaava_col=\"{}\", label=<<B>{}</B> "
                     "({})<BR/><FONT POINT-SIZE=\"{}\" "
                     "COLOR=\"#444444\">{}{}</FONT>>];",
                     k, node_attributes(box, s.fill.empty() ? n.no_value : s.fill), band_of[k], row_of[k], col_of[k],
                     html_label_text(heading), g.members.size(), std::max(6, n.font_size - 2),
                     wrapped_label(sample, n.wrap + 8), inside),
         2);
  }
  for (const auto& [key, count] : edges) {
    auto [from, to, type] = key;
    const EdgeStyle style = n.edge_style(mm, type);
    legend.relationships.try_emplace({type, std::string()}, style);
    std::string head = style.head, tail = style.tail;
    if (row_of[from] > row_of[to]) {  // upwards: written down the rows, arrowheads swapped
      std::swap(from, to);
      std::swap(head, tail);
    }
    EdgeStyle thick = style;  // thicker for more
    thick.pen_width = std::min(4.0, 1.0 + std::floor(static_cast<double>(count) / 5) / 2);
    std::string attrs = edge_attributes(thick, head, tail) + ", constraint=false";
    // The line says the type (the legend names it); the label, how many.
    attrs += fmt::format(", label=<{}>", count);
    line(fmt::format("\"g:{}\" -> \"g:{}\" [{}];", from, to, attrs), 1);
    ++out.edges;
  }
  if (options.legend && !legend.empty()) {
    legend.notes.push_back(n.phrase("aggregated", lang, content.elements.size(), groups.size()));
    out.legend = make_legend(n, mm, legend, lang);
  }
  line("}", 0);
  if (group_count != nullptr) *group_count = groups.size();
  return out;
}

}  // namespace kaava
