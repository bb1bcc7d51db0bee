#include "load/parse_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <fmt/format.h>
#include <xxhash.h>

#include "util/atomic_file.h"
#include "util/bytes.h"

#ifndef KAAVA_PARSER_ID
#define KAAVA_PARSER_ID "unknown"
#endif

namespace kaava {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_magic = "kaava-parse-cache-1\n";
constexpr std::string_view k_suffix = ".parsed";
/// An entry is the snapshot of a file of at most the largest model file
/// kaava reads, and a snapshot is a few times its text: anything far
/// larger is not an entry.
constexpr std::uintmax_t k_largest_entry = std::uintmax_t{1} << 31;

struct Key {
  XXH128_hash_t hash;
  std::string name;  ///< the entry's file name
};

/// The hash of everything that decides what parsing `text` gives: the
/// parser (kaava's version, its parser's source), the limits, the text.
Key key_of(std::string_view text, const yaml::Limits& limits) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  const std::string salt = fmt::format("kaava {} parser {} depth {} nodes {}\n", KAAVA_VERSION, KAAVA_PARSER_ID,
                                       limits.max_depth, limits.max_expanded_nodes);
  XXH3_128bits_update(state, salt.data(), salt.size());
  XXH3_128bits_update(state, text.data(), text.size());
  Key key{XXH3_128bits_digest(state), {}};
  XXH3_freeState(state);
  key.name = fmt::format("{:016x}{:016x}{}", key.hash.high64, key.hash.low64, k_suffix);
  return key;
}

/// The whole file at `path`, if it is a plain file of a sane size.
bool read_entry(const fs::path& path, std::string* out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::uintmax_t>(st.st_size) < k_largest_entry;
  if (ok) {
    out->resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (done < out->size()) {
      const ssize_t n = ::read(fd, out->data() + done, out->size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ok = done == out->size();
  }
  ::close(fd);
  return ok;
}

bool is_entry_name(std::string_view name) {
  return name.size() == 32 + k_suffix.size() && name.ends_with(k_suffix) &&
         std::all_of(name.begin(), name.end() - static_cast<std::ptrdiff_t>(k_suffix.size()),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// The files a cache folder holds besides its entries.
bool is_marker_name(std::string_view name) {
  return name == "CACHEDIR.TAG" || name == ".gitignore" || name.ends_with(".kaava-tmp");
}

}  // namespace

ParseCache::ParseCache(fs::path folder) : folder_(std::move(folder)) {}

bool ParseCache::ready() {
  std::call_once(made_, [this] {
    std::error_code ec;
    // Marked as a cache for backup tools, and ignored by git even in a
    // repository whose .gitignore does not name it: whoever made the
    // folder, and whatever removed a marker.
    if (fs::is_directory(folder_, ec) && fs::exists(folder_ / ".gitignore", ec) &&
        fs::exists(folder_ / "CACHEDIR.TAG", ec)) {
      return;
    }
    std::string error;
    fs::create_directory(folder_, ec);
    if (!fs::is_directory(folder_, ec) ||
        !write_file_atomically(folder_ / "CACHEDIR.TAG",
                               "Signature: 8a477f597d28d172789f06886806bc55\n"
                               "# This folder is kaava's cache of parsed model files (kaava cache clean empties it).\n",
                               &error) ||
        !write_file_atomically(folder_ / ".gitignore", "# kaava's cache of parsed model files\n*\n", &error)) {
      usable_ = false;
    }
  });
  return usable_;
}

std::string encode_parse_entry(std::string_view text, const yaml::Limits& limits,
                               std::span<const yaml::Document> documents, std::span<const yaml::Problem> problems) {
  const Key key = key_of(text, limits);
  std::string out(k_magic);
  append_raw<std::uint64_t>(out, key.hash.high64);
  append_raw<std::uint64_t>(out, key.hash.low64);
  append_raw<std::uint64_t>(out, text.size());
  append_raw<std::uint32_t>(out, static_cast<std::uint32_t>(problems.size()));
  for (const yaml::Problem& p : problems) {
    append_raw<std::uint32_t>(out, p.line);
    append_raw<std::uint32_t>(out, p.column);
    append_raw<std::uint32_t>(out, (p.fatal ? 1u : 0u) | (p.limit ? 2u : 0u));
    append_raw<std::uint32_t>(out, static_cast<std::uint32_t>(p.message.size()));
    out += p.message;
  }
  out += yaml::save_snapshot(documents);
  append_raw<std::uint64_t>(out, XXH3_64bits(out.data(), out.size()));
  return out;
}

bool decode_parse_entry(std::string_view bytes, std::string_view text, const yaml::Limits& limits,
                        std::vector<yaml::Document>* documents, std::vector<yaml::Problem>* problems) {
  documents->clear();
  // The checksum first: a torn or altered entry goes no further.
  if (bytes.size() < k_magic.size() + 8) return false;
  std::uint64_t sum = 0;
  std::memcpy(&sum, bytes.data() + bytes.size() - sizeof sum, sizeof sum);
  const std::string_view body = bytes.substr(0, bytes.size() - sizeof sum);
  if (XXH3_64bits(body.data(), body.size()) != sum || !body.starts_with(k_magic)) return false;
  const Key key = key_of(text, limits);
  ByteReader in(body.substr(k_magic.size()));
  std::uint64_t high = 0, low = 0, size = 0;
  std::uint32_t count = 0;
  if (!in.raw(&high) || !in.raw(&low) || !in.raw(&size) || high != key.hash.high64 || low != key.hash.low64 ||
      size != text.size() || !in.raw(&count) || count > body.size() / 16) {
    return false;
  }
  std::vector<yaml::Problem> found(count);
  for (yaml::Problem& p : found) {
    std::uint32_t flags = 0, length = 0;
    std::string_view message;
    if (!in.raw(&p.line) || !in.raw(&p.column) || !in.raw(&flags) || !in.raw(&length) || !in.bytes(length, &message)) {
      return false;
    }
    p.fatal = (flags & 1u) != 0;
    p.limit = (flags & 2u) != 0;
    p.message.assign(message);
  }
  if (!yaml::load_snapshot(in.rest(), documents)) return false;
  problems->insert(problems->end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  return true;
}

bool ParseCache::find(std::string_view text, const yaml::Limits& limits, std::vector<yaml::Document>* documents,
                      std::vector<yaml::Problem>* problems) {
  if (!usable_) return false;
  std::string bytes;
  if (!read_entry(folder_ / key_of(text, limits).name, &bytes)) {
    ++misses_;
    return false;
  }
  if (!decode_parse_entry(bytes, text, limits, documents, problems)) {
    ++rejected_;  // written anew after the parse
    ++misses_;
    return false;
  }
  ++hits_;
  return true;
}

void ParseCache::keep(std::string_view text, const yaml::Limits& limits, std::span<const yaml::Document> documents,
                      std::span<const yaml::Problem> problems) {
  if (!usable_ || !ready()) return;
  std::string error;
  if (write_file_atomically(folder_ / key_of(text, limits).name, encode_parse_entry(text, limits, documents, problems),
                            &error)) {
    ++written_;
  } else {
    usable_ = false;  // a full disk, a folder gone read-only: no cache for the rest of the run
  }
}

void ParseCache::prune(std::size_t most) {
  std::error_code ec;
  if (written_ == 0 || !fs::is_directory(folder_, ec)) return;
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
    if (!is_entry_name(it->path().filename().string())) continue;
    std::error_code time_ec;
    const fs::file_time_type when = it->last_write_time(time_ec);
    if (!time_ec) entries.emplace_back(when, it->path());
  }
  if (entries.size() <= most) return;
  std::ranges::sort(entries);
  for (std::size_t i = 0; i < entries.size() - most; ++i) fs::remove(entries[i].second, ec);
}

bool cache_off_by_environment() {
  const char* value = std::getenv("KAAVA_NO_CACHE");
  return value != nullptr && *value != '\0' && std::string_view(value) != "0";
}

CacheSummary summarize_cache(const fs::path& folder) {
  CacheSummary summary;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return summary;
  summary.exists = true;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (!is_entry_name(it->path().filename().string())) continue;
    ++summary.entries;
    std::error_code size_ec;
    const std::uintmax_t size = it->file_size(size_ec);
    if (!size_ec) summary.bytes += size;
  }
  return summary;
}

bool remove_cache(const fs::path& folder, std::size_t* removed, std::string* error) {
  *removed = 0;
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(folder, ec);
  if (!fs::exists(status)) return true;
  if (!fs::is_directory(status)) {
    *error = fmt::format("'{}' is not a folder; not removing it", folder.string());
    return false;
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!(is_entry_name(name) || is_marker_name(name)) || !it->is_regular_file(ec) || it->is_symlink(ec)) {
      *error = fmt::format("'{}' holds '{}', which is not kaava's; not removing the folder", folder.string(), name);
      return false;
    }
    files.push_back(it->path());
  }
  if (ec) {
    *error = fmt::format("cannot list '{}': {}", folder.string(), ec.message());
    return false;
  }
  for (const fs::path& f : files) {
    if (!fs::remove(f, ec)) {
      *error = fmt::format("cannot remove '{}': {}", f.string(), ec.message());
      return false;
    }
    if (is_entry_name(f.filename().string())) ++*removed;
  }
  if (!fs::remove(folder, ec)) {
    *error = fmt::format("cannot remove '{}': {}", folder.string(), ec.message());
    return false;
  }
  return true;
}

}  // namespace kaava
