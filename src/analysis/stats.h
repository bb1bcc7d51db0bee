#pragma once
/// `kaava stats`: the shape of a repository's own model: elements by layer,
/// type and file, relationships by type, orphans, the elements with the
/// most relationships in and out, and how complete each language is.
/// Imported repositories are counted apart.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/workspace.h"

namespace kaava::analysis {

struct Count {
  std::string key;  ///< a layer, type, relationship type or file
  std::size_t count = 0;
};

struct FileCount {
  std::string file;
  std::size_t elements = 0;
  std::size_t relationships = 0;
  std::size_t views = 0;
};

struct Ranked {
  std::uint32_t element = 0;
  std::size_t count = 0;
};

struct LanguageCount {
  std::string language;
  std::size_t names = 0;         ///< own elements with a name in it
  std::size_t descriptions = 0;  ///< own elements with a description in it
};

struct Stats {
  std::size_t elements = 0;       ///< the repository's own
  std::size_t relationships = 0;  ///< written in its own files
  std::size_t views = 0;
  std::vector<Count> imported;         ///< elements per imported repository
  std::vector<Count> layers;           ///< in the metamodel's order, those with elements
  std::vector<Count> types;            ///< most first, then by id
  std::vector<Count> relationship_types;
  std::vector<FileCount> files;        ///< in path order
  std::vector<std::uint32_t> orphans;  ///< own elements in no relationship, by id
  std::vector<Ranked> fan_in;          ///< the most incoming relationships first (then by id), at most `top`
  std::vector<Ranked> fan_out;
  std::vector<LanguageCount> languages;  ///< the repository's, in its order
  std::size_t described = 0;             ///< own elements with a description in any language
};

Stats model_stats(const Workspace& ws, std::size_t top);

/// The version of the JSON shape (docs/commands.md).
inline constexpr int kStatsJsonVersion = 1;

/// As text (tables), json or markdown, names in `language`.
std::string stats_output(const Workspace& ws, const Stats& stats, std::string_view format, std::string_view language);

}  // namespace kaava::analysis
