#pragma once
/// Helpers for unit tests: validate in-memory model files.

#include <string>
#include <utility>
#include <vector>

#include "load/workspace.h"
#include "validate/validator.h"

namespace kaava::test {

struct InMemoryFile {
  std::string path;
  std::string text;
};

/// A validation run over in-memory files with the built-in vet metamodel.
/// `config_text`, if given, is read as kaava.yaml (severities apply).
struct Run {
  Workspace ws;
  Report report;

  /// Findings of one rule.
  std::vector<const Diagnostic*> of(Rule rule) const;
  /// 1-based character column of a finding.
  std::uint32_t column(const Diagnostic& d) const { return ws.files.character_column(d.at); }
  const std::string& file(const Diagnostic& d) const { return ws.files[d.at.file].path; }
  /// Every finding as "file:line:col: rule", for readable failures.
  std::string listing() const;
};

/// A repository loaded from disk and validated, as `kaava validate PATH`.
struct Loaded {
  Workspace ws;
  bool ok = false;  ///< load_workspace's result
  std::string error;
  Report report;

  std::size_t count(Rule rule) const;
  std::string listing() const;             ///< "file:line:col: message [rule]" per finding
  std::vector<std::string> files() const;  ///< the model files read, in order
};

std::unique_ptr<Loaded> load_path(const std::filesystem::path& path, unsigned threads = 0);

std::unique_ptr<Run> validate_files(const std::vector<InMemoryFile>& files,
                                    const std::string& config_text = "");

/// Shorthand for one file named "model/input.yaml".
std::unique_ptr<Run> validate_text(const std::string& text, const std::string& config_text = "");

/// A temporary folder, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  /// Writes `text` to `relative`, creating folders.
  void write(const std::string& relative, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

}  // namespace kaava::test
