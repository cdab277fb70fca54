#!/usr/bin/env python3
"""Validate the claims register, the bibliography, the audits and the claim markers in docs/.

Usage: python scripts/check_claims.py [--root DIR] [--format text|github|json] [--no-advisories]
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gradedclaims import project
from gradedclaims.problems import ERROR, FORMATTERS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="check_claims",
        description="Check claims/, references.bib and the claim markers in docs/; "
                    "print every problem as path:line:col: [level] message (code).",
    )
    parser.add_argument("--root", default=".", help="project root (default: current directory)")
    parser.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="output format")
    parser.add_argument("--no-advisories", action="store_true",
                        help="skip warnings about unused claims and uncited references")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    if not (root / "claims").is_dir():
        parser.error(f"{root.resolve()} has no claims/ directory; run from the project root or pass --root")
    proj = project.load(root)
    problems = project.check(proj, advisories=not args.no_advisories)
    sys.stdout.write(FORMATTERS[args.format](problems))
    failing = [p for p in problems if p.level == ERROR or args.strict]
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
