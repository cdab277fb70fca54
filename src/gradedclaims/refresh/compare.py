"""An entry of references.bib against what Crossref or PubMed records for it: title, authors,
year, volume and pages, compared after the differences that do not matter are removed (LaTeX,
markup, case, punctuation, PubMed's shortened page ranges, "others" at the end of a list)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pybtex.richtext import Text

from ..bib import Reference
from .records import Record


@dataclass(frozen=True)
class Difference:
    key: str
    source: str
    field: str
    ours: str
    theirs: str


def plain(value: str) -> str:
    """BibTeX value as text: LaTeX accents and escapes decoded, braces dropped."""
    try:
        return str(Text.from_latex(value))
    except Exception:  # pybtex raises assorted errors on odd input; compare the raw text then
        return value


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", plain(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _pages(value: str) -> tuple[str, str]:
    """(first, last) with PubMed's '768-79' read as 768-779 and en dashes as hyphens."""
    parts = [p.strip() for p in re.split(r"-+|–|—", plain(value)) if p.strip()]
    if not parts:
        return "", ""
    first, last = parts[0], parts[-1]
    if len(parts) > 1 and first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[:len(first) - len(last)] + last
    return first.lower(), last.lower()


def _families(ref: Reference) -> tuple[list[str], bool]:
    """Family names in order, and whether the list ends with 'and others' (truncated)."""
    people = ref.entry.persons.get("author") or []
    names = [" ".join(plain(n) for n in p.prelast_names + p.last_names) for p in people]
    truncated = bool(names) and names[-1].lower() == "others"
    return (names[:-1] if truncated else names), truncated


def compare(ref: Reference, record: Record) -> list[Difference]:
    """Differences between the entry and the record (empty when they agree or the record was not found)."""
    if not record.found:
        return []
    out: list[Difference] = []

    def differ(name: str, ours: str, theirs: str) -> None:
        out.append(Difference(ref.key, record.source, name, ours, theirs))

    if record.title and _norm(ref.get("title")) != _norm(record.title):
        differ("title", plain(ref.get("title")), record.title)
    ours, truncated = _families(ref)
    theirs = record.authors
    if ours and theirs:
        if _norm(ours[0]) != _norm(theirs[0]):
            differ("first author", ours[0], theirs[0])
        elif len(ours) != len(theirs) and not (truncated and len(ours) < len(theirs)):
            differ("number of authors", str(len(ours)) + (" and others" if truncated else ""), str(len(theirs)))
    if record.year and ref.year and ref.year != record.year:
        differ("year", ref.year, record.year)
    if record.volume and ref.get("volume") and _norm(ref.get("volume")) != _norm(record.volume):
        differ("volume", ref.get("volume"), record.volume)
    if record.pages and ref.get("pages") and _pages(ref.get("pages")) != _pages(record.pages):
        differ("pages", plain(ref.get("pages")), record.pages)
    return out
