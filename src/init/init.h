#pragma once
/// `kaava init`: a new model repository from the templates in
/// templates/init/ (embedded at build time).

#include <filesystem>
#include <string>
#include <vector>

namespace kaava {

struct InitOptions {
  std::filesystem::path dir = ".";
  std::string name;             ///< default: the folder's name
  std::string language = "fi";  ///< the default language: first in `languages`
};

struct InitResult {
  std::vector<std::string> created;   ///< relative to `dir`
  std::vector<std::string> existing;  ///< files that were in the way
  std::string error;
};

/// Writes kaava.yaml, a starter model file, .gitignore, a CI workflow and
/// the JSON Schemas their first lines name (.kaava/) into `options.dir`
/// (created if missing). Writes nothing when any of the
/// files already exists: returns false with `existing` filled. Files are
/// written atomically (temporary file, then rename).
bool init_repository(const InitOptions& options, InitResult* result);

/// The files init creates, relative to the repository folder.
std::vector<std::string> init_files();

}  // namespace kaava
