"""Content pages: Markdown files under docs/, with their claim markers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import markers, textfile
from .problems import Problem


@dataclass
class Page:
    path: str  # as shown in problems, e.g. docs/estradiol.md
    src_uri: str  # relative to docs/, as MkDocs names it
    text: str
    markers: list[markers.Marker]
    malformed: list[markers.Malformed]


def parse(text: str, display: str, src_uri: str) -> Page:
    found, bad = markers.scan(text)
    return Page(display, src_uri, text, found, bad)


def load_dir(docs: Path, root: Path) -> tuple[list[Page], list[Problem]]:
    pages, problems = [], []
    if not docs.is_dir():
        return pages, problems
    for path in sorted(docs.rglob("*.md")):
        display = path.relative_to(root).as_posix()
        text, problem = textfile.read(path, display)
        if text is None:
            problems.append(problem)
            continue
        pages.append(parse(text, display, path.relative_to(docs).as_posix()))
    return pages, problems
