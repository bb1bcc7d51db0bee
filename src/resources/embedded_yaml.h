#pragma once
/// kaava's own data files (models/*.yaml, embedded at build time) read as
/// YAML through their build-time snapshots.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/document.h"

namespace kaava::resources {

/// The one document of embedded file `path` ("models/notation.yaml"), or
/// nothing when it is not embedded, does not parse or holds another number
/// of documents; each problem is added to `problems` as text.
std::optional<yaml::Document> embedded_yaml(std::string_view path, std::vector<std::string>* problems);

}  // namespace kaava::resources
