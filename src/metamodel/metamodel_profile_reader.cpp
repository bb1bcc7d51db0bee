// The profile's rules in a metamodel file: classifications of element
// types, property requirements and the lifecycle rule.
#include <algorithm>
#include <map>

#include "metamodel/metamodel_reader.h"

namespace kaava::metamodel_detail {

namespace {

constexpr std::string_view k_classification_keys[] = {"id", "label", "description", "values"};
constexpr std::string_view k_class_value_keys[] = {"id", "label", "description", "layers", "types"};
constexpr std::string_view k_requirement_keys[] = {"when",        "type",    "relationship", "source-type",
                                                   "target-type", "require", "because"};
constexpr std::string_view k_lifecycle_keys[] = {"property", "in-use", "ended", "dependent"};
constexpr std::string_view k_coverage_keys[] = {"types", "by", "parts", "property"};
/// The values of the coverage property, in the order kaava coverage uses them.
constexpr std::string_view k_coverage_values[] = {"covered", "partly", "uncovered"};

}  // namespace

void Loader::read_classifications(Reader& r, const Entry& e) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'classifications'")) return;
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "a classification")) continue;
    Classification c;
    PendingClassification pending;
    bool ok = false;
    for (const Entry& f : r.entries(item, k_classification_keys, "a classification")) {
      if (f.name == "id")
        ok = read_id(r, f, classification_ids_, "classification", &c.id);
      else if (f.name == "label")
        read_label(r, f, &c.label);
      else if (f.name == "description")
        read_label(r, f, &c.description);
      else if (f.name == "values" && r.expect_sequence(f.value, r.at(f.key), "'values'")) {
        std::map<std::string, SourceSpan> value_ids;
        for (NodeId vn : r.doc().items(f.value)) {
          if (!r.expect_mapping(vn, r.at(vn), "a classification value")) continue;
          Classification::Value value;
          PendingClassification::Value pv;
          bool value_ok = false;
          for (const Entry& g : r.entries(vn, k_class_value_keys, "a classification value")) {
            if (g.name == "id")
              value_ok = read_id(r, g, value_ids, "classification value", &value.id);
            else if (g.name == "label")
              read_label(r, g, &value.label);
            else if (g.name == "description")
              read_label(r, g, &value.description);
            else if (g.name == "layers")
              pv.layers = read_names(r, g);
            else if (g.name == "types")
              pv.types = read_names(r, g);
          }
          if (!value_ok) continue;
          c.values.push_back(std::move(value));
          pending.values.push_back(std::move(pv));
        }
      }
    }
    if (!ok) continue;
    mm_.classifications.push_back(std::move(c));
    pending_classifications_.push_back(std::move(pending));
  }
}

void Loader::read_requirements(Reader& r, const Entry& e) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'requirements'")) return;
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "a requirement")) continue;
    PendingRequirement req;
    req.at = r.at(item);
    for (const Entry& f : r.entries(item, k_requirement_keys, "a requirement")) {
      std::string_view v;
      if (f.name == "when") {
        if (!r.expect_mapping(f.value, r.at(f.key), "'when'")) continue;
        for (auto [k, val] : r.doc().pairs(f.value)) {
          if (!r.doc().is_scalar(k) || !r.doc().is_scalar(val)) {
            diagnostics_.report(Rule::invalid_structure, r.at(k), "'when' maps property ids to values");
            continue;
          }
          req.when.emplace_back(Name{std::string(r.doc().scalar(k)), r.at(k)}, std::string(r.doc().scalar(val)));
        }
      } else if (f.name == "require") {
        req.require = read_names(r, f);
      } else if (f.name == "because") {
        read_label(r, f, &req.because);
      } else if (r.text(f, &v)) {
        Name& target = f.name == "type"           ? req.type
                       : f.name == "relationship" ? req.relationship
                       : f.name == "source-type"  ? req.source_type
                                                  : req.target_type;
        target = {std::string(v), r.at(f.value)};
      }
    }
    if (req.require.empty()) {
      diagnostics_.report(Rule::invalid_structure, req.at, "a requirement needs 'require: [property, ...]'");
      continue;
    }
    pending_requirements_.push_back(std::move(req));
  }
}

void Loader::read_lifecycle(Reader& r, const Entry& e) {
  if (!r.expect_mapping(e.value, r.at(e.key), "'lifecycle'")) return;
  have_lifecycle_ = true;
  pending_lifecycle_ = PendingLifecycle();
  pending_lifecycle_.at = r.at(e.key);
  for (const Entry& f : r.entries(e.value, k_lifecycle_keys, "'lifecycle'")) {
    std::string_view v;
    if (f.name == "property" && r.text(f, &v)) {
      pending_lifecycle_.property = {std::string(v), r.at(f.value)};
    } else if (f.name == "in-use") {
      pending_lifecycle_.in_use = read_names(r, f);
    } else if (f.name == "ended") {
      pending_lifecycle_.ended = read_names(r, f);
    } else if (f.name == "dependent" && r.expect_mapping(f.value, r.at(f.key), "'dependent'")) {
      for (auto [k, val] : r.doc().pairs(f.value)) {
        const std::string_view side = r.doc().scalar(val);
        if (!r.doc().is_scalar(k) || (side != "source" && side != "target")) {
          diagnostics_.report(Rule::invalid_structure, r.at(k),
                              "'dependent' maps relationship types to 'source' or 'target' (the end that "
                              "depends on the other)");
          continue;
        }
        pending_lifecycle_.dependent.emplace_back(Name{std::string(r.doc().scalar(k)), r.at(k)},
                                                  Name{std::string(side), r.at(val)});
      }
    }
  }
}

void Loader::read_coverage(Reader& r, const Entry& e) {
  if (!r.expect_mapping(e.value, r.at(e.key), "'coverage'")) return;
  have_coverage_ = true;
  pending_coverage_ = PendingCoverage();
  pending_coverage_.at = r.at(e.key);
  mm_.coverage.property = PropertyDefinition();
  for (const Entry& f : r.entries(e.value, k_coverage_keys, "'coverage'")) {
    if (f.name == "types") {
      pending_coverage_.types = read_names(r, f);
    } else if (f.name == "by") {
      pending_coverage_.by = read_names(r, f);
    } else if (f.name == "parts") {
      pending_coverage_.parts = read_names(r, f);
    } else if (f.name == "property" && r.expect_mapping(f.value, r.at(f.key), "'property'")) {
      std::map<std::string, SourceSpan> seen;
      PropertyDefinition def;
      if (!read_property_definition(r, f.value, seen, false, &def)) continue;
      if (!std::ranges::equal(def.values, k_coverage_values)) {
        r.invalid_structure(f, "the coverage property's values are covered, partly and uncovered, in that order");
        continue;
      }
      mm_.coverage.property = std::move(def);
    }
  }
}

void Loader::resolve_coverage() {
  if (!have_coverage_) return;
  CoverageRule& rule = mm_.coverage;
  rule.types.clear();
  rule.by.clear();
  rule.parts.clear();
  for (const Name& n : pending_coverage_.types) {
    if (const TypeIndex t = type_index(n); t != kNoType) rule.types.push_back(t);
  }
  for (const Name& n : pending_coverage_.by) {
    if (const RelationshipIndex x = relationship_index(n); x != kNoRelationship) rule.by.push_back(x);
  }
  for (const Name& n : pending_coverage_.parts) {
    if (const RelationshipIndex x = relationship_index(n); x != kNoRelationship) rule.parts.push_back(x);
  }
  if (pending_coverage_.types.empty() || pending_coverage_.by.empty()) {
    diagnostics_.report(Rule::invalid_structure, pending_coverage_.at,
                        "'coverage' needs 'types' (what is counted) and 'by' (the relationships that cover one)");
  }
  if (rule.property.id.empty()) {
    diagnostics_.report(Rule::invalid_structure, pending_coverage_.at,
                        "'coverage' needs 'property' (id, values covered, partly, uncovered, and their labels)");
  }
}

}  // namespace kaava::metamodel_detail
