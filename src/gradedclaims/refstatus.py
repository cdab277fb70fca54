"""Reference status: a cited work that was retracted, corrected, withdrawn or given an expression
of concern after publication. Recorded in references.bib (`status`, `status_notice`,
`status_checked`), checked here, shown wherever the reference renders.

A claim resting only on retracted or withdrawn work has lost its support; a retracted source
beside others is an error too, unless the claim waives `retracted-source` with a reason (a claim
about the retraction itself, say). Corrections and expressions of concern are shown, not refused.
"""

from __future__ import annotations

from collections.abc import Iterator

from .bib import Bibliography, Reference
from .claims import Claim
from .dates import date_problem
from .excerpt import quote
from .identifiers import doi_problem
from .problems import Problem, error

LABELS = {"retracted": "Retracted", "corrected": "Corrected", "expression-of-concern": "Expression of concern",
          "withdrawn": "Withdrawn"}
STATUSES = tuple(LABELS)
UNSUPPORTING = frozenset({"retracted", "withdrawn"})  # no longer evidence for anything
FIELDS = ("status", "status_notice", "status_checked")
RULES = ("retracted-source",)


def notice_is_doi(value: str) -> bool:
    return doi_problem(value) is None


def check_reference(ref: Reference) -> Iterator[Problem]:
    """The three fields go together: a status names its notice and the day it was checked."""
    status, notice, checked = (ref.get(name) for name in FIELDS)
    if not (status or notice or checked):
        return
    path, key = ref.path, ref.key
    if not status:
        yield error(path, ref.field_line("status_notice" if notice else "status_checked"), 3, "missing-status",
                    f"entry '{key}' records a status notice or check date but no status",
                    "add status = {" + "}, {".join(STATUSES) + "}, or remove the status fields")
        return
    if status not in LABELS:
        yield error(path, ref.field_line("status"), 3, "invalid-value",
                    f"status {quote(status)} of '{key}' is not recognised", "use one of: " + ", ".join(STATUSES))
    if not notice:
        yield error(path, ref.field_line("status"), 3, "missing-status-notice",
                    f"entry '{key}' has status {quote(status)} but no status_notice",
                    "add status_notice = {<DOI of the notice>} or {https://... address of the notice}")
    elif not (notice_is_doi(notice) or notice.startswith("https://") or notice.startswith("http://")):
        yield error(path, ref.field_line("status_notice"), 3, "invalid-status-notice",
                    f"status_notice {quote(notice)} of '{key}' is neither a bare DOI nor a web address",
                    "write the notice's DOI bare (10.xxxx/...) or its https:// address")
    problem = date_problem(checked) if checked else "it is missing"
    if problem:
        yield error(path, ref.field_line("status_checked") if checked else ref.field_line("status"), 3,
                    "invalid-date", f"status_checked of '{key}': {problem}",
                    "write the day the notice was checked, e.g. 2026-12-02")


def check_claim(claim: Claim, bib: Bibliography) -> tuple[list[Problem], set[tuple[str, str]]]:
    """Errors for a claim resting on retracted or withdrawn work, and the waivers they used."""
    if claim.status == "withdrawn" or bib.data is None:
        return [], set()
    supporting = [(s, bib.lookup(s.ref)) for s in claim.supporting]
    if not supporting or any(r is None for _, r in supporting):
        return [], set()  # no-supporting-source and unknown-ref say what to fix first
    out: list[Problem] = []
    waived: set[tuple[str, str]] = set()
    if all(r.get("status") in UNSUPPORTING for _, r in supporting):
        pos = claim.at("sources")
        names = ", ".join(f"'{r.key}' ({r.get('status')})" for _, r in supporting)
        out.append(error(claim.path, pos.line, pos.column, "sources-retracted",
                         f"claim '{claim.id}' rests only on retracted or withdrawn sources: {names}",
                         "cite evidence that still stands and regrade the claim, or set status: withdrawn"))
        return out, waived
    for source, ref in supporting:
        if ref.get("status") != "retracted":
            continue
        if any(w.rule == "retracted-source" for w in claim.waivers):
            waived.add((claim.id, "retracted-source"))
            continue
        notice = ref.get("status_notice")
        out.append(error(claim.path, source.pos.line, source.pos.column, "retracted-source",
                         f"claim '{claim.id}' is supported by '{ref.key}', which was retracted"
                         + (f" (notice {quote(notice)})" if notice else ""),
                         "remove the source and regrade the claim on what remains, or waive 'retracted-source' "
                         "with a reason if the claim is about the retraction itself"))
    return out, waived
