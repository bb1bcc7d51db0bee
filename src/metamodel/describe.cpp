#include "metamodel/describe.h"

#include <fmt/format.h>

#include "metamodel/words.h"
#include "util/text.h"

namespace kaava {

namespace {

constexpr std::size_t k_width = 100;

/// A phrase of kaava's own (models/words.yaml) in `language`.
template <typename... Args>
std::string say(std::string_view key, std::string_view language, Args&&... args) {
  return builtin_words().format(fmt::format("metamodel.{}", key), language, std::forward<Args>(args)...);
}

/// Appends `items` after `prefix`, wrapped at k_width with a hanging indent.
void wrap(std::string& out, std::string_view prefix, const std::vector<std::string_view>& items) {
  std::string line(prefix);
  const std::size_t indent = prefix.size();
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string item(items[i]);
    if (i + 1 < items.size()) item += ',';
    if (line.size() > indent && line.size() + 1 + item.size() > k_width) {
      out += line;
      out += '\n';
      line.assign(indent, ' ');
    } else if (line.size() > indent) {
      line += ' ';
    }
    line += item;
  }
  out += line;
  out += '\n';
}

void label_json(std::string& out, const Label& label) {
  out += '{';
  bool first = true;
  for (const auto& [lang, text] : label.texts) {
    if (!first) out += ',';
    first = false;
    out += fmt::format("\"{}\":\"{}\"", json_escape(lang.empty() ? "default" : lang), json_escape(text));
  }
  out += '}';
}

/// "enum (a|b|c)", "bool", "string".
std::string value_summary(const PropertyDefinition& def) {
  std::string kind(to_string(def.kind));
  if (def.kind == PropertyKind::enumeration) {
    std::vector<std::string_view> values(def.values.begin(), def.values.end());
    kind += fmt::format(" ({})", fmt::join(values, "|"));
  }
  return kind;
}

std::string property_summary(const Metamodel& mm, const PropertyUse& use, std::string_view language) {
  const PropertyDefinition& def = mm.properties[use.definition];
  return fmt::format("{:<20} {:<12} {}", def.id, say(use.required ? "required" : "optional", language),
                     value_summary(def));
}

/// A property definition's or attribute's fields: id, type, then `extra`
/// (",\"required\":true"), values, default and labels.
void definition_json(std::string& out, const PropertyDefinition& def, std::string_view extra = {}) {
  out += fmt::format("{{\"id\":\"{}\",\"type\":\"{}\"{}", json_escape(def.id), to_string(def.kind), extra);
  if (def.kind == PropertyKind::enumeration) {
    out += ",\"values\":[";
    for (std::size_t k = 0; k < def.values.size(); ++k) {
      out += fmt::format("{}\"{}\"", k ? "," : "", json_escape(def.values[k]));
    }
    out += ']';
  }
  if (!def.default_value.empty()) out += fmt::format(",\"default\":\"{}\"", json_escape(def.default_value));
  out += ",\"label\":";
  label_json(out, def.label);
  out += '}';
}

void type_fields_json(std::string& out, const Metamodel& mm, const ElementType& t) {
  out += fmt::format("\"id\":\"{}\",\"layer\":\"{}\",\"base\":", json_escape(t.id), json_escape(mm.layers[t.layer].id));
  out += t.base == kNoType ? std::string("null") : fmt::format("\"{}\"", json_escape(mm.element_types[t.base].id));
  out += ",\"label\":";
  label_json(out, t.label);
  out += ",\"description\":";
  label_json(out, t.description);
  out += ",\"properties\":[";
  for (std::size_t i = 0; i < t.properties.size(); ++i) {
    const PropertyDefinition& def = mm.properties[t.properties[i].definition];
    if (i) out += ',';
    definition_json(out, def, t.properties[i].required ? ",\"required\":true" : ",\"required\":false");
  }
  out += ']';
}

}  // namespace

std::string metamodel_text(const Metamodel& mm, std::string_view language) {
  // Columns as wide as their longest entry, so that no name runs into its label.
  std::vector<std::string> type_names;
  std::size_t width = 0;
  for (const ElementType& t : mm.element_types) {
    type_names.push_back(t.base == kNoType ? t.id : fmt::format("{} < {}", t.id, mm.element_types[t.base].id));
    width = std::max(width, type_names.back().size());
  }
  for (const Viewpoint& v : mm.viewpoints) width = std::max(width, v.id.size());
  std::string out = fmt::format("{} ({})\n", mm.label.get(language), fmt::join(mm.sources, " + "));
  for (std::size_t l = 0; l < mm.layers.size(); ++l) {
    out += fmt::format("\n{}\n", mm.layers[l].label.get(language));
    for (std::size_t t = 0; t < mm.element_types.size(); ++t) {
      if (mm.element_types[t].layer != l) continue;
      out += fmt::format("  {:<{}}  {}\n", type_names[t], width, mm.element_types[t].label.get(language));
    }
  }
  std::vector<std::string> relationship_names;
  std::size_t id_width = 0, verb_width = 0;
  for (const RelationshipType& r : mm.relationship_types) {
    relationship_names.push_back(
        r.base == kNoRelationship ? r.id : fmt::format("{} < {}", r.id, mm.relationship_types[r.base].id));
    id_width = std::max(id_width, relationship_names.back().size());
    verb_width = std::max(verb_width, r.verb.size());
  }
  out += fmt::format("\n{}\n", say("relationships", language));
  for (std::size_t i = 0; i < mm.relationship_types.size(); ++i) {
    const RelationshipType& r = mm.relationship_types[i];
    out += fmt::format("  {:<{}}  {:<{}}  {}\n", relationship_names[i], id_width, r.verb, verb_width,
                       r.label.get(language));
  }
  if (!mm.properties.empty()) {
    std::size_t property_width = 0, kind_width = 0;
    for (const PropertyDefinition& p : mm.properties) {
      property_width = std::max(property_width, p.id.size());
      kind_width = std::max(kind_width, to_string(p.kind).size());
    }
    out += fmt::format("\n{}\n", say("properties", language));
    for (const PropertyDefinition& p : mm.properties) {
      out += fmt::format("  {:<{}}  {:<{}}  {}\n", p.id, property_width, to_string(p.kind), kind_width,
                         p.label.get(language));
    }
  }
  if (!mm.viewpoints.empty()) {
    out += fmt::format("\n{}\n", say("viewpoints", language));
    for (const Viewpoint& v : mm.viewpoints) out += fmt::format("  {:<{}}  {}\n", v.id, width, v.label.get(language));
  }
  out += fmt::format("\n{}\n", say("overview-hint", language));
  return out;
}

namespace {

/// The types a viewpoint shows, specializations left out (they go where their base goes).
std::vector<std::string_view> shown_types(const Metamodel& mm, const Viewpoint& v) {
  std::vector<std::string_view> out;
  for (std::size_t t = 0; t < mm.element_types.size(); ++t) {
    if (mm.element_types[t].base == kNoType && v.allows(static_cast<TypeIndex>(t)))
      out.push_back(mm.element_types[t].id);
  }
  return out;
}

}  // namespace

std::string viewpoint_text(const Metamodel& mm, std::size_t viewpoint, std::string_view language) {
  const Viewpoint& v = mm.viewpoints[viewpoint];
  std::string out = fmt::format("{}: {} ({})\n", v.id, v.label.get(language), say("viewpoint", language));
  if (const std::string_view d = v.description.get(language); !d.empty()) out += fmt::format("  {}\n", d);
  const std::vector<std::string_view> types = shown_types(mm, v);
  out += v.shows.empty() ? fmt::format("  {}\n", say("shows-every-type", language))
                         : fmt::format("  {}\n", say("shows-types", language, types.size()));
  if (!v.shows.empty()) {
    for (std::string_view t : types) {
      out += fmt::format("    {:<38} {}\n", t, mm.element_types[mm.find_type(t)].label.get(language));
    }
  }
  out += fmt::format("\n  kaava render --viewpoint {}     {}\n", v.id, say("render-hint", language));
  return out;
}

std::string type_text(const Metamodel& mm, TypeIndex type, std::string_view language) {
  const ElementType& t = mm.element_types[type];
  std::string out = fmt::format("{}: {}\n", t.id, t.label.get(language));
  out += fmt::format(
      "  {}\n",
      say("layer", language, fmt::format("{} ({})", mm.layers[t.layer].id, mm.layers[t.layer].label.get(language))));
  if (t.base != kNoType) {
    std::vector<std::string_view> chain;
    for (TypeIndex b = t.base; b != kNoType; b = mm.element_types[b].base) chain.push_back(mm.element_types[b].id);
    out += fmt::format("  {}\n", say("specializes", language, fmt::join(chain, " < ")));
  }
  std::vector<std::string> labels;
  for (const auto& [lang, text] : t.label.texts) labels.push_back(fmt::format("{}: {}", lang, text));
  out += fmt::format("  {}\n", say("labels", language, fmt::join(labels, "; ")));
  out += fmt::format("  {}\n", say("defined-in", language, t.metamodel));
  for (std::size_t c = 0; c < mm.classifications.size() && c < t.classes.size(); ++c) {
    if (t.classes[c] == kNoValue) continue;
    const Classification::Value& v = mm.classifications[c].values[t.classes[c]];
    out += fmt::format("  {}: {} ({})\n", mm.classifications[c].id, v.id, v.label.get(language));
  }
  if (!t.description.empty()) out += fmt::format("\n{}\n", t.description.get(language));

  out += fmt::format("\n{}\n", say("properties", language));
  if (t.properties.empty()) out += fmt::format("  {}\n", say("no-properties", language));
  for (const PropertyUse& use : t.properties) out += fmt::format("  {}\n", property_summary(mm, use, language));

  auto relations = [&](bool outgoing) {
    out += fmt::format("\n{}\n", say(outgoing ? "outgoing" : "incoming", language, t.id));
    for (std::size_t r = 0; r < mm.relationship_types.size(); ++r) {
      std::vector<std::string_view> others;
      for (std::size_t o = 0; o < mm.element_types.size(); ++o) {
        const auto other = static_cast<TypeIndex>(o);
        const bool ok = outgoing ? mm.is_allowed(type, static_cast<RelationshipIndex>(r), other)
                                 : mm.is_allowed(other, static_cast<RelationshipIndex>(r), type);
        if (ok) others.push_back(mm.element_types[o].id);
      }
      if (others.empty()) continue;
      const std::string every = say("every-type", language);
      if (others.size() == mm.element_types.size()) others = {every};
      wrap(out, fmt::format("  {:<16} ", mm.relationship_types[r].verb), others);
    }
  };
  relations(true);
  relations(false);
  return out;
}

namespace {

/// A viewpoint as JSON: id, labels, description, and every type it shows
/// (specializations included; null when it shows every type).
void viewpoint_fields_json(std::string& out, const Metamodel& mm, const Viewpoint& v) {
  out += fmt::format("{{\"id\":\"{}\",\"label\":", json_escape(v.id));
  label_json(out, v.label);
  out += ",\"description\":";
  label_json(out, v.description);
  out += ",\"types\":";
  if (v.shows.empty()) {
    out += "null}";
    return;
  }
  out += '[';
  bool first = true;
  for (std::size_t t = 0; t < mm.element_types.size(); ++t) {
    if (!v.allows(static_cast<TypeIndex>(t))) continue;
    out += fmt::format("{}\"{}\"", first ? "" : ",", json_escape(mm.element_types[t].id));
    first = false;
  }
  out += "]}";
}

}  // namespace

std::string metamodel_json(const Metamodel& mm) {
  std::string out =
      fmt::format("{{\"name\":\"{}\",\"version\":\"{}\",\"label\":", json_escape(mm.name), json_escape(mm.version));
  label_json(out, mm.label);
  out += ",\"layers\":[";
  for (std::size_t i = 0; i < mm.layers.size(); ++i) {
    out += fmt::format("{}{{\"id\":\"{}\",\"label\":", i ? "," : "", json_escape(mm.layers[i].id));
    label_json(out, mm.layers[i].label);
    out += '}';
  }
  out += "],\"relationship-types\":[";
  for (std::size_t i = 0; i < mm.relationship_types.size(); ++i) {
    const RelationshipType& r = mm.relationship_types[i];
    out += fmt::format("{}{{\"id\":\"{}\",\"verb\":\"{}\",\"label\":", i ? "," : "", json_escape(r.id),
                       json_escape(r.verb));
    label_json(out, r.label);
    out += '}';
  }
  out += "],\"element-types\":[";
  for (std::size_t i = 0; i < mm.element_types.size(); ++i) {
    out += i ? ",{" : "{";
    type_fields_json(out, mm, mm.element_types[i]);
    out += '}';
  }
  out += "],\"viewpoints\":[";
  for (std::size_t i = 0; i < mm.viewpoints.size(); ++i) {
    out += i ? "," : "";
    viewpoint_fields_json(out, mm, mm.viewpoints[i]);
  }
  out += "]}\n";
  return out;
}

std::string viewpoint_json(const Metamodel& mm, std::size_t viewpoint) {
  std::string out;
  viewpoint_fields_json(out, mm, mm.viewpoints[viewpoint]);
  return out + "\n";
}

namespace {

/// How many (source, target) type pairs allow `r`, and between how many source types.
std::pair<std::size_t, std::size_t> allowed_pairs(const Metamodel& mm, RelationshipIndex r) {
  std::size_t pairs = 0, sources = 0;
  for (std::size_t s = 0; s < mm.element_types.size(); ++s) {
    std::size_t here = 0;
    for (std::size_t t = 0; t < mm.element_types.size(); ++t) {
      here += mm.is_allowed(static_cast<TypeIndex>(s), r, static_cast<TypeIndex>(t)) ? 1 : 0;
    }
    pairs += here;
    sources += here > 0 ? 1 : 0;
  }
  return {pairs, sources};
}

std::vector<std::string_view> specializations_of(const Metamodel& mm, RelationshipIndex r) {
  std::vector<std::string_view> out;
  for (const RelationshipType& other : mm.relationship_types) {
    if (other.base == r) out.push_back(other.id);
  }
  return out;
}

}  // namespace

std::string relationship_text(const Metamodel& mm, RelationshipIndex r, std::string_view language) {
  const RelationshipType& t = mm.relationship_types[r];
  std::string out = fmt::format("{}: {} ({})\n", t.id, t.label.get(language), say("relationship-type", language));
  out += fmt::format("  {}\n", say("verb", language, t.verb, t.verb));
  if (t.base != kNoRelationship) {
    out += fmt::format("  {}\n", say("specializes-relationship", language, mm.relationship_types[t.base].id));
  }
  if (const auto subs = specializations_of(mm, r); !subs.empty()) {
    out += fmt::format("  {}\n", say("specializations", language, fmt::join(subs, ", ")));
  }
  std::vector<std::string> labels;
  for (const auto& [lang, text] : t.label.texts) labels.push_back(fmt::format("{}: {}", lang, text));
  out += fmt::format("  {}\n", say("labels", language, fmt::join(labels, "; ")));
  out += fmt::format("  {}\n", say("defined-in", language, t.metamodel));
  out += fmt::format("  {}\n", say(t.dependent == DependentEnd::target   ? "dependent-target"
                                    : t.dependent == DependentEnd::source ? "dependent-source"
                                                                          : "dependent-none",
                                    language));
  if (!t.description.empty()) out += fmt::format("\n{}\n", t.description.get(language));
  if (!t.attributes.empty()) {
    out += fmt::format("\n{}\n", say("attributes", language));
    for (const PropertyDefinition& a : t.attributes) {
      out += fmt::format(
          "  {:<20} {}{}\n", a.id, value_summary(a),
          a.default_value.empty() ? std::string() : fmt::format(", {}", say("default", language, a.default_value)));
      if (const std::string_view d = a.description.get(language); !d.empty()) out += fmt::format("    {}\n", d);
    }
  }
  if (!t.properties.empty()) {
    out += fmt::format("\n{}\n", say("properties", language));
    for (const PropertyUse& use : t.properties) out += fmt::format("  {}\n", property_summary(mm, use, language));
  }
  const auto [pairs, sources] = allowed_pairs(mm, r);
  out += fmt::format("\n{}\n", say("allowed-pairs", language, pairs, sources));
  return out;
}

std::string relationship_json(const Metamodel& mm, RelationshipIndex r) {
  const RelationshipType& t = mm.relationship_types[r];
  std::string out = fmt::format("{{\"id\":\"{}\",\"verb\":\"{}\",\"base\":", json_escape(t.id), json_escape(t.verb));
  out += t.base == kNoRelationship ? std::string("null")
                                   : fmt::format("\"{}\"", json_escape(mm.relationship_types[t.base].id));
  out += ",\"specializations\":[";
  bool first = true;
  for (std::string_view s : specializations_of(mm, r)) {
    out += fmt::format("{}\"{}\"", first ? "" : ",", json_escape(s));
    first = false;
  }
  out += "],\"label\":";
  label_json(out, t.label);
  out += ",\"description\":";
  label_json(out, t.description);
  out += fmt::format(",\"dependent\":\"{}\"", t.dependent == DependentEnd::target   ? "target"
                                                : t.dependent == DependentEnd::source ? "source"
                                                                                      : "none");
  out += ",\"attributes\":[";
  for (std::size_t i = 0; i < t.attributes.size(); ++i) {
    if (i) out += ',';
    definition_json(out, t.attributes[i]);
  }
  out += "],\"allowed\":{";
  first = true;
  for (std::size_t s = 0; s < mm.element_types.size(); ++s) {
    std::string targets;
    for (std::size_t o = 0; o < mm.element_types.size(); ++o) {
      if (mm.is_allowed(static_cast<TypeIndex>(s), r, static_cast<TypeIndex>(o))) {
        targets += fmt::format("{}\"{}\"", targets.empty() ? "" : ",", json_escape(mm.element_types[o].id));
      }
    }
    if (targets.empty()) continue;
    out += fmt::format("{}\"{}\":[{}]", first ? "" : ",", json_escape(mm.element_types[s].id), targets);
    first = false;
  }
  return out + "}}\n";
}

std::string type_json(const Metamodel& mm, TypeIndex type) {
  std::string out = "{";
  type_fields_json(out, mm, mm.element_types[type]);
  for (bool outgoing : {true, false}) {
    out += outgoing ? ",\"outgoing\":{" : ",\"incoming\":{";
    bool first = true;
    for (std::size_t r = 0; r < mm.relationship_types.size(); ++r) {
      std::string list;
      for (std::size_t o = 0; o < mm.element_types.size(); ++o) {
        const auto other = static_cast<TypeIndex>(o);
        const bool ok = outgoing ? mm.is_allowed(type, static_cast<RelationshipIndex>(r), other)
                                 : mm.is_allowed(other, static_cast<RelationshipIndex>(r), type);
        if (ok) list += fmt::format("{}\"{}\"", list.empty() ? "" : ",", json_escape(mm.element_types[o].id));
      }
      if (list.empty()) continue;
      out += fmt::format("{}\"{}\":[{}]", first ? "" : ",", json_escape(mm.relationship_types[r].id), list);
      first = false;
    }
    out += '}';
  }
  out += "}\n";
  return out;
}

}  // namespace kaava
