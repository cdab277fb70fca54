"""RIS records (EndNote, Zotero, Mendeley, publishers' "download citation") as BibTeX entries, so
add-ref takes either format: rispy reads the tags, and each record becomes an entry that add-ref
then normalises like any other."""

from __future__ import annotations

import re

import rispy

_TYPES = {"JOUR": "article", "JFULL": "article", "EJOUR": "article", "MGZN": "article", "BOOK": "book",
          "EBOOK": "book", "CHAP": "incollection", "ECHAP": "incollection", "CONF": "inproceedings",
          "CPAPER": "inproceedings", "THES": "phdthesis", "RPRT": "techreport", "ELEC": "online", "WEB": "online"}
_TAG_LINE = re.compile(r"^[A-Z][A-Z0-9]  -( |$)")
_PMID = re.compile(r"^(?:PMID:?\s*)?(\d{1,9})$", re.I)


def looks_like_ris(text: str) -> bool:
    """The first non-blank line is a RIS tag line (`TY  - JOUR`)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return bool(_TAG_LINE.match(first.lstrip("\ufeff")))


def _first(record: dict, *keys: str) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        if value and str(value).strip():
            return " ".join(str(value).split())
    return ""


def _braced(value: str) -> str:
    """A field value BibTeX can read back: braces in the text would unbalance the entry."""
    return "{" + value.replace("{", "").replace("}", "") + "}"


def _entry(record: dict, number: int) -> str:
    fields: list[tuple[str, str]] = []
    authors = record.get("authors") or record.get("first_authors") or []
    if authors:
        fields.append(("author", " and ".join(" ".join(a.split()) for a in authors)))
    if record.get("secondary_authors") and record.get("type_of_reference") in ("CHAP", "ECHAP"):
        fields.append(("editor", " and ".join(record["secondary_authors"])))
    year = re.match(r"\d{4}", _first(record, "year", "publication_year", "date"))
    container = _first(record, "journal_name", "secondary_title", "alternate_title3", "alternate_title2")
    kind = _TYPES.get(record.get("type_of_reference", ""), "misc")
    pages = "--".join(p for p in (_first(record, "start_page"), _first(record, "end_page")) if p)
    pmid = _PMID.match(_first(record, "accession_number"))
    for name, value in (
        ("title", _first(record, "title", "primary_title")),
        ("booktitle" if kind == "incollection" else "journal", container if kind != "book" else ""),
        ("year", year.group(0) if year else ""),
        ("volume", _first(record, "volume")),
        ("number", _first(record, "number")),
        ("pages", pages),
        ("publisher", _first(record, "publisher")),
        ("address", _first(record, "place_published")),
        ("doi", _first(record, "doi")),
        ("pmid", pmid.group(1) if pmid else ""),
        ("url", _first(record, "urls")),
    ):
        if value:
            fields.append((name, value))
    body = ",\n".join(f"  {name} = {_braced(value)}" for name, value in fields)
    return f"@{kind}{{ris{number},\n{body}\n}}\n"


def to_bibtex(text: str) -> tuple[str, int]:
    """The records of a RIS file as BibTeX text, and how many there were (0: none found)."""
    records = rispy.loads(text.lstrip("\ufeff"))
    return "\n".join(_entry(r, i) for i, r in enumerate(records, 1)), len(records)
