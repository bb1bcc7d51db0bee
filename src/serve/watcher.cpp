#include "serve/watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace kaava::serve {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t k_file_events = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE;

bool hidden(const fs::path& name) {
  const std::string n = name.filename().string();
  return !n.empty() && n.front() == '.';
}

}  // namespace

bool relevant_change(const fs::path& path) {
  const std::string name = path.filename().string();
  if (name.empty() || name.front() == '.' || name.front() == '#') return false;
  if (name.back() == '~' || name.ends_with(".swp") || name.ends_with(".swx") || name.ends_with(".tmp")) return false;
  // Vim checks that it may write a folder by making the file 4913.
  if (std::ranges::all_of(name, [](char c) { return c >= '0' && c <= '9'; })) return false;
  return std::ranges::none_of(path, [](const fs::path& part) { return hidden(part); });
}

Watcher::~Watcher() {
  if (inotify_ >= 0) ::close(inotify_);
  if (wake_ >= 0) ::close(wake_);
}

bool Watcher::start(const fs::path& root, std::string* error, std::string* warning) {
  inotify_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  wake_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (inotify_ < 0 || wake_ < 0) {
    *error = fmt::format("cannot watch the repository's files (inotify: {})", std::strerror(errno));
    return false;
  }
  root_ = root;
  watch_tree(root);
  *warning = warning_;
  return true;
}

void Watcher::watch_tree(const fs::path& dir) {
  const int wd = inotify_add_watch(inotify_, dir.c_str(), k_file_events | IN_ONLYDIR);
  if (wd < 0) {
    if (errno == ENOSPC && warning_.empty()) {
      warning_ = fmt::format("the system's limit of watched folders is reached at {}: changes below it are not seen "
                             "(raise fs.inotify.max_user_watches)",
                             dir.string());
    }
    return;
  }
  watches_.insert_or_assign(wd, dir);
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (hidden(it->path())) continue;
    if (it->is_directory(ec) && !it->is_symlink(ec)) {
      watch_tree(it->path());
    } else {
      seen_.insert(it->path());
    }
  }
}

bool Watcher::drain(std::vector<fs::path>* changed) {
  alignas(inotify_event) std::array<char, 64 * 1024> buffer{};
  for (;;) {
    const ssize_t n = ::read(inotify_, buffer.data(), buffer.size());
    if (n <= 0) return true;
    for (ssize_t at = 0; at < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buffer.data() + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      if (e->mask & IN_Q_OVERFLOW) {
        changed->push_back(root_);  // too many to tell: everything may have changed
        continue;
      }
      const auto w = watches_.find(e->wd);
      if ((e->mask & IN_IGNORED) != 0 && w != watches_.end()) {
        watches_.erase(w);  // its folder is gone
        continue;
      }
      if (w == watches_.end() || e->len == 0) continue;
      const fs::path path = w->second / e->name;
      if ((e->mask & IN_ISDIR) != 0) {
        // A folder made or moved in: watch it, and what it already holds counts as changed.
        if ((e->mask & (IN_CREATE | IN_MOVED_TO)) != 0 && !hidden(path)) {
          watch_tree(path);
          changed->push_back(path);
        } else if ((e->mask & (IN_DELETE | IN_MOVED_FROM)) != 0) {
          changed->push_back(path);
        }
        continue;
      }
      // A file made empty is also closed after writing; its creation alone says nothing yet.
      if ((e->mask & IN_CREATE) != 0) continue;
      if (relevant_change(path.lexically_relative(root_))) changed->push_back(path);
    }
  }
}

std::vector<fs::path> Watcher::wait(int quiet_ms) {
  std::vector<fs::path> changed;
  std::array<pollfd, 2> fds{pollfd{inotify_, POLLIN, 0}, pollfd{wake_, POLLIN, 0}};
  int timeout = -1;  // until the first change, then until quiet
  for (;;) {
    const int ready = ::poll(fds.data(), fds.size(), timeout);
    if (ready < 0 && errno != EINTR) return {};
    if ((fds[1].revents & POLLIN) != 0) return {};
    if (ready == 0) {
      if (!changed.empty()) break;
      timeout = -1;
      continue;
    }
    if ((fds[0].revents & POLLIN) != 0) {
      drain(&changed);
      // Events that lead to no relevant change (a swap file) do not start the quiet wait.
      if (!changed.empty()) timeout = quiet_ms;
    }
  }
  std::ranges::sort(changed);
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  // A file that came and went within the burst (sed -i's and some editors'
  // temporary files) changed nothing; a removed model file is still a change.
  std::erase_if(changed, [this](const fs::path& p) {
    std::error_code ec;
    return !fs::exists(p, ec) && !seen_.contains(p);
  });
  for (const fs::path& p : changed) seen_.insert(p);
  return changed;
}

void Watcher::stop() {
  if (wake_ < 0) return;
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_, &one, sizeof(one));
}

}  // namespace kaava::serve
