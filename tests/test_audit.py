"""Source-article audits: each verdict's rule, the quote length, and every quote against its article."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, check
from gradedclaims import audit, auditrules, quotes

ARTICLE = "claims/audit/article.yml"
SEEDS = ROOT.parent / "shared" / "seeds"  # the shared folder beside the project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def audit_errors(root: Path) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.code, p.message) for p in check(root) if p.level == "error" and p.path == ARTICLE]


def plant(root: Path, verdict: str, claims: str, comment: str = "") -> None:
    edit(root / ARTICLE, "    verdict: weak\n    claims: [in-oxt-trust-trial]\n",
         f"    verdict: {verdict}\n    claims: {claims}\n" + (f"    comment: {comment}\n" if comment else ""))


def test_the_verdict_rules_are_read_from_the_schema():
    rules = auditrules.load()
    assert set(rules.verdicts) == set(audit.VERDICT_LABELS)
    assert rules.verdicts["contradicted"].min_certainty == "moderate"
    assert rules.verdicts["animals-only"].forbid_populations == ("human", "mixed")
    assert rules.verdicts["unsupported"].needs_comment and rules.verdicts["unsupported"].min_claims == 0


@pytest.mark.parametrize("verdict", ["contradicted", "well-established"])
def test_strong_verdict_on_a_low_certainty_claim_fails_at_the_verdict(good, verdict):
    plant(good, verdict, "[in-oxt-trust-trial]")
    [(line, column, code, message)] = audit_errors(good)
    assert (line, column, code) == (13, 14, "audit-verdict-certainty")
    assert f"is '{verdict}' but its best linked claim, 'in-oxt-trust-trial', is of low certainty" in message


@pytest.mark.parametrize("verdict", ["contradicted", "well-established"])
def test_strong_verdict_carried_by_a_moderate_or_high_claim_passes(good, verdict):
    plant(good, verdict, "[in-oxt-trust-trial, oxtr-estradiol-rat]")
    assert audit_errors(good) == []


def test_animals_only_may_not_link_a_human_claim(good):
    plant(good, "animals-only", "[oxtr-estradiol-rat, in-oxt-trust-trial]")
    [(line, column, code, message)] = audit_errors(good)
    assert (line, column, code) == (14, 34, "audit-verdict-population")
    assert "links claim 'in-oxt-trust-trial', whose population is human" in message


def test_animals_only_with_animal_claims_passes(good):
    plant(good, "animals-only", "[oxtr-estradiol-rat]")
    assert audit_errors(good) == []


@pytest.mark.parametrize("verdict", ["weak", "mixed", "animals-only", "contradicted", "well-established"])
def test_every_verdict_but_unsupported_needs_a_claim(good, verdict):
    plant(good, verdict, "[]", "A comment does not replace a claim.")
    assert [(line, code) for line, _, code, _ in audit_errors(good)] == [(13, "audit-no-claims")]


def test_unsupported_needs_a_comment_saying_what_was_looked_for(good):
    plant(good, "unsupported", "[]")
    assert [(line, code) for line, _, code, _ in audit_errors(good)] == [(13, "audit-unsupported-comment")]


def test_unsupported_with_a_comment_and_no_claim_passes(good):
    plant(good, "unsupported", "[]", "No trial of oxytocin and trust in couples was found.")
    assert audit_errors(good) == []


def test_a_long_quote_is_refused_at_the_quote(good):
    edit(good / ARTICLE, "quote: Oxytocin reliably increases trust.", "quote: " + "word " * 46)
    [(line, column, code, message)] = audit_errors(good)
    assert (line, column, code) == (10, 12, "audit-quote-too-long")
    assert "has 46 words; at most 45" in message


def test_a_locator_without_a_paragraph_is_refused(good):
    edit(good / ARTICLE, "locator: Trust, paragraph 1", "locator: Trust")
    [(line, _, code, _)] = audit_errors(good)
    assert (line, code) == (11, "invalid-format")


def test_the_old_paraphrase_field_is_refused(good):
    edit(good / ARTICLE, "quote: Oxytocin reliably increases trust.", "assertion: Oxytocin reliably increases trust.")
    assert {code for _, _, code, _ in audit_errors(good)} == {"missing-field", "unknown-field"}


def test_a_found_reference_needs_a_bibliography_entry_or_a_record(good):
    edit(good / ARTICLE, "    record: https://example.org/catalogue/roe-textbook\n", "")
    [(line, _, code, message)] = audit_errors(good)
    assert (line, code, message) == (22, "missing-field", "a required field is missing")


def test_a_record_must_be_a_web_address(good):
    edit(good / ARTICLE, "record: https://example.org/catalogue/roe-textbook", "record: javascript:alert(1)")
    [(line, _, code, _)] = audit_errors(good)
    assert (line, code) == (24, "invalid-format")


# ---- quotes against the article text

ARTICLE_TEXT = ("Opening words of the piece.\n\nDosing\n\nWomen get 10 \u221e 20 units (0.1 \u221e 0.2ml) weekly. "
                "It\u00e2\u20ac\u2122s \u201ctypical\u201d  here.\nSafety\nNothing   else.\n")


@pytest.mark.parametrize("quote", [
    "Women get 10-20 units (0.1-0.2ml) weekly.",            # the article's dash symbol read as a dash
    "Women get 10 \u2013 20 units (0.1\u20130.2ml) weekly.",  # any dash, spaced or not
    "It\u2019s \"typical\" here.",                           # mojibake repaired, curly quotes folded
    "Women get ... weekly. It's",                            # words left out with an ellipsis
])
def test_quote_found_after_normalising(quote):
    assert quotes.check(ARTICLE_TEXT, quote, "Dosing, paragraph 1") == ""


@pytest.mark.parametrize("quote, locator, problem", [
    ("Women get 10-25 units", "Dosing, paragraph 1", "not in the article: 'Women get 10-25 units'"),
    ("weekly. ... Women get", "Dosing, paragraph 1", "not in the article: 'Women get'"),  # parts out of order
    ("Women get 10-20 units", "Safety, paragraph 1", "the quote stands before the heading 'Safety'"),
    ("Women get 10-20 units", "Dose, paragraph 1", "the heading 'Dose' is not a line of the article"),
    ("Women get 10-20 units", "Dosing", "the locator 'Dosing' is not '<heading>, paragraph N'"),
])
def test_quote_or_locator_that_does_not_match_is_named(quote, locator, problem):
    assert quotes.check(ARTICLE_TEXT, quote, locator).startswith(problem)


def test_opening_locator_needs_no_heading():
    assert quotes.check(ARTICLE_TEXT, "Opening words", "Opening, paragraph 1") == ""


def test_every_audit_quote_is_in_its_source_article():
    if not SEEDS.is_dir():
        pytest.skip(f"source articles not found at {SEEDS} (the shared seeds folder beside the project): "
                    "audit quotes were not checked")
    files = sorted((ROOT / "claims" / "audit").glob("*.yml"))
    assert files
    wrong, checked = [], 0
    for path in files:
        loaded = audit.parse(path.read_text("utf-8"), path.name)
        assert loaded.problems == [] and loaded.source, path
        article = (SEEDS / loaded.source).read_text("utf-8")
        for a in loaded.assertions:
            checked += 1
            problem = quotes.check(article, a.quote, a.locator)
            if problem:
                wrong.append(f"{path.name}:{a.pos.line}: {a.id}: {problem}")
    assert checked > 0
    assert wrong == []
