"""The glossary: located errors from its validation, term matching on pages, the generated
Glossary page and the tooltips (abbr) on content pages, parsed back from the built HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import markdown
import pytest

from conftest import ROOT, check, copy_fixture, mkdocs_build
from gradedclaims import glossary, project
from gradedclaims.problems import format_text, sort_problems
from gradedclaims.render.glossary import first_uses, with_tooltips

BAD = """\
terms:
  - term: plasma
    definition: The liquid part of blood, without the cells.
  - term: Plasma
    definition: Said twice, in capitals.
  - term: HPA axis
    aliases: [HPA-axis]
    definition: A chain of glands.
  - term: immunoassay
    definition: A lab test with <b>antibodies</b>.
  - term: placebo
    definition: A dummy treatment. It has no active ingredient. Comparing with it shows what the real one adds.
  - term: agonist
    definition: Switches a receptor on.
    see: [antagonsit]
  - term: antagonist
    definiton: Blocks a receptor.
"""


def test_validation_reports_each_problem_at_its_line_and_column():
    parsed = glossary.parse(BAD, "glossary.yml")
    assert format_text(sort_problems(parsed.problems)).splitlines() == [
        "glossary.yml:16:5: [error] missing required field 'definition' (missing-field)",
        "    hint: One or two short sentences in plain words that a reader with no science background understands. "
        "A definition only: no finding, no claim about evidence, no HTML or Markdown.",
        "glossary.yml:17:5: [error] unknown field 'definiton' (unknown-field)",
        "    hint: did you mean 'definition'? allowed fields: aliases, definition, see, term",
        "2 errors, 0 warnings in 1 file",
    ]
    assert parsed.terms == []  # nothing is published from a glossary that breaks its schema

    fixed = BAD.replace("definiton:", "definition:")
    assert format_text(sort_problems(glossary.parse(fixed, "glossary.yml").problems)).splitlines() == [
        "glossary.yml:4:11: [error] 'Plasma' is already in the glossary as 'plasma' (line 2) (glossary-duplicate)",
        "    hint: keep one entry; list other spellings under that entry's aliases",
        "glossary.yml:7:15: [error] 'HPA-axis' is already in the glossary as 'HPA axis' (line 6) (glossary-duplicate)",
        "    hint: keep one entry; list other spellings under that entry's aliases",
        "glossary.yml:10:17: [error] the definition of 'immunoassay' contains '<': definitions are plain text (glossary-html)",
        "    hint: write it in words; the page shows it as a tooltip, where HTML and Markdown are not rendered",
        "glossary.yml:12:17: [error] the definition of 'placebo' has 3 sentences; at most 2 fit a tooltip "
        "(glossary-long-definition)",
        "    hint: say what the word means in one or two short sentences; leave findings to the pages and their claims",
        "glossary.yml:15:11: [error] 'antagonsit' under 'see' of 'agonist' is not a term of the glossary "
        "(glossary-unknown-term)",
        "    hint: did you mean 'antagonist'? 'see' lists other terms (or their aliases) of this file",
        "5 errors, 0 warnings in 1 file",
    ]


def test_a_definition_longer_than_the_schema_allows_is_located():
    text = "terms:\n  - term: cortisol\n    definition: " + "word " * 60 + "\n"
    assert [(p.line, p.column, p.code) for p in glossary.parse(text, "glossary.yml").problems] == [(3, 17, "invalid-length")]


def test_matching_keeps_the_spelling_the_page_uses():
    terms = glossary.parse(
        "terms:\n"
        "  - term: supraoptic nucleus\n    aliases: [SON]\n    definition: A cluster of nerve cells.\n"
        "  - term: HPA axis\n    aliases: [HPA]\n    definition: A chain of glands.\n"
        "  - term: meta-analysis\n    aliases: [meta-analyses]\n    definition: Studies combined.\n",
        "glossary.yml")
    text = "Her son studied the SON and the HPA-axis. Meta-analyses and one meta-analysis; the HPA."
    used = terms.used_in(text)
    assert {surface: t.term for surface, t in used.items()} == {
        "SON": "supraoptic nucleus", "HPA-axis": "HPA axis", "Meta-analyses": "meta-analysis",
        "meta-analysis": "meta-analysis", "HPA": "HPA axis"}


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["abbr", "attr_list", "toc"])


def test_tooltips_are_escaped_and_leave_tokens_and_heading_anchors_alone():
    terms = glossary.parse(
        'terms:\n  - term: plasma\n    definition: "Blood\'s liquid part, \\"without\\" cells & *platelets* [1]."\n',
        "glossary.yml")
    assert terms.problems == []
    page = "# Plasma levels\n\nPlasma oxytocin rose in plasma. <!--oxy-cite-0-->\n\n`plasma` in code.\n"
    out = _html(with_tooltips(page, terms))
    tree = html5lib.parse(out, namespaceHTMLElements=False)
    abbrs = tree.findall(".//abbr")
    assert [a.text for a in abbrs] == ["Plasma", "Plasma", "plasma"]
    assert {a.get("title") for a in abbrs} == {"Blood's liquid part, \"without\" cells & *platelets* [1]."}
    assert "<!--oxy-cite-0-->" in out
    assert tree.find(".//h1").get("id") == re.search(r'id="([^"]+)"', _html(page)).group(1) == "plasma-levels"
    assert tree.find(".//code").text == "plasma"
    assert "*[" not in out


def test_a_term_keeps_its_tooltip_at_its_first_use_in_each_section():
    a, b = '<abbr title="A chain of glands.">', '<abbr title="A stress hormone.">'
    html = (f"<h1>The {a}HPA axis</abbr></h1><p>{a}HPA</abbr> and {b}cortisol</abbr>, then {b}cortisol</abbr>.</p>"
            f'<h2 id="next">Next</h2><p>{b}cortisol</abbr> and {b}Cortisol</abbr>.</p>')
    assert first_uses(html) == (
        f"<h1>The {a}HPA axis</abbr></h1><p>HPA and {b}cortisol</abbr>, then cortisol.</p>"
        f'<h2 id="next">Next</h2><p>{b}cortisol</abbr> and Cortisol.</p>')


def test_a_page_without_glossary_terms_is_unchanged():
    terms = glossary.parse("terms:\n  - term: plasma\n    definition: The liquid part of blood.\n", "glossary.yml")
    assert with_tooltips("# Title\n\nNo term here.\n", terms) == "# Title\n\nNo term here.\n"
    assert with_tooltips("Plasma.\n", None) == "Plasma.\n"


def test_the_project_glossary_covers_the_terms_the_pages_use():
    proj = project.load(ROOT)
    problems = [p for p in project.check(proj) if p.path == "glossary.yml" and p.code != "glossary-unused"]
    assert problems == []
    used = {t.term for page in proj.pages for t in proj.glossary.used_in(page.text).values()}
    assert len(used) >= 60


FIXTURE_GLOSSARY = """\
terms:
  - term: intranasal
    definition: Given into the nose, usually as a spray.
  - term: oxytocin receptor
    aliases: [oxytocin receptors]
    definition: The protein oxytocin attaches to; a cell "hears" oxytocin only if it has one & more.
    see: [intranasal]
  - term: ovariectomised
    definition: With the ovaries removed by surgery.
  - term: tocolytic
    definition: A medicine that relaxes the womb.
"""


@pytest.fixture(scope="module")
def built_with_glossary(tmp_path_factory) -> Path:
    root = copy_fixture("good", tmp_path_factory.mktemp("glossary"))
    (root / "glossary.yml").write_text(FIXTURE_GLOSSARY)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("markdown_extensions: [", "markdown_extensions: [abbr, "))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root


def test_unused_term_is_an_advisory_and_a_broken_glossary_is_an_error(built_with_glossary, tmp_path):
    problems = [(p.location(), p.level, p.code) for p in check(built_with_glossary) if p.path == "glossary.yml"]
    assert problems == [("glossary.yml:10:5", "warning", "glossary-unused")]
    root = copy_fixture("good", tmp_path)
    (root / "glossary.yml").write_text(FIXTURE_GLOSSARY.replace("[intranasal]", "[intranasl]"))
    assert [(p.location(), p.code) for p in check(root) if p.path == "glossary.yml"] == [
        ("glossary.yml:7:11", "glossary-unknown-term"), ("glossary.yml:10:5", "glossary-unused")]


def test_glossary_page_lists_every_term_with_an_anchor(built_with_glossary):
    tree = html5lib.parse((built_with_glossary / "site/glossary/index.html").read_text("utf-8"),
                          namespaceHTMLElements=False)
    entries = {dt.get("id"): "".join(dt.itertext()) for dt in tree.findall(".//dl[@class='oxy-glossary']/dt")}
    assert entries == {"term-intranasal": "intranasal", "term-oxytocin-receptor": "oxytocin receptor",
                       "term-ovariectomised": "ovariectomised", "term-tocolytic": "tocolytic"}
    see = tree.find(".//dl[@class='oxy-glossary']//span[@class='oxy-glossary__see']/a")
    assert see.get("href") == "#term-intranasal"


def test_content_page_has_a_tooltip_for_each_term_it_uses(built_with_glossary):
    html = (built_with_glossary / "site/index.html").read_text("utf-8")
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    titles = {a.text: a.get("title") for a in tree.findall(".//article//abbr")}
    assert titles == {
        "intranasal": "Given into the nose, usually as a spray.",
        "ovariectomised": "With the ovaries removed by surgery.",
        "oxytocin receptor": 'The protein oxytocin attaches to; a cell "hears" oxytocin only if it has one & more.',
    }
    # citations are whole: each sentence still ends with its numbered link and badge
    assert len(re.findall(r'<span class="oxy-cite" data-claim="[^"]+"><a class="oxy-cite__link"', html)) == 4
    assert "*[" not in html


def test_tooltips_add_abbr_elements_and_change_nothing_else(built_with_glossary, tmp_path):
    """Citations, headings, anchors and the search index are those of a build without a glossary."""
    # (the fixture page uses each term once, so no tooltip is dropped as a repeat)
    plain = copy_fixture("good", tmp_path)
    config = plain / "mkdocs.yml"
    config.write_text(config.read_text().replace("markdown_extensions: [", "markdown_extensions: [abbr, "))
    assert mkdocs_build(plain).returncode == 0
    with_terms = (built_with_glossary / "site/index.html").read_text("utf-8")
    assert "<abbr" in with_terms
    assert re.sub(r'<abbr title="[^"]*">([^<]*)</abbr>', r"\1", with_terms) == (plain / "site/index.html").read_text("utf-8")
    index = [d for d in json.loads((built_with_glossary / "site/search/search_index.json").read_text())["docs"]
             if not d["location"].startswith("glossary/")]
    assert index == json.loads((plain / "site/search/search_index.json").read_text())["docs"]
