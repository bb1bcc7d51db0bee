#!/usr/bin/env python3
"""Reading a repository from git and from standard input, end to end:
`kaava validate --rev REV`, `--staged`, `--stdin-filename`, `kaava render
--rev`, and their errors, on a temporary git repository built for each
case. Every case also checks that nothing in the repository or its .git
changed.

usage: git_test.py KAAVA CASE
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

KAAVA, CASE = sys.argv[1], sys.argv[2]
CONFIG = "kaava: 1\nrules: { orphan-element: off, missing-description: off }\n"
GOOD = "elements:\n  - { id: a, type: goal, name: A, influences: [b] }\n  - { id: b, type: goal, name: B }\n"
BROKEN = "elements:\n  - { id: a, type: goal, name: A, influences: [b] }\n  - { id: b, type: gaol, name: B }\n"


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_NOSYSTEM="1", HOME=repo)
    subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, env=env)


def write(repo, name, text):
    path = os.path.join(repo, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def new_repo(tmp, files):
    repo = os.path.join(tmp, "repo")
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", "main")
    for name, text in files.items():
        write(repo, name, text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    return repo


def state(repo):
    """Every file under the repository (.git included), with its bytes' hash and mode; kaava's parse
    cache aside (a cache, not the repository's content: git ignores it, see cache_ignored)."""
    out = {}
    for root, dirs, files in os.walk(repo):
        dirs[:] = [d for d in dirs if d != ".kaava-cache"]
        for name in dirs + files:
            path = os.path.join(root, name)
            st = os.lstat(path)
            digest = ""
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            # A folder's time changes with what is made in it (the cache): its files say what changed.
            mtime = st.st_mtime_ns if not os.path.isdir(path) or os.path.islink(path) else 0
            out[os.path.relpath(path, repo)] = (st.st_mode, mtime, digest)
    return out


def kaava(*args, cwd, stdin=None, env=None, repo=None):
    before = state(repo) if repo else None
    p = subprocess.run([KAAVA, *args], cwd=cwd, input=stdin.encode() if stdin is not None else None,
                       capture_output=True, timeout=60, env=env)
    if repo and state(repo) != before:
        changed = {k for k in set(before) | set(state(repo)) if before.get(k) != state(repo).get(k)}
        fail(f"kaava {' '.join(args)} changed the repository: {sorted(changed)}")
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def findings(out):
    return [(d["rule"], d["file"], d["line"]) for d in json.loads(out)["diagnostics"]]


def expect(got, wanted, what):
    if got != wanted:
        fail(f"{what}: got {got!r}, expected {wanted!r}")


def case_rev(tmp):
    # A broken file committed, then fixed in the working tree.
    repo = new_repo(tmp, {"kaava.yaml": CONFIG, "model/a.yaml": GOOD})
    write(repo, "model/a.yaml", BROKEN)
    git(repo, "commit", "-q", "-am", "broken")
    write(repo, "model/a.yaml", GOOD)
    rc, out, err = kaava("validate", "--format", "json", cwd=repo, repo=repo)
    expect((rc, findings(out)), (0, []), "the working tree")
    rc, out, err = kaava("validate", "--rev", "HEAD", "--format", "json", cwd=repo, repo=repo)
    expect((rc, findings(out)), (1, [("unknown-type", "model/a.yaml", 3)]), "--rev HEAD")
    rc, out, err = kaava("validate", "--rev", "HEAD~1", cwd=repo, repo=repo)
    expect(rc, 0, "--rev HEAD~1")
    if "revision HEAD~1" not in err:
        fail("the summary does not say which revision was read: " + err)
    # A branch and a tag, and PATH given from outside the repository.
    git(repo, "tag", "v1", "HEAD~1")
    rc, out, err = kaava("validate", repo, "--rev", "v1", cwd=tmp, repo=repo)
    expect(rc, 0, "--rev v1 from outside")
    rc, out, err = kaava("validate", repo, "--rev", "main", cwd=tmp, repo=repo)
    expect(rc, 1, "--rev main")
    # The text report shows the revision's line, not the working tree's.
    if "type: gaol" not in err:
        fail("the excerpt is not the revision's text: " + err)


def case_rev_subfolder(tmp):
    # The model repository is a folder inside the git repository; a file
    # only in the revision is read, one only in the working tree is not.
    repo = new_repo(tmp, {"docs/README.md": "x\n", "ea/kaava.yaml": CONFIG, "ea/model/a.yaml": GOOD,
                          "ea/model/old.yaml": "elements:\n  - { id: c, type: goal, name: C, influences: [a] }\n"})
    os.remove(os.path.join(repo, "ea/model/old.yaml"))
    write(repo, "ea/model/new.yaml", "elements: [\n")
    rc, out, err = kaava("validate", "ea", "--format", "json", cwd=repo, repo=repo)
    expect([f[1] for f in findings(out)], ["model/new.yaml"], "the working tree reads new.yaml")
    rc, out, err = kaava("validate", "ea", "--rev", "HEAD", cwd=repo, repo=repo)
    expect(rc, 0, "--rev HEAD in a subfolder")
    if "2 files, 3 elements" not in err:
        fail("the revision's files were not read: " + err)
    rc, out, err = kaava("validate", "--rev", "HEAD", cwd=os.path.join(repo, "ea", "model"), repo=repo)
    expect(rc, 0, "--rev HEAD from a folder below the model repository")


def case_staged(tmp):
    repo = new_repo(tmp, {"kaava.yaml": CONFIG, "model/a.yaml": GOOD})
    # Staged but not committed: the broken file is what a commit would record.
    write(repo, "model/a.yaml", BROKEN)
    git(repo, "add", "model/a.yaml")
    write(repo, "model/a.yaml", GOOD)
    rc, out, err = kaava("validate", "--staged", "--format", "json", cwd=repo, repo=repo)
    expect((rc, findings(out)), (1, [("unknown-type", "model/a.yaml", 3)]), "--staged with a broken stage")
    rc, out, err = kaava("validate", cwd=repo, repo=repo)
    expect(rc, 0, "the working tree is fixed")
    # An unstaged broken edit neither passes nor fails a commit.
    git(repo, "add", "model/a.yaml")
    write(repo, "model/a.yaml", BROKEN)
    rc, out, err = kaava("validate", "--staged", cwd=repo, repo=repo)
    expect(rc, 0, "--staged with the broken edit unstaged")
    if "the index" not in err:
        fail("the summary does not say the index was read: " + err)
    # A new file that is only staged counts; one that is not, does not.
    write(repo, "model/new.yaml", "elements: [\n")
    rc, out, err = kaava("validate", "--staged", cwd=repo, repo=repo)
    expect(rc, 0, "an untracked file is not in the index")
    git(repo, "add", "model/new.yaml")
    rc, out, err = kaava("validate", "--staged", "--format", "json", cwd=repo, repo=repo)
    expect((rc, [f[:2] for f in findings(out)]), (1, [("yaml-syntax", "model/new.yaml")]), "a staged new file")


def case_stdin(tmp):
    repo = new_repo(tmp, {"kaava.yaml": CONFIG, "model/a.yaml": GOOD})
    # Unsaved text on stdin: that file's findings, the rest of the repository resolving.
    rc, out, err = kaava("validate", "--stdin-filename", "model/a.yaml", "--format", "json", cwd=repo,
                         stdin=BROKEN, repo=repo)
    expect((rc, findings(out)), (1, [("unknown-type", "model/a.yaml", 3)]), "a broken buffer")
    rc, out, err = kaava("validate", "--stdin-filename", "model/a.yaml", cwd=repo, stdin=GOOD, repo=repo)
    expect(rc, 0, "a good buffer")
    # A file that does not exist yet, referring to the saved ones.
    rc, out, err = kaava("validate", "--stdin-filename", os.path.join(repo, "model", "c.yaml"), "--format", "json",
                         cwd=tmp, stdin="elements:\n  - { id: c, type: goal, name: C, influences: [a, nope] }\n",
                         repo=repo)
    expect((rc, findings(out)), (1, [("dangling-reference", "model/c.yaml", 2)]), "a new unsaved file")
    # Over a revision: the buffer replaces the revision's file.
    rc, out, err = kaava("validate", "--rev", "HEAD", "--stdin-filename", "model/a.yaml", cwd=repo, stdin=BROKEN,
                         repo=repo)
    expect(rc, 1, "a buffer over --rev HEAD")
    rc, out, err = kaava("validate", ".", "--stdin-filename", "model/a.yaml", cwd=repo, stdin=GOOD, repo=repo)
    expect(rc, 2, "PATH and --stdin-filename together")


def case_render(tmp):
    repo = new_repo(tmp, {"kaava.yaml": CONFIG, "model/a.yaml": GOOD + "views:\n  - { id: v, name: V }\n"})
    write(repo, "model/a.yaml", GOOD.replace("name: B", "name: Bee") + "views:\n  - { id: v, name: V }\n")
    out_dir = os.path.join(tmp, "out")
    rc, out, err = kaava("render", "--rev", "HEAD", "--format", "dot", "-o", out_dir, cwd=repo, repo=repo)
    expect(rc, 0, "render --rev HEAD")
    with open(os.path.join(out_dir, "v.dot"), encoding="utf-8") as f:
        dot = f.read()
    if "Bee" in dot or "label=<B<BR/>" not in dot:
        fail("the view was not drawn from the revision: " + dot[:400])
    rc, out, err = kaava("render", "--format", "dot", "-o", out_dir, cwd=repo, repo=repo)
    with open(os.path.join(out_dir, "v.dot"), encoding="utf-8") as f:
        if "Bee" not in f.read():
            fail("the working tree's view was not drawn")


def case_errors(tmp):
    plain = os.path.join(tmp, "plain")
    os.makedirs(plain)
    write(plain, "kaava.yaml", CONFIG)
    rc, out, err = kaava("validate", "--rev", "HEAD", cwd=plain)
    expect(rc, 2, "not a git repository")
    if "is not in a git repository" not in err:
        fail("no 'not in a git repository' message: " + err)
    rc, out, err = kaava("validate", "--staged", cwd=plain)
    expect(rc, 2, "--staged outside git")

    repo = new_repo(tmp, {"kaava.yaml": CONFIG, "model/a.yaml": GOOD})
    for rev, message in (("no-such-branch", "unknown revision 'no-such-branch'"),
                         ("--output=x", "is not a revision"),
                         ("HEAD~5", "unknown revision 'HEAD~5'")):
        rc, out, err = kaava("validate", "--rev", rev, cwd=repo, repo=repo)
        expect(rc, 2, f"--rev {rev}")
        if message not in err:
            fail(f"--rev {rev}: no {message!r} in: {err}")
    rc, out, err = kaava("validate", "--rev", "HEAD", "--staged", cwd=repo, repo=repo)
    expect(rc, 2, "--rev with --staged")

    # git missing: a PATH without it.
    rc, out, err = kaava("validate", "--rev", "HEAD", cwd=repo, env={"PATH": "/nonexistent"}, repo=repo)
    expect(rc, 2, "git missing")
    if "git is not installed" not in err:
        fail("no 'git is not installed' message: " + err)

    # A path the revision does not have, and one outside the git repository.
    os.makedirs(os.path.join(repo, "later"))
    write(repo, "later/kaava.yaml", CONFIG)
    rc, out, err = kaava("validate", "later", "--rev", "HEAD", cwd=repo, repo=repo)
    expect(rc, 2, "a folder the revision lacks")
    if "revision HEAD does not have it" not in err:
        fail("the missing folder's message: " + err)
    outside = os.path.join(tmp, "outside")
    os.makedirs(os.path.join(outside, "model"))
    write(outside, "kaava.yaml", CONFIG)
    write(repo, "kaava.yaml", CONFIG + "imports: [../outside]\n")
    git(repo, "commit", "-q", "-am", "import outside")
    rc, out, err = kaava("validate", "--rev", "HEAD", "--format", "json", cwd=repo, repo=repo)
    msgs = [d["message"] for d in json.loads(out)["diagnostics"]]
    if rc != 1 or not any("outside the git repository" in m for m in msgs):
        fail(f"an import outside the git repository: exit {rc}, {msgs}")

    # A symbolic link in the tree: not followed, said where.
    os.symlink("a.yaml", os.path.join(repo, "model", "link.yaml"))
    git(repo, "add", "model/link.yaml")
    git(repo, "commit", "-q", "-m", "link")
    rc, out, err = kaava("validate", "--rev", "HEAD", "--format", "json", cwd=repo, repo=repo)
    found = json.loads(out)["diagnostics"]
    if rc != 2 or not any(d["rule"] == "io-error" and d["file"] == "model/link.yaml"
                          and "symbolic link" in d["message"] for d in found):
        fail(f"a symbolic link in the tree: exit {rc}, {found}")


def case_submodule(tmp):
    # A submodule under the sources: its files are another repository's, so
    # a revision skips it with a note; the rest is validated.
    sub = new_repo(os.path.join(tmp, "s"), {"x.yaml": "elements: [\n"})
    repo = new_repo(tmp, {"kaava.yaml": CONFIG, "model/a.yaml": GOOD})
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", sub, "model/vendor")
    git(repo, "commit", "-q", "-m", "submodule")
    rc, out, err = kaava("validate", "--rev", "HEAD", "--format", "json", cwd=repo, repo=repo)
    found = json.loads(out)["diagnostics"]
    if rc != 0 or [d["rule"] for d in found] != ["nested-repository"] or "submodule" not in found[0]["message"]:
        fail(f"a submodule in the tree: exit {rc}, {found}")


def case_revisions(tmp):
    # Whatever git reads as a revision; a folder or a file inside one is
    # refused with what to write instead; an empty repository says so.
    repo = new_repo(tmp, {"kaava.yaml": CONFIG, "model/a.yaml": BROKEN})
    write(repo, "model/a.yaml", GOOD)
    git(repo, "commit", "-q", "-am", "fixed the goal")
    for rev, code in ((":/fixed the goal", 0), (":/first", 1), ("HEAD^{tree}", 0), ("HEAD~1^{tree}", 1), ("@", 0)):
        rc, out, err = kaava("validate", "--rev", rev, cwd=repo, repo=repo)
        expect(rc, code, f"--rev {rev}")
    for rev, message in (("HEAD:model", "is a folder inside a revision; name the revision and the folder instead: "
                                        "--rev HEAD model"),
                         ("HEAD:model/a.yaml", "is a file in a revision, not a commit or a tree"),
                         ("", "needs a value")):
        rc, out, err = kaava("validate", "--rev", rev, cwd=repo, repo=repo)
        if rc != 2 or message not in err:
            fail(f"--rev {rev!r}: exit {rc}, {err}")
    # A bare repository has revisions and no work tree, and no index.
    bare = os.path.join(tmp, "bare.git")
    subprocess.run(["git", "clone", "-q", "--bare", repo, bare], check=True, capture_output=True)
    rc, out, err = kaava("validate", "--rev", "HEAD~1", bare, cwd=tmp, repo=bare)
    expect(rc, 1, "--rev HEAD~1 of a bare repository")
    rc, out, err = kaava("validate", "--staged", bare, cwd=tmp, repo=bare)
    if rc != 2 or "bare git repository, which has no index" not in err:
        fail(f"--staged in a bare repository: exit {rc}, {err}")
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    git(empty, "init", "-q")
    write(empty, "kaava.yaml", CONFIG)
    rc, out, err = kaava("validate", "--rev", "HEAD", cwd=empty, repo=empty)
    if rc != 2 or "has no commits yet" not in err:
        fail(f"--rev HEAD without commits: exit {rc}, {err}")


def case_outputs(tmp):
    # --output never writes into .git, over a model file, or a new model file.
    repo = new_repo(tmp, {"kaava.yaml": CONFIG, "model/a.yaml": GOOD})
    for target, message in ((".git/config", "a .git folder or inside one"),
                            (".git/", "a .git folder or inside one"),
                            ("model/a.yaml", "is a file of the model"),
                            ("model/report.yaml", "would be read as part of the model")):
        rc, out, err = kaava("validate", "--rev", "HEAD", "--format", "json", "--output", target, cwd=repo, repo=repo)
        if rc != 2 or message not in err:
            fail(f"--output {target}: exit {rc}, {err}")
    rc, out, err = kaava("render", "--rev", "HEAD", "--viewpoint", "motivation", "-o", ".git/views", "--force", cwd=repo, repo=repo)
    if rc != 2 or ".git folder" not in err:
        fail(f"render -o .git/views: exit {rc}, {err}")
    reports = os.path.join(tmp, "reports")
    rc, out, err = kaava("validate", "--rev", "HEAD", "--format", "sarif", "--output", reports + "/", cwd=repo,
                         repo=repo)
    if rc != 0 or not os.path.isfile(os.path.join(reports, "kaava.sarif")):
        fail(f"--output DIR/: exit {rc}, {err}")


def case_links(tmp):
    # Links in a revision are not followed: a linked source folder or
    # kaava.yaml is input that cannot be read (exit 2, saying which); a link
    # that could never be a model file is passed over, as on disk.
    repo = new_repo(tmp, {"kaava.yaml": CONFIG, "real/a.yaml": GOOD,
                          "model/b.yaml": "elements:\n  - { id: c, type: goal, name: C }\n"})
    os.symlink("b.yaml", os.path.join(repo, "model", "notes.txt"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a note")
    rc, out, err = kaava("validate", "--rev", "HEAD", cwd=repo, repo=repo)
    expect(rc, 0, "a link named notes.txt")
    write(repo, "kaava.yaml", CONFIG + "sources: [model, linked]\n")
    os.symlink("real", os.path.join(repo, "linked"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "linked source")
    rc, out, err = kaava("validate", "--rev", "HEAD", "--format", "json", cwd=repo, repo=repo)
    found = json.loads(out)["diagnostics"]
    if rc != 2 or not any(d["rule"] == "io-error" and "source folder 'linked' is a symbolic link" in d["message"]
                          for d in found):
        fail(f"a linked source folder: exit {rc}, {found}")
    os.rename(os.path.join(repo, "kaava.yaml"), os.path.join(repo, "real.yaml"))
    os.symlink("real.yaml", os.path.join(repo, "kaava.yaml"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "linked kaava.yaml")
    rc, out, err = kaava("validate", "--rev", "HEAD", cwd=repo, repo=repo)
    if rc != 2 or "kaava.yaml: a symbolic link in revision HEAD" not in err:
        fail(f"a linked kaava.yaml: exit {rc}, {err}")


def case_hook_env(tmp):
    # A hook runs at the top with git's variables set, some relative
    # (GIT_INDEX_FILE for `git commit FILE`): they hold for a model
    # repository in a folder too.
    repo = new_repo(tmp, {"ea/kaava.yaml": CONFIG, "ea/model/a.yaml": GOOD})
    write(repo, "ea/model/a.yaml", BROKEN)
    git(repo, "add", "-A")
    write(repo, "ea/model/a.yaml", GOOD)
    env = dict(os.environ, GIT_DIR=".git", GIT_INDEX_FILE=".git/index")
    rc, out, err = kaava("validate", "--staged", "ea", "--format", "json", cwd=repo, env=env, repo=repo)
    expect((rc, findings(out)), (1, [("unknown-type", "model/a.yaml", 3)]), "--staged ea with relative GIT_* paths")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
with tempfile.TemporaryDirectory() as tmp:
    CASES[CASE](tmp)
print(CASE, "ok")
