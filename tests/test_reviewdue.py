"""Reviews falling due (schema/policy.yml review_months, shorter per topic): a warning located at
the claim's `reviewed` date, a "Due for review" section of the register and a note on the claim
page, all relative to the build's date (SOURCE_DATE_EPOCH, pinned to 2023-11-14 in conftest)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import check, mkdocs_build
from gradedclaims import policy, project, reviewdue
from gradedclaims.dates import add_months
from gradedclaims.render import claimpage, register
from gradedclaims.render.model import SiteModel

BUILD_DAY = dt.date(2023, 11, 14)


def set_reviewed(root, claim_id: str, day: str) -> None:
    path = root / "claims/basics.yml"
    text = path.read_text()
    start = text.index(f"id: {claim_id}\n")
    at = text.index("reviewed: 2026-01-15", start)
    path.write_text(text[:at] + f"reviewed: {day}" + text[at + len("reviewed: 2026-01-15"):])


def test_the_policy_file_sets_24_months_and_12_for_therapies():
    p = policy.load()
    assert (p.review_months_for("basics"), p.review_months_for("therapies")) == (24, 12)


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(dt.date(2021, 11, 14), 24) == dt.date(2023, 11, 14)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 12, 31), 14) == dt.date(2025, 2, 28)


def test_overdue_claim_is_a_located_warning(good):
    set_reviewed(good, "in-oxt-trust-trial", "2021-11-13")  # due 2023-11-13, the day before the build
    set_reviewed(good, "oxt-nonapeptide", "2021-11-15")  # due the day after the build: not yet
    (p,) = [p for p in check(good) if p.code == "review-due"]
    assert (p.path, p.line, p.column, p.level) == ("claims/basics.yml", 53, 15, "warning")
    assert p.message == ("claim 'in-oxt-trust-trial' was last reviewed on 2021-11-13; topic 'basics' is reviewed "
                         "every 24 months, so a review has been due since 2023-11-13")
    assert [q for q in check(good) if q.level == "error"] == []


def test_due_on_the_day_itself(good):
    set_reviewed(good, "in-oxt-trust-trial", "2021-11-14")
    assert [p.code for p in check(good) if p.level == "warning"] == ["review-due"]


def test_topic_override_shortens_the_interval(good, monkeypatch):
    set_reviewed(good, "in-oxt-trust-trial", "2022-10-01")  # 13 months before the build
    proj = project.load(good)
    claim = proj.claims["in-oxt-trust-trial"]
    strict = dataclasses.replace(policy.load(), review_topics={"basics": 12})
    assert reviewdue.due_since(claim, policy.load(), BUILD_DAY) is None
    assert reviewdue.due_since(claim, strict, BUILD_DAY) == dt.date(2023, 10, 1)
    assert [p.code for p in reviewdue.check(claim, strict, BUILD_DAY)] == ["review-due"]


def test_build_date_follows_source_date_epoch(good, monkeypatch):
    set_reviewed(good, "in-oxt-trust-trial", "2022-10-01")
    assert [p for p in check(good) if p.code == "review-due"] == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15
    assert [p.line for p in check(good) if p.code == "review-due"] == [53]


def test_withdrawn_claims_are_not_due(good):
    set_reviewed(good, "in-oxt-trust-trial", "2001-01-01")
    proj = project.load(good)
    claim = dataclasses.replace(proj.claims["in-oxt-trust-trial"], status="withdrawn")
    assert reviewdue.due_since(claim, policy.load(), BUILD_DAY) is None


def test_register_section_and_claim_page(good):
    set_reviewed(good, "in-oxt-trust-trial", "2020-03-01")
    set_reviewed(good, "oxtr-estradiol-rat", "2019-06-30")
    model = SiteModel(project.load(good))
    assert model.today == BUILD_DAY
    section = register.due_for_review(model)
    assert "<caption>2 claims are due for review</caption>" in section
    # oldest first, with the day each fell due
    assert section.index("oxtr-estradiol-rat") < section.index("in-oxt-trust-trial")
    assert '<time datetime="2021-06-30">2021-06-30</time>' in section
    assert "oxt-nonapeptide" not in section
    page = claimpage.body(model.project.claims["in-oxt-trust-trial"], model, [])
    assert ('<strong>Review due</strong> since <time datetime="2022-03-01">2022-03-01</time> '
            "(claims on basics are reviewed every 24 months)") in page
    fresh = claimpage.body(model.project.claims["oxt-nonapeptide"], model, [])
    assert "Review due" not in fresh


def test_register_says_when_nothing_is_due(good):
    assert "No claim is due for review at this build." in register.due_for_review(SiteModel(project.load(good)))


def test_built_register_lists_the_overdue_claim(good):
    set_reviewed(good, "in-oxt-trust-trial", "2020-03-01")
    result = mkdocs_build(good)
    assert result.returncode == 0, result.stderr  # a warning does not fail the strict build
    html = (good / "site/register/index.html").read_text()
    section = html[html.index('id="due-for-review"'):html.index('id="all-claims"')]
    assert '<caption>1 claim is due for review</caption>' in section
    assert 'href="../claims/in-oxt-trust-trial/"' in section
    claim_page = (good / "site/claims/in-oxt-trust-trial/index.html").read_text()
    assert "Review due" in claim_page
