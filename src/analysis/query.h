#pragma once
/// `kaava query`: the elements of a loaded model that pass a set of
/// filters, all of which must hold (type, layer, tag, conditions on
/// properties and texts, a relationship with a given element). The CLI
/// parses the options into a Query, check_query() says what is wrong with
/// it, run_query() answers it and query_output() writes the answer.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/workspace.h"

namespace kaava::analysis {

/// One `--where`: KEY=VALUE, KEY!=VALUE, KEY= (missing) or KEY!= (present).
/// For `name`, `description` and `id` VALUE is a part of the text; for a
/// property the whole value ('*' for any run of characters). Both ignore
/// case and punctuation, and find å, ä, ö from a, a, o (TextMatcher).
struct Condition {
  enum class Op : std::uint8_t { equals, differs, missing, present };
  std::string key;
  Op op = Op::equals;
  std::string value;
  std::string written;  ///< as the user wrote it, for messages
};

/// Parses "KEY=VALUE", "KEY!=VALUE", "KEY=", "KEY!="; false, with `error`,
/// when there is no '=' or no key.
bool parse_condition(std::string_view text, Condition* out, std::string* error);

struct Query {
  std::vector<std::string> types;   ///< any of them (a type matches its specializations); '*' allowed
  std::vector<std::string> layers;  ///< any of them
  std::vector<std::string> tags;    ///< any of them
  std::vector<Condition> where;     ///< every one of them
  std::string related_to;           ///< an element id: elements with a relationship to or from it
  std::vector<std::string> via;     ///< with related_to: only relationships of these types (or verbs)
  bool own_only = false;            ///< leave out the elements of imported repositories
};

/// What is wrong with `query` for this model, with a did-you-mean (an
/// unknown type, layer, relationship type or element id; --via without
/// --related-to), or "" when it can run. These are usage errors (exit 2).
std::string check_query(const Workspace& ws, const Query& query);

/// Things worth saying that do not stop the query: a tag no element has, a
/// property no element has and the metamodel does not define (with a
/// did-you-mean).
std::vector<std::string> query_notes(const Workspace& ws, const Query& query);

/// How a found element is related to the `related_to` element.
struct Relation {
  std::uint32_t relationship = 0;  ///< index in the model
  bool outgoing = false;           ///< from the related_to element to the found one
};

struct Found {
  std::uint32_t element = 0;
  std::vector<Relation> relations;  ///< with related_to, in model order
};

/// The elements that pass every filter, sorted by id. Call check_query()
/// first: unknown names match nothing here.
std::vector<Found> run_query(const Workspace& ws, const Query& query);

/// The version of the JSON shape (docs/commands.md).
inline constexpr int kQueryJsonVersion = 1;

/// The answer as `format` (table, json, csv or ids), names in `language`.
/// Deterministic: the same model and query give the same bytes.
std::string query_output(const Workspace& ws, const Query& query, const std::vector<Found>& found,
                         std::string_view format, std::string_view language);

}  // namespace kaava::analysis
