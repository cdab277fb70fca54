"""Parse references.bib with pybtex, keeping each entry's file and line.

pybtex stops at the first problem unless its errors are captured, and only syntax errors
carry a line number; so we capture every error and keep our own key -> line index from a
scan of the text, which also finds duplicate keys with both locations.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, Entry
from pybtex.database.input import bibtex
from pybtex.scanner import PybtexSyntaxError

from . import memo, style, textfile
from .excerpt import clip
from .problems import Problem, error

_ENTRY = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s{}()]*)", re.M)
_FIELD = re.compile(r"^[ \t]*([A-Za-z][A-Za-z0-9_:.+-]*)[ \t]*=", re.M)
_NOT_ENTRIES = {"comment", "string", "preamble"}


@dataclass
class Reference:
    """One bibliography entry with the metadata the register's rules need."""

    key: str
    entry_type: str
    entry: Entry
    path: str
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)
    _citation: str | None = field(default=None, repr=False)
    rendered: str | None = field(default=None, repr=False)  # HTML, set by render.refs

    def citation(self) -> str:
        """The Vancouver citation text (formatted once); raises FieldIsMissing if it cannot be."""
        if self._citation is None:
            self._citation = " ".join(style.format_entry(self.entry).split())
        return self._citation

    def get(self, name: str) -> str:
        # pybtex's case-insensitive field dict is slow to query; a plain lower-case copy is made once
        fields = self.__dict__.get("_plain_fields")
        if fields is None:
            fields = {k.lower(): v.strip() for k, v in self.entry.fields.items()}
            self.__dict__["_plain_fields"] = fields
        return fields.get(name, "")

    def field_line(self, name: str) -> int:
        return self.field_lines.get(name.lower(), self.line)

    @property
    def design(self) -> str:
        return self.get("design")

    @property
    def population(self) -> str:
        return self.get("population")

    @property
    def species(self) -> list[str]:
        return [s.strip() for s in re.split(r"[;,]", self.get("species")) if s.strip()]

    @property
    def limitations(self) -> list[str]:
        """Source-level flags (schema/limitations.yml) that every claim resting on it must weigh."""
        return [s.strip() for s in re.split(r"[;,]", self.get("limitations")) if s.strip()]

    @property
    def verified(self) -> bool:
        return self.get("verification") == "verified"

    @property
    def doi(self) -> str:
        return self.get("doi")

    @property
    def pmid(self) -> str:
        return self.get("pmid")

    @property
    def pmcid(self) -> str:
        return self.get("pmcid")

    @property
    def isbn(self) -> str:
        return self.get("isbn")

    @property
    def url(self) -> str:
        return self.get("url")

    @property
    def year(self) -> str:
        return self.get("year")


@dataclass
class Bibliography:
    path: str
    references: dict[str, Reference]
    data: BibliographyData | None
    problems: list[Problem]
    text: str = ""
    digest: str = ""  # of the text (memo keys)

    def lookup(self, key: str) -> Reference | None:
        return self.references.get(key)


@dataclass
class _Indexed:
    entry_type: str
    key: str
    line: int
    column: int
    field_lines: dict[str, int]


def _index(text: str) -> list[_Indexed]:
    """Every entry's type, key and line, and the line of each of its fields."""
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_left(newlines, offset) + 1

    matches = [m for m in _ENTRY.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES]
    out = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        line = line_of(m.start())
        field_lines = {}
        for f in _FIELD.finditer(text, m.end(), end):
            field_lines.setdefault(f.group(1).lower(), line_of(f.start()))
        out.append(_Indexed(m.group(1).lower(), m.group(2), line, m.start(1) - text.rfind("\n", 0, m.start()), field_lines))
    return out


def load(path: Path, display: str, reader: textfile.Reader, limit: int = textfile.MAX_BYTES) -> Bibliography:
    """The parsed file, read only if `reader` allows it (a regular file inside the repository)."""
    text, problem = reader.read(path, display, limit)
    if text is None:
        return Bibliography(display, {}, None, [problem])
    return memo.remember("bibliography", display, text, lambda: parse(text, display))


def parse(text: str, display: str) -> Bibliography:
    problems: list[Problem] = []
    index = _index(text)
    seen: dict[str, _Indexed] = {}
    for item in index:
        if not item.key:
            problems.append(error(display, item.line, item.column, "bibtex-syntax",
                                  f"@{item.entry_type} entry has no citation key",
                                  "write the key right after the brace: @article{insel2010challenge,"))
            continue
        first = seen.get(item.key.lower())
        if first:
            problems.append(error(
                display, item.line, item.column, "duplicate-key",
                f"citation key '{item.key}' is already used at line {first.line}",
                "each reference appears once; give a different work a different key",
            ))
        else:
            seen[item.key.lower()] = item

    data = None
    with pybtex.errors.capture() as captured:
        try:
            data = bibtex.Parser().parse_string(text)
        except PybtexSyntaxError as exc:
            captured.append(exc)
        except Exception as exc:  # pybtex raises assorted errors on hostile input
            problems.append(error(display, 0, 0, "bibtex-syntax", f"cannot parse the bibliography: {clip(str(exc), 200)}"))
    for exc in captured:
        message = str(exc)
        if message.startswith("repeated bibliography entry"):
            continue  # reported above, with both lines
        line = getattr(exc, "lineno", 0) or 0
        message = clip(re.sub(r"^syntax error in line \d+: ", "", message), 200)  # pybtex may quote the input
        problems.append(error(display, line, 1 if line else 0, "bibtex-syntax", f"BibTeX syntax error: {message}",
                              "check braces and that every field ends with a comma"))

    references: dict[str, Reference] = {}
    if data is not None:
        for key, entry in data.entries.items():
            item = seen.get(key.lower())
            references[key] = Reference(
                key=key,
                entry_type=entry.type.lower(),
                entry=entry,
                path=display,
                line=item.line if item else 0,
                field_lines=item.field_lines if item else {},
            )
    return Bibliography(display, references, data, problems, text, memo.digest(text))
