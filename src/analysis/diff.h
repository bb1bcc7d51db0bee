#pragma once
/// `kaava diff`: what changed between two versions of a repository's model
/// (two git revisions, a revision and the working tree, two folders).
/// Elements, relationships and views are matched by id, so reordering and
/// moving between files are no changes (moves are listed as moves).
/// Breaking changes are flagged: a removed element that is still referred
/// to, a type change that makes a relationship not allowed, a lifecycle
/// moved back to planned (or to an ended value) while others depend on it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/workspace.h"

namespace kaava::analysis {

/// One changed field: "name.fi", "description.en", "properties.owner",
/// "tags", "parent", "type", "source", "target", "attributes.access",
/// "viewpoint", "include", ... An empty old (new) value: it was not there
/// before (is not there now).
struct FieldChange {
  std::string field;
  std::string old_value;
  std::string new_value;
};

struct Changed {
  std::string id;
  std::uint32_t old_index = 0;  ///< in the old model
  std::uint32_t new_index = 0;  ///< in the new model
  std::vector<FieldChange> fields;
  bool renamed = false;  ///< elements: a name changed in some language
  bool retyped = false;
  /// Views: the elements it shows now and did not, and the reverse (ids).
  std::vector<std::string> members_added;
  std::vector<std::string> members_removed;
};

struct Moved {
  std::string id;
  std::string old_file;
  std::string new_file;
};

struct Breaking {
  enum class Kind : std::uint8_t { removed_still_used, type_change_not_allowed, lifecycle_back };
  Kind kind = Kind::removed_still_used;
  std::string id;       ///< the element concerned
  std::string message;  ///< what and why, one sentence
  /// Where it bites: "model/integrations.yaml:12", or "../provider: model/x.yaml:3" in an importing repository.
  std::vector<std::string> where;
};

template <typename Item>
struct Changes {
  std::vector<std::uint32_t> added;    ///< indices in the new model, by id
  std::vector<std::uint32_t> removed;  ///< indices in the old model, by id
  std::vector<Changed> changed;        ///< by id
};

struct ModelDiff {
  Changes<Element> elements;
  std::vector<Moved> moved;  ///< elements whose file changed (not changes), by id
  Changes<Relationship> relationships;
  Changes<View> views;
  std::vector<Breaking> breaking;  ///< by kind, then id

  bool empty() const {
    return elements.added.empty() && elements.removed.empty() && elements.changed.empty() && moved.empty() &&
           relationships.added.empty() && relationships.removed.empty() && relationships.changed.empty() &&
           views.added.empty() && views.removed.empty() && views.changed.empty();
  }
};

/// A repository that imports this one (`imports:` in its kaava.yaml): its
/// references to removed elements are breaking changes too.
struct Importer {
  std::string label;  ///< as the user named it
  const Workspace* ws = nullptr;
};

/// The changes from `before` to `after`: the repositories' own elements,
/// relationships and views (imported ones are the import's business);
/// names in messages in `language` (default: the old model's first).
ModelDiff diff_models(const Workspace& before, const Workspace& after, const std::vector<Importer>& importers,
                      std::string_view language = {});

/// The version of the JSON shape (docs/commands.md).
inline constexpr int kDiffJsonVersion = 1;

struct DiffLabels {
  std::string before;  ///< "main", "HEAD~1", "../model-2025"
  std::string after;   ///< "the working tree"
  bool before_named = true;  ///< a revision or folder as the user wrote it (shown as code)
  bool after_named = false;
};

/// As text, json, or markdown (a pull-request comment: a summary line,
/// breaking changes, collapsible details), names in `language`.
std::string diff_output(const Workspace& before, const Workspace& after, const ModelDiff& diff,
                        const DiffLabels& labels, std::string_view format, std::string_view language);

}  // namespace kaava::analysis
