"""Load the whole project (register, bibliography, pages, audits) and run every check.

This is the one code path behind the CLI, `make check`, CI and the MkDocs build.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import (appraisal, audit, evidencemap, sourcepolicy, balance, bib, bibcheck, claims, dates, glossary, inputs, interventions, language,
               limits, markers, memo, pagepolicy, pages, policy, readability, refstatus, reviewdue, rules, sitefiles, textfile,
               wording)
from .audit import AuditFile
from .bib import Bibliography
from .glossary import Glossary
from .claims import Claim, ClaimsFile
from .interventions import Intervention, InterventionFile
from .pages import Page
from .limits import Limits
from .limits import defaults as default_limits
from .problems import Problem, error, sort_problems


@dataclass
class Layout:
    """Where things live, relative to the project root."""

    root: Path
    claims_dir: str = "claims"
    audit_dir: str = "claims/audit"
    interventions_dir: str = "claims/interventions"
    bibliography: str = "references.bib"
    docs_dir: str = "docs"
    contributing: str = "CONTRIBUTING.md"  # also published as the site's contributing page
    glossary: str = "glossary.yml"  # optional: tooltips and the Glossary page
    settings_dir: str = "schema"  # the site's own settings (wording, policy, ...): see sitefiles
    settings_files: tuple[tuple[str, str], ...] = ()  # settings named outright: (name, path)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


@dataclass
class Project:
    layout: Layout
    claim_files: list[ClaimsFile]
    bibliography: Bibliography
    pages: list[Page]
    audits: list[AuditFile]
    load_problems: list[Problem]
    contributing: str = ""
    stopped: bool = False  # a resource limit was passed: only load_problems are reported
    intervention_files: list[InterventionFile] = field(default_factory=list)
    claims: dict[str, Claim] = field(default_factory=dict)
    invalid_ids: set[str] = field(default_factory=set)
    interventions: dict[str, Intervention] = field(default_factory=dict)
    glossary: Glossary | None = None

    def __post_init__(self):
        self.interventions = balance.index(self.intervention_files)
        for f in self.claim_files:
            for c in f.claims:
                self.claims.setdefault(c.id, c)
            self.invalid_ids.update(f.invalid_ids)


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while building the model.

    Loading creates hundreds of thousands of small objects (values and their positions), none of
    them cyclic garbage; each automatic collection rescans them all, which made loading 10,000
    claims twice as slow as the parse itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(root: Path | str, layout: Layout | None = None, *, with_pages: bool = True,
         limits: Limits | None = None) -> Project:
    layout = layout or Layout(Path(root).resolve())
    # the checks read this site's wording, policy and limits
    sitefiles.use(sitefiles.Site(layout.root, layout.settings_dir, layout.settings_files))
    with paused_gc():
        return _load(layout, with_pages=with_pages, lim=limits or default_limits())


def _stopped(layout: Layout, problems: list[Problem]) -> Project:
    """A project with nothing loaded: a limit was passed, and `problems` says which."""
    empty = bib.Bibliography(layout.bibliography, {}, None, [])
    return Project(layout, [], empty, [], [], problems, stopped=True)


def _load(layout: Layout, *, with_pages: bool, lim: Limits) -> Project:
    root = layout.root
    reader = textfile.Reader(root)
    listed = inputs.collect(reader, layout.claims_dir, layout.audit_dir, layout.docs_dir, lim, with_pages=with_pages,
                            interventions_dir=layout.interventions_dir)
    problems: list[Problem] = list(listed.problems)
    if listed.stopped:
        return _stopped(layout, problems)
    bib_path = root / layout.bibliography
    guide = root / layout.contributing
    size = inputs.total_bytes(listed.claim_files + listed.audit_files + listed.intervention_files + listed.pages
                             + [bib_path, guide])
    if size > lim.max_total_bytes:
        return _stopped(layout, problems + [error(
            ".", 0, 0, "input-too-large", f"the files to validate hold {size / 1e6:.0f} MB; the limit is "
            f"{lim.max_total_bytes / 1e6:.0f} MB; the validator stops here", limits.hint("max_total_bytes"))])
    limit = lim.max_file_bytes
    claim_files = [claims.load(p, layout.rel(p), reader, limit) for p in listed.claim_files]
    claim_count = sum(len(f.claims) + len(f.invalid_ids) for f in claim_files)
    if claim_count > lim.max_claims:
        return _stopped(layout, problems + [error(
            layout.claims_dir, 0, 0, "too-many-claims", f"the register holds {claim_count} claims; the limit is "
            f"{lim.max_claims}; the validator stops here", limits.hint("max_claims"))])
    audits = [audit.load(p, layout.rel(p), reader, limit) for p in listed.audit_files]
    records = [interventions.load(p, layout.rel(p), reader, limit) for p in listed.intervention_files]
    if os.path.lexists(bib_path):
        bibliography = bib.load(bib_path, layout.bibliography, reader, limit)
    else:
        bibliography = bib.Bibliography(layout.bibliography, {}, None, [])
        problems.append(error(layout.bibliography, 0, 0, "missing-file", "references.bib does not exist"))
    if len(bibliography.references) > lim.max_references:
        return _stopped(layout, problems + [error(
            layout.bibliography, 0, 0, "too-many-references", f"the bibliography holds {len(bibliography.references)} "
            f"entries; the limit is {lim.max_references}; the validator stops here", limits.hint("max_references"))])
    page_list: list[Page] = []
    if with_pages:
        page_list, page_problems = pages.load(listed.pages, root / layout.docs_dir, reader, lim)
        problems.extend(page_problems)
    for f in claim_files:
        problems.extend(f.problems)
    for a in audits:
        problems.extend(a.problems)
    for r in records:
        problems.extend(r.problems)
    problems.extend(bibliography.problems)
    contributing = ""
    if os.path.lexists(guide):
        text, problem = reader.read(guide, layout.contributing, limit)
        if problem:
            problems.append(problem)
        contributing = text or ""
    terms = None
    glossary_path = root / layout.glossary
    if os.path.lexists(glossary_path):
        terms = glossary.load(glossary_path, layout.glossary, reader, limit)
        problems.extend(terms.problems)
    return Project(layout, claim_files, bibliography, page_list, audits, problems, contributing,
                   intervention_files=records, glossary=terms)


def check(project: Project, *, advisories: bool = True) -> list[Problem]:
    """Every problem in the project, sorted by file and line."""
    with paused_gc():
        return _check(project, advisories=advisories)


def _check(project: Project, *, advisories: bool) -> list[Problem]:
    """Each file's own checks are remembered (gradedclaims.memo) with the digests of what they read, so
    that under `mkdocs serve` a rebuild after one edit rechecks only what the edit can change."""
    found: list[Problem] = list(project.load_problems)
    if project.stopped:
        return sort_problems(found)
    bib = project.bibliography
    found.extend(memo.remember("bibliography-checks", bib.path, bib.digest,
                               lambda: list(bibcheck.check_bibliography(bib))))
    found.extend(rules.check_ids(project.claim_files))
    waived: language.Waived = set()
    today = dt.date.today().isoformat()  # "reviewed" may not be in the future; status re-checks fall due
    review_day = dates.build_date()  # reviews fall due relative to the build (SOURCE_DATE_EPOCH)
    readable = readability.config(project.layout.root)
    for f in project.claim_files:
        # A claim whose id an earlier file already uses is reported as a duplicate, not checked.
        active = [c for c in f.claims if project.claims.get(c.id) is c]
        shadowed = tuple(c.id for c in f.claims if project.claims.get(c.id) is not c)
        problems, used = memo.remember("claims-checks", f.path,
                                       (f.digest, bib.digest, shadowed, today, review_day, readable,
                                        sitefiles.path("wording.yml"), sitefiles.path("policy.yml"),
                                        sitefiles.path(evidencemap.FILE)),
                                       lambda: _claims_file_checks(f, active, bib, today, review_day, readable))
        found.extend(problems)
        waived |= used
    seen: dict = {}  # page-sentence findings shared across the pages of this run
    for page in project.pages:
        problems, used = _page_checks(page, project, seen)
        found.extend(problems)
        waived |= used
    found.extend(rules.check_audits(project.audits, project.claims, project.invalid_ids, bib))
    found.extend(balance.check_records(project.intervention_files, project.claims, project.invalid_ids, bib))
    found.extend(appraisal.check_flags(bib))
    found.extend(appraisal.check_consistency(project.claims.values()))
    advised, policy_waived = sourcepolicy.check(project.claims.values(), bib, policy.load(), int(today[:4]))
    waived |= policy_waived
    if advisories:
        found.extend(advised)
    found.extend(language.check_waivers(project.claims, waived, appraisal.waivable_rules() + sourcepolicy.RULES
                                               + refstatus.RULES))
    if advisories:
        found.extend(rules.check_usage(project.pages, project.claims, bib, project.audits, project.interventions))
        if project.glossary is not None:
            prose = {p.path: markers.replace(p.text, p.markers, lambda m: "") for p in project.pages}
            found.extend(glossary.check_usage(project.glossary, prose))
    else:
        found = [p for p in found if p.code not in rules.ADVISORY_CODES]
    return sort_problems(found)


def _claims_file_checks(f: ClaimsFile, active: list[Claim], bib: Bibliography, today: str, review_day: dt.date,
                        readable: readability.Config) -> tuple[list[Problem], language.Waived]:
    """The checks that read only one claims file and the bibliography."""
    problems = list(rules.check_topic(f))
    waived: language.Waived = set()
    site_policy = policy.load()
    evidence_map = evidencemap.load()
    day = dt.date.fromisoformat(today)
    for claim in active:
        problems.extend(balance.check_dated(claim, site_policy, day, site_policy.notices))
        graded, flags_waived = appraisal.check(claim, bib, wording.names_non_human)
        problems.extend(graded)
        waived |= flags_waived
        problems.extend(rules.check_sources(claim, bib))
        retracted, status_waived = refstatus.check_claim(claim, bib)
        problems.extend(retracted)
        waived |= status_waived
        problems.extend(rules.check_grade(claim, bib))
        problems.extend(rules.check_dates(claim))
        problems.extend(reviewdue.check(claim, site_policy, review_day))
        worded, used = language.check_statement(claim)
        problems.extend(worded)
        waived |= used
        problems.extend(readability.check_claim(claim, readable))
        problems.extend(evidencemap.check(claim, evidence_map))
    return problems, waived


def _page_checks(page: Page, project: Project, seen: dict) -> tuple[list[Problem], language.Waived]:
    """Markers, wording and the page policy (no script) of one page: they read the page and the
    claims it cites."""
    def compute():
        problems = pagepolicy.check(page.text, page.path)
        problems.extend(rules.check_markers([page], project.claims, project.invalid_ids))
        problems.extend(balance.check_page(page, project.interventions))
        worded, used = language.check_page(page, project.claims, seen)
        problems.extend(readability.check_page(page, project.claims, readability.config(project.layout.root)))
        return problems + worded, used

    cited = dict.fromkeys([cid for m in page.markers for cid in m.ids]
                          + [m.claim for s in page.sections for m in s.plains])
    if any(cid not in project.claims and cid not in project.invalid_ids for cid in cited):
        return compute()  # an unknown id's "did you mean" hint depends on every claim id
    claims, invalid = project.claims, project.invalid_ids
    key = (page.digest, tuple((cid in invalid, claims[cid].fingerprint if cid in claims else cid) for cid in cited),
           tuple(f.digest for f in project.intervention_files), readability.config(project.layout.root))
    return memo.remember("page-checks", page.path, key, compute)


def with_claims_text(project: Project, display: str, text: str) -> Project:
    """The same project with one claims file replaced by `text` (for checking before writing)."""
    new_file = claims.parse(text, display)
    files = sorted([f for f in project.claim_files if f.path != display] + [new_file], key=lambda f: f.path)
    problems = [p for p in project.load_problems if p.path != display] + new_file.problems
    return Project(project.layout, files, project.bibliography, project.pages, project.audits, problems,
                   project.contributing, intervention_files=project.intervention_files, glossary=project.glossary)
