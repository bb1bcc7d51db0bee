#pragma once
/// The model builder's parts, shared by its files: model_builder.cpp
/// (elements and relationships), view_builder.cpp (views and their
/// selectors) and builder_values.cpp (the shapes of values: texts per
/// language, properties, tags, suppressions). Internal to load/.

#include <cstdint>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "load/model_builder.h"
#include "model/model.h"
#include "yaml/document.h"
#include "yaml/reader.h"

namespace kaava::detail {

using yaml::Entry;
using yaml::NodeId;

/// Builds one YAML document into a ModelFragment.
class Builder {
 public:
  Builder(const yaml::Document& doc, std::uint32_t file, const ModelSchema& schema, Diagnostics& diagnostics,
          ModelFragment& fragment)
      : doc_(doc), r_(doc, file, diagnostics), schema_(schema), diagnostics_(diagnostics), out_(fragment) {}

  void build();

 private:
  void element(NodeId map, std::uint32_t parent);
  void inline_relationships(const Entry& e, RelationshipIndex type, std::uint32_t source, std::string_view source_id,
                            SourceSpan source_at);
  void relationship(NodeId map);
  /// The keys relationships share: id, name, description, properties, tags.
  void attribute(const Entry& e, Relationship& rel);
  /// Drops (and reports) attributes that the relationship's type does not have.
  void check_attributes(Relationship& rel);
  void view(NodeId map);
  void localized(const Entry& e, LocalizedText* out);
  void properties(const Entry& e, std::vector<Property>* out);
  void tags(const Entry& e, std::vector<std::string_view>* out);
  void suppressions(const Entry& e, std::vector<Rule>* out);
  void selector(const Entry& e, Selector* out);
  /// Warns about a plain value that YAML 1.1 tools read differently.
  void ambiguous(NodeId value, SourceSpan at, std::string_view what);
  /// The ids a misspelt relationship key names (`serving: [a, { to: b }]`).
  void mention_targets(NodeId value);
  bool id(const Entry& e, std::string_view* out, SourceSpan* at, bool* valid);

  const yaml::Document& doc_;
  yaml::Reader r_;
  const ModelSchema& schema_;
  Diagnostics& diagnostics_;
  ModelFragment& out_;
};

}  // namespace kaava::detail
