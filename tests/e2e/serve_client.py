"""A scripted user of kaava serve: starts it, fetches pages, listens to a
page's server-sent events, stops it. Every wait is bounded; the server is
always stopped (kill after a grace period) so no test leaves one behind."""
import http.client
import json
import queue
import re
import select
import signal
import subprocess
import threading
import time
import urllib.parse


class ServeError(Exception):
    pass


class Serve:
    def __init__(self, kaava, repo, *args, timeout=60, cwd=None, env=None):
        self.proc = subprocess.Popen([kaava, "serve", repo, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     cwd=cwd, env=env)
        self.err_lines = []
        self._err = threading.Thread(target=self._read_err, daemon=True)
        self._err.start()
        deadline = time.monotonic() + timeout
        line = b""
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.proc.stdout], [], [], left)[0]:
                self.stop()
                raise ServeError(f"no URL from kaava serve in {timeout} s; stderr: {self.stderr()}")
            chunk = self.proc.stdout.read1(4096) if hasattr(self.proc.stdout, "read1") else self.proc.stdout.read(1)
            if not chunk:
                self.proc.wait(timeout=10)
                raise ServeError(f"kaava serve ended (exit {self.proc.returncode}): {self.stderr()}")
            line += chunk
        self.first_line = line.decode()
        m = re.search(r"http://([^/\s]+)/", self.first_line)
        if not m:
            self.stop()
            raise ServeError(f"no URL in {self.first_line!r}")
        self.hostport = m.group(1)
        self.host, _, port = self.hostport.rpartition(":")
        self.port = int(port)

    def _read_err(self):
        for raw in self.proc.stderr:
            self.err_lines.append(raw.decode(errors="replace").rstrip("\n"))

    def stderr(self):
        return "\n".join(self.err_lines)

    def wait_log(self, needle, timeout=30, after=0):
        """Waits for a stderr line (from index `after` on) containing `needle`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.err_lines[after:]:
                if needle in line:
                    return line
            time.sleep(0.02)
        raise ServeError(f"no '{needle}' from kaava serve in {timeout} s; stderr: {self.stderr()}")

    def request(self, path, method="GET", headers=None, timeout=30):
        conn = http.client.HTTPConnection(self.host.strip("[]"), self.port, timeout=timeout)
        try:
            conn.putrequest(method, path, skip_host=bool(headers and "Host" in headers))
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            conn.endheaders()
            res = conn.getresponse()
            body = res.read()
            return res.status, dict(res.getheaders()), body
        finally:
            conn.close()

    def get(self, path):
        status, headers, body = self.request(path)
        if status != 200:
            raise ServeError(f"GET {path}: {status} {body[:200]!r}")
        return body.decode()

    @staticmethod
    def generation(page):
        m = re.search(r'data-generation="([0-9a-f]+\.\d+)"', page)
        if not m:
            raise ServeError("the page has no live script")
        return m.group(1)

    def events(self, page, generation):
        return PageWatch(self, page, generation)

    def stop(self, sig=signal.SIGTERM, grace=15):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
                raise ServeError(f"kaava serve did not stop within {grace} s of signal {sig}")
        self._err.join(timeout=5)
        return self.proc.returncode


class Events:
    """The server's event stream, read on a thread into a queue of (event, data)."""

    def __init__(self, serve):
        self.queue = queue.Queue()
        self.conn = http.client.HTTPConnection(serve.host.strip("[]"), serve.port, timeout=120)
        self.conn.request("GET", "/__kaava/events")
        self.response = self.conn.getresponse()
        if self.response.status != 200:
            raise ServeError(f"events: {self.response.status}")
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        event, data = "message", []
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\r\n")
                if line == "":
                    if data:
                        self.queue.put((event, "\n".join(data)))
                    event, data = "message", []
                elif line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
        except Exception:  # the stream closed
            pass
        self.queue.put(("closed", ""))

    def next(self, timeout):
        try:
            return self.queue.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return None

    def close(self):
        try:
            self.conn.sock.shutdown(2)
        except Exception:
            pass
        self.conn.close()


class PageWatch:
    """What live.js does for one open page: on each build, ask whether the
    page changed since the build it was served from."""

    def __init__(self, serve, page, generation):
        self.serve, self.page, self.generation = serve, page, str(generation)
        self.events = Events(serve)

    def next(self, timeout):
        """("reload", token) once the page changed; None when `timeout` passes first."""
        deadline = time.monotonic() + timeout
        while True:
            e = self.events.next(deadline - time.monotonic())
            if e is None:
                return None
            if e[0] == "closed":
                return e
            if e[0] != "build" or e[1] == self.generation:
                continue
            query = urllib.parse.urlencode({"page": self.page, "generation": self.generation})
            status, _, body = self.serve.request("/__kaava/changed?" + query)
            if status != 200:
                raise ServeError(f"changed: {status} {body!r}")
            answer = json.loads(body)
            if answer["reload"]:
                return ("reload", e[1])
            self.generation = answer["generation"]

    def close(self):
        self.events.close()
