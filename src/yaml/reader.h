#pragma once
/// Reading a Document into typed data while reporting what does not fit:
/// the shared vocabulary of the config, metamodel and model builders.

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "yaml/document.h"

namespace kaava::yaml {

std::string_view describe(Kind kind);  ///< "a text", "a list", "a mapping", "nothing"

/// A key of a mapping and its value, with both positions.
struct Entry {
  NodeId key;
  NodeId value;
  std::string_view name;
};

class Reader {
 public:
  Reader(const Document& doc, std::uint32_t file, Diagnostics& diagnostics)
      : doc_(doc), file_(file), diagnostics_(diagnostics) {}

  const Document& doc() const { return doc_; }
  std::uint32_t file() const { return file_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  SourceSpan at(NodeId id) const { return doc_.span(id, file_); }
  /// Where a value is reported: a null value has no useful mark of its
  /// own (yaml-cpp gives the next token's), so its key is used instead.
  SourceSpan value_at(const Entry& e) const { return doc_.is_null(e.value) ? at(e.key) : at(e.value); }

  /// Reports invalid-structure unless `node` is a mapping.
  bool expect_mapping(NodeId node, SourceSpan where, std::string_view what);
  bool expect_sequence(NodeId node, SourceSpan where, std::string_view what);

  /// The entries of a mapping; a key that is not in `known` is reported as
  /// unknown-key (with a did-you-mean from `known`) and left out.
  std::vector<Entry> entries(NodeId mapping, std::span<const std::string_view> known, std::string_view context);
  /// Another name for a known key, suggested when a key is written so:
  /// (`flow`, `flows-to`): the relationship type where its verb belongs.
  using KeyAlias = std::pair<std::string_view, std::string_view>;
  /// The same; `meant` gets each unknown key that was suggested as a known
  /// one, as an entry named by the suggestion ("tyep" as "type"), so the
  /// caller does not report that key missing too, or what it names.
  std::vector<Entry> entries(NodeId mapping, std::span<const std::string_view> known, std::string_view context,
                             std::vector<Entry>* meant, std::span<const KeyAlias> aliases = {});

  /// A scalar's text; reports invalid-structure (at the entry) otherwise.
  bool text(const Entry& e, std::string_view* out);
  /// A list of texts; a single text counts as a list of one.
  bool texts(const Entry& e, std::vector<NodeId>* out);
  /// A non-negative whole number.
  bool unsigned_number(const Entry& e, std::uint32_t* out);

  void invalid_structure(const Entry& e, std::string message);

 private:
  const Document& doc_;
  std::uint32_t file_;
  Diagnostics& diagnostics_;
};

}  // namespace kaava::yaml
