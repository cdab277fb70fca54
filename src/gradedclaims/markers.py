"""Claim markers in Markdown pages: the syntax, defined once, and a scanner that knows code.

A marker is `[claim:some-id]` or, for several claims, `[claim:id-one,id-two]`. It reads well in
raw Markdown and on GitHub (it renders as literal text there), and needs no extension. Markers
inside fenced code blocks or inline code are examples, not citations, and are ignored.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

SYNTAX = "[claim:id] or [claim:id-one,id-two]"
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"

MARKER = re.compile(r"\[claim:(" + ID_PATTERN + r"(?:\s*,\s*" + ID_PATTERN + r")*)\]")
# Anything that looks like an attempt at a marker; checked against MARKER to find typos.
# Its text stops at the next "[", so no character is scanned from two starting points.
_LOOSE = re.compile(r"\[\s*claims?\s*:[^\]\[\n]*\]?", re.I)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")


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


def code_spans(line: str) -> list[tuple[int, int]]:
    """Start and end of each inline code span in one line, as CommonMark finds them.

    A run of n backticks opens a span that the next run of exactly n backticks closes; a run
    with no such partner is literal text. Found by a scan of the runs, never by a regular
    expression with a back-reference: `(`+).+?\\1` backtracks on a long run of backticks (hundreds
    took seconds, thousands never finished).
    """
    if "`" not in line:
        return []
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for i, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(i)
    spans, i = [], 0
    while i < len(runs):
        start, end = runs[i]
        same = by_length[end - start]
        k = bisect.bisect_right(same, i)
        if k < len(same):
            close = same[k]
            spans.append((start, runs[close][1]))
            i = close + 1
        else:
            i += 1
    return spans


def mask_inline_code(line: str) -> str:
    """The line with each inline code span replaced by spaces (offsets are kept)."""
    spans = code_spans(line)
    if not spans:
        return line
    out, last = [], 0
    for start, end in spans:
        out.append(line[last:start])
        out.append(" " * (end - start))
        last = end
    out.append(line[last:])
    return "".join(out)


def lines_with_fences(text: str) -> Iterator[tuple[str, bool]]:
    """Each line of the text, and whether it belongs to a fenced code block (fences included)."""
    fence: str | None = None
    for line in text.split("\n"):
        fence_match = _FENCE.match(line) if line[:4].lstrip(" ")[:1] in ("`", "~") else None
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            yield line, True
        elif fence_match:
            fence = fence_match.group(1)
            yield line, True
        else:
            yield line, False


def scan(text: str) -> tuple[list[Marker], list[Malformed]]:
    """Every marker (and every near-miss) outside code, with line, column and offsets."""
    markers: list[Marker] = []
    malformed: list[Malformed] = []
    if "[" not in text:
        return markers, malformed
    offset = 0
    for lineno, (line, in_code) in enumerate(lines_with_fences(text), start=1):
        line_start = offset
        offset += len(line) + 1
        if in_code or "[" not in line:
            continue
        visible = mask_inline_code(line)
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
