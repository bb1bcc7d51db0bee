#include "analysis/diff.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "analysis/common.h"
#include "analysis/impact.h"
#include "docs/markup.h"
#include "interop/model_json.h"
#include "util/text.h"

namespace kaava::analysis {

namespace {

using Index = std::unordered_map<std::string_view, std::uint32_t>;

bool own_file(const Workspace& ws, std::uint32_t file) { return file < ws.files.size() && !ws.files[file].imported; }

Index own_elements(const Workspace& ws) {
  Index out;
  const Model& model = ws.model;
  for (std::uint32_t i = 0; i < model.elements().size(); ++i) {
    if (is_canonical(model, i) && own_file(ws, model.element(i).at.file)) out.emplace(model.element(i).id, i);
  }
  return out;
}

Index own_relationships(const Workspace& ws) {
  Index out;
  for (std::uint32_t i = 0; i < ws.model.relationships().size(); ++i) {
    const Relationship& r = ws.model.relationship(i);
    if (own_file(ws, r.at.file)) out.emplace(r.id, i);  // the first of a repeated id
  }
  return out;
}

Index own_views(const Workspace& ws) {
  Index out;
  for (std::uint32_t i = 0; i < ws.model.views().size(); ++i) {
    const View& v = ws.model.views()[i];
    if (own_file(ws, v.at.file)) out.emplace(v.id, i);
  }
  return out;
}

/// Texts by language, plain ones under the repository's default language.
std::map<std::string, std::string> by_language(const LocalizedText& text, std::string_view default_language) {
  std::map<std::string, std::string> out;
  for (const auto& [language, value] : text.texts) {
    out.emplace(std::string(language.empty() ? default_language : language), std::string(value));
  }
  return out;
}

std::map<std::string, std::string> by_key(std::span<const Property> properties) {
  std::map<std::string, std::string> out;
  for (const Property& p : properties) out.emplace(std::string(p.key), std::string(p.value));
  return out;
}

/// The differences of two maps, as fields `prefix.key`.
void compare(std::string_view prefix, const std::map<std::string, std::string>& a,
             const std::map<std::string, std::string>& b, std::vector<FieldChange>* out) {
  std::set<std::string> keys;
  for (const auto& [k, v] : a) keys.insert(k);
  for (const auto& [k, v] : b) keys.insert(k);
  for (const std::string& k : keys) {
    const auto x = a.find(k);
    const auto y = b.find(k);
    const std::string old_value = x != a.end() ? x->second : std::string();
    const std::string new_value = y != b.end() ? y->second : std::string();
    if ((x == a.end()) != (y == b.end()) || old_value != new_value) {
      out->push_back({fmt::format("{}.{}", prefix, k), old_value, new_value});
    }
  }
}

/// Texts compared by language (only when they are not simply written the same).
void compare(std::string_view field, const LocalizedText& x, std::string_view dx, const LocalizedText& y,
             std::string_view dy, std::vector<FieldChange>* out) {
  const bool same = x.texts.size() == y.texts.size() && std::ranges::equal(x.texts, y.texts, [&](const auto& a, const auto& b) {
    return (a.first.empty() ? dx : a.first) == (b.first.empty() ? dy : b.first) && a.second == b.second;
  });
  if (!same) compare(field, by_language(x, dx), by_language(y, dy), out);
}

void compare(std::string_view field, std::span<const Property> x, std::span<const Property> y,
             std::vector<FieldChange>* out) {
  const bool same = std::ranges::equal(x, y, [](const Property& a, const Property& b) {
    return a.key == b.key && a.value == b.value;
  });
  if (!same) compare(field, by_key(x), by_key(y), out);
}

void compare(std::string_view field, std::string_view a, std::string_view b, std::vector<FieldChange>* out) {
  if (a != b) out->push_back({std::string(field), std::string(a), std::string(b)});
}

std::string words(std::span<const std::string_view> items) {
  std::vector<std::string_view> sorted(items.begin(), items.end());
  std::ranges::sort(sorted);
  return join(sorted, ", ");
}

std::string patterns(std::span<const Pattern> items) {
  std::vector<std::string_view> texts;
  for (const Pattern& p : items) texts.push_back(p.text);
  return join(texts, ", ");
}

std::string selector_text(const Selector& s) {
  std::vector<std::string> parts;
  auto add = [&](std::string_view key, std::span<const Pattern> items) {
    if (!items.empty()) parts.push_back(fmt::format("{}: [{}]", key, patterns(items)));
  };
  add("types", s.types);
  add("layers", s.layers);
  add("tags", s.tags);
  add("ids", s.ids);
  add("relationships", s.relationships);
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string_view direction_name(Direction d) {
  return d == Direction::in ? "in" : d == Direction::out ? "out" : "both";
}

std::string parent_id(const Model& model, const Element& el) {
  return el.parent != kNone ? std::string(model.element(el.parent).id) : std::string();
}

Changed compare_elements(const Workspace& a, std::uint32_t i, const Workspace& b, std::uint32_t j) {
  const Element& x = a.model.element(i);
  const Element& y = b.model.element(j);
  Changed c{{}, i, j, {}, false, false, {}, {}};
  compare("type", type_id(a.metamodel, x), type_id(b.metamodel, y), &c.fields);
  c.retyped = !c.fields.empty();
  const std::size_t before_names = c.fields.size();
  compare("name", x.name, a.config.default_language(), y.name, b.config.default_language(), &c.fields);
  c.renamed = c.fields.size() > before_names;
  compare("description", x.description, a.config.default_language(), y.description, b.config.default_language(),
          &c.fields);
  compare("properties", x.properties, y.properties, &c.fields);
  if (!std::ranges::equal(x.tags, y.tags)) compare("tags", words(x.tags), words(y.tags), &c.fields);
  compare("parent", parent_id(a.model, x), parent_id(b.model, y), &c.fields);
  return c;
}

std::map<std::string, std::string> attributes(const Metamodel& mm, const Relationship& r) {
  std::map<std::string, std::string> out;
  if (r.type == kNoRelationship) return out;
  for (const PropertyDefinition& d : mm.relationship_types[r.type].attributes) {
    out.emplace(d.id, std::string(r.attribute(d.id, d.default_value)));
  }
  return out;
}

Changed compare_relationships(const Workspace& a, std::uint32_t i, const Workspace& b, std::uint32_t j) {
  const Relationship& x = a.model.relationship(i);
  const Relationship& y = b.model.relationship(j);
  Changed c{{}, i, j, {}, false, false, {}, {}};
  compare("type", relationship_type_id(a.metamodel, x), relationship_type_id(b.metamodel, y), &c.fields);
  c.retyped = !c.fields.empty();
  compare("source", x.source.id, y.source.id, &c.fields);
  compare("target", x.target.id, y.target.id, &c.fields);
  compare("name", x.name, a.config.default_language(), y.name, b.config.default_language(), &c.fields);
  compare("description", x.description, a.config.default_language(), y.description, b.config.default_language(),
          &c.fields);
  // Written the same, of the same type: the same attributes, defaults included.
  const bool same_attributes = !c.retyped && std::ranges::equal(x.attributes, y.attributes, [](const Property& p, const Property& q) {
    return p.key == q.key && p.value == q.value;
  });
  if (!same_attributes) compare("attributes", attributes(a.metamodel, x), attributes(b.metamodel, y), &c.fields);
  compare("properties", x.properties, y.properties, &c.fields);
  if (!std::ranges::equal(x.tags, y.tags)) compare("tags", words(x.tags), words(y.tags), &c.fields);
  return c;
}

Changed compare_views(const Workspace& a, std::uint32_t i, const Workspace& b, std::uint32_t j) {
  const View& x = a.model.views()[i];
  const View& y = b.model.views()[j];
  Changed c{{}, i, j, {}, false, false, {}, {}};
  compare("name", x.name, a.config.default_language(), y.name, b.config.default_language(), &c.fields);
  c.renamed = !c.fields.empty();
  compare("description", x.description, a.config.default_language(), y.description, b.config.default_language(),
          &c.fields);
  compare("viewpoint", x.viewpoint.text, y.viewpoint.text, &c.fields);
  compare("include", selector_text(x.include), selector_text(y.include), &c.fields);
  compare("exclude", selector_text(x.exclude), selector_text(y.exclude), &c.fields);
  compare("focus", x.focus.text, y.focus.text, &c.fields);
  if (!x.focus.text.empty() || !y.focus.text.empty()) {
    compare("depth", std::to_string(x.depth), std::to_string(y.depth), &c.fields);
    compare("direction", direction_name(x.direction), direction_name(y.direction), &c.fields);
  }
  compare("color-by", x.color_by.text, y.color_by.text, &c.fields);
  compare("expand-through", selector_text(x.expand_through), selector_text(y.expand_through), &c.fields);
  std::set<std::string_view> before, after;
  for (std::uint32_t e : a.model.shown_by(i)) before.insert(a.model.element(e).id);
  for (std::uint32_t e : b.model.shown_by(j)) after.insert(b.model.element(e).id);
  for (std::string_view id : after) {
    if (!before.contains(id)) c.members_added.emplace_back(id);
  }
  for (std::string_view id : before) {
    if (!after.contains(id)) c.members_removed.emplace_back(id);
  }
  return c;
}

/// Added, removed and changed items of two indexes.
template <typename Compare>
void match(const Workspace& a, const Index& before, const Workspace& b, const Index& after, auto&& changes,
           Compare compare_items) {
  for (const auto& [id, i] : before) {
    const auto it = after.find(id);
    if (it == after.end()) {
      changes.removed.push_back(i);
      continue;
    }
    Changed c = compare_items(a, i, b, it->second);
    if (!c.fields.empty() || !c.members_added.empty() || !c.members_removed.empty()) {
      c.id = id;
      changes.changed.push_back(std::move(c));
    }
  }
  for (const auto& [id, j] : after) {
    if (!before.contains(id)) changes.added.push_back(j);
  }
  std::ranges::sort(changes.changed, {}, &Changed::id);
}

/// Where `ws` still names one of `removed`: relationship ends, and views'
/// focus and ids.
void references(const Workspace& ws, const std::unordered_set<std::string_view>& removed, std::string_view prefix,
                std::map<std::string, std::vector<std::string>>* out) {
  const Model& model = ws.model;
  for (const Relationship& r : model.relationships()) {
    if (!own_file(ws, r.at.file)) continue;
    for (const Reference* end : {&r.source, &r.target}) {
      if (end->index != kNone || end->relationship != kNone || !removed.contains(end->id)) continue;
      const Reference& other = end == &r.source ? r.target : r.source;
      (*out)[std::string(end->id)].push_back(fmt::format("{}{} ({} {} {})", prefix, written_at(ws, end->at),
                                                          relationship_type_id(ws.metamodel, r),
                                                          end == &r.source ? "to" : "from", other.id));
    }
  }
  for (const View& v : model.views()) {
    if (!own_file(ws, v.at.file)) continue;
    if (removed.contains(v.focus.text)) {
      (*out)[std::string(v.focus.text)].push_back(
          fmt::format("{}{} (focus of view {})", prefix, written_at(ws, v.focus.at), v.id));
    }
    for (const Selector* s : {&v.include, &v.exclude, &v.expand_through}) {
      for (const Pattern& p : s->ids) {
        if (removed.contains(p.text)) {
          (*out)[std::string(p.text)].push_back(
              fmt::format("{}{} (in view {})", prefix, written_at(ws, p.at), v.id));
        }
      }
    }
  }
}

void removed_still_used(const Workspace& before, const Workspace& after, const ModelDiff& diff,
                        const std::vector<Importer>& importers, std::string_view language,
                        std::vector<Breaking>* out) {
  std::unordered_set<std::string_view> removed;
  for (std::uint32_t i : diff.elements.removed) removed.insert(before.model.element(i).id);
  if (removed.empty()) return;
  std::map<std::string, std::vector<std::string>> where;
  references(after, removed, "", &where);
  for (const Importer& imp : importers) references(*imp.ws, removed, imp.label + ": ", &where);
  for (auto& [id, places] : where) {
    const Element& el = before.model.element(before.model.find(id));
    out->push_back({Breaking::Kind::removed_still_used, id,
                    fmt::format("{} ({}) was removed, but {} still {} to it", id,
                                printable(display_name(el, language)),
                                places.size() == 1 ? "one place" : fmt::format("{} places", places.size()),
                                places.size() == 1 ? "refers" : "refer"),
                    std::move(places)});
  }
}

void type_changes(const Workspace& before, const Workspace& after, const ModelDiff& diff,
                  std::vector<Breaking>* out) {
  const Metamodel& mm = after.metamodel;
  const Metamodel& old_mm = before.metamodel;
  for (const Changed& c : diff.elements.changed) {
    if (!c.retyped) continue;
    std::vector<std::string> where;
    std::vector<std::uint32_t> rels(after.model.outgoing(c.new_index).begin(), after.model.outgoing(c.new_index).end());
    rels.insert(rels.end(), after.model.incoming(c.new_index).begin(), after.model.incoming(c.new_index).end());
    std::ranges::sort(rels);
    rels.erase(std::unique(rels.begin(), rels.end()), rels.end());
    for (std::uint32_t r : rels) {
      const Relationship& rel = after.model.relationship(r);
      if (rel.type == kNoRelationship || rel.source.index == kNone || rel.target.index == kNone) continue;
      const TypeIndex s = after.model.element(rel.source.index).type, t = after.model.element(rel.target.index).type;
      if (s == kNoType || t == kNoType || mm.is_allowed(s, rel.type, t)) continue;
      // Only what was allowed before counts: an old mistake is not this change's.
      const std::uint32_t was = before.model.find_relationship(rel.id);
      if (was == kNone) continue;
      const Relationship& old = before.model.relationship(was);
      if (old.type == kNoRelationship || old.source.index == kNone || old.target.index == kNone) continue;
      const TypeIndex os = before.model.element(old.source.index).type, ot = before.model.element(old.target.index).type;
      if (os == kNoType || ot == kNoType || !old_mm.is_allowed(os, old.type, ot)) continue;
      where.push_back(fmt::format("{} ({} {} {})", written_at(after, rel.at), rel.source.id,
                                  mm.relationship_types[rel.type].verb, rel.target.id));
    }
    if (where.empty()) continue;
    const Element& el = after.model.element(c.new_index);
    out->push_back({Breaking::Kind::type_change_not_allowed, c.id,
                    fmt::format("{} changed type from {} to {}, which ArchiMate does not allow in {} of its "
                                "relationships",
                                c.id, type_id(before.metamodel, before.model.element(c.old_index)),
                                type_id(mm, el), where.size()),
                    std::move(where)});
  }
}

void lifecycle_back(const Workspace& before, const Workspace& after, const ModelDiff& diff,
                    std::vector<Breaking>* out) {
  const Metamodel& mm = after.metamodel;
  const LifecycleRule& rule = mm.lifecycle;
  if (rule.property < 0 || rule.in_use.empty()) return;
  const std::string& key = mm.properties[static_cast<std::size_t>(rule.property)].id;
  const std::string& planned = rule.in_use.front();
  auto ended = [&](std::string_view v) { return std::ranges::find(rule.ended, v) != rule.ended.end(); };
  // In use past planning, as its lifecycle says (one without a lifecycle says nothing, as for lifecycle-conflict).
  auto live = [&](std::string_view v) {
    return !v.empty() && v != planned && !ended(v) && std::ranges::find(rule.in_use, v) != rule.in_use.end();
  };
  for (const Changed& c : diff.elements.changed) {
    const std::string_view was = before.model.element(c.old_index).property_value(key);
    const std::string_view now = after.model.element(c.new_index).property_value(key);
    if (was == now) continue;
    const bool back = now == planned && !ended(was);
    const bool ending = ended(now) && !ended(was);
    if (!back && !ending) continue;
    std::vector<std::string> where;
    std::set<std::uint32_t> seen;
    dependency_steps(after.model, mm, c.new_index, true, [&](std::uint32_t other, std::uint32_t r) {
      const Element& dependent = after.model.element(other);
      if (!live(dependent.property_value(key)) || !seen.insert(other).second) return;
      where.push_back(fmt::format("{} ({} {}: {})", written_at(after, after.model.relationship(r).at), dependent.id,
                                  key, dependent.property_value(key).empty() ? "none" : dependent.property_value(key)));
    });
    if (where.empty()) continue;
    out->push_back({Breaking::Kind::lifecycle_back, c.id,
                    fmt::format("{} moved from {} {} {}, while {} {} in use {} on it", c.id,
                                was.empty() ? std::string_view("no lifecycle") : was, back ? "back to" : "to", now,
                                seen.size(), seen.size() == 1 ? "element" : "elements",
                                seen.size() == 1 ? "depends" : "depend"),
                    std::move(where)});
  }
}

}  // namespace

ModelDiff diff_models(const Workspace& before, const Workspace& after, const std::vector<Importer>& importers,
                      std::string_view language) {
  ModelDiff diff;
  const Index old_elements = own_elements(before), new_elements = own_elements(after);
  match(before, old_elements, after, new_elements, diff.elements, compare_elements);
  for (const auto& [id, i] : old_elements) {
    const auto it = new_elements.find(id);
    if (it == new_elements.end()) continue;
    const std::string& a = before.files[before.model.element(i).at.file].path;
    const std::string& b = after.files[after.model.element(it->second).at.file].path;
    if (a != b) diff.moved.push_back({std::string(id), a, b});
  }
  std::ranges::sort(diff.moved, {}, &Moved::id);
  match(before, own_relationships(before), after, own_relationships(after), diff.relationships,
        compare_relationships);
  match(before, own_views(before), after, own_views(after), diff.views, compare_views);
  auto by_id = [](const auto& items) {
    return [&items](std::uint32_t a, std::uint32_t b) { return items[a].id < items[b].id; };
  };
  std::ranges::sort(diff.elements.added, by_id(after.model.elements()));
  std::ranges::sort(diff.elements.removed, by_id(before.model.elements()));
  std::ranges::sort(diff.relationships.added, by_id(after.model.relationships()));
  std::ranges::sort(diff.relationships.removed, by_id(before.model.relationships()));
  std::ranges::sort(diff.views.added, by_id(after.model.views()));
  std::ranges::sort(diff.views.removed, by_id(before.model.views()));
  removed_still_used(before, after, diff, importers,
                     language.empty() ? before.config.default_language() : language, &diff.breaking);
  type_changes(before, after, diff, &diff.breaking);
  lifecycle_back(before, after, diff, &diff.breaking);
  return diff;
}

}  // namespace kaava::analysis
