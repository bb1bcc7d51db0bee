#include "init/init.h"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include "interop/json_schema.h"
#include "load/languages.h"
#include "metamodel/metamodel_loader.h"
#include "resources/embedded.h"
#include "util/atomic_file.h"

namespace kaava {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_prefix = "templates/init/";
constexpr std::string_view k_mustache = ".mustache";
constexpr const char* k_model_schema = ".kaava/model.schema.json";
constexpr const char* k_config_schema = ".kaava/kaava.schema.json";

struct TemplateFile {
  std::string output;  ///< relative path to write
  const resources::Resource* resource;
};

/// Template paths map to output paths: ".mustache" is dropped (and the
/// file rendered), and a leading "dot-" in a part becomes ".".
std::vector<TemplateFile> templates() {
  std::vector<TemplateFile> out;
  for (const resources::Resource& r : resources::all()) {
    if (!r.path.starts_with(k_prefix)) continue;
    std::string rel(r.path.substr(k_prefix.size()));
    if (rel.ends_with(k_mustache)) rel.resize(rel.size() - k_mustache.size());
    std::string output;
    std::size_t i = 0;
    while (i <= rel.size()) {
      std::size_t j = rel.find('/', i);
      if (j == std::string::npos) j = rel.size();
      std::string part = rel.substr(i, j - i);
      if (part.starts_with("dot-")) part = "." + part.substr(4);
      if (!output.empty()) output += '/';
      output += part;
      i = j + 1;
    }
    out.push_back({output, &r});
  }
  return out;
}

/// Text for inside a YAML double-quoted string.
std::string yaml_quoted(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> init_files() {
  std::vector<std::string> out;
  for (const TemplateFile& t : templates()) out.push_back(t.output);
  out.emplace_back(k_model_schema);
  out.emplace_back(k_config_schema);
  return out;
}

bool init_repository(const InitOptions& options, InitResult* result) {
  if (const std::string why = unusable_language(options.language, {}); !why.empty()) {
    result->error = why;
    return false;
  }
  std::error_code ec;
  const fs::path dir = fs::absolute(options.dir, ec);
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    result->error = fmt::format("'{}' exists and is not a folder", options.dir.string());
    return false;
  }
  const std::vector<TemplateFile> files = templates();
  for (const std::string& t : init_files()) {
    if (fs::exists(dir / t, ec) || fs::is_symlink(dir / t, ec)) result->existing.push_back(t);
  }
  if (!result->existing.empty()) {
    result->error = "refusing to overwrite existing files";
    return false;
  }

  std::string name = options.name;
  if (name.empty()) name = dir.filename().string();
  if (name.empty() || name == ".") name = fs::current_path(ec).filename().string();
  std::string languages = options.language;
  std::vector<std::string> language_list = {options.language};
  for (const std::string& lang : kaava_languages()) {
    if (lang == options.language) continue;
    languages += ", " + lang;
    language_list.push_back(lang);
  }
  kainjow::mustache::data data;
  data.set("name", name);
  data.set("languages", languages);

  for (const TemplateFile& t : files) {
    std::string text(t.resource->data);
    if (t.resource->path.ends_with(k_mustache)) {
      kainjow::mustache::mustache tmpl{text};
      tmpl.set_custom_escape(yaml_quoted);
      if (!tmpl.is_valid()) {
        result->error = fmt::format("template {}: {}", t.resource->path, tmpl.error_message());
        return false;
      }
      text = tmpl.render(data);
    }
    if (!write_file_atomically(dir / t.output, text, &result->error)) return false;
    result->created.push_back(t.output);
  }
  // The JSON Schemas the files' first lines name, for editors (kaava schema
  // writes them again after a change of metamodel or languages).
  interop::SchemaOptions schema;
  schema.languages = language_list;
  schema.language = options.language;
  const Metamodel& mm = builtin_metamodel("vet");
  for (const auto& [file, text] : {std::pair{k_model_schema, interop::model_schema(mm, schema)},
                                   std::pair{k_config_schema, interop::config_schema(mm, schema)}}) {
    if (!write_file_atomically(dir / file, text, &result->error)) return false;
    result->created.emplace_back(file);
  }
  return true;
}

}  // namespace kaava
