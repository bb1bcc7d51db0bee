#include "source/remembered_disk.h"

#include <sys/stat.h>

#include <chrono>

namespace kaava {

namespace {

constexpr std::int64_t k_ns = 1000000000;

std::int64_t nanoseconds(const timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * k_ns + t.tv_nsec; }

}  // namespace

ReadResult RememberedDisk::read(const std::filesystem::path& path, std::uintmax_t max_bytes, std::string* out,
                                std::string* error) const {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return disk_files().read(path, max_bytes, out, error);
  const Stamp stamp{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                    static_cast<std::uint64_t>(st.st_size), nanoseconds(st.st_mtim), nanoseconds(st.st_ctim)};
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  // Written in the last second: another write within the same timestamp
  // tick would look the same, so such a file is never taken as known.
  const bool settled = now - std::max(stamp.modified_ns, stamp.changed_ns) > k_ns;
  if (settled && stamp.size <= max_bytes) {
    const std::lock_guard lock(mutex_);
    if (const auto it = kept_.find(path); it != kept_.end() && it->second.stamp == stamp) {
      *out = *it->second.text;
      return ReadResult::ok;
    }
  }
  const ReadResult result = disk_files().read(path, max_bytes, out, error);
  const std::lock_guard lock(mutex_);
  if (result == ReadResult::ok && settled && out->size() == stamp.size) {
    kept_.insert_or_assign(path, Kept{stamp, std::make_shared<const std::string>(*out)});
  } else {
    kept_.erase(path);
  }
  return result;
}

}  // namespace kaava
