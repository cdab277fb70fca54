"""Summary-of-findings tables: one per intervention, drawn from the register the way a Cochrane
Summary of Findings table reads: status with its date, then benefits and harms, each with the
finding in words and its certainty. Every row is a citation, so hover cards and the page's
reference list work as they do for sentences."""

from __future__ import annotations

from ..interventions import Intervention
from .badges import certainty_badge
from .safe import attr, esc

_GROUPS = (("status", "Regulatory status"), ("benefit", "Benefits"), ("harm", "Harms and warnings"))


def rows_for_page(record: Intervention, claims: dict, topic: str, cited: set[str]) -> tuple[list, int]:
    """Status and principal harms always; benefits and other harms that this page cites or that
    belong to its topic, so a product studied on many pages does not repeat every page's rows
    (all of them, if the page has none of its own). Also how many rows were left to other pages."""
    def own(row) -> bool:
        claim = claims.get(row.claim)
        return row.claim in cited or (claim is not None and claim.topic == topic)

    always = {id(r) for r in record.required_beside_benefits}
    optional = [r for r in record.rows if id(r) not in always]
    if not any(own(r) for r in optional if r.role == "benefit"):
        return list(record.rows), 0
    shown = [r for r in record.rows if id(r) in always or own(r)]
    return shown, len(record.rows) - len(shown)


def table(record: Intervention, model, cite, topic: str = "", cited: set[str] | None = None) -> str:
    """`cite(claim_id, badge)` renders a row's citation, numbered with the page's other citations;
    the certainty has its own column, so the citation carries no badge."""
    claims = model.project.claims
    shown, omitted = rows_for_page(record, claims, topic, cited or set())
    body = []
    for role, heading in _GROUPS:
        rows = [r for r in shown if r.role == role]
        if not rows:
            continue
        body.append(f'<tr class="oxy-sof__group"><th scope="rowgroup" colspan="3">{heading}</th></tr>')
        for row in rows:
            claim = claims.get(row.claim)
            if claim is None:  # the validator has already refused the build
                continue
            label = f"{row.label} status" if role == "status" else row.label
            mark = ' <span class="oxy-sof__principal">boxed or principal warning</span>' if role == "harm" and row.principal else ""
            body.append(
                f'<tr class="oxy-sof__row oxy-sof__row--{role}">'
                f'<th scope="row">{esc(label)}{mark}</th>'
                f'<td>{esc(claim.statement)} {cite(claim.id, False)}</td>'
                f'<td>{certainty_badge(claim.certainty)}</td></tr>'
            )
    return (
        f'<div class="oxy-sof" data-intervention="{attr(record.id)}">'
        f'<table class="oxy-sof__table"><caption>Summary of findings: {esc(record.name)}</caption>'
        '<thead><tr><th scope="col">Outcome</th><th scope="col">What the evidence says</th>'
        '<th scope="col">Certainty</th></tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table>'
        + (f'<p class="oxy-sof__more">{omitted} further outcome{"s" if omitted != 1 else ""} studied for this product '
           'appear on other pages and in the claims register.</p>' if omitted else "")
        + '</div>'
    )
