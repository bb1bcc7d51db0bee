#pragma once
/// How kaava's command line speaks when it is used wrongly or asked for
/// help: a help layout that keeps option names and descriptions apart, and
/// parse errors that name the command, suggest the closest command or
/// option, and say where its help is.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace kaava::cli {

/// Option names with their values, the description wrapped beneath, and
/// "not with --x" in words instead of CLI11's "Excludes: --x" tags.
class HelpFormatter : public CLI::Formatter {
 public:
  HelpFormatter();
  std::string make_option_opts(const CLI::Option* opt) const override;
  std::string make_option_desc(const CLI::Option* opt) const override;
};

/// A check that an option's value is one of `names`; otherwise it says
/// which they are, with a did-you-mean. Shown in help as {a,b,c}.
CLI::Validator one_of(std::vector<std::string> names);

/// Handles what CLI11 cannot before parsing: `kaava` alone (usage, exit 2),
/// `kaava help [COMMAND]`, and an unknown command (with a did-you-mean).
/// Returns -1 when the arguments are for CLI11, else the exit code.
int handle_before_parse(CLI::App& app, int argc, char** argv);

/// Prints a parse error the way kaava words errors and returns its exit code.
int report_parse_error(CLI::App& app, const CLI::ParseError& error);

}  // namespace kaava::cli
