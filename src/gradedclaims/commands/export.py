"""Write the register's data exports (JSON, CSV, BibTeX, RIS, CSL-JSON) and Atom feeds to a
folder, without building the site: for scripts and other engines that want the data alone.

Usage: claims export [--root DIR] [--out DIR] [--site-url URL]
Exit status: 0 written, 1 the register has errors (nothing written), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import history, project, publishing
from ..problems import ERROR, FORMATTERS
from ..render import site
from ..render.model import SiteModel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="claims export", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="project root (default: current directory)")
    parser.add_argument("--out", default="exports", help="folder to write into (default: exports)")
    parser.add_argument("--site-url", default="", help="the site's address, for the links in the exports")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    proj = project.load(root, with_pages=True)
    errors = [p for p in project.check(proj, advisories=False) if p.level == ERROR]
    if errors:
        sys.stdout.write(FORMATTERS["text"](errors))
        print("claims export: the register has errors; nothing written", file=sys.stderr)
        return 1
    model = SiteModel(proj, site_url=args.site_url, history=history.read(root),
                      publishing=publishing.load(site_name=root.name))
    out = Path(args.out)
    for rel_path, data in site.export_files(model).items():
        target = out / rel_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"claims export: {len(site.export_files(model))} files written under {out}")
    return 0
