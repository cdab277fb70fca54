#!/usr/bin/env python3
"""Check the built site's internal links and anchors from its files, offline.

Every HTML page is parsed once; every internal link must reach a file and every #fragment an
id on its target page (src/gradedclaims/sitelinks.py). Links to other hosts are not fetched.

Usage: python scripts/linkcheck.py [SITE] [--format text|github|json]
Exit status: 0 no broken link or anchor, 1 some found, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from gradedclaims.problems import FORMATTERS, sort_problems
from gradedclaims.sitelinks import check_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="linkcheck", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", help="the built site directory (default: site)")
    parser.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="output format")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        parser.error(f"{site.resolve()} has no index.html; build the site first (make build)")
    start = time.perf_counter()
    problems, stats = check_site(site)
    problems = sort_problems(problems)
    sys.stdout.write(FORMATTERS[args.format](problems))
    if args.format != "json":
        print(f"checked {stats['internal links']} internal links ({stats['anchors']} with an anchor) in "
              f"{stats['pages']} pages and {stats['stylesheets']} stylesheets in "
              f"{time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
