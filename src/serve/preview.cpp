#include "serve/preview.h"

#include <algorithm>
#include <charconv>
#include <random>

#include <fmt/format.h>

#include "docs/markup.h"
#include "docs/pages.h"
#include "load/languages.h"
#include "metamodel/words.h"

namespace kaava::serve {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

/// Builds kept for pages open in a browser to compare against.
constexpr std::size_t k_builds_kept = 8;
/// Errors the banner lists; the rest are counted.
constexpr std::size_t k_banner_errors = 10;

std::string content_type(std::string_view path) {
  const std::string_view ext = path.substr(std::min(path.size(), path.rfind('.') == std::string_view::npos
                                                                       ? path.size()
                                                                       : path.rfind('.')));
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".json") return "application/json";
  return "application/octet-stream";
}

std::string where(const Workspace& ws, const SourceSpan& at) {
  if (!at.valid() || at.file >= ws.files.size()) return {};
  return fmt::format("{}:{}:{}", ws.files[at.file].path, at.line, at.column);
}

/// The model's errors as the banner lists them: every error-level finding
/// (and, for a repository that could not be read, why).
std::vector<BannerLine> errors_of(const Workspace& ws, const Report* report) {
  std::vector<BannerLine> out;
  const std::vector<Diagnostic>& items = report != nullptr ? report->diagnostics : ws.diagnostics.items();
  for (const Diagnostic& d : items) {
    if (d.severity != Severity::error) continue;
    out.push_back({where(ws, d.at), d.message, std::string(rule_info(d.rule).id)});
  }
  if (!ws.loaded && out.empty()) out.push_back({"", ws.error, ""});
  return out;
}

}  // namespace

Preview::Preview(PreviewOptions options) : options_(std::move(options)) {
  std::random_device random;
  instance_ = fmt::format("{:08x}", random());
}

std::string Preview::token(std::uint64_t n) const { return fmt::format("{}.{}", instance_, n); }

std::string Preview::site_path(std::string_view url_path) {
  if (url_path.empty() || url_path.front() != '/') return {};
  std::string_view rest = url_path.substr(1);
  if (rest.find('\\') != std::string_view::npos || rest.find('\0') != std::string_view::npos) return {};
  std::string out;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (part == ".." || part == ".") return {};
    if (part.empty()) continue;  // "//"
    if (!out.empty()) out += '/';
    out += part;
  }
  if (out.empty() || url_path.back() == '/') out += out.empty() ? "index.html" : "/index.html";
  return out;
}

bool Preview::rebuild(RebuildOutcome* outcome, std::string* error) {
  const auto started = Clock::now();
  if (chrome_.assets().empty() && !chrome_.load("serve", {}, error)) return false;
  if (root_.empty()) {
    // The repository around PATH, whole: kaava serve shows a repository, not a folder of YAML.
    std::error_code ec;
    const fs::path path = fs::absolute(options_.path, ec).lexically_normal();
    if (!fs::exists(path, ec)) {
      *error = fmt::format("'{}' does not exist", options_.path.string());
      return false;
    }
    fs::path top = find_repository_root(disk_, fs::is_directory(path, ec) ? path : path.parent_path());
    if (top.empty()) {
      *error = fmt::format("'{}' is in no model repository: there is no kaava.yaml in it or in a folder above "
                           "(kaava init makes one)",
                           options_.path.string());
      return false;
    }
    top = top.lexically_normal();
    if (!top.has_filename()) top = top.parent_path();
    root_ = top;
  }
  LoadOptions load;
  load.path = root_ / kConfigFileName;  // once gone, an error to show, not another folder to read
  load.cache = &fragments_;
  load.disk_cache = options_.disk_cache;
  load.source = &disk_;
  std::shared_ptr<const Workspace> ws = load_workspace(load);
  auto build = std::make_shared<Build>();
  std::shared_ptr<const Report> report;
  if (ws->loaded) {
    if (languages_.empty()) {
      if (!options_.language.empty()) {
        if (const std::string why = unusable_language(options_.language, ws->config.languages); !why.empty()) {
          *error = "--lang: " + why;
          return false;
        }
      }
      languages_ = ws->config.languages;
      language_ = options_.language.empty() ? std::string(ws->config.default_language()) : options_.language;
    }
    report = std::make_shared<const Report>(make_report(*ws, validate(*ws)));
  } else if (last_good_ == nullptr && generation() == 0) {
    *error = ws->error;
    return false;
  }
  std::vector<BannerLine> errors = errors_of(*ws, report.get());
  // What caused the others first: a reference to an element that is not
  // there is most often what a mistake elsewhere left behind.
  std::ranges::stable_partition(errors, [](const BannerLine& e) { return e.rule != "dangling-reference"; });
  outcome->errors = errors.size();
  outcome->warnings = report != nullptr ? report->summary.warnings : 0;
  std::shared_ptr<const SiteState> state;
  if ((errors.empty() || last_good_ == nullptr) && ws->loaded) {
    docs::DocsRequest request;
    request.language = language_;
    request.drawings = &drawings_;
    auto made = std::make_shared<SiteState>();
    made->ws = ws;
    made->report = report;
    std::string why;
    made->site = docs::LiveSite::make(*ws, *report, request, &why);
    if (made->site == nullptr) {
      // A template or a view that cannot be made: said like an error of the model.
      errors.push_back({"", why, ""});
      outcome->errors = errors.size();
    } else {
      outcome->views = made->site->views();
      state = made;
      if (errors.empty()) last_good_ = state;
      // Views are drawn when a page shows them; drawings no page asked for
      // in a while go, once there are many more than views.
      if (drawings_.size() > 2 * outcome->views + 32) drawings_.sweep();
    }
  }
  if (state == nullptr) {
    state = last_good_;
    build->stale = true;
    outcome->kept_last_good = state != nullptr;
    if (state == nullptr) {
      // Nothing to show at all (the first build's site could not be made).
      *error = errors.empty() ? std::string("the site cannot be made") : errors.front().message;
      return false;
    }
    outcome->views = state->site->views();
  }
  build->state = std::move(state);
  build->more_errors = errors.size() > k_banner_errors ? errors.size() - k_banner_errors : 0;
  if (errors.size() > k_banner_errors) errors.resize(k_banner_errors);
  build->errors = std::move(errors);
  {
    const std::lock_guard lock(mutex_);
    build->generation = ++generation_;
    builds_.push_back(std::move(build));
    while (builds_.size() > k_builds_kept) builds_.pop_front();
    outcome->generation = generation_;
  }
  changed_.notify_all();
  outcome->seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return true;
}

std::string Preview::banner(const Build& build) const {
  if (build.errors.empty()) return {};
  const Words& words = builtin_words();
  const std::string count = std::to_string(build.errors.size() + build.more_errors);
  kainjow::mustache::data d;
  d.set("lang", language_);
  d.set("title", words.format(build.stale ? "serve.errors-kept" : "serve.errors-first", language_, count));
  kainjow::mustache::data list{kainjow::mustache::data::type::list};
  for (const BannerLine& line : build.errors) {
    kainjow::mustache::data item;
    docs::put(item, "where", line.where);
    item.set("message", line.message);
    docs::put(item, "rule", line.rule);
    list.push_back(item);
  }
  d.set("errors", list);
  docs::put(d, "more", build.more_errors > 0 ? words.format("serve.more", language_, build.more_errors) : std::string());
  std::string out, error;
  if (!chrome_.render("banner", d, &out, &error)) return {};
  return out;
}

std::shared_ptr<const std::string> Preview::made(const Build& build, std::string_view path, std::string* type) const {
  *type = content_type(path);
  {
    const std::lock_guard lock(build.mutex);
    if (const auto it = build.pages.find(path); it != build.pages.end()) return it->second;
  }
  std::string bytes, error;
  if (!build.state->site->file(path, &bytes, &error)) {
    if (error.empty()) return nullptr;
    bytes = fmt::format("<!DOCTYPE html><title>kaava serve</title><pre>{}</pre>", docs::html(error));
    *type = content_type(".html");
  }
  if (type->starts_with("text/html")) {
    // The banner goes right after <body ...>, so that any template gets it.
    const std::string top = banner(build);
    if (!top.empty()) {
      const std::size_t body = bytes.find("<body");
      const std::size_t end = body == std::string::npos ? std::string::npos : bytes.find('>', body);
      bytes.insert(end == std::string::npos ? 0 : end + 1, top);
    }
  }
  auto shared = std::make_shared<const std::string>(std::move(bytes));
  const std::lock_guard lock(build.mutex);
  return build.pages.try_emplace(std::string(path), std::move(shared)).first->second;
}

Served Preview::get(std::string_view path) const {
  Served out;
  if (path.starts_with("__kaava/")) {
    const std::string* script = chrome_.asset(path.substr(8));
    if (script == nullptr) {
      out.status = 404;
    } else {
      out.body = *script;
    }
    out.type = content_type(path);
    return out;
  }
  const std::shared_ptr<const Build> build = current();
  std::shared_ptr<const std::string> bytes = build ? made(*build, path, &out.type) : nullptr;
  if (bytes == nullptr && build != nullptr) {
    // "views/" and "views" are the page views.html, when there is one.
    std::string_view stem = path;
    if (stem.ends_with("/index.html")) stem.remove_suffix(11);
    if (stem.find('.') == std::string_view::npos) {
      std::string type;
      const std::string page = std::string(stem) + ".html";
      if (made(*build, page, &type) != nullptr) {
        out.status = 302;
        out.location = "/" + page;
        return out;
      }
    }
  }
  if (bytes == nullptr) {
    // Not there (yet): a page that says so, and follows the model like
    // the others, so that it turns into the page once there is one.
    out.status = 404;
    out.type = content_type(".html");
    std::string body = fmt::format(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404</title></head><body>\n"
        "<p>No page {} in the site. <a href=\"/index.html\">Home</a></p>\n</body></html>\n",
        docs::html(std::string(path)));
    if (build != nullptr) {
      const std::string top = banner(*build);
      body.insert(body.find("<body>") + 6, top);
    }
    bytes = std::make_shared<const std::string>(std::move(body));
  }
  out.body = *bytes;
  if (out.type.starts_with("text/html")) {
    const std::string live = fmt::format("<script src=\"/__kaava/live.js\" data-generation=\"{}\" defer></script>\n",
                                         build ? token(build->generation) : std::string());
    const std::size_t end = out.body.rfind("</body>");
    out.body.insert(end == std::string::npos ? out.body.size() : end, live);
  }
  return out;
}

std::vector<std::string> Preview::pictures_of(std::string_view page_path, std::string_view html) {
  std::vector<std::string> out;
  const std::string_view folder = page_path.substr(0, page_path.rfind('/') == std::string_view::npos
                                                          ? 0
                                                          : page_path.rfind('/') + 1);
  for (std::size_t at = html.find("<img"); at != std::string_view::npos; at = html.find("<img", at + 4)) {
    const std::size_t end = html.find('>', at);
    const std::string_view tag = html.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    const std::size_t src = tag.find("src=\"");
    if (src == std::string_view::npos) continue;
    const std::string_view link = tag.substr(src + 5, tag.find('"', src + 5) - (src + 5));
    if (link.find(':') != std::string_view::npos || link.starts_with('/')) continue;  // data:, http:, absolute
    const std::string resolved = site_path("/" + std::string(folder) + std::string(link));
    if (!resolved.empty()) out.push_back(resolved);
  }
  return out;
}

std::shared_ptr<const Preview::Build> Preview::current() const {
  const std::lock_guard lock(mutex_);
  return builds_.empty() ? nullptr : builds_.back();
}

std::shared_ptr<const Preview::Build> Preview::build_of(std::uint64_t generation) const {
  const std::lock_guard lock(mutex_);
  for (const auto& b : builds_) {
    if (b->generation == generation) return b;
  }
  return nullptr;
}

std::uint64_t Preview::generation() const {
  const std::lock_guard lock(mutex_);
  return generation_;
}

std::uint64_t Preview::wait_newer(std::uint64_t seen, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return stopped_ || generation_ > seen; });
  return generation_;
}

bool Preview::changed(std::string_view path, std::string_view then) const {
  const std::size_t dot = then.rfind('.');
  std::uint64_t n = 0;
  if (dot == std::string_view::npos || then.substr(0, dot) != instance_) return true;  // another run's page
  const auto [end, ec] = std::from_chars(then.data() + dot + 1, then.data() + then.size(), n);
  if (ec != std::errc() || end != then.data() + then.size()) return true;
  const std::shared_ptr<const Build> old = build_of(n), now = current();
  if (old == nullptr || now == nullptr) return true;
  if (old == now) return false;
  auto differ = [&](std::string_view p) {
    std::string type;
    const std::shared_ptr<const std::string> a = made(*old, p, &type), b = made(*now, p, &type);
    return a == nullptr || b == nullptr ? a != b : *a != *b;
  };
  if (differ(path)) return true;
  // The page reads the same; a picture it shows (a view's thumbnail) may not.
  std::string type;
  const std::shared_ptr<const std::string> page = made(*now, path, &type);
  if (page == nullptr || !type.starts_with("text/html")) return false;
  return std::ranges::any_of(pictures_of(path, *page), differ);
}

void Preview::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  changed_.notify_all();
}

bool Preview::stopped() const {
  const std::lock_guard lock(mutex_);
  return stopped_;
}

}  // namespace kaava::serve
