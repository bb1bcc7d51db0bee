"""Headless Chromium driven over the DevTools protocol on a pipe, for the
tests that look at pages in a real browser (docs.browser, serve.browser)."""
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self):
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if exe is None:
            fail("chromium is not installed (scripts/install-deps.sh installs it)")
        self.profile = tempfile.mkdtemp()
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        os.set_inheritable(to_chrome_r, True)
        os.set_inheritable(from_chrome_w, True)

        def fds():
            # Out of the way first: either pipe end may itself be 3 or 4.
            r, w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            r, w = os.dup2(r, 100), os.dup2(w, 101)
            os.dup2(100, 3)
            os.dup2(101, 4)
            os.close(100)
            os.close(101)

        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
             f"--user-data-dir={self.profile}", "--allow-file-access-from-files", "about:blank"],
            preexec_fn=fds, pass_fds=(3, 4, to_chrome_r, from_chrome_w), stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(self.profile, "stderr.txt"), "wb"))
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer, self.next_id, self.events = b"", 0, []

    def send(self, method, params=None, session=None, timeout=30, quiet=False):
        """The result of `method`; with quiet, an error reply is returned instead of failing."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    if quiet:
                        return reply
                    fail(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        fail(f"{method}: no answer in {timeout} s")

    def read(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.from_chrome], [], [], left)[0]:
                fail("the browser stopped answering")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                fail("the browser closed the pipe")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(message)

    def open(self, url):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session=session)
        # about:blank is "complete" too: wait for the new page's load event, then its state.
        self.wait_event("Page.loadEventFired", session)
        self.wait_loaded(session)
        return session

    def wait_event(self, method, session, timeout=30):
        deadline = time.time() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method and e.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self.read(deadline))

    def wait_loaded(self, session, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            state = self.evaluate(session, "document.readyState")
            if state == "complete":
                return
            time.sleep(0.05)
        fail("the page did not load")

    def evaluate(self, session, expression, timeout=30):
        # A page that is navigating away answers "Inspected target navigated or closed": ask its successor.
        deadline = time.time() + timeout
        while True:
            result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session,
                               quiet=True)
            if "error" not in result:
                break
            if "navigated" not in str(result["error"]) or time.time() > deadline:
                fail(f"Runtime.evaluate {expression}: {result['error']}")
            time.sleep(0.05)
        if "exceptionDetails" in result:
            fail(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def problems(self):
        out = []
        for e in self.events:
            method = e.get("method")
            if method == "Runtime.exceptionThrown":
                out.append(e["params"]["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"):
                out.append(str(e["params"]["args"]))
            elif method == "Log.entryAdded" and e["params"]["entry"]["level"] == "error":
                out.append(e["params"]["entry"].get("text", ""))
            elif method == "Page.javascriptDialogOpening":
                out.append("a dialog opened: " + e["params"].get("message", ""))
        return out

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except SystemExit:
            pass
        self.proc.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)
