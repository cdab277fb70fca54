"""The claims register (a complete table, filterable and sortable with JavaScript) and the
evidence map of hormones against outcomes."""

from __future__ import annotations

from ..vocab import CERTAINTY_LABELS, CERTAINTY_RANK, CERTAINTY_SYMBOLS
from ..appraisal import DOMAIN_LABELS, DOMAINS
from . import profile
from .badges import certainty_cell, population_tag
from .model import REGISTER_URL, SiteModel, claim_url
from .safe import attr, esc, rel

_FILTERS = (("topic", "Topic"), ("certainty", "Certainty"), ("design", "Design"),
            ("population", "Population"), ("status", "Status"))  # then the map's axes, labelled by the site


def _in_table_order(model: SiteModel) -> list:
    return sorted(model.project.claims.values(), key=lambda c: (c.topic, CERTAINTY_RANK[c.certainty], c.id))


def table(model: SiteModel) -> str:
    here = REGISTER_URL
    claims = _in_table_order(model)
    rows = []
    for c in claims:
        population = population_tag(c.population, c.species) or "human"
        rows.append(
            f'<tr id="{attr(c.id)}" data-topic="{attr(c.topic)}" data-certainty="{attr(c.certainty)}" '
            f'data-design="{attr(c.design)}" data-population="{attr(c.population)}" data-status="{attr(c.status)}" '
            f'data-hormone="{attr(c.hormone)}" data-outcome="{attr(c.outcome)}" '
            f'data-downgraded="{attr(" ".join(profile.downgraded(c)))}" '
            f'data-rank="{CERTAINTY_RANK[c.certainty]}">'
            f'<td><a href="{attr(rel(here, claim_url(c.id)))}">{esc(c.statement)}</a></td>'
            f"<td>{esc(c.topic)}</td>{certainty_cell(c.certainty)}<td>{esc(c.design)}</td>"
            f"<td>{esc(population)}</td><td>{esc(c.status)}</td><td>{esc(c.reviewed)}</td></tr>"
        )
    emap = model.evidence_map
    filters = _FILTERS + tuple((axis.key, axis.label) for axis in emap.axes())
    options = {name: sorted({getattr(c, name) for c in claims} - {""}) for name, _ in filters}
    options["certainty"] = sorted(options["certainty"], key=CERTAINTY_RANK.get)
    labels = {**CERTAINTY_LABELS, **emap.rows.values, **emap.columns.values}
    selects = "".join(
        f'<label class="oxy-filter">{esc(label)}<select data-filter="{name}">'
        f'<option value="">All</option>'
        + "".join(f'<option value="{attr(v)}">{esc(labels.get(v, v))}</option>' for v in options[name])
        + "</select></label>"
        for name, label in filters
    ) + (
        '<label class="oxy-filter">Rated down for<select data-filter="downgraded" data-match="token">'
        '<option value="">Any</option>'
        + "".join(f'<option value="{attr(n)}">{esc(DOMAIN_LABELS[n])}</option>' for n in DOMAINS)
        + "</select></label>"
    )
    controls = (
        '<form class="oxy-register__controls" hidden role="search" aria-label="Filter claims">'
        '<label class="oxy-filter oxy-filter--text">Search<input type="search" data-filter="text" '
        'placeholder="Words in the statement"></label>'
        f"{selects}"
        '<button type="reset" class="md-button">Clear filters</button>'
        "</form>"
        f'<p class="oxy-register__count" aria-live="polite" data-total="{len(claims)}">{len(claims)} claims</p>'
    )
    headers = "".join(
        f'<th scope="col" data-sort="{key}"><button type="button" class="oxy-sort">{label}</button></th>'
        for key, label in (("statement", "Claim"), ("topic", "Topic"), ("rank", "Certainty"),
                           ("design", "Design"), ("population", "Population"), ("status", "Status"),
                           ("reviewed", "Reviewed"))
    )
    return (
        f'<div class="oxy-register">{controls}'
        f'<div class="oxy-table-wrap"><table class="oxy-register__table">'
        f"<caption>All {len(claims)} claims in the register</caption>"
        f"<thead><tr>{headers}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></div>"
    )


def statements(model: SiteModel) -> str:
    """What search indexes for the register table: each claim statement once, in table order."""
    claims = _in_table_order(model)
    return "<ul>" + "".join(f"<li>{esc(c.statement)}</li>" for c in claims) + "</ul>"


def due_for_review(model: SiteModel) -> str:
    """Claims whose review interval (schema/policy.yml) has passed at the build's date, oldest first."""
    here = REGISTER_URL
    due = sorted(((d, c) for c in model.project.claims.values() if (d := model.review_due(c))),
                 key=lambda item: (item[0], item[1].id))
    if not due:
        return '<p class="oxy-due oxy-due--none">No claim is due for review at this build.</p>'
    rows = "".join(
        f'<tr><td><a href="{attr(rel(here, claim_url(c.id)))}">{esc(c.statement)}</a></td><td>{esc(c.topic)}</td>'
        f'<td><time datetime="{attr(c.reviewed)}">{esc(c.reviewed)}</time></td>'
        f'<td><time datetime="{d.isoformat()}">{d.isoformat()}</time></td></tr>'
        for d, c in due
    )
    noun = "claim is" if len(due) == 1 else "claims are"
    return (
        f'<div class="oxy-table-wrap"><table class="oxy-due">'
        f"<caption>{len(due)} {noun} due for review</caption>"
        '<thead><tr><th scope="col">Claim</th><th scope="col">Topic</th><th scope="col">Last reviewed</th>'
        f'<th scope="col">Review due since</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


def evidence_map(model: SiteModel) -> str:
    """Hormones × outcomes; each cell: how many claims and the best certainty among them."""
    cells: dict[tuple[str, str], list] = {}
    for c in model.project.claims.values():
        if c.hormone and c.status != "withdrawn":
            cells.setdefault((c.hormone, c.outcome), []).append(c)
    rows_axis, columns_axis = model.evidence_map.axes()
    head = "".join(f'<th scope="col">{esc(label)}</th>' for label in columns_axis.values.values())
    rows = []
    for h, h_label in rows_axis.values.items():
        tds = []
        for o, o_label in columns_axis.values.items():
            found = cells.get((h, o), [])
            if not found:
                tds.append('<td class="oxy-map__cell oxy-map__cell--empty"><span class="oxy-map__inner">'
                           '<span class="oxy-map__count">0</span><span class="oxy-map__best">no claims</span></span></td>')
                continue
            best = min(found, key=lambda c: CERTAINTY_RANK[c.certainty]).certainty
            link = f"?{rows_axis.key}={h}&{columns_axis.key}={o}"
            noun = "claim" if len(found) == 1 else "claims"
            tds.append(
                f'<td class="oxy-map__cell oxy-map__cell--{best}"><a href="{attr(link)}" '
                f'aria-label="{attr(h_label)}, {attr(o_label)}: {len(found)} {noun}, best certainty {CERTAINTY_LABELS[best]}">'
                f'<span class="oxy-map__count">{len(found)} {noun}</span>'
                f'<span class="oxy-map__best"><span aria-hidden="true">{CERTAINTY_SYMBOLS[best]}</span> best: {CERTAINTY_LABELS[best]}</span></a></td>'
            )
        rows.append(f'<tr><th scope="row">{esc(h_label)}</th>{"".join(tds)}</tr>')
    return (
        # a phone scrolls the map sideways inside this box (focusable, so the keyboard can too)
        '<div class="oxy-table-wrap oxy-map-wrap" role="region" tabindex="0" '
        'aria-label="Evidence map (scrolls sideways on a narrow screen)"><table class="oxy-map">'
        "<caption><span>Evidence map: number of claims and best certainty for each hormone and outcome</span></caption>"
        f'<thead><tr><td></td>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
