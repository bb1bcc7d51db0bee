#pragma once
/// `kaava export json`: the resolved model as one JSON document for jq and
/// scripts, in a documented, versioned shape ("kaava-model": 1,
/// docs/interop.md): elements with their types, texts per language,
/// properties and source; relationships with their ids (written or
/// derived), ends and attributes; views with what they show. Imported
/// elements say which repository they come from.

#include <string>

#include "load/workspace.h"

namespace kaava::interop {

/// The version of the shape; a change that can break a reader raises it.
inline constexpr int kModelJsonVersion = 1;

/// The model of `ws` as JSON text (two-space indents, a final newline),
/// byte-identical for the same model.
std::string model_json(const Workspace& ws);

}  // namespace kaava::interop
