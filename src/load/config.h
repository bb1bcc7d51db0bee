#pragma once
/// kaava.yaml: the repository's configuration.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "model/model.h"
#include "source/file_source.h"
#include "source/limits.h"
#include "source/source_files.h"

namespace kaava {

inline constexpr int kFormatVersion = 1;
inline constexpr std::string_view kConfigFileName = "kaava.yaml";

/// The keys of kaava.yaml, of its `docs:` and of its `limits:`.
inline constexpr std::string_view kConfigKeys[] = {"kaava",   "name",      "description", "metamodel",
                                                   "languages", "sources", "rules",       "imports",
                                                   "namespace", "limits",  "docs",        "repository-url"};
inline constexpr std::string_view kConfigDocsKeys[] = {"home", "templates"};
inline constexpr std::string_view kConfigLimitKeys[] = {"max-depth", "max-file-size", "max-elements",
                                                        "max-alias-expansion"};

struct SourceFolder {
  std::string path;  ///< relative to the repository root, '/'-separated
  SourceSpan at;     ///< where kaava.yaml names it (invalid for the default)
};

struct Import {
  std::string name;  ///< a built-in model (vet-reference) or a repository folder
  SourceSpan at;
};

struct Config {
  std::filesystem::path root;    ///< the repository root, absolute in its FileSource
  std::uint32_t file = kNoFile;  ///< kaava.yaml in SourceFiles, if there is one
  std::string name;
  /// `description:` of the model, a text or one per language (the home page
  /// of kaava docs). Its texts live in `description_texts`, shared by copies.
  LocalizedText description;
  std::shared_ptr<const std::vector<std::string>> description_texts;
  std::string metamodel = "vet";
  SourceSpan metamodel_at;        ///< the `metamodel` key in kaava.yaml
  SourceSpan metamodel_value_at;  ///< its value
  std::vector<std::string> languages = {"fi", "sv", "en"};
  bool languages_written = false;  ///< kaava.yaml lists them (missing-translation applies)
  std::vector<SourceFolder> sources = {{"model", {}}};
  std::vector<SeverityOverride> severity_overrides;
  std::vector<Import> imports;
  Limits limits;
  SourceSpan limits_at;  ///< the `limits` key, where exceeding one is reported
  /// Ids of this repository start with "<namespace>."; repositories that
  /// import it cannot define such ids.
  std::string id_namespace;
  SourceSpan namespace_at;
  /// `docs:` for kaava docs: the view whose page is the home page, and a
  /// folder of templates (relative to the root) that override the built-in.
  std::string docs_home, docs_templates;
  SourceSpan docs_home_at, docs_templates_at;
  /// The web address of the repository's files (`repository-url`): a
  /// source file's link is this, '/', and its path from the root.
  std::string repository_url;

  std::string_view default_language() const { return languages.front(); }
  bool has_language(std::string_view code) const;
};

/// Reads kaava.yaml (already in `files` as `file`) into `config`, keeping
/// defaults for what it leaves out. Problems are reported; returns false
/// only when the file cannot be used at all.
bool read_config(std::uint32_t file, SourceFiles& files, Diagnostics& diagnostics, Config& config);

/// Reads `root`/kaava.yaml from `source` into `config` (root included).
/// Returns false, with `error` set, when it cannot be read or used.
bool read_repository_config(const FileSource& source, const std::filesystem::path& root, SourceFiles& files,
                            Diagnostics& diagnostics, Config& config, std::string* error);

}  // namespace kaava
