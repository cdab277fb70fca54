"""Canonical formatting of claims files, audit files and references.bib, without losing
anything: every comment and every value survives, and formatting twice changes nothing.

YAML goes through ruamel.yaml's round-trip mode (which keeps comments); BibTeX is re-emitted
from a brace-aware scan that keeps each value's raw text and every line between entries.
"""

from __future__ import annotations

import io
import re
import textwrap

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

WIDTH = 96
CLAIM_ORDER = ("id", "topic", "statement", "plain", "sources", "evidence", "caveats", "as_of", "notices", "map", "waivers",
               "status", "reviewed")
EVIDENCE_ORDER = ("certainty", "design", "population", "species", "rationale", "appraisal")
APPRAISAL_ORDER = ("start", "risk_of_bias", "inconsistency", "indirectness", "imprecision", "publication_bias",
                   "upgrades", "differs_because", "appraised_by", "appraised_on", "second_appraisal")
SOURCE_ORDER = ("ref", "relation", "locator")
ASSERTION_ORDER = ("id", "quote", "locator", "restatement", "verdict", "claims", "comment")
REFERENCE_ORDER = ("cited", "status", "ref", "record", "errors", "searched")
ARTICLE_ORDER = ("id", "title", "kind", "source", "summary", "reviewed")
PROSE = {"statement", "plain", "rationale", "caveats", "reason", "locator", "quote", "restatement", "comment", "summary",
         "searched", "errors", "cited", "title", "kind"}


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # never let the emitter re-wrap plain scalars; folding is decided here
    return y


def _reorder(mapping: CommentedMap, order: tuple[str, ...]) -> None:
    keys = list(mapping.keys())
    wanted = [k for k in order if k in mapping] + [k for k in keys if k not in order]
    if keys == wanted:
        return
    for position, key in enumerate(wanted):
        value = mapping.pop(key)
        comment = mapping.ca.items.get(key)
        mapping.insert(position, key, value)
        if comment is not None:
            mapping.ca.items[key] = comment


def _fold(mapping: CommentedMap, key: str, indent: int) -> None:
    """Long one-line prose becomes a folded block wrapped at WIDTH; the value is unchanged."""
    value = mapping[key]
    if not isinstance(value, str) or "\n" in value or "  " in value or value != value.strip():
        return
    if isinstance(value, FoldedScalarString):
        pass
    elif indent + len(key) + 2 + len(value) <= WIDTH:
        return
    lines = textwrap.wrap(value, width=WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
    if " ".join(lines) != value or len(lines) < 1:
        return
    folded = FoldedScalarString(value)
    positions, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        positions.append(at)
        at += 1
    folded.fold_pos = positions
    comment = mapping.ca.items.get(key)
    mapping[key] = folded
    if comment is not None:
        mapping.ca.items[key] = comment


def _tidy(node, order_for, indent: int = 0) -> None:
    if isinstance(node, CommentedMap):
        order = order_for(node)
        if order:
            _reorder(node, order)
        for key in list(node.keys()):
            if key in PROSE:
                _fold(node, key, indent + 2)
            _tidy(node[key], order_for, indent + 2)
    elif isinstance(node, CommentedSeq):
        for item in node:
            _tidy(item, order_for, indent + 4)


def _order_for(node: CommentedMap) -> tuple[str, ...] | None:
    keys = set(node.keys())
    if "certainty" in keys:
        return EVIDENCE_ORDER
    if "start" in keys and "risk_of_bias" in keys:
        return APPRAISAL_ORDER
    if "relation" in keys:
        return SOURCE_ORDER
    if "verdict" in keys:
        return ASSERTION_ORDER
    if "cited" in keys:
        return REFERENCE_ORDER
    if "kind" in keys and "summary" in keys:
        return ARTICLE_ORDER
    if "statement" in keys or "evidence" in keys:
        return CLAIM_ORDER
    return None


def format_yaml(text: str) -> str:
    """Canonical form of a claims or audit file (the caller has checked that it parses)."""
    y = _yaml()
    data = y.load(text)
    if data is None:
        return text
    _tidy(data, _order_for)
    out = io.StringIO()
    y.dump(data, out)
    result = out.getvalue()
    # per line, not re.sub("[ \t]+$", re.M): that retries every blank inside a line (quadratic)
    return "\n".join(line.rstrip(" \t") for line in result.split("\n"))


# --- BibTeX -------------------------------------------------------------------------------

BIB_ORDER = ("author", "editor", "title", "booktitle", "journal", "edition", "series", "publisher",
             "address", "organization", "howpublished", "year", "month", "volume", "number", "pages",
             "isbn", "issn", "doi", "pmid", "pmcid", "url", "urldate", "note",
             "design", "population", "species", "verification", "verified_url", "verified_on",
             "verification_note", "copy_seen", "status", "status_notice", "status_checked")
_NAME_WIDTH = 12


class BibFormatError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def _scan_value(text: str, i: int) -> int:
    """End offset of the value starting at i: {balanced}, "quoted", or a bare word/number,
    possibly joined with #."""
    n = len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            raise BibFormatError(text.count("\n", 0, i) + 1, "unterminated field value")
        if text[i] == "{":
            depth, j = 0, i
            while j < n:
                if text[j] == "{":
                    depth += 1
                elif text[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= n:
                raise BibFormatError(text.count("\n", 0, i) + 1, "unbalanced braces in field value")
            i = j + 1
        elif text[i] == '"':
            j, depth = i + 1, 0
            while j < n and not (text[j] == '"' and depth == 0):
                depth += text[j] == "{"
                depth -= text[j] == "}"
                j += 1
            if j >= n:
                raise BibFormatError(text.count("\n", 0, i) + 1, "unterminated quoted value")
            i = j + 1
        else:
            m = re.compile(r"[A-Za-z0-9_.:+-]+").match(text, i)
            if not m:
                raise BibFormatError(text.count("\n", 0, i) + 1, "expected a field value")
            i = m.end()
        k = i
        while k < n and text[k] in " \t":
            k += 1
        if k < n and text[k] == "#":
            i = k + 1
            continue
        return i


_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z]+)[ \t]*\{", re.M)


def _parse_entry(text: str, start: int) -> tuple[dict, int]:
    m = _ENTRY_START.match(text, start)
    kind = m.group(1)
    i = m.end()
    if kind.lower() in ("comment", "preamble", "string"):
        end = _scan_value(text, m.end() - 1)
        return {"raw": text[start:end]}, end
    km = re.compile(r"\s*([^,\s{}]+)\s*,").match(text, i)
    if not km:
        raise BibFormatError(text.count("\n", 0, i) + 1, "expected a citation key followed by a comma")
    key = km.group(1)
    i = km.end()
    fields: list[tuple[str, str]] = []
    while True:
        fm = re.compile(r"\s*(\}|([A-Za-z][A-Za-z0-9_:.+-]*)\s*=)").match(text, i)
        if not fm:
            raise BibFormatError(text.count("\n", 0, i) + 1, "expected a field name or the closing brace")
        if fm.group(1) == "}":
            return {"type": kind.lower(), "key": key, "fields": fields}, fm.end()
        vstart = fm.end()
        vend = _scan_value(text, vstart)
        fields.append((fm.group(2), text[vstart:vend].strip()))
        i = vend
        cm = re.compile(r"\s*,").match(text, i)
        if cm:
            i = cm.end()


def _emit_entry(entry: dict) -> str:
    fields = entry["fields"]
    rank = {name: n for n, name in enumerate(BIB_ORDER)}
    ordered = sorted(enumerate(fields), key=lambda p: (rank.get(p[1][0].lower(), len(BIB_ORDER)), p[0]))
    lines = [f"@{entry['type']}{{{entry['key']},"]
    for _, (name, value) in ordered:
        lines.append(f"  {name.lower():<{_NAME_WIDTH}} = {value},")
    lines.append("}")
    return "\n".join(lines)


def format_bibtex(text: str) -> str:
    """Canonical form of a .bib file: lower-case entry types, one field per line in a fixed
    order with aligned names, one blank line between entries; comments between entries and
    every field value kept exactly. Raises BibFormatError with a line on malformed input."""
    out: list[str] = []
    pos = 0
    for m in _ENTRY_START.finditer(text):
        if m.start() < pos:
            continue
        between = text[pos:m.start()].strip("\n")
        if between.strip():
            out.append("\n".join(line.rstrip() for line in between.split("\n")))
        entry, end = _parse_entry(text, m.start())
        out.append(entry["raw"] if "raw" in entry else _emit_entry(entry))
        pos = end
    tail = text[pos:].strip("\n")
    if tail.strip():
        out.append("\n".join(line.rstrip() for line in tail.split("\n")))
    return "\n\n".join(out) + "\n"


def set_fields(text: str, key: str, values: dict[str, str]) -> str:
    """`text` with entry `key`'s fields set to `values` (added or replaced), that entry written in
    canonical form and every other byte of the file kept. Values are plain (no braces)."""
    for m in _ENTRY_START.finditer(text):
        entry, end = _parse_entry(text, m.start())
        if entry.get("key", "").lower() != key.lower():
            continue
        fields = [(name, value) for name, value in entry["fields"] if name.lower() not in values]
        fields += [(name, "{" + value.replace("{", "").replace("}", "") + "}") for name, value in values.items()]
        return text[:m.start()] + _emit_entry({**entry, "fields": fields}) + text[end:]
    raise KeyError(key)
