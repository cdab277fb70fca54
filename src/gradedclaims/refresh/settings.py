"""The site's schema/refresh.yml (else the packaged default), overridable from the command line and REFRESH_MAILTO (forks, CI)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import sitefiles



@dataclass(frozen=True)
class Settings:
    mailto: str
    tool: str
    crossref_url: str
    pubmed_url: str
    requests_per_second: float
    timeout_seconds: float
    retries: int
    backoff_seconds: float
    cache_dir: str
    cache_days: float
    pubmed_batch: int


def load(path: Path | None = None, **overrides) -> Settings:
    data = yaml.safe_load((path or sitefiles.path("refresh.yml")).read_text("utf-8")) or {}
    if os.environ.get("REFRESH_MAILTO"):
        data["mailto"] = os.environ["REFRESH_MAILTO"]
    data.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(
        mailto=str(data["mailto"]), tool=str(data["tool"]),
        crossref_url=str(data["crossref_url"]).rstrip("/"), pubmed_url=str(data["pubmed_url"]).rstrip("/"),
        requests_per_second=float(data["requests_per_second"]), timeout_seconds=float(data["timeout_seconds"]),
        retries=int(data["retries"]), backoff_seconds=float(data["backoff_seconds"]),
        cache_dir=str(data["cache_dir"]), cache_days=float(data["cache_days"]), pubmed_batch=int(data["pubmed_batch"]),
    )
