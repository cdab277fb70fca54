"""Property-based tests: fmt and new-claim never drop or alter a comment or a value, and fmt
is idempotent, on generated claims files with comments in many places."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gradedclaims import fmt, scaffold

TEXT = st.text(alphabet=st.sampled_from(list("abcdefgh xyz.,;:#'\"-()αé%&*!?[]{}|>") ), min_size=1, max_size=140)
WORDS = st.lists(st.sampled_from(["oxytocin", "may", "increase", "trust", "in", "rats", "probably", "the",
                                  "plasma", "level:", "#1", "'quoted'", "\"dq\"", "– dash", "100%"]),
                 min_size=1, max_size=40).map(" ".join)
VALUE = st.one_of(TEXT, WORDS)
KEYS = ["id", "topic", "statement", "sources", "evidence", "caveats", "status", "reviewed"]


@st.composite
def claims_file(draw):
    n = draw(st.integers(1, 4))
    lines, comments, counter = ["claims:"], [], 0

    def comment() -> str:
        nonlocal counter
        counter += 1
        text = f"# note-{counter} {draw(st.sampled_from(['', 'x: y', 'keep', 'ünïcode']))}".rstrip()
        comments.append(text)
        return text

    for i in range(n):
        if draw(st.booleans()):
            lines.append("  " + comment())
        keys = draw(st.permutations(KEYS))
        first = True
        for key in keys:
            prefix = "  - " if first else "    "
            first = False
            eol = ("  " + comment()) if draw(st.booleans()) else ""
            if key == "sources":
                lines.append(f"{prefix}sources:{eol}")
                lines.append(f"      - ref: key{i}")
                lines.append("        relation: supports")
                if draw(st.booleans()):
                    lines.append(f"        locator: {json.dumps(draw(VALUE), ensure_ascii=False)}")
            elif key == "evidence":
                lines.append(f"{prefix}evidence:{eol}")
                for ek in draw(st.permutations(["certainty", "design", "population", "rationale"])):
                    value = {"certainty": "low", "design": "rct", "population": "human"}.get(ek) or json.dumps(draw(VALUE), ensure_ascii=False)
                    lines.append(f"      {ek}: {value}")
            elif key == "reviewed":
                lines.append(f"{prefix}reviewed: 2026-01-1{i}{eol}")
            elif key == "id":
                lines.append(f"{prefix}id: claim-{i}{eol}")
            else:
                lines.append(f"{prefix}{key}: {json.dumps(draw(VALUE), ensure_ascii=False)}{eol}")
    if draw(st.booleans()):
        lines.append(comment())
    return "\n".join(lines) + "\n", comments


def comment_count(text: str, comment: str) -> int:
    return text.count(comment)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims_file())
def test_fmt_keeps_every_value_and_comment_and_is_idempotent(case):
    text, comments = case
    out = fmt.format_yaml(text)
    assert yaml.safe_load(out) == yaml.safe_load(text)
    for c in comments:
        assert comment_count(out, c) == comment_count(text, c), c
    assert fmt.format_yaml(out) == out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims_file(), VALUE, VALUE)
def test_new_claim_insertion_changes_nothing_else(case, statement, rationale):
    text, comments = case
    claim = {"id": "new-claim", "topic": "t", "statement": " ".join(statement.split()) or "x",
             "sources": [{"ref": "k", "relation": "supports", "locator": ""}],
             "evidence": {"certainty": "low", "design": "rct", "population": "human", "species": [],
                          "rationale": " ".join(rationale.split()) or "r"},
             "status": "current", "reviewed": "2026-01-20"}
    out = scaffold.insert_claim(text, scaffold.claim_block(claim))
    assert out.startswith(text)
    before, after = yaml.safe_load(text)["claims"], yaml.safe_load(out)["claims"]
    assert after[:-1] == before
    added = after[-1]
    assert added["statement"] == claim["statement"] and added["evidence"]["rationale"] == claim["evidence"]["rationale"]
    for c in comments:
        assert comment_count(out, c) == comment_count(text, c)
