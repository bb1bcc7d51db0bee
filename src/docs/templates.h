#pragma once
/// The templates of kaava docs: the built-in set (templates/html/ or
/// templates/markdown/, embedded) with any of them overridden by the files
/// of a folder (`--templates DIR`, kaava.yaml's `docs: { templates: }`).
/// Mustache (kainjow); a malformed template, a missing partial or partials
/// that include each other in a circle are errors naming the template, its
/// line and column, and the tag. The folder is read through a FileSource
/// (the working tree, or the git revision being documented).

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "source/file_source.h"

namespace kaava::docs {

/// Where override templates are read from.
struct TemplateFolder {
  const FileSource* source = nullptr;  ///< nullptr: the disk
  std::filesystem::path dir;           ///< empty: the built-in templates alone
  /// The folder that links in `dir` may lead into (the repository root for
  /// kaava.yaml's docs.templates); links out of it are not followed.
  std::filesystem::path bound;
};

/// The largest template or asset kaava reads.
constexpr std::uintmax_t k_max_template_bytes = 4u << 20;

class Templates {
 public:
  /// Loads the built-in `kind` ("html" or "markdown"), then the files of
  /// `folder` over it (its `kind` subfolder when it has html/ or
  /// markdown/); checks every template and partial.
  bool load(std::string_view kind, const TemplateFolder& folder, std::string* error);

  /// Renders the template `name` (without ".mustache") with `data`, its
  /// partials ({{> name}}) being the other templates. HTML templates escape
  /// for HTML, Markdown ones for Markdown.
  bool render(std::string_view name, kainjow::mustache::data data, std::string* out, std::string* error) const;

  /// A file that is not a template (a stylesheet, a script), or nullptr.
  const std::string* asset(std::string_view name) const;
  /// The names of the assets, sorted.
  std::vector<std::string> assets() const;

 private:
  struct File {
    std::string text;
    std::string shown;  ///< where it came from, for messages
  };
  bool read_folder(std::string_view kind, const TemplateFolder& folder, std::string* error);
  bool check(const File& f, std::string* error);
  bool check_cycles(std::string* error) const;
  std::map<std::string, File, std::less<>> templates_, assets_;
  std::set<std::string> partials_;  ///< the templates that others include
  /// Per template: the partials it includes, with their byte offsets.
  std::map<std::string, std::vector<std::pair<std::string, std::size_t>>, std::less<>> includes_;
  bool markdown_ = false;
};

}  // namespace kaava::docs
