#!/usr/bin/env python3
"""Format claims files, audit files and references.bib canonically, keeping every comment and value.

Usage: python scripts/fmt.py [--check] [--root DIR] [FILE ...]
With --check nothing is written: files that would change are listed and the exit status is 1.
Exit status: 0 nothing to do (or all formatted), 1 files need formatting or could not be read,
2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gradedclaims import fmt, textfile, yamlload
from gradedclaims.problems import FORMATTERS, Problem, error, sort_problems


def _targets(root: Path, files: list[str]) -> list[Path]:
    if files:
        return [Path(f) if Path(f).is_absolute() else root / f for f in files]
    return sorted(root.glob("claims/*.yml")) + sorted(root.glob("claims/audit/*.yml")) + [root / "references.bib"]


def format_file(path: Path, display: str, root: Path) -> tuple[str | None, str | None, list[Problem]]:
    """(original, formatted, problems); formatted is None when the file cannot be formatted.
    Only a regular file inside `root` is read (and so written)."""
    text, problem = textfile.Reader(root).read(path, display)
    if text is None:
        return None, None, [problem]
    if path.suffix == ".bib":
        try:
            return text, fmt.format_bibtex(text), []
        except fmt.BibFormatError as exc:
            return text, None, [error(display, exc.line, 1, "bibtex-syntax", f"cannot format: {exc}",
                                      "fix the entry first; python scripts/check_claims.py shows every problem")]
    loaded = yamlload.loads(text, display)
    if loaded.problems or loaded.data is None:
        return text, None, loaded.problems or [error(display, 0, 0, "empty-file", "the file is empty")]
    return text, fmt.format_yaml(text), []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fmt", description="Canonical formatting of claims files and references.bib.")
    parser.add_argument("files", nargs="*", help="files to format (default: all claims files and references.bib)")
    parser.add_argument("--check", action="store_true", help="change nothing; list files that would change")
    parser.add_argument("--root", default=".", help="project root (default: current directory)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    problems: list[Problem] = []
    changed: list[str] = []
    for path in _targets(root, args.files):
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        if not path.exists():
            parser.error(f"{display} does not exist")
        original, formatted, found = format_file(path, display, root)
        problems.extend(found)
        if formatted is None or formatted == original:
            continue
        changed.append(display)
        if not args.check:
            path.write_text(formatted, encoding="utf-8")
    for display in changed:
        print(("would reformat " if args.check else "reformatted ") + display)
    if problems:
        sys.stdout.write(FORMATTERS["text"](sort_problems(problems)))
    if not changed and not problems:
        print("all files already formatted")
    return 1 if problems or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
