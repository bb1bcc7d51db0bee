#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/source_options.h"
#include "load/config.h"
#include "load/languages.h"
#include "load/workspace.h"
#include "metamodel/describe.h"
#include "metamodel/metamodel_loader.h"
#include "report/text.h"
#include "source/disk_source.h"
#include "util/edit_distance.h"

namespace kaava::cli {

namespace {

struct MetamodelOptions {
  std::string type;
  std::string metamodel;
  std::string language;
  std::string format = "text";
};

/// What else `name` is in the metamodel ("a relationship type (verb flows-to)"), or "".
std::string other_kind(const Metamodel& mm, std::string_view name) {
  if (mm.find_property(name) >= 0) return "a property";
  if (mm.find_layer(name) >= 0) return "a layer";
  return {};
}

int run_metamodel(const MetamodelOptions& opt) {
  // Without --metamodel, the repository's own (from kaava.yaml), else vet.
  SourceFiles files;
  Diagnostics diagnostics;
  Config config;
  std::string name = opt.metamodel;
  std::filesystem::path base = ".";
  if (name.empty()) {
    if (const std::filesystem::path root = read_config_here(files, diagnostics, config); !root.empty()) base = root;
    name = config.metamodel;
  }
  Metamodel mm;
  std::string error;
  if (!load_metamodel(disk_files(), name, base, files, diagnostics, mm, &error)) {
    std::string out;
    write_text(out, diagnostics.items(), files, {use_color("auto"), true});
    out += fmt::format("kaava metamodel: error: {}\n", error);
    std::fputs(out.c_str(), stderr);
    return kExitUsage;
  }
  if (!opt.language.empty()) {
    const std::span<const std::string> own =
        config.file != kNoFile ? std::span<const std::string>(config.languages) : std::span<const std::string>();
    if (const std::string why = unusable_language(opt.language, own); !why.empty()) {
      std::fputs(fmt::format("kaava metamodel: error: --lang: {}\n", why).c_str(), stderr);
      return kExitUsage;
    }
  }
  const std::string language = opt.language.empty() ? config.languages.front() : opt.language;
  std::string out;
  if (opt.type.empty()) {
    out = opt.format == "json" ? metamodel_json(mm) : metamodel_text(mm, language);
  } else {
    TypeIndex type = mm.find_type(opt.type);
    // A type's label in any language (sovelluskomponentti) names it too.
    if (type == kNoType && mm.find_viewpoint(opt.type) < 0) type = mm.find_type_by_label(opt.type);
    const std::int32_t viewpoint = mm.find_viewpoint(opt.type);
    RelationshipIndex relationship = mm.find_relationship(opt.type);
    if (relationship == kNoRelationship) relationship = mm.find_verb(opt.type);
    if (type != kNoType) {
      out = opt.format == "json" ? type_json(mm, type) : type_text(mm, type, language);
    } else if (viewpoint >= 0) {
      const auto v = static_cast<std::size_t>(viewpoint);
      out = opt.format == "json" ? viewpoint_json(mm, v) : viewpoint_text(mm, v, language);
    } else if (relationship != kNoRelationship) {
      out = opt.format == "json" ? relationship_json(mm, relationship) : relationship_text(mm, relationship, language);
    } else if (const std::string what = other_kind(mm, opt.type); !what.empty()) {
      std::fputs(fmt::format("kaava metamodel: error: '{}' is {}, not a type or a viewpoint; 'kaava "
                             "metamodel' lists it with the others\n",
                             opt.type, what)
                     .c_str(),
                 stderr);
      return kExitUsage;
    } else {
      std::vector<std::string_view> names = mm.type_ids();
      for (const Viewpoint& vp : mm.viewpoints) names.push_back(vp.id);
      for (const RelationshipType& rt : mm.relationship_types) names.push_back(rt.id);
      std::fputs(fmt::format("kaava metamodel: error: '{}' is no element type, relationship type or viewpoint{}\n",
                             opt.type, did_you_mean(opt.type, names))
                     .c_str(),
                 stderr);
      return kExitUsage;
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void setup_metamodel(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<MetamodelOptions>();
  CLI::App* cmd = app.add_subcommand("metamodel", "List the metamodel's types and viewpoints, or show one of them");
  cmd->add_option("type", opt->type,
                  "An element type (application-component), a relationship type or verb (flow, sends-to) or a "
                  "viewpoint (capability-map)")
      ->type_name("NAME");
  cmd->add_option("--metamodel", opt->metamodel,
                  "A built-in metamodel (vet, archimate) or a file; default: the repository's")
      ->type_name("NAME|FILE");
  cmd->add_option("--lang", opt->language, "Language of labels (fi, sv, en, or one of the repository's)")
      ->type_name("LANG");
  cmd->add_option("--format", opt->format, "Output format")->check(one_of({"text", "json"}))->capture_default_str();
  cmd->footer(
      "Examples:\n"
      "  kaava metamodel\n"
      "  kaava metamodel capability --lang fi\n"
      "  kaava metamodel national-service --format json");
  cmd->callback([opt, &exit_code] { exit_code = run_metamodel(*opt); });
}

}  // namespace kaava::cli
