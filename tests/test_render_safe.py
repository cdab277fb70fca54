"""Escaping, URL safety and relative links used by every renderer."""

import pytest

from gradedclaims.render.safe import attr, esc, external_link, rel, safe_url


@pytest.mark.parametrize("src,dst,expected", [
    ("estradiol/", "claims/x/", "../claims/x/"),
    ("", "claims/x/", "claims/x/"),
    ("./", "claims/x/", "claims/x/"),
    ("claims/x/", "./", "../../"),
    ("claims/x/", "", "../../"),
    ("claims/x/", "references/", "../../references/"),
    ("claims/x/", "claims/x/claim.json", "claim.json"),
    ("estradiol/", "estradiol/", "./"),
    ("audit/x/", "claims/y/", "../../claims/y/"),
    ("data/", "data/claims.json", "claims.json"),
    ("page.html", "claims/x/", "claims/x/"),
    ("a/page.html", "b/", "../b/"),
])
def test_relative_links(src, dst, expected):
    assert rel(src, dst) == expected


def test_text_is_inert_in_html_and_markdown():
    assert esc("<b>[x](javascript:y)</b> *a* `c` _d_ | e & 'f'") == (
        "&lt;b&gt;&#91;x&#93;(javascript:y)&lt;/b&gt; &#42;a&#42; &#96;c&#96; &#95;d&#95; &#124; e &amp; &#39;f&#39;")
    assert attr('a"b<c>') == "a&quot;b&lt;c&gt;"


@pytest.mark.parametrize("url,ok", [
    ("https://pubmed.ncbi.nlm.nih.gov/1/", True),
    ("http://example.org/a?b=c", True),
    ("javascript:alert(1)", False),
    ("data:text/html,x", False),
    ("https://user@evil.example/", False),
    ('https://x.org/" onmouseover="y', False),
    ("//x.org/", False),
])
def test_only_plain_http_links(url, ok):
    assert (safe_url(url) is not None) is ok
    link = external_link(url, "label")
    assert link.startswith("<a ") is ok
    assert "noopener noreferrer" in link or not ok
