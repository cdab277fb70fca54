"""Intervention records: claims/interventions/<id>.yml, one per drug, hormone product or peptide.

A record names no finding of its own. It groups register claims by role (regulatory status per
jurisdiction, benefits, harms) so that the validator can require harms and status beside any
benefit, and the site can draw a summary-of-findings table from the claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import memo, schema, textfile, yamlload
from .problems import Problem, error
from .yamlload import Pos


@dataclass(frozen=True)
class Row:
    """One claim in one role: a status (label = jurisdiction), a benefit or a harm (label = outcome)."""

    role: str  # "status", "benefit" or "harm"
    label: str
    claim: str
    principal: bool
    pos: Pos


@dataclass
class Intervention:
    id: str
    name: str
    kind: str
    rows: list[Row]
    path: str
    pos: Pos

    def role(self, role: str) -> list[Row]:
        return [r for r in self.rows if r.role == role]

    @property
    def required_beside_benefits(self) -> list[Row]:
        """What a page section must cite wherever it cites a benefit: status and principal harms."""
        return [r for r in self.rows if r.role == "status" or (r.role == "harm" and r.principal)]

    @property
    def claim_ids(self) -> list[str]:
        return list(dict.fromkeys(r.claim for r in self.rows))


@dataclass
class InterventionFile:
    path: str
    intervention: Intervention | None
    problems: list[Problem]
    digest: str = ""  # of the text it was parsed from (memo keys)


@memo.digested
def parse(text: str, display: str) -> InterventionFile:
    loaded = yamlload.loads(text, display)
    problems = list(loaded.problems)
    data = loaded.data
    if data is None:
        if not problems:
            problems.append(error(display, 0, 0, "empty-file", "the intervention file is empty",
                                  "an intervention file is a mapping with id, name, kind, status and harms"))
        return InterventionFile(display, None, problems)
    schema_problems, _ = schema.checker("intervention.schema.json", "intervention", "intervention").check(data, display)
    problems.extend(schema_problems)
    if schema_problems:
        return InterventionFile(display, None, problems)
    rows = [Row("status", s["jurisdiction"], s["claim"], True, data["status"].item_pos[i])
            for i, s in enumerate(data["status"])]
    if "benefits" in data:
        rows += [Row("benefit", b["outcome"], b["claim"], False, data["benefits"].item_pos[i])
                 for i, b in enumerate(data["benefits"])]
    rows += [Row("harm", h["outcome"], h["claim"], h["principal"], data["harms"].item_pos[i])
             for i, h in enumerate(data["harms"])]
    return InterventionFile(display, Intervention(data["id"], " ".join(data["name"].split()), data["kind"],
                                                  rows, display, data.pos), problems)


def load(path: Path, display: str, reader: textfile.Reader, limit: int = textfile.MAX_BYTES) -> InterventionFile:
    """The parsed file, read only if `reader` allows it (a regular file inside the repository)."""
    text, problem = reader.read(path, display, limit)
    if text is None:
        return InterventionFile(display, None, [problem])
    return memo.remember("intervention-file", display, text, lambda: parse(text, display))
