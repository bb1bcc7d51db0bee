#include "analysis/query.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "analysis/common.h"
#include "interop/model_json.h"
#include "util/edit_distance.h"
#include "util/table.h"
#include "util/text.h"
#include "views/selection.h"

namespace kaava::analysis {

namespace {

constexpr std::string_view k_text_keys[] = {"name", "description", "id"};

bool is_text_key(std::string_view key) { return std::ranges::find(k_text_keys, key) != std::end(k_text_keys); }

/// A condition with its pattern folded once.
struct Test {
  const Condition* condition;
  TextMatcher matcher;
};

bool passes(const Element& el, const Test& test) {
  const Condition& c = *test.condition;
  if (is_text_key(c.key)) {
    if (c.key == "id") {
      const bool found = test.matcher.found_in(el.id);
      return c.op == Condition::Op::equals    ? found
             : c.op == Condition::Op::differs ? !found
             : c.op == Condition::Op::missing ? false
                                              : true;
    }
    const LocalizedText& text = c.key == "name" ? el.name : el.description;
    const bool written = std::ranges::any_of(text.texts, [](const auto& t) { return !t.second.empty(); });
    if (c.op == Condition::Op::missing) return !written;
    if (c.op == Condition::Op::present) return written;
    const bool found = std::ranges::any_of(text.texts, [&](const auto& t) { return test.matcher.found_in(t.second); });
    return c.op == Condition::Op::equals ? found : !found;
  }
  const Property* const value = el.find_property(c.key);
  const bool written = value != nullptr && !value->value.empty();
  switch (c.op) {
    case Condition::Op::missing: return !written;
    case Condition::Op::present: return written;
    case Condition::Op::equals: return value != nullptr && test.matcher.matches(value->value);
    case Condition::Op::differs: return value == nullptr || !test.matcher.matches(value->value);
  }
  return false;
}

bool any_type_matches(const Metamodel& mm, std::string_view pattern) {
  for (std::size_t t = 0; t < mm.element_types.size(); ++t) {
    if (type_matches(mm, static_cast<TypeIndex>(t), pattern)) return true;
  }
  return false;
}

bool layer_matches(const Metamodel& mm, const Element& el, std::string_view pattern) {
  return el.type != kNoType && glob_match(pattern, mm.layers[mm.element_types[el.type].layer].id);
}

std::string relation_text(const Workspace& ws, const Relation& r) {
  const Relationship& rel = ws.model.relationship(r.relationship);
  const std::string_view type = relationship_type_id(ws.metamodel, rel);
  return r.outgoing ? fmt::format("{} →", type) : fmt::format("← {}", type);
}

}  // namespace

bool parse_condition(std::string_view text, Condition* out, std::string* error) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    *error = fmt::format("'{}' is not KEY=VALUE (also KEY!=VALUE, KEY= for a missing one, KEY!= for a present one)",
                         printable(text));
    return false;
  }
  const bool negated = eq > 0 && text[eq - 1] == '!';
  std::string_view key = text.substr(0, negated ? eq - 1 : eq);
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
  if (key.empty()) {
    *error = fmt::format("'{}' has no key before '='", printable(text));
    return false;
  }
  out->key = key;
  out->value = text.substr(eq + 1);
  if (out->value.starts_with('=') || out->value.starts_with('!')) {
    // 'k=!v' and 'k==v' are typing slips, not values to look for.
    const std::string_view op = out->value.starts_with('!') || negated ? "!=" : "=";
    std::string_view value = out->value;
    while (!value.empty() && (value.front() == '=' || value.front() == '!')) value.remove_prefix(1);
    *error = fmt::format("'{}': a value cannot begin with '{}' (did you mean '{}{}{}'?)", printable(text),
                         out->value.front(), printable(key), op, printable(value));
    return false;
  }
  out->written = text;
  if (out->value.empty()) {
    out->op = negated ? Condition::Op::present : Condition::Op::missing;
  } else {
    out->op = negated ? Condition::Op::differs : Condition::Op::equals;
  }
  return true;
}

std::string check_query(const Workspace& ws, const Query& query) {
  const Metamodel& mm = ws.metamodel;
  for (const std::string& t : query.types) {
    if (any_type_matches(mm, t)) continue;
    const TypeIndex close = t.find('*') == std::string::npos ? mm.closest_type(t) : kNoType;
    return fmt::format("--type: no element type '{}'{}", printable(t),
                       close != kNoType ? fmt::format(" (did you mean '{}'?)", mm.element_types[close].id)
                                        : std::string());
  }
  for (const std::string& l : query.layers) {
    if (std::ranges::any_of(mm.layers, [&](const Layer& layer) { return glob_match(l, layer.id); })) continue;
    std::vector<std::string_view> ids;
    for (const Layer& layer : mm.layers) ids.push_back(layer.id);
    return fmt::format("--layer: no layer '{}'{}; the layers are {}", printable(l), did_you_mean(l, ids),
                       join(ids, ", "));
  }
  if (!query.via.empty() && query.related_to.empty()) return "--via needs --related-to ID (the element to start from)";
  for (const std::string& v : query.via) {
    if (const std::string why = unknown_relationship_type(mm, v); !why.empty()) return "--via: " + why;
  }
  if (!query.related_to.empty() && ws.model.find(query.related_to) == kNone) {
    return "--related-to: " + unknown_element(ws.model, query.related_to);
  }
  return {};
}

std::vector<std::string> query_notes(const Workspace& ws, const Query& query) {
  std::vector<std::string> notes;
  const Model& model = ws.model;
  std::set<std::string_view> tags, keys;
  for (const Element& el : model.elements()) {
    tags.insert(el.tags.begin(), el.tags.end());
    for (const Property& p : el.properties) keys.insert(p.key);
  }
  for (const PropertyDefinition& def : ws.metamodel.properties) keys.insert(def.id);
  for (const std::string& t : query.tags) {
    if (std::ranges::any_of(tags, [&](std::string_view tag) { return glob_match(t, tag); })) continue;
    const std::vector<std::string_view> all(tags.begin(), tags.end());
    notes.push_back(fmt::format("--tag: no element has tag '{}'{}", printable(t), did_you_mean(t, all)));
  }
  for (const Condition& c : query.where) {
    if (is_text_key(c.key) || keys.contains(c.key)) continue;
    std::vector<std::string_view> all(keys.begin(), keys.end());
    for (std::string_view k : k_text_keys) all.push_back(k);
    std::string hint = did_you_mean(c.key, all);
    if (c.key == "type" || c.key == "layer" || c.key == "tag" || c.key == "tags") {
      hint = fmt::format(" (use --{} for that)", c.key == "tags" ? "tag" : c.key);
    }
    notes.push_back(fmt::format("--where {}: no element has property '{}' and the metamodel defines none{}",
                                printable(c.written), printable(c.key), hint));
  }
  return notes;
}

std::vector<Found> run_query(const Workspace& ws, const Query& query) {
  const Model& model = ws.model;
  const Metamodel& mm = ws.metamodel;
  std::vector<Test> tests;
  tests.reserve(query.where.size());
  for (const Condition& c : query.where) tests.push_back({&c, TextMatcher(c.value)});

  // With --related-to: the relationships of that element, by the element at their other end.
  const std::uint32_t anchor = query.related_to.empty() ? kNone : model.find(query.related_to);
  std::vector<std::vector<Relation>> relations;
  if (anchor != kNone) {
    relations.resize(model.elements().size());
    auto keep = [&](std::uint32_t r) {
      const Relationship& rel = model.relationship(r);
      return query.via.empty() || std::ranges::any_of(query.via, [&](const std::string& v) {
               return rel.type != kNoRelationship && relationship_type_matches(mm, rel.type, v);
             });
    };
    for (std::uint32_t r : model.outgoing(anchor)) {
      const std::uint32_t other = model.relationship(r).target.index;
      if (other != kNone && other != anchor && keep(r)) relations[other].push_back({r, true});
    }
    for (std::uint32_t r : model.incoming(anchor)) {
      const std::uint32_t other = model.relationship(r).source.index;
      if (other != kNone && other != anchor && keep(r)) relations[other].push_back({r, false});
    }
  }

  std::vector<Found> found;
  for (std::uint32_t i = 0; i < model.elements().size(); ++i) {
    const Element& el = model.element(i);
    if (!is_canonical(model, i)) continue;
    if (query.own_only && is_imported(ws, el)) continue;
    if (anchor != kNone && relations[i].empty()) continue;
    if (!query.types.empty() && std::ranges::none_of(query.types, [&](const std::string& t) {
          return el.type != kNoType && type_matches(mm, el.type, t);
        })) {
      continue;
    }
    if (!query.layers.empty() &&
        std::ranges::none_of(query.layers, [&](const std::string& l) { return layer_matches(mm, el, l); })) {
      continue;
    }
    if (!query.tags.empty() && std::ranges::none_of(query.tags, [&](const std::string& t) {
          return std::ranges::any_of(el.tags, [&](std::string_view tag) { return glob_match(t, tag); });
        })) {
      continue;
    }
    if (!std::ranges::all_of(tests, [&](const Test& t) { return passes(el, t); })) continue;
    Found f{i, {}};
    if (anchor != kNone) {
      f.relations = std::move(relations[i]);
      std::ranges::sort(f.relations, {}, &Relation::relationship);
    }
    found.push_back(std::move(f));
  }
  std::ranges::sort(found, {}, [&](const Found& f) { return model.element(f.element).id; });
  return found;
}

std::string query_output(const Workspace& ws, const Query& query, const std::vector<Found>& found,
                         std::string_view format, std::string_view language) {
  const Model& model = ws.model;
  const Metamodel& mm = ws.metamodel;
  const bool related = !query.related_to.empty();
  if (format == "ids") {
    std::string out;
    for (const Found& f : found) out += fmt::format("{}\n", model.element(f.element).id);
    return out;
  }
  if (format == "json") {
    interop::json doc = interop::json::object();
    doc["kaava-query"] = kQueryJsonVersion;
    doc["count"] = found.size();
    interop::json elements = interop::json::array();
    for (const Found& f : found) {
      interop::json e = interop::element_json(ws, f.element);
      if (related) {
        interop::json rels = interop::json::array();
        for (const Relation& r : f.relations) {
          const Relationship& rel = model.relationship(r.relationship);
          rels.push_back({{"id", std::string(rel.id)},
                          {"type", std::string(relationship_type_id(mm, rel))},
                          {"direction", r.outgoing ? "out" : "in"}});
        }
        e["relationships"] = std::move(rels);
      }
      elements.push_back(std::move(e));
    }
    doc["elements"] = std::move(elements);
    return doc.dump(2, ' ', false, interop::json::error_handler_t::replace) + "\n";
  }
  if (format == "csv") {
    // Every property key among the answers gets a column of its own, in order of key.
    std::set<std::string_view> keys;
    for (const Found& f : found) {
      for (const Property& p : model.element(f.element).properties) keys.insert(p.key);
    }
    std::vector<std::string> header = {"id", "type", "layer", "name", "description", "tags"};
    for (std::string_view k : keys) header.emplace_back(k);
    header.insert(header.end(), {"file", "line", "imported"});
    if (related) header.emplace_back("relationships");
    std::string out = csv_line(header);
    for (const Found& f : found) {
      const Element& el = model.element(f.element);
      std::vector<std::string> row = {
          std::string(el.id),
          std::string(type_id(mm, el)),
          el.type != kNoType ? mm.layers[mm.element_types[el.type].layer].id : std::string(),
          std::string(el.name.get(language)),
          std::string(el.description.get(language)),
          join(el.tags, " ")};
      for (std::string_view k : keys) {
        row.emplace_back(el.property_value(k));
      }
      const bool imported = is_imported(ws, el);
      row.push_back(el.at.file < ws.files.size() ? ws.files[el.at.file].path : std::string());
      row.push_back(std::to_string(el.at.line));
      row.emplace_back(imported ? ws.import_of(el.at.file) : std::string_view());
      if (related) {
        std::vector<std::string> texts;
        for (const Relation& r : f.relations) texts.push_back(relation_text(ws, r));
        row.push_back(fmt::format("{}", fmt::join(texts, " ")));
      }
      out += csv_line(row);
    }
    return out;
  }
  std::vector<std::string> header = {"ID", "TYPE", "NAME", "WHERE"};
  if (related) header.insert(header.begin() + 1, fmt::format("RELATIONSHIP ({})", query.related_to));
  TextTable table(header);
  for (const Found& f : found) {
    const Element& el = model.element(f.element);
    std::vector<std::string> row = {std::string(el.id), std::string(type_id(mm, el)),
                                    printable(display_name(el, language)), written_at(ws, el.at)};
    if (related) {
      std::vector<std::string> texts;
      for (const Relation& r : f.relations) texts.push_back(relation_text(ws, r));
      row.insert(row.begin() + 1, fmt::format("{}", fmt::join(texts, ", ")));
    }
    table.add(std::move(row));
  }
  if (found.empty()) return "no element matches\n";
  return table.text() + fmt::format("{} {}\n", found.size(), found.size() == 1 ? "element" : "elements");
}

}  // namespace kaava::analysis
