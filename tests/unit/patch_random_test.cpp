#include "catch.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "load/workspace.h"
#include "source/memory_source.h"
#include "validate/validator.h"

using namespace kaava;

// Model::patch against Model::assemble, at random: a small repository of
// model files is edited again and again, one or two files at a time, as in
// an editor, and each time the model loaded with the previous one to reuse
// (patched, or assembled when the edit changed a file's shape) must be the
// model a load from scratch makes, with the same loading findings and the
// same validation findings. The edits are deterministic (a fixed seed):
// KAAVA_PATCH_SEED and KAAVA_PATCH_ITERATIONS change them for a longer run,
// and KAAVA_PATCH_STATS=1 prints how many steps patched the model.

namespace patch_random_test {  // named: the unity build puts both patch tests in one file

// ---------------------------------------------------------------------------
// Random choices (std::mt19937's output is the same everywhere; the
// standard distributions are not).

struct Rng {
  std::mt19937 engine;
  explicit Rng(std::uint32_t seed) : engine(seed) {}
  std::size_t below(std::size_t n) { return n == 0 ? 0 : engine() % n; }
  bool chance(unsigned percent) { return engine() % 100 < percent; }
  template <typename T>
  const T& of(const std::vector<T>& v) {
    return v[below(v.size())];
  }
};

const std::vector<std::string> k_ids = {"app.a", "app.b", "app.c", "proc.x", "proc.y", "cap.k", "data.d"};
const std::vector<std::string> k_child_ids = {"app.a.1", "app.b.1", "cap.k.1", "proc.x.1"};
const std::vector<std::string> k_invalid_ids = {"app.höks", "app.työ", "proc.ä", "cap.Kyky"};
const std::vector<std::string> k_relationship_ids = {"rel.r1", "rel.r2", "rel.r3"};
const std::vector<std::string> k_view_ids = {"view.a", "view.b", "view.c"};
const std::vector<std::string> k_names = {"Alfa", "Beeta", "Gamma", "Ääkköset", "Opintohallinto", "Moodle", "Delta"};
const std::vector<std::string> k_descriptions = {"Kuvaus", "Toinen kuvaus", "Hoitaa opiskeluoikeudet",
                                                 "Ohjaus ja tuki"};
const std::vector<std::string> k_tags = {"core", "edge", "draft"};
const std::vector<std::pair<std::string, std::vector<std::string>>> k_properties = {
    {"lifecycle", {"active", "retiring", "planned"}},
    {"owner", {"Opintopalvelut", "IT"}},
    {"note", {"x", "y", "z"}},
};
/// Inline verbs and the relationship types they stand for.
const std::vector<std::string> k_verbs = {"serves", "flows-to", "associated-with", "realizes", "triggers", "accesses"};
/// The type an inline verb stands for.
std::string type_of_verb(std::string_view verb) {
  if (verb == "serves") return "serving";
  if (verb == "flows-to") return "flow";
  if (verb == "associated-with") return "association";
  if (verb == "realizes") return "realization";
  if (verb == "triggers") return "triggering";
  return "access";
}
/// Attributes, some of them on a type that has none (reported, dropped).
const std::vector<std::string> k_attributes = {"access: read", "access: write", "directed: true", "strength: \"+\""};
const std::vector<std::string> k_relationship_types = {"flow", "serving", "association", "triggering"};
const std::vector<std::string> k_element_misspellings = {"servs: [proc.x]", "nme: Nimi", "descripton: Kuvaus",
                                                         "flows-too: [app.b]", "serving: [proc.y]", "tagz: [core]"};
const std::vector<std::string> k_selectors = {"{ tags: [core] }",
                                              "{ tags: [edge, draft] }",
                                              "{ types: [application-component] }",
                                              "{ types: [business-process, capability] }",
                                              "{ ids: [app.*] }",
                                              "{ ids: [proc.x, app.b] }",
                                              "{ layers: [application] }"};

/// A crowded repository (some iterations): few ids, so that the same id is
/// defined in several files, and relationships between them, parallel and
/// named, whose derived ids are numbered by what they say.
struct Crowd {
  bool on = false;
  const std::vector<std::string> ids = {"app.a", "app.b", "app.c", "proc.x", "proc.y"};
  const std::vector<std::string> verbs = {"flows-to", "serves"};
};
Crowd g_crowd;

/// With the reference model imported, its ids too: referred to, and defined again.
const std::vector<std::string> k_ids_importing = {"app.a", "app.b", "app.c", "proc.x", "proc.y",
                                                  "cap.k", "data.d", "vet.koski", "vet.ehoks"};
bool g_importing = false;

const std::vector<std::string>& element_ids() {
  return g_crowd.on ? g_crowd.ids : g_importing ? k_ids_importing : k_ids;
}

std::string type_for(std::string_view id) {
  if (id.starts_with("app")) return "application-component";
  if (id.starts_with("proc")) return "business-process";
  if (id.starts_with("cap")) return "capability";
  if (id.starts_with("vet")) return "register";
  return "data-object";
}

// ---------------------------------------------------------------------------
// The repository as data, written out as YAML in many equivalent ways.

struct Rel {
  std::string kind;  ///< inline: the verb; a `relationships:` entry: the type
  std::string from;  ///< entries only
  std::string to;
  std::string id;  ///< written id, if any
  std::string name, description;
  std::vector<std::pair<std::string, std::string>> properties;
  std::vector<std::string> tags;
  std::string attribute;      ///< `access: read`, or ""
  std::string name_en;        ///< the name a mapping of languages, when not ""
  bool flow = true;           ///< `{ to: x, name: y }`
  bool from_misspelt = false;  ///< entries: `frm:`
  unsigned order = 0;         ///< order of its keys

  bool plain() const {
    return id.empty() && name.empty() && description.empty() && properties.empty() && tags.empty() && attribute.empty();
  }
};

struct Elem {
  std::string id, type;
  std::string name, name_en, description;
  std::vector<std::pair<std::string, std::string>> properties;
  std::vector<std::string> tags;
  std::vector<Rel> verbs;
  std::vector<Elem> children;
  std::string misspelt;  ///< an extra key line, or ""
  std::string suppress;  ///< rules silenced (`[missing-description]`), or ""
  bool id_misspelt = false;
  std::string comment;  ///< a comment line among its keys, or ""
  unsigned order = 0;   ///< order of its keys
  bool flow = false;    ///< `- { id: x, type: t }` when nothing needs a block
  bool quoted = false;  ///< its name in quotes
  bool single = false;  ///< a verb with one target written `serves: x`
  std::string anchor;   ///< `&p` before its properties, or ""
  std::string alias;    ///< `*p` in place of its properties, or ""
};

struct ViewDef {
  std::string id, name, include, exclude, focus;
  unsigned depth = 0;
  unsigned order = 0;
};

struct FileDef {
  std::vector<Elem> elements;
  std::vector<Rel> relationships;
  std::vector<ViewDef> views;
  unsigned header = 0;  ///< comment lines at the top
  unsigned blank = 0;   ///< blank lines between sections
  unsigned order = 0;   ///< order of the sections
  bool documents = false;  ///< each section a YAML document of its own (`---`)
  bool alias = false;      ///< the first element's properties anchored, the last one's an alias of them
  bool crlf = false;       ///< CRLF line ends
  bool bom = false;        ///< a byte order mark
  bool use_raw = false;  ///< `raw` is the text (a syntax error, an emptied file)
  std::string raw;
};

using Chunk = std::vector<std::string>;  // one key: its lines, the first without indentation

template <typename T>
void permute(std::vector<T>& items, unsigned order) {
  if (order == 0) return;
  std::mt19937 engine(order);
  for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[engine() % i]);
}

std::string indent(std::size_t n) { return std::string(n, ' '); }

std::string flow_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

std::string flow_map(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string out = "{ ";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].first + ": " + items[i].second;
  return out + " }";
}

/// Writes `chunks` as the keys of a mapping that is an item of a list at
/// column `dash` (`- ` then the first key), with a comment line at `comment_at`.
void write_item(std::string& out, std::size_t dash, std::vector<Chunk> chunks, const std::string& comment,
                unsigned order) {
  if (chunks.empty()) chunks.push_back({"{}"});
  permute(chunks, order);
  const std::size_t column = dash + 2;
  const std::size_t comment_at = comment.empty() ? std::string::npos : order % (chunks.size() + 1);
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    if (k == comment_at) out += indent(k == 0 ? dash : column) + "# " + comment + "\n";
    for (std::size_t l = 0; l < chunks[k].size(); ++l) {
      if (l == 0) {
        out += (k == 0 ? indent(dash) + "- " : indent(column)) + chunks[k][0] + "\n";
      } else {
        out += chunks[k][l] + "\n";  // already indented
      }
    }
  }
  if (comment_at == chunks.size()) out += indent(column) + "# " + comment + "\n";
}

std::vector<Chunk> relationship_chunks(const Rel& r, std::size_t column, bool entry) {
  std::vector<Chunk> chunks;
  if (entry) {
    chunks.push_back({"type: " + r.kind});
    chunks.push_back({(r.from_misspelt ? "frm: " : "from: ") + r.from});
  }
  chunks.push_back({"to: " + r.to});
  if (!r.id.empty()) chunks.push_back({"id: " + r.id});
  if (!r.name.empty()) {
    chunks.push_back({r.name_en.empty() ? "name: " + r.name : "name: { fi: " + r.name + ", en: " + r.name_en + " }"});
  }
  if (!r.description.empty()) chunks.push_back({"description: " + r.description});
  if (!r.attribute.empty()) chunks.push_back({r.attribute});
  if (!r.properties.empty()) {
    if (r.flow) {
      chunks.push_back({"properties: " + flow_map(r.properties)});
    } else {
      Chunk c{"properties:"};
      for (const auto& [k, v] : r.properties) c.push_back(indent(column + 2) + k + ": " + v);
      chunks.push_back(c);
    }
  }
  if (!r.tags.empty()) chunks.push_back({"tags: " + flow_list(r.tags)});
  return chunks;
}

std::string flow_item(std::vector<Chunk> chunks, unsigned order) {
  permute(chunks, order);
  std::string out = "{ ";
  for (std::size_t i = 0; i < chunks.size(); ++i) out += (i ? ", " : "") + chunks[i][0];
  return out + " }";
}

void write_element(std::string& out, const Elem& e, std::size_t dash);

std::vector<Chunk> element_chunks(const Elem& e, std::size_t column, bool* can_flow) {
  std::vector<Chunk> chunks;
  *can_flow = e.misspelt.empty() && e.children.empty() && e.comment.empty() && e.properties.size() < 2;
  if (!e.id.empty()) chunks.push_back({(e.id_misspelt ? "ID: " : "id: ") + e.id});
  if (!e.type.empty()) chunks.push_back({"type: " + e.type});
  if (!e.name.empty()) {
    const std::string name = e.quoted ? "\"" + e.name + "\"" : e.name;
    if (e.name_en.empty()) {
      chunks.push_back({"name: " + name});
    } else if (e.quoted) {
      chunks.push_back({"name: { fi: " + name + ", en: " + e.name_en + " }"});
    } else {
      *can_flow = false;
      chunks.push_back({"name:", indent(column + 2) + "fi: " + name, indent(column + 2) + "en: " + e.name_en});
    }
  }
  if (!e.description.empty()) chunks.push_back({"description: " + e.description});
  if (!e.alias.empty()) {
    chunks.push_back({"properties: *" + e.alias});
  } else if (!e.properties.empty()) {
    chunks.push_back({"properties: " + (e.anchor.empty() ? "" : "&" + e.anchor + " ") + flow_map(e.properties)});
  }
  if (!e.tags.empty()) chunks.push_back({"tags: " + flow_list(e.tags)});
  // Verbs in the order of their first item.
  std::vector<std::string> verbs;
  for (const Rel& r : e.verbs) {
    if (std::ranges::find(verbs, r.kind) == verbs.end()) verbs.push_back(r.kind);
  }
  for (const std::string& verb : verbs) {
    std::vector<const Rel*> items;
    for (const Rel& r : e.verbs) {
      if (r.kind == verb) items.push_back(&r);
    }
    const bool plain = std::ranges::all_of(items, [](const Rel* r) { return r->plain(); });
    if (plain && items.size() == 1 && e.single) {
      chunks.push_back({verb + ": " + items[0]->to});
    } else if (plain && !e.single) {
      std::vector<std::string> targets;
      for (const Rel* r : items) targets.push_back(r->to);
      chunks.push_back({verb + ": " + flow_list(targets)});
    } else {
      *can_flow = false;
      Chunk c{verb + ":"};
      for (const Rel* r : items) {
        if (r->plain()) {
          c.push_back(indent(column + 2) + "- " + r->to);
        } else if (r->flow) {
          c.push_back(indent(column + 2) + "- " + flow_item(relationship_chunks(*r, column + 4, false), r->order));
        } else {
          std::string text;
          write_item(text, column + 2, relationship_chunks(*r, column + 4, false), "", r->order);
          text.pop_back();
          std::size_t start = 0;
          for (std::size_t nl = text.find('\n'); ; nl = text.find('\n', start)) {
            c.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
            if (nl == std::string::npos) break;
            start = nl + 1;
          }
        }
      }
      chunks.push_back(c);
    }
  }
  if (!e.children.empty()) {
    std::string text;
    for (const Elem& child : e.children) write_element(text, child, column + 2);
    text.pop_back();
    Chunk c{"children:"};
    std::size_t start = 0;
    for (std::size_t nl = text.find('\n');; nl = text.find('\n', start)) {
      c.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    chunks.push_back(c);
  }
  if (!e.misspelt.empty()) chunks.push_back({e.misspelt});
  if (!e.suppress.empty()) chunks.push_back({"suppress: " + e.suppress});
  return chunks;
}

void write_element(std::string& out, const Elem& e, std::size_t dash) {
  bool can_flow = false;
  std::vector<Chunk> chunks = element_chunks(e, dash + 2, &can_flow);
  if (e.flow && can_flow && !chunks.empty()) {
    out += indent(dash) + "- " + flow_item(chunks, e.order) + "\n";
    return;
  }
  write_item(out, dash, std::move(chunks), e.comment, e.order);
}

std::string write_file(const FileDef& data) {
  if (data.use_raw) return data.raw;
  FileDef f = data;
  if (f.alias && f.elements.size() >= 2 && !f.elements.front().properties.empty()) {
    f.elements.front().anchor = "p";
    f.elements.back().alias = "p";
  }
  std::string out = f.bom ? "\xEF\xBB\xBF" : "";
  for (unsigned i = 0; i < f.header; ++i) out += i % 2 ? "\n" : "# otsikko\n";
  std::vector<std::string> sections;
  if (!f.elements.empty()) {
    std::string s = "elements:\n";
    for (const Elem& e : f.elements) write_element(s, e, 2);
    sections.push_back(s);
  }
  if (!f.relationships.empty()) {
    std::string s = "relationships:\n";
    for (const Rel& r : f.relationships) {
      if (r.flow && r.properties.size() < 2) {
        s += "  - " + flow_item(relationship_chunks(r, 4, true), r.order) + "\n";
      } else {
        write_item(s, 2, relationship_chunks(r, 4, true), "", r.order);
      }
    }
    sections.push_back(s);
  }
  if (!f.views.empty()) {
    std::string s = "views:\n";
    for (const ViewDef& v : f.views) {
      std::vector<Chunk> chunks;
      chunks.push_back({"id: " + v.id});
      if (!v.name.empty()) chunks.push_back({"name: " + v.name});
      if (!v.include.empty()) chunks.push_back({"include: " + v.include});
      if (!v.exclude.empty()) chunks.push_back({"exclude: " + v.exclude});
      if (!v.focus.empty()) chunks.push_back({"focus: " + v.focus});
      if (v.depth > 0) chunks.push_back({fmt::format("depth: {}", v.depth)});
      write_item(s, 2, std::move(chunks), "", v.order);
    }
    sections.push_back(s);
  }
  permute(sections, f.order);
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (i > 0) out += std::string(f.blank, '\n');
    if (i > 0 && f.documents) out += "---\n";
    out += sections[i];
  }
  if (f.crlf) {
    std::string crlf;
    for (char c : out) {
      if (c == '\n') crlf += '\r';
      crlf += c;
    }
    out = std::move(crlf);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Making and editing the repository.

struct Repo {
  std::vector<FileDef> files;
  std::vector<std::string> paths;
};

/// Every element id written in the repository (for relationship ends).
std::vector<std::string> ids_in(const Repo& repo) {
  std::vector<std::string> out;
  auto walk = [&](auto& self, const Elem& e) -> void {
    if (!e.id.empty()) out.push_back(e.id);
    for (const Elem& c : e.children) self(self, c);
  };
  for (const FileDef& f : repo.files) {
    for (const Elem& e : f.elements) walk(walk, e);
  }
  return out;
}

/// The ids derived for the relationships written in the repository (and
/// some ":2" of them): ends that name a relationship.
std::vector<std::string> derived_ids(const Repo& repo) {
  std::vector<std::string> out;
  auto walk = [&](auto& self, const Elem& e, const Elem* parent) -> void {
    if (parent != nullptr) out.push_back(parent->id + ":composition:" + e.id);
    for (const Rel& r : e.verbs) out.push_back(e.id + ":" + type_of_verb(r.kind) + ":" + r.to);
    for (const Elem& c : e.children) self(self, c, &e);
  };
  for (const FileDef& f : repo.files) {
    for (const Elem& e : f.elements) walk(walk, e, nullptr);
    for (const Rel& r : f.relationships) out.push_back(r.from + ":" + r.kind + ":" + r.to);
  }
  const std::size_t n = out.size();
  for (std::size_t i = 0; i < n; ++i) out.push_back(out[i] + ":2");
  return out;
}

std::string some_target(Rng& rng, const Repo& repo) {
  if (rng.chance(8)) {
    const std::vector<std::string> derived = derived_ids(repo);
    if (!derived.empty()) return rng.of(derived);
  }
  const std::vector<std::string> written = ids_in(repo);
  if (!written.empty() && rng.chance(75)) return rng.of(written);
  if (rng.chance(20)) return rng.of(k_relationship_ids);  // an end that is a relationship
  return rng.of(element_ids());
}

Rel make_verb(Rng& rng, const Repo& repo) {
  Rel r;
  r.kind = g_crowd.on ? rng.of(g_crowd.verbs) : rng.of(k_verbs);
  r.to = some_target(rng, repo);
  if (rng.chance(g_crowd.on ? 60 : 25)) r.name = rng.of(k_names);
  if (rng.chance(10)) r.id = rng.of(k_relationship_ids);
  if (rng.chance(10)) r.properties.push_back({"note", rng.of(k_properties[2].second)});
  if (rng.chance(15)) r.attribute = rng.of(k_attributes);
  if (rng.chance(10)) r.name_en = "English";
  if (rng.chance(3)) r.id = "rel.Ä";  // invalid: reported, and the id is derived
  r.flow = rng.chance(60);
  r.order = static_cast<unsigned>(rng.below(5));
  return r;
}

Rel make_entry(Rng& rng, const Repo& repo) {
  Rel r;
  r.kind = rng.of(k_relationship_types);
  const std::vector<std::string> written = ids_in(repo);
  r.from = written.empty() || rng.chance(5) ? rng.of(element_ids()) : rng.of(written);
  r.to = some_target(rng, repo);
  if (r.kind == "association" && rng.chance(30)) {
    // An end that names a derived relationship id.
    r.to = rng.chance(50) ? r.from + ":flow:" + rng.of(k_ids) : rng.of(k_relationship_ids);
  }
  if (rng.chance(40)) r.name = rng.of(k_names);
  if (rng.chance(25)) r.id = rng.of(k_relationship_ids);
  if (rng.chance(15)) r.description = rng.of(k_descriptions);
  if (rng.chance(15)) r.attribute = rng.of(k_attributes);
  r.flow = rng.chance(50);
  r.order = static_cast<unsigned>(rng.below(6));
  return r;
}

Elem make_element(Rng& rng, const Repo& repo, bool child) {
  Elem e;
  e.id = rng.chance(3) ? rng.of(k_invalid_ids) : child ? rng.of(k_child_ids) : rng.of(element_ids());
  e.type = type_for(e.id);
  if (rng.chance(85)) e.name = rng.of(k_names);
  if (rng.chance(20)) e.name_en = "English";
  if (rng.chance(30)) e.description = rng.of(k_descriptions);
  if (rng.chance(40)) {
    const auto& [key, values] = rng.of(k_properties);
    e.properties.push_back({key, rng.of(values)});
  }
  if (rng.chance(40)) e.tags.push_back(rng.of(k_tags));
  for (std::size_t n = rng.below(3); n > 0; --n) e.verbs.push_back(make_verb(rng, repo));
  if (!child && rng.chance(20)) e.children.push_back(make_element(rng, repo, true));
  if (rng.chance(8)) e.misspelt = rng.of(k_element_misspellings);
  e.order = static_cast<unsigned>(rng.below(4));
  e.flow = rng.chance(25);
  e.single = rng.chance(30);
  return e;
}

ViewDef make_view(Rng& rng) {
  ViewDef v;
  v.id = rng.of(k_view_ids);
  if (rng.chance(70)) v.name = rng.of(k_names);
  if (rng.chance(85)) v.include = rng.of(k_selectors);
  if (rng.chance(25)) v.exclude = "{ tags: [draft] }";
  if (rng.chance(20)) {
    v.focus = rng.of(k_ids);
    v.depth = static_cast<unsigned>(1 + rng.below(2));
  }
  v.order = static_cast<unsigned>(rng.below(4));
  return v;
}

Repo make_repo(Rng& rng) {
  Repo repo;
  const std::size_t files = 3 + rng.below(2);
  for (std::size_t i = 0; i < files; ++i) repo.paths.push_back(fmt::format("model/{}-part.yaml", char('a' + i)));
  repo.files.resize(files);
  for (FileDef& f : repo.files) {
    for (std::size_t n = 1 + rng.below(3); n > 0; --n) f.elements.push_back(make_element(rng, repo, false));
  }
  for (FileDef& f : repo.files) {
    for (std::size_t n = rng.below(3); n > 0; --n) f.relationships.push_back(make_entry(rng, repo));
    if (rng.chance(35)) f.views.push_back(make_view(rng));
    f.header = static_cast<unsigned>(rng.below(2));
    f.order = static_cast<unsigned>(rng.below(3));
    f.blank = static_cast<unsigned>(rng.below(2));
    f.documents = rng.chance(10);
    f.alias = rng.chance(15);
    f.crlf = rng.chance(5);
  }
  return repo;
}

/// Every element of a file, children too.
std::vector<Elem*> elements_of(FileDef& f) {
  std::vector<Elem*> out;
  auto walk = [&](auto& self, Elem& e) -> void {
    out.push_back(&e);
    for (Elem& c : e.children) self(self, c);
  };
  for (Elem& e : f.elements) walk(walk, e);
  return out;
}

/// Every relationship written in a file: its entries and its elements' verbs.
std::vector<Rel*> relationships_of(FileDef& f) {
  std::vector<Rel*> out;
  for (Rel& r : f.relationships) out.push_back(&r);
  for (Elem* e : elements_of(f)) {
    for (Rel& r : e->verbs) out.push_back(&r);
  }
  return out;
}

template <typename T>
T* pick(Rng& rng, const std::vector<T*>& items) {
  return items.empty() ? nullptr : items[rng.below(items.size())];
}

void toggle_tag(Rng& rng, std::vector<std::string>& tags) {
  const std::string& t = rng.of(k_tags);
  if (const auto it = std::ranges::find(tags, t); it != tags.end()) {
    tags.erase(it);
  } else {
    tags.push_back(t);
  }
}

/// One edit of `f` that keeps its shape (what Model::patch takes), or tries
/// to: returns what it did.
std::string keep_shape(Rng& rng, FileDef& f) {
  Elem* e = pick(rng, elements_of(f));
  Rel* r = pick(rng, relationships_of(f));
  // In a crowded repository, what parallel relationships say, more often.
  switch (g_crowd.on && r != nullptr && rng.chance(40) ? 8 : rng.below(18)) {
    case 0:
      if (e == nullptr) break;
      e->name = rng.chance(15) ? std::string() : rng.of(k_names);
      if (rng.chance(20)) e->name_en = e->name_en.empty() ? "English" : "";
      return "element name";
    case 1:
      if (e == nullptr) break;
      e->description = rng.chance(30) ? std::string() : rng.of(k_descriptions);
      return "element description";
    case 2: {
      if (e == nullptr) break;
      const auto& [key, values] = rng.of(k_properties);
      const auto it = std::ranges::find(e->properties, key, &std::pair<std::string, std::string>::first);
      if (it == e->properties.end()) {
        e->properties.push_back({key, rng.of(values)});
      } else if (rng.chance(30)) {
        e->properties.erase(it);
      } else {
        it->second = rng.of(values);
      }
      return "element property";
    }
    case 3:
      if (e == nullptr) break;
      toggle_tag(rng, e->tags);
      return "element tags";
    case 4:
      if (rng.chance(50)) {
        f.header = static_cast<unsigned>(rng.below(4));
      } else {
        f.blank = static_cast<unsigned>(rng.below(3));
      }
      return "lines above";
    case 5:
      if (e == nullptr) break;
      e->comment = e->comment.empty() ? "huomautus" : "";
      return "comment in an element";
    case 6:
      if (e == nullptr) break;
      e->order = static_cast<unsigned>(rng.below(8));
      e->flow = rng.chance(30);
      e->quoted = rng.chance(30);
      return "element keys reordered";
    case 7:
      if (e == nullptr) break;
      e->type = type_for(rng.of(k_ids));
      if (rng.chance(10)) e->type = "application-componnt";
      return "element type";
    case 8:
      if (r == nullptr) break;
      r->name = rng.chance(25) ? std::string() : rng.of(k_names);
      return "relationship name";
    case 9:
      if (r == nullptr) break;
      if (rng.chance(50)) {
        r->description = r->description.empty() ? rng.of(k_descriptions) : "";
      } else {
        toggle_tag(rng, r->tags);
      }
      return "relationship description or tags";
    case 10:
      if (r == nullptr) break;
      r->flow = !r->flow;
      r->order = static_cast<unsigned>(rng.below(8));
      if (rng.chance(30) && r->properties.empty()) {
        r->properties.push_back({"note", "x"});
      } else if (rng.chance(30)) {
        r->properties.clear();
      }
      return "relationship keys reordered";
    case 11:
      if (f.views.empty()) break;
      {
        ViewDef& v = f.views[rng.below(f.views.size())];
        if (rng.chance(50)) {
          v.include = rng.chance(10) ? std::string() : rng.of(k_selectors);
        } else if (rng.chance(50)) {
          v.exclude = v.exclude.empty() ? "{ tags: [core] }" : "";
        } else {
          v.name = rng.of(k_names);
          v.order = static_cast<unsigned>(rng.below(4));
        }
      }
      return "view selector or name";
    case 13:
      if (rng.chance(50)) {
        f.crlf = !f.crlf;
      } else {
        f.bom = !f.bom;
      }
      return "line ends or byte order mark";
    case 14:
      f.alias = !f.alias;
      return "properties through an alias";
    case 15:
      if (e == nullptr) break;
      e->suppress = e->suppress.empty() ? (rng.chance(80) ? "[missing-description]" : "[no-such-rule]") : "";
      return "element suppress";
    case 16:
      if (r == nullptr) break;
      if (rng.chance(60)) {
        r->attribute = rng.chance(25) ? std::string() : rng.of(k_attributes);
      } else {
        r->name_en = r->name_en.empty() ? "English" : "";
        if (r->name.empty()) r->name = rng.of(k_names);
      }
      return "relationship attribute or localized name";
    case 17:
      f.documents = !f.documents;
      return "sections as documents";
    default:
      f.order = static_cast<unsigned>(rng.below(6));
      return "sections reordered";
  }
  f.header = (f.header + 1) % 3;
  return "lines above";
}

/// One edit of `f` that changes its shape: returns what it did.
std::string change_shape(Rng& rng, FileDef& f, Repo& repo) {
  Elem* e = pick(rng, elements_of(f));
  Rel* r = pick(rng, relationships_of(f));
  switch (rng.below(19)) {
    case 0:
      if (e == nullptr) break;
      e->id = rng.of(element_ids());
      return "element id";
    case 1:
      f.elements.insert(f.elements.begin() + static_cast<std::ptrdiff_t>(rng.below(f.elements.size() + 1)),
                        make_element(rng, repo, false));
      return "element added";
    case 2:
      if (f.elements.empty()) break;
      f.elements.erase(f.elements.begin() + static_cast<std::ptrdiff_t>(rng.below(f.elements.size())));
      return "element removed";
    case 3:
      if (e == nullptr) break;
      e->verbs.push_back(make_verb(rng, repo));
      return "inline relationship added";
    case 4:
      if (e == nullptr || e->verbs.empty()) break;
      e->verbs.erase(e->verbs.begin() + static_cast<std::ptrdiff_t>(rng.below(e->verbs.size())));
      return "inline relationship removed";
    case 5:
      f.relationships.push_back(make_entry(rng, repo));
      return "relationship entry added";
    case 6:
      if (f.relationships.empty()) break;
      f.relationships.erase(f.relationships.begin() +
                            static_cast<std::ptrdiff_t>(rng.below(f.relationships.size())));
      return "relationship entry removed";
    case 7: {
      // A parallel relationship: the same source, type and target, saying
      // something else (or nothing), here or on an element with the same id
      // in another file.
      if (r == nullptr) break;
      Rel copy = *r;
      copy.id.clear();
      copy.name = rng.chance(30) ? std::string() : rng.of(k_names);
      if (rng.chance(50) && !copy.from.empty()) {
        f.relationships.push_back(copy);
      } else if (copy.from.empty() && e != nullptr) {
        e->verbs.push_back(copy);
      } else {
        f.relationships.push_back(copy);
      }
      return "parallel relationship added";
    }
    case 8: {
      // The same element id in another file, with a parallel inline relationship.
      if (e == nullptr || repo.files.size() < 2) break;
      FileDef& other = repo.files[rng.below(repo.files.size())];
      Elem twin = make_element(rng, repo, false);
      twin.id = e->id;
      twin.children.clear();
      if (!e->verbs.empty()) {
        Rel copy = rng.of(e->verbs);
        copy.name = rng.of(k_names);
        copy.id.clear();
        twin.verbs = {copy};
      }
      other.elements.push_back(twin);
      other.use_raw = false;
      return "duplicate id in another file";
    }
    case 9:
      if (e == nullptr) break;
      e->id = e->id_misspelt || rng.chance(30) ? rng.of(element_ids()) : rng.of(k_invalid_ids);
      return "invalid id";
    case 10:
      if (e == nullptr) break;
      if (rng.chance(20)) {
        e->id_misspelt = !e->id_misspelt;
      } else {
        e->misspelt = e->misspelt.empty() ? rng.of(k_element_misspellings) : "";
      }
      return "misspelt key";
    case 11:
      if (f.relationships.empty()) break;
      f.relationships[rng.below(f.relationships.size())].from_misspelt ^= true;
      return "misspelt relationship key";
    case 12:
      if (!f.views.empty() && rng.chance(50)) {
        f.views.erase(f.views.begin() + static_cast<std::ptrdiff_t>(rng.below(f.views.size())));
        return "view removed";
      }
      f.views.push_back(make_view(rng));
      return "view added";
    case 13:
      if (r == nullptr) break;
      if (rng.chance(50)) {
        r->id = r->id.empty() ? rng.of(k_relationship_ids) : "";
      } else {
        r->to = some_target(rng, repo);
      }
      return "relationship id or end";
    case 14:
      if (e == nullptr) break;
      if (e->children.empty() || rng.chance(40)) {
        e->children.push_back(make_element(rng, repo, true));
        return "child added";
      }
      e->children.erase(e->children.begin());
      return "child removed";
    case 15: {
      // Text that is not the data's: a syntax error, or an emptied file.
      const std::string text = write_file(f);
      f.use_raw = true;
      switch (rng.below(4)) {
        case 0:
          f.raw = "";
          return "emptied";
        case 1:
          f.raw = "# tyhjä\n";
          return "emptied but a comment";
        case 2:
          f.raw = text + "  - id: [rikki\n";
          return "syntax error (unclosed [)";
        default: {
          const std::size_t nl = text.find('\n');
          f.raw = nl == std::string::npos ? "elements: [\n"
                                          : text.substr(0, nl + 1) + " bad: indentation:\n" + text.substr(nl + 1);
          return "syntax error (indentation)";
        }
      }
    }
    case 16:
      if (f.elements.size() < 2) break;
      std::swap(f.elements[0], f.elements[1 + rng.below(f.elements.size() - 1)]);
      return "elements swapped";
    case 17:
      if (f.relationships.size() < 2) break;
      std::swap(f.relationships[0], f.relationships[1 + rng.below(f.relationships.size() - 1)]);
      return "relationship entries swapped";
    case 18: {
      if (f.elements.empty()) break;
      Elem twin = f.elements[rng.below(f.elements.size())];
      twin.children.clear();
      twin.name = rng.of(k_names);
      for (Rel& v : twin.verbs) {
        v.id.clear();
        v.name = rng.of(k_names);
      }
      f.elements.push_back(twin);
      return "duplicate id in the same file";
    }
    default:
      break;
  }
  f.elements.push_back(make_element(rng, repo, false));
  return "element added";
}

// ---------------------------------------------------------------------------
// Loading and comparing.

const char* k_config = "kaava: 1\nname: T\nmetamodel: vet\nlanguages: [fi, en]\n";
/// Some repositories import the VET reference model (read first, not reported).
const char* k_config_importing = "kaava: 1\nname: T\nmetamodel: vet\nlanguages: [fi, en]\nimports: [vet-reference]\n";

std::unique_ptr<MemorySource> source_of(const Repo& repo, std::vector<std::string>* texts = nullptr) {
  auto source = std::make_unique<MemorySource>();
  source->add("kaava.yaml", g_importing ? k_config_importing : k_config);
  for (std::size_t i = 0; i < repo.files.size(); ++i) {
    std::string text = write_file(repo.files[i]);
    if (texts != nullptr) texts->push_back(text);
    source->add(repo.paths[i], std::move(text));
  }
  return source;
}

std::unique_ptr<const Workspace> load(const MemorySource& source, FragmentCache* cache, Model* reuse = nullptr) {
  LoadOptions options;
  options.path = source.root();
  options.source = &source;
  options.cache = cache;
  options.reuse = reuse;
  options.threads = reuse != nullptr ? 0 : 1;  // a load that reuses: a thread per core, as `kaava lsp`
  return load_workspace(options);
}

std::string at(const SourceSpan& s) { return fmt::format("{}:{}:{}+{}", s.file, s.line, s.column, s.length); }

std::string spans(std::span<const std::uint32_t> items) {
  std::string out;
  for (std::uint32_t i : items) out += fmt::format("{} ", i);
  return out;
}

std::string texts(const LocalizedText& t) {
  std::string out = fmt::format("<{} {} {}>", at(t.at), at(t.key_at), t.malformed);
  for (const auto& [lang, text] : t.texts) out += fmt::format("{}={};", lang, text);
  return out;
}

std::string properties(const std::vector<Property>& items) {
  std::string out;
  for (const Property& p : items) {
    out += fmt::format("{}={}@{}/{}/{} ", p.key, p.value, at(p.key_at), at(p.value_at), p.plain);
  }
  return out;
}

std::string words(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::string_view t : items) out += fmt::format("#{} ", t);
  return out;
}

std::string pattern(const Pattern& p) { return fmt::format("'{}'@{}/{}", p.text, at(p.at), at(p.mark)); }

std::string selector(const Selector& s) {
  std::string out = "{";
  for (const auto* list : {&s.types, &s.layers, &s.tags, &s.ids, &s.relationships}) {
    for (const Pattern& p : *list) out += pattern(p) + " ";
    out += "|";
  }
  return out + "}";
}

std::string reference(const Reference& r) {
  return fmt::format("{}[{} rel={}]@{}/{}", r.id, r.index, r.relationship, at(r.at), at(r.mark));
}

/// Everything a consumer can read of a model, one line per item.
std::string dump(const Model& m) {
  std::string out;
  for (std::uint32_t i = 0; i < m.elements().size(); ++i) {
    const Element& e = m.element(i);
    out += fmt::format(
        "E{} {} at={} idkey={} idat={} type={}/{}@{} name={} desc={} parent={} valid={} misspelt={}/{}/{} "
        "suppress={} first={} find={} file={} out=[{}] in=[{}] children=[{}] views=[{}] props=[{}] tags=[{}] "
        "mentioned={}\n",
        i, e.id, at(e.at), at(e.id_key_at), at(e.id_at), e.type, e.type_name, at(e.type_at), texts(e.name),
        texts(e.description), e.parent, e.valid_id, e.name_misspelt, e.description_misspelt,
        e.relationship_misspelt, e.suppress.size(), m.first_with_id(i), m.find(e.id), m.file_of(i),
        spans(m.outgoing(i)), spans(m.incoming(i)), spans(m.children(i)), spans(m.views_of(i)),
        properties(e.properties), words(e.tags), m.mentioned_by_misspelt_key(e.id));
  }
  for (std::uint32_t i = 0; i < m.relationships().size(); ++i) {
    const Relationship& r = m.relationship(i);
    out += fmt::format(
        "R{} {} written={}@{} type={} origin={} {} > {} at={} mark={} name={} desc={} props=[{}] attrs=[{}] "
        "tags=[{}] find={}\n",
        i, r.id, r.id_written, at(r.id_at), r.type, static_cast<int>(r.origin), reference(r.source),
        reference(r.target), at(r.at), at(r.mark), texts(r.name), texts(r.description), properties(r.properties),
        properties(r.attributes), words(r.tags), m.find_relationship(r.id));
  }
  for (std::uint32_t v = 0; v < m.views().size(); ++v) {
    const View& view = m.views()[v];
    out += fmt::format(
        "V{} {} at={} idkey={} idat={} name={} desc={} viewpoint={} include={} exclude={} focus={} color={} "
        "depth={} direction={} through={} all={} find={} shows=[{}]\n",
        v, view.id, at(view.at), at(view.id_key_at), at(view.id_at), texts(view.name), texts(view.description),
        pattern(view.viewpoint), selector(view.include), selector(view.exclude), pattern(view.focus),
        pattern(view.color_by), view.depth, static_cast<int>(view.direction), selector(view.expand_through),
        view.expand_all, m.find_view(view.id), spans(m.shown_by(v)));
  }
  // Lookups of everything the generator writes, and what invalid ids suggest.
  std::vector<std::string> ids = k_ids;
  ids.insert(ids.end(), k_child_ids.begin(), k_child_ids.end());
  ids.insert(ids.end(), k_invalid_ids.begin(), k_invalid_ids.end());
  for (std::string_view extra : {"app.hoks", "app.tyo", "proc.a", "cap.kyky", "app.nothing", "vet.koski", "vet.ehoks"}) {
    ids.emplace_back(extra);
  }
  for (const std::string& id : ids) {
    out += fmt::format("find {}={} mentioned={}\n", id, m.find(id), m.mentioned_by_misspelt_key(id));
  }
  for (const std::string& id : k_relationship_ids) out += fmt::format("rel {}={}\n", id, m.find_relationship(id));
  for (const std::string& id : k_view_ids) out += fmt::format("view {}={}\n", id, m.find_view(id));
  for (const auto& [file, hash] : m.files()) out += fmt::format("file {} {:x}\n", file, hash);
  return out;
}

std::string finding(const Workspace& ws, const Diagnostic& d) {
  const std::string path = d.at.file < ws.files.size() ? ws.files[d.at.file].path : std::string("-");
  std::string out = fmt::format("{}:{}:{} {} {} [{}] {} mark={}", path, d.at.line, d.at.column,
                                rule_info(d.rule).id, d.message, d.element, to_string(d.severity), at(d.mark));
  for (const Note& n : d.notes) out += fmt::format(" note {} {}", at(n.at), n.message);
  return out;
}

/// Loading's findings, in the order loading reported them.
std::string loading_findings(const Workspace& ws) {
  std::string out;
  for (const Diagnostic& d : ws.diagnostics.items()) out += finding(ws, d) + "\n";
  return out;
}

/// validate()'s findings, sorted.
std::string check_findings(const Workspace& ws) {
  std::vector<std::string> lines;
  const Diagnostics checks = validate(ws);
  for (const Diagnostic& d : checks.items()) lines.push_back(finding(ws, d));
  std::ranges::sort(lines);
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

/// The first lines where two texts differ, each side.
std::string difference(const std::string& a, const std::string& b) {
  auto lines = [](const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      out.push_back(text.substr(start, nl - start));
      start = nl + 1;
    }
    return out;
  };
  const std::vector<std::string> la = lines(a), lb = lines(b);
  std::string out;
  int shown = 0;
  for (std::size_t i = 0; i < std::max(la.size(), lb.size()) && shown < 6; ++i) {
    const std::string x = i < la.size() ? la[i] : "(none)";
    const std::string y = i < lb.size() ? lb[i] : "(none)";
    if (x == y) continue;
    out += fmt::format("  reused: {}\n  fresh:  {}\n", x, y);
    ++shown;
  }
  return out;
}

std::string replaced_once(std::string text, std::string_view from, std::string_view to) {
  const std::size_t where = text.find(from);
  return where == std::string::npos ? text : text.replace(where, from.size(), to);
}

std::string repository_text(const std::vector<std::string>& paths, const std::vector<std::string>& texts) {
  std::string out;
  for (std::size_t i = 0; i < texts.size(); ++i) out += fmt::format("--- {}\n{}", paths[i], texts[i]);
  return out;
}

/// Loads `before` (path, text pairs), then `after` with the first load's
/// model to reuse, and from scratch; returns the difference of their dumps
/// ("" when none) and, in `patched`, how many files the patch took.
std::string reload(const std::vector<std::pair<std::string, std::string>>& before,
                   const std::vector<std::pair<std::string, std::string>>& after, std::size_t* patched) {
  auto source = [](const std::vector<std::pair<std::string, std::string>>& files) {
    auto s = std::make_unique<MemorySource>();
    s->add("kaava.yaml", k_config);
    for (const auto& [path, text] : files) s->add(path, text);
    return s;
  };
  FragmentCache cache;
  const auto first_source = source(before), second_source = source(after);
  auto first = load(*first_source, &cache);
  auto reused = load(*second_source, &cache, &const_cast<Workspace&>(*first).model);
  auto fresh = load(*second_source, nullptr);
  *patched = reused->patched;
  std::string out = difference(dump(reused->model), dump(fresh->model));
  if (loading_findings(*reused) != loading_findings(*fresh)) out += "loading findings differ\n";
  if (check_findings(*reused) != check_findings(*fresh)) {
    out += "validation findings differ:\n" + difference(check_findings(*reused), check_findings(*fresh));
  }
  return out;
}

std::uint32_t environment(const char* name, std::uint32_t fallback) {
  const char* value = std::getenv(name);
  return value == nullptr || *value == '\0' ? fallback : static_cast<std::uint32_t>(std::strtoul(value, nullptr, 10));
}


TEST_CASE("patch: random edits, one after another, give the model a load from scratch gives", "[patch]") {
  const std::uint32_t seed = environment("KAAVA_PATCH_SEED", 20240611);
#if defined(__SANITIZE_ADDRESS__)
  constexpr std::uint32_t k_iterations = 40;  // ten times slower under the sanitizers
#else
  constexpr std::uint32_t k_iterations = 150;
#endif
  const std::uint32_t iterations = environment("KAAVA_PATCH_ITERATIONS", k_iterations);
  constexpr int k_steps = 6;
  Rng rng(seed);
  std::size_t steps = 0, patched = 0, failures = 0;
  for (std::uint32_t iteration = 0; iteration < iterations; ++iteration) {
    g_crowd.on = iteration % 4 == 3;
    g_importing = iteration % 10 == 5;
    Repo repo = make_repo(rng);
    FragmentCache cache;  // one per repository, as the language server keeps
    std::vector<std::string> before;
    auto previous = load(*source_of(repo, &before), &cache);
    REQUIRE(previous->loaded);
    for (int step = 0; step < k_steps; ++step) {
      // One file edited, or two; each once or twice; mostly keeping shape.
      std::string edits;
      const std::size_t edited = rng.chance(25) ? 2 : 1;
      for (std::size_t k = 0; k < edited; ++k) {
        const std::size_t file = rng.below(repo.files.size());
        FileDef& f = repo.files[file];
        const bool was_raw = f.use_raw;
        f.use_raw = false;  // an edit of a broken or emptied file: back to its data, edited
        for (std::size_t n = 1 + (rng.chance(30) ? 1 : 0); n > 0; --n) {
          const std::string what = rng.chance(80) ? keep_shape(rng, f) : change_shape(rng, f, repo);
          edits += fmt::format("{}{}: {}{}; ", repo.paths[file], was_raw ? " (was raw)" : "", what,
                               f.use_raw ? " (raw)" : "");
          if (f.use_raw) break;
        }
      }
      std::vector<std::string> after;
      const auto source = source_of(repo, &after);
      auto reused = load(*source, &cache, &const_cast<Workspace&>(*previous).model);
      auto fresh = load(*source, nullptr);
      REQUIRE(reused->loaded);
      REQUIRE(fresh->loaded);
      ++steps;
      if (reused->patched > 0) ++patched;
      const std::string dump_reused = dump(reused->model), dump_fresh = dump(fresh->model);
      const std::string load_reused = loading_findings(*reused), load_fresh = loading_findings(*fresh);
      const std::string check_reused = check_findings(*reused), check_fresh = check_findings(*fresh);
      const bool same_model = dump_reused == dump_fresh;
      const bool same_loading = load_reused == load_fresh;
      const bool same_checks = check_reused == check_fresh;
      if (!same_model || !same_loading || !same_checks) {
        if (++failures <= 4) {
          std::string message = fmt::format(
              "seed {} iteration {} step {} ({} file(s) patched): {}\n", seed, iteration, step, reused->patched, edits);
          if (!same_model) message += "model differs:\n" + difference(dump_reused, dump_fresh);
          if (!same_loading) message += "loading findings differ:\n" + difference(load_reused, load_fresh);
          if (!same_checks) message += "validation findings differ:\n" + difference(check_reused, check_fresh);
          message += "BEFORE\n" + repository_text(repo.paths, before) + "AFTER\n" + repository_text(repo.paths, after);
          FAIL_CHECK(message);
        }
        break;  // the chain is off: start another
      }
      // The previous workspace is retired (its model became this one's, or
      // was left unread) and this one is reused next, as by `kaava lsp`.
      previous = std::move(reused);
      before = std::move(after);
    }
  }
  if (std::getenv("KAAVA_PATCH_STATS") != nullptr) fmt::print(stderr, "{} steps, {} patched, {} failed\n", steps, patched, failures);
  g_crowd.on = false;
  g_importing = false;
  INFO(fmt::format("{} steps, {} patched, {} failed", steps, patched, failures));
  CHECK(failures == 0);
  // The test is worth running only if it patches often (a quarter of the
  // steps at the fixed seed), and falls back too.
  CHECK(patched * 6 > steps);
  CHECK(patched < steps);
}

TEST_CASE("patch: parallel relationships from two elements with the same id are numbered anew", "[patch]") {
  // Found by the random test. x is defined in both files: the relationships
  // x flows-to y of both are parallel (their derived ids are numbered
  // together, by name), but only those of the first x are its outgoing
  // ones, which is all Model::unlike looks at. Renaming a's relationship
  // from B to D puts b's (C) first: from scratch b's is x:flow:y and a's
  // x:flow:y:2; the patched model keeps the old numbers.
  const std::string a_before = R"(elements:
  - id: x
    type: application-component
    flows-to:
      - { to: y, name: B }
  - id: y
    type: application-component
)";
  const std::string b = R"(elements:
  - id: x
    type: application-component
    flows-to:
      - { to: y, name: C }
)";
  std::size_t patched = 0;
  const std::string inline_both = reload({{"model/a.yaml", a_before}, {"model/b.yaml", b}},
                                         {{"model/a.yaml", replaced_once(a_before, "name: B", "name: D")},
                                          {"model/b.yaml", b}},
                                         &patched);
  {
    INFO(inline_both);
    CHECK(inline_both.empty());
  }
  // The same with a `relationships:` entry from x, which resolves to the first x.
  const std::string a_entry = R"(elements:
  - id: x
    type: application-component
  - id: y
    type: application-component
relationships:
  - { type: flow, from: x, to: y, name: B }
)";
  const std::string entry = reload({{"model/a.yaml", a_entry}, {"model/b.yaml", b}},
                                   {{"model/a.yaml", replaced_once(a_entry, "name: B", "name: D")},
                                    {"model/b.yaml", b}},
                                   &patched);
  {
    INFO(entry);
    CHECK(entry.empty());
  }
}

}  // namespace patch_random_test
