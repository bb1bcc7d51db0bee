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

/// A property's key and value as the page's language reads them: the
/// metamodel's labels (Käyttötapa: luku), yes or no for a boolean, else as
/// written.
std::pair<std::string, std::string> labelled(const Site& site, const PropertyDefinition* def, const Property& p) {
  if (def == nullptr) return {std::string(p.key), std::string(p.value)};
  const std::string_view key = def->label.get(site.lang);
  const bool yes_no = def->kind == PropertyKind::boolean && (p.value == "true" || p.value == "false");
  return {std::string(key.empty() ? p.key : key),
          yes_no ? site.w(p.value) : std::string(def->value_label(p.value, site.lang))};
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
  put(row, "id", std::string(el.id));
  put(row, "name", site.name(e));
  put(row, "href", site.paths.link(from, site.paths.element(el.id)));
  put(row, "type", type_label(site, el));
  const std::string_view owner = el.property_value("owner");
  const std::uint32_t owner_element = owner.empty() ? kNone : site.ws.model.find(owner);
  put(row, "owner", owner_element != kNone ? site.name(owner_element) : std::string(owner));
  const Metamodel& mm = site.ws.metamodel;
  if (mm.lifecycle.property >= 0) {
    const PropertyDefinition& def = mm.properties[static_cast<std::size_t>(mm.lifecycle.property)];
    put(row, "lifecycle", std::string(def.value_label(el.property_value(def.id), site.lang)));
  }
  std::vector<std::string_view> tags(el.tags.begin(), el.tags.end());
  put(row, "tags", join(tags, ", "));
  return row;
}

mu::data element_rows(const Site& site, const std::vector<std::uint32_t>& members, const std::string& from) {
  // By name as the page's language sorts it (the keys made once), then by id.
  std::vector<std::pair<std::string, std::uint32_t>> order;
  order.reserve(members.size());
  for (std::uint32_t e : members) order.emplace_back(fold_for_sorting(site.name(e), site.lang), e);
  std::ranges::sort(order, [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first
                              : site.ws.model.element(a.second).id < site.ws.model.element(b.second).id;
  });
  mu::data rows = mu::data::type::list;
  for (const auto& [key, e] : order) rows.push_back(element_row(site, e, from));
  return rows;
}

bool imported(const Site& site, std::uint32_t e) {
  const SourceSpan& at = site.ws.model.element(e).at;
  return at.file < site.ws.files.size() && site.ws.files[at.file].imported;
}

/// The layers that have elements, each with its count and page (imported
/// elements too, as the layer pages list them). `total` gets the sum, and
/// `own` the repository's own elements.
mu::data layer_counts(const Site& site, const std::string& from, std::size_t* total, std::size_t* own) {
  const Metamodel& mm = site.ws.metamodel;
  std::vector<std::size_t> per_layer(mm.layers.size(), 0);
  *total = *own = 0;
  for (std::uint32_t e = 0; e < site.ws.model.elements().size(); ++e) {
    const Element& el = site.ws.model.element(e);
    if (el.type == kNoType) continue;
    ++per_layer[mm.element_types[el.type].layer];
    ++*total;
    if (!imported(site, e)) ++*own;
  }
  mu::data layers = mu::data::type::list;
  for (std::size_t l = 0; l < mm.layers.size(); ++l) {
    if (per_layer[l] == 0) continue;
    mu::data item;
    put(item, "name", std::string(mm.layers[l].label.get(site.lang)));
    put(item, "count", std::to_string(per_layer[l]));
    put(item, "href", site.paths.link(from, site.paths.layer(mm.layers[l].id)));
    layers.push_back(item);
  }
  return layers;
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
    put(item, "href", site.paths.link(from, site.paths.element(model.element(other).id)));
    put(item, "name", site.name(other));
    put(item, "id", std::string(model.element(other).id));
    put(item, "relationship", std::string(rel.name.get(site.lang)));
    std::vector<std::string> attributes;
    for (const Property& a : rel.attributes) {
      const auto [key, value] = labelled(site, mm.relationship_types[rel.type].attribute(a.key), a);
      attributes.push_back(fmt::format("{}: {}", key, value));
    }
    std::vector<std::string_view> parts(attributes.begin(), attributes.end());
    put(item, "attributes", join(parts, ", "));
    it->second.push_back(item);
    ++counts[type];
  }
  mu::data out = mu::data::type::list;
  for (auto& [type, items] : groups) {
    mu::data g;
    put(g, "type", type);
    put(g, "count", std::to_string(counts[type]));
    put(g, "items", items);
    out.push_back(g);
  }
  return out;
}

}  // namespace

// In a wiki every page is at the top (GitHub's wiki shows pages by file
// name alone), so a prefix keeps kinds apart: element-app.sis.
std::string Paths::stem(std::string_view id, const std::shared_ptr<const Names>& names) const {
  if (wiki_ != Wiki::none && names != nullptr) {
    const auto it = names->find(id);
    if (it != names->end()) return it->second;
  }
  return page_stem(id);
}

std::shared_ptr<const Paths::Names> Paths::wiki_names(std::span<const std::string_view> ids) {
  auto names = std::make_shared<Names>();
  std::map<std::string, std::size_t, std::less<>> uses;
  for (std::string_view id : ids) {
    std::string name = page_stem(id);
    std::ranges::replace(name, '.', '-');
    ++uses[name];
    names->emplace(std::string(id), std::move(name));
  }
  for (auto& [id, name] : *names) {
    if (uses[name] > 1) name += '-' + id_hash(id);
  }
  return names;
}

std::string Paths::element(std::string_view id) const {
  return (wiki_ != Wiki::none ? "element-" : "elements/") + stem(id, element_names_) + ext();
}
std::string Paths::view(std::string_view id) const {
  return (wiki_ != Wiki::none ? "view-" : "views/") + stem(id, view_names_) + ext();
}
std::string Paths::picture(std::string_view id) const {
  return (wiki_ != Wiki::none ? "view-" : "views/") + stem(id, view_names_) + ".svg";
}
std::string Paths::layer(std::string_view id) const {
  return (wiki_ != Wiki::none ? "layer-" : "layers/") + file_stem(id) + ext();
}
std::string Paths::type(std::string_view id) const {
  return (wiki_ != Wiki::none ? "type-" : "types/") + file_stem(id) + ext();
}
std::string Paths::page(std::string_view name) const {
  if (wiki_ != Wiki::none && name == "index") return wiki_home(wiki_) + ext();
  return std::string(name) + ext();
}

std::string Paths::wiki_home(Wiki wiki) { return wiki == Wiki::gitlab ? "home" : "Home"; }
std::string Paths::wiki_sidebar(Wiki wiki) { return wiki == Wiki::gitlab ? "_sidebar.md" : "_Sidebar.md"; }

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
  // A wiki links its pages by name, without ".md"; pictures are files.
  if (wiki_ != Wiki::none) return tree_ + (to.ends_with(".svg") ? std::string(to) : anchor(to));
  return root(from) + std::string(to);
}

std::string Paths::in_language(std::string_view path, std::string_view code) const {
  if (wiki_ != Wiki::none) return fmt::format("{}-{}", code, anchor(path));
  return fmt::format("{}../{}/{}", root(path), code, single_ ? std::string_view("index.html") : path);
}

std::string Paths::picture_link(std::string_view view, std::string_view element) const {
  return link(picture(view), this->element(element));
}

std::string Site::w(std::string_view key) const { return std::string(words.get(fmt::format("docs.{}", key), lang)); }

std::string Site::viewpoint(const View& view) const {
  const int k = ws.metamodel.find_viewpoint(view.viewpoint.text);
  return k < 0 ? std::string(view.viewpoint.text)
               : std::string(ws.metamodel.viewpoints[static_cast<std::size_t>(k)].label.get(lang));
}

std::string Site::name(std::uint32_t element) const {
  const Element& el = ws.model.element(element);
  const std::string_view n = el.name.get(lang);
  return std::string(n.empty() ? el.id : n);
}

mu::data common(const Site& site, const std::string& path, const std::string& title) {
  mu::data d;
  put(d, "title", title);
  put(d, "site", site.ws.config.name.empty() ? std::string("kaava") : site.ws.config.name);
  put(d, "lang", site.lang);
  put(d, "root", Paths::root(path));
  put(d, "path", path);
  put(d, "anchor", Paths::anchor(path));
  // Ids within a page: in one file (--single-file) every page's own.
  put(d, "idp", site.paths.single() ? Paths::anchor(path) + "--" : std::string());
  put(d, "w", words(site));
  put(d, "version", site.version);
  put(d, "generated", site.words.format("docs.generated", site.lang, site.version));
  const std::string site_name = site.ws.config.name.empty() ? std::string("kaava") : site.ws.config.name;
  put(d, "page_title", title == site_name ? title : title + " · " + site_name);
  mu::data nav = mu::data::type::list;
  std::vector<std::string_view> pages = {"index"};
  if (site.overview) pages.emplace_back("overview");
  for (std::string_view page : {"views", "elements", "metamodel", "findings", "rules"}) pages.push_back(page);
  for (std::string_view page : pages) {
    mu::data item;
    const std::string to = site.paths.page(page);
    put(item, "href", site.paths.link(path, to));
    put(item, "label", site.w(page == "index" ? "home" : page));
    put(item, "current", to == path);
    put(item, "first", page == pages.front());
    nav.push_back(item);
  }
  put(d, "nav", nav);
  mu::data languages = mu::data::type::list;
  for (const std::string& code : site.languages) {
    mu::data item;
    put(item, "code", code);
    put(item, "href", site.paths.in_language(path, code));
    put(item, "current", code == site.lang);
    put(item, "first", code == site.languages.front());
    languages.push_back(item);
  }
  put(d, "languages", languages);
  put(d, "has_languages", !site.languages.empty());
  if (!site.paths.markdown()) put(d, "search_href", site.paths.link(path, site.paths.page("search")));
  // Only the search page loads the index (a few MB for a large model).
  put(d, "is_search", path == site.paths.page("search"));
  return d;
}

mu::data home_page(const Site& site, const std::string& path) {
  const Model& model = site.ws.model;
  mu::data d = common(site, path, site.ws.config.name.empty() ? site.w("home") : site.ws.config.name);
  // The layers as their pages count them (imported elements too), and
  // the repository's own elements apart.
  std::size_t own = 0, all = 0;
  const mu::data layers = layer_counts(site, path, &all, &own);
  put(d, "layers", layers);
  put(d, "has_layers", all > 0);
  put(d, "element_count", all == own ? site.words.format("docs.element-count", site.lang, own)
                                     : site.words.format("docs.element-count-imported", site.lang, own, all - own));
  put(d, "description", description(site, site.ws.config.description));
  mu::data views = mu::data::type::list;
  for (std::uint32_t v : site.views) {
    const View& view = model.views()[v];
    mu::data item;
    const std::string_view n = view.name.get(site.lang);
    put(item, "name", std::string(n.empty() ? view.id : n));
    put(item, "href", site.paths.link(path, site.paths.view(view.id)));
    put(item, "picture", site.paths.single() ? std::string() : site.paths.link(path, site.paths.picture(view.id)));
    views.push_back(item);
  }
  put(d, "views", views);
  put(d, "has_views", !site.views.empty());
  const Summary& s = site.report.summary;
  put(d, "findings", site.words.format("docs.findings-summary", site.lang, s.errors, s.warnings, s.infos));
  put(d, "findings_href", site.paths.link(path, site.paths.page("findings")));
  mu::data changes = mu::data::type::list;
  for (const FileChange& c : site.changes) {
    mu::data item;
    put(item, "file", c.file);
    put(item, "commit", c.commit);
    put(item, "date", c.date);
    put(item, "author", c.author);
    changes.push_back(item);
  }
  put(d, "changes", changes);
  put(d, "has_changes", !site.changes.empty());
  return d;
}

mu::data element_page(const Site& site, std::uint32_t e, const std::string& path) {
  const Model& model = site.ws.model;
  const Metamodel& mm = site.ws.metamodel;
  const Element& el = model.element(e);
  mu::data d = common(site, path, site.name(e));
  put(d, "id", std::string(el.id));
  put(d, "name", site.name(e));
  put(d, "type", type_label(site, el));
  if (el.type != kNoType) {
    const ElementType& t = mm.element_types[el.type];
    put(d, "type_href", site.paths.link(path, site.paths.type(t.id)));
    put(d, "layer", std::string(mm.layers[t.layer].label.get(site.lang)));
    put(d, "layer_href", site.paths.link(path, site.paths.layer(mm.layers[t.layer].id)));
  }
  mu::data names = mu::data::type::list;
  for (const auto& [language, text] : el.name.texts) {
    mu::data item;
    put(item, "lang", std::string(language.empty() ? site.ws.config.default_language() : language));
    put(item, "text", std::string(text));
    put(item, "first", names.is_empty_list());
    names.push_back(item);
  }
  put(d, "names", names);
  put(d, "description", description(site, el.description));
  mu::data properties = mu::data::type::list;
  for (const Property& p : el.properties) {
    mu::data item;
    const auto [key, value] = labelled(site, mm.property(p.key), p);
    put(item, "key", key);
    // A value that is an element's id (an owner) reads as its name and
    // links to it; a web address is a link.
    const std::uint32_t target = model.find(p.value);
    put(item, "value", target != kNone ? site.name(target) : value);
    if (target != kNone) {
      put(item, "href", site.paths.link(path, site.paths.element(model.element(target).id)));
    } else if ((p.value.starts_with("https://") || p.value.starts_with("http://")) && safe_link_target(p.value)) {
      put(item, "href", std::string(p.value));
    }
    properties.push_back(item);
  }
  put(d, "properties", properties);
  std::vector<std::string_view> tags(el.tags.begin(), el.tags.end());
  put(d, "tags", join(tags, ", "));
  if (el.at.file < site.ws.files.size()) {
    const SourceFile& f = site.ws.files[el.at.file];
    put(d, "source", fmt::format("{}:{}", f.path, el.at.line));
    if (f.imported) {
      put(d, "imported", true);
      // Which repository: the import the file belongs to.
      if (const std::string_view import = site.ws.import_of(el.at.file); !import.empty()) {
        put(d, "imported_from", site.words.format("docs.imported-from", site.lang, std::string(import)));
      }
    } else if (!site.ws.config.repository_url.empty() && !f.embedded) {
      std::string url = site.ws.config.repository_url;
      while (url.ends_with('/')) url.pop_back();
      put(d, "source_href", fmt::format("{}/{}#L{}", url, url_path(site.source_prefix + f.path), el.at.line));
    }
  }
  const mu::data incoming = relationship_groups(site, e, true, path);
  const mu::data outgoing = relationship_groups(site, e, false, path);
  put(d, "incoming", incoming);
  put(d, "outgoing", outgoing);
  put(d, "has_incoming", !incoming.is_empty_list());
  put(d, "has_outgoing", !outgoing.is_empty_list());
  put(d, "has_relationships", !model.incoming(e).empty() || !model.outgoing(e).empty());
  mu::data views = mu::data::type::list;
  for (std::uint32_t k : site.views_of[e]) {
    const View& view = model.views()[site.views[k]];
    mu::data item;
    const std::string_view n = view.name.get(site.lang);
    put(item, "name", std::string(n.empty() ? view.id : n));
    put(item, "href", site.paths.link(path, site.paths.view(view.id)));
    views.push_back(item);
  }
  put(d, "views", views);
  put(d, "has_views", !site.views_of[e].empty());
  if (!site.paths.markdown()) {
    ContextOptions options;
    options.language = site.lang;
    options.title = site.words.format("docs.context-title", site.lang, site.name(e));
    options.id_prefix = url_segment(page_stem(el.id)) + "-";
    options.href = [&](std::uint32_t other) {
      return site.paths.link(path, site.paths.element(model.element(other).id));
    };
    put(d, "context", context_svg(model, mm, site.notation, e, options));
  }
  return d;
}

mu::data view_page(const Site& site, std::size_t k, const std::string& path) {
  const Model& model = site.ws.model;
  const View& view = model.views()[site.views[k]];
  const std::string_view n = view.name.get(site.lang);
  mu::data d = common(site, path, std::string(n.empty() ? view.id : n));
  put(d, "id", std::string(view.id));
  put(d, "name", std::string(n.empty() ? view.id : n));
  put(d, "description", description(site, view.description));
  put(d, "viewpoint", site.viewpoint(view));
  put(d, "svg", site.svg ? site.svg(k) : std::string());
  put(d, "picture", site.paths.link(path, site.paths.picture(view.id)));
  const ViewContent content = resolve_view(model, site.ws.metamodel, view);
  put(d, "rows", element_rows(site, content.elements, path));
  mu::data relationships = mu::data::type::list;
  for (std::uint32_t r : content.relationships) {
    const Relationship& rel = model.relationship(r);
    if (rel.type == kNoRelationship) continue;
    mu::data item;
    put(item, "source", site.name(rel.source.index));
    put(item, "source_href", site.paths.link(path, site.paths.element(model.element(rel.source.index).id)));
    put(item, "type", std::string(site.ws.metamodel.relationship_types[rel.type].label.get(site.lang)));
    put(item, "target", site.name(rel.target.index));
    put(item, "target_href", site.paths.link(path, site.paths.element(model.element(rel.target.index).id)));
    put(item, "name", std::string(rel.name.get(site.lang)));
    relationships.push_back(item);
  }
  put(d, "relationships", relationships);
  return d;
}

mu::data elements_page(const Site& site, const std::string& path) {
  mu::data d = common(site, path, site.w("elements"));
  put(d, "name", site.w("elements"));
  std::vector<std::uint32_t> members(site.ws.model.elements().size());
  for (std::uint32_t e = 0; e < members.size(); ++e) members[e] = e;
  std::size_t all = 0, own = 0;
  const mu::data layers = layer_counts(site, path, &all, &own);
  put(d, "types", layers);
  put(d, "rows", element_rows(site, members, path));
  return d;
}

mu::data layer_page(const Site& site, std::uint16_t layer, const std::string& path) {
  const Metamodel& mm = site.ws.metamodel;
  mu::data d = common(site, path, std::string(mm.layers[layer].label.get(site.lang)));
  put(d, "name", std::string(mm.layers[layer].label.get(site.lang)));
  put(d, "description", std::string(mm.layers[layer].description.get(site.lang)));
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
    put(item, "name", std::string(mm.element_types[t].label.get(site.lang)));
    put(item, "count", std::to_string(count));
    put(item, "href", site.paths.link(path, site.paths.type(mm.element_types[t].id)));
    type_list.push_back(item);
  }
  put(d, "types", type_list);
  put(d, "rows", element_rows(site, members, path));
  return d;
}

mu::data type_page(const Site& site, std::uint32_t type, const std::string& path) {
  const Metamodel& mm = site.ws.metamodel;
  const ElementType& t = mm.element_types[type];
  mu::data d = common(site, path, std::string(t.label.get(site.lang)));
  put(d, "name", std::string(t.label.get(site.lang)));
  put(d, "description", std::string(t.description.get(site.lang)));
  put(d, "layer", std::string(mm.layers[t.layer].label.get(site.lang)));
  put(d, "layer_href", site.paths.link(path, site.paths.layer(mm.layers[t.layer].id)));
  std::vector<std::uint32_t> members;
  for (std::uint32_t e = 0; e < site.ws.model.elements().size(); ++e) {
    if (site.ws.model.element(e).type == type) members.push_back(e);
  }
  put(d, "rows", element_rows(site, members, path));
  return d;
}

}  // namespace kaava::docs
