// The site-wide pages of kaava docs: the metamodel, the rules, the
// findings, search and its index (pages.cpp has the per-item ones).

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "docs/markup.h"
#include "docs/pages.h"
#include "rules/catalogue.h"
#include "util/text.h"

namespace kaava::docs {

mu::data metamodel_page(const Site& site, const std::string& path) {
  const Metamodel& mm = site.ws.metamodel;
  const Model& model = site.ws.model;
  mu::data d = common(site, path, site.w("metamodel"));
  put(d, "name", std::string(mm.label.get(site.lang)));
  std::map<TypeIndex, std::size_t> used;
  for (const Element& el : model.elements()) {
    if (el.type != kNoType) ++used[el.type];
  }
  mu::data types = mu::data::type::list;
  std::vector<TypeIndex> order;
  order.reserve(used.size());
  for (const auto& [t, count] : used) order.push_back(t);
  std::ranges::stable_sort(
      order, [&](TypeIndex a, TypeIndex b) { return mm.element_types[a].layer < mm.element_types[b].layer; });
  for (TypeIndex t : order) {
    const ElementType& type = mm.element_types[t];
    mu::data item;
    put(item, "name", std::string(type.label.get(site.lang)));
    put(item, "id", type.id);
    put(item, "layer", std::string(mm.layers[type.layer].label.get(site.lang)));
    put(item, "count", std::to_string(used[t]));
    put(item, "description", std::string(type.description.get(site.lang)));
    put(item, "href", site.paths.link(path, site.paths.type(type.id)));
    types.push_back(item);
  }
  put(d, "types", types);
  // The relationship table among the types in use: a letter per base
  // relationship type the table allows (ArchiMate's appendix B letters).
  mu::data header = mu::data::type::list;
  for (TypeIndex t : order) {
    mu::data cell;
    put(cell, "name", std::string(mm.element_types[t].label.get(site.lang)));
    header.push_back(cell);
  }
  put(d, "columns", header);
  mu::data rows = mu::data::type::list;
  for (TypeIndex s : order) {
    mu::data row;
    put(row, "name", std::string(mm.element_types[s].label.get(site.lang)));
    mu::data cells = mu::data::type::list;
    for (TypeIndex t : order) {
      const RelationshipMask mask = mm.allowed(s, t);
      std::string codes;
      for (std::size_t i = 0; i < mm.relationship_types.size(); ++i) {
        const auto r = static_cast<RelationshipIndex>(i);
        const RelationshipType& rt = mm.relationship_types[r];
        if (rt.code != 0 && rt.base == kNoRelationship && mm.allows(mask, r)) codes += rt.code;
      }
      mu::data cell;
      put(cell, "codes", codes);
      cells.push_back(cell);
    }
    put(row, "cells", cells);
    rows.push_back(row);
  }
  put(d, "rows", rows);
  mu::data legend = mu::data::type::list;
  for (const RelationshipType& rt : mm.relationship_types) {
    if (rt.code == 0 || rt.base != kNoRelationship) continue;
    mu::data item;
    put(item, "code", std::string(1, rt.code));
    put(item, "name", std::string(rt.label.get(site.lang)));
    legend.push_back(item);
  }
  put(d, "codes", legend);
  return d;
}

mu::data rules_page(const Site& site, const std::string& path) {
  mu::data d = common(site, path, site.w("rules"));
  std::map<Rule, Severity> configured;
  for (const SeverityOverride& o : site.ws.config.severity_overrides) configured[o.rule] = o.severity;
  mu::data rules = mu::data::type::list;
  for (const RuleInfo& info : all_rules()) {
    mu::data item;
    put(item, "id", std::string(info.id));
    const RuleDoc* doc = rule_catalogue().find(info.rule);
    put(item, "summary", std::string(doc == nullptr ? std::string_view(info.summary) : doc->summary(site.lang)));
    // The long description is in English (models/rules.yaml): other pages show the summary.
    put(item, "description",
        doc == nullptr || site.lang != "en" ? std::string() : markdown_html(doc->description));
    put(item, "default", site.w(to_string(info.default_severity)));
    const auto it = configured.find(info.rule);
    const Severity in_force = it == configured.end() ? info.default_severity : it->second;
    put(item, "severity", site.w(to_string(in_force)));
    put(item, "severity_class", std::string(to_string(in_force)));
    rules.push_back(item);
  }
  put(d, "rules", rules);
  return d;
}

mu::data findings_page(const Site& site, const std::string& path) {
  mu::data d = common(site, path, site.w("findings"));
  const Summary& s = site.report.summary;
  put(d, "summary", site.words.format("docs.findings-summary", site.lang, s.errors, s.warnings, s.infos));
  mu::data items = mu::data::type::list;
  for (const Diagnostic& diag : site.report.diagnostics) {
    mu::data item;
    put(item, "severity", site.w(to_string(diag.severity)));
    put(item, "severity_class", std::string(to_string(diag.severity)));
    put(item, "rule", std::string(rule_info(diag.rule).id));
    put(item, "message", diag.message);
    if (diag.at.file < site.ws.files.size()) {
      put(item, "location", fmt::format("{}:{}:{}", site.ws.files[diag.at.file].path, diag.at.line, diag.at.column));
    }
    const std::uint32_t e = diag.element.empty() ? kNone : site.ws.model.find(diag.element);
    if (e != kNone) {
      put(item, "element", site.name(e));
      put(item, "element_href", site.paths.link(path, site.paths.element(site.ws.model.element(e).id)));
    }
    items.push_back(item);
  }
  put(d, "items", items);
  put(d, "none", site.report.diagnostics.empty());
  return d;
}

mu::data search_page(const Site& site, const std::string& path) { return common(site, path, site.w("search")); }

std::string search_index(const Site& site) {
  const Model& model = site.ws.model;
  std::string out = "window.KAAVA_INDEX=[\n";
  const auto item = [&](const std::string& href, const std::string& name, const std::string& type,
                        const std::string& text, std::string_view id) {
    out += fmt::format("[{},{},{},{},{}],\n", js_string(href), js_string(name), js_string(type),
                       js_string(fold_for_comparison(text)), js_string(id));
  };
  for (std::uint32_t e = 0; e < model.elements().size(); ++e) {
    const Element& el = model.element(e);
    std::string text(el.id);
    for (const auto& [language, name] : el.name.texts) {
      text += ' ';
      text += name;
    }
    for (const auto& [language, desc] : el.description.texts) {
      text += ' ';
      text += desc;
    }
    for (const Property& p : el.properties) {
      text += ' ';
      text += p.value;
      // As the page shows it too: "käytössä" finds lifecycle: active.
      if (const PropertyDefinition* def = site.ws.metamodel.property(p.key)) {
        const std::string_view label = def->value_label(p.value, site.lang);
        if (label != p.value) {
          text += ' ';
          text += label;
        }
      }
    }
    const std::string type = el.type != kNoType
                                 ? std::string(site.ws.metamodel.element_types[el.type].label.get(site.lang))
                                 : std::string(el.type_name);
    item(site.paths.link("", site.paths.element(el.id)), site.name(e), type, text, el.id);
  }
  for (std::uint32_t v : site.views) {
    const View& view = model.views()[v];
    std::string text(view.id);
    for (const auto& [language, name] : view.name.texts) text += " " + std::string(name);
    for (const auto& [language, desc] : view.description.texts) text += " " + std::string(desc);
    const std::string_view n = view.name.get(site.lang);
    item(site.paths.link("", site.paths.view(view.id)), std::string(n.empty() ? view.id : n), site.viewpoint(view),
         text, view.id);
  }
  out += "];\n";
  return out;
}

}  // namespace kaava::docs
