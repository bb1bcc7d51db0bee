#pragma once
/// Text from the model made safe for the site: HTML text and attributes,
/// URL paths, JavaScript strings, and the safe subset of Markdown that
/// descriptions may use (docs/docs-site.md lists it).

#include <string>
#include <string_view>

namespace kaava::docs {

/// For HTML text and quoted attribute values: & < > " ' escaped.
std::string html(std::string_view text);

/// A relative URL's path segment: every byte outside [A-Za-z0-9._~-]
/// percent-encoded.
std::string url_segment(std::string_view text);

/// A JavaScript (and JSON) string literal, quotes included, safe inside a
/// <script> element: < > & and the line separators are escaped as \uXXXX.
std::string js_string(std::string_view text);

/// A description as HTML: paragraphs (blank lines), lists ("- ", "* ",
/// "1. "), [links](target) whose target is http, https, mailto or relative,
/// *emphasis*, **strong**, `code`. Everything else is text, escaped:
/// markup in the model is shown, never run.
std::string markdown_html(std::string_view text);

/// A description for a Markdown page: the same subset kept, raw HTML
/// (< and >) escaped so that no wiki runs it, and unsafe link targets
/// dropped to their text.
std::string markdown_text(std::string_view text);

/// Whether a link target may be written: http, https, mailto, or a
/// relative path (no other scheme, such as javascript: or data:, nor one
/// spelt with a character reference that a Markdown reader would decode).
bool safe_link_target(std::string_view target);

/// A path for a URL: each '/'-separated segment percent-encoded.
std::string url_path(std::string_view path);

/// Text for a Markdown page: every character that is markup in CommonMark
/// or GitHub/GitLab Markdown (* _ [ ] ` ! $ ~ | # and the backslash) gets a
/// backslash, and < > & become entities, so that names are shown as written.
std::string markdown_escape(std::string_view text);

/// A value for a Markdown template ({{name}}): markdown_escape, with a
/// leading list marker, number or underline escaped too, and line breaks
/// as spaces.
std::string markdown_value(std::string_view text);

/// A link target for a Markdown page: & ( ) < > and spaces encoded.
std::string markdown_url(std::string_view target);

}  // namespace kaava::docs
