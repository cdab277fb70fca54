#!/usr/bin/env python3
"""Summarise what a change does to the register, as Markdown for a PR comment.

Usage: python scripts/register_diff.py BASE [HEAD] [--root DIR]
BASE and HEAD are git revisions (for example origin/main and HEAD). Without HEAD the register is
read from the working tree, uncommitted and new files included; with HEAD, uncommitted changes
are not part of the comparison and the output says so when there are any.
Exit status: 0 printed, 2 usage error (unknown revision, not a git repository).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gradedclaims import regdiff


def _note(files: list[str], head: str) -> str:
    shown = ", ".join(f"`{f}`" for f in files[:10]) + (f" and {len(files) - 10} more" if len(files) > 10 else "")
    return (f"> **Not included:** {len(files)} register file(s) with uncommitted changes ({shown}); this compares "
            f"committed revisions up to `{head}`. Leave out HEAD to compare the working tree.\n\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="register-diff", description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the revision the change starts from, e.g. origin/main")
    parser.add_argument("head", nargs="?", help="the revision to compare, e.g. HEAD (default: the working tree, "
                                                "uncommitted changes included)")
    parser.add_argument("--root", default=".")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    try:
        base = regdiff.snapshot(root, args.base)
        head = regdiff.snapshot(root, args.head) if args.head else regdiff.worktree_snapshot(root)
        pending = regdiff.uncommitted(root) if args.head else []
    except regdiff.GitError as exc:
        parser.error(f"cannot read the register at that revision: {exc}")
    if pending:
        sys.stdout.write(_note(pending, args.head))
    sys.stdout.write(regdiff.diff(base, head))
    return 0


if __name__ == "__main__":
    sys.exit(main())
