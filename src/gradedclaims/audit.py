"""Source-article audits: data files under claims/audit/, validated like the register."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import memo, schema, textfile, yamlload
from .problems import Problem, error
from .yamlload import Mapping, Pos

VERDICT_LABELS = {
    "well-established": "Well established",
    "animals-only": "Shown in animals only",
    "mixed": "Mixed or contested",
    "weak": "Weak or speculative",
    "unsupported": "Unsupported",
    "contradicted": "Contradicted",
}

STATUS_LABELS = {
    "found": "Record found",
    "details-wrong": "Details wrong",
    "not-found": "No record found",
}


@dataclass(frozen=True)
class Assertion:
    id: str
    quote: str
    locator: str
    restatement: str
    verdict: str
    claims: tuple[str, ...]
    claim_pos: tuple[Pos, ...]
    comment: str
    pos: Pos
    field_pos: dict[str, Pos] = field(default_factory=dict)

    def at(self, name: str) -> Pos:
        """Where a field was written (falls back to the assertion's first line)."""
        return self.field_pos.get(name, self.pos)


@dataclass(frozen=True)
class CitedReference:
    cited: str
    status: str
    ref: str
    record: str
    errors: str
    searched: str
    pos: Pos


@dataclass
class AuditFile:
    path: str
    id: str
    title: str
    kind: str
    source: str
    summary: str
    reviewed: str
    assertions: list[Assertion]
    references: list[CitedReference]
    problems: list[Problem]


def _text(value) -> str:
    return " ".join(str(value).split())


def parse(text: str, display: str) -> AuditFile:
    loaded = yamlload.loads(text, display)
    problems = list(loaded.problems)
    data = loaded.data
    empty = AuditFile(display, "", "", "", "", "", "", [], [], problems)
    if data is None:
        if not problems:
            problems.append(error(display, 0, 0, "empty-file", "the audit file is empty"))
        return empty
    schema_problems, _ = schema.checker("audit.schema.json", "audit", "assertion").check(data, display)
    problems.extend(schema_problems)
    if schema_problems:
        return empty
    article: Mapping = data["article"]
    assertions = [
        Assertion(
            id=a["id"], quote=_text(a["quote"]), locator=_text(a["locator"]),
            restatement=_text(a.get("restatement", "")), verdict=a["verdict"],
            claims=tuple(a["claims"]), claim_pos=tuple(a["claims"].item_pos), comment=_text(a.get("comment", "")),
            pos=data["assertions"].item_pos[i], field_pos=dict(a.value_pos),
        )
        for i, a in enumerate(data["assertions"])
    ]
    references = [
        CitedReference(
            cited=_text(r["cited"]), status=r["status"], ref=r.get("ref", ""), record=r.get("record", ""),
            errors=_text(r.get("errors", "")), searched=_text(r.get("searched", "")),
            pos=data["references"].item_pos[i],
        )
        for i, r in enumerate(data["references"])
    ]
    return AuditFile(display, article["id"], _text(article["title"]), _text(article["kind"]), article["source"],
                     _text(article["summary"]), article["reviewed"], assertions, references, problems)


def load(path: Path, display: str, reader: textfile.Reader, limit: int = textfile.MAX_BYTES) -> AuditFile:
    """The parsed file, read only if `reader` allows it (a regular file inside the repository)."""
    text, problem = reader.read(path, display, limit)
    if text is None:
        return AuditFile(display, "", "", "", "", "", "", [], [], [problem])
    return memo.remember("audit-file", display, text, lambda: parse(text, display))
