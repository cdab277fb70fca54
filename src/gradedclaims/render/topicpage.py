"""A content page, rendered: citations, summary-of-findings tables, one reference list, and the
safety notices. Markdown in, Markdown with comment tokens out (filled after Markdown and search
indexing by `cite.fill_tokens`), so any engine that runs Python-Markdown can use it."""

from __future__ import annotations

from ..pages import Page
from . import cite, plain, safety, sof
from .model import SiteModel


def is_topic_page(page: Page) -> bool:
    """A page that cites the register (in sentences, plain statements or tables) gets citations
    and notices."""
    return bool(page.markers) or any(s.sofs or s.plains for s in page.sections)


def render_with_tokens(page: Page, model: SiteModel, page_url: str) -> tuple[str, dict[str, str]]:
    if not is_topic_page(page):
        return page.text, {}
    citer = cite.Citer(model, page_url)
    body, html = cite.render_with_tokens(page, model, page_url, citer)
    if not page.markers:
        body = page.text
    lines = body.split("\n")
    topic = page.src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    cited = {cid for section in page.sections for cid in section.claims}
    for section in page.sections:
        for marker in section.sofs:
            record = model.project.interventions.get(marker.intervention)
            if record is None:
                continue
            token = f"<!--oxy-sof-{len(html)}-->"
            html[token] = sof.table(record, model, citer.cite, topic, cited)
            lines[marker.line - 1] = token
        for marker in section.plains:
            claim = model.project.claims.get(marker.claim)
            if claim is None or not claim.plain:
                continue
            token = f"<!--oxy-plain-{len(html)}-->"
            html[token] = plain.line(claim, page_url)
            lines[marker.line - 1] = token
    body = safety.furnish("\n".join(lines), page, model)
    return cite.append_references(body, html, citer)
