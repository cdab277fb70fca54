"""The certainty-aware wording check, on a corpus of good and bad sentences.

Each row: certainty, population, the sentence, and the exact set of rules it must trigger.
"""

from __future__ import annotations

import pytest

from gradedclaims import language
from gradedclaims.claims import Claim
from gradedclaims.yamlload import Pos


def claim(certainty="low", population="human", species=(), statement="X may increase Y.", waivers=()):
    return Claim(id="c", statement=statement, topic="t", sources=[], certainty=certainty, design="rct",
                 population=population, species=list(species), rationale="r", caveats="", status="current",
                 reviewed="2026-01-01", hormone="", outcome="", waivers=list(waivers), path="claims/t.yml",
                 pos=Pos(1, 1))


CORPUS = [
    # high: plain statements pass; hedges are an advisory
    ("high", "Oxytocin is a peptide hormone made of nine amino acids.", set()),
    ("high", "In postmenopausal women, testosterone therapy improves sexual desire compared with placebo.", set()),
    ("high", "WHO recommends oxytocin to prevent postpartum haemorrhage.", set()),
    ("high", "Testosterone gel probably increases haematocrit.", {"wording-hedged-high"}),
    ("high", "Oxytocin may act on V1a receptors.", {"wording-hedged-high"}),
    ("high", "The evidence is very uncertain about whether X changes Y.", {"wording-hedged-high"}),
    ("high", "Tesamorelin is approved to reduce abdominal fat in people with HIV.", set()),
    ("high", 'GRADE advises "probably" for moderate and "may" for low certainty.', set()),
    ("high", "Combined hormone therapy carries a small increase in breast cancer risk.", set()),
    # moderate: probably / likely
    ("moderate", "Intranasal oxytocin probably slightly improves emotion recognition in healthy adults.", set()),
    ("moderate", "Testosterone treatment is likely to increase haematocrit in older men.", set()),
    ("moderate", "Oxytocin treatment probably does not reduce social withdrawal in autistic children.", set()),
    ("moderate", "Most intranasal oxytocin studies were likely underpowered.", set()),
    ("moderate", "Intranasal oxytocin improves emotion recognition in healthy adults.", {"wording-too-strong"}),
    ("moderate", "Oxytocin does not reduce social withdrawal in autistic children.", {"wording-too-strong"}),
    ("moderate", "Intranasal oxytocin may improve emotion recognition.", {"wording-too-weak"}),
    ("moderate", "The evidence is very uncertain about whether oxytocin improves emotion recognition.", {"wording-too-weak"}),
    ("moderate", "Testosterone therapy probably restores vitality in older men.", {"wording-marketing"}),
    ("moderate", "Zuranolone probably improves depression response at day 45.", set()),
    ("moderate", "Touch interventions probably reduce pain compared with no touch.", set()),
    ("moderate", "Touch interventions reduce pain, as several trials demonstrate.", {"wording-too-strong"}),
    # low: may / might
    ("low", "A single dose of intranasal oxytocin may increase trust in men.", set()),
    ("low", "Oxytocin might lower salivary cortisol after a conflict discussion.", set()),
    ("low", "Intranasal oxytocin may not speed approach responses to emotional faces.", set()),
    ("low", "Intranasal oxytocin increases trust in men.", {"wording-too-strong"}),
    ("low", "Intranasal oxytocin probably increases trust in men.", {"wording-too-strong"}),
    ("low", "Oxytocin is the hormone of trust.", {"wording-too-strong"}),
    ("low", "This trial demonstrates that oxytocin may increase trust.", {"wording-strong-verb"}),
    ("low", "Oxytocin may cure social anxiety, as one study proves.", {"wording-strong-verb"}),
    ("low", "Hugs boost oxytocin.", {"wording-too-strong", "wording-marketing"}),
    ("low", "Partner hugs may boost oxytocin.", {"wording-marketing"}),
    ("low", "Testosterone may help men reach optimal levels of social confidence.", {"wording-marketing"}),
    ("low", "Oxytocin causes bonding between partners.", {"wording-too-strong", "wording-strong-verb"}),
    ("low", "It is not established that oxytocin may cause bonding.", set()),
    ("low", "The evidence is very uncertain about whether oxytocin increases trust.", {"wording-too-weak"}),
    ("low", "Plasma oxytocin may rise modestly before ovulation.", set()),
    ("low", "Hormone balance may support oxytocin signalling.", {"wording-marketing"}),
    ("low", "Natural oxytocin release may increase during massage.", {"wording-marketing"}),
    ("low", "Oxytocin, the love hormone, may increase trust.", {"wording-marketing"}),
    ("low", 'Claims that progesterone is "calming" or "natural" may not hold in women.', set()),
    # very low
    ("very-low", "The evidence is very uncertain about whether oxytocin helps couple therapy.", set()),
    ("very-low", "The evidence is very uncertain about whether chronic cortisol impairs oxytocin receptors.", set()),
    ("very-low", "Oxytocin may help couple therapy.", {"wording-too-strong"}),
    ("very-low", "Oxytocin probably helps couple therapy.", {"wording-too-strong"}),
    ("very-low", "Oxytocin helps couple therapy.", {"wording-too-strong"}),
    ("very-low", "The evidence is very uncertain, but one pilot study proves oxytocin helps couples.", {"wording-strong-verb"}),
    ("very-low", "The evidence is very uncertain about whether peptides optimise oxytocin.", {"wording-marketing"}),
    ("very-low", "The evidence is very uncertain about anti-aging benefits of MK-677.", {"wording-marketing"}),
    ("very-low", "Peptides restore hormonal balance.", {"wording-too-strong", "wording-marketing"}),
]

INDIRECT = [
    # population, species, sentence, expected
    ("animal", ["rat"], "In rats, estradiol probably increases oxytocin receptor binding.", set()),
    ("animal", ["rat"], "In ovariectomised female rats, estradiol probably increases receptor binding.", set()),
    ("animal", ["mouse"], "In mice, estrogen receptor alpha is probably needed for receptor induction.", set()),
    ("animal", ["prairie vole"], "In prairie voles, partner presence probably buffers stress.", set()),
    ("animal", ["rat"], "In animal studies, estradiol probably increases receptor binding.", set()),
    ("animal", ["rat"], "In rodents, estradiol probably increases receptor binding.", set()),
    ("animal", ["rat"], "Estradiol probably increases oxytocin receptor binding.", {"wording-indirect"}),
    ("animal", ["rat"], "In women, estradiol probably increases oxytocin receptor binding.", {"wording-indirect"}),
    ("animal", ["macaque"], "Intranasal oxytocin probably reaches the brain in people.", {"wording-indirect"}),
    ("in-vitro", [], "In vitro, progesterone probably binds the oxytocin receptor.", set()),
    ("in-vitro", [], "In cultured cells, progesterone probably binds the oxytocin receptor.", set()),
    ("in-vitro", [], "Progesterone probably binds the oxytocin receptor.", {"wording-indirect"}),
    ("human", [], "In women, estradiol probably increases plasma oxytocin.", set()),
]

DRIFT = [
    # statement, page sentence, drift expected
    ("In healthy adults, intranasal oxytocin probably slightly improves emotion recognition.",
     "In healthy adults, intranasal oxytocin probably slightly improves emotion recognition.", False),
    ("In healthy adults, intranasal oxytocin probably slightly improves emotion recognition.",
     "In healthy adults, a single dose of intranasal oxytocin probably slightly improves emotion recognition.", False),
    ("In healthy adults, intranasal oxytocin probably slightly improves emotion recognition.",
     "In healthy adults, intranasal oxytocin slightly improves emotion recognition.", True),
    ("In healthy adults, intranasal oxytocin probably slightly improves emotion recognition.",
     "In healthy adults, intranasal oxytocin probably does not improve emotion recognition.", True),
    ("In healthy adults, intranasal oxytocin probably slightly improves emotion recognition.",
     "Testosterone probably improves sexual function in older men with low testosterone.", True),
    ("In men, testosterone treatment probably does not improve memory.",
     "In men, testosterone treatment probably does not improve memory or executive function.", False),
    ("In men, testosterone treatment probably does not improve memory.",
     "In men, testosterone treatment probably improves memory.", True),
    ("Oxytocin may lower salivary cortisol after a conflict discussion.",
     "Oxytocin may lower salivary cortisol after a conflict discussion in couples.", False),
    ("Oxytocin may lower salivary cortisol after a conflict discussion.",
     "After a conflict discussion, couples given oxytocin had far calmer hormones overall.", True),
    ("The evidence is very uncertain about whether oxytocin helps couple therapy.",
     "The evidence is very uncertain about whether oxytocin helps couple therapy.", False),
    ("The evidence is very uncertain about whether oxytocin helps couple therapy.",
     "Oxytocin may help couple therapy.", True),
]


@pytest.mark.parametrize("certainty,sentence,expected", CORPUS)
def test_hedging_strong_verbs_and_marketing(certainty, sentence, expected):
    found = {f.rule for f in language.check_text(sentence, claim(certainty), what="statement")}
    assert found == expected


@pytest.mark.parametrize("population,species,sentence,expected", INDIRECT)
def test_indirectness(population, species, sentence, expected):
    found = {f.rule for f in language.check_text(sentence, claim("moderate", population, species), what="page sentence")}
    assert found == expected


@pytest.mark.parametrize("statement,sentence,expected", DRIFT)
def test_drift(statement, sentence, expected):
    assert (language.drift(sentence, claim("moderate", statement=statement)) is not None) is expected


def test_corpus_is_large_enough():
    assert len(CORPUS) + len(INDIRECT) + len(DRIFT) >= 60
    for level in ("high", "moderate", "low", "very-low"):
        assert sum(1 for c, _, _ in CORPUS if c == level) >= 7


@pytest.mark.parametrize("certainty,sentence,suggestion", [
    ("low", "Intranasal oxytocin increases trust in men.", "Intranasal oxytocin may increase trust in men."),
    ("low", "Oxytocin is the hormone of trust.", "Oxytocin may be the hormone of trust."),
    ("low", "Testosterone does not improve memory.", "Testosterone may not improve memory."),
    ("moderate", "Oxytocin reduces cortisol.", "Oxytocin probably reduces cortisol."),
    ("very-low", "Oxytocin helps couple therapy.", "The evidence is very uncertain about whether oxytocin helps couple therapy."),
])
def test_suggested_wording(certainty, sentence, suggestion):
    (finding,) = [f for f in language.check_text(sentence, claim(certainty), what="statement") if f.rule == "wording-too-strong"]
    assert finding.hint == f"for {certainty} certainty write: {suggestion}"


def test_located_findings_waivers_and_unused_waivers(good):
    from conftest import check

    page = good / "docs/index.md"
    page.write_text(page.read_text().replace("may slightly increase trust. [claim:in-oxt-trust-trial]",
                                             "slightly increases trust. [claim:in-oxt-trust-trial]"))
    found = [(p.path, p.line, p.column, p.code) for p in check(good, advisories=False)]
    assert found == [("docs/index.md", 5, 1, "wording-drift"), ("docs/index.md", 5, 1, "wording-too-strong")]

    claims = good / "claims/basics.yml"
    claims.write_text(claims.read_text().replace(
        "    caveats: Not replicated.",
        "    caveats: Not replicated.\n    waivers:\n      - rule: wording-drift\n        reason: The summary sentence shortens the statement on purpose.\n"
        "      - rule: wording-marketing\n        reason: Nothing here uses marketing words at all."))
    found = [(p.path, p.line, p.code) for p in check(good, advisories=False)]
    assert found == [("claims/basics.yml", 54, "waiver-unused"), ("docs/index.md", 5, "wording-too-strong")]


def test_the_real_register_has_no_wording_errors():
    from conftest import ROOT, check

    assert [p for p in check(ROOT, advisories=False) if p.code.startswith(("wording", "waiver"))] == []
