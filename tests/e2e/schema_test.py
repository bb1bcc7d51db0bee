#!/usr/bin/env python3
"""The JSON Schemas of `kaava schema` (draft-07): every file of the examples and
the reference architecture validates, broken files are rejected, and `kaava
init` writes schemas that its own files name on their first line.

usage: schema_test.py KAAVA SOURCE_DIR CASE
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema
import yaml

KAAVA, SOURCE, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
REPOSITORIES = ["examples/esimerkkiopisto", "examples/oppimisanalytiikka", "examples/minimal", "models/vet-reference"]


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


class Yaml12Loader(yaml.SafeLoader):
    """YAML as editors read it (1.2 core schema): no timestamps, no yes/no booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag not in ("tag:yaml.org,2002:timestamp",)]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema(cwd, *args):
    p = subprocess.run([KAAVA, "schema", *args], cwd=cwd, capture_output=True, timeout=60)
    if p.returncode != 0:
        fail(f"kaava schema {' '.join(args)} in {cwd}: exit {p.returncode}: {p.stderr.decode()}")
    doc = json.loads(p.stdout)
    jsonschema.Draft7Validator.check_schema(doc)
    return jsonschema.Draft7Validator(doc)


def problems(validator, text):
    docs = list(yaml.load_all(text, Loader=Yaml12Loader))
    return [e for d in docs for e in validator.iter_errors(d)]


def examples():
    """Every model file and kaava.yaml of the examples and the reference validates."""
    checked = 0
    for repo in REPOSITORIES:
        root = os.path.join(SOURCE, repo)
        model, config = schema(root), schema(root, "--for", "config")
        for path in sorted(glob.glob(os.path.join(root, "**", "*.yaml"), recursive=True)):
            validator = config if os.path.basename(path) == "kaava.yaml" else model
            found = problems(validator, open(path, encoding="utf-8").read())
            if found:
                fail(f"{os.path.relpath(path, SOURCE)}: {found[0].message} at {list(found[0].absolute_path)}")
            checked += 1
    if checked < 20:
        fail(f"only {checked} files checked")
    print(f"{checked} files validate against their repository's schema")


BROKEN = {
    "an unknown element type": "elements:\n  - { id: a, type: aplication-component, name: A }\n",
    "an unknown key": "elements:\n  - { id: a, type: goal, name: A, nmae: B }\n",
    "an id with capitals": "elements:\n  - { id: App, type: goal, name: A }\n",
    "an element without a type": "elements:\n  - { id: a, name: A }\n",
    "a value outside an enumeration": "elements:\n  - { id: a, type: application-component, name: A, properties: { lifecycle: alive } }\n",
    "a required property missing": "elements:\n  - { id: a, type: national-service, name: A }\n",
    "a language that the repository lacks": "elements:\n  - { id: a, type: goal, name: { de: Ziel } }\n",
    "an attribute of another relationship type": "relationships:\n  - { type: serving, from: a, to: b, access: read }\n",
    "an access value that is no access type": "relationships:\n  - { type: access, from: a, to: b, access: sometimes }\n",
    "an unknown relationship verb": "elements:\n  - { id: a, type: goal, name: A, serving: [b] }\n",
    "an inline item without a target": "elements:\n  - id: a\n    type: goal\n    name: A\n    influences: [{ strength: '+' }]\n",
    "a view with an unknown viewpoint": "views:\n  - { id: v, name: V, viewpoint: layerd }\n",
    "an unknown top-level key": "element:\n  - { id: a, type: goal, name: A }\n",
    "an element without a name": "elements:\n  - { id: a, type: goal }\n",
}

# What kaava reads as text although YAML reads a number, and empty keys: accepted by both.
LENIENT = {
    "a number as id, name and tag": "elements:\n  - { id: 2024, type: goal, name: 123, tags: [2024] }\n",
    "empty tags and properties": "elements:\n  - { id: a, type: goal, name: A, tags:, properties: }\n",
    "a junction without a name": "elements:\n  - { id: j, type: or-junction }\n",
}

CONFIG_BROKEN = {
    "an unknown key": "kaava: 1\nnmae: x\n",
    "an unknown rule": "kaava: 1\nrules: { orphan-elements: off }\n",
    "a severity that is none": "kaava: 1\nrules: { orphan-element: silent }\n",
    "format version 2": "kaava: 2\n",
}


def broken():
    """Files with mistakes kaava reports are rejected by the schema too."""
    root = os.path.join(SOURCE, "examples", "minimal")
    model, config = schema(root), schema(root, "--for", "config")
    good = "elements:\n  - id: a\n    type: application-component\n    name: { fi: A, en: A }\n" \
           "    properties: { lifecycle: active }\n    influences: [{ to: b, strength: 5 }]\n" \
           "relationships:\n  - { type: access, from: a, to: b, access: read }\n"
    if problems(model, good):
        fail(f"a correct file is rejected: {problems(model, good)[0].message}")
    for what, text in LENIENT.items():
        if problems(model, text):
            fail(f"{what} is rejected: {problems(model, text)[0].message}")
    for what, text in BROKEN.items():
        if not problems(model, text):
            fail(f"{what} passes the model schema")
    for what, text in CONFIG_BROKEN.items():
        if not problems(config, text):
            fail(f"{what} passes the kaava.yaml schema")
    print(f"{len(BROKEN)} broken model files and {len(CONFIG_BROKEN)} broken kaava.yaml files are rejected")


def init():
    """kaava init writes the schemas its files name, and its files validate against them."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "r")
        p = subprocess.run([KAAVA, "init", repo, "--name", "Testi"], capture_output=True, timeout=60)
        if p.returncode != 0:
            fail(f"kaava init: {p.stderr.decode()}")
        for name in ("kaava.yaml", os.path.join("model", "start.yaml")):
            path = os.path.join(repo, name)
            first = open(path, encoding="utf-8").readline().strip()
            prefix = "# yaml-language-server: $schema="
            if not first.startswith(prefix):
                fail(f"{name} does not name its schema: {first}")
            target = os.path.normpath(os.path.join(os.path.dirname(path), first[len(prefix):]))
            if not os.path.isfile(target):
                fail(f"{name} names {target}, which init did not write")
            validator = jsonschema.Draft7Validator(json.load(open(target, encoding="utf-8")))
            found = problems(validator, open(path, encoding="utf-8").read())
            if found:
                fail(f"{name}: {found[0].message}")
    print("kaava init: files name their schemas, and validate against them")


{"examples": examples, "broken": broken, "init": init}[CASE]()
