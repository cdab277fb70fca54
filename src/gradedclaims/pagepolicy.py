"""The page policy: a content page may carry no script, in raw HTML or in Markdown.

Markdown passes raw HTML through, and the attr_list extension puts any attribute on an element,
so a page's Markdown can carry a <script>, an onerror= handler or a javascript: link to every
reader. The site takes content by pull request, so the validator refuses them with their line
and column; the allowed elements and the refused URL schemes are listed in
schema/page-policy.yml.

Code (fenced blocks and inline code spans) is masked first: a tag shown as code is an example.
Tags are read the way a browser's tokenizer reads them (quoted values may hold ">"), by a scan
written here: the standard library's html.parser takes quadratic time on unclosed comments,
quotes and tags (16,000 repetitions of '<a b="' took 18 s on Python 3.11), so it cannot read
untrusted text. In every scan here no character is examined from more than one starting point
(linear time); searches for a closing quote or comment end remember their last answer.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import markers, sitefiles
from .excerpt import quote
from .problems import Problem, error

SCRIPT_TAGS = frozenset({"script"})
EMBED_TAGS = frozenset({"iframe", "object", "embed"})
# Text inside an attribute list {: ... } (it stops at a brace: each character is read once) and
# its key=value items; an item starts after a blank or the opening brace only.
_ATTR_LIST = re.compile(r"\{([^{}\n]*)\}")
_ATTR_ITEM = re.compile(r"""(?:(?<=\s)|^)([^\s=]+)=("[^"]*"|'[^']*'|[^\s"']*)""")
_LINK_STOP = frozenset(" \t\n)[]<>")
_HINT_DOCS = "the allowed HTML is listed in schema/page-policy.yml"


@dataclass(frozen=True)
class Policy:
    allowed_tags: frozenset[str]
    url_attributes: frozenset[str]
    forbidden_schemes: frozenset[str]


def policy() -> Policy:
    """The site's allowed HTML (schema/page-policy.yml, else the packaged default)."""
    return _policy(sitefiles.path("page-policy.yml"))


@lru_cache(maxsize=None)
def _policy(path: Path) -> Policy:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return Policy(frozenset(raw["allowed_tags"]) - SCRIPT_TAGS - EMBED_TAGS,
                  frozenset(raw["url_attributes"]), frozenset(raw["forbidden_schemes"]))


@dataclass(frozen=True)
class Finding:
    line: int
    column: int
    code: str
    message: str
    hint: str


# A numeric character reference: leading zeros apart, its digits.
_NUMERIC_REF = re.compile(r"&#(?:([xX])0*([0-9a-fA-F]+)|0*([0-9]+))")


def _numeric_ref(m: re.Match) -> str:
    hexa, digits = bool(m.group(1)), m.group(2) or m.group(3)
    if len(digits) > 8:  # beyond any code point: a browser reads U+FFFD
        return "\ufffd"
    return f"&#x{digits}" if hexa else f"&#{digits}"


def unescape(text: str) -> str:
    """Character references decoded as a browser decodes them. html.unescape alone raises on a
    reference with thousands of digits (Python's limit on int conversion), which a page could
    use to crash the validator; leading zeros, which browsers accept in any number, are dropped
    first and longer numbers become U+FFFD."""
    if "&#" in text:
        text = _NUMERIC_REF.sub(_numeric_ref, text)
    return html.unescape(text)


def scheme(url: str) -> str:
    """The scheme of a URL (entities already decoded) as a browser reads it: blanks and control
    characters dropped ("java\tscript:" is javascript:), lower case; "" if it has none."""
    name = []
    for c in url:
        if c <= " " or c == "\x7f":
            continue
        if c == ":":
            return "".join(name).lower()
        if not (c.isascii() and (c.isalnum() or c in "+-.")):
            return ""
        name.append(c)
    return ""


def masked(text: str) -> str:
    """The page with fenced code blocks blanked and inline code spans replaced by spaces; lines
    and columns are unchanged, so every finding points at the page as written."""
    return "\n".join("" if in_code else markers.mask_inline_code(line)
                     for line, in_code in markers.lines_with_fences(text))


class _Finder:
    """str.find that remembers its last answer for each needle, so that many searches for a
    closing quote that never comes cost one scan, not one scan each."""

    def __init__(self, text: str):
        self.text = text
        self.last: dict[str, tuple[int, int]] = {}

    def find(self, needle: str, pos: int) -> int:
        held = self.last.get(needle)
        if held is not None and held[0] <= pos and (held[1] == -1 or held[1] >= pos):
            return held[1]
        found = self.text.find(needle, pos)
        self.last[needle] = (pos, found)
        return found


_TAG_STOP = frozenset(" \t\n\r\f/><")
_ATTR_STOP = frozenset(" \t\n\r\f/><=")
_VALUE_STOP = frozenset(" \t\n\r\f><")
_BLANK = frozenset(" \t\n\r\f/")

Attrs = list[tuple[str, str]]


def _read_tag(text: str, j: int, finder: _Finder) -> tuple[str, Attrs, int, bool]:
    """A start tag's name and attributes from just after its "<"; where to scan on; and whether
    the tag was closed by ">".

    As in a browser, a quoted value runs to its closing quote, over ">" and line ends. A "<"
    where a name or unquoted value would go ends the tag here (a browser would read on, but the
    attributes after it are then read as the next tag's, so none is missed).
    """
    n = len(text)
    start = j
    while j < n and text[j] not in _TAG_STOP:
        j += 1
    name, attrs = text[start:j].lower(), []
    while j < n:
        while j < n and text[j] in _BLANK:
            j += 1
        if j >= n or text[j] == "<":
            return name, attrs, j, False
        if text[j] == ">":
            return name, attrs, j + 1, True
        start = j
        j += 1  # a name may start with "="
        while j < n and text[j] not in _ATTR_STOP:
            j += 1
        key, value = text[start:j].lower(), ""
        while j < n and text[j] in " \t\n\r\f":
            j += 1
        if j < n and text[j] == "=":
            j += 1
            while j < n and text[j] in " \t\n\r\f":
                j += 1
            if j < n and text[j] in "\"'":
                close = finder.find(text[j], j + 1)
                if close == -1:  # never closed: checked up to the line's end; read on after the quote
                    line_end = finder.find("\n", j + 1)
                    attrs.append((key, unescape(text[j + 1:line_end if line_end != -1 else n])))
                    return name, attrs, j + 1, False
                value, j = text[j + 1:close], close + 1
            else:
                start = j
                while j < n and text[j] not in _VALUE_STOP:
                    j += 1
                value = text[start:j]
        attrs.append((key, unescape(value)))
    return name, attrs, j, False


def _tags(text: str) -> Iterator[tuple[int, str, Attrs, bool]]:
    """Offset, name, attributes and closing of every start tag; comments and end tags are skipped."""
    finder = _Finder(text)
    i = text.find("<")
    while i != -1:
        after = i + 1
        if text.startswith("<!--", i):
            close = finder.find("-->", i + 4)
            after = close + 3 if close != -1 else i + 4
        elif after < len(text) and text[after].isascii() and text[after].isalpha():
            name, attrs, after, closed = _read_tag(text, after, finder)
            yield i, name, attrs, closed
        i = text.find("<", after)


def _tag_findings(text: str, rules: Policy) -> Iterator[Finding]:
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for offset, tag, attrs, closed in _tags(text):
        line = bisect.bisect_right(line_starts, offset)
        column = offset - line_starts[line - 1] + 1
        if ":" in tag or "@" in tag:  # an autolink, <https://...> or <name@example.org>
            found = scheme(unescape(tag))
            if found in rules.forbidden_schemes:
                yield Finding(line, column, "unsafe-url", f"autolink with a {found}: URL",
                              "link only to http:, https: or mailto: addresses")
            continue
        if tag in SCRIPT_TAGS:
            yield Finding(line, column, "html-script", f"a page may not carry a <{tag}> element",
                          "the site's scripts are code under docs/assets/; to show a script, put it in a fenced code block")
            continue
        if tag in EMBED_TAGS:
            yield Finding(line, column, "html-embed", f"a page may not embed content with <{tag}>",
                          "link to the content instead")
            continue
        if tag not in rules.allowed_tags and closed:  # "x<y" with no ">" is text, not a tag
            yield Finding(line, column, "html-tag-not-allowed", f"HTML element <{quote(tag)[1:-1]}> is not allowed in a page",
                          f"use Markdown, or show the tag as `code`; {_HINT_DOCS}")
        yield from _attribute_findings(line, column, f"<{quote(tag)[1:-1]}>", attrs, rules)


def _attribute_findings(line: int, column: int, where: str, attrs, rules: Policy) -> Iterator[Finding]:
    for name, value in attrs:
        value = value or ""
        if len(name) > 2 and name.startswith("on"):
            yield Finding(line, column, "html-event-handler",
                          f"event-handler attribute {quote(name)} on {where} is not allowed",
                          "a page carries no script: remove the attribute")
        elif name == "style" and _loads_resource(value):
            yield Finding(line, column, "html-style-url", f"inline style on {where} loads a resource (url(...))",
                          "remove url(...) from the style; put images in with Markdown image syntax")
        elif name in rules.url_attributes:
            urls = value.split(",") if name == "srcset" else [value]
            for url in urls:
                found = scheme(url)
                if found in rules.forbidden_schemes:
                    yield Finding(line, column, "unsafe-url", f"{found}: URL in {quote(name)} of {where}",
                                  "link only to http:, https:, mailto: or relative addresses")
                    break


def _loads_resource(style: str) -> bool:
    """True for CSS that can fetch or run something: url(...), image-set, expression, or CSS
    escapes (which could spell any of them)."""
    css = "".join(style.split()).lower()
    return any(word in css for word in ("url(", "image-set(", "expression(", "\\"))


def _line_findings(text: str, rules: Policy) -> Iterator[Finding]:
    """Markdown link and image targets, reference definitions and attribute lists, per line."""
    for number, line in enumerate(text.split("\n"), start=1):
        if "](" in line or "]:" in line:
            yield from _link_findings(number, line, rules)
        if "{" in line:
            for m in _ATTR_LIST.finditer(line):
                attrs = [(k.lower(), v.strip("\"'")) for k, v in _ATTR_ITEM.findall(m.group(1))]
                yield from _attribute_findings(number, m.start() + 1, "an attribute list", attrs, rules)


def _link_findings(number: int, line: str, rules: Policy) -> Iterator[Finding]:
    starts = []
    at = line.find("](")
    while at != -1:
        starts.append(at + 2)
        at = line.find("](", at + 2)
    stripped = line.lstrip(" ")
    if stripped.startswith("[") and "]:" in stripped and len(line) - len(stripped) <= 3:
        starts.append(line.index("]:") + 2)  # a reference definition: [label]: target
    for start in starts:
        while start < len(line) and line[start] in " \t<":
            start += 1
        end = start
        while end < len(line) and line[end] not in _LINK_STOP:
            end += 1
        found = scheme(unescape(line[start:end]))
        if found in rules.forbidden_schemes:
            yield Finding(number, start + 1, "unsafe-url", f"link target with a {found}: URL",
                          "link only to http:, https:, mailto: or relative addresses")


def check_text(text: str) -> list[Finding]:
    """Every policy finding in one page's Markdown, in page order."""
    if "<" not in text and "](" not in text and "]:" not in text and "{" not in text:
        return []
    rules = policy()
    visible = masked(text)
    found = list(_line_findings(visible, rules))
    if "<" in visible:
        found.extend(_tag_findings(visible, rules))
    return sorted(found, key=lambda f: (f.line, f.column, f.code))


def check(text: str, display: str) -> list[Problem]:
    return [error(display, f.line, f.column, f.code, f.message, f.hint) for f in check_text(text)]
