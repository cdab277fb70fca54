"""The sitemap (sitemaps.org protocol 0.9): every built page at its absolute URL, with `lastmod`
from git: the date of the last commit touching the page's source or the claims it shows. Dates
come from commits, never the clock, so two builds of one commit write the same file; a page whose
sources have no commit (uncommitted, or built without git) has no `lastmod`."""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET

from .model import SiteModel, claim_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _latest(dates) -> str | None:
    return max((d for d in dates if d), default=None)


def lastmod(model: SiteModel, src_uri: str) -> str | None:
    """The date a generated or content page last changed, from its sources' commits."""
    hist = model.history
    files, claims = hist.file_dates, hist.claim_dates
    if src_uri in ("register.md", "references.md"):
        return _latest([files.get("references.bib"), *claims.values()])
    if src_uri == "changes.md":
        events = hist.events()
        return events[0].date if events else None
    if src_uri == "contributing.md":
        return files.get("CONTRIBUTING.md")
    audits = {f"audit/{a.id}.md": a for a in model.project.audits if a.id}
    if src_uri == "audit/index.md":
        return _latest(files.get(a.path) for a in audits.values())
    if src_uri in audits:
        audit = audits[src_uri]
        cited = {cid for assertion in audit.assertions for cid in assertion.claims}
        return _latest([files.get(audit.path), *(claims.get(cid) for cid in cited)])
    page = next((p for p in model.project.pages if p.src_uri == src_uri), None)
    if page is None:
        return files.get("docs/" + src_uri)
    return _latest([files.get(page.path), *(claims.get(cid) for m in page.markers for cid in m.ids)])


def entries(model: SiteModel, pages: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """(absolute URL, lastmod) for the built pages, given as (src_uri, url), then every claim page."""
    out = [(model.absolute(url), lastmod(model, src)) for src, url in pages]
    out += [(model.absolute(claim_url(cid)), model.history.claim_dates.get(cid)) for cid in sorted(model.project.claims)]
    return out


def sitemap_xml(rows: list[tuple[str, str | None]]) -> bytes:
    root = ET.Element("urlset", xmlns=SITEMAP_NS)
    for loc, modified in rows:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = loc
        if modified:
            ET.SubElement(url, "lastmod").text = modified
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def gzipped(data: bytes) -> bytes:
    """Reproducible gzip: no file name, no time stamp."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)
    return buffer.getvalue()
