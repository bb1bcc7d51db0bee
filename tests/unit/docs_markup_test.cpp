#include "catch.h"

#include "docs/markup.h"
#include "docs/templates.h"

using namespace kaava::docs;

TEST_CASE("model text is escaped for HTML, URLs and JavaScript", "[docs]") {
  CHECK(html("<b class=\"x\">'&'</b>") == "&lt;b class=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;");
  CHECK(url_segment("a b/ä") == "a%20b%2F%C3%A4");
  CHECK(js_string("</script>\"\\\n") == "\"\\u003c/script\\u003e\\\"\\\\\\n\"");
  CHECK(js_string("a\xE2\x80\xA8z") == "\"a\\u2028z\"");
  CHECK(markdown_escape("*a* [b] <c> |") == "\\*a\\* \\[b\\] &lt;c&gt; \\|");
  // Entities, images, maths, strike-through and footnotes stay text too.
  CHECK(markdown_escape("AT&T &copy; ![x] $y$ ~~z~~ [^1]") ==
        "AT&amp;T &amp;copy; \\!\\[x\\] \\$y\\$ \\~\\~z\\~\\~ \\[^1\\]");
  // A value that would start a list or a numbered item where it begins a line.
  CHECK(markdown_value("1. vaihe") == "1\\. vaihe");
  CHECK(markdown_value("- ei lista\nrivi") == "\\- ei lista rivi");
  CHECK(url_path("model/my apps (v2).yaml") == "model/my%20apps%20%28v2%29.yaml");
}

TEST_CASE("link targets: http, https, mailto and relative only", "[docs]") {
  CHECK(safe_link_target("https://example.org/a"));
  CHECK(safe_link_target("mailto:a@example.org"));
  CHECK(safe_link_target("../ohje.html#kohta"));
  CHECK(safe_link_target("ohje.html"));
  CHECK_FALSE(safe_link_target("javascript:alert(1)"));
  CHECK_FALSE(safe_link_target("JavaScript:alert(1)"));
  CHECK_FALSE(safe_link_target("data:text/html,x"));
  CHECK_FALSE(safe_link_target("//evil.example/x"));
  CHECK_FALSE(safe_link_target(""));
  // A scheme spelt with character references, which a Markdown reader decodes.
  CHECK_FALSE(safe_link_target("jav&#x61;script:alert(1)"));
  CHECK_FALSE(safe_link_target("javascript&colon;alert(1)"));
  CHECK_FALSE(safe_link_target("java\\script:x"));
  CHECK(safe_link_target("https://example.org/x?a=1&b=2"));
}

TEST_CASE("descriptions: the safe Markdown subset, the rest as text", "[docs]") {
  CHECK(markdown_html("Yksi *kaksi* **kolme** `nelja`") ==
        "<p>Yksi <em>kaksi</em> <strong>kolme</strong> <code>nelja</code></p>");
  CHECK(markdown_html("a\nb\n\nc") == "<p>a b</p><p>c</p>");
  CHECK(markdown_html("- yksi\n  jatkuu\n- kaksi\n\n1. a\n2. b") ==
        "<ul><li>yksi jatkuu</li><li>kaksi</li></ul><ol><li>a</li><li>b</li></ol>");
  CHECK(markdown_html("[ohje](https://example.org/x?a=1&b=2)") ==
        "<p><a href=\"https://example.org/x?a=1&amp;b=2\">ohje</a></p>");
  // An unsafe target keeps its text and loses its link, parentheses and all.
  CHECK(markdown_html("[huono](javascript:alert(1)) loppu") == "<p>huono loppu</p>");
  CHECK(markdown_html("<script>alert('x')</script>") == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>");
  CHECK(markdown_html("[<img src=x onerror=y>](ok.html)") ==
        "<p><a href=\"ok.html\">&lt;img src=x onerror=y&gt;</a></p>");
  CHECK(markdown_html("2 * 3 * 4 and snake_case_id, _tama_") == "<p>2 * 3 * 4 and snake_case_id, <em>tama</em></p>");
  CHECK(markdown_text("Teksti <b>x</b>\n\n- [ohje](javascript:x) ja [hyvä](a.md)") ==
        "Teksti &lt;b&gt;x&lt;/b&gt;\n\n- ohje ja [hyvä](a.md)");
  // No image from a link, no reference link, no entity-spelt scheme; code spans are literal.
  CHECK(markdown_text("![kuva](https://evil.example/x.png) [r][1]\n\n[1]: javascript:alert(1)") ==
        "\\![kuva](https://evil.example/x.png) \\[r\\]\\[1\\]\n\n\\[1\\]: javascript:alert(1)");
  CHECK(markdown_text("[c](jav&#x61;script:alert(1)) `<b>`") == "c `<b>`");
  CHECK(markdown_text("[q](https://e.org/?a=1&b=(2))") == "[q](https://e.org/?a=1&amp;b=%282%29)");
}

TEST_CASE("web addresses in descriptions are links, their characters the address's", "[docs]") {
  CHECK(markdown_text("Katso https://wiki.example.fi/Opiskelija_hallinto.") ==
        "Katso <https://wiki.example.fi/Opiskelija_hallinto>.");
  CHECK(markdown_text("(ks. <https://e.fi/x_y>)") == "(ks. <https://e.fi/x_y>)");
  CHECK(markdown_html("Katso https://e.fi/a_b?c=1&d=2, ja (https://e.fi/x).") ==
        "<p>Katso <a href=\"https://e.fi/a_b?c=1&amp;d=2\">https://e.fi/a_b?c=1&amp;d=2</a>, ja "
        "(<a href=\"https://e.fi/x\">https://e.fi/x</a>).</p>");
  // Not inside a link's text; not an address with a character reference; not in the middle of a word.
  CHECK(markdown_html("[https://e.fi](https://e.fi)") == "<p><a href=\"https://e.fi\">https://e.fi</a></p>");
  CHECK(markdown_text("https://e.fi/&#x6A;x") == "https://e.fi/&amp;\\#x6A;x");
  CHECK(markdown_text("xhttps://e.fi") == "xhttps://e.fi");
}

TEST_CASE("descriptions on a Markdown page stay text: no headings, quotes or rules of their own", "[docs]") {
  CHECK(markdown_text("# Ei otsikko\n\n> ei lainaus") == "\\# Ei otsikko\n\n&gt; ei lainaus");
  // A line under a paragraph would make it a heading (setext): the paragraph is one line.
  CHECK(markdown_text("Otsikko?\n---") == "Otsikko? ---");
  CHECK(markdown_text("***") == "\\*\\*\\*");
  CHECK(markdown_text("___") == "\\_\\_\\_");
  CHECK(markdown_text("1) ei lista") == "1\\) ei lista");
  // An ordered list keeps its first number.
  CHECK(markdown_text("2024. vuosi\n2025. seuraava") == "2024. vuosi\n2025. seuraava");
  CHECK(markdown_html("3. c\n4. d") == "<ol start=\"3\"><li>c</li><li>d</li></ol>");
  CHECK(markdown_text("- # kohta") == "- \\# kohta");
  CHECK(markdown_text("**Vahva** alku") == "**Vahva** alku");
}
