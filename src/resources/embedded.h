#pragma once
/// Data files (models/) embedded into the binary at build time.

#include <span>
#include <string_view>

namespace kaava::resources {

struct Resource {
  std::string_view path;  ///< relative to the source tree, e.g. "models/metamodel/vet.yaml"
  std::string_view data;
};

/// Every embedded file, sorted by path.
std::span<const Resource> all();

/// The embedded file at `path`, or nullptr.
const Resource* find(std::string_view path);

/// The snapshot (yaml::load_snapshot) of the embedded YAML file at `path`,
/// made at build time; empty when there is none.
std::string_view snapshot(std::string_view path);

}  // namespace kaava::resources
