#include "docs/templates.h"

#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "docs/markup.h"
#include "resources/embedded.h"
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

}  // namespace

std::string markdown_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\\':
      case '*':
      case '_':
      case '[':
      case ']':
      case '`':
      case '|':
      case '#':
        out += '\\';
        out += c;
        break;
      case '\n': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

bool Templates::load(std::string_view kind, const fs::path& dir, std::string* error) {
  markdown_ = kind == "markdown";
  const std::string prefix = fmt::format("templates/{}/", kind);
  const auto add = [&](std::string name, std::string text, std::string shown) {
    if (name.ends_with(k_suffix)) {
      name.resize(name.size() - k_suffix.size());
      templates_[name] = {std::move(text), std::move(shown)};
    } else {
      assets_[name] = {std::move(text), std::move(shown)};
    }
  };
  for (const resources::Resource& r : resources::all()) {
    if (!r.path.starts_with(prefix)) continue;
    add(std::string(r.path.substr(prefix.size())), std::string(r.data), std::string(r.path));
  }
  if (!dir.empty()) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      *error = fmt::format("templates folder '{}' does not exist or is not a folder", dir.string());
      return false;
    }
    std::vector<std::string_view> known;
    for (const auto& [name, f] : templates_) known.push_back(name);
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (!entry.is_regular_file(ec)) continue;
      const std::string name = entry.path().filename().string();
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in.good() && !in.eof()) {
        *error = fmt::format("{}: cannot read the template", entry.path().string());
        return false;
      }
      // An override must replace something: a misspelt name would be
      // silently unused.
      const std::string stem = name.ends_with(k_suffix) ? name.substr(0, name.size() - k_suffix.size()) : name;
      if (name.starts_with('.') || name.starts_with("README")) continue;
      if (!name.ends_with(k_suffix) && !assets_.contains(name)) {
        std::vector<std::string_view> files;
        for (const auto& [n, f] : assets_) files.push_back(n);
        *error = fmt::format("{}: '{}' is neither a template (NAME.mustache) nor one of kaava's {} files ({}){}",
                             entry.path().string(), name, kind, files.empty() ? "none" : join(files, ", "),
                             did_you_mean(name, files));
        return false;
      }
      if (name.ends_with(k_suffix) && !templates_.contains(stem)) {
        *error = fmt::format("{}: '{}' is not one of kaava's {} templates{} (docs/templates.md lists them)",
                             entry.path().string(), stem, kind, did_you_mean(stem, known));
        return false;
      }
      add(name, text.str(), entry.path().string());
    }
  }
  for (const auto& [name, f] : templates_) {
    if (!check(name, f, error)) return false;
  }
  return true;
}

bool Templates::check(const std::string& name, const File& f, std::string* error) {
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
  static const std::regex k_partial(R"(\{\{\s*>\s*([^\s}]+)\s*\}\})");
  for (auto it = std::sregex_iterator(f.text.begin(), f.text.end(), k_partial); it != std::sregex_iterator(); ++it) {
    const std::string partial = (*it)[1].str();
    if (templates_.contains(partial)) {
      partials_.insert(partial);
      continue;
    }
    std::vector<std::string_view> known;
    for (const auto& [n, t] : templates_) known.push_back(n);
    *error =
        fmt::format("{}:{}: the partial '{{{{> {}}}}}' is not a template{}", f.shown,
                    position(f.text, static_cast<std::size_t>(it->position(0))), partial, did_you_mean(partial, known));
    return false;
  }
  (void)name;
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
  if (markdown_) tmpl.set_custom_escape([](const std::string& s) { return markdown_escape(s); });
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
