"""Resource limits (schema/limits.yml): how much input the validator and the build accept.

A pull request can add a huge file or a million files; CI must then stop with a message that
names the limit, not spin or run out of memory. Counts are checked before anything is read,
and a file's size before it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import sitefiles



@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    max_total_bytes: int
    max_files: int
    max_pages: int
    max_page_markup: int
    max_claims: int
    max_references: int


def defaults() -> Limits:
    """The site's limits (schema/limits.yml, else the packaged default)."""
    return _read(sitefiles.path("limits.yml"))


@lru_cache(maxsize=None)
def _read(path: Path) -> Limits:
    with open(path, encoding="utf-8") as fh:
        return Limits(**{k: int(v) for k, v in yaml.safe_load(fh).items()})


def hint(name: str) -> str:
    return f"if this is intended, raise {name} in schema/limits.yml (a maintainer's decision)"
