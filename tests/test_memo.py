"""Remembered results (what makes `mkdocs serve` rebuilds cheap) must never differ from a fresh
check: after each kind of edit, the check that reuses results equals one computed from nothing,
and files the edit did not touch are not parsed again."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import check
from gradedclaims import claims, memo, pages


def fresh(root: Path):
    memo.forget()
    return check(root)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_remember_reuses_for_the_same_key_only():
    memo.forget()
    calls = []
    make = lambda value: lambda: calls.append(value) or value  # noqa: E731
    assert memo.remember("t", "a", "k1", make(1)) == 1
    assert memo.remember("t", "a", "k1", make(2)) == 1  # same key: reused
    assert memo.remember("t", "a", "k2", make(3)) == 3  # new key replaces the slot
    assert memo.remember("t", "a", "k1", make(4)) == 4  # the old key is gone: one result per slot
    assert memo.remember("t", "b", "k1", make(5)) == 5  # another file has its own slot
    assert calls == [1, 3, 4, 5]


EDITS = {
    "statement loses its hedge": ("claims/basics.yml", "may slightly increase trust.", "slightly increases trust."),
    "claim withdrawn": ("claims/basics.yml", "status: current", "status: withdrawn"),
    "unknown reference": ("claims/basics.yml", "ref: smith2020trial", "ref: smith2020trail"),
    "waiver added": ("claims/basics.yml", "    caveats: Not replicated.",
                     "    caveats: Not replicated.\n    waivers:\n      - rule: wording-drift\n        reason: test"),
    "schema error": ("claims/basics.yml", "certainty: low", "certainty: lowish"),
    "page sentence drifts": ("docs/index.md", "may slightly increase trust.", "may not increase trust."),
    "unknown claim on a page": ("docs/index.md", "[claim:in-oxt-trust-trial]", "[claim:in-oxt-trust-trail]"),
    "reference design changed": ("references.bib", "design       = {rct}", "design       = {cohort}"),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_reused_results_equal_a_fresh_check_after_each_edit(good, name):
    rel, old, new = EDITS[name]
    before = check(good)  # remembers every unit
    edit(good / rel, old, new)
    reused = check(good)
    assert reused == fresh(good)
    assert reused != before, "the edit should change what the check reports"


def test_duplicate_id_in_a_new_file_is_reported_the_same_way(good):
    check(good)
    basics = (good / "claims" / "basics.yml").read_text("utf-8")
    first_claim = basics.split("\n\n")[0].replace("topic: basics", "topic: another")
    (good / "claims" / "another.yml").write_text(first_claim + "\n", "utf-8")
    reused = check(good)
    assert reused == fresh(good)
    assert any(p.code == "duplicate-id" for p in reused)


def test_an_edit_to_one_page_parses_no_claims_file_again(good, monkeypatch):
    check(good)
    parsed = []
    real_claims, real_page = claims.parse, pages.parse
    monkeypatch.setattr(claims, "parse", lambda *a: parsed.append(a[1]) or real_claims(*a))
    monkeypatch.setattr(pages, "parse", lambda *a: parsed.append(a[1]) or real_page(*a))
    edit(good / "docs" / "index.md", "# Test site", "# Test site, edited")
    check(good)
    assert parsed == ["docs/index.md"]
