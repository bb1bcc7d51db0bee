#include "test_support.h"

#include <algorithm>
#include <fstream>
#include <random>

#include <fmt/format.h>

namespace kaava::test {

std::vector<const Diagnostic*> Run::of(Rule rule) const {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : report.diagnostics) {
    if (d.rule == rule) out.push_back(&d);
  }
  return out;
}

std::string Run::listing() const {
  std::string out;
  for (const Diagnostic& d : report.diagnostics) {
    out += fmt::format("{}:{}:{}: {} [{}]\n", d.at.file == kNoFile ? "-" : ws.files[d.at.file].path, d.at.line,
                       column(d), d.message, rule_info(d.rule).id);
  }
  return out;
}

Run::Run(std::unique_ptr<const Workspace> loaded)
    : owner(std::move(loaded)), ws(*owner), checks(validate(ws)), report(make_report(ws, checks)) {}

Loaded::Loaded(std::unique_ptr<const Workspace> loaded)
    : owner(std::move(loaded)), ws(*owner), ok(ws.loaded), error(ws.error), report(make_report(ws, validate(ws))) {}

std::unique_ptr<Run> validate_files(const std::vector<InMemoryFile>& files, const std::string& config_text) {
  MemorySource memory;
  if (!config_text.empty()) memory.add("kaava.yaml", config_text);
  for (const InMemoryFile& f : files) memory.add(f.path, f.text);
  LoadOptions options;
  options.source = &memory;
  options.threads = 2;
  return std::make_unique<Run>(load_workspace(options));
}

std::unique_ptr<Run> validate_text(const std::string& text, const std::string& config_text) {
  return validate_files({{"model/input.yaml", text}}, config_text);
}

std::size_t Loaded::count(Rule rule) const {
  return static_cast<std::size_t>(
      std::ranges::count_if(report.diagnostics, [&](const Diagnostic& d) { return d.rule == rule; }));
}

std::string Loaded::listing() const {
  std::string out;
  for (const Diagnostic& d : report.diagnostics) {
    out += fmt::format("{}:{}:{}: {} [{}]\n", d.at.file == kNoFile ? "-" : ws.files[d.at.file].path, d.at.line,
                       ws.files.character_column(d.at), d.message, rule_info(d.rule).id);
  }
  return out;
}

std::vector<std::string> Loaded::files() const {
  std::vector<std::string> out;
  for (std::uint32_t id : ws.model_files) out.push_back(ws.files[id].path);
  return out;
}

std::unique_ptr<Loaded> load_path(const std::filesystem::path& path, unsigned threads, const FileSource* source) {
  LoadOptions options;
  options.path = path;
  options.threads = threads;
  options.source = source;
  return std::make_unique<Loaded>(load_workspace(options));
}

std::unique_ptr<Loaded> load_memory(const std::vector<InMemoryFile>& files, const std::string& path) {
  MemorySource memory;
  for (const InMemoryFile& f : files) memory.add(f.path, f.text);
  return load_path(path, 2, &memory);
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() / fmt::format("kaava-test-{:08x}{:08x}", rd(), rd());
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
  std::filesystem::remove_all(path_, ec);
}

void TempDir::write(const std::string& relative, const std::string& text) const {
  const std::filesystem::path p = path_ / relative;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

}  // namespace kaava::test
