"""A Vancouver/AMA-like citation style, written as a pybtex style.

Clinicians read references as "Insel TR. Title. Neuron. 2010;65(6):768-79." This style
produces that text; identifiers (DOI, PMID) are added by the renderer so that each output
format can link them its own way.
"""

from __future__ import annotations

import re

from pybtex.backends.html import Backend as HtmlBackend
from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.template import FieldIsMissing, first_of, join, node, optional, sentence

MAX_AUTHORS = 6


_LATEX = re.compile(r"[\\{}$~%&^_]|--")


def _decode(value: str) -> str:
    """Plain text of a BibTeX value; LaTeX is decoded only where there is any (it is slow)."""
    return str(Text.from_latex(value)) if _LATEX.search(value) else value


@node
def field(children, context, name, apply_func=None):
    """pybtex's field(), without the LaTeX decoding cost for plain values."""
    if children:
        raise ValueError(children)
    entry = context["entry"]
    try:
        value = entry.fields[name]
    except KeyError:
        raise FieldIsMissing(name, entry) from None
    text = Text.from_latex(value) if _LATEX.search(value) else Text(value)
    return apply_func(text) if apply_func else text


def optional_field(name, **kwargs):
    return optional[field(name, **kwargs)]


def _initials(person) -> str:
    given = " ".join(person.first_names + person.middle_names)
    given = re.sub(r"[{}\\'`^\"~.]", "", given)
    parts = [p for p in re.split(r"[\s-]+", given) if p]
    return "".join(p[0].upper() for p in parts)


def vancouver_name(person) -> Text:
    """Family name then initials without full stops: "van Honk J"."""
    family = " ".join(_decode(t) for t in person.prelast_names + person.last_names)
    lineage = " ".join(_decode(t) for t in person.lineage_names)
    initials = _initials(person)
    text = family + (f" {initials}" if initials else "") + (f" {lineage}" if lineage else "")
    return Text(text)


@node
def vancouver_names(children, context, role):
    """Up to six names, then "et al."; a corporate author stays whole."""
    entry = context["entry"]
    persons = entry.persons.get(role)
    if not persons:
        raise FieldIsMissing(role, entry)
    others = any(str(p) == "others" for p in persons)
    persons = [p for p in persons if str(p) != "others"]
    names = [vancouver_name(p) for p in persons[:MAX_AUTHORS]]
    if len(persons) > MAX_AUTHORS or others:
        names.append(Text("et al"))
    return Text(", ").join(names)


def _dashify(text):
    return Text("-").join(text.split(re.compile(r"-+")))


pages = field("pages", apply_func=_dashify)


class VancouverStyle(BaseStyle):
    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = "none"

    def get_article_template(self, e):
        issue = optional["(", field("number"), ")"]
        return toplevel[
            optional[sentence[vancouver_names("author")]],
            sentence[field("title")],
            sentence[field("journal")],
            sentence[join[field("year"), optional[";", field("volume"), issue], optional[":", pages]]],
            sentence[optional_field("note")],
        ]

    def get_book_template(self, e):
        return toplevel[
            sentence[first_of[optional[vancouver_names("author")], vancouver_names("editor")]],
            sentence[field("title")],
            optional[sentence[join(sep=" ")[field("edition"), "ed"]]],
            sentence[join(sep="; ")[join(sep=": ")[optional_field("address"), field("publisher")], field("year")]],
            sentence[optional_field("note")],
        ]

    def get_incollection_template(self, e):
        return toplevel[
            sentence[vancouver_names("author")],
            sentence[field("title")],
            sentence[
                join(sep=" ")["In:", optional[join[vancouver_names("editor"), ", editors."]], field("booktitle")]
            ],
            sentence[join(sep="; ")[join(sep=": ")[optional_field("address"), field("publisher")], field("year")]],
            optional[sentence[join["p. ", pages]]],
        ]

    def get_misc_template(self, e):
        return toplevel[
            sentence[first_of[optional[vancouver_names("author")], optional_field("organization")]],
            sentence[field("title")],
            optional[sentence[field("howpublished")]],
            sentence[field("year")],
            sentence[optional_field("note")],
        ]

    get_online_template = get_misc_template


SUPPORTED_TYPES = ("article", "book", "incollection", "misc", "online")

# What each template cannot do without (a tuple lists alternatives). Validation checks these
# instead of formatting every entry, which costs about half a millisecond each;
# tests/test_style.py proves the table matches the templates above.
REQUIRED = {
    "article": (("title",), ("journal",), ("year",)),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year",)),
    "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), ("year",)),
    "misc": (("title",), ("year",)),
    "online": (("title",), ("year",)),
}


def missing_fields(entry) -> list[str]:
    """Requirements of the entry's template that it does not meet ("author or editor", ...)."""
    have = {k.lower() for k in entry.fields} | {k.lower() for k, v in entry.persons.items() if v}
    return [" or ".join(alts) for alts in REQUIRED.get(entry.type.lower(), ()) if not have.intersection(alts)]

_STYLE = VancouverStyle()
# Backends are looked up once: pybtex's render_as() scans package entry points on every call.
_BACKENDS = {"text": PlaintextBackend(), "html": HtmlBackend()}


def format_entry(entry, backend: str = "text") -> str:
    """Format one pybtex entry; raises pybtex's FieldIsMissing when a needed field is absent."""
    formatted = _STYLE.format_entry("", entry)
    return formatted.text.render(_BACKENDS[backend])

