#!/usr/bin/env python3
"""Checks of `kaava render`: DOT goldens, byte-identical images, escaping,
errors.

usage: render_test.py KAAVA SOURCE_DIR CASE
"""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

KAAVA, SOURCE, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
FIXTURE = os.path.join(SOURCE, "tests", "fixtures", "views")
GOLDEN = os.path.join(SOURCE, "tests", "e2e", "expected", "views")


def run(*args):
    p = subprocess.run([KAAVA, *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def dot_goldens():
    # Regenerate with: build/kaava render tests/fixtures/views --format dot -o tests/e2e/expected/views
    with tempfile.TemporaryDirectory() as tmp:
        rc, out, err = run("render", FIXTURE, "--format", "dot", "-o", tmp)
        if rc != 0:
            fail(f"exit {rc}: {err}")
        produced = sorted(f for f in os.listdir(tmp) if f != ".kaava-output")
        expected = sorted(f for f in os.listdir(GOLDEN) if f.endswith(".dot"))
        if produced != expected:
            fail(f"files {produced}, expected {expected}")
        for name in expected:
            a, b = open(os.path.join(tmp, name), encoding="utf-8").read(), open(os.path.join(GOLDEN, name), encoding="utf-8").read()
            if a != b:
                fail(f"{name} differs from its golden file:\n{a}")
    print("DOT matches the golden files")


def identical_images():
    for fmt in ["svg", "png", "pdf"]:
        with tempfile.TemporaryDirectory() as tmp:
            first, second = os.path.join(tmp, "1"), os.path.join(tmp, "2")
            for target in (first, second):
                rc, out, err = run("render", FIXTURE, "--format", fmt, "-o", target)
                if rc != 0:
                    fail(f"{fmt}: exit {rc}: {err}")
            for name in os.listdir(first):
                if name == ".kaava-output":
                    continue
                if not filecmp.cmp(os.path.join(first, name), os.path.join(second, name), shallow=False):
                    fail(f"{fmt}: {name} differs between two runs")
                if os.path.getsize(os.path.join(first, name)) < 100:
                    fail(f"{fmt}: {name} is nearly empty")
    # A map of many boxes (osage, clusters): once cgraph's ids were the
    # addresses of names, and the boxes came out in another order each run.
    example = os.path.join(SOURCE, "examples", "esimerkkiopisto")
    with tempfile.TemporaryDirectory() as tmp:
        seen = set()
        for k in range(5):
            rc, out, err = run("render", example, "--view", "view.capabilities", "-o", os.path.join(tmp, str(k)))
            if rc != 0:
                fail(f"the example's map: exit {rc}: {err}")
            seen.add(open(os.path.join(tmp, str(k), "view.capabilities.svg"), "rb").read())
        if len(seen) != 1:
            fail(f"the example's capability map came out {len(seen)} ways in five runs")
    print("SVG, PNG and PDF are byte-identical across runs")


def escaping():
    with tempfile.TemporaryDirectory() as tmp:
        rc, out, err = run("render", FIXTURE, "--view", "map", "-o", tmp)
        svg = open(os.path.join(tmp, "map.svg"), encoding="utf-8").read()
        if "&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;" not in svg and "&lt;b&gt;\"x\" &amp; y&lt;/b&gt;" not in svg:
            fail("the name <b>\"x\" & y</b> is not shown as text")
        if "<b>\"x\"" in svg:
            fail("model text became markup")
        if shutil.which("xmllint"):
            p = subprocess.run(["xmllint", "--noout", os.path.join(tmp, "map.svg")], capture_output=True)
            if p.returncode != 0:
                fail("SVG is not well-formed: " + p.stderr.decode())
        rc, out, err = run("render", FIXTURE, "--view", "map", "--lang", "en", "--format", "dot", "-o", tmp)
        dot = open(os.path.join(tmp, "map.dot"), encoding="utf-8").read()
        if "Escaping &lt;test&gt;" not in dot or "Capability map" not in dot:
            fail("--lang en did not pick the English names")
    print("model text is escaped; --lang works")


def errors():
    with tempfile.TemporaryDirectory() as tmp:
        rc, out, err = run("render", FIXTURE, "--view", "mapp", "-o", tmp)
        if rc != 2 or "unknown view 'mapp' (did you mean 'map'?)" not in err:
            fail(f"unknown view: exit {rc}, {err}")
        rc, out, err = run("render", FIXTURE, "--viewpoint", "capabilty-map", "-o", tmp)
        if rc != 2 or "did you mean 'capability-map'?" not in err:
            fail(f"unknown viewpoint: exit {rc}, {err}")
        rc, out, err = run("render", FIXTURE, "--viewpoint", "capability-map", "--color-by", "lifecycle", "-o", tmp)
        svg = open(os.path.join(tmp, "capability-map.svg"), encoding="utf-8").read()
        if rc != 0 or ">Elinkaaren vaihe</text>" not in svg or ">poistettu</text>" not in svg:
            fail(f"--viewpoint with --color-by: exit {rc}, {err}\n{svg}")
    print("unknown views and viewpoints are errors with suggestions")


def safe_output():
    with tempfile.TemporaryDirectory() as tmp:
        theirs = os.path.join(tmp, "theirs")
        os.makedirs(theirs)
        open(os.path.join(theirs, "notes.txt"), "w").write("mine")
        rc, out, err = run("render", FIXTURE, "-o", theirs)
        if rc != 2 or "did not write" not in err or sorted(os.listdir(theirs)) != ["notes.txt"]:
            fail(f"a folder with other files: exit {rc}, {sorted(os.listdir(theirs))}, {err}")
        rc, out, err = run("render", FIXTURE, "-o", theirs, "--force")
        if rc != 0 or "map.svg" not in os.listdir(theirs) or open(os.path.join(theirs, "notes.txt")).read() != "mine":
            fail(f"--force: exit {rc}, {err}")
        ours = os.path.join(tmp, "new", "deeper")
        for _ in range(2):  # a new folder, then the same folder again
            rc, out, err = run("render", FIXTURE, "-o", ours)
            if rc != 0 or ".kaava-output" not in os.listdir(ours):
                fail(f"own folder: exit {rc}, {err}")
        leftovers = [f for f in os.listdir(ours) if f.endswith(".kaava-tmp")]
        if leftovers:
            fail(f"temporary files left: {leftovers}")
        model = os.path.join(FIXTURE, "model", "model.yaml")
        before = open(model, "rb").read()
        rc, out, err = run("validate", FIXTURE, "--output", model)
        if rc != 2 or open(model, "rb").read() != before:
            fail("validate --output overwrote a model file")
    print("output stays in its folder and never overwrites what kaava did not write")


def large_views():
    """A view over aggregate-from is drawn in groups, and says so; --all-elements draws each element."""
    example = os.path.join(SOURCE, "examples", "esimerkkiopisto")
    with tempfile.TemporaryDirectory() as tmp:
        rc, out, err = run("render", example, "--viewpoint", "layered", "--format", "dot", "-o", tmp)
        if rc != 0 or "drawn as" not in err or "groups by type; --all-elements draws each" not in err:
            fail(f"no note about the aggregated drawing: exit {rc}: {err}")
        text = open(os.path.join(tmp, "layered.dot"), encoding="utf-8").read()
        if '"g:0"' not in text or '"e:' in text or "kaava_bands=" not in text:
            fail("the aggregated DOT has no groups in bands:\n" + text[:2000])
        rc, out, err = run("render", example, "--viewpoint", "layered", "--format", "dot", "-o", tmp, "--all-elements")
        text = open(os.path.join(tmp, "layered.dot"), encoding="utf-8").read()
        if rc != 0 or "drawn as" in err or '"e:app.sis"' not in text or 'kaava_engine="rows"' not in text:
            fail(f"--all-elements did not draw every element in kaava's rows: exit {rc}: {err}")
        rc, out, err = run("render", example, "--viewpoint", "layered", "--format", "svg", "-o", tmp, "--group-by", "owner")
        if rc != 0 or "groups by owner" not in err or os.path.getsize(os.path.join(tmp, "layered.svg")) < 1000:
            fail(f"--group-by owner: exit {rc}: {err}")
        rc, out, err = run("render", example, "--viewpoint", "layered", "-o", tmp, "--group-by", "ownr")
        if rc != 2 or "--group-by" not in err or "did you mean 'owner'?" not in err:
            fail(f"a misspelt --group-by: exit {rc}: {err}")
    print("large views are drawn aggregated, or every element with --all-elements")


def capability_map():
    """The example's capability map is a grid that fits a landscape page, and one tree."""
    import re
    example = os.path.join(SOURCE, "examples", "esimerkkiopisto")
    with tempfile.TemporaryDirectory() as tmp:
        rc, out, err = run("render", example, "--view", "view.capabilities", "--format", "svg", "-o", tmp)
        if rc != 0:
            fail(f"exit {rc}: {err}")
        svg = open(os.path.join(tmp, "view.capabilities.svg"), encoding="utf-8").read()
        m = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
        if not m:
            fail("no size in the SVG")
        w, h = float(m.group(1)), float(m.group(2))
        if not 0.5 <= w / h <= 2.0:
            fail(f"the capability map is {w:.0f} x {h:.0f} pt, aspect {w / h:.2f}, not within 1:2 to 2:1")
        # A provider capability and the reference one it specializes are one box.
        if "≙" not in svg:
            fail("no twin marks in the map")
        rc, out, err = run("render", example, "--view", "view.capabilities", "--format", "dot", "-o", tmp)
        dot = open(os.path.join(tmp, "view.capabilities.dot"), encoding="utf-8").read()
        if '"cluster_e:vet.cap.offering"' in dot or 'kaava_engine="osage"' not in dot:
            fail("the reference's twin of cap.offering is drawn as a box of its own, or the map is not packed")
    print(f"capability map {w:.0f} x {h:.0f} pt (aspect {w / h:.2f})")


def legend():
    """The legend draws each element type in its own shape, beside the view, and each line as a line."""
    import re
    fixture = os.path.join(SOURCE, "tests", "fixtures", "views")
    with tempfile.TemporaryDirectory() as tmp:
        rc, out, err = run("render", fixture, "--view", "attributes", "-o", tmp)
        if rc != 0:
            fail(f"exit {rc}: {err}")
        svg = open(os.path.join(tmp, "attributes.svg"), encoding="utf-8").read()
        nodes = re.findall(r'<title>([^<]*)</title>\n(?:<g id="a_node\d+"><a [^>]*>\n)?(<[a-z]+ fill="([^"]*)" stroke="([^"]*)" points="([^"]*)")?', svg)
        def corners(points):
            return len(points.split())
        shown = {}
        for title, _, fill, stroke, points in nodes:
            if title.startswith("e:") and points:
                shown[(fill, stroke, corners(points))] = title
        samples = [(fill, stroke, corners(points)) for title, _, fill, stroke, points in nodes
                   if title.startswith("kaava:legend:s") and points]
        if len(samples) < 3:
            fail(f"the legend has {len(samples)} shape samples:\n{svg}")
        for sample in samples:
            if sample not in shown:
                fail(f"legend sample {sample} is drawn like no node of the view: {sorted(shown)}")
        lines = re.findall(r"<title>kaava:legend:a\d+&#45;&gt;kaava:legend:b\d+</title>", svg)
        if len(lines) < 3:
            fail(f"the legend has {len(lines)} line samples")
        for text in [">Selite</text>", ">Käyttö (luku)</text>", ">Vaikutus</text>"]:
            if text not in svg:
                fail(f"{text} missing from the legend")
    print(f"legend: {len(samples)} shapes, {len(lines)} lines")


def node_boxes(svg):
    """The bounding box of every node drawn for an element or group (title e:... or g:...)."""
    import re
    boxes = {}
    for m in re.finditer(r'<g id="node\d+" class="node">\n<title>([eg]:[^<]*)</title>\n(.*?)</g>', svg, re.S):
        xs, ys = [], []
        for points in re.findall(r'points="([^"]*)"', m.group(2)):
            for pair in points.split():
                x, y = pair.split(",")
                xs.append(float(x))
                ys.append(float(y))
        for cx, cy, rx, ry in re.findall(r'<ellipse [^>]*cx="([^"]*)" cy="([^"]*)" rx="([^"]*)" ry="([^"]*)"', m.group(2)):
            xs += [float(cx) - float(rx), float(cx) + float(rx)]
            ys += [float(cy) - float(ry), float(cy) + float(ry)]
        if xs:
            boxes[m.group(1)] = (min(xs), min(ys), max(xs), max(ys))
    return boxes


def edge_routes(svg):
    """(tail, head, points along its curve) for every edge drawn as a path of cubic Bezier segments."""
    import html
    import re
    for m in re.finditer(r'<g id="edge\d+" class="edge">\n<title>([^<]*)</title>\n(.*?)</g>', svg, re.S):
        tail, _, head = html.unescape(m.group(1)).partition("->")
        d = re.search(r'<path [^>]*d="M([^"]*)"', m.group(2))
        if d is None:
            continue
        p = [tuple(map(float, pair.split(","))) for pair in d.group(1).replace("C", " ").split()]
        points = []
        for i in range(0, len(p) - 3, 3):
            for k in range(1, 20):
                u = k / 20
                w = ((1 - u) ** 3, 3 * (1 - u) ** 2 * u, 3 * (1 - u) * u * u, u ** 3)
                points.append(tuple(sum(w[j] * p[i + j][c] for j in range(4)) for c in (0, 1)))
        yield tail, head, points


def inside(point, box, margin):
    """Whether `point` is in `box` less `margin` of its width and height on each side."""
    mx, my = (box[2] - box[0]) * margin, (box[3] - box[1]) * margin
    return box[0] + mx < point[0] < box[2] - mx and box[1] + my < point[1] < box[3] - my


def placed_rows():
    """Large layered views are placed in rows by kaava: no node on another, edges routed (bundles too), a
    page of sensible width; and the aggregated whole-model views, whose groups have parallel edges, render."""
    import re
    example = os.path.join(SOURCE, "examples", "esimerkkiopisto")
    with tempfile.TemporaryDirectory() as tmp:
        rc, out, err = run("render", example, "--view", "view.layered", "--format", "svg", "-o", tmp)
        if rc != 0 or "Warning" in err:
            fail(f"view.layered: exit {rc}: {err}")
        svg = open(os.path.join(tmp, "view.layered.svg"), encoding="utf-8").read()
        boxes = node_boxes(svg)
        if len(boxes) < 60:
            fail(f"only {len(boxes)} nodes found in view.layered.svg")
        items = sorted(boxes.items())
        for i, (a, p) in enumerate(items):
            for b, q in items[i + 1:]:
                if p[0] < q[2] - 1 and q[0] < p[2] - 1 and p[1] < q[3] - 1 and q[1] < p[3] - 1:
                    fail(f"{a} {p} and {b} {q} overlap")
        width = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))
        if width > 2200:
            fail(f"view.layered is {width:.0f} pt wide: its edges spread it out")
        curved = len(re.findall(r'<path fill="none" [^>]*d="M[^"]*C', svg))
        if curved < 100:
            fail(f"only {curved} edges drawn")
        # Each edge is routed among the nodes of the rows it crosses, near its
        # ends (edge_router.h): none runs through the middle of another node.
        for tail, head, route in edge_routes(svg):
            for name, box in boxes.items():
                if name not in (tail, head) and any(inside(point, box, 0.2) for point in route):
                    fail(f"the edge {tail} -> {head} runs through {name}")
        for viewpoint in ("layered", "application-cooperation"):
            rc, out, err = run("render", example, "--viewpoint", viewpoint, "--format", "svg", "-o", tmp, "--force")
            if rc != 0 or "crashed" in err:
                fail(f"whole-model {viewpoint}: exit {rc}: {err}")
            groups = node_boxes(open(os.path.join(tmp, f"{viewpoint}.svg"), encoding="utf-8").read())
            if len(groups) < 5:
                fail(f"whole-model {viewpoint} has {len(groups)} groups")
    print(f"view.layered: {len(boxes)} nodes, none overlapping, {width:.0f} pt wide, {curved} edges")


{"placed-rows": placed_rows, "legend": legend, "safe-output": safe_output, "large-views": large_views, "capability-map": capability_map, "dot-goldens": dot_goldens, "identical-images": identical_images, "escaping": escaping, "errors": errors}[CASE]()
