#pragma once
/// A check is one pass over the model that reports one or a few rules.
/// Every check is listed once, in all_checks() (check_registry.cpp).

#include <span>
#include <string_view>

#include "diag/diagnostic.h"
#include "load/config.h"
#include "metamodel/metamodel.h"
#include "model/model.h"
#include "source/source_files.h"

namespace kaava {

/// An id namespace that belongs to an imported repository.
struct ReservedNamespace {
  std::string id_namespace;  ///< e.g. "vet": ids "vet.*"
  std::string import;        ///< e.g. "vet-reference"
};

struct CheckContext {
  const Model& model;
  const Metamodel& metamodel;
  const Config& config;
  const SourceFiles& files;
  std::vector<ReservedNamespace> reserved;

  bool imported(const Element& element) const { return files[element.at.file].imported; }

  /// "path:line:col" for messages that point at a second place.
  std::string where(const SourceSpan& span) const;
  /// "type 'id'" for messages, e.g. "application-component 'sis'".
  std::string describe(const Element& element) const;
  /// "type 'source' verb 'target'" (`->` for a `relationships:` entry).
  std::string describe(const Relationship& relationship) const;
};

using CheckFunction = void (*)(const CheckContext&, Diagnostics&);

struct Check {
  std::string_view name;
  CheckFunction run;
};

std::span<const Check> all_checks();

// One function per check; each lives in its own file.
void check_duplicate_ids(const CheckContext&, Diagnostics&);
void check_references(const CheckContext&, Diagnostics&);
void check_relationship_rules(const CheckContext&, Diagnostics&);
void check_junctions(const CheckContext&, Diagnostics&);
void check_properties(const CheckContext&, Diagnostics&);
void check_names(const CheckContext&, Diagnostics&);
void check_composition_cycles(const CheckContext&, Diagnostics&);
void check_lifecycles(const CheckContext&, Diagnostics&);
void check_orphans(const CheckContext&, Diagnostics&);
void check_views(const CheckContext&, Diagnostics&);
void check_namespaces(const CheckContext&, Diagnostics&);
void check_translations(const CheckContext&, Diagnostics&);
void check_possible_duplicates(const CheckContext&, Diagnostics&);
void check_duplicate_relationships(const CheckContext&, Diagnostics&);
void check_viewpoints(const CheckContext&, Diagnostics&);

}  // namespace kaava
