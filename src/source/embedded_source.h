#pragma once
/// The data files built into the binary (models/, templates/), seen as a
/// read-only tree under "<kaava>": "<kaava>/models/vet-reference/kaava.yaml".

#include <string_view>

#include "source/file_source.h"
#include "source/file_table.h"

namespace kaava {

/// The root of the embedded tree, also the prefix shown in messages.
inline constexpr std::string_view kEmbeddedRoot = "<kaava>";

class EmbeddedSource final : public TableSource {
 public:
  EmbeddedSource();

  std::string describe() const override { return "kaava's built-in files"; }
  std::filesystem::path absolute(const std::filesystem::path& path) const override;
  ReadResult read(const std::filesystem::path& path, std::uintmax_t max_bytes, std::string* out,
                  std::string* error) const override;
  std::string_view snapshot(const std::filesystem::path& path) const override;

  /// The path in this source of a resource ("models/x.yaml" -> "<kaava>/models/x.yaml").
  static std::filesystem::path path_of(std::string_view resource);
};

/// The one embedded source.
const EmbeddedSource& embedded_files();

}  // namespace kaava
