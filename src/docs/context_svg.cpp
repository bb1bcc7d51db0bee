#include "docs/context_svg.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "docs/markup.h"
#include "render/edges.h"
#include "util/text.h"

namespace kaava::docs {

namespace {

// Measures, in pixels: the columns, a box's lines, gaps.
constexpr double k_box = 230, k_gap = 110, k_line = 15, k_pad = 8, k_between = 10, k_heading = 22;
constexpr std::size_t k_wrap = 30;     // characters per line of a name
constexpr std::size_t k_max_lines = 4;  // lines of a name; the rest is cut with an ellipsis
constexpr double k_port = 12;           // between the ends of lines at the middle box
constexpr std::size_t k_bundle_from = 4; // a group of this many boxes meets the middle in one trunk
constexpr double k_spine = 22;          // from a bundled group's boxes to its spine

struct Box {
  std::uint32_t element = kNone;
  std::vector<std::string> lines;  // the name, wrapped
  std::string type;
  double x = 0, y = 0, h = 0;
  double text_h = 0;  // the height its text needs (a tall middle box centres it)
};

Box make_box(const Model& model, const Metamodel& mm, std::uint32_t e, std::string_view language) {
  const Element& el = model.element(e);
  Box b;
  b.element = e;
  std::string_view name = el.name.get(language);
  if (name.empty()) name = el.id;
  // A box has a fixed width: long words are cut, long names shortened
  // (the page's heading has the whole name).
  b.lines = wrap_words(name, k_wrap, true);
  if (b.lines.size() > k_max_lines) {
    b.lines.resize(k_max_lines);
    std::vector<std::string> last = wrap_words(b.lines.back(), k_wrap - 1, true);
    b.lines.back() = last.front() + "…";
  }
  if (b.lines.empty()) b.lines.emplace_back(el.id);
  b.type = el.type != kNoType ? std::string(mm.element_types[el.type].label.get(language)) : std::string(el.type_name);
  b.h = b.text_h = k_pad * 2 + k_line * static_cast<double>(b.lines.size() + 1);
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
  double y = b.y + (b.h - b.text_h) / 2 + k_pad + k_line - 3;
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
    std::size_t group;
  };
  const auto column = [&](Side& side, double x, std::vector<Placed>* placed) {
    double y = 10;
    std::size_t group = 0;
    for (auto& [type, members] : side.groups) {
      headings += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="group">{}</text>)", x, y + 14, html(type));
      y += k_heading;
      for (const auto& [r, other] : members) {
        Box b = make_box(model, mm, other, opt.language);
        b.x = x;
        b.y = y;
        y += b.h + k_between;
        placed->push_back({std::move(b), r, group});
      }
      y += k_between;
      ++group;
    }
    return y;
  };
  std::vector<Placed> left, right;
  const double left_bottom = column(in, 10, &left);
  const double right_bottom = column(out, 10 + 2 * (k_box + k_gap), &right);
  // What meets the middle box on a side: a line per element, or for a
  // larger group one trunk from a spine beside its boxes, so that a hub's
  // fifty lines do not become one dark ladder.
  struct Link {
    std::size_t first, last;
    bool bundle;
  };
  const auto links_of = [](const std::vector<Placed>& placed) {
    std::vector<Link> links;
    for (std::size_t i = 0; i < placed.size();) {
      std::size_t j = i;
      while (j < placed.size() && placed[j].group == placed[i].group) ++j;
      if (j - i >= k_bundle_from) {
        links.push_back({i, j - 1, true});
      } else {
        for (std::size_t k = i; k < j; ++k) links.push_back({k, k, false});
      }
      i = j;
    }
    return links;
  };
  const std::vector<Link> left_links = links_of(left), right_links = links_of(right);
  Box middle = make_box(model, mm, element, opt.language);
  // The lines end at the middle box a little apart, in the order of what
  // they come from: the box grows to hold them.
  const std::size_t ports = std::max(left_links.size(), right_links.size());
  const double columns = std::max(left_bottom, right_bottom);
  middle.h = std::max(middle.h, std::min(k_port * static_cast<double>(ports) + 2 * k_pad, columns - 20));
  const double height = std::max(columns, middle.h + 20);
  middle.x = 10 + k_box + k_gap;
  // Beside the middle of its columns, but within the first screen of a tall one.
  middle.y = std::max(10.0, std::min((height - middle.h) / 2, 240.0));
  const NodeStyle middle_style = notation.node_style(mm, model.element(element).type);
  const bool oval = middle_style.shape == "ellipse" || middle_style.shape == "oval";
  // Where the k-th of n lines meets the middle box on its left (or right) side.
  const auto port = [&](std::size_t k, std::size_t n, bool left_side, double* x, double* y) {
    const double span = std::min(middle.h - 2 * k_pad, k_port * static_cast<double>(n > 0 ? n - 1 : 0));
    *y = middle.y + middle.h / 2 - span / 2 + (n > 1 ? span * static_cast<double>(k) / static_cast<double>(n - 1) : 0);
    double inset = 0;
    if (oval) {  // on the ellipse, not its bounding box
      const double dy = (*y - (middle.y + middle.h / 2)) / (middle.h / 2);
      inset = k_box / 2 * (1 - std::sqrt(std::max(0.0, 1 - dy * dy)));
    }
    *x = left_side ? middle.x + inset : middle.x + k_box - inset;
  };
  // A line from (x1,y1) to (x2,y2) in a relationship's style, curved when it
  // crosses the gap, with the arrowheads asked for at its ends.
  const auto line = [&](std::uint32_t r, double x1, double y1, double x2, double y2, bool head, bool tail) {
    std::string variant;
    const EdgeStyle style = relationship_style(notation, mm, model.relationship(r), &variant);
    const std::string colour = style.color.empty() ? "#333333" : style.color;
    std::string attrs;
    for (const auto& [arrow, end, wanted] : {std::tuple{style.head, "end", head}, std::tuple{style.tail, "start", tail}}) {
      const std::string id = wanted ? marker_id(opt.id_prefix, arrow, colour) : std::string();
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
    const double bend = (x2 - x1) / 2;
    lines += fmt::format(
        R"(<path d="M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}" fill="none" stroke="{}" stroke-width="{}"{}{}/>)",
        x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2, html(colour), style.pen_width > 0 ? style.pen_width : 1.2, dash,
        attrs);
  };
  // Source to target: incoming lines run from the left boxes to the middle,
  // outgoing ones from the middle to the right boxes.
  const auto connect = [&](const std::vector<Placed>& placed, const std::vector<Link>& links, bool incoming) {
    for (std::size_t k = 0; k < links.size(); ++k) {
      double mx = 0, my = 0;
      port(k, links.size(), incoming, &mx, &my);
      const Link& l = links[k];
      const auto edge = [&](const Placed& p) { return incoming ? p.box.x + k_box : p.box.x; };
      const auto centre = [](const Placed& p) { return p.box.y + p.box.h / 2; };
      if (!l.bundle) {
        const Placed& p = placed[l.first];
        if (incoming) {
          line(p.relationship, edge(p), centre(p), mx, my, true, true);
        } else {
          line(p.relationship, mx, my, edge(p), centre(p), true, true);
        }
        continue;
      }
      const double spine = edge(placed[l.first]) + (incoming ? k_spine : -k_spine);
      const double top = centre(placed[l.first]), bottom = centre(placed[l.last]);
      const double joint = std::clamp(my, top, bottom);
      const std::uint32_t first = placed[l.first].relationship;
      for (std::size_t i = l.first; i <= l.last; ++i) {  // a tick to each box, its own arrowhead there
        const Placed& p = placed[i];
        if (incoming) {
          line(p.relationship, edge(p), centre(p), spine, centre(p), false, true);
        } else {
          line(p.relationship, spine, centre(p), edge(p), centre(p), true, false);
        }
      }
      line(first, spine, top, spine, bottom, false, false);
      if (incoming) {
        line(first, spine, joint, mx, my, true, false);
      } else {
        line(first, mx, my, spine, joint, false, true);
      }
    }
  };
  connect(left, left_links, true);
  connect(right, right_links, false);
  for (const Placed& p : left) boxes += draw_box(p.box, notation, mm, model, false, opt);
  for (const Placed& p : right) boxes += draw_box(p.box, notation, mm, model, false, opt);
  boxes += draw_box(middle, notation, mm, model, true, opt);
  const double width = 20 + 3 * k_box + 2 * k_gap;
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" class="context" role="img" viewBox="0 0 {:.0f} {:.0f}" width="{:.0f}" height="{:.0f}"><title>{}</title><defs>{}</defs>{}{}{}</svg>)",
      width, height, width, height, html(opt.title), defs, headings, lines, boxes);
}

}  // namespace kaava::docs
