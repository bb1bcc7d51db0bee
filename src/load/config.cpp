#include "load/config.h"

#include "load/languages.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "load/languages.h"
#include "model/model.h"
#include "source/embedded_source.h"
#include "util/edit_distance.h"
#include "yaml/reader.h"

namespace kaava {

namespace {

constexpr const auto& k_keys = kConfigKeys;
constexpr const auto& k_docs_keys = kConfigDocsKeys;
constexpr const auto& k_limit_keys = kConfigLimitKeys;

/// "64MiB", "200 MB", "1048576": bytes; 0 when it is not a size.
std::uintmax_t parse_size(std::string_view s) {
  std::size_t i = 0;
  std::uintmax_t value = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    value = value * 10 + static_cast<std::uintmax_t>(s[i] - '0');
    if (value > (std::uintmax_t{1} << 50)) return 0;
    ++i;
  }
  if (i == 0) return 0;
  while (i < s.size() && s[i] == ' ') ++i;
  std::string unit;
  for (; i < s.size(); ++i) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  if (unit.empty() || unit == "b") return value;
  if (unit == "kb") return value * 1000;
  if (unit == "kib") return value << 10;
  if (unit == "mb") return value * 1000 * 1000;
  if (unit == "mib") return value << 20;
  if (unit == "gb") return value * 1000 * 1000 * 1000;
  if (unit == "gib") return value << 30;
  return 0;
}


/// A relative path that stays inside the repository.
bool inside_repository(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos) return false;
  int depth = 0;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    const std::string_view part = path.substr(i, j - i);
    if (part == "..") {
      if (--depth < 0) return false;
    } else if (!part.empty() && part != ".") {
      ++depth;
    }
    i = j + 1;
  }
  return true;
}

/// `description:` as a text or a mapping of language to text. The texts are
/// copied into storage that copies of the Config share; the languages are
/// returned for checking once all of kaava.yaml is read.
void read_description(const yaml::Document& doc, yaml::Reader& r, const yaml::Entry& e, Diagnostics& diagnostics,
                      Config& config, std::vector<std::pair<std::string_view, SourceSpan>>& languages) {
  std::vector<std::pair<std::string_view, std::string_view>> texts;
  if (doc.is_scalar(e.value)) {
    texts.emplace_back(std::string_view(), doc.scalar(e.value));
  } else if (doc.is_mapping(e.value)) {
    for (auto [k, v] : doc.pairs(e.value)) {
      if (!doc.is_scalar(k)) {
        diagnostics.report(Rule::invalid_structure, r.at(k),
                           "'description' maps language codes to texts, such as 'fi: Kuvaus'");
        continue;
      }
      if (!doc.is_scalar(v) && !doc.is_null(v)) {
        diagnostics.report(Rule::invalid_structure, r.at(k), r.at(v),
                           fmt::format("the '{}' text of 'description' must be a single value, not {}", doc.scalar(k),
                                       yaml::describe(doc.kind(v))));
        continue;
      }
      languages.emplace_back(doc.scalar(k), r.at(k));
      texts.emplace_back(doc.scalar(k), doc.scalar(v));
    }
  } else if (!doc.is_null(e.value)) {
    r.invalid_structure(e, fmt::format("'description' must be a text, or a mapping of language code to text, not {}",
                                       yaml::describe(doc.kind(e.value))));
    return;
  }
  auto storage = std::make_shared<std::vector<std::string>>();
  storage->reserve(texts.size() * 2);
  config.description = {};
  config.description.at = r.value_at(e);
  config.description.key_at = r.at(e.key);
  for (const auto& [lang, text] : texts) {
    if (text.empty()) continue;
    storage->emplace_back(lang);
    storage->emplace_back(text);
    config.description.texts.emplace_back((*storage)[storage->size() - 2], storage->back());
  }
  config.description_texts = std::move(storage);
}

}  // namespace

bool Config::has_language(std::string_view code) const { return std::ranges::find(languages, code) != languages.end(); }

bool read_config(std::uint32_t file, SourceFiles& files, Diagnostics& diagnostics, Config& config) {
  config.file = file;
  if (!files.check_text(file, diagnostics)) return false;
  std::vector<yaml::Problem> problems;
  std::vector<yaml::Document> docs =
      yaml::parse_or_load(files[file].text, files[file].snapshot, yaml::Limits(), problems);
  bool fatal = false;
  for (const yaml::Problem& p : problems) {
    diagnostics.report(Rule::yaml_syntax, SourceSpan{file, p.line, p.column, 1}, p.message);
    fatal = fatal || p.fatal;
  }
  if (fatal) return false;
  if (docs.empty()) return true;  // an empty kaava.yaml: all defaults
  if (docs.size() > 1) {
    diagnostics.report(Rule::invalid_config, SourceSpan{file, 1, 1, 0},
                       "kaava.yaml must hold one YAML document; the others are ignored");
  }
  const yaml::Document& doc = docs.front();
  yaml::Reader r(doc, file, diagnostics);
  if (doc.is_null(doc.root())) return true;
  if (!r.expect_mapping(doc.root(), r.at(doc.root()), "kaava.yaml")) return false;

  std::vector<std::pair<std::string_view, SourceSpan>> description_languages;
  for (const yaml::Entry& e : r.entries(doc.root(), k_keys, "kaava.yaml")) {
    std::string_view text;
    if (e.name == "kaava") {
      if (r.text(e, &text) && text != std::to_string(kFormatVersion)) {
        diagnostics.report(
            Rule::invalid_config, r.at(e.key), r.at(e.value),
            fmt::format("unsupported format version '{}'; this kaava reads version {}", text, kFormatVersion));
      }
    } else if (e.name == "name") {
      if (r.text(e, &text)) config.name = text;
    } else if (e.name == "description") {
      read_description(doc, r, e, diagnostics, config, description_languages);
    } else if (e.name == "metamodel") {
      if (!r.text(e, &text)) continue;
      if (text.empty()) {
        r.invalid_structure(e, "'metamodel' is empty: name a built-in metamodel (vet, archimate) or a file");
        continue;
      }
      config.metamodel = text;
      config.metamodel_at = r.at(e.key);
      config.metamodel_value_at = r.at(e.value);
    } else if (e.name == "languages") {
      std::vector<yaml::NodeId> items;
      if (!r.texts(e, &items)) continue;
      std::vector<std::string> languages;
      for (yaml::NodeId n : items) {
        const std::string_view code = doc.scalar(n);
        if (const std::string_view tag = language_code_for(code); !tag.empty()) {
          // "swe", "svenska": a language kaava knows, spelt as something other than its tag.
          // The rest of the run reads it as meant, so one typo is one finding.
          diagnostics.report(Rule::invalid_config, r.at(n),
                             fmt::format("'{}' is not the tag of its language: language tags (BCP 47) use the "
                                         "shortest code (did you mean '{}'?); read as '{}'",
                                         code, tag, tag));
          if (std::ranges::find(languages, tag) == languages.end()) languages.emplace_back(tag);
        } else if (!valid_language_code(code)) {
          diagnostics.report(Rule::invalid_config, r.at(n),
                             fmt::format("'{}' is not a language code such as {}{}", code,
                                         fmt::join(kaava_languages(), ", "), language_hint(code, kaava_languages())));
        } else if (std::ranges::find(languages, code) != languages.end()) {
          diagnostics.report(Rule::invalid_config, r.at(n), fmt::format("language '{}' is listed twice", code));
        } else {
          languages.emplace_back(code);
        }
      }
      if (languages.empty()) {
        diagnostics.report(Rule::invalid_config, r.at(e.key), r.value_at(e),
                           "'languages' needs at least one language code; the first is the default");
      } else {
        config.languages = std::move(languages);
        config.languages_written = true;
      }
    } else if (e.name == "sources") {
      std::vector<yaml::NodeId> items;
      if (!r.texts(e, &items)) continue;
      config.sources.clear();
      if (items.empty()) {
        diagnostics.report(Rule::invalid_config, r.at(e.key), r.value_at(e),
                           "'sources' is empty, so nothing would be validated; name at least one folder");
      }
      for (yaml::NodeId n : items) {
        std::string path(doc.scalar(n));
        while (path.size() > 1 && path.back() == '/') path.pop_back();
        if (!inside_repository(path)) {
          diagnostics.report(Rule::invalid_config, r.at(n),
                             fmt::format("source folder '{}' must be a relative path inside the repository", path));
          continue;
        }
        config.sources.push_back({std::move(path), r.at(n)});
      }
    } else if (e.name == "imports") {
      std::vector<yaml::NodeId> items;
      if (!r.texts(e, &items)) continue;
      for (yaml::NodeId n : items) config.imports.push_back({std::string(doc.scalar(n)), r.at(n)});
    } else if (e.name == "docs") {
      if (!r.expect_mapping(e.value, r.at(e.key), "'docs'")) continue;
      for (const yaml::Entry& f : r.entries(e.value, k_docs_keys, "'docs'")) {
        if (!r.text(f, &text)) continue;
        (f.name == "home" ? config.docs_home : config.docs_templates) = text;
        (f.name == "home" ? config.docs_home_at : config.docs_templates_at) = r.at(f.value);
      }
    } else if (e.name == "repository-url") {
      if (!r.text(e, &text)) continue;
      if (!text.starts_with("https://") && !text.starts_with("http://")) {
        diagnostics.report(Rule::invalid_config, r.at(e.key), r.at(e.value),
                           fmt::format("repository-url '{}' must start with https:// (the web address of the "
                                       "repository's files, such as https://github.com/ORG/REPO/blob/main)",
                                       text));
        continue;
      }
      config.repository_url = text;
    } else if (e.name == "namespace") {
      if (!r.text(e, &text)) continue;
      if (text.empty() || text.find('.') != std::string_view::npos || !is_valid_id(text)) {
        diagnostics.report(Rule::invalid_config, r.at(e.key), r.at(e.value),
                           fmt::format("namespace '{}' must be an id without dots, such as 'vet'", text));
        continue;
      }
      config.id_namespace = text;
      config.namespace_at = r.at(e.value);
    } else if (e.name == "limits") {
      if (!r.expect_mapping(e.value, r.at(e.key), "'limits'")) continue;
      config.limits_at = r.at(e.key);
      for (const yaml::Entry& f : r.entries(e.value, k_limit_keys, "'limits'")) {
        if (!r.text(f, &text)) continue;
        std::uint64_t n = 0;
        const bool is_size = f.name == "max-file-size";
        if (is_size) {
          n = parse_size(text);
        } else {
          const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
          if (ec != std::errc() || end != text.data() + text.size()) n = 0;
        }
        if (n == 0) {
          r.invalid_structure(f,
                              fmt::format("'{}' must be {}, not '{}'", f.name,
                                          is_size ? "a size such as 64MiB or 200 MB" : "a whole number above 0", text));
          continue;
        }
        if (f.name == "max-depth")
          config.limits.max_depth = static_cast<std::uint32_t>(std::min<std::uint64_t>(n, 1u << 20));
        if (f.name == "max-file-size") config.limits.max_file_size = n;
        if (f.name == "max-elements") config.limits.max_elements = n;
        if (f.name == "max-alias-expansion") config.limits.max_alias_expansion = n;
      }
    } else if (e.name == "rules") {
      if (doc.is_null(e.value)) continue;
      if (!r.expect_mapping(e.value, r.at(e.key), "'rules'")) continue;
      std::vector<std::string_view> rule_ids;
      for (const RuleInfo& info : all_rules()) rule_ids.push_back(info.id);
      for (auto [k, v] : doc.pairs(e.value)) {
        if (!doc.is_scalar(k)) {
          diagnostics.report(Rule::invalid_structure, r.at(k), "'rules' maps rule ids to severities");
          continue;
        }
        const std::string_view id = doc.scalar(k);
        const std::optional<Rule> rule = find_rule(id);
        if (!rule) {
          diagnostics.report(Rule::unknown_key, r.at(k),
                             fmt::format("unknown rule '{}' in 'rules'{}", id, did_you_mean(id, rule_ids)));
          continue;
        }
        const std::optional<Severity> severity = parse_severity(doc.scalar(v));
        if (!severity) {
          diagnostics.report(
              Rule::invalid_config, r.at(k), doc.is_null(v) ? r.at(k) : r.at(v),
              fmt::format("severity of '{}' must be error, warning, info or off, not '{}'", id, doc.scalar(v)));
          continue;
        }
        config.severity_overrides.push_back({*rule, *severity});
      }
    }
  }
  // Checked once `languages` is read, wherever it stands in the file.
  const std::vector<std::string_view> codes(config.languages.begin(), config.languages.end());
  for (const auto& [lang, at] : description_languages) {
    if (config.has_language(lang)) continue;
    diagnostics.report(Rule::unknown_key, at,
                       fmt::format("unknown language '{}' in 'description' (the repository's languages are {}){}", lang,
                                   fmt::join(config.languages, ", "), did_you_mean(lang, codes)));
  }
  return true;
}

bool read_repository_config(const FileSource& source, const std::filesystem::path& root, SourceFiles& files,
                            Diagnostics& diagnostics, Config& config, std::string* error) {
  config.root = root;
  const std::filesystem::path config_path = root / kConfigFileName;
  const std::uint32_t id = files.add(std::string(kConfigFileName), config_path, &source == &embedded_files());
  std::string read_error;
  if (files.read(id, source, Limits{}.max_file_size, &read_error) != ReadResult::ok) {
    *error = fmt::format("{}: {}", config_path.string(), read_error);
    return false;
  }
  if (!read_config(id, files, diagnostics, config)) {
    *error = "kaava.yaml cannot be used (see the findings above)";
    return false;
  }
  return true;
}

}  // namespace kaava
