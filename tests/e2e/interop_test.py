#!/usr/bin/env python3
"""Interoperability: the ArchiMate exchange format (export, import, round
trips, the Open Group case studies, hostile XML) and Archi's CSV.

usage: interop_test.py KAAVA SOURCE_DIR CASE
The case studies are read from ../shared/reference/archimate/examples beside
the source tree; when it is absent, those cases say so and pass.
"""
import os
import subprocess
import sys
import tempfile

KAAVA, SOURCE, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
SCHEMAS = os.path.join(SOURCE, "tests", "schemas", "archimate")
FIXTURE = os.path.join(SOURCE, "tests", "fixtures", "interop")
EXAMPLES = [os.path.join(SOURCE, "examples", n) for n in ("minimal", "esimerkkiopisto", "oppimisanalytiikka")]


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def run(*args, cwd=None):
    p = subprocess.run([KAAVA, *args], capture_output=True, timeout=300, cwd=cwd)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def xmllint(path, schema="archimate3_Diagram_with_dc.xsd"):
    env = dict(os.environ, XML_CATALOG_FILES=os.path.join(SCHEMAS, "catalog.xml"))
    p = subprocess.run(["xmllint", "--nonet", "--noout", "--schema", os.path.join(SCHEMAS, schema), path],
                       capture_output=True, env=env, timeout=120)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def export(repo, out, *extra):
    rc, _, err = run("export", "archimate", repo, "-o", out, *extra)
    if rc != 0:
        fail(f"kaava export archimate {repo}: exit {rc}: {err}")
    return err


def xsd():
    """The export of every example and of the fixture (every element type, both junctions, every relationship
    attribute) validates against the exchange-format XSDs, keys and keyrefs included; twice the same bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        for repo in EXAMPLES + [FIXTURE]:
            out = os.path.join(tmp, os.path.basename(repo) + ".xml")
            export(repo, out)
            rc, err = xmllint(out)
            if rc != 0:
                fail(f"the export of {os.path.relpath(repo, SOURCE)} does not validate:\n{err[:3000]}")
            again = os.path.join(tmp, "again.xml")
            export(repo, again)
            if open(out, "rb").read() != open(again, "rb").read():
                fail(f"two exports of {os.path.relpath(repo, SOURCE)} differ")
        text = open(os.path.join(tmp, "interop.xml"), encoding="utf-8").read()
        for needle in ('xsi:type="AndJunction"', 'xsi:type="OrJunction"', 'accessType="Read"', 'accessType="Write"',
                       'accessType="ReadWrite"', 'accessType="Access"', 'modifier="++"', 'isDirected="true"',
                       'propertyDefinitionRef="specialization"', '<name xml:lang="sv">', "<bendpoint ",
                       "<label>Technology &amp; Physical</label>", "<label>Relations</label>"):
            if needle not in text:
                fail(f"the fixture's export lacks {needle}")
        # A broken export is caught: the test can fail.
        broken = os.path.join(tmp, "broken.xml")
        open(broken, "w", encoding="utf-8").write(text.replace('xsi:type="AndJunction"', 'xsi:type="Junction"', 1))
        if xmllint(broken)[0] == 0:
            fail("xmllint accepts an unknown xsi:type")
    print("exports of the examples and the fixture validate against the XSDs and are byte-stable")


{"xsd": xsd}[CASE]()
