"""Claim markers on a content page: a numbered citation, an evidence badge and a population tag
after the sentence, and a numbered reference list at the end of the page.

Markdown in, Markdown out (inline HTML), so any pre-render step can call it, not only MkDocs.
"""

from __future__ import annotations

from .. import markers
from ..pages import Page
from .badges import certainty_badge, tag
from .model import SiteModel, claim_url
from .refs import citation_html
from .safe import attr, esc, rel


def render_page(page: Page, model: SiteModel, page_url: str) -> str:
    """The page's Markdown with markers rendered and its reference list appended."""
    if not page.markers:
        return page.text
    numbers: dict[str, int] = {}
    claims = model.project.claims

    def number_sources(claim_id: str) -> list[int]:
        claim = claims.get(claim_id)
        out = []
        for source in claim.sources if claim else ():
            if source.ref not in numbers:
                numbers[source.ref] = len(numbers) + 1
            n = numbers[source.ref]
            if n not in out:
                out.append(n)
        return out

    def render(marker: markers.Marker) -> str:
        return "".join(_cite(cid, number_sources(cid), model, page_url) for cid in marker.ids)

    body = markers.replace(page.text, page.markers, render)
    return body.rstrip("\n") + "\n\n" + _reference_list(numbers, model, page_url) + "\n"


def _cite(claim_id: str, numbers: list[int], model: SiteModel, page_url: str) -> str:
    claim = model.project.claims.get(claim_id)
    if claim is None:  # the validator has already refused the build; render something harmless
        return f'<span class="oxy-cite oxy-cite--missing">[unknown claim {esc(claim_id)}]</span>'
    href = rel(page_url, claim_url(claim_id))
    label = ",".join(str(n) for n in numbers)
    return (
        f'<span class="oxy-cite" data-claim="{attr(claim_id)}">'
        f'<a class="oxy-cite__link" href="{attr(href)}" data-claim="{attr(claim_id)}" '
        f'aria-label="Claim {esc(claim_id)}: sources {label}">[{label}]</a>'
        f"{certainty_badge(claim.certainty)}{tag(claim)}</span>"
    )


def _reference_list(numbers: dict[str, int], model: SiteModel, page_url: str) -> str:
    items = []
    for key, n in numbers.items():
        ref = model.project.bibliography.lookup(key)
        body = citation_html(ref) if ref else esc(f"Unknown reference {key}")
        items.append(f'<li id="oxy-ref-{n}" value="{n}">{body}</li>')
    register = rel(page_url, "references/")
    return (
        "## References\n\n"
        f'<ol class="oxy-references">{"".join(items)}</ol>\n\n'
        f'<p class="oxy-references__note">Grades and sources for each statement: hover or focus a citation, '
        f'or see the <a href="{attr(register)}">full bibliography</a>.</p>'
    )
