#include "report/baseline.h"

#include <functional>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "report/report.h"
#include "source/disk_source.h"
#include "source/limits.h"
#include "util/text.h"
#include "yaml/document.h"

namespace kaava {

namespace {

constexpr std::string_view k_version_key = "kaava-baseline";

using Key = std::tuple<std::string, std::string, std::string, std::string>;

Key key_of(const Diagnostic& d, const SourceFiles& files) {
  return {std::string(rule_info(d.rule).id), report_path(d, files), d.element, fingerprint(d, files)};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// The code unit of a JSON escape "\uXXXX" at `i`, or -1.
long json_unit(std::string_view text, std::size_t i) {
  if (i + 6 > text.size() || text[i] != '\\' || text[i + 1] != 'u') return -1;
  long v = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    const int h = hex_value(text[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

/// JSON writes characters beyond U+FFFF as surrogate pairs ("\ud83d\ude00");
/// YAML does not read those, so they become the UTF-8 they stand for.
std::string join_surrogates(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '\\') {
      out += "\\\\";
      ++i;
      continue;
    }
    const long high = json_unit(text, i), low = json_unit(text, i + 6);
    if (high >= 0xD800 && high <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF) {
      const auto cp = static_cast<std::uint32_t>(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
      i += 11;
      continue;
    }
    out += text[i];
  }
  return out;
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
  // JSON is YAML, so kaava's YAML reader parses it.
  std::vector<yaml::Problem> problems;
  const std::vector<yaml::Document> docs = yaml::parse(join_surrogates(text), yaml::Limits(), problems);
  const std::string not_baseline =
      fmt::format("'{}' is not a kaava baseline (write one with --write-baseline)", path.string());
  yaml::NodeId version = 0, findings = 0;
  if (!problems.empty() || docs.size() != 1 || !docs[0].find(docs[0].root(), k_version_key, &version) ||
      !docs[0].is_scalar(version) || !docs[0][version].plain || docs[0].scalar(version) != "1" ||
      !docs[0].find(docs[0].root(), "findings", &findings) || !docs[0].is_sequence(findings)) {
    *error = not_baseline;
    return false;
  }
  const yaml::Document& doc = docs[0];
  std::size_t index = 0;
  for (yaml::NodeId item : doc.items(findings)) {
    ++index;
    BaselineEntry e;
    auto field = [&](std::string_view key, std::string* value) {
      yaml::NodeId v = 0;
      if (!doc.find(item, key, &v) || !doc.is_scalar(v)) return false;
      *value = doc.scalar(v);
      return true;
    };
    if (!doc.is_mapping(item) || !field("rule", &e.rule) || !field("fingerprint", &e.fingerprint) ||
        !field("file", &e.file) || !field("element", &e.element)) {
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
