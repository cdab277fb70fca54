"""Contributors' text is untrusted: every payload ends up as visible text, never as markup."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

import xss
from conftest import mkdocs_build


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.bad_attrs: list[tuple[str, str, str]] = []
        self._in_script: dict | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs_d = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.bad_attrs.append((tag, name, value or ""))
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.bad_attrs.append((tag, name, value or ""))
        if tag == "img" and attrs_d.get("src") == "x":
            self.bad_attrs.append((tag, "src", "x"))
        if tag == "script":
            self._in_script = attrs_d
            self.scripts.append((attrs_d, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = xss.make(tmp_path_factory.mktemp("xss"))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_payloads_render_as_text_on_every_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 8
    seen_as_text = 0
    for page in pages:
        collector = _Collector()
        collector.feed(page.read_text("utf-8"))
        assert collector.bad_attrs == [], page
        for attrs, body in collector.scripts:
            if attrs.get("type") == "application/ld+json":
                assert "<" not in body, page  # data only; nothing can close the element
            else:
                assert "alert" not in body, (page, attrs)
        if any("<script>alert('xss')</script>" in t for t in collector.text):
            seen_as_text += 1
    # the claim page, the register, the home page card data, the bibliography and the audit show it
    assert seen_as_text >= 4


def test_hostile_url_is_not_linked(hostile_site):
    bib = (hostile_site / "references/index.html").read_text("utf-8")
    assert "javascript:alert(3)" not in bib
    assert 'onmouseover="alert(6)' not in bib


def test_json_exports_keep_the_text_unchanged(hostile_site):
    import json
    data = json.loads((hostile_site / "claims/in-oxt-trust-trial/claim.json").read_text("utf-8"))
    assert data["caveats"] == xss.PAYLOAD


# --- hostile files: no hang, no leak, no echo, nothing accepted in silence ------------------

SECRET = "TOP-SECRET-CONTENT-OUTSIDE-THE-REPOSITORY"
OUTPUT_BOUND = 20_000  # characters of validator output for any one of these cases


def _validate(root: Path, *args: str) -> str:
    """Run the validator with a timeout; assert the common promises; return its output."""
    import subprocess
    import sys

    from conftest import SCRIPTS
    result = subprocess.run([sys.executable, str(SCRIPTS / "check_claims.py"), "--root", str(root), *args],
                            capture_output=True, text=True, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert SECRET not in output
    assert len(output) < OUTPUT_BOUND, output[:2000]
    return output


@pytest.fixture
def secret_file(tmp_path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    path = outside / "secret.yml"
    path.write_text(f"claims:\n  - id: {SECRET.lower()}\n    statement: {SECRET}\n")
    return path


@pytest.mark.parametrize("name", ["claims/leak.yml", "claims/audit/leak.yml", "docs/leak.md", "references.bib",
                                  "docs/assets/leak.css"])
def test_link_out_of_the_repository_is_refused_unread(good, secret_file, name):
    target = good / name
    target.unlink(missing_ok=True)
    target.symlink_to(secret_file)
    output = _validate(good)
    assert f"{name}:1:1: [error] a symbolic link to a file outside the repository; it was not read (outside-repository)" in output


def test_folder_linked_out_of_the_repository_is_refused(good, secret_file):
    (good / "docs/linked").symlink_to(secret_file.parent)
    output = _validate(good)
    assert "docs/linked:1:1: [error]" in output


def test_claims_folder_linked_out_of_the_repository(tmp_path, secret_file):
    from conftest import copy_fixture
    root = copy_fixture("good", tmp_path / "repo")
    moved = tmp_path / "claims-elsewhere"
    (root / "claims").rename(moved)
    (root / "claims").symlink_to(moved)
    output = _validate(root)
    assert "claims/basics.yml:1:1: [error] reached through a link to a folder outside the repository" in output


def test_link_to_an_endless_device_is_refused_without_reading(good):
    (good / "claims/zero.yml").symlink_to("/dev/zero")
    output = _validate(good)
    assert "claims/zero.yml:1:1: [error]" in output and "(outside-repository)" in output


def test_named_pipe_is_never_opened(good):
    import os
    os.mkfifo(good / "claims/pipe.yml")
    os.mkfifo(good / "docs/pipe.md")
    output = _validate(good)
    assert "claims/pipe.yml:1:1: [error] a named pipe; it was not read (not-a-regular-file)" in output
    assert "docs/pipe.md:1:1: [error] a named pipe; it was not read (not-a-regular-file)" in output


def test_folder_named_like_a_claims_file_and_link_loop(good):
    (good / "claims/folder.yml").mkdir()
    (good / "claims/loop.yml").symlink_to(good / "claims/loop.yml")
    output = _validate(good)
    assert "claims/folder.yml:1:1: [error] a folder; it was not read (not-a-regular-file)" in output
    assert "claims/loop.yml:1:1: [error] cannot read the file: it is a broken link or does not exist (unreadable)" in output


def test_huge_file_is_refused_before_it_is_read(good):
    big = good / "claims/big.yml"
    with open(big, "wb") as fh:
        fh.truncate(60 * 1024 ** 2)  # sparse: refused from its size, before it is opened
    output = _validate(good)
    assert "claims/big.yml:1:1: [error] file is 62.9 MB; the limit is 52.4 MB (file-too-large)" in output


def test_endless_input_stops_before_anything_is_read(good):
    with open(good / "docs/huge.md", "wb") as fh:
        fh.truncate(3 * 1024 ** 3)  # 3 GB, sparse: reading it whole would exhaust memory
    output = _validate(good)
    assert ".: [error] the files to validate hold 3221 MB; the limit is 1074 MB; the validator stops here (input-too-large)" in output


def test_link_inside_the_repository_is_followed(good):
    (good / "shared.md").write_text((good / "docs/index.md").read_text())
    (good / "docs/index.md").unlink()
    (good / "docs/index.md").symlink_to(good / "shared.md")
    result = subprocess_cli(good)
    assert result.returncode == 0, result.stdout


def subprocess_cli(root: Path):
    from conftest import run_cli
    return run_cli("--root", str(root))


def test_long_value_is_quoted_as_a_short_excerpt(good):
    claims = good / "claims/basics.yml"
    claims.write_text(claims.read_text().replace("certainty: high", "certainty: " + "h" * 2_000_000, 1))
    output = _validate(good)
    assert "claims/basics.yml:10:18: [error] '" + "h" * 80 + "…' is not an allowed value for 'certainty'" in output


def test_value_cannot_forge_output_lines(good):
    claims = good / "claims/basics.yml"
    forged = '"x\\n::error file=docs/index.md,line=1::forged\\nclaims/fake.yml:1:1: [error] forged (x)"'
    claims.write_text(claims.read_text().replace("certainty: high", f"certainty: {forged}", 1))
    for fmt in ("text", "github"):
        output = _validate(good, "--format", fmt)
        assert "forged" in output
        assert not any(line.startswith(("::error file=docs", "claims/fake.yml")) for line in output.splitlines())


def test_long_schema_value_messages_are_bounded(good):
    claims = good / "claims/basics.yml"
    claims.write_text(claims.read_text().replace("reviewed: 2026-01-15", "reviewed: 2026-01-15" + "9" * 500_000, 1))
    output = _validate(good)
    assert "(invalid-format)" in output


def test_crossref_to_a_missing_entry_is_an_error(good):
    bib = good / "references.bib"
    bib.write_text(bib.read_text().replace("@article{smith2020trial,\n", "@article{smith2020trial,\n  crossref     = {smith2020book},\n"))
    output = _validate(good)
    assert ("references.bib:2:3: [error] crossref of 'smith2020trial' names 'smith2020book', "
            "which is not in the bibliography (unknown-crossref)") in output


@pytest.mark.parametrize("name, hint", [
    ("claims/extra.yaml", "rename it to claims/extra.yml"),
    ("claims/extra.json", "claims/ holds only .yml files"),
    ("claims/audit/extra.yaml", "rename it to claims/audit/extra.yml"),
    ("claims/nested", "claims files go directly in claims/"),
])
def test_file_the_loader_does_not_read_is_reported(good, name, hint):
    path = good / name
    if "." in path.name:
        path.write_text("claims: []\n")
    else:
        path.mkdir()
        (path / "more.yml").write_text("claims: []\n")
    output = _validate(good)
    assert f"{name}: [error]" in output and "(unread-file)" in output and hint in output


def test_backtick_run_on_a_page_does_not_hang(good):
    page = good / "docs/index.md"
    page.write_text(page.read_text() + "\nA line. [claim:no-such-claim] " + "`" * 20_000 + "\n")
    output = _validate(good)
    assert "docs/index.md:15:9: [error] marker cites claim 'no-such-claim'" in output


@pytest.mark.parametrize("planted, code, column", [
    ("<script>alert(1)</script>", "html-script", 1),
    ("Text <img src=x onerror=alert(1)>", "html-event-handler", 6),
    ("[Click](javascript:alert(1))", "unsafe-url", 9),
    ("![i](data:image/svg+xml;base64,PHN2Zz4=)", "unsafe-url", 6),
    ("<iframe src=https://example.org></iframe>", "html-embed", 1),
    ('<span style="background:url(https://example.org/t.png)">x</span>', "html-style-url", 1),
    ("## Heading {: onclick=alert(1) }", "html-event-handler", 12),
    ("<style>body{display:none}</style>", "html-tag-not-allowed", 1),
])
def test_page_policy_refuses_script_in_pages(good, planted, code, column):
    page = good / "docs/index.md"
    page.write_text(page.read_text() + "\n" + planted + "\n")
    output = _validate(good)
    assert f"docs/index.md:15:{column}: [error]" in output and f"({code})" in output


def test_page_policy_allows_code_examples_and_listed_html(good):
    page = good / "docs/index.md"
    page.write_text(page.read_text() + "\nShown as code: `<script>alert(1)</script>`.\n\n"
                    "```html\n<iframe src=x onload=alert(1)></iframe>\n```\n\n"
                    '<span class="x" title="a > b">ok</span> <abbr title="oxytocin">OXT</abbr> '
                    "[a link](https://example.org/) <https://example.org/>\n")
    assert subprocess_cli(good).returncode == 0


# --- resource limits ------------------------------------------------------------------------

def _limited(**changes):
    from dataclasses import replace

    from gradedclaims import limits
    return replace(limits.defaults(), **changes)


@pytest.mark.parametrize("changes, path, code", [
    ({"max_files": 2}, "claims", "too-many-files"),
    ({"max_pages": 0}, "docs", "too-many-pages"),
    ({"max_claims": 2}, "claims", "too-many-claims"),
    ({"max_references": 2}, "references.bib", "too-many-references"),
    ({"max_total_bytes": 1000}, ".", "input-too-large"),
    ({"max_file_bytes": 100}, "claims/basics.yml", "file-too-large"),
])
def test_validation_stops_past_a_resource_limit(good, changes, path, code):
    from gradedclaims import project
    proj = project.load(good, limits=_limited(**changes))
    problems = project.check(proj)
    assert (path, code) in [(p.path, p.code) for p in problems]
    assert "schema/limits.yml" in next(p.hint for p in problems if p.code == code)
    if code != "file-too-large":
        assert proj.stopped and problems == [p for p in problems if p.level == "error"]


def test_default_limits_are_well_above_the_largest_benchmark():
    from gradedclaims import limits
    lim = limits.defaults()
    assert lim.max_claims >= 500_000 and lim.max_references >= 250_000 and lim.max_pages >= 20_000
    assert lim.max_file_bytes >= 40 * 1024 * 1024


def test_page_the_markdown_renderer_would_take_minutes_on_is_refused(good):
    page = good / "docs/index.md"
    page.write_text(page.read_text() + "\n" + "[" * 20_000 + "\n")
    output = _validate(good)
    assert "docs/index.md:1:1: [error] the page has 20005 '[' and '<' in 20437 characters" in output
    assert "(page-too-complex)" in output


def test_file_name_cannot_forge_output_lines(good):
    (good / "claims/x\n::error file=docs,line=1::forged\nclaims").mkdir()
    for fmt in ("text", "github"):
        output = _validate(good, "--format", fmt)
        assert "forged" in output
        assert not any(line.startswith(("::error file=docs", "claims:")) for line in output.splitlines())


def test_long_marker_id_is_quoted_as_a_short_excerpt(good):
    page = good / "docs/index.md"
    page.write_text(page.read_text() + "\nA sentence. [claim:" + "a" * 1_000_000 + "]\n")
    output = _validate(good)
    assert "docs/index.md:15:13: [error] marker cites claim '" + "a" * 80 + "…', which is not in the register" in output


@pytest.mark.parametrize("file, old, new, expected", [
    ("references.bib", "year         = {2020}", "year         = {" + "9" * 5000 + "}",
     "references.bib:5:3: [error] year '" + "9" * 80 + "…' of 'smith2020trial' is not a four-digit year (invalid-year)"),
    ("claims/basics.yml", "status: current", "status: " + "9" * 5000,
     "claims/basics.yml:24:13: [error] YAML syntax error: this number is too long (yaml-syntax)"),
    ("docs/index.md", "# Test site", "# Test site\n\n<a href='&#" + "9" * 5000 + ";'>x</a>", None),
])
def test_numbers_past_pythons_digit_limit_do_not_crash(good, file, old, new, expected):
    path = good / file
    path.write_text(path.read_text().replace(old, new, 1))
    if expected is None:
        assert subprocess_cli(good).returncode == 0
    else:
        assert expected in _validate(good)


def test_build_refuses_a_link_out_of_the_repository_without_quoting_it(good, secret_file):
    (good / "docs/leak.md").symlink_to(secret_file)
    (good / "docs/assets/leak.txt").symlink_to(secret_file)
    result = mkdocs_build(good)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and SECRET not in output and "Traceback" not in output
    assert "docs/leak.md:1:1: a symbolic link to a file outside the repository; it was not read (outside-repository)" in output
    assert "docs/assets/leak.txt:1:1:" in output
    assert not (good / "site").exists()


def test_hidden_editor_files_are_not_reported_but_hidden_claims_files_are_read(good):
    (good / "claims/.basics.yml.swp").write_bytes(b"\x00\x01binary swap")
    (good / "claims/.DS_Store").write_bytes(b"\x00")
    (good / "claims/.hidden.yml").write_text("claims: 1\n")
    output = _validate(good)
    assert "claims/.hidden.yml:1:9: [error] 'claims' must be a list" in output
    assert ".swp" not in output and ".DS_Store" not in output
