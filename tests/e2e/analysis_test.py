#!/usr/bin/env python3
"""Checks of kaava diff (in a temporary git repository whose commits add,
remove, rename, retype and move elements, reorder a file, and break what
others use), of the coverage heat map, of impact --render, and that every
analysis command gives the same bytes twice.

usage: analysis_test.py KAAVA SOURCE_DIR CASE
Regenerate the goldens with: KAAVA_UPDATE_GOLDENS=1 analysis_test.py KAAVA SOURCE_DIR diff-git
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

KAAVA, SOURCE, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
FIXTURE = os.path.join(SOURCE, "tests", "fixtures", "analysis")
EXPECTED = os.path.join(SOURCE, "tests", "e2e", "expected")
GIT_ENV = dict(os.environ, GIT_AUTHOR_NAME="kaava", GIT_AUTHOR_EMAIL="kaava@example.org",
               GIT_COMMITTER_NAME="kaava", GIT_COMMITTER_EMAIL="kaava@example.org",
               GIT_AUTHOR_DATE="2026-05-06T10:00:00", GIT_COMMITTER_DATE="2026-05-06T10:00:00")


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def run(*args, cwd=None, expect=None):
    p = subprocess.run([KAAVA, *args], capture_output=True, timeout=300, cwd=cwd)
    out, err = p.stdout.decode(), p.stderr.decode()
    if expect is not None and p.returncode != expect:
        fail(f"kaava {' '.join(args)}: exit {p.returncode}, expected {expect}\n{out}\n{err}")
    return p.returncode, out, err


def git(repo, *args):
    subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, env=GIT_ENV)


def edit(path, old, new, count=1):
    text = open(path, encoding="utf-8").read()
    if old not in text:
        fail(f"fixture edit: {old!r} not in {path}")
    open(path, "w", encoding="utf-8").write(text.replace(old, new, count))


def block(path, first_line):
    """Cuts the element that starts at `first_line` (up to the next one at its indent) out of `path`."""
    lines = open(path, encoding="utf-8").read().split("\n")
    start = lines.index(first_line)
    indent = len(first_line) - len(first_line.lstrip())
    end = start + 1
    while end < len(lines) and (lines[end].strip() == "" or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    cut = lines[start:end]
    open(path, "w", encoding="utf-8").write("\n".join(lines[:start] + lines[end:]))
    return "\n".join(cut) + "\n"


def history(tmp):
    """The fixture as commit v1, its applications reordered as v2, and a change of every kind as v3."""
    repo = os.path.join(tmp, "repo")
    shutil.copytree(FIXTURE, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "v1")
    git(repo, "tag", "v1")
    # v2: the same model, its elements in another order and written differently.
    apps = os.path.join(repo, "model", "applications.yaml")
    lms = block(apps, "  - id: app.lms")
    edit(apps, "elements:\n", "elements:\n" + lms)
    edit(apps, "    tags: [core]\n", "    tags:\n      - core\n")
    git(repo, "commit", "-qam", "v2")
    git(repo, "tag", "v2")
    # v3: added, removed (one still used), renamed, retyped, moved, lifecycle back to planned.
    data = block(apps, "  - id: data.opiskelija")
    if "data.opiskelija" not in data:
        fail("fixture: data.opiskelija not cut")
    block(apps, "  - id: app.archive")
    edit(apps, "name: { fi: Opintohallinto,", "name: { fi: Opintohallintojärjestelmä,")
    edit(apps, "    properties: { lifecycle: active, owner: Opintopalvelut }",
         "    properties: { lifecycle: planned, owner: Opintopalvelut }")
    edit(apps, "  - id: asvc.records\n    type: application-service", "  - id: asvc.records\n    type: data-object")
    procs = os.path.join(repo, "model", "processes.yaml")
    role = block(procs, "  - id: role.ohjaaja")
    open(os.path.join(repo, "model", "roles.yaml"), "w", encoding="utf-8").write("elements:\n" + role)
    edit(procs, "elements:\n", """elements:
  - id: proc.hoks
    type: business-process
    name: { fi: HOKS-keskustelut, sv: PUK-samtal, en: HOKS conversations }
    description: { fi: HOKSin laadinta., sv: PUK., en: Drawing up the HOKS. }
    realizes: [cap.support.guidance]
""")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "v3")
    git(repo, "tag", "v3")
    return repo


def golden(name, text):
    path = os.path.join(EXPECTED, name)
    if os.environ.get("KAAVA_UPDATE_GOLDENS"):
        open(path, "w", encoding="utf-8", newline="").write(text)
        return
    want = open(path, encoding="utf-8", newline="").read()
    if text != want:
        fail(f"differs from tests/e2e/expected/{name}:\n{text}")


def diff_git():
    """Every kind of change between v1 and v3, as text, Markdown and JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = history(tmp)
        _, text, _ = run("diff", "v1", "v3", cwd=repo, expect=0)
        golden("analysis-diff.txt", text)
        _, md, _ = run("diff", "v1", "v3", "--format", "markdown", cwd=repo, expect=0)
        golden("analysis-diff.md", md)
        # README.md shows the same comment, as a pull request shows it.
        if md.rstrip("\n") not in open(os.path.join(SOURCE, "README.md"), encoding="utf-8").read():
            fail("README.md does not show kaava diff's Markdown as it is now")
        _, out, _ = run("diff", "v1", "v3", "--format", "json", cwd=repo, expect=0)
        doc = json.loads(out)
        if doc.get("kaava-diff") != 1 or doc["old"] != "v1" or doc["new"] != "v3":
            fail(f"JSON head: {out[:300]}")
        e = doc["elements"]
        ids = lambda items: sorted(x["id"] for x in items)
        if ids(e["added"]) != ["proc.hoks"]:
            fail(f"added: {ids(e['added'])}")
        if ids(e["removed"]) != ["app.archive", "data.opiskelija"]:
            fail(f"removed: {ids(e['removed'])}")
        changed = {c["id"]: c for c in e["changed"]}
        if not changed.get("app.sis", {}).get("renamed") or not changed.get("asvc.records", {}).get("retyped"):
            fail(f"renamed/retyped: {json.dumps(e['changed'], ensure_ascii=False)}")
        fields = {f["field"]: (f["old"], f["new"]) for f in changed["app.sis"]["changes"]}
        if fields.get("name.fi") != ["Opintohallinto", "Opintohallintojärjestelmä"] and \
                fields.get("name.fi") != ("Opintohallinto", "Opintohallintojärjestelmä"):
            fail(f"name.fi: {fields}")
        if tuple(fields.get("properties.lifecycle", ())) != ("active", "planned"):
            fail(f"lifecycle: {fields}")
        if e["moved"] != [{"id": "role.ohjaaja", "from": "model/processes.yaml", "to": "model/roles.yaml"}]:
            fail(f"moved: {e['moved']}")
        kinds = sorted((b["kind"], b["id"]) for b in doc["breaking"])
        want = [("lifecycle-back", "app.sis"), ("removed-still-used", "data.opiskelija"),
                ("type-change-not-allowed", "asvc.records")]
        if kinds != want:
            fail(f"breaking: {kinds}, expected {want}")
        used = next(b for b in doc["breaking"] if b["kind"] == "removed-still-used")
        if not any(w.startswith("model/applications.yaml:") for w in used["where"]):
            fail(f"where: {used['where']}")
        if doc["summary"]["breaking"] != 3 or doc["summary"]["elements"]["moved"] != 1:
            fail(f"summary: {doc['summary']}")
        rc, _, err = run("diff", "v1", "v3", "--fail-on-breaking", cwd=repo)
        if rc != 1 or "3 breaking changes" not in err:
            fail(f"--fail-on-breaking: exit {rc}: {err}")
        run("diff", "v2", "v3", "--fail-on-breaking", "--format", "json", cwd=repo, expect=1)
        # The working tree is never touched: reading revisions changes no file.
        status = subprocess.run(["git", "-C", repo, "status", "--porcelain"], capture_output=True).stdout
        if status:
            fail(f"the working tree changed: {status}")
    print("diff v1 -> v3: every kind of change and three breaking ones")


def diff_reorder():
    """A reordered, rewritten file is no change; the same revision twice neither."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = history(tmp)
        for old, new in (("v1", "v2"), ("v2", "v2")):
            _, out, _ = run("diff", old, new, "--format", "json", cwd=repo, expect=0)
            doc = json.loads(out)
            s = doc["summary"]
            counts = [s[k][n] for k in ("elements", "relationships", "views") for n in ("added", "removed", "changed")]
            if any(counts) or s["elements"]["moved"] or doc["breaking"]:
                fail(f"{old} -> {new} is no change, got {json.dumps(s)}")
            _, text, _ = run("diff", old, new, cwd=repo, expect=0)
            if not text.endswith(": no changes\n"):
                fail(f"{old} -> {new}: {text}")
    print("a reorder is no change")


def diff_worktree():
    """NEW defaults to the working tree; --staged is the index; -C names the repository."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = history(tmp)
        edit(os.path.join(repo, "model", "roles.yaml"), "fi: Ohjaava opettaja", "fi: Opinto-ohjaaja")
        _, text, _ = run("diff", "HEAD", cwd=repo, expect=0)
        if "role.ohjaaja" not in text or "→ the working tree" not in text:
            fail(f"working tree: {text}")
        _, staged, _ = run("diff", "HEAD", "--staged", cwd=repo, expect=0)
        if "no changes" not in staged:
            fail(f"nothing staged yet: {staged}")
        git(repo, "add", "-A")
        _, staged, _ = run("diff", "HEAD", "--staged", "-C", repo, cwd=tmp, expect=0)
        if 'name.fi: "Ohjaava opettaja" → "Opinto-ohjaaja"' not in staged:
            fail(f"--staged: {staged}")
        rc, _, err = run("diff", "HEAD", "v1", "--staged", cwd=repo)
        if rc != 2 or "give only OLD" not in err:
            fail(f"--staged with NEW: exit {rc}: {err}")
    print("working tree and index")


def diff_folders():
    """Two folders; a folder without kaava.yaml, an unknown revision, no git: exit 2."""
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        shutil.copytree(FIXTURE, a)
        shutil.copytree(FIXTURE, b)
        edit(os.path.join(b, "model", "processes.yaml"), "assigned-to: [proc.guidance]",
             "assigned-to: [proc.guidance, proc.paatokset]")
        _, text, _ = run("diff", a, b, expect=0)
        if "+ role.ohjaaja:assignment:proc.paatokset" not in text:
            fail(f"folders: {text}")
        empty = os.path.join(tmp, "empty")
        os.mkdir(empty)
        for args, needle in (((empty,), "no kaava.yaml"),
                             (("nosuchrev",), "is neither a folder nor a revision"),
                             (("HEAD", "-C", a), "not in a git repository")):
            rc, _, err = run("diff", *args, cwd=a)
            if rc != 2 or needle not in err:
                fail(f"kaava diff {' '.join(args)}: exit {rc}, {err}")
    print("folders and errors")


def diff_importer():
    """A repository that imports this one and uses a removed element: breaking."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = history(tmp)
        importer = os.path.join(tmp, "importer")
        os.makedirs(os.path.join(importer, "model"))
        open(os.path.join(importer, "kaava.yaml"), "w").write(
            "kaava: 1\nname: Käyttäjä\nmetamodel: vet\nlanguages: [fi, sv, en]\nimports: [../repo]\n")
        open(os.path.join(importer, "model", "x.yaml"), "w").write(
            "elements:\n  - id: x.report\n    type: application-component\n"
            "    name: { fi: Raportti, sv: Rapport, en: Report }\n    accesses: [app.archive]\n")
        _, out, _ = run("diff", "v2", "v3", "--importer", importer, "--format", "json", cwd=repo, expect=0)
        doc = json.loads(out)
        archive = [b for b in doc["breaking"] if b["id"] == "app.archive"]
        if not archive or not any(w.startswith(importer + ": model/x.yaml:") for w in archive[0]["where"]):
            fail(f"importer: {json.dumps(doc['breaking'], ensure_ascii=False)}")
        rc, _, err = run("diff", "v2", "v3", "--importer", os.path.join(tmp, "none"), cwd=repo)
        if rc != 2 or "--importer" not in err:
            fail(f"missing importer: exit {rc}: {err}")
    print("importers")


def diff_first_model():
    """A base revision from before the model: everything is added; the model removed: everything is removed."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        os.mkdir(repo)
        open(os.path.join(repo, "README.md"), "w").write("Arkkitehtuuri\n")
        git(repo, "init", "-q")
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "readme")
        shutil.copytree(os.path.join(FIXTURE, "model"), os.path.join(repo, "model"))
        shutil.copy(os.path.join(FIXTURE, "kaava.yaml"), repo)
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "model")
        _, out, err = run("diff", "HEAD~1", "HEAD", "--format", "json", "--fail-on-breaking", cwd=repo, expect=0)
        doc = json.loads(out)
        if doc["summary"]["elements"]["removed"] != 0 or doc["summary"]["elements"]["added"] < 10:
            fail(f"first model: {doc['summary']}")
        if "HEAD~1 has no model at '.' (no kaava.yaml): it counts as empty, so everything is added" not in err:
            fail(f"first model, the note: {err}")
        _, out, _ = run("diff", "HEAD", "HEAD~1", "--format", "json", cwd=repo, expect=0)
        if json.loads(out)["summary"]["elements"]["added"] != 0:
            fail(f"model removed: {out}")
        rc, _, err = run("diff", "HEAD~1", "HEAD", "-C", "nowhere", cwd=repo)
        if rc != 2 or "is not a model repository in HEAD~1 nor in HEAD" not in err:
            fail(f"no model on either side: exit {rc}: {err}")
    print("first model")


def heat_map():
    """--color-by coverage colours reference capabilities by status, with a legend."""
    with tempfile.TemporaryDirectory() as tmp:
        run("render", FIXTURE, "--viewpoint", "capability-map", "--color-by", "coverage", "--format", "svg",
            "-o", tmp, expect=0)
        svg = open(os.path.join(tmp, "capability-map.svg"), encoding="utf-8").read()
        notation = open(os.path.join(SOURCE, "models", "notation.yaml"), encoding="utf-8").read()
        colours = re.search(r"coverage: \{ covered: \"(#\w+)\", partly: \"(#\w+)\", uncovered: \"(#\w+)\" \}", notation)
        if not colours:
            fail("notation.yaml has no coverage colours")
        for c in colours.groups():
            if c.lower() not in svg.lower():
                fail(f"no element filled {c}")
        for word in ("Viitearkkitehtuurin kattavuus", "katettu", "osittain katettu", "kattamatta"):
            if word not in svg:
                fail(f"legend lacks {word!r}")
        # Also as a view's color-by, which validates.
        repo = os.path.join(tmp, "repo")
        shutil.copytree(FIXTURE, repo)
        open(os.path.join(repo, "model", "views.yaml"), "w").write(
            "views:\n  - id: view.coverage\n    name: { fi: Kattavuus, sv: Täckning, en: Coverage }\n"
            "    viewpoint: capability-map\n    color-by: coverage\n")
        rc, _, err = run("validate", repo)
        if "color-by" in err:
            fail(f"color-by coverage reported: {err}")
        run("render", repo, "--view", "view.coverage", "--format", "svg", "-o", os.path.join(tmp, "v"), expect=0)
        if colours.group(1).lower() not in open(os.path.join(tmp, "v", "view.coverage.svg")).read().lower():
            fail("the view is not coloured")
    print("heat map")


def impact_render():
    """impact --render draws the answer with the element as focus, and only it."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "pics", "impact.svg")
        _, _, err = run("impact", "asvc.records", FIXTURE, "--direction", "both", "--render", out, expect=0)
        svg = open(out, encoding="utf-8").read()
        if "Vaikutukset ja riippuvuudet: Suoritusrekisteri" not in svg:
            fail("no title")
        for e in ("asvc.records", "proc.guidance", "cap.support", "app.sis", "data.opiskelija"):
            if f"e:{e}" not in svg and e not in svg:
                fail(f"{e} not drawn")
        if "vet.koski" in svg:
            fail("vet.koski is not in the answer but was drawn")
        if "wrote" not in err:
            fail(f"no word of the file: {err}")
    print("impact --render")


def deterministic():
    """Every analysis command, twice: the same bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = history(tmp)
        commands = [("query", FIXTURE, "--format", "json"), ("query", FIXTURE, "--format", "csv"),
                    ("impact", "app.sis", FIXTURE, "--direction", "both", "--format", "json"),
                    ("stats", FIXTURE, "--format", "json"), ("coverage", FIXTURE, "--format", "json"),
                    ("diff", "v1", "v3", "-C", repo, "--format", "json")]
        for args in commands:
            first = run(*args, expect=0)[1]
            second = run(*args, expect=0)[1]
            if first != second or not first:
                fail(f"kaava {' '.join(args)} differs between runs")
    print("deterministic")


CASES = {"diff-git": diff_git, "diff-reorder": diff_reorder, "diff-worktree": diff_worktree,
         "diff-folders": diff_folders, "diff-importer": diff_importer, "diff-first-model": diff_first_model, "heat-map": heat_map,
         "impact-render": impact_render, "deterministic": deterministic}

if __name__ == "__main__":
    CASES[CASE]()
