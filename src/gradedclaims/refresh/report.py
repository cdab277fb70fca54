"""The refresh as Markdown, for a person (a pull request or an issue body): what changed status,
what differs from the records, what could not be found."""

from __future__ import annotations

from ..refstatus import LABELS
from .run import Outcome


def cell(value: str) -> str:
    """Text safe in a Markdown table cell: pipes and line breaks would split the row, and markup
    characters from a title must not become links or emphasis."""
    text = " ".join(str(value).split())
    for ch in "\\|*_[]<>`":
        text = text.replace(ch, "\\" + ch)
    return text or "—"


def _notice_link(notice: str) -> str:
    url = notice if notice.startswith(("https://", "http://")) else f"https://doi.org/{notice}"
    return f"<{url}>" if " " not in url and ">" not in url else cell(notice)


def markdown(outcome: Outcome, day: str, *, written: bool) -> str:
    o = outcome
    lines = [f"# Reference refresh, {day}", "",
             f"Looked up {o.dois} DOIs in Crossref and {o.pmids} PMIDs in PubMed. "
             f"{len(o.changes)} status change{'s' * (len(o.changes) != 1)}, "
             f"{len(o.differences)} metadata difference{'s' * (len(o.differences) != 1)}, "
             f"{len(o.not_found)} identifier{'s' * (len(o.not_found) != 1)} not found.", ""]
    lines += ["## Status changes", ""]
    if o.changes:
        lines += [("These were written to references.bib (status, status_notice, status_checked). "
                   if written else "Run `make refresh-refs ARGS=--write` to record them. ")
                  + "Then run `make check`: a claim resting on a retracted source fails until it is revised.", "",
                  "| Entry | Now | Found | Notice | Source |", "|---|---|---|---|---|"]
        for c in o.changes:
            lines.append(f"| {cell(c.key)} | {cell(LABELS.get(c.current, c.current) or 'none')} | "
                         f"**{cell(LABELS[c.notice.status])}** ({cell(c.notice.label)}"
                         f"{', ' + cell(c.notice.date) if c.notice.date else ''}) | "
                         f"{_notice_link(c.notice.notice)} | {cell(c.source)} |")
    else:
        lines.append("None.")
    if o.confirmed:
        lines += ["", "Recorded statuses still shown by the services: "
                  + ", ".join(f"{cell(c.key)} ({cell(LABELS[c.notice.status])})" for c in o.confirmed) + "."]
    if o.unconfirmed:
        lines += ["", "Recorded statuses the services do not show (left as they are; check by hand): "
                  + ", ".join(cell(k) for k in o.unconfirmed) + "."]
    lines += ["", "## Metadata differences", ""]
    if o.differences:
        lines += ["Compare with the record and correct references.bib where the entry is wrong "
                  "(the services are sometimes wrong too).", "",
                  "| Entry | Source | Field | references.bib | Record |", "|---|---|---|---|---|"]
        lines += [f"| {cell(d.key)} | {cell(d.source)} | {cell(d.field)} | {cell(d.ours)} | {cell(d.theirs)} |"
                  for d in o.differences]
    else:
        lines.append("None.")
    if o.not_found or o.remarks:
        lines += ["", "## Not found or not the work", ""]
        lines += [f"- {cell(r.source)} has no record of {cell(r.identifier)} ({_notice_link(r.url)})" for r in o.not_found]
        lines += [f"- {cell(key)}: {cell(text)}" for key, text in o.remarks]
    if o.without_identifier:
        lines += ["", f"{len(o.without_identifier)} entries have no DOI or PMID and were not looked up: "
                  + ", ".join(cell(k) for k in o.without_identifier) + "."]
    return "\n".join(lines) + "\n"
