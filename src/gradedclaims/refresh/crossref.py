"""Crossref's REST API: a work's metadata (/works/{doi}) and its update notices.

A notice (retraction, correction, expression of concern, withdrawal) is a work of its own whose
`update-to` names the work it updates (Crossmark); Crossref also lists it on the updated work as
`updated-by`, which includes Retraction Watch's data. Both are read: `/works?filter=updates:{doi}`
finds notices whose update-to points at the DOI, for works whose own record lacks updated-by.
Field names follow https://github.com/CrossRef/rest-api-doc/blob/master/api_format.md.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from .records import Notice, Record
from .transport import ServiceError, Transport

# Crossmark update types, as Crossref spells them, and the reference status each sets.
UPDATE_STATUS = {
    "retraction": "retracted", "partial_retraction": "corrected", "withdrawal": "withdrawn", "removal": "withdrawn",
    "expression_of_concern": "expression-of-concern", "correction": "corrected", "corrigendum": "corrected",
    "erratum": "corrected",
}
_TAGS = re.compile(r"<[^>]+>")


class CrossrefClient:
    def __init__(self, transport: Transport, base: str, mailto: str):
        self.transport = transport
        self.base = base
        self.mailto = mailto

    def _get(self, path: str, params: dict | None = None) -> dict | None:
        query = urlencode({**(params or {}), "mailto": self.mailto})
        response = self.transport.get(f"{self.base}{path}?{query}")
        if response.status == 404:
            return None
        data = response.json()
        if not isinstance(data, dict) or data.get("status") != "ok" or not isinstance(data.get("message"), dict):
            raise ServiceError(f"Crossref answered without a message for {path}")
        return data["message"]

    def lookup(self, doi: str) -> Record:
        url = f"https://doi.org/{doi}"
        work = self._get("/works/" + quote(doi, safe=""))
        if work is None:
            return Record("Crossref", doi, url, found=False)
        record = Record("Crossref", doi, url, title=_first(work.get("title")), authors=_families(work.get("author")),
                        year=_year(work.get("issued")), volume=str(work.get("volume") or ""),
                        pages=str(work.get("page") or ""))
        seen: set[str] = set()
        for update in work.get("updated-by") or ():
            _add(record, update, update.get("DOI", ""), seen)
        updates = self._get("/works", {"filter": f"updates:{doi}", "rows": 20}) or {}
        for item in updates.get("items") or ():
            for update in item.get("update-to") or ():
                if str(update.get("DOI", "")).lower() == doi.lower():
                    _add(record, update, item.get("DOI", ""), seen)
        return record


def _add(record: Record, update: dict, notice_doi: str, seen: set[str]) -> None:
    kind = str(update.get("type", "")).lower().replace("-", "_").replace(" ", "_")
    status = UPDATE_STATUS.get(kind)
    if status is None or not notice_doi:
        return  # new_version, addendum, clarification and the like do not change the status
    key = f"{status}:{notice_doi.lower()}"
    if key in seen:
        return
    seen.add(key)
    record.notices.append(Notice(status, update.get("label") or kind, notice_doi, _year(update.get("updated"), full=True)))


def _first(values) -> str:
    return " ".join(_TAGS.sub("", values[0]).split()) if isinstance(values, list) and values else ""


def _families(authors) -> list[str]:
    return [str(a.get("family") or a.get("name") or "") for a in authors or () if isinstance(a, dict)]


def _year(date, full: bool = False) -> str:
    """A Partial Date's year, or with full=True its YYYY[-MM[-DD]]."""
    try:
        parts = [int(p) for p in date["date-parts"][0] if p is not None]
    except (TypeError, KeyError, IndexError, ValueError):
        return ""
    if not parts:
        return ""
    if not full:
        return f"{parts[0]:04d}"
    return "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:3]])
