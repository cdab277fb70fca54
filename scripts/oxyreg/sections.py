"""A page's sections (text under one heading, up to the next heading of any level) and its
summary-of-findings markers, found outside fenced code.

Rules that speak of "the same section" (harms beside benefits, safety notices) read these.
A summary-of-findings table is placed with `[summary-of-findings:<intervention-id>]` alone on a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markers import ID_PATTERN, Marker, lines_with_fences

SOF_SYNTAX = "[summary-of-findings:intervention-id] alone on its line"
_SOF = re.compile(r"^[ ]{0,3}\[summary-of-findings:(" + ID_PATTERN + r")\][ \t]*$")


def _heading(line: str) -> tuple[int, str] | None:
    """(level, title) of an ATX heading line, else None. A scan, not a regex: a lazy title group
    before an optional closing run of '#' backtracks quadratically on long runs of '#' or spaces."""
    text = line.lstrip(" ")
    if len(line) - len(text) > 3 or not text.startswith("#"):
        return None
    level = len(text) - len(text.lstrip("#"))
    rest = text[level:]
    if level > 6 or (rest and rest[0] not in " \t"):
        return None
    return level, rest.strip(" \t").rstrip("#").strip(" \t")


@dataclass(frozen=True)
class SofMarker:
    intervention: str
    line: int
    column: int


@dataclass
class Section:
    title: str  # "" for text before the first heading
    level: int  # 0 for text before the first heading
    line: int  # the heading's line (1 for text before any heading)
    end: int  # last line of the section
    claims: dict[str, int] = field(default_factory=dict)  # claim id -> first line cited
    sofs: list[SofMarker] = field(default_factory=list)


def scan(text: str, markers: list[Marker]) -> tuple[list[Section], list[SofMarker]]:
    """The page's sections in order, each with the claims its markers cite and its tables; and
    lines that start like a summary-of-findings marker but are not one (typos, extra text)."""
    sections = [Section("", 0, 1, 0)]
    malformed: list[SofMarker] = []
    lineno = 0
    for lineno, (line, in_code) in enumerate(lines_with_fences(text), start=1):
        if in_code:
            continue
        heading = _heading(line)
        if heading:
            sections.append(Section(heading[1], heading[0], lineno, 0))
            continue
        if line.lstrip(" ").startswith("[summary-of-findings:"):
            sof = _SOF.match(line)
            if sof:
                sections[-1].sofs.append(SofMarker(sof.group(1), lineno, line.index("[") + 1))
            else:
                malformed.append(SofMarker(line.strip()[:80], lineno, line.index("[") + 1))
    for before, after in zip(sections, sections[1:]):
        before.end = after.line - 1
    sections[-1].end = lineno
    index = 0
    for marker in markers:  # in page order
        while sections[index].end < marker.line:
            index += 1
        for cid in marker.ids:
            sections[index].claims.setdefault(cid, marker.line)
    if not sections[0].claims and not sections[0].sofs and len(sections) > 1:
        sections.pop(0)
    return sections, malformed

