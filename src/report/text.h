#pragma once
/// Compiler-style text for diagnostics:
///   file:line:col: severity: message [rule]
///      12 |     type: aplication-component
///         |           ^~~~~~~~~~~~~~~~~~~~

#include <span>
#include <string>

#include "diag/diagnostic.h"
#include "source/source_files.h"

namespace kaava {

struct TextOptions {
  bool color = false;
  bool excerpts = true;
};

/// Appends every diagnostic, with its notes, to `out`.
void write_text(std::string& out, std::span<const Diagnostic> diagnostics, const SourceFiles& files,
                const TextOptions& options);

/// "2 errors, 1 warning" style counts; "no problems" when all are zero.
std::string summary_text(const Summary& summary);

/// How many bytes the token at 1-based byte `column` of `line` spans: a
/// quoted string with its quotes, else a plain value up to a comment, a
/// ': ' or the line end (and in flow collections up to ',', ']' or '}').
std::size_t token_length(std::string_view line, std::uint32_t column);

/// What an excerpt underlines: the mark when it is on the line the header
/// names (a block `name:` has its texts below it), else the position.
SourceSpan shown_mark(const SourceSpan& at, const SourceSpan& mark);

}  // namespace kaava
