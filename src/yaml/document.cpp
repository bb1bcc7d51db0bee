#include "yaml/document.h"
#include "yaml/syntax_problem.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <streambuf>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

namespace kaava::yaml {

std::string_view Document::scalar(NodeId id) const {
  const Node& n = nodes_[id];
  if (n.kind != Kind::scalar) return {};
  return std::string_view(*text_).substr(n.begin, n.count);
}

std::span<const NodeId> Document::items(NodeId id) const {
  const Node& n = nodes_[id];
  if (n.kind != Kind::sequence) return {};
  return std::span<const NodeId>(links_).subspan(n.begin, n.count);
}

PairRange Document::pairs(NodeId id) const {
  const Node& n = nodes_[id];
  if (n.kind != Kind::mapping) return PairRange({});
  return PairRange(std::span<const NodeId>(links_).subspan(n.begin, n.count));
}

bool Document::find(NodeId mapping, std::string_view key, NodeId* value) const {
  for (auto [k, v] : pairs(mapping)) {
    if (is_scalar(k) && scalar(k) == key) {
      *value = v;
      return true;
    }
  }
  return false;
}

SourceSpan Document::span(NodeId id, std::uint32_t file) const {
  const Node& n = nodes_[id];
  // A plain scalar on one line is written as it reads, so its length is
  // known; for the rest the printer measures the token in the source.
  std::uint32_t length = 0;
  if (n.kind == Kind::scalar && n.plain && n.count > 0 &&
      std::string_view(*text_).substr(n.begin, n.count).find('\n') == std::string_view::npos) {
    length = n.count;
  }
  return SourceSpan{file, n.line, n.column, length};
}

namespace {

/// An std::istream over memory that is not copied.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(std::string_view data) {
    char* p = const_cast<char*>(data.data());
    setg(p, p, p + data.size());
  }
};

/// Thrown from the event handler to stop parsing a document.
struct Abort {
  Problem problem;
};

}  // namespace

/// Builds Documents from yaml-cpp's parse events, with an explicit stack,
/// so no recursion depends on the input's depth.
class DocumentBuilder : public YAML::EventHandler {
 public:
  DocumentBuilder(std::string_view content, const Limits& limits, std::vector<Problem>& problems)
      : content_(content), limits_(limits), problems_(problems) {}

  Document take() { return std::move(doc_); }

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 can report empty documents forever at a token it cannot
    // use (a ',' at the start of a document, say) without moving on.
    if (!mark.is_null() && mark.pos == last_document_pos_) {
      throw Abort{{line(mark), column(mark),
                   fmt::format("the YAML parser cannot go on from here ('{}' cannot start a value)",
                               static_cast<std::size_t>(mark.pos) < content_.size()
                                   ? std::string(1, content_[static_cast<std::size_t>(mark.pos)])
                                   : std::string("end of file")),
                   true}};
    }
    last_document_pos_ = mark.is_null() ? -1 : mark.pos;
    doc_ = Document();
    stack_.clear();
    pending_.clear();
    anchors_.clear();
    weight_.clear();
    open_.clear();
    offset_.clear();
    have_root_ = false;
  }

  void OnDocumentEnd() override {
    if (!have_root_) add(Kind::null, YAML::Mark(), 0, true);
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const NodeId id = add(Kind::null, mark, anchor, true);
    // An empty list item ("-" and nothing else): yaml-cpp marks the next
    // token, possibly past the end of the file; point at the dash instead.
    if (!stack_.empty() && doc_.nodes_[stack_.back().node].kind == Kind::sequence && !mark.is_null()) {
      point_back_at_dash(doc_.nodes_[id], static_cast<std::size_t>(mark.pos));
    }
    attach(id);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size()) {
      throw Abort{{line(mark), column(mark), "an alias refers to an unknown anchor", true}};
    }
    const NodeId target = anchors_[anchor];
    if (open_[target]) {
      // `&a [*a]`: the alias would contain itself.
      problems_.push_back({line(mark), column(mark),
                           fmt::format("an alias refers to a collection that contains it "
                                       "(the anchor at line {}); it is read as null",
                                       doc_.nodes_[target].line),
                           false});
      attach(add(Kind::null, mark, 0, true));
      return;
    }
    attach(target);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const NodeId id = add(Kind::scalar, mark, anchor, tag == "?");
    Node& n = doc_.nodes_[id];
    if (!n.plain) check_closed_quote(n);
    n.begin = static_cast<std::uint32_t>(doc_.text_->size());
    n.count = static_cast<std::uint32_t>(value.size());
    doc_.text_->append(value);
    attach(id);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Kind::sequence, mark, anchor);
  }
  void OnSequenceEnd() override { close_sequence(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Kind::mapping, mark, anchor);
  }
  void OnMapEnd() override { close_mapping(); }

 private:
  struct Frame {
    NodeId node;
    std::size_t pending_begin;
    std::uint64_t weight;  ///< nodes below, counted through aliases
  };

  static std::uint32_t line(const YAML::Mark& m) { return m.is_null() ? 0 : static_cast<std::uint32_t>(m.line + 1); }
  static std::uint32_t column(const YAML::Mark& m) {
    return m.is_null() ? 0 : static_cast<std::uint32_t>(m.column + 1);
  }

  NodeId add(Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor, bool plain) {
    const auto id = static_cast<NodeId>(doc_.nodes_.size());
    Node& n = doc_.nodes_.emplace_back();
    n.kind = kind;
    n.plain = plain;
    n.line = line(mark);
    n.column = column(mark);
    offset_.push_back(mark.is_null() ? 0 : static_cast<std::size_t>(mark.pos));
    if (!mark.is_null()) skip_properties(n, offset_.back());
    weight_.push_back(1);
    open_.push_back(false);
    if (anchor != 0) {
      if (anchor >= anchors_.size()) anchors_.resize(anchor + 1, 0);
      anchors_[anchor] = id;
    }
    return id;
  }

  void attach(NodeId id) {
    if (stack_.empty()) {
      doc_.root_ = id;
      have_root_ = true;
      return;
    }
    pending_.push_back(id);
    Frame& f = stack_.back();
    f.weight += weight_[id];
    if (f.weight > limits_.max_expanded_nodes) {
      const Node& n = doc_.nodes_[f.node];
      throw Abort{{n.line, n.column,
                   fmt::format("aliases expand this document to more than {} nodes "
                               "(an alias bomb?); the file is not read",
                               limits_.max_expanded_nodes),
                   true, true}};
    }
  }

  void open(Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (stack_.size() >= std::min(limits_.max_depth, kDeepestSupported)) {
      throw Abort({line(mark), column(mark),
                   fmt::format("collections are nested more than {} levels deep; the file is not read",
                               std::min(limits_.max_depth, kDeepestSupported)),
                   true, true});
    }
    const NodeId id = add(kind, mark, anchor, true);
    open_[id] = true;
    stack_.push_back({id, pending_.size(), 0});
  }

  /// Pops the current frame, storing its pending links into the node.
  void finish(std::size_t begin) {
    const Frame f = stack_.back();
    stack_.pop_back();
    Node& n = doc_.nodes_[f.node];
    n.begin = static_cast<std::uint32_t>(doc_.links_.size());
    n.count = static_cast<std::uint32_t>(pending_.size() - begin);
    doc_.links_.insert(doc_.links_.end(), pending_.begin() + static_cast<std::ptrdiff_t>(begin), pending_.end());
    pending_.resize(f.pending_begin);
    weight_[f.node] = 1 + f.weight;
    open_[f.node] = false;
    attach(f.node);
  }

  void close_sequence() { finish(stack_.back().pending_begin); }

  void close_mapping() {
    const std::size_t begin = stack_.back().pending_begin;
    if ((pending_.size() - begin) % 2 != 0) pending_.push_back(add(Kind::null, YAML::Mark(), 0, true));
    remove_duplicate_keys(begin);
    apply_merge_keys(begin);
    finish(begin);
  }

  std::string_view key_text(NodeId id) const {
    return doc_.nodes_[id].kind == Kind::scalar ? doc_.scalar(id) : std::string_view();
  }

  void remove_duplicate_keys(std::size_t begin) {
    const std::size_t n = (pending_.size() - begin) / 2;
    if (n < 2) return;
    // Most mappings are small: compare keys pairwise there; hash the rest.
    constexpr std::size_t k_small = 12;
    auto first_with = [&](std::size_t upto, std::string_view key) -> NodeId {
      for (std::size_t j = begin; j < upto; j += 2) {
        if (doc_.nodes_[pending_[j]].kind == Kind::scalar && doc_.scalar(pending_[j]) == key) return pending_[j];
      }
      return NodeId(-1);
    };
    std::unordered_map<std::string_view, NodeId> seen;
    if (n > k_small) seen.reserve(n);
    std::size_t out = begin;
    for (std::size_t i = begin; i < pending_.size(); i += 2) {
      const NodeId k = pending_[i];
      if (doc_.nodes_[k].kind == Kind::scalar && key_text(k) != "<<") {
        NodeId first = NodeId(-1);
        if (n <= k_small) {
          first = first_with(out, doc_.scalar(k));
        } else if (auto [it, inserted] = seen.emplace(doc_.scalar(k), k); !inserted) {
          first = it->second;
        }
        if (first != NodeId(-1)) {
          const Node& key = doc_.nodes_[k];
          problems_.push_back({key.line, key.column,
                               fmt::format("duplicate key '{}' (first at line {}); this one is ignored", doc_.scalar(k),
                                           doc_.nodes_[first].line),
                               false});
          continue;
        }
      }
      pending_[out] = pending_[i];
      pending_[out + 1] = pending_[i + 1];
      out += 2;
    }
    pending_.resize(out);
  }

  /// YAML 1.1 merge keys: `<<: *base` or `<<: [*a, *b]` adds the pairs of
  /// those mappings whose keys the mapping does not have itself.
  void apply_merge_keys(std::size_t begin) {
    std::vector<NodeId> sources;
    std::size_t out = begin;
    for (std::size_t i = begin; i < pending_.size(); i += 2) {
      const NodeId k = pending_[i], v = pending_[i + 1];
      if (doc_.nodes_[k].kind == Kind::scalar && doc_.nodes_[k].plain && doc_.scalar(k) == "<<") {
        if (doc_.nodes_[v].kind == Kind::mapping) {
          sources.push_back(v);
        } else if (doc_.nodes_[v].kind == Kind::sequence && std::ranges::all_of(doc_.items(v), [&](NodeId item) {
                     return doc_.nodes_[item].kind == Kind::mapping;
                   })) {
          for (NodeId item : doc_.items(v)) sources.push_back(item);
        } else {
          const Node& key = doc_.nodes_[k];
          problems_.push_back(
              {key.line, key.column, "a '<<' merge key needs a mapping or a list of mappings; it is ignored", false});
        }
        continue;
      }
      pending_[out] = k;
      pending_[out + 1] = v;
      out += 2;
    }
    pending_.resize(out);
    if (sources.empty()) return;
    std::unordered_set<std::string_view> present;
    for (std::size_t i = begin; i < pending_.size(); i += 2) present.insert(key_text(pending_[i]));
    for (NodeId source : sources) {
      for (auto [k, v] : doc_.pairs(source)) {
        const std::string_view text = key_text(k);
        if (!text.empty() && !present.insert(text).second) continue;
        pending_.push_back(k);
        pending_.push_back(v);
      }
    }
  }

  /// yaml-cpp marks a node with an anchor or tag at the '&' or '!'; move
  /// the position to the value itself.
  void skip_properties(Node& n, std::size_t& pos) const {
    while (pos < content_.size() && (content_[pos] == '&' || content_[pos] == '!')) {
      while (pos < content_.size() && !is_space(content_[pos])) advance(n, pos);
      while (pos < content_.size() && is_space(content_[pos])) advance(n, pos);
    }
  }

  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

  void advance(Node& n, std::size_t& pos) const {
    if (content_[pos] == '\n') {
      ++n.line;
      n.column = 1;
    } else {
      ++n.column;
    }
    ++pos;
  }

  void point_back_at_dash(Node& n, std::size_t pos) const {
    std::size_t p = std::min(pos, content_.size());
    while (p > 0 && is_space(content_[p - 1])) --p;
    if (p == 0 || content_[p - 1] != '-') return;
    --p;
    const std::size_t line_start = content_.rfind('\n', p == 0 ? 0 : p - 1);
    const std::size_t begin = line_start == std::string_view::npos || p == 0 ? 0 : line_start + 1;
    n.line = static_cast<std::uint32_t>(
        1 + std::count(content_.begin(), content_.begin() + static_cast<std::ptrdiff_t>(p), '\n'));
    n.column = static_cast<std::uint32_t>(p - begin + 1);
  }

  /// yaml-cpp 0.7 reads a quoted string that is never closed to the end of
  /// the file without complaint, swallowing everything after it.
  void check_closed_quote(const Node& n) const {
    const std::size_t start = offset_.back();
    if (start >= content_.size()) return;
    std::size_t pos = start;
    while (pos < content_.size() && (content_[pos] == '&' || content_[pos] == '!')) {
      while (pos < content_.size() && !is_space(content_[pos])) ++pos;
      while (pos < content_.size() && is_space(content_[pos])) ++pos;
    }
    if (pos >= content_.size()) return;
    const char quote = content_[pos];
    if (quote != '"' && quote != '\'') return;
    for (std::size_t i = pos + 1; i < content_.size(); ++i) {
      if (quote == '"' && content_[i] == '\\') {
        ++i;
      } else if (content_[i] == quote) {
        if (quote == '\'' && i + 1 < content_.size() && content_[i + 1] == '\'') {
          ++i;
          continue;
        }
        return;
      }
    }
    throw Abort{{n.line, n.column,
                 fmt::format("a {}-quoted string is not closed: it runs to the end of the file",
                             quote == '"' ? "double" : "single"),
                 true}};
  }

  std::string_view content_;
  const Limits& limits_;
  std::vector<Problem>& problems_;
  Document doc_;
  std::vector<std::size_t> offset_;  ///< per node: its byte offset
  int last_document_pos_ = -1;
  std::vector<Frame> stack_;
  std::vector<NodeId> pending_;
  std::vector<NodeId> anchors_;
  std::vector<std::uint64_t> weight_;
  std::vector<bool> open_;
  bool have_root_ = false;
};

std::vector<Document> parse(std::string_view content, const Limits& limits, std::vector<Problem>& problems) {
  std::vector<Document> documents;
  MemoryBuffer buffer(content);
  std::istream in(&buffer);
  DocumentBuilder builder(content, limits, problems);
  try {
    YAML::Parser parser(in);
    constexpr std::size_t k_max_documents = 100'000;
    while (parser.HandleNextDocument(builder)) {
      documents.push_back(builder.take());
      if (documents.size() > k_max_documents) {
        problems.push_back({1, 1, fmt::format("more than {} YAML documents in one file", k_max_documents), true, true});
        documents.clear();
        break;
      }
    }
  } catch (const Abort& abort) {
    problems.push_back(abort.problem);
  } catch (const YAML::DeepRecursion& e) {
    problems.push_back({e.mark.is_null() ? 1u : static_cast<std::uint32_t>(e.mark.line + 1),
                        e.mark.is_null() ? 1u : static_cast<std::uint32_t>(e.mark.column + 1),
                        "collections are nested too deeply for the YAML parser; the file is not read", true, true});
  } catch (const YAML::Exception& e) {
    problems.push_back(syntax_problem(e, content));
  }
  return documents;
}

}  // namespace kaava::yaml
