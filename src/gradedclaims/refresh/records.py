"""What a service says about one work: its metadata and the notices attached to it."""

from __future__ import annotations

from dataclasses import dataclass, field

# Strongest first: a retraction outranks a correction published on the same work.
STATUS_RANK = ("retracted", "withdrawn", "expression-of-concern", "corrected")


@dataclass(frozen=True)
class Notice:
    status: str  # one of STATUS_RANK
    label: str  # as the service names it ("retraction", "Retraction in", "Retracted Publication")
    notice: str  # the notice's DOI, or its address
    date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD when the service gives one


@dataclass
class Record:
    source: str  # "Crossref" or "PubMed"
    identifier: str  # the DOI or PMID looked up
    url: str  # where a person can see the record
    found: bool = True
    title: str = ""
    authors: list[str] = field(default_factory=list)  # family names, in order
    year: str = ""
    volume: str = ""
    pages: str = ""
    notices: list[Notice] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)  # e.g. "this PMID is an erratum notice, not the work"


def strongest(notices: list[Notice]) -> Notice | None:
    """The notice that sets the reference's status: the gravest, then the latest."""
    if not notices:
        return None
    return min(notices, key=lambda n: (STATUS_RANK.index(n.status), _negated(n.date)))


def _negated(date: str) -> tuple:
    return tuple(-int(part) for part in date.split("-") if part.isdigit())
