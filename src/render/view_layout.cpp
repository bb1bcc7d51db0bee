#include "render/view_layout.h"

#include <cmath>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "render/dot_writer.h"
#include "render/graphviz_renderer.h"
#include "render/notation.h"

namespace kaava {

namespace {

using json = nlohmann::json;

struct Box {
  double llx = 0, lly = 0, urx = 0, ury = 0;
};

bool parse_box(const json& value, Box* out) {
  if (!value.is_string()) return false;
  char c1 = 0, c2 = 0, c3 = 0;
  std::istringstream in(value.get<std::string>());
  return static_cast<bool>(in >> out->llx >> c1 >> out->lly >> c2 >> out->urx >> c3 >> out->ury);
}

/// The points of a Graphviz spline ("e,x,y s,x,y x0,y0 x1,y1 ..."): the
/// B-spline's control points, endpoint markers left out.
std::vector<std::pair<double, double>> spline_points(const std::string& pos) {
  std::vector<std::pair<double, double>> out;
  std::istringstream in(pos.substr(0, pos.find(';')));  // the first spline of a bundle
  std::string token;
  while (in >> token) {
    if (token.starts_with("e,") || token.starts_with("s,")) continue;
    const std::size_t comma = token.find(',');
    if (comma == std::string::npos) continue;
    try {
      out.emplace_back(std::stod(token.substr(0, comma)), std::stod(token.substr(comma + 1)));
    } catch (const std::exception&) {
      return {};
    }
  }
  return out;
}

/// Bends that follow a cubic Bézier spline with straight lines: the knots
/// between its segments, and a segment's middle where it curves away from
/// its chord.
std::vector<std::pair<double, double>> bends_of(const std::vector<std::pair<double, double>>& p) {
  std::vector<std::pair<double, double>> out;
  for (std::size_t i = 0; i + 3 < p.size(); i += 3) {
    const auto [x0, y0] = p[i];
    const auto [x3, y3] = p[i + 3];
    const double mx = 0.125 * x0 + 0.375 * p[i + 1].first + 0.375 * p[i + 2].first + 0.125 * x3;
    const double my = 0.125 * y0 + 0.375 * p[i + 1].second + 0.375 * p[i + 2].second + 0.125 * y3;
    const double chord = std::hypot(x3 - x0, y3 - y0);
    const double away = chord > 0 ? std::abs((x3 - x0) * (y0 - my) - (x0 - mx) * (y3 - y0)) / chord : 0;
    if (away > 12) out.emplace_back(mx, my);
    if (i + 3 < p.size() - 1) out.push_back(p[i + 3]);
  }
  return out;
}

}  // namespace

bool layout_view(const Workspace& ws, const View& view, std::string_view language, ViewLayout* out,
                 std::string* error) {
  DotOptions options;
  options.language = std::string(language);
  options.legend = false;
  options.merge_twins = false;
  const DotGraph graph = write_dot(ws.model, ws.metamodel, builtin_notation(), view, options);
  RenderedImage image;
  if (!render_with_graphviz(graph.text, Legend{}, "json", &image, error)) {
    *error = fmt::format("view '{}': {}", view.id, *error);
    return false;
  }
  const json doc = json::parse(image.data, nullptr, false);
  Box bb;
  if (doc.is_discarded() || !doc.is_object() || !parse_box(doc.value("bb", json()), &bb)) {
    *error = fmt::format("view '{}': Graphviz's layout cannot be read", view.id);
    return false;
  }
  out->width = bb.urx - bb.llx;
  out->height = bb.ury - bb.lly;
  const auto flip_x = [&](double x) { return x - bb.llx; };
  const auto flip_y = [&](double y) { return bb.ury - y; };
  const Model& model = ws.model;
  for (const json& object : doc.value("objects", json::array())) {
    const std::string name = object.value("name", "");
    if (name.starts_with("cluster_e:")) {  // a parent drawn around its children
      Box box;
      const std::uint32_t e = model.find(std::string_view(name).substr(10));
      if (e == kNone || !parse_box(object.value("bb", json()), &box)) continue;
      out->nodes.push_back({e, flip_x(box.llx), flip_y(box.ury), box.urx - box.llx, box.ury - box.lly});
    } else if (name.starts_with("e:") && object.contains("pos")) {
      const std::uint32_t e = model.find(std::string_view(name).substr(2));
      const std::vector<std::pair<double, double>> at = spline_points(object.value("pos", ""));
      if (e == kNone || at.size() != 1) continue;
      const double w = std::stod(object.value("width", "0")) * 72, h = std::stod(object.value("height", "0")) * 72;
      out->nodes.push_back({e, flip_x(at[0].first) - w / 2, flip_y(at[0].second) - h / 2, w, h});
    }
  }
  for (const json& edge : doc.value("edges", json::array())) {
    const std::string id = edge.value("kaava_rel", "");
    const std::uint32_t r = id.empty() ? kNone : model.find_relationship(id);
    if (r == kNone) continue;
    std::vector<std::pair<double, double>> bends = bends_of(spline_points(edge.value("pos", "")));
    for (auto& [x, y] : bends) {
      x = flip_x(x);
      y = flip_y(y);
    }
    out->edges.push_back({r, std::move(bends)});
  }
  return true;
}

}  // namespace kaava
