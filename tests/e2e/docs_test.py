#!/usr/bin/env python3
"""Checks of `kaava docs`: goldens, links, escaping, one file, and the site in
a real browser (headless Chromium over the DevTools protocol, on a pipe).

usage: docs_test.py KAAVA SOURCE_DIR CASE
Regenerate the goldens with: scripts/update-goldens
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chromium import Browser  # noqa: E402

KAAVA, SOURCE, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
FIXTURE = os.path.join(SOURCE, "tests", "fixtures", "docs")
EXAMPLE = os.path.join(SOURCE, "examples", "esimerkkiopisto")
GOLDEN = os.path.join(SOURCE, "tests", "e2e", "expected", "docs")


def run(*args):
    p = subprocess.run([KAAVA, *args], capture_output=True, timeout=300)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def build(repo, out, *extra):
    rc, _, err = run("docs", repo, "-o", out, *extra)
    if rc != 0:
        fail(f"kaava docs {repo} {' '.join(extra)}: exit {rc}: {err}")
    return err


def files_of(folder):
    out = {}
    for base, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            out[os.path.relpath(path, folder)] = open(path, "rb").read()
    return out


class Links(html.parser.HTMLParser):
    """Every link (href, src, xlink:href) and every id of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key == "id" and value:
                self.ids.add(value)
            if key in ("href", "src", "xlink:href") and value is not None:
                self.links.append((tag, value))


def parse(path):
    p = Links()
    p.feed(open(path, encoding="utf-8").read())
    return p


def goldens():
    """The Markdown of the fixture, and the HTML of one element page, as expected."""
    with tempfile.TemporaryDirectory() as tmp:
        # A copy outside any git repository: no history on the home page, and
        # source links that do not depend on where kaava's source lies.
        repo = os.path.join(tmp, "repo")
        shutil.copytree(FIXTURE, repo)
        build(repo, os.path.join(tmp, "md"), "--format", "markdown")
        build(repo, os.path.join(tmp, "html"))
        got = {f"markdown/{k}": v for k, v in files_of(os.path.join(tmp, "md")).items() if k.endswith(".md")}
        got["html/elements/app.portal.html"] = open(os.path.join(tmp, "html", "elements", "app.portal.html"), "rb").read()
        if os.environ.get("KAAVA_UPDATE_GOLDENS"):
            shutil.rmtree(GOLDEN, ignore_errors=True)
            for name, data in got.items():
                os.makedirs(os.path.dirname(os.path.join(GOLDEN, name)), exist_ok=True)
                open(os.path.join(GOLDEN, name), "wb").write(data)
            print(f"wrote {len(got)} goldens")
            return
        want = {os.path.relpath(os.path.join(b, n), GOLDEN): open(os.path.join(b, n), "rb").read()
                for b, _, ns in os.walk(GOLDEN) for n in ns}
        if sorted(want) != sorted(got):
            fail(f"pages differ: missing {sorted(set(want) - set(got))}, new {sorted(set(got) - set(want))}")
        for name in sorted(want):
            if want[name] != got[name]:
                fail(f"{name} differs from tests/e2e/expected/docs/{name}:\n{got[name].decode()[:3000]}")
    print(f"{len(want)} pages as expected")


def links():
    """Every internal link and anchor of the example's site resolves; two builds are byte-identical."""
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        build(EXAMPLE, site)
        pages = [os.path.join(b, n) for b, _, ns in os.walk(site) for n in ns if n.endswith(".html")]
        parsed = {p: parse(p) for p in pages}
        checked = 0
        for page, p in parsed.items():
            for tag, link in p.links:
                if re.match(r"^(https?:|mailto:)", link):
                    continue
                target, _, anchor = link.partition("#")
                path = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(target))) if target else page
                if not path.startswith(site):
                    fail(f"{os.path.relpath(page, site)}: {link} leaves the site")
                if not os.path.isfile(path):
                    fail(f"{os.path.relpath(page, site)}: <{tag}> {link} does not exist")
                if anchor and path.endswith(".html") and anchor not in parse(path).ids if path not in parsed else anchor and anchor not in parsed[path].ids:
                    fail(f"{os.path.relpath(page, site)}: {link}: no id '{anchor}' there")
                checked += 1
        # The views' SVG files link to the element pages too.
        for b, _, ns in os.walk(site):
            for n in ns:
                if n.endswith(".svg"):
                    for link in re.findall(r'xlink:href="([^"]+)"', open(os.path.join(b, n), encoding="utf-8").read()):
                        if not os.path.isfile(os.path.normpath(os.path.join(b, link))):
                            fail(f"{n}: {link} does not exist")
                        checked += 1
        if checked < 1000:
            fail(f"only {checked} links checked")
        again = os.path.join(tmp, "again")
        build(EXAMPLE, again)
        a, b = files_of(site), files_of(again)
        a.pop(".kaava-output", None)
        b.pop(".kaava-output", None)
        if a != b:
            fail(f"two builds differ: {sorted(k for k in a if a.get(k) != b.get(k))[:5]}")
    print(f"{len(pages)} pages, {checked} links resolve; two builds are identical")


def markdown_links(root, wiki):
    """Every link and picture of the Markdown pages under `root`, resolved; the pages reachable from the
    home page. In a wiki, pages are linked by name (no folders, no .md), pictures as files."""
    pages = {os.path.relpath(os.path.join(b, n), root) for b, _, ns in os.walk(root) for n in ns if n.endswith(".md")}
    targets, checked = {}, 0
    for page in pages:
        text = open(os.path.join(root, page), encoding="utf-8").read()
        text = re.sub(r"`[^`]*`", "", text)
        out = []
        for link in re.findall(r"\]\(([^)\s]*)\)", text):
            link = re.sub(r"\\(.)", r"\1", link).replace("&amp;", "&")
            if re.match(r"^(https?:|mailto:)", link):
                continue
            target = link.split("#")[0]
            if wiki:
                if "/" in target:
                    fail(f"{page}: {link} is no wiki page name")
                file = target if target.endswith(".svg") else target + ".md"
            else:
                file = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(target)))
            if not os.path.isfile(os.path.join(root, file)):
                fail(f"{page}: {link} leads nowhere ({file})")
            out.append(file)
            checked += 1
        targets[page] = out
    home = [p for p in ("Home.md", "home.md", "index.md") if p in pages][0]
    seen, todo = {home}, [home]
    sidebar = [p for p in ("_Sidebar.md", "_sidebar.md") if p in pages]
    todo += sidebar
    seen.update(sidebar)
    while todo:
        for t in targets.get(todo.pop(), []):
            if t.endswith(".md") and t not in seen:
                seen.add(t)
                todo.append(t)
    if pages - seen:
        fail(f"pages no link reaches: {sorted(pages - seen)[:5]}")
    return len(pages), checked


def markdown():
    """Markdown for a repository (folders, .md links) and for GitHub and GitLab wikis (flat, by name): every
    link resolves and every page is reached from the home page, with --lang all too."""
    with tempfile.TemporaryDirectory() as tmp:
        total = 0
        for name, extra, wiki in (("files", ["--format", "markdown", "--lang", "all"], False),
                                  ("github", ["--wiki", "github"], True),
                                  ("gitlab", ["--wiki", "gitlab", "--lang", "all"], True)):
            out = os.path.join(tmp, name)
            build(EXAMPLE, out, *extra)
            pages, checked = markdown_links(out, wiki)
            if checked < 1000:
                fail(f"{name}: only {checked} links checked")
            total += checked
        if not os.path.isfile(os.path.join(tmp, "github", "Home.md")) or not os.path.isfile(
                os.path.join(tmp, "github", "_Sidebar.md")):
            fail("the GitHub wiki lacks Home.md or _Sidebar.md")
        if not os.path.isfile(os.path.join(tmp, "gitlab", "home.md")) or not os.path.isfile(
                os.path.join(tmp, "gitlab", "_sidebar.md")):
            fail("the GitLab wiki lacks home.md or _sidebar.md")
        if any("." in os.path.splitext(n)[0] for n in os.listdir(os.path.join(tmp, "github"))
               if n.endswith(".md")):
            fail("a wiki page name has a dot, which a wiki reads as a file's extension")
        switcher = open(os.path.join(tmp, "gitlab", "sv-element-app-sis.md"), encoding="utf-8").read()
        if "[fi](fi-element-app-sis)" not in switcher:
            fail("the wiki's language switcher does not lead to the same page:\n" + switcher[:400])
        rc, _, err = run("docs", EXAMPLE, "-o", os.path.join(tmp, "x"), "--wiki", "github", "--format", "html")
        if rc != 2 or "--wiki" not in err:
            fail(f"--wiki with --format html: exit {rc}: {err}")
    print(f"Markdown for files and wikis: {total} links resolve, every page reached from home")


def escaping():
    """Markup in the model is text on every page, in the index and in Markdown."""
    with tempfile.TemporaryDirectory() as tmp:
        build(FIXTURE, os.path.join(tmp, "html"))
        page = open(os.path.join(tmp, "html", "elements", "app.sis.html"), encoding="utf-8").read()
        for bad in ["<script>alert", "<img src=x", "<b>\"Opintohallinto"]:
            if bad in page:
                fail(f"{bad!r} reached the page unescaped")
        if "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" not in page:
            fail("the description's markup is not shown as text")
        portal = open(os.path.join(tmp, "html", "elements", "app.portal.html"), encoding="utf-8").read()
        if "javascript:" in portal or '<a href="https://example.org/ohje">ohje</a>' not in portal:
            fail("links in the description are not filtered to safe targets")
        index = open(os.path.join(tmp, "html", "assets", "search-index.js"), encoding="utf-8").read()
        if "</script" in index.lower() or "<b>" in index:
            fail("the search index holds raw markup")
        build(FIXTURE, os.path.join(tmp, "md"), "--format", "markdown")
        md = open(os.path.join(tmp, "md", "elements", "app.sis.md"), encoding="utf-8").read()
        if "<script>" in md or "<img" in md or "<b>" in md:
            fail(f"raw HTML in the Markdown:\n{md}")
    print("model markup stays text")


def single_file():
    """--single-file writes one index.html that references no other file."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "one")
        build(EXAMPLE, out, "--single-file")
        names = sorted(n for n in os.listdir(out) if n != ".kaava-output")
        if names != ["index.html"]:
            fail(f"--single-file wrote {names}")
        text = open(os.path.join(out, "index.html"), encoding="utf-8").read()
        p = Links()
        p.feed(text)
        for tag, link in p.links:
            if not (link.startswith("#") or re.match(r"^(https?:|mailto:)", link)):
                fail(f"<{tag}> refers to another file: {link}")
        for anchor in {l.partition("#")[2] for _, l in p.links if l.startswith("#")}:
            if anchor and anchor not in p.ids:
                fail(f"#{anchor} has no section")
        ids = re.findall(r'\sid="([^"]+)"', text)
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            fail(f"ids repeat in the one file: {repeated[:5]}")
        markers = re.findall(r'<marker id="([^"]+)"', text)
        if len(markers) < 10 or len(markers) != len(set(markers)):
            fail(f"{len(markers)} arrowhead markers, {len(set(markers))} of them distinct: the diagrams share ids")
        if "<style>" not in text or "window.KAAVA_INDEX" not in text:
            fail("styles or the search index are not inside the file")
        rc, _, err = run("docs", EXAMPLE, "-o", os.path.join(tmp, "x"), "--single-file", "--format", "markdown")
        if rc != 2 or "--single-file" not in err:
            fail(f"--single-file with markdown: exit {rc}: {err}")
    print(f"one file of {len(text) // 1024} KiB, {len(p.links)} links, all inside it")


def errors():
    """Bad templates, languages and folders are clear errors."""
    with tempfile.TemporaryDirectory() as tmp:
        templates = os.path.join(tmp, "t")
        os.makedirs(templates)
        open(os.path.join(templates, "element.mustache"), "w").write("<h1>{{name}}</h1>\n{{#names}}\n<p>x</p>\n")
        rc, _, err = run("docs", FIXTURE, "-o", os.path.join(tmp, "a"), "--templates", templates)
        if rc != 2 or "element.mustache:2:1: malformed template: Unclosed section \"names\"" not in err:
            fail(f"a malformed template: exit {rc}: {err}")
        open(os.path.join(templates, "element.mustache"), "w").write("{{> element-tabel}}\n")
        rc, _, err = run("docs", FIXTURE, "-o", os.path.join(tmp, "a"), "--templates", templates)
        if rc != 2 or "element.mustache:1:1: the partial '{{> element-tabel}}' is not a template (did you mean 'element-table'?)" not in err:
            fail(f"a missing partial: exit {rc}: {err}")
        os.remove(os.path.join(templates, "element.mustache"))
        open(os.path.join(templates, "elemnt.mustache"), "w").write("x")
        rc, _, err = run("docs", FIXTURE, "-o", os.path.join(tmp, "a"), "--templates", templates)
        if rc != 2 or "did you mean 'element'?" not in err:
            fail(f"a misnamed template: exit {rc}: {err}")
        os.remove(os.path.join(templates, "elemnt.mustache"))
        open(os.path.join(templates, "kava.css"), "w").write("x")
        rc, _, err = run("docs", FIXTURE, "-o", os.path.join(tmp, "a"), "--templates", templates)
        if rc != 2 or "did you mean 'kaava.css'?" not in err:
            fail(f"a misnamed stylesheet: exit {rc}: {err}")
        os.remove(os.path.join(templates, "kava.css"))
        repo = os.path.join(tmp, "repo")
        shutil.copytree(FIXTURE, repo)
        with open(os.path.join(repo, "kaava.yaml"), "a") as f:
            f.write("docs:\n  home: view.aps\n")
        rc, _, err = run("docs", repo, "-o", os.path.join(tmp, "h"))
        if rc != 2 or "kaava.yaml:12:9: error: docs.home 'view.aps' is no view of the model (did you mean 'view.apps'?)" not in err:
            fail(f"a misspelt docs.home: exit {rc}: {err}")
        open(os.path.join(templates, "element.mustache"), "w").write("<h1 class=mine>{{name}}</h1>\n")
        build(FIXTURE, os.path.join(tmp, "b"), "--templates", templates)
        if "<h1 class=mine>" not in open(os.path.join(tmp, "b", "elements", "app.portal.html"), encoding="utf-8").read():
            fail("an overriding template is not used")
        rc, _, err = run("docs", FIXTURE, "-o", os.path.join(tmp, "c"), "--lang", "de")
        if rc != 2 or "--lang" not in err:
            fail(f"--lang de: exit {rc}: {err}")
        foreign = os.path.join(tmp, "foreign")
        os.makedirs(foreign)
        open(os.path.join(foreign, "notes.txt"), "w").write("mine")
        rc, _, err = run("docs", FIXTURE, "-o", foreign)
        if rc != 2 or "did not write" not in err or open(os.path.join(foreign, "notes.txt")).read() != "mine":
            fail(f"a folder with other files: exit {rc}: {err}")
        build(FIXTURE, os.path.join(tmp, "all"), "--lang", "all")
        for lang in ("fi", "sv", "en"):
            page = open(os.path.join(tmp, "all", lang, "elements", "app.portal.html"), encoding="utf-8").read()
            if f'<html lang="{lang}">' not in page or 'hreflang="sv"' not in page:
                fail(f"--lang all: the {lang} tree has no switcher")
        if "Arbetsplatsportal" not in open(os.path.join(tmp, "all", "sv", "elements", "app.portal.html"), encoding="utf-8").read():
            fail("--lang all: the sv tree is not in Swedish")
    print("template, language and folder errors are clear; overrides and --lang all work")


def template_files():
    """Template folders are read with care: links out of them, folders, pipes, binary and huge files,
    partials that include each other, and docs.templates read from the revision being documented."""
    with tempfile.TemporaryDirectory() as tmp:
        t = os.path.join(tmp, "t")
        os.makedirs(t)

        def expect(what, needle, *extra):
            out = os.path.join(tmp, "out")
            rc, _, err = run("docs", FIXTURE, "-o", out, "--templates", t, *extra)
            if rc != 2 or needle not in err:
                fail(f"{what}: exit {rc}: {err}")
            if os.path.exists(out):
                fail(f"{what}: the output folder was written")

        secret = os.path.join(tmp, "secret.txt")
        open(secret, "w").write("SECRET")
        os.symlink(secret, os.path.join(t, "home.mustache"))
        expect("a link out of the folder", "home.mustache: a symbolic link that leads out of")
        os.remove(os.path.join(t, "home.mustache"))
        open(os.path.join(t, "element-table.mustache"), "w").write("R {{> element-table}}\n")
        expect("a partial including itself", "element-table.mustache:1:3: the partial '{{> element-table}}' leads back to itself "
               "(element-table -> element-table)", "--format", "markdown")
        open(os.path.join(t, "element-table.mustache"), "w").write("{{> view}}\n")
        open(os.path.join(t, "view.mustache"), "w").write("{{> element-table}}\n")
        expect("partials including each other", "(element-table -> view -> element-table)")
        os.remove(os.path.join(t, "view.mustache"))
        open(os.path.join(t, "element-table.mustache"), "w").write("{{#rows}}\n{{name}}{{/row}}\n")
        expect("a section closed by another name", "element-table.mustache:2:9: malformed template: '{{/row}}' closes the "
               "section 'rows' opened at 1:1")
        os.remove(os.path.join(t, "element-table.mustache"))
        os.makedirs(os.path.join(t, "element.mustache"))
        expect("a folder named as a template", "element.mustache: is a folder, not a template file")
        os.rmdir(os.path.join(t, "element.mustache"))
        os.mkfifo(os.path.join(t, "home.mustache"))
        expect("a pipe", "home.mustache: is not a regular file")
        os.remove(os.path.join(t, "home.mustache"))
        open(os.path.join(t, "home.mustache"), "wb").write(b"<p>ok</p>\n\xff\xfe")
        expect("bytes that are no UTF-8", "home.mustache:2:1: not UTF-8 text (byte 0xFF)")
        open(os.path.join(t, "home.mustache"), "wb").write(b"a" * (5 << 20))
        expect("a huge template", "a template or asset may have at most 4 MiB")
        open(os.path.join(t, "home.mustache"), "w").write("<p>root</p>\n")
        os.makedirs(os.path.join(t, "markdown"))
        expect("a template beside markdown/", "move 'home.mustache' into html/")
        shutil.rmtree(t)

        # docs.templates is the repository's: a link out of the repository is
        # refused, and --rev reads the revision's templates.
        repo = os.path.join(tmp, "repo")
        shutil.copytree(FIXTURE, repo)
        os.makedirs(os.path.join(repo, "site-templates"))
        with open(os.path.join(repo, "kaava.yaml"), "a") as f:
            f.write("docs:\n  templates: site-templates\n")
        os.symlink(secret, os.path.join(repo, "site-templates", "home.mustache"))
        rc, _, err = run("docs", repo, "-o", os.path.join(tmp, "s"))
        if rc != 2 or "home.mustache: a symbolic link that leads out of" not in err:
            fail(f"docs.templates with a link out of the repository: exit {rc}: {err}")
        os.remove(os.path.join(repo, "site-templates", "home.mustache"))
        open(os.path.join(repo, "site-templates", "home.mustache"), "w").write("<p>COMMITTED</p>\n")
        env = dict(os.environ, GIT_AUTHOR_NAME="a", GIT_AUTHOR_EMAIL="a@example.org", GIT_COMMITTER_NAME="a",
                   GIT_COMMITTER_EMAIL="a@example.org")
        for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "malli"]):
            subprocess.run(["git", "-C", repo, *cmd], check=True, env=env, capture_output=True)
        open(os.path.join(repo, "site-templates", "home.mustache"), "w").write("<p>WORKING TREE</p>\n")
        build(repo, os.path.join(tmp, "rev"), "--rev", "HEAD")
        home = open(os.path.join(tmp, "rev", "index.html"), encoding="utf-8").read()
        if "COMMITTED" not in home or "WORKING TREE" in home:
            fail("--rev HEAD did not read the revision's templates")
        shutil.rmtree(os.path.join(repo, "site-templates"))
        build(repo, os.path.join(tmp, "rev2"), "--rev", "HEAD")
        # docs.templates names a folder in the repository, not elsewhere.
        os.makedirs(os.path.join(tmp, "outside"))
        open(os.path.join(tmp, "outside", "home.mustache"), "w").write("OUTSIDE\n")
        text = open(os.path.join(repo, "kaava.yaml")).read().replace("templates: site-templates", "templates: ../outside")
        open(os.path.join(repo, "kaava.yaml"), "w").write(text)
        rc, _, err = run("docs", repo, "-o", os.path.join(tmp, "o"))
        if rc != 2 or "kaava.yaml:" not in err or "docs.templates '../outside' is outside the repository" not in err:
            fail(f"docs.templates out of the repository: exit {rc}: {err}")
    print("template links, folders, pipes, bytes, sizes, circles and revisions are handled")


def git():
    """In git: the home page lists each model file's last commit, and source links name files from the git root."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        shutil.copytree(FIXTURE, os.path.join(repo, "arch"))
        env = dict(os.environ, GIT_AUTHOR_NAME="Arkkitehti Ä", GIT_AUTHOR_EMAIL="a@example.org",
                   GIT_COMMITTER_NAME="Arkkitehti Ä", GIT_COMMITTER_EMAIL="a@example.org",
                   GIT_AUTHOR_DATE="2026-03-04T10:00:00", GIT_COMMITTER_DATE="2026-03-04T10:00:00")
        for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "malli"]):
            subprocess.run(["git", "-C", repo, *cmd], check=True, env=env, capture_output=True)
        build(os.path.join(repo, "arch"), os.path.join(tmp, "site"))
        home = open(os.path.join(tmp, "site", "index.html"), encoding="utf-8").read()
        if "<td>model/model.yaml</td>" not in home or "2026-03-04" not in home or "Arkkitehti Ä" not in home:
            fail("the home page lacks the model file's last commit:\n" + home)
        page = open(os.path.join(tmp, "site", "elements", "app.sis.html"), encoding="utf-8").read()
        if 'href="https://example.org/ea/blob/main/arch/model/model.yaml#L21"' not in page:
            fail("the source link does not name the file from the git root")
        # A file name with ä and a space is listed as it is (git quotes such
        # names unless asked not to), and --rev shows that revision's history.
        open(os.path.join(repo, "arch", "model", "työ paikka.yaml"), "w", encoding="utf-8").write(
            "elements:\n  - id: cap.x\n    type: capability\n    name: Työ\n    description: Uusi.\n")
        env.update(GIT_AUTHOR_DATE="2026-05-06T10:00:00", GIT_COMMITTER_DATE="2026-05-06T10:00:00")
        for cmd in (["add", "-A"], ["commit", "-qm", "uusi"]):
            subprocess.run(["git", "-C", repo, *cmd], check=True, env=env, capture_output=True)
        build(os.path.join(repo, "arch"), os.path.join(tmp, "site2"))
        home = open(os.path.join(tmp, "site2", "index.html"), encoding="utf-8").read()
        if "<td>model/työ paikka.yaml</td>" not in home or "2026-05-06" not in home:
            fail("the home page lacks a file named with ä and a space:\n" + home)
        build(os.path.join(repo, "arch"), os.path.join(tmp, "site3"), "--rev", "HEAD~1")
        home = open(os.path.join(tmp, "site3", "index.html"), encoding="utf-8").read()
        if "2026-05-06" in home or "2026-03-04" not in home:
            fail("--rev HEAD~1 shows commits after that revision:\n" + home)
    print("last commits on the home page (names as written, of the revision documented); source links from the git root")


def browser():
    """The site in Chromium: pages load without console errors, search finds ä, a node click
    reaches its element page, and markup in a description runs nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        build(EXAMPLE, site)
        # The fixture with a name in another script, for search.
        repo = os.path.join(tmp, "repo")
        shutil.copytree(FIXTURE, repo)
        open(os.path.join(repo, "model", "other.yaml"), "w", encoding="utf-8").write(
            "elements:\n  - id: app.other\n    type: application-component\n"
            "    name: { fi: Muu järjestelmä, sv: Annat system, en: Система учёта }\n")
        fixture = os.path.join(tmp, "fixture")
        build(repo, fixture)
        b = Browser()
        try:
            url = lambda *parts: "file://" + urllib.parse.quote(os.path.join(*parts))
            for page in ("index.html", "elements/app.sis.html", "views/view.layered.html", "elements.html",
                         "metamodel.html", "findings.html"):
                b.open(url(site, page))
                time.sleep(0.2)
                if b.problems():
                    fail(f"{page}: {b.problems()}")
            # Search: "tyopaikkaohjaaj" finds "Työpaikkaohjaajan portaali", and "ä" finds words with a.
            s = b.open(url(site, "search.html") + "?q=ty%C3%B6paikkaohjaajan+portaali")
            hits = b.evaluate(s, "Array.from(document.querySelectorAll('#search-results a')).map(a => a.textContent)")
            if "Työpaikkaohjaajan portaali" not in (hits or []):
                fail(f"search for 'työpaikkaohjaajan portaali' found {hits}")
            s = b.open(url(site, "search.html") + "?q=" + urllib.parse.quote("henkilökunnan käyttöliittymä"))
            hits = b.evaluate(s, "Array.from(document.querySelectorAll('#search-results a')).map(a => a.textContent)")
            if "Henkilökunnan käyttöliittymä" not in (hits or []):
                fail(f"search for 'henkilökunnan käyttöliittymä' found {hits}")
            s = b.open(url(site, "search.html") + "?q=tyopaikkaohjaajan")
            hits = b.evaluate(s, "Array.from(document.querySelectorAll('#search-results a')).map(a => a.textContent)")
            if "Työpaikkaohjaajan portaali" not in (hits or []):
                fail(f"search without accents found {hits}")
            # An exact id comes first; words of any script are words.
            s = b.open(url(site, "search.html") + "?q=app.sis")
            hits = b.evaluate(s, "Array.from(document.querySelectorAll('#search-results a')).map(a => a.getAttribute('href'))")
            if not hits or not hits[0].endswith("elements/app.sis.html"):
                fail(f"search for the id app.sis did not put it first: {hits[:5] if hits else hits}")
            s = b.open(url(fixture, "search.html") + "?q=" + urllib.parse.quote("система"))
            hits = b.evaluate(s, "Array.from(document.querySelectorAll('#search-results a')).map(a => a.getAttribute('href'))")
            if not hits or not hits[0].endswith("elements/app.other.html"):
                fail(f"search for 'система' found {hits}")
            s = b.open(url(fixture, "search.html") + "?q=" + urllib.parse.quote("%%%"))
            status = b.evaluate(s, "document.getElementById('search-status').textContent")
            if not status:
                fail("a query without words says nothing")
            # A click on a node of a view goes to its element page.
            s = b.open(url(site, "views", "view.layered.html"))
            target = b.evaluate(s, "(() => { const a = document.querySelector('figure.view-svg svg a');"
                                   " const r = a.getBoundingClientRect(); a.scrollIntoView();"
                                   " return a.getAttribute('xlink:href') || a.getAttribute('href'); })()")
            if not target:
                fail("no linked node in the view")
            box = b.evaluate(s, "(() => { const r = document.querySelector('figure.view-svg svg a').getBoundingClientRect();"
                                " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
            for kind in ("mousePressed", "mouseReleased"):
                b.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left",
                                                    "clickCount": 1}, session=s)
            deadline = time.time() + 10
            while time.time() < deadline and "/elements/" not in (b.evaluate(s, "location.href") or ""):
                time.sleep(0.1)
            landed = b.evaluate(s, "location.href")
            if not landed.endswith(target.replace("../", "")):
                fail(f"clicking the node {target} landed on {landed}")
            b.wait_loaded(s)
            if b.evaluate(s, "document.querySelector('h1') && document.querySelector('h1').textContent") is None:
                fail("the element page has no heading")
            # One file: the tab's title follows the page shown.
            one = os.path.join(tmp, "one")
            build(EXAMPLE, one, "--single-file")
            s = b.open(url(one, "index.html") + "#elements/app.sis")
            time.sleep(0.3)
            title = b.evaluate(s, "document.title")
            if not title or not title.startswith("Opintohallinto"):
                fail(f"the one file's title for #elements/app.sis is {title!r}")
            # Markup in the model runs nothing: no dialog, no element from it.
            s = b.open(url(fixture, "elements", "app.sis.html"))
            time.sleep(0.3)
            ran = b.evaluate(s, "document.querySelectorAll('main script, main img[onerror], main b').length")
            if ran != 0 or b.problems():
                fail(f"markup of the model became elements ({ran}) or ran: {b.problems()}")
            shot = os.environ.get("KAAVA_SCREENSHOT")
            if shot:
                s = b.open(url(site, "index.html"))
                b.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1,
                                                              "mobile": False}, session=s)
                data = b.send("Page.captureScreenshot", {"format": "png"}, session=s)["data"]
                import base64
                open(shot, "wb").write(base64.b64decode(data))
        finally:
            b.close()
    print("Chromium: pages load cleanly, search finds ä, a node click reaches its page, model markup runs nothing")


{"git": git, "goldens": goldens, "links": links, "escaping": escaping, "single-file": single_file, "errors": errors,
 "template-files": template_files, "markdown": markdown, "browser": browser}[CASE]()
