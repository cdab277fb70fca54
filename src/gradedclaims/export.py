"""Exports for tools and reference managers: claims.json, claims.csv, and the references as
BibTeX, RIS and CSL-JSON. Deterministic: same input, byte-identical output. Each export is
UTF-8 bytes: MkDocs holds them until it writes the site, and a str with one character beyond
Latin-1 (a certainty symbol) takes two to four bytes per character."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from functools import lru_cache

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

from .bib import Reference
from .render.model import SiteModel
from .appraisal import DOMAINS
from .render.records import RECORD_VERSION, claim_record

CLAIMS_SCHEMA_URL = "https://oxytocin-evidence.example/schema/claims-export-1.0.json"


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def claims_json(model: SiteModel) -> bytes:
    """The whole register, serialised and encoded one claim at a time: at 10,000 claims, building
    the whole document as one Python string first cost five times its size in peak memory."""
    header = _compact({
        "schema_version": RECORD_VERSION,
        "description": "The oxytocin evidence register: every claim with its grade and resolved references.",
        "license": "CC-BY-4.0",
    })
    claims = sorted(model.project.claims.values(), key=lambda c: c.id)
    rows = b",".join(_compact(claim_record(model, c)).encode("utf-8") for c in claims)
    return header[:-1].encode("utf-8") + b',"claims":[' + rows + b"]}\n"


CSV_COLUMNS = ("id", "statement", "topic", "certainty", "design", "population", "species", "status",
               "reviewed", "as_of", "sources", "dois", "pmids", "caveats", "rationale", "start", "risk_of_bias",
               "inconsistency", "indirectness", "imprecision", "publication_bias", "upgrades", "appraised_by",
               "appraised_on", "url")


def claims_csv(model: SiteModel) -> bytes:
    """One row per claim. It starts with a UTF-8 byte-order mark: without it, Excel reads the file
    as the system's legacy code page and garbles every accent and certainty symbol; Python's
    csv (encoding "utf-8-sig"), R and LibreOffice read the mark and drop it."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    bib = model.project.bibliography
    for c in sorted(model.project.claims.values(), key=lambda c: c.id):
        refs = [bib.lookup(s.ref) for s in c.sources]
        writer.writerow([_cell(v) for v in (
            c.id, c.statement, c.topic, c.certainty, c.design, c.population, "; ".join(c.species), c.status,
            c.reviewed, c.as_of, "; ".join(f"{s.ref} ({s.relation})" for s in c.sources),
            "; ".join(r.doi for r in refs if r and r.doi), "; ".join(r.pmid for r in refs if r and r.pmid),
            c.caveats, c.rationale, *_appraisal_cells(c), model.absolute(f"claims/{c.id}/"),
        )])
    return out.getvalue().encode("utf-8")


def _appraisal_cells(c) -> list[str]:
    """start, each domain as 'rating: reason', upgrades, appraiser and date ('' without an appraisal)."""
    a = c.appraisal
    if a is None:
        return [""] * 10
    domains = [d.rating + (f": {d.reason}" if d.reason else "") for d in (a.domains[n] for n in DOMAINS)]
    return [a.start, *domains, "; ".join(f"{f}: {r}" for f, r in a.upgrades), a.appraised_by, a.appraised_on]


def _cell(value: str) -> str:
    """Defuse spreadsheet formulas: a cell starting with = + - @ or a control gets a leading quote."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _sorted_refs(model: SiteModel) -> list[Reference]:
    return sorted(model.project.bibliography.references.values(), key=lambda r: r.key)


def references_bibtex(model: SiteModel) -> bytes:
    """The bibliography exactly as maintained (canonical BibTeX, verification fields included)."""
    return model.project.bibliography.text.encode("utf-8")


_RIS_TYPES = {"article": "JOUR", "book": "BOOK", "incollection": "CHAP", "misc": "GEN", "online": "ELEC"}


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


_FORMATTING = re.compile(r"\\(?:emph|text(?:it|bf|sc|rm|sf|tt|up)|mathrm)\b\s*")


@lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    """A BibTeX field value as plain Unicode: RIS and CSL-JSON readers take text, not LaTeX.
    Decoded with latexcodec, the decoder pybtex itself uses (Bluth\\'e -> Bluthé, \\& -> &,
    -- -> en dash, $\\alpha$ -> α), then font commands and grouping braces dropped, whitespace
    collapsed. pybtex's Text.from_latex gives the same text but took 20 ms a field, seconds a build."""
    decoded = codecs.decode(text, "ulatex")
    return " ".join(_FORMATTING.sub("", decoded).replace("{", "").replace("}", "").split())


ET_AL = "et al."
VERBATIM = {"doi", "url", "pmid", "pmcid", "isbn"}  # identifiers: '%' or '~' in a URL is not LaTeX


def _value(name: str, value: str) -> str:
    return " ".join(value.replace("{", "").replace("}", "").split()) if name in VERBATIM else _plain(value)


def _named(people) -> tuple[list, bool]:
    """The people of a BibTeX name list without its "and others", and whether it had one: "others"
    is BibTeX's et-al marker, not a person."""
    named = [p for p in people if str(p) != "others"]
    return named, len(named) < len(people)


def _person_text(p) -> str:
    last = _plain(" ".join(p.prelast_names + p.last_names))
    first = _plain(" ".join(p.first_names + p.middle_names))
    lineage = _plain(" ".join(p.lineage_names))
    return ", ".join(part for part in (last, first, lineage) if part)


def references_ris(model: SiteModel) -> bytes:
    lines = []
    for r in _sorted_refs(model):
        lines.append(_ris_line("TY", _RIS_TYPES.get(r.entry_type, "GEN")))
        lines.append(_ris_line("ID", r.key))
        truncated = False
        for role, tag in (("author", "AU"), ("editor", "ED")):
            named, more = _named(r.entry.persons.get(role, []))
            truncated |= more
            lines += [_ris_line(tag, _person_text(p)) for p in named]
        fields = r.entry.fields
        for name, tag in (("title", "TI"), ("journal", "JO"), ("booktitle", "T2"), ("year", "PY"),
                          ("volume", "VL"), ("number", "IS"), ("publisher", "PB"), ("address", "CY"),
                          ("doi", "DO"), ("isbn", "SN"), ("url", "UR"), ("note", "N1")):
            if fields.get(name) and not (name == "year" and not fields[name].isdigit()):
                lines.append(_ris_line(tag, _value(name, fields[name])))
        pages = fields.get("pages", "")
        if pages:
            parts = [p.strip() for p in re.split(r"[-–]+", pages) if p.strip()]
            lines.append(_ris_line("SP", parts[0]))
            if len(parts) > 1:
                lines.append(_ris_line("EP", parts[-1]))
        if r.pmid:
            lines.append(_ris_line("AN", f"PMID:{r.pmid}"))
        if truncated:  # RIS has no et-al tag, and a name "et al." would be imported as a person
            lines.append(_ris_line("N1", f"Author list truncated in the source ({ET_AL}): more authors than listed."))
        lines.append("ER  - ")
        lines.append("")
    return "\n".join(lines).encode("utf-8")


_CSL_TYPES = {"article": "article-journal", "book": "book", "incollection": "chapter", "misc": "document",
              "online": "webpage"}


def _csl_names(people) -> list[dict]:
    """CSL name objects. A brace-protected name ({World Health Organization}) is an organisation,
    a `literal`; any other name without given names ("Barrett" alone) is still a `family` name,
    which styles sort and print as a surname. A truncated list ends with
    {"literal": "et al."}: CSL-JSON defines no et-al marker (CSL schema issue 34), and a literal
    name is printed as written by every CSL processor, so a style such as AMA prints "et al."
    where the source has more authors instead of silently listing fewer."""
    named, truncated = _named(people)
    out = []
    for p in named:
        family = _plain(" ".join(p.prelast_names + p.last_names))
        given = _plain(" ".join(p.first_names + p.middle_names))
        if given:
            out.append({"family": family, "given": given})
        else:
            organisation = len(p.last_names) == 1 and p.last_names[0].startswith("{")
            out.append({"literal": family} if organisation else {"family": family})
    return out + ([{"literal": ET_AL}] if truncated else [])


def references_csl(model: SiteModel) -> bytes:
    items = []
    for r in _sorted_refs(model):
        f = r.entry.fields
        item = {"id": r.key, "type": _CSL_TYPES.get(r.entry_type, "document")}
        if r.entry.persons.get("author"):
            item["author"] = _csl_names(r.entry.persons["author"])
        if r.entry.persons.get("editor"):
            item["editor"] = _csl_names(r.entry.persons["editor"])
        for name, key in (("title", "title"), ("journal", "container-title"), ("booktitle", "container-title"),
                          ("volume", "volume"), ("number", "issue"), ("pages", "page"), ("publisher", "publisher"),
                          ("address", "publisher-place"), ("doi", "DOI"), ("pmid", "PMID"), ("pmcid", "PMCID"),
                          ("isbn", "ISBN"), ("url", "URL"), ("edition", "edition"), ("note", "note")):
            if f.get(name):
                item[key] = _value(name, f[name])
        if r.year.isdigit():
            item["issued"] = {"date-parts": [[int(r.year)]]}
        items.append(item)
    return (_compact(items) + "\n").encode("utf-8")


EXPORTS = {
    "claims.json": claims_json,
    "claims.csv": claims_csv,
    "references.bib": references_bibtex,
    "references.ris": references_ris,
    "references.json": references_csl,
}
