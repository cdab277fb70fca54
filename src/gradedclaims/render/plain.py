"""A claim's plain-language statement, for the "In plain words" part of a page: the sentence a
reader with no science background reads first, with one small certainty mark that opens the
claim's card (and, followed, its page) instead of the full badge cluster of a citation. The mark
has no title attribute: the theme would turn it into a second tooltip over the claim's card."""

from __future__ import annotations

from ..claims import Claim
from ..vocab import CERTAINTY_LABELS, CERTAINTY_SYMBOLS
from .model import claim_url
from .safe import attr, esc, rel


def line(claim: Claim, page_url: str) -> str:
    label = CERTAINTY_LABELS[claim.certainty]
    href = rel(page_url, claim_url(claim.id))
    return (
        f'<p class="oxy-plain">{esc(claim.plain)} '
        f'<span class="oxy-cite oxy-cite--plain" data-claim="{attr(claim.id)}">'
        f'<a class="oxy-cite__link oxy-plain__mark oxy-badge--{attr(claim.certainty)}" href="{attr(href)}">'
        f'<span aria-hidden="true">{CERTAINTY_SYMBOLS[claim.certainty]}</span>'
        f'<span class="oxy-sr">{esc(label)} certainty: see the evidence</span></a></span></p>'
    )
