#!/usr/bin/env python3
"""Summarise what a pull request changes in the register, as Markdown for a PR comment.

Usage: python scripts/register_diff.py BASE HEAD [--root DIR]
BASE and HEAD are git revisions (for example origin/main and HEAD).
Exit status: 0 printed, 2 usage error (unknown revision, not a git repository).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gradedclaims import regdiff


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="register-diff", description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the revision the pull request starts from, e.g. origin/main")
    parser.add_argument("head", help="the revision to compare, e.g. HEAD")
    parser.add_argument("--root", default=".")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    try:
        base = regdiff.snapshot(root, args.base)
        head = regdiff.snapshot(root, args.head)
    except regdiff.GitError as exc:
        parser.error(f"cannot read the register at that revision: {exc}")
    sys.stdout.write(regdiff.diff(base, head))
    return 0


if __name__ == "__main__":
    sys.exit(main())
