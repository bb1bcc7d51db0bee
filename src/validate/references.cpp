#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "util/edit_distance.h"
#include "util/text.h"
#include "validate/check.h"

namespace kaava {

namespace {

/// Suggestions cost a scan of every id, so only the first few get one.
constexpr std::size_t k_max_suggestions = 200;

}  // namespace

/// dangling-reference: a relationship end that names no element (nor a relationship).
void check_references(const CheckContext& ctx, Diagnostics& out) {
  std::vector<std::string_view> ids;
  std::size_t suggested = 0;
  auto report = [&](const Relationship& rel, const Reference& ref, std::string_view role) {
    // An id written under a misspelt `id:` key (`ID: x`): its unknown-key finding says why.
    if (ctx.model.mentioned_by_misspelt_key(ref.id)) return;
    std::string hint;
    // Each suggestion tries every id: in a large model, fewer of them.
    const std::size_t most = suggestion_budget(ctx.model.elements().size(), k_max_suggestions);
    if (suggested++ < most) {
      if (ids.empty()) {
        ids.reserve(ctx.model.elements().size());
        for (const Element& el : ctx.model.elements()) {
          if (el.valid_id) ids.push_back(el.id);  // never suggest an id that is itself wrong
        }
      }
      hint = did_you_mean(ref.id, ids);
      // A reference with ä or ö to an id written in ASCII: the transliteration is the answer.
      if (const std::string fixed = ascii_id(ref.id); hint.empty() && ctx.model.find(fixed) != kNone) {
        hint = fmt::format(" (did you mean '{}'?)", fixed);
      }
    }
    const std::string_view verb = rel.origin == RelationshipOrigin::declared
                                      ? std::string_view(ctx.metamodel.relationship_types[rel.type].id)
                                      : std::string_view(ctx.metamodel.relationship_types[rel.type].verb);
    out.report(Rule::dangling_reference, ref.at, ref.mark,
               fmt::format("{} of '{}' refers to '{}', which no element has{}", role, verb, ref.id, hint),
               rel.source.id);
  };
  for (const Relationship& rel : ctx.model.relationships()) {
    // An end may be another relationship (relationship-not-allowed says which types may).
    if (rel.source.index == kNone && rel.source.relationship == kNone) report(rel, rel.source, "the source");
    if (rel.target.index == kNone && rel.target.relationship == kNone) report(rel, rel.target, "the target");
  }
}

}  // namespace kaava
