#pragma once
/// Finding model files in a repository's source folders, in any FileSource.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "load/config.h"
#include "source/file_source.h"
#include "source/source_files.h"

namespace kaava {

bool is_yaml_file(const std::filesystem::path& p);

/// `path` relative to `root`, '/'-separated (or `path` itself if unrelated).
std::string relative_display(const std::filesystem::path& path, const std::filesystem::path& root);

/// Whether `path` lies inside `root` (both absolute and normalised).
bool inside(const std::filesystem::path& path, const std::filesystem::path& root);

/// The model files under `config.sources` in `source`, sorted by path and
/// added to `files` (not read yet), shown relative to `display_root`.
/// Hidden folders, kaava.yaml and links out of the repository are skipped
/// (links are reported); `unreadable` is set when a folder cannot be read.
/// For an imported repository, the files (and those of findings) are
/// marked imported.
std::vector<std::uint32_t> discover_model_files(const FileSource& source, const Config& config,
                                                const std::filesystem::path& display_root, SourceFiles& files,
                                                Diagnostics& diagnostics, bool* unreadable, bool imported = false);

}  // namespace kaava
