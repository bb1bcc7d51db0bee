#pragma once
/// The subcommands: each file binds its options and calls the library.

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

/// Colour for stderr: a TTY, TERM not dumb, NO_COLOR unset; FORCE_COLOR or
/// CLICOLOR_FORCE force it on. `mode` is auto, always or never.
bool use_color(const std::string& mode);

}  // namespace kaava::cli
