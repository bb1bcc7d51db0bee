#include "render/notation.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "resources/embedded_yaml.h"
#include "yaml/document.h"

namespace kaava {

namespace {

std::string text(const yaml::Document& doc, yaml::NodeId map, std::string_view key) {
  yaml::NodeId v = 0;
  return doc.find(map, key, &v) ? std::string(doc.scalar(v)) : std::string();
}

double number(const yaml::Document& doc, yaml::NodeId map, std::string_view key) {
  const std::string s = text(doc, map, key);
  double value = 0;
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value;
}

NodeStyle node(const yaml::Document& doc, yaml::NodeId map) {
  return {text(doc, map, "shape"), text(doc, map, "style"), text(doc, map, "fill"), text(doc, map, "border"),
          number(doc, map, "pen-width")};
}

EdgeStyle edge(const yaml::Document& doc, yaml::NodeId map) {
  return {text(doc, map, "style"),  text(doc, map, "head"),  text(doc, map, "tail"),
          text(doc, map, "legend"), text(doc, map, "color"), number(doc, map, "pen-width")};
}

Notation load() {
  Notation n;
  const std::optional<yaml::Document> data = resources::embedded_yaml("models/notation.yaml", &n.problems);
  if (!data) return n;
  const yaml::Document& doc = *data;
  const yaml::NodeId root = doc.root();
  if (const std::string f = text(doc, root, "font"); !f.empty()) n.font = f;
  if (const double s = number(doc, root, "font-size"); s > 0) n.font_size = static_cast<int>(s);
  if (const double w = number(doc, root, "wrap"); w > 0) n.wrap = static_cast<std::size_t>(w);
  if (const double l = number(doc, root, "large-view"); l > 0) n.large_view = static_cast<std::size_t>(l);
  if (const double g = number(doc, root, "place-from"); g > 0) n.place_from = static_cast<std::size_t>(g);
  if (const double g = number(doc, root, "route-until"); g > 0) n.route_until = static_cast<std::size_t>(g);
  if (const double a = number(doc, root, "aggregate-from"); a > 0) n.aggregate_from = static_cast<std::size_t>(a);
  if (const std::string v = text(doc, root, "no-value"); !v.empty()) n.no_value = v;
  yaml::NodeId section = 0;
  if (doc.find(root, "palette", &section)) {
    for (yaml::NodeId c : doc.items(section)) n.palette.emplace_back(doc.scalar(c));
  }
  if (doc.find(root, "sequential-palette", &section)) {
    for (yaml::NodeId c : doc.items(section)) n.sequential.emplace_back(doc.scalar(c));
  }
  if (doc.find(root, "value-colors", &section)) {
    for (auto [property, values] : doc.pairs(section)) {
      auto& colours = n.value_colours[std::string(doc.scalar(property))];
      for (auto [value, colour] : doc.pairs(values)) colours[std::string(doc.scalar(value))] = doc.scalar(colour);
    }
  }
  if (doc.find(root, "band", &section)) n.band = node(doc, section);
  if (doc.find(root, "layers", &section)) {
    for (auto [k, v] : doc.pairs(section)) n.layers.emplace(doc.scalar(k), node(doc, v));
  }
  if (doc.find(root, "element-types", &section)) {
    for (auto [k, v] : doc.pairs(section)) n.types.emplace(doc.scalar(k), node(doc, v));
  }
  if (doc.find(root, "relationship-types", &section)) {
    for (auto [k, v] : doc.pairs(section)) n.relationships.emplace(doc.scalar(k), edge(doc, v));
  }
  if (doc.find(root, "attribute-styles", &section)) {
    for (auto [k, v] : doc.pairs(section)) {
      auto& values = n.attribute_styles[std::string(doc.scalar(k))];
      for (auto [value, style] : doc.pairs(v)) values.emplace(doc.scalar(value), edge(doc, style));
    }
  }
  if (doc.find(root, "label-attributes", &section)) {
    for (yaml::NodeId a : doc.items(section)) n.label_attributes.emplace_back(doc.scalar(a));
  }
  if (doc.find(root, "layouts", &section)) {
    for (auto [k, v] : doc.pairs(section)) {
      Layout l;
      if (const std::string r = text(doc, v, "rankdir"); !r.empty()) l.rankdir = r;
      l.clusters = text(doc, v, "nesting") == "clusters";
      l.bands = text(doc, v, "bands") == "true";
      if (const double row = number(doc, v, "row"); row >= 1) l.row = static_cast<std::size_t>(row);
      if (const double most = number(doc, v, "row-max"); most >= 1) l.row_max = static_cast<std::size_t>(most);
      l.engine = text(doc, v, "engine");
      l.merge = text(doc, v, "merge");
      l.sequence = text(doc, v, "sequence");
      n.layouts.emplace(doc.scalar(k), l);
    }
  }
  if (doc.find(root, "words", &section)) {
    for (auto [k, v] : doc.pairs(section)) {
      Label label;
      for (auto [lang, word] : doc.pairs(v)) label.texts.emplace_back(doc.scalar(lang), doc.scalar(word));
      n.words.emplace(doc.scalar(k), std::move(label));
    }
  }
  if (n.palette.empty()) n.problems.emplace_back("no palette");
  return n;
}

void merge(NodeStyle& into, const NodeStyle& from) {
  if (into.shape.empty()) into.shape = from.shape;
  if (into.style.empty()) into.style = from.style;
  if (into.fill.empty()) into.fill = from.fill;
  if (into.border.empty()) into.border = from.border;
  if (into.pen_width == 0) into.pen_width = from.pen_width;
}

}  // namespace

const Notation& builtin_notation() {
  static const Notation notation = load();
  return notation;
}

NodeStyle Notation::node_style(const Metamodel& mm, TypeIndex type) const {
  NodeStyle out;
  if (type == kNoType) {
    out = {"box", "dashed", no_value, "#999999", 0};
    return out;
  }
  for (TypeIndex t = type; t != kNoType; t = mm.element_types[t].base) {
    if (auto it = types.find(mm.element_types[t].id); it != types.end()) merge(out, it->second);
    if (mm.element_types[t].root == kNoType) break;
  }
  if (auto it = layers.find(mm.layers[mm.element_types[type].layer].id); it != layers.end()) merge(out, it->second);
  if (out.shape.empty()) out.shape = "box";
  return out;
}

EdgeStyle Notation::edge_style(const Metamodel& mm, RelationshipIndex type) const {
  EdgeStyle out;
  for (RelationshipIndex r = type; r != kNoRelationship; r = mm.relationship_types[r].base) {
    auto it = relationships.find(mm.relationship_types[r].id);
    if (it == relationships.end()) continue;
    const EdgeStyle& s = it->second;
    if (out.style.empty()) out.style = s.style;
    if (out.head.empty()) out.head = s.head;
    if (out.tail.empty()) out.tail = s.tail;
    if (out.legend.empty()) out.legend = s.legend;
    if (out.color.empty()) out.color = s.color;
    if (out.pen_width == 0) out.pen_width = s.pen_width;
    if (mm.relationship_types[r].root == kNoRelationship) break;
  }
  if (out.style.empty()) out.style = "solid";
  if (out.head.empty()) out.head = "normal";
  if (out.tail.empty()) out.tail = "none";
  return out;
}

const EdgeStyle* Notation::attribute_style(std::string_view key, std::string_view value) const {
  const auto values = attribute_styles.find(key);
  if (values == attribute_styles.end()) return nullptr;
  const auto it = values->second.find(value);
  return it == values->second.end() ? nullptr : &it->second;
}

bool Notation::labels_attribute(std::string_view key) const {
  return std::ranges::find(label_attributes, key) != label_attributes.end();
}

std::string_view Notation::word(std::string_view key, std::string_view language) const {
  auto it = words.find(key);
  return it == words.end() ? key : it->second.get(language);
}

Layout Notation::layout(std::string_view viewpoint) const {
  if (auto it = layouts.find(viewpoint); it != layouts.end()) return it->second;
  if (auto it = layouts.find("default"); it != layouts.end()) return it->second;
  return Layout();
}

std::string node_attributes(const NodeStyle& s, std::string_view fill, std::string_view style_extra) {
  std::string style = s.style;
  if (!style_extra.empty()) style += (style.empty() ? "" : ",") + std::string(style_extra);
  std::string out = fmt::format("shape={}, style=\"filled{}{}\", fillcolor=\"{}\", color=\"{}\"", s.shape,
                                style.empty() ? "" : ",", style, fill, s.border.empty() ? "#333333" : s.border);
  if (s.pen_width > 0) out += fmt::format(", penwidth={}", s.pen_width);
  return out;
}

std::string edge_attributes(const EdgeStyle& s, std::string_view head, std::string_view tail) {
  std::string out = fmt::format("style={}, arrowhead={}, arrowtail={}, dir=both", s.style, head, tail);
  if (!s.color.empty()) out += fmt::format(", color=\"{}\"", s.color);
  if (s.pen_width > 0) out += fmt::format(", penwidth={}", s.pen_width);
  return out;
}

}  // namespace kaava
