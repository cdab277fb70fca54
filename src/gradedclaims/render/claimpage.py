"""One page per claim at a permanent URL: the statement, its grade and why, its sources with
their relation, the pages that use it, its history, a citation for clinical notes, and
schema.org data. Returned as the HTML body that goes inside the site's page shell."""

from __future__ import annotations

import json

from ..claims import Claim
from ..history import Change
from ..vocab import CERTAINTY_LABELS, CERTAINTY_SYMBOLS, CERTAINTY_RANK
from .badges import as_of, certainty_badge, population_tag, tag
from .model import BIBLIOGRAPHY_URL, REGISTER_URL, SiteModel, claim_json_url, claim_url, reference_anchor
from . import profile
from .. import refstatus
from .changes import NO_HISTORY
from .refs import citation_html, status_html, vancouver_with_ids
from .safe import attr, esc, rel

_RELATION_LABELS = {"supports": "Supports", "contradicts": "Contradicts", "qualifies": "Qualifies",
                    "background": "Background"}


def title(claim: Claim) -> str:
    return f"Claim {claim.id}"


def clinical_note(claim: Claim, model: SiteModel) -> str:
    """Statement, grade, references and permalink, as plain text to paste into notes."""
    refs = [model.project.bibliography.lookup(s.ref) for s in claim.supporting]
    lines = [
        claim.statement,
        f"Certainty of evidence: {CERTAINTY_LABELS[claim.certainty]} ({claim.design}, {population_tag(claim.population, claim.species) or 'human'}).",
    ]
    lines += [f"{i}. {vancouver_with_ids(r)}" for i, r in enumerate((r for r in refs if r), start=1)]
    lines.append(f"Source: {model.absolute(claim_url(claim.id))} (reviewed {claim.reviewed})")
    return "\n".join(lines)


def publisher(model: SiteModel) -> dict:
    """The organisation that publishes the site: the ClaimReview's author, as the fact-check rules
    ask, and its publisher."""
    return {"@type": "Organization", "name": model.publishing.publisher,
            **({"url": model.absolute("")} if model.site_url else {})}


def first_published(claim: Claim, model: SiteModel) -> str:
    """The date the claim entered the register (git history), else its last review date."""
    changes = model.history.claims.get(claim.id)
    return changes[0].date if changes else claim.reviewed


def json_ld(claim: Claim, model: SiteModel) -> str:
    """schema.org ClaimReview of a Claim, complete per the fact-check structured-data rules: the
    rating carries the certainty (4 high … 1 very low) with its name; the Claim is stated by the
    site itself on the pages that use it (its appearances); a disputed or withdrawn claim says so
    in the rating's name and the Claim's creativeWorkStatus."""
    rating = len(CERTAINTY_RANK) - CERTAINTY_RANK[claim.certainty]
    refs = [model.project.bibliography.lookup(s.ref) for s in claim.sources]
    url = model.absolute(claim_url(claim.id))
    label = f"{CERTAINTY_LABELS[claim.certainty]} certainty"
    disputed = claim.status != "current"
    appearances = [{"@type": "WebPage", "url": model.absolute(SiteModel.page_url(p)), "name": p.title}
                   for p in model.usage.get(claim.id, [])] or [{"@type": "WebPage", "url": url}]
    published = first_published(claim, model)
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.statement,
        "author": publisher(model),
        "publisher": publisher(model),
        "datePublished": published,
        # the later of its last review and its record's last commit: never before it was published
        "dateModified": max(claim.reviewed, model.history.claim_dates.get(claim.id, ""), published),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": 4,
            "worstRating": 1,
            "name": label + (f" ({claim.status})" if disputed else ""),
            "alternateName": f"{label} ({CERTAINTY_SYMBOLS[claim.certainty]})" + (f"; {claim.status}" if disputed else ""),
            "ratingExplanation": claim.rationale,
        },
        "itemReviewed": {
            "@type": "Claim",
            "identifier": claim.id,
            "text": claim.statement,
            "author": publisher(model),
            "datePublished": published,
            "appearance": appearances,
            "firstAppearance": appearances[0],
            **({"creativeWorkStatus": claim.status.capitalize()} if disputed else {}),
            "citation": [
                {"@type": "ScholarlyArticle", "name": r.citation(),
                 **({"sameAs": f"https://doi.org/{r.doi}"} if r.doi else {})}
                for r in refs if r
            ],
        },
    }
    # '<' is escaped so that no text can close the script element.
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def body(claim: Claim, model: SiteModel, history: list[Change]) -> str:
    here = claim_url(claim.id)
    bib = model.project.bibliography
    status_note = ""
    if claim.status != "current":
        status_note = f'<p class="oxy-status oxy-status--{attr(claim.status)}"><strong>Status:</strong> {esc(claim.status)}</p>'
    sources = []
    source_status = _source_status(claim, model)
    for s in claim.sources:
        ref = bib.lookup(s.ref)
        cite = citation_html(ref) if ref else esc(s.ref)
        locator = f' <span class="oxy-locator">({esc(s.locator)})</span>' if s.locator else ""
        anchor = rel(here, BIBLIOGRAPHY_URL) + "#" + reference_anchor(s.ref)
        design = f'<span class="oxy-design">{esc(ref.design)}, {esc(population_tag(ref.population, ref.species) or "human")}</span>' if ref else ""
        sources.append(
            f'<li><span class="oxy-relation oxy-relation--{attr(s.relation)}">{_RELATION_LABELS[s.relation]}</span> '
            f'{cite}{locator} {design} <a class="oxy-more" href="{attr(anchor)}">in bibliography</a></li>'
        )
    pages = model.usage.get(claim.id, [])
    used = "".join(
        f'<li><a href="{attr(rel(here, SiteModel.page_url(p)))}">{esc(p.title)}</a></li>' for p in pages
    ) or "<li>Not used on a page yet.</li>"
    caveats = f"<h2>Caveats</h2><p>{esc(claim.caveats)}</p>" if claim.caveats else ""
    note = clinical_note(claim, model)
    return "".join([
        f'<div class="oxy-claim" data-claim="{attr(claim.id)}">',
        f'<p class="oxy-claim__statement">{esc(claim.statement)}</p>',
        status_note,
        source_status,
        '<dl class="oxy-claim__grade">',
        f"<dt>Certainty</dt><dd>{certainty_badge(claim.certainty)}</dd>",
        f"<dt>Best design</dt><dd>{esc(claim.design)}</dd>",
        f"<dt>Population</dt><dd>{esc(claim.population)}{(' (' + esc(', '.join(claim.species)) + ')') if claim.species else ''} {tag(claim)}</dd>",
        f"<dt>Topic</dt><dd>{esc(claim.topic)}</dd>",
        f"<dt>Last reviewed</dt><dd><time datetime=\"{attr(claim.reviewed)}\">{esc(claim.reviewed)}</time>{_review_due(claim, model)}</dd>",
        f"<dt>Status confirmed</dt><dd>{as_of(claim, model.overdue(claim))}</dd>" if claim.as_of else "",
        "</dl>",
        f"<h2>Why this grade</h2><p>{esc(claim.rationale)}</p>",
        profile.table(claim, model),
        caveats,
        f'<h2>Sources</h2><ul class="oxy-sources">{"".join(sources)}</ul>',
        f'<h2>Used on</h2><ul class="oxy-used">{used}</ul>',
        "<h2>History</h2>", _history(history) if model.history.available else f"<p>{esc(NO_HISTORY)}</p>",
        '<h2>Copy for clinical notes</h2>',
        f'<pre class="oxy-note" id="oxy-note">{esc(note)}</pre>',
        '<button type="button" class="md-button oxy-copy" data-copy="oxy-note" hidden>Copy to clipboard</button>',
        '<h2>Machine-readable data</h2>',
        f'<p><a href="{attr(rel(here, claim_json_url(claim.id)))}" type="application/json">This claim as JSON</a> · '
        f'<a href="{attr(rel(here, REGISTER_URL))}">All claims in the register</a> · '
        f'<a href="{attr(rel(here, "data/"))}">Data and exports</a></p>',
        f'<script type="application/ld+json">{json_ld(claim, model)}</script>',
        "</div>",
    ])


def _review_due(claim: Claim, model: SiteModel) -> str:
    due = model.review_due(claim)
    if due is None:
        return ""
    months = model.policy.review_months_for(claim.topic)
    return (f' <span class="oxy-review-due"><strong>Review due</strong> since '
            f'<time datetime="{due.isoformat()}">{due.isoformat()}</time> (claims on {esc(claim.topic)} are '
            f"reviewed every {months} months)</span>")


def _source_status(claim: Claim, model: SiteModel) -> str:
    """A notice above the grade when a cited work was retracted, withdrawn, corrected or given an
    expression of concern: the reader learns it before weighing the claim."""
    marked = [(s, r) for s, r in ((s, model.project.bibliography.lookup(s.ref)) for s in claim.sources)
              if r is not None and r.get("status") in refstatus.LABELS]
    if not marked:
        return ""
    serious = any(r.get("status") in refstatus.UNSUPPORTING and s.relation == "supports" for s, r in marked)
    items = "".join(f"<li><code>{esc(r.key)}</code> ({esc(s.relation)}): {status_html(r)}</li>" for s, r in marked)
    title = ("A source supporting this claim was retracted or withdrawn" if serious
             else "A cited source has a published notice")
    return (f'<div class="admonition {"danger" if serious else "note"} oxy-claim__pubstatus" role="note">'
            f'<p class="admonition-title">{title}</p><ul>{items}</ul></div>')


def _history(history: list[Change]) -> str:
    if not history:
        return "<p>No recorded changes to wording or grade (history comes from the project's git log).</p>"
    rows = "".join(
        f"<tr id=\"{attr(c.anchor)}\"><td><time datetime=\"{attr(c.date)}\">{esc(c.date)}</time></td><td>{esc(c.summary)}</td>"
        f"<td><code>{esc(c.commit[:10])}</code></td></tr>"
        for c in history
    )
    return (
        '<table class="oxy-history"><thead><tr><th scope="col">Date</th><th scope="col">Change</th>'
        f'<th scope="col">Commit</th></tr></thead><tbody>{rows}</tbody></table>'
    )
