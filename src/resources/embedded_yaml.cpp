#include "resources/embedded_yaml.h"

#include <fmt/format.h>

#include "resources/embedded.h"

namespace kaava::resources {

std::optional<yaml::Document> embedded_yaml(std::string_view path, std::vector<std::string>* problems) {
  const Resource* res = find(path);
  if (res == nullptr) {
    problems->push_back(fmt::format("{} is not embedded", path));
    return std::nullopt;
  }
  std::vector<yaml::Problem> found;
  std::vector<yaml::Document> docs = yaml::parse_or_load(res->data, snapshot(res->path), yaml::Limits(), found);
  for (const yaml::Problem& p : found) problems->push_back(fmt::format("line {}: {}", p.line, p.message));
  if (docs.size() != 1) {
    if (found.empty()) problems->push_back(fmt::format("{} holds {} documents, not one", path, docs.size()));
    return std::nullopt;
  }
  return std::move(docs.front());
}

}  // namespace kaava::resources
