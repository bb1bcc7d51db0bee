#include "resources/embedded.h"

namespace kaava::resources {

const Resource* find(std::string_view path) {
  for (const Resource& r : all()) {
    if (r.path == path) return &r;
  }
  return nullptr;
}

}  // namespace kaava::resources
