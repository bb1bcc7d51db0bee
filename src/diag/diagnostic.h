#pragma once
/// Diagnostics as data: a rule, a severity, a message and source positions.
/// Producers only create them; the writers under report/ print them.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kaava {

/// Ordered by weight, so `a >= b` reads "a is at least as severe as b".
enum class Severity : std::uint8_t { off, info, warning, error };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

enum class Rule : std::uint16_t {
#define KAAVA_RULE(name, id, severity, summary) name,
#include "diag/rules.def"
#undef KAAVA_RULE
};

struct RuleInfo {
  Rule rule;
  std::string_view id;
  Severity default_severity;
  std::string_view summary;
};

std::span<const RuleInfo> all_rules();
const RuleInfo& rule_info(Rule rule);
std::optional<Rule> find_rule(std::string_view id);

inline constexpr std::uint32_t kNoFile = 0xFFFFFFFF;

/// A position in a source file: 1-based line, 1-based byte column.
/// `length` is the number of bytes to underline; 0 means "the token that
/// starts here", measured from the source text when printing.
struct SourceSpan {
  std::uint32_t file = kNoFile;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t length = 0;

  bool valid() const { return file != kNoFile && line > 0; }
};

struct Note {
  SourceSpan at;    ///< the position shown (file:line:col)
  SourceSpan mark;  ///< what the caret underlines; invalid: `at`
  std::string message;
};

struct Diagnostic {
  Rule rule{};
  Severity severity = Severity::error;
  std::string message;
  SourceSpan at;        ///< the reported position (file:line:col)
  SourceSpan mark;      ///< what the caret underlines (usually the value)
  std::string element;  ///< id of the element concerned, or empty
  std::vector<Note> notes;
};

/// Collects diagnostics. One per file while loading in parallel; merged in
/// file order afterwards, so output never depends on thread timing.
class Diagnostics {
 public:
  /// Reports at `at`, underlining `mark` (defaults to `at`).
  Diagnostic& report(Rule rule, SourceSpan at, std::string message, std::string_view element = {});
  Diagnostic& report(Rule rule, SourceSpan at, SourceSpan mark, std::string message, std::string_view element = {});

  void append(Diagnostics&& other);
  std::vector<Diagnostic>& items() { return items_; }
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

struct SeverityOverride {
  Rule rule;
  Severity severity;
};

struct Summary {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;

  std::size_t at_least(Severity level) const;
};

/// Counts by severity.
Summary count(std::span<const Diagnostic> diagnostics);

/// Applies severity overrides, drops what is switched off, sorts into a
/// stable order (file, line, column, rule, message) and counts.
Summary finalize(std::vector<Diagnostic>& diagnostics, std::span<const SeverityOverride> overrides);

}  // namespace kaava
