"""Check loaded YAML against a JSON Schema and turn each violation into a located problem.

fastjsonschema compiles the schema to Python and answers "valid?" quickly; only files that
fail are re-checked with jsonschema, whose errors carry the path we need to point at the line.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft7Validator

from .excerpt import quote
from .problems import Problem, error
from .yamlload import Mapping, Pos, Sequence

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"  # package data

_TYPE_NAMES = {
    "object": "a mapping (key: value lines)",
    "array": "a list (lines starting with '- ')",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}

_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "use lowercase letters, digits and single hyphens, e.g. oxtr-estradiol-rat",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "write the date as YYYY-MM-DD, e.g. 2026-11-22",
}


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    return quote(value)


class SchemaChecker:
    """One compiled schema; call `check(data, display)` for each loaded file."""

    def __init__(self, schema: dict, what: str, item: str):
        self.what = what
        self.item = item
        self._fast = fastjsonschema.compile(schema)
        self._full = Draft7Validator(schema)

    def check(self, data: Any, display: str) -> tuple[list[Problem], list[tuple]]:
        """Problems, and the data path of each violation (to tell which items are broken)."""
        try:
            self._fast(data)
            return [], []
        except fastjsonschema.JsonSchemaException:
            pass
        problems, paths = [], []
        for err in self._full.iter_errors(data):
            problems.extend(self._convert(err, data, display))
            paths.append(tuple(err.absolute_path))
        return problems, paths

    def _convert(self, err, data: Any, display: str) -> list[Problem]:
        path = list(err.absolute_path)
        pos, context = _locate(data, path)
        field = next((p for p in reversed(path) if isinstance(p, str)), None)
        where = f" in {self.item} '{context}'" if context else ""
        kind = err.validator
        if kind == "additionalProperties":
            allowed = sorted(err.schema.get("properties", {}))
            extras = [k for k in err.instance if k not in err.schema.get("properties", {})]
            out = []
            for key in extras:
                kpos = err.instance.key_pos.get(key, pos) if isinstance(err.instance, Mapping) else pos
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = (f"did you mean '{close[0]}'? " if close else "") + "allowed fields: " + ", ".join(allowed)
                out.append(error(display, kpos.line, kpos.column, "unknown-field",
                                 f"unknown field {quote(key)}{where}", hint))
            return out
        if kind == "required":
            missing = err.message.split("'")[1] if "'" in err.message else err.message
            desc = err.schema.get("properties", {}).get(missing, {}).get("description", "")
            return [error(display, pos.line, pos.column, "missing-field",
                          f"missing required field '{missing}'{where}", desc)]
        if kind == "enum":
            options = [str(o) for o in err.validator_value]
            close = difflib.get_close_matches(str(err.instance), options, n=1, cutoff=0.6)
            hint = (f"did you mean '{close[0]}'? " if close else "") + "use one of: " + ", ".join(options)
            return [error(display, pos.line, pos.column, "invalid-value",
                          f"{_describe(err.instance)} is not an allowed value for '{field}'{where}", hint)]
        if kind == "type":
            expected = _TYPE_NAMES.get(err.validator_value, str(err.validator_value))
            label = f"'{field}'" if field else "the file"
            hint = ""
            if not path:
                hint = f"a {self.what} file is a mapping; see the format in CONTRIBUTING.md"
            return [error(display, pos.line, pos.column, "wrong-type",
                          f"{label} must be {expected}, not {_describe(err.instance)}{where}", hint)]
        if kind == "pattern":
            return [error(display, pos.line, pos.column, "invalid-format",
                          f"{_describe(err.instance)} is not a valid '{field}'{where}",
                          _PATTERN_HINTS.get(err.validator_value, f"it must match {err.validator_value}"))]
        if kind in ("minLength", "maxLength", "minItems", "maxItems"):
            return [error(display, pos.line, pos.column, "invalid-length",
                          f"'{field}'{where}: {_length_message(kind, err.validator_value, err.instance)}")]
        if kind == "anyOf" and err.schema.get("description"):
            # alternatives of required fields ("ref or record"): the description names them
            return [error(display, pos.line, pos.column, "missing-field",
                          f"a required field is missing{where}", err.schema["description"])]
        if kind == "oneOf" and err.schema.get("description"):
            return [error(display, pos.line, pos.column, "invalid-value",
                          f"{_describe(err.instance)} is not a valid '{field}'{where}", err.schema["description"])]
        # jsonschema's own message embeds the whole value: name the rule, quote an excerpt
        return [error(display, pos.line, pos.column, "schema",
                      f"{_describe(err.instance)} breaks the schema rule '{kind}'{where}")]


def _length_message(kind: str, limit: int, value: Any) -> str:
    """jsonschema's length messages quote the whole value; this one gives only its size."""
    size, unit = (len(value), "characters") if isinstance(value, str) else (len(value), "items")
    bound = "at least" if kind.startswith("min") else "at most"
    return f"has {size} {unit}; it must have {bound} {limit}"


def _locate(data: Any, path: list) -> tuple[Pos, str]:
    """Position of the value at `path`, and a readable context such as "claim 'x'"."""
    pos = getattr(data, "pos", Pos(1, 1))
    node = data
    context = ""
    for step in path:
        if isinstance(node, Mapping) and step in node:
            pos = node.value_pos.get(step, pos)
            node = node[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node):
            pos = node.item_pos[step]
            node = node[step]
        else:
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            context = node["id"]
    return pos, context


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """A schema of schema/, read once (also for the limits it records, such as x-maxSentences)."""
    with open(SCHEMA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def checker(name: str, what: str, item: str) -> SchemaChecker:
    return SchemaChecker(load(name), what, item)
