"""Checks on each bibliography entry: identifiers, study metadata, verification record."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from . import identifiers, refstatus, style
from .bib import Bibliography, Reference
from .dates import date_problem
from .excerpt import quote
from .problems import Problem, error, warning
from .vocab import DESIGNS, POPULATIONS, VERIFICATION_STATES

UNDATED = "n.d."

# Standard BibTeX/biblatex fields plus the register's own; anything else is probably a typo.
KNOWN_FIELDS = frozenset("""
address annote author booktitle chapter crossref edition editor howpublished institution journal
key month note number organization pages publisher school series title type volume year
doi pmid pmcid isbn issn url urldate eprint language abstract keywords
design population species limitations verification verified_url verified_on verification_note copy_seen
status status_notice status_checked
""".split())


# Fields whose value names other entries (BibTeX's crossref, biblatex's xref and xdata).
REFERENCING_FIELDS = ("crossref", "xref", "xdata")


def check_bibliography(bib: Bibliography) -> Iterator[Problem]:
    identifier_seen: dict[tuple[str, str], Reference] = {}
    keys = {key.lower() for key in bib.references}
    for ref in bib.references.values():
        yield from check_reference(ref)
        yield from check_references_to_entries(ref, keys)
        for name in ("doi", "pmid", "isbn"):
            value = ref.get(name).lower()
            if not value:
                continue
            first = identifier_seen.get((name, value))
            if first:
                yield error(ref.path, ref.field_line(name), 3, "duplicate-identifier",
                            f"{name.upper()} {quote(value)} of '{ref.key}' is already used by '{first.key}' (line {first.line})",
                            "one work, one entry: cite the existing key instead")
            else:
                identifier_seen[(name, value)] = ref


def check_references_to_entries(ref: Reference, keys: set[str]) -> Iterator[Problem]:
    """A crossref (or xref, xdata) must name an entry of this file: pybtex accepts a missing one
    without a word, and the fields it should have inherited are then silently absent."""
    for name in REFERENCING_FIELDS:
        for target in (t.strip() for t in ref.get(name).split(",")):
            if target and target.lower() not in keys:
                close = difflib.get_close_matches(target.lower(), sorted(keys), n=1, cutoff=0.8)
                yield error(ref.path, ref.field_line(name), 3, "unknown-crossref",
                            f"{name} of '{ref.key}' names {quote(target)}, which is not in the bibliography",
                            (f"did you mean '{close[0]}'? " if close else "") + "add that entry, or remove the field")


def check_reference(ref: Reference) -> Iterator[Problem]:
    path, key = ref.path, ref.key

    def at(name: str) -> int:
        return ref.field_line(name)

    if ref.entry_type not in style.SUPPORTED_TYPES:
        yield error(path, ref.line, 1, "unsupported-entry-type",
                    f"entry '{key}' has type @{ref.entry_type}, which the site cannot format",
                    "use one of: " + ", ".join("@" + t for t in style.SUPPORTED_TYPES))
    else:
        for name in style.missing_fields(ref.entry):
            yield error(path, ref.line, 1, "missing-field",
                        f"entry '{key}' cannot be formatted: field '{name}' is missing",
                        f"add {name.split(' or ')[0]} = {{...}} as shown on the record you verified")

    if ref.entry_type == "article" and not ref.entry.persons.get("author") and not ref.get("verification_note"):
        yield error(path, ref.line, 1, "missing-field", f"entry '{key}' has no author",
                    "add author = {...} as shown on the record; if the record you saw shows no authors, "
                    "say so in verification_note and the citation will start with the title")

    for name in ref.entry.fields.keys():
        lname = name.lower()
        if lname not in KNOWN_FIELDS:
            close = difflib.get_close_matches(lname, sorted(KNOWN_FIELDS), n=1, cutoff=0.75)
            yield warning(path, at(lname), 3, "unknown-bib-field",
                          f"entry '{key}' has an unknown field '{name}'",
                          f"did you mean '{close[0]}'?" if close else "check the spelling of the field name")

    yield from refstatus.check_reference(ref)

    year = ref.year
    # Exports read the year as a number; "n.d." (no date) is the one other form, for undated web
    # records such as label copies, and the exports leave it out.
    if year and year != UNDATED and not (len(year) == 4 and year.isdigit()):
        yield error(path, at("year"), 3, "invalid-year", f"year {quote(year)} of '{key}' is not a four-digit year",
                    "write the year of publication as shown on the record, e.g. year = {2020}, "
                    "or year = {n.d.} when the record shows no date")

    design, population = ref.design, ref.population
    if not design:
        yield error(path, ref.line, 1, "missing-design", f"entry '{key}' has no 'design' field",
                    "add design = {...}: one of " + ", ".join(DESIGNS))
    elif design not in DESIGNS:
        close = difflib.get_close_matches(design, DESIGNS, n=1)
        yield error(path, at("design"), 3, "invalid-value", f"design {quote(design)} of '{key}' is not recognised",
                    (f"did you mean '{close[0]}'? " if close else "") + "use one of: " + ", ".join(DESIGNS))
    if not population:
        yield error(path, ref.line, 1, "missing-population", f"entry '{key}' has no 'population' field",
                    "add population = {human}, {animal}, {in-vitro} or {mixed}")
    elif population not in POPULATIONS:
        yield error(path, at("population"), 3, "invalid-value", f"population {quote(population)} of '{key}' is not recognised",
                    "use one of: " + ", ".join(POPULATIONS))
    elif population in ("animal", "mixed") and not ref.species:
        yield error(path, at("population"), 3, "missing-species",
                    f"entry '{key}' has population {population} but no 'species'",
                    "add species = {rat} or, for several, species = {human; rat}")

    for name, check in (("doi", identifiers.doi_problem), ("pmid", identifiers.pmid_problem),
                        ("pmcid", identifiers.pmcid_problem), ("isbn", identifiers.isbn_problem)):
        value = ref.get(name)
        if value:
            problem = check(value)
            if problem:
                yield error(path, at(name), 3, f"invalid-{name}", f"{name.upper()} {quote(value)} of '{key}' is malformed", problem)

    state = ref.get("verification")
    if not state:
        yield error(path, ref.line, 1, "missing-verification",
                    f"entry '{key}' has no verification record",
                    "add verification = {verified} with verified_url and verified_on, "
                    "or verification = {unverified} with verification_note saying what was searched")
        return
    if state not in VERIFICATION_STATES:
        yield error(path, at("verification"), 3, "invalid-value",
                    f"verification {quote(state)} of '{key}' must be 'verified' or 'unverified'")
        return
    if state == "unverified":
        if not ref.get("verification_note"):
            yield error(path, at("verification"), 3, "missing-verification-note",
                        f"unverified entry '{key}' must say what was searched",
                        "add verification_note = {Searched PubMed and Crossref for ...; no record found}")
        return
    if not (ref.doi or ref.pmid or ref.isbn or (design == "regulatory" and ref.url)):
        yield error(path, ref.line, 1, "missing-identifier",
                    f"verified entry '{key}' has no DOI, PMID or ISBN",
                    "record the identifier shown on the record you saw; a regulator's page needs its url")
    verified_url = ref.get("verified_url")
    if not verified_url.startswith(("https://", "http://")):
        yield error(path, at("verified_url") if verified_url else ref.line, 3, "missing-verified-url",
                    f"verified entry '{key}' must keep the address of the record that was checked",
                    "add verified_url = {https://pubmed.ncbi.nlm.nih.gov/...}")
    verified_on = ref.get("verified_on")
    problem = date_problem(verified_on) if verified_on else "it is missing"
    if problem:
        yield error(path, at("verified_on") if verified_on else ref.line, 3, "invalid-date",
                    f"verified_on of '{key}': {problem}", "write the day the record was checked, e.g. 2026-11-22")
