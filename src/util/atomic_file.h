#pragma once
/// Writing a file so that readers see the old content or the new, never a
/// half-written one: a temporary file next to it, then a rename.

#include <filesystem>
#include <string>
#include <string_view>

namespace kaava {

/// Writes `text` to `path` (creating its folder); on failure, says why.
bool write_file_atomically(const std::filesystem::path& path, std::string_view text, std::string* error);

/// Whether `path` lies inside a git repository's own folder (.git): kaava
/// never writes there, whatever it is asked.
bool inside_git_folder(const std::filesystem::path& path);

}  // namespace kaava
