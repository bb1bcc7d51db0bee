#include "cli/output_file.h"

#include <vector>

#include <fmt/format.h>

#include "load/files.h"
#include "util/atomic_file.h"
#include "util/output_folder.h"

namespace kaava::cli {

namespace fs = std::filesystem;

std::string unsafe_output(const fs::path& file, const Workspace& ws) {
  if (inside_git_folder(file)) return "it is a .git folder or inside one; kaava does not write there";
  std::error_code ec;
  for (std::uint32_t f = 0; f < ws.files.size(); ++f) {
    const fs::path& origin = ws.files[f].origin;
    if (!ws.files[f].embedded && origin.is_absolute() && fs::equivalent(origin, file, ec)) {
      return "it is a file of the model; not overwriting it";
    }
  }
  if (is_yaml_file(file)) {
    const fs::path target = fs::weakly_canonical(fs::absolute(file, ec), ec);
    for (const SourceFolder& folder : ws.config.sources) {
      if (inside(target, fs::weakly_canonical(ws.config.root / folder.path, ec)))
        return fmt::format("a YAML file under source folder '{}' would be read as part of the model", folder.path);
    }
  }
  return {};
}

bool write_output_file(const fs::path& file, std::string_view text, std::string_view command, const Workspace& ws,
                       std::string* error) {
  if (const std::string why = unsafe_output(file, ws); !why.empty()) {
    *error = fmt::format("{}: {}", file.string(), why);
    return false;
  }
  if (fs::is_directory(file)) {
    *error = fmt::format("{}: is a folder; name a file", file.string());
    return false;
  }
  // One named file: any safe folder takes it, and a folder that kaava
  // makes (or finds empty) becomes kaava's, as render's does.
  OutputFolder folder;
  std::vector<std::string> removed;
  return folder.open(file.parent_path(), command, OutputFolder::Use::single, false, error) &&
         folder.write(file.filename().string(), text, error) && folder.finish({}, &removed, error);
}

}  // namespace kaava::cli
