"""What an audit verdict requires of the claims it links, and how long a quote may be.

The requirements are written once, in src/gradedclaims/schema/audit.schema.json (the verdict's x-verdict-rules and
the quote's x-max-words), so that the schema documents them and this module only enforces them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .audit import Assertion, AuditFile
from .claims import Claim
from .problems import Problem, error
from .schema import SCHEMA_DIR
from .vocab import CERTAINTY_RANK


@dataclass(frozen=True)
class VerdictRule:
    verdict: str
    requires: str
    min_claims: int
    min_certainty: str = ""
    forbid_populations: tuple[str, ...] = ()
    needs_comment: bool = False


@dataclass(frozen=True)
class AuditRules:
    verdicts: dict[str, VerdictRule]
    max_quote_words: int


@lru_cache(maxsize=None)
def load() -> AuditRules:
    with open(SCHEMA_DIR / "audit.schema.json", encoding="utf-8") as fh:
        item = json.load(fh)["properties"]["assertions"]["items"]["properties"]
    verdicts = {
        name: VerdictRule(name, r["requires"], r["min_claims"], r.get("min_certainty", ""),
                          tuple(r.get("forbid_populations", ())), r.get("needs_comment", False))
        for name, r in item["verdict"]["x-verdict-rules"].items()
    }
    return AuditRules(verdicts, item["quote"]["x-max-words"])


def check(audit: AuditFile, claims: dict[str, Claim], rules: AuditRules | None = None) -> Iterator[Problem]:
    """Each assertion's quote length and verdict rule; unknown claim ids are reported elsewhere."""
    rules = rules or load()
    for a in audit.assertions:
        words = len(a.quote.split())
        if words > rules.max_quote_words:
            pos = a.at("quote")
            yield error(audit.path, pos.line, pos.column, "audit-quote-too-long",
                        f"the quote of assertion '{a.id}' has {words} words; at most {rules.max_quote_words} are allowed",
                        "quote only the words that carry the assertion; leave out the rest with '...'")
        rule = rules.verdicts.get(a.verdict)
        if rule is not None:
            yield from _check_verdict(audit.path, a, rule, claims)


def _check_verdict(path: str, a: Assertion, rule: VerdictRule, claims: dict[str, Claim]) -> Iterator[Problem]:
    where = a.at("verdict")
    if len(a.claims) < rule.min_claims:
        yield error(path, where.line, where.column, "audit-no-claims",
                    f"assertion '{a.id}' is '{a.verdict}' but links no claim",
                    f"{rule.requires} Only an 'unsupported' verdict may link none.")
    if rule.needs_comment and not a.comment:
        yield error(path, where.line, where.column, "audit-unsupported-comment",
                    f"assertion '{a.id}' is '{a.verdict}' but has no comment saying what was looked for",
                    "add a comment: what was searched for (which evidence, in which population) and not found")
    linked = [(cid, pos, claims[cid]) for cid, pos in zip(a.claims, a.claim_pos) if cid in claims]
    if rule.min_certainty and linked:
        # CERTAINTY_RANK counts down from high (0), so the best claim has the lowest rank
        need = CERTAINTY_RANK[rule.min_certainty]
        best = min(linked, key=lambda t: CERTAINTY_RANK.get(t[2].certainty, len(CERTAINTY_RANK)))[2]
        if CERTAINTY_RANK.get(best.certainty, len(CERTAINTY_RANK)) > need:
            yield error(path, where.line, where.column, "audit-verdict-certainty",
                        f"assertion '{a.id}' is '{a.verdict}' but its best linked claim, '{best.id}', is of "
                        f"{best.certainty} certainty; the verdict needs one of at least {rule.min_certainty} certainty",
                        f"{rule.requires} Otherwise choose 'weak' or 'mixed'.")
    for cid, pos, claim in linked:
        if claim.population in rule.forbid_populations:
            yield error(path, pos.line, pos.column, "audit-verdict-population",
                        f"assertion '{a.id}' is '{a.verdict}' but links claim '{cid}', whose population is "
                        f"{claim.population}",
                        f"{rule.requires} Choose 'mixed' or 'weak' where human evidence exists.")
