"""Claim markers in Markdown pages: the syntax, defined once, and a scanner that knows code.

A marker is `[claim:some-id]` or, for several claims, `[claim:id-one,id-two]`. It reads well in
raw Markdown and on GitHub (it renders as literal text there), and needs no extension. Markers
inside fenced code blocks or inline code are examples, not citations, and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SYNTAX = "[claim:id] or [claim:id-one,id-two]"
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"

MARKER = re.compile(r"\[claim:(" + ID_PATTERN + r"(?:\s*,\s*" + ID_PATTERN + r")*)\]")
# Anything that looks like an attempt at a marker; checked against MARKER to find typos.
_LOOSE = re.compile(r"\[\s*claims?\s*:[^\]\n]*\]?", re.I)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class Marker:
    ids: tuple[str, ...]
    line: int
    column: int
    start: int  # character offsets in the page text, for the renderer
    end: int


@dataclass(frozen=True)
class Malformed:
    text: str
    line: int
    column: int


def _mask_inline_code(line: str) -> str:
    return _INLINE_CODE.sub(lambda m: " " * len(m.group()), line)


def scan(text: str) -> tuple[list[Marker], list[Malformed]]:
    """Every marker (and every near-miss) outside code, with line, column and offsets."""
    markers: list[Marker] = []
    malformed: list[Malformed] = []
    if "[" not in text:
        return markers, malformed
    fence: str | None = None
    offset = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        line_start = offset
        offset += len(line) + 1
        fence_match = _FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        if "[" not in line:
            continue
        visible = _mask_inline_code(line)
        good_spans = []
        for m in MARKER.finditer(visible):
            ids = tuple(part.strip() for part in m.group(1).split(","))
            markers.append(Marker(ids, lineno, m.start() + 1, line_start + m.start(), line_start + m.end()))
            good_spans.append((m.start(), m.end()))
        for m in _LOOSE.finditer(visible):
            if not any(s <= m.start() < e for s, e in good_spans):
                malformed.append(Malformed(m.group(), lineno, m.start() + 1))
    return markers, malformed


def replace(text: str, markers: list[Marker], render) -> str:
    """Replace each marker by `render(marker)`; the text between markers is kept exactly."""
    out, last = [], 0
    for marker in markers:
        out.append(text[last:marker.start])
        out.append(render(marker))
        last = marker.end
    out.append(text[last:])
    return "".join(out)
