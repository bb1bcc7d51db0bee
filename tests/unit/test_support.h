#pragma once
/// Helpers for unit tests: validate in-memory model files through the same
/// load_workspace() as the CLI, with a MemorySource in place of the disk.

#include <string>
#include <utility>
#include <vector>

#include "load/workspace.h"
#include "source/memory_source.h"
#include "validate/validator.h"

namespace kaava::test {

struct InMemoryFile {
  std::string path;
  std::string text;
};

/// A validation run over in-memory files with the built-in vet metamodel.
/// `config_text`, if given, is read as kaava.yaml (severities apply).
struct Run {
  explicit Run(std::unique_ptr<const Workspace> loaded);
  std::unique_ptr<const Workspace> owner;
  const Workspace& ws;
  Diagnostics checks;  ///< validate()'s findings
  Report report;

  /// Findings of one rule.
  std::vector<const Diagnostic*> of(Rule rule) const;
  /// 1-based character column of a finding.
  std::uint32_t column(const Diagnostic& d) const { return ws.files.character_column(d.at); }
  const std::string& file(const Diagnostic& d) const { return ws.files[d.at.file].path; }
  /// Every finding as "file:line:col: rule", for readable failures.
  std::string listing() const;
};

/// A repository loaded (from disk, unless `source` says otherwise) and
/// validated, as `kaava validate PATH`.
struct Loaded {
  explicit Loaded(std::unique_ptr<const Workspace> loaded);
  std::unique_ptr<const Workspace> owner;
  const Workspace& ws;
  bool ok = false;  ///< loaded at all
  std::string error;
  Report report;

  std::size_t count(Rule rule) const;
  std::string listing() const;             ///< "file:line:col: message [rule]" per finding
  std::vector<std::string> files() const;  ///< the model files read, in order
};

std::unique_ptr<Loaded> load_path(const std::filesystem::path& path, unsigned threads = 0,
                                  const FileSource* source = nullptr);

/// A repository of in-memory files (kaava.yaml among them, if wanted),
/// loaded from `path` (relative to the memory root) and validated.
std::unique_ptr<Loaded> load_memory(const std::vector<InMemoryFile>& files, const std::string& path = ".");

std::unique_ptr<Run> validate_files(const std::vector<InMemoryFile>& files, const std::string& config_text = "");

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
