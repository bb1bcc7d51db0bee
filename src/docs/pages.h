#pragma once
/// What each page of kaava docs shows, as Mustache data (docs/templates.md
/// lists every variable): built from the model, one page at a time, so
/// that pages can be built in parallel.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "load/workspace.h"
#include "metamodel/words.h"
#include "render/notation.h"
#include "validate/validator.h"

namespace kaava::docs {

namespace mu = kainjow::mustache;

/// Sets `key`: an empty text as false, so that {{#key}} sections of
/// optional values are skipped as well as the values.
inline void put(mu::data& d, const std::string& key, const std::string& value) {
  if (value.empty()) {
    d.set(key, false);
  } else {
    d.set(key, value);
  }
}
inline void put(mu::data& d, const std::string& key, const mu::data& value) { d.set(key, value); }
inline void put(mu::data& d, const std::string& key, bool value) { d.set(key, value); }

/// Where pages go and how one links to another: relative paths, or
/// anchors in one file (single-file), or Markdown pages: in folders, or
/// flat for a wiki, whose pages are one namespace linked by name.
class Paths {
 public:
  enum class Wiki : std::uint8_t { none, github, gitlab };
  /// Page names in a wiki, per element and view id.
  using Names = std::map<std::string, std::string, std::less<>>;
  /// `tree` is the tree's prefix in a wiki ("sv-" under --lang all), and
  /// `names` (for a wiki) the page name of each element and view id.
  Paths(bool markdown, bool single, Wiki wiki = Wiki::none, std::string tree = {},
        std::shared_ptr<const Names> elements = {}, std::shared_ptr<const Names> views = {})
      : markdown_(markdown || wiki != Wiki::none),
        single_(single),
        wiki_(wiki),
        tree_(std::move(tree)),
        element_names_(std::move(elements)),
        view_names_(std::move(views)) {}
  /// Page names for a wiki: an id's dots become '-' (a wiki reads
  /// "app.sis" as a file with the extension ".sis"), and ids that would
  /// then share a name each get a hash of themselves.
  static std::shared_ptr<const Names> wiki_names(std::span<const std::string_view> ids);
  std::string ext() const { return markdown_ ? ".md" : ".html"; }
  std::string element(std::string_view id) const;
  std::string view(std::string_view id) const;
  std::string picture(std::string_view id) const;  ///< a view's SVG file
  std::string layer(std::string_view id) const;
  std::string type(std::string_view id) const;
  /// A page of its own: index (a wiki's home page), views, rules ...
  std::string page(std::string_view name) const;
  /// The link from page `from` to page `to` (both paths in the site).
  std::string link(std::string_view from, std::string_view to) const;
  /// The same page in the tree of language `code` (--lang all).
  std::string in_language(std::string_view path, std::string_view code) const;
  /// "../" for each folder `from` is in.
  static std::string root(std::string_view from);
  /// A page's anchor in a single file: its path without the extension.
  static std::string anchor(std::string_view path);
  /// The home page's name in `wiki` ("Home" on GitHub, "home" on GitLab).
  static std::string wiki_home(Wiki wiki);
  /// The sidebar's file in `wiki` (_Sidebar.md, _sidebar.md).
  static std::string wiki_sidebar(Wiki wiki);
  bool single() const { return single_; }
  bool markdown() const { return markdown_; }
  Wiki wiki() const { return wiki_; }
  /// The link from the picture of view `view` to the page of element `element`.
  std::string picture_link(std::string_view view, std::string_view element) const;

 private:
  std::string stem(std::string_view id, const std::shared_ptr<const Names>& names) const;

  bool markdown_, single_;
  Wiki wiki_;
  std::string tree_;
  std::shared_ptr<const Names> element_names_, view_names_;
};

/// A model file's last commit (kaava docs reads them with git log).
struct FileChange {
  std::string file, commit, date, author;
};

/// Everything the pages share.
struct Site {
  const Workspace& ws;
  const Report& report;
  const Notation& notation;
  const Words& words;
  std::string lang;
  Paths paths;
  std::vector<std::string> languages;                ///< the trees of --lang all (empty: one tree)
  std::vector<std::uint32_t> views;                  ///< the repository's own views (indices)
  /// Per own view (by its place in `views`): its picture, inline (HTML),
  /// or "" (Markdown). Drawn up front for kaava docs, when asked for by kaava serve.
  std::function<std::string(std::size_t)> svg;
  std::vector<std::vector<std::uint32_t>> views_of;  ///< per element: the own views showing it
  std::vector<FileChange> changes;
  std::string version;
  std::string source_prefix;  ///< DocsRequest::source_prefix
  bool overview = false;      ///< a view is the home page (docs.home): the overview has a page of its own

  std::string w(std::string_view key) const;
  std::string name(std::uint32_t element) const;  ///< in the page's language, else its id
  /// A view's viewpoint by its label in the page's language (its id when unknown).
  std::string viewpoint(const View& view) const;
};

/// The data every page has: title, root, the navigation, the words (`w`).
mu::data common(const Site& site, const std::string& path, const std::string& title);

mu::data home_page(const Site& site, const std::string& path);
mu::data element_page(const Site& site, std::uint32_t element, const std::string& path);
mu::data view_page(const Site& site, std::size_t k, const std::string& path);
mu::data elements_page(const Site& site, const std::string& path);
mu::data layer_page(const Site& site, std::uint16_t layer, const std::string& path);
mu::data type_page(const Site& site, std::uint32_t type, const std::string& path);
mu::data metamodel_page(const Site& site, const std::string& path);
mu::data rules_page(const Site& site, const std::string& path);
mu::data findings_page(const Site& site, const std::string& path);
mu::data search_page(const Site& site, const std::string& path);

/// The search index as a script (window.KAAVA_INDEX): every element and
/// view with its page, names, type and the text it is found by (folded:
/// lower case, accents off, so that "a" finds "ä").
std::string search_index(const Site& site);

}  // namespace kaava::docs
