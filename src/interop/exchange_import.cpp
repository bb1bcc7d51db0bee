#include "interop/exchange_import.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "interop/exchange_names.h"
#include "load/languages.h"
#include "util/text.h"

namespace kaava::interop {

namespace {

constexpr std::string_view k_namespace_2 = "http://www.opengroup.org/xsd/archimate";

Place place(const XmlNode& n) { return {n.line, n.column}; }

class Reader {
 public:
  Reader(const Metamodel& mm, ImportedModel* out) : mm_(mm), types_(mm), out_(out) {}

  void read(const XmlNode& root) {
    languages(root);
    out_->name = text_in(root.all("name"));
    out_->description = texts(root.all("documentation"));
    property_definitions(root);
    if (const XmlNode* props = root.first("properties")) lose(*props, "the model's own properties");
    if (const XmlNode* meta = root.first("metadata")) lose(*meta, "the model's metadata");
    if (const XmlNode* elements = root.first("elements")) {
      for (const XmlNode* e : elements->all("element")) element(*e);
    }
    if (const XmlNode* relationships = root.first("relationships")) {
      // Ids first: a relationship may end at one written after it.
      for (const XmlNode* r : relationships->all("relationship")) {
        if (types_.relationship(r->attribute("xsi:type")) != kNoRelationship) {
          const std::string id(r->attribute("identifier"));
          relationship_ids_.try_emplace(id, kaava_id(id, &ids_));
        }
      }
      for (const XmlNode* r : relationships->all("relationship")) relationship(*r);
    }
    for (const XmlNode* organizations : root.all("organizations")) {
      for (const XmlNode* item : organizations->all("item")) folders(*item, "");
    }
    if (const XmlNode* views = root.first("views")) {
      if (const XmlNode* viewpoints = views->first("viewpoints")) lose(*viewpoints, "viewpoint definitions");
      if (const XmlNode* diagrams = views->first("diagrams")) {
        for (const XmlNode* v : diagrams->all("view")) view(*v);
      }
    }
    apply_folders();
  }

 private:
  void lose(const XmlNode& n, std::string what) { out_->losses.push_back({place(n), std::move(what), std::string()}); }

  /// The model's languages: its name's first; then in the order of the
  /// text written in the most languages (a tool writes them in one order);
  /// then any others as they come. Texts without a language are in the first.
  void languages(const XmlNode& root) {
    std::vector<std::string> widest, seen;
    const std::function<void(const XmlNode&)> walk = [&](const XmlNode& n) {
      std::vector<std::string> group;
      for (const auto& c : n.children) {
        const std::string_view lang = c->attribute("xml:lang");
        if (!lang.empty() && valid_language_code(lang)) {
          if (std::ranges::find(seen, lang) == seen.end()) seen.emplace_back(lang);
          if ((c->name == "name" || c->name == "documentation") && std::ranges::find(group, lang) == group.end()) {
            group.emplace_back(lang);
          }
        }
        walk(*c);
      }
      if (group.size() > widest.size()) widest = group;
    };
    walk(root);
    std::vector<std::string> out;
    if (const XmlNode* name = root.first("name")) {
      const std::string_view lang = name->attribute("xml:lang");
      if (!lang.empty() && valid_language_code(lang)) out.emplace_back(lang);
    }
    for (const std::vector<std::string>* list : {&widest, &seen}) {
      for (const std::string& l : *list) {
        if (std::ranges::find(out, l) == out.end()) out.push_back(l);
      }
    }
    if (out.empty()) out.emplace_back("en");
    out_->languages = out;
  }

  /// Texts per language; one without a language, or with one that is no
  /// language code, is in the default language.
  Texts texts(const std::vector<const XmlNode*>& nodes) {
    Texts out;
    for (const XmlNode* n : nodes) {
      std::string lang(n->attribute("xml:lang"));
      if (lang.empty() || !valid_language_code(lang)) lang = out_->languages.front();
      if (std::ranges::any_of(out, [&](const auto& t) { return t.first == lang; })) {
        if (n->text.empty()) continue;
        lose(*n, fmt::format("a second text in language '{}' ('{}')", lang, n->text.substr(0, 60)));
        continue;
      }
      if (n->text.empty()) continue;
      out.emplace_back(lang, n->text);
    }
    return out;
  }

  std::string text_in(const std::vector<const XmlNode*>& nodes) {
    const Texts t = texts(nodes);
    return t.empty() ? std::string() : t.front().second;
  }

  void property_definitions(const XmlNode& root) {
    const XmlNode* defs = root.first("propertyDefinitions");
    if (defs == nullptr) return;
    for (const XmlNode* d : defs->all("propertyDefinition")) {
      const std::string id(d->attribute("identifier"));
      std::string name = text_in(d->all("name"));
      if (name.empty()) name = id;
      const std::string_view type = d->attribute("type");
      if (type == "currency" || type == "time") {
        lose(*d, fmt::format("the type '{}' of property '{}' (kaava keeps its values as text)", type, name));
      }
      property_names_[id] = name;
    }
  }

  /// Properties, with the two kaava reads itself: `specialization` and `tags`.
  void properties(const XmlNode& n, Values* values, std::vector<std::string>* tags, std::string* specialization) {
    const XmlNode* props = n.first("properties");
    if (props == nullptr) return;
    for (const XmlNode* p : props->all("property")) {
      const std::string ref(p->attribute("propertyDefinitionRef"));
      const auto it = property_names_.find(ref);
      if (it == property_names_.end()) {
        lose(*p, fmt::format("a property whose definition '{}' is not in the file", ref));
        continue;
      }
      const Texts value = texts(p->all("value"));
      const std::string v = value.empty() ? std::string() : value.front().second;
      if (ref == "specialization" || fold_for_comparison(it->second) == "specialization") {
        *specialization = v;
      } else if (it->second == "kaava-tags") {
        std::size_t start = 0;
        while (start < v.size()) {
          std::size_t end = std::min(v.find(',', start), v.size());
          std::string tag = v.substr(start, end - start);
          while (!tag.empty() && tag.front() == ' ') tag.erase(0, 1);
          while (!tag.empty() && tag.back() == ' ') tag.pop_back();
          if (!tag.empty()) tags->push_back(tag);
          start = end + 1;
        }
      } else {
        values->emplace_back(it->second, v);
      }
    }
  }

  void element(const XmlNode& n) {
    const std::string xsi(n.attribute("xsi:type"));
    const TypeIndex type = types_.element(xsi);
    if (type == kNoType) {
      lose(n, fmt::format("element '{}' of type '{}', which ArchiMate 3.2 has no element type for{}",
                          n.attribute("identifier"), xsi, types_.element_hint(xsi)));
      return;
    }
    ImportedElement e;
    e.source_id = n.attribute("identifier");
    e.id = kaava_id(e.source_id, &ids_);
    e.at = place(n);
    e.name = texts(n.all("name"));
    e.description = texts(n.all("documentation"));
    std::string specialization;
    properties(n, &e.properties, &e.tags, &specialization);
    TypeIndex t = type;
    if (!specialization.empty()) {
      const TypeIndex s = types_.element_specialization(t, specialization);
      if (s != kNoType) {
        t = s;
        if (mm_.element_types[s].metamodel != "archimate") out_->metamodel = mm_.name;
      } else {
        e.properties.insert(e.properties.begin(), {"specialization", specialization});
        out_->notes.push_back(fmt::format("{}:{}: element '{}': specialization '{}' is no type of kaava's "
                                          "metamodel; kept as the property 'specialization'",
                                          n.line, n.column, e.source_id, specialization));
      }
    }
    e.type = mm_.element_types[t].id;
    element_ids_[e.source_id] = e.id;
    out_->elements.push_back(std::move(e));
  }

  void relationship(const XmlNode& n) {
    const std::string xsi(n.attribute("xsi:type"));
    const std::string id(n.attribute("identifier"));
    const RelationshipIndex type = types_.relationship(xsi);
    if (type == kNoRelationship) {
      lose(n, fmt::format("relationship '{}' of type '{}', which ArchiMate 3.2 has no relationship type for{}", id, xsi,
                          types_.relationship_hint(xsi)));
      return;
    }
    // An end is an element, or (ArchiMate allows it for associations) a relationship.
    const auto end = [&](std::string_view ref) -> std::string {
      const std::string key(ref);
      if (const auto e = element_ids_.find(key); e != element_ids_.end()) return e->second;
      if (const auto r = relationship_ids_.find(key); r != relationship_ids_.end() && key != id) return r->second;
      return {};
    };
    const std::string from = end(n.attribute("source")), to = end(n.attribute("target"));
    if (from.empty() || to.empty()) {
      lose(n, fmt::format("relationship '{}': its {} '{}' is in no imported element or relationship", id,
                          from.empty() ? "source" : "target", from.empty() ? n.attribute("source") : n.attribute("target")));
      relationship_ids_.erase(id);
      return;
    }
    ImportedRelationship r;
    r.source_id = id;
    r.id = relationship_ids_.at(id);
    r.from = from;
    r.to = to;
    r.at = place(n);
    r.name = texts(n.all("name"));
    r.description = texts(n.all("documentation"));
    std::string specialization;
    properties(n, &r.properties, &r.tags, &specialization);
    RelationshipIndex t = type;
    if (!specialization.empty()) {
      const RelationshipIndex s = types_.relationship_specialization(t, specialization);
      if (s != kNoRelationship) {
        t = s;
        if (mm_.relationship_types[s].metamodel != "archimate") out_->metamodel = mm_.name;
      } else {
        r.properties.insert(r.properties.begin(), {"specialization", specialization});
      }
    }
    r.type = mm_.relationship_types[t].id;
    relationship_type_of_[id] = r.type;
    // The format's attributes, as kaava's attribute keys and values.
    if (const std::string_view access = n.attribute("accessType"); !access.empty() || xsi == "Access") {
      static const std::map<std::string_view, std::string_view> k_access = {
          {"Access", ""}, {"Read", "read"}, {"Write", "write"}, {"ReadWrite", "readwrite"}, {"", ""}};
      const auto it = k_access.find(access);
      if (it == k_access.end()) {
        lose(n, fmt::format("relationship '{}': access type '{}' (kept as unspecified access)", id, access));
      } else if (!it->second.empty()) {
        r.attributes.emplace_back("access", it->second);
      }
    }
    if (const std::string_view modifier = n.attribute("modifier"); !modifier.empty()) {
      r.attributes.emplace_back("strength", modifier);
    }
    if (const std::string_view directed = n.attribute("isDirected"); directed == "true" || directed == "1") {
      r.attributes.emplace_back("directed", "true");
    }
    out_->relationships.push_back(std::move(r));
  }

  /// Records each concept's folder path (labels below the top level).
  void folders(const XmlNode& item, const std::string& path) {
    std::string label = text_in(item.all("label"));
    const std::string here = label.empty() ? path : (path.empty() ? label : path + "/" + label);
    if (const std::string_view ref = item.attribute("identifierRef"); !ref.empty()) {
      folder_of_[std::string(ref)] = path;
    }
    for (const XmlNode* child : item.all("item")) folders(*child, here);
  }

  void apply_folders() {
    for (ImportedElement& e : out_->elements) {
      if (const auto it = folder_of_.find(e.source_id); it != folder_of_.end()) e.folder = it->second;
    }
    for (ImportedRelationship& r : out_->relationships) {
      if (const auto it = folder_of_.find(r.source_id); it != folder_of_.end()) r.folder = it->second;
    }
    for (ImportedView& v : out_->views) {
      if (const auto it = folder_of_.find(v.source_id); it != folder_of_.end()) v.folder = it->second;
    }
  }

  void view(const XmlNode& n) {
    ImportedView v;
    v.source_id = n.attribute("identifier");
    v.id = kaava_id(v.source_id, &view_ids_);
    v.at = place(n);
    v.name = texts(n.all("name"));
    v.description = texts(n.all("documentation"));
    if (const std::string_view vp = n.attribute("viewpoint"); !vp.empty()) {
      for (const Viewpoint& p : mm_.viewpoints) {
        if (p.exchange == vp || p.id == vp) v.viewpoint = p.id;
      }
      if (v.viewpoint.empty()) lose(n, fmt::format("view '{}': viewpoint '{}', which kaava's metamodel lacks", v.source_id, vp));
    }
    std::set<std::string> members;
    // Node ids to elements; and elements drawn inside another's node, whose
    // relationships Archi leaves undrawn (the nesting says them).
    std::map<std::string, std::string> element_of_node;
    std::set<std::pair<std::string, std::string>> nested;
    const std::function<void(const XmlNode&, const std::string&)> nodes = [&](const XmlNode& parent,
                                                                              const std::string& outer) {
      for (const XmlNode* node : parent.all("node")) {
        const std::string_view ref = node->attribute("elementRef");
        const auto it = element_ids_.find(std::string(ref));
        std::string inner = outer;
        if (!ref.empty() && it != element_ids_.end()) {
          if (members.insert(it->second).second) v.members.push_back(it->second);
          element_of_node[std::string(node->attribute("identifier"))] = it->second;
          if (!outer.empty()) nested.emplace(outer, it->second);
          inner = it->second;
        } else if (!ref.empty()) {
          lose(*node, fmt::format("view '{}': a node of element '{}', which was not imported", v.source_id, ref));
        } else {
          const std::string label = text_in(node->all("label"));
          lose(*node, fmt::format("view '{}': a {} without an element{}", v.source_id,
                                  node->attribute("xsi:type") == "Label" ? "note" : "group",
                                  label.empty() ? "" : fmt::format(" ('{}')", label.substr(0, 60))));
        }
        nodes(*node, inner);
      }
    };
    nodes(n, "");
    std::set<std::string> types, drawn;
    for (const XmlNode* c : n.all("connection")) {
      const std::string ref(c->attribute("relationshipRef"));
      const auto type = relationship_type_of_.find(ref);
      if (ref.empty()) {
        lose(*c, fmt::format("view '{}': a line that is no relationship", v.source_id));
      } else if (!element_of_node.contains(std::string(c->attribute("source"))) ||
                 !element_of_node.contains(std::string(c->attribute("target")))) {
        lose(*c, fmt::format("view '{}': the line of relationship '{}', which ends at another line (kaava draws "
                             "relationships between elements)",
                             v.source_id, ref));
      } else if (type != relationship_type_of_.end()) {
        types.insert(type->second);
        drawn.insert(relationship_ids_.contains(ref) ? relationship_ids_.at(ref) : ref);
        v.lines = true;
      }
    }
    // The relationships between nested elements: kaava nests by them.
    for (const ImportedRelationship& r : out_->relationships) {
      if (nested.contains({r.from, r.to}) || nested.contains({r.to, r.from})) {
        types.insert(r.type);
        drawn.insert(r.id);
        v.lines = true;
      }
    }
    v.relationship_types.assign(types.begin(), types.end());
    // kaava draws every relationship of those types between the view's elements.
    std::size_t more = 0;
    for (const ImportedRelationship& r : out_->relationships) {
      if (types.contains(r.type) && members.contains(r.from) && members.contains(r.to) && !drawn.contains(r.id)) ++more;
    }
    if (more > 0) {
      out_->notes.push_back(fmt::format("{}:{}: view '{}': kaava also draws {} {} between its elements that the "
                                        "file's view leaves out (it draws every relationship of the types drawn)",
                                        n.line, n.column, v.source_id, more,
                                        more == 1 ? "relationship" : "relationships"));
    }
    out_->views.push_back(std::move(v));
  }

  const Metamodel& mm_;
  ExchangeTypes types_;
  ImportedModel* out_;
  std::map<std::string, std::string> property_names_;
  std::set<std::string> ids_, view_ids_;
  std::map<std::string, std::string> element_ids_, relationship_ids_, folder_of_, relationship_type_of_;
};

}  // namespace

bool import_exchange(std::string_view bytes, const Metamodel& mm, const XmlLimits& limits, ImportedModel* model,
                     std::string* error) {
  std::unique_ptr<XmlNode> root;
  if (!read_xml(bytes, limits, &root, error)) return false;
  if (root->name != "model" || root->ns != kExchangeNamespace) {
    *error = root->ns == k_namespace_2
                 ? fmt::format("{}:{}: an ArchiMate 2.1 exchange file (namespace {}); kaava reads the 3.x format "
                               "(namespace {}): save it again from a tool that writes 3.x",
                               root->line, root->column, root->ns, kExchangeNamespace)
                 : fmt::format("{}:{}: not an ArchiMate exchange file: the root is '{}' in namespace '{}', not "
                               "'model' in {}",
                               root->line, root->column, root->name, root->ns, kExchangeNamespace);
    return false;
  }
  Reader(mm, model).read(*root);
  return true;
}

}  // namespace kaava::interop
