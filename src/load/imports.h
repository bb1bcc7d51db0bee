#pragma once
/// Imported repositories: `imports: [vet-reference]` in kaava.yaml brings a
/// built-in model (embedded under models/NAME/) or another repository
/// folder into the model, before the repository's own files, so that its
/// ids can be referred to. Findings inside imported files are not reported.

#include "load/workspace.h"

namespace kaava {

/// Adds the model files of every repository that `ws.config` imports (and,
/// in turn, those imports' imports) to `ws.model_files`. Folders are read
/// from `source`, built-in models from the embedded files.
void add_imports(Workspace& ws, const FileSource& source);

/// The names of the built-in models that can be imported.
std::vector<std::string> builtin_models();

}  // namespace kaava
