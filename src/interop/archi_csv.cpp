#include "interop/archi_csv.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <csv.h>
#include <fmt/format.h>

#include "interop/exchange_names.h"
#include "util/table.h"
#include "util/text.h"

namespace kaava::interop {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_model_type = "ArchimateModel";
constexpr std::string_view k_junction = "Junction";
constexpr std::string_view k_relationship_suffix = "Relationship";
/// Archi's special property keys, and its access types' words.
constexpr std::string_view k_access_type = "Access_Type";
constexpr std::string_view k_influence_strength = "Influence_Strength";
constexpr std::string_view k_directed = "Directed";
constexpr std::string_view k_junction_type = "Junction_Type";
const std::map<std::string_view, std::string_view> k_access_words = {
    {"access", "Access"}, {"read", "Read"}, {"write", "Write"}, {"readwrite", "ReadWrite"}};

/// One CSV file as Archi writes it: every field quoted, CRLF before each
/// row after the header, no line end after the last row.
class CsvWriter {
 public:
  explicit CsvWriter(std::initializer_list<std::string_view> header) : text_(k_bom) { row(header); }
  void row(std::initializer_list<std::string_view> fields) {
    if (rows_++ > 0) text_ += "\r\n";
    bool first = true;
    for (std::string_view f : fields) {
      if (!first) text_ += ',';
      first = false;
      text_ += csv_field(f);
    }
  }
  std::string text() const { return text_; }

 private:
  std::string text_;
  std::size_t rows_ = 0;
};

/// The text in `language`, else the first written (counted in `elsewhere`).
std::string in_language(const LocalizedText& text, std::string_view language, std::string_view default_language,
                        std::size_t* elsewhere = nullptr) {
  for (const auto& [l, t] : text.texts) {
    if ((l.empty() ? default_language : l) == language) return std::string(t);
  }
  if (text.texts.empty()) return {};
  if (elsewhere != nullptr) ++*elsewhere;
  return std::string(text.texts.front().second);
}

struct Parsed {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint32_t> lines;  ///< the line each row starts on
};

struct ParseState {
  Parsed* out;
  std::vector<std::string> row;
  std::uint32_t line = 1, row_line = 1;
};

void on_field(void* data, std::size_t size, void* state) {
  auto* s = static_cast<ParseState*>(state);
  if (s->row.empty()) s->row_line = s->line;
  s->row.emplace_back(static_cast<const char*>(data), size);
  s->line += static_cast<std::uint32_t>(std::count(s->row.back().begin(), s->row.back().end(), '\n'));
}

void on_row(int, void* state) {
  auto* s = static_cast<ParseState*>(state);
  if (s->row.empty()) s->row_line = s->line;
  s->out->rows.push_back(std::move(s->row));
  s->out->lines.push_back(s->row_line);
  s->row.clear();
  ++s->line;
}

int no_space(unsigned char) { return 0; }

/// Parses `text` with the delimiter its first line uses; `#` lines are
/// comments, as Archi reads them.
bool parse(std::string_view text, std::string_view name, Parsed* out, std::string* error) {
  if (text.starts_with(k_bom)) text.remove_prefix(k_bom.size());
  const std::string_view first_line = text.substr(0, text.find('\n'));
  char delimiter = ',';
  for (const char c : {',', ';', '\t'}) {
    if (first_line.find(fmt::format("\"{}\"", c)) != std::string_view::npos ||
        (first_line.find(c) != std::string_view::npos && first_line.find(',') == std::string_view::npos)) {
      delimiter = c;
      break;
    }
  }
  // Comment lines go (keeping the count of lines for messages).
  std::string kept;
  kept.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    kept += line.starts_with('#') ? std::string_view() : line;
    if (end < text.size()) kept += '\n';
    at = end + 1;
  }
  csv_parser p{};
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    *error = fmt::format("{}: cannot start the CSV parser", name);
    return false;
  }
  csv_set_delim(&p, static_cast<unsigned char>(delimiter));
  csv_set_space_func(&p, no_space);
  ParseState state{out, {}, 1, 1};
  const std::size_t done = csv_parse(&p, kept.data(), kept.size(), on_field, on_row, &state);
  const bool ok = done == kept.size() && csv_fini(&p, on_field, on_row, &state) == 0;
  if (!ok) {
    *error = fmt::format("{}:{}: not CSV as Archi writes it ({}): a quote inside an unquoted field, or a quoted "
                         "field that does not end",
                         name, state.line, csv_strerror(csv_error(&p)));
  }
  csv_free(&p);
  // Rows of nothing (blank lines) are no rows.
  for (std::size_t i = out->rows.size(); i-- > 0;) {
    if (out->rows[i].empty() || (out->rows[i].size() == 1 && out->rows[i][0].empty())) {
      out->rows.erase(out->rows.begin() + static_cast<std::ptrdiff_t>(i));
      out->lines.erase(out->lines.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  return ok;
}

/// Whether `row` starts with `header` (case aside; Archi's older files lack the last column).
bool header_matches(const std::vector<std::string>& row, std::initializer_list<std::string_view> header,
                    std::size_t required) {
  if (row.size() < required || row.size() > header.size()) return false;
  std::size_t i = 0;
  for (std::string_view h : header) {
    if (i >= row.size()) break;
    if (fold_for_comparison(row[i]) != fold_for_comparison(h)) return false;
    ++i;
  }
  return true;
}

}  // namespace

CsvExport export_csv(const Workspace& ws, std::string_view language_asked) {
  const Model& model = ws.model;
  const Metamodel& mm = ws.metamodel;
  const std::string_view default_language = ws.config.default_language();
  const std::string language(language_asked.empty() ? default_language : language_asked);
  CsvExport out;
  ExportIds ids;
  const std::string model_id =
      ids.take(fmt::format("model.{}", ascii_id(ws.config.name).empty() ? "kaava" : ascii_id(ws.config.name)));
  std::vector<std::string> element_ids, relationship_ids;
  for (const Element& el : model.elements()) element_ids.push_back(ids.take(el.id));
  for (const Relationship& r : model.relationships()) relationship_ids.push_back(ids.take(r.id));

  CsvWriter elements({"ID", "Type", "Name", "Documentation", "Specialization"});
  CsvWriter relations({"ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization"});
  CsvWriter properties({"ID", "Key", "Value"});
  elements.row({model_id, k_model_type, ws.config.name, in_language(ws.config.description, language, default_language), ""});
  const auto props = [&](const std::string& id, std::span<const Property> values, std::span<const std::string_view> tags) {
    for (const Property& p : values) properties.row({id, p.key, p.value});
    if (!tags.empty()) {
      std::string joined;
      for (std::string_view t : tags) joined += (joined.empty() ? "" : ", ") + std::string(t);
      properties.row({id, "kaava-tags", joined});
    }
  };
  std::vector<bool> exported(model.elements().size(), false);
  std::size_t more_languages = 0, elsewhere = 0;
  for (std::uint32_t e : element_order(model, mm)) {
    const Element& el = model.element(e);
    if (el.type == kNoType) {
      out.notes.push_back(fmt::format("element '{}': unknown type '{}', left out", el.id, el.type_name));
      continue;
    }
    const ExchangeType type = exchange_element_type(mm, el.type, language);
    const bool junction = type.name == "AndJunction" || type.name == "OrJunction";
    exported[e] = true;
    more_languages += el.name.texts.size() > 1 || el.description.texts.size() > 1;
    elements.row({element_ids[e], junction ? k_junction : std::string_view(type.name),
                  in_language(el.name, language, default_language, &elsewhere),
                  in_language(el.description, language, default_language, &elsewhere), type.specialization});
    props(element_ids[e], el.properties, el.tags);
    if (junction) properties.row({element_ids[e], k_junction_type, type.name == "OrJunction" ? "Or" : "And"});
    ++out.elements;
  }
  // An end is an exported element, or a relationship (ArchiMate lets an association end at one).
  const auto end_id = [&](const Reference& end) -> std::string {
    if (end.index != kNone) return exported[end.index] ? element_ids[end.index] : std::string();
    const std::uint32_t r = end.relationship;
    const bool written = r != kNone && model.relationship(r).type != kNoRelationship;
    return written ? relationship_ids[r] : std::string();
  };
  for (std::uint32_t r = 0; r < model.relationships().size(); ++r) {
    const Relationship& rel = model.relationship(r);
    const std::string source = end_id(rel.source), target = end_id(rel.target);
    if (rel.type == kNoRelationship || source.empty() || target.empty()) {
      out.notes.push_back(fmt::format("relationship '{}': an end or the type is unknown, left out", rel.id));
      continue;
    }
    const ExchangeType type = exchange_relationship_type(mm, rel.type, language);
    relations.row({relationship_ids[r], type.name + std::string(k_relationship_suffix),
                   in_language(rel.name, language, default_language, &elsewhere),
                   in_language(rel.description, language, default_language, &elsewhere), source, target,
                   type.specialization});
    props(relationship_ids[r], rel.properties, rel.tags);
    for (const PropertyDefinition& a : mm.relationship_types[rel.type].attributes) {
      const std::string_view value = rel.attribute(a.id, a.default_value);
      if (a.id == "access") {
        const auto it = k_access_words.find(value);
        properties.row({relationship_ids[r], k_access_type, it == k_access_words.end() ? "Access" : it->second});
      } else if (a.id == "strength" && !value.empty()) {
        properties.row({relationship_ids[r], k_influence_strength, value});
      } else if (a.id == "directed") {
        properties.row({relationship_ids[r], k_directed, value == "true" ? "true" : "false"});
      }
    }
    ++out.relationships;
  }
  if (more_languages > 0) {
    out.notes.push_back(fmt::format("{} {} in more languages than the CSV's one ({}); the exchange format (kaava "
                                    "export archimate) keeps them all",
                                    more_languages, more_languages == 1 ? "element is" : "elements are", language));
  }
  if (elsewhere > 0) {
    out.notes.push_back(fmt::format("{} {} no text in {}: the CSV has {} in another language", elsewhere,
                                    elsewhere == 1 ? "name or description has" : "names and descriptions have",
                                    language, elsewhere == 1 ? "it" : "them"));
  }
  if (!model.views().empty()) out.notes.emplace_back("views are not in Archi's CSV (kaava export archimate has them)");
  out.files = {elements.text(), relations.text(), properties.text()};
  return out;
}

bool import_csv(const CsvFiles& files, const CsvFiles& names, const Metamodel& mm, const CsvImportOptions& options,
                ImportedModel* model, std::string* error) {
  Parsed elements, relations, properties;
  if (!parse(files.elements, names.elements, &elements, error)) return false;
  if (!files.relations.empty() && !parse(files.relations, names.relations, &relations, error)) return false;
  if (!files.properties.empty() && !parse(files.properties, names.properties, &properties, error)) return false;
  if (elements.rows.empty() ||
      !header_matches(elements.rows[0], {"ID", "Type", "Name", "Documentation", "Specialization"}, 4)) {
    *error = fmt::format("{}:1: the header is not Archi's: \"ID\",\"Type\",\"Name\",\"Documentation\"[,\"Specialization\"]",
                         names.elements);
    return false;
  }
  if (!relations.rows.empty() &&
      !header_matches(relations.rows[0], {"ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization"},
                      6)) {
    *error = fmt::format(
        "{}:1: the header is not Archi's: \"ID\",\"Type\",\"Name\",\"Documentation\",\"Source\",\"Target\"[,"
        "\"Specialization\"]",
        names.relations);
    return false;
  }
  if (!properties.rows.empty() && !header_matches(properties.rows[0], {"ID", "Key", "Value"}, 3)) {
    *error = fmt::format("{}:1: the header is not Archi's: \"ID\",\"Key\",\"Value\"", names.properties);
    return false;
  }
  const ExchangeTypes types(mm);
  model->languages = {options.language};
  const auto text = [&](const std::string& value) {
    return value.empty() ? Texts{} : Texts{{options.language, value}};
  };
  const auto lose = [&](const std::string& file, std::uint32_t line, std::string what) {
    model->losses.push_back({{line, 1}, std::move(what), file == names.elements ? std::string() : file});
  };
  // Rows longer than their header have fields nothing reads.
  const auto check_width = [&](const Parsed& parsed, const std::string& file) {
    for (std::size_t i = 1; i < parsed.rows.size(); ++i) {
      if (parsed.rows[i].size() > parsed.rows[0].size()) {
        lose(file, parsed.lines[i], fmt::format("fields past the header's {} columns (the row has {})",
                                                parsed.rows[0].size(), parsed.rows[i].size()));
      }
    }
  };
  check_width(elements, names.elements);
  check_width(relations, names.relations);
  // Properties by owner, each with its line; the special ones are taken out as they are read.
  struct Row {
    std::string key, value;
    std::uint32_t line = 0;
  };
  std::map<std::string, std::vector<Row>> props;
  for (std::size_t i = 1; i < properties.rows.size(); ++i) {
    const auto& row = properties.rows[i];
    if (row.size() != 3) {
      lose(names.properties, properties.lines[i], fmt::format("a row of {} fields (Archi's have 3)", row.size()));
      continue;
    }
    props[row[0]].push_back({row[1], row[2], properties.lines[i]});
  }
  std::set<std::string> taken;
  std::map<std::string, std::string> element_ids;
  /// Every value of `key` among `rows` (taken out), with its line.
  const auto take = [&](std::vector<Row>* rows, std::string_view key) {
    std::vector<Row> found;
    std::erase_if(*rows, [&](Row& r) {
      if (r.key != key) return false;
      found.push_back(std::move(r));
      return true;
    });
    return found;
  };
  /// The one value of a special key; a second one is not kept.
  const auto take_one = [&](std::vector<Row>* rows, std::string_view key, const std::string& id) -> std::optional<Row> {
    std::vector<Row> found = take(rows, key);
    for (std::size_t i = 1; i < found.size(); ++i) {
      lose(names.properties, found[i].line, fmt::format("a second {} of '{}' ('{}')", key, id, found[i].value));
    }
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  };
  const auto tags_of = [&](std::vector<Row>* rows, const std::string& id) {
    std::vector<std::string> tags;
    const std::optional<Row> joined = take_one(rows, "kaava-tags", id);
    if (!joined) return tags;
    std::size_t start = 0;
    while (start < joined->value.size()) {
      const std::size_t end = std::min(joined->value.find(',', start), joined->value.size());
      std::string t = joined->value.substr(start, end - start);
      while (!t.empty() && t.front() == ' ') t.erase(0, 1);
      while (!t.empty() && t.back() == ' ') t.pop_back();
      if (!t.empty()) tags.push_back(t);
      start = end + 1;
    }
    return tags;
  };
  const auto values_of = [](std::vector<Row>&& rows) {
    Values out;
    for (Row& r : rows) out.emplace_back(std::move(r.key), std::move(r.value));
    return out;
  };
  std::set<std::string> owners;  // the ids properties.csv may name
  for (std::size_t i = 1; i < elements.rows.size(); ++i) {
    auto row = elements.rows[i];
    row.resize(5);
    const std::uint32_t line = elements.lines[i];
    if (row[1] == k_model_type) {
      model->name = row[2];
      model->description = text(row[3]);
      owners.insert(row[0]);
      if (props.contains(row[0])) lose(names.elements, line, "the model's own properties");
      continue;
    }
    std::vector<Row> rows = props[row[0]];
    TypeIndex type = kNoType;
    if (row[1] == k_junction) {
      // As Archi reads it: And, else or.
      const std::optional<Row> kind = take_one(&rows, k_junction_type, row[0]);
      if (kind && kind->value != "And" && kind->value != "Or") {
        lose(names.properties, kind->line,
             fmt::format("Junction_Type '{}' of '{}' (read as Or, as Archi reads it; And or Or)", kind->value, row[0]));
      }
      type = types.element(kind && kind->value != "And" ? "OrJunction" : "AndJunction");
    } else {
      type = types.element(row[1]);
    }
    if (type == kNoType) {
      lose(names.elements, line, fmt::format("element '{}' of type '{}', which ArchiMate 3.2 has no element type for{}",
                                             row[0], row[1], types.element_hint(row[1])));
      continue;
    }
    owners.insert(row[0]);
    ImportedElement e;
    e.tags = tags_of(&rows, row[0]);
    e.properties = values_of(std::move(rows));
    if (!row[4].empty()) {
      if (const TypeIndex s = types.element_specialization(type, row[4]); s != kNoType) {
        type = s;
        if (mm.element_types[s].metamodel != "archimate") model->metamodel = mm.name;
      } else {
        e.properties.insert(e.properties.begin(), {"specialization", row[4]});
      }
    }
    e.source_id = row[0];
    e.id = kaava_id(row[0].empty() ? row[2] : row[0], &taken);
    e.type = mm.element_types[type].id;
    e.name = text(row[2]);
    e.description = text(row[3]);
    e.at = {line, 1};
    element_ids[row[0]] = e.id;
    model->elements.push_back(std::move(e));
  }
  // Relationship ids first: an end may be a relationship, of any row.
  std::map<std::string, std::string> relationship_ids;
  for (std::size_t i = 1; i < relations.rows.size(); ++i) {
    const auto& row = relations.rows[i];
    if (!row.empty() && !row[0].empty()) relationship_ids.try_emplace(row[0], kaava_id(row[0], &taken));
  }
  for (std::size_t i = 1; i < relations.rows.size(); ++i) {
    auto row = relations.rows[i];
    row.resize(7);
    const std::uint32_t line = relations.lines[i];
    std::string_view type_name = row[1];
    if (type_name.ends_with(k_relationship_suffix)) type_name.remove_suffix(k_relationship_suffix.size());
    RelationshipIndex type = types.relationship(type_name);
    const auto end = [&](const std::string& ref) -> std::string {
      if (const auto e = element_ids.find(ref); e != element_ids.end()) return e->second;
      if (const auto r = relationship_ids.find(ref); r != relationship_ids.end() && ref != row[0]) return r->second;
      return {};
    };
    const std::string from = end(row[4]), to = end(row[5]);
    if (type == kNoRelationship) {
      lose(names.relations, line,
           fmt::format("relationship '{}' of type '{}', which ArchiMate 3.2 has no relationship type for{}", row[0],
                       row[1], types.relationship_hint(type_name)));
      continue;
    }
    if (from.empty() || to.empty()) {
      lose(names.relations, line, fmt::format("relationship '{}': its {} '{}' is no imported element or relationship",
                                              row[0], from.empty() ? "source" : "target", from.empty() ? row[4] : row[5]));
      continue;
    }
    owners.insert(row[0]);
    std::vector<Row> rows = props[row[0]];
    ImportedRelationship r;
    // Archi's attribute keys, on the types that have them; values Archi does not write are not kept.
    const RelationshipType& t = mm.relationship_types[type];
    if (t.attribute("access") != nullptr) {
      if (const std::optional<Row> word = take_one(&rows, k_access_type, row[0])) {
        const auto it = std::ranges::find_if(k_access_words, [&](const auto& w) { return w.second == word->value; });
        if (it == k_access_words.end()) {
          lose(names.properties, word->line,
               fmt::format("Access_Type '{}' of '{}' (Access, Read, Write or ReadWrite; read as Access)", word->value,
                           row[0]));
        } else if (it->first != "access") {
          r.attributes.emplace_back("access", it->first);
        }
      }
    }
    if (t.attribute("strength") != nullptr) {
      if (const std::optional<Row> strength = take_one(&rows, k_influence_strength, row[0]);
          strength && !strength->value.empty()) {
        r.attributes.emplace_back("strength", strength->value);
      }
    }
    if (t.attribute("directed") != nullptr) {
      if (const std::optional<Row> directed = take_one(&rows, k_directed, row[0])) {
        const std::string v = fold_for_comparison(directed->value);
        if (v != "true" && v != "false") {
          lose(names.properties, directed->line,
               fmt::format("Directed '{}' of '{}' (true or false; read as false)", directed->value, row[0]));
        } else if (v == "true") {
          r.attributes.emplace_back("directed", "true");
        }
      }
    }
    r.tags = tags_of(&rows, row[0]);
    r.properties = values_of(std::move(rows));
    if (!row[6].empty()) {
      if (const RelationshipIndex s = types.relationship_specialization(type, row[6]); s != kNoRelationship) {
        type = s;
        if (mm.relationship_types[s].metamodel != "archimate") model->metamodel = mm.name;
      } else {
        r.properties.insert(r.properties.begin(), {"specialization", row[6]});
      }
    }
    r.source_id = row[0];
    r.id = row[0].empty() ? kaava_id(fmt::format("{}-{}", row[4], row[5]), &taken) : relationship_ids.at(row[0]);
    r.type = mm.relationship_types[type].id;
    r.from = from;
    r.to = to;
    r.name = text(row[2]);
    r.description = text(row[3]);
    r.at = {line, 1};
    model->relationships.push_back(std::move(r));
  }
  // Properties of ids that are in neither file.
  for (const auto& [id, rows] : props) {
    if (owners.contains(id)) continue;
    for (const Row& r : rows) {
      lose(names.properties, r.line, fmt::format("the property '{}' of '{}', which is no imported element or "
                                                 "relationship",
                                                 r.key, id));
    }
  }
  return true;
}

}  // namespace kaava::interop
