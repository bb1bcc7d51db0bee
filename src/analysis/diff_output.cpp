// kaava diff's three forms: text for a terminal, JSON for scripts, and
// Markdown for a pull-request comment.

#include <fmt/format.h>

#include "analysis/common.h"
#include "analysis/diff.h"
#include "docs/markup.h"
#include "interop/model_json.h"
#include "util/table.h"
#include "util/text.h"

namespace kaava::analysis {

namespace {

/// Long texts (descriptions) are cut here in text and Markdown; JSON has them whole.
constexpr std::size_t k_value_width = 80;

std::string_view kind_name(Breaking::Kind kind) {
  switch (kind) {
    case Breaking::Kind::removed_still_used: return "removed-still-used";
    case Breaking::Kind::type_change_not_allowed: return "type-change-not-allowed";
    case Breaking::Kind::lifecycle_back: return "lifecycle-back";
  }
  return "";
}

/// A value as shown in a line: texts quoted and cut, nothing as "(none)".
std::string shown_value(const FieldChange& f, std::string_view value) {
  if (value.empty()) return "(none)";
  std::string text = printable(value);
  if (display_width(text) > k_value_width) {
    std::size_t cut = 0;
    for (std::size_t n = 0; cut < text.size() && n < k_value_width - 1; ++n) {
      ++cut;
      while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
    }
    text = text.substr(0, cut) + "…";
  }
  const bool quoted = f.field.starts_with("name.") || f.field.starts_with("description.");
  return quoted ? fmt::format("\"{}\"", text) : text;
}

std::string field_line(const FieldChange& f) {
  return fmt::format("{}: {} → {}", f.field, shown_value(f, f.old_value), shown_value(f, f.new_value));
}

struct Counts {
  std::size_t added = 0, removed = 0, changed = 0, renamed = 0, retyped = 0;
};

template <typename Item>
Counts counts(const Changes<Item>& c) {
  Counts n{c.added.size(), c.removed.size(), c.changed.size(), 0, 0};
  for (const Changed& x : c.changed) {
    n.renamed += x.renamed ? 1 : 0;
    n.retyped += x.retyped ? 1 : 0;
  }
  return n;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// "1 added, 2 changed (1 renamed)", or "" when nothing changed.
std::string count_line(const Counts& n, std::size_t moved, bool elements) {
  std::vector<std::string> parts;
  if (n.added > 0) parts.push_back(fmt::format("{} added", n.added));
  if (n.removed > 0) parts.push_back(fmt::format("{} removed", n.removed));
  if (n.changed > 0) {
    std::vector<std::string> of;
    if (n.renamed > 0) of.push_back(fmt::format("{} renamed", n.renamed));
    if (n.retyped > 0) of.push_back(fmt::format("{} retyped", n.retyped));
    parts.push_back(of.empty() ? fmt::format("{} changed", n.changed)
                               : fmt::format("{} changed ({})", n.changed, fmt::join(of, ", ")));
  }
  if (elements && moved > 0) parts.push_back(fmt::format("{} moved", moved));
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string summary_line(const ModelDiff& d) {
  std::vector<std::string> parts;
  const std::string e = count_line(counts(d.elements), d.moved.size(), true);
  const std::string r = count_line(counts(d.relationships), 0, false);
  const std::string v = count_line(counts(d.views), 0, false);
  if (!e.empty()) parts.push_back("elements: " + e);
  if (!r.empty()) parts.push_back("relationships: " + r);
  if (!v.empty()) parts.push_back("views: " + v);
  if (parts.empty()) return "no changes";
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string element_label(const Workspace& ws, std::uint32_t e, std::string_view language) {
  const Element& el = ws.model.element(e);
  const std::string_view name = el.name.get(language);
  return name.empty() ? fmt::format("[{}]", type_id(ws.metamodel, el))
                      : fmt::format("{} [{}]", printable(name), type_id(ws.metamodel, el));
}

std::string relationship_label(const Workspace& ws, const Relationship& r) {
  const std::string_view verb = r.type != kNoRelationship ? std::string_view(ws.metamodel.relationship_types[r.type].verb)
                                                          : std::string_view("?");
  return fmt::format("{} {} {}", r.source.id, verb, r.target.id);
}

std::string_view view_name(const View& v, std::string_view language) {
  const std::string_view name = v.name.get(language);
  return name.empty() ? v.id : name;
}

// --- JSON ---

interop::json field_json(const FieldChange& f) {
  return {{"field", f.field},
          {"old", f.old_value.empty() ? interop::json(nullptr) : interop::json(f.old_value)},
          {"new", f.new_value.empty() ? interop::json(nullptr) : interop::json(f.new_value)}};
}

interop::json changed_json(const Changed& c, bool view) {
  interop::json out = {{"id", c.id}};
  if (!view) out["retyped"] = c.retyped;
  out["renamed"] = c.renamed;
  interop::json fields = interop::json::array();
  for (const FieldChange& f : c.fields) fields.push_back(field_json(f));
  out["changes"] = std::move(fields);
  if (view) {
    out["members-added"] = c.members_added;
    out["members-removed"] = c.members_removed;
  }
  return out;
}

interop::json counts_json(const Counts& n) {
  return {{"added", n.added}, {"removed", n.removed}, {"changed", n.changed}, {"renamed", n.renamed},
          {"retyped", n.retyped}};
}

std::string json_output(const Workspace& before, const Workspace& after, const ModelDiff& d, const DiffLabels& labels,
                        std::string_view language) {
  using interop::json;
  json doc = json::object();
  doc["kaava-diff"] = kDiffJsonVersion;
  doc["old"] = labels.before;
  doc["new"] = labels.after;
  json summary = json::object();
  summary["elements"] = counts_json(counts(d.elements));
  summary["elements"]["moved"] = d.moved.size();
  summary["relationships"] = counts_json(counts(d.relationships));
  summary["views"] = counts_json(counts(d.views));
  summary["breaking"] = d.breaking.size();
  doc["summary"] = std::move(summary);
  json breaking = json::array();
  for (const Breaking& b : d.breaking) {
    breaking.push_back({{"kind", kind_name(b.kind)}, {"id", b.id}, {"message", b.message}, {"where", b.where}});
  }
  doc["breaking"] = std::move(breaking);

  json elements = json::object();
  json added = json::array(), removed = json::array(), changed = json::array(), moved = json::array();
  for (std::uint32_t e : d.elements.added) added.push_back(interop::element_json(after, e));
  for (std::uint32_t e : d.elements.removed) removed.push_back(interop::element_json(before, e));
  for (const Changed& c : d.elements.changed) changed.push_back(changed_json(c, false));
  for (const Moved& m : d.moved) moved.push_back({{"id", m.id}, {"from", m.old_file}, {"to", m.new_file}});
  elements["added"] = std::move(added);
  elements["removed"] = std::move(removed);
  elements["changed"] = std::move(changed);
  elements["moved"] = std::move(moved);
  doc["elements"] = std::move(elements);

  json relationships = json::object();
  added = json::array(), removed = json::array(), changed = json::array();
  for (std::uint32_t r : d.relationships.added) added.push_back(interop::relationship_json(after, r));
  for (std::uint32_t r : d.relationships.removed) removed.push_back(interop::relationship_json(before, r));
  for (const Changed& c : d.relationships.changed) changed.push_back(changed_json(c, false));
  relationships["added"] = std::move(added);
  relationships["removed"] = std::move(removed);
  relationships["changed"] = std::move(changed);
  doc["relationships"] = std::move(relationships);

  json views = json::object();
  added = json::array(), removed = json::array(), changed = json::array();
  auto view_json = [&](const Workspace& ws, std::uint32_t v) {
    const View& view = ws.model.views()[v];
    json out = {{"id", std::string(view.id)}, {"name", std::string(view.name.get(language))}};
    json members = json::array();
    for (std::uint32_t e : ws.model.shown_by(v)) members.push_back(std::string(ws.model.element(e).id));
    out["elements"] = std::move(members);
    return out;
  };
  for (std::uint32_t v : d.views.added) added.push_back(view_json(after, v));
  for (std::uint32_t v : d.views.removed) removed.push_back(view_json(before, v));
  for (const Changed& c : d.views.changed) changed.push_back(changed_json(c, true));
  views["added"] = std::move(added);
  views["removed"] = std::move(removed);
  views["changed"] = std::move(changed);
  doc["views"] = std::move(views);
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// --- text ---

std::string text_output(const Workspace& before, const Workspace& after, const ModelDiff& d, const DiffLabels& labels,
                        std::string_view language) {
  std::string out = fmt::format("kaava diff {} → {}: {}\n", labels.before, labels.after, summary_line(d));
  if (!d.breaking.empty()) {
    out += fmt::format("\n{}\n", plural(d.breaking.size(), "breaking change", "breaking changes"));
    for (const Breaking& b : d.breaking) {
      out += fmt::format("  ✗ {}\n", b.message);
      for (const std::string& w : b.where) out += fmt::format("      {}\n", w);
    }
  }
  const bool any_elements = !d.elements.added.empty() || !d.elements.removed.empty() ||
                            !d.elements.changed.empty() || !d.moved.empty();
  if (any_elements) {
    out += "\nElements\n";
    for (std::uint32_t e : d.elements.added) {
      out += fmt::format("  + {}  {}  {}\n", after.model.element(e).id, element_label(after, e, language),
                         written_at(after, after.model.element(e).at));
    }
    for (std::uint32_t e : d.elements.removed) {
      out += fmt::format("  - {}  {}\n", before.model.element(e).id, element_label(before, e, language));
    }
    for (const Changed& c : d.elements.changed) {
      out += fmt::format("  ~ {}  {}\n", c.id, element_label(after, c.new_index, language));
      for (const FieldChange& f : c.fields) out += fmt::format("      {}\n", field_line(f));
    }
    for (const Moved& m : d.moved) out += fmt::format("  > {}  moved {} → {}\n", m.id, m.old_file, m.new_file);
  }
  if (!d.relationships.added.empty() || !d.relationships.removed.empty() || !d.relationships.changed.empty()) {
    out += "\nRelationships\n";
    for (std::uint32_t r : d.relationships.added) {
      const Relationship& rel = after.model.relationship(r);
      out += fmt::format("  + {}  {}\n", rel.id, relationship_label(after, rel));
    }
    for (std::uint32_t r : d.relationships.removed) {
      const Relationship& rel = before.model.relationship(r);
      out += fmt::format("  - {}  {}\n", rel.id, relationship_label(before, rel));
    }
    for (const Changed& c : d.relationships.changed) {
      out += fmt::format("  ~ {}  {}\n", c.id, relationship_label(after, after.model.relationship(c.new_index)));
      for (const FieldChange& f : c.fields) out += fmt::format("      {}\n", field_line(f));
    }
  }
  if (!d.views.added.empty() || !d.views.removed.empty() || !d.views.changed.empty()) {
    out += "\nViews\n";
    for (std::uint32_t v : d.views.added) {
      const View& view = after.model.views()[v];
      out += fmt::format("  + {}  {}\n", view.id, printable(view_name(view, language)));
    }
    for (std::uint32_t v : d.views.removed) {
      const View& view = before.model.views()[v];
      out += fmt::format("  - {}  {}\n", view.id, printable(view_name(view, language)));
    }
    for (const Changed& c : d.views.changed) {
      out += fmt::format("  ~ {}  {}\n", c.id, printable(view_name(after.model.views()[c.new_index], language)));
      for (const FieldChange& f : c.fields) out += fmt::format("      {}\n", field_line(f));
      if (!c.members_added.empty()) out += fmt::format("      shows now: {}\n", join_some(c.members_added, 12));
      if (!c.members_removed.empty()) out += fmt::format("      no longer shows: {}\n", join_some(c.members_removed, 12));
    }
  }
  return out;
}

// --- Markdown ---

std::string cell(std::string_view text) {
  std::string out = docs::markdown_escape(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

/// An id or a path as code, unless it holds a backquote.
std::string code(std::string_view text) {
  return text.find('`') == std::string_view::npos ? fmt::format("`{}`", text) : cell(text);
}

std::string markdown_output(const Workspace& before, const Workspace& after, const ModelDiff& d,
                            const DiffLabels& labels, std::string_view language) {
  // The marker lets a CI job find its own comment and update it (docs/ci.md).
  std::string out = "<!-- kaava-diff -->\n";
  auto label = [](const std::string& text, bool named) { return named ? code(text) : cell(text); };
  out += fmt::format("**kaava diff** {} → {}: {}", label(labels.before, labels.before_named),
                     label(labels.after, labels.after_named), cell(summary_line(d)));
  if (!d.breaking.empty()) out += fmt::format(" · ⚠️ **{}**", plural(d.breaking.size(), "breaking change", "breaking changes"));
  out += "\n";
  if (!d.breaking.empty()) {
    out += fmt::format("\n#### ⚠️ {}\n\n", plural(d.breaking.size(), "breaking change", "breaking changes"));
    for (const Breaking& b : d.breaking) {
      out += fmt::format("- {}\n", cell(b.message));
      for (const std::string& w : b.where) out += fmt::format("  - {}\n", cell(w));
    }
  }
  auto details = [&](std::string_view title, const std::string& counts_text, const std::string& table) {
    if (table.empty()) return;
    out += fmt::format("\n<details><summary>{}: {}</summary>\n\n{}\n</details>\n", title, counts_text, table);
  };
  std::string table;
  const std::string header = "| | id | name | type | change |\n|:-:|---|---|---|---|\n";
  for (std::uint32_t e : d.elements.added) {
    const Element& el = after.model.element(e);
    table += fmt::format("| + | {} | {} | {} | added in {} |\n", code(el.id), cell(el.name.get(language)),
                         type_id(after.metamodel, el), code(written_at(after, el.at)));
  }
  for (std::uint32_t e : d.elements.removed) {
    const Element& el = before.model.element(e);
    table += fmt::format("| − | {} | {} | {} | removed |\n", code(el.id), cell(el.name.get(language)),
                         type_id(before.metamodel, el));
  }
  for (const Changed& c : d.elements.changed) {
    const Element& el = after.model.element(c.new_index);
    std::vector<std::string> lines;
    for (const FieldChange& f : c.fields) lines.push_back(cell(field_line(f)));
    table += fmt::format("| ~ | {} | {} | {} | {} |\n", code(el.id), cell(el.name.get(language)),
                         type_id(after.metamodel, el), fmt::join(lines, "<br>"));
  }
  for (const Moved& m : d.moved) {
    const Element& el = after.model.element(after.model.find(m.id));
    table += fmt::format("| → | {} | {} | {} | moved {} → {} |\n", code(m.id), cell(el.name.get(language)),
                         type_id(after.metamodel, el), code(m.old_file), code(m.new_file));
  }
  if (!table.empty()) details("Elements", count_line(counts(d.elements), d.moved.size(), true), header + table);

  table.clear();
  for (std::uint32_t r : d.relationships.added) {
    const Relationship& rel = after.model.relationship(r);
    table += fmt::format("| + | {} | added |\n", cell(relationship_label(after, rel)));
  }
  for (std::uint32_t r : d.relationships.removed) {
    const Relationship& rel = before.model.relationship(r);
    table += fmt::format("| − | {} | removed |\n", cell(relationship_label(before, rel)));
  }
  for (const Changed& c : d.relationships.changed) {
    std::vector<std::string> lines;
    for (const FieldChange& f : c.fields) lines.push_back(cell(field_line(f)));
    table += fmt::format("| ~ | {} | {} |\n", cell(relationship_label(after, after.model.relationship(c.new_index))),
                         fmt::join(lines, "<br>"));
  }
  if (!table.empty()) {
    details("Relationships", count_line(counts(d.relationships), 0, false),
            "| | relationship | change |\n|:-:|---|---|\n" + table);
  }

  table.clear();
  for (std::uint32_t v : d.views.added) {
    const View& view = after.model.views()[v];
    table += fmt::format("| + | {} | {} | added |\n", code(view.id), cell(view_name(view, language)));
  }
  for (std::uint32_t v : d.views.removed) {
    const View& view = before.model.views()[v];
    table += fmt::format("| − | {} | {} | removed |\n", code(view.id), cell(view_name(view, language)));
  }
  for (const Changed& c : d.views.changed) {
    std::vector<std::string> lines;
    for (const FieldChange& f : c.fields) lines.push_back(cell(field_line(f)));
    if (!c.members_added.empty()) lines.push_back(cell("shows now: " + join_some(c.members_added, 12)));
    if (!c.members_removed.empty()) lines.push_back(cell("no longer shows: " + join_some(c.members_removed, 12)));
    table += fmt::format("| ~ | {} | {} | {} |\n", code(c.id),
                         cell(view_name(after.model.views()[c.new_index], language)), fmt::join(lines, "<br>"));
  }
  if (!table.empty()) {
    details("Views", count_line(counts(d.views), 0, false), "| | id | name | change |\n|:-:|---|---|---|\n" + table);
  }
  return out;
}

}  // namespace

std::string diff_output(const Workspace& before, const Workspace& after, const ModelDiff& diff,
                        const DiffLabels& labels, std::string_view format, std::string_view language) {
  if (format == "json") return json_output(before, after, diff, labels, language);
  if (format == "markdown") return markdown_output(before, after, diff, labels, language);
  return text_output(before, after, diff, labels, language);
}

}  // namespace kaava::analysis
