#!/usr/bin/env python3
"""Cross-check the built site's internal links and anchors with linkchecker, offline.

`make linkcheck` (scripts/linkcheck.py) parses the built site once and is what `make test` runs;
this runs the independent, slower linkchecker over the same site (`make linkchecker`), so the
fast check can be compared with a well-kept tool that crawls it as a browser would.

linkchecker cannot check anchors of directory URLs on file: paths, and MkDocs writes every
page as a directory. So the site is served on 127.0.0.1 at an ephemeral port and checked
over HTTP; every other host is ignored, so nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        # linkchecker throttles a host to 10 requests a second unless the server opts in.
        self.send_header("LinkChecker", "allowed")
        super().end_headers()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", help="the built site directory")
    parser.add_argument("--config", default=".linkcheckerrc")
    args = parser.parse_args(argv)
    site = Path(args.site).resolve()
    if not (site / "index.html").exists():
        parser.error(f"{site} has no index.html; build the site first (make build)")
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    linkchecker = Path(sys.executable).with_name("linkchecker")
    try:
        result = subprocess.run([str(linkchecker), f"--config={args.config}", "--no-robots", url])
    finally:
        server.shutdown()
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
