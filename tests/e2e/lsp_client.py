"""A small Language Server Protocol client over a child process's standard
input and output: for lsp_test.py and for the language-server figures of
scripts/bench."""
import json
import queue
import subprocess
import threading
import time


class Client:
    def __init__(self, cmd, cwd=None):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     cwd=cwd)
        self.next_id = 0
        self.notifications = []
        self.queue = queue.Queue()
        threading.Thread(target=self._reader, daemon=True).start()

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _reader(self):
        """Reads the server's messages on a thread of its own, into a queue (None at the end)."""
        out = self.proc.stdout
        try:
            while True:
                headers = {}
                while True:
                    line = out.readline()
                    if not line:
                        self.queue.put(None)
                        return
                    line = line.decode().strip()
                    if not line:
                        break
                    key, value = line.split(":", 1)
                    headers[key.strip().lower()] = value.strip()
                self.queue.put(json.loads(out.read(int(headers["content-length"]))))
        except (ValueError, KeyError, OSError) as e:
            self.queue.put({"client-error": str(e)})
            self.queue.put(None)

    def read(self, timeout=30):
        """The next message, or None when the server closed its output or said nothing in time."""
        try:
            return self.queue.get(timeout=max(0.001, timeout))
        except queue.Empty:
            return None

    def request(self, method, params, timeout=30):
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait_response(rid, timeout)

    def wait_response(self, rid, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            message = self.read(max(0, deadline - time.monotonic()))
            if message is None:
                raise RuntimeError(f"no answer to request {rid}")
            if message.get("id") == rid and "method" not in message:
                return message
            self.notifications.append(message)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri, version=None, timeout=30):
        """The next diagnostics published for `uri` (for `version`, when given)."""
        deadline = time.monotonic() + timeout
        while True:
            for i, n in enumerate(self.notifications):
                p = n.get("params", {})
                if n.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri and \
                        (version is None or p.get("version") == version):
                    del self.notifications[i]  # only this one: others may be another file's
                    return p["diagnostics"]
            message = self.read(max(0, deadline - time.monotonic()))
            if message is None:
                raise RuntimeError(f"no diagnostics for {uri} (version {version})")
            self.notifications.append(message)

    def initialize(self, root):
        answer = self.request("initialize", {"processId": None, "rootUri": "file://" + root, "capabilities": {}})
        self.notify("initialized", {})
        return answer

    def close(self):
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
        except (RuntimeError, BrokenPipeError):
            pass
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None
