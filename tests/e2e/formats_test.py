#!/usr/bin/env python3
"""Checks of the CI report formats that need more than one run or an
external validator.

usage: formats_test.py KAAVA SOURCE_DIR CASE
Exit 77 means skipped (a reference file is not there).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

KAAVA, SOURCE, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
FIXTURES = os.path.join(SOURCE, "tests", "fixtures")
FORMATS = ["text", "json", "sarif", "junit", "github", "gitlab", "markdown"]


def run(*args, cwd=SOURCE):
    env = dict(os.environ)
    env["NO_COLOR"] = "1"
    p = subprocess.run([KAAVA, *args], cwd=cwd, env=env, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def sarif_schema():
    schema_path = os.path.join(SOURCE, "tests", "schemas", "sarif-schema-2.1.0.json")
    import jsonschema
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    # Findings of many rules; a warning only; a kaava.yaml that stops the
    # run; a folder of repositories (findings without a file).
    for fixture in ["every-rule", "warnings-only", "bad-metamodel", ""]:
        rc, out, err = run("validate", os.path.join(FIXTURES, fixture), "--format", "sarif")
        log = json.loads(out)
        jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
        run0 = log["runs"][0]
        rules = {r["id"] for r in run0["tool"]["driver"]["rules"]}
        for r in run0["tool"]["driver"]["rules"]:
            if not r["helpUri"].endswith("rules.md#" + r["id"]):
                fail("helpUri of " + r["id"])
        for res in run0["results"]:
            if res["ruleId"] not in rules:
                fail("result rule not in driver rules: " + res["ruleId"])
            if run0["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] != res["ruleId"]:
                fail("ruleIndex does not point at ruleId")
            if not res.get("locations"):
                fail("a result without a location (code scanning rejects it): " + json.dumps(res))
            loc = res["locations"][0]["physicalLocation"]
            if loc["artifactLocation"]["uri"].startswith("/"):
                fail("absolute artifact URI")
            region = loc.get("region", {"startLine": 1, "startColumn": 1, "endColumn": 2})
            if not (region["startLine"] >= 1 and region["endColumn"] > region["startColumn"] >= 1):
                fail("bad region " + json.dumps(region))
        fingerprints = [r["partialFingerprints"]["kaava/v1"] for r in run0["results"]]
        if len(fingerprints) != len(set(fingerprints)):
            fail("two results share a fingerprint")
    print("SARIF valid against", schema_path)


def junit_xml():
    if shutil.which("xmllint") is None:
        fail("xmllint is missing (scripts/install-deps.sh installs libxml2-utils)")
    schema = os.path.join(SOURCE, "tests", "schemas", "junit.xsd")
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "junit.xml")
        for fixture, fail_on, exit_code in [("every-rule", "error", 1), ("every-rule", "info", 1),
                                            ("warnings-only", "error", 0), ("warnings-only", "warning", 1)]:
            rc, out, err = run("validate", os.path.join(FIXTURES, fixture), "--format", "junit", "--output", report,
                               "--fail-on", fail_on)
            if rc != exit_code:
                fail(f"{fixture} --fail-on {fail_on}: exit {rc}")
            p = subprocess.run(["xmllint", "--noout", "--schema", schema, report], capture_output=True)
            if p.returncode != 0:
                fail(f"{fixture} --fail-on {fail_on}: not valid JUnit XML: " + p.stderr.decode())
            text = open(report, encoding="utf-8").read()
            # A failure holds exactly the findings at or above the fail level.
            levels = {"error": ["error"], "warning": ["error", "warning"], "info": ["error", "warning", "info"]}
            root = ET.fromstring(text)
            for case in root.iter("testcase"):
                failure, out_ = case.find("failure"), case.find("system-out")
                for kind, node in (("failure", failure), ("system-out", out_)):
                    if node is None:
                        continue
                    for line in node.text.splitlines():
                        m = re.search(r": (error|warning|info): ", line)
                        if m and (m.group(1) in levels[fail_on]) != (kind == "failure"):
                            fail(f"{fixture} --fail-on {fail_on}: a {m.group(1)} in {kind}:\n{text}")
            failures = len(root.findall(".//failure"))
            if int(root.get("failures")) != failures:
                fail("the failures attribute does not count the failures:\n" + text)
            if fixture == "warnings-only" and fail_on == "error" and (failures != 0 or "<system-out>" not in text):
                fail("warnings are failures, or not shown:\n" + text)
            if fixture == "every-rule" and fail_on == "error" and (failures != 4 or root.get("tests") != "5"):
                fail("expected 5 test cases, 4 failing (views.yaml has only a warning):\n" + text)
    print("JUnit XML valid against", schema)


def baseline():
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        shutil.copytree(os.path.join(FIXTURES, "every-rule"), repo)
        os.remove(os.path.join(repo, "model", "broken.yaml"))
        base = os.path.join(tmp, "baseline.json")
        rc, out, err = run("validate", repo, "--write-baseline", base)
        if rc != 0 or not os.path.exists(base):
            fail(f"write-baseline exit {rc}: {err}")
        rc, out, err = run("validate", repo, "--baseline", base)
        if rc != 0:
            fail(f"with its own baseline, exit {rc}: {err}")
        # Lines added above every finding move them all; they stay known.
        a = os.path.join(repo, "model", "a.yaml")
        text = open(a, encoding="utf-8").read()
        open(a, "w", encoding="utf-8").write("# a new comment\n# and another\n" + text)
        rc, out, err = run("validate", repo, "--baseline", base)
        if rc != 0:
            fail(f"after edits elsewhere, exit {rc}: {err}")
        # Findings whose message holds numbers or suggestions stay known
        # when lines move or other ids change.
        b = os.path.join(repo, "model", "b.yaml")
        text = open(b, encoding="utf-8").read()
        open(b, "w", encoding="utf-8").write(text + "  - id: extra\n    type: goal\n    name: X\n    name: Y\n"
                                             "    description: d\n    influences: [gaol2]\n")
        rc, out, err = run("validate", repo, "--write-baseline", base)
        text = open(b, encoding="utf-8").read()
        open(b, "w", encoding="utf-8").write("# moved down\n" + text +
                                             "  - { id: gaol, type: goal, name: G, description: d, influences: [lonely] }\n")
        rc, out, err = run("validate", repo, "--baseline", base, "--format", "json")
        if rc != 0:
            fail(f"numbers and suggestions in messages broke the baseline: {out}")
        # One new mistake: exit 1, and only it is reported.
        with open(a, "a", encoding="utf-8") as f:
            f.write("  - id: fresh\n    type: capabilty\n    name: Uusi\n    description: New.\n    serves: [c1]\n")
        rc, out, err = run("validate", repo, "--baseline", base, "--format", "json")
        found = json.loads(out)["diagnostics"]
        if rc != 1 or len(found) != 1 or found[0]["rule"] != "unknown-type":
            fail(f"expected exit 1 and one unknown-type, got {rc}: {out}")
        # Fixing known findings is counted: 'colour' goes, and 'lonely' is
        # no longer an orphan since 'gaol' influences it.
        text = open(a, encoding="utf-8").read()
        open(a, "w", encoding="utf-8").write(text.replace("    colour: blue\n", ""))
        rc, out, err = run("validate", repo, "--baseline", base)
        if "2 fixed since" not in err:
            fail("fixed findings are not counted: " + err)
        # A baseline reformatted by a JSON tool (\\u escapes) still reads.
        data = json.load(open(base, encoding="utf-8"))
        ascii_copy = os.path.join(tmp, "ascii.json")
        json.dump(data, open(ascii_copy, "w"), ensure_ascii=True, indent=2)
        rc, out, err = run("validate", repo, "--baseline", ascii_copy)
        if rc == 2:
            fail("a reformatted baseline is rejected: " + err)
        # Not a baseline: a clear error, exit 2; and no overwriting kaava.yaml.
        for bad in ['{"kaava-baseline":1,"findings":[1,2]}', '{"kaava-baseline":"1","findings":[]}', "[]"]:
            path = os.path.join(tmp, "bad.json")
            open(path, "w").write(bad)
            rc, out, err = run("validate", repo, "--baseline", path)
            if rc != 2 or "not a kaava baseline" not in err:
                fail(f"bad baseline {bad}: exit {rc}, {err}")
        rc, out, err = run("validate", repo, "--write-baseline", os.path.join(repo, "kaava.yaml"))
        if rc != 2 or "kaava:" not in open(os.path.join(repo, "kaava.yaml")).read():
            fail("--write-baseline overwrote kaava.yaml")
        # One file validated: the other files' entries are neither shown nor
        # counted as fixed (in b.yaml, only 'lonely' is fixed).
        rc, out, err = run("validate", os.path.join(repo, "model", "b.yaml"), "--baseline", base)
        if "1 fixed since" not in err:
            fail("single-file run counts other files as fixed: " + err)
    print("baseline works")


def suppressed_everywhere():
    fixture = os.path.join(FIXTURES, "suppressed")
    for fmt in FORMATS:
        rc, out, err = run("validate", fixture, "--format", fmt)
        text = out + err
        if fmt == "sarif":  # the rule catalogue lists every rule; look at the results
            text = json.dumps(json.loads(out)["runs"][0]["results"], ensure_ascii=False)
        if "invalid-property-value" in text or "missing-description" in text:
            fail(f"{fmt}: a suppressed or switched-off rule is reported:\n{text}")
        if "lonely" in text or "'sis'" in text:
            fail(f"{fmt}: a suppressed element's finding is reported:\n{text}")
        if "loud" not in text:
            fail(f"{fmt}: the one finding left (loud is an orphan) is missing:\n{text}")
        if rc != 0:
            fail(f"{fmt}: a warning only, yet exit {rc}")
    rc, out, err = run("validate", fixture, "--fail-on", "warning")
    if rc != 1:
        fail(f"--fail-on warning: exit {rc}")
    rc, out, err = run("validate", fixture, "--max-warnings", "0")
    if rc != 1:
        fail(f"--max-warnings 0: exit {rc}")
    rc, out, err = run("validate", fixture, "--max-warnings", "1")
    if rc != 0:
        fail(f"--max-warnings 1: exit {rc}")
    print("suppressions hold in every format")


def output_file():
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "sub", "report.sarif")
        rc, out, err = run("validate", os.path.join(FIXTURES, "every-rule"), "--format", "sarif", "--output", target)
        if rc != 1 or out != "":
            fail(f"exit {rc}, stdout {out!r}")
        lines = err.strip().split("\n")
        if len(lines) != 1 or "sarif report written to" not in lines[0]:
            fail("expected one summary line on stderr: " + err)
        json.load(open(target, encoding="utf-8"))
        if sorted(os.listdir(os.path.dirname(target))) != [".kaava-output", "report.sarif"]:
            fail("temporary files left behind, or the new folder is not marked as kaava's: "
                 + str(os.listdir(os.path.dirname(target))))
    print("--output writes the report and one summary line")


CASES = {"sarif-schema": sarif_schema, "junit-xml": junit_xml, "baseline": baseline,
         "suppressed-everywhere": suppressed_everywhere, "output-file": output_file}
CASES[CASE]()
