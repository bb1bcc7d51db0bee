#pragma once
/// A file from another tool often carries copies of a built-in model's
/// elements (a provider's export holds the VET reference architecture's
/// vet.* elements and their relationships). Imported, they become an import
/// of that model again, not copies of it; where the file changed one, the
/// built-in model's is kept and the change is listed as not kept.

#include "interop/imported_model.h"

namespace kaava::interop {

/// Drops from `model` the elements and relationships of built-in models
/// that it carries, and names those models in its `imports`.
void reattach_builtin_models(ImportedModel* model);

}  // namespace kaava::interop
