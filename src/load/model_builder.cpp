#include "load/model_builder.h"

#include <algorithm>

#include <fmt/format.h>

#include "load/builder.h"
#include "load/yaml11.h"
#include "util/edit_distance.h"
#include "util/text.h"
#include "yaml/reader.h"

namespace kaava {

namespace detail {

namespace {

constexpr const auto& k_top_keys = kTopKeys;

/// An unknown type's message also says how its relationships are checked
/// (relationship_rules.cpp reads the element as the closest type).
std::string unknown_type_message(std::string_view type, const Metamodel& mm) {
  const TypeIndex guess = mm.closest_type(type);
  const std::string_view close = guess == kNoType ? std::string_view() : std::string_view(mm.element_types[guess].id);
  if (close.empty()) {
    return fmt::format(
        "unknown element type '{}' ('kaava metamodel' lists the types); its relationships are not checked until "
        "it has one",
        type);
  }
  return fmt::format("unknown element type '{}' (did you mean '{}'?); its relationships are checked as if it were {}",
                     type, close, close);
}

}  // namespace

void Builder::build() {
  const NodeId root = doc_.root();
  if (doc_.is_null(root)) return;  // empty, or only comments
  if (!r_.expect_mapping(root, r_.at(root), "a model file")) return;
  for (const Entry& e : r_.entries(root, k_top_keys, "a model file")) {
    if (doc_.is_null(e.value)) continue;
    if (!r_.expect_sequence(e.value, r_.at(e.key), fmt::format("'{}'", e.name))) continue;
    for (NodeId item : doc_.items(e.value)) {
      if (e.name == "elements") {
        if (r_.expect_mapping(item, r_.at(item), "an element")) element(item, kNone);
      } else if (e.name == "relationships") {
        if (r_.expect_mapping(item, r_.at(item), "a relationship")) relationship(item);
      } else if (r_.expect_mapping(item, r_.at(item), "a view")) {
        view(item);
      }
    }
  }
}

bool Builder::id(const Entry& e, std::string_view* out, SourceSpan* at, bool* valid) {
  *valid = false;
  if (doc_.is_null(e.value) || (doc_.is_scalar(e.value) && doc_.scalar(e.value).empty())) {
    r_.invalid_structure(e, "'id' is empty");
    return false;
  }
  if (!r_.text(e, out)) return false;
  *at = r_.at(e.value);
  *valid = is_valid_id(*out);
  if (!*valid) {
    const std::string suggestion = ascii_id(*out);
    diagnostics_.report(
        Rule::invalid_id, r_.at(e.key), *at,
        fmt::format("invalid id '{}': ids are ASCII: a-z, 0-9, '.', '_' and '-', starting with "
                    "a letter or digit{}",
                    *out, is_valid_id(suggestion) ? fmt::format(" (did you mean '{}'?)", suggestion) : ""),
        *out);
  }
  return !out->empty();
}

void Builder::element(NodeId map, std::uint32_t parent) {
  Element el;
  el.at = r_.at(map);
  const Entry* children = nullptr;
  const Entry* type = nullptr;
  std::vector<std::pair<const Entry*, RelationshipIndex>> verbs;
  const std::size_t first_finding = diagnostics_.items().size();
  std::vector<Entry> meant;  // misspelt keys, named by what they were suggested as
  const std::vector<Entry> entries =
      r_.entries(map, schema_.element_keys, "an element", &meant, schema_.element_aliases);
  auto misspelt = [&](std::string_view key) {
    return std::ranges::any_of(meant, [&](const Entry& e) { return e.name == key; });
  };
  for (const Entry& e : meant) {
    if (e.name == "id" && doc_.is_scalar(e.value)) out_.misspelt_mentions.push_back(doc_.scalar(e.value));
    if (schema_.metamodel.find_verb(e.name) == kNoRelationship) continue;
    el.relationship_misspelt = true;
    mention_targets(e.value);
  }
  el.name_misspelt = misspelt("name");
  el.description_misspelt = misspelt("description");
  bool has_id = false, id_written = false;
  for (const Entry& e : entries) {
    if (e.name == "id") {
      id_written = true;
      has_id = id(e, &el.id, &el.id_at, &el.valid_id);
      el.id_key_at = r_.at(e.key);
    } else if (e.name == "type") {
      type = &e;
      if (!r_.text(e, &el.type_name)) continue;
      el.type_at = r_.at(e.value);
      el.type = schema_.metamodel.find_type(el.type_name);
    } else if (e.name == "name") {
      localized(e, &el.name);
    } else if (e.name == "description") {
      localized(e, &el.description);
    } else if (e.name == "properties") {
      properties(e, &el.properties);
    } else if (e.name == "tags") {
      tags(e, &el.tags);
    } else if (e.name == "children") {
      children = &e;
    } else if (e.name == "suppress") {
      suppressions(e, &el.suppress);
    } else {
      verbs.emplace_back(&e, schema_.metamodel.find_verb(e.name));
    }
  }
  // Findings about this element's keys name it, now that its id is known.
  for (std::size_t i = first_finding; i < diagnostics_.items().size(); ++i) {
    if (diagnostics_.items()[i].element.empty()) diagnostics_.items()[i].element = el.id;
  }
  if (type != nullptr && el.type == kNoType && !el.type_name.empty()) {
    diagnostics_.report(Rule::unknown_type, r_.at(type->key), el.type_at,
                        unknown_type_message(el.type_name, schema_.metamodel), el.id);
  }
  // A misspelt `id:` or `type:` is reported as that, not also as missing.
  if (!id_written && !misspelt("id")) {
    diagnostics_.report(Rule::invalid_structure, el.at,
                        "an element needs an 'id' (other elements refer to it by its id)");
  } else if (has_id && type == nullptr && !misspelt("type")) {
    diagnostics_.report(Rule::invalid_structure, el.at, el.id_at, fmt::format("element '{}' needs a 'type'", el.id),
                        el.id);
  }
  std::uint32_t self = kNone;
  if (has_id) {
    el.parent = parent;
    self = static_cast<std::uint32_t>(out_.elements.size());
    const std::string_view id = el.id;
    const SourceSpan at = el.at, id_at = el.id_at;
    out_.elements.push_back(std::move(el));
    if (parent != kNone && schema_.metamodel.nesting != kNoRelationship) {
      const Element& p = out_.elements[parent];
      Relationship& rel = out_.relationships.emplace_back();
      rel.type = schema_.metamodel.nesting;
      rel.origin = RelationshipOrigin::nesting;
      rel.source = {p.id, parent, p.id_at, p.id_at};
      rel.target = {id, self, at, id_at};
      rel.at = at;
      rel.mark = id_at;
    }
    for (const auto& [entry, relationship] : verbs) {
      inline_relationships(*entry, relationship, self, id, id_at);
    }
  }
  if (children != nullptr && !doc_.is_null(children->value)) {
    if (!r_.expect_sequence(children->value, r_.at(children->key), "'children'")) return;
    for (NodeId item : doc_.items(children->value)) {
      if (r_.expect_mapping(item, r_.at(item), "a child element")) element(item, self);
    }
  }
}

void Builder::inline_relationships(const Entry& e, RelationshipIndex type, std::uint32_t source,
                                   std::string_view source_id, SourceSpan source_at) {
  auto add = [&](NodeId target, SourceSpan at) -> Relationship& {
    Relationship& rel = out_.relationships.emplace_back();
    rel.type = type;
    rel.origin = RelationshipOrigin::inline_verb;
    rel.source = {source_id, source, source_at, source_at};
    rel.target = {doc_.scalar(target), kNone, at, r_.at(target)};
    rel.at = at;
    rel.mark = r_.at(target);
    return rel;
  };
  if (doc_.is_scalar(e.value)) {
    add(e.value, r_.at(e.key));
    return;
  }
  if (!doc_.is_sequence(e.value)) {
    r_.invalid_structure(
        e, fmt::format("'{}' takes an id or a list of ids, not {}", e.name, yaml::describe(doc_.kind(e.value))));
    return;
  }
  for (NodeId item : doc_.items(e.value)) {
    if (doc_.is_scalar(item)) {
      add(item, r_.at(item));
      continue;
    }
    if (!doc_.is_mapping(item)) {
      diagnostics_.report(Rule::invalid_structure, r_.at(item),
                          fmt::format("items of '{}' are ids, or mappings with 'to' and the "
                                      "relationship's name, description and properties",
                                      e.name),
                          source_id);
      continue;
    }
    const std::vector<Entry> entries = r_.entries(
        item, schema_.inline_keys,
        fmt::format(
            "{} '{}' item",
            !e.name.empty() && std::string_view("aeiou").find(e.name.front()) != std::string_view::npos ? "an" : "a",
            e.name));
    const auto to = std::ranges::find_if(entries, [](const Entry& f) { return f.name == "to"; });
    if (to == entries.end() || !doc_.is_scalar(to->value)) {
      diagnostics_.report(Rule::invalid_structure, r_.at(item), fmt::format("a '{}' item needs 'to: ID'", e.name),
                          source_id);
      continue;
    }
    Relationship& rel = add(to->value, r_.at(item));
    for (const Entry& f : entries) attribute(f, rel);
    check_attributes(rel);
  }
}

void Builder::attribute(const Entry& e, Relationship& rel) {
  if (e.name == "id") {
    bool valid = true;
    rel.id_written = id(e, &rel.id, &rel.id_at, &valid) && valid;
    if (!rel.id_written) rel.id = {};  // reported; the relationship gets a derived id
  } else if (e.name == "name") {
    localized(e, &rel.name);
  } else if (e.name == "description") {
    localized(e, &rel.description);
  } else if (e.name == "properties") {
    properties(e, &rel.properties);
  } else if (e.name == "tags") {
    tags(e, &rel.tags);
  } else if (e.name != "to" && std::ranges::find(schema_.attribute_keys, e.name) != schema_.attribute_keys.end()) {
    if (!doc_.is_scalar(e.value)) {
      r_.invalid_structure(
          e, fmt::format("attribute '{}' takes a single value, not {}", e.name, yaml::describe(doc_.kind(e.value))));
      return;
    }
    rel.attributes.push_back(
        {e.name, doc_.scalar(e.value), r_.at(e.key), r_.value_at(e), doc_[e.value].plain && !doc_.is_null(e.value)});
  }
}

void Builder::check_attributes(Relationship& rel) {
  if (rel.type == kNoRelationship) return;
  const Metamodel& mm = schema_.metamodel;
  const RelationshipType& type = mm.relationship_types[rel.type];
  std::erase_if(rel.attributes, [&](const Property& a) {
    if (type.attribute(a.key) != nullptr) return false;
    std::vector<std::string_view> owners;
    for (const RelationshipType& t : mm.relationship_types) {
      if (t.base == kNoRelationship && t.attribute(a.key) != nullptr) owners.emplace_back(t.id);
    }
    diagnostics_.report(
        Rule::unknown_key, a.key_at,
        fmt::format("'{}' is an attribute of {} relationships; {} relationships have {}", a.key,
                    fmt::join(owners, " and "), type.id,
                    type.attributes.empty() ? std::string("none") : fmt::format("'{}'", type.attributes.front().id)),
        rel.source.id);
    return true;
  });
}

void Builder::relationship(NodeId map) {
  Relationship rel;
  rel.at = r_.at(map);
  rel.origin = RelationshipOrigin::declared;
  bool has_type = false, has_from = false, has_to = false;
  std::vector<Entry> meant;
  for (const Entry& e : r_.entries(map, schema_.relationship_keys, "a relationship", &meant)) {
    std::string_view text;
    if (e.name == "type") {
      has_type = true;
      rel.mark = r_.value_at(e);
      if (!r_.text(e, &text)) continue;
      rel.type = schema_.metamodel.find_relationship(text);
      if (rel.type == kNoRelationship) {
        // Someone who writes the verb gets the type's name suggested.
        const RelationshipIndex by_verb = schema_.metamodel.find_verb(text);
        const std::string hint =
            by_verb != kNoRelationship
                ? fmt::format(" (did you mean '{}'?)", schema_.metamodel.relationship_types[by_verb].id)
                : did_you_mean(text, schema_.relationship_ids);
        diagnostics_.report(Rule::unknown_type, r_.at(e.key), r_.at(e.value),
                            fmt::format("unknown relationship type '{}'{}", text, hint));
      }
    } else if (e.name == "from") {
      has_from = true;
      if (!r_.text(e, &rel.source.id)) continue;
      rel.source.at = r_.at(e.key);
      rel.source.mark = r_.at(e.value);
    } else if (e.name == "to") {
      has_to = true;
      if (!r_.text(e, &rel.target.id)) continue;
      rel.target.at = r_.at(e.key);
      rel.target.mark = r_.at(e.value);
    } else {
      attribute(e, rel);
    }
  }
  if (!has_type || !has_from || !has_to) {
    std::vector<std::string_view> missing;
    for (const std::pair<std::string_view, bool>& need :
         {std::pair<std::string_view, bool>{"type", has_type}, {"from", has_from}, {"to", has_to}}) {
      const std::string_view key = need.first;
      if (!need.second && std::ranges::none_of(meant, [&](const Entry& m) { return m.name == key; })) {
        missing.emplace_back(key);
      }
    }
    if (missing.empty()) {  // only misspelt, which was reported; its ends are not more findings
      for (const Entry& m : meant) {
        if ((m.name == "from" || m.name == "to") && doc_.is_scalar(m.value)) {
          out_.misspelt_mentions.push_back(doc_.scalar(m.value));
        }
      }
      if (!rel.source.id.empty()) out_.misspelt_mentions.push_back(rel.source.id);
      if (!rel.target.id.empty()) out_.misspelt_mentions.push_back(rel.target.id);
      return;
    }
    diagnostics_.report(
        Rule::invalid_structure, rel.at,
        fmt::format("a relationship needs 'type', 'from' and 'to'; missing: {}", fmt::join(missing, ", ")),
        rel.source.id);
    return;
  }
  // A wrong type, or an end that is not a plain id, was reported above.
  if (rel.type == kNoRelationship || rel.source.id.empty() || rel.target.id.empty()) return;
  check_attributes(rel);
  out_.relationships.push_back(std::move(rel));
}

void Builder::mention_targets(NodeId value) {
  auto one = [&](NodeId item) {
    NodeId to = 0;
    if (doc_.is_scalar(item)) {
      out_.misspelt_mentions.push_back(doc_.scalar(item));
    } else if (doc_.find(item, "to", &to) && doc_.is_scalar(to)) {
      out_.misspelt_mentions.push_back(doc_.scalar(to));
    }
  };
  if (doc_.is_sequence(value)) {
    for (NodeId item : doc_.items(value)) one(item);
  } else {
    one(value);
  }
}

}  // namespace detail

ModelSchema::ModelSchema(const Metamodel& mm, const Config& cfg)
    : metamodel(mm), config(cfg), type_ids(mm.type_ids()), relationship_ids(mm.relationship_ids()) {
  element_keys.assign(std::begin(kElementKeys), std::end(kElementKeys));
  for (const RelationshipType& rel : mm.relationship_types) {
    element_keys.push_back(rel.verb);
    if (rel.id != rel.verb) element_aliases.emplace_back(rel.id, rel.verb);
    for (const PropertyDefinition& a : rel.attributes) {
      if (std::ranges::find(attribute_keys, a.id) == attribute_keys.end()) attribute_keys.emplace_back(a.id);
    }
  }
  relationship_keys.assign(std::begin(kRelationshipKeys), std::end(kRelationshipKeys));
  relationship_keys.insert(relationship_keys.end(), attribute_keys.begin(), attribute_keys.end());
  for (std::string_view key : kRelationshipKeys) {
    if (key != "type" && key != "from") inline_keys.push_back(key);
  }
  inline_keys.insert(inline_keys.end(), attribute_keys.begin(), attribute_keys.end());
  for (const std::string& lang : cfg.languages) languages.push_back(lang);
  for (const RuleInfo& r : all_rules()) rule_ids.push_back(r.id);
}

void build_fragment(const yaml::Document& doc, std::uint32_t file, const ModelSchema& schema, Diagnostics& diagnostics,
                    ModelFragment& fragment) {
  fragment.file = file;
  fragment.buffers.push_back(doc.text_buffer());
  detail::Builder(doc, file, schema, diagnostics, fragment).build();
}

}  // namespace kaava
