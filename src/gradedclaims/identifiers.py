"""Well-formedness of the identifiers a reader follows: DOI, PMID, PMCID, ISBN (with checksum)."""

from __future__ import annotations

import re

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID = re.compile(r"^[1-9]\d{0,8}$")
_PMCID = re.compile(r"^PMC\d{1,9}$")


def doi_problem(value: str) -> str | None:
    """None if `value` is a bare DOI, else what is wrong with it."""
    if re.match(r"^(https?://)?(dx\.)?doi\.org/", value, re.I) or value.lower().startswith("doi:"):
        return "write the DOI bare, without a https://doi.org/ or doi: prefix"
    if not _DOI.match(value):
        return "a DOI starts with '10.', a registrant number, '/' and a suffix without spaces"
    return None


def pmid_problem(value: str) -> str | None:
    if not _PMID.match(value):
        return "a PMID is a number of 1 to 9 digits, e.g. 20346754"
    return None


def pmcid_problem(value: str) -> str | None:
    if not _PMCID.match(value):
        return "a PMCID is 'PMC' followed by digits, e.g. PMC2847497"
    return None


def isbn_problem(value: str) -> str | None:
    digits = re.sub(r"[\s-]", "", value).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return None if total % 11 == 0 else "ISBN-10 checksum does not match; check each digit"
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits))
        return None if total % 10 == 0 else "ISBN-13 checksum does not match; check each digit"
    return "an ISBN has 10 digits (the last may be X) or 13 digits starting 978 or 979"


def doi_url(doi: str) -> str:
    return "https://doi.org/" + doi


def pmid_url(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


def pmcid_url(pmcid: str) -> str:
    return f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/"
