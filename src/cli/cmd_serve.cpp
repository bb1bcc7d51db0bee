// kaava serve: the repository's site on localhost, made again on every save.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/source_options.h"
#include "load/languages.h"
#include "render/graphviz_renderer.h"
#include "serve/http_server.h"
#include "serve/preview.h"
#include "serve/watcher.h"
#include "util/subprocess.h"

namespace kaava::cli {

namespace {

namespace fs = std::filesystem;

struct ServeOptions {
  std::string path = ".";
  std::string host = "127.0.0.1";
  int port = 0;
  std::string language;
  bool open = false;
  bool no_cache = false;
};

/// One line of what the server does, on stderr, as it happens.
void tell(const std::string& line) {
  std::fputs(("kaava serve: " + line + "\n").c_str(), stderr);
  std::fflush(stderr);
}

std::string outcome_text(const serve::RebuildOutcome& o) {
  std::string state = o.errors == 0 ? "no errors"
                      : fmt::format("{} error{}{}", o.errors, o.errors == 1 ? "" : "s",
                                    o.kept_last_good ? ", showing the last version without errors" : "");
  if (o.warnings > 0) state += fmt::format(", {} warning{}", o.warnings, o.warnings == 1 ? "" : "s");
  return fmt::format("built in {:.2f} s ({}; {} view{})", o.seconds, state, o.views, o.views == 1 ? "" : "s");
}

int run_serve(const ServeOptions& opt) {
  // Ctrl-C and SIGTERM go to one thread, which stops the rest in order.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // Pages are made on the HTTP server's threads: Graphviz runs in processes started afresh, not forked.
  draw_in_new_processes();
  serve::PreviewOptions preview_options;
  preview_options.path = opt.path;
  preview_options.language = opt.language;
  preview_options.disk_cache = !opt.no_cache;
  serve::Preview preview(preview_options);
  serve::RebuildOutcome first;
  std::string error;
  if (!preview.rebuild(&first, &error)) {
    say(fmt::format("kaava serve: error: {}\n", error));
    return kExitUsage;
  }

  const bool exposed = !serve::HttpServer::loopback(opt.host);
  serve::HttpServer server(preview, [](const std::string& line) { tell(line); });
  if (!server.bind(opt.host, opt.port, &error)) {
    say(fmt::format("kaava serve: error: {}\n", error));
    return kExitUsage;
  }
  if (exposed) {
    tell(fmt::format("warning: --host {} lets every machine that reaches this one read the model; kaava serve "
                     "has no sign-in (docs/serve.md)",
                     opt.host));
  }
  serve::Watcher watcher;
  std::string warning;
  const bool watching = watcher.start(preview.root(), &error, &warning);
  if (!watching) tell("warning: " + error + "; the pages will not follow changes");
  if (!warning.empty()) tell("warning: " + warning);

  // Every address (0.0.0.0, ::) includes this machine's loopback: the address to open here.
  const bool any = opt.host == "0.0.0.0" || opt.host == "::";
  const std::string shown_host = any ? std::string("127.0.0.1")
                                 : opt.host.find(':') != std::string::npos ? "[" + opt.host + "]"
                                                                           : opt.host;
  const std::string url = fmt::format("http://{}:{}/", shown_host, server.port());
  std::fputs(fmt::format("kaava serve: {} shows {}{}\n", url, preview.root().string(),
                         any ? fmt::format(" (and every address of this machine, port {})", server.port()) : "")
                 .c_str(),
             stdout);
  std::fflush(stdout);
  tell(outcome_text(first) + "; watching for changes, Ctrl-C stops");

  std::thread rebuilder([&] {
    if (!watching) return;
    for (;;) {
      const std::vector<fs::path> changed = watcher.wait();
      if (changed.empty()) return;  // stopped
      std::string what = changed.front().lexically_relative(preview.root()).generic_string();
      if (what.empty() || what == ".") what = "the repository";
      if (changed.size() > 1) what += fmt::format(" and {} more", changed.size() - 1);
      serve::RebuildOutcome outcome;
      std::string why;
      if (preview.rebuild(&outcome, &why)) {
        tell(fmt::format("{} changed: {}", what, outcome_text(outcome)));
      } else {
        tell(fmt::format("{} changed: {}", what, why));
      }
    }
  });
  if (opt.open) {
    const std::vector<std::string> argv = {"xdg-open", url};
    std::string why;
    if (!start_detached(argv, &why)) tell("could not open a browser (" + why + "); open " + url + " yourself");
  }
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    tell("stopping");
    preview.stop();
    watcher.stop();
    server.stop();
  });

  const bool served = server.run();
  // The server may also end on its own (its socket failed): wake the stopper then.
  preview.stop();
  watcher.stop();
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  rebuilder.join();
  if (!served) {
    say("kaava serve: error: the server stopped unexpectedly\n");
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

void setup_serve(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "A live preview: the site on localhost, made again on every save");
  cmd->add_option("path", opt->path,
                  "A folder or file of the repository (its kaava.yaml, say); the whole repository is shown. "
                  "Default: the current folder")
      ->type_name("PATH");
  cmd->add_option("--port", opt->port, "The port to listen on (default: a free one, printed)")
      ->type_name("N")
      ->check(whole_number(1, 65535));
  cmd->add_option("--host", opt->host,
                  "The address to listen on (default 127.0.0.1; another one lets other machines read the model)")
      ->type_name("ADDRESS")
      ->check(non_empty("--host"));
  cmd->add_option("--lang", opt->language, "The site's language, one of the repository's (default: its first)")
      ->type_name("LANG");
  cmd->add_flag("--open", opt->open, "Open the site in the default browser (xdg-open)");
  add_cache_option(cmd, opt->no_cache)
      ->description("Keep no parses in .kaava-cache/ (also KAAVA_NO_CACHE=1); files that did not change are still "
                    "not parsed again while it runs");
  cmd->footer(
      "Leave it running beside the editor: on each save it checks the model again, lays out\n"
      "only the views whose drawing changed, and open pages reload themselves (keeping their\n"
      "scroll position and each view's zoom). While the model has errors, pages show them in a\n"
      "banner over the last version without errors. GET and HEAD only; the site alone, from\n"
      "memory; loopback unless --host says otherwise. Options and security: docs/serve.md.\n"
      "\nExamples:\n"
      "  kaava serve\n"
      "  kaava serve examples/esimerkkiopisto --port 8080 --open\n"
      "  kaava serve --lang sv");
  cmd->callback([opt, &exit_code] { exit_code = run_serve(*opt); });
}

}  // namespace kaava::cli
