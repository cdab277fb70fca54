"""Publishing settings (schema/publishing.yml): how much the change page and feeds carry, and
who the publisher is. Read once; the project's own configuration, reviewed like code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

PUBLISHING_FILE = Path(__file__).resolve().parents[2] / "schema" / "publishing.yml"


@dataclass(frozen=True)
class Publishing:
    changes_page_entries: int = 500
    feed_entries: int = 100
    publisher: str = "Oxytocin evidence"


@lru_cache(maxsize=None)
def load(path: Path = PUBLISHING_FILE) -> Publishing:
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    publisher = data.get("publisher") or {}
    return Publishing(int(data.get("changes_page_entries", 500)), int(data.get("feed_entries", 100)),
                      str(publisher.get("name") or "Oxytocin evidence"))
