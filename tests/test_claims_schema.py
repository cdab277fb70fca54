"""Schema checks on claims files: each violation is located and explained."""

from gradedclaims import claims

GOOD = """\
claims:
  - id: a-claim
    topic: t
    statement: In healthy adults, X may increase Y.
    sources:
      - ref: k2020
        relation: supports
    evidence:
      certainty: low
      design: rct
      population: human
      rationale: One small trial.
      appraisal:
        start: high
        risk_of_bias: no
        inconsistency: no
        indirectness: no
        imprecision: {rating: very-serious, reason: One trial of 30 adults.}
        publication_bias: no
        appraised_by: test-appraiser
        appraised_on: 2026-01-15
    status: current
    reviewed: 2026-01-15
"""


def parse(text):
    return claims.parse(text, "claims/t.yml")


def test_good_file_builds_a_located_claim():
    f = parse(GOOD)
    assert f.problems == []
    (claim,) = f.claims
    assert claim.id == "a-claim" and claim.pos.line == 2
    assert claim.at("evidence.certainty").line == 9
    assert claim.sources[0].pos.line == 6


def test_typo_in_field_name_fails_with_did_you_mean():
    f = parse(GOOD.replace("    sources:", "    sorces:"))
    found = sorted((p.line, p.code) for p in f.problems)
    assert found == [(2, "missing-field"), (5, "unknown-field")]
    unknown = next(p for p in f.problems if p.code == "unknown-field")
    assert unknown.message == "unknown field 'sorces' in claim 'a-claim'"
    assert unknown.hint.startswith("did you mean 'sources'?")
    assert f.claims == [] and "a-claim" in f.invalid_ids


def test_enum_typo_points_at_the_value():
    f = parse(GOOD.replace("certainty: low", "certainty: moderat"))
    (p,) = f.problems
    assert (p.line, p.column, p.code) == (9, 18, "invalid-value")
    assert p.hint.startswith("did you mean 'moderate'?")


def test_wrong_type_is_named_in_words():
    f = parse(GOOD.replace("      - ref: k2020\n        relation: supports\n", "").replace("    sources:", "    sources: k2020"))
    (p,) = f.problems
    assert p.code == "wrong-type"
    assert p.message == "'sources' must be a list (lines starting with '- '), not 'k2020' in claim 'a-claim'"


def test_animal_population_requires_species():
    f = parse(GOOD.replace("population: human", "population: animal"))
    (p,) = f.problems
    assert (p.code, p.message) == ("missing-field", "missing required field 'species' in claim 'a-claim'")


def test_bad_id_pattern_has_a_hint():
    f = parse(GOOD.replace("id: a-claim", "id: A_Claim"))
    (p,) = f.problems
    assert p.code == "invalid-format" and "lowercase" in p.hint


def test_waiver_without_reason_is_an_error():
    f = parse(GOOD.replace("    status: current", "    waivers:\n      - rule: wording-hedge\n    status: current"))
    (p,) = f.problems
    assert (p.line, p.code) == (23, "missing-field") and "'reason'" in p.message


def test_one_bad_claim_does_not_hide_the_good_ones():
    second = GOOD.split("claims:\n")[1].replace("a-claim", "b-claim").replace("rct", "randomised")
    f = parse(GOOD + second)
    assert [c.id for c in f.claims] == ["a-claim"]
    assert [p.code for p in f.problems] == ["invalid-value"]


def test_appraisal_is_read_with_positions():
    (claim,) = parse(GOOD).claims
    a = claim.appraisal
    assert a.start == "high" and a.ratings() == ("no", "no", "no", "very-serious", "no")
    assert a.domains["imprecision"].reason == "One trial of 30 adults."
    assert a.at("imprecision").line == 18 and a.appraised_by == "test-appraiser"


def test_bad_appraisal_input_is_located_and_the_claim_kept_out():
    bad = (GOOD.replace("{rating: very-serious, reason: One trial of 30 adults.}", "{rating: very-serius, reason: x}")
           .replace("start: high", "start: medium"))
    f = parse(bad)
    found = sorted((p.line, p.code) for p in f.problems)
    assert found == [(14, "invalid-value"), (18, "invalid-value")]
    assert f.claims == [] and "a-claim" in f.invalid_ids
    start = next(p for p in f.problems if p.line == 14)
    assert "'medium'" in start.message and "high, low" in start.hint
    domain = next(p for p in f.problems if p.line == 18)
    assert "imprecision" in domain.message and "serious" in domain.hint


def test_appraisal_is_required():
    without = GOOD[:GOOD.index("      appraisal:")] + GOOD[GOOD.index("    status:"):]
    f = parse(without)
    assert [(p.line, p.code) for p in f.problems] == [(9, "missing-field")]
    assert "appraisal" in f.problems[0].message
