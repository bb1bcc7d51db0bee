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

/// missing-translation: a name without a text in one of the languages that
/// kaava.yaml lists. Applies only when kaava.yaml lists them: a repository
/// that says nothing about languages is not asked for translations.
void check_translations(const CheckContext& ctx, Diagnostics& out) {
  if (!ctx.config.languages_written || ctx.config.languages.size() < 2) return;
  const auto elements = ctx.model.elements();
  for (std::uint32_t i = 0; i < elements.size(); ++i) {
    const Element& el = elements[i];
    if (el.name.empty() || ctx.imported(el) || ctx.model.find(el.id) != i) continue;
    const auto lacking = missing(el.name, ctx.config);
    if (lacking.empty()) continue;
    out.report(Rule::missing_translation, el.name.key_at, el.name.at,
               fmt::format("the name of {} has no {} text (kaava.yaml lists {})", ctx.describe(el),
                           fmt::join(lacking, ", "), fmt::join(ctx.config.languages, ", ")),
               el.id);
  }
  for (const View& view : ctx.model.views()) {
    if (view.name.empty() || ctx.files[view.at.file].imported) continue;
    const auto lacking = missing(view.name, ctx.config);
    if (lacking.empty()) continue;
    out.report(Rule::missing_translation, view.name.key_at, view.name.at,
               fmt::format("the name of view '{}' has no {} text (kaava.yaml lists {})", view.id,
                           fmt::join(lacking, ", "), fmt::join(ctx.config.languages, ", ")));
  }
}

}  // namespace kaava
