#include "util/output_folder.h"

#include <algorithm>
#include <iterator>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "util/atomic_file.h"

namespace kaava {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_header =
    "This folder holds output of kaava; its files are replaced on every run.\n"
    "Below: the files each command wrote (command, tab, path).\n";

/// A path the marker may name: relative, inside the folder, not the
/// marker, and not in a .git folder (a wiki's clone has one).
bool safe_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name == kOutputMarker) return false;
  for (const fs::path& part : fs::path(name)) {
    if (part == ".." || part == "." || part == ".git") return false;
  }
  return true;
}

/// The first folder on the way from `dir` to its file `name` that is a
/// symbolic link (writing or removing through it would reach outside the
/// output folder), or an empty path.
fs::path link_on_the_way(const fs::path& dir, std::string_view name) {
  fs::path at = dir;
  const fs::path relative(name);
  std::error_code ec;
  for (auto it = relative.begin(); it != relative.end(); ++it) {
    if (std::next(it) == relative.end()) break;  // the file itself: replaced, never followed
    at /= *it;
    if (fs::is_symlink(fs::symlink_status(at, ec))) return at;
  }
  return {};
}

/// The files under `dir` that are not the marker, relative, sorted; at
/// most `limit` of them, and how many there are in `total`.
std::vector<std::string> files_under(const fs::path& dir, std::size_t limit, std::size_t* total) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_directory(ec)) {
      // A folder kaava writes of its own (kaava docs' site inside render's out/) is kaava's.
      if (fs::exists(it->path() / std::string(kOutputMarker), ec)) it.disable_recursion_pending();
      continue;
    }
    std::string name = it->path().lexically_relative(dir).generic_string();
    if (name != kOutputMarker) out.push_back(std::move(name));
  }
  std::ranges::sort(out);
  *total = out.size();
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace

bool OutputFolder::open(const fs::path& dir, std::string_view command, Use use, bool force, std::string* error) {
  dir_ = dir.empty() ? fs::path(".") : dir;
  command_ = command;
  std::error_code ec;
  if (inside_git_folder(dir_)) {
    *error = fmt::format("'{}' is a .git folder or inside one; kaava does not write there", dir_.string());
    return false;
  }
  if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec)) {
    *error = fmt::format("'{}' exists and is not a folder", dir_.string());
    return false;
  }
  const fs::path marker = dir_ / std::string(kOutputMarker);
  if (fs::exists(marker, ec)) {
    marked_ = true;
    std::ifstream in(marker, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      const std::size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      std::string file = line.substr(tab + 1);
      if (safe_name(file)) listed_.insert({line.substr(0, tab), std::move(file)});
    }
    return true;
  }
  std::size_t total = 0;
  const std::vector<std::string> foreign =
      fs::is_directory(dir_, ec) ? files_under(dir_, 3, &total) : std::vector<std::string>{};
  if (foreign.empty()) {
    marked_ = true;  // new or empty: kaava's from now on
    return true;
  }
  if (use == Use::own && !force) {
    *error = fmt::format(
        "'{}' has files that kaava did not write ({}{}); choose an empty or new folder, or use --force", dir_.string(),
        fmt::join(foreign, ", "), total > foreign.size() ? fmt::format(" and {} more", total - foreign.size()) : "");
    return false;
  }
  marked_ = use == Use::own;  // --force makes the folder kaava's; a single report leaves it the user's
  return true;
}

bool OutputFolder::write(const std::string& name, std::string_view bytes, std::string* error) {
  if (!safe_name(name)) {
    *error = fmt::format("'{}' is no file kaava writes in its output folder", name);
    return false;
  }
  if (const fs::path link = link_on_the_way(dir_, name); !link.empty()) {
    *error = fmt::format("'{}' is a symbolic link; kaava does not write through links in its output folder",
                         link.string());
    return false;
  }
  if (!write_file_atomically(dir_ / name, bytes, error)) return false;
  written_.insert(name);
  return true;
}

bool OutputFolder::finish(std::string_view prune_extension, std::vector<std::string>* removed, std::string* error) {
  if (!marked_) return true;
  std::set<Entry> entries;
  std::error_code ec;
  for (const Entry& e : listed_) {
    if (e.command == command_ && !written_.contains(e.file)) {
      const fs::path file = dir_ / e.file;
      const bool ours =
          prune_extension == "*" || (!prune_extension.empty() && fs::path(e.file).extension() == prune_extension);
      // Only a plain file that an earlier run listed; never a link or a
      // folder, nor anything reached through a link.
      if (ours && link_on_the_way(dir_, e.file).empty() && fs::is_regular_file(fs::symlink_status(file, ec)) &&
          fs::remove(file, ec)) {
        removed->push_back(e.file);
        continue;
      }
      if (!fs::exists(fs::symlink_status(file, ec))) continue;
    }
    entries.insert(e);
  }
  for (const std::string& f : written_) entries.insert({command_, f});
  std::string text(k_header);
  for (const Entry& e : entries) text += fmt::format("{}\t{}\n", e.command, e.file);
  return write_file_atomically(dir_ / std::string(kOutputMarker), text, error);
}

}  // namespace kaava
