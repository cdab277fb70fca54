"""Reader-side weight of the real built site against schema/page-budget.yml, and what search
finds: every claim statement is indexed once, the long generated pages are not indexed whole,
the theme's scripts do not block the first paint, and the register lists every claim in its HTML
(so without JavaScript)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, mkdocs_build

BUDGET = yaml.safe_load((ROOT / "schema" / "page-budget.yml").read_text("utf-8"))


class _Elements(HTMLParser):
    """Counts start tags, in the whole page or below the first element with a given class."""

    def __init__(self, within: str | None = None):
        super().__init__()
        self.within, self.depth, self.count, self.items = within, 0, 0, 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.within is None:
            self.count += 1
        elif self.depth:
            self.count += 1
            self.depth += tag not in ("br", "img", "input", "meta", "link", "wbr", "hr")
            self.items += self.depth == 2
        elif self.within in classes:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1


def count(html: str, within: str | None = None) -> _Elements:
    parser = _Elements(within)
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real-site") / "site"
    result = mkdocs_build(ROOT, "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    return out


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text("utf-8")


def claims(site: Path) -> list[dict]:
    return json.loads(read(site, "data/claims.json"))["claims"]


def search_text(site: Path, page: str | None = None) -> str:
    docs = json.loads(read(site, "search/search_index.json"))["docs"]
    text = " ".join(d["title"] + " " + d["text"] for d in docs if page is None or d["location"].startswith(page))
    return " ".join(re.sub(r"<[^>]+>", " ", text).replace("&#39;", "'").replace("&quot;", '"')
                    .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").split())


def test_every_claim_statement_is_found_by_search_and_indexed_once_on_the_register(site):
    everywhere, register = search_text(site), search_text(site, "register/")
    for claim in claims(site):
        statement = " ".join(claim["statement"].split())
        assert statement in everywhere, claim["id"]
        assert register.count(statement) == 1, claim["id"]
    assert "Clear filters" not in register  # the table's controls and cells are not indexed


def test_bibliography_is_indexed_as_citations_only(site):
    text = search_text(site, "references/")
    assert "Cited by:" not in text and "Key:" not in text and "Verified on" not in text
    html = read(site, "references/index.html")
    titles = re.findall(r'<li id="ref-[^"]+" class="oxy-bib__item">', html)
    assert len(titles) == count(html, "oxy-bib").items > 100
    assert "Cited by:" in html  # the page itself keeps the full record


def test_register_lists_every_claim_without_javascript(site):
    html = read(site, "register/index.html")
    rows = re.findall(r'<tr id="([a-z0-9-]+)" data-topic=', html)
    assert sorted(rows) == sorted(c["id"] for c in claims(site))
    assert "<!-- oxy:" not in html and "<!-- /oxy:" not in html  # every placeholder filled


def test_register_and_bibliography_within_their_element_budgets(site):
    register = count(read(site, "register/index.html"), "oxy-register__table")
    rows = len(claims(site))
    assert register.count <= BUDGET["register_elements_per_claim"] * rows + 30, register.count  # + header
    bib = count(read(site, "references/index.html"), "oxy-bib")
    assert bib.count <= BUDGET["bibliography_elements_per_reference"] * bib.items, (bib.count, bib.items)


def test_pages_within_their_element_budgets(site):
    over = {}
    for source in (ROOT / "docs").glob("*.md"):
        rel = "index.html" if source.stem == "index" else f"{source.stem}/index.html"
        if (n := count(read(site, rel)).count) > BUDGET["content_page_elements"]:
            over[rel] = n
    for page in (site / "claims").glob("*/index.html"):
        if (n := count(page.read_text("utf-8")).count) > BUDGET["claim_page_elements"]:
            over[str(page.relative_to(site))] = n
    assert over == {}


def test_search_index_within_budget(site):
    size = (site / "search/search_index.json").stat().st_size
    assert size <= BUDGET["search_index_kb"] * 1000, size


def test_scripts_do_not_block_the_first_paint(site):
    for rel in ("estradiol/index.html", "register/index.html", "references/index.html",
                f"claims/{claims(site)[0]['id']}/index.html"):
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", read(site, rel))
        assert tags and all(re.search(r"\b(defer|async)\b", t) for t in tags), (rel, tags)
