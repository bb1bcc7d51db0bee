#include "interop/repository_writer.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "util/atomic_file.h"
#include "util/text.h"

namespace kaava::interop {

namespace fs = std::filesystem;

std::string kaava_id(std::string_view wanted, std::set<std::string>* taken) {
  std::string id;
  for (char c : wanted) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const bool ok = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '.' ||
                    lower == '_' || lower == '-';
    if (ok) {
      id += lower;
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && (id.front() == '.' || id.front() == '_' || id.front() == '-')) id.erase(0, 1);
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.empty()) id = "id";
  std::string out = id;
  for (int n = 2; !taken->insert(out).second; ++n) out = fmt::format("{}-{}", id, n);
  return out;
}

namespace {

/// Whether YAML reads `text` back as the same text when written plain (no
/// booleans, numbers, nulls, dates or marks of its own).
bool plain_safe(std::string_view text) {
  if (text.empty() || text.size() > 200) return false;
  static const std::set<std::string, std::less<>> k_words = {"y",    "yes", "n",     "no",  "true", "false",
                                                             "on",   "off", "null",  "~",   ".nan", ".inf",
                                                             "-.inf"};
  if (k_words.contains(fold_for_comparison(text)) || k_words.contains(text)) return false;
  const unsigned char first = static_cast<unsigned char>(text.front());
  if (!(std::isalpha(first) != 0 || first >= 0x80)) return false;
  if (text.back() == ' ' || text.back() == ':') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\t' || c == '#' || c == '"' || c == '\'' || c == '{' || c == '}' || c == '[' ||
        c == ']' || c == ',' || c == '&' || c == '*' || c == '!' || c == '|' || c == '>' || c == '%' || c == '@' ||
        c == '`' || c == '\\') {
      return false;
    }
    if (c == ':' && (i + 1 == text.size() || text[i + 1] == ' ')) return false;
  }
  return true;
}

void scalar(YAML::Emitter& out, std::string_view text) {
  if (plain_safe(text)) {
    out << std::string(text);
  } else {
    out << YAML::DoubleQuoted << std::string(text);
  }
}

/// A text: plain when it is only in the default language, else one per language.
void texts(YAML::Emitter& out, const char* key, const Texts& value, const std::string& default_language) {
  if (value.empty()) return;
  out << YAML::Key << key << YAML::Value;
  if (value.size() == 1 && value.front().first == default_language) {
    scalar(out, value.front().second);
    return;
  }
  out << YAML::BeginMap;
  for (const auto& [language, text] : value) {
    out << YAML::Key << language << YAML::Value;
    scalar(out, text);
  }
  out << YAML::EndMap;
}

void values(YAML::Emitter& out, const char* key, const Values& value) {
  if (value.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::BeginMap;
  for (const auto& [k, v] : value) {
    out << YAML::Key;
    scalar(out, k);
    out << YAML::Value;
    scalar(out, v);
  }
  out << YAML::EndMap;
}

void tags(YAML::Emitter& out, const std::vector<std::string>& value) {
  if (value.empty()) return;
  out << YAML::Key << "tags" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const std::string& t : value) scalar(out, t);
  out << YAML::EndSeq;
}

/// The file a folder's content goes in: its labels as ids, joined by '/'.
std::string folder_file(std::string_view folder) {
  std::string out;
  std::set<std::string> ignored;
  std::size_t start = 0;
  while (start <= folder.size()) {
    std::size_t end = folder.find('/', start);
    if (end == std::string_view::npos) end = folder.size();
    const std::string part = kaava_id(folder.substr(start, end - start), &ignored);
    ignored.clear();
    out += (out.empty() ? "" : "/") + part;
    start = end + 1;
  }
  return "model/" + out + ".yaml";
}

struct File {
  std::vector<const ImportedElement*> elements;
  std::vector<const ImportedRelationship*> relationships;
  std::vector<const ImportedView*> views;
};

std::string model_file(const File& file, const std::string& language) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  if (!file.elements.empty()) {
    out << YAML::Key << "elements" << YAML::Value << YAML::BeginSeq;
    for (const ImportedElement* e : file.elements) {
      out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << e->id << YAML::Key << "type" << YAML::Value
          << e->type;
      texts(out, "name", e->name, language);
      texts(out, "description", e->description, language);
      values(out, "properties", e->properties);
      tags(out, e->tags);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (!file.relationships.empty()) {
    out << YAML::Key << "relationships" << YAML::Value << YAML::BeginSeq;
    for (const ImportedRelationship* r : file.relationships) {
      out << YAML::BeginMap;
      // An id that kaava derives from the ends and the type anyway (the
      // exchange format's spelling of "a:flow:b") is left to it.
      if (r->id != fmt::format("{}.{}.{}", r->from, r->type, r->to)) out << YAML::Key << "id" << YAML::Value << r->id;
      out << YAML::Key << "type" << YAML::Value << r->type << YAML::Key << "from" << YAML::Value << r->from
          << YAML::Key << "to" << YAML::Value << r->to;
      for (const auto& [key, value] : r->attributes) {
        out << YAML::Key << key << YAML::Value;
        if (value == "true" || value == "false") {
          out << (value == "true");
        } else {
          out << YAML::DoubleQuoted << value;
        }
      }
      texts(out, "name", r->name, language);
      texts(out, "description", r->description, language);
      values(out, "properties", r->properties);
      tags(out, r->tags);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (!file.views.empty()) {
    out << YAML::Key << "views" << YAML::Value << YAML::BeginSeq;
    for (const ImportedView* v : file.views) {
      out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << v->id;
      texts(out, "name", v->name, language);
      texts(out, "description", v->description, language);
      if (!v->viewpoint.empty()) out << YAML::Key << "viewpoint" << YAML::Value << v->viewpoint;
      if (v->members.empty()) {
        // No element patterns would show all the viewpoint shows: an empty view stays empty.
        out << YAML::Key << "exclude" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "ids"
            << YAML::Value << YAML::Flow << YAML::BeginSeq << YAML::DoubleQuoted << "*" << YAML::EndSeq
            << YAML::EndMap;
      } else {
        // Its members, and the types of the lines between them (or none).
        out << YAML::Key << "include" << YAML::Value << YAML::BeginMap << YAML::Key << "ids" << YAML::Value
            << YAML::Flow << YAML::BeginSeq;
        for (const std::string& m : v->members) out << m;
        out << YAML::EndSeq;
        if (v->lines) {
          out << YAML::Key << "relationships" << YAML::Value << YAML::Flow << v->relationship_types;
        }
        out << YAML::EndMap;
        if (!v->lines) {
          out << YAML::Key << "exclude" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
              << "relationships" << YAML::Value << YAML::Flow << YAML::BeginSeq << YAML::DoubleQuoted << "*"
              << YAML::EndSeq << YAML::EndMap;
        }
      }
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string config_file(const ImportedModel& model, const RepositoryOptions& options) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap << YAML::Key << "kaava" << YAML::Value << 1 << YAML::Key << "name" << YAML::Value;
  scalar(out, model.name.empty() ? std::string("Imported model") : model.name);
  texts(out, "description", model.description, model.languages.front());
  out << YAML::Key << "metamodel" << YAML::Value << model.metamodel;
  out << YAML::Key << "languages" << YAML::Value << YAML::Flow << model.languages;
  out << YAML::Key << "sources" << YAML::Value << YAML::Flow << std::vector<std::string>{"model"};
  if (!model.imports.empty()) out << YAML::Key << "imports" << YAML::Value << YAML::Flow << model.imports;
  out << YAML::EndMap;
  return fmt::format("# Imported by kaava from {}; import-map.tsv says which id became which.\n{}\n",
                     options.source, out.c_str());
}

}  // namespace

bool write_repository(const ImportedModel& model, const Metamodel& mm, const RepositoryOptions& options,
                      RepositoryResult* result, std::string* error) {
  std::error_code ec;
  if (fs::exists(options.dir, ec) && (!fs::is_directory(options.dir, ec) || !fs::is_empty(options.dir, ec))) {
    *error = fmt::format("'{}' exists and is not an empty folder; the model is written into a new one",
                         options.dir.string());
    return false;
  }
  const std::string& language = model.languages.front();
  // Files: by layer (or by folder), then relationships and views.
  std::map<std::string, File> files;
  for (const ImportedElement& e : model.elements) {
    std::string file;
    if (options.by_folder && !e.folder.empty()) {
      file = folder_file(e.folder);
    } else {
      const TypeIndex t = mm.find_type(e.type);
      file = fmt::format("model/{}.yaml", t == kNoType ? std::string("other") : mm.layers[mm.element_types[t].layer].id);
    }
    files[file].elements.push_back(&e);
  }
  for (const ImportedRelationship& r : model.relationships) {
    files[options.by_folder && !r.folder.empty() ? folder_file(r.folder) : "model/relationships.yaml"]
        .relationships.push_back(&r);
  }
  for (const ImportedView& v : model.views) {
    files[options.by_folder && !v.folder.empty() ? folder_file(v.folder) : "model/views.yaml"].views.push_back(&v);
  }
  const auto write = [&](const std::string& name, const std::string& text) {
    if (!write_file_atomically(options.dir / name, text, error)) return false;
    result->files.push_back(name);
    return true;
  };
  const bool schemas = !options.model_schema.empty() && !options.config_schema.empty();
  /// The first line that names a file's schema, from where the file is.
  const auto modeline = [&](const std::string& name, std::string_view schema) {
    if (!schemas) return std::string();
    std::string up;
    for (char c : name) up += c == '/' ? "../" : "";
    return fmt::format("# yaml-language-server: $schema={}.kaava/{}\n", up, schema);
  };
  if (!write("kaava.yaml", modeline("kaava.yaml", "kaava.schema.json") + config_file(model, options))) return false;
  if (files.empty()) {
    // The source folder exists, so that the repository validates (and says it is empty).
    if (!write("model/model.yaml", modeline("model/model.yaml", "model.schema.json") +
                                       "# The file had no elements, relationships or views that kaava keeps.\n")) {
      return false;
    }
  }
  for (const auto& [name, file] : files) {
    if (!write(name, modeline(name, "model.schema.json") + model_file(file, language))) return false;
  }
  if (schemas && (!write(".kaava/model.schema.json", options.model_schema) ||
                  !write(".kaava/kaava.schema.json", options.config_schema))) {
    return false;
  }
  std::string map = "kind\tidentifier\tkaava id\tline\n";
  for (const ImportedElement& e : model.elements) map += fmt::format("element\t{}\t{}\t{}\n", e.source_id, e.id, e.at.line);
  for (const ImportedRelationship& r : model.relationships) {
    map += fmt::format("relationship\t{}\t{}\t{}\n", r.source_id, r.id, r.at.line);
  }
  for (const ImportedView& v : model.views) map += fmt::format("view\t{}\t{}\t{}\n", v.source_id, v.id, v.at.line);
  return write("import-map.tsv", map);
}

}  // namespace kaava::interop
