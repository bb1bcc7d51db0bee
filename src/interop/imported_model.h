#pragma once
/// A model read from another tool's file (the exchange format, Archi's
/// CSV), before it becomes a kaava repository: kaava's types and ids
/// already, texts per language, and what could not be kept, each with its
/// place in the file it came from.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaava::interop {

/// Texts by language code ("" before the languages are known).
using Texts = std::vector<std::pair<std::string, std::string>>;
using Values = std::vector<std::pair<std::string, std::string>>;

struct Place {
  std::uint32_t line = 0, column = 0;
};

struct ImportedElement {
  std::string id, type;
  Texts name, description;
  Values properties;
  std::vector<std::string> tags;
  std::string folder;  ///< the folder it was in ("Business/Actors"), if any
  std::string source_id;
  Place at;
};

struct ImportedRelationship {
  std::string id, type, from, to;
  Texts name, description;
  Values attributes;  ///< kaava's attribute keys (access: read)
  Values properties;
  std::vector<std::string> tags;
  std::string folder;
  std::string source_id;
  Place at;
};

struct ImportedView {
  std::string id;
  Texts name, description;
  std::string viewpoint;             ///< a kaava viewpoint id, or ""
  std::vector<std::string> members;  ///< element ids, in the order drawn
  /// The relationship types its lines are (kaava draws every relationship
  /// of these between its members); empty with `lines` false: none drawn.
  std::vector<std::string> relationship_types;
  bool lines = false;
  std::string folder;
  std::string source_id;
  Place at;
};

/// Something of the file that the kaava model does not keep.
struct Loss {
  Place at;
  std::string what;
  std::string file;  ///< the file it is in, when not the one imported (relations.csv)
};

struct ImportedModel {
  std::string name;
  Texts description;
  std::vector<std::string> languages;  ///< the first is the default
  std::string metamodel = "archimate";
  std::vector<std::string> imports;  ///< built-in models it uses (kaava.yaml's imports)
  std::vector<ImportedElement> elements;
  std::vector<ImportedRelationship> relationships;
  std::vector<ImportedView> views;
  std::vector<Loss> losses;
  std::vector<std::string> notes;  ///< what changed on the way, without loss
};

/// Makes `wanted` a kaava id (lower case; [a-z0-9][a-z0-9._-]*) unique in
/// `taken`, and adds it there.
std::string kaava_id(std::string_view wanted, std::set<std::string>* taken);

}  // namespace kaava::interop
