#!/usr/bin/env python3
"""A newcomer's first hour (issue 11), end to end: reports that must not
look clean, flags and values that must not be accepted silently, where
output goes, and messages that must say enough. Each case builds what it
needs in a temporary folder.

usage: newcomer_test.py KAAVA CASE
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

KAAVA, CASE = os.path.abspath(sys.argv[1]), sys.argv[2]
FORMATS = ["text", "json", "sarif", "junit", "github", "gitlab", "markdown"]
QUIET = "rules: { orphan-element: off, missing-description: off, missing-translation: off }\n"


def fail(message):
    print("FAIL:", message[:3000])
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def write(root, name, text):
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def repo(tmp, files, config="kaava: 1\n" + QUIET):
    root = os.path.join(tmp, "repo")
    write(root, "kaava.yaml", config)
    for name, text in files.items():
        write(root, name, text)
    return root


def kaava(*args, cwd=None, stdin=None):
    p = subprocess.run([KAAVA, *args], cwd=cwd, capture_output=True, timeout=60,
                       input=stdin.encode() if stdin is not None else None)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def findings(out):
    return [(d["rule"], d["message"]) for d in json.loads(out)["diagnostics"]]


def case_not_loaded(tmp):
    """Nothing to validate: a finding in every format, never "no problems"."""
    os.makedirs(os.path.join(tmp, "empty"))
    write(tmp, "notes.txt", "hello\n")
    for path in [os.path.join(tmp, "no-such"), os.path.join(tmp, "empty"), os.path.join(tmp, "notes.txt")]:
        for fmt in FORMATS:
            rc, out, err = kaava("validate", path, "--format", fmt)
            check(rc == 2, f"{path} {fmt}: exit {rc}")
            both = out + err
            check("no problems" not in both, f"{path} {fmt}: says no problems:\n{both}")
            check("io-error" in both, f"{path} {fmt}: no io-error finding:\n{both}")
            if fmt == "json":
                check(json.loads(out)["summary"]["errors"] == 1, f"{path}: summary has no error")
            if fmt == "sarif":
                run0 = json.loads(out)["runs"][0]
                check(run0["results"], f"{path}: SARIF has no result")
                # Code scanning rejects a result without a location.
                check(all(r.get("locations") for r in run0["results"]), f"{path}: a SARIF result with no location")
                check(run0["invocations"] == [{"executionSuccessful": False}], f"{path}: SARIF run succeeded")
        out_file = os.path.join(tmp, "report.json")
        rc, _, err = kaava("validate", path, "--format", "json", "--output", out_file)
        check(rc == 2 and findings(open(out_file).read())[0][0] == "io-error", f"{path}: report file looks clean")


def case_empty_repository(tmp):
    """kaava.yaml and an empty source folder: a warning that says so."""
    root = repo(tmp, {})
    os.makedirs(os.path.join(root, "model"))
    rc, out, err = kaava("validate", root)
    check("no problems" not in err, "an empty repository says no problems:\n" + err)
    check("[empty-model]" in err and "defines no elements" in err, "no empty-model warning:\n" + err)
    # The default folder missing: the finding names it, not `kaava: 1`.
    os.rmdir(os.path.join(root, "model"))
    rc, out, err = kaava("validate", root)
    check(rc == 1 and "default source folder 'model/' does not exist" in err and "sources:" in err,
          "missing default folder:\n" + err)
    check("| kaava: 1" not in err, "the missing default folder is blamed on `kaava: 1`:\n" + err)
    check("[empty-model]" not in err, "empty-model repeats the missing folder:\n" + err)


MODEL = """elements:
  - { id: cap.hoks, type: capability, name: HOKS, properties: { lifecycle: active } }
  - { id: cap.ohjaus, type: capability, name: Ohjaus, serves: [cap.hoks] }
"""


def case_views(tmp):
    """A view that shows nothing warns; view ids and focus get a did-you-mean."""
    root = repo(tmp, {"model/a.yaml": MODEL + """views:
  - { id: kartta, name: Kartta, include: { ids: [kap.*] } }
  - { id: fokus, name: Fokus, focus: cap.hoksi }
  - { id: nimetty, name: Nimetty, include: { ids: [cap.ohjau] } }
  - { id: hyva, name: Hyvä, include: { ids: [cap.*] } }
  - { id: osittain, name: Osittain, include: { ids: [cap.*, kap.*] } }
"""})
    rc, out, err = kaava("validate", root, "--format", "json")
    got = findings(out)
    check(("empty-view", "view 'kartta' shows no element; 'kap.*' matches no element (did you mean 'cap.*'?)") in got,
          str(got))
    empty = [d for d in json.loads(out)["diagnostics"] if d["rule"] == "empty-view"][0]
    check((empty["line"], empty["column"]) == (5, 50), f"empty-view is not at the pattern: {empty}")
    check(any(r == "dangling-reference" and "(did you mean 'cap.hoks'?)" in m for r, m in got), str(got))
    check(any(r == "dangling-reference" and "(did you mean 'cap.ohjaus'?)" in m for r, m in got), str(got))
    check(sum(r == "empty-view" for r, m in got) == 1, "empty-view repeats another finding: " + str(got))
    # A pattern that matches nothing in a view that shows something else.
    check(("dangling-reference", "view 'osittain' names 'kap.*', which matches no id (did you mean 'cap.*'?)") in got,
          str(got))
    rc, out, err = kaava("render", root, "--view", "kartta", "-o", os.path.join(tmp, "out"))
    check(rc == 0 and "shows no element" in err, "render does not warn about an empty view:\n" + err)


def case_color_by(tmp):
    """An unknown colour property: validate and render say so, with a did-you-mean."""
    root = repo(tmp, {"model/a.yaml": MODEL + """views:
  - { id: kartta, name: Kartta, color-by: lifecylce }
  - { id: vapaa, name: Vapaa, color-by: lifecycle }
"""})
    rc, out, err = kaava("validate", root, "--format", "json")
    got = [m for r, m in findings(out) if "color-by" in m]
    check(len(got) == 1 and "'lifecylce'" in got[0] and "(did you mean 'lifecycle'?)" in got[0], str(findings(out)))
    rc, out, err = kaava("render", root, "--color-by", "lifecyle", "-o", os.path.join(tmp, "out"))
    check(rc == 2 and "--color-by" in err and "(did you mean 'lifecycle'?)" in err, f"render --color-by: {rc} {err}")
    check(not os.path.exists(os.path.join(tmp, "out")), "render wrote pictures with an unknown --color-by")
    # A view's own color-by typo: render says so, and counts it with the model's errors.
    rc, out, err = kaava("render", root, "-o", os.path.join(tmp, "views"))
    check(rc == 0 and "drawn without colours" in err and "(did you mean 'lifecycle'?)" in err, f"view color-by: {err}")
    check("the model has 1 error" in err, "render does not count the checks' errors: " + err)
    # A free-form property that an element has is a colour too.
    write(root, "model/b.yaml", "elements:\n  - { id: cap.x, type: capability, name: X, properties: { omistaja: it } }\n")
    rc, out, err = kaava("render", root, "--color-by", "omistaja", "-o", os.path.join(tmp, "out"))
    check(rc == 0, f"a free-form property cannot colour: {err}")


def case_languages(tmp):
    """--lang: one rule for render, metamodel and init; kaava.yaml's codes get a did-you-mean."""
    root = repo(tmp, {"model/a.yaml": MODEL + "views:\n  - { id: v, name: V }\n"})
    for args in (["render", root, "-o", os.path.join(tmp, "o")], ["metamodel"], ["init", os.path.join(tmp, "new")]):
        rc, out, err = kaava(*args, "--lang", "de", cwd=root)
        check(rc == 2 and "language 'de' is not one of fi, sv, en" in err, f"{args[0]} --lang de: {rc} {err}")
        rc, out, err = kaava(*args, "--lang", "swe", cwd=root)
        check(rc == 2 and "(did you mean 'sv'?)" in err, f"{args[0]} --lang swe: {rc} {err}")
    rc, out, err = kaava("render", root, "--lang", "sv", "-o", os.path.join(tmp, "o"))
    check(rc == 0, "render --lang sv: " + err)
    # A repository's own language is a language for it.
    write(root, "kaava.yaml", "kaava: 1\nlanguages: [fi, se]\n" + QUIET)
    rc, out, err = kaava("render", root, "--lang", "se", "-o", os.path.join(tmp, "o"))
    check(rc == 0, "render --lang se in a repository that lists se: " + err)
    write(root, "kaava.yaml", "kaava: 1\nlanguages: [fi, swe, en]\nmetamodel: vett\nimports: [vet-referense]\n")
    rc, out, err = kaava("validate", root)
    check("(did you mean 'sv'?)" in err, "languages: swe has no suggestion:\n" + err)
    check("(did you mean 'vet'?)" in err and "(did you mean 'vet-reference'?)" in err,
          "a bad metamodel hides a bad import:\n" + err)


def case_conflicting_flags(tmp):
    root = repo(tmp, {"model/a.yaml": MODEL + "views:\n  - { id: v, name: V }\n"})
    for args in (["--view", "v", "--viewpoint", "strategy"], ["--all", "--view", "v"], ["--all", "--viewpoint", "strategy"]):
        rc, out, err = kaava("render", root, *args, "-o", os.path.join(tmp, "o"))
        check(rc == 2 and "cannot be used together" in err, f"render {' '.join(args)}: {rc} {err}")


def case_render_output(tmp):
    """Default out/ at the repository root; validate's report folder is one render can use;
    a renamed view's old picture goes; foreign files are named; no views says so."""
    root = repo(tmp, {"model/a.yaml": MODEL + "views:\n  - { id: kartta, name: Kartta }\n"})
    rc, out, err = kaava("render", cwd=os.path.join(root, "model"))
    check(rc == 0 and os.path.exists(os.path.join(root, "out", "kartta.svg")), f"render in model/: {rc} {err}")
    check(not os.path.exists(os.path.join(root, "model", "out")), "render in a subfolder wrote out/ there")
    rc, out, err = kaava("validate", root, "--format", "sarif", "--output", os.path.join(root, "reports") + "/")
    rc, out, err = kaava("render", root, "-o", os.path.join(root, "reports"))
    check(rc == 0, "render refuses the folder of validate's report: " + err)
    check(os.path.exists(os.path.join(root, "reports", "kaava.sarif")), "render removed validate's report")
    # A renamed view: its old file goes, other formats and other views stay.
    rc, out, err = kaava("render", root, "--format", "png")
    write(root, "model/a.yaml", MODEL + "views:\n  - { id: kartta2, name: Kartta }\n")
    rc, out, err = kaava("render", root)
    files = sorted(os.listdir(os.path.join(root, "out")))
    check(files == [".kaava-output", "kartta.png", "kartta2.svg"], f"after a rename: {files}\n{err}")
    check("removed 1 file" in err and "kartta.svg" in err, "the removal is not reported: " + err)
    # A --viewpoint picture is no view's: a run of every view leaves it.
    kaava("render", root, "--viewpoint", "strategy")
    kaava("render", root)
    check(os.path.exists(os.path.join(root, "out", "strategy.svg")), "render removed the --viewpoint picture")
    # --view renders one view: nothing is removed.
    write(root, "model/a.yaml", MODEL + "views:\n  - { id: kartta3, name: Kartta }\n")
    kaava("render", root, "--view", "kartta3")
    check(os.path.exists(os.path.join(root, "out", "kartta2.svg")), "render --view removed another view's file")
    # A marker that names paths outside the folder is not obeyed.
    victim = write(tmp, "victim.svg", "<svg/>")
    with open(os.path.join(root, "out", ".kaava-output"), "a", encoding="utf-8") as f:
        f.write("render\t../../victim.svg\nrender\t" + victim + "\n")
    kaava("render", root)
    check(os.path.exists(victim), "render removed a file outside its folder")
    # Foreign files are named.
    write(tmp, "mine/notes.txt", "mine\n")
    for i in range(5):
        write(tmp, f"mine/more-{i}.txt", "mine\n")
    rc, out, err = kaava("render", root, "-o", os.path.join(tmp, "mine"))
    check(rc == 2 and "more-0.txt" in err and "and 3 more" in err, "the foreign files are not named: " + err)
    # No views at all.
    write(root, "model/a.yaml", MODEL)
    rc, out, err = kaava("render", root)
    check(rc == 2 and "no views" in err and "--viewpoint" in err, f"render without views: {rc} {err}")


def case_path_prefix(tmp):
    """A repository in a subfolder of a git repository: forge paths from the git root."""
    top = os.path.join(tmp, "top")
    root = os.path.join(top, "tools", "ea")
    write(root, "kaava.yaml", "kaava: 1\n" + QUIET)
    write(root, "model/a.yaml", "elements:\n  - { id: x, type: gaol, name: X }\n")
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_NOSYSTEM="1", HOME=tmp)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "x"]):
        subprocess.run(["git", "-C", top, *args], check=True, capture_output=True, env=env)
    for where in ([], ["--rev", "HEAD"]):
        rc, out, err = kaava("validate", *where, "--format", "github", cwd=root)
        check("file=tools/ea/model/a.yaml," in out, f"github {where}: {out}")
        rc, out, err = kaava("validate", *where, "--format", "sarif", cwd=root)
        uris = {l["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(out)["runs"][0]["results"] for l in r.get("locations", [])}
        check(uris == {"tools/ea/model/a.yaml"}, f"sarif {where}: {uris}")
        rc, out, err = kaava("validate", *where, "--format", "gitlab", cwd=root)
        check({f["location"]["path"] for f in json.loads(out)} == {"tools/ea/model/a.yaml"}, f"gitlab {where}: {out}")
    rc, out, err = kaava("validate", "--format", "json", cwd=root)
    check(json.loads(out)["diagnostics"][0]["file"] == "model/a.yaml", "json paths are not from the repository root")
    rc, out, err = kaava("validate", "--format", "github", "--path-prefix", "", cwd=root)
    check("file=model/a.yaml," in out, "--path-prefix '' keeps a prefix: " + out)
    rc, out, err = kaava("validate", "--format", "github", "--path-prefix", "./other", cwd=root)
    check("file=other/model/a.yaml," in out, "--path-prefix other: " + out)


def case_cli(tmp):
    """Usage, help, and parse errors that name the command and suggest."""
    rc, out, err = kaava()
    check(rc == 2 and "Usage: kaava" in err and "validate" in err, f"kaava alone: {rc} {out} {err}")
    rc, out, err = kaava("help")
    check(rc == 0 and "Usage: kaava" in out, f"kaava help: {rc} {err}")
    for command in ("validate", "render", "metamodel", "init", "rules"):
        rc, out, err = kaava("help", command)
        check(rc == 0 and f"Usage: kaava {command}" in out, f"kaava help {command}: {rc} {out} {err}")
        check("Excludes:" not in out and "=text Excludes" not in out, f"help {command} layout:\n{out}")
        for line in out.splitlines():
            check(len(line) <= 100, f"help {command} has a line over 100 columns: {line!r}")
    rc, out, err = kaava("help", "valdate")
    check(rc == 2 and "(did you mean 'validate'?)" in err, f"kaava help valdate: {err}")
    rc, out, err = kaava("valdate")
    check(rc == 2 and "unknown command 'valdate' (did you mean 'validate'?)" in err, f"kaava valdate: {err}")
    rc, out, err = kaava("validate", "--fromat", "json")
    check(rc == 2 and "unknown option '--fromat' (did you mean '--format'?)" in err, f"--fromat: {err}")
    check("Run 'kaava validate --help'" in err, "the hint does not name the command: " + err)
    rc, out, err = kaava("render", "--colr-by=x")
    check(rc == 2 and "(did you mean '--color-by'?)" in err and "kaava render --help" in err, f"--colr-by: {err}")
    rc, out, err = kaava("validate", "--format", "jsno")
    check(rc == 2 and "(did you mean 'json'?)" in err, f"--format jsno: {err}")
    rc, out, err = kaava("validate", "--format")
    check(rc == 2 and "--format needs a value: one of {text,json" in err, f"--format without a value: {err}")
    rc, out, err = kaava("validate", "--fail-on", "warn")
    check(rc == 2 and "(did you mean 'warning'?)" in err, f"--fail-on warn: {err}")
    rc, out, err = kaava("--verbose", "validate")
    check(rc == 2 and err.startswith("kaava: error: unknown option '--verbose'"), f"kaava --verbose validate: {err}")
    rc, out, err = kaava("version")
    check(rc == 2 and "(did you mean '--version'?)" in err, f"kaava version: {err}")
    rc, out, err = kaava("render", "--lang", "de", cwd=tmp)
    check(err.startswith("kaava render: error:"), f"a command's error does not name it: {err}")
    rc, out, err = kaava("validate", "--max-warnings", "many")
    check(rc == 2 and err.count("--max-warnings") == 1 and "'many'" in err, f"--max-warnings many: {err}")


def case_rules(tmp):
    """kaava rules ID shows one rule; inside a repository, its severities beside the defaults."""
    rc, out, err = kaava("rules", "empty-view", cwd=tmp)
    check(rc == 0 and out.startswith("empty-view (warning)") and "orphan-element" not in out, f"rules ID: {out}")
    rc, out, err = kaava("rules", "emtpy-view", cwd=tmp)
    check(rc == 2 and "(did you mean 'empty-view'?)" in err, f"rules typo: {err}")
    root = repo(tmp, {"model/a.yaml": MODEL}, "kaava: 1\nname: Testiopisto\nrules: { orphan-element: error }\n")
    rc, out, err = kaava("rules", "orphan-element", cwd=os.path.join(root, "model"))
    check("orphan-element (warning; error in Testiopisto)" in out, f"repository severity not shown: {out}")
    rc, out, err = kaava("rules", "orphan-element", "--format", "json", cwd=root)
    rule = json.loads(out)["rules"]
    check(len(rule) == 1 and rule[0]["severity"] == "warning" and rule[0]["configured"] == "error", out)
    rc, out, err = kaava("rules", "--format", "markdown", cwd=root)
    check("error in Testiopisto" not in out, "the markdown (docs/rules.md) depends on the repository")


def case_metamodel_viewpoints(tmp):
    """Viewpoints can be discovered: listed in text and JSON, one shown by name."""
    rc, out, err = kaava("metamodel", cwd=tmp)
    check(rc == 0 and "Näkökulmat" in out and "capability-map" in out, "kaava metamodel lists no viewpoints")
    rc, out, err = kaava("metamodel", "--lang", "en", cwd=tmp)
    check(rc == 0 and "Viewpoints (kaava render" in out, f"the headings do not follow --lang en: {out}")
    rc, out, err = kaava("metamodel", "--format", "json", cwd=tmp)
    vps = {v["id"]: v for v in json.loads(out)["viewpoints"]}
    check("capability" in vps["capability-map"]["types"], f"capability-map types: {vps.get('capability-map')}")
    rc, out, err = kaava("metamodel", "capability-map", cwd=tmp)
    check(rc == 0 and "capability" in out and "kaava render --viewpoint capability-map" in out, out)
    rc, out, err = kaava("metamodel", "sovelluskomponentti", cwd=tmp)
    check(rc == 0 and out.startswith("application-component:"), f"a type by its Finnish label: {out} {err}")
    # Relationship types, by name or verb, and their specializations.
    rc, out, err = kaava("metamodel", "flow", cwd=tmp)
    check(rc == 0 and out.startswith("flow:") and "verbi: flows-to" in out and "integration" in out, out + err)
    rc, out, err = kaava("metamodel", "flow", "--lang", "en", cwd=tmp)
    check(rc == 0 and "verb: flows-to (inline: SOURCE flows-to: [TARGET])" in out, out + err)
    rc, out, err = kaava("metamodel", "sends-to", "--format", "json", cwd=tmp)
    rel = json.loads(out)
    check(rel["id"] == "integration" and rel["base"] == "flow" and rel["allowed"], out[:300])
    rc, out, err = kaava("metamodel", "lifecycle", cwd=tmp)
    check(rc == 2 and "is a property" in err, f"a property's name: {err}")
    rc, out, err = kaava("metamodel", "capability-mapp", cwd=tmp)
    check(rc == 2 and "(did you mean 'capability-map'?)" in err, err)


def case_init(tmp):
    """kaava init . needs no cd."""
    os.makedirs(os.path.join(tmp, "here"))
    rc, out, err = kaava("init", ".", cwd=os.path.join(tmp, "here"))
    check(rc == 0 and "Next: kaava validate" in out and "cd ." not in out, f"init .: {out}")
    rc, out, err = kaava("init", "other", cwd=tmp)
    check(rc == 0 and "Next: cd other && kaava validate" in out, f"init other: {out}")
    check("Note:" not in out, "a note about git outside any git repository: " + out)
    rc, out, err = kaava("init", "x", "--name", "", cwd=tmp)
    check(rc == 2 and "--name" in err, f"init --name '': {rc} {err}")
    # In a subfolder of a git repository: say where GitHub reads workflows.
    subprocess.run(["git", "init", "-q", os.path.join(tmp, "top")], check=True)
    rc, out, err = kaava("init", "tools/ea", cwd=os.path.join(tmp, "top"))
    check(rc == 0 and "GitHub reads workflows only from" in out and "working-directory: tools/ea" in out, out)
    # The workflow it writes builds the tool alone: no Catch2 (v2 or v3), no warnings as errors.
    with open(os.path.join(tmp, "other", ".github", "workflows", "kaava.yml"), encoding="utf-8") as f:
        workflow = f.read()
    builds = [l.strip() for l in workflow.splitlines() if "make -C /tmp/kaava" in l]
    check(builds and all("TESTS=OFF" in l and "WERROR=ON" not in l for l in builds), f"workflow builds: {builds}")
    source = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    makefile = open(os.path.join(source, "Makefile"), encoding="utf-8").read()
    check("WERROR ?= OFF" in makefile and "--tool" in makefile, "the Makefile makes warnings errors for users")
    deps = open(os.path.join(source, "scripts", "install-deps.sh"), encoding="utf-8").read()
    tool = deps.split('TOOL="', 1)[1].split('"', 1)[0].split()
    check("catch2" not in tool and "g++" in tool, f"the tool's packages: {tool}")


def case_cascades(tmp):
    """One mistake, one finding: the rest of the run reads it as meant."""
    config = "kaava: 1\nlanguages: [fi, swe, en]\nimports: [vet-referense]\n" + QUIET
    root = repo(tmp, {"model/a.yaml": """elements:
  - { id: a1, tyep: goal, name: { fi: A, sv: A, en: A } }
  - { ID: a2, type: goal, name: A2 }
  - { id: a3, type: goal, nmae: X, desciption: y, flow: [a1] }
  - { id: a4, type: application-component, name: { fi: S, sv: S }, realizes: [vet.cap.personalisation.hoks] }
  - { id: cap.opetus.työpaikka, type: capability, name: T }
  - { id: app.x, type: application-component, name: X, realizes: [cap.opetus.tyopaikka] }
relationships:
  - { tpye: flow, from: a1, to: a3 }
views:
  - { id: v1, type: goal, name: X }
"""}, config)
    rc, out, err = kaava("validate", root, "--format", "json")
    got = findings(out)
    rules = [r for r, m in got]
    listing = "\n".join(f"{r}: {m}" for r, m in got)
    check(rules.count("invalid-config") == 2, "kaava.yaml:\n" + listing)
    check("unknown-key" in rules and not any("unknown language" in m for r, m in got), "a language cascade:\n" + listing)
    check("dangling-reference" not in rules, "references into the misspelt import or to the fixable id:\n" + listing)
    check("invalid-structure" in rules and sum(r == "invalid-structure" for r in rules) == 1,
          "a misspelt key is also reported missing, or the element under views: cascades:\n" + listing)
    check("missing-name" not in rules and "missing-description" not in rules, "misspelt name reported missing:\n" + listing)
    check(any("(did you mean 'flows-to'?)" in m for r, m in got), "flow: does not suggest the verb:\n" + listing)
    check(any("(did you mean 'cap.opetus.tyopaikka'?)" in m for r, m in got), listing)
    check(not any("did you mean 'cap.opetus.työpaikka'" in m for r, m in got), "an invalid id suggested:\n" + listing)


def case_misspelt_ids(tmp):
    """A misspelt id: key, verb key or element id: its finding, and no dangling or orphan follow-ons."""
    root = repo(tmp, {"model/a.yaml": """elements:
  - { ID: proc.opetus, type: business-process, name: Opetus }
  - { id: role.opettaja, type: business-role, name: Opettaja, assigned-to: [proc.opetus] }
  - { id: app.lms, type: application-component, name: LMS, serving: [proc.haku] }
  - { id: proc.haku, type: business-process, name: Haku }
  - { id: proc.arviointi, type: business-process, name: Arviointi }
  - { id: role.x, type: business-role, name: X, assigned-to: [proc.arvionti] }
"""}, "kaava: 1\nrules: { missing-description: off }\n")
    rc, out, err = kaava("validate", root, "--format", "json")
    got = findings(out)
    listing = "\n".join(f"{r}: {m}" for r, m in got)
    check([r for r, m in got] == ["unknown-key", "unknown-key", "dangling-reference"], "follow-on findings:\n" + listing)
    check("(did you mean 'proc.arviointi'?)" in got[2][1], listing)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        globals()["case_" + CASE.replace("-", "_")](tmp)
    print("ok", CASE)


if __name__ == "__main__":
    main()
