// The language server's completion: what is being written at the cursor
// (a key or a value of which key, in block or flow style) and what fits
// there, from the metamodel and the last load in which every file parsed.

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "load/config.h"
#include "load/model_builder.h"
#include "lsp/positions.h"
#include "lsp/request.h"
#include "rules/catalogue.h"
#include "util/text.h"

namespace kaava::lsp {

namespace fs = std::filesystem;

namespace {

// LSP completion item kinds.
constexpr int kItemField = 5, kItemClass = 7, kItemProperty = 10, kItemValue = 12, kItemKeyword = 14,
              kItemReference = 18, kItemEnumMember = 20;

struct Context {
  bool value = false;                ///< completing a value (else a key)
  std::string key;                   ///< the key whose value it is
  std::vector<std::string> parents;  ///< enclosing keys, innermost first
  std::string typed;                 ///< what is typed of the word so far
};
std::string key_of_line(std::string_view line, bool* item, bool* empty_value) {
  std::size_t i = indent_of(line);
  *item = line.substr(i).starts_with("- ") || line.substr(i) == "-";
  if (*item) {
    i += 1;
    while (i < line.size() && line[i] == ' ') ++i;
  }
  std::size_t end = i;
  while (end < line.size() && (is_id_char(line[end]) || line[end] == '"')) ++end;
  if (end >= line.size() || line[end] != ':' || end == i) return {};
  std::string_view rest = line.substr(end + 1);
  while (!rest.empty() && (rest.front() == ' ' || rest.back() == ' ' || rest.back() == '\r')) {
    if (rest.front() == ' ') rest.remove_prefix(1); else rest.remove_suffix(1);
  }
  *empty_value = rest.empty() || rest.starts_with('#');
  std::string key(line.substr(i, end - i));
  std::erase(key, '"');
  return key;
}

Context context_at(const Place& p) {
  Context c;
  const std::string_view prefix = p.line_text.substr(0, std::min<std::size_t>(p.column - 1, p.line_text.size()));
  const std::size_t indent = indent_of(prefix);
  std::string_view body = prefix.substr(indent);
  bool item = false;
  std::size_t key_indent = indent;
  if (body.starts_with("- ") || body == "-") {
    item = true;
    body.remove_prefix(1);
    while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
    key_indent = prefix.size() - body.size();
  }
  auto last_word = [](std::string_view t) {
    std::size_t b = t.size();
    while (b > 0 && is_id_char(t[b - 1])) --b;
    return std::string(t.substr(b));
  };
  c.typed = last_word(body);
  // The line read as YAML's flow style: `key:` sets the key a value
  // belongs to, `{` and `[` open a collection of that key, `,` ends an
  // entry. What is open at the cursor says what is being written.
  struct Frame {
    char open;
    std::string key;
  };
  std::vector<Frame> frames;
  std::string key;  // the key whose value follows, at the current depth
  bool quoted = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char ch = body[i];
    if (ch == '"' || ch == '\'') quoted = !quoted;
    if (quoted) continue;
    if (ch == '#' && (i == 0 || body[i - 1] == ' ')) break;
    if (ch == ':' && (i + 1 == body.size() || body[i + 1] == ' ')) {
      std::size_t b = i;
      while (b > 0 && (is_id_char(body[b - 1]) || body[b - 1] == '"')) --b;
      key = std::string(body.substr(b, i - b));
      std::erase(key, '"');
    } else if (ch == '{' || ch == '[') {
      frames.push_back({ch, key});
      key.clear();
    } else if (ch == '}' || ch == ']') {
      if (!frames.empty()) frames.pop_back();
      key.clear();
    } else if (ch == ',') {
      key.clear();
    }
  }
  std::vector<std::string> inner;  // keys of the open collections on this line, innermost first
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
    if (!it->key.empty()) inner.push_back(it->key);
  }
  if (!key.empty()) {
    c.value = true;  // `key: |`, at any depth
    c.key = key;
  } else if (!frames.empty() && frames.back().open == '[') {
    c.value = true;  // an item of `key: [a, |`
    c.key = frames.back().key;
    if (!inner.empty()) inner.erase(inner.begin());
  } else if (!frames.empty()) {
    c.value = false;  // a key of `key: { a: 1, |`
  } else {
    c.value = item;  // "- x": an item of the key above
  }
  c.parents = inner;
  // The enclosing keys, from the lines above by indentation.
  std::size_t limit = c.value && item && frames.empty() && key.empty() ? indent + 1 : key_indent;
  bool first = c.value && item && frames.empty() && key.empty();  // an item: its key is the nearest parent
  for (std::uint32_t l = p.line - 1; l > 0 && limit > 0; --l) {
    const std::string_view line = line_of(p.text, l - 1);
    const std::size_t i = indent_of(line);
    if (i == line.size() || line.substr(i).starts_with('#')) continue;
    bool line_item = false, empty_value = false;
    const std::string line_key = key_of_line(line, &line_item, &empty_value);
    const std::size_t line_key_indent = line_item ? i + 2 : i;
    if (line_key_indent >= limit && !(line_item && i < limit)) continue;
    if (!line_key.empty() && empty_value && i < limit) {
      if (first) {
        c.key = line_key;
        first = false;
      } else {
        c.parents.push_back(line_key);
      }
    }
    limit = line_item ? i + 1 : i;  // a list's key may sit at its items' indent
    if (i == 0 && !line_item) break;
  }
  return c;
}

json item(std::string label, int kind, std::string detail = {}, std::string sort = {}, std::string doc = {}) {
  json i = {{"label", std::move(label)}, {"kind", kind}};
  if (!detail.empty()) i["detail"] = std::move(detail);
  if (!sort.empty()) i["sortText"] = std::move(sort);
  if (!doc.empty()) i["documentation"] = {{"kind", "markdown"}, {"value", std::move(doc)}};
  return i;
}

/// The element of `ws` whose mapping holds the request's line: the last one
/// that starts at or above it in the same file (`ws` may be an earlier load).
std::uint32_t enclosing_element(const Workspace& ws, const Place& p) {
  if (p.file == kNoFile) return kNone;
  const std::string& path = p.ws->files[p.file].path;
  std::uint32_t file = kNoFile;
  for (std::uint32_t f = 0; f < ws.files.size() && file == kNoFile; ++f) {
    if (ws.files[f].path == path && !ws.files[f].embedded) file = f;
  }
  std::uint32_t best = kNone;
  const Model& model = ws.model;
  for (std::uint32_t e = 0; e < model.elements().size(); ++e) {
    const Element& el = model.element(e);
    if (el.at.file == file && el.at.line <= p.line && (best == kNone || el.at.line >= model.element(best).at.line)) {
      best = e;
    }
  }
  return best;
}

void add_element_ids(const Place& p, const Workspace& ids, const Context& c, RelationshipIndex via, json* items,
                     bool* incomplete) {
  const Model& model = ids.model;
  const Metamodel& mm = ids.metamodel;
  const std::string_view language = ids.config.default_language();
  TypeIndex source_type = kNoType;
  if (via != kNoRelationship) {
    if (const std::uint32_t e = enclosing_element(ids, p); e != kNone) source_type = model.element(e).type;
  }
  const TextMatcher matcher(c.typed);
  // Ranked first (allowed, then by id), described after: only the items sent.
  std::vector<std::pair<bool, std::uint32_t>> found;
  for (std::uint32_t e = 0; e < model.elements().size(); ++e) {
    const Element& el = model.element(e);
    if (!el.valid_id || (!c.typed.empty() && !std::string_view(el.id).starts_with(c.typed) &&
                         !matcher.found_in(el.name.get(language)))) {
      continue;
    }
    const bool allowed = source_type == kNoType || el.type == kNoType || mm.is_allowed(source_type, via, el.type);
    found.emplace_back(!allowed, e);
  }
  auto before = [&](const std::pair<bool, std::uint32_t>& a, const std::pair<bool, std::uint32_t>& b) {
    return a.first != b.first ? a.first < b.first : model.element(a.second).id < model.element(b.second).id;
  };
  const std::size_t n = std::min(found.size(), kMostItems);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(n), found.end(), before);
  *incomplete = *incomplete || found.size() > n;
  for (std::size_t k = 0; k < n; ++k) {
    const Element& el = model.element(found[k].second);
    const std::string type = el.type != kNoType ? mm.element_types[el.type].id : std::string(el.type_name);
    items->push_back(item(std::string(el.id), kItemReference, fmt::format("{} ({})", display(el, language), type),
                          fmt::format("{}{:06}", found[k].first ? '1' : '0', k)));
  }
}

}  // namespace

json completion(Server& server, const json& params) {
  const Place p = place_of(server, params);
  if (p.ws == nullptr) return nullptr;
  const Metamodel& mm = p.ws->metamodel;
  const std::string_view language = p.ws->config.default_language();
  const Context c = context_at(p);
  // Ids, types of elements and tags from the last load in which every file
  // parsed (the file being typed is often not YAML yet).
  const Workspace& parsed = *server.parsed_workspace(p.uri);
  json items = json::array();
  bool incomplete = false;
  auto keys = [&](auto&& list, int kind) {
    for (std::string_view k : list) items.push_back(item(std::string(k), kind));
  };
  auto rule_ids = [&] {
    for (const RuleInfo& r : all_rules()) {
      items.push_back(item(std::string(r.id), kItemEnumMember, std::string(r.summary)));
    }
  };
  const bool config = fs::path(uri_to_path(p.uri)).filename() == kConfigFileName;
  const std::string parent = c.parents.empty() ? std::string() : c.parents.front();
  const std::string section = c.parents.empty() ? std::string() : c.parents.back();
  if (config) {
    if (!c.value && c.parents.empty()) keys(kConfigKeys, kItemProperty);
    else if (!c.value && parent == "rules") rule_ids();
    else if (!c.value && parent == "limits") keys(kConfigLimitKeys, kItemProperty);
    else if (!c.value && parent == "docs") keys(kConfigDocsKeys, kItemProperty);
    else if (c.value && parent == "rules") keys(std::initializer_list<std::string_view>{"error", "warning", "info", "off"}, kItemEnumMember);
    else if (c.value && c.key == "languages") keys(std::initializer_list<std::string_view>{"fi", "sv", "en"}, kItemValue);
    return {{"isIncomplete", false}, {"items", items}};
  }
  const RelationshipIndex verb = mm.find_verb(c.key);
  const bool in_selector = parent == "include" || parent == "exclude" || parent == "expand-through";
  if (c.value) {
    if (c.key == "type" && section == "relationships") {
      for (const RelationshipType& r : mm.relationship_types) {
        items.push_back(item(r.id, kItemKeyword, std::string(r.label.get(language))));
      }
    } else if (c.key == "type" || (in_selector && c.key == "types")) {
      for (const ElementType& t : mm.element_types) {
        std::string detail(t.label.get(language));
        if (t.base != kNoType) detail += fmt::format(" ({})", mm.element_types[t.base].id);
        items.push_back(item(t.id, kItemClass, detail, {}, std::string(t.description.get(language))));
      }
    } else if (verb != kNoRelationship) {
      add_element_ids(p, parsed, c, verb, &items, &incomplete);
    } else if (c.key == "to" || c.key == "from" || c.key == "focus" || (in_selector && c.key == "ids")) {
      add_element_ids(p, parsed, c, kNoRelationship, &items, &incomplete);
    } else if (c.key == "viewpoint") {
      for (const Viewpoint& v : mm.viewpoints) items.push_back(item(v.id, kItemEnumMember));
    } else if (in_selector && c.key == "layers") {
      for (const Layer& l : mm.layers) items.push_back(item(l.id, kItemEnumMember, std::string(l.label.get(language))));
    } else if (in_selector && c.key == "relationships") {
      for (const RelationshipType& r : mm.relationship_types) items.push_back(item(r.id, kItemKeyword));
    } else if (c.key == "direction") {
      keys(kDirections, kItemEnumMember);
    } else if (c.key == "color-by") {
      for (const PropertyDefinition& d : mm.properties) items.push_back(item(d.id, kItemProperty));
    } else if (c.key == "suppress") {
      rule_ids();
    } else if (c.key == "tags" || (in_selector && c.key == "tags")) {
      std::set<std::string_view> tags;
      for (const Element& el : parsed.model.elements()) tags.insert(el.tags.begin(), el.tags.end());
      for (std::string_view t : tags) items.push_back(item(std::string(t), kItemValue));
    } else if (parent == "properties") {
      if (const PropertyDefinition* d = mm.property(c.key); d != nullptr) {
        for (std::size_t v = 0; v < d->values.size(); ++v) {
          const std::string label = v < d->value_labels.size() ? std::string(d->value_labels[v].get(language)) : std::string();
          items.push_back(item(d->values[v], kItemEnumMember, label));
        }
      }
    }
  } else if (parent == "properties") {
    const std::uint32_t e = enclosing_element(parsed, p);
    if (e != kNone && parsed.model.element(e).type != kNoType) {
      for (const PropertyUse& use : mm.element_types[parsed.model.element(e).type].properties) {
        const PropertyDefinition& d = mm.properties[use.definition];
        items.push_back(item(d.id, kItemProperty, use.required ? "required" : std::string(to_string(d.kind)),
                             fmt::format("{}{}", use.required ? '0' : '1', d.id),
                             std::string(d.description.get(language))));
      }
    }
  } else if (in_selector) {
    keys(kSelectorKeys, kItemField);
  } else if (c.parents.empty()) {
    keys(kTopKeys, kItemProperty);
  } else if (section == "views") {
    keys(kViewKeys, kItemField);
  } else if (section == "relationships") {
    keys(kRelationshipKeys, kItemField);
    std::set<std::string_view> attributes;
    for (const RelationshipType& r : mm.relationship_types) {
      for (const PropertyDefinition& a : r.attributes) attributes.insert(a.id);
    }
    for (std::string_view a : attributes) items.push_back(item(std::string(a), kItemField));
  } else if (section == "elements") {
    keys(kElementKeys, kItemField);
    for (const RelationshipType& r : mm.relationship_types) {
      items.push_back(item(r.verb, kItemKeyword, fmt::format("{} ({})", r.label.get(language), r.id)));
    }
  }
  // Each item replaces the whole word at the cursor (an id with '.' and
  // '-', which an editor's own word pattern may cut short).
  std::uint32_t start = 0;
  const std::string_view word = word_at(p.line_text, p.column, &start);
  const auto line = static_cast<std::uint32_t>(p.line - 1);
  const json range = {{"start", {{"line", line}, {"character", utf16_column(p.line_text, start - 1) + p.bom_units}}},
                      {"end", {{"line", line}, {"character", utf16_column(p.line_text, start - 1 + word.size()) + p.bom_units}}}};
  for (json& i : items) i["textEdit"] = {{"range", range}, {"newText", i["label"]}};
  return {{"isIncomplete", incomplete}, {"items", items}};
}

}  // namespace kaava::lsp
