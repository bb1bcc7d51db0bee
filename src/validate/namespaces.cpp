#include <fmt/format.h>

#include "validate/check.h"

namespace kaava {

namespace {

bool in_namespace(std::string_view id, std::string_view ns) {
  return id.size() > ns.size() && id.starts_with(ns) && id[ns.size()] == '.';
}

}  // namespace

/// reserved-id: the repository's own elements and relationships may not
/// take ids in the namespace of an imported model (least of all redefine
/// its elements); invalid-id: a repository with a namespace keeps its own
/// ids in it (written relationship ids too; derived ones follow their
/// source element's).
void check_namespaces(const CheckContext& ctx, Diagnostics& out) {
  const auto elements = ctx.model.elements();
  const std::string& own = ctx.config.id_namespace;
  for (std::uint32_t i = 0; i < elements.size(); ++i) {
    const Element& el = elements[i];
    if (ctx.imported(el)) continue;
    for (const ReservedNamespace& r : ctx.reserved) {
      if (!in_namespace(el.id, r.id_namespace)) continue;
      const std::uint32_t first = ctx.model.first_with_id(i);
      if (first != i && first != kNone && ctx.imported(elements[first])) {
        out.report(Rule::reserved_id, el.id_key_at, el.id_at,
                   fmt::format("'{}' is an element of the imported '{}' (at {}); refer to it instead of "
                               "defining it again",
                               el.id, r.import, ctx.where(elements[first].id_key_at)),
                   el.id);
      } else {
        out.report(Rule::reserved_id, el.id_key_at, el.id_at,
                   fmt::format("ids starting with '{}.' belong to the imported '{}'; choose an id outside it",
                               r.id_namespace, r.import),
                   el.id);
      }
    }
    if (!own.empty() && !in_namespace(el.id, own) && el.valid_id) {
      out.report(Rule::invalid_id, el.id_key_at, el.id_at,
                 fmt::format("ids in this repository start with '{}.' (its namespace in kaava.yaml)", own), el.id);
    }
  }
  for (const Relationship& rel : ctx.model.relationships()) {
    if (!rel.id_written || ctx.files[rel.at.file].imported) continue;
    for (const ReservedNamespace& r : ctx.reserved) {
      if (!in_namespace(rel.id, r.id_namespace)) continue;
      out.report(Rule::reserved_id, rel.id_at,
                 fmt::format("ids starting with '{}.' belong to the imported '{}'; choose a relationship id outside "
                             "it",
                             r.id_namespace, r.import),
                 rel.source.id);
    }
    if (!own.empty() && !in_namespace(rel.id, own)) {
      out.report(Rule::invalid_id, rel.id_at,
                 fmt::format("ids in this repository start with '{}.' (its namespace in kaava.yaml)", own),
                 rel.source.id);
    }
  }
}

}  // namespace kaava
