#pragma once
/// Reads metamodel files (YAML data) into a Metamodel.

#include <filesystem>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "metamodel/metamodel.h"
#include "source/file_source.h"
#include "source/source_files.h"

namespace kaava {

/// Where a metamodel was asked for: the `metamodel:` (or `extends:`) key,
/// and its value; both invalid when the request comes from a tool.
struct MetamodelRequest {
  SourceSpan at;
  SourceSpan mark;
};

/// Path of a built-in metamodel inside the embedded resources.
std::string builtin_metamodel_path(std::string_view name);

/// Loads the metamodel `name_or_path` (a built-in name such as "vet" or
/// "archimate", from the embedded files, else a file path relative to
/// `base_dir` in `source`) together with the metamodels it `extends`.
/// Problems in the files are reported to `diagnostics`. Returns false, with
/// `error` set, when no usable metamodel results (a missing file, or
/// errors in it).
bool load_metamodel(const FileSource& source, std::string_view name_or_path, const std::filesystem::path& base_dir,
                    SourceFiles& files, Diagnostics& diagnostics, Metamodel& out, std::string* error);

/// The same, reporting a missing metamodel where it was requested.
bool load_metamodel_at(const FileSource& source, std::string_view name_or_path, const MetamodelRequest& requested,
                       const std::filesystem::path& base_dir, SourceFiles& files, Diagnostics& diagnostics,
                       Metamodel& out, std::string* error);

/// The built-in metamodel `name`, for tools and tests; aborts on errors in
/// the embedded data (a build defect).
const Metamodel& builtin_metamodel(std::string_view name);

}  // namespace kaava
