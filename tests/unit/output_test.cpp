#include "catch.h"

#include "report/json.h"
#include "report/text.h"
#include "test_support.h"

using namespace kaava;
using kaava::test::validate_text;

TEST_CASE("text output is file:line:col: severity: message [rule], an excerpt and a caret", "[output]") {
  auto run = validate_text(R"(elements:
  - id: sis
    type: aplication-component
    name: { fi: Opiskelijahallintojärjestelmä }
    description: Kärki
)");
  std::string out;
  write_text(out, run->report.diagnostics, run->ws.files, {false, true});
  // An element of unknown type is not checked further (orphan, properties).
  CHECK(
      out ==
      R"(model/input.yaml:3:5: error: unknown element type 'aplication-component' (did you mean 'application-component'?); its relationships are checked as if it were application-component [unknown-type]
    3 |     type: aplication-component
      |           ^~~~~~~~~~~~~~~~~~~~
)");
}

TEST_CASE("carets count characters, not bytes", "[output]") {
  auto run = validate_text("elements:\n  - { id: ä, type: goal, name: Ö }\n");
  std::string out;
  write_text(out, run->report.diagnostics, run->ws.files, {false, true});
  CHECK(out.find("model/input.yaml:2:7: error: invalid id 'ä'") != std::string::npos);
  CHECK(out.find("    2 |   - { id: ä, type: goal, name: Ö }\n      |           ^\n") != std::string::npos);
}

TEST_CASE("notes point at the second place", "[output]") {
  auto run = validate_text(
      "elements:\n  - { id: x, type: goal, name: A, description: d, influences: y }\n"
      "  - { id: x, type: goal, name: B, description: d }\n"
      "  - { id: y, type: goal, name: C, description: d }\n");
  std::string out;
  write_text(out, run->report.diagnostics, run->ws.files, {false, true});
  CHECK(out ==
        R"(model/input.yaml:3:7: error: duplicate element id 'x' (first defined at model/input.yaml:2:7) [duplicate-id]
    3 |   - { id: x, type: goal, name: B, description: d }
      |           ^
model/input.yaml:2:7: note: first defined here
    2 |   - { id: x, type: goal, name: A, description: d, influences: y }
      |           ^
)");
}

TEST_CASE("colour only when asked for", "[output]") {
  auto run = validate_text("elements:\n  - { id: x, type: nope, name: A }\n");
  std::string plain, coloured;
  write_text(plain, run->report.diagnostics, run->ws.files, {false, true});
  write_text(coloured, run->report.diagnostics, run->ws.files, {true, true});
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(coloured.find("\x1b[1;31merror:") != std::string::npos);
}

TEST_CASE("JSON output follows the contract", "[output]") {
  auto run = validate_text("elements:\n  - id: sis\n    type: aplication-component\n    name: \"Quote \\\" and ä\"\n");
  std::string out;
  write_json(out, run->report.diagnostics, run->report.summary, run->ws.files);
  CHECK(out == R"json({"diagnostics":[
{"rule":"missing-description","severity":"info","message":"'sis' has no description","file":"model/input.yaml","line":2,"column":5,"element":"sis"},
{"rule":"unknown-type","severity":"error","message":"unknown element type 'aplication-component' (did you mean 'application-component'?); its relationships are checked as if it were application-component","file":"model/input.yaml","line":3,"column":5,"element":"sis"}
],"summary":{"errors":1,"warnings":0,"infos":1}}
)json");
  std::string empty;
  write_json(empty, {}, Summary{}, run->ws.files);
  CHECK(empty == "{\"diagnostics\":[],\"summary\":{\"errors\":0,\"warnings\":0,\"infos\":0}}\n");
}

TEST_CASE("the excerpt shows the line the header names", "[output]") {
  // A block `name:` has its texts on the lines below; the finding is at
  // the key, and so is the excerpt.
  auto run = validate_text(
      "elements:\n  - id: x\n    type: goal\n    name:\n      fi: Tavoite\n    description: { fi: d, sv: d }\n",
      "kaava: 1\nlanguages: [fi, sv]\nrules: { orphan-element: off }\n");
  std::string out;
  write_text(out, run->report.diagnostics, run->ws.files, {false, true});
  CHECK(
      out ==
      R"(model/input.yaml:4:5: warning: the name of goal 'x' has no sv text (kaava.yaml lists fi, sv) [missing-translation]
    4 |     name:
      |     ^~~~
)");
}
