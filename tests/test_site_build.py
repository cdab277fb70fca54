"""The site build: rendered citations, generated pages, exports that parse back, strict
failures that name file and line, escaping of untrusted text, reproducible output."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from pybtex.database import parse_string

from conftest import copy_fixture, mkdocs_build


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_fixture("good", tmp_path_factory.mktemp("site"))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text("utf-8")


def test_marker_renders_numbers_badge_tag_and_link(built):
    html = read(built, "index.html")
    assert "[claim:" not in html.split("<code>")[0].split("Markers in code")[0]
    cites = re.findall(r'<span class="oxy-cite" data-claim="([^"]+)">(.*?)</span></span>', html)
    assert [c[0] for c in cites][:3] == ["oxt-nonapeptide", "in-oxt-trust-trial", "oxtr-estradiol-rat"]
    first = cites[0][1]
    assert 'href="claims/oxt-nonapeptide/"' in first and ">[1]</a>" in first
    assert "⊕⊕⊕⊕</span> High" in first
    rat = cites[2][1]
    assert ">[3]</a>" in rat and '<span class="oxy-tag" title="Evidence type">rodents</span>' in html
    # markers inside code stay literal examples
    assert "<code>[claim:not-a-claim]</code>" in html


def test_no_placeholder_is_left_in_any_built_page(built):
    leftovers = {str(f.relative_to(built)): re.findall(r"<!--\s*oxy[:-][^>]*-->", f.read_text("utf-8"))
                 for f in built.rglob("*.html")}
    assert len(leftovers) > 5
    assert {k: v for k, v in leftovers.items() if v} == {}


def test_page_ends_with_numbered_vancouver_references(built):
    html = read(built, "index.html")
    refs = re.findall(r'<li id="oxy-ref-(\d)" value="\d">(.*?)</li>', html)
    assert [n for n, _ in refs] == ["1", "2", "3"]
    assert refs[1][1].startswith("Smith JA, Doe J. A randomised trial of intranasal oxytocin in healthy adults. Journal of Tests. 2020;12(3):100")
    assert '<a href="https://doi.org/10.1000/jt.2020.001" rel="noopener noreferrer">doi:10.1000/jt.2020.001</a>' in refs[1][1]
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/12345678/" rel="noopener noreferrer">PMID: 12345678</a>' in refs[1][1]


def test_claim_page_has_grade_sources_usage_note_and_json_ld(built):
    html = read(built, "claims/in-oxt-trust-trial/index.html")
    assert "<title>Claim in-oxt-trust-trial" in html
    assert "One small randomised trial; rated down twice for imprecision." in html
    assert '<span class="oxy-relation oxy-relation--supports">Supports</span>' in html
    assert '<span class="oxy-locator">(Table 2)</span>' in html
    assert '<a href="../../">Test site</a>' in html
    note = re.search(r'<pre class="oxy-note" id="oxy-note">(.*?)</pre>', html, re.S).group(1)
    assert note.splitlines()[0] == "In healthy adults, a single dose of intranasal oxytocin may slightly increase trust."
    assert "Certainty of evidence: Low (rct, human)." in note
    assert "Source: https://example.org/fixture/claims/in-oxt-trust-trial/ (reviewed 2026-01-15)" in note
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@type"] == "ClaimReview" and ld["itemReviewed"]["@type"] == "Claim"
    assert ld["reviewRating"]["ratingValue"] == 2 and ld["reviewRating"]["bestRating"] == 4
    assert ld["url"] == "https://example.org/fixture/claims/in-oxt-trust-trial/"
    assert not (built / "claims/_shell").exists()


def test_claim_json_for_the_hover_card(built):
    data = json.loads(read(built, "claims/oxtr-estradiol-rat/claim.json"))
    assert data["certainty"] == "moderate" and data["population_label"] == "rodents"
    assert data["sources"][0]["reference"]["links"] == [{"label": "doi:10.1000/et.2019.4", "url": "https://doi.org/10.1000/et.2019.4"}]
    assert data["pages"] == [{"title": "Test site", "url": "https://example.org/fixture/"}]


def test_register_lists_every_claim_with_filters_and_map(built):
    html = read(built, "register/index.html")
    rows = re.findall(r'<tr id="([a-z0-9-]+)" data-topic="basics" data-certainty="([a-z-]+)"', html)
    assert sorted(rows) == [("in-oxt-trust-trial", "low"), ("oxt-nonapeptide", "high"), ("oxtr-estradiol-rat", "moderate")]
    assert '<select data-filter="certainty">' in html
    assert 'aria-label="Estradiol, Receptor expression: 1 claim, best certainty Moderate"' in html
    # search indexes each statement once, not the table (the table is injected after indexing)
    index = json.loads(read(built, "search/search_index.json"))
    register_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("register/"))
    assert register_text.count("In ovariectomised rats, estradiol probably increases oxytocin receptor binding.") == 1
    assert "Clear filters" not in register_text and "oxtr-estradiol-rat" not in register_text
    assert html.count("In ovariectomised rats, estradiol probably increases") == 1  # the stand-in is replaced


def test_bibliography_and_audit_pages(built):
    bib = read(built, "references/index.html")
    assert 'id="ref-smith2020trial"' in bib and "Verified on 2026-01-15 against" in bib
    assert '<span class="oxy-bib__note">Page range seen on the publisher&#39;s page only.</span>' in bib
    assert '<a href="../claims/in-oxt-trust-trial/">in-oxt-trust-trial</a>' in bib
    audit = read(built, "audit/test-article/index.html")
    assert ('<figure class="oxy-audit__quote"><blockquote><p>Oxytocin reliably increases trust.</p></blockquote>'
            "<figcaption>Trust, paragraph 1</figcaption></figure>") in audit
    assert ('<p class="oxy-audit__restatement"><strong>In other words:</strong> A single dose of oxytocin makes '
            "people more trusting.</p>") in audit
    assert ('Record (no identifier shown): <a href="https://example.org/catalogue/roe-textbook" '
            'rel="noopener noreferrer">') in audit
    assert '<span class="oxy-verdict oxy-verdict--weak">Weak or speculative</span>' in audit
    assert '<span class="oxy-refstatus oxy-refstatus--not-found">No record found</span>' in audit


def test_exports_parse_back(built):
    claims = json.loads(read(built, "data/claims.json"))
    assert claims["schema_version"] == "1.0"
    assert [c["id"] for c in claims["claims"]] == ["in-oxt-trust-trial", "oxt-nonapeptide", "oxtr-estradiol-rat"]
    assert claims["claims"][0]["sources"][0]["reference"]["pmid"] == "12345678"

    rows = list(csv.DictReader(io.StringIO((built / "data/claims.csv").read_text("utf-8-sig"))))
    assert [r["id"] for r in rows] == ["in-oxt-trust-trial", "oxt-nonapeptide", "oxtr-estradiol-rat"]
    assert rows[0]["dois"] == "10.1000/jt.2020.001" and rows[2]["species"] == "rat"

    bib = parse_string(read(built, "data/references.bib"), "bibtex")
    assert sorted(bib.entries) == ["hall2021guyton", "lee2019rats", "smith2020trial"]
    assert bib.entries["smith2020trial"].fields["doi"] == "10.1000/jt.2020.001"

    ris = read(built, "data/references.ris")
    records = [r for r in ris.split("ER  - ") if r.strip()]
    assert len(records) == 3
    smith = next(r for r in records if "ID  - smith2020trial" in r)
    assert "TY  - JOUR" in smith and "AU  - Smith, Jane A." in smith and "SP  - 100" in smith and "EP  - 110" in smith

    csl = json.loads(read(built, "data/references.json"))
    item = next(i for i in csl if i["id"] == "smith2020trial")
    assert item["type"] == "article-journal" and item["DOI"] == "10.1000/jt.2020.001"
    assert item["author"][0] == {"family": "Smith", "given": "Jane A."} and item["issued"] == {"date-parts": [[2020]]}


def _tree_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_identical(tmp_path):
    root = copy_fixture("good", tmp_path)
    assert mkdocs_build(root, "--site-dir", "site-a").returncode == 0
    assert mkdocs_build(root, "--site-dir", "site-b").returncode == 0
    a, b = _tree_digest(root / "site-a"), _tree_digest(root / "site-b")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_strict_build_names_file_and_line_of_an_unknown_claim(tmp_path):
    root = copy_fixture("good", tmp_path)
    page = root / "docs/index.md"
    page.write_text(page.read_text().replace("[claim:in-oxt-trust-trial]", "[claim:in-oxt-trust-trail]"))
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "docs/index.md:5:86: marker cites claim 'in-oxt-trust-trail', which is not in the register (unknown-claim)" in result.stderr
    assert not (root / "site/index.html").exists()


def test_unknown_reference_refuses_the_build(tmp_path):
    root = copy_fixture("good", tmp_path)
    claims = root / "claims/basics.yml"
    claims.write_text(claims.read_text().replace("ref: lee2019rats", "ref: lee2019mice"))
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "claims/basics.yml:59:9: claim 'oxtr-estradiol-rat' cites 'lee2019mice', which is not in references.bib (unknown-ref)" in result.stderr


def test_broken_anchor_fails_the_strict_build(tmp_path):
    root = copy_fixture("good", tmp_path)
    page = root / "docs/index.md"
    page.write_text(page.read_text() + "\nSee [the register](register.md#no-such-heading).\n")
    result = mkdocs_build(root)
    assert result.returncode != 0 and "no-such-heading" in result.stderr


def test_a_real_page_is_never_replaced_by_a_generated_one(tmp_path):
    root = copy_fixture("good", tmp_path)
    (root / "docs/register.md").write_text("# My own register\n")
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "docs/register.md would be replaced by a generated page" in result.stderr


def test_unverified_reference_says_what_was_searched_and_links_the_record_seen(tmp_path):
    from gradedclaims import project
    from gradedclaims.render import bibliography
    from gradedclaims.render.model import SiteModel

    root = copy_fixture("good", tmp_path)
    bib = root / "references.bib"
    bib.write_text(bib.read_text().replace(
        "verification = {verified},\n  verified_url = {https://doi.org/10.1000/et.2019.4},",
        "verification = {unverified},\n  verified_url = {https://doi.org/10.1000/et.2019.4},"))
    html = bibliography.body(SiteModel(project.load(root)))
    item = html[html.index('id="ref-lee2019rats"'):]
    item = item[:item.index("</li>")]
    assert "<strong>Unverified.</strong> Page range seen on the publisher&#39;s page only." in item
    assert 'href="https://doi.org/10.1000/et.2019.4"' in item and ">The record seen</a>" in item
    assert "Unverified reference" in item and "Verified on" not in item
    assert "2 verified against a bibliographic record" in html


def test_reference_read_on_a_copy_is_flagged_escaped_and_counted(tmp_path):
    from gradedclaims import project
    from gradedclaims.render import bibliography
    from gradedclaims.render.model import SiteModel

    root = copy_fixture("good", tmp_path)
    bib = root / "references.bib"
    bib.write_text(bib.read_text().replace(
        "  verification_note = {Page range seen on the publisher's page only.},",
        "  verification_note = {Page range seen on the publisher's page only.},\n"
        "  copy_seen = {warnings section: <b>labels.example</b> & mirror.example},"))
    loaded = project.load(root)
    assert not [p for p in project.check(loaded) if p.code == "unknown-bib-field"]
    html = bibliography.body(SiteModel(loaded))
    item = html[html.index('id="ref-lee2019rats"'):]
    item = item[:item.index("</li>")]
    assert ('<span class="oxy-bib__copy"><strong>Read on a third-party copy</strong> (warnings section: '
            "&lt;b&gt;labels.example&lt;/b&gt; &amp; mirror.example), which may differ from the issuer&#39;s "
            "own record.</span> Verified on 2026-01-15") in item
    other = html[html.index('id="ref-smith2020trial"'):]
    assert "oxy-bib__copy" not in other[:other.index("</li>")]
    assert "verified against a bibliographic record, 1 read in whole or in part on a third-party copy." in html


@pytest.mark.parametrize("planted, expected", [
    ("<script>alert('planted')</script>", "docs/index.md:15:1: a page may not carry a <script> element (html-script)"),
    ("<img src=x onerror=alert(1)>", "docs/index.md:15:1: event-handler attribute 'onerror' on <img> is not allowed (html-event-handler)"),
    ("[x](javascript:alert(1))", "docs/index.md:15:5: link target with a javascript: URL (unsafe-url)"),
])
def test_planted_script_on_a_page_fails_the_strict_build(tmp_path, planted, expected):
    root = copy_fixture("good", tmp_path)
    page = root / "docs/index.md"
    page.write_text(page.read_text() + "\n" + planted + "\n")
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site/index.html").exists()


def test_build_stops_past_a_resource_limit_without_reading(tmp_path):
    root = copy_fixture("good", tmp_path)
    with open(root / "claims/huge.yml", "wb") as fh:
        fh.truncate(60 * 1024 ** 2)  # sparse: refused from its size, never read
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "claims/huge.yml:1:1: file is 62.9 MB; the limit is 52.4 MB (file-too-large)" in result.stderr
    assert "schema/limits.yml" in result.stderr and "Traceback" not in result.stderr
