#include "metamodel/metamodel_loader.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <fmt/format.h>

#include "resources/embedded.h"
#include "util/edit_distance.h"
#include "yaml/reader.h"

namespace kaava {

std::string builtin_metamodel_path(std::string_view name) {
  return fmt::format("models/metamodel/{}.yaml", name);
}

namespace {

using yaml::Entry;
using yaml::NodeId;
using yaml::Reader;

constexpr std::string_view k_top_keys[] = {
    "metamodel", "version",  "label",      "description",        "extends",
    "layers",    "element-types", "relationship-types", "properties", "element-properties",
    "viewpoints", "relationship-table", "nesting-relationship"};
constexpr std::string_view k_layer_keys[] = {"id", "label", "description", "properties"};
constexpr std::string_view k_relationship_keys[] = {"id", "verb", "code", "label", "description"};
constexpr std::string_view k_type_keys[] = {"id", "layer", "base", "label", "description", "properties"};
constexpr std::string_view k_property_keys[] = {"id", "type", "values", "label", "description"};
constexpr std::string_view k_viewpoint_keys[] = {"id", "label", "description"};
constexpr std::string_view k_table_keys[] = {"columns", "rows"};
constexpr std::string_view k_property_kinds[] = {"string", "number", "bool", "enum", "date", "url"};
constexpr std::string_view k_relationship_pseudo_type = "relationship";

/// Property uses as written, resolved after all files are read.
struct PendingUses {
  std::vector<std::pair<std::string, bool>> uses;  // property id, required
  std::vector<SourceSpan> at;
};

struct PendingType {
  std::string base;
  SourceSpan base_at;
  PendingUses uses;
};

class Loader {
 public:
  Loader(const std::filesystem::path& base_dir, SourceFiles& files, Diagnostics& diagnostics,
         Metamodel& out)
      : base_dir_(base_dir), files_(files), diagnostics_(diagnostics), mm_(out) {}

  bool load(std::string_view name_or_path, SourceSpan requested_at, std::string* error);
  bool finish(std::string* error);

 private:
  bool read_file(std::string_view name_or_path, SourceSpan requested_at, std::uint32_t* file,
                 std::string* error);
  void read_label(Reader& r, const Entry& e, Label* out);
  void read_uses(Reader& r, const Entry& e, PendingUses* out);
  void read_layers(Reader& r, const Entry& e);
  void read_relationship_types(Reader& r, const Entry& e);
  void read_element_types(Reader& r, const Entry& e);
  void read_properties(Reader& r, const Entry& e);
  void read_viewpoints(Reader& r, const Entry& e);
  void read_table(Reader& r, const Entry& e);
  /// Checks an id entry: a text, not empty, not defined before in `seen`.
  bool read_id(Reader& r, const Entry& e, std::map<std::string, SourceSpan>& seen,
               std::string_view what, std::string* out);

  const std::filesystem::path& base_dir_;
  SourceFiles& files_;
  Diagnostics& diagnostics_;
  Metamodel& mm_;
  std::vector<std::string> loading_;  // names on the extends chain, to catch cycles
  std::map<std::string, SourceSpan> layer_ids_, type_ids_, relationship_ids_, property_ids_,
      viewpoint_ids_;
  PendingUses common_uses_;
  std::vector<PendingUses> layer_uses_;
  std::vector<PendingType> pending_types_;
  // The relationship table as read, resolved in finish().
  struct TableRow {
    std::string source;
    SourceSpan at;
    std::vector<std::string> cells;
  };
  std::vector<std::pair<std::string, SourceSpan>> columns_;
  std::vector<TableRow> rows_;
  SourceSpan table_at_;
  bool have_table_ = false;
  std::string nesting_;
  SourceSpan nesting_at_;
};

bool Loader::read_file(std::string_view name_or_path, SourceSpan requested_at,
                       std::uint32_t* file, std::string* error) {
  const std::string builtin = builtin_metamodel_path(name_or_path);
  if (const resources::Resource* res = resources::find(builtin)) {
    *file = files_.add_text("<kaava>/" + builtin, std::string(res->data), true);
    return true;
  }
  std::filesystem::path path = base_dir_ / std::filesystem::path(std::string(name_or_path));
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  if (!in || std::filesystem::is_directory(path, ec)) {
    std::vector<std::string_view> names;
    for (const resources::Resource& r : resources::all()) {
      std::string_view p = r.path;
      if (p.starts_with("models/metamodel/") && p.ends_with(".yaml")) {
        names.push_back(p.substr(17, p.size() - 17 - 5));
      }
    }
    const std::string message =
        fmt::format("metamodel '{}' is neither a built-in metamodel ({}) nor a readable file{}",
                    name_or_path, fmt::join(names, ", "), did_you_mean(name_or_path, names));
    if (requested_at.valid()) {
      diagnostics_.report(Rule::invalid_config, requested_at, message);
    }
    *error = message;
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  *file = files_.add_text(std::string(name_or_path), text.str());
  files_[*file].disk_path = path;
  return true;
}

bool Loader::load(std::string_view name_or_path, SourceSpan requested_at, std::string* error) {
  if (std::ranges::find(loading_, name_or_path) != loading_.end() || loading_.size() > 16) {
    const std::string message =
        fmt::format("metamodel '{}' extends itself (through '{}')", name_or_path,
                    fmt::join(loading_, "' -> '"));
    diagnostics_.report(Rule::invalid_config, requested_at, message);
    *error = message;
    return false;
  }
  std::uint32_t file = 0;
  if (!read_file(name_or_path, requested_at, &file, error)) return false;
  loading_.emplace_back(name_or_path);

  std::vector<yaml::Problem> problems;
  std::vector<yaml::Document> docs = yaml::parse(files_[file].text, yaml::Limits(), problems);
  for (const yaml::Problem& p : problems) {
    diagnostics_.report(Rule::yaml_syntax, SourceSpan{file, p.line, p.column, 1}, p.message);
  }
  if (docs.size() != 1) {
    *error = fmt::format("metamodel file '{}' must hold exactly one YAML document", files_[file].path);
    if (problems.empty()) diagnostics_.report(Rule::invalid_structure, SourceSpan{file, 1, 1, 0}, *error);
    return false;
  }
  const yaml::Document& doc = docs.front();
  Reader r(doc, file, diagnostics_);
  if (!r.expect_mapping(doc.root(), r.at(doc.root()), "a metamodel file")) {
    *error = fmt::format("metamodel file '{}' is not a mapping", files_[file].path);
    return false;
  }
  std::vector<Entry> entries = r.entries(doc.root(), k_top_keys, "a metamodel");
  // The base comes first, so this file can refine it.
  for (const Entry& e : entries) {
    if (e.name != "extends") continue;
    std::string_view base;
    if (r.text(e, &base) && !load(base, r.at(e.value), error)) return false;
  }
  const bool is_base = mm_.sources.empty();
  std::string_view name;
  for (const Entry& e : entries) {
    if (e.name == "metamodel") {
      if (r.text(e, &name)) mm_.name = name;
    } else if (e.name == "version") {
      std::string_view v;
      if (r.text(e, &v)) mm_.version = v;
    } else if (e.name == "label") {
      mm_.label = Label();
      read_label(r, e, &mm_.label);
    } else if (e.name == "layers") {
      read_layers(r, e);
    } else if (e.name == "relationship-types") {
      if (!is_base) {
        r.invalid_structure(e, "a metamodel that extends another cannot add relationship types");
      } else {
        read_relationship_types(r, e);
      }
    } else if (e.name == "element-types") {
      read_element_types(r, e);
    } else if (e.name == "properties") {
      read_properties(r, e);
    } else if (e.name == "element-properties") {
      read_uses(r, e, &common_uses_);
    } else if (e.name == "nesting-relationship") {
      std::string_view v;
      if (r.text(e, &v)) {
        nesting_ = v;
        nesting_at_ = r.at(e.value);
      }
    } else if (e.name == "viewpoints") {
      read_viewpoints(r, e);
    } else if (e.name == "relationship-table") {
      if (!is_base) {
        r.invalid_structure(e, "a metamodel that extends another cannot replace the relationship table");
      } else {
        read_table(r, e);
      }
    }
  }
  if (name.empty()) {
    diagnostics_.report(Rule::invalid_structure, r.at(doc.root()),
                        "a metamodel file needs 'metamodel: NAME'");
  }
  mm_.sources.emplace_back(name.empty() ? name_or_path : name);
  loading_.pop_back();
  return true;
}

void Loader::read_label(Reader& r, const Entry& e, Label* out) {
  const yaml::Document& doc = r.doc();
  if (doc.is_scalar(e.value)) {
    out->texts.emplace_back("", std::string(doc.scalar(e.value)));
    return;
  }
  if (!doc.is_mapping(e.value)) {
    r.invalid_structure(e, fmt::format("'{}' must be a text or a mapping of language to text", e.name));
    return;
  }
  for (auto [k, v] : doc.pairs(e.value)) {
    if (!doc.is_scalar(k) || !doc.is_scalar(v)) {
      diagnostics_.report(Rule::invalid_structure, r.at(k),
                          fmt::format("'{}' must map language codes to texts", e.name));
      continue;
    }
    out->texts.emplace_back(std::string(doc.scalar(k)), std::string(doc.scalar(v)));
  }
}

void Loader::read_uses(Reader& r, const Entry& e, PendingUses* out) {
  const yaml::Document& doc = r.doc();
  if (!r.expect_mapping(e.value, r.at(e.key), fmt::format("'{}'", e.name))) return;
  for (auto [k, v] : doc.pairs(e.value)) {
    const std::string_view value = doc.scalar(v);
    if (!doc.is_scalar(k) || (value != "required" && value != "optional")) {
      diagnostics_.report(Rule::invalid_structure, r.at(k), doc.is_null(v) ? r.at(k) : r.at(v),
                          fmt::format("'{}' maps property ids to 'required' or 'optional'", e.name));
      continue;
    }
    out->uses.emplace_back(std::string(doc.scalar(k)), value == "required");
    out->at.push_back(r.at(k));
  }
}

bool Loader::read_id(Reader& r, const Entry& e, std::map<std::string, SourceSpan>& seen,
                     std::string_view what, std::string* out) {
  std::string_view id;
  if (!r.text(e, &id)) return false;
  if (id.empty()) {
    r.invalid_structure(e, fmt::format("a {} needs a non-empty id", what));
    return false;
  }
  auto [it, inserted] = seen.emplace(std::string(id), r.at(e.value));
  if (!inserted) {
    const SourceSpan& first = it->second;
    diagnostics_.report(Rule::duplicate_id, r.at(e.key), r.at(e.value),
                        fmt::format("{} '{}' is defined twice (first at {}:{}:{})", what, id,
                                    files_[first.file].path, first.line, first.column));
    return false;
  }
  *out = id;
  return true;
}

void Loader::read_layers(Reader& r, const Entry& e) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'layers'")) return;
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "a layer")) continue;
    Layer layer;
    PendingUses uses;
    bool ok = false;
    for (const Entry& f : r.entries(item, k_layer_keys, "a layer")) {
      if (f.name == "id") ok = read_id(r, f, layer_ids_, "layer", &layer.id);
      else if (f.name == "label") read_label(r, f, &layer.label);
      else if (f.name == "description") { std::string_view d; if (r.text(f, &d)) layer.description = d; }
      else if (f.name == "properties") read_uses(r, f, &uses);
    }
    if (!ok) {
      if (layer.id.empty()) diagnostics_.report(Rule::invalid_structure, r.at(item), "a layer needs an 'id'");
      continue;
    }
    mm_.layers.push_back(std::move(layer));
    layer_uses_.push_back(std::move(uses));
  }
}

void Loader::read_relationship_types(Reader& r, const Entry& e) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'relationship-types'")) return;
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "a relationship type")) continue;
    RelationshipType rel;
    bool ok = false;
    for (const Entry& f : r.entries(item, k_relationship_keys, "a relationship type")) {
      std::string_view v;
      if (f.name == "id") ok = read_id(r, f, relationship_ids_, "relationship type", &rel.id);
      else if (f.name == "verb" && r.text(f, &v)) rel.verb = v;
      else if (f.name == "code" && r.text(f, &v)) {
        if (v.size() != 1 || v[0] < 'a' || v[0] > 'z') {
          r.invalid_structure(f, "'code' must be one lower-case letter");
        } else {
          rel.code = v[0];
        }
      } else if (f.name == "label") read_label(r, f, &rel.label);
      else if (f.name == "description" && r.text(f, &v)) rel.description = v;
    }
    if (!ok || rel.verb.empty() || rel.code == 0) {
      diagnostics_.report(Rule::invalid_structure, r.at(item),
                          "a relationship type needs 'id', 'verb' and 'code'");
      continue;
    }
    if (mm_.relationship_types.size() >= 32) {
      diagnostics_.report(Rule::invalid_structure, r.at(item), "at most 32 relationship types are supported");
      continue;
    }
    mm_.relationship_types.push_back(std::move(rel));
  }
}

void Loader::read_element_types(Reader& r, const Entry& e) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'element-types'")) return;
  const std::string metamodel_name = loading_.back();
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "an element type")) continue;
    ElementType type;
    PendingType pending;
    bool ok = false, has_layer = false;
    for (const Entry& f : r.entries(item, k_type_keys, "an element type")) {
      std::string_view v;
      if (f.name == "id") ok = read_id(r, f, type_ids_, "element type", &type.id);
      else if (f.name == "layer" && r.text(f, &v)) {
        const std::int32_t layer = mm_.find_layer(v);
        if (layer < 0) {
          std::vector<std::string_view> names;
          for (const Layer& l : mm_.layers) names.push_back(l.id);
          diagnostics_.report(Rule::unknown_type, r.at(f.key), r.at(f.value),
                              fmt::format("unknown layer '{}'{}", v, did_you_mean(v, names)));
        } else {
          type.layer = static_cast<std::uint16_t>(layer);
          has_layer = true;
        }
      } else if (f.name == "base" && r.text(f, &v)) {
        pending.base = v;
        pending.base_at = r.at(f.value);
      } else if (f.name == "label") read_label(r, f, &type.label);
      else if (f.name == "description" && r.text(f, &v)) type.description = v;
      else if (f.name == "properties") read_uses(r, f, &pending.uses);
    }
    if (!ok) {
      if (type.id.empty()) diagnostics_.report(Rule::invalid_structure, r.at(item), "an element type needs an 'id'");
      continue;
    }
    if (has_layer == !pending.base.empty()) {
      diagnostics_.report(Rule::invalid_structure, r.at(item),
                          fmt::format("element type '{}' needs either 'layer' (a new type) or 'base' "
                                      "(a specialization), not {}",
                                      type.id, has_layer ? "both" : "neither"));
      if (!has_layer && pending.base.empty()) continue;
    }
    type.metamodel = metamodel_name;
    mm_.element_types.push_back(std::move(type));
    pending_types_.push_back(std::move(pending));
  }
}

void Loader::read_properties(Reader& r, const Entry& e) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'properties'")) return;
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "a property definition")) continue;
    PropertyDefinition def;
    bool ok = false;
    for (const Entry& f : r.entries(item, k_property_keys, "a property definition")) {
      std::string_view v;
      if (f.name == "id") ok = read_id(r, f, property_ids_, "property", &def.id);
      else if (f.name == "type" && r.text(f, &v)) {
        const auto* it = std::ranges::find(k_property_kinds, v);
        if (it == std::end(k_property_kinds)) {
          diagnostics_.report(Rule::unknown_type, r.at(f.key), r.at(f.value),
                              fmt::format("unknown property type '{}' (one of: {}){}", v,
                                          fmt::join(k_property_kinds, ", "),
                                          did_you_mean(v, k_property_kinds)));
        } else {
          def.kind = static_cast<PropertyKind>(it - std::begin(k_property_kinds));
        }
      } else if (f.name == "values") {
        std::vector<NodeId> values;
        r.texts(f, &values);
        for (NodeId n : values) def.values.emplace_back(r.doc().scalar(n));
      } else if (f.name == "label") read_label(r, f, &def.label);
      else if (f.name == "description" && r.text(f, &v)) def.description = v;
    }
    if (!ok) {
      if (def.id.empty()) diagnostics_.report(Rule::invalid_structure, r.at(item), "a property needs an 'id'");
      continue;
    }
    if (def.kind == PropertyKind::enumeration && def.values.empty()) {
      diagnostics_.report(Rule::invalid_structure, r.at(item),
                          fmt::format("enum property '{}' needs 'values'", def.id));
    }
    mm_.properties.push_back(std::move(def));
  }
}

void Loader::read_viewpoints(Reader& r, const Entry& e) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'viewpoints'")) return;
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "a viewpoint")) continue;
    Viewpoint vp;
    bool ok = false;
    for (const Entry& f : r.entries(item, k_viewpoint_keys, "a viewpoint")) {
      std::string_view v;
      if (f.name == "id") ok = read_id(r, f, viewpoint_ids_, "viewpoint", &vp.id);
      else if (f.name == "label") read_label(r, f, &vp.label);
      else if (f.name == "description" && r.text(f, &v)) vp.description = v;
    }
    if (ok) mm_.viewpoints.push_back(std::move(vp));
  }
}

void Loader::read_table(Reader& r, const Entry& e) {
  if (!r.expect_mapping(e.value, r.at(e.key), "'relationship-table'")) return;
  have_table_ = true;
  table_at_ = r.at(e.key);
  for (const Entry& f : r.entries(e.value, k_table_keys, "'relationship-table'")) {
    if (f.name == "columns") {
      std::vector<NodeId> cols;
      r.texts(f, &cols);
      for (NodeId n : cols) columns_.emplace_back(std::string(r.doc().scalar(n)), r.at(n));
    } else if (f.name == "rows") {
      if (!r.expect_mapping(f.value, r.at(f.key), "'rows'")) continue;
      for (auto [k, v] : r.doc().pairs(f.value)) {
        if (!r.doc().is_scalar(k) || !r.doc().is_scalar(v)) {
          diagnostics_.report(Rule::invalid_structure, r.at(k),
                              "a row maps a source type to its cells, separated by spaces");
          continue;
        }
        TableRow row{std::string(r.doc().scalar(k)), r.at(k), {}};
        std::string_view cells = r.doc().scalar(v);
        std::size_t i = 0;
        while (i < cells.size()) {
          while (i < cells.size() && cells[i] == ' ') ++i;
          std::size_t j = i;
          while (j < cells.size() && cells[j] != ' ') ++j;
          if (j > i) row.cells.emplace_back(cells.substr(i, j - i));
          i = j;
        }
        rows_.push_back(std::move(row));
      }
    }
  }
}

bool Loader::finish(std::string* error) {
  mm_.index();
  const auto type_ids = mm_.type_ids();

  // Specializations: resolve bases, inherit the layer.
  for (std::size_t i = 0; i < mm_.element_types.size(); ++i) {
    const PendingType& p = pending_types_[i];
    if (p.base.empty()) continue;
    const TypeIndex base = mm_.find_type(p.base);
    if (base == kNoType) {
      diagnostics_.report(Rule::unknown_type, p.base_at,
                          fmt::format("unknown base type '{}'{}", p.base, did_you_mean(p.base, type_ids)));
      continue;
    }
    mm_.element_types[i].base = base;
  }
  for (std::size_t i = 0; i < mm_.element_types.size(); ++i) {
    TypeIndex t = static_cast<TypeIndex>(i);
    std::size_t steps = 0;
    while (mm_.element_types[t].base != kNoType && steps++ <= mm_.element_types.size()) {
      t = mm_.element_types[t].base;
    }
    if (steps > mm_.element_types.size()) {
      diagnostics_.report(Rule::invalid_structure, pending_types_[i].base_at,
                          fmt::format("element type '{}' specializes itself", mm_.element_types[i].id));
      continue;
    }
    mm_.element_types[i].root = t;
    mm_.element_types[i].layer = mm_.element_types[t].layer;
  }

  // Property uses: common, then layer, then the base chain, then own.
  auto apply = [&](const PendingUses& uses, std::vector<PropertyUse>& out) {
    for (std::size_t k = 0; k < uses.uses.size(); ++k) {
      const auto& [id, required] = uses.uses[k];
      const std::int32_t def = mm_.find_property(id);
      if (def < 0) {
        std::vector<std::string_view> names;
        for (const PropertyDefinition& d : mm_.properties) names.push_back(d.id);
        diagnostics_.report(Rule::unknown_type, uses.at[k],
                            fmt::format("unknown property '{}'{}", id, did_you_mean(id, names)));
        continue;
      }
      auto it = std::ranges::find_if(out, [&](const PropertyUse& u) { return u.definition == def; });
      if (it != out.end()) {
        it->required = required;
      } else {
        out.push_back({static_cast<std::uint16_t>(def), required});
      }
    }
  };
  for (std::size_t i = 0; i < mm_.element_types.size(); ++i) {
    ElementType& type = mm_.element_types[i];
    if (type.root == kNoType) continue;
    std::vector<TypeIndex> chain;
    for (TypeIndex t = static_cast<TypeIndex>(i); t != kNoType; t = mm_.element_types[t].base) {
      chain.push_back(t);
    }
    std::vector<PropertyUse> uses;
    apply(common_uses_, uses);
    if (type.layer < layer_uses_.size()) apply(layer_uses_[type.layer], uses);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) apply(pending_types_[*it].uses, uses);
    type.properties = std::move(uses);
  }

  // The relationship table, by slots for the root types.
  if (!have_table_) {
    diagnostics_.report(Rule::invalid_structure, SourceSpan{},
                        "the metamodel has no 'relationship-table'");
    *error = "the metamodel has no relationship table";
    return false;
  }
  const std::size_t n = columns_.size();
  std::map<std::string_view, std::uint16_t> slot_of;
  for (std::size_t c = 0; c < n; ++c) {
    const auto& [id, at] = columns_[c];
    const TypeIndex t = mm_.find_type(id);
    if (id != k_relationship_pseudo_type && (t == kNoType || mm_.element_types[t].base != kNoType)) {
      diagnostics_.report(Rule::unknown_type, at,
                          fmt::format("column '{}' is not an element type without a base{}", id,
                                      did_you_mean(id, type_ids)));
      continue;
    }
    if (!slot_of.emplace(id, static_cast<std::uint16_t>(c)).second) {
      diagnostics_.report(Rule::duplicate_id, at, fmt::format("column '{}' appears twice", id));
    }
  }
  if (!slot_of.contains(k_relationship_pseudo_type)) {
    diagnostics_.report(Rule::invalid_structure, table_at_,
                        "the relationship table needs a 'relationship' column");
  }
  mm_.table_size = static_cast<std::uint16_t>(n);
  mm_.relationship_slot = slot_of.contains(k_relationship_pseudo_type) ? slot_of[k_relationship_pseudo_type] : 0;
  mm_.table.assign(n * n, 0);
  mm_.table_slot.assign(mm_.element_types.size(), 0);
  for (std::size_t i = 0; i < mm_.element_types.size(); ++i) {
    const ElementType& type = mm_.element_types[i];
    if (type.root == kNoType) continue;
    auto it = slot_of.find(mm_.element_types[type.root].id);
    if (it == slot_of.end()) {
      diagnostics_.report(Rule::invalid_structure, table_at_,
                          fmt::format("the relationship table has no column for '{}'", type.id));
      continue;
    }
    mm_.table_slot[i] = it->second;
  }
  std::vector<bool> row_seen(n, false);
  for (const TableRow& row : rows_) {
    auto it = slot_of.find(row.source);
    if (it == slot_of.end()) {
      diagnostics_.report(Rule::unknown_type, row.at,
                          fmt::format("row '{}' is not one of the table's columns{}", row.source,
                                      did_you_mean(row.source, type_ids)));
      continue;
    }
    row_seen[it->second] = true;
    if (row.cells.size() != n) {
      diagnostics_.report(Rule::invalid_structure, row.at,
                          fmt::format("row '{}' has {} cells; the table has {} columns", row.source,
                                      row.cells.size(), n));
      continue;
    }
    for (std::size_t c = 0; c < n; ++c) {
      std::uint32_t mask = 0;
      if (row.cells[c] != "-") {
        for (char code : row.cells[c]) {
          auto rel = std::ranges::find_if(mm_.relationship_types,
                                          [&](const RelationshipType& t) { return t.code == code; });
          if (rel == mm_.relationship_types.end()) {
            diagnostics_.report(Rule::unknown_type, row.at,
                                fmt::format("row '{}', column '{}': no relationship type has code '{}'",
                                            row.source, columns_[c].first, code));
            continue;
          }
          mask |= 1U << (rel - mm_.relationship_types.begin());
        }
      }
      mm_.table[static_cast<std::size_t>(it->second) * n + c] = mask;
    }
  }
  for (std::size_t c = 0; c < n; ++c) {
    if (!row_seen[c]) {
      diagnostics_.report(Rule::invalid_structure, table_at_,
                          fmt::format("the relationship table has no row for '{}'", columns_[c].first));
    }
  }
  if (!nesting_.empty()) {
    mm_.nesting = mm_.find_relationship(nesting_);
    if (mm_.nesting == kNoRelationship) {
      const auto ids = mm_.relationship_ids();
      diagnostics_.report(Rule::unknown_type, nesting_at_,
                          fmt::format("unknown relationship type '{}'{}", nesting_,
                                      did_you_mean(nesting_, ids)));
    }
  }
  // Inline verbs must not collide with the model format's own keys.
  for (const RelationshipType& rel : mm_.relationship_types) {
    for (std::string_view reserved : {"id", "type", "name", "description", "properties", "tags", "children"}) {
      if (rel.verb == reserved) {
        diagnostics_.report(Rule::invalid_structure, SourceSpan{},
                            fmt::format("relationship verb '{}' is a reserved element key", rel.verb));
      }
    }
  }
  const bool ok = std::ranges::none_of(diagnostics_.items(), [](const Diagnostic& d) {
    return d.severity == Severity::error;
  });
  if (!ok) *error = "the metamodel has errors";
  return ok;
}

}  // namespace

bool load_metamodel(std::string_view name_or_path, const std::filesystem::path& base_dir,
                    SourceFiles& files, Diagnostics& diagnostics, Metamodel& out,
                    std::string* error) {
  return load_metamodel_at(name_or_path, SourceSpan{}, base_dir, files, diagnostics, out, error);
}

bool load_metamodel_at(std::string_view name_or_path, SourceSpan requested_at,
                       const std::filesystem::path& base_dir, SourceFiles& files,
                       Diagnostics& diagnostics, Metamodel& out, std::string* error) {
  Diagnostics local;
  Loader loader(base_dir, files, local, out);
  const bool ok = loader.load(name_or_path, requested_at, error) && loader.finish(error);
  diagnostics.append(std::move(local));
  return ok;
}

const Metamodel& builtin_metamodel(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, Metamodel, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  SourceFiles files;
  Diagnostics diagnostics;
  Metamodel mm;
  std::string error;
  if (!load_metamodel(name, ".", files, diagnostics, mm, &error)) {
    std::fprintf(stderr, "kaava: internal error: built-in metamodel '%.*s': %s\n",
                 static_cast<int>(name.size()), name.data(), error.c_str());
    for (const Diagnostic& d : diagnostics.items()) {
      std::fprintf(stderr, "  %s:%u:%u: %s\n", d.at.valid() ? files[d.at.file].path.c_str() : "?",
                   d.at.line, d.at.column, d.message.c_str());
    }
    std::abort();
  }
  return cache.emplace(std::string(name), std::move(mm)).first->second;
}

}  // namespace kaava
