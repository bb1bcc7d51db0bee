#pragma once
/// Running a helper program (git) and collecting what it writes, without a
/// shell: arguments go to the program as they are.

#include <span>
#include <string>
#include <string_view>

namespace kaava {

struct ProcessResult {
  bool started = false;    ///< false: the program could not be run (`error` says why)
  bool not_found = false;  ///< the program is not installed (not on PATH)
  int exit_code = -1;      ///< its exit status; -1 when a signal ended it
  std::string out;         ///< its standard output
  std::string err;         ///< its standard error
  std::string error;
};

/// Runs `argv[0]` (looked up on PATH) with `argv`, writing `input` to its
/// standard input. `env` adds or replaces environment variables
/// ("NAME=value"). Waits for it to end.
ProcessResult run_process(std::span<const std::string> argv, std::string_view input = {},
                          std::span<const std::string> env = {});

/// Starts `argv[0]` (looked up on PATH) on its own: a session of its own,
/// nothing of ours open (its input and output are /dev/null), default
/// signal handling, and not waited for (a browser that xdg-open starts
/// may outlive us). False, with `error`, when it cannot be started.
bool start_detached(std::span<const std::string> argv, std::string* error);

}  // namespace kaava
