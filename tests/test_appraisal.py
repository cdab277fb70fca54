"""Structured GRADE appraisal: the computation, its ceilings, each propagation rule, waivers and
consistency, each on a variation of the good fixture (claims/basics.yml)."""

from __future__ import annotations

from pathlib import Path

from conftest import check, run_cli

CLAIMS = "claims/basics.yml"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, count))


def edit_claim(path: Path, claim_id: str, old: str, new: str) -> None:
    """Replace text inside one claim only."""
    text = path.read_text()
    start = text.index(f"  - id: {claim_id}\n")
    end = text.find("\n  - id:", start + 1)
    end = len(text) if end == -1 else end
    block = text[start:end]
    assert old in block, old
    path.write_text(text[:start] + block.replace(old, new, 1) + text[end:])


def problems(root, code=None):
    return [p for p in check(root) if code is None or p.code == code]


TRUST_IMPRECISION = """        imprecision:
          rating: very-serious
          reason: One trial of 40 adults; the interval includes no effect."""


def test_fixture_grades_follow_from_their_appraisals(good):
    assert problems(good) == []


def test_stated_certainty_must_equal_the_computation_with_arithmetic_in_the_hint(good):
    edit(good / CLAIMS, TRUST_IMPRECISION, TRUST_IMPRECISION.replace("very-serious", "serious"))
    (p,) = problems(good, "grade-computed-mismatch")
    assert (p.path, p.line, p.column) == (CLAIMS, 35, 18)
    assert p.message == "claim 'in-oxt-trust-trial' states certainty low but its appraisal gives moderate"
    assert p.hint.startswith("start high (4); imprecision serious (-1); = moderate;")


def test_each_serious_domain_takes_one_level_and_very_serious_two(good):
    f = good / CLAIMS
    edit(f, TRUST_IMPRECISION, TRUST_IMPRECISION.replace("very-serious", "serious"))
    edit(f, "        inconsistency: no\n        indirectness: no\n        imprecision:\n          rating: serious",
         "        inconsistency: no\n        indirectness:\n          rating: serious\n          reason: A laboratory"
         " trust game, not everyday trust.\n        imprecision:\n          rating: serious")
    assert problems(good, "grade-computed-mismatch") == []  # 4 - 1 - 1 = low, as stated
    edit(f, "          reason: A laboratory trust game", "          reason: A laboratory trust game")
    edit(f, "indirectness:\n          rating: serious", "indirectness:\n          rating: very-serious")
    (p,) = problems(good, "grade-computed-mismatch")
    assert "indirectness very-serious (-2); imprecision serious (-1); = very-low" in p.hint


def test_the_level_never_falls_below_very_low(good):
    f = good / CLAIMS
    edit(f, "certainty: low", "certainty: very-low")
    edit(f, "        risk_of_bias: no\n        inconsistency: no\n        indirectness: no\n        imprecision:\n"
            "          rating: very-serious",
         "        risk_of_bias: {rating: very-serious, reason: Unblinded and half lost to follow-up.}\n"
         "        inconsistency: no\n        indirectness: no\n        imprecision:\n          rating: very-serious")
    edit(f, "      rationale: One small randomised trial; rated down twice for imprecision.",
         "      rationale: The evidence is very uncertain.")
    edit(f, "statement: In healthy adults, a single dose of intranasal oxytocin may slightly increase trust.",
         "statement: The evidence is very uncertain about whether a single dose of intranasal oxytocin increases trust in healthy adults.")
    assert problems(good, "grade-computed-mismatch") == []


def test_animal_evidence_is_capped_at_moderate_in_the_computation(good):
    # oxtr-estradiol-rat starts high with no domain rated down: 4, capped at moderate
    edit(good / CLAIMS, "certainty: moderate", "certainty: high")
    (p,) = problems(good, "grade-computed-mismatch")
    assert p.message.endswith("states certainty high but its appraisal gives moderate")
    assert p.hint.startswith("start high (4); = high; ceiling, animal evidence: at most moderate")


def test_upgrades_only_for_evidence_that_starts_low(good):
    f = good / CLAIMS
    edit(f, "        appraised_by: fixture-appraiser\n        appraised_on: 2026-01-15\n    map: {hormone: oxytocin, outcome: release}",
         "        upgrades:\n          - factor: large-effect\n            reason: Every textbook agrees.\n"
         "        appraised_by: fixture-appraiser\n        appraised_on: 2026-01-15\n    map: {hormone: oxytocin, outcome: release}")
    codes = [p.code for p in problems(good) if p.level == "error"]
    assert "appraisal-upgrade" in codes


def test_observational_evidence_rated_up_reaches_moderate(good):
    f = good / CLAIMS
    edit(f, "design: rct", "design: cohort")
    edit(good / "references.bib", "design       = {rct}", "design       = {cohort}")
    edit(f, TRUST_IMPRECISION, "        imprecision: no")
    edit_claim(f, "in-oxt-trust-trial", "        start: high", "        start: low")
    assert problems(good, "grade-computed-mismatch") == []  # low start, nothing rated: low
    edit(f, "        publication_bias: no\n        appraised_by: fixture-appraiser\n        appraised_on: 2026-01-15\n"
            "    caveats: Not replicated.",
         "        publication_bias: no\n        upgrades:\n          - factor: dose-response\n"
         "            reason: Higher doses gave larger effects.\n        appraised_by: fixture-appraiser\n"
         "        appraised_on: 2026-01-15\n    caveats: Not replicated.")
    (p,) = problems(good, "grade-computed-mismatch")
    assert "start low (2); dose-response (+1); = moderate" in p.hint


def test_supports_needs_a_locator_and_background_does_not_count(good):
    f = good / CLAIMS
    edit(f, "        locator: Table 2\n", "")
    (p,) = problems(good, "supports-needs-locator")
    assert (p.path, p.line) == (CLAIMS, 31) and "smith2020trial" in p.message
    edit(f, "      - ref: smith2020trial\n        relation: supports\n",
         "      - ref: smith2020trial\n        relation: background\n")
    assert [p.code for p in problems(good) if p.level == "error"] == ["no-supporting-source"]


def test_human_claim_resting_only_on_animal_sources_needs_indirectness(good):
    f = good / CLAIMS
    edit(f, "In ovariectomised rats, estradiol probably increases oxytocin receptor binding.",
         "In women, estradiol probably increases oxytocin receptor binding.")
    edit(f, "      population: animal\n      species: [rat]", "      population: mixed\n      species: [human, rat]")
    codes = [p.code for p in problems(good) if p.level == "error"]
    assert "indirect-evidence-not-rated" in codes


def test_source_flag_propagates_to_every_claim_resting_on_it(good):
    edit(good / "references.bib", "  design       = {rct},\n", "  design       = {rct},\n  limitations  = {small-pilot; industry-funded},\n")
    found = problems(good, "source-flag-not-reflected")
    # small-pilot is reflected (imprecision very serious); industry-funded is not (risk of bias no)
    assert [(p.line, p.message) for p in found] == [
        (41, "claim 'in-oxt-trust-trial' rests on 'smith2020trial', flagged industry-funded, but rates risk of bias 'no'")]
    assert "source-flag-industry-funded" in found[0].hint


def test_a_waiver_with_a_reason_answers_a_flag_and_an_unused_one_is_an_error(good):
    edit(good / "references.bib", "  design       = {rct},\n", "  design       = {rct},\n  limitations  = {industry-funded},\n")
    edit(good / CLAIMS, "    caveats: Not replicated.",
         "    caveats: Not replicated.\n    waivers:\n      - rule: source-flag-industry-funded\n"
         "        reason: The outcome was analysed by an independent group.")
    assert [p for p in problems(good) if p.level == "error"] == []
    edit(good / "references.bib", "  limitations  = {industry-funded},\n", "")
    (p,) = [p for p in problems(good) if p.level == "error"]
    assert p.code == "waiver-unused"


def test_unknown_flag_is_located_with_a_suggestion(good):
    edit(good / "references.bib", "  design       = {rct},\n", "  design       = {rct},\n  limitations  = {single-lab},\n")
    (p,) = problems(good, "unknown-limitation")
    assert p.path == "references.bib" and p.line == 12
    assert p.hint.startswith("did you mean 'single-laboratory'?")


def test_claims_on_the_same_sources_must_agree_or_say_why(good):
    f = good / CLAIMS
    extra = (good / CLAIMS).read_text().split("  - id: in-oxt-trust-trial")[1].split("\n\n")[0]
    twin = "\n  - id: in-oxt-trust-twin" + extra.replace("imprecision:\n          rating: very-serious",
                                                          "imprecision:\n          rating: serious", 1)
    twin = twin.replace("certainty: low", "certainty: moderate").replace("may slightly increase", "probably slightly increases")
    f.write_text(f.read_text().rstrip("\n") + "\n" + twin + "\n")
    (p,) = problems(good, "appraisal-inconsistent")
    assert p.level == "warning" and "'in-oxt-trust-twin'" in p.message and "'in-oxt-trust-trial'" in p.message
    text = f.read_text()
    head, tail = text.rsplit("        appraised_by: fixture-appraiser", 1)
    f.write_text(head + "        differs_because: The twin reads a different table of the same trial.\n"
                 "        appraised_by: fixture-appraiser" + tail)
    assert problems(good, "appraisal-inconsistent") == []


def test_planted_disagreement_fails_the_command_line(good):
    edit(good / CLAIMS, TRUST_IMPRECISION, TRUST_IMPRECISION.replace("very-serious", "serious"))
    result = run_cli(cwd=good)
    assert result.returncode == 1
    assert ("claims/basics.yml:35:18: [error] claim 'in-oxt-trust-trial' states certainty low but its appraisal "
            "gives moderate (grade-computed-mismatch)") in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_site_shows_the_evidence_profile_and_exports_carry_the_domains(good):
    import csv
    import io
    import json

    from conftest import mkdocs_build
    edit(good / CLAIMS, "imprecision:\n          rating: very-serious\n          reason: One trial of 40 adults; the interval includes no effect.",
         "imprecision:\n          rating: very-serious\n          reason: One trial of 40 adults <script>alert(1)</script>.")
    result = mkdocs_build(good)
    assert result.returncode == 0, result.stderr
    page = (good / "site/claims/in-oxt-trust-trial/index.html").read_text()
    profile = page[page.index('<table class="oxy-profile">'):]
    profile = profile[:profile.index("</table>")]
    assert "<caption>GRADE evidence profile</caption>" in profile
    assert "very serious, −2" in profile and "&lt;script&gt;alert(1)&lt;/script&gt;" in profile
    assert "<script>alert" not in page
    assert "How the certainty follows: start high (4); imprecision very-serious (-2); = low." in page
    # a low claim is not flagged as single appraisal; a high one is
    assert "Single appraisal." not in page
    assert "Single appraisal." in (good / "site/claims/oxt-nonapeptide/index.html").read_text()
    record = json.loads((good / "site/claims/in-oxt-trust-trial/claim.json").read_text())
    assert record["appraisal"]["imprecision"]["rating"] == "very-serious"
    assert record["appraisal"]["start"] == "high" and record["appraisal"]["single_appraisal"] is False
    rows = list(csv.DictReader(io.StringIO((good / "site/data/claims.csv").read_text("utf-8-sig"))))
    trust = next(r for r in rows if r["id"] == "in-oxt-trust-trial")
    assert trust["imprecision"].startswith("very-serious: One trial") and trust["risk_of_bias"] == "no"
    register = (good / "site/register/index.html").read_text()
    assert 'id="in-oxt-trust-trial"' in register and 'data-downgraded="imprecision"' in register
    assert '<select data-filter="downgraded" data-match="token">' in register


def test_methodology_counts_come_from_the_register(good):
    from gradedclaims import project as proj
    from gradedclaims.render import site
    from gradedclaims.render.model import SiteModel
    model = SiteModel(proj.load(good))
    html = site.fill_page_placeholders("<p>x</p><!-- oxy:appraisal-counts -->", model)
    assert "3 current claims: high 1, moderate 1, low 1, very low 0." in html
    assert "2 of the 2 claims at moderate or high have a single appraisal only." in html
    assert "<tr><td>Imprecision</td><td>1</td></tr>" in html


def test_source_policy_advisories_and_their_waivers(good):
    """WP:MEDRS-style warnings: a clinical claim citing only primary studies while a review on the
    same hormone and outcome is in the bibliography; old sources; an old guideline."""
    f = good / CLAIMS
    edit(f, "    map: {hormone: oxytocin, outcome: behaviour}", "    map: {hormone: oxytocin, outcome: clinical-effect}")
    edit(f, "    map: {hormone: oxytocin, outcome: release}", "    map: {hormone: oxytocin, outcome: clinical-effect}")
    edit(good / "references.bib", "  design       = {textbook},", "  design       = {meta-analysis},")
    edit(f, "      design: textbook", "      design: meta-analysis")
    edit(good / "references.bib", "  year         = {2020},", "  year         = {1990},")
    found = {p.code: p for p in check(good) if p.code.startswith("source-policy")}
    assert set(found) == {"source-policy-primary-only", "source-policy-old-sources"}
    assert found["source-policy-primary-only"].level == "warning"
    assert "hall2021guyton" in found["source-policy-primary-only"].message
    edit(f, "    caveats: Not replicated.",
         "    caveats: Not replicated.\n    waivers:\n      - rule: source-policy-primary-only\n"
         "        reason: The review covers another outcome entirely.\n      - rule: source-policy-old-sources\n"
         "        reason: No newer trial of this question exists.")
    assert [p for p in check(good) if p.code.startswith("source-policy")] == []
    # the advisories are not errors: the build is not refused for them
    assert [p for p in check(good) if p.level == "error"] == []
