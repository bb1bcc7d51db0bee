#pragma once
/// Plain-text tables for the terminal (kaava query, stats, coverage): columns
/// padded to their widest cell in characters (code points), the last one
/// not padded, so that lines carry no trailing spaces; and CSV fields.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kaava {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  /// Right-align column `column` (numbers).
  void align_right(std::size_t column);
  bool empty() const { return rows_.empty(); }
  /// The table, each line indented by `indent` and ended by '\n'; without
  /// rows, the header alone. An empty header writes no header line.
  std::string text(std::string_view indent = {}) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<bool> right_;
};

/// Number of code points in UTF-8 `text` (what a terminal shows as columns
/// for the scripts in models).
std::size_t display_width(std::string_view text);

/// One RFC 4180 field, always quoted ("a ""b"""): what libcsv writes.
std::string csv_field(std::string_view text);

/// A CSV line of `fields`, ended by CRLF as RFC 4180 has it.
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace kaava
