"""The sentence a reader sees before each claim marker, recovered from the page's Markdown.

A marker follows its sentence: `Sentence text. [claim:id]`. The sentence is the text from the
previous sentence boundary (or the start of the paragraph, list item or table cell) up to the
marker, with inline Markdown removed, so the wording check reads what the reader reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import MARKER, Marker

# Abbreviations that end in a full stop without ending a sentence.
_ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "vs.", "approx.", "Fig.", "Figs.", "cf.", "no.", "Dr.", "St.",
                  "U.S.", "Inc.", "ca.", "resp.")
_PLACEHOLDER = "\x00"
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(\[]?[A-Z0-9α-ωΑ-Ω])")
# Link text stops at a "[", a link target at a "(", and a tag at a "<": without those stops every
# unclosed "[", "](" or "<" rescanned the rest of the text (quadratic on a line of them).
_LINK = re.compile(r"!?\[([^\]\[]*)\]\([^()]*\)")
_INLINE = re.compile(r"(\*\*|__|\*|_|`)")
_HTML = re.compile(r"<[^<>]+>")


@dataclass(frozen=True)
class Sentence:
    text: str  # plain text, whitespace collapsed
    line: int
    column: int


def plain(markdown: str) -> str:
    """Inline Markdown to the text a reader sees."""
    text = MARKER.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = _HTML.sub("", text)
    text = _INLINE.sub("", text)
    return " ".join(text.split())


def _block_start(text: str, pos: int) -> int:
    """Start of the paragraph, list item, heading or table cell that contains `pos`."""
    para = text.rfind("\n\n", 0, pos)
    start = 0 if para == -1 else para + 2
    line_start = text.rfind("\n", 0, pos) + 1
    line = text[line_start:pos]
    stripped = line.lstrip()
    if stripped.startswith(("- ", "* ", "+ ", "#", "|", ">")) or re.match(r"\d+[.)] ", stripped):
        start = max(start, line_start)
    cell = text.rfind("|", line_start, pos)
    if cell != -1:
        start = max(start, cell + 1)
    return start


def before(text: str, marker: Marker) -> Sentence:
    """The sentence that a marker follows."""
    start = _block_start(text, marker.start)
    previous = list(MARKER.finditer(text, start, marker.start))
    if previous:  # an earlier marker in the same block ends the sentence before this one
        start = previous[-1].end()
    chunk = text[start:marker.start]
    protected = chunk
    if "." in chunk[:-1]:  # abbreviations matter only where a full stop could end a sentence early
        for abbr in _ABBREVIATIONS:
            if abbr in protected:
                protected = protected.replace(abbr, abbr.replace(".", _PLACEHOLDER))
    # strip list, heading and quote prefixes at the start of the block
    prefix = re.match(r"\s*(?:[-*+]\s+|\d+[.)]\s+|#+\s+|>\s+)?", protected)
    offset = prefix.end() if prefix else 0
    boundaries = [m.end() for m in _BOUNDARY.finditer(protected, offset)]
    # the marker follows its sentence, so the last boundary inside the chunk is where it starts;
    # ignore a boundary that falls at the very end (the sentence's own full stop)
    boundaries = [b for b in boundaries if protected[b:].strip()]
    sentence_start = boundaries[-1] if boundaries else offset
    raw = chunk[sentence_start:]
    at = start + sentence_start + (len(raw) - len(raw.lstrip()))
    # counted back from the marker's own line, not from the top of the page
    line = marker.line - text.count("\n", at, marker.start)
    column = at - text.rfind("\n", 0, at)
    return Sentence(plain(raw), line, column)
