#pragma once
/// Internal to the metamodel loader: reads metamodel files section by
/// section (metamodel_reader.cpp), then resolves what refers across
/// sections and files: bases, property uses, the relationship table
/// (metamodel_resolve.cpp).

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnostic.h"
#include "metamodel/metamodel.h"
#include "metamodel/metamodel_loader.h"
#include "source/source_files.h"
#include "yaml/reader.h"

namespace kaava::metamodel_detail {

using yaml::Entry;
using yaml::NodeId;
using yaml::Reader;

inline constexpr std::string_view k_relationship_pseudo_type = "relationship";

struct PendingUses {
  std::vector<std::pair<std::string, bool>> uses;  // property id, required
  std::vector<SourceSpan> at;
};

struct PendingType {
  std::string base;
  SourceSpan base_at;
  PendingUses uses;
  std::vector<PropertyDefinition> attributes;  // relationship types: their own
  bool dependent_written = false;              // relationship types: `dependent:` given
};

/// A name written in a metamodel file, resolved once every file is read.
struct Name {
  std::string text;
  SourceSpan at;
};

struct PendingClassification {
  struct Value {
    std::vector<Name> layers;
    std::vector<Name> types;
  };
  std::vector<Value> values;  // parallel to Classification::values
};

struct PendingRequirement {
  SourceSpan at;
  std::vector<std::pair<Name, std::string>> when;  // property = value
  Name type, relationship, source_type, target_type;
  std::vector<Name> require;
  Label because;
};

struct PendingCoverage {
  SourceSpan at;
  std::vector<Name> types, by, parts;
};

struct PendingLifecycle {
  SourceSpan at;
  Name property;
  std::vector<Name> in_use, ended;
  std::vector<std::pair<Name, Name>> dependent;  // relationship type, source|target
};

class Loader {
 public:
  Loader(const FileSource& source, const std::filesystem::path& base_dir, SourceFiles& files, Diagnostics& diagnostics,
         Metamodel& out)
      : source_(source), base_dir_(base_dir), files_(files), diagnostics_(diagnostics), mm_(out) {}

  bool load(std::string_view name_or_path, const MetamodelRequest& requested, std::string* error);
  /// Resolves references between sections; false when errors remain.
  bool finish(std::string* error);

 private:
  bool read_file(std::string_view name_or_path, const MetamodelRequest& requested, std::uint32_t* file,
                 std::string* error);
  void read_label(Reader& r, const Entry& e, Label* out);
  void read_uses(Reader& r, const Entry& e, PendingUses* out);
  void read_layers(Reader& r, const Entry& e, bool is_base);
  void read_relationship_types(Reader& r, const Entry& e, bool is_base);
  void read_element_types(Reader& r, const Entry& e);
  void read_properties(Reader& r, const Entry& e);
  void read_attributes(Reader& r, const Entry& e, std::vector<PropertyDefinition>* out);
  /// One entry of `properties:` or of a relationship type's `attributes:`
  /// (which may also have a `default`); false when it is unusable.
  bool read_property_definition(Reader& r, NodeId item, std::map<std::string, SourceSpan>& seen, bool attribute,
                                PropertyDefinition* def);
  void read_viewpoints(Reader& r, const Entry& e);
  void read_table(Reader& r, const Entry& e);
  void read_classifications(Reader& r, const Entry& e);
  void read_requirements(Reader& r, const Entry& e);
  void read_lifecycle(Reader& r, const Entry& e);
  void read_coverage(Reader& r, const Entry& e);
  std::vector<Name> read_names(Reader& r, const Entry& e);
  void resolve_relationship_types();
  void apply_uses(const PendingUses& uses, std::vector<PropertyUse>& out);
  void unknown(const Name& name, std::string_view what, const std::vector<std::string_view>& candidates);
  /// Look-ups that report an unknown name (with a did-you-mean).
  std::int32_t property_index(const Name& name);
  TypeIndex type_index(const Name& name);
  RelationshipIndex relationship_index(const Name& name);
  void resolve_classifications();
  void resolve_viewpoints();
  /// Types that `names` and `layers` pick, with their specializations.
  std::vector<bool> type_set(const PendingClassification::Value& picked);
  void resolve_requirements();
  void resolve_lifecycle();
  void resolve_coverage();
  void resolve_types();
  void resolve_properties();
  void resolve_table();
  /// Checks an id entry: a text, not empty, not defined before in `seen`.
  bool read_id(Reader& r, const Entry& e, std::map<std::string, SourceSpan>& seen, std::string_view what,
               std::string* out);

  const FileSource& source_;
  const std::filesystem::path& base_dir_;
  SourceFiles& files_;
  Diagnostics& diagnostics_;
  Metamodel& mm_;
  std::vector<std::string> loading_;  // names on the extends chain, to catch cycles
  std::map<std::string, SourceSpan> layer_ids_, type_ids_, relationship_ids_, property_ids_, viewpoint_ids_;
  PendingUses common_uses_;
  std::vector<PendingUses> layer_uses_;
  std::vector<PendingType> pending_types_;
  std::vector<PendingType> pending_relationships_;  // parallel to relationship_types
  std::map<std::string, SourceSpan> classification_ids_;
  std::vector<PendingClassification> pending_classifications_;
  std::vector<PendingClassification::Value> pending_viewpoints_;  // parallel to viewpoints
  std::vector<PendingRequirement> pending_requirements_;
  PendingLifecycle pending_lifecycle_;
  bool have_lifecycle_ = false;
  PendingCoverage pending_coverage_;
  bool have_coverage_ = false;
  // The relationship table as read, resolved in finish().
  struct TableRow {
    std::string source;
    SourceSpan at;
    std::vector<std::string> cells;
  };
  std::vector<std::pair<std::string, SourceSpan>> columns_;
  std::vector<TableRow> rows_;
  SourceSpan table_at_;
  bool have_table_ = false;
  Name junction_;
  std::string nesting_;
  SourceSpan nesting_at_;
};

}  // namespace kaava::metamodel_detail
