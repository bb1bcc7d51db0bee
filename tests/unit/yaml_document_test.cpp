#include "catch.h"

#include <string>

#include <fmt/format.h>

#include "yaml/document.h"

using namespace kaava::yaml;

namespace {

struct Parsed {
  std::vector<Document> docs;
  std::vector<Problem> problems;
};

Parsed parse_text(const std::string& text, kaava::yaml::Limits limits = {}) {
  Parsed p;
  p.docs = parse(text, limits, p.problems);
  return p;
}

}  // namespace

TEST_CASE("scalars keep 1-based positions and their quoting", "[yaml]") {
  auto p = parse_text("a: 1\nb:\n  - \"two\"\n  - three\n");
  REQUIRE(p.problems.empty());
  REQUIRE(p.docs.size() == 1);
  const Document& d = p.docs[0];
  NodeId b = 0;
  REQUIRE(d.find(d.root(), "b", &b));
  REQUIRE(d.is_sequence(b));
  const auto items = d.items(b);
  REQUIRE(items.size() == 2);
  CHECK(d.scalar(items[0]) == "two");
  CHECK_FALSE(d[items[0]].plain);
  CHECK(d[items[0]].line == 3);
  CHECK(d[items[0]].column == 5);
  CHECK(d[items[1]].plain);
  CHECK(d.span(items[1], 7).file == 7);
}

TEST_CASE("duplicate keys are reported and the first is kept", "[yaml]") {
  auto p = parse_text("dup: 1\nother: 2\ndup: 3\n");
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0].line == 3);
  CHECK(p.problems[0].column == 1);
  CHECK(p.problems[0].message == "duplicate key 'dup' (first at line 1); this one is ignored");
  CHECK_FALSE(p.problems[0].fatal);
  const Document& d = p.docs[0];
  CHECK(d.pairs(d.root()).size() == 2);
  NodeId v = 0;
  REQUIRE(d.find(d.root(), "dup", &v));
  CHECK(d.scalar(v) == "1");
}

TEST_CASE("merge keys merge, and explicit keys win", "[yaml]") {
  auto p = parse_text("base: &b { x: 1, y: 2 }\nuse:\n  <<: *b\n  y: 3\n");
  REQUIRE(p.problems.empty());
  const Document& d = p.docs[0];
  NodeId use = 0, x = 0, y = 0;
  REQUIRE(d.find(d.root(), "use", &use));
  REQUIRE(d.find(use, "x", &x));
  REQUIRE(d.find(use, "y", &y));
  CHECK(d.scalar(x) == "1");
  CHECK(d.scalar(y) == "3");
  CHECK_FALSE(d.find(use, "<<", &x));
}

TEST_CASE("aliases share their anchor's node", "[yaml]") {
  auto p = parse_text("a: &x [1, 2]\nb: *x\n");
  REQUIRE(p.problems.empty());
  const Document& d = p.docs[0];
  NodeId a = 0, b = 0;
  REQUIRE(d.find(d.root(), "a", &a));
  REQUIRE(d.find(d.root(), "b", &b));
  CHECK(a == b);
}

TEST_CASE("an alias cycle is refused, not followed", "[yaml]") {
  auto p = parse_text("a: &a [*a]\n");
  REQUIRE(p.problems.size() == 1);
  CHECK_FALSE(p.problems[0].fatal);
  CHECK(p.problems[0].message.find("contains it") != std::string::npos);
  const Document& d = p.docs[0];
  NodeId a = 0;
  REQUIRE(d.find(d.root(), "a", &a));
  REQUIRE(d.items(a).size() == 1);
  CHECK(d.is_null(d.items(a)[0]));
}

TEST_CASE("an alias bomb is stopped early", "[yaml]") {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    text += fmt::format("a{0}: &a{0} [", i);
    for (int k = 0; k < 10; ++k) text += fmt::format("{}*a{}", k ? ", " : "", i - 1);
    text += "]\n";
  }
  auto p = parse_text(text);
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0].fatal);
  CHECK(p.problems[0].message.find("alias bomb") != std::string::npos);
  CHECK(p.docs.empty());
}

TEST_CASE("nesting depth is bounded", "[yaml]") {
  kaava::yaml::Limits limits;
  limits.max_depth = 20;
  auto p = parse_text(std::string(30, '[') + std::string(30, ']') + "\n", limits);
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0].fatal);
  CHECK(p.problems[0].column == 21);
  auto ok = parse_text(std::string(19, '[') + std::string(19, ']') + "\n", limits);
  CHECK(ok.problems.empty());
}

TEST_CASE("syntax errors carry a position and a readable message", "[yaml]") {
  auto p = parse_text("a: [1, 2\nb: 3\n");
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0].fatal);
  CHECK(p.problems[0].message == "a '[' list is not closed with ']'");
  auto tab = parse_text("a:\n\t- 1\n");
  REQUIRE(tab.problems.size() == 1);
  CHECK(tab.problems[0].line == 2);
  CHECK(tab.problems[0].column == 1);
  CHECK(tab.problems[0].message == "a tab in the indentation (YAML indents with spaces only)");
}

TEST_CASE("empty files, comments only and several documents", "[yaml]") {
  CHECK(parse_text("").docs.empty());
  CHECK(parse_text("# only a comment\n").docs.empty());
  auto multi = parse_text("a: 1\n---\nb: 2\n");
  CHECK(multi.docs.size() == 2);
  CHECK(multi.problems.empty());
}

TEST_CASE("duplicate keys in a large mapping", "[yaml]") {
  std::string text;
  for (int i = 0; i < 30; ++i) text += fmt::format("k{}: {}\n", i % 20, i);
  auto p = parse_text(text);
  CHECK(p.problems.size() == 10);
  CHECK(p.docs[0].pairs(p.docs[0].root()).size() == 20);
  NodeId v = 0;
  REQUIRE(p.docs[0].find(p.docs[0].root(), "k3", &v));
  CHECK(p.docs[0].scalar(v) == "3");
}
