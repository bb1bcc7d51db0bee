#pragma once
/// The subcommands: each file binds its options and calls the library.

#include <chrono>
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

namespace kaava::cli {

/// Exit codes (ARCHITECTURE.md): 0 clean, 1 findings at or above the fail
/// level, 2 usage error, unreadable input or internal error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

/// Each setup adds a subcommand whose callback stores its exit code in
/// `exit_code`.
void setup_validate(CLI::App& app, int& exit_code);
void setup_metamodel(CLI::App& app, int& exit_code);
void setup_init(CLI::App& app, int& exit_code);
void setup_rules(CLI::App& app, int& exit_code);
void setup_render(CLI::App& app, int& exit_code);
void setup_docs(CLI::App& app, int& exit_code);
void setup_export(CLI::App& app, int& exit_code);
void setup_schema(CLI::App& app, int& exit_code);
void setup_import(CLI::App& app, int& exit_code);
void setup_query(CLI::App& app, int& exit_code);
void setup_impact(CLI::App& app, int& exit_code);
void setup_stats(CLI::App& app, int& exit_code);
void setup_diff(CLI::App& app, int& exit_code);
void setup_coverage(CLI::App& app, int& exit_code);
void setup_cache(CLI::App& app, int& exit_code);
void setup_lsp(CLI::App& app, int& exit_code);
void setup_serve(CLI::App& app, int& exit_code);

/// Writes text for people (an error, a summary) to stderr as it is.
inline void say(const std::string& text) { std::fputs(text.c_str(), stderr); }

/// Seconds since `start`, for the timings a command logs.
inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Colour for stderr: a TTY, TERM not dumb, NO_COLOR unset; FORCE_COLOR or
/// CLICOLOR_FORCE force it on. `mode` is auto, always or never.
bool use_color(const std::string& mode);

}  // namespace kaava::cli
