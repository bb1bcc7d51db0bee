#include "interop/exchange_export.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <libxml/xmlwriter.h>

#include "interop/exchange_names.h"
#include "render/notation.h"
#include "util/text.h"
#include "render/view_layout.h"
#include "views/view_content.h"

namespace kaava::interop {

namespace {

constexpr const char* k_xsi = "http://www.w3.org/2001/XMLSchema-instance";
constexpr const char* k_schema_location =
    "http://www.opengroup.org/xsd/archimate/3.0/ http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd";
/// Archi's names for what the exchange format leaves to convention.
constexpr std::string_view k_specialization = "specialization";
constexpr std::string_view k_relations_folder = "Relations";
constexpr std::string_view k_views_folder = "Views";
/// kaava's tags, as a property of their own name (a property "tags" stays one).
constexpr std::string_view k_tags_property = "kaava-tags";
/// Graphviz lays out in points; diagram editors count pixels (96 to the inch).
constexpr double k_pixels_per_point = 96.0 / 72.0;

std::string pixels(double points, long least) {
  return std::to_string(std::max(least, std::lround(points * k_pixels_per_point)));
}

const xmlChar* x(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

/// libxml2's text writer, for one document in memory.
class Xml {
 public:
  Xml() : buffer_(xmlBufferCreate()), w_(xmlNewTextWriterMemory(buffer_, 0)) {
    xmlTextWriterSetIndent(w_, 1);
    xmlTextWriterSetIndentString(w_, x("  "));
    xmlTextWriterStartDocument(w_, nullptr, "UTF-8", nullptr);
  }
  ~Xml() {
    if (w_ != nullptr) xmlFreeTextWriter(w_);
    xmlBufferFree(buffer_);
  }
  Xml(const Xml&) = delete;
  Xml& operator=(const Xml&) = delete;

  void open(const char* name) { xmlTextWriterStartElement(w_, x(name)); }
  void close() { xmlTextWriterEndElement(w_); }
  void attribute(const char* name, std::string_view value) {
    const std::string v = safe(value);
    xmlTextWriterWriteAttribute(w_, x(name), x(v.c_str()));
  }
  void attribute_ns(const char* prefix, const char* name, const char* uri, std::string_view value) {
    const std::string v(value);
    xmlTextWriterWriteAttributeNS(w_, x(prefix), x(name), uri == nullptr ? nullptr : x(uri), x(v.c_str()));
  }
  /// <name xml:lang="fi">text</name>
  void text(const char* name, std::string_view value, std::string_view language = {}) {
    open(name);
    if (!language.empty()) attribute_ns("xml", "lang", nullptr, language);
    const std::string v = safe(value);
    xmlTextWriterWriteString(w_, x(v.c_str()));
    close();
  }
  /// Characters that XML 1.0 cannot hold at all (C0 controls but tab and
  /// line ends, U+FFFE, U+FFFF) written, that many, as U+FFFD.
  std::size_t replaced() const { return replaced_; }
  std::string finish() {
    xmlTextWriterEndDocument(w_);
    xmlFreeTextWriter(w_);
    w_ = nullptr;
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                       static_cast<std::size_t>(xmlBufferLength(buffer_)));
  }

 private:
  std::string safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      const bool control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
      const bool nonchar = c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                           (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE;
      if (control || nonchar) {
        out += "\xEF\xBF\xBD";
        ++replaced_;
        i += nonchar ? 2 : 0;
      } else {
        out += text[i];
      }
    }
    return out;
  }

  xmlBufferPtr buffer_;
  xmlTextWriterPtr w_;
  std::size_t replaced_ = 0;
};

struct Rgb {
  int r = 0, g = 0, b = 0;
  bool ok = false;
};

Rgb rgb(std::string_view hex) {
  Rgb out;
  if (hex.size() != 7 || hex.front() != '#') return out;
  try {
    out.r = std::stoi(std::string(hex.substr(1, 2)), nullptr, 16);
    out.g = std::stoi(std::string(hex.substr(3, 2)), nullptr, 16);
    out.b = std::stoi(std::string(hex.substr(5, 2)), nullptr, 16);
    out.ok = true;
  } catch (const std::exception&) {
  }
  return out;
}

class ExchangeWriter {
 public:
  ExchangeWriter(const Workspace& ws, const ExchangeOptions& opt, ExchangeResult* result)
      : ws_(ws), model_(ws.model), mm_(ws.metamodel), result_(result) {
    language_ = opt.language.empty() ? std::string(ws.config.default_language()) : opt.language;
    languages_.push_back(language_);
    for (const std::string& l : ws.config.languages) {
      if (l != language_) languages_.push_back(l);
    }
  }

  bool run(std::string* error) {
    assign_ids();
    xml_.open("model");
    xml_.attribute("xmlns", kExchangeNamespace);
    xml_.attribute("xmlns:xsi", k_xsi);
    xml_.attribute("xsi:schemaLocation", k_schema_location);
    xml_.attribute("identifier", model_id_);
    const std::string name = ws_.config.name.empty() ? std::string("kaava") : ws_.config.name;
    xml_.text("name", name, ws_.config.default_language());
    texts("documentation", ws_.config.description);
    elements();
    relationships();
    organizations();
    property_definitions();
    if (!views(error)) return false;
    xml_.close();
    if (xml_.replaced() > 0) {
      result_->notes.push_back(fmt::format("{} control {} that XML cannot hold written as U+FFFD",
                                           xml_.replaced(), xml_.replaced() == 1 ? "character" : "characters"));
    }
    result_->xml = xml_.finish();
    return true;
  }

 private:
  /// Ids in a fixed order: the model, elements, relationships, views,
  /// property definitions; nodes and connections as views are written.
  void assign_ids() {
    // Archi reads only the definition named exactly "specialization" as
    // specializations, and ids that are XML names already stay as they are.
    ids_.take(k_specialization);
    for (const Element& el : model_.elements()) ids_.reserve(el.id);
    for (const Relationship& r : model_.relationships()) ids_.reserve(r.id);
    for (const View& v : model_.views()) ids_.reserve(v.id);
    model_id_ = ids_.take(fmt::format("model.{}", ascii_id(ws_.config.name).empty() ? "kaava" : ascii_id(ws_.config.name)));
    for (const Element& el : model_.elements()) element_ids_.push_back(ids_.take(el.id));
    for (const Relationship& r : model_.relationships()) relationship_ids_.push_back(ids_.take(r.id));
    for (const View& v : model_.views()) view_ids_.push_back(ids_.take(v.id));
    // Every property key in use, sorted, and the two kaava adds.
    std::set<std::string_view> keys;
    for (const Element& el : model_.elements()) {
      for (const Property& p : el.properties) keys.insert(p.key);
      if (!el.tags.empty()) keys.insert(k_tags_property);
      if (el.type != kNoType && mm_.element_types[el.type].exchange.empty()) keys.insert(k_specialization);
    }
    for (const Relationship& r : model_.relationships()) {
      for (const Property& p : r.properties) keys.insert(p.key);
      if (!r.tags.empty()) keys.insert(k_tags_property);
      if (r.type != kNoRelationship && mm_.relationship_types[r.type].exchange.empty()) keys.insert(k_specialization);
    }
    for (std::string_view key : keys) {
      // Archi reads the definition named "specialization" as a concept's specialization.
      property_ids_.emplace(std::string(key),
                            key == k_specialization ? std::string(key) : ids_.take("propid-" + std::string(key)));
    }
  }

  /// Every text of `text`, the first language first.
  void texts(const char* tag, const LocalizedText& text) {
    std::vector<std::pair<std::string, std::string_view>> items;
    for (const auto& [language, value] : text.texts) {
      items.emplace_back(language.empty() ? std::string(ws_.config.default_language()) : std::string(language), value);
    }
    const auto rank = [&](const std::string& l) {
      return static_cast<std::size_t>(std::ranges::find(languages_, l) - languages_.begin());
    };
    std::ranges::stable_sort(items, [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
    for (const auto& [language, value] : items) xml_.text(tag, value, language);
  }

  void properties(std::span<const Property> props, std::span<const std::string_view> tags,
                  const std::string& specialization) {
    if (props.empty() && tags.empty() && specialization.empty()) return;
    xml_.open("properties");
    const auto property = [&](std::string_view key, std::string_view value) {
      xml_.open("property");
      xml_.attribute("propertyDefinitionRef", property_ids_.at(std::string(key)));
      xml_.text("value", value);
      xml_.close();
    };
    if (!specialization.empty()) property(k_specialization, specialization);
    for (const Property& p : props) property(p.key, p.value);
    if (!tags.empty()) {
      std::string joined;
      for (std::string_view t : tags) joined += (joined.empty() ? "" : ", ") + std::string(t);
      property(k_tags_property, joined);
    }
    xml_.close();
  }

  /// What an element and a relationship both have, and its end.
  void concept_body(const LocalizedText& name, const LocalizedText& description, std::span<const Property> props,
               std::span<const std::string_view> tags, const std::string& specialization) {
    texts("name", name);
    texts("documentation", description);
    properties(props, tags, specialization);
    xml_.close();
  }

  void elements() {
    xml_.open("elements");
    for (std::uint32_t e : element_order(model_, mm_)) {
      const Element& el = model_.element(e);
      if (el.type == kNoType) {
        result_->notes.push_back(fmt::format("element '{}': unknown type '{}', left out", el.id, el.type_name));
        continue;
      }
      const auto [type, specialization] = exchange_element_type(mm_, el.type, language_);
      if (type.empty()) {
        result_->notes.push_back(fmt::format("element '{}': type '{}' has no exchange-format type, left out", el.id,
                                             mm_.element_types[el.type].id));
        continue;
      }
      exported_.insert(e);
      xml_.open("element");
      xml_.attribute("identifier", element_ids_[e]);
      xml_.attribute("xsi:type", type);
      if (el.name.empty() && !mm_.is_junction(el.type)) {
        // Every element but a junction needs a name in the format.
        xml_.text("name", el.id, language_);
        result_->notes.push_back(fmt::format("element '{}' has no name; its id is its name there", el.id));
      }
      concept_body(el.name, el.description, el.properties, el.tags, specialization);
      ++result_->elements;
    }
    xml_.close();
    if (result_->elements == 0) {
      result_->notes.emplace_back(
          "the model has no elements: <elements> is written empty, as Archi needs it (the schema wants one)");
    }
  }

  /// The identifier of a relationship's end (an element, or a relationship
  /// that is exported too), or "".
  std::string end_id(const Reference& end) const {
    if (end.index != kNone) return exported_.contains(end.index) ? element_ids_[end.index] : std::string();
    if (end.relationship != kNone && exported_relationships_.contains(end.relationship)) {
      return relationship_ids_[end.relationship];
    }
    return {};
  }

  void relationships() {
    // Those between elements, then those that end at them, until none is added.
    for (bool added = true; added;) {
      added = false;
      for (std::uint32_t r = 0; r < model_.relationships().size(); ++r) {
        const Relationship& rel = model_.relationship(r);
        if (exported_relationships_.contains(r) || rel.type == kNoRelationship) continue;
        if (!end_id(rel.source).empty() && !end_id(rel.target).empty() && exported_relationships_.insert(r).second) {
          added = true;
        }
      }
    }
    for (std::uint32_t r = 0; r < model_.relationships().size(); ++r) {
      if (!exported_relationships_.contains(r)) {
        result_->notes.push_back(
            fmt::format("relationship '{}': an end or the type is unknown, left out", model_.relationship(r).id));
      }
    }
    if (exported_relationships_.empty()) return;
    xml_.open("relationships");
    for (std::uint32_t r : exported_relationships_) {
      const Relationship& rel = model_.relationship(r);
      const auto [type, specialization] = exchange_relationship_type(mm_, rel.type, language_);
      xml_.open("relationship");
      xml_.attribute("identifier", relationship_ids_[r]);
      xml_.attribute("source", end_id(rel.source));
      xml_.attribute("target", end_id(rel.target));
      xml_.attribute("xsi:type", type);
      attributes(rel);
      concept_body(rel.name, rel.description, rel.properties, rel.tags, specialization);
      ++result_->relationships;
    }
    xml_.close();
  }

  /// ArchiMate's relationship attributes, as the format spells them:
  /// accessType always (Archi reads a missing one as Write), the influence
  /// modifier when there is one, isDirected when true.
  void attributes(const Relationship& rel) {
    const RelationshipType& t = mm_.relationship_types[rel.type];
    for (const PropertyDefinition& a : t.attributes) {
      const std::string_view value = rel.attribute(a.id, a.default_value);
      if (a.id == "access") {
        static const std::map<std::string_view, std::string_view> k_access = {
            {"access", "Access"}, {"read", "Read"}, {"write", "Write"}, {"readwrite", "ReadWrite"}};
        const auto it = k_access.find(value);
        xml_.attribute("accessType", it == k_access.end() ? "Access" : it->second);
      } else if (a.id == "strength" && !value.empty()) {
        xml_.attribute("modifier", value);
      } else if (a.id == "directed" && value == "true") {
        xml_.attribute("isDirected", "true");
      }
    }
  }

  /// Folders by layer under the labels Archi maps to its own folders;
  /// imported elements in a folder named after their import.
  void organizations() {
    if (exported_.empty() && exported_relationships_.empty() && own_views().empty()) return;  // none: no empty <organizations/>
    std::vector<std::string> folders;
    std::map<std::string, std::map<std::string, std::vector<std::uint32_t>>> content;  // folder -> import -> elements
    for (const Layer& l : mm_.layers) {
      const std::string folder = l.exchange_folder.empty() ? l.id : l.exchange_folder;
      if (std::ranges::find(folders, folder) == folders.end()) folders.push_back(folder);
    }
    for (std::uint32_t e : element_order(model_, mm_)) {
      if (!exported_.contains(e)) continue;
      const Element& el = model_.element(e);
      const Layer& l = mm_.layers[mm_.element_types[el.type].layer];
      content[l.exchange_folder.empty() ? l.id : l.exchange_folder][import_of(el.at)].push_back(e);
    }
    xml_.open("organizations");
    for (const std::string& folder : folders) {
      const auto it = content.find(folder);
      if (it == content.end()) continue;
      xml_.open("item");
      xml_.text("label", folder);
      for (const auto& [import, members] : it->second) {
        if (!import.empty()) {
          xml_.open("item");
          xml_.text("label", import);
        }
        for (std::uint32_t e : members) reference(element_ids_[e]);
        if (!import.empty()) xml_.close();
      }
      xml_.close();
    }
    if (!exported_relationships_.empty()) {
      xml_.open("item");
      xml_.text("label", k_relations_folder);
      for (std::uint32_t r : exported_relationships_) reference(relationship_ids_[r]);
      xml_.close();
    }
    if (!own_views().empty()) {
      xml_.open("item");
      xml_.text("label", k_views_folder);
      for (std::uint32_t v : own_views()) reference(view_ids_[v]);
      xml_.close();
    }
    xml_.close();
  }

  void reference(const std::string& id) {
    xml_.open("item");
    xml_.attribute("identifierRef", id);
    xml_.close();
  }

  /// The import an element comes from ("" for the repository's own).
  std::string import_of(const SourceSpan& at) const {
    if (at.file >= ws_.files.size() || !ws_.files[at.file].imported) return {};
    const std::string_view import = ws_.import_of(at.file);
    return import.empty() ? std::string("imported") : std::string(import);
  }

  void property_definitions() {
    if (property_ids_.empty()) return;
    xml_.open("propertyDefinitions");
    for (const auto& [key, id] : property_ids_) {
      xml_.open("propertyDefinition");
      xml_.attribute("identifier", id);
      const PropertyDefinition* def = mm_.property(key);
      const std::string_view type = def == nullptr                          ? "string"
                                    : def->kind == PropertyKind::boolean ? "boolean"
                                    : def->kind == PropertyKind::number  ? "number"
                                    : def->kind == PropertyKind::date    ? "date"
                                                                         : "string";
      xml_.attribute("type", type);
      xml_.text("name", key == k_specialization ? "Specialization" : key);
      xml_.close();
    }
    xml_.close();
  }

  const std::vector<std::uint32_t>& own_views() {
    if (!own_views_computed_) {
      for (std::uint32_t v = 0; v < model_.views().size(); ++v) {
        if (!ws_.files[model_.views()[v].at.file].imported) own_views_.push_back(v);
      }
      own_views_computed_ = true;
    }
    return own_views_;
  }

  bool views(std::string* error) {
    xml_.open("views");
    if (own_views().empty()) {
      xml_.close();
      return true;
    }
    xml_.open("diagrams");
    for (std::uint32_t v : own_views()) {
      if (!view(model_.views()[v], view_ids_[v], error)) return false;
      ++result_->views;
    }
    xml_.close();
    xml_.close();
    return true;
  }

  bool view(const View& view, const std::string& id, std::string* error) {
    ViewLayout layout;
    if (!layout_view(ws_, view, language_, &layout, error)) return false;
    const ViewContent content = resolve_view(model_, mm_, view);
    xml_.open("view");
    xml_.attribute("identifier", id);
    xml_.attribute("xsi:type", "Diagram");
    const int vp = mm_.find_viewpoint(view.viewpoint.text);
    if (vp >= 0) {
      const Viewpoint& viewpoint = mm_.viewpoints[static_cast<std::size_t>(vp)];
      xml_.attribute("viewpoint", viewpoint.exchange.empty() ? viewpoint.id : viewpoint.exchange);
    }
    if (view.name.empty()) {
      xml_.text("name", view.id, language_);
    } else {
      texts("name", view.name);
    }
    texts("documentation", view.description);
    // Nodes nest as the view nests its elements; every node before any connection.
    std::map<std::uint32_t, const LaidOutNode*> node_of;
    for (const LaidOutNode& n : layout.nodes) {
      if (exported_.contains(n.element)) node_of.try_emplace(n.element, &n);
    }
    // A node inside another's box (a parent drawn around its children) is
    // its child there too: the smallest box that holds it.
    std::map<std::uint32_t, std::vector<std::uint32_t>> children;
    std::vector<std::uint32_t> top;
    const auto drawn = [&](const LaidOutNode& n) {
      const auto it = node_of.find(n.element);
      return it != node_of.end() && it->second == &n;
    };
    for (const LaidOutNode& n : layout.nodes) {
      if (!drawn(n)) continue;
      const LaidOutNode* parent = nullptr;
      for (const LaidOutNode& o : layout.nodes) {
        if (&o == &n || !drawn(o)) continue;
        const bool holds = o.x <= n.x + 0.5 && o.y <= n.y + 0.5 && o.x + o.w >= n.x + n.w - 0.5 &&
                           o.y + o.h >= n.y + n.h - 0.5 && o.w * o.h > n.w * n.h;
        if (holds && (parent == nullptr || o.w * o.h < parent->w * parent->h)) parent = &o;
      }
      (parent == nullptr ? top : children[parent->element]).push_back(n.element);
    }
    const std::size_t missing = content.elements.size() - node_of.size();
    if (missing > 0) {
      result_->notes.push_back(fmt::format("view '{}': {} of its {} elements could not be placed", view.id, missing,
                                           content.elements.size()));
    }
    std::map<std::uint32_t, std::string> node_ids;
    const std::function<void(std::uint32_t)> node = [&](std::uint32_t e) {
      const LaidOutNode& n = *node_of.at(e);
      const std::string nid = ids_.take(fmt::format("n.{}.{}", id, element_ids_[e]));
      node_ids[e] = nid;
      xml_.open("node");
      xml_.attribute("identifier", nid);
      xml_.attribute("elementRef", element_ids_[e]);
      xml_.attribute("xsi:type", "Element");
      xml_.attribute("x", pixels(n.x, 0));
      xml_.attribute("y", pixels(n.y, 0));
      xml_.attribute("w", pixels(n.w, 1));
      xml_.attribute("h", pixels(n.h, 1));
      style(model_.element(e).type);
      for (std::uint32_t c : children[e]) node(c);
      xml_.close();
    };
    for (std::uint32_t e : top) node(e);
    for (const LaidOutEdge& edge : layout.edges) {
      const Relationship& rel = model_.relationship(edge.relationship);
      if (!exported_relationships_.contains(edge.relationship) || !node_ids.contains(rel.source.index) ||
          !node_ids.contains(rel.target.index)) {
        continue;
      }
      xml_.open("connection");
      xml_.attribute("identifier", ids_.take(fmt::format("c.{}.{}", id, relationship_ids_[edge.relationship])));
      xml_.attribute("relationshipRef", relationship_ids_[edge.relationship]);
      xml_.attribute("xsi:type", "Relationship");
      xml_.attribute("source", node_ids[rel.source.index]);
      xml_.attribute("target", node_ids[rel.target.index]);
      for (const auto& [bx, by] : edge.bends) {
        xml_.open("bendpoint");
        xml_.attribute("x", pixels(bx, 0));
        xml_.attribute("y", pixels(by, 0));
        xml_.close();
      }
      xml_.close();
    }
    xml_.close();
    return true;
  }

  /// The notation's colours, so that the view looks in Archi as kaava draws it.
  void style(TypeIndex type) {
    const NodeStyle s = builtin_notation().node_style(mm_, type);
    const Rgb fill = rgb(s.fill), line = rgb(s.border);
    if (!fill.ok && !line.ok) return;
    xml_.open("style");
    for (const auto& [tag, c] : {std::pair{"fillColor", fill}, std::pair{"lineColor", line}}) {
      if (!c.ok) continue;
      xml_.open(tag);
      xml_.attribute("r", std::to_string(c.r));
      xml_.attribute("g", std::to_string(c.g));
      xml_.attribute("b", std::to_string(c.b));
      xml_.close();
    }
    xml_.close();
  }

  const Workspace& ws_;
  const Model& model_;
  const Metamodel& mm_;
  ExchangeResult* result_;
  std::string language_;
  std::vector<std::string> languages_;
  Xml xml_;
  ExportIds ids_;
  std::string model_id_;
  std::vector<std::string> element_ids_, relationship_ids_, view_ids_;
  std::map<std::string, std::string> property_ids_;  ///< key -> definition id, sorted by key
  std::set<std::uint32_t> exported_, exported_relationships_;
  std::vector<std::uint32_t> own_views_;
  bool own_views_computed_ = false;
};

}  // namespace

bool export_exchange(const Workspace& ws, const ExchangeOptions& options, ExchangeResult* result,
                     std::string* error) {
  ExchangeWriter writer(ws, options, result);
  return writer.run(error);
}

}  // namespace kaava::interop
