"""Publishing settings (the site's schema/publishing.yml, else the packaged default): how much the
change page and feeds carry, and who the publisher is. Read once; the site's own configuration,
reviewed like code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import sitefiles


@dataclass(frozen=True)
class Publishing:
    changes_page_entries: int = 500
    feed_entries: int = 100
    publisher: str = ""


def load(path: Path | None = None, site_name: str = "") -> Publishing:
    """The publisher defaults to the site's name (site_name in mkdocs.yml)."""
    return _load(path or sitefiles.path("publishing.yml"), site_name)


@lru_cache(maxsize=None)
def _load(path: Path, site_name: str) -> Publishing:
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    publisher = data.get("publisher") or {}
    return Publishing(int(data.get("changes_page_entries", 500)), int(data.get("feed_entries", 100)),
                      str(publisher.get("name") or site_name))
