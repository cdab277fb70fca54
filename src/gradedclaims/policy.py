"""Site policy (schema/policy.yml): review intervals (of dated facts and of claims) and the texts
of safety notices.

Kept in one file so that the wording of a safety notice is written once and every page gets it
from the template, never by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from . import sitefiles

PAGE_NOTICE = "not-medical-advice"


@dataclass(frozen=True)
class Notice:
    title: str
    text: str


@dataclass(frozen=True)
class Policy:
    status_review_days: int = 183
    notices: dict[str, Notice] = field(default_factory=dict)
    source_max_age_years: int = 15  # a clinical claim's newest source
    guideline_max_age_years: int = 10
    review_months: int = 24  # a claim's `reviewed` date falls due after this
    review_topics: dict[str, int] = field(default_factory=dict)  # shorter (or longer) intervals by topic

    def review_months_for(self, topic: str) -> int:
        return self.review_topics.get(topic, self.review_months)


def load(path: Path | None = None) -> Policy:
    """The site's policy file (schema/policy.yml, else the packaged default)."""
    return _load(path or sitefiles.path("policy.yml"))


@lru_cache(maxsize=None)
def _load(path: Path) -> Policy:
    """The policy file is the project's own configuration (reviewed like code), read once."""
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    notices = {name: Notice(" ".join(n["title"].split()), " ".join(n["text"].split()))
               for name, n in (data.get("notices") or {}).items()}
    if PAGE_NOTICE not in notices:
        raise ValueError(f"{path}: the '{PAGE_NOTICE}' notice must be defined")
    sources = data.get("source_policy") or {}
    return Policy(int(data.get("status_review_days", 183)), notices,
                  int(sources.get("source_max_age_years", 15)), int(sources.get("guideline_max_age_years", 10)),
                  int(data.get("review_months", 24)),
                  {str(topic): int(months) for topic, months in (data.get("review_topics") or {}).items()})
