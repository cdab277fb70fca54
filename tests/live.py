"""`mkdocs serve` run as a subprocess on 127.0.0.1 at a free port, with every wait bounded:
for the tests of serving a project with errors (test_serve, test_browser)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

NOTICE = 'class="admonition failure oxy-serve-errors"'
REQUEST_TIMEOUT = 15  # seconds for one request: a hanging server fails here
WAIT = 90  # seconds for a rebuild to show


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A `mkdocs serve` process on a project, with its log in a file."""

    def __init__(self, root: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/fixture/"
        self.log = root / "serve.log"
        env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1700000000"}
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env)

    def get(self, path: str = "") -> str:
        start = time.monotonic()
        with urllib.request.urlopen(self.url + path, timeout=REQUEST_TIMEOUT) as response:
            body = response.read().decode("utf-8")
        assert time.monotonic() - start < REQUEST_TIMEOUT
        return body

    def wait_for(self, condition, path: str = "") -> str:
        deadline = time.monotonic() + WAIT
        body = ""
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                body = self.get(path)
            except OSError:  # not listening yet
                time.sleep(0.5)
                continue
            if condition(body):
                return body
            time.sleep(0.5)
        raise AssertionError(f"condition not met within {WAIT} s; last page:\n{body[:2000]}\nlog:\n{self.log.read_text()}")

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)
