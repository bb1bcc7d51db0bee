#include "render/drawing_cache.h"

#include <xxhash.h>

#include "util/bytes.h"

namespace kaava {

DrawingCache::Key DrawingCache::key_of(std::string_view dot, const Legend& legend, std::string_view format) {
  // Every input, each with its length, so that no two inputs run together.
  std::string bytes;
  auto add = [&bytes](std::string_view s) {
    append_raw(bytes, static_cast<std::uint64_t>(s.size()));
    bytes.append(s);
  };
  add(format);
  add(dot);
  add(legend.title);
  add(legend.font);
  append_raw(bytes, static_cast<std::int64_t>(legend.font_size));
  for (const LegendRow& row : legend.rows) {
    append_raw(bytes, static_cast<std::uint8_t>(row.kind));
    add(row.text);
    add(row.sample);
    append_raw(bytes, row.width);
  }
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  return {h.high64, h.low64};
}

std::shared_ptr<const RenderedImage> DrawingCache::find(std::string_view dot, const Legend& legend,
                                                        std::string_view format) {
  const Key key = key_of(dot, legend, format);
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  it->second.used = true;
  return it->second.image;
}

void DrawingCache::keep(std::string_view dot, const Legend& legend, std::string_view format, RenderedImage image) {
  const Key key = key_of(dot, legend, format);
  auto shared = std::make_shared<const RenderedImage>(std::move(image));
  const std::lock_guard lock(mutex_);
  entries_.insert_or_assign(key, Entry{std::move(shared), true});
}

void DrawingCache::sweep() {
  const std::lock_guard lock(mutex_);
  std::erase_if(entries_, [](const auto& item) { return !item.second.used; });
  for (auto& [key, entry] : entries_) entry.used = false;
}

std::size_t DrawingCache::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}


}  // namespace kaava
