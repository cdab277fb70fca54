"""Treatments shown whole: intervention records checked against the register, harms and status
beside every benefit on a page, dated status that falls due for re-checking.

Codes are listed on the methodology page with the rest of the rules.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from . import yamlload
from .bib import Bibliography
from .claims import Claim
from .dates import date_problem
from .interventions import Intervention, InterventionFile
from .pages import Page
from .policy import Policy
from .problems import Problem, error, warning

WAIVER_KEY = "balance_waivers"


def _hint(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def index(files: list[InterventionFile]) -> dict[str, Intervention]:
    return {f.intervention.id: f.intervention for f in files if f.intervention}


def check_records(files: list[InterventionFile], claims: dict[str, Claim], invalid: set[str],
                  bib: Bibliography) -> Iterator[Problem]:
    """Each record names existing claims; each status claim is dated and cites a regulator's record."""
    seen: dict[str, str] = {}
    for f in files:
        record = f.intervention
        if record is None:
            continue
        stem = PurePosixPath(f.path).stem
        if record.id != stem:
            yield error(f.path, record.pos.line, record.pos.column, "intervention-id-mismatch",
                        f"intervention id '{record.id}' differs from its file name '{stem}.yml'",
                        f"rename the file to {record.id}.yml or set id: {stem}")
        if record.id in seen:
            yield error(f.path, record.pos.line, record.pos.column, "duplicate-id",
                        f"intervention id '{record.id}' is already used in {seen[record.id]}")
        seen.setdefault(record.id, f.path)
        for row in record.rows:
            if row.claim in invalid:
                continue
            claim = claims.get(row.claim)
            if claim is None:
                yield error(f.path, row.pos.line, row.pos.column, "unknown-claim",
                            f"intervention '{record.id}' lists claim '{row.claim}', which is not in the register",
                            _hint(row.claim, claims) or "add the claim first (make new-claim)")
                continue
            if row.role != "status":
                continue
            if not claim.as_of:
                pos = claim.pos
                yield error(claim.path, pos.line, pos.column, "status-needs-as-of",
                            f"claim '{claim.id}' is the {row.label} status of '{record.id}' but has no as_of date",
                            "add as_of: YYYY-MM-DD, the day the status was confirmed on the regulator's own record")
            refs = [bib.lookup(s.ref) for s in claim.supporting]
            if bib.data is not None and all(r is not None for r in refs) and not any(r.design == "regulatory" for r in refs):
                pos = claim.at("sources")
                yield error(claim.path, pos.line, pos.column, "status-needs-regulator-record",
                            f"claim '{claim.id}' states a regulatory status but cites no regulatory record",
                            "cite the regulator's own record (label, approval or withdrawal notice, compounding list) "
                            "as a reference with design = {regulatory}")


def check_dated(claim: Claim, policy: Policy, today: dt.date, notices: Iterable[str]) -> Iterator[Problem]:
    """as_of is a real past date, and a re-check falls due after the policy's interval."""
    if claim.as_of:
        pos = claim.at("as_of")
        problem = date_problem(claim.as_of, today)
        if problem:
            yield error(claim.path, pos.line, pos.column, "invalid-date", f"as_of date of '{claim.id}': {problem}",
                        "write the day the fact was confirmed on its record, e.g. 2026-12-02")
        elif (today - dt.date.fromisoformat(claim.as_of)).days > policy.status_review_days:
            yield warning(claim.path, pos.line, pos.column, "status-review-due",
                          f"claim '{claim.id}' was confirmed on {claim.as_of}, more than "
                          f"{policy.status_review_days} days ago",
                          "check the regulator's record again, update the statement if the status changed, "
                          "and set as_of to the day of the check")
    known = set(notices)
    for name in claim.notices:
        if name not in known:
            pos = claim.at("notices")
            yield error(claim.path, pos.line, pos.column, "unknown-notice",
                        f"claim '{claim.id}' asks for notice '{name}', which schema/policy.yml does not define",
                        _hint(name, known) or "use one of: " + ", ".join(sorted(known)))


@dataclass(frozen=True)
class PageWaiver:
    section: str
    intervention: str
    reason: str
    line: int


def page_waivers(page: Page) -> tuple[list[PageWaiver], list[Problem]]:
    """`balance_waivers:` in the page's front matter: [{section, intervention, reason}]."""
    text = page.text
    if not text.startswith("---\n"):
        return [], []
    end = text.find("\n---\n", 3)
    if end == -1:
        return [], []
    loaded = yamlload.loads(text[4:end + 1], page.path)
    if loaded.problems or not isinstance(loaded.data, dict) or WAIVER_KEY not in loaded.data:
        return [], []  # MkDocs reports broken front matter itself
    items = loaded.data[WAIVER_KEY]
    waivers, problems = [], []
    if not isinstance(items, list):
        line = loaded.data.value_pos[WAIVER_KEY].line + 1
        return [], [error(page.path, line, 1, "invalid-waiver", f"'{WAIVER_KEY}' must be a list",
                          "each item: {section: <heading>, intervention: <id>, reason: <why>}")]
    for i, item in enumerate(items):
        line = items.item_pos[i].line + 1
        reason = item.get("reason") if isinstance(item, dict) else None
        if (not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("section", "intervention"))
                or not isinstance(reason, str) or len(reason.split()) < 4):
            problems.append(error(page.path, line, 1, "invalid-waiver",
                                  "a balance waiver needs section, intervention and a reason of at least four words",
                                  "e.g. {section: In brief, intervention: tesamorelin, reason: harms are in the "
                                  "Tesamorelin section below}"))
            continue
        waivers.append(PageWaiver(item["section"], item["intervention"], " ".join(reason.split()), line))
    return waivers, problems


def check_page(page: Page, interventions: dict[str, Intervention]) -> Iterator[Problem]:
    """Harms and status beside benefits, section by section; tables that name real interventions."""
    for bad in page.block_malformed:
        yield error(page.path, bad.line, bad.column, "marker-malformed",
                    f"{bad.text!r} is not a valid {bad.kind} marker", f"write {bad.syntax}")
    benefit_of: dict[str, list[Intervention]] = {}
    for record in interventions.values():
        for row in record.role("benefit"):
            benefit_of.setdefault(row.claim, []).append(record)
    waivers, problems = page_waivers(page)
    yield from problems
    used_waivers: set[PageWaiver] = set()
    for section in page.sections:
        for sof in section.sofs:
            if sof.intervention not in interventions:
                yield error(page.path, sof.line, sof.column, "unknown-intervention",
                            f"summary-of-findings marker names '{sof.intervention}', which has no record in "
                            "claims/interventions/", _hint(sof.intervention, interventions))
        tables = {s.intervention for s in section.sofs}
        for cid, line in section.claims.items():
            for record in benefit_of.get(cid, ()):
                if record.id in tables:
                    continue
                missing = [r for r in record.required_beside_benefits if r.claim not in section.claims]
                if not missing:
                    continue
                waiver = next((w for w in waivers if w.intervention == record.id and w.section == section.title), None)
                if waiver:
                    used_waivers.add(waiver)
                    continue
                where = f"section '{section.title}'" if section.title else "the text before the first heading"
                names = "; ".join(
                    f"{r.label} status '{r.claim}'" if r.role == "status" else f"principal harm '{r.claim}' ({r.label})"
                    for r in missing)
                yield error(page.path, line, 1, "benefit-without-harms",
                            f"{where} cites benefit claim '{cid}' of {record.name} but not: {names}",
                            f"cite them in the same section, or place [summary-of-findings:{record.id}] in it; "
                            f"a reasoned exception goes in the page's front matter under {WAIVER_KEY}")
    for w in waivers:
        if w not in used_waivers:
            yield warning(page.path, w.line, 1, "unused-waiver",
                          f"balance waiver for '{w.intervention}' in section '{w.section}' waives nothing",
                          "remove it (the section now cites the harms and status, or the heading changed)")


def used_claims(page: Page, interventions: dict[str, Intervention]) -> set[str]:
    """Claims shown on a page through its summary-of-findings tables."""
    return {cid for s in page.sections for sof in s.sofs if sof.intervention in interventions
            for cid in interventions[sof.intervention].claim_ids}
