#pragma once
/// Writing one named file that a command produces (a report, an export):
/// never over a file of the model, never a YAML file under a source folder
/// (it would be read as part of the model), never into .git; atomically,
/// in a folder that becomes kaava's when kaava makes it.

#include <filesystem>
#include <string>
#include <string_view>

#include "load/workspace.h"

namespace kaava::cli {

/// Why `file` must not be written for `ws`, or "".
std::string unsafe_output(const std::filesystem::path& file, const Workspace& ws);

/// Writes `text` to `file` for `command` (recorded in the folder's
/// marker); false, with `error`, when it must not or cannot.
bool write_output_file(const std::filesystem::path& file, std::string_view text, std::string_view command,
                       const Workspace& ws, std::string* error);

}  // namespace kaava::cli
