"""A page's sections (text under one heading, up to the next heading of any level) and its
summary-of-findings markers, found outside fenced code.

Rules that speak of "the same section" (harms beside benefits, safety notices) read these.
Two block markers stand alone on a line: `[summary-of-findings:<intervention-id>]` places a
table, and `[plain:<claim-id>]` places a claim's plain-language statement (for "In plain words").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markers import ID_PATTERN, Marker, lines_with_fences

SOF_SYNTAX = "[summary-of-findings:intervention-id] alone on its line"
PLAIN_SYNTAX = "[plain:claim-id] alone on its line"
_KINDS = ("summary-of-findings", "plain")
_BLOCK = re.compile(r"^[ ]{0,3}\[(" + "|".join(_KINDS) + r"):(" + ID_PATTERN + r")\][ \t]*$")


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


@dataclass(frozen=True)
class PlainMarker:
    claim: str
    line: int
    column: int


@dataclass(frozen=True)
class MalformedBlock:
    text: str
    kind: str  # which marker the line starts like
    line: int
    column: int

    @property
    def syntax(self) -> str:
        return SOF_SYNTAX if self.kind == "summary-of-findings" else PLAIN_SYNTAX


@dataclass
class Section:
    title: str  # "" for text before the first heading
    level: int  # 0 for text before the first heading
    line: int  # the heading's line (1 for text before any heading)
    end: int  # last line of the section
    claims: dict[str, int] = field(default_factory=dict)  # claim id -> first line cited
    sofs: list[SofMarker] = field(default_factory=list)
    plains: list[PlainMarker] = field(default_factory=list)


def scan(text: str, markers: list[Marker]) -> tuple[list[Section], list[MalformedBlock]]:
    """The page's sections in order, each with the claims its markers cite (in sentences or as
    plain statements) and its tables; and lines that start like a block marker but are not one
    (typos, extra text)."""
    sections = [Section("", 0, 1, 0)]
    malformed: list[MalformedBlock] = []
    lineno = 0
    for lineno, (line, in_code) in enumerate(lines_with_fences(text), start=1):
        if in_code:
            continue
        heading = _heading(line)
        if heading:
            sections.append(Section(heading[1], heading[0], lineno, 0))
            continue
        start = line.lstrip(" ")
        kind = next((k for k in _KINDS if start.startswith(f"[{k}:")), None)
        if kind:
            column = line.index("[") + 1
            block = _BLOCK.match(line)
            if not block:
                malformed.append(MalformedBlock(line.strip()[:80], kind, lineno, column))
            elif kind == "plain":
                sections[-1].plains.append(PlainMarker(block.group(2), lineno, column))
                sections[-1].claims.setdefault(block.group(2), lineno)
            else:
                sections[-1].sofs.append(SofMarker(block.group(2), lineno, column))
    for before, after in zip(sections, sections[1:]):
        before.end = after.line - 1
    sections[-1].end = lineno
    index = 0
    for marker in markers:  # in page order
        while sections[index].end < marker.line:
            index += 1
        for cid in marker.ids:
            sections[index].claims.setdefault(cid, marker.line)
    if not sections[0].claims and not sections[0].sofs and not sections[0].plains and len(sections) > 1:
        sections.pop(0)
    return sections, malformed

