"""The link check of the built site: clean on a real build, and every planted broken link or
anchor reported at its place in the HTML with exit status 1."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SCRIPTS, copy_fixture, mkdocs_build


def linkcheck(site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPTS / "linkcheck.py"), str(site), *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_fixture("good", tmp_path_factory.mktemp("linkcheck"))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_a_real_build_passes_and_its_anchors_are_checked(built):
    result = linkcheck(built)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "no problems found\n"
    words = result.stderr.split()
    assert int(words[words.index("internal") - 1]) > 100  # nav, assets, citations, claim pages
    assert int(words[words.index("with") - 1].lstrip("(")) > 20  # #ref-… and heading anchors


PLANTED = ('<a href="no-such-page/">a</a>\n'
           '<a href="register/#no-such-row">b</a>\n'
           '<a href="#nowhere">c</a>\n'
           '<img src="assets/missing.png" srcset="assets/oxy.css 1x, gone.png 2x">\n')


def test_planted_broken_links_and_anchors_fail_with_their_place(built, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built, site)
    page = site / "index.html"
    before, after = page.read_text("utf-8").split("</article>", 1)
    page.write_text(before + "\n" + PLANTED + "</article>" + after, "utf-8")
    (site / "assets" / "extra.css").write_text("a {\n  background: url('../img/none.svg');\n}\n", "utf-8")
    first = before.count("\n") + 2
    result = linkcheck(site)
    assert result.returncode == 1
    assert [row for row in result.stdout.splitlines() if "[error]" in row] == [
        f"{site}/assets/extra.css:2:15: [error] link '../img/none.svg' points to nothing in the built site (broken-link)",
        f"{site}/index.html:{first}:1: [error] link 'no-such-page/' points to nothing in the built site (broken-link)",
        f"{site}/index.html:{first + 1}:1: [error] link 'register/#no-such-row': register/index.html has no "
        "element with id 'no-such-row' (broken-anchor)",
        f"{site}/index.html:{first + 2}:1: [error] link '#nowhere': this page has no element with id 'nowhere' "
        "(broken-anchor)",
        f"{site}/index.html:{first + 3}:1: [error] link 'assets/missing.png' points to nothing in the built site "
        "(broken-link)",
        f"{site}/index.html:{first + 3}:1: [error] link 'gone.png' points to nothing in the built site (broken-link)",
    ]
    assert "    hint: fix the link in the Markdown page" in result.stdout
    assert result.stdout.endswith("6 errors, 0 warnings in 2 files\n")


def test_links_resolve_as_a_static_server_serves_them(tmp_path):
    """Directories serve index.html, '/' is the site's base path, %-escapes and <a name> count,
    other hosts and schemes are not fetched, and nothing outside the site is reachable."""
    site = tmp_path / "site"
    (site / "a b").mkdir(parents=True)
    (site / "a b" / "index.html").write_text('<h2 id="é x">T</h2><a name="old">o</a>', "utf-8")
    (site / "index.html").write_text(
        '<link rel="canonical" href="https://example.org/docs/">\n'
        '<a href="a%20b">1</a> <a href="/docs/a%20b/#%C3%A9%20x">2</a> <a href="a b/index.html#old">3</a>\n'
        '<a href="https://example.org/#x">4</a> <a href="mailto:x@example.org">5</a> '
        '<img src="data:image/png;base64,AAAA"> <a href="?q=1">6</a> <a href="#">7</a>\n'
        '<a href="../index.html">8</a> <a href="/a%20b/">9</a> <a href="/docs/a%20b/#gone">10</a>\n', "utf-8")
    (tmp_path / "index.html").write_text("outside the site", "utf-8")
    result = linkcheck(site, "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["line"], p["column"], p["code"]) for p in problems] == [
        (4, 1, "broken-link"), (4, 31, "broken-link"), (4, 55, "broken-anchor")]
