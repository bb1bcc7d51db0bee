#pragma once
/// `kaava lsp`: a Language Server Protocol 3.17 server over a byte stream.
/// It keeps the editor's open files as an overlay over the disk, loads the
/// repository around them through the same loader as `kaava validate`
/// (unchanged files come from the in-memory fragment cache and the parse
/// cache, so an edit parses only its file), and answers from the Model:
/// diagnostics, completion, hover, definition, references, rename,
/// symbols and code actions (features.cpp).

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "load/workspace.h"
#include "lsp/jsonrpc.h"
#include "source/remembered_disk.h"

namespace kaava::lsp {

/// An open file: the editor's text of it.
struct OpenDocument {
  std::string uri;
  std::filesystem::path path;
  std::string text;
  long long version = 0;
};

/// One repository (a folder with kaava.yaml) that open files are in, or a
/// loose file outside any (root empty, path the file).
struct Repository {
  std::filesystem::path root;
  std::filesystem::path loose_file;
  std::shared_ptr<const Workspace> ws;
  /// The last load in which every file parsed: while a file is being typed
  /// it is often not YAML yet, and completion still needs its ids.
  std::shared_ptr<const Workspace> parsed;
  FragmentCache fragments;
  std::set<std::string> published;  ///< URIs that have diagnostics on the client
  bool dirty = true;
};

class Server {
 public:
  /// `log`: where to write what happens (nullptr: nowhere).
  Server(Transport& transport, std::FILE* log);
  /// Serves until `exit` or the end of the stream; the process's exit code
  /// (0 after a shutdown request, 1 otherwise, as the protocol says).
  int run();

  // For features.cpp: the loaded repository of a document, reloaded first
  // when an edit has not been validated yet; nullptr when it cannot be loaded.
  const Workspace* workspace_for(const std::string& uri);
  const OpenDocument* document(const std::string& uri) const;
  /// The last load of the document's repository in which every file
  /// parsed (else the latest): where completion finds ids.
  const Workspace* parsed_workspace(const std::string& uri);
  /// The text of a file: the editor's when it is open, else what was loaded.
  std::string_view text_of(const Workspace& ws, std::uint32_t file) const;
  std::string uri_of(const Workspace& ws, std::uint32_t file) const;
  /// The URIs of the open files.
  std::vector<std::string> open_uris() const;
  void log(const std::string& text);

 private:
  void handle(const json& message);
  json dispatch(const std::string& method, const json& params);
  void notify(const std::string& method, const json& params);
  void did_open(const json& params);
  void did_change(const json& params);
  void did_save(const json& params);
  void did_close(const json& params);
  Repository& repository_of(const std::filesystem::path& file);
  void reload(Repository& repo);
  void publish(Repository& repo);
  void validate_dirty();

  Transport& transport_;
  std::FILE* log_;
  std::map<std::string, OpenDocument> documents_;
  std::map<std::filesystem::path, Repository> repositories_;
  /// Workspaces a reload replaced: freed after the findings are out, not
  /// before (freeing a large model takes a while).
  std::vector<std::shared_ptr<const Workspace>> retired_;
  RememberedDisk disk_;  ///< files not changed since the last load are not read again
  std::filesystem::path root_;  ///< the folder the editor opened (initialize's rootUri)
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
};

/// The request handlers of features.cpp; each returns the result (or
/// null), or throws RequestError.
struct RequestError {
  int code;
  std::string message;
};
json completion(Server& server, const json& params);
json hover(Server& server, const json& params);
json definition(Server& server, const json& params);
json references(Server& server, const json& params);
json prepare_rename(Server& server, const json& params);
json rename(Server& server, const json& params);
json document_symbols(Server& server, const json& params);
json workspace_symbols(Server& server, const json& params);
json code_actions(Server& server, const json& params);

/// The LSP range of a span of `ws` (its token when the span has no length).
json range_of(const Workspace& ws, std::string_view text, const SourceSpan& span);

}  // namespace kaava::lsp
