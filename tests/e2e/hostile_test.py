#!/usr/bin/env python3
"""Hostile input: each case writes a small repository in a temporary
folder, runs `kaava validate --format json` on it, and checks the exit code
and the findings. Nothing may crash, hang (a 60 s timeout) or pass silently.

usage: hostile_test.py KAAVA CASE
"""
import json
import os
import random
import subprocess
import sys
import tempfile

KAAVA, CASE = sys.argv[1], sys.argv[2]
# The good file written beside a hostile one. Its element takes part in no
# relationship, so a run that read and checked it reports orphan-element
# for it: the proof that one bad file did not hide the others.
OK_ELEMENT = "elements:\n  - { id: ok, type: goal, name: Hyvä, description: Toimii. }\n"


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def repo(tmp, files, config="kaava: 1\n"):
    os.makedirs(os.path.join(tmp, "model"), exist_ok=True)
    with open(os.path.join(tmp, "kaava.yaml"), "w", encoding="utf-8") as f:
        f.write(config)
    for name, content in files.items():
        path = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(path, mode) as f:
            f.write(content)


def validate(tmp, *extra):
    try:
        p = subprocess.run([KAAVA, "validate", tmp, "--format", "json", *extra], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        fail("kaava did not finish within 60 s")
    if p.returncode < 0:
        fail(f"kaava was killed by signal {-p.returncode}")
    try:
        report = json.loads(p.stdout)
    except json.JSONDecodeError:
        fail("stdout is not JSON: " + p.stdout.decode(errors="replace")[:500])
    return p.returncode, report["diagnostics"], p.stderr.decode(errors="replace")


def expect(tmp, rc_expected, rules, file=None, other_file_checked=True):
    rc, found, err = validate(tmp)
    got = [d["rule"] for d in found]
    listing = json.dumps(found, indent=1, ensure_ascii=False)
    if rc != rc_expected:
        fail(f"exit {rc}, expected {rc_expected}:\n{listing}\n{err}")
    for rule in rules:
        hits = [d for d in found if d["rule"] == rule and (file is None or d["file"] == file)]
        if not hits:
            fail(f"no {rule} finding{' in ' + file if file else ''}:\n{listing}")
        for d in hits:
            if d["line"] is None or d["line"] < 1 or d["column"] < 1:
                fail(f"{rule} without a position: {d}")
    if other_file_checked and os.path.exists(os.path.join(tmp, "model", "ok.yaml")):
        if not any(d["file"] == "model/ok.yaml" and d["element"] == "ok" and d["rule"] == "orphan-element"
                   for d in found):
            fail(f"model/ok.yaml beside the hostile file was not validated (no orphan-element for 'ok'):\n{listing}")
    return found


def case_deep_flow(tmp):
    repo(tmp, {"model/deep.yaml": "elements: " + "[" * 10000 + "]" * 10000 + "\n", "model/ok.yaml": OK_ELEMENT})
    found = expect(tmp, 1, ["limit-exceeded"], "model/deep.yaml")
    if "nested more than 256 levels" not in json.dumps(found):
        fail("the message does not say the depth")


def case_deep_block(tmp):
    # 2,000 nested block mappings, one space deeper each (2 MB).
    text = "".join(" " * i + "a:\n" for i in range(2000))
    repo(tmp, {"model/deep.yaml": text, "model/ok.yaml": OK_ELEMENT})
    found = expect(tmp, 1, ["limit-exceeded"], "model/deep.yaml")
    if "nested" not in json.dumps(found):
        fail("the depth, not the size, should stop it: " + json.dumps(found))


def case_alias_bomb(tmp):
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in "bcdefghi":
        prev = chr(ord(i) - 1)
        text += f"{i}: &{i} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    repo(tmp, {"model/bomb.yaml": text, "model/ok.yaml": OK_ELEMENT})
    found = expect(tmp, 1, ["limit-exceeded"], "model/bomb.yaml")
    if "alias bomb" not in json.dumps(found):
        fail("the message does not name the alias bomb")


def case_huge_file(tmp):
    repo(tmp, {"model/ok.yaml": OK_ELEMENT})
    with open(os.path.join(tmp, "model", "huge.yaml"), "wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB without writing them
    found = expect(tmp, 1, ["limit-exceeded"], "model/huge.yaml")
    if "209715200 bytes" not in json.dumps(found):
        fail("the message does not give the size")


def case_random_bytes(tmp):
    rnd = random.Random(7)
    repo(tmp, {"model/random.yaml": bytes(rnd.randrange(256) for _ in range(100000)), "model/ok.yaml": OK_ELEMENT})
    expect(tmp, 1, ["yaml-syntax"], "model/random.yaml")


def case_invalid_utf8(tmp):
    repo(tmp, {"model/latin1.yaml": "elements:\n  - { id: a, type: goal, name: Caf\xe9 }\n".encode("latin-1"),
               "model/ok.yaml": OK_ELEMENT})
    found = expect(tmp, 1, ["yaml-syntax"], "model/latin1.yaml")
    if "byte offset 44" not in json.dumps(found):
        fail("the byte offset is missing or wrong: " + json.dumps(found))


def case_bom_crlf(tmp):
    repo(tmp, {"model/bom.yaml": "\ufeffelements:\r\n  - { id: a, type: goal, name: A, description: D, influences: [ok] }\r\n",
               "model/ok.yaml": OK_ELEMENT})
    rc, found, err = validate(tmp)
    if rc != 0 or found:
        fail(f"a BOM and CRLF are fine, yet exit {rc}: {found}")


def case_tabs(tmp):
    repo(tmp, {"model/tabs.yaml": "elements:\n\t- id: a\n", "model/ok.yaml": OK_ELEMENT})
    found = expect(tmp, 1, ["yaml-syntax"], "model/tabs.yaml")
    if "tab" not in json.dumps(found):
        fail("the message does not mention the tab")


def case_empty_and_comments(tmp):
    repo(tmp, {"model/empty.yaml": "", "model/comments.yaml": "# only\n# comments\n",
               "model/ok.yaml": "elements:\n  - { id: ok, type: goal, name: Hyvä, description: Toimii., influences: [ok2] }\n"
                                "  - { id: ok2, type: goal, name: Toinen, description: Toimii. }\n"})
    rc, found, err = validate(tmp)
    if rc != 0 or found:
        fail(f"empty files are fine, yet exit {rc}: {found}")


def case_duplicate_keys(tmp):
    repo(tmp, {"model/dup.yaml": "elements:\n  - id: a\n    type: goal\n    type: driver\n    name: A\n",
               "model/ok.yaml": OK_ELEMENT})
    found = expect(tmp, 1, ["yaml-syntax"], "model/dup.yaml")
    if "duplicate key 'type'" not in json.dumps(found):
        fail("the duplicate key is not named")


def case_wrong_shapes(tmp):
    repo(tmp, {"model/shapes.yaml": "elements: just text\nrelationships:\n  type: flow\n",
               "model/list.yaml": "- id: a\n", "model/ok.yaml": OK_ELEMENT})
    found = expect(tmp, 1, ["invalid-structure"])
    files = {d["file"] for d in found if d["rule"] == "invalid-structure"}
    if files != {"model/shapes.yaml", "model/list.yaml"}:
        fail(f"wrong shapes not reported in both files: {files}")


def case_scalars_for_text(tmp):
    repo(tmp, {"model/a.yaml": "elements:\n  - id: a\n    type: goal\n    name: no\n    description: 010\n"
                               "    tags: [on]\n  - id: b\n    type: goal\n    name: ~\n"},
         config="kaava: 1\nrules: { orphan-element: off, missing-description: off }\n")
    rc, found, err = validate(tmp, "--fail-on", "warning")
    rules = sorted(d["rule"] for d in found)
    if rc != 1 or rules != ["ambiguous-value", "ambiguous-value", "ambiguous-value", "missing-name"]:
        fail(f"exit {rc}, findings {rules}")


def case_symlink_loop(tmp):
    repo(tmp, {"model/ok.yaml": OK_ELEMENT})
    os.symlink("loop2.yaml", os.path.join(tmp, "model", "loop1.yaml"))
    os.symlink("loop1.yaml", os.path.join(tmp, "model", "loop2.yaml"))
    os.symlink(os.path.join(tmp, "model"), os.path.join(tmp, "model", "again"))
    found = expect(tmp, 2, ["io-error"])
    if len([d for d in found if d["rule"] == "io-error"]) != 2:
        fail("expected one io-error per looping link")


def case_symlink_outside(tmp):
    outside = tempfile.mkdtemp()
    with open(os.path.join(outside, "secret.yaml"), "w") as f:
        f.write(OK_ELEMENT.replace("ok", "secret"))
    repo(tmp, {"model/ok.yaml": OK_ELEMENT})
    os.symlink(os.path.join(outside, "secret.yaml"), os.path.join(tmp, "model", "link.yaml"))
    found = expect(tmp, 2, ["io-error"], "model/link.yaml")
    if "secret" in json.dumps([d.get("element") for d in found]):
        fail("the link was followed")


def case_unreadable(tmp):
    # A pipe named *.yaml would block a reader forever: reported, not read.
    repo(tmp, {"model/ok.yaml": OK_ELEMENT})
    os.mkfifo(os.path.join(tmp, "model", "fifo.yaml"))
    expect(tmp, 2, ["io-error"], "model/fifo.yaml")
    os.remove(os.path.join(tmp, "model", "fifo.yaml"))
    if os.geteuid() == 0:
        return  # root reads every file whatever its mode
    repo(tmp, {"model/locked.yaml": OK_ELEMENT.replace("ok", "locked"), "model/ok.yaml": OK_ELEMENT})
    os.chmod(os.path.join(tmp, "model", "locked.yaml"), 0)
    found = expect(tmp, 2, ["io-error"], "model/locked.yaml")


def case_missing_source(tmp):
    repo(tmp, {"model/ok.yaml": OK_ELEMENT}, config="kaava: 1\nsources: [model, malli]\n")
    found = expect(tmp, 1, ["invalid-config"], "kaava.yaml")
    if "source folder 'malli' does not exist" not in json.dumps(found):
        fail("the missing folder is not named")


def case_limits_configurable(tmp):
    repo(tmp, {"model/ok.yaml": OK_ELEMENT, "model/nested.yaml": "elements: [[[[[[]]]]]]\n"},
         config="kaava: 1\nlimits: { max-depth: 4, max-file-size: 1KiB, max-elements: 0 }\n")
    rc, found, err = validate(tmp)
    rules = [d["rule"] for d in found]
    if "invalid-structure" not in rules or rules.count("limit-exceeded") != 1:
        fail(f"limits not applied or max-elements 0 not refused: {rules}")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
with tempfile.TemporaryDirectory() as tmp:
    CASES[CASE](tmp)
print(CASE, "ok")
