"""The glossary (glossary.yml): technical terms the pages use, each with a plain-words definition.

The build turns it into tooltips where a page uses a term and into the Glossary page; here it is
loaded with positions, checked (duplicates, unknown cross-references, definitions that are too
long or carry HTML), and matched against page text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import memo, schema, textfile, yamlload
from .excerpt import quote
from .problems import Problem, error, warning
from .yamlload import Pos

SCHEMA = "glossary.schema.json"
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_HTML = re.compile(r"[<>]|&#?\w+;")


def anchor(name: str) -> str:
    """The Glossary page's anchor for a term; two names with one anchor are the same term."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def is_acronym(name: str) -> bool:
    """'SON', 'HPA', 'GABA-A': matched only in capitals, so 'son' in a sentence is not the nucleus."""
    return any(c.isalpha() for c in name) and not any(c.islower() for c in name)


@dataclass(frozen=True)
class Term:
    term: str
    aliases: tuple[str, ...]
    definition: str
    see: tuple[str, ...]
    pos: Pos

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


@dataclass
class Glossary:
    path: str
    terms: list[Term]
    problems: list[Problem]
    digest: str = ""  # of the text it was parsed from (memo keys)
    by_anchor: dict[str, Term] = field(default_factory=dict)

    @cached_property
    def _matcher(self) -> re.Pattern | None:
        names = sorted({name for t in self.terms for name in t.names}, key=len, reverse=True)  # 'HPA axis' first
        if not names:
            return None
        # a space or a hyphen between words is either ('HPA axis', 'HPA-axis'), as in anchor()
        written = (r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", name))) for name in names)
        return re.compile(r"\b(?:" + "|".join(written) + r")\b", re.IGNORECASE)

    def used_in(self, text: str) -> dict[str, Term]:
        """Each way `text` writes a glossary term (its exact spelling and case), with the term."""
        found: dict[str, Term] = {}
        if self._matcher is None:
            return found
        for m in self._matcher.finditer(text):
            surface = m.group(0)
            term = self.by_anchor[anchor(surface)]
            if not is_acronym(surface) and any(is_acronym(n) and anchor(n) == anchor(surface) for n in term.names):
                continue  # 'son' in a sentence is not the SON
            found.setdefault(surface, term)
        return found


@memo.digested
def parse(text: str, display: str) -> Glossary:
    loaded = yamlload.loads(text, display)
    problems = list(loaded.problems)
    data = loaded.data
    if data is None:
        if not problems:
            problems.append(error(display, 0, 0, "empty-file", "the glossary is empty",
                                  "the glossary is a mapping with a 'terms' list; see CONTRIBUTING.md"))
        return Glossary(display, [], problems)
    schema_problems, _ = schema.checker(SCHEMA, "glossary", "term").check(data, display)
    problems.extend(schema_problems)
    if schema_problems:
        return Glossary(display, [], problems)
    terms = [Term(" ".join(item["term"].split()), tuple(" ".join(a.split()) for a in item.get("aliases", ())),
                  " ".join(item["definition"].split()), tuple(" ".join(s.split()) for s in item.get("see", ())),
                  data["terms"].item_pos[i])
             for i, item in enumerate(data["terms"])]
    glossary = Glossary(display, terms, problems)
    problems.extend(_check(glossary, data["terms"]))
    return glossary


def _max_sentences() -> int:
    definition = schema.load(SCHEMA)["properties"]["terms"]["items"]["properties"]["definition"]
    return int(definition["x-maxSentences"])


def _check(glossary: Glossary, items) -> list[Problem]:
    return _index(glossary, items) + _check_definitions(glossary, items) + _check_see(glossary, items)


def _index(glossary: Glossary, items) -> list[Problem]:
    """Fill `by_anchor` with every term and alias; a name whose anchor is taken is a duplicate."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, Pos]] = {}
    for term, item in zip(glossary.terms, items):
        places = [(term.term, item.value_pos["term"])]
        places += [(a, item["aliases"].item_pos[i]) for i, a in enumerate(term.aliases)]
        for name, pos in places:
            key = anchor(name)
            if key in first:
                other, at = first[key]
                problems.append(error(glossary.path, pos.line, pos.column, "glossary-duplicate",
                                      f"{quote(name)} is already in the glossary as {quote(other)} (line {at.line})",
                                      "keep one entry; list other spellings under that entry's aliases"))
            else:
                first[key] = (name, pos)
                glossary.by_anchor[key] = term
    return problems


def _check_definitions(glossary: Glossary, items) -> list[Problem]:
    """Plain text that fits a tooltip: no HTML, at most the schema's x-maxSentences sentences."""
    problems: list[Problem] = []
    limit = _max_sentences()
    for term, item in zip(glossary.terms, items):
        pos = item.value_pos["definition"]
        html = _HTML.search(term.definition)
        if html:
            problems.append(error(glossary.path, pos.line, pos.column, "glossary-html",
                                  f"the definition of {quote(term.term)} contains {quote(html.group(0))}: "
                                  "definitions are plain text",
                                  "write it in words; the page shows it as a tooltip, where HTML and Markdown are "
                                  "not rendered"))
        sentences = len(_SENTENCE_END.findall(term.definition.rstrip(".!?") + "."))
        if sentences > limit:
            problems.append(error(glossary.path, pos.line, pos.column, "glossary-long-definition",
                                  f"the definition of {quote(term.term)} has {sentences} sentences; "
                                  f"at most {limit} fit a tooltip",
                                  "say what the word means in one or two short sentences; leave findings to the "
                                  "pages and their claims"))
    return problems


def _check_see(glossary: Glossary, items) -> list[Problem]:
    """Each `see` entry names a term or alias of the glossary (after `_index`)."""
    problems: list[Problem] = []
    names = [name for t in glossary.terms for name in t.names]
    for term, item in zip(glossary.terms, items):
        for i, other in enumerate(term.see):
            if anchor(other) not in glossary.by_anchor:
                pos = item["see"].item_pos[i]
                close = difflib.get_close_matches(other, names, n=1, cutoff=0.6)
                problems.append(error(glossary.path, pos.line, pos.column, "glossary-unknown-term",
                                      f"{quote(other)} under 'see' of {quote(term.term)} is not a term of the glossary",
                                      (f"did you mean '{close[0]}'? " if close else "")
                                      + "'see' lists other terms (or their aliases) of this file"))
    return problems


def check_usage(glossary: Glossary, page_texts: dict[str, str]) -> list[Problem]:
    """Advisory: a term that no page uses has no tooltip to give (a page was reworded, or a typo)."""
    used = {id(t) for text in page_texts.values() for t in glossary.used_in(text).values()}
    return [warning(glossary.path, t.pos.line, t.pos.column, "glossary-unused",
                    f"no page uses the term {quote(t.term)} or its aliases",
                    "add the spelling the pages use to its aliases, or remove the term")
            for t in glossary.terms if id(t) not in used]


def load(path: Path, display: str, reader: textfile.Reader, limit: int = textfile.MAX_BYTES) -> Glossary:
    """The parsed file, read only if `reader` allows it (a regular file inside the repository)."""
    text, problem = reader.read(path, display, limit)
    if text is None:
        return Glossary(display, [], [problem])
    return memo.remember("glossary-file", display, text, lambda: parse(text, display))
