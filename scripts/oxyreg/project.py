"""Load the whole project (register, bibliography, pages, audits) and run every check.

This is the one code path behind the CLI, `make check`, CI and the MkDocs build.
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import audit, bib, bibcheck, claims, language, memo, pagepolicy, pages, rules, textfile
from .audit import AuditFile
from .bib import Bibliography
from .claims import Claim, ClaimsFile
from .pages import Page
from .problems import Problem, sort_problems


@dataclass
class Layout:
    """Where things live, relative to the project root."""

    root: Path
    claims_dir: str = "claims"
    audit_dir: str = "claims/audit"
    bibliography: str = "references.bib"
    docs_dir: str = "docs"
    contributing: str = "CONTRIBUTING.md"  # also published as the site's contributing page

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
    claims: dict[str, Claim] = field(default_factory=dict)
    invalid_ids: set[str] = field(default_factory=set)

    def __post_init__(self):
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


def load(root: Path | str, layout: Layout | None = None, *, with_pages: bool = True) -> Project:
    with paused_gc():
        return _load(root, layout, with_pages=with_pages)


def _load(root: Path | str, layout: Layout | None, *, with_pages: bool) -> Project:
    layout = layout or Layout(Path(root).resolve())
    root = layout.root
    problems: list[Problem] = []
    claim_files = [claims.load(p, layout.rel(p)) for p in sorted((root / layout.claims_dir).glob("*.yml"))]
    audits = [audit.load(p, layout.rel(p)) for p in sorted((root / layout.audit_dir).glob("*.yml"))]
    bib_path = root / layout.bibliography
    if bib_path.exists():
        bibliography = bib.load(bib_path, layout.bibliography)
    else:
        bibliography = bib.Bibliography(layout.bibliography, {}, None, [])
        from .problems import error
        problems.append(error(layout.bibliography, 0, 0, "missing-file", "references.bib does not exist"))
    page_list: list[Page] = []
    if with_pages:
        page_list, page_problems = pages.load_dir(root / layout.docs_dir, root)
        problems.extend(page_problems)
    for f in claim_files:
        problems.extend(f.problems)
    for a in audits:
        problems.extend(a.problems)
    problems.extend(bibliography.problems)
    contributing = ""
    guide = root / layout.contributing
    if guide.exists():
        text, problem = textfile.read(guide, layout.contributing)
        if problem:
            problems.append(problem)
        contributing = text or ""
    return Project(layout, claim_files, bibliography, page_list, audits, problems, contributing)


def check(project: Project, *, advisories: bool = True) -> list[Problem]:
    """Every problem in the project, sorted by file and line."""
    with paused_gc():
        return _check(project, advisories=advisories)


def _check(project: Project, *, advisories: bool) -> list[Problem]:
    """Each file's own checks are remembered (oxyreg.memo) with the digests of what they read, so
    that under `mkdocs serve` a rebuild after one edit rechecks only what the edit can change."""
    found: list[Problem] = list(project.load_problems)
    bib = project.bibliography
    found.extend(memo.remember("bibliography-checks", bib.path, bib.digest,
                               lambda: list(bibcheck.check_bibliography(bib))))
    found.extend(rules.check_ids(project.claim_files))
    waived: language.Waived = set()
    today = dt.date.today().isoformat()  # "reviewed" may not be in the future
    for f in project.claim_files:
        # A claim whose id an earlier file already uses is reported as a duplicate, not checked.
        active = [c for c in f.claims if project.claims.get(c.id) is c]
        shadowed = tuple(c.id for c in f.claims if project.claims.get(c.id) is not c)
        problems, used = memo.remember("claims-checks", f.path, (f.digest, bib.digest, shadowed, today),
                                       lambda: _claims_file_checks(f, active, bib))
        found.extend(problems)
        waived |= used
    seen: dict = {}  # page-sentence findings shared across the pages of this run
    for page in project.pages:
        problems, used = _page_checks(page, project, seen)
        found.extend(problems)
        waived |= used
    found.extend(rules.check_audits(project.audits, project.claims, project.invalid_ids, bib))
    found.extend(language.check_waivers(project.claims, waived))
    if advisories:
        found.extend(rules.check_usage(project.pages, project.claims, bib, project.audits))
    return sort_problems(found)


def _claims_file_checks(f: ClaimsFile, active: list[Claim], bib: Bibliography) -> tuple[list[Problem], language.Waived]:
    """The checks that read only one claims file and the bibliography."""
    problems = list(rules.check_topic(f))
    waived: language.Waived = set()
    for claim in active:
        problems.extend(rules.check_sources(claim, bib))
        problems.extend(rules.check_grade(claim, bib))
        problems.extend(rules.check_dates(claim))
        wording, used = language.check_statement(claim)
        problems.extend(wording)
        waived |= used
    return problems, waived


def _page_checks(page: Page, project: Project, seen: dict) -> tuple[list[Problem], language.Waived]:
    """Markers, wording and the page policy (no script) of one page: they read the page and the
    claims it cites."""
    def compute():
        problems = pagepolicy.check(page.text, page.path)
        problems.extend(rules.check_markers([page], project.claims, project.invalid_ids))
        wording, used = language.check_page(page, project.claims, seen)
        return problems + wording, used

    cited = dict.fromkeys(cid for m in page.markers for cid in m.ids)
    if any(cid not in project.claims and cid not in project.invalid_ids for cid in cited):
        return compute()  # an unknown id's "did you mean" hint depends on every claim id
    claims, invalid = project.claims, project.invalid_ids
    key = (page.digest, tuple((cid in invalid, claims[cid].fingerprint if cid in claims else cid) for cid in cited))
    return memo.remember("page-checks", page.path, key, compute)


def with_claims_text(project: Project, display: str, text: str) -> Project:
    """The same project with one claims file replaced by `text` (for checking before writing)."""
    new_file = claims.parse(text, display)
    files = sorted([f for f in project.claim_files if f.path != display] + [new_file], key=lambda f: f.path)
    problems = [p for p in project.load_problems if p.path != display] + new_file.problems
    return Project(project.layout, files, project.bibliography, project.pages, project.audits, problems,
                   project.contributing)
