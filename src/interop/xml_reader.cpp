#include "interop/xml_reader.h"

#include <algorithm>

#include <fmt/format.h>
#include <libxml/xmlreader.h>

namespace kaava::interop {

namespace {

std::string str(const xmlChar* s) { return s == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(s)); }

struct Errors {
  std::string first;
};

void on_error(void* context, xmlErrorPtr e) {
  auto* errors = static_cast<Errors*>(context);
  if (e == nullptr || !errors->first.empty() || e->level < XML_ERR_ERROR) return;
  std::string message = e->message == nullptr ? std::string("not well-formed") : std::string(e->message);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  // libxml2's own limits speak of its options: say what the file does.
  if (message.starts_with("Excessive depth")) message = "elements nested deeper than 256 levels";
  errors->first = fmt::format("{}:{}: {}", e->line, e->int2 > 0 ? e->int2 : 1, message);
}

}  // namespace

std::string_view XmlNode::attribute(std::string_view key) const {
  const auto it = attributes.find(std::string(key));
  return it == attributes.end() ? std::string_view() : std::string_view(it->second);
}

std::vector<const XmlNode*> XmlNode::all(std::string_view key) const {
  std::vector<const XmlNode*> out;
  for (const auto& c : children) {
    if (c->name == key) out.push_back(c.get());
  }
  return out;
}

const XmlNode* XmlNode::first(std::string_view key) const {
  for (const auto& c : children) {
    if (c->name == key) return c.get();
  }
  return nullptr;
}

bool read_xml(std::string_view bytes, const XmlLimits& limits, std::unique_ptr<XmlNode>* root, std::string* error) {
  if (bytes.size() > limits.max_bytes) {
    *error = fmt::format("1:1: the file is {} bytes; the limit is {}", bytes.size(), limits.max_bytes);
    return false;
  }
  // A document type declaration is refused before the parser sees it (it
  // would read the entities it declares, and report a bomb as a "loop").
  {
    std::size_t at = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (at < bytes.size()) {
      while (at < bytes.size() && (bytes[at] == ' ' || bytes[at] == '\t' || bytes[at] == '\n' || bytes[at] == '\r')) {
        ++at;
      }
      const std::string_view rest = bytes.substr(at);
      const std::string_view end = rest.starts_with("<?") ? "?>" : rest.starts_with("<!--") ? "-->" : "";
      if (rest.starts_with("<!DOCTYPE")) {
        const std::size_t line = static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
        const std::size_t column = at - (bytes.rfind('\n', at == 0 ? 0 : at - 1) == std::string_view::npos
                                              ? 0
                                              : bytes.rfind('\n', at - 1) + 1) + 1;
        *error = fmt::format("{}:{}: a document type declaration (DTD) is not accepted: it could define entities "
                             "that expand without end or read other files",
                             line, column);
        return false;
      }
      if (end.empty()) break;
      const std::size_t close = rest.find(end);
      if (close == std::string_view::npos) break;
      at += close + end.size();
    }
  }
  // No entity substitution, no DTD loading, no network: XXE and entity bombs have nothing to work with.
  const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS | XML_PARSE_BIG_LINES;
  xmlTextReaderPtr reader =
      xmlReaderForMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, options);
  if (reader == nullptr) {
    *error = "1:1: the XML parser cannot start";
    return false;
  }
  Errors errors;
  xmlTextReaderSetStructuredErrorHandler(reader, on_error, &errors);
  // Where each line starts: an element's place is where its start tag begins.
  std::vector<std::size_t> line_starts = {0};
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\n') line_starts.push_back(i + 1);
  }
  // The start tag's line as the parser recorded it, and its column found
  // in that line (after the tags already found there).
  std::size_t cursor_line = 0, cursor = 0;
  const auto start_of_tag = [&](std::uint32_t* line, std::uint32_t* column) {
    const xmlNodePtr node = xmlTextReaderCurrentNode(reader);
    const long l = node == nullptr ? 0 : xmlGetLineNo(node);
    if (l <= 0 || static_cast<std::size_t>(l) > line_starts.size()) return;
    const auto index = static_cast<std::size_t>(l - 1);
    const std::size_t begin = line_starts[index];
    const std::size_t end = index + 1 < line_starts.size() ? line_starts[index + 1] : bytes.size();
    if (cursor_line != index) {
      cursor_line = index;
      cursor = begin;
    }
    const std::string tag = "<" + str(xmlTextReaderConstName(reader));
    const std::size_t at = bytes.substr(0, end).find(tag, cursor);
    *line = static_cast<std::uint32_t>(l);
    if (at == std::string_view::npos) return;
    cursor = at + 1;
    std::uint32_t c = 1;
    for (std::size_t i = begin; i < at; ++i) c += (static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80;
    *column = c;
  };
  std::vector<XmlNode*> open;
  bool ok = true;
  int rc = 0;
  while ((rc = xmlTextReaderRead(reader)) == 1) {
    const int type = xmlTextReaderNodeType(reader);
    const auto line = static_cast<std::uint32_t>(std::max(1, xmlTextReaderGetParserLineNumber(reader)));
    const auto column = static_cast<std::uint32_t>(std::max(1, xmlTextReaderGetParserColumnNumber(reader)));
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
      *error = fmt::format("{}:{}: a document type declaration (DTD) is not accepted: it could define entities "
                           "that expand without end or read other files",
                           line, column);
      ok = false;
      break;
    }
    if (type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_ENTITY) {
      *error = fmt::format("{}:{}: entity references are not accepted", line, column);
      ok = false;
      break;
    }
    if (type == XML_READER_TYPE_ELEMENT) {
      if (open.size() >= limits.max_depth) {
        *error = fmt::format("{}:{}: elements nested deeper than {} levels", line, column, limits.max_depth);
        ok = false;
        break;
      }
      auto node = std::make_unique<XmlNode>();
      node->name = str(xmlTextReaderConstLocalName(reader));
      node->ns = str(xmlTextReaderConstNamespaceUri(reader));
      node->line = line;
      node->column = column;
      start_of_tag(&node->line, &node->column);
      const bool empty = xmlTextReaderIsEmptyElement(reader) == 1;
      while (xmlTextReaderMoveToNextAttribute(reader) == 1) {
        node->attributes[str(xmlTextReaderConstName(reader))] = str(xmlTextReaderConstValue(reader));
      }
      xmlTextReaderMoveToElement(reader);
      XmlNode* raw = node.get();
      if (open.empty()) {
        *root = std::move(node);
      } else {
        open.back()->children.push_back(std::move(node));
      }
      if (!empty) open.push_back(raw);
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      if (!open.empty()) open.pop_back();
    } else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
               !open.empty()) {
      open.back()->text += str(xmlTextReaderConstValue(reader));
    }
  }
  if (ok && rc != 0) {
    *error = errors.first.empty() ? std::string("1:1: not well-formed XML") : errors.first;
    ok = false;
  }
  if (ok && !errors.first.empty()) {
    *error = errors.first;
    ok = false;
  }
  if (ok && *root == nullptr) {
    *error = "1:1: no XML element in the file";
    ok = false;
  }
  xmlFreeTextReader(reader);
  return ok;
}

}  // namespace kaava::interop
