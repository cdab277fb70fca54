"""Short, escaped quotations of contributors' values for messages.

A message lands in the terminal, in CI logs and in pull-request annotations. Quoting a value
whole lets one long value flood them (megabytes of output), and a newline or control character
in it can forge lines of its own; so every value is cut to a short excerpt and escaped.
"""

from __future__ import annotations

LIMIT = 80  # characters of a value quoted in a message
MESSAGE_LIMIT = 1000  # characters of a whole message or hint (a backstop: values are already cut)
ELLIPSIS = "…"


def quote(value: object, limit: int = LIMIT) -> str:
    """The value as a quoted, escaped excerpt: 'text' or 'first 80 characters…'."""
    text = value if isinstance(value, str) else str(value)
    cut = repr(text[:limit])  # repr escapes newlines, control and bidi characters, quotes
    if len(text) > limit:
        cut = cut[:-1] + ELLIPSIS + cut[-1]
    return cut


def clip(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Text with non-printable characters escaped, cut to `limit` characters with "…"."""
    if len(text) > limit:
        text = text[:limit] + ELLIPSIS
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
