#include "metamodel/metamodel_loader.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "metamodel/metamodel_reader.h"
#include "source/embedded_source.h"

namespace kaava {

using metamodel_detail::Loader;

std::string builtin_metamodel_path(std::string_view name) { return fmt::format("models/metamodel/{}.yaml", name); }

bool load_metamodel(const FileSource& source, std::string_view name_or_path, const std::filesystem::path& base_dir,
                    SourceFiles& files, Diagnostics& diagnostics, Metamodel& out, std::string* error) {
  return load_metamodel_at(source, name_or_path, MetamodelRequest{}, base_dir, files, diagnostics, out, error);
}

bool load_metamodel_at(const FileSource& source, std::string_view name_or_path, const MetamodelRequest& requested,
                       const std::filesystem::path& base_dir, SourceFiles& files, Diagnostics& diagnostics,
                       Metamodel& out, std::string* error) {
  Diagnostics local;
  Loader loader(source, base_dir, files, local, out);
  const bool ok = loader.load(name_or_path, requested, error) && loader.finish(error);
  diagnostics.append(std::move(local));
  return ok;
}

const Metamodel& builtin_metamodel(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, Metamodel, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  SourceFiles files;
  Diagnostics diagnostics;
  Metamodel mm;
  std::string error;
  // Built-in names come from the embedded files; nothing else is read.
  if (!load_metamodel(embedded_files(), name, std::string(kEmbeddedRoot), files, diagnostics, mm, &error)) {
    std::fprintf(stderr, "kaava: internal error: built-in metamodel '%.*s': %s\n", static_cast<int>(name.size()),
                 name.data(), error.c_str());
    for (const Diagnostic& d : diagnostics.items()) {
      std::fprintf(stderr, "  %s:%u:%u: %s\n", d.at.valid() ? files[d.at.file].path.c_str() : "?", d.at.line,
                   d.at.column, d.message.c_str());
    }
    std::abort();
  }
  return cache.emplace(std::string(name), std::move(mm)).first->second;
}

}  // namespace kaava
