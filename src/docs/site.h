#pragma once
/// `kaava docs`: the model as a static HTML site (or Markdown pages) for
/// the people who will never open the YAML. Pages come from Mustache
/// templates (templates/html/, templates/markdown/, overridable), are
/// built in parallel and written atomically into a folder of kaava's own.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "load/workspace.h"
#include "validate/validator.h"

namespace kaava {
class DrawingCache;
}

namespace kaava::docs {

struct DocsRequest {
  std::string format = "html";      ///< html or markdown
  std::string wiki;                 ///< markdown for a wiki: github or gitlab (flat, linked by page name); empty: files
  std::string language;             ///< a language of the repository, "all", or empty (the first)
  std::filesystem::path templates;  ///< overrides on disk; empty: kaava.yaml's docs.templates, if any
  const FileSource* source = nullptr;  ///< where the model was read (docs.templates too); nullptr: the disk
  std::string revision;                ///< --rev: the home page's last commits are of its history
  bool single_file = false;         ///< one self-contained HTML file (index.html)
  std::filesystem::path output;     ///< the folder written into
  bool force = false;               ///< write into a folder with other files in it
  unsigned threads = 0;             ///< pages rendered at once; 0: one per core
  /// Where the repository lies in its git repository ("arch/", or ""):
  /// source links (repository-url) name files from the git root.
  std::string source_prefix;
  /// Drawings to reuse and keep (kaava serve); nullptr: every view is drawn.
  DrawingCache* drawings = nullptr;
};

struct DocsResult {
  std::size_t pages = 0;  ///< files written
  std::size_t views = 0;  ///< views drawn by Graphviz
  double views_seconds = 0, pages_seconds = 0;
  std::vector<std::string> warnings;  ///< views' warnings, a missing git history
  std::vector<std::string> removed;   ///< pages an earlier run wrote that none produces now
  std::filesystem::path index;        ///< the start page
};

/// Builds the site of `ws` (whose findings are `report`). False, with
/// `error`, on a bad template, an unusable folder or a failed write.
bool build_docs(const Workspace& ws, const Report& report, const DocsRequest& request, DocsResult* result,
                std::string* error);

/// One language's HTML site (`request.language`, else the first) with its
/// pages made when they are asked for, not written anywhere: kaava serve.
/// Its views are drawn when it is made. `ws` and `report` must outlive it.
class LiveSite {
 public:
  /// Null, with `error`, on a bad template or a view Graphviz cannot draw.
  static std::unique_ptr<LiveSite> make(const Workspace& ws, const Report& report, const DocsRequest& request,
                                        std::string* error);
  ~LiveSite();
  LiveSite(const LiveSite&) = delete;
  LiveSite& operator=(const LiveSite&) = delete;

  /// The file at `path` ("index.html", "elements/app.sis.html",
  /// "assets/kaava.css"): false when the site has none (or, with `error`
  /// set, when a template fails). Safe to call from several threads.
  bool file(std::string_view path, std::string* bytes, std::string* error) const;
  /// How many views the site has (each drawn when a page shows it).
  std::size_t views() const;

 private:
  LiveSite();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kaava::docs
