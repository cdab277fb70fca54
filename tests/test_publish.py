"""The site as published: sitemap, canonical links, descriptions, JSON-LD, feeds and the change
page, checked on a build of the fixture with a git history of three commits, with real consumers
(ElementTree for the sitemap, html5lib, feedparser, extruct and pyld). The page list is taken from
the build itself, never written out here."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import extruct
import feedparser
import html5lib
import pytest
from pyld import jsonld

from conftest import ROOT, copy_fixture, mkdocs_build
from gradedclaims import history, project
from gradedclaims.render import claimpage, describe
from gradedclaims.render.model import SiteModel

SITE = "https://example.org/fixture/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASICS = "claims/basics.yml"
# (date, what the register looked like): the last commit is the fixture as shipped
COMMITS = [
    ("2026-01-10T09:00:00+00:00", "first"),
    ("2026-02-20T10:30:00+00:00", "second"),
    ("2026-03-05T08:15:00+00:00", "final"),
]


def _git(root: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout


def _stage(text: str, stage: str) -> str:
    """The fixture's claims file as it was at an earlier commit."""
    if stage == "final":
        return text
    trust = text.index("  - id: in-oxt-trust-trial")
    rat = text.index("  - id: oxtr-estradiol-rat")
    if stage == "first":  # the trust claim graded moderate, worded for it; no rat claim yet
        old = text[trust:rat].replace("certainty: low", "certainty: moderate").replace(
            "may slightly increase trust", "probably increases trust")
        return text[:trust] + old
    # second: the trust claim regraded, reworded and withdrawn; the rat claim added
    return text[:trust] + text[trust:rat].replace("status: current", "status: withdrawn") + text[rat:]


def with_history(dest: Path) -> Path:
    root = copy_fixture("good", dest)
    final = (root / BASICS).read_text()
    _git(root, "init", "-q", "-b", "main")
    for date, stage in COMMITS:
        (root / BASICS).write_text(_stage(final, stage))
        _git(root, "add", "-A", "claims", "docs", "references.bib", "mkdocs.yml")
        _git(root, "commit", "-q", "-m", stage, date=date)
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return with_history(tmp_path_factory.mktemp("published"))


@pytest.fixture(scope="module")
def site(repo) -> Path:
    result = mkdocs_build(repo)
    assert result.returncode == 0, result.stderr
    return repo / "site"


def built_pages(site: Path, base: str = SITE) -> dict[str, Path]:
    """URL -> file for every HTML page in the build (the 404 page is not a page to list)."""
    return {base + (p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""): p
            for p in site.rglob("index.html")}


def resolve(site: Path, url: str, base: str = SITE) -> Path:
    """The file a site URL is served from (fragment dropped); asserts it is under the site."""
    path, _ = urldefrag(url)
    assert path.startswith(base), url
    rest = path[len(base):]
    return site / rest / "index.html" if rest == "" or rest.endswith("/") else site / rest


def sitemap(site: Path) -> dict[str, str | None]:
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    assert root.tag == SM + "urlset"
    return {u.findtext(SM + "loc"): u.findtext(SM + "lastmod") for u in root.iter(SM + "url")}


def test_sitemap_lists_every_built_page_at_absolute_urls(site):
    entries = sitemap(site)
    pages = built_pages(site)
    assert set(entries) == set(pages)
    assert all(urlsplit(loc).scheme == "https" and loc.startswith(SITE) for loc in entries)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    kinds = {loc[len(SITE):].split("/")[0] for loc in entries}
    assert {"", "register", "references", "audit", "changes", "claims"} <= kinds


def test_lastmod_is_the_last_commit_touching_the_page_or_its_claims(site):
    entries = sitemap(site)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in entries.values()), entries
    # the trust claim last changed in the final commit (reinstated), the rat claim in the second
    assert entries[SITE + "claims/in-oxt-trust-trial/"] == "2026-03-05"
    assert entries[SITE + "claims/oxtr-estradiol-rat/"] == "2026-02-20"
    assert entries[SITE + "claims/oxt-nonapeptide/"] == "2026-01-10"
    # the home page cites all three, so it changed when the newest of them did
    assert entries[SITE] == "2026-03-05"


def test_two_builds_of_one_commit_write_the_same_sitemap_and_feeds(repo, site):
    assert mkdocs_build(repo, "--site-dir", "site-again").returncode == 0
    for name in ("sitemap.xml", "changes.atom.xml", "changes-basics.atom.xml", "changes/index.html"):
        assert (repo / "site-again" / name).read_bytes() == (site / name).read_bytes(), name


def test_every_page_is_well_formed_with_canonical_link_description_and_feed(site):
    descriptions = {}
    for url, path in built_pages(site).items():
        text = path.read_text("utf-8")
        html5lib.HTMLParser(strict=True).parse(text)  # raises on a parse error
        tree = html5lib.parse(text, namespaceHTMLElements=False)
        links = tree.findall(".//head/link")
        canonical = [link.get("href") for link in links if link.get("rel") == "canonical"]
        assert canonical == [url], url
        feeds = [urljoin(url, link.get("href")) for link in links
                 if link.get("rel") == "alternate" and link.get("type") == "application/atom+xml"]
        assert SITE + "changes.atom.xml" in feeds, url
        assert all(resolve(site, f).is_file() for f in feeds)
        meta = [m.get("content") for m in tree.findall(".//head/meta") if m.get("name") == "description"]
        assert len(meta) == 1 and meta[0], url
        descriptions[url] = meta[0]
    # one description per page, not one for the whole site (a claim page may share its statement
    # with a page whose first sentence it is)
    pages = [d for url, d in descriptions.items() if "/claims/" not in url]
    assert len(set(pages)) == len(pages)


def test_descriptions_come_from_the_summary_and_the_statement(site, repo):
    proj = project.load(repo)
    for cid, claim in proj.claims.items():
        page = (site / f"claims/{cid}/index.html").read_text("utf-8")
        tree = html5lib.parse(page, namespaceHTMLElements=False)
        meta = next(m.get("content") for m in tree.findall(".//head/meta") if m.get("name") == "description")
        assert meta == describe.shorten(claim.statement)
    home = html5lib.parse((site / "index.html").read_text("utf-8"), namespaceHTMLElements=False)
    meta = next(m.get("content") for m in home.findall(".//head/meta") if m.get("name") == "description")
    assert meta == "Oxytocin is a peptide hormone made of nine amino acids."  # its first paragraph, no marker


def test_front_matter_description_wins_and_is_escaped(tmp_path):
    root = copy_fixture("good", tmp_path)
    page = root / "docs/index.md"
    page.write_text('---\ndescription: Evidence on "oxytocin" <b>&</b> hormones\n---\n\n' + page.read_text())
    assert mkdocs_build(root).returncode == 0
    tree = html5lib.parse((root / "site/index.html").read_text("utf-8"), namespaceHTMLElements=False)
    meta = next(m.get("content") for m in tree.findall(".//head/meta") if m.get("name") == "description")
    assert meta == 'Evidence on "oxytocin" <b>&</b> hormones'


def _feed(site: Path, name: str):
    parsed = feedparser.parse((site / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_site_feed_lists_changes_newest_first_with_ids_dates_and_links(site):
    feed = _feed(site, "changes.atom.xml")
    entries = feed.entries
    times = [e.updated_parsed for e in entries]
    assert times == sorted(times, reverse=True) and len(entries) == 5
    assert len({e.id for e in entries}) == len(entries)
    assert feed.feed.updated == entries[0].updated
    assert any(link.rel == "self" and link.href == SITE + "changes.atom.xml" for link in feed.feed.links)
    by_title = {e.title: e for e in entries}
    withdrawn = by_title["in-oxt-trust-trial: Grade changed: moderate → low; Wording changed; Status changed: current → withdrawn"]
    assert withdrawn.published.startswith("2026-02-20T10:30:00")
    assert "In healthy adults, a single dose of intranasal oxytocin may slightly increase trust." in withdrawn.summary
    assert "in-oxt-trust-trial: Status changed: withdrawn → current" in by_title
    assert "oxtr-estradiol-rat: Added, graded moderate" in by_title
    for e in entries:
        page = resolve(site, e.link)
        assert page.is_file(), e.link
        anchor = urldefrag(e.link).fragment
        assert f'id="{anchor}"' in page.read_text("utf-8"), e.link


def test_topic_feed_has_only_its_topic(site):
    feed = _feed(site, "changes-basics.atom.xml")
    assert feed.entries and all(t.term == "basics" for e in feed.entries for t in e.tags)
    assert feed.feed.title == "Oxytocin evidence: changes to basics claims"


def test_change_page_lists_changes_newest_first_and_links_the_feeds(site):
    page = (site / "changes/index.html").read_text("utf-8")
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    dates = [t.get("datetime") for h2 in tree.iter("h2") for t in h2.iter("time")]
    assert dates == ["2026-03-05", "2026-02-20", "2026-01-10"]
    links = [a.get("href") for a in tree.iter("a")]
    assert "../claims/in-oxt-trust-trial/#change-" in " ".join(links)
    assert "../changes.atom.xml" in links and "../changes-basics.atom.xml" in links
    heads = [link.get("href") for link in tree.findall(".//head/link") if link.get("type") == "application/atom+xml"]
    assert heads == ["../changes.atom.xml"]


def _context_loader(url, options=None):
    """schema.org's context cannot be fetched here: the terms this site uses, from schema.org."""
    terms = {t: {"@id": f"https://schema.org/{t}", "@type": "@id"} for t in ("url", "sameAs")}
    return {"contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/", **terms}}}


def test_claim_review_json_ld_is_complete_and_its_urls_resolve(site):
    url = SITE + "claims/oxtr-estradiol-rat/"
    data = extruct.extract(resolve(site, url).read_text("utf-8"), base_url=url, syntaxes=["json-ld"])["json-ld"]
    review = next(d for d in data if d["@type"] == "ClaimReview")
    assert review["url"] == url
    assert review["author"] == {"@type": "Organization", "name": "Oxytocin evidence", "url": SITE}
    assert review["datePublished"] == "2026-02-20"  # when the claim entered the register
    assert review["dateModified"] == "2026-02-20"  # reviewed 2026-01-15, but its record changed later
    rating = review["reviewRating"]
    assert rating["name"] == "Moderate certainty" and rating["alternateName"].startswith("Moderate certainty")
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"]["@type"] == "Organization"
    assert claim["datePublished"] == "2026-02-20"
    assert claim["appearance"] == [{"@type": "WebPage", "name": "Test site", "url": SITE}]
    assert "creativeWorkStatus" not in claim
    expanded = jsonld.expand(review, {"documentLoader": _context_loader})
    ids = []

    def collect(node):
        if isinstance(node, dict):
            ids.extend(v for k, v in node.items() if k == "@id")
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(expanded)
    own = [i for i in ids if i.startswith(SITE)]
    assert url in own and SITE in own
    assert all(resolve(site, i).is_file() for i in own)


def test_disputed_and_withdrawn_claims_are_marked(good):
    model = SiteModel(project.load(good), site_url=SITE)
    claim = model.project.claims["in-oxt-trust-trial"]
    for status in ("disputed", "withdrawn"):
        data = json.loads(claimpage.json_ld(dataclasses.replace(claim, status=status), model))
        assert data["itemReviewed"]["creativeWorkStatus"] == status.capitalize()
        assert data["reviewRating"]["name"] == f"Low certainty ({status})"
        assert data["reviewRating"]["alternateName"].endswith(f"; {status}")


def test_exports_and_clinical_note_use_absolute_urls(site):
    claims = json.loads((site / "data/claims.json").read_text("utf-8"))["claims"]
    for c in claims:
        assert resolve(site, c["url"]).is_file()
        assert all(resolve(site, p["url"]).is_file() for p in c["pages"])
    raw = (site / "data/claims.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need to read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["url"] for r in rows] == [c["url"] for c in claims]
    page = html5lib.parse(resolve(site, claims[0]["url"]).read_text("utf-8"), namespaceHTMLElements=False)
    note = next(p for p in page.iter("pre") if p.get("id") == "oxy-note").text
    assert f"Source: {claims[0]['url']} (reviewed" in note


def test_site_url_is_overridden_by_the_environment(repo):
    preview = "https://preview.example/pr-7/"
    assert mkdocs_build(repo, "--site-dir", "site-preview", env={"SITE_URL": preview}).returncode == 0
    out = repo / "site-preview"
    locs = [u.findtext(SM + "loc") for u in ET.fromstring((out / "sitemap.xml").read_bytes()).iter(SM + "url")]
    assert locs and all(loc.startswith(preview) for loc in locs)
    assert f'<link rel="canonical" href="{preview}claims/oxt-nonapeptide/">' in \
        (out / "claims/oxt-nonapeptide/index.html").read_text("utf-8")
    assert json.loads((out / "data/claims.json").read_text("utf-8"))["claims"][0]["url"].startswith(preview)


def test_the_project_site_url_comes_from_site_url_or_its_default(monkeypatch):
    from mkdocs.config import load_config
    root = Path(__file__).resolve().parents[1]
    monkeypatch.setenv("SITE_URL", "https://fork.example/oxy/")
    assert load_config(str(root / "mkdocs.yml")).site_url == "https://fork.example/oxy/"
    monkeypatch.delenv("SITE_URL")
    default = load_config(str(root / "mkdocs.yml")).site_url
    assert urlsplit(default).scheme == "https" and default.endswith("/")


def test_without_git_history_the_build_says_so(good):
    result = mkdocs_build(good)
    assert result.returncode == 0, result.stderr
    site = good / "site"
    assert "built without its git history" in (site / "changes/index.html").read_text("utf-8")
    feed = _feed(site, "changes.atom.xml")
    assert feed.entries == [] and "without its git history" in feed.feed.subtitle
    assert all(d is None for d in sitemap(site).values())
    assert "built without its git history" in (site / "claims/oxt-nonapeptide/index.html").read_text("utf-8")


def test_history_is_read_with_two_git_processes(repo, monkeypatch):
    calls = []
    real = subprocess.run

    def counting(args, *a, **kw):
        calls.append(args)
        return real(args, *a, **kw)

    monkeypatch.setattr(history.subprocess, "run", counting)
    hist = history.read(repo)
    assert len(calls) == 3  # git rev-parse HEAD, git log, then git cat-file --batch
    assert [c.kinds for c in hist.claims["in-oxt-trust-trial"]] == [
        ("added",), ("regraded", "reworded", "withdrawn"), ("reinstated",)]
    assert hist.file_dates["docs/index.md"] == "2026-01-10"
    # a rebuild at the same HEAD (mkdocs serve) asks git one question and reuses the history
    calls.clear()
    assert history.read(repo) is hist and len(calls) == 1
    # a new commit is read again
    (repo / "docs/index.md").write_text((repo / "docs/index.md").read_text() + "\nMore.\n")
    _git(repo, "commit", "-q", "-am", "more", date="2026-02-01T10:00:00")
    calls.clear()
    again = history.read(repo)
    assert again is not hist and again.file_dates["docs/index.md"] == "2026-02-01" and len(calls) == 3


@pytest.mark.parametrize("markdown, meta, expected", [
    ("# T\n\nFirst [claim:a,b] *sentence* with [a link](x.md).\n\nSecond.\n", None, "First sentence with a link."),
    ("# T\n\n## In brief\n\nSummary here. [claim:a]\n", None, "Summary here."),
    ("# T\n\n| a | b |\n|---|---|\n\n!!! note\n\nProse <b>at</b> last.\n", None, "Prose at last."),
    ("# T\n\nBody.\n", {"description": "  Given   by the author. "}, "Given by the author."),
    ("# T\n\n[claim:a]\n", None, ""),
])
def test_description_is_the_first_paragraph_of_prose(markdown, meta, expected):
    assert describe.describe(markdown, meta) == expected


def test_long_descriptions_end_at_a_sentence_or_a_word():
    two = "A first sentence of about ninety characters that says what the page is about in brief. " + "b " * 80
    assert describe.shorten(two) == two.split(". ")[0] + "."
    words = "word " * 60
    cut = describe.shorten(words)
    assert len(cut) <= describe.MAX_CHARS and cut.endswith("word…")


def test_the_project_site_is_correct_where_published(tmp_path):
    """The real register, whatever it holds today: every page in the sitemap, each with its
    canonical link, and every claim page's ClaimReview pointing at pages that exist."""
    base = "https://published.example/oxy/"
    out = tmp_path / "site"
    result = mkdocs_build(ROOT, "--site-dir", str(out), env={"SITE_URL": base})
    assert result.returncode == 0, result.stderr
    pages = built_pages(out, base)
    assert set(sitemap(out)) == set(pages)
    for url, path in pages.items():
        text = path.read_text("utf-8")
        assert f'<link rel="canonical" href="{url}">' in text, url
        if "/claims/" not in url:
            continue
        review = next(d for d in extruct.extract(text, base_url=url, syntaxes=["json-ld"])["json-ld"]
                      if d["@type"] == "ClaimReview")
        assert review["url"] == url and review["author"]["url"] == base
        assert all(resolve(out, a["url"], base).is_file() for a in review["itemReviewed"]["appearance"])
    assert _feed(out, "changes.atom.xml").entries  # the project's own history


def test_a_claim_added_on_a_branch_is_added_when_merged_never_removed(tmp_path):
    """Branch commits interleave by date with main's: replaying them all would show the branch's
    claim removed by a later commit on main; the history follows the published line instead."""
    root = copy_fixture("good", tmp_path)
    final = (root / BASICS).read_text()
    rat = final.index("  - id: oxtr-estradiol-rat")
    _git(root, "init", "-q", "-b", "main")
    (root / BASICS).write_text(final[:rat])
    _git(root, "add", "-A", "claims", "docs", "references.bib", "mkdocs.yml")
    _git(root, "commit", "-q", "-m", "base", date="2026-01-01T10:00:00+00:00")
    _git(root, "checkout", "-q", "-b", "topic")
    (root / BASICS).write_text(final)  # the branch adds the rat claim
    _git(root, "commit", "-q", "-am", "rat claim", date="2026-01-02T10:00:00+00:00")
    _git(root, "checkout", "-q", "main")
    (root / BASICS).write_text(final[:rat].replace("Chapter 76", "Chapter 76, p. 1"))  # main edits the same file later
    _git(root, "commit", "-q", "-am", "locator", date="2026-01-03T10:00:00+00:00")
    _git(root, "merge", "-q", "-X", "theirs", "topic", "-m", "merge topic", date="2026-01-04T10:00:00+00:00")
    assert "oxtr-estradiol-rat" in (root / BASICS).read_text()
    changes = history.read(root).claims["oxtr-estradiol-rat"]
    assert [(c.date, c.kinds) for c in changes] == [("2026-01-04", ("added",))]


def test_a_page_opening_with_plain_words_is_described_by_its_plain_statements():
    markdown = "# T\n\n## In plain words\n\n[plain:a]\n[plain:b]\n\n## Body\n\nClinician text. [claim:a]\n"
    plain = {"a": "Rats may have more receptors.", "b": "We are very unsure whether people do."}
    assert describe.describe(markdown, None, plain.get) == "Rats may have more receptors. We are very unsure whether people do."
    # without the register the marker lines are not described as text
    assert "[plain:" not in describe.describe(markdown, None)
