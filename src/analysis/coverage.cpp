#include "analysis/coverage.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "analysis/common.h"
#include "docs/markup.h"
#include "interop/model_json.h"
#include "util/table.h"
#include "util/text.h"

namespace kaava::analysis {

namespace {

constexpr std::uint32_t kNoItem = 0xFFFFFFFF;

bool counted_type(const Metamodel& mm, TypeIndex type) {
  return type != kNoType && std::ranges::any_of(mm.coverage.types, [&](TypeIndex t) { return mm.is_a(type, t); });
}

bool is_one_of(const Metamodel& mm, RelationshipIndex type, const std::vector<RelationshipIndex>& kinds) {
  return type != kNoRelationship &&
         std::ranges::any_of(kinds, [&](RelationshipIndex k) { return mm.relationship_is_a(type, k); });
}

std::string_view value_id(CoverageStatus s) {
  return s == CoverageStatus::covered ? "covered" : s == CoverageStatus::partly ? "partly" : "uncovered";
}

/// Statuses and totals of the parts first, then of `item` (iteratively: a deep map needs no deep stack).
void settle(ReferenceCoverage& ref, std::uint32_t root) {
  std::vector<std::pair<std::uint32_t, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [i, parts_done] = stack.back();
    stack.pop_back();
    CoverageItem& item = ref.items[i];
    if (!parts_done) {
      stack.push_back({i, true});
      for (std::uint32_t p : item.parts) stack.push_back({p, false});
      continue;
    }
    item.total = 1;
    item.covered = item.partly = 0;
    bool all = !item.parts.empty(), some = false;
    for (std::uint32_t p : item.parts) {
      const CoverageItem& part = ref.items[p];
      item.total += part.total;
      item.covered += part.covered;
      item.partly += part.partly;
      all = all && part.status == CoverageStatus::covered;
      some = some || part.status != CoverageStatus::uncovered;
    }
    // A capability with parts is covered when they all are: covering it
    // alone, with some of its parts not, covers it partly.
    const bool direct = !item.covered_by.empty();
    if (item.parts.empty()) {
      item.status = direct ? CoverageStatus::covered : CoverageStatus::uncovered;
    } else {
      item.status = all ? CoverageStatus::covered : some || direct ? CoverageStatus::partly : CoverageStatus::uncovered;
    }
    item.covered += item.status == CoverageStatus::covered ? 1 : 0;
    item.partly += item.status == CoverageStatus::partly ? 1 : 0;
  }
}

std::string status_word(CoverageStatus s) {
  return s == CoverageStatus::covered ? "covered" : s == CoverageStatus::partly ? "partly covered" : "not covered";
}

std::string_view mark(CoverageStatus s) {
  return s == CoverageStatus::covered ? "✓" : s == CoverageStatus::partly ? "◐" : "✗";
}

std::string totals(const ReferenceCoverage& ref) {
  const std::size_t n = ref.items.size();
  return fmt::format("{} of {} capabilities covered ({}), {} partly, {} not covered", ref.covered, n,
                     percent(ref.covered, n), ref.partly, ref.uncovered);
}

std::string subtree_totals(const CoverageItem& item) {
  return fmt::format("{} of {} covered ({})", item.covered, item.total, percent(item.covered, item.total));
}

std::string by_text(const Workspace& ws, const CoverageItem& item) {
  std::vector<std::string_view> ids;
  for (std::uint32_t e : item.covered_by) ids.push_back(ws.model.element(e).id);
  return ids.empty() ? std::string() : fmt::format("by {}", join(ids, ", "));
}

void tree_text(const Workspace& ws, const ReferenceCoverage& ref, std::uint32_t i, const std::string& prefix,
               bool last, bool top, std::string_view language, std::string* out) {
  const CoverageItem& item = ref.items[i];
  const Element& el = ws.model.element(item.element);
  std::string line = fmt::format("{}{}{} {}  {}", prefix, top ? "" : (last ? "└── " : "├── "), mark(item.status),
                                 el.id, printable(display_name(el, language)));
  std::vector<std::string> notes;
  if (top || !item.parts.empty()) notes.push_back(subtree_totals(item));
  if (const std::string by = by_text(ws, item); !by.empty()) notes.push_back(by);
  if (!notes.empty()) line += fmt::format("  ({})", fmt::join(notes, "; "));
  *out += line + "\n";
  const std::string next = top ? prefix : prefix + (last ? "    " : "│   ");
  for (std::size_t k = 0; k < item.parts.size(); ++k) {
    tree_text(ws, ref, item.parts[k], next, k + 1 == item.parts.size(), false, language, out);
  }
}

}  // namespace

Coverage reference_coverage(const Workspace& ws, std::string_view only) {
  const Model& model = ws.model;
  const Metamodel& mm = ws.metamodel;
  Coverage out;
  if (!mm.coverage.defined()) return out;
  std::map<std::string, ReferenceCoverage> by_import;
  std::vector<std::uint32_t> item_of(model.elements().size(), kNoItem);
  std::vector<std::string_view> import_of(model.elements().size());
  for (std::uint32_t i = 0; i < model.elements().size(); ++i) {
    const Element& el = model.element(i);
    if (!is_canonical(model, i) || !is_imported(ws, el) || !counted_type(mm, el.type)) continue;
    const std::string_view name = ws.import_of(el.at.file);
    if (!only.empty() && name != only) continue;
    ReferenceCoverage& ref = by_import[std::string(name)];
    ref.name = name;
    item_of[i] = static_cast<std::uint32_t>(ref.items.size());
    import_of[i] = name;
    ref.items.push_back({i, CoverageStatus::uncovered, {}, {}, kNoItem, 0, 0, 0});
  }
  for (const Relationship& r : model.relationships()) {
    const std::uint32_t s = r.source.index, t = r.target.index;
    if (s == kNone || t == kNone || item_of[t] == kNoItem) continue;
    ReferenceCoverage& ref = by_import[std::string(import_of[t])];
    // An own element covers a counted one.
    if (!is_imported(ws, model.element(s)) && is_one_of(mm, r.type, mm.coverage.by)) {
      std::vector<std::uint32_t>& by = ref.items[item_of[t]].covered_by;
      if (std::ranges::find(by, s) == by.end()) by.push_back(s);
      continue;
    }
    // A counted element of the same import holds it as a part (the first such whole is its parent).
    if (item_of[s] != kNoItem && import_of[s] == import_of[t] && s != t && is_one_of(mm, r.type, mm.coverage.parts)) {
      CoverageItem& part = ref.items[item_of[t]];
      if (part.parent != kNoItem) continue;
      // Not under one of its own parts: the parts make a tree.
      bool cycle = false;
      for (std::uint32_t p = item_of[s]; p != kNoItem && !cycle; p = ref.items[p].parent) cycle = p == item_of[t];
      if (cycle) continue;
      part.parent = item_of[s];
      ref.items[item_of[s]].parts.push_back(item_of[t]);
    }
  }
  for (auto& [name, ref] : by_import) {
    auto id_of = [&](std::uint32_t item) { return model.element(ref.items[item].element).id; };
    for (CoverageItem& item : ref.items) {
      std::ranges::sort(item.parts, {}, id_of);
      std::ranges::sort(item.covered_by, {}, [&](std::uint32_t e) { return model.element(e).id; });
    }
    for (std::uint32_t i = 0; i < ref.items.size(); ++i) {
      if (ref.items[i].parent == kNoItem) ref.top.push_back(i);
    }
    std::ranges::sort(ref.top, {}, id_of);
    for (std::uint32_t t : ref.top) settle(ref, t);
    for (const CoverageItem& item : ref.items) {
      (item.status == CoverageStatus::covered  ? ref.covered
       : item.status == CoverageStatus::partly ? ref.partly
                                               : ref.uncovered)++;
    }
    out.references.push_back(std::move(ref));
  }
  return out;
}

std::vector<std::string> coverage_values(const Workspace& ws) {
  std::vector<std::string> out(ws.model.elements().size());
  // Own elements that cover a reference capability take its colour in any
  // view; one that covers several, the best of theirs.
  std::vector<int> rank(out.size(), -1);
  for (const ReferenceCoverage& ref : reference_coverage(ws).references) {
    for (const CoverageItem& item : ref.items) {
      out[item.element] = value_id(item.status);
      const int r = item.status == CoverageStatus::covered ? 2 : item.status == CoverageStatus::partly ? 1 : 0;
      for (std::uint32_t e : item.covered_by) {
        if (r > rank[e]) {
          rank[e] = r;
          out[e] = value_id(item.status);
        }
      }
    }
  }
  return out;
}

std::string coverage_output(const Workspace& ws, const Coverage& coverage, std::string_view format,
                            std::string_view language) {
  const Model& model = ws.model;
  if (format == "json") {
    using interop::json;
    json doc = json::object();
    doc["kaava-coverage"] = kCoverageJsonVersion;
    json refs = json::array();
    for (const ReferenceCoverage& ref : coverage.references) {
      json r = json::object();
      r["import"] = ref.name;
      r["capabilities"] = ref.items.size();
      r["covered"] = ref.covered;
      r["partly"] = ref.partly;
      r["uncovered"] = ref.uncovered;
      r["percent"] = ref.items.empty() ? 0.0
                                      : std::round(1000.0 * static_cast<double>(ref.covered) /
                                                   static_cast<double>(ref.items.size())) /
                                            10.0;  // one decimal, as the text shows it
      json top = json::array();
      for (std::uint32_t t : ref.top) top.push_back(std::string(model.element(ref.items[t].element).id));
      r["top"] = std::move(top);
      // Every counted element, parents before their parts, in tree order.
      json items = json::array();
      std::vector<std::uint32_t> order(ref.top.rbegin(), ref.top.rend());
      while (!order.empty()) {
        const std::uint32_t i = order.back();
        order.pop_back();
        const CoverageItem& item = ref.items[i];
        const Element& el = model.element(item.element);
        json e = json::object();
        e["id"] = std::string(el.id);
        e["name"] = std::string(el.name.get(language));
        e["type"] = std::string(type_id(ws.metamodel, el));
        e["status"] = std::string(value_id(item.status));
        e["parent"] = item.parent != kNoItem ? json(std::string(model.element(ref.items[item.parent].element).id))
                                             : json(nullptr);
        json by = json::array();
        for (std::uint32_t b : item.covered_by) by.push_back(std::string(model.element(b).id));
        e["covered-by"] = std::move(by);
        e["total"] = item.total;
        e["covered"] = item.covered;
        e["partly"] = item.partly;
        items.push_back(std::move(e));
        order.insert(order.end(), item.parts.rbegin(), item.parts.rend());
      }
      r["items"] = std::move(items);
      refs.push_back(std::move(r));
    }
    doc["references"] = std::move(refs);
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  }
  std::string out;
  if (coverage.references.empty()) {
    return fmt::format("{} imports no reference architecture with capabilities to cover\n", ws.config.name);
  }
  for (const ReferenceCoverage& ref : coverage.references) {
    if (format == "markdown") {
      out += fmt::format("### Coverage of {}\n\n{}\n\n", docs::markdown_escape(ref.name),
                         docs::markdown_escape(totals(ref)));
      out += "| capability | name | status | covered | by |\n|---|---|---|---:|---|\n";
      std::vector<std::pair<std::uint32_t, std::size_t>> order;
      for (auto it = ref.top.rbegin(); it != ref.top.rend(); ++it) order.emplace_back(*it, 0);
      while (!order.empty()) {
        const auto [i, depth] = order.back();
        order.pop_back();
        const CoverageItem& item = ref.items[i];
        const Element& el = model.element(item.element);
        std::vector<std::string> by;
        for (std::uint32_t b : item.covered_by) by.push_back(fmt::format("`{}`", model.element(b).id));
        // Parts are indented with no-break spaces, which a Markdown table keeps.
        std::string indent;
        for (std::size_t d = 1; d < depth; ++d) indent += "\u00A0\u00A0\u00A0";
        if (depth > 0) indent += "└\u00A0";
        out += fmt::format("| {}`{}` | {} | {} {} | {} | {} |\n", indent, el.id,
                           docs::markdown_escape(display_name(el, language)), mark(item.status),
                           status_word(item.status), item.parts.empty() ? std::string() : subtree_totals(item),
                           fmt::join(by, ", "));
        for (auto p = item.parts.rbegin(); p != item.parts.rend(); ++p) order.emplace_back(*p, depth + 1);
      }
      out += "\n";
      continue;
    }
    out += fmt::format("Coverage of {}: {}\n", ref.name, totals(ref));
    out += "\n";
    TextTable table({"top-level capability", "covered", "partly", "not covered", "of"});
    for (std::size_t c = 1; c < 5; ++c) table.align_right(c);
    for (std::uint32_t t : ref.top) {
      const CoverageItem& item = ref.items[t];
      table.add({std::string(model.element(item.element).id), fmt::format("{} ({})", item.covered, percent(item.covered, item.total)),
                 std::to_string(item.partly), std::to_string(item.total - item.covered - item.partly),
                 std::to_string(item.total)});
    }
    out += table.text("  ");
    out += "\n";
    for (std::uint32_t t : ref.top) tree_text(ws, ref, t, "", true, true, language, &out);
  }
  return out;
}

}  // namespace kaava::analysis
