"""Load YAML safely and fast, keeping the position of every key, value and item.

PyYAML silently keeps the last of two equal keys and expands aliases into shared objects
(an alias bomb then explodes in whatever walks the result). This loader reports duplicate
keys, refuses aliases, keeps dates as the text the contributor wrote, and uses libyaml's C
parser when it is installed: it is about four times faster than the pure-Python one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from .excerpt import quote
from .problems import Problem, error
from .textfile import line_col

_BASE = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
HAVE_LIBYAML = _BASE is not yaml.SafeLoader


class Pos(NamedTuple):
    """A 1-based line and column (a tuple: hundreds of thousands are made per load)."""

    line: int
    column: int


class Mapping(dict):
    """A dict that remembers where it, its keys and its values were written."""

    __slots__ = ("pos", "key_pos", "value_pos")


class Sequence(list):
    """A list that remembers where it and each of its items were written."""

    __slots__ = ("pos", "item_pos")


def _pos(mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


class _AliasFound(Exception):
    def __init__(self, mark):
        self.mark = mark


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[Any, Pos, Pos]] = []
        self.seen: set[int] = set()


_STR = "tag:yaml.org,2002:str"


def _child(loader: _Loader, node):
    """Construct a child node; a node met twice can only be an alias, which is refused."""
    if id(node) in loader.seen:
        raise _AliasFound(node.start_mark)
    loader.seen.add(id(node))
    if node.tag == _STR and type(node) is yaml.ScalarNode:
        return node.value  # the common case, without PyYAML's generic dispatch
    return loader.construct_object(node, deep=True)


def _construct_mapping(loader: _Loader, node) -> Mapping:
    result = Mapping()
    result.pos = _pos(node.start_mark)
    result.key_pos = {}
    result.value_pos = {}
    for key_node, value_node in node.value:
        key = _child(loader, key_node)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value, not a list or mapping",
                key_node.start_mark,
            ) from None
        if key in result:
            loader.duplicates.append((key, result.key_pos[key], _pos(key_node.start_mark)))
            continue
        result[key] = _child(loader, value_node)
        result.key_pos[key] = _pos(key_node.start_mark)
        result.value_pos[key] = _pos(value_node.start_mark)
    return result


def _construct_sequence(loader: _Loader, node) -> Sequence:
    result = Sequence(_child(loader, child) for child in node.value)
    result.pos = _pos(node.start_mark)
    result.item_pos = [_pos(child.start_mark) for child in node.value]
    return result


def _construct_as_written(loader: _Loader, node) -> str:
    return loader.construct_scalar(node)


def _construct_int(loader: _Loader, node) -> int:
    """An integer; one of thousands of digits (past Python's limit on int conversion, a
    ValueError with no position) becomes a located YAML error instead of a traceback."""
    try:
        return loader.construct_yaml_int(node)
    except ValueError:
        raise yaml.constructor.ConstructorError(None, None, "this number is too long", node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:omap", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
# Dates stay as written: the validator checks them and tools round-trip them unchanged.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_as_written)


@dataclass
class Loaded:
    data: Any
    problems: list[Problem] = field(default_factory=list)


def loads(text: str, display: str) -> Loaded:
    """Parse one YAML document; problems carry `display` as their path."""
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except _AliasFound as exc:
        mark = _first_alias(text) or exc.mark
        return Loaded(None, [error(
            display, mark.line + 1, mark.column + 1, "yaml-alias",
            "YAML aliases (*name) are not allowed in this file",
            "write the value out in full; aliases hide repeated content from reviewers",
        )])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        at_tab = bool(mark) and mark.index < len(text) and text[mark.index] == "\t"
        return Loaded(None, [error(
            display, line, col, "yaml-syntax", f"YAML syntax error: {message}",
            "indent with spaces, not tabs" if at_tab else _syntax_hint(message),
        )])
    except yaml.reader.ReaderError as exc:
        line, col = line_col(text, exc.position) if isinstance(exc.position, int) else (0, 0)
        return Loaded(None, [error(display, line, col, "yaml-syntax", f"YAML reader error: {exc.reason}")])
    except yaml.YAMLError as exc:
        return Loaded(None, [error(display, 0, 0, "yaml-syntax", f"YAML error: {exc}")])
    except RecursionError:
        return Loaded(None, [error(
            display, 0, 0, "yaml-too-deep", "YAML nesting is too deep to be a claims file",
        )])
    finally:
        loader.dispose()
    problems = [
        error(
            display, dup.line, dup.column, "duplicate-key",
            f"duplicate key {quote(key)} (first written at line {first.line}); YAML would silently keep only one",
            "remove or rename one of the two keys",
        )
        for key, first, dup in loader.duplicates
    ]
    return Loaded(data, problems)


def _first_alias(text: str):
    """Where the first alias is written (the constructor only sees the node it points to)."""
    try:
        for event in yaml.parse(text, Loader=_BASE):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark
    except yaml.YAMLError:
        return None
    return None


def _syntax_hint(message: str) -> str:
    if "tab" in message:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return "quote a value that contains ': ' (for example statement: \"Ratio: 2 to 1\")"
    if "could not find expected ':'" in message or "expected <block end>" in message:
        return "check the indentation of this line against the lines above it"
    return ""
