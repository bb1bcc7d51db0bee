#pragma once
/// `kaava coverage`: how far a repository covers the capabilities of the
/// reference architectures it imports (the VET reference architecture, or
/// any other). The metamodel's `coverage:` says what is counted (types),
/// what covers one (relationships from an own element: realization,
/// specialization) and what its parts are (composition, aggregation).
///
/// A reference capability without parts is covered when an own element
/// covers it; one with parts when all its parts are covered, and partly
/// covered when some are (at any depth) or when an own element covers it
/// but not all its parts are; else it is not covered. A percentage
/// is the share of covered capabilities among those counted.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/workspace.h"

namespace kaava::analysis {

enum class CoverageStatus : std::uint8_t { covered, partly, uncovered };

struct CoverageItem {
  std::uint32_t element = 0;
  CoverageStatus status = CoverageStatus::uncovered;
  std::vector<std::uint32_t> covered_by;  ///< own elements that cover it directly, by id
  std::vector<std::uint32_t> parts;       ///< item indices, by id
  std::uint32_t parent = 0xFFFFFFFF;      ///< item index; none for a top-level capability
  /// Of this capability and its parts at every depth: how many, and how many covered and partly.
  std::size_t total = 0, covered = 0, partly = 0;
};

struct ReferenceCoverage {
  std::string name;                 ///< the import ("vet-reference")
  std::vector<CoverageItem> items;  ///< every counted element of the import
  std::vector<std::uint32_t> top;   ///< item indices of the top-level capabilities, by id
  std::size_t covered = 0, partly = 0, uncovered = 0;
};

struct Coverage {
  std::vector<ReferenceCoverage> references;  ///< by import name; those with something to count
};

/// The coverage of every imported reference, or of `only` (an import name).
Coverage reference_coverage(const Workspace& ws, std::string_view only = {});

/// Per model element: the coverage value id ("covered", "partly",
/// "uncovered") of a counted element of an import, and of an own element
/// that covers one (the best of those it covers); "" for any other (for
/// --color-by coverage).
std::vector<std::string> coverage_values(const Workspace& ws);

/// The version of the JSON shape (docs/commands.md).
inline constexpr int kCoverageJsonVersion = 1;

/// As text (a tree with totals), json or markdown, names in `language`.
std::string coverage_output(const Workspace& ws, const Coverage& coverage, std::string_view format,
                            std::string_view language);

}  // namespace kaava::analysis
