"""Compare two builds of the same site file by file, apart from what names the engine.

Used to show that another engine (ProperDocs, a fork of MkDocs 1.6) writes the same site as
MkDocs: every file must exist in both trees with the same content once the `generator` meta tag
is blanked and gzip files are compared by what they hold (their header carries a timestamp).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

from .excerpt import quote

GENERATOR = re.compile(rb'(<meta name="generator" content=")[^"]*(")')


@dataclass(frozen=True)
class Difference:
    """One file that differs: where (`line` 0 for the whole file) and how."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


def normalised(path: Path) -> bytes:
    """The file's content with the engine's name removed."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return GENERATOR.sub(rb"\1\2", data)


def _first_difference(rel: str, a: bytes, b: bytes, names: tuple[str, str]) -> Difference:
    lines_a, lines_b = a.split(b"\n"), b.split(b"\n")
    for number, (line_a, line_b) in enumerate(zip(lines_a, lines_b), start=1):
        if line_a != line_b:
            start = next((i for i, (x, y) in enumerate(zip(line_a, line_b)) if x != y), 0)
            window = slice(max(0, start - 30), start + 50)
            text_a = line_a[window].decode("utf-8", "replace")
            text_b = line_b[window].decode("utf-8", "replace")
            return Difference(rel, number, f"{names[0]} {quote(text_a)} but {names[1]} {quote(text_b)}")
    return Difference(rel, min(len(lines_a), len(lines_b)) + 1,
                      f"{names[0]} has {len(lines_a)} lines, {names[1]} {len(lines_b)}")


def compare(tree_a: Path, tree_b: Path, names: tuple[str, str] = ("a", "b")) -> tuple[list[Difference], int]:
    """Every file that is missing from one tree or differs after normalising, and how many files
    were compared."""
    files_a = {p.relative_to(tree_a).as_posix() for p in tree_a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(tree_b).as_posix() for p in tree_b.rglob("*") if p.is_file()}
    differences = [Difference(rel, 0, f"only in the {names[0]} build") for rel in sorted(files_a - files_b)]
    differences += [Difference(rel, 0, f"only in the {names[1]} build") for rel in sorted(files_b - files_a)]
    for rel in sorted(files_a & files_b):
        a, b = normalised(tree_a / rel), normalised(tree_b / rel)
        if a != b:
            differences.append(_first_difference(rel, a, b, names))
    return sorted(differences, key=lambda d: d.path), len(files_a | files_b)
