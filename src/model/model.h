#pragma once
/// The model: elements, relationships and views with their source
/// positions, and the indexes every consumer needs (by id, relationships
/// in and out, children, views). Assembled once by the loader from the
/// fragments of its files, then only read. Strings are views into buffers
/// the model owns.

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
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

/// A text in one or more languages. A plain string has an empty language
/// and stands for the repository's default language.
struct LocalizedText {
  std::vector<std::pair<std::string_view, std::string_view>> texts;
  SourceSpan at;           ///< the value
  SourceSpan key_at;       ///< its key (`name:`), where findings about it are reported
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
  SourceSpan at;             ///< the element's mapping (its first key)
  SourceSpan id_key_at;      ///< the `id` key
  SourceSpan id_at;          ///< the id value
  TypeIndex type = kNoType;  ///< kNoType when the type is unknown
  std::string_view type_name;
  SourceSpan type_at;  ///< the type value
  LocalizedText name;
  LocalizedText description;
  std::vector<Property> properties;
  std::vector<std::string_view> tags;
  std::uint32_t parent = kNone;  ///< the element it is nested in
  bool valid_id = true;
  /// A misspelt `name:` or `description:` key was written (and reported as
  /// unknown-key): the element is not also reported as lacking one.
  bool name_misspelt = false;
  bool description_misspelt = false;
  /// A misspelt relationship key (`serving:`) was written: its
  /// relationships are missing because of that, not because it has none.
  bool relationship_misspelt = false;
  std::vector<Rule> suppress;  ///< rules silenced for this element

  /// The property written under `key`, or null when there is none.
  const Property* find_property(std::string_view key) const {
    for (const Property& p : properties) {
      if (p.key == key) return &p;
    }
    return nullptr;
  }
  /// Its value, or "" when there is none.
  std::string_view property_value(std::string_view key) const {
    const Property* p = find_property(key);
    return p == nullptr ? std::string_view{} : p->value;
  }
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
  /// When the id names no element but a relationship (ArchiMate lets an
  /// association, and a grouping's composition, point at one): its index.
  std::uint32_t relationship = kNone;
};

struct Relationship {
  RelationshipIndex type = kNoRelationship;
  RelationshipOrigin origin = RelationshipOrigin::declared;
  /// Its `id:` when written, else one derived from the source, the type and
  /// the target, "sis:flow:koski" (":2", ":3" for parallel ones), which no
  /// written id can be, since ':' is not allowed in ids (docs/format.md).
  std::string_view id;
  bool id_written = false;
  SourceSpan id_at;  ///< the written id
  Reference source;
  Reference target;
  SourceSpan at;    ///< the relationship (its entry, item, or verb key)
  SourceSpan mark;  ///< what to underline for the relationship as a whole
  LocalizedText name;
  LocalizedText description;
  std::vector<Property> properties;
  /// The attributes written (`access: read`), each one its type defines;
  /// RelationshipType::attributes has the defaults.
  std::vector<Property> attributes;
  std::vector<std::string_view> tags;

  /// The attribute `key` as written, else `fallback` (its default).
  std::string_view attribute(std::string_view key, std::string_view fallback = {}) const {
    for (const Property& a : attributes) {
      if (a.key == key) return a.value;
    }
    return fallback;
  }
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

  bool empty() const { return types.empty() && layers.empty() && tags.empty() && ids.empty() && relationships.empty(); }
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
  Pattern color_by;  ///< a property whose values colour the elements
  std::uint32_t depth = 1;
  Direction direction = Direction::both;
  /// A focus view goes on through these elements even where they are a
  /// boundary (Metamodel::focus_boundary); `expand_all`: through every one.
  Selector expand_through;
  bool expand_all = false;
};

/// What one model file contributed; the loader builds these in parallel
/// and merges them in file order.
struct ModelFragment {
  std::uint32_t file = kNoFile;
  std::vector<Element> elements;            ///< parents refer to indices in this fragment
  std::vector<Relationship> relationships;  ///< known endpoints are fragment indices
  std::vector<View> views;
  /// Ids written under misspelt keys (`ID: x`, `serving: [x]`), each
  /// reported as unknown-key: references to them and their lack of
  /// relationships are that one mistake, not more findings.
  std::vector<std::string_view> misspelt_mentions;
  std::vector<std::shared_ptr<const std::string>> buffers;
  std::uint64_t text_hash = 0;  ///< of the text it was built from (Model::patch's callers compare it)
};

class Model {
 public:
  /// Which elements (indices, model order) a view shows; the views layer
  /// knows (select_elements), the model only keeps the answer.
  using ViewSelector = std::function<std::vector<std::uint32_t>(const Model&, const View&)>;

  Model() = default;

  /// The model of a run: `fragments` merged in file order, ids indexed
  /// (the first element with an id wins; later ones stay in `elements()`
  /// so the duplicate can be reported), relationship ends resolved,
  /// relationship ids derived, and the relationship, nesting and view
  /// indexes built.
  static Model assemble(std::vector<ModelFragment>&& fragments, const Metamodel& metamodel,
                        const ViewSelector& shown = {});

  /// Puts `changed` (fragments of files this model was assembled from, made
  /// anew) in place of what those files gave, when each has the same shape
  /// as before: the same element ids and nesting, the same relationships
  /// (type, ends, written ids) and view ids, and nothing else depends on
  /// what changed in them (the order of parallel relationships, invalid
  /// ids, misspelt keys). The result is what assemble() would make of the
  /// same fragments, for the cost of the changed files and the views'
  /// selections. False, with the model as it was, when it cannot.
  bool patch(std::vector<ModelFragment>& changed, const ViewSelector& shown = {});
  /// The files this model was assembled from, in order, and the hash of
  /// the text each one's fragment was built from (ModelFragment::text_hash).
  std::vector<std::pair<std::uint32_t, std::uint64_t>> files() const;

  std::span<const Element> elements() const { return elements_; }
  std::span<const Relationship> relationships() const { return relationships_; }
  std::span<const View> views() const { return views_; }
  const Element& element(std::uint32_t index) const { return elements_[index]; }
  const Relationship& relationship(std::uint32_t index) const { return relationships_[index]; }

  /// Index of the element with `id` (the first one), or kNone.
  std::uint32_t find(std::string_view id) const;
  /// The first element with the id `element` has: itself, unless it is a
  /// duplicate.
  std::uint32_t first_with_id(std::uint32_t element) const { return first_[element]; }
  /// Index of the relationship with `id` (written or derived), or kNone.
  std::uint32_t find_relationship(std::string_view id) const;
  /// Index of the view with `id` (the first one), or kNone.
  std::uint32_t find_view(std::string_view id) const;
  /// The file each element came from.
  std::uint32_t file_of(std::uint32_t element) const { return elements_[element].at.file; }

  /// Relationships (indices, model order) from and to an element.
  std::span<const std::uint32_t> outgoing(std::uint32_t element) const { return outgoing_.of(element); }
  std::span<const std::uint32_t> incoming(std::uint32_t element) const { return incoming_.of(element); }
  /// The elements nested under an element (`children:`), in model order;
  /// its parent is `element(i).parent`.
  std::span<const std::uint32_t> children(std::uint32_t element) const { return children_.of(element); }
  /// Whether `id` is written under a misspelt key (ModelFragment::misspelt_mentions).
  bool mentioned_by_misspelt_key(std::string_view id) const {
    return std::ranges::binary_search(misspelt_mentions_, id);
  }
  /// The views (indices) that show an element.
  std::span<const std::uint32_t> views_of(std::uint32_t element) const { return views_of_.of(element); }
  /// The elements (indices, model order) that view `view` shows.
  std::span<const std::uint32_t> shown_by(std::uint32_t view) const { return shown_by_.of(view); }

 private:
  /// Lists per element in two arrays (compressed rows): few allocations.
  struct Index {
    std::vector<std::uint32_t> starts;  ///< per element, and one past the last
    std::vector<std::uint32_t> items;
    std::span<const std::uint32_t> of(std::uint32_t e) const {
      if (e + 1 >= starts.size()) return {};
      return std::span<const std::uint32_t>(items).subspan(starts[e], starts[e + 1] - starts[e]);
    }
  };
  void index_ids();
  void index_relationships();
  void derive_relationship_ids(const Metamodel& mm);
  void resolve_relationship_ends();
  void index_views(const ViewSelector& shown);

  /// What one file's fragment became: where its elements, relationships
  /// and views start, and the buffers its strings are in.
  struct Piece {
    std::uint32_t file = kNoFile;
    std::uint32_t elements = 0, relationships = 0, views = 0;  ///< first index of each
    std::vector<std::shared_ptr<const std::string>> buffers;
    std::vector<std::string_view> misspelt_mentions;
    std::uint64_t text_hash = 0;
  };
  /// Why `fresh` cannot take `piece`'s place (patch), or null when it can.
  const char* unlike(const Piece& piece, std::size_t k, const ModelFragment& fresh) const;

  std::vector<Element> elements_;
  std::vector<Relationship> relationships_;
  std::vector<View> views_;
  std::vector<Piece> pieces_;
  std::vector<std::shared_ptr<const std::string>> buffers_;  ///< derived relationship ids
  /// Ids are short: XXH3 hashes them in a fraction of std::hash's time.
  struct IdHash {
    std::size_t operator()(std::string_view id) const noexcept;
  };
  using IdIndex = std::unordered_map<std::string_view, std::uint32_t, IdHash>;

  IdIndex index_;
  std::vector<std::uint32_t> first_;  ///< per element: the first element with its id
  std::vector<std::uint32_t> defined_again_;  ///< sorted: first elements whose id a later one has too
  std::deque<std::string> fixed_ids_;  ///< invalid ids as their findings suggest them, also in index_
  std::vector<std::string_view> misspelt_mentions_;  ///< sorted
  IdIndex relationship_index_;  ///< written ids only
  IdIndex view_index_;
  Index outgoing_, incoming_, children_, views_of_, shown_by_;
};

}  // namespace kaava
