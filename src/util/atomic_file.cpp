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

}  // namespace kaava
