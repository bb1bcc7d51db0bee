#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "validate/check.h"

namespace kaava {

namespace {

/// Relationships that meet at a junction, and the elements they connect
/// through it (through chains of junctions too).
class Junctions {
 public:
  Junctions(const CheckContext& ctx, Diagnostics& out) : ctx_(ctx), mm_(ctx.metamodel), out_(out) {}

  void check() {
    const auto elements = ctx_.model.elements();
    for (std::uint32_t j = 0; j < elements.size(); ++j) {
      if (!mm_.is_junction(elements[j].type) || ctx_.imported(elements[j]) || ctx_.model.find(elements[j].id) != j) {
        continue;
      }
      const RelationshipIndex type = common_type(j);
      if (type != kNoRelationship) check_paths(j, type);
    }
  }

 private:
  /// The type (its base type) of every relationship at junction `j`, or
  /// kNoRelationship after reporting junction-mixed-types.
  RelationshipIndex common_type(std::uint32_t j) {
    std::map<RelationshipIndex, std::vector<std::uint32_t>> by_type;  // root type -> relationships
    for (const auto list : {ctx_.model.incoming(j), ctx_.model.outgoing(j)}) {
      for (std::uint32_t r : list) by_type[mm_.relationship_types[ctx_.model.relationship(r).type].root].push_back(r);
    }
    if (by_type.empty()) return kNoRelationship;
    if (by_type.size() == 1) return by_type.begin()->first;
    // The type most of them have is the junction's; the others are the mistake.
    const auto most = std::ranges::max_element(
        by_type, [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
    std::vector<std::string> kinds;
    kinds.reserve(by_type.size());
    for (const auto& [type, rels] : by_type) {
      kinds.push_back(fmt::format("{} {}", rels.size(), mm_.relationship_types[type].id));
    }
    const Element& junction = ctx_.model.element(j);
    Diagnostic& d = out_.report(
        Rule::junction_mixed_types, junction.id_key_at, junction.id_at,
        fmt::format("the relationships that meet at {} are of different types ({}); a junction joins relationships "
                    "of one type (most here are {})",
                    ctx_.describe(junction), fmt::join(kinds, ", "), mm_.relationship_types[most->first].id),
        junction.id);
    for (const auto& [type, rels] : by_type) {
      if (type == most->first) continue;
      for (std::uint32_t r : rels) {
        const Relationship& rel = ctx_.model.relationship(r);
        d.notes.push_back({rel.at, rel.mark, fmt::format("{}", ctx_.describe(rel))});
      }
    }
    return kNoRelationship;
  }

  /// The elements that are not junctions at the ends of the paths from
  /// (`outgoing`) or to junction `j`, each with the relationship that
  /// touches it.
  void ends(std::uint32_t j, bool outgoing, std::set<std::uint32_t>& seen,
            std::vector<std::pair<std::uint32_t, std::uint32_t>>& found) const {
    if (!seen.insert(j).second) return;
    for (std::uint32_t r : outgoing ? ctx_.model.outgoing(j) : ctx_.model.incoming(j)) {
      const Relationship& rel = ctx_.model.relationship(r);
      const std::uint32_t other = outgoing ? rel.target.index : rel.source.index;
      if (other == kNone) continue;
      if (mm_.is_junction(ctx_.model.element(other).type)) {
        ends(other, outgoing, seen, found);
      } else {
        found.emplace_back(other, r);
      }
    }
  }

  void check_paths(std::uint32_t j, RelationshipIndex type) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> sources, targets;
    std::set<std::uint32_t> seen;
    ends(j, false, seen, sources);
    seen.clear();
    ends(j, true, seen, targets);
    const Element& junction = ctx_.model.element(j);
    const std::string_view verb = mm_.relationship_types[type].verb;
    for (const auto& [s, into] : sources) {
      const Element& source = ctx_.model.element(s);
      for (const auto& [t, out_of] : targets) {
        const Element& target = ctx_.model.element(t);
        if (source.type == kNoType || target.type == kNoType || s == t) continue;
        if (mm_.is_allowed(source.type, type, target.type)) continue;
        // A hop that is not allowed even to or from a junction is
        // relationship-not-allowed already: one mistake, one finding.
        const Relationship& rel = ctx_.model.relationship(into);
        const Relationship& last = ctx_.model.relationship(out_of);
        const TypeIndex first_junction = ctx_.model.element(rel.target.index).type;
        const TypeIndex last_junction = ctx_.model.element(last.source.index).type;
        if (!mm_.is_allowed(source.type, rel.type, first_junction) ||
            !mm_.is_allowed(last_junction, last.type, target.type)) {
          continue;
        }
        if (!reported_.insert({s, t}).second) continue;  // the same path through a chain of junctions
        Diagnostic& d =
            out_.report(Rule::junction_path_not_allowed, rel.at, rel.mark,
                        fmt::format("{} {} {} through {}, which is not allowed: {} is not allowed from {} to {}",
                                    ctx_.describe(source), verb, ctx_.describe(target), ctx_.describe(junction),
                                    mm_.relationship_types[type].id, mm_.element_types[source.type].id,
                                    mm_.element_types[target.type].id),
                        source.id);
        d.notes.push_back({last.at, last.mark, fmt::format("the path goes on to '{}' here", target.id)});
      }
    }
  }

  const CheckContext& ctx_;
  const Metamodel& mm_;
  Diagnostics& out_;
  std::set<std::pair<std::uint32_t, std::uint32_t>> reported_;
};

}  // namespace

/// junction-mixed-types and junction-path-not-allowed: the relationships
/// that meet at a junction are of one type, and each source-to-target path
/// through it is allowed for that type (ArchiMate 3.2, 5.5.1).
void check_junctions(const CheckContext& ctx, Diagnostics& out) {
  if (ctx.metamodel.junction == kNoType) return;
  Junctions(ctx, out).check();
}

}  // namespace kaava
