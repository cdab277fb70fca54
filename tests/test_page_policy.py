"""The page policy: script in any form a browser would run is refused with its line and column;
HTML shown as code, allowed elements and ordinary Markdown pass."""

from __future__ import annotations

import pytest

from gradedclaims import pagepolicy


def found(text: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in pagepolicy.check_text(text)]


@pytest.mark.parametrize("text, expected", [
    ("<SCRIPT SRC=//example.org/x.js></SCRIPT>", [(1, 1, "html-script")]),
    ("a\n  <script\n>alert(1)</script>", [(2, 3, "html-script")]),
    ('<img alt=">" src=x ONERROR=alert(1)>', [(1, 1, "html-event-handler")]),
    ("<img src=x onerror\n=alert(1)>", [(1, 1, "html-event-handler")]),
    ("<svg onload=alert(1)>", [(1, 1, "html-event-handler"), (1, 1, "html-tag-not-allowed")]),
    ('<a href="&#106;ava&#x73;cript:alert(1)">x</a>', [(1, 1, "unsafe-url")]),
    ('<a href="java\tscript:alert(1)">x</a>', [(1, 1, "unsafe-url")]),
    ("<a href=' JavaScript:alert(1)'>x</a>", [(1, 1, "unsafe-url")]),
    ('<img srcset="a.png 1x, data:image/svg+xml,x 2x">', [(1, 1, "unsafe-url")]),
    ('<a href="vbscript:msgbox(1)">x</a>', [(1, 1, "unsafe-url")]),
    ("[x]( javascript:alert(1) )", [(1, 6, "unsafe-url")]),
    ("[x](<javascript:alert(1)>)", [(1, 5, "unsafe-url"), (1, 6, "unsafe-url")]),
    ("[x](&#x6A;avascript:alert(1))", [(1, 5, "unsafe-url")]),
    ("[ref]: javascript:alert(1)\n", [(1, 8, "unsafe-url")]),
    ("<javascript:alert(1)>", [(1, 1, "unsafe-url")]),
    ("<object data=x></object><embed src=x>", [(1, 1, "html-embed"), (1, 25, "html-embed")]),
    ('<p style="background:u\\72l(x)">x</p>', [(1, 1, "html-style-url")]),
    ('<p style="width: expression(alert(1))">x</p>', [(1, 1, "html-style-url")]),
    ("Text {: style='background:url(x)' }", [(1, 6, "html-style-url")]),
    ("![i](x.png){ onload=alert(1) }", [(1, 12, "html-event-handler")]),
    ("<!-- unclosed comment\n<script>x</script>", [(2, 1, "html-script")]),
    ("<scr<script>ipt>", [(1, 5, "html-script")]),
    ("<script <b>alert(1)</script>", [(1, 1, "html-script")]),
    ("<div onclick=alert(1) <b>", [(1, 1, "html-event-handler")]),
    ('<img src=x title="unclosed <script>', [(1, 28, "html-script")]),
    ("<base href=https://example.org/><meta http-equiv=refresh><form action=x>",
     [(1, 1, "html-tag-not-allowed"), (1, 33, "html-tag-not-allowed"), (1, 58, "html-tag-not-allowed")]),
])
def test_script_in_every_form_is_refused(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "Shown as code: `<script>alert(1)</script>` and ``<img onerror=x>``.",
    "```html\n<script>alert(1)</script>\n```",
    "~~~~\n<iframe src=x></iframe>\n~~~~",
    "<!-- a comment with <script> inside -->",
    "1 < 2 and 3 > 2, x<y, a <= b, <5 %",
    '<span class="oxy-cite" title="a > b">x</span> <abbr title="oxytocin">OXT</abbr> <br> <sup>1</sup>',
    "<details><summary>More</summary>\n\nText.\n\n</details>",
    "[a link](https://example.org/a_(b)) [mail](mailto:x@example.org) [rel](page.md#anchor)",
    "<https://example.org/> <someone@example.org>",
    "# Heading {: #custom-id .wide }",
    "A {placeholder} and {another key=value}",
    '<img src="images/figure.png" alt="A figure">',
    "[claim:some-id] a claim marker",
])
def test_code_examples_and_allowed_html_pass(text):
    assert found(text) == []


def test_messages_quote_names_as_short_excerpts():
    text = "<a " + "o" * 5000 + "nclick=1>"
    assert all(len(f.message) < 200 for f in pagepolicy.check_text(text))
    [finding] = pagepolicy.check_text("<x" + "y" * 5000 + ">")
    assert finding.code == "html-tag-not-allowed" and "…" in finding.message and len(finding.message) < 200


def test_allowed_elements_come_from_the_configuration():
    rules = pagepolicy.policy()
    assert {"span", "abbr", "details", "img", "a"} <= rules.allowed_tags
    assert not {"script", "iframe", "object", "embed"} & rules.allowed_tags
    assert rules.forbidden_schemes == {"javascript", "vbscript", "data"}


def test_entity_padding_cannot_hide_a_scheme():
    padded = "&#" + "0" * 5000 + "106;avascript:alert(1)"
    assert found(f"[x]({padded})") == [(1, 5, "unsafe-url")]
    assert found(f'<a href="{padded}">x</a>') == [(1, 1, "unsafe-url")]


def test_an_entity_is_decoded_once_as_by_a_browser():
    assert found('<a href="&amp;#106;avascript:alert(1)">x</a>') == []


def test_huge_numeric_reference_does_not_crash():
    assert found("<a href='&#" + "9" * 6000 + ";x'>x</a> [y](&#x" + "f" * 6000 + ";)") == []
