"""Claim markers on a content page: a numbered citation, an evidence badge and a population tag
after the sentence, and a numbered reference list at the end of the page.

Markdown in, Markdown out (inline HTML), so any pre-render step can call it, not only MkDocs.
"""

from __future__ import annotations

import re

from .. import markers
from ..pages import Page
from .badges import as_of, certainty_badge, tag
from .model import SiteModel, claim_url
from .refs import citation_html
from .safe import attr, esc, rel


def render_page(page: Page, model: SiteModel, page_url: str) -> str:
    """The page's Markdown with markers rendered as inline HTML and its reference list appended."""
    body, html = render_with_tokens(page, model, page_url)
    return fill_tokens(body, html)


_TOKEN = re.compile(r"<!--oxy-(?:cite-\d+|sof-\d+|plain-\d+|references)-->")


def fill_tokens(text: str, html: dict[str, str]) -> str:
    """Put each citation's HTML in place of its comment token, in one pass over the page.

    One `str.replace` per token would copy the whole page (navigation included) once per
    citation: at 20 citations on 1,000 pages of 300 KB, gigabytes of copying.
    """
    return _TOKEN.sub(lambda m: html.get(m.group(0), m.group(0)), text)


class Citer:
    """Numbers a page's sources in order of first citation and renders citations with them.

    Sentences and summary-of-findings tables on one page share one numbering and one list.
    """

    def __init__(self, model: SiteModel, page_url: str):
        self.model = model
        self.page_url = page_url
        self.numbers: dict[str, int] = {}

    def cite(self, claim_id: str, badge: bool = True) -> str:
        claim = self.model.project.claims.get(claim_id)
        out: list[int] = []
        for source in claim.sources if claim else ():
            n = self.numbers.setdefault(source.ref, len(self.numbers) + 1)
            if n not in out:
                out.append(n)
        return _cite(claim_id, out, self.model, self.page_url, badge)

    def reference_list(self) -> str:
        return _reference_list(self.numbers, self.model, self.page_url)


def render_with_tokens(page: Page, model: SiteModel, page_url: str,
                       citer: Citer | None = None) -> tuple[str, dict[str, str]]:
    """Markdown whose citations are HTML comments, and the HTML that replaces each comment.

    Python-Markdown and the search indexer pass comments through untouched, so an adapter can
    put the citation HTML in after both have run; that keeps the build close to a plain one.
    The reference list is left to the caller when it passes its own `citer`.
    """
    if not page.markers:
        return page.text, {}
    own = citer is None
    citer = citer or Citer(model, page_url)
    html: dict[str, str] = {}

    def render(marker: markers.Marker) -> str:
        token = f"<!--oxy-cite-{len(html)}-->"
        html[token] = "".join(citer.cite(cid) for cid in marker.ids)
        return token

    body = markers.replace(page.text, page.markers, render)
    if not own:
        return body, html
    return append_references(body, html, citer)


def append_references(body: str, html: dict[str, str], citer: Citer) -> tuple[str, dict[str, str]]:
    html[REFERENCES_TOKEN] = citer.reference_list()
    return body.rstrip("\n") + "\n\n## References\n\n" + REFERENCES_TOKEN + "\n", html


REFERENCES_TOKEN = "<!--oxy-references-->"


def _cite(claim_id: str, numbers: list[int], model: SiteModel, page_url: str, badge: bool = True) -> str:
    """The numbered link (its card on hover, focus or tap), the certainty badge unless the caller shows
    certainty itself (a table column), the evidence-type tag and, for dated facts, the date."""
    claim = model.project.claims.get(claim_id)
    if claim is None:  # the validator has already refused the build; render something harmless
        return f'<span class="oxy-cite oxy-cite--missing">[unknown claim {esc(claim_id)}]</span>'
    href = rel(page_url, claim_url(claim_id))
    label = ",".join(str(n) for n in numbers)
    return (
        f'<span class="oxy-cite" data-claim="{attr(claim_id)}">'
        f'<a class="oxy-cite__link" href="{attr(href)}" aria-label="Sources {label}, claim page">[{label}]</a>'
        f"{certainty_badge(claim.certainty) if badge else ''}{tag(claim)}{as_of(claim, model.overdue(claim))}</span>"
    )


def _reference_list(numbers: dict[str, int], model: SiteModel, page_url: str) -> str:
    items = []
    for key, n in numbers.items():
        ref = model.project.bibliography.lookup(key)
        body = citation_html(ref) if ref else esc(f"Unknown reference {key}")
        items.append(f'<li id="oxy-ref-{n}" value="{n}">{body}</li>')
    register = rel(page_url, "references/")
    return (
        f'<ol class="oxy-references">{"".join(items)}</ol>'
        f'<p class="oxy-references__note">Grades and sources for each statement: hover over, focus or tap a citation, '
        f'or see the <a href="{attr(register)}">full bibliography</a>.</p>'
    )
