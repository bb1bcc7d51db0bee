#include "report/baseline.h"

#include <map>
#include <tuple>

#include <fmt/format.h>

#include "report/report.h"
#include "util/text.h"
#include "yaml/document.h"

namespace kaava {

namespace {

constexpr std::string_view k_version_key = "kaava-baseline";

using Key = std::tuple<std::string, std::string, std::string, std::string>;

Key key_of(const Diagnostic& d, const SourceFiles& files) {
  return {std::string(rule_info(d.rule).id), d.at.file != kNoFile ? files[d.at.file].path : std::string(), d.element,
          fingerprint(d, files)};
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
  if (!read_text_file(path, &text, error)) return false;
  // JSON is YAML, so kaava's YAML reader parses it.
  std::vector<yaml::Problem> problems;
  const std::vector<yaml::Document> docs = yaml::parse(text, yaml::Limits(), problems);
  yaml::NodeId version = 0, findings = 0;
  if (!problems.empty() || docs.size() != 1 || !docs[0].find(docs[0].root(), k_version_key, &version) ||
      docs[0].scalar(version) != "1" || !docs[0].find(docs[0].root(), "findings", &findings) ||
      !docs[0].is_sequence(findings)) {
    *error = fmt::format("'{}' is not a kaava baseline (write one with --write-baseline)", path.string());
    return false;
  }
  const yaml::Document& doc = docs[0];
  for (yaml::NodeId item : doc.items(findings)) {
    BaselineEntry e;
    yaml::NodeId v = 0;
    if (doc.find(item, "rule", &v)) e.rule = doc.scalar(v);
    if (doc.find(item, "file", &v)) e.file = doc.scalar(v);
    if (doc.find(item, "element", &v)) e.element = doc.scalar(v);
    if (doc.find(item, "fingerprint", &v)) e.fingerprint = doc.scalar(v);
    if (doc.find(item, "message", &v)) e.message = doc.scalar(v);
    out->push_back(std::move(e));
  }
  return true;
}

BaselineResult apply_baseline(std::vector<Diagnostic>& diagnostics, const std::vector<BaselineEntry>& baseline,
                              const SourceFiles& files) {
  std::map<Key, std::size_t> remaining;
  for (const BaselineEntry& e : baseline) ++remaining[{e.rule, e.file, e.element, e.fingerprint}];
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
