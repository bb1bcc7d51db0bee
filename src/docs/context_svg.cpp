#include "docs/context_svg.h"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "docs/markup.h"
#include "render/edges.h"
#include "util/text.h"

namespace kaava::docs {

namespace {

// Measures, in pixels: the columns, a box's lines, gaps.
constexpr double k_box = 230, k_gap = 110, k_line = 15, k_pad = 8, k_between = 10, k_heading = 22;
constexpr std::size_t k_wrap = 30;  // characters per line of a name

struct Box {
  std::uint32_t element = kNone;
  std::vector<std::string> lines;  // the name, wrapped
  std::string type;
  double x = 0, y = 0, h = 0;
};

Box make_box(const Model& model, const Metamodel& mm, std::uint32_t e, std::string_view language) {
  const Element& el = model.element(e);
  Box b;
  b.element = e;
  std::string_view name = el.name.get(language);
  if (name.empty()) name = el.id;
  b.lines = wrap_words(name, k_wrap);
  if (b.lines.empty()) b.lines.emplace_back(el.id);
  b.type = el.type != kNoType ? std::string(mm.element_types[el.type].label.get(language)) : std::string(el.type_name);
  b.h = k_pad * 2 + k_line * static_cast<double>(b.lines.size() + 1);
  return b;
}

/// An SVG marker's id for a Graphviz arrowhead name, and its definition.
std::string marker_id(std::string_view prefix, std::string_view arrow, std::string_view colour) {
  if (arrow.empty() || arrow == "none") return {};
  return fmt::format("{}m-{}-{}", prefix, arrow, url_segment(colour.substr(colour.starts_with('#') ? 1 : 0)));
}

std::string marker_def(const std::string& id, std::string_view arrow, std::string_view colour) {
  const std::string c(colour);
  const bool hollow = arrow.starts_with('o');
  std::string shape;
  if (arrow.find("diamond") != std::string_view::npos) {
    shape = fmt::format(R"(<path d="M0,5 L6,1 L12,5 L6,9 Z" fill="{}" stroke="{}"/>)", hollow ? "#fff" : c, c);
  } else if (arrow.find("dot") != std::string_view::npos) {
    shape = fmt::format(R"(<circle cx="5" cy="5" r="3.5" fill="{}" stroke="{}"/>)", hollow ? "#fff" : c, c);
  } else if (arrow.find("vee") != std::string_view::npos) {
    shape = fmt::format(R"(<path d="M1,1 L10,5 L1,9" fill="none" stroke="{}" stroke-width="1.3"/>)", c);
  } else {
    shape = fmt::format(R"(<path d="M1,1 L10,5 L1,9 Z" fill="{}" stroke="{}"/>)", hollow ? "#fff" : c, c);
  }
  return fmt::format(
      R"(<marker id="{}" viewBox="0 0 12 10" refX="{}" refY="5" markerWidth="12" markerHeight="10" orient="auto-start-reverse">{}</marker>)",
      id, arrow.find("diamond") != std::string_view::npos ? 12 : 10, shape);
}

std::string draw_box(const Box& b, const Notation& n, const Metamodel& mm, const Model& model, bool focus,
                     const ContextOptions& opt) {
  const Element& el = model.element(b.element);
  const NodeStyle s = n.node_style(mm, el.type);
  const std::string fill = s.fill.empty() ? "#FFFFFF" : s.fill, border = s.border.empty() ? "#333333" : s.border;
  std::string shape;
  const double w = k_box;
  if (s.shape == "ellipse" || s.shape == "oval") {
    shape = fmt::format(R"(<ellipse cx="{:.1f}" cy="{:.1f}" rx="{:.1f}" ry="{:.1f}")", b.x + w / 2, b.y + b.h / 2,
                        w / 2, b.h / 2);
  } else {
    const bool round = s.style.find("rounded") != std::string::npos;
    shape = fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" rx="{}")", b.x, b.y, w, b.h,
                        round ? 10 : 0);
  }
  const bool dashed = s.style.find("dashed") != std::string::npos;
  shape += fmt::format(R"( fill="{}" stroke="{}" stroke-width="{}"{}/>)", html(fill), html(border), focus ? 3 : 1.2,
                       dashed ? R"( stroke-dasharray="5,3")" : "");
  std::string text;
  double y = b.y + k_pad + k_line - 3;
  for (const std::string& line : b.lines) {
    text += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle"{}>{}</text>)", b.x + w / 2, y,
                        focus ? R"( font-weight="bold")" : "", html(line));
    y += k_line;
  }
  text += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" class="type">{}</text>)", b.x + w / 2, y,
                      html(b.type));
  const std::string body = shape + text;
  if (focus || !opt.href) return fmt::format("<g>{}</g>", body);
  return fmt::format(R"(<a href="{}"><title>{}</title>{}</a>)", html(opt.href(b.element)), html(el.id), body);
}

}  // namespace

std::string context_svg(const Model& model, const Metamodel& mm, const Notation& notation, std::uint32_t element,
                        const ContextOptions& opt) {
  if (model.incoming(element).empty() && model.outgoing(element).empty()) return {};
  struct Side {
    // relationship type label -> (relationship, other end)
    std::map<std::string, std::vector<std::pair<std::uint32_t, std::uint32_t>>> groups;
  };
  Side in, out;
  for (std::uint32_t r : model.incoming(element)) {
    const Relationship& rel = model.relationship(r);
    if (rel.source.index == kNone) continue;
    if (rel.type == kNoRelationship) continue;
    const std::string type(mm.relationship_types[rel.type].label.get(opt.language));
    in.groups[type].emplace_back(r, rel.source.index);
  }
  for (std::uint32_t r : model.outgoing(element)) {
    const Relationship& rel = model.relationship(r);
    if (rel.target.index == kNone) continue;
    if (rel.type == kNoRelationship) continue;
    const std::string type(mm.relationship_types[rel.type].label.get(opt.language));
    out.groups[type].emplace_back(r, rel.target.index);
  }
  std::string defs, lines, boxes, headings;
  std::map<std::string, bool> markers;
  // The columns: boxes under their group's heading, top to bottom.
  struct Placed {
    Box box;
    std::uint32_t relationship;
  };
  const auto column = [&](Side& side, double x, std::vector<Placed>* placed) {
    double y = 10;
    for (auto& [type, members] : side.groups) {
      headings += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="group">{}</text>)", x, y + 14, html(type));
      y += k_heading;
      for (const auto& [r, other] : members) {
        Box b = make_box(model, mm, other, opt.language);
        b.x = x;
        b.y = y;
        y += b.h + k_between;
        placed->push_back({std::move(b), r});
      }
      y += k_between;
    }
    return y;
  };
  std::vector<Placed> left, right;
  const double left_bottom = column(in, 10, &left);
  const double right_bottom = column(out, 10 + 2 * (k_box + k_gap), &right);
  Box middle = make_box(model, mm, element, opt.language);
  const double height = std::max({left_bottom, right_bottom, middle.h + 20});
  middle.x = 10 + k_box + k_gap;
  // Beside the middle of its columns, but within the first screen of a tall one.
  middle.y = std::min((height - middle.h) / 2, 240.0);
  const auto connect = [&](const Placed& p, bool incoming) {
    const Relationship& rel = model.relationship(p.relationship);
    std::string variant;
    const EdgeStyle style = relationship_style(notation, mm, rel, &variant);
    const std::string colour = style.color.empty() ? "#333333" : style.color;
    // Source to target: an incoming line runs from the left box to the
    // middle, an outgoing one from the middle to the right box.
    const double x1 = incoming ? p.box.x + k_box : middle.x + k_box, x2 = incoming ? middle.x : p.box.x;
    const double y1 = incoming ? p.box.y + p.box.h / 2 : middle.y + middle.h / 2;
    const double y2 = incoming ? middle.y + middle.h / 2 : p.box.y + p.box.h / 2;
    std::string attrs;
    for (const auto& [arrow, end] : {std::pair{style.head, "end"}, std::pair{style.tail, "start"}}) {
      const std::string id = marker_id(opt.id_prefix, arrow, colour);
      if (id.empty()) continue;
      if (!markers[id]) {
        markers[id] = true;
        defs += marker_def(id, arrow, colour);
      }
      attrs += fmt::format(" marker-{}=\"url(#{})\"", end, id);
    }
    const std::string dash = style.style == "dashed"   ? R"( stroke-dasharray="6,4")"
                             : style.style == "dotted" ? R"( stroke-dasharray="2,3")"
                                                       : "";
    lines += fmt::format(
        R"(<path d="M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}" fill="none" stroke="{}" stroke-width="{}"{}{}/>)",
        x1, y1, x1 + k_gap / 2, y1, x2 - k_gap / 2, y2, x2, y2, html(colour),
        style.pen_width > 0 ? style.pen_width : 1.2, dash, attrs);
  };
  for (const Placed& p : left) {
    connect(p, true);
    boxes += draw_box(p.box, notation, mm, model, false, opt);
  }
  for (const Placed& p : right) {
    connect(p, false);
    boxes += draw_box(p.box, notation, mm, model, false, opt);
  }
  boxes += draw_box(middle, notation, mm, model, true, opt);
  const double width = 20 + 3 * k_box + 2 * k_gap;
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" class="context" role="img" viewBox="0 0 {:.0f} {:.0f}" width="{:.0f}" height="{:.0f}"><title>{}</title><defs>{}</defs>{}{}{}</svg>)",
      width, height, width, height, html(opt.title), defs, headings, lines, boxes);
}

}  // namespace kaava::docs
