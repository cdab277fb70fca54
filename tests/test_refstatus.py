"""Reference status (retracted, withdrawn, corrected, expression of concern): the validator's
rules on references.bib and on the claims resting on them, and how the site marks them."""

from __future__ import annotations

import json

import pytest

from conftest import check, run_cli
from retracted import add_second_source, set_status

from gradedclaims import project
from gradedclaims.render import claimpage, records, refs
from gradedclaims.render.model import SiteModel


def problems(root, level="error"):
    return [(p.path, p.line, p.column, p.code) for p in check(root) if p.level == level]


def test_retraction_of_the_only_source_fails_check_with_a_located_message(good):
    set_status(good, "smith2020trial", "retracted")
    result = run_cli("--root", str(good))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        "claims/basics.yml:31:7: [error] claim 'in-oxt-trust-trial' rests only on retracted or withdrawn "
        "sources: 'smith2020trial' (retracted) (sources-retracted)",
        "    hint: cite evidence that still stands and regrade the claim, or set status: withdrawn",
    ]
    assert "Traceback" not in result.stderr


def test_withdrawn_only_source_is_an_error_too(good):
    set_status(good, "lee2019rats", "withdrawn")
    assert problems(good) == [("claims/basics.yml", 59, 7, "sources-retracted")]


def test_a_waiver_does_not_cover_a_claim_with_no_standing_source(good):
    set_status(good, "smith2020trial", "retracted")
    add_second_source(good, "retracted", waive=True)
    assert ("claims/basics.yml", 31, 7, "sources-retracted") in problems(good)


def test_one_retracted_source_among_others_is_an_error_at_that_source(good):
    add_second_source(good, "retracted", waive=False)
    (p,) = [p for p in check(good) if p.level == "error"]
    assert (p.path, p.line, p.column, p.code) == ("claims/basics.yml", 34, 9, "retracted-source")
    assert "'jones2021trust', which was retracted (notice '10.1000/jt.2022.900')" in p.message
    assert "waive 'retracted-source'" in p.hint


def test_waived_retracted_source_passes_and_the_waiver_counts_as_used(good):
    add_second_source(good, "retracted", waive=True)
    assert problems(good) == []
    assert problems(good, "warning") == []


def test_waiver_with_nothing_retracted_is_unused(good):
    add_second_source(good, "", waive=True)
    assert [c for *_, c in problems(good)] == ["waiver-unused"]


@pytest.mark.parametrize("status", ["corrected", "expression-of-concern"])
def test_corrected_or_concern_is_shown_not_refused(good, status):
    set_status(good, "smith2020trial", status)
    assert check(good) == []


@pytest.mark.parametrize("fields, expected", [
    ("  status = {retraced},\n  status_notice = {10.1000/x},\n  status_checked = {2026-11-30},\n",
     ("references.bib", 16, 3, "invalid-value")),
    ("  status = {retracted},\n  status_checked = {2026-11-30},\n",
     ("references.bib", 16, 3, "missing-status-notice")),
    ("  status = {retracted},\n  status_notice = {javascript:alert(1)},\n  status_checked = {2026-11-30},\n",
     ("references.bib", 17, 3, "invalid-status-notice")),
    ("  status = {corrected},\n  status_notice = {10.1000/x},\n  status_checked = {30/11/2026},\n",
     ("references.bib", 18, 3, "invalid-date")),
    ("  status_notice = {10.1000/x},\n", ("references.bib", 16, 3, "missing-status")),
])
def test_status_fields_are_checked_in_the_bibliography(good, fields, expected):
    bib = good / "references.bib"
    bib.write_text(bib.read_text().replace("  verified_on  = {2026-01-15},\n}", "  verified_on  = {2026-01-15},\n" + fields + "}", 1))
    found = [p for p in problems(good) if p[0] == "references.bib"]
    assert found == [expected]


def test_marks_render_escaped_with_notice_and_date(good):
    set_status(good, "smith2020trial", "corrected", notice="https://example.org/notice?a=1&b=<2>")
    set_status(good, "lee2019rats", "expression-of-concern", notice="10.1000/eoc<script>")
    model = SiteModel(project.load(good))
    bib = model.project.bibliography
    smith = refs.citation_html(bib.lookup("smith2020trial"))
    assert "notice https://example.org/notice?a=1&amp;b=&lt;2&gt;" in smith and "notice</a>" not in smith
    assert "<strong>Corrected</strong>" in smith and '(checked <time datetime="2026-11-30">2026-11-30</time>)' in smith
    lee = refs.citation_html(bib.lookup("lee2019rats"))
    # a notice that is not a safe address is shown as text, escaped, not linked
    assert "<strong>Expression of concern</strong>: notice 10.1000/eoc&lt;script&gt;" in lee
    assert "<script>" not in lee and "notice</a>" not in lee
    page = claimpage.body(model.project.claims["in-oxt-trust-trial"], model, [])
    assert 'class="admonition note oxy-claim__pubstatus"' in page and "A cited source has a published notice" in page
    record = records.reference_record(model, "lee2019rats")
    assert (record["status"], record["status_checked"]) == ("expression-of-concern", "2026-11-30")
    assert record["status_notice"] == "10.1000/eoc<script>" and record["status_notice_url"] is None
    assert "[Corrected; notice: https://example.org/notice?a=1&b=<2>]" in claimpage.clinical_note(
        model.project.claims["in-oxt-trust-trial"], model)
    json.dumps(record)


def test_claim_page_warns_of_a_retracted_supporting_source(good):
    add_second_source(good, "retracted", waive=True)
    model = SiteModel(project.load(good))
    page = claimpage.body(model.project.claims["in-oxt-trust-trial"], model, [])
    assert 'class="admonition danger oxy-claim__pubstatus"' in page
    assert "A source supporting this claim was retracted or withdrawn" in page
    assert '<a href="https://doi.org/10.1000/jt.2022.900" rel="noopener noreferrer">see the notice</a>' in page
    other = claimpage.body(model.project.claims["oxt-nonapeptide"], model, [])
    assert "oxy-claim__pubstatus" not in other
