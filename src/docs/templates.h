#pragma once
/// The templates of kaava docs: the built-in set (templates/html/ or
/// templates/markdown/, embedded) with any of them overridden by the files
/// of a folder (`--templates DIR`, kaava.yaml's `docs: { templates: }`).
/// Mustache (kainjow); a malformed template or a missing partial is an
/// error naming the template, its line and column, and the tag.

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

namespace kaava::docs {

class Templates {
 public:
  /// Loads the built-in `kind` ("html" or "markdown"), then the files of
  /// `dir` over it (when not empty); checks every template and partial.
  bool load(std::string_view kind, const std::filesystem::path& dir, std::string* error);

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
  bool check(const std::string& name, const File& f, std::string* error);
  std::map<std::string, File, std::less<>> templates_, assets_;
  std::set<std::string> partials_;  ///< the templates that others include
  bool markdown_ = false;
};

/// Escapes for Markdown text: what would start markup (* _ [ ] ` | # < >
/// and the backslash) gets a backslash or an entity.
std::string markdown_escape(const std::string& text);

}  // namespace kaava::docs
