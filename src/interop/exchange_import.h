#pragma once
/// `kaava import archimate`: an Open Group ArchiMate Model Exchange File
/// Format file (3.x) read into an ImportedModel: ids made kaava ids (and
/// unique), types through the metamodel's exchange names, specializations
/// (Archi's `specialization` property) to the metamodel's where it has
/// them, texts per language, properties, relationship attributes, views
/// with their members, folders. What a kaava model has no place for is a
/// Loss with its line in the file, never dropped silently.

#include <string>
#include <string_view>

#include "interop/imported_model.h"
#include "interop/xml_reader.h"
#include "metamodel/metamodel.h"

namespace kaava::interop {

/// Reads the exchange file `bytes`; false, with `error` ("line:column:
/// message"), when it is not XML, refuses to be read safely, or is not an
/// exchange file at all.
bool import_exchange(std::string_view bytes, const Metamodel& mm, const XmlLimits& limits, ImportedModel* model,
                     std::string* error);

}  // namespace kaava::interop
