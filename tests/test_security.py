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
