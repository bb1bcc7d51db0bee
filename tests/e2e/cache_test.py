#!/usr/bin/env python3
"""The parse cache (.kaava-cache/), end to end: it never changes an answer,
survives damaged entries, stays out of the way when it cannot be written,
is turned off on request, is safe with runs at once, and git ignores it.

usage: cache_test.py KAAVA SOURCE_DIR CASE
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

KAAVA, SOURCE, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
ENV = {k: v for k, v in os.environ.items() if k != "KAAVA_NO_CACHE"}
GIT_ENV = dict(ENV, GIT_AUTHOR_NAME="kaava", GIT_AUTHOR_EMAIL="kaava@example.org",
               GIT_COMMITTER_NAME="kaava", GIT_COMMITTER_EMAIL="kaava@example.org")


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def run(*args, cwd=None, env=None):
    p = subprocess.run([KAAVA, *args], capture_output=True, timeout=120, cwd=cwd, env=env or ENV)
    return p.returncode, p.stdout, p.stderr


def repositories():
    """Every example and fixture repository of the source tree."""
    found = sorted(glob.glob(os.path.join(SOURCE, "examples", "*", "kaava.yaml")) +
                   glob.glob(os.path.join(SOURCE, "tests", "fixtures", "*", "kaava.yaml")))
    if len(found) < 8:
        fail(f"expected the examples and fixtures, found {found}")
    return [os.path.dirname(f) for f in found]


def copy(repo, tmp):
    target = os.path.join(tmp, os.path.basename(repo))
    shutil.copytree(repo, target, ignore=shutil.ignore_patterns(".kaava-cache", "out"))
    return target


def entries(repo):
    return sorted(glob.glob(os.path.join(repo, ".kaava-cache", "*.parsed")))


def reports(repo):
    """Every report format of one run, as bytes, with the exit code."""
    out = []
    for fmt in ("text", "json", "sarif", "junit", "github"):
        rc, stdout, stderr = run("validate", repo, "--format", fmt, "--color", "never")
        out.append((fmt, rc, stdout, stderr))
    return out


def case_equivalence():
    """Every fixture with and without the cache, cold and warm: the same reports byte for byte."""
    with tempfile.TemporaryDirectory() as tmp:
        for source in repositories():
            repo = copy(source, tmp)
            without = [(f, rc, o, e) for f, rc, o, e in
                       [(fmt,) + run("validate", repo, "--format", fmt, "--color", "never", "--no-cache")
                        for fmt in ("text", "json", "sarif", "junit", "github")]]
            if os.path.exists(os.path.join(repo, ".kaava-cache")):
                fail(f"{repo}: --no-cache made the cache")
            cold = reports(repo)
            if not entries(repo) and without[1][1] != 2:  # exit 2: nothing could be read (a bad metamodel)
                fail(f"{repo}: no cache entries after a run")
            warm = reports(repo)
            for a, b, c in zip(without, cold, warm):
                if not (a == b == c):
                    fail(f"{os.path.basename(repo)}: {a[0]} differs with the cache:\n{a}\n{b}\n{c}")
        print(f"{len(repositories())} repositories: the same reports with and without the cache")


def case_changed_file():
    """One file changed after the cache was made: only its entry is new, and the answer is the new one."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy(os.path.join(SOURCE, "examples", "esimerkkiopisto"), tmp)
        run("validate", repo)
        before = set(entries(repo))
        path = os.path.join(repo, "model", "applications.yaml")
        text = open(path, encoding="utf-8").read()
        open(path, "w", encoding="utf-8").write(text.replace("type: application-component", "type: aplication-component", 1))
        cached = run("validate", repo, "--format", "json")
        fresh = run("validate", repo, "--format", "json", "--no-cache")
        if cached != fresh or b"aplication-component" not in cached[1]:
            fail(f"changed file: {cached[1][:500]!r}")
        new = set(entries(repo)) - before
        if len(new) != 1:
            fail(f"one file changed, {len(new)} new entries")
    print("a changed file is parsed again, alone")


def case_damaged():
    """Truncated, altered, empty, foreign and garbage entries are ignored and written anew."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy(os.path.join(SOURCE, "examples", "esimerkkiopisto"), tmp)
        expected = run("validate", repo, "--format", "json", "--no-cache")
        run("validate", repo)
        files = entries(repo)
        if len(files) < 5:
            fail(f"entries: {files}")
        good = {f: open(f, "rb").read() for f in files}
        damage = [lambda b: b[: len(b) // 2], lambda b: b[:10] + bytes([b[10] ^ 1]) + b[11:], lambda b: b"",
                  lambda b: os.urandom(len(b))]
        for f, hurt in zip(files, damage):
            open(f, "wb").write(hurt(good[f]))
        # A foreign entry: another file's, under this one's name.
        open(files[4], "wb").write(good[files[0]])
        got = run("validate", repo, "--format", "json")
        if got != expected:
            fail(f"damaged entries changed the answer:\n{got}\n{expected}")
        for f in files[:5]:
            if open(f, "rb").read() != good[f]:
                fail(f"{os.path.basename(f)} was not written anew")
        # A folder where an entry should be: no crash, the same answer.
        os.remove(files[0])
        os.mkdir(files[0])
        if run("validate", repo, "--format", "json") != expected:
            fail("a folder in place of an entry changed the answer")
    print("damaged entries ignored and rewritten")


def case_unwritable():
    """A cache that cannot be made (a file in its place) or written: no cache, not an error."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy(os.path.join(SOURCE, "examples", "minimal"), tmp)
        expected = run("validate", repo, "--format", "json", "--no-cache")
        blocker = os.path.join(repo, ".kaava-cache")
        open(blocker, "w").write("not a folder\n")
        got = run("validate", repo, "--format", "json")
        if got != expected or open(blocker).read() != "not a folder\n":
            fail(f"a file named .kaava-cache: {got}")
        os.remove(blocker)
        if os.geteuid() != 0:  # root writes anywhere: the mode says nothing to it
            os.chmod(repo, 0o555)
            try:
                got = run("validate", repo, "--format", "json")
            finally:
                os.chmod(repo, 0o755)
            if got != expected or os.path.exists(blocker):
                fail(f"a read-only repository: {got}")
    print("no cache where it cannot be written")


def case_off():
    """--no-cache and KAAVA_NO_CACHE=1 neither read nor write it; KAAVA_NO_CACHE=0 does not turn it off."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy(os.path.join(SOURCE, "examples", "minimal"), tmp)
        folder = os.path.join(repo, ".kaava-cache")
        for cmd in (("validate", repo, "--no-cache"), ("render", repo, "--no-cache", "-o", os.path.join(tmp, "o")),
                    ("query", repo, "--no-cache"), ("stats", repo, "--no-cache"), ("docs", repo, "--no-cache", "-o", os.path.join(tmp, "d"))):
            rc, _, err = run(*cmd)
            if rc != 0 or os.path.exists(folder):
                fail(f"kaava {' '.join(cmd)}: exit {rc}, cache made: {os.path.exists(folder)}\n{err}")
        run("validate", repo, env=dict(ENV, KAAVA_NO_CACHE="1"))
        if os.path.exists(folder):
            fail("KAAVA_NO_CACHE=1 made the cache")
        run("validate", repo, env=dict(ENV, KAAVA_NO_CACHE="0"))
        if not entries(repo):
            fail("KAAVA_NO_CACHE=0 turned the cache off")
    print("--no-cache and KAAVA_NO_CACHE")


def case_concurrent():
    """Eight runs at once on a repository without a cache: the same answer each, whole entries after."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy(os.path.join(SOURCE, "examples", "esimerkkiopisto"), tmp)
        expected = run("validate", repo, "--format", "json", "--no-cache")
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda _: run("validate", repo, "--format", "json"), range(8)))
        if any(r != expected for r in results):
            fail("runs at once disagree")
        left = glob.glob(os.path.join(repo, ".kaava-cache", "*.kaava-tmp"))
        if left:
            fail(f"temporary files left: {left}")
        files = entries(repo)
        stamps = {f: os.stat(f).st_mtime_ns for f in files}
        if run("validate", repo, "--format", "json") != expected:
            fail("after runs at once")
        if any(os.stat(f).st_mtime_ns != stamps[f] for f in files):
            fail("an entry written at once was not whole: it was written again")
    print("runs at once")


def case_git():
    """git status stays clean: the cache ignores itself; kaava init's .gitignore names it; cache info and clean."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy(os.path.join(SOURCE, "examples", "minimal"), tmp)
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "model"]):
            subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, env=GIT_ENV)
        run("validate", repo)
        run("validate", repo, "--rev", "HEAD")
        status = subprocess.run(["git", "-C", repo, "status", "--porcelain", "--ignored=no"], capture_output=True,
                                text=True, check=True).stdout
        if status.strip():
            fail(f"git status after validate: {status}")
        rc, out, _ = run("cache", "info", repo)
        if rc != 0 or b"parsed file" not in out:
            fail(f"cache info: {rc} {out}")
        extra = os.path.join(repo, ".kaava-cache", "notes.txt")
        open(extra, "w").write("mine\n")
        rc, _, err = run("cache", "clean", repo)
        if rc != 2 or b"notes.txt" not in err or not os.path.exists(extra):
            fail(f"cache clean with a foreign file: {rc} {err}")
        os.remove(extra)
        rc, _, err = run("cache", "clean", repo)
        if rc != 0 or os.path.exists(os.path.join(repo, ".kaava-cache")):
            fail(f"cache clean: {rc} {err}")
        rc, _, err = run("cache", "clean", tmp)
        if rc != 2 or b"not in a model repository" not in err:
            fail(f"cache clean outside a repository: {rc} {err}")
        # The markers come back when they are gone, whoever made the folder.
        run("validate", repo)
        os.remove(os.path.join(repo, ".kaava-cache", ".gitignore"))
        open(os.path.join(repo, "model", "x.yaml"), "a").write("# new\n")
        run("validate", repo)
        if not os.path.exists(os.path.join(repo, ".kaava-cache", ".gitignore")):
            fail("the cache's .gitignore was not written again")
        os.remove(os.path.join(repo, "model", "x.yaml"))
        # A bare repository (a server-side hook): nothing written into it.
        bare = os.path.join(tmp, "bare.git")
        subprocess.run(["git", "clone", "-q", "--bare", repo, bare], check=True, capture_output=True, env=GIT_ENV)
        rc, _, err = run("validate", "--rev", "HEAD", bare)
        if rc != 0 or os.path.exists(os.path.join(bare, ".kaava-cache")):
            fail(f"--rev in a bare repository: exit {rc}, cache made: {os.path.exists(os.path.join(bare, '.kaava-cache'))} {err}")
        fresh = os.path.join(tmp, "fresh")
        run("init", fresh, "--name", "Uusi")
        if "/.kaava-cache/" not in open(os.path.join(fresh, ".gitignore")).read():
            fail("kaava init's .gitignore does not name the cache")
    print("git ignores the cache; cache info and clean")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    CASES[CASE]()
