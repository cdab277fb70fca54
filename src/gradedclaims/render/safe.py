"""Escaping for everything rendered from the register or the bibliography.

A pull request is untrusted input. Text is escaped for HTML and, because some of it passes
through Python-Markdown, also for Markdown: brackets, backticks and emphasis characters become
numeric entities, so a statement cannot turn into a link, code or emphasis.
"""

from __future__ import annotations

import html
from urllib.parse import quote, urlsplit

_TABLE = {
    ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#39;",
    ord("\\"): "&#92;", ord("`"): "&#96;", ord("*"): "&#42;", ord("_"): "&#95;",
    ord("["): "&#91;", ord("]"): "&#93;", ord("|"): "&#124;",
}


def esc(value: object) -> str:
    """Escape text for HTML element content, Markdown-inert."""
    return str(value).translate(_TABLE)


def attr(value: object) -> str:
    """Escape a value for a double-quoted HTML attribute (Markdown leaves tags alone)."""
    return html.escape(str(value), quote=True)


def safe_url(value: str) -> str | None:
    """The URL if it is plain http(s) without credentials; None for javascript:, data: and the like."""
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        return None
    if any(c in value for c in "\"'<> \t\n\\`"):
        return None
    return value


def external_link(url: str, label: str) -> str:
    """An outbound link, or plain text when the URL is not safe to link."""
    ok = safe_url(url)
    if ok is None:
        return esc(label)
    return f'<a href="{attr(ok)}" rel="noopener noreferrer">{esc(label)}</a>'


def doi_href(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe="/:;()._-<>")  # quote() escapes < > anyway


def rel(from_url: str, to_url: str) -> str:
    """Relative link between two site URLs (directory style, e.g. 'estradiol/' -> 'claims/x/').

    Plain string work: posixpath.relpath normalises through the file system's current
    directory and was a measurable share of the build with tens of thousands of links.
    """
    if from_url == "" or from_url.endswith("/"):
        base = from_url
    else:  # a file-style URL: its directory
        base = from_url.rsplit("/", 1)[0] + "/" if "/" in from_url else ""
    base_parts = [p for p in base.split("/") if p and p != "."]
    target_parts = [p for p in to_url.split("/") if p and p != "."]
    common = 0
    for a, b in zip(base_parts, target_parts):
        if a != b:
            break
        common += 1
    result = "../" * (len(base_parts) - common) + "/".join(target_parts[common:])
    if (to_url == "" or to_url.endswith("/")) and result and not result.endswith("/"):
        result += "/"
    return result or "./"
