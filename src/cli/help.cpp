#include "cli/help.h"

#include <cstdio>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "util/edit_distance.h"
#include "util/text.h"

namespace kaava::cli {

namespace {

constexpr std::size_t k_column = 30;
constexpr std::size_t k_width = 100;

/// `text` wrapped under the column (CLI11 indents each line there).
std::string wrap(std::string_view text) {
  return fmt::format("{}", fmt::join(wrap_words(text, k_width - k_column), "\n"));
}

std::string name_of(const CLI::Option* opt) {
  if (opt->get_positional()) return opt->get_name(true, false);
  const auto& longs = opt->get_lnames();
  return longs.empty() ? "-" + opt->get_snames().front() : "--" + longs.front();
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) out.push_back(sub->get_name());
  return out;
}

std::string suggestion(std::string_view word, const std::vector<std::string>& names) {
  const std::vector<std::string_view> views(names.begin(), names.end());
  return did_you_mean(word, views);
}

/// The command being parsed when the error came: the deepest parsed one.
const CLI::App* current_command(const CLI::App& app) {
  const CLI::App* at = &app;
  for (;;) {
    const auto parsed = at->get_subcommands();
    if (parsed.empty()) return at;
    at = parsed.back();
  }
}

/// "kaava import archimate": the command with the commands it is under.
std::string full_name(const CLI::App& app, const CLI::App* cmd) {
  std::string out;
  for (const CLI::App* c = cmd; c != nullptr && c != &app; c = c->get_parent()) {
    out = out.empty() ? c->get_name() : c->get_name() + " " + out;
  }
  return out.empty() ? std::string("kaava") : "kaava " + out;
}

}  // namespace

CLI::Validator one_of(std::vector<std::string> names) {
  const std::string shown = fmt::format("{{{}}}", fmt::join(names, ","));
  return CLI::Validator(
      [names](std::string& value) {
        if (std::ranges::find(names, value) != names.end()) return std::string();
        return fmt::format("'{}' is not one of {}{}", value, fmt::join(names, ", "), suggestion(value, names));
      },
      shown, "one of");
}

HelpFormatter::HelpFormatter() {
  column_width(k_column);
  label("SUBCOMMAND", "COMMAND");
  label("Subcommands", "Commands");
  label("Positionals", "Arguments");
}

std::string HelpFormatter::make_option_opts(const CLI::Option* opt) const {
  std::string out;
  if (opt->get_type_size() != 0) {
    std::string type = opt->get_type_name();
    // "TEXT:{a,b}" from a set check: the set is what the reader needs.
    if (const std::size_t brace = type.find(":{"); brace != std::string::npos) type = type.substr(brace + 1);
    if (!type.empty()) out += " " + type;
    if (!opt->get_default_str().empty()) out += "=" + opt->get_default_str();
    if (opt->get_expected_max() == CLI::detail::expected_max_vector_size) out += " ...";
  }
  return out;
}

std::string HelpFormatter::make_option_desc(const CLI::Option* opt) const {
  std::string text = opt->get_description();
  std::vector<std::string> others;
  for (const CLI::Option* other : opt->get_excludes()) others.push_back(name_of(other));
  if (!others.empty()) text += fmt::format(" (not with {})", fmt::join(others, ", "));
  return wrap(text);
}

int handle_before_parse(CLI::App& app, int argc, char** argv) {
  if (argc < 2) {
    say(app.help());
    return kExitUsage;
  }
  const std::string first = argv[1];
  if (first == "help") {
    if (argc == 2 || std::string_view(argv[2]) == "help") {
      std::fputs(app.help().c_str(), stdout);
      return kExitOk;
    }
    const std::string name = argv[2];
    for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
      if (sub->get_name() == name) {
        std::fputs(sub->help("kaava").c_str(), stdout);
        return kExitOk;
      }
    }
    say(fmt::format("kaava help: error: unknown command '{}'{}\nThe commands are: {}.\n", name,
                    suggestion(name, command_names(app)), fmt::join(command_names(app), ", ")));
    return kExitUsage;
  }
  if (!first.empty() && first.front() != '-') {
    const std::vector<std::string> names = command_names(app);
    if (std::ranges::find(names, first) == names.end()) {
      // `kaava version`: an option of kaava's written as a command.
      std::string hint = suggestion(first, names);
      if (hint.empty() && app.get_option_no_throw("--" + first) != nullptr) {
        hint = fmt::format(" (did you mean '--{}'?)", first);
      }
      say(fmt::format("kaava: error: unknown command '{}'{}\nThe commands are: {}; 'kaava help' says more.\n", first,
                      hint, fmt::join(names, ", ")));
      return kExitUsage;
    }
  }
  return -1;
}

int report_parse_error(CLI::App& app, const CLI::ParseError& error) {
  const int code = error.get_exit_code();
  if (code == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(error);  // --help, --version
  const CLI::App* cmd = current_command(app);
  std::string message = error.what();
  const bool extras_error = dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr;
  // `kaava --verbose validate`: the argument is kaava's, not validate's.
  if (extras_error && cmd->remaining().empty()) cmd = &app;
  const std::string who = full_name(app, cmd);
  if (extras_error) {
    // Which argument was not expected, and the option it may be a typo of.
    const std::vector<std::string> extras = cmd->remaining();
    const std::string extra = extras.empty() ? std::string() : extras.front();
    std::vector<std::string> options;
    for (const CLI::Option* opt : cmd->get_options()) {
      if (!opt->get_positional()) options.push_back(name_of(opt));
    }
    if (extra.starts_with("-")) {
      const std::string bare = extra.substr(0, extra.find('='));
      message = fmt::format("unknown option '{}'{}", bare, suggestion(bare, options));
    } else if (!extra.empty()) {
      message = fmt::format("unexpected argument '{}'", extra);
    }
  } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr &&
             message.find(" missing") != std::string::npos) {
    // CLI11 says "--format: 1 required TEXT:{...} missing".
    const std::string option = message.substr(0, message.find(':'));
    const CLI::Option* opt = cmd->get_option_no_throw(option);
    const std::string choices = opt != nullptr ? opt->get_type_name() : std::string();
    const std::size_t brace = choices.find(":{");
    message =
        fmt::format("{} needs a value{}", option,
                    brace == std::string::npos ? std::string() : fmt::format(": one of {}", choices.substr(brace + 1)));
  } else if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr) {
    // CLI11 says "--a excludes --b".
    if (const std::size_t at = message.find(" excludes "); at != std::string::npos) {
      message = fmt::format("{} and {} cannot be used together", message.substr(0, at), message.substr(at + 10));
    }
  } else if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && cmd == &app) {
    message = "a command is needed";
  } else if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr &&
             !cmd->get_subcommands([](const CLI::App*) { return true; }).empty()) {
    // `kaava export xml`: a subcommand of a command that has them.
    std::vector<std::string> names;
    for (const CLI::App* sub : cmd->get_subcommands([](const CLI::App*) { return true; })) {
      names.push_back(sub->get_name());
    }
    const std::vector<std::string> extras = cmd->remaining();
    const std::string kind = cmd->get_name() == "export" || cmd->get_name() == "import" ? "format" : "subcommand";
    message = extras.empty() || extras.front().starts_with("-")
                  ? fmt::format("a {} is needed: one of {}", kind, fmt::join(names, ", "))
                  : fmt::format("unknown {} '{}'{}; one of {}", kind, extras.front(),
                                suggestion(extras.front(), names), fmt::join(names, ", "));
  }
  say(fmt::format("{}: error: {}\nRun '{} --help' for its options.\n", who, message, who));
  return kExitUsage;
}

}  // namespace kaava::cli
