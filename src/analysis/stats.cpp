#include "analysis/stats.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "analysis/common.h"
#include "docs/markup.h"
#include "interop/model_json.h"
#include "util/table.h"
#include "util/text.h"

namespace kaava::analysis {

namespace {

/// Orphans listed in text and Markdown; JSON has them all.
constexpr std::size_t k_orphans_shown = 20;

std::vector<Count> counted(const std::map<std::string, std::size_t>& counts) {
  std::vector<Count> out;
  for (const auto& [key, n] : counts) out.push_back({key, n});
  std::ranges::stable_sort(out, [](const Count& a, const Count& b) { return a.count > b.count; });
  return out;
}

bool written_in(const LocalizedText& text, std::string_view language, std::string_view default_language) {
  return std::ranges::any_of(text.texts, [&](const auto& t) {
    return !t.second.empty() && (t.first == language || (t.first.empty() && language == default_language));
  });
}

std::vector<Ranked> ranked(const Model& model, const std::vector<std::uint32_t>& own, std::size_t top, bool in) {
  std::vector<Ranked> out;
  for (std::uint32_t e : own) {
    const std::size_t n = in ? model.incoming(e).size() : model.outgoing(e).size();
    if (n > 0) out.push_back({e, n});
  }
  std::ranges::sort(out, [&](const Ranked& a, const Ranked& b) {
    return a.count != b.count ? a.count > b.count : model.element(a.element).id < model.element(b.element).id;
  });
  if (out.size() > top) out.resize(top);
  return out;
}

}  // namespace

Stats model_stats(const Workspace& ws, std::size_t top) {
  const Model& model = ws.model;
  const Metamodel& mm = ws.metamodel;
  Stats s;
  std::vector<std::uint32_t> own;
  std::map<std::string, std::size_t> imported, types, relationship_types;
  std::vector<std::size_t> layers(mm.layers.size(), 0);
  std::map<std::string, FileCount> files;
  for (std::uint32_t f : ws.model_files) {
    if (!ws.files[f].imported) files[ws.files[f].path].file = ws.files[f].path;
  }
  for (std::uint32_t i = 0; i < model.elements().size(); ++i) {
    const Element& el = model.element(i);
    if (!is_canonical(model, i)) continue;
    if (is_imported(ws, el)) {
      ++imported[std::string(ws.import_of(el.at.file))];
      continue;
    }
    own.push_back(i);
    ++types[std::string(type_id(mm, el))];
    if (el.type != kNoType) ++layers[mm.element_types[el.type].layer];
    if (el.at.file < ws.files.size()) ++files[ws.files[el.at.file].path].elements;
  }
  s.elements = own.size();
  for (const Relationship& r : model.relationships()) {
    if (r.at.file >= ws.files.size() || ws.files[r.at.file].imported) continue;
    ++s.relationships;
    ++relationship_types[std::string(relationship_type_id(mm, r))];
    ++files[ws.files[r.at.file].path].relationships;
  }
  for (const View& v : model.views()) {
    if (v.at.file >= ws.files.size() || ws.files[v.at.file].imported) continue;
    ++s.views;
    ++files[ws.files[v.at.file].path].views;
  }
  s.imported = counted(imported);
  std::ranges::sort(s.imported, {}, &Count::key);
  for (std::size_t l = 0; l < layers.size(); ++l) {
    if (layers[l] > 0) s.layers.push_back({mm.layers[l].id, layers[l]});
  }
  s.types = counted(types);
  s.relationship_types = counted(relationship_types);
  for (auto& [path, count] : files) s.files.push_back(std::move(count));
  for (std::uint32_t e : own) {
    if (model.incoming(e).empty() && model.outgoing(e).empty()) s.orphans.push_back(e);
  }
  std::ranges::sort(s.orphans, {}, [&](std::uint32_t e) { return model.element(e).id; });
  s.fan_in = ranked(model, own, top, true);
  s.fan_out = ranked(model, own, top, false);
  const std::string_view first = ws.config.default_language();
  for (const std::string& language : ws.config.languages) {
    LanguageCount c{language, 0, 0};
    for (std::uint32_t e : own) {
      const Element& el = model.element(e);
      if (written_in(el.name, language, first)) ++c.names;
      if (written_in(el.description, language, first)) ++c.descriptions;
    }
    s.languages.push_back(std::move(c));
  }
  for (std::uint32_t e : own) {
    const LocalizedText& d = model.element(e).description;
    if (std::ranges::any_of(d.texts, [](const auto& t) { return !t.second.empty(); })) ++s.described;
  }
  return s;
}

std::string stats_output(const Workspace& ws, const Stats& s, std::string_view format, std::string_view language) {
  const Model& model = ws.model;
  const Metamodel& mm = ws.metamodel;
  if (format == "json") {
    using interop::json;
    auto counts = [](const std::vector<Count>& items) {
      json out = json::object();
      for (const Count& c : items) out[c.key] = c.count;
      return out;
    };
    auto ranking = [&](const std::vector<Ranked>& items) {
      json out = json::array();
      for (const Ranked& r : items) out.push_back({{"id", std::string(model.element(r.element).id)}, {"count", r.count}});
      return out;
    };
    json doc = json::object();
    doc["kaava-stats"] = kStatsJsonVersion;
    doc["name"] = ws.config.name;
    doc["elements"] = s.elements;
    doc["relationships"] = s.relationships;
    doc["views"] = s.views;
    doc["imported"] = counts(s.imported);
    doc["layers"] = counts(s.layers);
    doc["types"] = counts(s.types);
    doc["relationship-types"] = counts(s.relationship_types);
    json files = json::array();
    for (const FileCount& f : s.files) {
      files.push_back({{"file", f.file}, {"elements", f.elements}, {"relationships", f.relationships}, {"views", f.views}});
    }
    doc["files"] = std::move(files);
    json orphans = json::array();
    for (std::uint32_t e : s.orphans) orphans.push_back(std::string(model.element(e).id));
    doc["orphans"] = std::move(orphans);
    doc["fan-in"] = ranking(s.fan_in);
    doc["fan-out"] = ranking(s.fan_out);
    json languages = json::object();
    for (const LanguageCount& l : s.languages) {
      languages[l.language] = {{"names", l.names}, {"descriptions", l.descriptions}};
    }
    doc["translations"] = {{"elements", s.elements}, {"described", s.described}, {"languages", std::move(languages)}};
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  }

  const bool md = format == "markdown";
  std::string out;
  // A section: a heading and a table, as Markdown or as indented text.
  auto section = [&](std::string_view title, const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows, const std::vector<std::size_t>& numbers) {
    if (rows.empty()) return;
    if (md) {
      out += fmt::format("\n### {}\n\n| {} |\n|", title, fmt::join(header, " | "));
      for (std::size_t c = 0; c < header.size(); ++c) {
        out += std::ranges::find(numbers, c) != numbers.end() ? "---:|" : "---|";
      }
      out += '\n';
      for (const auto& row : rows) {
        std::vector<std::string> cells;
        for (const std::string& cell : row) cells.push_back(docs::markdown_escape(cell));
        out += fmt::format("| {} |\n", fmt::join(cells, " | "));
      }
      return;
    }
    out += fmt::format("\n{}\n", title);
    TextTable table(header);
    for (std::size_t c : numbers) table.align_right(c);
    for (const auto& row : rows) table.add(row);
    out += table.text("  ");
  };
  auto counts = [](const std::vector<Count>& items) {
    std::vector<std::vector<std::string>> rows;
    for (const Count& c : items) rows.push_back({c.key, std::to_string(c.count)});
    return rows;
  };
  auto element_rows = [&](const std::vector<Ranked>& items) {
    std::vector<std::vector<std::string>> rows;
    for (const Ranked& r : items) {
      const Element& el = model.element(r.element);
      rows.push_back({std::string(el.id), printable(display_name(el, language)), std::string(type_id(mm, el)),
                      std::to_string(r.count)});
    }
    return rows;
  };

  std::vector<std::string> imports;
  for (const Count& c : s.imported) imports.push_back(fmt::format("{} from {}", c.count, c.key));
  const std::string summary =
      fmt::format("{} elements, {} relationships, {} views in {} files{}", s.elements, s.relationships, s.views,
                  s.files.size(), imports.empty() ? std::string() : fmt::format("; imported: {}", fmt::join(imports, ", ")));
  out += md ? fmt::format("## {}\n\n{}\n", docs::markdown_escape(ws.config.name), docs::markdown_escape(summary))
            : fmt::format("{}: {}\n", ws.config.name, summary);
  section("Elements by layer", {"layer", "elements"}, counts(s.layers), {1});
  section("Elements by type", {"type", "elements"}, counts(s.types), {1});
  section("Relationships by type", {"type", "relationships"}, counts(s.relationship_types), {1});
  std::vector<std::vector<std::string>> files;
  for (const FileCount& f : s.files) {
    files.push_back({f.file, std::to_string(f.elements), std::to_string(f.relationships), std::to_string(f.views)});
  }
  section("Files", {"file", "elements", "relationships", "views"}, files, {1, 2, 3});
  section("Most relationships in (fan-in)", {"id", "name", "type", "in"}, element_rows(s.fan_in), {3});
  section("Most relationships out (fan-out)", {"id", "name", "type", "out"}, element_rows(s.fan_out), {3});
  std::vector<std::vector<std::string>> languages;
  for (const LanguageCount& l : s.languages) {
    languages.push_back({l.language, fmt::format("{} ({})", l.names, percent(l.names, s.elements)),
                         fmt::format("{} ({})", l.descriptions, percent(l.descriptions, s.described))});
  }
  section(fmt::format("Translations ({} elements, {} with a description)", s.elements, s.described),
          {"language", "names", "descriptions"}, languages, {});
  const std::string orphans_title =
      fmt::format("Orphans: {} {} in no relationship", s.orphans.size(), s.orphans.size() == 1 ? "element" : "elements");
  if (s.orphans.empty()) {
    out += md ? fmt::format("\n### {}\n", orphans_title) : fmt::format("\n{}\n", orphans_title);
  } else {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < s.orphans.size() && i < k_orphans_shown; ++i) {
      const Element& el = model.element(s.orphans[i]);
      rows.push_back({std::string(el.id), printable(display_name(el, language)), std::string(type_id(mm, el)),
                      written_at(ws, el.at)});
    }
    section(orphans_title, {"id", "name", "type", "where"}, rows, {});
    if (s.orphans.size() > k_orphans_shown) {
      out += fmt::format("{}and {} more (--format json lists them all)\n", md ? "\n" : "  ",
                         s.orphans.size() - k_orphans_shown);
    }
  }
  return out;
}

}  // namespace kaava::analysis
