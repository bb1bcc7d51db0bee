#include "load/files.h"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

namespace kaava {

namespace fs = std::filesystem;

bool is_yaml_file(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

std::string relative_display(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  fs::path rel = fs::relative(path, root, ec);
  if (ec || rel.empty()) rel = path;
  return rel.generic_string();
}

bool inside(const fs::path& path, const fs::path& root) {
  auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return r == root.end();
}

std::vector<std::uint32_t> discover_model_files(const Config& cfg, const fs::path& display_root,
                                                SourceFiles& files, Diagnostics& diagnostics,
                                                bool* unreadable) {
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(cfg.root, ec);
  std::vector<std::pair<std::string, fs::path>> found;  // display path, disk path
  for (const SourceFolder& folder : cfg.sources) {
    const fs::path dir = cfg.root / folder.path;
    const SourceSpan at = folder.at.valid() ? folder.at : SourceSpan{cfg.file, 1, 1, 0};
    if (!fs::is_directory(dir, ec)) {
      const std::string message =
          fs::exists(dir, ec)
              ? fmt::format("source folder '{}' is not a folder", folder.path)
              : fmt::format("source folder '{}' does not exist", folder.path);
      if (at.file != kNoFile) {
        diagnostics.report(Rule::invalid_config, at, message);
      } else {
        diagnostics.report(Rule::invalid_config, SourceSpan{}, message);
      }
      continue;
    }
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      diagnostics.report(Rule::io_error, at,
                            fmt::format("cannot read source folder '{}': {}", folder.path, ec.message()));
      *unreadable = true;
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::directory_entry& entry = *it;
      const std::string name = entry.path().filename().string();
      if (!name.empty() && name.front() == '.') {
        if (entry.is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!is_yaml_file(entry.path()) || entry.is_directory(ec)) continue;
      const std::string display = relative_display(entry.path(), display_root);
      if (entry.path().filename() == kConfigFileName && entry.path().parent_path() == cfg.root) continue;
      if (entry.is_symlink(ec)) {
        const fs::path target = fs::weakly_canonical(entry.path(), ec);
        if (ec || !inside(target, root)) {
          const std::uint32_t id = files.add(display, entry.path());
          diagnostics.report(Rule::io_error, SourceSpan{id, 1, 1, 0},
                                "symbolic link points outside the repository; it is not followed");
          continue;
        }
      }
      if (!entry.is_regular_file(ec)) continue;
      found.emplace_back(display, entry.path());
    }
    if (ec) {
      diagnostics.report(Rule::io_error, at,
                            fmt::format("cannot read source folder '{}': {}", folder.path, ec.message()));
      *unreadable = true;
    }
  }
  std::ranges::sort(found);
  found.erase(std::unique(found.begin(), found.end(),
                          [](const auto& a, const auto& b) { return a.first == b.first; }),
              found.end());
  std::vector<std::uint32_t> out;
  out.reserve(found.size());
  for (auto& [display, path] : found) out.push_back(files.add(std::move(display), std::move(path)));
  return out;
}

}  // namespace kaava
