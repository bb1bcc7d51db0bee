#include "util/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <vector>

#include <fmt/format.h>

extern char** environ;

namespace kaava {

namespace {

/// Closes what it holds when it goes.
struct Fd {
  int fd = -1;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

/// Blocks SIGPIPE on this thread while a child's stdin may be closed under
/// us (a write then fails with EPIPE instead), and discards one that came.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    already_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeGuard() {
    if (!already_pending_) {
      const timespec zero{0, 0};
      while (sigtimedwait(&pipe_, nullptr, &zero) == SIGPIPE) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t pipe_{}, old_{};
  bool already_pending_ = false;
};

std::vector<std::string> environment(std::span<const std::string> extra) {
  std::vector<std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    const std::string_view name = entry.substr(0, entry.find('='));
    bool replaced = false;
    for (const std::string& x : extra) replaced = replaced || x.substr(0, x.find('=')) == name;
    if (!replaced) out.emplace_back(entry);
  }
  out.insert(out.end(), extra.begin(), extra.end());
  return out;
}

}  // namespace

namespace {

/// A child's signal handling as a program expects it: nothing blocked
/// (kaava serve blocks SIGINT and SIGTERM in its threads), and, started
/// on its own, a session of its own.
struct SpawnAttributes {
  explicit SpawnAttributes(bool own_session) {
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (own_session) flags |= POSIX_SPAWN_SETSID;
    posix_spawnattr_setflags(&attr, flags);
  }
  ~SpawnAttributes() { posix_spawnattr_destroy(&attr); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
  posix_spawnattr_t attr;
};

}  // namespace

bool start_detached(std::span<const std::string> argv, std::string* error) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  for (int fd = 0; fd < 3; ++fd) {
    posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
  }
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);  // none of ours: a socket, a pipe to our caller
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  SpawnAttributes attributes(true);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, &attributes.attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    *error = fmt::format("cannot run {}: {}", argv[0], std::strerror(rc));
    return false;
  }
  return true;
}

ProcessResult run_process(std::span<const std::string> argv, std::string_view input, std::span<const std::string> env) {
  ProcessResult result;
  if (argv.empty()) {
    result.error = "no program to run";
    return result;
  }
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  Fd in_read{in[0]}, in_write{in[1]};
  if (pipe2(out, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  Fd out_read{out[0]}, out_write{out[1]};
  if (pipe2(err, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  Fd err_read{err[0]}, err_write{err[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_read.fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.fd, 2);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings = environment(env);
  std::vector<char*> envp;
  envp.reserve(env_strings.size() + 1);
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = 0;
  SpawnAttributes attributes(false);
  const int rc = posix_spawnp(&pid, args[0], &actions, &attributes.attr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    result.not_found = rc == ENOENT;
    result.error = fmt::format("cannot run {}: {}", argv[0], std::strerror(rc));
    return result;
  }
  result.started = true;
  in_read.reset();
  out_write.reset();
  err_write.reset();

  SigpipeGuard guard;
  fcntl(in_write.fd, F_SETFL, fcntl(in_write.fd, F_GETFL) | O_NONBLOCK);
  if (input.empty()) in_write.reset();
  std::size_t written = 0;
  char buffer[65536];
  while (out_read.fd >= 0 || err_read.fd >= 0) {
    pollfd fds[3];
    nfds_t n = 0;
    if (in_write.fd >= 0) fds[n++] = {in_write.fd, POLLOUT, 0};
    if (out_read.fd >= 0) fds[n++] = {out_read.fd, POLLIN, 0};
    if (err_read.fd >= 0) fds[n++] = {err_read.fd, POLLIN, 0};
    if (poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == in_write.fd) {
        const ssize_t w = ::write(in_write.fd, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) in_write.reset();
        continue;
      }
      Fd& from = fds[i].fd == out_read.fd ? out_read : err_read;
      std::string& to = fds[i].fd == out_read.fd ? result.out : result.err;
      const ssize_t r = ::read(from.fd, buffer, sizeof buffer);
      if (r > 0) {
        to.append(buffer, static_cast<std::size_t>(r));
      } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        from.reset();
      }
    }
  }
  in_write.reset();
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace kaava
