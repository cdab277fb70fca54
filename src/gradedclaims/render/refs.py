"""A reference as readers see it: Vancouver text plus DOI, PubMed and other links."""

from __future__ import annotations

from .. import refstatus
from ..bib import Reference
from ..identifiers import pmcid_url, pmid_url
from .safe import attr, doi_href, esc, external_link, safe_url


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


def status_notice_url(ref: Reference) -> str | None:
    """Where a reader finds the retraction or correction notice (a DOI or a web address)."""
    notice = ref.get("status_notice")
    if not notice:
        return None
    return safe_url(doi_href(notice) if refstatus.notice_is_doi(notice) else notice)


def status_html(ref: Reference) -> str:
    """'Retracted: notice, checked 2026-11-30' beside the citation; empty for a reference in good standing."""
    status = ref.get("status")
    if status not in refstatus.LABELS:
        return ""
    url, notice = status_notice_url(ref), ref.get("status_notice")
    checked = ref.get("status_checked")
    return (
        f'<span class="oxy-pubstatus oxy-pubstatus--{attr(status)}"><strong>{esc(refstatus.LABELS[status])}</strong>'
        + (": " + external_link(url, "see the notice") if url else f": notice {esc(notice)}" if notice else "")
        + (f' (checked <time datetime="{attr(checked)}">{esc(checked)}</time>)' if checked else "")
        + "</span>"
    )


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
    parts.append(status_html(ref))
    return " ".join(p for p in parts if p)


def vancouver_with_ids(ref: Reference) -> str:
    """Plain text for clinical notes: the citation followed by its identifiers."""
    ids = identifiers_text(ref)
    status = refstatus.LABELS.get(ref.get("status"))
    marked = f" [{status}; notice: {ref.get('status_notice')}]" if status else ""
    return ref.citation() + (f" {ids}." if ids else "") + marked
