#pragma once
/// `kaava export archimate`: the model in the Open Group ArchiMate Model
/// Exchange File Format (3.x namespace; the XSDs Archi ships): elements,
/// relationships with their attributes, names and documentation in every
/// language, properties with their definitions, organizations (folders by
/// layer, as Archi names them), specializations as the `specialization`
/// property, and the views laid out by Graphviz (absolute bounds and
/// bendpoints), so that they open laid out in Archi. docs/interop.md says
/// what maps to what, and what does not travel.

#include <string>
#include <vector>

#include "load/workspace.h"

namespace kaava::interop {

struct ExchangeOptions {
  std::string language;  ///< the first language of texts, and of specialization names; empty: the repository's
};

struct ExchangeResult {
  std::string xml;
  std::vector<std::string> notes;  ///< what was changed or left out on the way (one line each)
  std::size_t elements = 0, relationships = 0, views = 0;
};

/// Writes `ws`'s model; false, with `error`, when a view cannot be laid out.
bool export_exchange(const Workspace& ws, const ExchangeOptions& options, ExchangeResult* result,
                     std::string* error);

}  // namespace kaava::interop
