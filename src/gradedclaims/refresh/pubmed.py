"""PubMed through NCBI E-utilities: esummary (db=pubmed, retmode=json, DocSum version 2.0) for
many PMIDs per request. A record's `pubtype` says "Retracted Publication" once a retraction is
linked; its `references` list carries the CommentsCorrections links ("Retraction in", "Erratum
in", "Expression of concern in") with the notice's PMID. A PMID whose own pubtype is "Published
Erratum" or "Retraction of Publication" names the notice, not the work, and is reported so."""

from __future__ import annotations

from urllib.parse import urlencode

from .records import Notice, Record
from .transport import ServiceError, Transport

PUBTYPE_STATUS = {"Retracted Publication": "retracted"}
LINK_STATUS = {
    "retraction in": "retracted", "retracted and republished in": "retracted",
    "erratum in": "corrected", "corrected and republished in": "corrected",
    "expression of concern in": "expression-of-concern",
}
NOTICE_TYPES = ("Published Erratum", "Retraction of Publication", "Expression of Concern",
                "Retraction Notice")


def record_url(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


class PubMedClient:
    def __init__(self, transport: Transport, base: str, email: str, tool: str, batch: int = 200):
        self.transport = transport
        self.base = base
        self.email = email
        self.tool = tool
        self.batch = max(1, batch)

    def lookup(self, pmids: list[str]) -> dict[str, Record]:
        ordered = sorted(set(pmids), key=int)
        out: dict[str, Record] = {}
        for start in range(0, len(ordered), self.batch):
            chunk = ordered[start:start + self.batch]
            query = urlencode({"db": "pubmed", "id": ",".join(chunk), "retmode": "json", "version": "2.0",
                               "tool": self.tool, "email": self.email})
            data = self.transport.get(f"{self.base}/esummary.fcgi?{query}").json()
            result = data.get("result") if isinstance(data, dict) else None
            if not isinstance(result, dict):
                raise ServiceError("PubMed esummary answered without a result")
            for pmid in chunk:
                out[pmid] = _record(pmid, result.get(pmid))
        return out


def _record(pmid: str, doc) -> Record:
    url = record_url(pmid)
    if not isinstance(doc, dict) or doc.get("error"):
        return Record("PubMed", pmid, url, found=False)
    record = Record("PubMed", pmid, url, title=str(doc.get("title") or "").rstrip("."),
                    authors=[_family(a.get("name", "")) for a in doc.get("authors") or ()
                             if isinstance(a, dict) and a.get("authtype", "Author") == "Author"],
                    year=str(doc.get("pubdate") or "")[:4], volume=str(doc.get("volume") or ""),
                    pages=str(doc.get("pages") or ""))
    pubtypes = [str(t) for t in doc.get("pubtype") or ()]
    for kind in pubtypes:
        if kind in NOTICE_TYPES:
            record.remarks.append(f"PMID {pmid} is itself a notice ({kind}), not the work")
    linked = False
    for ref in doc.get("references") or ():
        if not isinstance(ref, dict):
            continue
        status = LINK_STATUS.get(str(ref.get("reftype", "")).lower())
        if status and ref.get("pmid"):
            linked |= status == "retracted"
            record.notices.append(Notice(status, str(ref.get("reftype")), record_url(str(ref["pmid"]))))
    for kind in pubtypes:
        status = PUBTYPE_STATUS.get(kind)
        if status and not linked:  # the pubtype alone, when no link names the notice
            record.notices.append(Notice(status, kind, url))
    return record


def _family(name: str) -> str:
    """PubMed writes authors 'Family AB' (initials last)."""
    parts = name.split()
    if len(parts) > 1 and parts[-1].isupper() and len(parts[-1]) <= 3:
        return " ".join(parts[:-1])
    return name
