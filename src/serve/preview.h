#pragma once
/// What kaava serve shows: the repository's site, made again after each
/// change. Loads through the fragment and parse caches, checks, and makes
/// a docs::LiveSite whose pages are made when a browser asks for them and
/// whose views Graphviz lays out again only when their drawing changed.
/// While the model has errors, the last site without them stays, under a
/// banner that lists the errors. Every build has a generation, named by a
/// token ("3f9a1c.4": this server's instance and the build's number, so
/// that a page served by an earlier run of the server is never taken as
/// current); an open page asks whether its bytes, or its pictures',
/// changed since the generation it was served from.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "docs/site.h"
#include "docs/templates.h"
#include "load/workspace.h"
#include "render/drawing_cache.h"
#include "source/remembered_disk.h"
#include "validate/validator.h"

namespace kaava::serve {

struct PreviewOptions {
  std::filesystem::path path = ".";  ///< the repository (a folder in it, or its kaava.yaml)
  std::string language;              ///< a language of the repository; empty: its first
  bool disk_cache = true;            ///< keep parses in .kaava-cache/
};

/// One error as the banner lists it.
struct BannerLine {
  std::string where;  ///< "model/apps.yaml:12:5", or "" for none
  std::string message;
  std::string rule;
};

/// What a rebuild did, for the terminal.
struct RebuildOutcome {
  std::uint64_t generation = 0;
  double seconds = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t views = 0;        ///< views in the site (drawn when a page shows them)
  bool kept_last_good = false;  ///< errors: the site is the last one without
};

/// A file as served.
struct Served {
  int status = 200;
  std::string type;  ///< its Content-Type
  std::string body;
  std::string location;  ///< where a redirect (302) leads
};

class Preview {
 public:
  explicit Preview(PreviewOptions options);

  /// Loads and checks the repository and makes its site again. The first
  /// build fails (false, with `error`) when there is no repository to
  /// show; a later one keeps the last site and lists why in the banner.
  bool rebuild(RebuildOutcome* outcome, std::string* error);

  /// The file at `path` in the current build ("" and folders: their
  /// index.html); 404 when there is none. Pages carry the banner while the
  /// model has errors, and the live script.
  Served get(std::string_view path) const;

  /// The site path a URL path names ("/", "/views/" -> index.html), or ""
  /// for one that is not a site path (a "..", a backslash, a NUL).
  static std::string site_path(std::string_view url_path);

  std::uint64_t generation() const;
  /// The token of generation `n` of this server.
  std::string token(std::uint64_t n) const;
  /// Waits until a build newer than `seen` is there, `timeout` passes or
  /// stop() is called; returns the current generation.
  std::uint64_t wait_newer(std::uint64_t seen, std::chrono::milliseconds timeout) const;
  /// Whether the page at site path `path` (or a picture it shows) reads
  /// differently now than in the build of token `then`: true when that
  /// build is not known (an older one, or another run's).
  bool changed(std::string_view path, std::string_view then) const;
  /// Ends every wait_newer.
  void stop();
  bool stopped() const;

  /// The repository's root, once loaded (absolute, normal).
  const std::filesystem::path& root() const { return root_; }

 private:
  /// A site and what it was made from (it refers to both).
  struct SiteState {
    std::shared_ptr<const Workspace> ws;
    std::shared_ptr<const Report> report;
    std::unique_ptr<docs::LiveSite> site;
  };
  struct Build {
    std::uint64_t generation = 0;
    std::shared_ptr<const SiteState> state;
    std::vector<BannerLine> errors;
    std::size_t more_errors = 0;  ///< errors beyond those listed
    bool stale = false;           ///< the site is of an earlier model
    /// Pages as made in this build (banner included, live script not).
    mutable std::mutex mutex;
    mutable std::map<std::string, std::shared_ptr<const std::string>, std::less<>> pages;
  };
  std::shared_ptr<const Build> current() const;
  /// The site paths of the pictures a page shows (<img src> of the site).
  static std::vector<std::string> pictures_of(std::string_view page_path, std::string_view html);
  std::shared_ptr<const Build> build_of(std::uint64_t generation) const;
  /// The page or file `path` of `build` without the live script; null when none.
  std::shared_ptr<const std::string> made(const Build& build, std::string_view path, std::string* type) const;
  std::string banner(const Build& build) const;

  PreviewOptions options_;
  RememberedDisk disk_;  ///< files not changed since the last build are not read again
  FragmentCache fragments_;
  DrawingCache drawings_;
  docs::Templates chrome_;  ///< templates/serve/: the banner and the live script
  std::filesystem::path root_;
  std::vector<std::string> languages_;
  std::shared_ptr<const SiteState> last_good_;
  std::string language_;
  std::string instance_;  ///< this server's part of the generation tokens

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<std::shared_ptr<const Build>> builds_;  ///< the latest last
  std::uint64_t generation_ = 0;
  bool stopped_ = false;
};

}  // namespace kaava::serve
