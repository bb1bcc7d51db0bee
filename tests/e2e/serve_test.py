#!/usr/bin/env python3
"""kaava serve as a user meets it: a server on a free loopback port, pages
and views fetched, a file changed and the reload event read with the new
content, an error's banner over the last good diagrams and its clearing,
path traversal and bad requests refused, a port in use, Ctrl-C and SIGTERM,
and headless Chromium loading the served page without console errors.
Every case bounds its waits and stops its server.

usage: serve_test.py KAAVA SOURCE_DIR CASE
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from serve_client import Serve, ServeError  # noqa: E402

KAAVA, SOURCE, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
EXAMPLE = os.path.join(SOURCE, "examples", "esimerkkiopisto")


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def copy_example(tmp):
    repo = os.path.join(tmp, "repo")
    shutil.copytree(EXAMPLE, repo, ignore=shutil.ignore_patterns(".kaava-cache"))
    return repo


def replace_in(path, old, new):
    text = open(path, encoding="utf-8").read()
    if old not in text:
        fail(f"{old!r} is not in {path}")
    open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))


def wait_event(events, timeout=20):
    e = events.next(timeout)
    if e is None:
        fail(f"no event within {timeout} s")
    return e


def basic(tmp):
    repo = copy_example(tmp)
    s = Serve(KAAVA, repo)
    try:
        if not s.first_line.startswith("kaava serve: http://127.0.0.1:"):
            fail(f"the first line is {s.first_line!r}")
        home = s.get("/")
        if "<main" not in home or "data-generation=" not in home:
            fail("the home page is not the site's with the live script")
        if s.get("/index.html") != home:
            fail("/ and /index.html differ")
        view = s.get("/views/view.layered.html")
        if "<svg" not in view:
            fail("the layered view's page has no picture")
        status, headers, body = s.request("/views/view.layered.svg")
        if status != 200 or not headers.get("Content-Type", "").startswith("image/svg+xml") or b"<svg" not in body:
            fail(f"the view's SVG: {status} {headers.get('Content-Type')}")
        # The same picture kaava docs draws (the server draws in new processes, docs in forked ones).
        site = os.path.join(tmp, "site")
        subprocess.run([KAAVA, "docs", repo, "-o", site], capture_output=True, check=True, timeout=120)
        if body != open(os.path.join(site, "views", "view.layered.svg"), "rb").read():
            fail("the served view's SVG differs from kaava docs' one")
        status, headers, body = s.request("/assets/kaava.css")
        if status != 200 or not headers.get("Content-Type", "").startswith("text/css"):
            fail(f"the stylesheet: {status} {headers.get('Content-Type')}")
        status, headers, body = s.request("/index.html", method="HEAD")
        if status != 200 or body or int(headers.get("Content-Length", "0")) != len(home.encode()):
            fail(f"HEAD: {status}, {len(body)} bytes of body, Content-Length {headers.get('Content-Length')}")
        if headers.get("Cache-Control") != "no-store":
            fail("pages may be cached")
        status, _, _ = s.request("/elements/no.such.html")
        if status != 404:
            fail(f"a page that is not there: {status}")
        status, _, body = s.request("/__kaava/live.js")
        if status != 200 or b"EventSource" not in body:
            fail("the live script is not served")
    finally:
        code = s.stop()
    if code != 0:
        fail(f"SIGTERM: exit {code}")
    print("home, a view, its SVG, assets, HEAD, 404, live script; SIGTERM exits 0")


def reload(tmp):
    repo = copy_example(tmp)
    s = Serve(KAAVA, repo)
    try:
        page = s.get("/elements/app.sis.html")
        other = s.get("/metamodel.html")
        watching = s.events("/elements/app.sis.html", Serve.generation(page))
        unaffected = s.events("/metamodel.html", Serve.generation(other))
        time.sleep(0.3)
        replace_in(os.path.join(repo, "model", "applications.yaml"), "fi: Opintohallinto", "fi: Opintohallintojärjestelmä")
        event = wait_event(watching)
        if event[0] != "reload":
            fail(f"the changed page got {event}")
        page = s.get("/elements/app.sis.html")
        if "Opintohallintojärjestelmä" not in page:
            fail("the page after the event does not show the new name")
        if unaffected.next(1.5) not in (None,):
            fail("a page the change does not touch was told to reload")
        # A page loaded from an older build is told at once.
        stale = s.events("/elements/app.sis.html", 1)
        if wait_event(stale, 10)[0] != "reload":
            fail("a page of an old build was not told to reload")
        watching.close()
        unaffected.close()
        stale.close()
        # A view whose drawing changes: its page reloads with the new picture.
        view = s.get("/views/view.layered.html")
        events = s.events("/views/view.layered.html", Serve.generation(view))
        time.sleep(0.2)
        replace_in(os.path.join(repo, "model", "applications.yaml"), "fi: Opintohallintojärjestelmä",
                   "fi: Opintohallinto uusi")
        if wait_event(events)[0] != "reload":
            fail("the view's page was not told to reload")
        if "Opintohallinto uusi" not in s.get("/views/view.layered.svg").replace("&#160;", " "):
            fail("the view's picture does not show the new name")
        events.close()
        # The home page shows the views as thumbnails: a redrawn view reloads it, though its own bytes are the same.
        home = s.get("/index.html")
        events = s.events("/index.html", Serve.generation(home))
        time.sleep(0.2)
        replace_in(os.path.join(repo, "model", "applications.yaml"), "fi: Opintohallinto uusi", "fi: Opintohallinto 3")
        if wait_event(events)[0] != "reload":
            fail("a thumbnail's change did not reload the home page")
        events.close()
        # A page that is not there yet: a 404 that follows the model, and reloads once the page is there.
        status, _, missing = s.request("/elements/app.extra.html")
        if status != 404 or b"data-generation=" not in missing:
            fail(f"a missing page: {status}, live script {b'data-generation=' in missing}")
        later = s.events("/elements/app.extra.html", Serve.generation(missing.decode()))
        # A new model file is seen too.
        home = s.get("/elements.html")
        events = s.events("/elements.html", Serve.generation(home))
        time.sleep(0.2)
        open(os.path.join(repo, "model", "extra.yaml"), "w", encoding="utf-8").write(
            "elements:\n  - id: app.extra\n    type: application-component\n"
            "    name: { fi: Lisäjärjestelmä, sv: Extrasystem, en: Extra system }\n"
            "    description: { fi: Kokeilu., sv: Försök., en: A try. }\n    properties: { owner: it, lifecycle: active }\n")
        if wait_event(events)[0] != "reload" or "app.extra" not in s.get("/elements.html"):
            fail("a new model file did not reach the catalogue")
        if wait_event(later)[0] != "reload" or "Lisäjärjestelmä" not in s.get("/elements/app.extra.html"):
            fail("the 404 page of a new element did not turn into its page")
        events.close()
        later.close()
    finally:
        s.stop()
    print("a change reloads the pages it changes (not others), with the new content; views redrawn; new files seen")


def banner(tmp):
    repo = copy_example(tmp)
    s = Serve(KAAVA, repo)
    try:
        good_view = s.get("/views/view.layered.svg")
        page = s.get("/views/view.layered.html")
        events = s.events("/views/view.layered.html", Serve.generation(page))
        time.sleep(0.2)
        apps = os.path.join(repo, "model", "applications.yaml")
        original = open(apps, encoding="utf-8").read()
        replace_in(apps, "serves: [", "serves: [app.no-such-thing, ")
        if wait_event(events)[0] != "reload":
            fail("an error did not reload the page")
        page = s.get("/views/view.layered.html")
        m = re.search(r'<details id="kaava-serve-banner".*?</details>', page, re.S)
        if not m or "model/applications.yaml:" not in m.group(0) or "app.no-such-thing" not in m.group(0):
            fail(f"no banner naming the file and the error: {m.group(0)[:400] if m else page[:400]}")
        if "dangling-reference" not in m.group(0):
            fail("the banner does not name the rule")
        if s.get("/views/view.layered.svg") != good_view:
            fail("the diagram is not the last good one while the model has errors")
        if 'id="kaava-serve-banner"' not in s.get("/elements.html"):
            fail("another page has no banner")
        # A syntax error keeps the last good site too.
        events = s.events("/views/view.layered.html", Serve.generation(page))
        time.sleep(0.2)
        open(apps, "w", encoding="utf-8").write(original.replace("elements:", "elements: [", 1))
        if wait_event(events)[0] != "reload":
            fail("a syntax error did not reload the page")
        page = s.get("/views/view.layered.html")
        if "yaml-syntax" not in page or s.get("/views/view.layered.svg") != good_view:
            fail("a syntax error: no banner naming it, or the diagram changed")
        # kaava.yaml gone: that is the error, not a hundred dangling references.
        events = s.events("/views/view.layered.html", Serve.generation(page))
        time.sleep(0.2)
        config = os.path.join(repo, "kaava.yaml")
        os.rename(config, config + ".away")
        if wait_event(events)[0] != "reload":
            fail("removing kaava.yaml did not reload the page")
        page = s.get("/views/view.layered.html")
        m = re.search(r'<details id="kaava-serve-banner".*?</details>', page, re.S)
        if not m or "kaava.yaml" not in m.group(0) or m.group(0).count("<li>") != 1:
            fail(f"kaava.yaml gone: {m.group(0)[-600:] if m else 'no banner'}")
        events = s.events("/views/view.layered.html", Serve.generation(page))
        time.sleep(0.2)
        os.rename(config + ".away", config)
        if wait_event(events)[0] != "reload":
            fail("kaava.yaml back: no reload")
        page = s.get("/views/view.layered.html")
        # Fixed: the banner goes.
        events = s.events("/views/view.layered.html", Serve.generation(page))
        time.sleep(0.2)
        open(apps, "w", encoding="utf-8").write(original)
        if wait_event(events)[0] != "reload":
            fail("the fix did not reload the page")
        if 'id="kaava-serve-banner"' in s.get("/views/view.layered.html"):
            fail("the banner stayed after the fix")
    finally:
        s.stop()
    print("errors: a banner with file, line, message and rule over the last good diagrams; fixed, it goes")


def security(tmp):
    repo = copy_example(tmp)
    open(os.path.join(tmp, "secret.txt"), "w").write("secret")
    s = Serve(KAAVA, repo)
    try:
        for path in ("/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt",
                     "/kaava.yaml", "/model/applications.yaml", "/.git/config", "/a\\b"):
            status, _, body = s.request(path)
            if status < 400 or status >= 500 or b"secret" in body or b"kaava: 1" in body:
                fail(f"{path}: {status} {body[:100]!r}")
        for method in ("POST", "PUT", "DELETE", "OPTIONS", "PATCH"):
            status, headers, _ = s.request("/index.html", method=method)
            if status != 405 or "GET" not in headers.get("Allow", ""):
                fail(f"{method}: {status} {headers.get('Allow')}")
        status, _, _ = s.request("/index.html", headers={"Host": "attacker.example"})
        if status != 403:
            fail(f"a request for another host name: {status}")
        status, _, _ = s.request("/index.html", headers={"Host": f"localhost:{s.port}"})
        if status != 200:
            fail(f"Host localhost: {status}")
        status, _, _ = s.request("/__kaava/changed?page=/x.html")
        if status != 400:
            fail(f"changed without a generation: {status}")
        status, _, body = s.request("/__kaava/changed?page=/index.html&generation=ffffffff.1")
        if status != 200 or b'"reload": true' not in body:
            fail(f"a page of another run of the server is not told to reload: {status} {body!r}")
        for host in ("127.0.0.1.evil.example", "localhost.evil.example", "0x7f.example"):
            status, _, _ = s.request("/index.html", headers={"Host": host})
            if status != 403:
                fail(f"Host {host}: {status}")
        for host in (f"LOCALHOST:{s.port}", f"[::1]:{s.port}", f"127.0.0.2:{s.port}"):
            status, _, _ = s.request("/index.html", headers={"Host": host})
            if status != 200:
                fail(f"Host {host}: {status}")
        status, headers, body = s.request("/index.html", headers={"Range": "bytes=0-10"})
        if status != 206 or len(body) != 11:
            fail(f"a range: {status}, {len(body)} bytes")
        status, headers, _ = s.request("/views/")
        if status != 302 or headers.get("Location") != "/views.html":
            fail(f"/views/: {status} {headers.get('Location')}")
        # A request that is not HTTP at all, then a working one.
        with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sock:
            sock.sendall(b"\x00\x01garbage\r\n\r\n")
            sock.settimeout(10)
            answer = sock.recv(100)
            if answer and not answer.startswith(b"HTTP/1.1 4"):
                fail(f"garbage got {answer!r}")
        if "<main" not in s.get("/index.html"):
            fail("the server stopped answering after a bad request")
    finally:
        s.stop()
    print("traversal, files of the repository, other methods, other hosts and garbage: 4xx; the site still served")


def port_in_use(tmp):
    repo = copy_example(tmp)
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    try:
        r = subprocess.run([KAAVA, "serve", repo, "--port", str(port)], capture_output=True, text=True, timeout=60)
    finally:
        holder.close()
    if r.returncode != 2 or f"port {port}" not in r.stderr or "--port" not in r.stderr:
        fail(f"port in use: exit {r.returncode}: {r.stderr}")
    # ... and by another kaava serve (which must not share it).
    first = Serve(KAAVA, repo)
    try:
        r = subprocess.run([KAAVA, "serve", repo, "--port", str(first.port)], capture_output=True, text=True,
                           timeout=60)
    finally:
        first.stop()
    if r.returncode != 2 or "in use" not in r.stderr:
        fail(f"a port another kaava serve has: exit {r.returncode}: {r.stderr}")
    r = subprocess.run([KAAVA, "serve", tmp], capture_output=True, text=True, timeout=60)
    if r.returncode != 2 or "kaava.yaml" not in r.stderr:
        fail(f"a folder in no repository: exit {r.returncode}: {r.stderr}")
    r = subprocess.run([KAAVA, "serve", os.path.join(tmp, "nowhere")], capture_output=True, text=True, timeout=60)
    if r.returncode != 2 or "error" not in r.stderr:
        fail(f"no repository: exit {r.returncode}: {r.stderr}")
    r = subprocess.run([KAAVA, "serve", repo, "--lang", "de"], capture_output=True, text=True, timeout=60)
    if r.returncode != 2 or "--lang" not in r.stderr:
        fail(f"--lang de: exit {r.returncode}: {r.stderr}")
    r = subprocess.run([KAAVA, "serve", repo, "--port", "70000"], capture_output=True, text=True, timeout=60)
    if r.returncode != 2:
        fail(f"--port 70000: exit {r.returncode}")
    print(r.stderr.strip().splitlines()[0])
    print("a port in use, no repository, a foreign language, a bad port: exit 2 with a message")


def shutdown(tmp):
    repo = copy_example(tmp)
    for sig in (signal.SIGINT, signal.SIGTERM):
        s = Serve(KAAVA, repo)
        page = s.get("/index.html")
        events = s.events("/index.html", Serve.generation(page))  # an open page must not hold the server
        started = time.monotonic()
        code = s.stop(sig, grace=10)
        took = time.monotonic() - started
        events.close()
        if code != 0:
            fail(f"signal {sig}: exit {code}: {s.stderr()}")
        if "stopping" not in s.stderr():
            fail("no word on stopping")
        print(f"signal {int(sig)}: exit 0 in {took:.2f} s")
    # --host elsewhere warns.
    s = Serve(KAAVA, repo, "--host", "0.0.0.0")
    try:
        s.wait_log("warning: --host 0.0.0.0")
    finally:
        s.stop()
    s = Serve(KAAVA, repo, "--lang", "sv")
    try:
        if 'lang="sv"' not in s.get("/index.html"):
            fail("--lang sv did not make a Swedish site")
    finally:
        s.stop()
    print("Ctrl-C and SIGTERM stop it with open pages; --host elsewhere warns; --lang sv")


def browser(tmp):
    from chromium import Browser  # noqa: E402
    repo = copy_example(tmp)
    s = Serve(KAAVA, repo)
    b = Browser()
    try:
        base = f"http://127.0.0.1:{s.port}"
        for page in ("/index.html", "/views/view.layered.html", "/elements/app.sis.html", "/search.html?q=koski"):
            b.open(base + page)
            time.sleep(0.3)
            if b.problems():
                fail(f"{page}: {b.problems()}")
        # More open pages than a browser's six connections to a server: each still loads (one shared stream).
        for n in range(8):
            b.open(base + f"/elements.html?tab={n}")
        if b.problems():
            fail(f"eight tabs: {b.problems()}")
        session = b.open(base + "/views/view.layered.html")
        time.sleep(0.5)
        # Zoom in, change the model, and the reloaded page keeps the zoom.
        b.evaluate(session, "document.querySelector('.view-tools [data-zoom=in]').click()")
        zoomed = b.evaluate(session, "document.querySelector('figure.view-svg svg').getAttribute('viewBox')")
        b.evaluate(session, "window.kaavaBeforeReload = 1")
        replace_in(os.path.join(repo, "model", "applications.yaml"), "fi: Opintohallinto", "fi: Opintohallinto 2")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if b.evaluate(session, "window.kaavaBeforeReload === undefined && document.readyState === 'complete'"):
                break
            time.sleep(0.1)
        else:
            fail("the open page did not reload after the change")
        time.sleep(0.3)
        kept = b.evaluate(session, "document.querySelector('figure.view-svg svg').getAttribute('viewBox')")
        if kept != zoomed:
            fail(f"the view's zoom was {zoomed}, after the reload {kept}")
        if "Opintohallinto 2" not in (b.evaluate(session, "document.body.innerHTML") or "").replace("&nbsp;", " ").replace("\u00a0", " "):
            fail("the reloaded page does not show the change")
        if b.problems():
            fail(f"console: {b.problems()}")
        shot = os.environ.get("KAAVA_SCREENSHOT")
        if shot:
            import base64
            session = b.open(base + "/views/view.layered.html")
            b.send("Emulation.setDeviceMetricsOverride", {"width": 1100, "height": 760, "deviceScaleFactor": 1,
                                                          "mobile": False}, session=session)
            time.sleep(0.5)
            open(shot, "wb").write(base64.b64decode(b.send("Page.captureScreenshot", {"format": "png"},
                                                           session=session)["data"]))
    finally:
        b.close()
        s.stop()
    print("Chromium: served pages load without console errors; a change reloads the open view, zoom kept")


with tempfile.TemporaryDirectory() as tmp:
    try:
        {"basic": basic, "reload": reload, "banner": banner, "security": security, "port-in-use": port_in_use,
         "shutdown": shutdown, "browser": browser}[CASE](tmp)
    except ServeError as e:
        fail(str(e))
