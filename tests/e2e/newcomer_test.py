#!/usr/bin/env python3
"""A newcomer's first hour (issue 11), end to end: reports that must not
look clean, flags and values that must not be accepted silently, where
output goes, and messages that must say enough. Each case builds what it
needs in a temporary folder.

usage: newcomer_test.py KAAVA CASE
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

KAAVA, CASE = sys.argv[1], sys.argv[2]
FORMATS = ["text", "json", "sarif", "junit", "github", "gitlab", "markdown"]
QUIET = "rules: { orphan-element: off, missing-description: off, missing-translation: off }\n"


def fail(message):
    print("FAIL:", message[:3000])
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def write(root, name, text):
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def repo(tmp, files, config="kaava: 1\n" + QUIET):
    root = os.path.join(tmp, "repo")
    write(root, "kaava.yaml", config)
    for name, text in files.items():
        write(root, name, text)
    return root


def kaava(*args, cwd=None, stdin=None):
    p = subprocess.run([KAAVA, *args], cwd=cwd, capture_output=True, timeout=60,
                       input=stdin.encode() if stdin is not None else None)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def findings(out):
    return [(d["rule"], d["message"]) for d in json.loads(out)["diagnostics"]]


def case_not_loaded(tmp):
    """Nothing to validate: a finding in every format, never "no problems"."""
    os.makedirs(os.path.join(tmp, "empty"))
    write(tmp, "notes.txt", "hello\n")
    for path in [os.path.join(tmp, "no-such"), os.path.join(tmp, "empty"), os.path.join(tmp, "notes.txt")]:
        for fmt in FORMATS:
            rc, out, err = kaava("validate", path, "--format", fmt)
            check(rc == 2, f"{path} {fmt}: exit {rc}")
            both = out + err
            check("no problems" not in both, f"{path} {fmt}: says no problems:\n{both}")
            check("io-error" in both, f"{path} {fmt}: no io-error finding:\n{both}")
            if fmt == "json":
                check(json.loads(out)["summary"]["errors"] == 1, f"{path}: summary has no error")
            if fmt == "sarif":
                check(json.loads(out)["runs"][0]["results"], f"{path}: SARIF has no result")
        out_file = os.path.join(tmp, "report.json")
        rc, _, err = kaava("validate", path, "--format", "json", "--output", out_file)
        check(rc == 2 and findings(open(out_file).read())[0][0] == "io-error", f"{path}: report file looks clean")


def case_empty_repository(tmp):
    """kaava.yaml and an empty source folder: a warning that says so."""
    root = repo(tmp, {})
    os.makedirs(os.path.join(root, "model"))
    rc, out, err = kaava("validate", root)
    check("no problems" not in err, "an empty repository says no problems:\n" + err)
    check("[empty-model]" in err and "defines no elements" in err, "no empty-model warning:\n" + err)
    # The default folder missing: the finding names it, not `kaava: 1`.
    os.rmdir(os.path.join(root, "model"))
    rc, out, err = kaava("validate", root)
    check(rc == 1 and "default source folder 'model/' does not exist" in err and "sources:" in err,
          "missing default folder:\n" + err)
    check("| kaava: 1" not in err, "the missing default folder is blamed on `kaava: 1`:\n" + err)
    check("[empty-model]" not in err, "empty-model repeats the missing folder:\n" + err)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        globals()["case_" + CASE.replace("-", "_")](tmp)
    print("ok", CASE)


if __name__ == "__main__":
    main()
