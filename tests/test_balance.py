"""Treatments shown whole: intervention records, harms and status beside benefits, dated status,
summary-of-findings tables and safety notices, each on a variation of the good fixture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import check, mkdocs_build, run_cli

TODAY = dt.date.today()

STATUS_AND_HARM = """
  - id: oxt-spray-us-status
    topic: basics
    statement: In the United States, no intranasal oxytocin product is approved.
    sources:
      - ref: fda2026label
        relation: supports
        locator: Indications
    evidence:
      certainty: high
      design: regulatory
      population: human
      rationale: The regulator's own record, read directly.
      appraisal: {{start: high, risk_of_bias: no, inconsistency: no, indirectness: no, imprecision: no,
                  publication_bias: no, appraised_by: fixture-appraiser, appraised_on: 2026-01-15}}
    as_of: {as_of}
    status: current
    reviewed: 2026-01-15

  - id: oxt-spray-headache
    topic: basics
    statement: In healthy adults, intranasal oxytocin may cause headache.
    sources:
      - ref: smith2020trial
        relation: supports
        locator: Table 3
    evidence:
      certainty: low
      design: rct
      population: human
      rationale: One small randomised trial; rated down twice for imprecision.
      appraisal: {{start: high, risk_of_bias: no, inconsistency: no, indirectness: no,
                  imprecision: {{rating: very-serious, reason: One trial of 40 adults with wide intervals.}},
                  publication_bias: no, appraised_by: fixture-appraiser, appraised_on: 2026-01-15}}
    notices: [perinatal-mood]
    status: current
    reviewed: 2026-01-15
"""

REGULATOR = """
@misc{fda2026label,
  author       = {{U.S. Food and Drug Administration}},
  title        = {Example label},
  howpublished = {DailyMed},
  year         = {2026},
  url          = {https://dailymed.nlm.nih.gov/dailymed/example},
  design       = {regulatory},
  population   = {human},
  verification = {verified},
  verified_url = {https://dailymed.nlm.nih.gov/dailymed/example},
  verified_on  = {2026-01-15},
}
"""

RECORD = """id: intranasal-oxytocin
name: Intranasal oxytocin
kind: drug
status:
  - jurisdiction: US
    claim: oxt-spray-us-status
benefits:
  - outcome: Trust
    claim: in-oxt-trust-trial
harms:
  - outcome: Headache
    claim: oxt-spray-headache
    principal: true
"""

BALANCED_PAGE = """# Test site

Oxytocin is a peptide hormone made of nine amino acids. [claim:oxt-nonapeptide]

## Intranasal oxytocin

In healthy adults, a single dose of intranasal oxytocin may slightly increase trust. [claim:in-oxt-trust-trial]
In the United States, no intranasal oxytocin product is approved. [claim:oxt-spray-us-status]
In healthy adults, intranasal oxytocin may cause headache. [claim:oxt-spray-headache]

## Rats

In ovariectomised rats, estradiol probably increases oxytocin receptor binding. [claim:oxtr-estradiol-rat]
"""


def add(root: Path, *, as_of: str = "2026-01-15", record: str = RECORD, page: str = BALANCED_PAGE) -> Path:
    claims = root / "claims/basics.yml"
    claims.write_text(claims.read_text() + STATUS_AND_HARM.format(as_of=as_of))
    bib = root / "references.bib"
    bib.write_text(bib.read_text() + REGULATOR)
    (root / "claims/interventions").mkdir()
    (root / "claims/interventions/intranasal-oxytocin.yml").write_text(record)
    (root / "docs/index.md").write_text(page)
    return root


def found(root: Path, level: str = "error") -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in check(root, advisories=False) if p.level == level]


def test_balanced_section_passes(good):
    add(good, as_of=TODAY.isoformat())
    assert check(good, advisories=False) == []


def test_benefit_without_harms_and_status_is_a_located_error(good):
    page = BALANCED_PAGE.replace(
        "In the United States, no intranasal oxytocin product is approved. [claim:oxt-spray-us-status]\n", ""
    ).replace("## Rats\n", "## Rats\n\nIn the United States, no intranasal oxytocin product is approved. [claim:oxt-spray-us-status]\n")
    add(good, as_of=TODAY.isoformat(), page=page)
    (p,) = [p for p in check(good) if p.level == "error"]
    assert (p.path, p.line, p.column, p.code) == ("docs/index.md", 7, 1, "benefit-without-harms")
    assert p.message == ("section 'Intranasal oxytocin' cites benefit claim 'in-oxt-trust-trial' of Intranasal "
                         "oxytocin but not: US status 'oxt-spray-us-status'")
    assert "[summary-of-findings:intranasal-oxytocin]" in p.hint


def test_a_harm_in_another_section_does_not_count(good):
    page = BALANCED_PAGE.replace("In healthy adults, intranasal oxytocin may cause headache. [claim:oxt-spray-headache]\n", "")
    page += "\n## Harms\n\nIn healthy adults, intranasal oxytocin may cause headache. [claim:oxt-spray-headache]\n"
    add(good, as_of=TODAY.isoformat(), page=page)
    (p,) = [p for p in check(good) if p.level == "error"]
    assert p.code == "benefit-without-harms" and "principal harm 'oxt-spray-headache' (Headache)" in p.message


def test_a_non_principal_harm_is_not_required(good):
    add(good, as_of=TODAY.isoformat(), record=RECORD.replace("principal: true", "principal: false"),
        page=BALANCED_PAGE.replace("In healthy adults, intranasal oxytocin may cause headache. [claim:oxt-spray-headache]\n", ""))
    assert found(good) == []


def test_summary_of_findings_table_satisfies_the_rule(good):
    page = BALANCED_PAGE.replace(
        "In the United States, no intranasal oxytocin product is approved. [claim:oxt-spray-us-status]\n"
        "In healthy adults, intranasal oxytocin may cause headache. [claim:oxt-spray-headache]\n",
        "\n[summary-of-findings:intranasal-oxytocin]\n")
    add(good, as_of=TODAY.isoformat(), page=page)
    assert found(good) == []
    # and the table's claims count as used on a page (no unused-claim advisory)
    assert not [p for p in check(good) if p.code == "unused-claim" and "oxt-spray" in p.message]


def test_bad_table_markers(good):
    page = BALANCED_PAGE + "\n[summary-of-findings:intranasal-oxytocn]\n\n[summary-of-findings: spaced out] text\n"
    add(good, as_of=TODAY.isoformat(), page=page)
    problems = [p for p in check(good) if p.level == "error"]
    assert [(p.line, p.code) for p in problems] == [(15, "unknown-intervention"), (17, "marker-malformed")]
    assert problems[0].hint == "did you mean 'intranasal-oxytocin'?"


def test_table_markers_in_code_are_examples(good):
    page = BALANCED_PAGE + "\n```markdown\n[summary-of-findings:not-a-record]\n```\n"
    add(good, as_of=TODAY.isoformat(), page=page)
    assert found(good) == []


def test_page_waiver_needs_a_reason_and_must_be_used(good):
    unbalanced = BALANCED_PAGE.replace(
        "In the United States, no intranasal oxytocin product is approved. [claim:oxt-spray-us-status]\n", "")
    waiver = ("---\nbalance_waivers:\n  - section: Intranasal oxytocin\n    intervention: intranasal-oxytocin\n"
              "    reason: the status is stated in the table further down\n  - section: Rats\n"
              "    intervention: intranasal-oxytocin\n    reason: nothing to waive here at all\n---\n")
    add(good, as_of=TODAY.isoformat(), page=waiver + unbalanced)
    assert found(good) == []
    assert [p.code for p in check(good) if p.level == "warning" and p.path == "docs/index.md"] == ["unused-waiver"]
    (good / "docs/index.md").write_text(waiver.replace("the status is stated in the table further down", "ok") + unbalanced)
    assert ("docs/index.md", 3, "invalid-waiver") in found(good)
    assert ("docs/index.md", 16, "benefit-without-harms") in found(good)


def test_status_claim_needs_as_of_and_a_regulator_record(good):
    add(good, as_of=TODAY.isoformat())
    claims = good / "claims/basics.yml"
    text = claims.read_text().replace(f"    as_of: {TODAY.isoformat()}\n", "").replace(
        "      - ref: fda2026label\n", "      - ref: smith2020trial\n")
    claims.write_text(text.replace("      design: regulatory\n", "      design: rct\n", 1))
    assert [c for _, _, c in found(good)] == ["status-needs-as-of", "status-needs-regulator-record"]


def test_status_falls_due_for_a_recheck(good):
    old = (TODAY - dt.timedelta(days=400)).isoformat()
    add(good, as_of=old)
    (p,) = [p for p in check(good) if p.code == "status-review-due"]
    assert p.level == "warning" and p.path == "claims/basics.yml"
    assert f"was confirmed on {old}, more than 183 days ago" in p.message


def test_as_of_in_the_future_or_unknown_notice_is_an_error(good):
    add(good, as_of=(TODAY + dt.timedelta(days=3)).isoformat())
    claims = good / "claims/basics.yml"
    claims.write_text(claims.read_text().replace("notices: [perinatal-mood]", "notices: [perinatal-mod]"))
    codes = [c for _, _, c in found(good)]
    assert sorted(codes) == ["invalid-date", "unknown-notice"]
    (p,) = [p for p in check(good) if p.code == "unknown-notice"]
    assert p.hint == "did you mean 'perinatal-mood'?"


def test_record_problems_are_located(good):
    add(good, as_of=TODAY.isoformat(), record=RECORD.replace("id: intranasal-oxytocin", "id: nasal-oxytocin")
        .replace("claim: oxt-spray-headache", "claim: oxt-spray-headach").replace("kind: drug", "kind: potion"))
    problems = [(p.path, p.line, p.code) for p in check(good) if p.level == "error"]
    assert problems == [("claims/interventions/intranasal-oxytocin.yml", 3, "invalid-value")]
    (good / "claims/interventions/intranasal-oxytocin.yml").write_text(
        RECORD.replace("id: intranasal-oxytocin", "id: nasal-oxytocin").replace("claim: oxt-spray-headache", "claim: oxt-spray-headach"))
    problems = [(p.path, p.line, p.code) for p in check(good) if p.level == "error"]
    assert ("claims/interventions/intranasal-oxytocin.yml", 1, "intervention-id-mismatch") in problems
    assert ("claims/interventions/intranasal-oxytocin.yml", 11, "unknown-claim") in problems


def test_planted_benefit_fails_the_command_line_check(good):
    add(good, as_of=TODAY.isoformat())
    page = good / "docs/index.md"
    page.write_text(page.read_text() + "\n## Planted\n\nIn healthy adults, a single dose of intranasal oxytocin "
                    "may slightly increase trust. [claim:in-oxt-trust-trial]\n")
    result = run_cli(cwd=good)
    assert result.returncode == 1
    assert ("docs/index.md:17:1: [error] section 'Planted' cites benefit claim 'in-oxt-trust-trial' of "
            "Intranasal oxytocin but not: US status 'oxt-spray-us-status'; principal harm 'oxt-spray-headache' "
            "(Headache) (benefit-without-harms)") in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_site_shows_table_status_date_and_notices(good):
    page = BALANCED_PAGE.replace("## Rats\n", "[summary-of-findings:intranasal-oxytocin]\n\n## Rats\n")
    add(good, as_of="2026-01-15", page=page,
        record=RECORD.replace("name: Intranasal oxytocin", "name: Intranasal <script>alert(1)</script> oxytocin"))
    result = mkdocs_build(good)
    assert result.returncode == 0, result.stderr
    html = (good / "site/index.html").read_text()
    table = html[html.index('<div class="oxy-sof"'):]
    table = table[:table.index("</table></div>") + 14]
    assert "<caption>Summary of findings: Intranasal &lt;script&gt;alert(1)&lt;/script&gt; oxytocin</caption>" in table
    assert [g for g in ("Regulatory status", "Benefits", "Harms and warnings") if g in table] == \
        ["Regulatory status", "Benefits", "Harms and warnings"]
    assert table.index("Regulatory status") < table.index("Benefits") < table.index("Harms and warnings")
    assert 'as of <time datetime="2026-01-15">2026-01-15</time>' in table
    assert 'data-claim="oxt-spray-headache"' in table and "boxed or principal warning" in table
    # one certainty badge per row, in the certainty column (the row's citation carries none)
    assert table.count('class="oxy-badge ') == table.count('class="oxy-sof__row ') == 3
    # SOURCE_DATE_EPOCH 1700000000 is 2023-11-14: the status is not yet due at build time
    assert "a re-check is due" not in html
    # the page notice under the title, once; the section notice under its heading only
    assert html.count("Do not start, stop or change a medicine or hormone without your clinician") == 1
    title = html.index("<h1")
    assert title < html.index("Not medical advice") < html.index('id="intranasal-oxytocin"')
    assert html.index('id="intranasal-oxytocin"') < html.index("If you need help now") < html.index('id="rats"')
    # the notice is not inserted into pages that cite nothing
    assert "Not medical advice</p>" not in (good / "site/claims/oxt-spray-us-status/index.html").read_text()


def test_overdue_status_says_when_it_was_last_checked(good):
    page = BALANCED_PAGE
    add(good, as_of="2020-01-15", page=page)
    result = mkdocs_build(good)
    assert result.returncode == 0, result.stderr
    html = (good / "site/index.html").read_text()
    assert 'status last checked on <time datetime="2020-01-15">2020-01-15</time>; a re-check is due' in html
