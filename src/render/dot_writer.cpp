#include "render/dot_writer.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "render/band_layout.h"
#include "render/edges.h"
#include "render/label_text.h"
#include "render/legend.h"
#include "render/map_layout.h"
#include "util/text.h"
#include "views/view_content.h"

namespace kaava {

View whole_model_view(const Metamodel& mm, std::string_view viewpoint, std::string_view language,
                      std::deque<std::string>& storage) {
  View v;
  v.id = storage.emplace_back(viewpoint);
  const std::int32_t vp = mm.find_viewpoint(viewpoint);
  const std::string_view name = vp >= 0 ? mm.viewpoints[static_cast<std::size_t>(vp)].label.get(language) : viewpoint;
  v.name.texts.emplace_back(std::string_view(), storage.emplace_back(name));
  v.viewpoint.text = v.id;
  return v;
}

namespace {

std::string quoted(std::string_view id) {
  std::string out = "\"";
  for (char c : id) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// Writes the DOT text of one view.
class DotWriter {
 public:
  DotWriter(const Model& model, const Metamodel& mm, const Notation& notation, const View& view,
            const DotOptions& options)
      : model_(model), mm_(mm), n_(notation), view_(view), opt_(options) {}

  DotGraph write();

 private:
  void choose_elements();
  void choose_colours();
  void write_element(std::uint32_t e, int depth);
  void write_node(std::uint32_t e, int depth);
  void write_edges();
  /// The elements that layout_.sequence relationships chain (a value
  /// stream's stages that trigger each other) in order, each with what
  /// serves it.
  void write_sequence();
  void write_legend();
  void write_grid(const std::vector<std::uint32_t>& items, int depth);
  /// Holds the bands: every node gets a row of its band (rank=same on an
  /// invisible spine), so that bands stack without constraint edges.
  void write_band_rows(const std::vector<std::vector<std::uint32_t>>& bands);
  void mark_band(std::uint32_t e, std::uint32_t band) {
    band_[e] = band;
    for (std::uint32_t c : children_[e]) mark_band(c, band);
  }
  /// The nodes drawn for these elements: boxes stand for what is inside.
  std::vector<std::uint32_t> nodes_of(const std::vector<std::uint32_t>& elements) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t e : elements) {
      if (children_[e].empty()) {
        out.push_back(e);
      } else {
        const auto inner = nodes_of(children_[e]);
        out.insert(out.end(), inner.begin(), inner.end());
      }
    }
    return out;
  }
  std::size_t span(std::uint32_t e) const;
  std::vector<bool> connected() const;
  /// For a box that stands in for its twin, or specializes others too:
  /// a line naming them.
  std::string twin_line(std::uint32_t e) const {
    if (twins_.twin.empty()) return {};
    std::vector<std::string> marks;
    if (twins_.twin[e] != kNone) {
      const std::string twin = name_of(model_.element(twins_.twin[e]));
      marks.push_back(n_.phrase("twin", opt_.language, twin == name_of(model_.element(e)) ? "" : twin));
    }
    for (std::uint32_t other : twins_.specializes[e]) {
      marks.push_back(n_.phrase("twin", opt_.language, name_of(model_.element(other))));
    }
    std::string out;
    for (const std::string& mark : marks) {
      out += fmt::format("<BR/><FONT POINT-SIZE=\"{}\" COLOR=\"#555555\">{}</FONT>", std::max(6, n_.font_size - 3),
                         html_label_text(mark));
    }
    return out;
  }
  /// A node's (or box's) link to its page, as attributes after `sep`; empty without a link.
  std::string link(const Element& el, std::string_view sep) const {
    if (!opt_.link) return {};
    return fmt::format("{0}URL={1}{0}target=\"_top\"", sep, quoted(opt_.link(el.id)));
  }
  /// A node's band, and its row and place in the row when kaava places them.
  std::string placement(std::uint32_t e) const {
    std::string out;
    if (!band_.empty() && band_[e] != kNone) out += fmt::format(", kaava_band=\"{}\"", band_[e]);
    if (!col_.empty() && col_[e] != kNone) out += fmt::format(", kaava_row=\"{}\", kaava_col=\"{}\"", row_[e], col_[e]);
    return out;
  }
  bool adopted(std::uint32_t e) const { return !twins_.adopted.empty() && twins_.adopted[e]; }
  std::string node_id(std::uint32_t e) const { return quoted(fmt::format("e:{}", model_.element(e).id)); }
  std::string name_of(const Element& el) const {
    const std::string_view name = el.name.get(opt_.language);
    return std::string(name.empty() ? el.id : name);
  }
  /// The fill of an element's node or box: its notation's, or its colour-by value's.
  std::string fill_of(const Element& el, const NodeStyle& style) const {
    if (opt_.color_by.empty()) return style.fill;
    auto it = colour_of_.find(property(el, opt_.color_by));
    return it != colour_of_.end() ? it->second : n_.no_value;
  }
  std::string property(const Element& el, std::string_view key) const {
    if (opt_.computed != nullptr && key == opt_.color_by) {
      // A box that stands in for its twin too (a map's merged twins) shows the twin's value when it has none.
      const auto index = static_cast<std::size_t>(&el - model_.elements().data());
      const std::vector<std::string>& values = *opt_.computed;
      if (index >= values.size()) return {};
      if (values[index].empty() && index < twins_.twin.size() && twins_.twin[index] != kNone) {
        return values[twins_.twin[index]];
      }
      return values[index];
    }
    return std::string(el.property_value(key));
  }
  void line(std::string_view text, int depth) {
    out_.append(2 * static_cast<std::size_t>(depth), ' ');
    out_ += text;
    out_ += '\n';
  }

  const Model& model_;
  const Metamodel& mm_;
  const Notation& n_;
  const View& view_;
  const DotOptions& opt_;
  Layout layout_;
  std::string out_;
  ViewContent content_;                               // what the view shows (views/)
  std::vector<std::vector<std::uint32_t>> children_;  // shown children, when drawn nested
  std::vector<std::uint32_t> parent_;                 // shown parent when nested, else kNone
  std::vector<std::uint32_t> anchor_;                 // for a cluster: a node inside it
  std::map<std::string, std::string> colour_of_;      // color-by value -> colour
  std::vector<std::string> value_order_;
  std::set<TypeIndex> types_used_;
  /// Relationship types drawn, each with the attribute value that changed its line ("" when none).
  std::map<std::pair<RelationshipIndex, std::string>, EdgeStyle> relationships_used_;
  std::uint32_t focus_ = kNone;
  Twins twins_;                      // a map's merged twins
  std::vector<bool> chained_;        // per element: kept in a row by write_sequence
  std::vector<std::uint32_t> band_;  // per element: its band (layer), when drawn in bands
  std::vector<std::uint32_t> row_;   // per node: its row, when drawn in bands
  std::vector<std::uint32_t> col_;   // per node: its place in its row, when kaava places the rows
  DotGraph result_;
};

void DotWriter::choose_elements() {
  content_ = resolve_view(model_, mm_, view_);
  if (layout_.clusters) {
    nest_compositions(model_, mm_, content_);
    if (opt_.merge_twins) twins_ = merge_twins(model_, mm_, mm_.find_relationship(layout_.merge), content_);
  }
  const std::size_t n = model_.elements().size();
  parent_.assign(n, kNone);
  children_.assign(n, {});
  anchor_.assign(n, kNone);
  if (layout_.clusters) {
    for (std::size_t i = 0; i < content_.elements.size(); ++i) {
      const std::uint32_t p = content_.parents[i];
      if (p == kNone) continue;
      parent_[content_.elements[i]] = p;
      children_[p].push_back(content_.elements[i]);
    }
  }
  focus_ = content_.focus;
}

void DotWriter::choose_colours() {
  if (opt_.color_by.empty()) return;
  std::vector<std::string> present;
  for (std::uint32_t e : content_.elements) present.push_back(property(model_.element(e), opt_.color_by));
  colour_values(n_, mm_, opt_.color_by, present, &value_order_, &colour_of_);
}

void DotWriter::write_node(std::uint32_t e, int depth) {
  const Element& el = model_.element(e);
  const NodeStyle s = n_.node_style(mm_, el.type);
  const std::string fill = fill_of(el, s);
  if (el.type != kNoType) types_used_.insert(el.type);
  std::string label = wrapped_label(name_of(el), n_.wrap) + twin_line(e);
  const std::string type_label =
      el.type != kNoType ? std::string(mm_.element_types[el.type].label.get(opt_.language)) : std::string(el.type_name);
  label += fmt::format("<BR/><FONT POINT-SIZE=\"{}\" COLOR=\"#555555\">{}</FONT>", std::max(6, n_.font_size - 3),
                       html_label_text(type_label));
  NodeStyle drawn = s;
  if (e == focus_) drawn.pen_width = std::max(drawn.pen_width, 3.0);
  std::string attrs = node_attributes(drawn, fill, adopted(e) ? "dashed" : "");
  if (e == focus_) attrs += ", peripheries=2";
  attrs += placement(e);
  if (s.shape == "point") {  // a junction: a dot, filled (and) or hollow (or)
    line(fmt::format("{} [shape=point, width=0.15, style=filled, fillcolor=\"{}\", color=\"{}\", tooltip={}{}];",
                     node_id(e), fill, s.border.empty() ? "#000000" : s.border, quoted(el.id), placement(e)),
         depth);
  } else {
    line(fmt::format("{} [label=<{}>, {}, tooltip={}{}];", node_id(e), label, attrs, quoted(el.id), link(el, ", ")),
         depth);
  }
  ++result_.nodes;
}

void DotWriter::write_element(std::uint32_t e, int depth) {
  if (children_[e].empty()) {
    write_node(e, depth);
    return;
  }
  // A parent drawn around its children.
  const Element& el = model_.element(e);
  const NodeStyle s = n_.node_style(mm_, el.type);
  const std::string fill = fill_of(el, s);
  if (el.type != kNoType) types_used_.insert(el.type);
  const std::string label = fmt::format("<B>{}</B>{}", wrapped_label(name_of(el), n_.wrap * 2), twin_line(e));
  line(fmt::format("subgraph {} {{", quoted(fmt::format("cluster_e:{}", el.id))), depth);
  line(fmt::format("label=<{}>; style=\"filled,rounded{}\"; fillcolor=\"{}\"; color=\"{}\"; tooltip={}{};", label,
                   adopted(e) ? ",dashed" : "", fill, s.border.empty() ? "#333333" : s.border, quoted(el.id),
                   link(el, "; ")),
       depth + 1);
  if (!layout_.engine.empty()) {  // osage: the children packed in a block too
    line(fmt::format("packmode=\"array_{}\";", map_columns(children_[e].size())), depth + 1);
  }
  for (std::uint32_t c : children_[e]) write_element(c, depth + 1);
  // Many children would make one wide row inside the box: a block instead.
  std::vector<std::uint32_t> leaves;
  for (std::uint32_t c : children_[e]) {
    if (children_[c].empty()) leaves.push_back(c);
  }
  // (Not for stages kept in a row: write_sequence.)
  const bool in_row = std::ranges::all_of(leaves, [&](std::uint32_t c) { return !chained_.empty() && chained_[c]; });
  if (leaves.size() == children_[e].size() && !in_row) write_grid(leaves, depth + 1);
  line("}", depth);
  // Edges to the parent attach to a node inside its box.
  std::uint32_t a = children_[e].front();
  while (anchor_[a] != kNone) a = anchor_[a];
  anchor_[e] = a;
}

/// Which shown elements an edge of the view touches (nesting counts).
std::vector<bool> DotWriter::connected() const {
  std::vector<bool> out(model_.elements().size(), false);
  for (std::uint32_t i : content_.relationships) {
    const Relationship& r = model_.relationship(i);
    out[r.source.index] = out[r.target.index] = true;
  }
  for (std::uint32_t e : content_.elements) {
    if (parent_[e] != kNone) out[e] = out[parent_[e]] = true;
  }
  return out;
}

/// How many ranks an element takes: one for a node; for a box, its grid
/// of children (see write_grid).
std::size_t DotWriter::span(std::uint32_t e) const {
  const std::vector<std::uint32_t>& kids = children_[e];
  if (kids.empty()) return 1;
  std::size_t per_row = 1;
  while (per_row * per_row < kids.size()) ++per_row;
  std::size_t total = 0;
  for (std::size_t row = 0; row < kids.size(); row += per_row) {
    std::size_t tallest = 1;
    for (std::size_t i = row; i < std::min(kids.size(), row + per_row); ++i) tallest = std::max(tallest, span(kids[i]));
    total += tallest;
  }
  return total;
}

/// Lays `items` (nodes or boxes side by side) out as a block instead of one
/// long line: rows of about the square root of their number, each row held
/// below the one before by invisible edges as long as that row is tall.
void DotWriter::write_grid(const std::vector<std::uint32_t>& items, int depth) {
  if (items.size() < 4) return;
  std::size_t per_row = 1;
  while (per_row * per_row < items.size()) ++per_row;
  for (std::size_t row = per_row; row < items.size(); row += per_row) {
    std::size_t tallest = 1;
    for (std::size_t i = row - per_row; i < row; ++i) tallest = std::max(tallest, span(items[i]));
    for (std::size_t i = row; i < std::min(items.size(), row + per_row); ++i) {
      const std::uint32_t above = items[i - per_row];
      const std::uint32_t a = anchor_[above] != kNone ? anchor_[above] : above;
      const std::uint32_t b = anchor_[items[i]] != kNone ? anchor_[items[i]] : items[i];
      line(fmt::format("{} -> {} [style=invis, minlen={}];", node_id(a), node_id(b), tallest), depth);
    }
  }
}

void DotWriter::write_band_rows(const std::vector<std::vector<std::uint32_t>>& bands) {
  std::vector<std::vector<std::uint32_t>> nodes;
  nodes.reserve(bands.size());
  for (const std::vector<std::uint32_t>& band : bands) nodes.push_back(nodes_of(band));
  const std::vector<std::vector<std::uint32_t>> rows = band_rows(model_, content_, nodes, layout_.row, layout_.row_max);
  row_.assign(model_.elements().size(), kNone);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    for (std::uint32_t e : rows[k]) row_[e] = static_cast<std::uint32_t>(k);
  }
  std::size_t count = 0;
  for (const auto& row : rows) count += row.size();
  if (count > n_.place_from) {
    // Too many for dot: kaava orders the rows, the renderer places them
    // (row_placement.h), and Graphviz routes the edges (nop2 keeps the
    // positions), along splines round the nodes while that is quick.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    for (std::uint32_t r : content_.relationships) {
      const Relationship& rel = model_.relationship(r);
      edges.emplace_back(twins_.drawn(rel.source.index), twins_.drawn(rel.target.index));
    }
    col_ = row_columns(rows, edges, model_.elements().size());
    result_.placed = true;
    line(fmt::format("graph [kaava_engine=\"rows\", splines={}, outputorder=nodesfirst];",
                     edges.size() <= n_.route_until ? "true" : "line"),
         1);
    return;
  }
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const std::string spine = quoted(fmt::format("row:{}", k));
    line(fmt::format("{} [shape=point, style=invis, width=0, height=0, label=\"\"];", spine), 1);
    std::string same = fmt::format("{{rank=same; {};", spine);
    for (std::uint32_t e : rows[k]) same += fmt::format(" {};", node_id(e));
    line(same + "}", 1);
    if (k > 0) line(fmt::format("{} -> {} [style=invis];", quoted(fmt::format("row:{}", k - 1)), spine), 1);
  }
}

void DotWriter::write_sequence() {
  const auto leaf = [&](std::uint32_t e) { return children_[e].empty(); };  // boxes cannot share a rank
  const std::vector<std::vector<std::uint32_t>> columns =
      sequence_columns(model_, mm_, content_, mm_.find_relationship(layout_.sequence), leaf);
  if (columns.empty()) return;
  chained_.assign(model_.elements().size(), false);
  for (const std::vector<std::uint32_t>& column : columns) {
    std::string same = "{rank=same;";
    for (std::uint32_t e : column) {
      chained_[e] = true;
      same += fmt::format(" {};", node_id(e));
    }
    line(same + "}", 1);
  }
}

void DotWriter::write_edges() {
  Stagger stagger(model_, content_, [&](std::uint32_t e) { return parent_[e] == kNone && children_[e].empty(); });
  for (std::size_t k = 0; k < content_.relationships.size(); ++k) {
    const Relationship& r = model_.relationship(content_.relationships[k]);
    // A merged twin's relationships are its stand-in's; the two are one box.
    const std::uint32_t s = twins_.drawn(r.source.index), t = twins_.drawn(r.target.index);
    // Nesting already says "part of": no edge from a box to what is in it.
    if ((layout_.clusters && content_.nesting[k]) || s == t) continue;
    if (!twins_.marked.empty() && twins_.marked[k]) continue;  // a box's ≙ says it
    std::string variant;
    const EdgeStyle style = relationship_style(n_, mm_, r, &variant);
    relationships_used_.try_emplace({r.type, std::move(variant)}, style);
    std::uint32_t from = anchor_[s] != kNone ? anchor_[s] : s;
    std::uint32_t to = anchor_[t] != kNone ? anchor_[t] : t;
    std::string head = style.head, tail = style.tail;
    std::string lhead = anchor_[t] != kNone ? quoted(fmt::format("cluster_e:{}", model_.element(t).id)) : "";
    std::string ltail = anchor_[s] != kNone ? quoted(fmt::format("cluster_e:{}", model_.element(s).id)) : "";
    // In bands, an edge from a lower row up to a higher one is written the
    // other way round (arrowheads swapped), so that it runs down the rows
    // like the rest, and still points where it should.
    if (!row_.empty() && row_[from] != kNone && row_[to] != kNone && row_[from] > row_[to]) {
      std::swap(from, to);
      std::swap(head, tail);
      std::swap(lhead, ltail);
    }
    std::string attrs = edge_attributes(style, head, tail);
    // The rows hold the layout; an edge within a row keeps its ends in
    // order along it (a learner path's stages, left to right).
    if (!band_.empty() && (row_.empty() || row_[from] == kNone || row_[from] != row_[to])) {
      attrs += ", constraint=false";
    }
    if (!ltail.empty()) attrs += fmt::format(", ltail={}", ltail);
    if (!lhead.empty()) attrs += fmt::format(", lhead={}", lhead);
    if (band_.empty() && parent_[s] == kNone && parent_[t] == kNone) {
      if (const std::uint32_t minlen = stagger.minlen(s, t); minlen > 0) attrs += fmt::format(", minlen={}", minlen);
    }
    if (const std::string label = relationship_label(n_, r, opt_.language); !label.empty()) {
      attrs += fmt::format(", label=<{}>", wrapped_label(label, n_.wrap));
    }
    // Which relationship the line is, for what reads the layout back (the exchange format's views).
    attrs += fmt::format(", kaava_rel={}", quoted(r.id));
    line(fmt::format("{} -> {} [{}];", node_id(from), node_id(to), attrs), 1);
    ++result_.edges;
  }
}

void DotWriter::write_legend() {
  if (types_used_.empty() && relationships_used_.empty()) return;
  LegendContent legend;
  legend.types = types_used_;
  legend.relationships = relationships_used_;
  legend.color_by = opt_.color_by;
  legend.values = value_order_;
  legend.colours = colour_of_;
  if (std::ranges::any_of(twins_.twin, [](std::uint32_t t) { return t != kNone; }) ||
      std::ranges::any_of(twins_.specializes, [](const auto& v) { return !v.empty(); })) {
    legend.notes.emplace_back(n_.word("twin-legend", opt_.language));
  }
  if (std::ranges::any_of(twins_.adopted, [](bool a) { return a; })) {
    legend.notes.emplace_back(n_.word("adopted-legend", opt_.language));
  }
  // Drawn beside the view once it is laid out (graphviz_renderer.cpp).
  result_.legend = make_legend(n_, mm_, legend, opt_.language);
}

DotGraph DotWriter::write() {
  layout_ = n_.layout(view_.viewpoint.text.empty() ? std::string_view("default") : view_.viewpoint.text);
  choose_elements();
  choose_colours();
  const std::string_view title = view_.name.get(opt_.language);
  line(fmt::format("digraph {} {{", quoted(view_.id)), 0);
  line(fmt::format("graph [rankdir={}, compound=true, newrank=true, fontname=\"{}\", fontsize={}, labelloc=t, "
                   "label=<<B>{}</B>>, nodesep=0.35, ranksep=0.55];",
                   layout_.rankdir, n_.font, n_.font_size + 4, html_label_text(title.empty() ? view_.id : title)),
       1);
  line(fmt::format("node [fontname=\"{}\", fontsize={}, margin=\"0.12,0.06\"];", n_.font, n_.font_size), 1);
  line(fmt::format("edge [fontname=\"{}\", fontsize={}, color=\"#333333\"];", n_.font, std::max(6, n_.font_size - 2)),
       1);
  std::vector<std::uint32_t> top;
  for (std::uint32_t e : content_.elements) {
    if (parent_[e] == kNone) top.push_back(e);
  }
  if (!layout_.engine.empty()) {
    std::vector<std::size_t> sizes;
    sizes.reserve(top.size());
    for (std::uint32_t e : top) sizes.push_back(children_[e].size());
    line(fmt::format("graph [kaava_engine=\"{}\", packmode=\"array_{}\"];", layout_.engine, page_columns(sizes)), 1);
  }
  if (!layout_.sequence.empty()) write_sequence();
  if (layout_.bands) {
    // One band per layer, top to bottom in the metamodel's order, each in
    // rows of its own (write_band_rows). A band is not a cluster: edges
    // between bands would have to go round the clusters they pass. Each
    // node says its band (kaava_band), and the renderer draws the bands
    // around the laid-out rows (graphviz_renderer.cpp).
    band_.assign(model_.elements().size(), kNone);
    std::vector<std::vector<std::uint32_t>> bands;
    std::string labels;
    for (std::size_t l = 0; l < mm_.layers.size(); ++l) {
      std::vector<std::uint32_t> band;
      for (std::uint32_t e : top) {
        const TypeIndex t = model_.element(e).type;
        if (t != kNoType && mm_.element_types[t].layer == l) band.push_back(e);
      }
      if (band.empty()) continue;
      labels += fmt::format(", kaava_band_{}=<<I>{}</I>>", bands.size(),
                            html_label_text(mm_.layers[l].label.get(opt_.language)));
      for (std::uint32_t e : band) mark_band(e, static_cast<std::uint32_t>(bands.size()));
      bands.push_back(std::move(band));
    }
    line(fmt::format("graph [kaava_bands=\"{}\", kaava_band_fill=\"{}\", kaava_band_border=\"{}\"{}];", bands.size(),
                     n_.band.fill, n_.band.border, labels),
         1);
    write_band_rows(bands);
    for (const std::vector<std::uint32_t>& band : bands) {
      for (std::uint32_t e : band) write_element(e, 1);
    }
    for (std::uint32_t e : top) {
      if (model_.element(e).type == kNoType) write_element(e, 1);
    }
  } else {
    for (std::uint32_t e : top) write_element(e, 1);
  }
  // Elements that nothing connects would otherwise sit in one endless
  // row; lay them out as a block. (Boxes stay side by side, as the columns
  // of a capability map: Graphviz does not stack clusters in rows well.)
  const std::vector<bool> linked = connected();
  std::vector<std::uint32_t> loose;
  for (std::uint32_t e : top) {
    if (children_[e].empty() && !linked[e]) loose.push_back(e);
  }
  if (!layout_.bands) write_grid(loose, 1);
  write_edges();
  if (opt_.legend) write_legend();
  line("}", 0);
  result_.text = std::move(out_);
  return result_;
}

}  // namespace

DotGraph write_dot(const Model& model, const Metamodel& mm, const Notation& notation, const View& view,
                   const DotOptions& options) {
  return DotWriter(model, mm, notation, view, options).write();
}

}  // namespace kaava
