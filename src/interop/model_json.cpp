#include "interop/model_json.h"

#include <nlohmann/json.hpp>

#include "views/view_content.h"

namespace kaava::interop {

namespace {

/// A text per language: plain texts are in the repository's default language.
json texts(const LocalizedText& text, std::string_view default_language) {
  json out = json::object();
  for (const auto& [language, value] : text.texts) {
    out[std::string(language.empty() ? default_language : language)] = std::string(value);
  }
  return out;
}

json values(std::span<const Property> properties) {
  json out = json::object();
  for (const Property& p : properties) out[std::string(p.key)] = std::string(p.value);
  return out;
}

json words(std::span<const std::string_view> items) {
  json out = json::array();
  for (std::string_view w : items) out.push_back(std::string(w));
  return out;
}

/// Where it is written: the file (from the repository root, or the
/// imported repository's) and line, and the import it comes from.
void source(const Workspace& ws, const SourceSpan& at, json* out) {
  if (at.file >= ws.files.size()) return;
  const SourceFile& f = ws.files[at.file];
  (*out)["file"] = f.path;
  (*out)["line"] = at.line;
  if (const std::string_view import = ws.import_of(at.file); !import.empty()) (*out)["imported"] = std::string(import);
}

}  // namespace

json element_json(const Workspace& ws, std::uint32_t index) {
  const Model& model = ws.model;
  const Metamodel& mm = ws.metamodel;
  const std::string_view language = ws.config.default_language();
  const Element& el = model.element(index);
  json e = json::object();
  e["id"] = std::string(el.id);
  e["type"] = std::string(el.type != kNoType ? std::string_view(mm.element_types[el.type].id) : el.type_name);
  if (el.type != kNoType) {
    const ElementType& t = mm.element_types[el.type];
    e["layer"] = mm.layers[t.layer].id;
    if (t.root != el.type && t.root != kNoType) e["base"] = mm.element_types[t.root].id;
  }
  e["name"] = texts(el.name, language);
  e["description"] = texts(el.description, language);
  e["properties"] = values(el.properties);
  e["tags"] = words(el.tags);
  if (el.parent != kNone) e["parent"] = std::string(model.element(el.parent).id);
  source(ws, el.at, &e);
  return e;
}

json relationship_json(const Workspace& ws, std::uint32_t index) {
  const Metamodel& mm = ws.metamodel;
  const std::string_view language = ws.config.default_language();
  const Relationship& rel = ws.model.relationship(index);
  json r = json::object();
  r["id"] = std::string(rel.id);
  r["id-written"] = rel.id_written;
  r["type"] = rel.type != kNoRelationship ? mm.relationship_types[rel.type].id : std::string();
  if (rel.type != kNoRelationship) {
    const RelationshipType& t = mm.relationship_types[rel.type];
    if (t.root != rel.type && t.root != kNoRelationship) r["base"] = mm.relationship_types[t.root].id;
  }
  r["source"] = std::string(rel.source.id);
  r["target"] = std::string(rel.target.id);
  r["name"] = texts(rel.name, language);
  r["description"] = texts(rel.description, language);
  // Every attribute of its type, with the default where none is written.
  json attributes = json::object();
  if (rel.type != kNoRelationship) {
    for (const PropertyDefinition& a : mm.relationship_types[rel.type].attributes) {
      attributes[a.id] = std::string(rel.attribute(a.id, a.default_value));
    }
  }
  r["attributes"] = std::move(attributes);
  r["properties"] = values(rel.properties);
  r["tags"] = words(rel.tags);
  source(ws, rel.at, &r);
  return r;
}

std::string model_json(const Workspace& ws) {
  const Model& model = ws.model;
  const Metamodel& mm = ws.metamodel;
  const std::string_view language = ws.config.default_language();
  json doc = json::object();
  doc["kaava-model"] = kModelJsonVersion;
  doc["name"] = ws.config.name;
  doc["metamodel"] = mm.name;
  doc["languages"] = ws.config.languages;

  json elements = json::array();
  for (std::uint32_t i = 0; i < model.elements().size(); ++i) elements.push_back(element_json(ws, i));
  doc["elements"] = std::move(elements);

  json relationships = json::array();
  for (std::uint32_t i = 0; i < model.relationships().size(); ++i) relationships.push_back(relationship_json(ws, i));
  doc["relationships"] = std::move(relationships);

  json views = json::array();
  for (const View& view : model.views()) {
    json v = json::object();
    v["id"] = std::string(view.id);
    v["name"] = texts(view.name, language);
    v["description"] = texts(view.description, language);
    v["viewpoint"] = std::string(view.viewpoint.text);
    const ViewContent content = resolve_view(model, mm, view);
    json shown = json::array();
    for (std::uint32_t e : content.elements) shown.push_back(std::string(model.element(e).id));
    v["elements"] = std::move(shown);
    json drawn = json::array();
    for (std::uint32_t r : content.relationships) drawn.push_back(std::string(model.relationship(r).id));
    v["relationships"] = std::move(drawn);
    source(ws, view.at, &v);
    views.push_back(std::move(v));
  }
  doc["views"] = std::move(views);
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace kaava::interop
