#pragma once
/// The model: elements, relationships and views with their source
/// positions. Built once by the loader, then only read. Strings are views
/// into buffers the model owns.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "diag/diagnostic.h"
#include "metamodel/metamodel.h"

namespace kaava {

inline constexpr std::uint32_t kNone = 0xFFFFFFFF;

/// True for ids of the form [a-z0-9][a-z0-9._-]*.
bool is_valid_id(std::string_view id);

/// What a YAML 1.1 tool makes of a plain value that kaava reads as text
/// ("false" for `no`, "the number 8" for `010`), or "" when all agree.
std::string yaml11_reading(std::string_view plain);

/// A text in one or more languages. A plain string has an empty language
/// and stands for the repository's default language.
struct LocalizedText {
  std::vector<std::pair<std::string_view, std::string_view>> texts;
  SourceSpan at;         ///< the value
  bool malformed = false;  ///< written in a shape that is neither text nor mapping (reported)

  bool empty() const { return texts.empty(); }
  /// The text in `language`, else the first one written; empty if none.
  std::string_view get(std::string_view language) const;
};

struct Property {
  std::string_view key;
  std::string_view value;
  SourceSpan key_at;
  SourceSpan value_at;
  bool plain = true;  ///< the value was written without quotes
};

struct Element {
  std::string_view id;
  SourceSpan at;     ///< the element's mapping (its first key)
  SourceSpan id_key_at;  ///< the `id` key
  SourceSpan id_at;      ///< the id value
  TypeIndex type = kNoType;  ///< kNoType when the type is unknown
  std::string_view type_name;
  SourceSpan type_at;  ///< the type value
  LocalizedText name;
  LocalizedText description;
  std::vector<Property> properties;
  std::vector<std::string_view> tags;
  std::uint32_t parent = kNone;  ///< the element it is nested in
  bool valid_id = true;
  std::vector<Rule> suppress;  ///< rules silenced for this element
};

enum class RelationshipOrigin : std::uint8_t {
  inline_verb,  ///< `serves: [x]` on the source element
  nesting,      ///< `children:` (the parent composes the child)
  declared,     ///< an entry of `relationships:`
};

/// One end of a relationship: the id as written, the element it names.
struct Reference {
  std::string_view id;
  /// Element index; kNone when the id names no element. Inline and nested
  /// relationships know their source (and nesting its target) from where
  /// they are written; the rest are resolved by id.
  std::uint32_t index = kNone;
  SourceSpan at;    ///< where a problem with it is reported
  SourceSpan mark;  ///< the id itself
};

struct Relationship {
  RelationshipIndex type = kNoRelationship;
  RelationshipOrigin origin = RelationshipOrigin::declared;
  std::string_view id;  ///< optional
  Reference source;
  Reference target;
  SourceSpan at;    ///< the relationship (its entry, item, or verb key)
  SourceSpan mark;  ///< what to underline for the relationship as a whole
  LocalizedText name;
  LocalizedText description;
  std::vector<Property> properties;
  std::vector<std::string_view> tags;
};

struct Pattern {
  std::string_view text;  ///< may hold '*' wildcards
  SourceSpan at;          ///< where a problem with it is reported (its key, or the item)
  SourceSpan mark;        ///< the text itself
};

struct Selector {
  std::vector<Pattern> types;
  std::vector<Pattern> layers;
  std::vector<Pattern> tags;
  std::vector<Pattern> ids;
  std::vector<Pattern> relationships;

  bool empty() const {
    return types.empty() && layers.empty() && tags.empty() && ids.empty() && relationships.empty();
  }
};

enum class Direction : std::uint8_t { both, in, out };

struct View {
  std::string_view id;
  SourceSpan at;
  SourceSpan id_key_at;
  SourceSpan id_at;
  LocalizedText name;
  LocalizedText description;
  Pattern viewpoint;
  Selector include;
  Selector exclude;
  Pattern focus;
  std::string_view color_by;  ///< a property whose values colour the elements
  std::uint32_t depth = 1;
  Direction direction = Direction::both;
};

/// What one model file contributed; the loader builds these in parallel
/// and merges them in file order.
struct ModelFragment {
  std::uint32_t file = kNoFile;
  std::vector<Element> elements;  ///< parents refer to indices in this fragment
  std::vector<Relationship> relationships;  ///< known endpoints are fragment indices
  std::vector<View> views;
  std::vector<std::shared_ptr<const std::string>> buffers;
};

class Model {
 public:
  /// Room for this many in all, before adding fragments.
  void reserve(std::size_t elements, std::size_t relationships);
  /// Appends a file's fragment (in file order).
  void add(ModelFragment&& fragment);
  /// Builds the id index and resolves relationship endpoints. The first
  /// element with a given id wins; later ones stay in `elements()` so
  /// that the duplicate can be reported.
  void finish();

  std::span<const Element> elements() const { return elements_; }
  std::span<const Relationship> relationships() const { return relationships_; }
  std::span<const View> views() const { return views_; }
  const Element& element(std::uint32_t index) const { return elements_[index]; }

  /// Index of the element with `id` (the first one), or kNone.
  std::uint32_t find(std::string_view id) const;
  /// The file each element came from.
  std::uint32_t file_of(std::uint32_t element) const { return elements_[element].at.file; }

 private:
  std::vector<Element> elements_;
  std::vector<Relationship> relationships_;
  std::vector<View> views_;
  std::vector<std::shared_ptr<const std::string>> buffers_;
  std::unordered_map<std::string_view, std::uint32_t> index_;
};

}  // namespace kaava
