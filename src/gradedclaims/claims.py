"""The claim model, built from schema-checked YAML with every field's position kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import appraisal as appraisal_mod
from . import memo, schema, textfile, yamlload
from .problems import Problem, error
from .yamlload import Mapping, Pos


@dataclass(frozen=True)
class Source:
    ref: str
    relation: str
    locator: str
    pos: Pos


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    pos: Pos


@dataclass
class Claim:
    id: str
    statement: str
    topic: str
    sources: list[Source]
    certainty: str
    design: str
    population: str
    species: list[str]
    rationale: str
    caveats: str
    status: str
    reviewed: str
    hormone: str
    outcome: str
    waivers: list[Waiver]
    path: str
    pos: Pos
    as_of: str = ""  # the day a dated fact (a regulatory status) was last confirmed
    notices: tuple[str, ...] = ()  # safety notices for the page sections that cite it
    plain: str = ""  # the finding in plain words, for readers with no science background
    appraisal: appraisal_mod.Appraisal | None = None  # the structured GRADE judgments
    field_pos: dict[str, Pos] = field(default_factory=dict)
    fingerprint: tuple = field(init=False, repr=False, compare=False)

    def at(self, name: str) -> Pos:
        """Where a field was written (falls back to the claim's first line)."""
        return self.field_pos.get(name, self.pos)

    @property
    def supporting(self) -> list[Source]:
        return [s for s in self.sources if s.relation == "supports"]

    def __post_init__(self):
        # What checks of other files (pages citing it) read from this claim: a page's check
        # result can be reused while every claim it cites has the same fingerprint.
        self.fingerprint = (self.id, self.statement, self.certainty, self.design, self.population,
                            tuple(self.species), self.status, tuple(w.rule for w in self.waivers), self.as_of,
                            self.notices, self.plain, self.appraisal.ratings() if self.appraisal else None)


@dataclass
class ClaimsFile:
    path: str
    claims: list[Claim]
    # Ids of claims that failed the schema: not in the model, but not "unknown" either.
    invalid_ids: dict[str, Pos]
    problems: list[Problem]
    digest: str = ""  # of the text it was parsed from (memo keys)


def _build(raw: Mapping, path: str) -> Claim:
    evidence: Mapping = raw["evidence"]
    field_pos = dict(raw.value_pos)
    place_pos = raw["map"].value_pos if isinstance(raw.get("map"), Mapping) else {}
    field_pos.update({f"map.{name}": pos for name, pos in place_pos.items()})
    for name in evidence:
        field_pos[f"evidence.{name}"] = evidence.value_pos[name]
    sources = [
        Source(s["ref"], s["relation"], s.get("locator", ""), raw["sources"].item_pos[i])
        for i, s in enumerate(raw["sources"])
    ]
    waivers = [
        Waiver(w["rule"], w["reason"], raw["waivers"].item_pos[i])
        for i, w in enumerate(raw.get("waivers", []))
    ]
    place = raw.get("map", {})
    return Claim(
        id=raw["id"],
        statement=" ".join(raw["statement"].split()),
        topic=raw["topic"],
        sources=sources,
        certainty=evidence["certainty"],
        design=evidence["design"],
        population=evidence["population"],
        species=list(evidence.get("species", [])),
        rationale=" ".join(evidence["rationale"].split()),
        caveats=" ".join(raw.get("caveats", "").split()),
        status=raw["status"],
        reviewed=raw["reviewed"],
        hormone=place.get("hormone", ""),
        outcome=place.get("outcome", ""),
        waivers=waivers,
        path=path,
        as_of=raw.get("as_of", ""),
        notices=tuple(raw.get("notices", ())),
        plain=" ".join(raw.get("plain", "").split()),
        appraisal=appraisal_mod.build(evidence.get("appraisal")),
        pos=raw.pos,
        field_pos=field_pos,
    )


@memo.digested
def parse(text: str, display: str) -> ClaimsFile:
    loaded = yamlload.loads(text, display)
    problems = list(loaded.problems)
    data = loaded.data
    if data is None and not problems:
        problems.append(error(display, 0, 0, "empty-file", "the file is empty",
                              "a claims file is a mapping with a 'claims:' list; delete the file if it is not needed"))
    if data is None:
        return ClaimsFile(display, [], {}, problems)
    schema_problems, bad_paths = schema.checker("claims.schema.json", "claims", "claim").check(data, display)
    problems.extend(schema_problems)
    claims, invalid = [], {}
    raw_claims = data.get("claims") if isinstance(data, Mapping) else None
    if isinstance(raw_claims, list):
        bad_items = {p[1] for p in bad_paths if len(p) >= 2 and p[0] == "claims"}
        for i, raw in enumerate(raw_claims):
            if i in bad_items or not isinstance(raw, Mapping):
                if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
                    invalid[raw["id"]] = raw.pos
                continue
            claims.append(_build(raw, display))
    return ClaimsFile(display, claims, invalid, problems)


def load(path: Path, display: str, reader: textfile.Reader, limit: int = textfile.MAX_BYTES) -> ClaimsFile:
    """The parsed file, read only if `reader` allows it (a regular file inside the repository)."""
    text, problem = reader.read(path, display, limit)
    if text is None:
        return ClaimsFile(display, [], {}, [problem])
    return memo.remember("claims-file", display, text, lambda: parse(text, display))
