#include <algorithm>

#include <fmt/format.h>

#include "metamodel/metamodel_loader.h"
#include "metamodel/metamodel_reader.h"
#include "source/embedded_source.h"
#include "source/limits.h"
#include "util/edit_distance.h"

namespace kaava::metamodel_detail {

namespace {

constexpr std::string_view k_top_keys[] = {"metamodel",
                                           "version",
                                           "label",
                                           "description",
                                           "extends",
                                           "layers",
                                           "element-types",
                                           "relationship-types",
                                           "properties",
                                           "element-properties",
                                           "viewpoints",
                                           "relationship-table",
                                           "nesting-relationship",
                                           "junction-type",
                                           "focus-boundary",
                                           "classifications",
                                           "requirements",
                                           "lifecycle",
                                           "coverage"};
constexpr std::string_view k_layer_keys[] = {"id", "label", "description", "properties", "exchange-folder"};
constexpr std::string_view k_relationship_keys[] = {"id",          "verb",       "code",       "base",    "label",
                                                    "description", "properties", "attributes", "exchange",
                                                    "dependent"};
constexpr std::string_view k_type_keys[] = {"id", "layer", "base", "label", "description", "properties", "exchange"};
constexpr std::string_view k_viewpoint_keys[] = {"id", "label", "description", "layers", "types", "exchange"};
constexpr std::string_view k_table_keys[] = {"columns", "rows"};

}  // namespace

bool Loader::read_file(std::string_view name_or_path, const MetamodelRequest& requested, std::uint32_t* file,
                       std::string* error) {
  const bool plain_name =
      !name_or_path.empty() && name_or_path.find('/') == std::string_view::npos && name_or_path.front() != '.';
  const std::string builtin = builtin_metamodel_path(name_or_path);
  const std::filesystem::path embedded = EmbeddedSource::path_of(builtin);
  std::string read_error;
  if (plain_name && embedded_files().status(embedded, true).kind == FileKind::file) {
    *file = files_.add(fmt::format("{}/{}", kEmbeddedRoot, builtin), embedded, true);
    files_.read(*file, embedded_files(), Limits{}.max_file_size, &read_error);
    return true;
  }
  const std::filesystem::path path = base_dir_ / std::filesystem::path(std::string(name_or_path));
  *file = files_.add(std::string(name_or_path), path);
  if (files_.read(*file, source_, Limits{}.max_file_size, &read_error) != ReadResult::ok) {
    std::vector<std::string> names;
    std::string ignored;
    embedded_files().list(EmbeddedSource::path_of("models/metamodel"), &names, &ignored);
    std::vector<std::string_view> builtins;
    for (const std::string& n : names) {
      if (n.ends_with(".yaml")) builtins.push_back(std::string_view(n).substr(0, n.size() - 5));
    }
    std::ranges::sort(builtins);
    const std::string reason = source_.status(path, true).kind == FileKind::missing ? source_.missing_reason(path) : "";
    const std::string message = fmt::format(
        "metamodel '{}' is neither a built-in metamodel ({}) nor a readable file ({}){}", name_or_path,
        fmt::join(builtins, ", "), reason.empty() ? read_error : reason, did_you_mean(name_or_path, builtins));
    if (requested.at.valid()) {
      diagnostics_.report(Rule::invalid_config, requested.at, requested.mark, message);
    }
    *error = message;
    return false;
  }
  if (!files_.check_text(*file, diagnostics_)) {
    *error = fmt::format("metamodel file '{}' cannot be read", name_or_path);
    return false;
  }
  return true;
}

bool Loader::load(std::string_view name_or_path, const MetamodelRequest& requested, std::string* error) {
  if (std::ranges::find(loading_, name_or_path) != loading_.end() || loading_.size() > 16) {
    const std::string message =
        fmt::format("metamodel '{}' extends itself (through '{}')", name_or_path, fmt::join(loading_, "' -> '"));
    diagnostics_.report(Rule::invalid_config, requested.at, requested.mark, message);
    *error = message;
    return false;
  }
  std::uint32_t file = 0;
  if (!read_file(name_or_path, requested, &file, error)) return false;
  loading_.emplace_back(name_or_path);

  std::vector<yaml::Problem> problems;
  std::vector<yaml::Document> docs =
      yaml::parse_or_load(files_[file].text, files_[file].snapshot, yaml::Limits(), problems);
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
    if (r.text(e, &base) && !load(base, MetamodelRequest{r.at(e.key), r.at(e.value)}, error)) return false;
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
      read_layers(r, e, is_base);
    } else if (e.name == "relationship-types") {
      read_relationship_types(r, e, is_base);
    } else if (e.name == "element-types") {
      read_element_types(r, e);
    } else if (e.name == "properties") {
      read_properties(r, e);
    } else if (e.name == "element-properties") {
      read_uses(r, e, &common_uses_);
    } else if (e.name == "focus-boundary") {
      std::vector<NodeId> names;
      if (r.texts(e, &names)) {
        for (NodeId n : names) mm_.focus_boundary.emplace_back(r.doc().scalar(n));
      }
    } else if (e.name == "junction-type") {
      std::string_view v;
      if (r.text(e, &v)) junction_ = Name{std::string(v), r.at(e.value)};
    } else if (e.name == "nesting-relationship") {
      std::string_view v;
      if (r.text(e, &v)) {
        nesting_ = v;
        nesting_at_ = r.at(e.value);
      }
    } else if (e.name == "viewpoints") {
      read_viewpoints(r, e);
    } else if (e.name == "classifications") {
      read_classifications(r, e);
    } else if (e.name == "requirements") {
      read_requirements(r, e);
    } else if (e.name == "lifecycle") {
      read_lifecycle(r, e);
    } else if (e.name == "coverage") {
      read_coverage(r, e);
    } else if (e.name == "relationship-table") {
      if (!is_base) {
        r.invalid_structure(e, "a metamodel that extends another cannot replace the relationship table");
      } else {
        read_table(r, e);
      }
    }
  }
  if (name.empty()) {
    diagnostics_.report(Rule::invalid_structure, r.at(doc.root()), "a metamodel file needs 'metamodel: NAME'");
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

bool Loader::read_id(Reader& r, const Entry& e, std::map<std::string, SourceSpan>& seen, std::string_view what,
                     std::string* out) {
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
                        fmt::format("{} '{}' is defined twice (first at {}:{}:{})", what, id, files_[first.file].path,
                                    first.line, first.column));
    return false;
  }
  *out = id;
  return true;
}

void Loader::read_layers(Reader& r, const Entry& e, bool is_base) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'layers'")) return;
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "a layer")) continue;
    // A profile may add properties to a layer of the metamodel it extends.
    NodeId id_node = 0;
    if (!is_base && r.doc().find(item, "id", &id_node) && mm_.find_layer(r.doc().scalar(id_node)) >= 0) {
      const auto index = static_cast<std::size_t>(mm_.find_layer(r.doc().scalar(id_node)));
      for (const Entry& f : r.entries(item, k_layer_keys, "a layer")) {
        if (f.name == "properties") {
          read_uses(r, f, &layer_uses_[index]);
        } else if (f.name != "id") {
          r.invalid_structure(f,
                              fmt::format("a profile can only add 'properties' to layer '{}'", mm_.layers[index].id));
        }
      }
      continue;
    }
    Layer layer;
    PendingUses uses;
    bool ok = false;
    for (const Entry& f : r.entries(item, k_layer_keys, "a layer")) {
      if (f.name == "id")
        ok = read_id(r, f, layer_ids_, "layer", &layer.id);
      else if (f.name == "label")
        read_label(r, f, &layer.label);
      else if (f.name == "description")
        read_label(r, f, &layer.description);
      else if (f.name == "properties")
        read_uses(r, f, &uses);
      else if (std::string_view v; f.name == "exchange-folder" && r.text(f, &v))
        layer.exchange_folder = v;
    }
    if (!ok) {
      if (!r.doc().find(item, "id", &item))
        diagnostics_.report(Rule::invalid_structure, r.at(item), "a layer needs an 'id'");
      continue;
    }
    mm_.layers.push_back(std::move(layer));
    layer_uses_.push_back(std::move(uses));
  }
}

void Loader::read_relationship_types(Reader& r, const Entry& e, bool is_base) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'relationship-types'")) return;
  const std::string metamodel_name = loading_.back();
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "a relationship type")) continue;
    RelationshipType rel;
    PendingType pending;
    bool ok = false, bad_code = false;
    for (const Entry& f : r.entries(item, k_relationship_keys, "a relationship type")) {
      std::string_view v;
      if (f.name == "id")
        ok = read_id(r, f, relationship_ids_, "relationship type", &rel.id);
      else if (f.name == "verb" && r.text(f, &v))
        rel.verb = v;
      else if (f.name == "code" && r.text(f, &v)) {
        const auto same = std::ranges::find_if(
            mm_.relationship_types, [&](const RelationshipType& t) { return v.size() == 1 && t.code == v[0]; });
        if (v.size() != 1 || v[0] < 'a' || v[0] > 'z') {
          r.invalid_structure(f, "'code' must be one lower-case letter");
          bad_code = true;
        } else if (same != mm_.relationship_types.end()) {
          r.invalid_structure(f, fmt::format("code '{}' is already relationship type '{}''s; each base type "
                                             "needs a letter of its own in the relationship table",
                                             v, same->id));
          bad_code = true;
        } else {
          rel.code = v[0];
        }
      } else if (f.name == "base" && r.text(f, &v)) {
        pending.base = v;
        pending.base_at = r.at(f.value);
      } else if (f.name == "label")
        read_label(r, f, &rel.label);
      else if (f.name == "description")
        read_label(r, f, &rel.description);
      else if (f.name == "properties")
        read_uses(r, f, &pending.uses);
      else if (f.name == "attributes")
        read_attributes(r, f, &pending.attributes);
      else if (f.name == "exchange" && r.text(f, &v))
        rel.exchange = v;
      else if (f.name == "dependent" && r.text(f, &v)) {
        if (v == "source" || v == "target" || v == "none") {
          rel.dependent = v == "source" ? DependentEnd::source : v == "target" ? DependentEnd::target : DependentEnd::none;
          pending.dependent_written = true;
        } else {
          r.invalid_structure(f, fmt::format("'dependent' is 'source', 'target' or 'none' (the end that depends on "
                                             "the other), not '{}'",
                                             v));
        }
      }
    }
    if (!ok || bad_code) continue;
    if (rel.verb.empty()) {
      diagnostics_.report(Rule::invalid_structure, r.at(item),
                          fmt::format("relationship type '{}' needs a 'verb' (its inline key)", rel.id));
      continue;
    }
    // A new base type needs a code for the table; a specialization uses its base's.
    if (pending.base.empty() == (rel.code == 0)) {
      diagnostics_.report(Rule::invalid_structure, r.at(item),
                          fmt::format("relationship type '{}' needs either 'code' (a base type) or 'base' "
                                      "(a specialization), not {}",
                                      rel.id, rel.code != 0 ? "both" : "neither"));
      continue;
    }
    if (!is_base && pending.base.empty()) {
      diagnostics_.report(Rule::invalid_structure, r.at(item),
                          fmt::format("relationship type '{}': a metamodel that extends another can only "
                                      "add specializations ('base:') of its relationship types",
                                      rel.id));
      continue;
    }
    if (mm_.relationship_types.size() >= 250) {
      diagnostics_.report(Rule::invalid_structure, r.at(item), "at most 250 relationship types are supported");
      continue;
    }
    rel.metamodel = metamodel_name;
    mm_.relationship_types.push_back(std::move(rel));
    pending_relationships_.push_back(std::move(pending));
  }
}

std::vector<Name> Loader::read_names(Reader& r, const Entry& e) {
  std::vector<NodeId> nodes;
  r.texts(e, &nodes);
  std::vector<Name> out;
  out.reserve(nodes.size());
  for (NodeId n : nodes) out.push_back({std::string(r.doc().scalar(n)), r.at(n)});
  return out;
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
      if (f.name == "id")
        ok = read_id(r, f, type_ids_, "element type", &type.id);
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
      } else if (f.name == "label")
        read_label(r, f, &type.label);
      else if (f.name == "description")
        read_label(r, f, &type.description);
      else if (f.name == "properties")
        read_uses(r, f, &pending.uses);
      else if (f.name == "exchange" && r.text(f, &v))
        type.exchange = v;
    }
    if (!ok) {
      if (!r.doc().find(item, "id", &item)) {
        diagnostics_.report(Rule::invalid_structure, r.at(item), "an element type needs an 'id'");
      }
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

void Loader::read_viewpoints(Reader& r, const Entry& e) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'viewpoints'")) return;
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "a viewpoint")) continue;
    Viewpoint vp;
    PendingClassification::Value shows;
    bool ok = false;
    for (const Entry& f : r.entries(item, k_viewpoint_keys, "a viewpoint")) {
      if (f.name == "id")
        ok = read_id(r, f, viewpoint_ids_, "viewpoint", &vp.id);
      else if (f.name == "label")
        read_label(r, f, &vp.label);
      else if (f.name == "description")
        read_label(r, f, &vp.description);
      else if (f.name == "layers")
        shows.layers = read_names(r, f);
      else if (f.name == "types")
        shows.types = read_names(r, f);
      else if (std::string_view v; f.name == "exchange" && r.text(f, &v))
        vp.exchange = v;
    }
    if (!ok) continue;
    mm_.viewpoints.push_back(std::move(vp));
    pending_viewpoints_.push_back(std::move(shows));
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

}  // namespace kaava::metamodel_detail
