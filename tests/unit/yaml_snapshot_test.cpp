#include "catch.h"

#include <string>
#include <vector>

#include "resources/embedded.h"
#include "yaml/document.h"

using namespace kaava::yaml;

namespace {

/// The same tree: kinds, positions, quoting, scalars and structure.
void require_same(const Document& a, NodeId x, const Document& b, NodeId y) {
  REQUIRE(a.kind(x) == b.kind(y));
  REQUIRE(a[x].line == b[y].line);
  REQUIRE(a[x].column == b[y].column);
  REQUIRE(a[x].plain == b[y].plain);
  REQUIRE(a.scalar(x) == b.scalar(y));
  const auto ia = a.items(x), ib = b.items(y);
  REQUIRE(ia.size() == ib.size());
  for (std::size_t i = 0; i < ia.size(); ++i) require_same(a, ia[i], b, ib[i]);
  REQUIRE(a.pairs(x).size() == b.pairs(y).size());
  auto pb = b.pairs(y).begin();
  for (const auto [k, v] : a.pairs(x)) {
    require_same(a, k, b, (*pb).first);
    require_same(a, v, b, (*pb).second);
    ++pb;
  }
}

std::vector<Document> parse_ok(const std::string& text) {
  std::vector<Problem> problems;
  std::vector<Document> docs = parse(text, kaava::yaml::Limits(), problems);
  REQUIRE(problems.empty());
  return docs;
}

}  // namespace

TEST_CASE("a snapshot loads back into the same documents", "[yaml][snapshot]") {
  const std::string text =
      "a: &x { b: [1, 'two', \"three\"] }\nc: *x\nd: ~\ne: |\n  block\n  text\n---\n- just\n- { a: list }\n";
  const std::vector<Document> docs = parse_ok(text);
  REQUIRE(docs.size() == 2);
  const std::string bytes = save_snapshot(docs);
  std::vector<Document> loaded;
  REQUIRE(load_snapshot(bytes, &loaded));
  REQUIRE(loaded.size() == 2);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    REQUIRE(loaded[i].node_count() == docs[i].node_count());
    require_same(docs[i], docs[i].root(), loaded[i], loaded[i].root());
  }
  REQUIRE(save_snapshot(loaded) == bytes);  // and saves again to the same bytes
}

TEST_CASE("a damaged snapshot is refused, never read past its end", "[yaml][snapshot]") {
  const std::string bytes = save_snapshot(parse_ok("a: [1, 2, {b: c}]\nd: text\n"));
  std::vector<Document> loaded;
  REQUIRE(!load_snapshot("", &loaded));
  REQUIRE(!load_snapshot("not a snapshot", &loaded));
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {  // every truncation
    REQUIRE(!load_snapshot(std::string_view(bytes).substr(0, cut), &loaded));
    REQUIRE(loaded.empty());
  }
  REQUIRE(!load_snapshot(bytes + "x", &loaded));  // trailing bytes
  // Every single flipped byte either loads a consistent tree or is refused.
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
    if (load_snapshot(damaged, &loaded)) {
      for (const Document& d : loaded) REQUIRE(d.root() < d.node_count());
    }
  }
}

TEST_CASE("parse_or_load parses when there is no usable snapshot", "[yaml][snapshot]") {
  std::vector<Problem> problems;
  std::vector<Document> docs = parse_or_load("a: 1\n", "broken", kaava::yaml::Limits(), problems);
  REQUIRE(problems.empty());
  REQUIRE(docs.size() == 1);
  REQUIRE(docs[0].is_mapping(docs[0].root()));
}

TEST_CASE("every embedded YAML file has a build-time snapshot equal to parsing it", "[yaml][snapshot]") {
  std::size_t checked = 0;
  for (const kaava::resources::Resource& r : kaava::resources::all()) {
    if (!r.path.starts_with("models/") || !r.path.ends_with(".yaml")) continue;
    INFO(std::string(r.path));
    const std::string_view bytes = kaava::resources::snapshot(r.path);
    REQUIRE(!bytes.empty());
    std::vector<Document> loaded;
    REQUIRE(load_snapshot(bytes, &loaded));
    REQUIRE(save_snapshot(parse_ok(std::string(r.data))) == bytes);
    ++checked;
  }
  REQUIRE(checked >= 5);
  REQUIRE(kaava::resources::snapshot("models/no-such-file.yaml").empty());
  REQUIRE(kaava::resources::snapshot("templates/init/kaava.yaml").empty());
}
