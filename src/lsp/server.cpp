#include "lsp/server.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include <fmt/format.h>

#include "lsp/positions.h"
#include "report/text.h"
#include "rules/catalogue.h"
#include "source/disk_source.h"
#include "source/memory_source.h"
#include "load/config.h"
#include "validate/validator.h"

namespace kaava::lsp {

namespace fs = std::filesystem;

namespace {

int lsp_severity(Severity s) {
  switch (s) {
    case Severity::error: return 1;
    case Severity::warning: return 2;
    case Severity::info: return 3;
    default: return 4;
  }
}

}  // namespace

json range_of(const Workspace& ws, std::string_view text, const SourceSpan& span) {
  const std::uint32_t line = span.line > 0 ? span.line - 1 : 0;
  std::string_view line_text = text.empty() ? ws.files.line(span.file, span.line) : line_of(text, line);
  // kaava's columns do not count a byte order mark; the editor's text may have one (one UTF-16 unit).
  std::uint32_t bom = 0;
  if (line == 0 && line_text.starts_with("\xEF\xBB\xBF")) {
    line_text.remove_prefix(3);
    bom = 1;
  }
  const std::size_t start = span.column > 0 ? span.column - 1 : 0;
  std::size_t length = span.length > 0 ? span.length : token_length(line_text, std::max<std::uint32_t>(1, span.column));
  if (length == 0) length = 1;
  return {{"start", {{"line", line}, {"character", utf16_column(line_text, start) + bom}}},
          {"end", {{"line", line}, {"character", utf16_column(line_text, start + length) + bom}}}};
}

Server::Server(Transport& transport, std::FILE* log) : transport_(transport), log_(log) {}

void Server::log(const std::string& text) {
  if (log_ == nullptr) return;
  std::fprintf(log_, "%s\n", text.c_str());
  std::fflush(log_);
}

std::vector<std::string> Server::open_uris() const {
  std::vector<std::string> out;
  for (const auto& [uri, doc] : documents_) out.push_back(uri);
  // None open yet: the repository of the folder the editor opened.
  if (out.empty() && !root_.empty()) {
    const fs::path top = find_repository_root(disk_files(), root_);
    if (!top.empty()) out.push_back(path_to_uri(top / kConfigFileName));
  }
  return out;
}

const OpenDocument* Server::document(const std::string& uri) const {
  const auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : &it->second;
}

std::string Server::uri_of(const Workspace& ws, std::uint32_t file) const {
  if (file >= ws.files.size()) return {};
  const SourceFile& f = ws.files[file];
  if (f.embedded) return {};
  const fs::path path = f.origin.is_absolute() ? f.origin : ws.config.root / f.path;
  return path_to_uri(path.lexically_normal());
}

std::string_view Server::text_of(const Workspace& ws, std::uint32_t file) const {
  if (const OpenDocument* doc = document(uri_of(ws, file)); doc != nullptr) return doc->text;
  return file < ws.files.size() ? std::string_view(ws.files[file].text) : std::string_view();
}

Repository& Server::repository_of(const fs::path& file) {
  const fs::path root = find_repository_root(disk_files(), file.parent_path());
  const fs::path key = root.empty() ? file : root;
  auto [it, added] = repositories_.try_emplace(key);
  if (added) {
    it->second.root = root;
    if (root.empty()) it->second.loose_file = file;
    log(fmt::format("repository {}", key.string()));
  }
  return it->second;
}

void Server::reload(Repository& repo) {
  const auto start = std::chrono::steady_clock::now();
  // The editor's unsaved texts over the disk: the rest comes from the disk
  // and, unchanged, from the fragment and parse caches.
  OverlaySource overlay(disk_);
  for (const auto& [uri, doc] : documents_) overlay.add(doc.path, doc.text);
  LoadOptions options;
  options.path = repo.root.empty() ? repo.loose_file : repo.root;
  options.source = &overlay;
  options.cache = &repo.fragments;
  options.disk_cache = true;
  retired_.push_back(std::move(repo.ws));
  // The server reads one workspace at a time: the one replaced is read no
  // more (completion reads `parsed`, which a patched load replaces too), so
  // its model may become the next one's. load_workspace() made it
  // non-const; only the server's handle is const.
  if (const auto& old = retired_.back();
      old != nullptr && old->loaded && old.use_count() == 1 + (repo.parsed == old ? 1 : 0)) {
    options.reuse = &const_cast<Workspace&>(*old).model;
  }
  repo.ws = load_workspace(options);
  repo.dirty = false;
  if (std::ranges::none_of(repo.ws->diagnostics.items(), [](const Diagnostic& d) { return d.rule == Rule::yaml_syntax; })) {
    repo.parsed = repo.ws;
  }
  log(fmt::format("loaded {} in {:.3f} s ({})", options.path.string(),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                  repo.ws->patched > 0 ? fmt::format("the model patched with {} changed file(s)", repo.ws->patched)
                                       : std::string("the model assembled")));
}

void Server::publish(Repository& repo) {
  const auto start = std::chrono::steady_clock::now();
  const Workspace& ws = *repo.ws;
  const Report report = make_report(ws, validate(ws));
  const double checked = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::map<std::string, json> by_uri;
  // Every own model file and kaava.yaml gets a list, empty when clean, so
  // that fixed findings go away.
  auto file_uri = [&](std::uint32_t f) { return f < ws.files.size() && !ws.files[f].imported ? uri_of(ws, f) : std::string(); };
  for (std::uint32_t f : ws.model_files) {
    if (const std::string uri = file_uri(f); !uri.empty()) by_uri.try_emplace(uri, json::array());
  }
  if (ws.config.file != kNoFile) by_uri.try_emplace(file_uri(ws.config.file), json::array());
  for (const Diagnostic& d : report.diagnostics) {
    std::uint32_t file = d.at.file;
    if (file == kNoFile) file = ws.config.file;
    std::string uri = file_uri(file);
    if (uri.empty()) {
      // A finding with no file of its own: on the loose file, or nowhere to show it.
      if (repo.root.empty()) uri = path_to_uri(repo.loose_file);
      if (uri.empty()) continue;
    }
    const SourceSpan mark = d.mark.valid() ? d.mark : d.at;
    const std::string_view text = file == kNoFile ? std::string_view() : text_of(ws, file);
    json diagnostic = {{"range", mark.valid() ? range_of(ws, text, mark)
                                              : json{{"start", {{"line", 0}, {"character", 0}}},
                                                     {"end", {{"line", 0}, {"character", 0}}}}},
                       {"severity", lsp_severity(d.severity)},
                       {"code", std::string(rule_info(d.rule).id)},
                       {"codeDescription", {{"href", rule_help_uri(rule_info(d.rule))}}},
                       {"source", "kaava"},
                       {"message", d.message}};
    if (!d.element.empty()) diagnostic["data"] = {{"element", d.element}};
    json related = json::array();
    for (const Note& n : d.notes) {
      if (!n.at.valid()) continue;
      const std::string note_uri = file_uri(n.at.file);
      if (note_uri.empty()) continue;
      related.push_back({{"location", {{"uri", note_uri}, {"range", range_of(ws, text_of(ws, n.at.file), n.mark.valid() ? n.mark : n.at)}}},
                         {"message", n.message}});
    }
    if (!related.empty()) diagnostic["relatedInformation"] = std::move(related);
    by_uri[uri].push_back(std::move(diagnostic));
  }
  std::set<std::string> now;
  for (auto& [uri, list] : by_uri) {
    if (list.empty() && !repo.published.contains(uri) && !documents_.contains(uri)) continue;
    json params = {{"uri", uri}, {"diagnostics", std::move(list)}};
    if (const OpenDocument* doc = document(uri); doc != nullptr) params["version"] = doc->version;
    notify("textDocument/publishDiagnostics", params);
    if (!params["diagnostics"].empty()) now.insert(uri);
  }
  // Files gone from the repository (deleted, renamed): their findings too.
  for (const std::string& uri : repo.published) {
    if (!by_uri.contains(uri)) notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
  }
  repo.published = std::move(now);
  retired_.clear();
  log(fmt::format("checked in {:.3f} s, published in {:.3f} s", checked,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() - checked));
}

void Server::validate_dirty() {
  for (auto& [key, repo] : repositories_) {
    if (!repo.dirty) continue;
    reload(repo);
    publish(repo);
  }
}

const Workspace* Server::workspace_for(const std::string& uri) {
  const fs::path path = uri_to_path(uri);
  std::error_code ec;
  // A request about a file that is neither open nor on disk has no answer (and makes no findings).
  if (path.empty() || (!documents_.contains(uri) && !fs::is_regular_file(path, ec))) return nullptr;
  Repository& repo = repository_of(path);
  if (repo.dirty || repo.ws == nullptr) {
    reload(repo);
    publish(repo);
  }
  return repo.ws != nullptr && repo.ws->loaded ? repo.ws.get() : nullptr;
}

const Workspace* Server::parsed_workspace(const std::string& uri) {
  const Workspace* latest = workspace_for(uri);
  if (latest == nullptr) return nullptr;
  const Repository& repo = repository_of(uri_to_path(uri));
  return repo.parsed != nullptr ? repo.parsed.get() : latest;
}

void Server::notify(const std::string& method, const json& params) {
  transport_.write({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
}

void Server::did_open(const json& params) {
  const json& item = params.at("textDocument");
  OpenDocument doc;
  doc.uri = item.at("uri").get<std::string>();
  doc.path = uri_to_path(doc.uri);
  if (doc.path.empty()) {
    log("not a file URI: " + doc.uri);
    return;
  }
  doc.text = item.at("text").get<std::string>();
  doc.version = item.value("version", 0LL);
  repository_of(doc.path).dirty = true;
  documents_[doc.uri] = std::move(doc);
}

void Server::did_change(const json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  auto it = documents_.find(uri);
  if (it == documents_.end()) return;
  OpenDocument& doc = it->second;
  for (const json& change : params.at("contentChanges")) {
    const std::string text = change.at("text").get<std::string>();
    if (!change.contains("range")) {
      doc.text = text;
      continue;
    }
    const json& r = change.at("range");
    const std::size_t begin = offset_of(doc.text, r.at("start").at("line").get<std::uint32_t>(),
                                        r.at("start").at("character").get<std::uint32_t>());
    const std::size_t end = offset_of(doc.text, r.at("end").at("line").get<std::uint32_t>(),
                                      r.at("end").at("character").get<std::uint32_t>());
    doc.text.replace(begin, std::max(begin, end) - begin, text);
  }
  doc.version = params.at("textDocument").value("version", doc.version + 1);
  repository_of(doc.path).dirty = true;
}

void Server::did_save(const json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  auto it = documents_.find(uri);
  if (it == documents_.end()) return;
  if (params.contains("text") && params["text"].is_string()) it->second.text = params["text"].get<std::string>();
  repository_of(it->second.path).dirty = true;
}

void Server::did_close(const json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  auto it = documents_.find(uri);
  if (it == documents_.end()) return;
  // The disk's text counts again.
  repository_of(it->second.path).dirty = true;
  documents_.erase(it);
}

json Server::dispatch(const std::string& method, const json& params) {
  if (method == "textDocument/completion") return completion(*this, params);
  if (method == "textDocument/hover") return hover(*this, params);
  if (method == "textDocument/definition") return definition(*this, params);
  if (method == "textDocument/references") return references(*this, params);
  if (method == "textDocument/prepareRename") return prepare_rename(*this, params);
  if (method == "textDocument/rename") return rename(*this, params);
  if (method == "textDocument/documentSymbol") return document_symbols(*this, params);
  if (method == "workspace/symbol") return workspace_symbols(*this, params);
  if (method == "textDocument/codeAction") return code_actions(*this, params);
  throw RequestError{error_code::method_not_found, "unknown method '" + method + "'"};
}

json initialize_result() {
  return {{"capabilities",
           {{"positionEncoding", "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
            {"completionProvider", {{"triggerCharacters", {":", " ", "[", ",", "-"}}}},
            {"hoverProvider", true},
            {"definitionProvider", true},
            {"referencesProvider", true},
            {"renameProvider", {{"prepareProvider", true}}},
            {"documentSymbolProvider", true},
            {"workspaceSymbolProvider", true},
            {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
          {"serverInfo", {{"name", "kaava"}, {"version", KAAVA_VERSION}}}};
}

void Server::handle(const json& message) {
  if (!message.is_object()) {
    transport_.write({{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", error_code::invalid_request}, {"message", "not a JSON-RPC message"}}}});
    return;
  }
  const bool is_request = message.contains("id");
  const json id = is_request ? message["id"] : json();
  auto reply_error = [&](int code, const std::string& text) {
    if (is_request) transport_.write({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", text}}}});
  };
  if (!message.contains("method") || !message["method"].is_string()) {
    if (is_request && !message.contains("result") && !message.contains("error")) reply_error(error_code::invalid_request, "no method");
    return;  // a response to nothing we asked: ignored
  }
  const std::string method = message["method"].get<std::string>();
  const json params = message.contains("params") ? message["params"] : json::object();
  log(fmt::format("<- {}{}", method, is_request ? fmt::format(" #{}", id.dump()) : ""));
  try {
    if (method == "initialize") {
      initialized_ = true;
      // The folder the editor opened: workspace symbols before any file is.
      if (params.contains("rootUri") && params["rootUri"].is_string()) {
        root_ = uri_to_path(params["rootUri"].get<std::string>());
      } else if (params.contains("rootPath") && params["rootPath"].is_string()) {
        root_ = params["rootPath"].get<std::string>();
      }
      transport_.write({{"jsonrpc", "2.0"}, {"id", id}, {"result", initialize_result()}});
      return;
    }
    if (method == "exit") {
      exited_ = true;
      return;
    }
    if (!initialized_) {
      reply_error(error_code::server_not_initialized, "the server is not initialized yet");
      return;
    }
    if (method == "shutdown") {
      shutdown_ = true;
      transport_.write({{"jsonrpc", "2.0"}, {"id", id}, {"result", nullptr}});
      return;
    }
    if (shutdown_) {
      reply_error(error_code::invalid_request, "the server is shutting down");
      return;
    }
    if (method == "initialized" || method == "$/cancelRequest" || method == "$/setTrace" ||
        method == "workspace/didChangeConfiguration" || method == "workspace/didChangeWatchedFiles") {
      if (method == "workspace/didChangeWatchedFiles") {
        for (auto& [key, repo] : repositories_) repo.dirty = true;
      }
      return;
    }
    if (method == "textDocument/didOpen") return did_open(params);
    if (method == "textDocument/didChange") return did_change(params);
    if (method == "textDocument/didSave") return did_save(params);
    if (method == "textDocument/didClose") return did_close(params);
    if (!is_request) return;  // an unknown notification: ignored, as the protocol says
    json result = dispatch(method, params);
    transport_.write({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  } catch (const RequestError& e) {
    reply_error(e.code, e.message);
  } catch (const json::exception& e) {
    // "[json.exception.out_of_range.403] key 'x' not found": the part after the bracket.
    std::string_view what = e.what();
    if (const std::size_t end = what.find("] "); end != std::string_view::npos) what.remove_prefix(end + 2);
    reply_error(error_code::invalid_params, fmt::format("{}: the parameters are not what the method takes ({})", method, what));
  } catch (const std::exception& e) {
    reply_error(error_code::internal_error, fmt::format("{}: {}", method, e.what()));
  }
}

int Server::run() {
  std::string body, error;
  while (!exited_) {
    // Validate once the edits that came together are all in.
    if (!transport_.waiting()) validate_dirty();
    const ReadStatus status = transport_.read(&body, &error);
    if (status == ReadStatus::closed) {
      log("the client went away");
      return shutdown_ ? 0 : 1;
    }
    if (status == ReadStatus::bad) {
      log("bad frame: " + error);
      transport_.write({{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", error_code::parse_error}, {"message", error}}}});
      continue;
    }
    json message = json::parse(body, nullptr, false);
    if (message.is_discarded()) {
      log("not JSON: " + body.substr(0, 200));
      transport_.write({{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", error_code::parse_error}, {"message", "the message is not JSON"}}}});
      continue;
    }
    handle(message);
  }
  return shutdown_ ? 0 : 1;
}

}  // namespace kaava::lsp
