#!/usr/bin/env python3
"""The benchmark kit: scripts/gen-model writes valid, deterministic models of
the promised shape, and scripts/bench, kaava_yaml_floor and kaava_measure
run and report. Timings are not asserted here (they belong to `make bench`).

usage: bench_test.py BUILD_DIR SOURCE_DIR CASE
"""
import filecmp
import os
import re
import subprocess
import sys
import tempfile

BUILD, SOURCE, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
KAAVA = os.path.join(BUILD, "kaava")
GEN = os.path.join(SOURCE, "scripts", "gen-model")


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def run(cmd, timeout=300):
    p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")


def gen(out, *args):
    rc, text = run([sys.executable, GEN, out, *args])
    if rc != 0:
        fail(f"gen-model {' '.join(args)} exited {rc}:\n{text}")


def model_files(repo):
    folder = os.path.join(repo, "model")
    return sorted(os.path.join(folder, f) for f in os.listdir(folder))


def case_gen_model_valid(tmp):
    repo = os.path.join(tmp, "m")
    gen(repo, "--elements", "600", "--files", "6", "--view-nodes", "40")
    files = model_files(repo)
    if len(files) != 7:
        fail(f"expected 6 element files and views.yaml, got {files}")
    rc, text = run([KAAVA, "validate", repo])
    if rc != 0 or "no problems" not in text:
        fail(f"the generated model does not validate cleanly (exit {rc}):\n{text[:3000]}")
    m = re.search(r"(\d+) elements, (\d+) relationships", text)
    if not m:
        fail("no element and relationship counts in: " + text)
    elements, relationships = int(m.group(1)), int(m.group(2))
    if elements != 600:
        fail(f"{elements} elements, expected 600")
    if not 2.7 * elements <= relationships <= 3.3 * elements:
        fail(f"{relationships} relationships for {elements} elements, expected about three each")
    size = sum(os.path.getsize(f) for f in files if not f.endswith("views.yaml"))
    if not 450 <= size / elements <= 700:
        fail(f"{size / elements:.0f} bytes of YAML per element, expected about 575")
    text = open(files[0], encoding="utf-8").read()
    for needle in ("fi: ", "sv: ", "en: ", "properties:", "children:"):
        if needle not in text:
            fail(f"no `{needle}` in {files[0]}")
    out = os.path.join(tmp, "out")
    rc, log = run([KAAVA, "render", repo, "--view", "bench.40", "--format", "dot", "-o", out])
    if rc != 0:
        fail(f"render of bench.40 exited {rc}:\n{log}")
    dot = open(os.path.join(out, "bench.40.dot"), encoding="utf-8").read()
    nodes = len(re.findall(r'^\s*"e:app\.\d+" \[', dot, re.M))
    if nodes != 40:
        fail(f"bench.40 draws {nodes} application nodes, expected 40")


def case_gen_model_deterministic(tmp):
    a, b, c = (os.path.join(tmp, x) for x in "abc")
    gen(a, "--elements", "300", "--files", "3", "--seed", "7")
    gen(b, "--elements", "300", "--files", "3", "--seed", "7")
    gen(c, "--elements", "300", "--files", "3", "--seed", "8")
    for fa, fb in zip(model_files(a), model_files(b)):
        if not filecmp.cmp(fa, fb, shallow=False):
            fail(f"same seed, different output: {fa} {fb}")
    if all(filecmp.cmp(fa, fc, shallow=False) for fa, fc in zip(model_files(a), model_files(c))):
        fail("seeds 7 and 8 give identical models")


def case_bench_runs(tmp):
    rc, text = run([sys.executable, os.path.join(SOURCE, "scripts", "bench"), BUILD,
                    "--sizes", "200,400", "--runs", "1", "--no-render", "--site-size", "500"], timeout=600)
    if rc != 0:
        fail(f"bench exited {rc}:\n{text}")
    rows = re.findall(r"^\s+(\d+)\s+(\d+)\s+(\d+)\s+([0-9.]+)\s+([0-9.]+)\s+(\d+)\s+([0-9.]+)\s+(\d+)\s+([0-9.]+)$",
                      text, re.M)
    if [int(r[0]) for r in rows] != [200, 400]:
        fail("no table rows for 200 and 400 elements:\n" + text)
    for r in rows:
        if int(r[1]) < 2 * int(r[0]) or int(r[5]) == 0 or float(r[8]) <= 0:
            fail(f"implausible row {r}:\n{text}")
    if "time per element" not in text or "kaava validate (10 elements)" not in text:
        fail("growth or start-up lines missing:\n" + text)
    for needle in ("kaava diff HEAD~1 HEAD of the 400-element model", "diff/validate",
                   "kaava impact of ", "after a load of", "with the parse cache", "nothing changed",
                   "one file changed", "kaava lsp with the 400-element model", "completion of ids",
                   "kaava serve, a save to the open page reloaded", "for an element page", "500-element model"):
        if needle not in text:
            fail(f"no '{needle}' figure:\n" + text)
    for line in ("export archimate", "import archimate", "export csv"):
        if not re.search(r"^  " + line + r" +[0-9.]+ s, \d+ MiB", text, re.M):
            fail(f"no '{line}' figure:\n" + text)


def case_floor_and_measure(tmp):
    good = os.path.join(tmp, "good.yaml")
    bad = os.path.join(tmp, "bad.yaml")
    open(good, "w").write("a: [1, 2, {b: c}]\n")
    open(bad, "w").write("a: [1, 2\n")
    floor = os.path.join(BUILD, "kaava_yaml_floor")
    rc, text = run([floor, "2", good, good])
    if rc != 0 or "2 files, 16 nodes, 0 failed" not in text:
        fail(f"floor on good files: exit {rc}: {text}")
    rc, text = run([floor, "1", good, bad])
    if rc != 1 or "1 failed" not in text:
        fail(f"floor on a broken file: exit {rc}: {text}")
    measure = os.path.join(BUILD, "kaava_measure")
    rc, text = run([measure, KAAVA, "--version"])
    m = re.search(r"^kaava_measure: ([0-9.]+) (\d+) 0$", text, re.M)
    if rc != 0 or not m or int(m.group(2)) <= 0 or "kaava" not in text[:m.start()]:
        fail(f"measure of kaava --version: exit {rc}: {text}")
    rc, text = run([measure, "sh", "-c", "exit 3"])
    if rc != 3 or not re.search(r"^kaava_measure: [0-9.]+ \d+ 3$", text, re.M):
        fail(f"measure does not pass an exit status on: exit {rc}: {text}")


with tempfile.TemporaryDirectory() as tmp:
    globals()["case_" + CASE.replace("-", "_")](tmp)
print("ok", CASE)
