#include "docs/pages.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "docs/context_svg.h"
#include "docs/markup.h"
#include "render/edges.h"
#include "util/text.h"
#include "views/view_content.h"

namespace kaava::docs {

namespace {

std::string_view property(const Element& el, std::string_view key) {
  for (const Property& p : el.properties) {
    if (p.key == key) return p.value;
  }
  return {};
}

std::string type_label(const Site& site, const Element& el) {
  return el.type != kNoType ? std::string(site.ws.metamodel.element_types[el.type].label.get(site.lang))
                            : std::string(el.type_name);
}

std::string description(const Site& site, const LocalizedText& text) {
  const std::string_view d = text.get(site.lang);
  if (d.empty()) return {};
  return site.paths.markdown() ? markdown_text(d) : markdown_html(d);
}

/// The words of the page chrome, as `w.KEY`.
mu::data words(const Site& site) {
  mu::data w = mu::data::type::object;
  const std::string prefix = "docs.";
  for (const auto& [key, label] : site.words.entries) {
    if (key.starts_with(prefix)) w.set(key.substr(prefix.size()), std::string(label.get(site.lang)));
  }
  return w;
}

/// A row of a catalogue table.
mu::data element_row(const Site& site, std::uint32_t e, const std::string& from) {
  const Element& el = site.ws.model.element(e);
  mu::data row;
  row.set("id", std::string(el.id));
  row.set("name", site.name(e));
  row.set("href", site.paths.link(from, site.paths.element(el.id)));
  row.set("type", type_label(site, el));
  row.set("owner", std::string(property(el, "owner")));
  row.set("lifecycle", std::string(property(el, "lifecycle")));
  std::vector<std::string_view> tags(el.tags.begin(), el.tags.end());
  row.set("tags", join(tags, ", "));
  return row;
}

mu::data element_rows(const Site& site, std::vector<std::uint32_t> members, const std::string& from) {
  std::ranges::sort(members, [&](std::uint32_t a, std::uint32_t b) {
    const std::string fa = fold_for_comparison(site.name(a)), fb = fold_for_comparison(site.name(b));
    return fa != fb ? fa < fb : site.ws.model.element(a).id < site.ws.model.element(b).id;
  });
  mu::data rows = mu::data::type::list;
  for (std::uint32_t e : members) rows.push_back(element_row(site, e, from));
  return rows;
}

bool imported(const Site& site, std::uint32_t e) {
  const SourceSpan& at = site.ws.model.element(e).at;
  return at.file < site.ws.files.size() && site.ws.files[at.file].imported;
}

/// Relationships of one element, one side, grouped by type.
mu::data relationship_groups(const Site& site, std::uint32_t e, bool incoming, const std::string& from) {
  const Model& model = site.ws.model;
  const Metamodel& mm = site.ws.metamodel;
  std::map<std::string, mu::data> groups;
  std::map<std::string, std::size_t> counts;
  for (std::uint32_t r : incoming ? model.incoming(e) : model.outgoing(e)) {
    const Relationship& rel = model.relationship(r);
    const std::uint32_t other = incoming ? rel.source.index : rel.target.index;
    if (other == kNone || rel.type == kNoRelationship) continue;
    const std::string type(mm.relationship_types[rel.type].label.get(site.lang));
    auto [it, added] = groups.try_emplace(type, mu::data::type::list);
    mu::data item;
    item.set("href", site.paths.link(from, site.paths.element(model.element(other).id)));
    item.set("name", site.name(other));
    item.set("id", std::string(model.element(other).id));
    item.set("relationship", std::string(rel.name.get(site.lang)));
    std::vector<std::string> attributes;
    for (const Property& a : rel.attributes) attributes.push_back(fmt::format("{}: {}", a.key, a.value));
    std::vector<std::string_view> parts(attributes.begin(), attributes.end());
    item.set("attributes", join(parts, ", "));
    it->second.push_back(item);
    ++counts[type];
  }
  mu::data out = mu::data::type::list;
  for (auto& [type, items] : groups) {
    mu::data g;
    g.set("type", type);
    g.set("count", std::to_string(counts[type]));
    g.set("items", items);
    out.push_back(g);
  }
  return out;
}

}  // namespace

std::string Paths::element(std::string_view id) const { return "elements/" + file_stem(id) + ext(); }
std::string Paths::view(std::string_view id) const { return "views/" + file_stem(id) + ext(); }
std::string Paths::picture(std::string_view id) const { return "views/" + file_stem(id) + ".svg"; }
std::string Paths::layer(std::string_view id) const { return "layers/" + file_stem(id) + ext(); }
std::string Paths::type(std::string_view id) const { return "types/" + file_stem(id) + ext(); }

std::string Paths::root(std::string_view from) {
  std::string out;
  for (char c : from) {
    if (c == '/') out += "../";
  }
  return out;
}

std::string Paths::anchor(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  return std::string(dot == std::string_view::npos ? path : path.substr(0, dot));
}

std::string Paths::link(std::string_view from, std::string_view to) const {
  if (single_ && !to.ends_with(".svg")) return "#" + anchor(to);
  return root(from) + std::string(to);
}

std::string Site::w(std::string_view key) const { return std::string(words.get(fmt::format("docs.{}", key), lang)); }

std::string Site::name(std::uint32_t element) const {
  const Element& el = ws.model.element(element);
  const std::string_view n = el.name.get(lang);
  return std::string(n.empty() ? el.id : n);
}

mu::data common(const Site& site, const std::string& path, const std::string& title) {
  mu::data d;
  d.set("title", title);
  d.set("site", site.ws.config.name.empty() ? std::string("kaava") : site.ws.config.name);
  d.set("lang", site.lang);
  d.set("root", Paths::root(path));
  d.set("path", path);
  d.set("anchor", Paths::anchor(path));
  d.set("w", words(site));
  d.set("version", site.version);
  d.set("generated", site.words.format("docs.generated", site.lang, site.version));
  mu::data nav = mu::data::type::list;
  for (const auto& [key, target] : {std::pair{"home", std::string("index")}, std::pair{"views", std::string("views")},
                                    std::pair{"elements", std::string("elements")},
                                    std::pair{"metamodel", std::string("metamodel")},
                                    std::pair{"findings", std::string("findings")}, std::pair{"rules", std::string("rules")}}) {
    mu::data item;
    const std::string to = site.paths.page(target);
    item.set("href", site.paths.link(path, to));
    item.set("label", site.w(key));
    item.set("current", to == path);
    nav.push_back(item);
  }
  d.set("nav", nav);
  mu::data languages = mu::data::type::list;
  for (const std::string& code : site.languages) {
    mu::data item;
    item.set("code", code);
    item.set("href", Paths::root(path) + "../" + code + "/" + (site.paths.single() ? "index.html" : path));
    item.set("current", code == site.lang);
    languages.push_back(item);
  }
  d.set("languages", languages);
  d.set("has_languages", !site.languages.empty());
  d.set("search_href", site.paths.link(path, site.paths.page("search")));
  return d;
}

mu::data home_page(const Site& site, const std::string& path) {
  const Model& model = site.ws.model;
  const Metamodel& mm = site.ws.metamodel;
  mu::data d = common(site, path, site.ws.config.name.empty() ? site.w("home") : site.ws.config.name);
  std::vector<std::size_t> per_layer(mm.layers.size(), 0);
  std::size_t own = 0;
  for (std::uint32_t e = 0; e < model.elements().size(); ++e) {
    const Element& el = model.element(e);
    if (imported(site, e) || el.type == kNoType) continue;
    ++per_layer[mm.element_types[el.type].layer];
    ++own;
  }
  mu::data layers = mu::data::type::list;
  for (std::size_t l = 0; l < mm.layers.size(); ++l) {
    if (per_layer[l] == 0) continue;
    mu::data item;
    item.set("name", std::string(mm.layers[l].label.get(site.lang)));
    item.set("count", std::to_string(per_layer[l]));
    item.set("href", site.paths.link(path, site.paths.layer(mm.layers[l].id)));
    layers.push_back(item);
  }
  d.set("layers", layers);
  d.set("element_count", site.words.format("docs.element-count", site.lang, own));
  mu::data views = mu::data::type::list;
  for (std::uint32_t v : site.views) {
    const View& view = model.views()[v];
    mu::data item;
    const std::string_view n = view.name.get(site.lang);
    item.set("name", std::string(n.empty() ? view.id : n));
    item.set("href", site.paths.link(path, site.paths.view(view.id)));
    item.set("picture", site.paths.single() ? std::string() : site.paths.link(path, site.paths.picture(view.id)));
    views.push_back(item);
  }
  d.set("views", views);
  const Summary& s = site.report.summary;
  d.set("findings", site.words.format("docs.findings-summary", site.lang, s.errors, s.warnings, s.infos));
  d.set("findings_href", site.paths.link(path, site.paths.page("findings")));
  mu::data changes = mu::data::type::list;
  for (const FileChange& c : site.changes) {
    mu::data item;
    item.set("file", c.file);
    item.set("commit", c.commit);
    item.set("date", c.date);
    item.set("author", c.author);
    changes.push_back(item);
  }
  d.set("changes", changes);
  d.set("has_changes", !site.changes.empty());
  return d;
}

mu::data element_page(const Site& site, std::uint32_t e, const std::string& path) {
  const Model& model = site.ws.model;
  const Metamodel& mm = site.ws.metamodel;
  const Element& el = model.element(e);
  mu::data d = common(site, path, site.name(e));
  d.set("id", std::string(el.id));
  d.set("name", site.name(e));
  d.set("type", type_label(site, el));
  if (el.type != kNoType) {
    const ElementType& t = mm.element_types[el.type];
    d.set("type_href", site.paths.link(path, site.paths.type(t.id)));
    d.set("layer", std::string(mm.layers[t.layer].label.get(site.lang)));
    d.set("layer_href", site.paths.link(path, site.paths.layer(mm.layers[t.layer].id)));
  }
  mu::data names = mu::data::type::list;
  for (const auto& [language, text] : el.name.texts) {
    mu::data item;
    item.set("lang", std::string(language.empty() ? site.ws.config.default_language() : language));
    item.set("text", std::string(text));
    names.push_back(item);
  }
  d.set("names", names);
  d.set("description", description(site, el.description));
  mu::data properties = mu::data::type::list;
  for (const Property& p : el.properties) {
    mu::data item;
    item.set("key", std::string(p.key));
    item.set("value", std::string(p.value));
    const std::uint32_t target = model.find(p.value);
    if (target != kNone) item.set("href", site.paths.link(path, site.paths.element(model.element(target).id)));
    properties.push_back(item);
  }
  d.set("properties", properties);
  std::vector<std::string_view> tags(el.tags.begin(), el.tags.end());
  d.set("tags", join(tags, ", "));
  if (el.at.file < site.ws.files.size()) {
    const SourceFile& f = site.ws.files[el.at.file];
    d.set("source", fmt::format("{}:{}", f.path, el.at.line));
    if (f.imported) {
      d.set("imported", true);
    } else if (!site.ws.config.repository_url.empty() && !f.embedded) {
      std::string url = site.ws.config.repository_url;
      while (url.ends_with('/')) url.pop_back();
      d.set("source_href", fmt::format("{}/{}#L{}", url, f.path, el.at.line));
    }
  }
  d.set("incoming", relationship_groups(site, e, true, path));
  d.set("outgoing", relationship_groups(site, e, false, path));
  d.set("has_relationships", !model.incoming(e).empty() || !model.outgoing(e).empty());
  mu::data views = mu::data::type::list;
  for (std::uint32_t k : site.views_of[e]) {
    const View& view = model.views()[site.views[k]];
    mu::data item;
    const std::string_view n = view.name.get(site.lang);
    item.set("name", std::string(n.empty() ? view.id : n));
    item.set("href", site.paths.link(path, site.paths.view(view.id)));
    views.push_back(item);
  }
  d.set("views", views);
  d.set("has_views", !site.views_of[e].empty());
  if (!site.paths.markdown()) {
    ContextOptions options;
    options.language = site.lang;
    options.title = site.words.format("docs.context-title", site.lang, site.name(e));
    options.href = [&](std::uint32_t other) { return site.paths.link(path, site.paths.element(model.element(other).id)); };
    d.set("context", context_svg(model, mm, site.notation, e, options));
  }
  return d;
}

mu::data view_page(const Site& site, std::size_t k, const std::string& path) {
  const Model& model = site.ws.model;
  const View& view = model.views()[site.views[k]];
  const std::string_view n = view.name.get(site.lang);
  mu::data d = common(site, path, std::string(n.empty() ? view.id : n));
  d.set("id", std::string(view.id));
  d.set("name", std::string(n.empty() ? view.id : n));
  d.set("description", description(site, view.description));
  d.set("viewpoint", std::string(view.viewpoint.text));
  d.set("svg", k < site.svgs.size() ? site.svgs[k] : std::string());
  d.set("picture", site.paths.link(path, site.paths.picture(view.id)));
  const ViewContent content = resolve_view(model, site.ws.metamodel, view);
  d.set("rows", element_rows(site, content.elements, path));
  mu::data relationships = mu::data::type::list;
  for (std::uint32_t r : content.relationships) {
    const Relationship& rel = model.relationship(r);
    if (rel.type == kNoRelationship) continue;
    mu::data item;
    item.set("source", site.name(rel.source.index));
    item.set("source_href", site.paths.link(path, site.paths.element(model.element(rel.source.index).id)));
    item.set("type", std::string(site.ws.metamodel.relationship_types[rel.type].label.get(site.lang)));
    item.set("target", site.name(rel.target.index));
    item.set("target_href", site.paths.link(path, site.paths.element(model.element(rel.target.index).id)));
    item.set("name", std::string(rel.name.get(site.lang)));
    relationships.push_back(item);
  }
  d.set("relationships", relationships);
  return d;
}

mu::data elements_page(const Site& site, const std::string& path) {
  const Metamodel& mm = site.ws.metamodel;
  mu::data d = common(site, path, site.w("elements"));
  d.set("name", site.w("elements"));
  std::vector<std::uint32_t> members(site.ws.model.elements().size());
  std::vector<std::size_t> per_layer(mm.layers.size(), 0);
  for (std::uint32_t e = 0; e < members.size(); ++e) {
    members[e] = e;
    const Element& el = site.ws.model.element(e);
    if (el.type != kNoType) ++per_layer[mm.element_types[el.type].layer];
  }
  mu::data layers = mu::data::type::list;
  for (std::size_t l = 0; l < mm.layers.size(); ++l) {
    if (per_layer[l] == 0) continue;
    mu::data item;
    item.set("name", std::string(mm.layers[l].label.get(site.lang)));
    item.set("count", std::to_string(per_layer[l]));
    item.set("href", site.paths.link(path, site.paths.layer(mm.layers[l].id)));
    layers.push_back(item);
  }
  d.set("types", layers);
  d.set("rows", element_rows(site, members, path));
  return d;
}

mu::data layer_page(const Site& site, std::uint16_t layer, const std::string& path) {
  const Metamodel& mm = site.ws.metamodel;
  mu::data d = common(site, path, std::string(mm.layers[layer].label.get(site.lang)));
  d.set("name", std::string(mm.layers[layer].label.get(site.lang)));
  d.set("description", std::string(mm.layers[layer].description.get(site.lang)));
  std::vector<std::uint32_t> members;
  std::map<TypeIndex, std::size_t> types;
  for (std::uint32_t e = 0; e < site.ws.model.elements().size(); ++e) {
    const Element& el = site.ws.model.element(e);
    if (el.type == kNoType || mm.element_types[el.type].layer != layer) continue;
    members.push_back(e);
    ++types[el.type];
  }
  mu::data type_list = mu::data::type::list;
  for (const auto& [t, count] : types) {
    mu::data item;
    item.set("name", std::string(mm.element_types[t].label.get(site.lang)));
    item.set("count", std::to_string(count));
    item.set("href", site.paths.link(path, site.paths.type(mm.element_types[t].id)));
    type_list.push_back(item);
  }
  d.set("types", type_list);
  d.set("rows", element_rows(site, members, path));
  return d;
}

mu::data type_page(const Site& site, std::uint32_t type, const std::string& path) {
  const Metamodel& mm = site.ws.metamodel;
  const ElementType& t = mm.element_types[type];
  mu::data d = common(site, path, std::string(t.label.get(site.lang)));
  d.set("name", std::string(t.label.get(site.lang)));
  d.set("description", std::string(t.description.get(site.lang)));
  d.set("layer", std::string(mm.layers[t.layer].label.get(site.lang)));
  d.set("layer_href", site.paths.link(path, site.paths.layer(mm.layers[t.layer].id)));
  std::vector<std::uint32_t> members;
  for (std::uint32_t e = 0; e < site.ws.model.elements().size(); ++e) {
    if (site.ws.model.element(e).type == type) members.push_back(e);
  }
  d.set("rows", element_rows(site, members, path));
  return d;
}

}  // namespace kaava::docs
