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


class Reader:
    """Opens the files of one repository (`root`, resolved) for one run of the validator.

    The real path of each folder is looked up once per run (resolving every file's path again
    cost 4% of a validation); it is never kept longer, as a folder may become a link between two
    runs under `mkdocs serve`.
    """

    def __init__(self, root: Path):
        self.root = root
        self._prefix = str(root).rstrip(os.sep) + os.sep
        self._folders: dict[str, str] = {}

    def _real(self, path: str, linked: bool) -> str:
        if linked:
            return os.path.realpath(path, strict=True)
        folder, name = os.path.split(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder, strict=True)
        return os.path.join(real, name)

    def inspect(self, path: Path, display: str) -> tuple[Problem | None, str, os.stat_result | None]:
        """Why `path` may not be opened (a link leaving the repository, not a regular file), or
        None with its real path and status. Decided from file metadata only."""
        try:
            status = os.lstat(path)
            linked = stat.S_ISLNK(status.st_mode)
            real = self._real(str(path), linked)
            if linked:
                status = os.stat(real)
        except (OSError, RuntimeError):  # a broken link or a loop of links
            return error(display, 1, 1, "unreadable", "cannot read the file: it is a broken link or does not exist",
                         "replace the link with the file itself, or remove it"), "", None
        if not real.startswith(self._prefix):
            what = "a symbolic link to a file" if linked else "reached through a link to a folder"
            return error(display, 1, 1, "outside-repository", f"{what} outside the repository; it was not read",
                         "put the file itself in the repository; only files inside it are read"), "", None
        mode = status.st_mode
        if not stat.S_ISREG(mode):
            kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe" if stat.S_ISFIFO(mode)
                    else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
            return error(display, 1, 1, "not-a-regular-file", f"{kind}{' (through a link)' if linked else ''}; "
                         "it was not read", "only regular text files are read; remove it or replace it with a text file"), "", None
        return None, real, status

    def read(self, path: Path, display: str, limit: int = MAX_BYTES) -> tuple[str | None, Problem | None]:
        problem, real, status = self.inspect(path, display)
        if problem:
            return None, problem
        if status.st_size > limit:
            return None, _too_large(display, limit, status.st_size)
        try:
            # O_NONBLOCK: should the file have been swapped for a pipe since the check, opening it
            # does not block; the check is repeated on what was opened.
            fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    return None, error(display, 1, 1, "not-a-regular-file", "not a regular file; it was not read")
                data = _read_at_most(fd, limit + 1, status.st_size + 1)
            finally:
                os.close(fd)
        except OSError as exc:
            return None, error(display, 1, 1, "unreadable", f"cannot read the file: {exc.strerror}")
        return decode(data, display, limit)


def _read_at_most(fd: int, most: int, expected: int) -> bytes:
    """Up to `most` bytes. Reads of the expected size first: a read asks for a buffer of the size
    requested, and asking for the whole limit (50 MB) for every small file made reading 2.5 times
    slower."""
    chunks, total, want = [], 0, min(expected, most)
    while total < most:
        chunk = os.read(fd, want)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = min(most - total, 1 << 20)
    return b"".join(chunks)
