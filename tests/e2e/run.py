#!/usr/bin/env python3
"""End-to-end test of the kaava binary: runs one case of cases.json.

usage: run.py KAAVA SOURCE_DIR CASE_NAME

A case gives `args` (with {source} replaced by the source tree), an
optional `cwd` and `env`, the expected `exit` code, and any of:
  stdout_json   a file in expected/ that stdout must equal as JSON
  stdout, stderr  files in expected/ that must match exactly
  stdout_contains, stderr_contains, *_excludes: lists of strings
  rules_once    rule ids that must each appear exactly once in stdout JSON
"""
import json
import os
import subprocess
import sys


def main():
    kaava, source, name = sys.argv[1], sys.argv[2], sys.argv[3]
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    case = cases[name]

    def subst(s):
        return s.replace("{source}", source)

    args = [kaava] + [subst(a) for a in case["args"]]
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    env.pop("CLICOLOR_FORCE", None)
    env.update({k: subst(v) for k, v in case.get("env", {}).items()})
    cwd = subst(case.get("cwd", source))
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, timeout=60)
    stdout = proc.stdout.decode("utf-8")
    stderr = proc.stderr.decode("utf-8")
    failures = []

    def fail(message):
        failures.append(message)

    if proc.returncode != case["exit"]:
        fail(f"exit code {proc.returncode}, expected {case['exit']}")
    if "stdout_json" in case:
        with open(os.path.join(here, "expected", case["stdout_json"]), encoding="utf-8") as f:
            expected = json.load(f)
        try:
            actual = json.loads(stdout)
        except json.JSONDecodeError as e:
            fail(f"stdout is not JSON: {e}")
        else:
            if actual != expected:
                fail("stdout JSON differs from expected/" + case["stdout_json"] + ":\n"
                     + json.dumps(actual, indent=1, ensure_ascii=False))
    for stream, text in (("stdout", stdout), ("stderr", stderr)):
        if stream in case:
            # newline="": CRLF in an expected file (CSV) stays CRLF.
            with open(os.path.join(here, "expected", case[stream]), encoding="utf-8", newline="") as f:
                expected = f.read()
            if text != expected:
                fail(f"{stream} differs from expected/{case[stream]}:\n{text}")
        for needle in case.get(stream + "_contains", []):
            if subst(needle) not in text:
                fail(f"{stream} lacks {needle!r}")
        for needle in case.get(stream + "_excludes", []):
            if subst(needle) in text:
                fail(f"{stream} has {needle!r}")
    if "rules_once" in case:
        found = [d["rule"] for d in json.loads(stdout)["diagnostics"]]
        for rule in case["rules_once"]:
            if found.count(rule) != 1:
                fail(f"rule {rule} appears {found.count(rule)} times")
    if failures:
        print(f"case {name}: {' '.join(args)}")
        print("\n".join(failures))
        print("--- stdout\n" + stdout + "--- stderr\n" + stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
