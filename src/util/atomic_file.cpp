#include "util/atomic_file.h"

#include <algorithm>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

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
  // A name of its own per process and call (threads may write at once),
  // made anew (O_EXCL: never through a link someone left there).
  static std::atomic<unsigned> counter{0};
  const fs::path temp = folder / fmt::format(".{}.{}.{}.kaava-tmp", path.filename().string(), getpid(), counter++);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    *error = fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno));
    return false;
  }
  std::string_view rest = text;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *error = fmt::format("cannot write '{}': {}", path.string(), std::strerror(n < 0 ? errno : ENOSPC));
      ::close(fd);
      fs::remove(temp, ec);
      return false;
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::close(fd) != 0) {
    *error = fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno));
    fs::remove(temp, ec);
    return false;
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
