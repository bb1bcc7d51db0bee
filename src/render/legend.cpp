#include "render/legend.h"

#include <fmt/format.h>

#include "render/label_text.h"

namespace kaava {

void colour_values(const Notation& n, const Metamodel& mm, const std::string& property,
                   const std::vector<std::string>& present, std::vector<std::string>* order,
                   std::map<std::string, std::string>* colours) {
  const std::int32_t index = mm.find_property(property);
  const PropertyDefinition* def = index >= 0 ? &mm.properties[static_cast<std::size_t>(index)] : nullptr;
  if (def != nullptr && def->kind == PropertyKind::enumeration) {
    *order = def->values;
  } else {
    const std::set<std::string> values(present.begin(), present.end());
    order->assign(values.begin(), values.end());
    std::erase(*order, std::string());
  }
  const bool ordered = def != nullptr && def->ordered && !n.sequential.empty();
  for (std::size_t i = 0; i < order->size(); ++i) {
    if (ordered) {
      const std::size_t steps = n.sequential.size() - 1, last = std::max<std::size_t>(1, order->size() - 1);
      (*colours)[(*order)[i]] = n.sequential[(i * steps + last / 2) / last];
    } else {
      (*colours)[(*order)[i]] = n.palette.empty() ? n.no_value : n.palette[i % n.palette.size()];
    }
  }
}

std::string legend_table(const Notation& n, const Metamodel& mm, const LegendContent& legend,
                         std::string_view language) {
  std::string rows;
  for (const std::string& note : legend.notes) {
    rows += fmt::format("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"{}\">{}</FONT></TD></TR>",
                        std::max(6, n.font_size - 2), note);
  }
  for (TypeIndex t : legend.types) {
    const NodeStyle s = n.node_style(mm, t);
    const std::string_view name = mm.element_types[t].label.get(language);
    if (s.shape == "point") {  // a junction: its dot, filled or hollow, not a swatch
      const bool hollow = s.fill == "#FFFFFF" || s.fill == "white";
      rows += fmt::format("<TR><TD><FONT COLOR=\"{}\">{}</FONT></TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
                          s.border.empty() ? "#000000" : s.border, hollow ? "○" : "●", html_label_text(name));
      continue;
    }
    rows += fmt::format("<TR><TD BGCOLOR=\"{}\" WIDTH=\"18\"> </TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
                        legend.color_by.empty() ? s.fill : n.no_value, html_label_text(name));
  }
  for (const auto& [used, s] : legend.relationships) {
    const RelationshipType& type = mm.relationship_types[used.first];
    std::string label(type.label.get(language));
    if (const std::size_t eq = used.second.find('='); eq != std::string::npos) {
      const std::string_view variant = used.second;
      if (const PropertyDefinition* def = type.attribute(variant.substr(0, eq))) {
        label += fmt::format(" ({})", def->value_label(variant.substr(eq + 1), language));
      }
    }
    // The line in its own colour and weight, so that an integration does
    // not look like any flow.
    std::string line = html_label_text(s.legend);
    if (s.pen_width > 1) line = fmt::format("<B>{}</B>", line);
    if (!s.color.empty()) line = fmt::format("<FONT COLOR=\"{}\">{}</FONT>", s.color, line);
    rows += fmt::format("<TR><TD>{}</TD><TD ALIGN=\"LEFT\">{}</TD></TR>", line, html_label_text(label));
  }
  if (!legend.color_by.empty()) {
    const std::int32_t index = mm.find_property(legend.color_by);
    const PropertyDefinition* def = index >= 0 ? &mm.properties[static_cast<std::size_t>(index)] : nullptr;
    const std::string title = def != nullptr ? std::string(def->label.get(language)) : legend.color_by;
    rows += fmt::format("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>{}</B></TD></TR>", html_label_text(title));
    for (const std::string& v : legend.values) {
      const auto colour = legend.colours.find(v);
      rows += fmt::format("<TR><TD BGCOLOR=\"{}\"> </TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
                          colour == legend.colours.end() ? n.no_value : colour->second,
                          html_label_text(def != nullptr ? def->value_label(v, language) : std::string_view(v)));
    }
    rows += fmt::format("<TR><TD BGCOLOR=\"{}\"> </TD><TD ALIGN=\"LEFT\">{}</TD></TR>", n.no_value,
                        html_label_text(n.word("no-value", language)));
  }
  return fmt::format(
      "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"3\" BGCOLOR=\"#FFFFFF\"><TR><TD "
      "COLSPAN=\"2\"><B>{}</B></TD></TR>{}</TABLE>",
      html_label_text(n.word("legend", language)), rows);
}

}  // namespace kaava
