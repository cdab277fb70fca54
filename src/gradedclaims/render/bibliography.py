"""The bibliography page: every reference, formatted, with identifiers, study design,
verification record and the claims that cite it."""

from __future__ import annotations

from .badges import population_tag
from .model import BIBLIOGRAPHY_URL, SiteModel, claim_url, reference_anchor
from .refs import citation_html
from .safe import attr, esc, external_link, rel


def _sort_key(ref) -> tuple:
    first = ref.entry.persons.get("author") or ref.entry.persons.get("editor") or []
    name = " ".join(first[0].last_names) if first else ref.get("title")
    return (name.lower(), ref.year, ref.key)


def _sorted(model: SiteModel) -> list:
    return sorted(model.project.bibliography.references.values(), key=_sort_key)


def citations(model: SiteModel) -> str:
    """What search indexes for the bibliography: each citation once, without the records and
    links around it (which made the page a third of the whole search index)."""
    return "<ul>" + "".join(f"<li>{esc(ref.citation())}</li>" for ref in _sorted(model)) + "</ul>"


def body(model: SiteModel) -> str:
    here = BIBLIOGRAPHY_URL
    refs = _sorted(model)
    items = []
    for ref in refs:
        claims = model.cited_by.get(ref.key, [])
        cited = ", ".join(
            f'<a href="{attr(rel(here, claim_url(c.id)))}">{esc(c.id)}</a>' for c in claims
        ) or "no claim (cited only in the source-article audit)"
        note = ref.get("verification_note")
        copy = ref.get("copy_seen")
        # text read on a third-party copy (a label mirror, say) is flagged up front rather than
        # left in the note: a copy may lag or differ from the issuer's own record
        copied = (f'<span class="oxy-bib__copy"><strong>Read on a third-party copy</strong> ({esc(copy)}), '
                  "which may differ from the issuer&#39;s own record.</span> " if copy else "")
        if ref.verified:
            # what the record did not show, or where a label is approximate, is part of the record
            check = (f'Verified on {esc(ref.get("verified_on"))} against '
                     + external_link(ref.get("verified_url"), "this record")
                     + (f'. <span class="oxy-bib__note">{esc(note)}</span>' if note else ""))
        else:
            check = f'<strong>Unverified.</strong> {esc(note)}'
            if ref.get("verified_url"):  # a partial record was seen: let the reader judge it
                check += " " + external_link(ref.get("verified_url"), "The record seen")
        items.append(
            f'<li id="{attr(reference_anchor(ref.key))}" class="oxy-bib__item">'
            f'<p class="oxy-bib__citation">{citation_html(ref)}</p>'
            f'<p class="oxy-bib__meta">Design: {esc(ref.design)} · '
            f'Population: {esc(population_tag(ref.population, ref.species) or "human")} · {copied}{check}</p>'
            f'<p class="oxy-bib__cited">Cited by: {cited}. Key: <code>{esc(ref.key)}</code></p></li>'
        )
    verified = sum(1 for r in refs if r.verified)
    copies = sum(1 for r in refs if r.get("copy_seen"))
    copied = f", {copies} read in whole or in part on a third-party copy" if copies else ""
    return (
        f'<p class="oxy-bib__summary">{len(refs)} references, {verified} verified against a bibliographic record'
        f"{copied}.</p>"
        f'<ul class="oxy-bib">{"".join(items)}</ul>'
    )
