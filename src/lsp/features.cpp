// The language server's requests: completion, hover, definition,
// references, rename, symbols and code actions, answered from the Model of
// the last load and the editor's text.

#include <algorithm>
#include <functional>
#include <set>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "docs/markup.h"
#include "load/config.h"
#include "load/model_builder.h"
#include "lsp/positions.h"
#include "lsp/request.h"
#include "lsp/server.h"
#include "report/text.h"
#include "rules/catalogue.h"
#include "util/text.h"

namespace kaava::lsp {

namespace fs = std::filesystem;

namespace {

constexpr int kSymbolModule = 2, kSymbolClass = 5;

}  // namespace

Place place_of(Server& server, const json& params) {
  Place p;
  p.uri = params.at("textDocument").at("uri").get<std::string>();
  p.ws = server.workspace_for(p.uri);
  if (p.ws == nullptr) return p;
  for (std::uint32_t f = 0; f < p.ws->files.size(); ++f) {
    if (server.uri_of(*p.ws, f) == p.uri) {
      p.file = f;
      break;
    }
  }
  const OpenDocument* doc = server.document(p.uri);
  p.text = doc != nullptr ? std::string_view(doc->text) : p.file != kNoFile ? server.text_of(*p.ws, p.file) : "";
  if (params.contains("position")) {
    const std::uint32_t line = params["position"].at("line").get<std::uint32_t>();
    p.line = line + 1;
    p.line_text = line_of(p.text, line);
    std::uint32_t character = params["position"].at("character").get<std::uint32_t>();
    // kaava's columns do not count a byte order mark; the editor's text may have one.
    if (line == 0 && p.line_text.starts_with("\xEF\xBB\xBF")) {
      p.line_text.remove_prefix(3);
      p.bom_units = 1;
      character = character > 0 ? character - 1 : 0;
    }
    p.column = static_cast<std::uint32_t>(byte_column(p.line_text, character) + 1);
  }
  return p;
}

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || static_cast<unsigned char>(c) >= 0x80;
}

/// The word (id characters) around 1-based byte column `column`, with its 1-based start.
std::string_view word_at(std::string_view line, std::uint32_t column, std::uint32_t* start) {
  std::size_t begin = std::min<std::size_t>(column - 1, line.size()), end = begin;
  while (begin > 0 && is_id_char(line[begin - 1])) --begin;
  while (end < line.size() && is_id_char(line[end])) ++end;
  *start = static_cast<std::uint32_t>(begin + 1);
  return line.substr(begin, end - begin);
}

namespace {

bool covers(const Place& p, const SourceSpan& s) {
  if (s.file != p.file || s.line != p.line || s.column == 0) return false;
  const std::size_t length = s.length > 0 ? s.length : token_length(p.line_text, s.column);
  return p.column >= s.column && p.column <= s.column + std::max<std::size_t>(length, 1);
}

struct Target {
  enum class Kind : unsigned char { none, element, type, rule } kind = Kind::none;
  std::uint32_t element = kNone;
  TypeIndex type = kNoType;
  Rule rule{};
  SourceSpan at;  ///< the word pointed at, in the request's file
};

/// What the cursor is on: an element's id (where it is defined or named),
/// a type, a rule id.
Target target_at(const Place& p) {
  Target t;
  if (p.ws == nullptr || p.file == kNoFile) return t;
  const Model& model = p.ws->model;
  std::uint32_t start = 0;
  const std::string_view word = word_at(p.line_text, p.column, &start);
  t.at = SourceSpan{p.file, p.line, start, static_cast<std::uint32_t>(word.size())};
  for (std::uint32_t e = 0; e < model.elements().size(); ++e) {
    const Element& el = model.element(e);
    if (el.at.file != p.file) continue;
    if (covers(p, el.type_at) && el.type != kNoType) {
      t.kind = Target::Kind::type;
      t.type = el.type;
      return t;
    }
  }
  if (word.empty()) return t;
  // An id anywhere (a definition, a relationship end, a view's ids): what it names.
  if (const std::uint32_t e = model.find(word); e != kNone) {
    t.kind = Target::Kind::element;
    t.element = e;
    return t;
  }
  if (const auto rule = find_rule(word); rule) {
    t.kind = Target::Kind::rule;
    t.rule = *rule;
    return t;
  }
  if (const TypeIndex type = p.ws->metamodel.find_type(word); type != kNoType) {
    t.kind = Target::Kind::type;
    t.type = type;
  }
  return t;
}

json location(Server& server, const Workspace& ws, const SourceSpan& span) {
  return {{"uri", server.uri_of(ws, span.file)}, {"range", range_of(ws, server.text_of(ws, span.file), span)}};
}

/// The exact range of `id` at `span` in its file's text (the span may start
/// at a quote); false when the text there is not the id (an edit since).
bool id_range(Server& server, const Workspace& ws, const SourceSpan& span, std::string_view id, SourceSpan* out) {
  if (!span.valid()) return false;
  const std::string_view text = server.text_of(ws, span.file);
  const std::string_view line = line_of(text, span.line - 1);
  for (std::uint32_t shift : {0u, 1u}) {
    const std::size_t at = span.column - 1 + shift;
    if (at + id.size() <= line.size() && line.substr(at, id.size()) == id &&
        (at + id.size() == line.size() || !is_id_char(line[at + id.size()]))) {
      *out = SourceSpan{span.file, span.line, span.column + shift, static_cast<std::uint32_t>(id.size())};
      return true;
    }
  }
  return false;
}

/// Every place that names element `e`: its id, relationship ends, views' focus and ids.
std::vector<SourceSpan> mentions(Server& server, const Workspace& ws, std::uint32_t e) {
  const Model& model = ws.model;
  const std::string_view id = model.element(e).id;
  std::vector<SourceSpan> raw = {model.element(e).id_at};
  for (const Relationship& r : model.relationships()) {
    if (r.source.index == e && r.origin == RelationshipOrigin::declared) raw.push_back(r.source.mark);
    if (r.target.index == e && r.origin != RelationshipOrigin::nesting) raw.push_back(r.target.mark);
  }
  for (const View& v : model.views()) {
    if (v.focus.text == id) raw.push_back(v.focus.mark);
    for (const Selector* s : {&v.include, &v.exclude, &v.expand_through}) {
      for (const Pattern& pattern : s->ids) {
        if (pattern.text == id) raw.push_back(pattern.mark);
      }
    }
  }
  std::vector<SourceSpan> out;
  for (const SourceSpan& s : raw) {
    SourceSpan exact;
    if (!id_range(server, ws, s, id, &exact)) continue;
    if (std::ranges::none_of(out, [&](const SourceSpan& o) {
          return o.file == exact.file && o.line == exact.line && o.column == exact.column;
        })) {
      out.push_back(exact);
    }
  }
  return out;
}

}  // namespace

std::string display(const Element& el, std::string_view language) {
  const std::string_view name = el.name.get(language);
  return name.empty() ? std::string(el.id) : std::string(name);
}

// ---- completion ----

std::size_t indent_of(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  return i;
}


json hover(Server& server, const json& params) {
  const Place p = place_of(server, params);
  if (p.ws == nullptr) return nullptr;
  const Target t = target_at(p);
  const Metamodel& mm = p.ws->metamodel;
  const std::string_view language = p.ws->config.default_language();
  std::string md;
  switch (t.kind) {
    case Target::Kind::element: {
      const Model& model = p.ws->model;
      const Element& el = model.element(t.element);
      const std::string type = el.type != kNoType ? mm.element_types[el.type].id : std::string(el.type_name);
      const std::string type_label = el.type != kNoType ? std::string(mm.element_types[el.type].label.get(language)) : type;
      md = fmt::format("**{}** `{}`  \n{} (`{}`)\n", docs::markdown_escape(display(el, language)), el.id, type_label, type);
      for (const auto& [lang, text] : el.name.texts) {
        if (!lang.empty() && lang != language) md += fmt::format("- {}: {}\n", lang, docs::markdown_escape(text));
      }
      if (const std::string_view d = el.description.get(language); !d.empty()) md += fmt::format("\n{}\n", d);
      if (!el.properties.empty()) {
        md += "\n";
        for (const Property& prop : el.properties) md += fmt::format("- {}: {}\n", prop.key, docs::markdown_escape(prop.value));
      }
      std::vector<std::string> lines;
      auto rel_line = [&](std::uint32_t r, bool out) {
        const Relationship& rel = model.relationship(r);
        const std::uint32_t other = out ? rel.target.index : rel.source.index;
        const std::string verb = rel.type != kNoRelationship ? mm.relationship_types[rel.type].verb : "?";
        const std::string other_text =
            other != kNone ? fmt::format("`{}` {}", model.element(other).id, docs::markdown_escape(display(model.element(other), language)))
                           : std::string(out ? rel.target.id : rel.source.id);
        return out ? fmt::format("- {} → {}", verb, other_text) : fmt::format("- ← {} {}", other_text, verb);
      };
      for (std::uint32_t r : model.outgoing(t.element)) lines.push_back(rel_line(r, true));
      for (std::uint32_t r : model.incoming(t.element)) lines.push_back(rel_line(r, false));
      if (!lines.empty()) {
        md += fmt::format("\n{} relationships:\n", lines.size());
        for (std::size_t i = 0; i < lines.size() && i < 12; ++i) md += lines[i] + "\n";
        if (lines.size() > 12) md += fmt::format("- … {} more\n", lines.size() - 12);
      }
      md += fmt::format("\n{}:{}", p.ws->files[el.at.file].path, el.at.line);
      break;
    }
    case Target::Kind::type: {
      const ElementType& type = mm.element_types[t.type];
      md = fmt::format("**{}** (`{}`), {}\n", type.label.get(language), type.id, mm.layers[type.layer].label.get(language));
      if (type.base != kNoType) md += fmt::format("\nSpecializes `{}`.\n", mm.element_types[type.base].id);
      if (const std::string_view d = type.description.get(language); !d.empty()) md += fmt::format("\n{}\n", d);
      break;
    }
    case Target::Kind::rule: {
      const RuleInfo& info = rule_info(t.rule);
      const RuleDoc* doc = rule_catalogue().find(t.rule);
      md = fmt::format("**{}** ({} by default)  \n{}\n", info.id, to_string(info.default_severity),
                       doc != nullptr ? doc->summary(language) : info.summary);
      if (doc != nullptr && !doc->description.empty()) md += "\n" + doc->description + "\n";
      md += fmt::format("\n[docs/rules.md]({})", rule_help_uri(info));
      break;
    }
    case Target::Kind::none: return nullptr;
  }
  return {{"contents", {{"kind", "markdown"}, {"value", md}}}, {"range", range_of(*p.ws, p.text, t.at)}};
}

json definition(Server& server, const json& params) {
  const Place p = place_of(server, params);
  if (p.ws == nullptr) return nullptr;
  const Target t = target_at(p);
  if (t.kind != Target::Kind::element) return nullptr;
  const Element& el = p.ws->model.element(t.element);
  if (server.uri_of(*p.ws, el.id_at.file).empty()) return nullptr;  // built in: no file to open
  return location(server, *p.ws, el.id_at);
}

json references(Server& server, const json& params) {
  const Place p = place_of(server, params);
  if (p.ws == nullptr) return nullptr;
  const Target t = target_at(p);
  if (t.kind != Target::Kind::element) return json::array();
  const bool declaration = params.contains("context") && params["context"].value("includeDeclaration", true);
  const SourceSpan& defined = p.ws->model.element(t.element).id_at;
  json out = json::array();
  for (const SourceSpan& s : mentions(server, *p.ws, t.element)) {
    if (!declaration && s.file == defined.file && s.line == defined.line) continue;
    if (server.uri_of(*p.ws, s.file).empty()) continue;
    out.push_back(location(server, *p.ws, s));
  }
  return out;
}

namespace {

/// The element a rename may change, or why not.
std::uint32_t renamable(const Place& p, std::string* why) {
  const Target t = target_at(p);
  if (t.kind != Target::Kind::element) {
    *why = "there is no element id here";
    return kNone;
  }
  const Element& el = p.ws->model.element(t.element);
  if (p.ws->files[el.at.file].imported || p.ws->files[el.at.file].embedded) {
    *why = fmt::format("'{}' belongs to an imported reference ({}); it is renamed there, not here", el.id,
                       p.ws->import_of(el.at.file));
    return kNone;
  }
  return t.element;
}

}  // namespace

json prepare_rename(Server& server, const json& params) {
  const Place p = place_of(server, params);
  if (p.ws == nullptr) return nullptr;
  std::string why;
  const std::uint32_t e = renamable(p, &why);
  if (e == kNone) throw RequestError{error_code::request_failed, why};
  const Target t = target_at(p);
  return {{"range", range_of(*p.ws, p.text, t.at)}, {"placeholder", std::string(p.ws->model.element(e).id)}};
}

json rename(Server& server, const json& params) {
  const Place p = place_of(server, params);
  if (p.ws == nullptr) return nullptr;
  const std::string name = params.at("newName").get<std::string>();
  std::string why;
  const std::uint32_t e = renamable(p, &why);
  if (e == kNone) throw RequestError{error_code::request_failed, why};
  if (!is_valid_id(name)) throw RequestError{error_code::invalid_params, fmt::format("'{}' is not an id ([a-z0-9][a-z0-9._-]*)", printable(name))};
  if (name != p.ws->model.element(e).id && p.ws->model.find(name) != kNone) {
    throw RequestError{error_code::request_failed, fmt::format("'{}' is already an element's id", name)};
  }
  json changes = json::object();
  for (const SourceSpan& s : mentions(server, *p.ws, e)) {
    const std::string uri = server.uri_of(*p.ws, s.file);
    if (uri.empty() || p.ws->files[s.file].imported) continue;
    changes[uri].push_back({{"range", range_of(*p.ws, server.text_of(*p.ws, s.file), s)}, {"newText", name}});
  }
  return {{"changes", changes}};
}

json document_symbols(Server& server, const json& params) {
  const Place p = place_of(server, params);
  json out = json::array();
  if (p.ws == nullptr || p.file == kNoFile) return out;
  const Model& model = p.ws->model;
  const Metamodel& mm = p.ws->metamodel;
  const std::string_view language = p.ws->config.default_language();
  std::vector<std::uint32_t> here;
  for (std::uint32_t e = 0; e < model.elements().size(); ++e) {
    if (model.element(e).at.file == p.file && model.element(e).id_at.valid()) here.push_back(e);
  }
  const auto last_line = static_cast<std::uint32_t>(std::count(p.text.begin(), p.text.end(), '\n') + 1);
  auto is_below = [&](std::uint32_t e, std::uint32_t ancestor) {
    for (std::uint32_t a = model.element(e).parent; a != kNone; a = model.element(a).parent) {
      if (a == ancestor) return true;
    }
    return false;
  };
  // An element's lines run to the next element that is not its descendant.
  std::map<std::uint32_t, json> symbols;
  std::function<json(std::uint32_t)> symbol = [&](std::uint32_t e) {
    const Element& el = model.element(e);
    std::uint32_t end = last_line;
    for (std::uint32_t other : here) {
      const Element& o = model.element(other);
      if (o.at.line > el.at.line && o.at.line - 1 < end && !is_below(other, e)) end = o.at.line - 1;
    }
    auto filler = [&](std::uint32_t l) {
      const std::string_view t = line_of(p.text, l - 1);
      const std::size_t first = t.find_first_not_of(" \t\r");
      return first == std::string_view::npos || t[first] == '#';
    };
    while (end > el.at.line && filler(end)) --end;
    const json selection = range_of(*p.ws, p.text, el.id_at);
    json s = {{"name", display(el, language)},
              {"detail", fmt::format("{} ({})", el.id, el.type != kNoType ? mm.element_types[el.type].id : std::string(el.type_name))},
              {"kind", kSymbolClass},
              {"range", {{"start", {{"line", el.at.line - 1}, {"character", 0}}},
                         {"end", {{"line", end - 1}, {"character", utf16_column(line_of(p.text, end - 1), std::string::npos)}}}}},
              {"selectionRange", selection},
              {"children", json::array()}};
    for (std::uint32_t child : model.children(e)) {
      if (model.element(child).at.file == p.file) s["children"].push_back(symbol(child));
    }
    return s;
  };
  for (std::uint32_t e : here) {
    if (model.element(e).parent == kNone || model.element(model.element(e).parent).at.file != p.file) out.push_back(symbol(e));
  }
  for (const View& v : model.views()) {
    if (v.at.file != p.file || !v.id_at.valid()) continue;
    const json selection = range_of(*p.ws, p.text, v.id_at);
    // A view's lines run to the next view (or the file's end), trailing blanks and comments aside.
    std::uint32_t end = last_line;
    for (const View& o : model.views()) {
      if (o.at.file == p.file && o.at.line > v.at.line && o.at.line - 1 < end) end = o.at.line - 1;
    }
    for (std::string_view t = line_of(p.text, end - 1);
         end > v.at.line && (t.find_first_not_of(" \t\r") == std::string_view::npos ||
                             t[t.find_first_not_of(" \t\r")] == '#');
         t = line_of(p.text, end - 1)) {
      --end;
    }
    const std::string_view name = v.name.get(language);
    out.push_back({{"name", name.empty() ? std::string(v.id) : std::string(name)},
                   {"detail", fmt::format("{} (view)", v.id)},
                   {"kind", kSymbolModule},
                   {"range", {{"start", {{"line", v.at.line - 1}, {"character", 0}}},
                              {"end", {{"line", end - 1}, {"character", utf16_column(line_of(p.text, end - 1), std::string::npos)}}}}},
                   {"selectionRange", selection}});
  }
  return out;
}

json workspace_symbols(Server& server, const json& params) {
  json out = json::array();
  const std::string query = params.value("query", "");
  const TextMatcher matcher(query);
  // Every repository an open file is in.
  std::set<const Workspace*> seen;
  for (const std::string& uri : server.open_uris()) {
    const Workspace* ws = server.workspace_for(uri);
    if (ws == nullptr || !seen.insert(ws).second) continue;
    const std::string_view language = ws->config.default_language();
    for (const Element& el : ws->model.elements()) {
      if (out.size() >= kMostItems) break;
      if (!query.empty() && !matcher.found_in(el.id) && !matcher.found_in(el.name.get(language))) continue;
      const std::string uri_of_el = server.uri_of(*ws, el.id_at.file);
      if (uri_of_el.empty()) continue;
      out.push_back({{"name", display(el, language)},
                     {"kind", kSymbolClass},
                     {"containerName", std::string(el.id)},
                     {"location", location(server, *ws, el.id_at)}});
    }
  }
  return out;
}

json code_actions(Server& server, const json& params) {
  const Place p = place_of(server, params);
  json out = json::array();
  if (p.ws == nullptr || p.file == kNoFile) return out;
  static const std::regex did_you_mean(R"(\(did you mean '([^']+)'\?\))");
  for (const json& d : params.value("context", json::object()).value("diagnostics", json::array())) {
    if (d.value("source", "") != "kaava") continue;
    const std::string message = d.value("message", "");
    const std::string code = d.contains("code") && d["code"].is_string() ? d["code"].get<std::string>() : "";
    std::smatch m;
    if (std::regex_search(message, m, did_you_mean)) {
      out.push_back({{"title", fmt::format("Change to '{}'", m[1].str())},
                     {"kind", "quickfix"},
                     {"diagnostics", json::array({d})},
                     {"isPreferred", true},
                     {"edit", {{"changes", {{p.uri, json::array({{{"range", d.at("range")}, {"newText", m[1].str()}}})}}}}}});
    }
    const std::string element = d.contains("data") ? d["data"].value("element", "") : "";
    const std::uint32_t e = element.empty() ? kNone : p.ws->model.find(element);
    if (e == kNone || p.ws->model.element(e).at.file != p.file) continue;
    const Element& el = p.ws->model.element(e);
    // Lines go in below `id:` only when it is a key of its own line (not `{ id: x, ... }`).
    const std::string_view id_line = line_of(p.text, el.id_key_at.line > 0 ? el.id_key_at.line - 1 : 0);
    if (!el.id_key_at.valid() || id_line.find('{') != std::string_view::npos ||
        id_line.substr(std::min<std::size_t>(el.id_key_at.column - 1, id_line.size())).substr(0, 3) != "id:") {
      continue;
    }
    const std::size_t indent = el.id_key_at.column - 1;
    const std::string pad(indent, ' ');
    const json after_id = {{"line", el.id_key_at.line}, {"character", 0}};  // the line below `id:`
    if (code == "missing-required-property") {
      static const std::regex needs(R"(needs property '([^']+)')");
      std::smatch pm;
      const bool flow_properties =
          !el.properties.empty() && line_of(p.text, el.properties.front().key_at.line - 1).find('{') != std::string_view::npos;
      if (flow_properties) {
        // `properties: { a: 1, b: 2 }`: the new key goes inside the braces.
        const std::string_view line = line_of(p.text, el.properties.front().key_at.line - 1);
        const std::size_t close = line.rfind('}');
        if (close != std::string_view::npos && std::regex_search(message, pm, needs)) {
          const auto l = el.properties.front().key_at.line - 1;
          const json at = {{"line", l}, {"character", utf16_column(line, close)}};
          std::string_view before = line.substr(0, close);
          while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
          const std::string text = fmt::format("{}{}: \"\" ", before.ends_with('{') ? "" : ", ", pm[1].str());
          out.push_back({{"title", fmt::format("Add property '{}' (then fill in its value)", pm[1].str())},
                         {"kind", "quickfix"},
                         {"diagnostics", json::array({d})},
                         {"edit", {{"changes", {{p.uri, json::array({{{"range", {{"start", at}, {"end", at}}}, {"newText", text}}})}}}}}});
        }
      } else if (std::regex_search(message, pm, needs) && el.properties.empty()) {
        const std::string text = fmt::format("{}properties:\n{}  {}: \"\"\n", pad, pad, pm[1].str());
        out.push_back({{"title", fmt::format("Add property '{}' (then fill in its value)", pm[1].str())},
                       {"kind", "quickfix"},
                       {"diagnostics", json::array({d})},
                       {"edit", {{"changes", {{p.uri, json::array({{{"range", {{"start", after_id}, {"end", after_id}}}, {"newText", text}}})}}}}}});
      } else if (std::regex_search(message, pm, needs)) {
        // Below the first property written: the same indent.
        const Property& first = el.properties.front();
        const json at = {{"line", first.key_at.line}, {"character", 0}};
        const std::string text = fmt::format("{}{}: \"\"\n", std::string(first.key_at.column - 1, ' '), pm[1].str());
        out.push_back({{"title", fmt::format("Add property '{}' (then fill in its value)", pm[1].str())},
                       {"kind", "quickfix"},
                       {"diagnostics", json::array({d})},
                       {"edit", {{"changes", {{p.uri, json::array({{{"range", {{"start", at}, {"end", at}}}, {"newText", text}}})}}}}}});
      }
    }
    auto suppress_action = [&](const json& at, const std::string& text) {
      out.push_back({{"title", fmt::format("Suppress {} for {}", code, element)},
                     {"kind", "quickfix"},
                     {"diagnostics", json::array({d})},
                     {"edit", {{"changes", {{p.uri, json::array({{{"range", {{"start", at}, {"end", at}}}, {"newText", text}}})}}}}}});
    };
    if (!code.empty() && el.suppress.empty()) {
      suppress_action(after_id, fmt::format("{}suppress: [{}]\n", pad, code));
    } else if (!code.empty()) {
      // A `suppress: [a, b]` of its own at the element's key indent: the rule joins its list.
      for (std::uint32_t l = el.id_key_at.line; l < el.id_key_at.line + 200; ++l) {
        const std::string_view line = line_of(p.text, l);
        const std::size_t i = indent_of(line);
        if (i == line.size()) continue;
        if (i < indent) break;
        if (i == indent && line.substr(i).starts_with("suppress: [") && line.find(']') != std::string_view::npos) {
          suppress_action({{"line", l}, {"character", utf16_column(line, line.rfind(']'))}}, fmt::format(", {}", code));
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace kaava::lsp
