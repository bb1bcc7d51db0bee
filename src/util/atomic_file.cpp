#include "util/atomic_file.h"

#include <algorithm>

#include <unistd.h>

#include <fstream>

#include <fmt/format.h>

namespace kaava {

bool write_file_atomically(const std::filesystem::path& path, std::string_view text, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  fs::create_directories(folder, ec);
  if (ec) {
    *error = fmt::format("cannot create folder '{}': {}", folder.string(), ec.message());
    return false;
  }
  const fs::path temp = folder / fmt::format(".{}.{}.kaava-tmp", path.filename().string(), getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      *error = fmt::format("cannot write '{}'", temp.string());
      out.close();
      fs::remove(temp, ec);
      return false;
    }
  }
  fs::rename(temp, path, ec);
  if (ec) {
    *error = fmt::format("cannot write '{}': {}", path.string(), ec.message());
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

}  // namespace kaava

namespace kaava {

bool inside_git_folder(const std::filesystem::path& path) {
  std::error_code ec;
  const std::filesystem::path abs = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return std::ranges::any_of(abs, [](const std::filesystem::path& part) { return part == ".git"; });
}

bool prepare_output_folder(const std::filesystem::path& dir, bool force, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (inside_git_folder(dir)) {
    *error = fmt::format("'{}' is inside a git repository's .git folder; kaava does not write there", dir.string());
    return false;
  }
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    *error = fmt::format("'{}' exists and is not a folder", dir.string());
    return false;
  }
  const fs::path marker = dir / std::string(kOutputMarker);
  if (fs::is_directory(dir, ec) && !fs::exists(marker, ec) && !force &&
      fs::directory_iterator(dir, ec) != fs::directory_iterator()) {
    *error = fmt::format("'{}' has files that kaava did not write; choose an empty or new folder, or use --force",
                         dir.string());
    return false;
  }
  if (fs::exists(marker, ec)) return true;
  return write_file_atomically(marker, "This folder holds output of kaava; its files are replaced on every run.\n",
                               error);
}

}  // namespace kaava
