#include "analysis/impact.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "analysis/common.h"
#include "docs/markup.h"
#include "interop/model_json.h"
#include "util/text.h"

namespace kaava::analysis {

namespace {

constexpr std::uint32_t kNoNode = 0xFFFFFFFF;

ImpactTree walk(const Model& model, const Metamodel& mm, std::uint32_t root, std::uint32_t limit, bool dependents) {
  ImpactTree tree;
  tree.dependents = dependents;
  std::vector<std::uint32_t> node_of(model.elements().size(), kNoNode);
  std::vector<bool> beyond(model.elements().size(), false);
  tree.nodes.push_back({root, kNoNode, kNoNode, 0, {}});
  node_of[root] = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> next;  // (element, relationship)
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
    const std::uint32_t e = tree.nodes[i].element;
    const std::uint32_t depth = tree.nodes[i].depth;
    next.clear();
    dependency_steps(model, mm, e, dependents, [&](std::uint32_t other, std::uint32_t r) {
      if (node_of[other] == kNoNode) next.emplace_back(other, r);
    });
    // By id, then the first relationship in model order: the same tree on every run.
    std::ranges::sort(next, [&](const auto& a, const auto& b) {
      const std::string_view x = model.element(a.first).id, y = model.element(b.first).id;
      return x != y ? x < y : a.second < b.second;
    });
    for (const auto& [other, r] : next) {
      if (node_of[other] != kNoNode) continue;  // twice in `next`: the first relationship
      if (limit > 0 && depth >= limit) {
        if (!beyond[other]) ++tree.beyond_depth;
        beyond[other] = true;
        continue;
      }
      node_of[other] = static_cast<std::uint32_t>(tree.nodes.size());
      tree.nodes[i].children.push_back(node_of[other]);
      tree.nodes.push_back({other, static_cast<std::uint32_t>(i), r, depth + 1, {}});
    }
  }
  // Breadth first: every element within the limit was taken in before the
  // nodes at the limit were looked at, so what they leave out lies beyond it,
  // and so does everything reached from there.
  std::vector<std::uint32_t> queue;
  for (std::uint32_t e = 0; e < beyond.size(); ++e) {
    if (beyond[e]) queue.push_back(e);
  }
  for (std::size_t i = 0; i < queue.size(); ++i) {
    dependency_steps(model, mm, queue[i], dependents, [&](std::uint32_t other, std::uint32_t) {
      if (node_of[other] != kNoNode || beyond[other]) return;
      beyond[other] = true;
      ++tree.beyond_depth;
      queue.push_back(other);
    });
  }
  return tree;
}

std::uint32_t deepest(const ImpactTree& tree) {
  std::uint32_t d = 0;
  for (const ImpactNode& n : tree.nodes) d = std::max(d, n.depth);
  return d;
}

/// "4 business, 6 application": the tree's elements (the root aside) by layer, in the metamodel's order.
std::string by_layer(const Workspace& ws, const ImpactTree& tree) {
  const Metamodel& mm = ws.metamodel;
  std::vector<std::size_t> counts(mm.layers.size() + 1, 0);
  for (std::size_t i = 1; i < tree.nodes.size(); ++i) {
    const Element& el = ws.model.element(tree.nodes[i].element);
    ++counts[el.type != kNoType ? mm.element_types[el.type].layer : mm.layers.size()];
  }
  std::vector<std::string> parts;
  for (std::size_t l = 0; l < counts.size(); ++l) {
    if (counts[l] > 0) parts.push_back(fmt::format("{} {}", counts[l], l < mm.layers.size() ? mm.layers[l].id : "?"));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string headline(const Workspace& ws, const Impact& impact, const ImpactTree& tree) {
  const std::string_view id = ws.model.element(impact.element).id;
  const std::size_t n = tree.nodes.size() - 1;
  const std::string what = n == 0 ? std::string("nothing") : fmt::format("{} {}", n, n == 1 ? "element" : "elements");
  std::string line = tree.dependents ? fmt::format("{} {} on {}", what, n > 1 ? "depend" : "depends", id)
                                     : fmt::format("{} depends on {}", id, what);
  if (n > 0) line += fmt::format(" ({} {} deep): {}", deepest(tree), deepest(tree) == 1 ? "step" : "steps",
                                 by_layer(ws, tree));
  return line;
}

std::string beyond_line(const Impact& impact, const ImpactTree& tree) {
  if (tree.beyond_depth == 0) return {};
  return fmt::format("{} more {} beyond --depth {}", tree.beyond_depth,
                     tree.beyond_depth == 1 ? "element lies" : "elements lie", impact.depth);
}

/// The step from a node's parent to it: "serving →" when the parent is the
/// relationship's source, "access ←" when the node is.
std::string step_text(const Workspace& ws, const ImpactTree& tree, const ImpactNode& node) {
  const Relationship& rel = ws.model.relationship(node.relationship);
  const std::string_view type = relationship_type_id(ws.metamodel, rel);
  const bool forward = rel.source.index == tree.nodes[node.parent].element;
  return fmt::format("{} {}", type, forward ? "→" : "←");
}

std::string element_text(const Workspace& ws, std::uint32_t e, std::string_view language) {
  const Element& el = ws.model.element(e);
  const std::string_view name = el.name.get(language);
  return name.empty() ? fmt::format("{} [{}]", el.id, type_id(ws.metamodel, el))
                      : fmt::format("{}  {} [{}]", el.id, printable(name), type_id(ws.metamodel, el));
}

void tree_text(const Workspace& ws, const ImpactTree& tree, std::uint32_t node, const std::string& prefix,
               std::string_view language, std::string* out) {
  const std::vector<std::uint32_t>& children = tree.nodes[node].children;
  for (std::size_t i = 0; i < children.size(); ++i) {
    const bool last = i + 1 == children.size();
    const ImpactNode& child = tree.nodes[children[i]];
    *out += fmt::format("{}{} {} {}\n", prefix, last ? "└──" : "├──", step_text(ws, tree, child),
                        element_text(ws, child.element, language));
    tree_text(ws, tree, children[i], prefix + (last ? "    " : "│   "), language, out);
  }
}

void tree_markdown(const Workspace& ws, const ImpactTree& tree, std::uint32_t node, std::size_t indent,
                   std::string_view language, std::string* out) {
  for (std::uint32_t c : tree.nodes[node].children) {
    const ImpactNode& child = tree.nodes[c];
    const Element& el = ws.model.element(child.element);
    const std::string_view name = el.name.get(language);
    *out += fmt::format("{}- {} `{}`{} *({})*\n", std::string(indent, ' '), step_text(ws, tree, child), el.id,
                        name.empty() ? std::string() : " " + docs::markdown_escape(name),
                        type_id(ws.metamodel, el));
    tree_markdown(ws, tree, c, indent + 2, language, out);
  }
}

interop::json tree_json(const Workspace& ws, const ImpactTree& tree, std::string_view language) {
  const Model& model = ws.model;
  const Metamodel& mm = ws.metamodel;
  interop::json out = interop::json::array();
  for (std::size_t i = 1; i < tree.nodes.size(); ++i) {
    const ImpactNode& n = tree.nodes[i];
    const Element& el = model.element(n.element);
    const Relationship& rel = model.relationship(n.relationship);
    interop::json path = interop::json::array();
    for (std::uint32_t k = static_cast<std::uint32_t>(i); k != kNoNode; k = tree.nodes[k].parent) {
      path.insert(path.begin(), std::string(model.element(tree.nodes[k].element).id));
    }
    interop::json e = interop::json::object();
    e["id"] = std::string(el.id);
    e["type"] = std::string(type_id(mm, el));
    if (el.type != kNoType) e["layer"] = mm.layers[mm.element_types[el.type].layer].id;
    e["name"] = std::string(el.name.get(language));
    e["depth"] = n.depth;
    e["from"] = std::string(model.element(tree.nodes[n.parent].element).id);
    e["relationship"] = {{"id", std::string(rel.id)},
                         {"type", std::string(relationship_type_id(mm, rel))},
                         {"source", std::string(rel.source.id)},
                         {"target", std::string(rel.target.id)}};
    e["path"] = std::move(path);
    if (is_imported(ws, el)) e["imported"] = std::string(ws.import_of(el.at.file));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Impact impact(const Model& model, const Metamodel& mm, const ImpactRequest& request) {
  Impact out;
  out.element = request.element;
  out.depth = request.depth;
  out.direction = request.direction;
  if (request.direction != ImpactDirection::out) out.trees.push_back(walk(model, mm, request.element, request.depth, true));
  if (request.direction != ImpactDirection::in) out.trees.push_back(walk(model, mm, request.element, request.depth, false));
  return out;
}

std::vector<std::uint32_t> impact_elements(const Impact& impact) {
  std::vector<std::uint32_t> out{impact.element};
  for (const ImpactTree& tree : impact.trees) {
    for (std::size_t i = 1; i < tree.nodes.size(); ++i) {
      if (std::ranges::find(out, tree.nodes[i].element) == out.end()) out.push_back(tree.nodes[i].element);
    }
  }
  return out;
}

std::vector<std::string_view> dependency_types(const Metamodel& mm) {
  std::vector<std::string_view> out;
  for (const RelationshipType& t : mm.relationship_types) {
    if (t.dependent != DependentEnd::none) out.push_back(t.id);
  }
  return out;
}

std::string impact_output(const Workspace& ws, const Impact& impact, std::string_view format,
                          std::string_view language) {
  const Model& model = ws.model;
  const Element& root = model.element(impact.element);
  if (format == "json") {
    interop::json doc = interop::json::object();
    doc["kaava-impact"] = kImpactJsonVersion;
    doc["element"] = {{"id", std::string(root.id)},
                      {"type", std::string(type_id(ws.metamodel, root))},
                      {"name", std::string(root.name.get(language))}};
    doc["direction"] = impact.direction == ImpactDirection::in    ? "in"
                       : impact.direction == ImpactDirection::out ? "out"
                                                                  : "both";
    doc["depth"] = impact.depth > 0 ? interop::json(impact.depth) : interop::json(nullptr);
    for (const ImpactTree& tree : impact.trees) {
      const std::string key = tree.dependents ? "dependents" : "dependencies";
      doc[key] = tree_json(ws, tree, language);
      doc[key + "-beyond-depth"] = tree.beyond_depth;
    }
    return doc.dump(2, ' ', false, interop::json::error_handler_t::replace) + "\n";
  }
  std::string out;
  if (format == "markdown") {
    const std::string_view name = root.name.get(language);
    out += fmt::format("#### Impact of `{}`{}\n", root.id, name.empty() ? "" : " " + docs::markdown_escape(name));
    for (const ImpactTree& tree : impact.trees) {
      out += fmt::format("\n**{}**\n\n", docs::markdown_escape(headline(ws, impact, tree)));
      tree_markdown(ws, tree, 0, 0, language, &out);
      if (const std::string more = beyond_line(impact, tree); !more.empty()) {
        out += fmt::format("\n{}\n", docs::markdown_escape(more));
      }
    }
    return out;
  }
  for (std::size_t t = 0; t < impact.trees.size(); ++t) {
    const ImpactTree& tree = impact.trees[t];
    if (t > 0) out += '\n';
    out += fmt::format("{}\n", headline(ws, impact, tree));
    out += fmt::format("{}\n", element_text(ws, impact.element, language));
    tree_text(ws, tree, 0, "", language, &out);
    if (const std::string more = beyond_line(impact, tree); !more.empty()) out += more + "\n";
  }
  return out;
}

}  // namespace kaava::analysis
