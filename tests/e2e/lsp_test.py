#!/usr/bin/env python3
"""kaava lsp with a real client speaking JSON-RPC over stdio: every method
on a fixture repository made for the case, including an unsaved buffer with
an error that the file on disk does not have, and the robustness promises
(malformed messages, unknown methods, files outside a repository, a client
that goes away).

usage: lsp_test.py KAAVA CASE
"""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client  # noqa: E402

KAAVA, CASE = sys.argv[1], sys.argv[2]

CONFIG = """kaava: 1
name: LSP-testi
metamodel: vet
languages: [fi, sv, en]
imports: [vet-reference]
rules:
  missing-description: off
"""
APPS = """elements:
  - id: app.sis
    type: application-component
    name: { fi: Opiskelijahallinto, sv: Studieadministration, en: Student administration }
    properties:
      lifecycle: active
    serves: [proc.guidance]
    realizes: [vet.cap.support.guidance]
  - id: proc.guidance
    type: business-process
    name: { fi: Ohjaus, sv: Handledning, en: Guidance }
    children:
      - id: proc.guidance.talk
        type: business-process
        name: { fi: Ohjauskeskustelu, sv: Handledningssamtal, en: Guidance talk }
views:
  - id: view.apps
    name: { fi: Sovellukset, sv: Applikationer, en: Applications }
    focus: app.sis
"""
MORE = """elements:
  - id: app.lms
    type: application-component
    name: { fi: Oppimisalusta, sv: Lärplattform, en: Learning platform }
    serves: [proc.guidance]
"""


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def check(ok, message):
    if not ok:
        fail(message)


def write(root, name, text):
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def fixture(tmp):
    root = os.path.join(tmp, "repo")
    write(root, "kaava.yaml", CONFIG)
    write(root, "model/apps.yaml", APPS)
    write(root, "model/more.yaml", MORE)
    return root


def uri(path):
    return "file://" + path


def pos(text, needle, offset=0, occurrence=0):
    """The LSP position of the `occurrence`-th `needle` in `text`, plus `offset` characters."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at)
    col = at - (text.rfind("\n", 0, at) + 1)
    return {"line": line, "character": col + offset}


def start(tmp, log=None):
    root = fixture(tmp)
    cmd = [KAAVA, "lsp"] + (["--log", log] if log else [])
    client = Client(cmd, cwd=root)
    answer = client.initialize(root)
    caps = answer["result"]["capabilities"]
    for cap in ("completionProvider", "hoverProvider", "definitionProvider", "referencesProvider", "renameProvider",
                "documentSymbolProvider", "workspaceSymbolProvider", "codeActionProvider"):
        check(cap in caps, f"capability {cap} missing: {caps}")
    return root, client


def open_doc(client, path, version=1):
    text = open(path, encoding="utf-8").read()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri(path), "languageId": "yaml", "version": version,
                                                             "text": text}})
    return text


def labels(answer):
    result = answer["result"]
    items = result["items"] if isinstance(result, dict) else result
    return [i["label"] for i in items], items


def case_diagnostics():
    """An unsaved buffer with an error the disk file lacks: diagnostics for it, a quick fix, then clean again."""
    with tempfile.TemporaryDirectory() as tmp:
        root, c = start(tmp)
        apps = os.path.join(root, "model", "apps.yaml")
        text = open_doc(c, apps)
        check(c.diagnostics(uri(apps), 1) == [], "a clean file has findings")
        broken = text.replace("type: business-process", "type: busines-process", 1)
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri(apps), "version": 2},
                                            "contentChanges": [{"text": broken}]})
        found = c.diagnostics(uri(apps), 2)
        check(len(found) == 1 and found[0]["code"] == "unknown-type" and found[0]["severity"] == 1,
              f"the unsaved error: {found}")
        d = found[0]
        check(d["range"]["start"] == pos(broken, "busines-process") and
              d["range"]["end"]["character"] == pos(broken, "busines-process")["character"] + len("busines-process"),
              f"range: {d['range']}")
        check("rules.md#unknown-type" in d["codeDescription"]["href"] and d["source"] == "kaava", f"{d}")
        # The disk still has the good text: kaava validate says so.
        p = subprocess.run([KAAVA, "validate", root], capture_output=True, text=True)
        check(p.returncode == 0, f"the disk file changed: {p.stderr}")
        # A quick fix applies the did-you-mean.
        actions = c.request("textDocument/codeAction", {"textDocument": {"uri": uri(apps)}, "range": d["range"],
                                                        "context": {"diagnostics": [d]}})["result"]
        fix = [a for a in actions if a["title"] == "Change to 'business-process'"]
        check(fix and fix[0]["edit"]["changes"][uri(apps)][0]["newText"] == "business-process", f"actions: {actions}")
        # An incremental change (a range) puts the right text back.
        start_pos = d["range"]["start"]
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri(apps), "version": 3}, "contentChanges": [
            {"range": {"start": start_pos, "end": {"line": start_pos["line"], "character": start_pos["character"] + 7}},
             "text": "business"}]})
        check(c.diagnostics(uri(apps), 3) == [], "fixed, still a finding")
        # An error in one file that shows in another: a dangling reference.
        more = os.path.join(root, "model", "more.yaml")
        open_doc(c, more)
        c.diagnostics(uri(more), 1)
        renamed = text.replace("id: proc.guidance\n", "id: proc.ohjaus\n", 1)
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri(apps), "version": 4},
                                            "contentChanges": [{"text": renamed}]})
        found = c.diagnostics(uri(more), 1)
        check(any(f["code"] == "dangling-reference" for f in found), f"the other file: {found}")
        # Closing the buffer: the disk's text counts again.
        c.notify("textDocument/didClose", {"textDocument": {"uri": uri(apps)}})
        check(c.diagnostics(uri(more), 1) == [], "after close, the disk's text")
        check(c.close() == 0, "exit code after shutdown and exit")
    print("diagnostics of unsaved buffers, quick fix, incremental changes")


def case_completion():
    with tempfile.TemporaryDirectory() as tmp:
        root, c = start(tmp)
        apps = os.path.join(root, "model", "apps.yaml")
        text = open_doc(c, apps)
        c.diagnostics(uri(apps), 1)

        def complete(new_text, where, version):
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri(apps), "version": version},
                                                "contentChanges": [{"text": new_text}]})
            return labels(c.request("textDocument/completion", {"textDocument": {"uri": uri(apps)}, "position": where}))

        names, _ = complete(text, pos(text, "application-component"), 2)
        check("application-component" in names and "capability" in names and "register" in names,
              f"types: {names[:20]}")
        # Ids at a verb: those the metamodel allows first.
        t = text.replace("serves: [proc.guidance]", "serves: [", 1)
        names, items = complete(t, pos(t, "serves: [", 9), 3)
        check("proc.guidance" in names and "vet.koski" in names, f"ids: {names[:20]}")
        by = {i["label"]: i for i in items}
        check(by["proc.guidance"]["sortText"] < by["vet.koski"]["sortText"] or by["vet.koski"]["sortText"].startswith("0"),
              "the allowed ids first")
        check("Ohjaus" in by["proc.guidance"]["detail"], f"detail: {by['proc.guidance']}")
        # Keys of an element: the fixed ones and the verbs.
        t = text.replace("    serves: [proc.guidance]\n", "    se\n", 1)
        names, _ = complete(t, pos(t, "    se\n", 6), 4)
        check("serves" in names and "name" in names and "flows-to" in names, f"element keys: {names}")
        # Property keys and an enumeration's values.
        t = text.replace("      lifecycle: active\n", "      li\n", 1)
        names, items = complete(t, pos(t, "      li\n", 8), 5)
        check("lifecycle" in names and "owner" in names, f"property keys: {names}")
        t = text.replace("lifecycle: active", "lifecycle: ", 1)
        names, _ = complete(t, pos(t, "lifecycle: ", 11), 6)
        check("active" in names and "retired" in names, f"lifecycle values: {names}")
        # Flow style: a property's values inside braces, selector types inside brackets; every item
        # replaces the whole word at the cursor.
        t = text.replace("      lifecycle: active\n", "", 1).replace("    name: { fi: Opiskelijahallinto",
                                                                       "    properties: { lifecycle: ac }\n    name: { fi: Opiskelijahallinto", 1)
        names, items = complete(t, pos(t, "lifecycle: ac", 13), 8)
        check("active" in names, f"flow property values: {names}")
        edit = items[0]["textEdit"]["range"]
        check(edit["start"] == pos(t, "lifecycle: ac", 11) and edit["end"] == pos(t, "lifecycle: ac", 13), f"textEdit: {items[0]}")
        t = text.replace("    focus: app.sis\n", "    include: { types: [app }\n", 1)
        names, _ = complete(t, pos(t, "types: [app", 11), 9)
        check("application-component" in names, f"selector types in flow style: {names[:10]}")
        t = text.replace("    focus: app.sis\n", "    include: { ty }\n", 1)
        names, _ = complete(t, pos(t, "{ ty", 4), 10)
        check("types" in names and "ids" in names, f"selector keys in flow style: {names}")
        # A view's keys.
        t = text.replace("    focus: app.sis\n", "    fo\n", 1)
        names, _ = complete(t, pos(t, "    fo\n", 6), 11)
        check("focus" in names and "viewpoint" in names, f"view keys: {names}")
        # kaava.yaml: its keys, rule ids, severities.
        config = os.path.join(root, "kaava.yaml")
        ctext = open_doc(c, config)
        names, _ = labels(c.request("textDocument/completion", {"textDocument": {"uri": uri(config)},
                                                                "position": pos(ctext, "  missing-description", 2)}))
        check("orphan-element" in names and "unknown-type" in names, f"rule ids: {names[:10]}")
        names, _ = labels(c.request("textDocument/completion", {"textDocument": {"uri": uri(config)},
                                                                "position": pos(ctext, "off")}))
        check(set(names) == {"error", "warning", "info", "off"}, f"severities: {names}")
        names, _ = labels(c.request("textDocument/completion", {"textDocument": {"uri": uri(config)},
                                                                "position": {"line": 0, "character": 0}}))
        check("imports" in names and "languages" in names, f"config keys: {names}")
        c.close()
    print("completion")


def case_navigation():
    """Hover, definition, references, rename, document and workspace symbols."""
    with tempfile.TemporaryDirectory() as tmp:
        root, c = start(tmp)
        apps = os.path.join(root, "model", "apps.yaml")
        more = os.path.join(root, "model", "more.yaml")
        text = open_doc(c, apps)
        mtext = open_doc(c, more)
        c.diagnostics(uri(more), 1)
        hover = c.request("textDocument/hover", {"textDocument": {"uri": uri(more)},
                                                 "position": pos(mtext, "proc.guidance", 3)})["result"]
        value = hover["contents"]["value"]
        check("Ohjaus" in value and "Handledning" in value and "business-process" in value and "app.lms" in value,
              f"hover of an id: {value}")
        hover = c.request("textDocument/hover", {"textDocument": {"uri": uri(apps)},
                                                 "position": pos(text, "application-component", 2)})["result"]
        check("application-component" in hover["contents"]["value"], f"hover of a type: {hover}")
        config = os.path.join(root, "kaava.yaml")
        ctext = open_doc(c, config)
        hover = c.request("textDocument/hover", {"textDocument": {"uri": uri(config)},
                                                 "position": pos(ctext, "missing-description", 3)})["result"]
        check("rules.md#missing-description" in hover["contents"]["value"], f"hover of a rule: {hover}")
        # Definition: from more.yaml to apps.yaml.
        loc = c.request("textDocument/definition", {"textDocument": {"uri": uri(more)},
                                                    "position": pos(mtext, "proc.guidance", 1)})["result"]
        check(loc["uri"] == uri(apps) and loc["range"]["start"] == pos(text, "proc.guidance", 0, 1),
              f"definition: {loc}")
        loc = c.request("textDocument/definition", {"textDocument": {"uri": uri(apps)},
                                                    "position": pos(text, "vet.cap.support.guidance", 1)})["result"]
        check(loc is None, f"a built-in element has no file to open: {loc}")
        refs = c.request("textDocument/references", {"textDocument": {"uri": uri(apps)},
                                                     "position": pos(text, "proc.guidance", 0, 1),
                                                     "context": {"includeDeclaration": True}})["result"]
        places = sorted((r["uri"].rsplit("/", 1)[1], r["range"]["start"]["line"]) for r in refs)
        check(places == [("apps.yaml", 6), ("apps.yaml", 8), ("more.yaml", 4)], f"references: {places}")
        # Rename across files; refused for an imported id, an invalid or a taken one.
        edit = c.request("textDocument/rename", {"textDocument": {"uri": uri(apps)},
                                                 "position": pos(text, "proc.guidance", 0, 1),
                                                 "newName": "proc.ohjaus"})["result"]["changes"]
        check(len(edit[uri(apps)]) == 2 and len(edit[uri(more)]) == 1 and
              all(e["newText"] == "proc.ohjaus" for es in edit.values() for e in es), f"rename: {edit}")
        check(not any(e["range"]["start"]["line"] == 12 for e in edit[uri(apps)]),
              "proc.guidance.talk is another id, not renamed")
        prep = c.request("textDocument/prepareRename", {"textDocument": {"uri": uri(apps)},
                                                        "position": pos(text, "app.sis", 2)})["result"]
        check(prep["placeholder"] == "app.sis", f"prepareRename: {prep}")
        for target, name, needle in (("vet.cap.support.guidance", "x.y", "imported reference"),
                                     ("app.sis", "App Sis", "not an id"), ("app.sis", "proc.guidance", "already")):
            answer = c.request("textDocument/rename", {"textDocument": {"uri": uri(apps)},
                                                       "position": pos(text, target, 1), "newName": name})
            check("error" in answer and needle in answer["error"]["message"], f"rename {target} to {name}: {answer}")
        # Symbols.
        symbols = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(apps)}})["result"]
        names = [s["name"] for s in symbols]
        check(names == ["Opiskelijahallinto", "Ohjaus", "Sovellukset"], f"document symbols: {names}")
        check(symbols[1]["children"][0]["name"] == "Ohjauskeskustelu", f"nested: {symbols[1]}")
        for s in symbols:
            r, sel = s["range"], s["selectionRange"]
            check(r["start"]["line"] <= sel["start"]["line"] <= r["end"]["line"], f"selection outside range: {s}")
        # Before any file is open, the folder the editor opened counts.
        early = Client([KAAVA, "lsp"], cwd=root)
        early.initialize(root)
        found = early.request("workspace/symbol", {"query": "ohjaus"})["result"]
        check(found, "workspace symbols before a file is open")
        early.close()
        found = c.request("workspace/symbol", {"query": "ohjaus"})["result"]
        check({s["containerName"] for s in found} >= {"proc.guidance", "proc.guidance.talk"}, f"workspace symbols: {found}")
        c.close()
    print("hover, definition, references, rename, symbols")


def case_code_actions():
    """Add a missing required property; add suppress: for a finding."""
    with tempfile.TemporaryDirectory() as tmp:
        root, c = start(tmp)
        apps = os.path.join(root, "model", "apps.yaml")
        text = open_doc(c, apps)
        c.diagnostics(uri(apps), 1)
        t = text.replace("      lifecycle: active\n", "      lifecycle: active\n      personal-data: true\n", 1)
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri(apps), "version": 2},
                                            "contentChanges": [{"text": t}]})
        found = c.diagnostics(uri(apps), 2)
        missing = [d for d in found if d["code"] == "missing-required-property"]
        check(missing, f"findings: {found}")
        actions = c.request("textDocument/codeAction", {"textDocument": {"uri": uri(apps)}, "range": missing[0]["range"],
                                                        "context": {"diagnostics": missing[:1]}})["result"]
        titles = [a["title"] for a in actions]
        add = [a for a in actions if a["title"].startswith("Add property")]
        suppress = [a for a in actions if a["title"].startswith("Suppress missing-required-property for app.sis")]
        check(add and suppress, f"actions: {titles}")
        # Apply both edits by hand: the result must load, with the finding gone.
        def apply(source, edit):
            lines = source.split("\n")
            for e in edit["edit"]["changes"][uri(apps)]:
                line = e["range"]["start"]["line"]
                lines[line:line] = e["newText"].rstrip("\n").split("\n")
            return "\n".join(lines)
        fixed = apply(t, suppress[0])
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri(apps), "version": 3},
                                            "contentChanges": [{"text": fixed}]})
        after = c.diagnostics(uri(apps), 3)
        check(not any(d["code"] in ("missing-required-property", "yaml-syntax", "unknown-key") for d in after),
              f"after suppress: {after}\n{fixed}")
        # With a suppress list already there, the rule joins it.
        t2 = t.replace("      personal-data: true\n", "      personal-data: true\n    suppress: [orphan-element]\n", 1)
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri(apps), "version": 5},
                                            "contentChanges": [{"text": t2}]})
        missing2 = [d for d in c.diagnostics(uri(apps), 5) if d["code"] == "missing-required-property"]
        actions = c.request("textDocument/codeAction", {"textDocument": {"uri": uri(apps)}, "range": missing2[0]["range"],
                                                        "context": {"diagnostics": missing2[:1]}})["result"]
        joined = [a for a in actions if a["title"].startswith("Suppress")]
        check(joined and joined[0]["edit"]["changes"][uri(apps)][0]["newText"] == ", missing-required-property",
              f"suppress joins the list: {actions}")
        fixed = apply(t, add[0])
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri(apps), "version": 6},
                                            "contentChanges": [{"text": fixed}]})
        after = c.diagnostics(uri(apps), 6)
        check(not any(d["code"] in ("yaml-syntax", "unknown-key") for d in after), f"after adding: {after}\n{fixed}")
        c.close()
    print("code actions")


def case_robust():
    """Malformed messages, unknown methods, a file outside any repository, --log, a client that vanishes."""
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "lsp.log")
        root, c = start(tmp, log)
        c.send_raw(b"Content-Length: 5\r\n\r\n{oops")
        m = c.read()
        check(m and m["error"]["code"] == -32700 and m["id"] is None, f"malformed JSON: {m}")
        c.send_raw(b"X-Nothing: 1\r\n\r\n")
        m = c.read()
        check(m and m["error"]["code"] == -32700, f"no Content-Length: {m}")
        answer = c.request("kaava/unknown", {})
        check(answer["error"]["code"] == -32601, f"unknown method: {answer}")
        answer = c.request("textDocument/hover", {"nothing": True})
        check(answer["error"]["code"] == -32602, f"bad params: {answer}")
        c.notify("kaava/unknownNotification", {})
        c.send({"jsonrpc": "2.0", "id": 99, "result": None})  # a response to nothing: ignored
        # A file outside any repository: checked on its own.
        loose = write(tmp, "loose/notes.yaml", "elements:\n  - { id: a, type: gaol, name: A }\n")
        open_doc(c, loose)
        found = c.diagnostics(uri(loose), 1)
        check(any(d["code"] == "unknown-type" for d in found), f"a loose file: {found}")
        # A byte order mark: the editor counts it, kaava's columns do not.
        bom = write(tmp, "loose/bom.yaml", "\ufeffelements: [{ id: bomx, type: gaol, name: B }]\n")
        btext = open(bom, encoding="utf-8").read()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(bom), "languageId": "yaml", "version": 1,
                                                             "text": btext}})
        found = [d for d in c.diagnostics(uri(bom), 1) if d["code"] == "unknown-type"]
        check(found and found[0]["range"]["start"] == {"line": 0, "character": btext.index("gaol")},
              f"a BOM shifts the columns: {found}")
        # A file that is neither open nor on disk: no answer, and no findings published for it.
        answer = c.request("textDocument/hover", {"textDocument": {"uri": uri(os.path.join(tmp, "nothing.yaml"))},
                                                  "position": {"line": 0, "character": 0}})
        check(answer.get("result") is None, f"a file that is not there: {answer}")
        # A file of another scheme: no crash, no answer.
        c.notify("textDocument/didOpen", {"textDocument": {"uri": "untitled:Untitled-1", "languageId": "yaml",
                                                             "version": 1, "text": "a: ["}})
        answer = c.request("textDocument/hover", {"textDocument": {"uri": "untitled:Untitled-1"},
                                                  "position": {"line": 0, "character": 0}})
        check("result" in answer and answer["result"] is None, f"another scheme: {answer}")
        # Still answering.
        apps = os.path.join(root, "model", "apps.yaml")
        open_doc(c, apps)
        check(c.diagnostics(uri(apps), 1) == [], "still serving")
        # The client goes away without shutdown: exit 1, promptly.
        c.proc.stdin.close()
        try:
            code = c.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            c.proc.kill()
            fail("the server did not exit when its client went away")
        check(code == 1, f"exit code without shutdown: {code}")
        check(os.path.getsize(log) > 0 and "textDocument/didOpen" in open(log).read(), "--log wrote nothing")
        # A request before initialize.
        c2 = Client([KAAVA, "lsp"], cwd=root)
        answer = c2.request("textDocument/hover", {"textDocument": {"uri": uri(apps)}, "position": {"line": 0, "character": 0}})
        check(answer["error"]["code"] == -32002, f"before initialize: {answer}")
        c2.proc.stdin.close()
        c2.proc.wait(timeout=10)
        # A frame too large to keep is read past and refused; the server goes on.
        c3 = Client([KAAVA, "lsp"], cwd=root)
        c3.initialize(root)
        c3.send_raw(b"Content-Length: 99999999999\r\n\r\n")
        c3.proc.stdin.close()
        check(c3.proc.wait(timeout=10) == 1, "a huge frame then the end")
    print("robust")


def case_patched():
    """Edits that keep a file's shape patch the model (kaava lsp --log says so) and answer as a whole load would:
    a finding that appears and goes, a hover with the new name; an edit of an id assembles the model anew."""
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "lsp.log")
        root, c = start(tmp, log)
        apps = os.path.join(root, "model", "apps.yaml")
        more = os.path.join(root, "model", "more.yaml")
        text = open_doc(c, apps)
        check(c.diagnostics(uri(apps), 1) == [], "a clean file has findings")
        open_doc(c, more)
        c.diagnostics(uri(more), 1)
        c.diagnostics(uri(apps), 1)

        def edit(version, new_text):
            """The findings in apps.yaml and more.yaml after the edit, and how kaava lsp loaded it."""
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri(apps), "version": version},
                                                "contentChanges": [{"text": new_text}]})
            found = c.diagnostics(uri(apps), version)
            other = c.diagnostics(uri(more), 1)
            loads = [line for line in open(log, encoding="utf-8") if line.startswith("loaded ")]
            return found, other, loads[-1]

        found, _, how = edit(2, text.replace("lifecycle: active", "lifecycle: actve", 1))
        check("patched with 1 changed file" in how, f"a changed property value: {how}")
        check([f["code"] for f in found] == ["invalid-property-value"], f"the bad value: {found}")
        found, _, how = edit(3, text.replace("fi: Ohjaus,", "fi: Ohjaus ja neuvonta,", 1))
        check("patched with 1 changed file" in how and found == [], f"fixed and renamed: {how} {found}")
        hover = c.request("textDocument/hover", {"textDocument": {"uri": uri(more)},
                                                 "position": pos(MORE, "proc.guidance", 3)})["result"]
        check("Ohjaus ja neuvonta" in hover["contents"]["value"], f"hover after the patch: {hover}")
        found, other, how = edit(4, text.replace("id: proc.guidance\n", "id: proc.ohjaus\n", 1))
        check("the model assembled" in how, f"an id changed: {how}")
        check(any(f["code"] == "dangling-reference" for f in other), f"the other file's finding: {other}")
        check(c.close() == 0, "exit code after shutdown and exit")
    print("edits that keep a file's shape patch the model; an id's edit assembles it")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    CASES[CASE]()
