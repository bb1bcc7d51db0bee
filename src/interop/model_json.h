#pragma once
/// `kaava export json`: the resolved model as one JSON document for jq and
/// scripts, in a documented, versioned shape ("kaava-model": 1,
/// docs/interop.md): elements with their types, texts per language,
/// properties and source; relationships with their ids (written or
/// derived), ends and attributes; views with what they show. Imported
/// elements say which repository they come from.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "load/workspace.h"

namespace kaava::interop {

/// The version of the shape; a change that can break a reader raises it.
inline constexpr int kModelJsonVersion = 1;

/// The model of `ws` as JSON text (two-space indents, a final newline),
/// byte-identical for the same model.
std::string model_json(const Workspace& ws);

using json = nlohmann::ordered_json;

/// One element or relationship of `ws` as model_json() writes it (other
/// JSON outputs, such as kaava diff's, use the same shape).
json element_json(const Workspace& ws, std::uint32_t index);
json relationship_json(const Workspace& ws, std::uint32_t index);

}  // namespace kaava::interop
