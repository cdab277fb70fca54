"""A source-article audit page: the article's assertions, quoted with where they stand, with
verdicts and the claims that decide them, and its reference list checked entry by entry."""

from __future__ import annotations

from ..audit import STATUS_LABELS, VERDICT_LABELS, Assertion, AuditFile
from .badges import certainty_badge
from .model import BIBLIOGRAPHY_URL, SiteModel, audit_url, claim_url, reference_anchor
from .safe import attr, esc, external_link, rel


def intro(audit: AuditFile) -> str:
    return f'<p class="oxy-audit__kind">{esc(audit.kind)}. Reviewed {esc(audit.reviewed)}.</p><p>{esc(audit.summary)}</p>'


def verdict_summary(audit: AuditFile) -> str:
    counts: dict[str, int] = {}
    for a in audit.assertions:
        counts[a.verdict] = counts.get(a.verdict, 0) + 1
    items = "".join(
        f'<li><span class="oxy-verdict oxy-verdict--{v}">{VERDICT_LABELS[v]}</span>: {counts[v]}</li>'
        for v in VERDICT_LABELS if v in counts
    )
    return f'<ul class="oxy-audit__counts">{items}</ul>'


def quoted(a: Assertion) -> str:
    """The article's words as a quotation with where they stand, then our restatement if any."""
    restated = (f'<p class="oxy-audit__restatement"><strong>In other words:</strong> {esc(a.restatement)}</p>'
                if a.restatement else "")
    return (f'<figure class="oxy-audit__quote"><blockquote><p>{esc(a.quote)}</p></blockquote>'
            f"<figcaption>{esc(a.locator)}</figcaption></figure>{restated}")


def assertions(audit: AuditFile, model: SiteModel) -> str:
    here = audit_url(audit.id)
    rows = []
    for a in audit.assertions:
        links = []
        for cid in a.claims:
            claim = model.project.claims.get(cid)
            badge = certainty_badge(claim.certainty) if claim else ""
            links.append(f'<li><a href="{attr(rel(here, claim_url(cid)))}">{esc(claim.statement if claim else cid)}</a> {badge}</li>')
        decided = f'<ul class="oxy-audit__claims">{"".join(links)}</ul>' if links else "<p>No claim in the register supports it.</p>"
        comment = f'<p class="oxy-audit__comment">{esc(a.comment)}</p>' if a.comment else ""
        rows.append(
            f'<tr id="{attr(a.id)}"><td>{quoted(a)}</td>'
            f'<td><span class="oxy-verdict oxy-verdict--{attr(a.verdict)}">{VERDICT_LABELS[a.verdict]}</span></td>'
            f"<td>{decided}{comment}</td></tr>"
        )
    return (
        '<div class="oxy-table-wrap"><table class="oxy-audit">'
        "<caption>Assertions of the article, in its own words, with verdicts</caption>"
        '<thead><tr><th scope="col">What the article says</th><th scope="col">Verdict</th>'
        f'<th scope="col">Deciding claims</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def references(audit: AuditFile, model: SiteModel) -> str:
    if not audit.references:
        return "<p>The article lists no references.</p>"
    here = audit_url(audit.id)
    rows = []
    for r in audit.references:
        found = ""
        if r.ref:
            ref = model.project.bibliography.lookup(r.ref)
            anchor = rel(here, BIBLIOGRAPHY_URL) + "#" + reference_anchor(r.ref)
            found = f'<p>Record: <a href="{attr(anchor)}">{esc(ref.citation() if ref else r.ref)}</a></p>'
        elif r.record:
            found = f"<p>Record (no identifier shown): {external_link(r.record, r.record)}</p>"
        errors = f"<p><strong>What is wrong:</strong> {esc(r.errors)}</p>" if r.errors else ""
        searched = f"<p><strong>Searched:</strong> {esc(r.searched)}</p>" if r.searched else ""
        rows.append(
            f"<tr><td>{esc(r.cited)}</td><td><span class=\"oxy-refstatus oxy-refstatus--{attr(r.status)}\">"
            f"{STATUS_LABELS[r.status]}</span></td><td>{found}{errors}{searched}</td></tr>"
        )
    return (
        '<div class="oxy-table-wrap"><table class="oxy-audit-refs">'
        "<caption>The article's reference list, checked entry by entry</caption>"
        '<thead><tr><th scope="col">As listed in the article</th><th scope="col">Result</th>'
        f'<th scope="col">Details</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
