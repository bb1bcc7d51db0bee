#!/usr/bin/env python3
"""The YAML in README.md and docs/ is tested, so the docs cannot drift from
the tool. A fenced block whose info string is

  ```yaml model        a model file: every such block of one document is a
                       file of one repository (with the VET reference
                       imported), which must validate without an error;
  ```yaml kaava.yaml   a kaava.yaml: alone, with an empty model folder, it
                       must have no finding of its own;
  ```yaml metamodel    a metamodel file that extends a built-in one:
                       `kaava metamodel --metamodel FILE` must accept it.

Other blocks (fragments, rule examples that are wrong on purpose, CI
files) are left alone. GitHub renders all of them as YAML.

usage: docs_snippets_test.py KAAVA SOURCE_DIR
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

KAAVA, SOURCE = os.path.abspath(sys.argv[1]), sys.argv[2]
CONFIG = "kaava: 1\nimports: [vet-reference]\nlanguages: [fi, sv, en]\n"
FENCE = re.compile(r"^```yaml[ \t]+(model|kaava\.yaml|metamodel)[ \t]*\n(.*?)^```", re.S | re.M)
failures = []


def kaava(*args, cwd):
    p = subprocess.run([KAAVA, *args], cwd=cwd, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def main():
    docs = [os.path.join(SOURCE, "README.md")] + sorted(glob.glob(os.path.join(SOURCE, "docs", "*.md")))
    counts = {}
    for doc in docs:
        name = os.path.relpath(doc, SOURCE)
        text = open(doc, encoding="utf-8").read()
        blocks = [(m.group(1), m.group(2), line_of(text, m.start())) for m in FENCE.finditer(text)]
        for kind, _, _ in blocks:
            counts[(name, kind)] = counts.get((name, kind), 0) + 1
        with tempfile.TemporaryDirectory() as tmp:
            models = [(body, line) for kind, body, line in blocks if kind == "model"]
            if models:
                repo = os.path.join(tmp, "models")
                os.makedirs(os.path.join(repo, "model"))
                open(os.path.join(repo, "kaava.yaml"), "w", encoding="utf-8").write(CONFIG)
                for i, (body, line) in enumerate(models):
                    open(os.path.join(repo, "model", f"line-{line:04d}.yaml"), "w", encoding="utf-8").write(body)
                rc, out, err = kaava("validate", repo, "--format", "json", cwd=tmp)
                for d in json.loads(out)["diagnostics"]:
                    if d["severity"] == "error":
                        where = d["file"] or "?"
                        m = re.search(r"line-(\d+)\.yaml", where)
                        at = f"{name}:{int(m.group(1)) + (d['line'] or 1)}" if m else f"{name} ({where})"
                        failures.append(f"{at}: {d['message']} [{d['rule']}]")
            for i, (kind, body, line) in enumerate(blocks):
                if kind == "kaava.yaml":
                    repo = os.path.join(tmp, f"config-{i}")
                    os.makedirs(os.path.join(repo, "model"))
                    open(os.path.join(repo, "kaava.yaml"), "w", encoding="utf-8").write(body)
                    rc, out, err = kaava("validate", repo, "--format", "json", cwd=tmp)
                    for d in json.loads(out)["diagnostics"]:
                        if d["rule"] != "empty-model":
                            failures.append(f"{name}:{line + (d['line'] or 1)}: {d['message']} [{d['rule']}]")
                elif kind == "metamodel":
                    path = os.path.join(tmp, f"metamodel-{i}.yaml")
                    open(path, "w", encoding="utf-8").write(body)
                    rc, out, err = kaava("metamodel", "--metamodel", path, cwd=tmp)
                    if rc != 0:
                        failures.append(f"{name}:{line}: the metamodel is refused:\n{err}")
    # The markers themselves are kept: the README's and format.md's examples are tested.
    for need in [("README.md", "model"), ("README.md", "kaava.yaml"), ("docs/format.md", "model"),
                 ("docs/format.md", "kaava.yaml"), ("docs/metamodel.md", "metamodel")]:
        if counts.get(need, 0) == 0:
            failures.append(f"{need[0]} has no ```yaml {need[1]} block any more")
    if failures:
        print("FAIL: YAML in the docs that kaava does not accept:\n" + "\n".join(failures))
        sys.exit(1)
    print("ok:", ", ".join(f"{n} {k} x{c}" for (n, k), c in sorted(counts.items())))


if __name__ == "__main__":
    main()
