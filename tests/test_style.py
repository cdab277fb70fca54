"""The Vancouver style: output, and the REQUIRED table that validation relies on matches the
templates exactly (removing a requirement breaks formatting; removing anything else does not)."""

import itertools

import pytest
from pybtex.database import Entry, Person
from pybtex.style.template import FieldIsMissing

from gradedclaims import style

COMPLETE = {
    "title": "A title", "journal": "J Tests", "year": "2020", "volume": "3", "number": "2", "pages": "1--9",
    "booktitle": "A Book", "publisher": "Elsevier", "address": "Philadelphia", "edition": "2nd",
    "howpublished": "DailyMed", "note": "A note", "organization": "FDA",
}


def entry(kind: str, drop=(), persons=("author", "editor")) -> Entry:
    e = Entry(kind, fields={k: v for k, v in COMPLETE.items() if k not in drop})
    for role in persons:
        if role not in drop:
            e.persons[role] = [Person("Smith, Jane A.")]
    return e


def formats(e: Entry) -> bool:
    try:
        style.format_entry(e)
        return True
    except FieldIsMissing:
        return False


@pytest.mark.parametrize("kind", style.SUPPORTED_TYPES)
def test_required_table_matches_the_templates(kind):
    assert formats(entry(kind))
    required = style.REQUIRED[kind]
    for alternatives in required:
        assert not formats(entry(kind, drop=alternatives)), (kind, alternatives)
        assert style.missing_fields(entry(kind, drop=alternatives)) == [" or ".join(alternatives)]
    needed = set(itertools.chain.from_iterable(required))
    for name in list(COMPLETE) + ["author", "editor"]:
        if name not in needed:
            assert formats(entry(kind, drop=(name,))), (kind, name)


def test_vancouver_output():
    e = Entry("article", fields={"title": "On {O}xytocin?", "journal": "Neuron", "year": "2010", "volume": "65",
                                 "number": "6", "pages": "768--779"})
    e.persons["author"] = [Person(n) for n in ("Insel, Thomas R.", "van Honk, Jack", "M{\\\"u}ller, Jean-Pierre")]
    assert style.format_entry(e) == "Insel TR, van Honk J, Müller JP. On Oxytocin? Neuron. 2010;65(6):768–779."
    many = Entry("article", fields={"title": "T", "journal": "J", "year": "2001"})
    many.persons["author"] = [Person(f"A{i}, B") for i in range(8)]
    assert style.format_entry(many).startswith("A0 B, A1 B, A2 B, A3 B, A4 B, A5 B, et al. T. J. 2001.")
