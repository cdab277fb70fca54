"""A synthetic project of any size, for benchmarks and scale tests: claims files, a
bibliography, and pages with about 20 claim markers each. Deterministic for a given seed.

Every claim is valid (it passes the schema, the grade rules and the wording rules), so a
benchmark measures the cost of checking and rendering a healthy register.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import yaml

TOPICS = ("estradiol", "testosterone", "progesterone", "cortisol", "oxytocin-basics", "social", "therapies", "touch")
HORMONES = ("oxytocin", "estradiol", "testosterone", "progesterone", "cortisol")
OUTCOMES = ("receptor-expression", "release", "behaviour", "mood", "stress-response", "clinical-effect")
VERBS = ("increase", "reduce", "change", "improve", "lower", "raise")
NOUNS = ("plasma oxytocin", "receptor binding", "salivary cortisol", "trust ratings", "anxiety scores",
         "partner preference", "emotion recognition", "heart rate", "sleep quality", "pain ratings")
PEOPLE = ("healthy adults", "healthy men", "postmenopausal women", "older men with low testosterone",
          "couples", "adults with autism", "pregnant women")
ANIMALS = (("rat", "ovariectomised rats"), ("mouse", "male mice"), ("prairie vole", "female prairie voles"))
# (certainty, design, population) mixes, weighted like a real register
PROFILES = ([("high", "meta-analysis", "human")] * 2 + [("moderate", "rct", "human")] * 3
            + [("low", "rct", "human")] * 3 + [("low", "cohort", "human")] * 2
            + [("very-low", "cross-sectional", "human")] * 1 + [("moderate", "animal", "animal")] * 3)
MARKERS_PER_PAGE = 20


_RANK = {"high": 4, "moderate": 3, "low": 2, "very-low": 1}
_OBSERVATIONAL = {"cohort", "case-control", "cross-sectional", "case-series"}


def _appraisal(certainty: str, design: str, population: str) -> str:
    """An appraisal block whose computation gives `certainty` (downgrades for imprecision first)."""
    start = "low" if design in _OBSERVATIONAL else "high"
    downs = (4 if start == "high" else 2) - _RANK[certainty]
    if population == "animal" and certainty == "moderate":
        downs = 0  # the ceiling for animal evidence does the rest
    imprecision = {0: "no", 1: "{rating: serious, reason: Few participants in the pooled trials.}",
                   2: "{rating: very-serious, reason: One small trial with a wide interval.}"}[min(downs, 2)]
    bias = "{rating: serious, reason: Unblinded outcome assessment.}" if downs > 2 else "no"
    return (f"      appraisal:\n        start: {start}\n        risk_of_bias: {bias}\n        inconsistency: no\n"
            f"        indirectness: no\n        imprecision: {imprecision}\n        publication_bias: no\n"
            "        appraised_by: synthetic\n        appraised_on: 2026-01-15\n")


@dataclass(frozen=True)
class Size:
    claims: int
    refs: int
    pages: int


def _statement(rng: random.Random, certainty: str, population: str, n: int) -> tuple[str, str]:
    verb, noun = rng.choice(VERBS), rng.choice(NOUNS)
    subject = f"treatment T{n}"
    if population == "animal":
        species, who = rng.choice(ANIMALS)
        return f"In {who}, {subject} probably {verb}s {noun}.", species
    who = rng.choice(PEOPLE)
    if certainty == "high":
        return f"In {who}, {subject} {verb}s {noun} compared with placebo.", ""
    if certainty == "moderate":
        return f"In {who}, {subject} probably {verb}s {noun} compared with placebo.", ""
    if certainty == "low":
        return f"In {who}, {subject} may {verb} {noun} compared with placebo.", ""
    return f"The evidence is very uncertain about whether {subject} {verb}s {noun} in {who}.", ""


def _bib_entry(i: int, design: str, population: str, species: str) -> str:
    extra = f"  species      = {{{species}}},\n" if species else ""
    return (
        f"@article{{ref{i:06d},\n"
        f"  author       = {{Author{i}, Anna B. and Writer, Carl and Third, Dana E.}},\n"
        f"  title        = {{A study of hormone signalling number {i}}},\n"
        f"  journal      = {{Journal of Synthetic Endocrinology}},\n"
        f"  year         = {{{2000 + i % 25}}},\n"
        f"  volume       = {{{1 + i % 90}}},\n"
        f"  number       = {{{1 + i % 12}}},\n"
        f"  pages        = {{{100 + i % 800}--{110 + i % 800}}},\n"
        f"  doi          = {{10.5555/synthetic.{i}}},\n"
        f"  pmid         = {{{10000000 + i}}},\n"
        f"  design       = {{{design}}},\n"
        f"  population   = {{{population}}},\n"
        f"{extra}"
        f"  verification = {{verified}},\n"
        f"  verified_url = {{https://pubmed.ncbi.nlm.nih.gov/{10000000 + i}/}},\n"
        f"  verified_on  = {{2026-01-15}},\n"
        f"}}\n"
    )


def generate(root: Path, size: Size, seed: int = 1) -> dict:
    """Write claims/, references.bib, docs/ and the map's axes under root; return what a benchmark needs."""
    rng = random.Random(seed)
    (root / "claims").mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(parents=True, exist_ok=True)
    profiles = [rng.choice(PROFILES) for _ in range(size.refs)]
    by_profile: dict[tuple, list[int]] = {}
    bib_parts = []
    for i, (_, design, population) in enumerate(profiles):
        species = rng.choice(ANIMALS)[0] if population == "animal" else ""
        bib_parts.append(_bib_entry(i, design, population, species))
        by_profile.setdefault((design, population), []).append(i)
    (root / "references.bib").write_text("\n".join(bib_parts), encoding="utf-8")
    (root / "schema").mkdir(exist_ok=True)
    (root / "schema" / "evidence-map.yml").write_text(yaml.safe_dump(
        {"hormone": {"label": "Hormone", "values": {h: h.capitalize() for h in HORMONES}},
         "outcome": {"label": "Outcome", "values": {o: o.capitalize() for o in OUTCOMES}}}, sort_keys=False), encoding="utf-8")

    files: dict[str, list[str]] = {t: [] for t in TOPICS}
    claims = []  # (id, statement, refs)
    designs = sorted(by_profile)
    for n in range(size.claims):
        design, population = designs[n % len(designs)]
        certainty = next(c for c, d, p in PROFILES if (d, p) == (design, population))
        pool = by_profile[(design, population)]
        refs = sorted({pool[(n * 7 + k * 13) % len(pool)] for k in range(1 + n % 3)})
        statement, species = _statement(rng, certainty, population, n)
        if population == "animal":
            species = next(s for s, who in ANIMALS if who in statement)
        topic = TOPICS[n % len(TOPICS)]
        cid = f"{topic}-claim-{n:06d}"
        sources = "".join(f"      - ref: ref{r:06d}\n        relation: supports\n        locator: Table {1 + k}\n"
                          for k, r in enumerate(refs))
        species_line = f"      species: [{species}]\n" if species else ""
        files[topic].append(
            f"  - id: {cid}\n    topic: {topic}\n    statement: >-\n      {statement}\n"
            f"    sources:\n{sources}"
            f"    evidence:\n      certainty: {certainty}\n      design: {design}\n      population: {population}\n"
            f"{species_line}"
            f"      rationale: >-\n        Synthetic rationale for claim {n}: starting level by design, rated down as stated.\n"
            f"{_appraisal(certainty, design, population)}"
            f"    map: {{hormone: {HORMONES[n % 5]}, outcome: {OUTCOMES[n % 6]}}}\n"
            f"    status: current\n    reviewed: 2026-01-15\n"
        )
        claims.append((cid, statement, [f"ref{r:06d}" for r in refs]))
    for topic, blocks in files.items():
        (root / "claims" / f"{topic}.yml").write_text(
            "# yaml-language-server: $schema=../src/gradedclaims/schema/claims.schema.json\nclaims:\n" + "\n".join(blocks), encoding="utf-8")

    pages = []
    order = list(range(len(claims)))
    for p in range(size.pages):
        section = f"section-{p // 50:02d}"
        path = f"{section}/page-{p:05d}.md"
        picks = [order[(p * MARKERS_PER_PAGE + k) % len(order)] for k in range(MARKERS_PER_PAGE)]
        paragraphs = []
        for k in range(0, MARKERS_PER_PAGE, 4):
            paragraphs.append(" ".join(f"{claims[i][1]} [claim:{claims[i][0]}]" for i in picks[k:k + 4]))
        text = f"# Synthetic page {p}\n\n## In brief\n\n" + "\n\n".join(paragraphs) + "\n"
        (root / "docs" / section).mkdir(exist_ok=True)
        (root / "docs" / path).write_text(text, encoding="utf-8")
        pages.append(path)
    (root / "docs" / "index.md").write_text("# Synthetic site\n\nA generated site for benchmarks.\n", encoding="utf-8")
    return {"claims": claims, "pages": pages}
