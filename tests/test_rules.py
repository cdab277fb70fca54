"""Cross-file rules and the grading method, each on a small variation of the good fixture."""

from pathlib import Path

from conftest import check, codes


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, count))


def errors(root):
    return [(p.path, p.line, p.code) for p in check(root) if p.level == "error"]


def test_good_fixture_is_clean(good):
    assert check(good) == []


def test_unknown_reference_with_did_you_mean(good):
    edit(good / "claims/basics.yml", "ref: smith2020trial", "ref: smith2020trail")
    (p,) = [p for p in check(good) if p.level == "error"]
    assert (p.path, p.line, p.code) == ("claims/basics.yml", 31, "unknown-ref")
    assert p.hint == "did you mean 'smith2020trial'?"


def test_unknown_claim_in_a_page(good):
    edit(good / "docs/index.md", "[claim:in-oxt-trust-trial]", "[claim:in-oxt-trust-trail]")
    (p,) = [p for p in check(good) if p.level == "error"]
    assert (p.path, p.line, p.column, p.code) == ("docs/index.md", 5, 86, "unknown-claim")
    assert p.hint == "did you mean 'in-oxt-trust-trial'?"


def test_duplicate_id_across_files_names_the_first(good):
    (good / "claims/other.yml").write_text((good / "claims/basics.yml").read_text().replace("topic: basics", "topic: other"))
    dups = [p for p in check(good) if p.code == "duplicate-id"]
    assert [(p.path, p.line) for p in dups] == [("claims/other.yml", 2), ("claims/other.yml", 27), ("claims/other.yml", 55)]
    assert dups[0].message == "claim id 'oxt-nonapeptide' is already used at claims/basics.yml:2"


def test_topic_must_match_file(good):
    edit(good / "claims/basics.yml", "topic: basics", "topic: other")
    assert errors(good) == [("claims/basics.yml", 3, "topic-mismatch")]


def test_high_certainty_needs_human_synthesis(good):
    edit(good / "claims/basics.yml", "certainty: low", "certainty: high")
    edit(good / "claims/basics.yml", "design: rct", "design: cohort")
    edit(good / "references.bib", "design       = {rct}", "design       = {cohort}")
    # the appraisal no longer adds up either: it starts high for a cohort and computes low
    assert errors(good) == [("claims/basics.yml", 35, "grade-computed-mismatch"),
                            ("claims/basics.yml", 35, "grade-high-needs-human-synthesis"),
                            ("claims/basics.yml", 40, "appraisal-start")]


def test_animal_evidence_is_capped_and_must_say_so(good):
    edit(good / "claims/basics.yml", "certainty: moderate", "certainty: high")
    edit(good / "claims/basics.yml", "In ovariectomised rats, estradiol", "Estradiol")
    found = errors(good)
    assert ("claims/basics.yml", 63, "grade-non-human-cap") in found
    assert ("claims/basics.yml", 57, "statement-names-species") in found
    assert ("claims/basics.yml", 63, "grade-high-needs-human-synthesis") in found


def test_species_named_in_statement_satisfies_the_rule(good):
    edit(good / "claims/basics.yml", "In ovariectomised rats, estradiol", "In female rodents, estradiol")
    assert errors(good) == []


def test_unverified_only_sources_cap_at_very_low(good):
    edit(good / "references.bib", "verification = {verified},\n  verified_url = {https://pubmed.ncbi.nlm.nih.gov/12345678/}",
         "verification = {unverified},\n  verification_note = {Not found in PubMed},\n  verified_url = {https://pubmed.ncbi.nlm.nih.gov/12345678/}")
    # the appraisal's ceiling for unverified sources gives very low as well
    assert errors(good) == [("claims/basics.yml", 35, "grade-computed-mismatch"),
                            ("claims/basics.yml", 35, "grade-unverified-sources")]


def test_design_and_population_must_match_the_references(good):
    edit(good / "claims/basics.yml", "design: rct", "design: meta-analysis")
    edit(good / "claims/basics.yml", "      population: human\n      rationale: One", "      population: mixed\n      species: [human, rat]\n      rationale: One")
    assert errors(good) == [("claims/basics.yml", 36, "design-mismatch"), ("claims/basics.yml", 37, "population-mismatch")]


def test_claim_needs_a_supporting_source(good):
    edit(good / "claims/basics.yml", "relation: supports\n        locator: Table 2", "relation: qualifies\n        locator: Table 2")
    assert errors(good) == [("claims/basics.yml", 31, "no-supporting-source")]


def test_invalid_and_future_dates(good):
    edit(good / "claims/basics.yml", "reviewed: 2026-01-15", "reviewed: 2026-02-30")
    edit(good / "claims/basics.yml", "reviewed: 2026-01-15", "reviewed: 2999-01-01")
    assert errors(good) == [("claims/basics.yml", 25, "invalid-date"), ("claims/basics.yml", 53, "invalid-date")]


def test_audit_links_must_exist(good):
    edit(good / "claims/audit/article.yml", "claims: [in-oxt-trust-trial]", "claims: [in-oxt-trust]")
    edit(good / "claims/audit/article.yml", "ref: smith2020trial", "ref: smith2020")
    assert errors(good) == [("claims/audit/article.yml", 14, "unknown-claim"), ("claims/audit/article.yml", 16, "unknown-ref")]


def test_advisories_for_unused_claims_and_uncited_references(good):
    edit(good / "docs/index.md", "In healthy adults, a single dose of intranasal oxytocin may slightly increase trust. [claim:in-oxt-trust-trial]", "")
    edit(good / "claims/audit/article.yml", "claims: [in-oxt-trust-trial]", "claims: [oxt-nonapeptide]")
    edit(good / "claims/audit/article.yml", "    status: found\n    ref: smith2020trial\n", "    status: not-found\n    searched: nothing found anywhere\n")
    warnings = [(p.path, p.line, p.code) for p in check(good) if p.level == "warning"]
    assert warnings == [("claims/basics.yml", 27, "unused-claim")]
    assert check(good, advisories=False) == []


def test_a_claim_shown_only_on_an_audit_page_is_used(good):
    edit(good / "docs/index.md", "In healthy adults, a single dose of intranasal oxytocin may slightly increase trust. [claim:in-oxt-trust-trial]", "")
    assert [p for p in check(good) if p.code == "unused-claim"] == []


def test_withdrawn_claim_on_a_page_is_a_warning(good):
    edit(good / "claims/basics.yml", "status: current", "status: withdrawn")
    found = [(p.path, p.line, p.code, p.level) for p in check(good)]
    assert ("docs/index.md", 3, "withdrawn-claim-used", "warning") in found


def test_claim_with_schema_errors_is_not_also_unknown_on_pages(good):
    edit(good / "claims/basics.yml", "    status: current\n    reviewed: 2026-01-15\n\n  - id: in-oxt", "    status: currently\n    reviewed: 2026-01-15\n\n  - id: in-oxt")
    assert [c for c in codes(check(good, advisories=False)) if c[2] != "invalid-value"] == []
