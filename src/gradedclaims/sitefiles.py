"""Where a site's own settings live: `<site root>/schema/<name>`, else the packaged default.

The library is installed once and used by many sites, so it never reads a file beside its own
code as if it were the site's. A site keeps its wording rules, policy and refresh settings in
its `schema/` folder; a file it does not have (a new site, a test fixture) comes from
`gradedclaims/defaults/`. `project.load` names the site whose files the checks then read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SITE_DIR = "schema"
DEFAULTS = Path(__file__).resolve().parent / "defaults"


@dataclass(frozen=True)
class Site:
    root: Path
    folder: str = SITE_DIR  # relative to root
    files: tuple[tuple[str, str], ...] = ()  # (name, path relative to root): a file named outright


_site: Site | None = None  # the site being checked (set by project.load)


def use(site: Site | None) -> None:
    """Read settings from this site from now on (and look its files up afresh)."""
    global _site
    _site = site
    _resolve.cache_clear()


def path(name: str, root: Path | None = None) -> Path:
    """The file the site names for `name`, else its `<folder>/<name>`, else the packaged default.

    For the site in use, the answer is remembered until the next `use` (each project load): the
    wording check asks for its vocabulary once per sentence, tens of thousands of times on a large
    register, and a stat each time cost more than the check itself."""
    if root is not None:
        return _lookup(Site(root), name)
    return _resolve(_site, name)


@lru_cache(maxsize=64)
def _resolve(site: Site | None, name: str) -> Path:
    return _lookup(site, name)


def _lookup(site: Site | None, name: str) -> Path:
    if site is None:
        return DEFAULTS / name
    named = dict(site.files).get(name)
    if named:
        return site.root / named
    own = site.root / site.folder / name
    return own if own.is_file() else DEFAULTS / name
