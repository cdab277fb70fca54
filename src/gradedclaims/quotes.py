"""Find an audit quote in the text of its source article.

The articles were saved from the web with mis-encoded characters (UTF-8 read as Windows-1252,
such as "â€™" for an apostrophe) and with dashes turned into other symbols ("10 ∞ 20 units").
Quotes are compared after both sides are normalised the same way, so that an auditor may type
plain quotes and dashes while every word must still be the article's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "Opening"  # the locator heading for text before the article's first heading

_MOJIBAKE_RUN = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                           "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}")
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u221e": "-",  # the clinic article prints "∞" wherever its original had a dash
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")
_SPACE = re.compile(r"\s+")
_DASH = re.compile(r"\s*-\s*")
_LOCATOR = re.compile(r"^(?P<heading>.+), (?:paragraph|table row) [1-9][0-9]*$")


def _repair(match: re.Match) -> str:
    """One run of mis-decoded characters back to what was meant, if it decodes cleanly."""
    text = match.group(0)
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def normalise(text: str) -> str:
    """Mojibake repaired, quotes and dashes folded to ASCII, whitespace collapsed."""
    text = _MOJIBAKE_RUN.sub(_repair, text).translate(_FOLD)
    text = _ELLIPSIS.sub(" ... ", text)
    return _DASH.sub("-", _SPACE.sub(" ", text)).strip()


@dataclass(frozen=True)
class Found:
    """Where a quote starts in the normalised article, or why it was not found."""

    start: int
    problem: str = ""


def find(article: str, quote: str) -> Found:
    """The quote's parts (split at "...") must each occur in the article, in order."""
    text = normalise(article)
    parts = [p for p in (s.strip() for s in normalise(quote).split("...")) if p]
    if not parts:
        return Found(-1, "the quote is empty")
    start = at = -1
    for part in parts:
        at = text.find(part, at + 1)
        if at < 0:
            return Found(-1, f"not in the article: {part!r}")
        start = at if start < 0 else start
        at += len(part) - 1
    return Found(start)


def check(article: str, quote: str, locator: str) -> str:
    """Empty if the quote is the article's and follows the heading its locator names (a heading's
    closing full stop may be left out)."""
    found = find(article, quote)
    if found.problem:
        return found.problem
    match = _LOCATOR.match(locator)
    if not match:
        return f"the locator {locator!r} is not '<heading>, paragraph N' or '<heading>, table row N'"
    heading = match.group("heading")
    if heading == OPENING:
        return ""
    wanted = normalise(heading).rstrip(".")
    offset = 0
    for line in article.splitlines():
        line = normalise(line)
        if line.rstrip(".") == wanted:
            return "" if offset <= found.start else f"the quote stands before the heading {heading!r}"
        if line:
            offset += len(line) + 1
    return f"the heading {heading!r} is not a line of the article"
