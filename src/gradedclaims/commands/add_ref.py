#!/usr/bin/env python3
"""Add a reference to references.bib from a BibTeX entry or a RIS record, as a reference manager
or a publisher's "download citation" exports it (RIS is converted to BibTeX first).

The entry is normalised (key familyYEARword, canonical field order, bare DOI and PMID) and
appended; a DOI or PMID already in references.bib is refused. The register's own fields
(design, population, verification record) can be given as flags; any still missing are listed.

Usage: python scripts/add_ref.py [FILE.bib|FILE.ris|-] [--design D --population P [--species S]]
                                 [--verified-url URL [--verified-on DATE]] [--dry-run]
Exit status: 0 added, 1 refused (duplicate, unreadable entry), 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import pybtex.errors
from pybtex.database.input import bibtex
from pybtex.scanner import PybtexSyntaxError

from gradedclaims import bib, bibcheck, ris, scaffold, textfile
from gradedclaims.problems import ERROR, FORMATTERS, error
from gradedclaims.vocab import DESIGNS, POPULATIONS

NOT_COPIED = {"abstract", "file", "keywords", "mendeley-tags", "annote", "timestamp", "owner", "groups"}
REGISTER_FIELDS = ("design", "population", "verification", "verified_url", "verified_on")


def _read_input(source: str) -> tuple[str | None, str]:
    display = "<stdin>" if source == "-" else source
    data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    text, problem = textfile.decode(data, display)
    if problem:
        sys.stdout.write(FORMATTERS["text"]([problem]))
    return text, display


def _from_ris(text: str, display: str) -> str | None:
    """RIS converted to BibTeX, or None after reporting why it could not be read."""
    try:
        converted, count = ris.to_bibtex(text)
    except Exception as exc:  # rispy raises plain exceptions on malformed records
        converted, count, reason = "", 0, f" ({exc})"
    else:
        reason = ""
    if not count:
        sys.stdout.write(FORMATTERS["text"]([error(
            display, 1, 1, "ris-syntax", f"no RIS record could be read{reason}",
            "a record starts with 'TY  - ' and ends with 'ER  - '; or export BibTeX instead "
            "(Zotero: Export Item > BibTeX; EndNote: Output Style 'BibTeX Export'; Mendeley: Export > BibTeX)")]))
        return None
    print(f"read {count} RIS record(s) from {display}; converted to BibTeX")
    return converted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="add-ref", description="Add a BibTeX entry or RIS record to references.bib.")
    parser.add_argument("source", nargs="?", default="-",
                        help="a .bib or .ris file, or - for standard input (default; the format is recognised)")
    parser.add_argument("--root", default=".")
    parser.add_argument("--key", help="use this citation key instead of the generated one")
    parser.add_argument("--design", choices=DESIGNS)
    parser.add_argument("--population", choices=POPULATIONS)
    parser.add_argument("--species", action="append", default=[])
    parser.add_argument("--verified-url", help="address of the record you checked (PubMed, publisher, catalogue)")
    parser.add_argument("--verified-on", default=dt.date.today().isoformat())
    parser.add_argument("--dry-run", action="store_true", help="print the normalised entry; write nothing")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    target = root / "references.bib"
    if args.source != "-" and not Path(args.source).exists():
        parser.error(f"{args.source} does not exist")

    text, display = _read_input(args.source)
    if text is None:
        return 1
    if args.source.lower().endswith(".ris") or ris.looks_like_ris(text):
        text = _from_ris(text, display)
        if text is None:
            return 1
    with pybtex.errors.capture() as captured:
        try:
            incoming = bibtex.Parser().parse_string(text)
        except PybtexSyntaxError as exc:
            captured.append(exc)
            incoming = None
    problems = [error(display, getattr(e, "lineno", 0) or 0, 1, "bibtex-syntax", f"BibTeX syntax error: {e}") for e in captured]
    if problems or incoming is None or not incoming.entries:
        problems = problems or [error(display, 0, 0, "bibtex-syntax", "no BibTeX entry found in the input")]
        sys.stdout.write(FORMATTERS["text"](problems))
        return 1

    existing_text = target.read_text("utf-8") if target.exists() else ""
    existing = bib.parse(existing_text, "references.bib")
    taken_keys = {k.lower() for k in existing.references}
    by_id = {}
    for ref in existing.references.values():
        for name in ("doi", "pmid"):
            if ref.get(name):
                by_id[(name, ref.get(name).lower())] = ref

    new_entries = []
    for original_key, entry in incoming.entries.items():
        fields = {k.lower(): v for k, v in entry.fields.items()}
        if "doi" in fields:
            fields["doi"] = scaffold.normalise_doi(fields["doi"])
        if "pmid" in fields:
            fields["pmid"] = scaffold.normalise_pmid(fields["pmid"])
        for name in ("doi", "pmid"):
            clash = by_id.get((name, fields.get(name, "").lower())) if fields.get(name) else None
            if clash:
                print(f"add-ref: refused '{original_key}': {name.upper()} {fields[name]} is already in "
                      f"references.bib as '{clash.key}' (line {clash.line}); cite that key instead")
                return 1
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        family = " ".join(persons[0].last_names) if persons else fields.get("organization", "")
        key = args.key or scaffold.citation_key(family, fields.get("year", ""), fields.get("title", ""))
        base, suffix = key, iter("bcdefghijklmnopqrstuvwxyz")
        while key.lower() in taken_keys:
            key = base + next(suffix)
        taken_keys.add(key.lower())
        dropped = sorted(k for k in fields if k in NOT_COPIED)
        out = [(role, " and ".join(str(p) for p in entry.persons[role])) for role in ("author", "editor") if role in entry.persons]
        out += [(k, v) for k, v in fields.items() if k not in NOT_COPIED]
        extra = {"design": args.design, "population": args.population,
                 "species": "; ".join(args.species) if args.species else None}
        if args.verified_url:
            extra.update({"verification": "verified", "verified_url": args.verified_url, "verified_on": args.verified_on})
        out += [(k, v) for k, v in extra.items() if v and k not in fields]
        rendered = scaffold.entry_text(entry.type, key, [(k, "{" + v + "}") for k, v in out])
        new_entries.append((key, rendered, dropped))

    block = "\n\n".join(r for _, r, _ in new_entries) + "\n"
    if args.dry_run:
        sys.stdout.write(block)
        return 0
    head = existing_text.rstrip("\n") + "\n\n" if existing_text.strip() else ""
    target.write_text(head + block, encoding="utf-8")

    after = bib.parse(target.read_text("utf-8"), "references.bib")
    for key, _, dropped in new_entries:
        ref = after.lookup(key)
        print(f"added '{key}' to references.bib at line {ref.line if ref else '?'}")
        if dropped:
            print(f"  not copied (not used by the register): {', '.join(dropped)}")
        todo = [p for p in bibcheck.check_reference(ref) if p.level == ERROR] if ref else []
        missing = [f for f in REGISTER_FIELDS if not (ref and ref.get(f))]
        if missing or todo:
            print("  still to do: record where you verified it and what kind of study it is:")
            for name in missing:
                print(f"    {name} = {{...}}")
            print("  see CONTRIBUTING.md (Adding a reference), then run: make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
