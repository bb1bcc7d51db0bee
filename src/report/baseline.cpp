#include "report/baseline.h"

#include <functional>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/report.h"
#include "source/disk_source.h"
#include "source/limits.h"
#include "util/text.h"

namespace kaava {

namespace {

constexpr std::string_view k_version_key = "kaava-baseline";

using Key = std::tuple<std::string, std::string, std::string, std::string>;

Key key_of(const Diagnostic& d, const SourceFiles& files) {
  return {std::string(rule_info(d.rule).id), report_path(d, files), d.element, fingerprint(d, files)};
}

}  // namespace

std::string baseline_text(std::span<const Diagnostic> diagnostics, const SourceFiles& files) {
  std::string out = fmt::format("{{\"{}\":1,\"findings\":[", k_version_key);
  bool first = true;
  for (const Diagnostic& d : diagnostics) {
    const auto [rule, file, element, fp] = key_of(d, files);
    out += first ? "\n" : ",\n";
    first = false;
    out += fmt::format(R"({{"rule":"{}","file":"{}","element":"{}","fingerprint":"{}","message":"{}"}})",
                       json_escape(rule), json_escape(file), json_escape(element), fp, json_escape(d.message));
  }
  out += first ? "]}\n" : "\n]}\n";
  return out;
}

bool read_baseline(const std::filesystem::path& path, std::vector<BaselineEntry>* out, std::string* error) {
  std::string text;
  if (disk_files().read(path, Limits{}.max_file_size, &text, error) != ReadResult::ok) {
    *error = fmt::format("'{}': {}", path.string(), *error);
    return false;
  }
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  const std::string not_baseline =
      fmt::format("'{}' is not a kaava baseline (write one with --write-baseline)", path.string());
  if (doc.is_discarded() || !doc.is_object() || !doc.contains(k_version_key) || doc[k_version_key] != 1 ||
      !doc.contains("findings") || !doc["findings"].is_array()) {
    *error = not_baseline;
    return false;
  }
  std::size_t index = 0;
  for (const nlohmann::json& item : doc["findings"]) {
    ++index;
    BaselineEntry e;
    auto field = [&](const char* key, std::string* value) {
      const auto it = item.is_object() ? item.find(key) : item.end();
      if (it == item.end() || !it->is_string()) return false;
      *value = it->get<std::string>();
      return true;
    };
    if (!field("rule", &e.rule) || !field("fingerprint", &e.fingerprint) || !field("file", &e.file) ||
        !field("element", &e.element)) {
      *error = fmt::format("{}: finding {} needs rule, file, element and fingerprint", not_baseline, index);
      return false;
    }
    field("message", &e.message);
    out->push_back(std::move(e));
  }
  return true;
}

BaselineResult apply_baseline(std::vector<Diagnostic>& diagnostics, const std::vector<BaselineEntry>& baseline,
                              const SourceFiles& files, const std::function<bool(std::string_view)>& checked) {
  std::map<Key, std::size_t> remaining;
  for (const BaselineEntry& e : baseline) {
    if (checked(e.file)) ++remaining[{e.rule, e.file, e.element, e.fingerprint}];
  }
  BaselineResult result;
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    auto it = remaining.find(key_of(d, files));
    if (it == remaining.end() || it->second == 0) return false;
    --it->second;
    ++result.known;
    return true;
  });
  for (const auto& [key, count] : remaining) result.fixed += count;
  return result;
}

}  // namespace kaava
