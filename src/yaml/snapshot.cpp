#include <algorithm>
#include <cstring>

#include "util/bytes.h"
#include "yaml/document.h"

namespace kaava::yaml {

namespace {

constexpr std::string_view k_magic = "kaava-yaml-snapshot-1\n";

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
  append_raw<std::uint32_t>(out, static_cast<std::uint32_t>(documents.size()));
  for (const Document& doc : documents) {
    append_raw<std::uint32_t>(out, doc.root_);
    append_raw<std::uint32_t>(out, static_cast<std::uint32_t>(doc.nodes_.size()));
    append_raw<std::uint32_t>(out, static_cast<std::uint32_t>(doc.links_.size()));
    append_raw<std::uint32_t>(out, static_cast<std::uint32_t>(doc.text_->size()));
    for (const Node& n : doc.nodes_) {  // field by field: no padding bytes in the output
      append_raw<std::uint32_t>(out, static_cast<std::uint32_t>(n.kind) | (n.plain ? 0x100u : 0u));
      append_raw<std::uint32_t>(out, n.line);
      append_raw<std::uint32_t>(out, n.column);
      append_raw<std::uint32_t>(out, n.begin);
      append_raw<std::uint32_t>(out, n.count);
    }
    for (NodeId id : doc.links_) append_raw<std::uint32_t>(out, id);
    out += *doc.text_;
  }
  return out;
}

bool load_snapshot(std::string_view bytes, std::vector<Document>* documents) {
  documents->clear();
  if (!bytes.starts_with(k_magic)) return false;
  ByteReader in(bytes.substr(k_magic.size()));
  std::uint32_t count = 0;
  if (!in.raw(&count) || count > bytes.size() / 16) return false;
  std::vector<Document> out(count);
  for (Document& doc : out) {
    std::uint32_t nodes = 0, links = 0, text = 0;
    if (!in.raw(&doc.root_) || !in.raw(&nodes) || !in.raw(&links) || !in.raw(&text)) return false;
    if (nodes > bytes.size() / 20 || links > bytes.size() / 4 || text > bytes.size()) return false;
    doc.nodes_.resize(nodes);
    for (Node& n : doc.nodes_) {
      std::uint32_t kind = 0;
      if (!in.raw(&kind) || !in.raw(&n.line) || !in.raw(&n.column) || !in.raw(&n.begin) || !in.raw(&n.count)) {
        return false;
      }
      n.kind = static_cast<Kind>(kind & 0xff);
      n.plain = (kind & 0x100u) != 0;
    }
    doc.links_.resize(links);
    for (NodeId& id : doc.links_) {
      if (!in.raw(&id)) return false;
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
