"""Structured GRADE appraisal: the certainty of a claim computed from its starting level, the five
domains and any upgrades, so that a grade can be reproduced from what the register records.

The arithmetic is written on the methodology page: start high = 4 or low = 2; minus 1 for each
serious and 2 for each very serious domain; plus 1 for each upgrade; clamped to 1..4; then the
ceilings of the grading method (animal or in-vitro evidence at most moderate, expert opinion at
most low, unverified sources only at most very low).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import sitefiles
from .bib import Bibliography
from .dates import date_problem
from .problems import Problem, error, warning
from .vocab import NON_HUMAN
from .yamlload import Mapping, Pos

DOMAINS = ("risk_of_bias", "inconsistency", "indirectness", "imprecision", "publication_bias")
DOMAIN_LABELS = {"risk_of_bias": "Risk of bias", "inconsistency": "Inconsistency", "indirectness": "Indirectness",
                 "imprecision": "Imprecision", "publication_bias": "Publication bias"}
PENALTY = {"no": 0, "serious": 1, "very-serious": 2}
LEVELS = {4: "high", 3: "moderate", 2: "low", 1: "very-low"}
START = {"high": 4, "low": 2}
# Designs that cannot start high: observational evidence and opinion.
LOW_START_DESIGNS = frozenset({"cohort", "case-control", "cross-sectional", "case-series", "expert-opinion"})
FLAG_RULE = "source-flag-"


def limitations() -> dict[str, str]:
    return _limitations(sitefiles.path("limitations.yml"))


@lru_cache(maxsize=None)
def _limitations(path: Path) -> dict[str, str]:
    """Flag name -> the domain it must be reflected in."""
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return {name: spec["domain"] for name, spec in data.items()}


def waivable_rules() -> tuple[str, ...]:
    return tuple(FLAG_RULE + name for name in limitations())


@dataclass(frozen=True)
class Domain:
    rating: str  # no | serious | very-serious
    reason: str
    pos: Pos


@dataclass(frozen=True)
class Appraisal:
    start: str
    domains: dict
    upgrades: tuple  # (factor, reason) pairs
    appraised_by: str
    appraised_on: str
    second: dict | None  # {"by", "on", "agrees", "note"}
    differs_because: str
    pos: Pos
    field_pos: dict

    def at(self, name: str) -> Pos:
        return self.field_pos.get(name, self.pos)

    def ratings(self) -> tuple[str, ...]:
        return tuple(self.domains[d].rating for d in DOMAINS)


def build(raw: Mapping | None) -> Appraisal | None:
    """The appraisal from schema-checked YAML (required by the schema; None only in hand-made models)."""
    if raw is None:
        return None
    domains = {}
    for name in DOMAINS:
        value = raw[name]
        if value in ("no", False):  # YAML 1.1 reads a bare `no` as false
            domains[name] = Domain("no", "", raw.value_pos[name])
        else:
            domains[name] = Domain(value["rating"], " ".join(value["reason"].split()), raw.value_pos[name])
    upgrades = tuple((u["factor"], " ".join(u["reason"].split())) for u in raw.get("upgrades", []))
    second = dict(raw["second_appraisal"]) if "second_appraisal" in raw else None
    return Appraisal(raw["start"], domains, upgrades, raw["appraised_by"], raw["appraised_on"], second,
                     " ".join(raw.get("differs_because", "").split()), raw.pos, dict(raw.value_pos))


@dataclass(frozen=True)
class Result:
    level: str
    steps: str  # the arithmetic, for hints and the evidence profile


def compute(claim, bib: Bibliography) -> Result:
    a = claim.appraisal
    score = START[a.start]
    steps = [f"start {a.start} ({score})"]
    for name in DOMAINS:
        d = a.domains[name]
        if d.rating != "no":
            score -= PENALTY[d.rating]
            steps.append(f"{DOMAIN_LABELS[name].lower()} {d.rating} (-{PENALTY[d.rating]})")
    for factor, _ in a.upgrades:
        score += 1
        steps.append(f"{factor} (+1)")
    score = max(1, min(4, score))
    steps.append(f"= {LEVELS[score]}")
    ceilings = []
    if claim.population in NON_HUMAN:
        ceilings.append((3, f"{claim.population} evidence: at most moderate"))
    if claim.design == "expert-opinion":
        ceilings.append((2, "expert opinion: at most low"))
    refs = [bib.lookup(s.ref) for s in claim.supporting]
    if refs and all(r is not None and not r.verified for r in refs):
        ceilings.append((1, "only unverified sources: very low"))
    for cap, why in ceilings:
        if score > cap:
            score = cap
            steps.append(f"ceiling, {why}")
    return Result(LEVELS[score], "; ".join(steps))


def check(claim, bib: Bibliography, names_non_human) -> tuple[list[Problem], set]:
    """Problems with one claim's appraisal, and the (claim, rule) waivers it used."""
    problems: list[Problem] = []
    used: set = set()
    c = claim
    if bib.data is None:
        return problems, used
    for s in c.sources:
        if s.relation == "supports" and not s.locator:
            problems.append(error(c.path, s.pos.line, s.pos.column, "supports-needs-locator",
                                  f"claim '{c.id}' cites '{s.ref}' as supporting it without a locator",
                                  "add locator: the section, table, figure or page where the source reports "
                                  "the finding; use relation: background for context"))
    a = c.appraisal
    if a is None:  # only claims that failed the schema lack one, and those are not checked
        return problems, used
    refs = [bib.lookup(s.ref) for s in c.supporting]
    if any(r is None for r in refs):
        return problems, used  # unknown references are reported elsewhere
    result = compute(c, bib)
    if result.level != c.certainty:
        pos = c.at("evidence.certainty")
        problems.append(error(c.path, pos.line, pos.column, "grade-computed-mismatch",
                              f"claim '{c.id}' states certainty {c.certainty} but its appraisal gives {result.level}",
                              f"{result.steps}; change the certainty (and the wording) or the domain judgments"))
    if a.start == "high" and c.design in LOW_START_DESIGNS:
        pos = a.at("start")
        problems.append(error(c.path, pos.line, pos.column, "appraisal-start",
                              f"claim '{c.id}' starts high but its best design is {c.design}",
                              "observational studies and expert opinion start low"))
    if a.upgrades and a.start != "low":
        pos = a.at("upgrades")
        problems.append(error(c.path, pos.line, pos.column, "appraisal-upgrade",
                              f"claim '{c.id}' is rated up although its evidence starts high",
                              "only evidence that starts low (observational) is rated up"))
    for day, where in ((a.appraised_on, "appraised_on"), ((a.second or {}).get("appraised_on"), "second_appraisal")):
        problem = date_problem(day) if day else None
        if problem:
            pos = a.at(where)
            problems.append(error(c.path, pos.line, pos.column, "invalid-date",
                                  f"{where} date of '{c.id}': {problem}", "the day of the appraisal, e.g. 2026-12-02"))
    if refs and all(r.population in NON_HUMAN for r in refs) and not names_non_human(c.statement, c.species) \
            and a.domains["indirectness"].rating == "no":
        pos = a.at("indirectness")
        problems.append(error(c.path, pos.line, pos.column, "indirect-evidence-not-rated",
                              f"claim '{c.id}' speaks of people but rests only on animal or in-vitro sources",
                              "rate indirectness at least serious, or state the claim about the animals studied"))
    flags = limitations()
    waivers = {w.rule for w in c.waivers}
    for ref in refs:
        for flag in ref.limitations:
            domain = flags.get(flag)
            if domain is None or a.domains[domain].rating != "no":
                continue
            if FLAG_RULE + flag in waivers:
                used.add((c.id, FLAG_RULE + flag))
                continue
            pos = a.at(domain)
            problems.append(error(c.path, pos.line, pos.column, "source-flag-not-reflected",
                                  f"claim '{c.id}' rests on '{ref.key}', flagged {flag}, but rates "
                                  f"{DOMAIN_LABELS[domain].lower()} 'no'",
                                  f"rate {domain} at least serious, or waive {FLAG_RULE}{flag} with a reason"))
    return problems, used


def check_consistency(claims) -> Iterator[Problem]:
    """Claims resting on the same supporting sources, at the same places in them (locators), for the
    same outcome judge the domains alike, or say why not."""
    groups: dict = {}
    for c in claims:
        if c.appraisal is None or not c.hormone:
            continue
        key = (frozenset((s.ref, s.locator) for s in c.supporting), c.hormone, c.outcome, c.population)
        groups.setdefault(key, []).append(c)
    for members in groups.values():
        first = members[0]
        for other in members[1:]:
            if other.appraisal.ratings() != first.appraisal.ratings() and not (
                    other.appraisal.differs_because or first.appraisal.differs_because):
                pos = other.at("evidence")
                yield warning(other.path, pos.line, pos.column, "appraisal-inconsistent",
                              f"claim '{other.id}' rests on the same sources and outcome as '{first.id}' "
                              "but judges the GRADE domains differently",
                              "make the judgments agree, or say why they differ in appraisal.differs_because")


def check_flags(bib: Bibliography) -> Iterator[Problem]:
    """Every flag on a reference is in the vocabulary."""
    known = limitations()
    for ref in bib.references.values():
        for flag in ref.limitations:
            if flag not in known:
                close = difflib.get_close_matches(flag, list(known), n=1)
                yield error(ref.path, ref.field_line("limitations"), 3, "unknown-limitation",
                            f"reference '{ref.key}' has limitation '{flag[:80]}', which schema/limitations.yml does not define",
                            (f"did you mean '{close[0]}'? " if close else "") + "use: " + ", ".join(known))
