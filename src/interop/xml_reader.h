#pragma once
/// Reading an XML file that someone else wrote, with care: libxml2's
/// reader, with no DTD (a document type declaration is refused, so there
/// are no entities to expand and no external ones to fetch), no network,
/// bounded depth and size. The result is a small tree of elements with
/// their attributes, text and line and column, for the importers.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kaava::interop {

struct XmlNode {
  std::string name;       ///< the local name ("element")
  std::string ns;         ///< its namespace URI
  std::map<std::string, std::string> attributes;  ///< by qualified name ("xsi:type", "xml:lang", "identifier")
  std::string text;       ///< the text directly inside it
  std::uint32_t line = 0, column = 0;
  std::vector<std::unique_ptr<XmlNode>> children;

  /// The attribute `name`, or "".
  std::string_view attribute(std::string_view name) const;
  /// The children named `name`.
  std::vector<const XmlNode*> all(std::string_view name) const;
  /// The first child named `name`, or nullptr.
  const XmlNode* first(std::string_view name) const;
};

struct XmlLimits {
  std::uint32_t max_depth = 256;
  std::uint64_t max_bytes = 64u << 20;
};

/// Parses `bytes`; false, with `error` ("line:column: message"), when it
/// is not well-formed, has a DTD, or goes beyond the limits.
bool read_xml(std::string_view bytes, const XmlLimits& limits, std::unique_ptr<XmlNode>* root, std::string* error);

}  // namespace kaava::interop
