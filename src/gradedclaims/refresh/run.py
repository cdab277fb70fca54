"""One refresh: every DOI through Crossref, every PMID through PubMed, each entry compared with
what came back, and the status each entry should record. Writing is separate (apply())."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .. import fmt
from ..bib import Bibliography
from .compare import Difference, compare
from .crossref import CrossrefClient
from .pubmed import PubMedClient
from .records import STATUS_RANK, Notice, Record, strongest


@dataclass(frozen=True)
class StatusChange:
    key: str
    source: str
    notice: Notice
    current: str  # the status the entry records now ("" for none)
    current_notice: str


@dataclass
class Outcome:
    dois: int = 0
    pmids: int = 0
    changes: list[StatusChange] = field(default_factory=list)  # status to write (new or different)
    confirmed: list[StatusChange] = field(default_factory=list)  # status already recorded and still shown
    unconfirmed: list[str] = field(default_factory=list)  # a recorded status neither service shows
    differences: list[Difference] = field(default_factory=list)
    not_found: list[Record] = field(default_factory=list)
    remarks: list[tuple[str, str]] = field(default_factory=list)
    without_identifier: list[str] = field(default_factory=list)


def refresh(bib: Bibliography, crossref: CrossrefClient, pubmed: PubMedClient,
            progress: Callable[[str], None] = lambda _: None) -> Outcome:
    out = Outcome()
    refs = sorted(bib.references.values(), key=lambda r: r.key)
    records: dict[str, list[Record]] = {r.key: [] for r in refs}
    with_doi = [r for r in refs if r.doi]
    for n, ref in enumerate(with_doi, 1):
        progress(f"Crossref {n}/{len(with_doi)}: {ref.doi}")
        records[ref.key].append(crossref.lookup(ref.doi))
    out.dois = len(with_doi)
    with_pmid = [r for r in refs if r.pmid and r.pmid.isdigit()]
    if with_pmid:
        progress(f"PubMed: {len(with_pmid)} PMIDs")
        found = pubmed.lookup([r.pmid for r in with_pmid])
        for ref in with_pmid:
            records[ref.key].append(found[ref.pmid])
    out.pmids = len(with_pmid)
    for ref in refs:
        looked = records[ref.key]
        if not looked:
            out.without_identifier.append(ref.key)
            continue
        for record in looked:
            if not record.found:
                out.not_found.append(record)
            out.differences.extend(compare(ref, record))
            out.remarks.extend((ref.key, remark) for remark in record.remarks)
        notices = [(r.source, n) for r in looked for n in r.notices]
        best = strongest([n for _, n in notices])
        current, current_notice = ref.get("status"), ref.get("status_notice")
        if best is None:
            if current:
                out.unconfirmed.append(ref.key)
            continue
        source = next(s for s, n in notices if n is best)
        change = StatusChange(ref.key, source, best, current, current_notice)
        if current == best.status:
            out.confirmed.append(change)
        elif current in STATUS_RANK and STATUS_RANK.index(current) < STATUS_RANK.index(best.status):
            out.unconfirmed.append(ref.key)  # a graver recorded status is never lowered by a script
        else:
            out.changes.append(change)
    return out


def apply(text: str, changes: list[StatusChange], checked: str) -> str:
    """references.bib with the status fields of each changed entry set; nothing else changes."""
    for change in changes:
        text = fmt.set_fields(text, change.key, {"status": change.notice.status,
                                                 "status_notice": change.notice.notice,
                                                 "status_checked": checked})
    return text
