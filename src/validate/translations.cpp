#include <algorithm>

#include <fmt/format.h>

#include "validate/check.h"

namespace kaava {

namespace {

/// The configured languages that `text` lacks; a plain text counts as the
/// default language.
std::vector<std::string_view> missing(const LocalizedText& text, const Config& config) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < config.languages.size(); ++i) {
    const std::string& lang = config.languages[i];
    const bool present =
        std::ranges::any_of(text.texts, [&](const auto& t) { return t.first == lang || (t.first.empty() && i == 0); });
    if (!present) out.push_back(lang);
  }
  return out;
}

}  // namespace

/// missing-translation: a name or a description without a text in one of
/// the languages that kaava.yaml lists, of an element, a relationship, a
/// view or the model itself (kaava.yaml's description). Applies only when
/// kaava.yaml lists them: a repository that says nothing about languages is
/// not asked for translations.
void check_translations(const CheckContext& ctx, Diagnostics& out) {
  if (!ctx.config.languages_written || ctx.config.languages.size() < 2) return;
  // `what` names the owner for the message: called only for a finding.
  auto check = [&](const LocalizedText& text, std::string_view field, const auto& what, std::string_view id) {
    if (text.empty()) return;
    const auto lacking = missing(text, ctx.config);
    if (lacking.empty()) return;
    out.report(Rule::missing_translation, text.key_at, text.at,
               fmt::format("the {} of {} has no {} text (kaava.yaml lists {})", field, what(), fmt::join(lacking, ", "),
                           fmt::join(ctx.config.languages, ", ")),
               id);
  };
  check(ctx.config.description, "description", [] { return std::string("the model (kaava.yaml)"); }, {});
  const auto elements = ctx.model.elements();
  for (std::uint32_t i = 0; i < elements.size(); ++i) {
    const Element& el = elements[i];
    if (ctx.imported(el) || ctx.model.first_with_id(i) != i) continue;
    if (el.name.empty() && el.description.empty()) continue;
    const auto what = [&] { return ctx.describe(el); };
    check(el.name, "name", what, el.id);
    check(el.description, "description", what, el.id);
  }
  for (const Relationship& rel : ctx.model.relationships()) {
    if (rel.type == kNoRelationship || ctx.files[rel.at.file].imported) continue;
    if (rel.name.empty() && rel.description.empty()) continue;
    const auto what = [&] { return ctx.describe(rel); };
    check(rel.name, "name", what, rel.source.id);
    check(rel.description, "description", what, rel.source.id);
  }
  for (const View& view : ctx.model.views()) {
    if (ctx.files[view.at.file].imported) continue;
    const auto what = [&] { return fmt::format("view '{}'", view.id); };
    check(view.name, "name", what, view.id);
    check(view.description, "description", what, view.id);
  }
}

}  // namespace kaava
