#pragma once
/// Archi's CSV files (File > Export > Model To CSV, and Import CSV):
/// elements.csv (ID, Type, Name, Documentation, Specialization; the model
/// itself first, as type ArchimateModel), relations.csv (the same with
/// Source and Target) and properties.csv (ID, Key, Value), with Archi's
/// class names as types (BusinessActor, AssignmentRelationship, Junction)
/// and its special property keys (Access_Type, Influence_Strength,
/// Directed, Junction_Type). Read and written with libcsv (RFC 4180).

#include <string>
#include <string_view>
#include <vector>

#include "interop/imported_model.h"
#include "load/workspace.h"

namespace kaava::interop {

struct CsvFiles {
  std::string elements, relations, properties;
};

struct CsvExport {
  CsvFiles files;
  std::vector<std::string> notes;  ///< what does not fit the format (other languages)
  std::size_t elements = 0, relationships = 0;
};

/// The model as Archi writes CSV: UTF-8 with a byte-order mark, every field
/// quoted, CRLF between rows. Names and documentation in `language` (the
/// format has one; empty: the repository's first).
CsvExport export_csv(const Workspace& ws, std::string_view language);

struct CsvImportOptions {
  std::string language = "fi";  ///< the language of the names and documentation
};

/// Reads the three files' texts (properties may be empty; relations too);
/// `names` are the files' names for messages. The delimiter is `,`, `;` or
/// a tab, whichever the header uses; a byte-order mark is skipped. False,
/// with `error` ("file:line: message"), when a file cannot be read as CSV
/// or its header is not Archi's.
bool import_csv(const CsvFiles& files, const CsvFiles& names, const Metamodel& mm, const CsvImportOptions& options,
                ImportedModel* model, std::string* error);

}  // namespace kaava::interop
