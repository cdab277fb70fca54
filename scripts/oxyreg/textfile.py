"""Read a contributor's file as text, or say exactly where and why it cannot be read.

Every loader (YAML, BibTeX, Markdown) goes through here, so a byte-order mark, non-UTF-8
bytes, control characters or an oversized file give the same located error everywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem, error

MAX_BYTES = 50 * 1024 * 1024

# The characters YAML 1.1 allows in a stream (PyYAML's Reader.NON_PRINTABLE); we apply the
# same rule to every text file so that a stray NUL or escape code is caught with its place.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def decode(data: bytes, display: str) -> tuple[str | None, Problem | None]:
    if len(data) > MAX_BYTES:
        return None, error(
            display, 0, 0, "file-too-large",
            f"file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB",
            "split the file by topic",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", errors="replace")
        line, col = line_col(prefix, len(prefix))
        return None, error(
            display, line, col, "encoding",
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
            "save the file as UTF-8 (most editors offer this under 'Save with encoding')",
        )
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line, col = line_col(text, bad.start())
        return None, error(
            display, line, col, "control-character",
            f"control character U+{ord(bad.group()):04X} is not allowed in a text file",
            "delete the character; it is usually invisible and came from a copy and paste",
        )
    return text, None


def read(path: Path, display: str) -> tuple[str | None, Problem | None]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, error(display, 0, 0, "unreadable", f"cannot read file: {exc.strerror}")
    return decode(data, display)
