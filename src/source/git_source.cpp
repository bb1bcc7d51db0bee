#include "source/git_source.h"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "util/subprocess.h"

namespace kaava {

namespace fs = std::filesystem;

namespace {

/// The environment git runs in: no prompts, locks or translated messages,
/// and git's own path variables as they mean from kaava's folder, since
/// `git -C DIR` would read them from DIR: relative ones (a hook's
/// GIT_INDEX_FILE) made absolute, and GIT_DIR without GIT_WORK_TREE (as
/// git sets them for hooks) meaning that the work tree is this folder.
const std::vector<std::string>& git_environment() {
  static const std::vector<std::string> env = [] {
    std::vector<std::string> out = {"GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0", "LC_ALL=C", "LANGUAGE="};
    std::error_code ec;
    for (const char* name : {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR"}) {
      const char* value = std::getenv(name);
      if (value != nullptr && *value != '\0' && !fs::path(value).is_absolute()) {
        out.push_back(fmt::format("{}={}", name, fs::absolute(value, ec).string()));
      }
    }
    const char* dir = std::getenv("GIT_DIR");
    const char* tree = std::getenv("GIT_WORK_TREE");
    if (dir != nullptr && *dir != '\0' && (tree == nullptr || *tree == '\0')) {
      out.push_back(fmt::format("GIT_WORK_TREE={}", fs::current_path(ec).string()));
    }
    return out;
  }();
  return env;
}

ProcessResult git(const fs::path& dir, std::vector<std::string> args, std::string_view input = {}) {
  args.insert(args.begin(), {"git", "-C", dir.string()});
  return run_process(args, input, git_environment());
}

/// The first line of git's output, without its line break.
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

/// git's own message, first line, without "fatal: ".
std::string git_message(const ProcessResult& r) {
  std::string text = first_line(r.err);
  for (std::string_view prefix : {"fatal: ", "error: "}) {
    if (text.starts_with(prefix)) text.erase(0, prefix.size());
  }
  return text.empty() ? fmt::format("git exited with status {}", r.exit_code) : text;
}

/// Why git cannot open the repository around `dir`, for a message.
std::string open_error(const fs::path& dir, const ProcessResult& r, bool index) {
  const std::string message = git_message(r);
  if (message.find("not a git repository") != std::string::npos) {
    return fmt::format("'{}' is not in a git repository, so there is no {} to read", dir.string(),
                       index ? "index" : "revision");
  }
  if (message.find("dubious ownership") != std::string::npos) {
    // git says how to trust the folder on a line of its own.
    const std::size_t at = r.err.find("git config --global --add safe.directory");
    const std::string how = at == std::string::npos ? "" : "; to trust it: " + first_line(r.err.substr(at));
    return fmt::format("git does not trust the repository at '{}': it belongs to another user{}", dir.string(), how);
  }
  return fmt::format("git cannot read the repository at '{}': {}", dir.string(), message);
}

bool ran(const ProcessResult& r, std::string* error) {
  if (r.started) return true;
  *error = r.not_found ? "git is not installed (or not on PATH); --rev and --staged read the repository through git"
                       : r.error;
  return false;
}

FileKind kind_of_mode(std::string_view mode) {
  if (mode == "120000") return FileKind::link;
  if (mode == "160000") return FileKind::submodule;
  if (mode == "040000") return FileKind::folder;
  return FileKind::file;
}

/// The next record of `rest` up to `end` (a NUL or a line feed), which is
/// taken off `rest`.
std::string_view next_record(std::string_view& rest, char end) {
  const std::size_t at = rest.find(end);
  const std::string_view record = rest.substr(0, at);
  rest.remove_prefix(at == std::string_view::npos ? rest.size() : at + 1);
  return record;
}

std::uintmax_t number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  std::uintmax_t n = 0;
  std::from_chars(text.data(), text.data() + text.size(), n);
  return n;
}

}  // namespace

GitTreeSource::GitTreeSource(const fs::path& top, std::string revision)
    : TableSource(top), revision_(std::move(revision)) {}

std::unique_ptr<GitTreeSource> GitTreeSource::open(const fs::path& dir, const std::string& revision,
                                                   std::string* error) {
  // git runs in the nearest folder that exists: the path asked for may be
  // gone from the working tree and still be in the revision.
  std::error_code ec;
  fs::path at = fs::absolute(dir, ec);
  while (!at.empty() && !fs::is_directory(at, ec) && at.has_parent_path() && at.parent_path() != at) {
    at = at.parent_path();
  }
  const ProcessResult top = git(at, {"rev-parse", "--show-toplevel"});
  if (!ran(top, error)) return nullptr;
  std::string top_path = first_line(top.out);
  if (top.exit_code != 0 || top_path.empty()) {
    // A bare repository has revisions but no work tree: its tree sits at
    // the repository's own folder.
    const ProcessResult bare = git(at, {"rev-parse", "--is-bare-repository", "--absolute-git-dir"});
    if (bare.exit_code != 0 || !bare.out.starts_with("true\n")) {
      *error = open_error(dir, top, revision.empty());
      return nullptr;
    }
    if (revision.empty()) {
      *error =
          fmt::format("'{}' is in a bare git repository, which has no index; name a revision with --rev", dir.string());
      return nullptr;
    }
    top_path = first_line(bare.out.substr(5));
  }
  std::unique_ptr<GitTreeSource> source(new GitTreeSource(fs::path(top_path), revision));
  if (revision.empty()) {
    if (!source->load_index(error)) return nullptr;
    return source;
  }
  if (revision.starts_with('-')) {
    *error = fmt::format("'{}' is not a revision (revisions do not start with '-')", revision);
    return nullptr;
  }
  std::string tree;
  if (!source->resolve_revision(&tree, error)) return nullptr;
  if (!source->load_tree(tree, error)) return nullptr;
  return source;
}

bool GitTreeSource::resolve_revision(std::string* tree, std::string* error) const {
  // The revision first, then its tree: `:/message` and `HEAD:path` do not
  // take a suffix such as ^{tree}.
  const ProcessResult object = git(top(), {"rev-parse", "--verify", "--quiet", revision_});
  if (!ran(object, error)) return false;
  if (object.exit_code != 0 || object.out.size() < 40) {
    const ProcessResult head = git(top(), {"rev-parse", "--verify", "--quiet", "HEAD"});
    *error = head.exit_code != 0
                 ? fmt::format("the git repository at '{}' has no commits yet, so there is no revision '{}'",
                               top().string(), revision_)
                 : fmt::format("unknown revision '{}' in the git repository at '{}'", revision_, top().string());
    return false;
  }
  const std::string oid = first_line(object.out);
  const ProcessResult type = git(top(), {"cat-file", "-t", oid});
  const std::string kind = first_line(type.out);
  const std::size_t colon = revision_.find(':');
  if (kind == "blob") {
    *error = fmt::format("'{}' is a file in a revision, not a commit or a tree", revision_);
    return false;
  }
  if (kind == "tree" && colon != std::string::npos && colon + 1 < revision_.size() && revision_[colon + 1] != '/') {
    *error = fmt::format(
        "'{}' is a folder inside a revision; name the revision and the folder instead: "
        "--rev {} {}",
        revision_, revision_.substr(0, colon).empty() ? "HEAD" : revision_.substr(0, colon),
        revision_.substr(colon + 1));
    return false;
  }
  const ProcessResult root = git(top(), {"rev-parse", "--verify", "--quiet", oid + "^{tree}"});
  if (root.exit_code != 0 || root.out.size() < 40) {
    *error = fmt::format("'{}' is a {} in the git repository, not a commit or a tree", revision_,
                         kind.empty() ? "object" : kind);
    return false;
  }
  *tree = first_line(root.out);
  return true;
}

bool GitTreeSource::load_tree(const std::string& tree, std::string* error) {
  const ProcessResult r = git(top(), {"ls-tree", "-r", "-z", "-l", "--full-tree", tree});
  if (!ran(r, error)) return false;
  if (r.exit_code != 0) {
    *error = fmt::format("git cannot list revision '{}': {}", revision_, git_message(r));
    return false;
  }
  // <mode> SP <type> SP <object> SP+ <size> TAB <path> NUL
  for (std::string_view rest = r.out; !rest.empty();) {
    const std::string_view line = next_record(rest, '\0');
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    const std::string_view meta = line.substr(0, tab);
    const std::size_t s1 = meta.find(' '), s2 = meta.find(' ', s1 + 1), s3 = meta.find(' ', s2 + 1);
    if (s3 == std::string_view::npos) continue;
    const FileKind kind = kind_of_mode(meta.substr(0, s1));
    objects_.emplace_back(meta.substr(s2 + 1, s3 - s2 - 1));
    table_.add(line.substr(tab + 1), kind, number(meta.substr(s3 + 1)),
               static_cast<std::uint32_t>(objects_.size() - 1));
  }
  return true;
}

bool GitTreeSource::load_index(std::string* error) {
  const ProcessResult r = git(top(), {"ls-files", "--stage", "-z"});
  if (!ran(r, error)) return false;
  if (r.exit_code != 0) {
    *error = fmt::format("git cannot read the index: {}", git_message(r));
    return false;
  }
  // <mode> SP <object> SP <stage> TAB <path> NUL
  struct Staged {
    std::string_view path;
    FileKind kind;
  };
  std::vector<Staged> staged;
  std::string oids;
  for (std::string_view rest = r.out; !rest.empty();) {
    const std::string_view line = next_record(rest, '\0');
    const std::size_t tab = line.find('\t');
    const std::size_t s1 = line.find(' '), s2 = line.find(' ', s1 + 1);
    if (tab == std::string_view::npos || s2 == std::string_view::npos || s2 > tab) continue;
    if (line.substr(s2 + 1, tab - s2 - 1) != "0") {
      *error = fmt::format("the index has an unresolved merge conflict in '{}'; resolve it (git add) first",
                           line.substr(tab + 1));
      return false;
    }
    staged.push_back({line.substr(tab + 1), kind_of_mode(line.substr(0, s1))});
    objects_.emplace_back(line.substr(s1 + 1, s2 - s1 - 1));
    oids += objects_.back();
    oids += '\n';
  }
  // The sizes, for the file-size limit, from one more plumbing call.
  const ProcessResult sizes = git(top(), {"cat-file", "--batch-check=%(objectsize)"}, oids);
  if (!ran(sizes, error)) return false;
  std::string_view lines = sizes.out;
  for (std::size_t i = 0; i < staged.size(); ++i) {
    table_.add(staged[i].path, staged[i].kind, number(next_record(lines, '\n')), static_cast<std::uint32_t>(i));
  }
  return true;
}

std::string GitTreeSource::describe() const {
  return revision_.empty() ? "the index" : fmt::format("revision {}", revision_);
}

fs::path GitTreeSource::absolute(const fs::path& path) const {
  // As git sees the working tree: links in the folders above resolved.
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  fs::path out = fs::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal() : out;
}

bool GitTreeSource::link_target(const fs::path&, fs::path*, std::string* error) const {
  *error = fmt::format("a symbolic link in {}; kaava does not follow links inside a git tree", describe());
  return false;
}

bool GitTreeSource::fetch(const std::vector<std::uint32_t>& blobs, std::string* error) const {
  if (blobs.empty()) return true;
  std::string input;
  input.reserve(blobs.size() * 41);
  for (std::uint32_t b : blobs) {
    input += objects_[b];
    input += '\n';
  }
  ProcessResult r = git(top(), {"cat-file", "--batch"}, input);
  if (!ran(r, error)) return false;
  if (r.exit_code != 0) {
    *error = fmt::format("git cannot read objects: {}", git_message(r));
    return false;
  }
  // <oid> SP <type> SP <size> LF <contents> LF, or <oid> SP missing LF
  std::string_view rest = r.out;
  std::lock_guard lock(mutex_);
  for (std::uint32_t b : blobs) {
    if (rest.find('\n') == std::string_view::npos) break;
    const std::string_view header = next_record(rest, '\n');
    if (header.ends_with(" missing")) continue;
    const std::uintmax_t size = number(header.substr(header.rfind(' ') + 1));
    if (size > rest.size()) break;
    fetched_[b].assign(rest.substr(0, static_cast<std::size_t>(size)));
    rest.remove_prefix(std::min<std::size_t>(rest.size(), static_cast<std::size_t>(size) + 1));
  }
  return true;
}

void GitTreeSource::prefetch(std::span<const fs::path> paths, std::uintmax_t max_bytes) const {
  std::vector<std::uint32_t> blobs;
  {
    std::lock_guard lock(mutex_);
    for (const fs::path& p : paths) {
      const FileTable::Entry* e = table_.find(p);
      if (e != nullptr && e->kind == FileKind::file && e->size <= max_bytes && !fetched_.contains(e->payload)) {
        blobs.push_back(e->payload);
      }
    }
  }
  std::string ignored;
  fetch(blobs, &ignored);  // what fails here fails again, with its message, in read()
}

ReadResult GitTreeSource::read(const fs::path& path, std::uintmax_t max_bytes, std::string* out,
                               std::string* error) const {
  const FileTable::Entry* e = table_.find(path);
  if (e == nullptr || e->kind == FileKind::folder) {
    *error = e == nullptr ? fmt::format("no such file in {}", describe()) : "a folder, not a file";
    return e == nullptr ? ReadResult::missing : ReadResult::failed;
  }
  if (e->kind != FileKind::file) {
    *error = e->kind == FileKind::link
                 ? fmt::format("a symbolic link in {}; it is not followed", describe())
                 : fmt::format("a git submodule in {}; its files are not in this tree", describe());
    return ReadResult::failed;
  }
  if (e->size > max_bytes) {
    *error = too_large_message(e->size, max_bytes);
    return ReadResult::too_large;
  }
  {
    std::lock_guard lock(mutex_);
    auto it = fetched_.find(e->payload);
    if (it != fetched_.end()) {
      *out = std::move(it->second);
      fetched_.erase(it);
      return ReadResult::ok;
    }
  }
  if (!fetch({e->payload}, error)) return ReadResult::failed;
  std::lock_guard lock(mutex_);
  auto it = fetched_.find(e->payload);
  if (it == fetched_.end()) {
    *error = fmt::format("git has no object {} for this file", objects_[e->payload]);
    return ReadResult::failed;
  }
  *out = std::move(it->second);
  fetched_.erase(it);
  return ReadResult::ok;
}

std::string GitTreeSource::missing_reason(const fs::path& path) const {
  if (!table_.key(path)) return fmt::format("it is outside the git repository at '{}'", top().string());
  return fmt::format("{} does not have it", describe());
}

}  // namespace kaava
