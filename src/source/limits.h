#pragma once
/// How much kaava reads before it stops, so that no input can exhaust it.
/// These are the defaults, defined here alone; kaava.yaml's `limits:`
/// changes them for a repository (docs/robustness.md).

#include <cstddef>
#include <cstdint>

#include "yaml/document.h"

namespace kaava {

struct Limits {
  std::uint32_t max_depth = yaml::Limits{}.max_depth;                     ///< nested YAML collections per file
  std::uintmax_t max_file_size = 64u << 20;                               ///< bytes per file
  std::size_t max_elements = 1'000'000;                                   ///< elements in the whole model
  std::uint64_t max_alias_expansion = yaml::Limits{}.max_expanded_nodes;  ///< YAML nodes per document

  /// What the YAML parser is told.
  yaml::Limits yaml() const { return {max_depth, max_alias_expansion}; }
};

}  // namespace kaava
