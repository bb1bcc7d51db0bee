#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/source_options.h"
#include "init/init.h"

namespace kaava::cli {

namespace {

/// A word for a POSIX shell: as it is when it is safe, else in single quotes.
std::string shell_quoted(const std::string& s) {
  if (!s.empty() &&
      s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == std::string::npos) {
    return s;
  }
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int run_init(const InitOptions& opt) {
  InitResult result;
  if (!init_repository(opt, &result)) {
    std::string out = fmt::format("kaava init: error: {}\n", result.error);
    for (const std::string& f : result.existing) {
      out += fmt::format("  {} already exists\n", (opt.dir / f).lexically_normal().string());
    }
    std::fputs(out.c_str(), stderr);
    return kExitUsage;
  }
  std::string out;
  for (const std::string& f : result.created) {
    out += fmt::format("created {}\n", (opt.dir / f).lexically_normal().string());
  }
  // From the folder it was made in, the next step needs no cd.
  std::error_code ec;
  const std::filesystem::path dir = opt.dir.lexically_normal();
  const bool here = dir == "." || dir == "./" || std::filesystem::equivalent(dir, ".", ec);
  out += here ? std::string("\nNext: kaava validate\n")
              : fmt::format("\nNext: cd {} && kaava validate\n", shell_quoted(dir.string()));
  // In a subfolder of a git repository, GitHub does not read the workflow there.
  const std::filesystem::path made = std::filesystem::absolute(dir, ec).lexically_normal();
  if (const std::filesystem::path top = git_work_tree_of(made); !top.empty() && top != made) {
    const std::string sub = made.lexically_relative(top).generic_string();
    out += fmt::format(
        "\nNote: {} is inside the git repository {}. GitHub reads workflows only from\n"
        "{}/.github/workflows/: move kaava.yml there and give its steps\n"
        "'working-directory: {}'.\n",
        sub, top.string(), top.string(), sub);
  }
  std::fputs(out.c_str(), stdout);
  return kExitOk;
}

}  // namespace

void setup_init(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<InitOptions>();
  CLI::App* cmd = app.add_subcommand("init", "Create a model repository: kaava.yaml, a starter model, CI");
  cmd->add_option("dir", opt->dir, "The folder (created if missing)")->type_name("DIR")->capture_default_str();
  cmd->add_option("--name", opt->name, "The repository's name (default: the folder's name)")
      ->type_name("NAME")
      ->check(non_empty("--name"));
  cmd->add_option("--lang", opt->language, "The default language of the model (fi, sv or en)")
      ->type_name("LANG")
      ->capture_default_str();
  cmd->footer(
      "Creates kaava.yaml (importing the VET reference architecture), model/start.yaml,\n"
      ".gitignore and .github/workflows/kaava.yml. Existing files are never overwritten:\n"
      "if any is there, nothing is written.\n"
      "\nExamples:\n"
      "  kaava init omnia-ea --name \"Omnia\"\n"
      "  kaava init . --lang sv");
  cmd->callback([opt, &exit_code] { exit_code = run_init(*opt); });
}

}  // namespace kaava::cli
