"""Everything the build generates, as plain strings: generated pages (Markdown with
placeholders), the HTML that fills the placeholders, per-claim pages and data, and exports.

The MkDocs hooks only move these strings in and out of MkDocs events.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

from .. import export
from . import auditpage, bibliography, changes, claimpage, describe, glossary, register
from .model import EXPORT_DIR, SiteModel, audit_url, claim_json_url, claim_url
from .records import claim_record
from .safe import attr, esc, rel

SHELL_SRC = "claims/_shell.md"
SHELL_URL = "claims/_shell/"
SHELL_TITLE = "OXYSHELLTITLE"
SHELL_BODY = "<!-- oxy:claim-body -->"
SHELL_DESCRIPTION = "OXYSHELLDESCRIPTION"
HEAD_END = "</head>"


def plain_title(text: str) -> str:
    """A page title safe for MkDocs themes, which print titles unescaped in nav and header."""
    cleaned = "".join(c for c in text if c not in "<>&\"'`\\{}[]|*_#")
    return " ".join(cleaned.split())[:120] or "Untitled"


def placeholder(name: str) -> str:
    return f"<!-- oxy:{name} -->"


@dataclass
class Generated:
    pages: dict[str, str] = field(default_factory=dict)  # src_uri -> Markdown
    # src_uri -> {placeholder: function making its HTML}; "content" is filled before search
    # indexing, "post" after. The HTML is made only when its page is rendered and dropped once
    # written: the register and bibliography of a 10,000-claim site are tens of MB each.
    content: dict[str, dict[str, Callable[[], str]]] = field(default_factory=dict)
    post: dict[str, dict[str, Callable[[], str]]] = field(default_factory=dict)
    # src_uri -> {post placeholder: function making what search indexes in its place}: a long
    # generated list is indexed as its essentials (each claim statement once, each citation),
    # not as the full markup, which would make every page's search download several times larger.
    indexed: dict[str, dict[str, Callable[[], str]]] = field(default_factory=dict)


def generated_pages(model: SiteModel) -> Generated:
    gen = Generated()
    total = len(model.project.claims)
    gen.pages["register.md"] = (
        "# Claims register\n\n"
        f"Every factual statement on this site is one of the {total} claims below, each with its evidence grade. "
        "Filter and sort the table, or start from the evidence map. Each claim has its own page with the "
        "rationale for its grade, its sources and its history.\n\n"
        "## Evidence map\n\n"
        "Each cell counts the claims about one hormone and one kind of outcome, and shows the best certainty "
        "among them. Select a cell to filter the table.\n\n"
        f"{placeholder('evidence-map')}\n\n"
        "## Due for review\n\n"
        "Claims whose last review is older than the interval set for their topic (see the methodology page), "
        "at the date of this build.\n\n"
        f"{placeholder('due-for-review')}\n\n"
        "## All claims\n\n"
        f"{placeholder('register-table')}\n"
    )
    gen.content["register.md"] = {placeholder("evidence-map"): partial(register.evidence_map, model)}
    gen.post["register.md"] = {placeholder("register-table"): partial(register.table, model)}
    gen.indexed["register.md"] = {placeholder("register-table"): partial(register.statements, model)}
    gen.content["register.md"][placeholder("due-for-review")] = partial(register.due_for_review, model)

    gen.pages["references.md"] = (
        "# Bibliography\n\n"
        "Every reference cited by the register, in Vancouver style, with its identifiers, the design and "
        "population of the study, where and when its record was checked, and the claims that cite it.\n\n"
        f"{placeholder('bibliography')}\n"
    )
    gen.post["references.md"] = {placeholder("bibliography"): partial(bibliography.body, model)}
    gen.indexed["references.md"] = {placeholder("bibliography"): partial(bibliography.citations, model)}

    audits = model.project.audits
    if audits:
        items = "\n".join(f"- [{esc(plain_title(a.title))}]({a.id}.md)" for a in audits if a.id)
        gen.pages["audit/index.md"] = (
            "# Source-article audit\n\n"
            "Two articles prompted this site. Each of their assertions is quoted here in the article's own words, "
            "with where it stands, then judged: a verdict and the register claims that decide it. Their reference "
            "lists are checked entry by entry.\n\n"
            f"{items}\n"
        )
    for a in audits:
        if not a.id:
            continue
        src = f"audit/{a.id}.md"
        gen.pages[src] = (
            f"---\ntitle: {json.dumps('Audit: ' + plain_title(a.title))}\n"
            f"description: {json.dumps(describe.shorten(describe.plain(a.summary)))}\n---\n\n"
            f"# Audit: {esc(plain_title(a.title))}\n\n{placeholder('intro')}\n\n"
            f"## Verdicts at a glance\n\n{placeholder('summary')}\n\n"
            f"## Assertions\n\n{placeholder('assertions')}\n\n"
            f"## Reference list\n\n{placeholder('references')}\n"
        )
        gen.content[src] = {
            placeholder("intro"): partial(auditpage.intro, a),
            placeholder("summary"): partial(auditpage.verdict_summary, a),
            placeholder("assertions"): partial(auditpage.assertions, a, model),
            placeholder("references"): partial(auditpage.references, a, model),
        }

    terms = model.project.glossary
    if terms is not None and terms.terms:
        gen.pages["glossary.md"] = glossary.page(terms, placeholder("glossary"))
        gen.content["glossary.md"] = {placeholder("glossary"): partial(glossary.body, terms)}
    gen.pages["changes.md"] = (
        "# What changed\n\n"
        "Claims added, regraded, reworded or withdrawn, newest first, read from the project's history. "
        "Each links to the claim's page, where its whole history is listed.\n\n"
        f"{placeholder('changes')}\n"
    )
    gen.post["changes.md"] = {placeholder("changes"): partial(changes.page_body, model)}  # not indexed for search

    if model.project.contributing:
        gen.pages["contributing.md"] = model.project.contributing

    gen.pages[SHELL_SRC] = (
        f"---\ntemplate: oxy-claim.html\ndescription: {SHELL_DESCRIPTION}\nsearch:\n  exclude: true\n---\n\n"
        f"# {SHELL_TITLE}\n\n{SHELL_BODY}\n"
    )
    return gen


def appraisal_counts(model: SiteModel) -> str:
    """Counts for the methodology page, from the register as built: grades, single appraisals,
    the domains claims are rated down for, and the flagged sources."""
    from ..appraisal import DOMAIN_LABELS, DOMAINS
    from ..vocab import CERTAINTY_LABELS, CERTAINTIES
    from .profile import downgraded, single_appraisal
    claims = [c for c in model.project.claims.values() if c.status != "withdrawn"]
    by_level = {level: sum(c.certainty == level for c in claims) for level in CERTAINTIES}
    single = sum(single_appraisal(c) for c in claims)
    graded_up = sum(c.certainty in ("high", "moderate") for c in claims)
    per_domain = {d: sum(d in downgraded(c) for c in claims) for d in DOMAINS}
    flagged = sum(bool(r.limitations) for r in model.project.bibliography.references.values())
    rows = "".join(f"<tr><td>{DOMAIN_LABELS[d]}</td><td>{per_domain[d]}</td></tr>" for d in DOMAINS)
    levels = ", ".join(f"{CERTAINTY_LABELS[level].lower()} {by_level[level]}" for level in CERTAINTIES)
    return (
        f'<p class="oxy-counts">In this build, {len(claims)} current claims: {esc(levels)}. '
        f"{single} of the {graded_up} claims at moderate or high have a single appraisal only. "
        f"{flagged} references carry a limitation flag.</p>"
        '<div class="oxy-table-wrap"><table><caption>Claims rated down, by GRADE domain</caption>'
        f'<thead><tr><th scope="col">Domain</th><th scope="col">Claims rated down</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


PAGE_PLACEHOLDERS = {placeholder("appraisal-counts"): appraisal_counts}


def fill_page_placeholders(html: str, model: SiteModel) -> str:
    """Figures computed from the register, placed on hand-written pages (the methodology page)."""
    for token, make in PAGE_PLACEHOLDERS.items():
        if token in html:
            html = html.replace(token, make(model))
    return html


def claim_outputs(model: SiteModel, shell_html: str) -> Iterator[tuple[str, str]]:
    """(site path, text) for every claim page and its JSON, built from the rendered page shell:
    its URL (canonical link included), title, description, body, and its topic's feed in the head."""
    for claim in sorted(model.project.claims.values(), key=lambda c: c.id):
        url = claim_url(claim.id)
        page = (
            shell_html.replace(SHELL_URL, url)
            .replace(SHELL_TITLE, esc(claimpage.title(claim)))
            .replace(SHELL_DESCRIPTION, attr(describe.shorten(claim.statement)))
            .replace(SHELL_BODY, claimpage.body(claim, model, model.history.claims.get(claim.id, [])))
        )
        page = add_head_links(page, changes.feed_links(model, url, [claim.topic]))
        yield url + "index.html", page
        yield claim_json_url(claim.id), json.dumps(claim_record(model, claim), ensure_ascii=False, separators=(",", ":")) + "\n"


def export_files(model: SiteModel) -> dict[str, bytes]:
    """The data exports and the Atom feeds, as site path -> bytes."""
    return {**{EXPORT_DIR + name: make(model) for name, make in export.EXPORTS.items()}, **changes.feeds(model)}


def search_stand_in(token: str, html: str) -> str:
    """What search indexes in place of a post placeholder: `html`, between the placeholder and
    its closing comment, so that fill_post can swap the whole span for the page's full HTML."""
    return f"{token}{html}{_closing(token)}"


def fill_post(output: str, token: str, html: str) -> str:
    """Replace a post placeholder, or its search stand-in, with its HTML."""
    start = output.find(token)
    if start == -1:
        return output
    stop = output.find(_closing(token), start)
    end = start + len(token) if stop == -1 else stop + len(_closing(token))
    return output[:start] + html + output[end:]


def _closing(token: str) -> str:
    return token.replace("<!-- oxy:", "<!-- /oxy:", 1)


def add_head_links(html: str, links: str) -> str:
    return html.replace(HEAD_END, links + HEAD_END, 1) if links else html


__all__ = ["Generated", "SHELL_SRC", "SHELL_URL", "audit_url", "claim_outputs", "export_files",
           "generated_pages", "rel"]
