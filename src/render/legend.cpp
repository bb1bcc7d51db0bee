#include "render/legend.h"

#include <algorithm>

#include <fmt/format.h>

#include "render/label_text.h"

namespace kaava {

namespace {

// The legend's measures, in points.
constexpr double k_pad = 6;          // inside the frame
constexpr double k_sample = 40;      // the column of samples
constexpr double k_gap = 8;          // between a sample and its text
constexpr double k_column_gap = 14;  // between columns
constexpr double k_title_height = 22;
constexpr double k_note_height = 16;

double row_height(LegendRow::Kind kind) {
  switch (kind) {
    case LegendRow::Kind::shape: return 28;
    case LegendRow::Kind::heading: return 22;
    case LegendRow::Kind::note: return k_note_height;
    default: return 18;
  }
}

bool spans(LegendRow::Kind kind) { return kind == LegendRow::Kind::note || kind == LegendRow::Kind::heading; }

/// The rows that go in columns (all but the notes), in order, cut where
/// the columns come out about as tall as each other.
std::vector<std::vector<std::size_t>> split(const Legend& legend, std::size_t columns) {
  std::vector<std::size_t> items;
  double total = 0;
  for (std::size_t i = 0; i < legend.rows.size(); ++i) {
    if (legend.rows[i].kind == LegendRow::Kind::note) continue;
    items.push_back(i);
    total += row_height(legend.rows[i].kind);
  }
  columns = std::max<std::size_t>(1, std::min(columns, items.size()));
  std::vector<std::vector<std::size_t>> out(1);
  double done = 0;
  for (std::size_t i : items) {
    const double h = row_height(legend.rows[i].kind);
    // A new column once this one would pass its share of the height.
    const double share = total * static_cast<double>(out.size()) / static_cast<double>(columns);
    if (!out.back().empty() && out.size() < columns && done + h / 2 > share) out.emplace_back();
    out.back().push_back(i);
    done += h;
  }
  return out;
}

double column_width(const Legend& legend) {
  double text = 0, spanning = 0;
  for (const LegendRow& r : legend.rows) {
    if (r.kind == LegendRow::Kind::note) continue;
    if (spans(r.kind)) {
      spanning = std::max(spanning, r.width);
    } else {
      text = std::max(text, r.width);
    }
  }
  return std::max(k_sample + k_gap + text, spanning);
}

}  // namespace

std::string Legend::label(std::size_t i) const {
  if (i >= rows.size()) return fmt::format("<B>{}</B>", title);
  const LegendRow& r = rows[i];
  if (r.kind == LegendRow::Kind::heading) return fmt::format("<B>{}</B>", r.text);
  if (r.kind == LegendRow::Kind::note) {
    return fmt::format("<FONT POINT-SIZE=\"{}\">{}</FONT>", std::max(6, font_size - 2), r.text);
  }
  return r.text;
}

const PropertyDefinition* colour_definition(const Metamodel& mm, std::string_view property) {
  if (mm.coverage.defined() && property == mm.coverage.property.id) return &mm.coverage.property;
  return mm.property(property);
}

void colour_values(const Notation& n, const Metamodel& mm, const std::string& property,
                   const std::vector<std::string>& present, std::vector<std::string>* order,
                   std::map<std::string, std::string>* colours) {
  const PropertyDefinition* def = colour_definition(mm, property);
  if (def != nullptr && def->kind == PropertyKind::enumeration) {
    *order = def->values;
  } else {
    const std::set<std::string> values(present.begin(), present.end());
    order->assign(values.begin(), values.end());
    std::erase(*order, std::string());
  }
  const bool ordered = def != nullptr && def->ordered && !n.sequential.empty();
  const auto fixed = n.value_colours.find(property);
  for (std::size_t i = 0; i < order->size(); ++i) {
    if (fixed != n.value_colours.end() && fixed->second.contains((*order)[i])) {
      (*colours)[(*order)[i]] = fixed->second.at((*order)[i]);
    } else if (ordered) {
      const std::size_t steps = n.sequential.size() - 1, last = std::max<std::size_t>(1, order->size() - 1);
      (*colours)[(*order)[i]] = n.sequential[(i * steps + last / 2) / last];
    } else {
      (*colours)[(*order)[i]] = n.palette.empty() ? n.no_value : n.palette[i % n.palette.size()];
    }
  }
}

Legend make_legend(const Notation& n, const Metamodel& mm, const LegendContent& content, std::string_view language) {
  Legend legend;
  legend.title = html_label_text(n.word("legend", language));
  legend.font = n.font;
  legend.font_size = n.font_size;
  auto add = [&](LegendRow::Kind kind, std::string_view text, std::string sample) {
    legend.rows.push_back({kind, html_label_text(text), std::move(sample), 0});
  };
  for (const std::string& note : content.notes) add(LegendRow::Kind::note, note, {});
  for (TypeIndex t : content.types) {
    const NodeStyle s = n.node_style(mm, t);
    // With --color-by the colours say the values, so the shapes go without.
    std::string sample = node_attributes(s, content.color_by.empty() ? s.fill : n.no_value);
    sample += s.shape == "point" ? ", width=0.12, height=0.12" : ", width=0.5, height=0.3";
    add(LegendRow::Kind::shape, mm.element_types[t].label.get(language), std::move(sample));
  }
  for (const auto& [used, s] : content.relationships) {
    const RelationshipType& type = mm.relationship_types[used.first];
    std::string label(type.label.get(language));
    if (const std::size_t eq = used.second.find('='); eq != std::string::npos) {
      const std::string_view variant = used.second;
      if (const PropertyDefinition* def = type.attribute(variant.substr(0, eq))) {
        label += fmt::format(" ({})", def->value_label(variant.substr(eq + 1), language));
      }
    }
    add(LegendRow::Kind::line, label, edge_attributes(s, s.head, s.tail));
  }
  if (!content.color_by.empty()) {
    const PropertyDefinition* def = colour_definition(mm, content.color_by);
    add(LegendRow::Kind::heading, def != nullptr ? def->label.get(language) : std::string_view(content.color_by), {});
    auto swatch = [&](std::string_view colour) {
      return fmt::format("shape=box, style=filled, fillcolor=\"{}\", color=\"#999999\", width=0.5, height=0.18",
                         colour);
    };
    for (const std::string& v : content.values) {
      const auto colour = content.colours.find(v);
      add(LegendRow::Kind::swatch, def != nullptr ? def->value_label(v, language) : std::string_view(v),
          swatch(colour == content.colours.end() ? n.no_value : colour->second));
    }
    add(LegendRow::Kind::swatch, n.word("no-value", language), swatch(n.no_value));
  }
  return legend;
}

LegendShape legend_shape(const Legend& legend, double title_width, std::size_t columns) {
  LegendShape shape;
  shape.title_width = title_width;
  const auto parts = split(legend, columns);
  shape.columns = parts.size();
  double notes = 0, wide = title_width;
  for (const LegendRow& r : legend.rows) {
    if (r.kind != LegendRow::Kind::note) continue;
    notes += k_note_height;
    wide = std::max(wide, r.width);
  }
  double tallest = 0;
  for (const auto& part : parts) {
    double h = 0;
    for (std::size_t i : part) h += row_height(legend.rows[i].kind);
    tallest = std::max(tallest, h);
  }
  const auto n = static_cast<double>(shape.columns);
  shape.width = 2 * k_pad + std::max(wide, n * column_width(legend) + (n - 1) * k_column_gap);
  shape.height = 2 * k_pad + k_title_height + notes + tallest;
  return shape;
}

std::string legend_dot(const Legend& legend, const LegendShape& shape, double left, double top) {
  std::string out;
  auto text = [&](std::string_view id, std::size_t i, double x, double y, double width, double height) {
    out += fmt::format(
        "\"kaava:legend:{}\" [shape=plaintext, margin=0, fontname=\"{}\", fontsize={}, label=<{}>, "
        "pos=\"{:.2f},{:.2f}\", width={:.4f}, height={:.4f}, fixedsize=true];\n",
        id, legend.font, legend.font_size, legend.label(i), x + width / 2, y, width / 72, height / 72);
  };
  out += fmt::format(
      "\"kaava:legend\" [shape=box, style=filled, fillcolor=\"#FFFFFF\", color=\"#333333\", label=\"\", "
      "pos=\"{:.2f},{:.2f}\", width={:.4f}, height={:.4f}, fixedsize=true];\n",
      left + shape.width / 2, top - shape.height / 2, shape.width / 72, shape.height / 72);
  double y = top - k_pad - k_title_height / 2;
  text("title", legend.rows.size(), left + (shape.width - shape.title_width) / 2, y, shape.title_width, k_title_height);
  y -= k_title_height / 2;
  for (std::size_t i = 0; i < legend.rows.size(); ++i) {
    if (legend.rows[i].kind != LegendRow::Kind::note) continue;
    text(fmt::format("t{}", i), i, left + k_pad, y - k_note_height / 2, legend.rows[i].width, k_note_height);
    y -= k_note_height;
  }
  const double columns_top = y, width = column_width(legend);
  const auto parts = split(legend, shape.columns);
  for (std::size_t c = 0; c < parts.size(); ++c) {
    const double x = left + k_pad + static_cast<double>(c) * (width + k_column_gap);
    y = columns_top;
    for (std::size_t i : parts[c]) {
      const LegendRow& r = legend.rows[i];
      const double h = row_height(r.kind), mid = y - h / 2;
      y -= h;
      if (spans(r.kind)) {
        text(fmt::format("t{}", i), i, x, mid, r.width, h);
        continue;
      }
      text(fmt::format("t{}", i), i, x + k_sample + k_gap, mid, r.width, h);
      if (r.kind == LegendRow::Kind::line) {
        // A short edge between two hidden points: the line as the diagram draws it.
        out += fmt::format(
            "\"kaava:legend:a{0}\" [shape=point, style=invis, width=0.01, label=\"\", pos=\"{1:.2f},{3:.2f}\"];\n"
            "\"kaava:legend:b{0}\" [shape=point, style=invis, width=0.01, label=\"\", pos=\"{2:.2f},{3:.2f}\"];\n"
            "\"kaava:legend:a{0}\" -> \"kaava:legend:b{0}\" [{4}];\n",
            i, x + 2, x + k_sample - 2, mid, r.sample);
      } else {
        out += fmt::format("\"kaava:legend:s{}\" [label=\"\", {}, fixedsize=true, pos=\"{:.2f},{:.2f}\"];\n", i,
                           r.sample, x + k_sample / 2, mid);
      }
    }
  }
  return out;
}

}  // namespace kaava
