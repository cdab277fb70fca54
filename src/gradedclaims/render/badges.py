"""Evidence badges and population tags: certainty as text and symbols, never colour alone."""

from __future__ import annotations

from ..claims import Claim
from ..vocab import CERTAINTY_LABELS, CERTAINTY_SYMBOLS
from .safe import attr, esc

_RODENTS = {"rat", "rats", "mouse", "mice", "vole", "voles", "prairie vole", "prairie voles",
            "hamster", "hamsters", "gerbil", "gerbils", "rodent", "rodents"}


def population_tag(population: str, species: list[str]) -> str:
    """A short reader-facing label for non-human evidence: 'rodents', 'in vitro', 'sheep'."""
    if population == "human":
        return ""
    if population == "in-vitro":
        return "in vitro"
    animals = [s for s in species if s.strip().lower() not in ("human", "humans")]
    if animals and all(s.strip().lower() in _RODENTS for s in animals):
        label = "rodents"
    else:
        label = ", ".join(animals[:2]) + (" …" if len(animals) > 2 else "") if animals else "animals"
    return f"human + {label}" if population == "mixed" else label


def certainty_badge(certainty: str) -> str:
    """`⊕⊕◯◯ Low` with the symbols hidden from screen readers, which read 'Low certainty'."""
    return (
        f'<span class="oxy-badge oxy-badge--{attr(certainty)}">'
        f'<span aria-hidden="true">{CERTAINTY_SYMBOLS[certainty]}</span> {CERTAINTY_LABELS[certainty]}'
        f'<span class="oxy-sr"> certainty</span></span>'
    )


def certainty_cell(certainty: str) -> str:
    """The certainty column of a long table: the badge's colours on the cell itself and no
    screen-reader suffix (the column header says 'Certainty'), two elements instead of four."""
    return (f'<td class="oxy-badge--{attr(certainty)}"><span aria-hidden="true">{CERTAINTY_SYMBOLS[certainty]}'
            f"</span> {CERTAINTY_LABELS[certainty]}</td>")


def tag(claim: Claim) -> str:
    label = population_tag(claim.population, claim.species)
    if not label:
        return ""
    return f'<span class="oxy-tag" title="Evidence type">{esc(label)}</span>'


def as_of(claim: Claim, overdue: bool = False) -> str:
    """'as of 2026-12-02' beside a dated fact, wherever it renders; once its re-check is overdue,
    'last checked on 2026-12-02' so that nobody reads an old status as today's."""
    if not claim.as_of:
        return ""
    when = f'<time datetime="{attr(claim.as_of)}">{esc(claim.as_of)}</time>'
    if overdue:
        return f'<span class="oxy-asof oxy-asof--overdue">status last checked on {when}; a re-check is due</span>'
    return f'<span class="oxy-asof">as of {when}</span>'
