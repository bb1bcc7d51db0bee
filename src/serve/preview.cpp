#include "serve/preview.h"

#include <algorithm>

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

Preview::Preview(PreviewOptions options) : options_(std::move(options)) {}

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
  LoadOptions load;
  load.path = options_.path;
  load.cache = &fragments_;
  load.disk_cache = options_.disk_cache;
  load.source = &disk_;
  std::shared_ptr<const Workspace> ws = load_workspace(load);
  auto build = std::make_shared<Build>();
  std::shared_ptr<const Report> report;
  if (ws->loaded) {
    if (root_.empty()) {
      if (!options_.language.empty()) {
        if (const std::string why = unusable_language(options_.language, ws->config.languages); !why.empty()) {
          *error = "--lang: " + why;
          return false;
        }
      }
      root_ = ws->config.root;
      languages_ = ws->config.languages;
      language_ = options_.language.empty() ? std::string(ws->config.default_language()) : options_.language;
    }
    report = std::make_shared<const Report>(make_report(*ws, validate(*ws)));
  } else if (last_good_ == nullptr && generation() == 0) {
    *error = ws->error;
    return false;
  }
  std::vector<BannerLine> errors = errors_of(*ws, report.get());
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
  if (path == "__kaava/live.js") {
    out.type = content_type(path);
    out.body = *chrome_.asset("live.js");
    return out;
  }
  const std::shared_ptr<const Build> build = current();
  std::shared_ptr<const std::string> bytes = build ? made(*build, path, &out.type) : nullptr;
  if (bytes == nullptr) {
    out.status = 404;
    out.type = content_type(".html");
    out.body = fmt::format("<!DOCTYPE html><title>404</title><p>No page {} in the site. <a href=\"/index.html\">Home</a></p>\n",
                           docs::html(std::string(path)));
    return out;
  }
  out.body = *bytes;
  if (out.type.starts_with("text/html")) {
    const std::string live = fmt::format("<script src=\"/__kaava/live.js\" data-generation=\"{}\" defer></script>\n",
                                         build->generation);
    const std::size_t end = out.body.rfind("</body>");
    out.body.insert(end == std::string::npos ? out.body.size() : end, live);
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

bool Preview::changed(std::string_view path, std::uint64_t then) const {
  const std::shared_ptr<const Build> old = build_of(then), now = current();
  if (old == nullptr || now == nullptr) return true;
  if (old == now) return false;
  std::string type;
  const std::shared_ptr<const std::string> a = made(*old, path, &type), b = made(*now, path, &type);
  if (a == nullptr || b == nullptr) return a != b;
  return *a != *b;
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
