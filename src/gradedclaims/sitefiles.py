"""Where a site's own settings live: `<site root>/schema/<name>`, else the packaged default.

The library is installed once and used by many sites, so it never reads a file beside its own
code as if it were the site's. A site keeps its wording rules, policy and refresh settings in
its `schema/` folder; a file it does not have (a new site, a test fixture) comes from
`gradedclaims/defaults/`. `project.load` names the site whose files the checks then read.
"""

from __future__ import annotations

from pathlib import Path

SITE_DIR = "schema"
DEFAULTS = Path(__file__).resolve().parent / "defaults"

_root: Path | None = None  # the site being checked (set by project.load)


def use(root: Path | None) -> None:
    """Read settings from this site's schema/ folder from now on."""
    global _root
    _root = root


def path(name: str, root: Path | None = None) -> Path:
    """The site's `schema/<name>` if it has one, else the packaged default."""
    site = root if root is not None else _root
    if site is not None and (site / SITE_DIR / name).is_file():
        return site / SITE_DIR / name
    return DEFAULTS / name
