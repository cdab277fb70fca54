"""Rules that need more than one file: ids, references, markers, and the grading method.

Each rule is written on the methodology page (docs/methodology.md); the codes here are the
ones that page lists, so a contributor can look up why a check fired.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from . import auditrules, balance, wording
from .audit import AuditFile
from .bib import Bibliography
from .claims import Claim, ClaimsFile
from .dates import date_problem
from .markers import SYNTAX
from .pages import Page
from .excerpt import quote
from .problems import Problem, error, warning
from .vocab import CERTAINTY_RANK, HIGH_DESIGNS, LOW_CEILING_DESIGNS, NON_HUMAN


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def check_ids(files: list[ClaimsFile]) -> Iterator[Problem]:
    first: dict[str, tuple[str, int]] = {}
    for f in files:
        entries = [(c.id, c.pos) for c in f.claims] + list(f.invalid_ids.items())
        for cid, pos in sorted(entries, key=lambda e: e[1].line):
            if cid in first:
                path, line = first[cid]
                yield error(f.path, pos.line, pos.column, "duplicate-id",
                            f"claim id '{cid}' is already used at {path}:{line}",
                            "ids are unique across all claims files and never reused; choose another id")
            else:
                first[cid] = (f.path, pos.line)


def check_topic(f: ClaimsFile) -> Iterator[Problem]:
    stem = PurePosixPath(f.path).stem
    for c in f.claims:
        if c.topic != stem:
            pos = c.at("topic")
            yield error(c.path, pos.line, pos.column, "topic-mismatch",
                        f"claim '{c.id}' has topic '{c.topic}' but is in {f.path}",
                        f"one file per topic: move the claim to claims/{c.topic}.yml or set topic: {stem}")


def check_sources(claim: Claim, bib: Bibliography) -> Iterator[Problem]:
    if bib.data is None:
        return  # the bibliography itself could not be read; that is the error to fix first
    for s in claim.sources:
        if bib.lookup(s.ref) is None:
            hint = _did_you_mean(s.ref, bib.references) or "add the reference to references.bib first (make add-ref)"
            yield error(claim.path, s.pos.line, s.pos.column, "unknown-ref",
                        f"claim '{claim.id}' cites {quote(s.ref)}, which is not in references.bib", hint)


def check_grade(claim: Claim, bib: Bibliography) -> Iterator[Problem]:
    """The grading method: certainty never exceeds what design and population support."""
    c = claim
    certainty = c.at("evidence.certainty")
    if c.certainty == "high" and (c.population != "human" or c.design not in HIGH_DESIGNS):
        yield error(c.path, certainty.line, certainty.column, "grade-high-needs-human-synthesis",
                    f"claim '{c.id}' is graded high but its evidence is {c.design} ({c.population} population)",
                    "high certainty needs human evidence from a meta-analysis, systematic review, RCT, guideline, "
                    "regulatory record or textbook consensus; grade it moderate or lower")
    if c.population in NON_HUMAN and CERTAINTY_RANK[c.certainty] < CERTAINTY_RANK["moderate"]:
        yield error(c.path, certainty.line, certainty.column, "grade-non-human-cap",
                    f"claim '{c.id}' rests on {c.population} evidence and cannot be graded {c.certainty}",
                    "animal and in-vitro evidence is capped at moderate")
    if c.design in LOW_CEILING_DESIGNS and CERTAINTY_RANK[c.certainty] < CERTAINTY_RANK["low"]:
        yield error(c.path, certainty.line, certainty.column, "grade-opinion-cap",
                    f"claim '{c.id}' rests on {c.design} and cannot be graded {c.certainty}",
                    "expert opinion supports at most low certainty")
    if c.population in NON_HUMAN and not wording.names_non_human(c.statement, c.species):
        pos = c.at("statement")
        yield error(c.path, pos.line, pos.column, "statement-names-species",
                    f"claim '{c.id}' rests on {c.population} evidence but its statement does not say so",
                    "name the species or say 'in rodents', 'in animals' or 'in vitro' in the sentence itself")

    supporting = [(s, bib.lookup(s.ref)) for s in c.supporting]
    if not c.supporting:
        pos = c.at("sources")
        yield error(c.path, pos.line, pos.column, "no-supporting-source",
                    f"claim '{c.id}' has no source with relation 'supports'",
                    "every claim needs at least one supporting reference; 'contradicts' and 'qualifies' add to it")
        return
    refs = [r for _, r in supporting if r is not None]
    if len(refs) < len(supporting):
        return  # unknown references are reported by check_sources; the rest would mislead
    if all(not r.verified for r in refs) and c.certainty != "very-low":
        yield error(c.path, certainty.line, certainty.column, "grade-unverified-sources",
                    f"claim '{c.id}' is graded {c.certainty} but none of its supporting references is verified",
                    "a claim resting only on unverified references is at most very-low")
    designs = {r.design for r in refs}
    if c.design not in designs:
        pos = c.at("evidence.design")
        yield error(c.path, pos.line, pos.column, "design-mismatch",
                    f"claim '{c.id}' gives design '{c.design}' but its supporting references are: "
                    + ", ".join(sorted(d or "(none)" for d in designs)),
                    "the design is that of the best supporting reference, as recorded in references.bib")
    populations = {r.population for r in refs}
    if not _population_matches(c.population, populations):
        pos = c.at("evidence.population")
        yield error(c.path, pos.line, pos.column, "population-mismatch",
                    f"claim '{c.id}' gives population '{c.population}' but its supporting references are: "
                    + ", ".join(sorted(p or "(none)" for p in populations)),
                    "the population must be one the supporting references actually studied")


def _population_matches(claimed: str, found: set[str]) -> bool:
    if claimed == "mixed":
        return "mixed" in found or ("human" in found and bool(found & NON_HUMAN))
    return claimed in found or "mixed" in found


def check_dates(claim: Claim) -> Iterator[Problem]:
    problem = date_problem(claim.reviewed)
    if problem:
        pos = claim.at("reviewed")
        yield error(claim.path, pos.line, pos.column, "invalid-date", f"reviewed date of '{claim.id}': {problem}",
                    "write the day the claim was last reviewed, e.g. 2026-11-22")


def check_markers(pages: list[Page], claims: dict[str, Claim], invalid: set[str]) -> Iterator[Problem]:
    for page in pages:
        for bad in page.malformed:
            yield error(page.path, bad.line, bad.column, "marker-malformed",
                        f"{quote(bad.text)} is not a valid claim marker",
                        f"write {SYNTAX}: lowercase ids with hyphens, separated by commas")
        for m in page.markers:
            for cid in m.ids:
                if cid in invalid:
                    continue  # the claim exists but has schema errors, reported in its file
                claim = claims.get(cid)
                if claim is None:
                    hint = _did_you_mean(cid, claims) or "add the claim to a file in claims/ (make new-claim)"
                    yield error(page.path, m.line, m.column, "unknown-claim",
                                f"marker cites claim {quote(cid)}, which is not in the register", hint)
                elif claim.status == "withdrawn":
                    yield warning(page.path, m.line, m.column, "withdrawn-claim-used",
                                  f"marker cites claim '{cid}', which is withdrawn",
                                  "remove the sentence or cite a current claim")
        for m in (p for section in page.sections for p in section.plains):
            if m.claim in invalid:
                continue
            claim = claims.get(m.claim)
            if claim is None:
                hint = _did_you_mean(m.claim, claims) or "name a claim of the register"
                yield error(page.path, m.line, m.column, "unknown-claim",
                            f"plain marker names claim {quote(m.claim)}, which is not in the register", hint)
            elif not claim.plain:
                yield error(page.path, m.line, m.column, "plain-missing",
                            f"plain marker names claim '{m.claim}', which has no plain statement",
                            f"add plain: to '{m.claim}' in {claim.path}")
            elif claim.status == "withdrawn":
                yield warning(page.path, m.line, m.column, "withdrawn-claim-used",
                              f"plain marker names claim '{m.claim}', which is withdrawn",
                              "remove the line or name a current claim")


def check_audits(audits: list[AuditFile], claims: dict[str, Claim], invalid: set[str], bib: Bibliography) -> Iterator[Problem]:
    for audit in audits:
        seen: dict[str, int] = {}
        for a in audit.assertions:
            if a.id in seen:
                yield error(audit.path, a.pos.line, a.pos.column, "duplicate-id",
                            f"assertion id '{a.id}' is already used at line {seen[a.id]}")
            seen.setdefault(a.id, a.pos.line)
            for cid, pos in zip(a.claims, a.claim_pos):
                if cid not in claims and cid not in invalid:
                    yield error(audit.path, pos.line, pos.column, "unknown-claim",
                                f"assertion '{a.id}' links claim '{cid}', which is not in the register",
                                _did_you_mean(cid, claims))
        yield from auditrules.check(audit, claims)
        for r in audit.references:
            if r.ref and bib.data is not None and bib.lookup(r.ref) is None:
                yield error(audit.path, r.pos.line, r.pos.column, "unknown-ref",
                            f"audited reference links {quote(r.ref)}, which is not in references.bib",
                            _did_you_mean(r.ref, bib.references))


def check_usage(pages: list[Page], claims: dict[str, Claim], bib: Bibliography, audits: list[AuditFile],
                interventions: dict | None = None) -> Iterator[Problem]:
    """Advisories: a claim no page uses (in a sentence, a summary-of-findings table or an audit
    page, which shows the claims behind each verdict), a reference nothing cites."""
    used = {cid for page in pages for m in page.markers for cid in m.ids}
    used |= {m.claim for page in pages for section in page.sections for m in section.plains}
    used |= {cid for page in pages for cid in balance.used_claims(page, interventions or {})}
    used |= {cid for a in audits for assertion in a.assertions for cid in assertion.claims}
    for claim in claims.values():
        if claim.id not in used and claim.status != "withdrawn":
            yield warning(claim.path, claim.pos.line, claim.pos.column, "unused-claim",
                          f"claim '{claim.id}' is not used on any page",
                          "cite it with a marker on a page, or set status: withdrawn")
    cited = {s.ref for c in claims.values() for s in c.sources}
    cited |= {r.ref for a in audits for r in a.references if r.ref}
    for ref in bib.references.values():
        if ref.key not in cited:
            yield warning(ref.path, ref.line, 1, "uncited-ref", f"reference '{ref.key}' is not cited by any claim",
                          "cite it from a claim or remove it from references.bib")


# Advisories: reported as warnings by the CLI, as information by the site build.
ADVISORY_CODES = frozenset({"unused-claim", "uncited-ref", "glossary-unused", "status-review-due", "review-due",
                            "source-policy-primary-only",
                            "source-policy-old-sources", "source-policy-old-guideline",
                            "readability-body", "readability-section"})
