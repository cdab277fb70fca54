"""Plain-language statements, "In plain words" sections, the readability check and the
paraphrase rule (issue #17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, check, codes, mkdocs_build, run_cli
from gradedclaims import paraphrase, paraphrase_eval, readability

CLAIMS = "claims/basics.yml"
PLAIN_LINE = "    plain: In rats, the hormone estradiol probably helps oxytocin act on more cells.\n"


def set_plain(root: Path, text: str) -> None:
    path = root / CLAIMS
    path.write_text(path.read_text().replace(PLAIN_LINE, f"    plain: {text}\n"))


def add_section(root: Path, body: str, title: str = "In plain words") -> None:
    page = root / "docs/index.md"
    page.write_text(page.read_text() + f"\n## {title}\n\n{body}\n")


def test_the_fixture_claim_has_a_plain_statement_that_passes(good):
    assert PLAIN_LINE in (good / CLAIMS).read_text()
    assert check(good, advisories=False) == []


@pytest.mark.parametrize("plain,code", [
    ("Estradiol helps oxytocin act on more cells in rats.", "wording-too-strong"),  # lost "probably"
    ("The hormone estradiol probably increases oxytocin receptors.", "wording-indirect"),  # lost "in rats"
    ("In rats, estradiol probably doubles the number of oxytocin receptors in 3 brain areas.", "plain-drift"),  # new number
    ("In rats, estradiol probably lowers the number of oxytocin receptors.", "plain-drift"),  # reversed
    ("In rats, estradiol probably increases oxytocin receptors, so women should consider it.", "plain-drift"),  # advice
    ("In ovariectomised rats, exogenous estradiol administration probably upregulates hypothalamic "
     "oxytocin receptor immunoreactivity considerably.", "readability-plain"),
])
def test_a_plain_statement_that_changes_the_finding_is_a_located_error(good, plain, code):
    set_plain(good, plain)
    found = [p for p in check(good, advisories=False) if p.code == code]
    assert found, codes(check(good, advisories=False))
    line = next(n for n, text in enumerate((good / CLAIMS).read_text().splitlines(), 1) if text.startswith("    plain:"))
    assert (found[0].path, found[0].line, found[0].level) == (CLAIMS, line, "error")


def test_plain_markers_name_real_claims_that_have_a_plain_statement(good):
    add_section(good, "[plain:oxtr-estradiol-rat]\n[plain:oxtr-estradiol-rats]\n[plain:oxt-nonapeptide]\n[plain: oops]")
    found = codes(check(good, advisories=False))
    assert ("docs/index.md", 18, "unknown-claim") in found
    assert ("docs/index.md", 19, "plain-missing") in found
    assert ("docs/index.md", 20, "marker-malformed") in found
    assert ("docs/index.md", 17, "unknown-claim") not in found


def test_plain_words_section_is_rendered_escaped_with_one_certainty_mark(good):
    set_plain(good, "In rats, estradiol probably <b>helps</b> oxytocin act on more cells.")
    add_section(good, "[plain:oxtr-estradiol-rat]")
    result = mkdocs_build(good)
    assert result.returncode == 0, result.stderr
    html = (good / "site/index.html").read_text()
    start = html.index('<p class="oxy-plain">')
    block = html[start:html.index("</p>", start)]
    assert "In rats, estradiol probably &lt;b&gt;helps&lt;/b&gt; oxytocin act on more cells." in block
    assert 'href="claims/oxtr-estradiol-rat/"' in block
    assert block.count("⊕") == 3 and "Moderate certainty" in block
    assert "oxy-badge " not in block  # no badge cluster in the plain section


def test_a_benefit_in_plain_words_needs_its_harms_there_too(good):
    """The balance rule reads plain markers like citations: a lay summary cannot show a benefit alone."""
    from test_balance import BALANCED_PAGE, TODAY, add  # the intervention fixture of the balance tests
    add(good, as_of=TODAY.isoformat(), page=BALANCED_PAGE + "\n## In plain words\n\n[plain:in-oxt-trust-trial]\n")
    claims = good / CLAIMS
    text = claims.read_text()
    start = text.index("  - id: in-oxt-trust-trial")
    at = text.index("    sources:", start)
    claims.write_text(text[:at] + "    plain: In healthy adults, one dose of a nasal spray of oxytocin may make people trust a bit more.\n" + text[at:])
    found = [p for p in check(good, advisories=False) if p.code == "benefit-without-harms"]
    assert len(found) == 1 and "section 'In plain words'" in found[0].message, codes(check(good, advisories=False))
    page = good / "docs/index.md"
    page.write_text(page.read_text() + "[plain:oxt-spray-us-status]\n[plain:oxt-spray-headache]\n")
    for cid, plain in (("oxt-spray-us-status", "No nasal spray of oxytocin is approved in the United States."),
                       ("oxt-spray-headache", "In healthy adults, the spray may cause headache.")):
        text = claims.read_text()
        start = text.index(f"  - id: {cid}")
        at = text.index("    sources:", start)
        claims.write_text(text[:at] + f"    plain: {plain}\n" + text[at:])
    assert not [p for p in check(good, advisories=False) if p.code == "benefit-without-harms"]


def test_readability_scores_follow_the_flesch_kincaid_formula():
    s = readability.score("The cat sat on the mat. It was a happy cat.")
    assert (s.words, s.sentences) == (11, 2)
    expected = 0.39 * 11 / 2 + 11.8 * s.syllables / 11 - 15.59
    assert s.grade == pytest.approx(expected)
    hard = readability.score("Exogenous estradiol administration upregulates hypothalamic oxytocin receptor immunoreactivity.")
    assert hard.grade > 15 > s.grade
    assert readability.syllables("hypothalamic") > readability.syllables("brain") == 1


def test_prose_ignores_markers_code_and_tables():
    text = readability.prose([("Oxytocin is made in the brain. [claim:oxt-nonapeptide]", False),
                              ("| a | table |", False), ("print('code')", True), ("", False),
                              ("- a list item without a stop", False)])
    assert text == "Oxytocin is made in the brain. a list item without a stop."


def test_thresholds_come_from_the_site_configuration(good):
    add_section(good, "[plain:oxtr-estradiol-rat]")
    assert not [p for p in check(good, advisories=False) if p.code.startswith("readability")]
    (good / "schema").mkdir(exist_ok=True)
    (good / "schema/readability.yml").write_text("plain_statement_max_grade: 2\nplain_section_max_grade: 1\n")
    readability.config.cache_clear()
    found = {p.code for p in check(good, advisories=False)}
    assert {"readability-plain", "readability-plain-section"} <= found


def test_a_required_plain_section_is_an_error_where_missing(good):
    (good / "schema").mkdir(exist_ok=True)
    (good / "schema/readability.yml").write_text("require_plain_section: true\n")
    readability.config.cache_clear()
    assert ("docs/index.md", 1, "plain-section-missing") in codes(check(good, advisories=False))
    add_section(good, "[plain:oxtr-estradiol-rat]")
    assert ("docs/index.md", 1, "plain-section-missing") not in codes(check(good, advisories=False))


def test_the_readability_command_prints_a_table_and_fails_on_a_hard_plain_statement(good, tmp_path):
    import subprocess
    import sys
    from conftest import SCRIPTS
    add_section(good, "[plain:oxtr-estradiol-rat]")
    run = lambda: subprocess.run([sys.executable, str(SCRIPTS / "readability_report.py"), "--root", str(good)],
                                 capture_output=True, text=True, timeout=60)
    ok = run()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "| docs/index.md | (body) |" in ok.stdout and "| | In plain words |" in ok.stdout
    set_plain(good, "In ovariectomised rats, exogenous estradiol probably upregulates hypothalamic receptor immunoreactivity.")
    bad = run()
    assert bad.returncode == 1 and "oxtr-estradiol-rat: grade" in bad.stdout


# --- the paraphrase rule ---------------------------------------------------------------------

def test_paraphrase_rule_names_what_changed():
    statement = "In couples, a single dose of intranasal oxytocin may lower salivary cortisol by 20% compared with placebo."
    assert paraphrase.disagreements(
        "Compared with placebo, one dose of intranasal oxytocin given to couples may lower their salivary cortisol by 20%.",
        statement) == []
    found = paraphrase.disagreements("In couples, oxytocin may raise cortisol by 40%, so they should try it.", statement)
    assert any("gives 40" in r for r in found)
    assert any("goes up" in r for r in found)
    assert any("adds advice" in r for r in found)
    assert any("measurement qualifier (intranasal" in r for r in found)


LABELLED = FIXTURES / "paraphrase" / "labelled.yml"


def test_labelled_set_is_large_and_balanced():
    items = paraphrase_eval.load(LABELLED)
    assert len(items) >= 80
    assert 0.4 < sum(i.faithful for i in items) / len(items) < 0.6
    assert all(i.kind for i in items if not i.faithful)


def test_paraphrase_rule_precision_and_recall_on_the_labelled_set():
    """The rule that replaced word-sequence similarity must beat it and stay above 0.9 on both."""
    items = paraphrase_eval.load(LABELLED)
    now, _, _ = paraphrase_eval.score(items, paraphrase_eval.flagged_now)
    old, _, _ = paraphrase_eval.score(items, paraphrase_eval.flagged_by_similarity)
    assert now.precision >= 0.9 and now.recall >= 0.9, now
    assert now.precision > old.precision and now.recall > old.recall


def test_the_two_cases_the_issue_names_are_caught():
    items = [i for i in paraphrase_eval.load(LABELLED) if "the issue's case" in i.kind]
    assert len(items) == 2
    assert all(paraphrase_eval.flagged_now(i) for i in items)
