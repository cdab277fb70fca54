"""The evidence map's axes, from the site's schema/evidence-map.yml: the values a claim's
`map: {hormone, outcome}` may take and the labels the register shows for them. The topic's
vocabulary is the site's, not the library's; a value the site does not list is a located error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from . import sitefiles
from .problems import Problem, error

FILE = "evidence-map.yml"
AXES = ("hormone", "outcome")  # the keys of a claim's map: rows, then columns


@dataclass(frozen=True)
class Axis:
    key: str
    label: str
    values: dict[str, str] = field(default_factory=dict)  # value -> label, in display order


@dataclass(frozen=True)
class EvidenceMap:
    rows: Axis
    columns: Axis

    def axes(self) -> tuple[Axis, Axis]:
        return self.rows, self.columns


def load(path: Path | None = None) -> EvidenceMap:
    return _load(path or sitefiles.path(FILE))


@lru_cache(maxsize=None)
def _load(path: Path) -> EvidenceMap:
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    axes = []
    for key in AXES:
        raw = data.get(key) or {}
        values = {str(v): str(label) for v, label in (raw.get("values") or {}).items()}
        axes.append(Axis(key, str(raw.get("label") or key.capitalize()), values))
    return EvidenceMap(*axes)


def check(claim, emap: EvidenceMap) -> Iterator[Problem]:
    """A claim's map value must be one the site lists for that axis."""
    for axis, value in zip(emap.axes(), (claim.hormone, claim.outcome)):
        if value and value not in axis.values:
            pos = claim.at(f"map.{axis.key}")
            listed = ", ".join(axis.values) or "none: the site lists no values"
            yield error(claim.path, pos.line, pos.column, "unknown-map-value",
                        f"claim '{claim.id}' has {axis.key} '{value}', which is not on the evidence map",
                        f"use one of: {listed} (or add it, with its label, to {sitefiles.SITE_DIR}/{FILE})")
