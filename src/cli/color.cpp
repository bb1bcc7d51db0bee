#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "cli/commands.h"

namespace kaava::cli {

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  for (const char* force : {"CLICOLOR_FORCE", "FORCE_COLOR"}) {
    const char* v = std::getenv(force);
    if (v != nullptr && v[0] != '\0' && std::strcmp(v, "0") != 0) return true;
  }
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return isatty(STDERR_FILENO) != 0;
}

}  // namespace kaava::cli
