#pragma once
/// Graphviz's drawings kept by what they were drawn from: the DOT text, the
/// legend and the format. A process that draws the same views again and
/// again (kaava serve after each save) lays out only the views whose
/// drawing changed. Safe to use from several threads.

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "render/graphviz_renderer.h"

namespace kaava {

class DrawingCache {
 public:
  /// The drawing made of exactly these inputs before, or null.
  std::shared_ptr<const RenderedImage> find(std::string_view dot, const Legend& legend, std::string_view format);
  void keep(std::string_view dot, const Legend& legend, std::string_view format, RenderedImage image);

  /// Drops what was not found or kept since the last call: drawings of
  /// views that are no more (a server keeps only the current site's).
  void sweep();

  std::size_t size() const;

 private:
  using Key = std::pair<std::uint64_t, std::uint64_t>;
  static Key key_of(std::string_view dot, const Legend& legend, std::string_view format);
  struct Entry {
    std::shared_ptr<const RenderedImage> image;
    bool used = true;
  };
  mutable std::mutex mutex_;
  std::map<Key, Entry> entries_;
};

}  // namespace kaava
