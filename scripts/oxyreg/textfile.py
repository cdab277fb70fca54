"""Read a contributor's file as text, or say exactly where and why it cannot be read.

Every loader (YAML, BibTeX, Markdown) goes through here, so a byte-order mark, non-UTF-8
bytes, control characters or an oversized file give the same located error everywhere.

A file is opened only if it is a regular file whose real path is inside the repository: a
pull request can add a symbolic link to a file elsewhere on the CI machine (whose content would
then be quoted in public logs), to a device such as /dev/zero (read forever), or a named pipe
(opening it blocks). Each is refused from os.lstat/os.stat alone, before any open, and no
refusal quotes anything read from the file. A file is read up to its size limit plus one byte.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from . import limits
from .problems import Problem, error

MAX_BYTES = limits.defaults().max_file_bytes

# The characters YAML 1.1 allows in a stream (PyYAML's Reader.NON_PRINTABLE); we apply the
# same rule to every text file so that a stray NUL or escape code is caught with its place.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def _too_large(display: str, limit: int, size: int | None = None) -> Problem:
    """`size` is known from the file's metadata; a file that grew while it was read has none."""
    what = f"file is {size / 1e6:.1f} MB" if size is not None else "file is larger than the limit"
    return error(display, 1, 1, "file-too-large", f"{what}; the limit is {limit / 1e6:.1f} MB",
                 "split the file by topic; " + limits.hint("max_file_bytes"))


def decode(data: bytes, display: str, limit: int = MAX_BYTES) -> tuple[str | None, Problem | None]:
    if len(data) > limit:
        return None, _too_large(display, limit)
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


def refusal(path: Path, display: str, root: Path) -> Problem | None:
    """Why `path` may not be opened (a link leaving `root`, not a regular file), or None.

    Decided from file metadata only; `root` is the repository's resolved path.
    """
    try:
        linked = stat.S_ISLNK(os.lstat(path).st_mode)
        real = path.resolve(strict=True)
        mode = os.stat(real).st_mode
    except (OSError, RuntimeError):  # a broken link or a loop of links
        return error(display, 1, 1, "unreadable", "cannot read the file: it is a broken link or does not exist",
                     "replace the link with the file itself, or remove it")
    if not real.is_relative_to(root):
        what = "a symbolic link to a file" if linked else "reached through a link to a folder"
        return error(display, 1, 1, "outside-repository", f"{what} outside the repository; it was not read",
                     "put the file itself in the repository; only files inside it are read")
    if not stat.S_ISREG(mode):
        kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe" if stat.S_ISFIFO(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
        return error(display, 1, 1, "not-a-regular-file", f"{kind}{' (through a link)' if linked else ''}; it was not read",
                     "only regular text files are read; remove it or replace it with a text file")
    return None


def read(path: Path, display: str, root: Path, limit: int = MAX_BYTES) -> tuple[str | None, Problem | None]:
    problem = refusal(path, display, root)
    if problem:
        return None, problem
    try:
        real = path.resolve(strict=True)
        if real.stat().st_size > limit:
            return None, _too_large(display, limit, real.stat().st_size)
        # O_NONBLOCK: should the file have been swapped for a pipe since the check, opening it
        # does not block; the check is repeated on what was opened.
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None, error(display, 1, 1, "not-a-regular-file", "not a regular file; it was not read")
            with os.fdopen(fd, "rb", closefd=False) as fh:
                data = fh.read(limit + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return None, error(display, 1, 1, "unreadable", f"cannot read the file: {exc.strerror}")
    return decode(data, display, limit)
