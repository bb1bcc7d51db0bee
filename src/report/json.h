#pragma once
/// Diagnostics as one JSON object:
/// {"diagnostics":[{"rule","severity","message","file","line","column","element"}...],
///  "summary":{"errors":N,"warnings":N,"infos":N}}

#include <span>
#include <string>

#include "diag/diagnostic.h"
#include "source/source_files.h"

namespace kaava {

void write_json(std::string& out, std::span<const Diagnostic> diagnostics, const Summary& summary,
                const SourceFiles& files);

}  // namespace kaava
