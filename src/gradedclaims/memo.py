"""Results remembered by what they were computed from, for as long as the process lives.

`mkdocs serve` keeps the hooks module, and this library with it, loaded between rebuilds, and a
rebuild usually follows an edit to one file. Each slot (a purpose and a file) keeps its last
result with the key it was computed from: the file's text (comparing two equal texts is cheaper
than hashing one), or digests of the files and everything else a check depends on. A different key recomputes and replaces the slot, so nothing stale is
ever returned and memory stays bounded at one result per file and purpose. Keys are compared
by equality; content decides, never modification times.

Results are shared between runs, so they must not be changed after they are made.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

_slots: dict[tuple[str, str], tuple[Hashable, object]] = {}


def digest(text: str) -> str:
    """A short, collision-safe fingerprint of a text (BLAKE2b, 128 bits)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def digested(parse: Callable[[str, str], T]) -> Callable[[str, str], T]:
    """A file parser whose result records the digest of the text it came from (memo keys of the
    checks that read the file)."""
    def parse_and_digest(text: str, display: str) -> T:
        result = parse(text, display)
        result.digest = digest(text)  # type: ignore[attr-defined]
        return result
    parse_and_digest.__doc__ = parse.__doc__
    return parse_and_digest


def remember(purpose: str, name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """The result for `name` computed from `key`: reused if the slot holds the same key."""
    slot = (purpose, name)
    held = _slots.get(slot)
    if held is not None and held[0] == key:
        return held[1]  # type: ignore[return-value]
    value = compute()
    _slots[slot] = (key, value)
    return value


def forget() -> None:
    """Drop every remembered result (tests start from nothing)."""
    _slots.clear()
