#include "docs/site.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "docs/markup.h"
#include "docs/pages.h"
#include "docs/templates.h"
#include "render/render.h"
#include "util/output_folder.h"
#include "util/subprocess.h"
#include "views/view_content.h"

namespace kaava::docs {

namespace fs = std::filesystem;

// Named, not anonymous: LiveSite::Impl (declared in site.h) holds a
// Builder and a Tree.
namespace building {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

/// The last commit of each of the repository's own model files, from one
/// `git log` of `revision` (HEAD when empty; none outside git). With -z,
/// file names come as they are (ä.yaml, names with quotes), not quoted.
std::vector<FileChange> last_changes(const Workspace& ws, const std::string& revision) {
  std::vector<FileChange> out;
  std::error_code ec;
  if (!fs::is_directory(ws.config.root, ec)) return out;
  std::vector<std::string> argv = {"git",         "-C",         ws.config.root.string(),
                                   "log",         "-z",         "--relative",
                                   "--format=%x1e%h%x1f%cs%x1f%an", "--name-only", "--no-renames"};
  if (!revision.empty()) argv.push_back(revision);
  argv.emplace_back("--");
  const ProcessResult git = run_process(argv);
  if (!git.started || git.exit_code != 0) return out;
  std::map<std::string, FileChange> first;
  std::size_t at = 0;
  while ((at = git.out.find('\x1e', at)) != std::string::npos) {
    const std::size_t end = std::min(git.out.find('\x1e', at + 1), git.out.size());
    const std::string_view record = std::string_view(git.out).substr(at + 1, end - at - 1);
    at = end;
    // "hash\x1fdate\x1fauthor\0\nfile\0file\0"
    const std::size_t head_end = std::min(record.find('\0'), record.size());
    const std::string_view head = record.substr(0, head_end);
    const std::size_t a = head.find('\x1f'), b = head.find('\x1f', a + 1);
    if (a == std::string_view::npos || b == std::string_view::npos) continue;
    FileChange c{"", std::string(head.substr(0, a)), std::string(head.substr(a + 1, b - a - 1)),
                 std::string(head.substr(b + 1))};
    std::size_t p = head_end + 1;
    while (p < record.size()) {
      if (record[p] == '\n') {
        ++p;
        continue;
      }
      const std::size_t q = std::min(record.find('\0', p), record.size());
      c.file = std::string(record.substr(p, q - p));
      first.try_emplace(c.file, c);
      p = q + 1;
    }
  }
  for (std::uint32_t f : ws.model_files) {
    if (ws.files[f].imported || ws.files[f].embedded) continue;
    const auto it = first.find(ws.files[f].path);
    if (it != first.end()) out.push_back(it->second);
  }
  return out;
}

/// A page to build: where it goes, its template, and its data.
struct Page {
  std::string path;
  std::string tmpl;
  std::function<mu::data()> data;
  std::string title;
};

/// One language's site, ready to be made: what its pages show, their plan,
/// and its views' SVG files (by path in the site), drawn up front, or
/// (`lazy`, kaava serve) when first asked for.
struct Tree {
  std::unique_ptr<Site> site;
  std::vector<Page> pages;
  std::vector<std::pair<std::string, std::string>> pictures;
  std::vector<std::string> inline_svgs;  ///< per own view, for its page
  bool lazy = false;
  /// Lazy: each view's picture once drawn (the SVG file, and inline).
  struct Drawn {
    std::string file, inline_svg, error;
  };
  std::mutex mutex;
  std::map<std::size_t, std::shared_ptr<const Drawn>> drawn;
};

/// Graphviz's SVG for inside a page: no XML prologue; the view's name as
/// the picture's title; no <title>s of Graphviz's own names on nodes and
/// edges (a tooltip "e:app.sis->e:vet.koski"); and no ids on groups
/// (graph0, node1), which would repeat where one page holds several views.
std::string inline_svg(const std::string& svg, const std::string& name) {
  std::string_view in(svg);
  const std::size_t start = in.find("<svg");
  if (start == std::string_view::npos) return svg;
  in.remove_prefix(start);
  std::string out;
  out.reserve(in.size());
  bool first_title = true;
  while (!in.empty()) {
    const std::size_t title = in.find("<title>"), group = in.find("<g id=\"");
    const std::size_t next = std::min(title, group);
    if (next == std::string_view::npos) {
      out += in;
      break;
    }
    out += in.substr(0, next);
    in.remove_prefix(next);
    if (next == title) {
      const std::size_t end = in.find("</title>");
      if (end == std::string_view::npos) break;
      if (first_title) out += "<title>" + html(name) + "</title>";
      first_title = false;
      in.remove_prefix(end + 8);
      // The line the title was on goes too.
      if (!in.empty() && in.front() == '\n' && !out.empty() && out.back() == '\n') in.remove_prefix(1);
    } else {
      const std::size_t quote = in.find('"', 7);
      if (quote == std::string_view::npos) break;
      out += "<g";
      in.remove_prefix(quote + 1);
    }
  }
  return out;
}

class Builder {
 public:
  Builder(const Workspace& ws, const Report& report, const DocsRequest& request, DocsResult* result)
      : ws_(ws), report_(report), request_(request), result_(result) {}

  bool run(std::string* error) {
    const bool markdown = request_.format == "markdown";
    if (!load_templates(error)) return false;
    if (!folder_.open(request_.output, "docs", OutputFolder::Use::own, request_.force, error)) return false;
    changes_ = last_changes(ws_, request_.revision);
    std::vector<std::string> languages;
    if (request_.language == "all") {
      languages = ws_.config.languages;
    } else {
      languages.push_back(request_.language.empty() ? std::string(ws_.config.default_language()) : request_.language);
    }
    const bool trees = languages.size() > 1;
    const Paths::Wiki wiki = wiki_kind();
    // A wiki is one namespace: a language's pages are named "sv-...", not put in a folder.
    const std::string separator = wiki != Paths::Wiki::none ? "-" : "/";
    for (const std::string& lang : languages) {
      if (!tree(lang, trees ? lang + separator : "", trees ? languages : std::vector<std::string>{}, error)) {
        return false;
      }
    }
    std::string index = markdown ? "index.md" : "index.html";
    if (wiki != Paths::Wiki::none) {
      index = Paths::wiki_home(wiki) + ".md";
      if (!write(Paths::wiki_sidebar(wiki), sidebar_, error)) return false;
    }
    if (trees) {
      const std::string first = languages.front();
      std::string text;
      if (wiki != Paths::Wiki::none) {
        for (const std::string& l : languages) text += fmt::format("- [{0}]({0}-{1})\n", l, Paths::wiki_home(wiki));
      } else if (markdown) {
        for (const std::string& l : languages) text += fmt::format("- [{0}]({0}/index.md)\n", l);
      } else {
        text = fmt::format(
            "<!DOCTYPE html>\n<html lang=\"{0}\"><head><meta charset=\"utf-8\"><title>{1}</title>"
            "<meta http-equiv=\"refresh\" content=\"0; url={0}/index.html\"></head>"
            "<body><ul>{2}</ul></body></html>\n",
            first, html(ws_.config.name), [&] {
              std::string items;
              for (const std::string& l : languages)
                items += fmt::format("<li><a href=\"{0}/index.html\">{0}</a></li>", l);
              return items;
            }());
      }
      if (!write(index, text, error)) return false;
    }
    result_->index = request_.output / index;
    return folder_.finish("*", &result_->removed, error);
  }

 private:
  bool write(const std::string& name, std::string_view bytes, std::string* error) {
    std::lock_guard lock(mutex_);
    if (!folder_.write(name, bytes, error)) return false;
    ++result_->pages;
    return true;
  }

  /// One language's site, under `prefix`: what its pages show, its views
  /// drawn, its pages planned (not yet made).
  bool prepare(const std::string& lang, const std::vector<std::string>& languages, const std::string& prefix,
               Tree* tree, std::string* error, bool lazy = false) {
    const bool markdown = request_.format == "markdown";
    const bool single = request_.single_file && !markdown;
    const Paths::Wiki wiki = wiki_kind();
    std::shared_ptr<const Paths::Names> element_names, view_names;
    if (wiki != Paths::Wiki::none) {
      std::vector<std::string_view> ids;
      for (const Element& el : ws_.model.elements()) ids.push_back(el.id);
      element_names = Paths::wiki_names(ids);
      ids.clear();
      for (const View& v : ws_.model.views()) ids.push_back(v.id);
      view_names = Paths::wiki_names(ids);
    }
    tree->site.reset(new Site{ws_,
                              report_,
                              builtin_notation(),
                              builtin_words(),
                              lang,
                              Paths(markdown, single, wiki, wiki != Paths::Wiki::none ? prefix : std::string(),
                                    element_names, view_names),
                              languages,
                              {},
                              {},
                              {},
                              changes_,
                              KAAVA_VERSION,
                              request_.source_prefix});
    Site& site = *tree->site;
    const Model& model = ws_.model;
    site.views_of.assign(model.elements().size(), {});
    for (std::uint32_t v = 0; v < model.views().size(); ++v) {
      if (ws_.files[model.views()[v].at.file].imported) continue;
      site.views.push_back(v);
      site.overview = site.overview || (!ws_.config.docs_home.empty() && model.views()[v].id == ws_.config.docs_home);
    }
    // The views, drawn by Graphviz one after another (each in a process of
    // its own; a fork while other threads allocate is not to be trusted).
    const auto drawing = Clock::now();
    RenderRequest draw;
    draw.format = "svg";
    draw.language = lang;
    draw.drawings = request_.drawings;
    const std::size_t count = site.views.size();
    for (std::size_t k = 0; k < count; ++k) {
      for (std::uint32_t e : resolve_shown(model.views()[site.views[k]])) {
        site.views_of[e].push_back(static_cast<std::uint32_t>(k));
      }
    }
    tree->lazy = lazy;
    if (lazy) {
      result_->views = count;
      site.svg = [this, tree](std::size_t k) {
        const std::shared_ptr<const Tree::Drawn> d = drawn(*tree, k);
        return d == nullptr ? std::string() : d->inline_svg;
      };
      tree->pages = plan(site);
      return true;
    }
    site.svg = [tree](std::size_t k) { return k < tree->inline_svgs.size() ? tree->inline_svgs[k] : std::string(); };
    std::vector<RenderedView> done(count);
    std::vector<std::string> svgs(count), errors(count);
    std::vector<char> drawn(count, 0);
    std::atomic<std::size_t> next{0};
    const auto worker = [&] {
      for (std::size_t k = next++; k < count; k = next++) {
        const View& view = model.views()[site.views[k]];
        const auto link = [&site, &view](std::string_view id) { return site.paths.picture_link(view.id, id); };
        drawn[k] = draw_view(ws_, view, draw, link, &done[k], &svgs[k], &errors[k]) ? 1 : 0;
      }
    };
    worker();
    for (std::size_t k = 0; k < count; ++k) {
      const View& view = model.views()[site.views[k]];
      if (drawn[k] == 0) {
        *error = errors[k];
        return false;
      }
      for (const std::string& w : done[k].warnings) {
        result_->warnings.push_back(fmt::format("view '{}': {}", view.id, w));
      }
      const std::string_view shown_name = view.name.get(lang);
      tree->inline_svgs.push_back(
          markdown ? std::string() : inline_svg(svgs[k], std::string(shown_name.empty() ? view.id : shown_name)));
      if (!single) tree->pictures.emplace_back(site.paths.picture(view.id), std::move(svgs[k]));
      ++result_->views;
    }
    result_->views_seconds += seconds_since(drawing);
    tree->pages = plan(site);
    return true;
  }

  /// One language's pages, under `prefix`.
  bool tree(const std::string& lang, const std::string& prefix, const std::vector<std::string>& languages,
            std::string* error) {
    const bool markdown = request_.format == "markdown";
    const bool single = request_.single_file && !markdown;
    const Paths::Wiki wiki = wiki_kind();
    Tree prepared;
    if (!prepare(lang, languages, prefix, &prepared, error)) return false;
    for (const auto& [path, svg] : prepared.pictures) {
      if (!write(prefix + path, svg, error)) return false;
    }
    const Site& site = *prepared.site;
    const std::vector<Page>& pages = prepared.pages;

    const auto building = Clock::now();
    std::vector<std::string> bodies(pages.size());
    std::vector<std::string> errors(pages.size());
    std::atomic<std::size_t> next{0};
    const auto worker = [&] {
      for (std::size_t i = next++; i < pages.size(); i = next++) {
        if (!templates_.render(pages[i].tmpl, pages[i].data(), &bodies[i], &errors[i])) continue;
      }
    };
    run_in_parallel(pages.size(), worker);
    for (const std::string& e : errors) {
      if (!e.empty()) {
        *error = e;
        return false;
      }
    }
    if (markdown) {
      for (std::size_t i = 0; i < pages.size(); ++i) {
        mu::data d = common(site, pages[i].path, pages[i].title);
        d.set("content", bodies[i]);
        std::string page;
        if (!templates_.render("layout", d, &page, error)) return false;
        if (!write(prefix + pages[i].path, page, error)) return false;
      }
      // A wiki's sidebar: one for the wiki, each language's navigation in it.
      if (wiki != Paths::Wiki::none) {
        const std::string home = site.paths.page("index");
        mu::data d = common(site, home, ws_.config.name);
        put(d, "home_href", site.paths.link(home, home));
        std::string sidebar;
        if (!templates_.render("sidebar", d, &sidebar, error)) return false;
        sidebar_ += (sidebar_.empty() ? "" : "\n") + sidebar;
      }
    } else if (single) {
      // The home page last: the stylesheet hides it when another page is
      // the address's target (a later sibling of it).
      std::string content;
      std::vector<std::size_t> order;
      for (std::size_t i = 0; i < pages.size(); ++i) {
        if (pages[i].path != "index.html") order.push_back(i);
      }
      for (std::size_t i = 0; i < pages.size(); ++i) {
        if (pages[i].path == "index.html") order.push_back(i);
      }
      for (std::size_t i : order) {
        content += fmt::format("<section class=\"page{}\" id=\"{}\" aria-label=\"{}\">\n{}</section>\n",
                               pages[i].path == "index.html" ? " home" : "", Paths::anchor(pages[i].path),
                               html(pages[i].title), bodies[i]);
      }
      mu::data d = common(site, "index.html", ws_.config.name.empty() ? site.w("home") : ws_.config.name);
      d.set("content", content);
      d.set("single", true);
      d.set("inline_css", asset("kaava.css"));
      d.set("inline_js", asset("kaava.js"));
      d.set("inline_index", search_index(site));
      std::string page;
      if (!templates_.render("layout", d, &page, error)) return false;
      if (!write(prefix + "index.html", page, error)) return false;
    } else {
      std::vector<std::string> full(pages.size());
      for (std::size_t i = 0; i < pages.size(); ++i) {
        mu::data d = common(site, pages[i].path, pages[i].title);
        d.set("content", bodies[i]);
        if (!templates_.render("layout", d, &full[i], error)) return false;
      }
      for (std::size_t i = 0; i < pages.size(); ++i) {
        if (!write(prefix + pages[i].path, full[i], error)) return false;
      }
      for (const std::string& name : templates_.assets()) {
        if (!write(std::string(prefix).append("assets/").append(name), *templates_.asset(name), error)) return false;
      }
      if (!write(prefix + "assets/search-index.js", search_index(site), error)) return false;
    }
    result_->pages_seconds += seconds_since(building);
    return true;
  }

 public:
  /// kaava serve's site: the templates and one language's tree, nothing written.
  bool prepare_live(Tree* tree, std::string* error) {
    if (!load_templates(error)) return false;
    changes_ = last_changes(ws_, request_.revision);
    const std::string lang = request_.language.empty() ? std::string(ws_.config.default_language()) : request_.language;
    return prepare(lang, {}, "", tree, error, true);
  }

  /// A lazy tree's view `k`, drawn now unless it was before (through the
  /// request's DrawingCache, Graphviz lays out only a changed drawing).
  std::shared_ptr<const Tree::Drawn> drawn(Tree& tree, std::size_t k) const {
    const Site& site = *tree.site;
    if (k >= site.views.size()) return nullptr;
    {
      const std::lock_guard lock(tree.mutex);
      if (const auto it = tree.drawn.find(k); it != tree.drawn.end()) return it->second;
    }
    const View& view = ws_.model.views()[site.views[k]];
    RenderRequest draw;
    draw.format = "svg";
    draw.language = site.lang;
    draw.drawings = request_.drawings;
    RenderedView done;
    auto d = std::make_shared<Tree::Drawn>();
    const auto link = [&site, &view](std::string_view id) { return site.paths.picture_link(view.id, id); };
    if (draw_view(ws_, view, draw, link, &done, &d->file, &d->error)) {
      const std::string_view shown_name = view.name.get(site.lang);
      d->inline_svg = inline_svg(d->file, std::string(shown_name.empty() ? view.id : shown_name));
    } else {
      d->inline_svg = "<p class=\"error\">" + html(d->error) + "</p>";
    }
    const std::lock_guard lock(tree.mutex);
    return tree.drawn.try_emplace(k, std::move(d)).first->second;
  }

  /// A file of a prepared HTML tree: a page made now, a view's picture, an
  /// asset or the search index. False when the tree has no such file.
  bool live_file(Tree& tree, std::string_view path, std::string* out, std::string* error) const {
    const Site& site = *tree.site;
    for (std::size_t k = 0; tree.lazy && k < site.views.size(); ++k) {
      if (site.paths.picture(ws_.model.views()[site.views[k]].id) != path) continue;
      const std::shared_ptr<const Tree::Drawn> d = drawn(tree, k);
      if (!d->error.empty()) {
        *error = d->error;
        return false;
      }
      *out = d->file;
      return true;
    }
    for (const Page& page : tree.pages) {
      if (page.path != path) continue;
      std::string body;
      if (!templates_.render(page.tmpl, page.data(), &body, error)) return false;
      mu::data d = common(site, page.path, page.title);
      d.set("content", body);
      return templates_.render("layout", d, out, error);
    }
    for (const auto& [picture, svg] : tree.pictures) {
      if (picture != path) continue;
      *out = svg;
      return true;
    }
    if (path == "assets/search-index.js") {
      *out = search_index(site);
      return true;
    }
    if (path.starts_with("assets/")) {
      if (const std::string* a = templates_.asset(path.substr(7)); a != nullptr) {
        *out = *a;
        return true;
      }
    }
    return false;
  }

 private:
  /// The built-in templates with the repository's or --templates' over them.
  bool load_templates(std::string* error) {
    // --templates is a folder on disk; kaava.yaml's docs.templates is the
    // repository's, read from where the model was (a revision, the index).
    TemplateFolder folder{nullptr, request_.templates, request_.templates};
    if (folder.dir.empty() && !ws_.config.docs_templates.empty()) {
      folder = {request_.source, ws_.config.root / ws_.config.docs_templates, ws_.config.root};
    }
    return templates_.load(request_.format == "markdown" ? "markdown" : "html", folder, error);
  }

  /// Runs `worker` on as many threads as there are cores (or --threads),
  /// at most one per item, this one included.
  void run_in_parallel(std::size_t items, const std::function<void()>& worker) const {
    unsigned threads = request_.threads > 0 ? request_.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, items)));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool) t.join();
  }

  Paths::Wiki wiki_kind() const {
    return request_.wiki == "github"   ? Paths::Wiki::github
           : request_.wiki == "gitlab" ? Paths::Wiki::gitlab
                                       : Paths::Wiki::none;
  }

  std::string asset(const std::string& name) const {
    const std::string* a = templates_.asset(name);
    return a == nullptr ? std::string() : *a;
  }

  std::vector<std::uint32_t> resolve_shown(const View& view) const {
    return resolve_view(ws_.model, ws_.metamodel, view).elements;
  }

  /// Every page of one tree, in a fixed order.
  std::vector<Page> plan(const Site& site) const {
    const Model& model = ws_.model;
    const Metamodel& mm = ws_.metamodel;
    const Paths& p = site.paths;
    std::vector<Page> pages;
    const auto add = [&](const std::string& path, std::string tmpl, std::string title,
                         std::function<mu::data(const std::string&)> f) {
      Page page{path, std::move(tmpl), {}, std::move(title)};
      page.data = [f = std::move(f), path] { return f(path); };
      pages.push_back(std::move(page));
    };
    const std::string home_title = ws_.config.name.empty() ? site.w("home") : ws_.config.name;
    // The home page, or the view kaava.yaml names (docs: { home: }), with
    // the overview then on a page of its own.
    std::size_t home_view = site.views.size();
    for (std::size_t k = 0; k < site.views.size(); ++k) {
      if (!ws_.config.docs_home.empty() && model.views()[site.views[k]].id == ws_.config.docs_home) home_view = k;
    }
    if (home_view < site.views.size()) {
      add(p.page("index"), "view", home_title,
          [&site, home_view](const std::string& path) { return view_page(site, home_view, path); });
      add(p.page("overview"), "home", home_title, [&site](const std::string& path) { return home_page(site, path); });
    } else {
      add(p.page("index"), "home", home_title, [&site](const std::string& path) { return home_page(site, path); });
    }
    add(p.page("views"), "views", site.w("views"), [&site](const std::string& path) { return home_page(site, path); });
    add(p.page("elements"), "catalogue", site.w("elements"),
        [&site](const std::string& path) { return elements_page(site, path); });
    std::vector<bool> layer_used(mm.layers.size(), false), type_used(mm.element_types.size(), false);
    for (const Element& el : model.elements()) {
      if (el.type == kNoType) continue;
      type_used[el.type] = true;
      layer_used[mm.element_types[el.type].layer] = true;
    }
    for (std::size_t i = 0; i < mm.layers.size(); ++i) {
      const auto l = static_cast<std::uint16_t>(i);
      if (!layer_used[l]) continue;
      add(p.layer(mm.layers[l].id), "catalogue", std::string(mm.layers[l].label.get(site.lang)),
          [&site, l](const std::string& path) { return layer_page(site, l, path); });
    }
    for (std::uint32_t t = 0; t < mm.element_types.size(); ++t) {
      if (!type_used[t]) continue;
      add(p.type(mm.element_types[t].id), "catalogue", std::string(mm.element_types[t].label.get(site.lang)),
          [&site, t](const std::string& path) { return type_page(site, t, path); });
    }
    for (std::uint32_t e = 0; e < model.elements().size(); ++e) {
      add(p.element(model.element(e).id), "element", site.name(e),
          [&site, e](const std::string& path) { return element_page(site, e, path); });
    }
    for (std::size_t k = 0; k < site.views.size(); ++k) {
      const View& view = model.views()[site.views[k]];
      const std::string_view n = view.name.get(site.lang);
      add(p.view(view.id), "view", std::string(n.empty() ? view.id : n),
          [&site, k](const std::string& path) { return view_page(site, k, path); });
    }
    add(p.page("metamodel"), "metamodel", site.w("metamodel"),
        [&site](const std::string& path) { return metamodel_page(site, path); });
    add(p.page("rules"), "rules", site.w("rules"), [&site](const std::string& path) { return rules_page(site, path); });
    add(p.page("findings"), "findings", site.w("findings"),
        [&site](const std::string& path) { return findings_page(site, path); });
    if (!p.markdown()) {
      add(p.page("search"), "search", site.w("search"),
          [&site](const std::string& path) { return search_page(site, path); });
    }
    return pages;
  }

  const Workspace& ws_;
  const Report& report_;
  const DocsRequest& request_;
  DocsResult* result_;
  Templates templates_;
  OutputFolder folder_;
  std::mutex mutex_;
  std::vector<FileChange> changes_;
  std::string sidebar_;  ///< a wiki's sidebar, a part per language
};

}  // namespace building

bool build_docs(const Workspace& ws, const Report& report, const DocsRequest& request, DocsResult* result,
                std::string* error) {
  building::Builder builder(ws, report, request, result);
  return builder.run(error);
}

struct LiveSite::Impl {
  Impl(const Workspace& ws, const Report& report, DocsRequest r)
      : request(std::move(r)), builder(ws, report, request, &result) {}
  DocsRequest request;
  DocsResult result;
  building::Builder builder;
  building::Tree tree;
};

LiveSite::LiveSite() = default;
LiveSite::~LiveSite() = default;

std::unique_ptr<LiveSite> LiveSite::make(const Workspace& ws, const Report& report, const DocsRequest& request,
                                         std::string* error) {
  std::unique_ptr<LiveSite> site(new LiveSite);
  DocsRequest html = request;
  html.format = "html";
  html.wiki.clear();
  html.single_file = false;
  site->impl_ = std::make_unique<Impl>(ws, report, std::move(html));
  if (!site->impl_->builder.prepare_live(&site->impl_->tree, error)) return nullptr;
  return site;
}

bool LiveSite::file(std::string_view path, std::string* bytes, std::string* error) const {
  return impl_->builder.live_file(impl_->tree, path, bytes, error);
}

std::size_t LiveSite::views() const { return impl_->result.views; }

}  // namespace kaava::docs
