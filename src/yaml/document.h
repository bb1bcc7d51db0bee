#pragma once
/// kaava's own YAML tree. yaml-cpp's event parser feeds it directly, so no
/// yaml-cpp node tree is ever built: each file becomes one compact array of
/// nodes with 1-based positions, plus one string buffer for its scalars.
///
/// Built in here, once, so no consumer has to care: duplicate keys are
/// reported and dropped, `<<` merge keys are merged, aliases share their
/// anchor's node (never copied), alias cycles and alias bombs are refused,
/// and nesting depth is bounded.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnostic.h"

namespace kaava::yaml {

enum class Kind : std::uint8_t { null, scalar, sequence, mapping };

using NodeId = std::uint32_t;

struct Node {
  Kind kind = Kind::null;
  bool plain = true;         ///< a scalar written without quotes, block style or tag
  std::uint32_t line = 0;    ///< 1-based
  std::uint32_t column = 0;  ///< 1-based, in bytes
  std::uint32_t begin = 0;   ///< scalar: offset in the text buffer; else first link
  std::uint32_t count = 0;   ///< scalar: length; sequence: items; mapping: 2 x pairs
};

/// Key/value pairs of a mapping, as a range of std::pair<NodeId, NodeId>.
class PairRange {
 public:
  class iterator {
   public:
    explicit iterator(const NodeId* p) : p_(p) {}
    std::pair<NodeId, NodeId> operator*() const { return {p_[0], p_[1]}; }
    iterator& operator++() {
      p_ += 2;
      return *this;
    }
    bool operator==(const iterator& other) const { return p_ == other.p_; }

   private:
    const NodeId* p_;
  };
  explicit PairRange(std::span<const NodeId> links) : links_(links) {}
  iterator begin() const { return iterator(links_.data()); }
  iterator end() const { return iterator(links_.data() + links_.size()); }
  std::size_t size() const { return links_.size() / 2; }

 private:
  std::span<const NodeId> links_;
};

class Document {
 public:
  NodeId root() const { return root_; }
  const Node& operator[](NodeId id) const { return nodes_[id]; }
  Kind kind(NodeId id) const { return nodes_[id].kind; }
  bool is_scalar(NodeId id) const { return nodes_[id].kind == Kind::scalar; }
  bool is_mapping(NodeId id) const { return nodes_[id].kind == Kind::mapping; }
  bool is_sequence(NodeId id) const { return nodes_[id].kind == Kind::sequence; }
  bool is_null(NodeId id) const { return nodes_[id].kind == Kind::null; }

  /// The scalar's text; empty for other kinds.
  std::string_view scalar(NodeId id) const;
  /// A sequence's items; empty for other kinds.
  std::span<const NodeId> items(NodeId id) const;
  /// A mapping's pairs in document order; empty for other kinds.
  PairRange pairs(NodeId id) const;
  /// The value of `key` in a mapping, if present.
  bool find(NodeId mapping, std::string_view key, NodeId* value) const;

  SourceSpan span(NodeId id, std::uint32_t file) const;
  std::size_t node_count() const { return nodes_.size(); }

  /// Hands the scalar buffer over (string_views from scalar() stay valid
  /// as long as the returned buffer lives).
  std::shared_ptr<const std::string> text_buffer() const { return text_; }

 private:
  friend class DocumentBuilder;
  friend std::string save_snapshot(std::span<const Document> documents);
  friend bool load_snapshot(std::string_view bytes, std::vector<Document>* documents);
  std::vector<Node> nodes_;
  std::vector<NodeId> links_;
  std::shared_ptr<std::string> text_ = std::make_shared<std::string>();
  NodeId root_ = 0;
};

struct Problem {
  std::uint32_t line = 0;    ///< 1-based
  std::uint32_t column = 0;  ///< 1-based, bytes
  std::string message;
  bool fatal = false;  ///< the document could not be read at all
  bool limit = false;  ///< a limit was reached (depth, aliases), not a syntax error
};

struct Limits {
  std::uint32_t max_depth = 256;                 ///< nested collections
  std::uint64_t max_expanded_nodes = 4'000'000;  ///< nodes counted through aliases
};

/// yaml-cpp's own parser gives up at 500 levels; deeper limits are capped.
inline constexpr std::uint32_t kDeepestSupported = 400;

/// Parses every document of a YAML stream (`---` separated). Problems are
/// appended to `problems`; a document with a fatal problem is dropped.
std::vector<Document> parse(std::string_view content, const Limits& limits, std::vector<Problem>& problems);

/// Snapshots: documents saved in a compact binary form and loaded again
/// without parsing. The build saves one for each embedded YAML file (see
/// tools/yaml_snapshot.cpp), so the built-in metamodel costs no parse at
/// start-up. The form is for the machine that wrote it, nothing else.
std::string save_snapshot(std::span<const Document> documents);
/// False, and `documents` empty, unless `bytes` is a whole, consistent
/// snapshot.
bool load_snapshot(std::string_view bytes, std::vector<Document>* documents);

/// The documents of `snapshot` when it loads, else of parsing `content`.
std::vector<Document> parse_or_load(std::string_view content, std::string_view snapshot, const Limits& limits,
                                    std::vector<Problem>& problems);

}  // namespace kaava::yaml
