"""Real-browser helpers: Debian's Chromium driven by Playwright (no browser download), a
static server on 127.0.0.1, and screenshots kept as test artifacts."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
HOW_TO_ENABLE = ("install Debian's Chromium (sudo apt-get install chromium) or set CHROMIUM=/path/to/chrome; "
                 ".ci/run installs it automatically")


def chromium_path() -> str | None:
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                  shutil.which("chromium") or None]
    return next((c for c in candidates if c and Path(c).exists()), None)


def require_chromium() -> str:
    """The browser's path; skips the test (fails it under CI=true) when there is none."""
    path = chromium_path()
    if path:
        return path
    message = f"browser tests skipped: Chromium not found; {HOW_TO_ENABLE}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but " + message)
    pytest.skip(message)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """Serve a directory on 127.0.0.1 at an ephemeral port."""

    def __init__(self, directory: Path):
        handler = functools.partial(_Quiet, directory=str(directory))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
