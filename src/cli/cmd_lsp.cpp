#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "lsp/jsonrpc.h"
#include "lsp/server.h"

namespace kaava::cli {

namespace {

struct LspOptions {
  std::string log;
  bool stdio = true;
};

int run_lsp(const LspOptions& opt) {
  std::FILE* log = nullptr;
  if (!opt.log.empty()) {
    log = std::fopen(opt.log.c_str(), "a");
    if (log == nullptr) {
      std::fputs(fmt::format("kaava lsp: error: --log {}: cannot open it for writing\n", opt.log).c_str(), stderr);
      return kExitUsage;
    }
  }
#if defined(__GLIBC__)
  // A server reloads the model after every edit: keep freed memory for the
  // next load instead of giving it back to the system and faulting it in again.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  lsp::Transport transport(STDIN_FILENO, STDOUT_FILENO);
  lsp::Server server(transport, log);
  const int code = server.run();
  if (log != nullptr) std::fclose(log);
  return code;
}

}  // namespace

void setup_lsp(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<LspOptions>();
  CLI::App* cmd = app.add_subcommand("lsp", "A language server for editors (LSP over standard input and output)");
  cmd->add_option("--log", opt->log, "Append what the server receives and does to FILE (for debugging)")
      ->type_name("FILE");
  cmd->add_flag("--stdio", opt->stdio, "Talk over standard input and output (the default and only way; editors pass it)");
  cmd->footer(
      "Editors start it and talk to it; it validates open files as they change (unsaved text\n"
      "included) and answers completion, hover, go to definition, references, rename, symbols\n"
      "and quick fixes. Set-up for VS Code, Neovim, Helix and Emacs: docs/editors.md.\n"
      "\nExamples:\n"
      "  kaava lsp\n"
      "  kaava lsp --log /tmp/kaava-lsp.log");
  cmd->callback([opt, &exit_code] { exit_code = run_lsp(*opt); });
}

}  // namespace kaava::cli
