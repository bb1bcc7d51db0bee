#include <algorithm>
#include <cstring>

#include "yaml/document.h"

namespace kaava::yaml {

namespace {

constexpr std::string_view k_magic = "kaava-yaml-snapshot-1\n";

void put(std::string& out, std::uint32_t v) {
  char bytes[sizeof v];
  std::memcpy(bytes, &v, sizeof v);
  out.append(bytes, sizeof v);
}

/// Reads the snapshot front to back; any read past the end fails it.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : rest_(bytes) {}
  bool u32(std::uint32_t* v) {
    if (rest_.size() < sizeof *v) return false;
    std::memcpy(v, rest_.data(), sizeof *v);
    rest_.remove_prefix(sizeof *v);
    return true;
  }
  bool bytes(std::size_t n, std::string_view* out) {
    if (rest_.size() < n) return false;
    *out = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return true;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

/// The root, every link and every scalar within their arrays, every kind known.
bool consistent(NodeId root, const std::vector<Node>& nodes, const std::vector<NodeId>& links, std::size_t text_size) {
  if (root >= nodes.size()) return false;
  for (const Node& n : nodes) {
    const std::uint64_t end = std::uint64_t{n.begin} + n.count;
    switch (n.kind) {
      case Kind::null: break;
      case Kind::scalar:
        if (end > text_size) return false;
        break;
      case Kind::sequence:
      case Kind::mapping:
        if (end > links.size() || (n.kind == Kind::mapping && n.count % 2 != 0)) return false;
        break;
      default: return false;
    }
  }
  return std::ranges::all_of(links, [&](NodeId id) { return id < nodes.size(); });
}

}  // namespace

std::string save_snapshot(std::span<const Document> documents) {
  std::string out(k_magic);
  put(out, static_cast<std::uint32_t>(documents.size()));
  for (const Document& doc : documents) {
    put(out, doc.root_);
    put(out, static_cast<std::uint32_t>(doc.nodes_.size()));
    put(out, static_cast<std::uint32_t>(doc.links_.size()));
    put(out, static_cast<std::uint32_t>(doc.text_->size()));
    for (const Node& n : doc.nodes_) {  // field by field: no padding bytes in the output
      put(out, static_cast<std::uint32_t>(n.kind) | (n.plain ? 0x100u : 0u));
      put(out, n.line);
      put(out, n.column);
      put(out, n.begin);
      put(out, n.count);
    }
    for (NodeId id : doc.links_) put(out, id);
    out += *doc.text_;
  }
  return out;
}

bool load_snapshot(std::string_view bytes, std::vector<Document>* documents) {
  documents->clear();
  if (!bytes.starts_with(k_magic)) return false;
  Cursor in(bytes.substr(k_magic.size()));
  std::uint32_t count = 0;
  if (!in.u32(&count) || count > bytes.size() / 16) return false;
  std::vector<Document> out(count);
  for (Document& doc : out) {
    std::uint32_t nodes = 0, links = 0, text = 0;
    if (!in.u32(&doc.root_) || !in.u32(&nodes) || !in.u32(&links) || !in.u32(&text)) return false;
    if (nodes > bytes.size() / 20 || links > bytes.size() / 4 || text > bytes.size()) return false;
    doc.nodes_.resize(nodes);
    for (Node& n : doc.nodes_) {
      std::uint32_t kind = 0;
      if (!in.u32(&kind) || !in.u32(&n.line) || !in.u32(&n.column) || !in.u32(&n.begin) || !in.u32(&n.count)) {
        return false;
      }
      n.kind = static_cast<Kind>(kind & 0xff);
      n.plain = (kind & 0x100u) != 0;
    }
    doc.links_.resize(links);
    for (NodeId& id : doc.links_) {
      if (!in.u32(&id)) return false;
    }
    std::string_view chars;
    if (!in.bytes(text, &chars)) return false;
    doc.text_->assign(chars);
    if (!consistent(doc.root_, doc.nodes_, doc.links_, doc.text_->size())) return false;
  }
  if (!in.done()) return false;
  *documents = std::move(out);
  return true;
}

std::vector<Document> parse_or_load(std::string_view content, std::string_view snapshot, const Limits& limits,
                                    std::vector<Problem>& problems) {
  std::vector<Document> documents;
  if (!snapshot.empty() && load_snapshot(snapshot, &documents)) return documents;
  return parse(content, limits, problems);
}

}  // namespace kaava::yaml
