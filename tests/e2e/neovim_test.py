#!/usr/bin/env python3
"""A real editor as the client: Neovim (headless, its built-in LSP client)
opens a model file with `kaava lsp` configured; the test reads the
diagnostics Neovim received and the result of a go-to-definition.

usage: neovim_test.py KAAVA SOURCE_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

KAAVA, SOURCE = sys.argv[1], sys.argv[2]


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def main():
    nvim = shutil.which("nvim")
    if nvim is None:
        fail("nvim is not installed (scripts/install-deps.sh installs neovim)")
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(root, "model"))
        open(os.path.join(root, "kaava.yaml"), "w").write(
            "kaava: 1\nname: Neovim\nmetamodel: vet\nlanguages: [fi, sv, en]\nrules: { missing-description: off }\n")
        open(os.path.join(root, "model", "a.yaml"), "w").write(
            "elements:\n  - id: app.sis\n    type: application-component\n    name: Opiskelijahallinto\n"
            "    serves: [proc.ohjaus]\n")
        target = os.path.join(root, "model", "b.yaml")
        open(target, "w").write(
            "elements:\n  - id: proc.ohjaus\n    type: busines-process\n    name: Ohjaus\n")
        out = os.path.join(tmp, "out.json")
        env = dict(os.environ, KAAVA=KAAVA, ROOT=root, FILE=os.path.join(root, "model", "a.yaml"), OUT=out,
                   DEF_LINE="4", DEF_COL="14", HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp, XDG_STATE_HOME=tmp)
        # The definition is asked in a.yaml; the diagnostics of a.yaml are wanted, so b.yaml's
        # error must not be the only one: a.yaml gets one of its own.
        open(env["FILE"], "a").write("    flows-to: [nowhere]\n")
        script = os.path.join(SOURCE, "tests", "e2e", "neovim_lsp.lua")
        try:
            p = subprocess.run([nvim, "--headless", "--clean", "-c", f"luafile {script}"], env=env, capture_output=True,
                               timeout=90, cwd=root)
        except subprocess.TimeoutExpired:
            fail("neovim did not finish in 90 s")
        if not os.path.exists(out):
            fail(f"neovim wrote no result (exit {p.returncode}):\n{p.stdout.decode()}\n{p.stderr.decode()}")
        got = json.load(open(out))
        codes = [d["code"] for d in got["diagnostics"]]
        if "dangling-reference" not in codes:
            fail(f"diagnostics neovim received: {got['diagnostics']}")
        d = [x for x in got["diagnostics"] if x["code"] == "dangling-reference"][0]
        if d["lnum"] != 5 or d["col"] != 15 or d["severity"] != 1 or "nowhere" not in d["message"]:
            fail(f"the dangling reference: {d}")
        definition = got["definition"]
        if isinstance(definition, list):
            definition = definition[0] if definition else None
        if not definition or not definition["uri"].endswith("/model/b.yaml") or \
                definition["range"]["start"] != {"line": 1, "character": 8}:
            fail(f"go to definition: {definition}")
    print("neovim received the diagnostics and went to the definition")


main()
