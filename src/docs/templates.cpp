#include "docs/templates.h"

#include <algorithm>
#include <functional>
#include <regex>

#include <fmt/format.h>

#include "docs/markup.h"
#include "load/files.h"
#include "resources/embedded.h"
#include "source/disk_source.h"
#include "util/edit_distance.h"
#include "util/text.h"

namespace kaava::docs {

namespace fs = std::filesystem;
namespace mu = kainjow::mustache;

namespace {

constexpr std::string_view k_suffix = ".mustache";

/// "line:column" of byte `offset` in `text`.
std::string position(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return fmt::format("{}:{}", line, column);
}

const std::regex& partial_tag() {
  static const std::regex k_partial(R"(\{\{\s*>\s*([^\s}]+)\s*\}\})");
  return k_partial;
}

/// "line:col: ..." when a section is closed by another name's tag
/// ({{#a}}...{{/b}}), which kainjow reports only as 'a' left unclosed;
/// empty otherwise (and for templates that change their delimiters).
std::string mismatched_section(std::string_view text) {
  if (text.find("{{=") != std::string_view::npos) return {};
  std::vector<std::pair<std::string, std::size_t>> open;
  for (std::size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at + 2)) {
    if (at + 2 < text.size() && text[at + 2] == '{') continue;
    const std::size_t end = text.find("}}", at + 2);
    if (end == std::string_view::npos) return {};
    std::string_view tag = text.substr(at + 2, end - at - 2);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    if (tag.empty()) continue;
    const char sigil = tag.front();
    if (sigil != '#' && sigil != '^' && sigil != '/') continue;
    tag.remove_prefix(1);
    while (!tag.empty() && (tag.front() == ' ' || tag.back() == ' ')) {
      tag.remove_prefix(tag.front() == ' ' ? 1 : 0);
      if (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    }
    const std::string name(tag);
    if (sigil != '/') {
      open.emplace_back(name, at);
    } else if (!open.empty() && open.back().first != name) {
      return fmt::format("{}: malformed template: '{{{{/{}}}}}' closes the section '{}' opened at {}", position(text, at),
                         name, open.back().first, position(text, open.back().second));
    } else if (open.empty()) {
      return fmt::format("{}: malformed template: '{{{{/{}}}}}' closes no section", position(text, at), name);
    } else {
      open.pop_back();
    }
  }
  return {};
}

}  // namespace

bool Templates::load(std::string_view kind, const TemplateFolder& folder, std::string* error) {
  markdown_ = kind == "markdown";
  const std::string prefix = fmt::format("templates/{}/", kind);
  for (const resources::Resource& r : resources::all()) {
    if (!r.path.starts_with(prefix)) continue;
    std::string name(r.path.substr(prefix.size()));
    File f{std::string(r.data), std::string(r.path)};
    if (name.ends_with(k_suffix)) {
      templates_[name.substr(0, name.size() - k_suffix.size())] = std::move(f);
    } else {
      assets_[name] = std::move(f);
    }
  }
  if (!folder.dir.empty() && !read_folder(kind, folder, error)) return false;
  for (const auto& [name, f] : templates_) {
    if (!check(f, error)) return false;
    auto& list = includes_[name];
    for (auto it = std::sregex_iterator(f.text.begin(), f.text.end(), partial_tag()); it != std::sregex_iterator();
         ++it) {
      const std::string partial = (*it)[1].str();
      if (templates_.contains(partial)) {
        partials_.insert(partial);
        list.emplace_back(partial, static_cast<std::size_t>(it->position(0)));
        continue;
      }
      std::vector<std::string_view> known;
      for (const auto& [n, t] : templates_) known.push_back(n);
      *error = fmt::format("{}:{}: the partial '{{{{> {}}}}}' is not a template{}", f.shown,
                           position(f.text, static_cast<std::size_t>(it->position(0))), partial,
                           did_you_mean(partial, known));
      return false;
    }
  }
  return check_cycles(error);
}

bool Templates::read_folder(std::string_view kind, const TemplateFolder& folder, std::string* error) {
  const FileSource& source = folder.source != nullptr ? *folder.source : disk_files();
  fs::path dir = normal_path(folder.dir);
  // A path in the source with its last part as written: a git tree's
  // absolute() looks through the working tree's links, and a link must be
  // seen as one.
  const auto where = [&](const fs::path& p) {
    return source.absolute(p.has_parent_path() ? p.parent_path() : fs::path(".")) / p.filename();
  };
  const auto is_folder = [&](const fs::path& p) { return source.status(where(p), true).kind == FileKind::folder; };
  // A link is followed only when it stays inside the bound (a template
  // linked to /proc/self/environ must not publish a CI runner's secrets).
  const fs::path bound = folder.bound.empty() ? fs::path() : source.resolve(source.absolute(folder.bound));
  const auto leaves = [&](const fs::path& p, std::string* why) {
    const fs::path absolute = where(p);
    if (source.status(absolute, false).kind != FileKind::link) return false;
    fs::path target;
    if (!source.link_target(absolute, &target, why)) return true;
    const fs::path limit = bound.empty() ? source.resolve(source.absolute(folder.dir)) : bound;
    if (inside(normal_path(target), limit)) return false;
    *why = fmt::format("a symbolic link that leads out of '{}' is not followed",
                       (folder.bound.empty() ? folder.dir : folder.bound).string());
    return true;
  };
  std::string why;
  // The repository's templates folder is in the repository (docs.templates:
  // ../x or /x would read another folder of the machine).
  if (!bound.empty() && (!inside(normal_path(where(dir)), normal_path(source.absolute(folder.bound))) ||
                         !inside(source.resolve(source.absolute(dir)), bound))) {
    *error = fmt::format("templates folder '{}' is outside the repository '{}'", dir.string(), folder.bound.string());
    return false;
  }
  if (leaves(dir, &why)) {
    *error = fmt::format("templates folder '{}': {}", dir.string(), why);
    return false;
  }
  if (!is_folder(dir)) {
    const std::string reason = source.missing_reason(where(dir));
    *error = fmt::format("templates folder '{}' does not exist or is not a folder{}{}", dir.string(),
                         source.describe() == "the working tree" ? "" : " in " + source.describe(),
                         reason.empty() ? "" : " (" + reason + ")");
    return false;
  }
  const auto listing = [&](const fs::path& p, std::vector<std::string>* names) {
    if (!source.list(where(p), names, error)) {
      *error = fmt::format("templates folder '{}' cannot be read: {}", p.string(), *error);
      return false;
    }
    std::ranges::sort(*names);
    std::erase_if(*names, [](const std::string& n) { return n.starts_with('.') || n.starts_with("README"); });
    return true;
  };
  std::vector<std::string> names;
  if (!listing(dir, &names)) return false;
  // One folder for both formats holds html/ and markdown/; then every
  // template is in one of them.
  const bool split = std::ranges::any_of(names, [&](const std::string& n) {
    return (n == "html" || n == "markdown") && is_folder(dir / n);
  });
  if (split) {
    for (const std::string& n : names) {
      if (n == "html" || n == "markdown") continue;
      *error = fmt::format("{}: a templates folder with html/ or markdown/ holds its templates in them; "
                           "move '{}' into {}/ (or {}/)",
                           (dir / n).string(), n, kind, kind == "html" ? "markdown" : "html");
      return false;
    }
    const fs::path sub = dir / std::string(kind);
    names.clear();
    if (source.status(where(sub), false).kind == FileKind::missing) return true;
    if (leaves(sub, &why)) {
      *error = fmt::format("{}: {}", sub.string(), why);
      return false;
    }
    if (!is_folder(sub)) {
      *error = fmt::format("{}: not a folder", sub.string());
      return false;
    }
    dir = sub;
    if (!listing(dir, &names)) return false;
  }
  std::vector<std::string_view> known, files;
  for (const auto& [n, f] : templates_) known.push_back(n);
  for (const auto& [n, f] : assets_) files.push_back(n);
  for (const std::string& name : names) {
    const fs::path path = dir / name;
    const std::string shown = path.string();
    // An override must replace something: a misspelt name would be silently unused.
    const bool is_template = name.ends_with(k_suffix);
    const std::string stem = is_template ? name.substr(0, name.size() - k_suffix.size()) : name;
    if (!is_template && !assets_.contains(name)) {
      *error = fmt::format("{}: '{}' is neither a template (NAME.mustache) nor one of kaava's {} files ({}){}", shown,
                           name, kind, files.empty() ? "none" : join(files, ", "), did_you_mean(name, files));
      return false;
    }
    if (is_template && !templates_.contains(stem)) {
      *error = fmt::format("{}: '{}' is not one of kaava's {} templates{} (docs/templates.md lists them)", shown, stem,
                           kind, did_you_mean(stem, known));
      return false;
    }
    if (leaves(path, &why)) {
      *error = fmt::format("{}: {}", shown, why);
      return false;
    }
    const FileStatus status = source.status(where(path), true);
    if (status.kind != FileKind::file) {
      *error = fmt::format("{}: {}", shown,
                           status.kind == FileKind::folder ? "is a folder, not a template file"
                                                           : "is not a regular file (a pipe, a device?); not read");
      return false;
    }
    std::string text;
    const ReadResult read = source.read(where(path), k_max_template_bytes, &text, &why);
    if (read == ReadResult::too_large) {
      *error = fmt::format("{}: {} bytes; a template or asset may have at most {} MiB", shown, status.size,
                           k_max_template_bytes >> 20);
      return false;
    }
    if (read != ReadResult::ok) {
      *error = fmt::format("{}: cannot read it: {}", shown, why);
      return false;
    }
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // a byte-order mark is no content
    if (const std::size_t bad = find_invalid_utf8(text); bad != std::string::npos) {
      *error = fmt::format("{}:{}: not UTF-8 text (byte 0x{:02X}); templates and assets are UTF-8", shown,
                           position(text, bad), static_cast<unsigned char>(text[bad]));
      return false;
    }
    (is_template ? templates_[stem] : assets_[name]) = File{std::move(text), shown};
  }
  return true;
}

bool Templates::check(const File& f, std::string* error) {
  if (const std::string mismatch = mismatched_section(f.text); !mismatch.empty()) {
    *error = fmt::format("{}:{}", f.shown, mismatch);
    return false;
  }
  mu::mustache parsed{f.text};
  if (!parsed.is_valid()) {
    // kainjow says "Unclosed section "x" at 123": the byte offset becomes a line and column.
    std::string message = parsed.error_message();
    std::smatch m;
    std::size_t offset = 0;
    if (std::regex_search(message, m, std::regex(" at ([0-9]+)$"))) {
      offset = std::stoul(m[1].str());
      message = m.prefix().str();
    }
    *error = fmt::format("{}:{}: malformed template: {}", f.shown, position(f.text, offset), message);
    return false;
  }
  return true;
}

/// Partials that include each other in a circle would recurse without
/// end (the pages' data is no tree that could stop them).
bool Templates::check_cycles(std::string* error) const {
  enum class Mark : std::uint8_t { none, open, done };
  std::map<std::string_view, Mark> marks;
  std::vector<std::string_view> chain;
  std::function<bool(std::string_view)> visit = [&](std::string_view name) {
    marks[name] = Mark::open;
    chain.push_back(name);
    const auto it = includes_.find(name);
    if (it != includes_.end()) {
      for (const auto& [partial, offset] : it->second) {
        if (marks[partial] == Mark::open) {
          const auto from = std::ranges::find(chain, std::string_view(partial));
          std::vector<std::string_view> circle(from, chain.end());
          circle.push_back(partial);
          const File& f = templates_.find(name)->second;
          *error = fmt::format("{}:{}: the partial '{{{{> {}}}}}' leads back to itself ({}); partials that include "
                               "each other never end",
                               f.shown, position(f.text, offset), partial, join(circle, " -> "));
          return false;
        }
        if (marks[partial] == Mark::none && !visit(partial)) return false;
      }
    }
    chain.pop_back();
    marks[name] = Mark::done;
    return true;
  };
  for (const auto& [name, f] : templates_) {
    if (marks[name] == Mark::none && !visit(name)) return false;
  }
  return true;
}

bool Templates::render(std::string_view name, mu::data data, std::string* out, std::string* error) const {
  const auto it = templates_.find(name);
  if (it == templates_.end()) {
    *error = fmt::format("no template '{}'", name);
    return false;
  }
  // Only the templates used as partials are given to the data: their
  // names share the data's namespace ({{views}} and the views page).
  for (const std::string& partial : partials_) {
    const std::string* text = &templates_.find(partial)->second.text;
    data.set(partial, mu::partial{[text] { return *text; }});
  }
  mu::mustache tmpl{it->second.text};
  if (markdown_) tmpl.set_custom_escape([](const std::string& s) { return markdown_value(s); });
  *out = tmpl.render(data);
  if (!tmpl.is_valid()) {
    *error = fmt::format("{}: {}", it->second.shown, tmpl.error_message());
    return false;
  }
  return true;
}

const std::string* Templates::asset(std::string_view name) const {
  const auto it = assets_.find(name);
  return it == assets_.end() ? nullptr : &it->second.text;
}

std::vector<std::string> Templates::assets() const {
  std::vector<std::string> out;
  for (const auto& [name, f] : assets_) out.push_back(name);
  return out;
}

}  // namespace kaava::docs
