"""A reference as readers see it: Vancouver text plus DOI, PubMed and other links."""

from __future__ import annotations

from ..bib import Reference
from ..identifiers import pmcid_url, pmid_url
from .safe import doi_href, esc, external_link, safe_url


def links(ref: Reference) -> list[tuple[str, str]]:
    """(label, url) pairs for the identifiers a reader can follow."""
    out = []
    if ref.doi:
        out.append((f"doi:{ref.doi}", doi_href(ref.doi)))
    if ref.pmid:
        out.append((f"PMID: {ref.pmid}", pmid_url(ref.pmid)))
    if ref.pmcid:
        out.append((ref.pmcid, pmcid_url(ref.pmcid)))
    if ref.url and not (ref.doi or ref.pmid) and safe_url(ref.url):
        out.append(("Record", ref.url))
    return out


def identifiers_text(ref: Reference) -> str:
    parts = [f"doi:{ref.doi}" if ref.doi else "", f"PMID: {ref.pmid}" if ref.pmid else "",
             f"ISBN: {ref.isbn}" if ref.isbn else ""]
    return ". ".join(p for p in parts if p)


def citation_html(ref: Reference) -> str:
    """Escaped citation with linked identifiers and, when unverified, a visible warning.

    The same reference is shown on many pages, so its HTML is built once and kept on it.
    """
    if ref.rendered is None:
        ref.rendered = _citation_html(ref)
    return ref.rendered


def _citation_html(ref: Reference) -> str:
    parts = [esc(ref.citation())]
    for label, url in links(ref):
        parts.append(external_link(url, label))
    if ref.isbn:
        parts.append(esc(f"ISBN {ref.isbn}"))
    if not ref.verified:
        parts.append('<span class="oxy-unverified">Unverified reference</span>')
    return " ".join(parts)


def vancouver_with_ids(ref: Reference) -> str:
    """Plain text for clinical notes: the citation followed by its identifiers."""
    ids = identifiers_text(ref)
    return ref.citation() + (f" {ids}." if ids else "")
