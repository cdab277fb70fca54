"""Safety furniture placed by the template on every content page, never typed by hand: the
not-medical-advice notice under the title, and a section's notices (e.g. where to get urgent
help, on sections about mood after birth) under its heading. Texts come from schema/policy.yml."""

from __future__ import annotations

from ..interventions import Intervention
from ..pages import Page
from ..policy import PAGE_NOTICE, Notice

_KIND = {PAGE_NOTICE: "warning"}


def _admonition(name: str, notice: Notice) -> list[str]:
    title = notice.title.replace('"', "'")
    return ["", f'!!! {_KIND.get(name, "danger")} "{title}"', "", f"    {notice.text}", ""]


def section_notices(page: Page, claims: dict, interventions: dict[str, Intervention]) -> dict[int, list[str]]:
    """Heading line -> notice names, for sections that cite (or tabulate) claims asking for one."""
    out: dict[int, list[str]] = {}
    for section in page.sections:
        ids = list(section.claims)
        for sof in section.sofs:
            record = interventions.get(sof.intervention)
            ids += record.claim_ids if record else []
        names = dict.fromkeys(n for cid in ids if cid in claims for n in claims[cid].notices)
        if names and section.level:
            out[section.line] = list(names)
    return out


def furnish(body: str, page: Page, model) -> str:
    """`body` has the page's lines in place (markers became same-line tokens); add the notices."""
    notices = model.policy.notices
    lines = body.split("\n")
    per_heading = section_notices(page, model.project.claims, model.project.interventions)
    title_line = next((s.line for s in page.sections if s.level == 1), 0)
    out: list[str] = []
    if not title_line:
        out += _admonition(PAGE_NOTICE, notices[PAGE_NOTICE])
    for lineno, line in enumerate(lines, start=1):
        out.append(line)
        if lineno == title_line:
            out += _admonition(PAGE_NOTICE, notices[PAGE_NOTICE])
        for name in per_heading.get(lineno, ()):
            if name in notices:
                out += _admonition(name, notices[name])
    return "\n".join(out)
