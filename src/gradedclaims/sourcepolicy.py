"""Source-policy advisories in the spirit of Wikipedia's WP:MEDRS: clinical claims about people
should rest on secondary syntheses where they exist, and on sources that are not out of date.
Each is a warning that a claim may waive with a reason (rule `source-policy-<name>`)."""

from __future__ import annotations

from collections.abc import Iterable

from .bib import Bibliography
from .claims import Claim
from .policy import Policy
from .problems import Problem, warning

PRIMARY = frozenset({"rct", "cohort", "case-control", "cross-sectional", "case-series"})
SYNTHESIS = frozenset({"meta-analysis", "systematic-review"})
RULES = ("source-policy-primary-only", "source-policy-old-sources", "source-policy-old-guideline")


def _clinical(c: Claim) -> bool:
    return c.population == "human" and c.outcome == "clinical-effect" and c.status != "withdrawn"


def _year(ref) -> int | None:
    """Only a four-digit year counts (anything else is reported by the bibliography check)."""
    year = ref.year
    return int(year) if len(year) == 4 and year.isdigit() else None


def check(claims: Iterable[Claim], bib: Bibliography, policy: Policy, year: int) -> tuple[list[Problem], set]:
    """Advisories for every claim, and the (claim, rule) waivers they used."""
    claims = list(claims)
    if bib.data is None:
        return [], set()
    syntheses: dict[tuple[str, str], set[str]] = {}
    for c in claims:
        for s in c.supporting:
            ref = bib.lookup(s.ref)
            if ref is not None and ref.design in SYNTHESIS and ref.population in ("human", "mixed") and c.hormone:
                syntheses.setdefault((c.hormone, c.outcome), set()).add(ref.key)
    found: list[Problem] = []
    used: set = set()

    def report(c: Claim, rule: str, message: str, hint: str) -> None:
        if any(w.rule == rule for w in c.waivers):
            used.add((c.id, rule))
            return
        pos = c.at("sources")
        found.append(warning(c.path, pos.line, pos.column, rule, message,
                             hint + f"; or waive '{rule}' with a reason"))

    for c in claims:
        refs = [r for r in (bib.lookup(s.ref) for s in c.supporting) if r is not None]
        if not refs:
            continue
        for r in refs:
            y = _year(r)
            if r.design == "guideline" and y and year - y > policy.guideline_max_age_years:
                report(c, "source-policy-old-guideline",
                       f"claim '{c.id}' rests on guideline '{r.key}' from {y}, more than "
                       f"{policy.guideline_max_age_years} years old", "cite the current version of the guideline")
        if not _clinical(c):
            continue
        if all(r.design in PRIMARY for r in refs):
            reviews = sorted(syntheses.get((c.hormone, c.outcome), set()) - {r.key for r in refs})
            if reviews:
                report(c, "source-policy-primary-only",
                       f"clinical claim '{c.id}' cites only primary studies, while the bibliography holds "
                       f"systematic reviews on {c.hormone} and clinical effects ({', '.join(reviews[:3])})",
                       "cite the review that covers the finding, if one does")
        years = [y for y in (_year(r) for r in refs if r.design not in ("regulatory", "textbook")) if y]
        if years and year - max(years) > policy.source_max_age_years:
            report(c, "source-policy-old-sources",
                   f"clinical claim '{c.id}' rests on sources no newer than {max(years)}, more than "
                   f"{policy.source_max_age_years} years old", "look for newer evidence and cite it")
    return found, used
