"""The GRADE evidence profile of one claim, as a Cochrane Summary of Findings table reads: the
starting level, each domain with its symbol and reason, the upgrades, the computed certainty, and
who appraised it. Also the plain record of the appraisal for the exports."""

from __future__ import annotations

from ..appraisal import DOMAIN_LABELS, DOMAINS, compute
from ..claims import Claim
from ..vocab import CERTAINTY_RANK
from .badges import certainty_badge
from .safe import attr, esc

_SYMBOLS = {"no": ("not serious", "○"), "serious": ("serious, −1", "⊖"), "very-serious": ("very serious, −2", "⊖⊖")}


def single_appraisal(claim: Claim) -> bool:
    """Moderate or high claims that no second, independent appraiser has confirmed."""
    a = claim.appraisal
    return (a is not None and CERTAINTY_RANK[claim.certainty] <= CERTAINTY_RANK["moderate"]
            and not (a.second and a.second.get("agrees")))


def table(claim: Claim, model) -> str:
    a = claim.appraisal
    if a is None:
        return ""
    cells = []
    for name in DOMAINS:
        d = a.domains[name]
        words, symbol = _SYMBOLS[d.rating]
        reason = f'<span class="oxy-profile__reason">{esc(d.reason)}</span>' if d.reason else ""
        cells.append(f'<td class="oxy-profile__domain oxy-profile__domain--{attr(d.rating)}" '
                     f'data-label="{attr(DOMAIN_LABELS[name])}">'
                     f'<span aria-hidden="true">{symbol}</span> {words}{reason}</td>')
    ups = "; ".join(f"{esc(f)} (+1): {esc(r)}" for f, r in a.upgrades) or "none"
    result = compute(claim, model.project.bibliography)
    head = "".join(f'<th scope="col">{DOMAIN_LABELS[n]}</th>' for n in DOMAINS)
    second = ""
    if a.second:
        verdict = "agrees" if a.second.get("agrees") else "disagrees"
        note = f": {esc(a.second['note'])}" if a.second.get("note") else ""
        second = (f" Second appraisal by {esc(a.second['appraised_by'])} on {esc(a.second['appraised_on'])} "
                  f"{verdict}{note}.")
    flag = ('<p class="oxy-profile__single"><strong>Single appraisal.</strong> No second, independent '
            "appraisal of this grade yet.</p>") if single_appraisal(claim) else ""
    return (
        '<div class="oxy-table-wrap"><table class="oxy-profile">'
        "<caption>GRADE evidence profile</caption>"
        f'<thead><tr><th scope="col">Starting level</th>{head}<th scope="col">Upgrades</th>'
        '<th scope="col">Certainty</th></tr></thead>'
        f'<tbody><tr><td data-label="Starting level">{esc(a.start)} ({esc(claim.design)})</td>{"".join(cells)}'
        f'<td data-label="Upgrades">{ups}</td>'
        f'<td data-label="Certainty">{certainty_badge(claim.certainty)}</td></tr></tbody></table></div>'
        f'<p class="oxy-profile__sum">How the certainty follows: {esc(result.steps)}. Appraised by '
        f'{esc(a.appraised_by)} on <time datetime="{attr(a.appraised_on)}">{esc(a.appraised_on)}</time>.{second}</p>'
        f"{flag}"
    )


def record(claim: Claim) -> dict | None:
    a = claim.appraisal
    if a is None:
        return None
    return {
        "start": a.start,
        **{name: {"rating": a.domains[name].rating, "reason": a.domains[name].reason or None} for name in DOMAINS},
        "upgrades": [{"factor": f, "reason": r} for f, r in a.upgrades],
        "appraised_by": a.appraised_by,
        "appraised_on": a.appraised_on,
        "second_appraisal": a.second,
        "single_appraisal": single_appraisal(claim),
    }


def downgraded(claim: Claim) -> list[str]:
    """The domains this claim is rated down for (register filter, CSV)."""
    a = claim.appraisal
    return [n for n in DOMAINS if a and a.domains[n].rating != "no"]
