"""A page's meta description: what search engines and link previews show under its title.

Front matter `description:` wins; otherwise a page is described by its first paragraph of prose:
the introduction, or on a topic page that opens with it, the "In brief" summary. Claim markers, links,
emphasis and tags are dropped, and the text is cut at a word near 160 characters. Every pattern
here is a literal with one character class that excludes the pattern's own opener, so the scan
stays linear in the page size (tests/test_linear_time.py).
"""

from __future__ import annotations

import re

from .. import sentences

MAX_CHARS = 160
# An inner class never holds its own opener, so a run of openers is scanned once, not once each.
_MARKER = re.compile(r"\[(?:claims?|summary-of-findings):[^\[\]\n]*\]")
_SKIP = ("#", "|", ">", "!!!", "???", "<", "---", "```", "~~~", "- ", "* ")


def _paragraphs(lines: list[str]) -> list[str]:
    out, current = [], []
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            if current:
                out.append(" ".join(current))
                current = []
            continue
        current.append(stripped)
    if current:
        out.append(" ".join(current))
    return out


def _body(markdown: str) -> list[str]:
    """The lines after front matter (MkDocs has usually split it off already)."""
    lines = markdown.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
        lines = lines[end + 1:] if end else lines
    return lines


def plain(text: str) -> str:
    """The reader's text of a paragraph: malformed and table markers dropped too, then the same
    inline-Markdown stripping the wording check uses (sentences.plain)."""
    return sentences.plain(_MARKER.sub("", text))


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    sentence = cut.rfind(". ")
    if sentence > limit // 2:  # whole sentences read better than a cut one
        return cut[:sentence + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


_PLAIN_LINE = re.compile(r"^[ ]{0,3}\[plain:([a-z0-9]+(?:-[a-z0-9]+)*)\][ \t]*$")


def describe(markdown: str, front_matter: dict | None = None, plain_of=None) -> str:
    """The description for a page, or "" when it has no prose (the site description then applies).

    `plain_of(claim_id)` gives a claim's plain statement: a page that opens with "In plain words"
    is described by those statements, as its readers see them, not by its marker lines."""
    given = (front_matter or {}).get("description")
    if isinstance(given, str) and given.strip():
        return shorten(" ".join(given.split()))
    plain_of = plain_of or (lambda claim_id: "")
    lines = [(plain_of(m.group(1)) or "") if (m := _PLAIN_LINE.match(line)) else line for line in _body(markdown)]
    for paragraph in _paragraphs(lines):
        if paragraph.startswith(_SKIP):
            continue
        text = plain(paragraph)
        if text:
            return shorten(text)
    return ""
