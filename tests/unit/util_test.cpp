#include "catch.h"

#include "model/model.h"
#include "report/text.h"
#include "test_support.h"
#include "util/edit_distance.h"
#include "util/output_folder.h"
#include "util/text.h"

using namespace kaava;

TEST_CASE("edit distance", "[util]") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("ab", "ba") == 1);        // a transposition
  CHECK(edit_distance("abcdef", "x", 2) == 3);  // stops early
}

TEST_CASE("did-you-mean", "[util]") {
  const std::string_view candidates[] = {"application-component", "application-service", "capability"};
  CHECK(closest_match("aplication-component", candidates) == "application-component");
  CHECK(closest_match("ApplicationService", candidates) == "application-service");
  CHECK(closest_match("capabilty", candidates) == "capability");
  CHECK(closest_match("xyz", candidates).empty());
  CHECK(did_you_mean("capabilty", candidates) == " (did you mean 'capability'?)");
  CHECK(did_you_mean("zzz", candidates).empty());
  // A word cut short suggests the one candidate it begins, not one of several.
  const std::string_view severities[] = {"error", "warning", "info", "off"};
  CHECK(closest_match("warn", severities) == "warning");
  CHECK(closest_match("applic", candidates).empty());
  CHECK(closest_match("capab", candidates) == "capability");
  // Another form of the same word: the one candidate sharing its stem.
  const std::string_view keys[] = {"to", "directed", "access", "strength"};
  CHECK(closest_match("direction", keys) == "directed");
  CHECK(closest_match("accessing", keys) == "access");
  const std::string_view two[] = {"directed", "directory"};
  CHECK(closest_match("direction", two).empty());
}

TEST_CASE("UTF-8 validation and character columns", "[util]") {
  CHECK(find_invalid_utf8("plain ascii") == std::string_view::npos);
  CHECK(find_invalid_utf8("Opiskelijahallintojärjestelmä") == std::string_view::npos);
  CHECK(find_invalid_utf8("ab\xff") == 2);
  CHECK(find_invalid_utf8("\xc3") == 0);            // truncated
  CHECK(find_invalid_utf8("\xc0\xaf") == 0);        // overlong
  CHECK(find_invalid_utf8("\xed\xa0\x80") == 0);    // surrogate
  CHECK(character_column("name: äö x", 12) == 10);  // two 2-byte letters before
  CHECK(character_column("abc", 2) == 2);
}

TEST_CASE("JSON escaping", "[util]") {
  CHECK(json_escape("a\"b\\c\n\x01") == "a\\\"b\\\\c\\n\\u0001");
  CHECK(json_escape("ä") == "ä");
}

TEST_CASE("the token under a caret", "[util]") {
  CHECK(token_length("    type: aplication-component", 11) == 20);
  CHECK(token_length("    serves: [a.b, c]", 14) == 3);
  CHECK(token_length("    name: \"quoted, with: colon\" # c", 11) == 21);
  CHECK(token_length("    nme: x", 5) == 3);
  CHECK(token_length("    name: Foo, Bar # comment", 11) == 8);
}

TEST_CASE("names folded for comparison", "[util]") {
  CHECK(fold_for_comparison("Oppimisympäristö") == "oppimisymparisto");
  CHECK(fold_for_comparison("  Åbo  Akademi -- ÉCOLE ") == "abo akademi ecole");
  CHECK(fold_for_comparison("Straße") == "strasse");
  CHECK(fold_for_comparison("KOSKI") == fold_for_comparison("koski"));
  CHECK(fold_for_comparison("日本") == "日本");
}

TEST_CASE("an id made from text: ASCII, transliterated", "[util]") {
  CHECK(ascii_id("app.työpaikka") == "app.tyopaikka");
  CHECK(ascii_id("Åbo Akademi") == "abo-akademi");
  CHECK(ascii_id("cap.Ohjaus & HOKS") == "cap.ohjaus-hoks");
  CHECK(ascii_id(".piilo") == "piilo");
  CHECK(ascii_id("日本") == "");
  CHECK(is_valid_id(ascii_id("Straße 5 -")));
}

TEST_CASE("join_some keeps a long list to one line", "[util]") {
  const std::vector<std::string> few = {"a.svg", "b.svg"};
  CHECK(join_some(few) == "a.svg, b.svg");
  std::vector<std::string> many;
  for (int i = 0; i < 8; ++i) many.push_back(std::to_string(i));
  CHECK(join_some(many) == "0, 1, 2, 3, 4 and 3 more");
  CHECK(join_some(many, 8) == "0, 1, 2, 3, 4, 5, 6, 7");
  CHECK(join_some({}).empty());
}

TEST_CASE("names sort as their language sorts them", "[util]") {
  // Finnish and Swedish: å, ä, ö after z; English: as their base letters.
  CHECK(fold_for_sorting("Zürich", "fi") < fold_for_sorting("Åbo", "fi"));
  CHECK(fold_for_sorting("Åbo", "sv") < fold_for_sorting("Ähtäri", "sv"));
  CHECK(fold_for_sorting("Ähtäri", "fi") < fold_for_sorting("Öljy", "fi"));
  CHECK(fold_for_sorting("Oulu", "fi") < fold_for_sorting("Öljy", "fi"));
  CHECK(fold_for_sorting("Äänekoski", "en") < fold_for_sorting("Betoni", "en"));
  CHECK(fold_for_sorting("Äänekoski", "fi") > fold_for_sorting("Betoni", "fi"));
  CHECK(fold_for_sorting("Työ ja  Elämä", "fi") == "ty} ja el|m|");
  CHECK(fold_for_sorting("Työ ja  Elämä", "en") == fold_for_comparison("Työ ja  Elämä"));
}

TEST_CASE("an output folder is never left through a symbolic link", "[util]") {
  namespace fs = std::filesystem;
  test::TempDir tmp;
  tmp.write("outside/victim.txt", "keep");
  tmp.write("out/.git/config", "keep");
  // An earlier run's list, planted: a file reached through a link, and one in .git.
  tmp.write("out/.kaava-output", "header\ndocs\tlnk/victim.txt\ndocs\t.git/config\ndocs\told.md\n");
  tmp.write("out/old.md", "stale");
  fs::create_directory_symlink(tmp.path() / "outside", tmp.path() / "out" / "lnk");
  OutputFolder folder;
  std::string error;
  REQUIRE(folder.open(tmp.path() / "out", "docs", OutputFolder::Use::own, true, &error));
  CHECK_FALSE(folder.write("lnk/new.md", "x", &error));
  CHECK(error.find("is a symbolic link") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp.path() / "outside" / "new.md"));
  CHECK_FALSE(folder.write(".git/hooks/pre-commit", "x", &error));
  REQUIRE(folder.write("index.md", "x", &error));
  std::vector<std::string> removed;
  REQUIRE(folder.finish("*", &removed, &error));
  CHECK(removed == std::vector<std::string>{"old.md"});
  CHECK(fs::exists(tmp.path() / "outside" / "victim.txt"));
  CHECK(fs::exists(tmp.path() / "out" / ".git" / "config"));
}
